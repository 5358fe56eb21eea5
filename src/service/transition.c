/*
 * transition: a step of a case's procedure (L. 241/1990), with its effect
 * on the deadline, its timeline row and its audit row, in one transaction.
 * The certificate is issued here, when the case reaches certificate_ready.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "certificates.h"
#include "comune_cache.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/workflow.h"
#include "notify/notify.h"
#include "points/pickup.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "transition.h"
#include "worker.h"

/*
 * Applies a transition.  reason is the motivation (required where the law
 * wants one); effective is the day the event happened (ISO or Italian
 * date), defaulting to today, which matters when the clock stops or
 * restarts: a clerk records on Monday documents that arrived on Friday.  It
 * may not be in the future nor before the last event.  The deadline is
 * recomputed and stored; the timeline and the audit log get a row each.
 */
static enum svc_result transition_once(struct store *,
    const struct principal *, int64_t, const char *, const char *,
    const char *, json_t *);
static enum svc_result transition_apply(struct store *,
    const struct principal *, int64_t, const char *, const char *,
    const char *, json_t *, unsigned);

enum svc_result
cases_transition(struct store *st, const struct principal *p, int64_t id,
    const char *action, const char *reason, const char *effective,
    json_t *errors)
{
	enum svc_result	 r;
	int			 n = 0;

	do
		r = transition_once(st, p, id, action, reason, effective,
		    errors);
	while (r == SVC_ERROR && store_retryable(st) && ++n < STORE_RETRIES);
	return r;
}

static enum svc_result
transition_once(struct store *st, const struct principal *p, int64_t id,
    const char *action, const char *reason, const char *effective,
    json_t *errors)
{
	enum svc_result	 r;

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	r = transition_apply(st, p, id, action, reason, effective, errors, 0);
	if (r == SVC_OK && store_tx(st, STORE_COMMIT) == 0) {
		worker_wake();
		return SVC_OK;
	}
	store_tx(st, STORE_ROLLBACK);
	return r == SVC_OK ? SVC_ERROR : r;
}

/*
 * A step inside the caller's transaction.  flags: TRANSITION_VOUCHED, the
 * caller has established p's right to this case another way (a point
 * operator's checked pickup, service/handover.c), so the office's access
 * rule is not asked; TRANSITION_TERM_EXPIRED, an answer to a notice of
 * refusal that is the term running out, not observations.
 */
enum svc_result
cases_transition_in_tx(struct store *st, const struct principal *p,
    int64_t id, const char *action, const char *reason,
    const char *effective, json_t *errors, unsigned flags)
{
	return transition_apply(st, p, id, action, reason, effective, errors,
	    flags);
}

static enum svc_result
transition_apply(struct store *st, const struct principal *p, int64_t id,
    const char *action, const char *reason, const char *effective,
    json_t *errors, unsigned flags)
{
	struct deadline_rules		 rules;
	struct deadline_state		 ds;
	const struct wf_transition	*t;
	struct case_row			 c;
	json_t				*last;
	int				 found;
	int				 a, from, eff, today = clock_today();
	int				 start = 0, open = -1, stopped, lastday;
	enum wf_refusal			 r;
	enum svc_result		 res = SVC_ERROR;
	json_t				*more = NULL;
	char				 now[CLOCK_STRLEN], effs[DATE_STRLEN];
	char				 due[DATE_STRLEN];
	const char			*stopped_on, *decided;
	bool				 notice;

	if (reason != NULL && strlen(reason) > 2000) {
		json_object_set_new(errors, "reason", json_string(
		    _("Motivazione: al massimo 2000 caratteri")));
		return SVC_INVALID;
	}
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if ((a = wf_action_from_name(action ? action : "")) < 0) {
		json_object_set_new(errors, "action", json_string(
		    _(wf_refusal_messages[WF_BAD_ACTION])));
		return SVC_INVALID;
	}
	t = &wf_transitions[a];
	eff = today;
	if (effective != NULL && *effective != '\0' &&
	    !date_parse(effective, &eff)) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: data non valida, scrivere GG/MM/AAAA")));
		return SVC_INVALID;
	}
	if (eff > today) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: non può essere nel futuro")));
		return SVC_INVALID;
	}

	if ((found = rows_case_get(st, id, &c)) < 0)
		goto out;
	if (found == 0 || (!(flags & TRANSITION_VOUCHED) && !access_case(p,
	    c.comune_id, c.association_id))) {
		res = SVC_NOT_FOUND;
		goto out;
	}
	from = wf_state_from_name(c.state);
	notice = c.had_refusal_notice;
	r = wf_check(a, from, p->role, reason != NULL, notice);
	if (r != WF_ALLOWED) {
		json_object_set_new(errors, r == WF_NEEDS_REASON ? "reason" :
		    "action", json_string(_(wf_refusal_messages[r])));
		res = r == WF_FORBIDDEN_ROLE ? SVC_FORBIDDEN :
		    r == WF_NEEDS_REASON ? SVC_INVALID : SVC_CONFLICT;
		goto out;
	}
	/* An association acts only on its own applications (may_see). */

	if ((last = store_rows(st, STMT_CASE_EVENTS, "i", id)) == NULL)
		goto out;
	lastday = 0;
	date_parse(jfield_str(json_array_get(last, json_array_size(last) - 1),
	    "effective_on"), &lastday);
	json_decref(last);
	if (eff < lastday) {
		json_object_set_new(errors, "effective_on", json_string(
		    _("Data dell'evento: non può precedere l'ultimo evento "
		    "della pratica")));
		res = SVC_INVALID;
		goto out;
	}

	if (comune_cache_rules(st, p->comune_id, &rules) < 0)
		goto out;
	rules.term_days = c.term_days;
	date_parse(c.received_on, &start);
	stopped = c.stopped_days;
	stopped_on = c.clock_stopped_on;
	if (*stopped_on != '\0')
		date_parse(stopped_on, &open);
	decided = c.decided_on[0] != '\0' ? c.decided_on : NULL;
	date_format(eff, effs);

	switch (t->clock) {
	case WF_CLOCK_STOP:
		open = eff;
		break;
	case WF_CLOCK_RESTART:
		if (open >= 0)
			stopped += wf_clock_restart(from, open, eff,
			    !(flags & TRANSITION_TERM_EXPIRED)) - open;
		open = -1;
		break;
	case WF_CLOCK_END:
		decided = effs;
		break;
	case WF_CLOCK_KEEP:
		break;
	}
	if (a == WF_NOTICE_REFUSAL)
		notice = true;
	deadline_compute_totals(&rules, start, stopped, open, eff, &ds);
	date_format(ds.due, due);
	if (t->clock == WF_CLOCK_END || t->clock == WF_CLOCK_KEEP)
		snprintf(due, sizeof(due), "%s", c.due_on);
	if (t->clock == WF_CLOCK_STOP) {
		/* While stopped the stored deadline stays the running one. */
		snprintf(due, sizeof(due), "%s", c.due_on);
	}
	{
		char os[DATE_STRLEN];

		if (open >= 0)
			date_format(open, os);
		clock_utc(clock_now(), now);
		if (store_exec(st, STMT_CASE_UPDATE_STATE, "sssdbssis",
		    wf_state_names[t->to], due, open >= 0 ? os : NULL, stopped,
		    notice, decided, now, id, c.state) != 1)
			goto out;
	}
	/* The milestones the office's numbers count (migration 0020). */
	if (t->to == WF_CERT_READY && store_exec(st, STMT_CASE_READY_SET,
	    "sdi", effs, eff - start, id) != 1)
		goto out;
	if (t->to == WF_DELIVERED && store_exec(st, STMT_CASE_DELIVERED_SET,
	    "di", eff - start, id) != 1)
		goto out;
	if (store_exec(st, STMT_EVENT_INSERT, "isssssssss", id, now, effs,
	    p->actor, p->name, t->name, c.state, wf_state_names[t->to],
	    reason ? reason : "", due) < 0)
		goto out;
	if (audit_add(st, p, p->comune_id, t->name, "case", id,
	    wf_state_names[t->to]) < 0)
		goto out;
	/*
	 * A ready certificate goes to the place the applicant chose, with a
	 * new pickup code that its message carries (points/pickup.c); a
	 * handover, wherever it happens, ends the code.
	 */
	more = json_object();
	if (t->to == WF_CERT_READY && pickup_issue(st, id, c.comune_id, eff,
	    more) < 0)
		goto out;
	if (t->to == WF_DELIVERED && pickup_end(st, id, "delivered",
	    p->actor) < 0)
		goto out;
	/* What the step tells the applicant, in the same transaction. */
	if (notify_transition(st, id, t->name, reason, eff, p->actor,
	    more) < 0)
		goto out;
	/*
	 * The certificate is issued: it takes the comune's next number for
	 * the year of the event, last before the commit (the counter row
	 * stays locked until then), as the protocol number does, and is
	 * sealed with what the case states now (certificates.c).
	 */
	if (t->to == WF_CERT_READY && c.certificate_no <= 0 &&
	    certificates_issue(st, p, id, eff, NULL) < 0)
		goto out;
	log_info("case=%lld action=%s state=%s", (long long)id, t->name,
	    wf_state_names[t->to]);
	res = SVC_OK;
out:
	json_decref(more);
	return res;
}

