/*
 * report: delivery reports that come back over HTTP.  Each carries the
 * message's token, which only the gateway we gave it to knows, so that
 * nobody else can forge one (compared in constant time).  A report for a
 * message that is no longer on its way (a repeat, or one that came after
 * a later one) changes nothing and is answered as taken, so the gateway
 * stops sending it, as GOV.UK Notify does.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "notify.h"
#include "outbox.h"
#include "store/query.h"

static enum notify_report
apply(struct store *st, int64_t id, const char *token, const char *status,
    const char *detail)
{
	json_t		*m;
	const char	*want;
	char		 now[CLOCK_STRLEN];
	int		 rc;

	if ((rc = store_row(st, &m, STMT_MSG_GET, "i", id)) < 0)
		return NOTIFY_REPORT_ERROR;
	if (rc == 0)
		return NOTIFY_REPORT_UNKNOWN;
	want = jfield_str(m, "token");
	if (token == NULL || want == NULL || strlen(token) != strlen(want) ||
	    sodium_memcmp(token, want, strlen(want)) != 0) {
		json_decref(m);
		return NOTIFY_REPORT_FORGED;
	}
	json_decref(m);
	if (status == NULL)
		return NOTIFY_REPORT_OK;
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_MSG_REPORT, "ssssi", status, detail, now, now,
	    id) < 0)
		return NOTIFY_REPORT_ERROR;
	return NOTIFY_REPORT_OK;
}

/*
 * A Kannel report: dlr is the %d of the dlr-url (1 delivered, 2 not
 * delivered, 4 queued on the SMSC, 8 taken by the SMSC, 16 refused by the
 * SMSC), reply the SMSC's words (%A).
 */
enum notify_report
notify_report_kannel(struct store *st, int64_t id, const char *token, int dlr,
    const char *reply)
{
	const char	*status = NULL;
	char		 detail[160];

	switch (dlr) {
	case 1:
		status = "delivered";
		break;
	case 2:
	case 16:
		status = "permanent-failure";
		break;
	case 4:
	case 8:
		status = "sent";
		break;
	default:
		break;
	}
	snprintf(detail, sizeof(detail), "DLR %d%s%.120s", dlr,
	    reply != NULL && *reply != '\0' ? ": " : "", reply ? reply : "");
	return apply(st, id, token, status, detail);
}

/*
 * A REST provider's report: status is one of its words for the outcome
 * (delivered, failed, undelivered, rejected, expired, sent, accepted).
 */
enum notify_report
notify_report_status(struct store *st, int64_t id, const char *token,
    const char *status, const char *detail)
{
	static const struct { const char *word, *status; } map[] = {
		{"delivered", "delivered"}, {"sent", "sent"},
		{"accepted", "sent"}, {"failed", "permanent-failure"},
		{"undelivered", "permanent-failure"},
		{"rejected", "permanent-failure"},
		{"expired", "permanent-failure"},
	};
	const char *to = NULL;

	for (size_t i = 0; status != NULL && i < sizeof(map) / sizeof(map[0]);
	    i++)
		if (strcmp(map[i].word, status) == 0)
			to = map[i].status;
	return apply(st, id, token, to, detail ? detail : "");
}
