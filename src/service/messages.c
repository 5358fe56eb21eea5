/*
 * messages: see messages.h.  The office (head and clerks) handles its
 * comune's messages; an association sees those of its own applications
 * but changes nothing; the list of all messages is for the head and the
 * admin.  Every change writes an audit row.
 */
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "domain/date.h"
#include "messages.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "worker.h"

/* The comune of a case p may see, or 0 (none), or -1 on error. */
static int64_t
case_comune(struct store *st, const struct principal *p, int64_t id)
{
	struct case_row	 c;
	int		 rc;

	if ((rc = rows_case_version_get(st, id, &c)) <= 0)
		return rc;
	return access_case(p, c.comune_id, c.association_id) ? c.comune_id :
	    0;
}

enum svc_result
messages_case(struct store *st, const struct principal *p, int64_t case_id,
    json_t **out)
{
	int64_t comune = case_comune(st, p, case_id);

	*out = NULL;
	if (comune < 0)
		return SVC_ERROR;
	if (comune == 0)
		return SVC_NOT_FOUND;
	return (*out = notify_case_messages(st, case_id)) != NULL ? SVC_OK :
	    SVC_ERROR;
}

enum svc_result
messages_list(struct store *st, const struct principal *p,
    const struct messages_filter *f, json_t **out)
{
	int64_t	 comune = f->comune_id;
	int	 to;
	char	 until[DATE_STRLEN];

	*out = NULL;
	if (p->role != ROLE_HEAD && p->role != ROLE_ADMIN)
		return SVC_FORBIDDEN;
	if (p->role == ROLE_HEAD)
		comune = p->comune_id;
	/* The period's last day is in it. */
	if (!date_parse(f->to, &to))
		return SVC_INVALID;
	date_format(to + 1, until);
	return (*out = notify_list(st, comune, f->status, f->channel, f->from,
	    until)) != NULL ? SVC_OK : SVC_ERROR;
}

/*
 * Runs one of the desk's changes on a case of the office, with its audit
 * row, in one transaction.
 */
enum desk_op { DESK_RESEND, DESK_TEXT, DESK_OPT_OUT };

static enum svc_result
desk(struct store *st, const struct principal *p, int64_t case_id,
    enum desk_op op, int64_t message_id, const char *channel,
    const char *text, json_t *errors)
{
	static const char *const actions[] = {"message_resend",
	    "message_text", "message_opt_out"};
	enum notify_desk	 d;
	int64_t			 comune;

	if (!access_office(p))
		return SVC_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((comune = case_comune(st, p, case_id)) <= 0) {
		store_tx(st, STORE_ROLLBACK);
		return comune < 0 ? SVC_ERROR : SVC_NOT_FOUND;
	}
	d = op == DESK_RESEND ? notify_resend(st, case_id, message_id,
	    p->actor) : op == DESK_TEXT ? notify_free_text(st, case_id,
	    channel, text, p->actor, errors) : notify_opt_out(st, case_id,
	    channel, p->actor, errors);
	if (d != NOTIFY_DESK_OK) {
		store_tx(st, STORE_ROLLBACK);
		return d == NOTIFY_DESK_NOT_FOUND ? SVC_NOT_FOUND :
		    d == NOTIFY_DESK_INVALID ? SVC_INVALID : SVC_ERROR;
	}
	if (audit_add(st, p, comune, actions[op], "case", case_id,
	    op == DESK_RESEND ? "" : channel) < 0 ||
	    store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		return SVC_ERROR;
	}
	worker_wake();
	return SVC_OK;
}

enum svc_result
messages_resend(struct store *st, const struct principal *p, int64_t case_id,
    int64_t message_id)
{
	return desk(st, p, case_id, DESK_RESEND, message_id, NULL, NULL, NULL);
}

enum svc_result
messages_free_text(struct store *st, const struct principal *p,
    int64_t case_id, const char *channel, const char *text, json_t *errors)
{
	return desk(st, p, case_id, DESK_TEXT, 0, channel, text, errors);
}

enum svc_result
messages_opt_out(struct store *st, const struct principal *p, int64_t case_id,
    const char *channel, json_t *errors)
{
	return desk(st, p, case_id, DESK_OPT_OUT, 0, channel, NULL, errors);
}

/*
 * The worker's part: every round it sends a batch of due messages, and
 * every few seconds it looks for messages to send on the other channel;
 * once a day it writes the "certificate expiring" messages.
 */
static int
drain(struct store *st, const char *worker)
{
	static time_t	 last_fallback;
	time_t		 now = clock_now();
	int		 n = notify_drain(st, worker);

	if (n >= 0 && now - last_fallback >= 5) {
		int f = notify_fallbacks(st);

		last_fallback = now;
		if (f > 0)
			n += f;
	}
	return n;
}

static enum worker_outcome
expiring(struct store *st, const struct worker_job *job)
{
	(void)job;
	notify_expiring(st);
	return WORKER_DONE;
}

void
messages_add_worker(void)
{
	worker_add_poll(drain);
	worker_add("expiring", 600, 86400, expiring);
}
