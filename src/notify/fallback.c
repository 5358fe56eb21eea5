/*
 * fallback: a message that failed for good on one channel goes on the
 * other.  An SMS that failed permanently or expired, or whose delivery
 * report did not come within IDONEO_DLR_TIMEOUT, is sent again as an
 * e-mail, and an e-mail that failed as an SMS, when the applicant has that
 * contact and was not already written to on that channel for the same
 * event.  A fallback has no fallback of its own, and a message to someone
 * else (an association that receives a case's messages, a draft's code)
 * has none.
 */
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "outbox.h"
#include "settings.h"
#include "store/query.h"

/* Considers the messages due for a fallback.  Returns how many it wrote,
 * or -1. */
int
notify_fallbacks(struct store *st)
{
	char	 before[CLOCK_STRLEN];
	json_t	*rows, *m;
	size_t	 i;
	int	 made = 0;

	clock_utc(clock_now() - notify_cfg.report_wait, before);
	if ((rows = store_rows(st, STMT_MSG_FALLBACK_DUE, "sd", before, 100)) ==
	    NULL)
		return -1;
	json_array_foreach(rows, i, m) {
		bool		 sms = strcmp(jfield_str(m, "channel"), "sms") == 0;
		const char	*to = jfield_str(m, sms ? "email" : "phone");
		const char	*was = jfield_str(m, sms ? "phone" : "email");
		int		 rc = 0;

		if (was == NULL || strcmp(was, jfield_text(m, "recipient")) != 0)
			to = NULL;

		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			break;
		/*
		 * Marked first: another worker that looked at the same message
		 * finds it marked and writes nothing (the row stays locked
		 * until the commit).
		 */
		rc = store_exec(st, STMT_MSG_FALLBACK_DONE, "i",
		    jfield_int(m, "id"));
		if (rc == 1 && jfield_int(m, "other") == 0 &&
		    jfield_int(m, "fallback_of") == 0 && to != NULL &&
		    *to != '\0') {
			rc = outbox_add(st, jfield_int(m, "comune_id"),
			    jfield_int(m, "case_id"), jfield_str(m, "event"),
			    sms ? "email" : "sms", to, jfield_str(m, "language"),
			    jfield_str(m, "params"), jfield_int(m, "id"),
			    "idoneo");
			made += rc == 1;
		}
		if (rc < 0 || store_tx(st, STORE_COMMIT) < 0) {
			store_tx(st, STORE_ROLLBACK);
			log_warn("notify: the fallback of message %lld failed",
			    (long long)jfield_int(m, "id"));
			break;
		}
	}
	json_decref(rows);
	return made;
}
