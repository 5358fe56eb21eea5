/*
 * refusal_term: the ten days to answer a notice of refusal (L. 241/1990
 * art. 10-bis) run out by themselves.  Once a day the worker restarts the
 * clock of every case whose notice has gone unanswered for ten days, on
 * the tenth day, as the law does, without waiting for a clerk to record
 * it; observations that come later are the clerk's to weigh, and restart
 * nothing (domain/workflow.c, wf_clock_restart).
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "domain/date.h"
#include "domain/workflow.h"
#include "refusal_term.h"
#include "store/query.h"
#include "transition.h"
#include "worker.h"

/* Restarts the clock of one case whose term ran out on day. */
static int
expire(struct store *st, int64_t case_id, int64_t comune_id, int day)
{
	struct principal sys;
	json_t		*errors = json_object();
	char		 eff[DATE_STRLEN];
	enum svc_result	 r = SVC_ERROR;

	access_system(&sys, comune_id, "idoneo");
	date_format(day, eff);
	if (store_tx(st, STORE_BEGIN_WRITE) == 0) {
		r = cases_transition_in_tx(st, &sys, case_id, "answer_refusal",
		    "Termine di 10 giorni scaduto senza osservazioni "
		    "(art. 10-bis L. 241/1990)", eff, errors,
		    TRANSITION_TERM_EXPIRED);
		if (r == SVC_OK && store_tx(st, STORE_COMMIT) == 0)
			worker_wake();
		else {
			store_tx(st, STORE_ROLLBACK);
			if (r == SVC_OK)
				r = SVC_ERROR;
		}
	}
	json_decref(errors);
	/* A case that moved meanwhile (a clerk was quicker) is no error. */
	return r == SVC_OK || r == SVC_CONFLICT ? 0 : -1;
}

/* Every case whose ten days ran out before today, oldest first. */
int
refusal_terms_expire(struct store *st)
{
	char	 before[DATE_STRLEN];
	json_t	*due, *c;
	size_t	 i;
	int	 n = 0, day;

	date_format(clock_today() - WF_REFUSAL_ANSWER_DAYS, before);
	if ((due = store_rows(st, STMT_CASE_REFUSAL_DUE, "s", before)) == NULL)
		return -1;
	json_array_foreach(due, i, c) {
		if (!date_parse(jfield_text(c, "clock_stopped_on"), &day))
			continue;
		if (expire(st, jfield_int(c, "id"), jfield_int(c, "comune_id"),
		    day + WF_REFUSAL_ANSWER_DAYS) < 0)
			n = -1;
		else if (n >= 0)
			n++;
	}
	json_decref(due);
	if (n > 0)
		log_info("refusal_term: %d clocks restarted", n);
	return n;
}

void
refusal_term_add_worker(void)
{
	worker_add_round("refusal_terms", 600, 3600, refusal_terms_expire);
}
