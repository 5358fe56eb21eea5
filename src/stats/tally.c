/*
 * tally: the rows of a figure of every comune, from the monthly totals
 * that migration 0026's triggers keep for the whole months of the period,
 * and from the cases themselves for the days left at its ends
 * (domain/period.c).  On a national database a year of the figures reads
 * a few thousand totals instead of every case of the year; the ends read
 * at most two months' cases.
 *
 * The triggers append their changes to tally_deltas, which the figures
 * read beside the totals (the view tally_totals); stats_fold adds them
 * into the totals before the figures are read, and the worker every ten
 * minutes, so that they stay few.
 *
 * A comune's own figures are read from its cases (the index by comune
 * makes that quick), and so is every figure when the query asks for the
 * cases (from_cases: the check that the totals are exact).
 */

#include "base/log.h"
#include "domain/date.h"
#include "domain/period.h"
#include "service/worker.h"
#include "stats.h"
#include "tally.h"
#include "store/query.h"

/*
 * Folds the changes appended since the last fold into the totals.  The
 * figures are exact without it (they read both), so a fold that fails,
 * say on a deadlock with another fold, is only logged.
 */
int
stats_fold(struct store *st)
{
	for (int i = 0; i < STORE_RETRIES; i++) {
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			break;
		if (store_exec(st, STMT_TALLY_FOLD, "") >= 0 &&
		    store_exec(st, STMT_TALLY_FOLD_CLEAR, "") >= 0 &&
		    store_tx(st, STORE_COMMIT) == 0)
			return 0;
		store_tx(st, STORE_ROLLBACK);
		if (!store_retryable(st))
			break;
	}
	log_warn("stats: the totals' changes were not folded");
	return -1;
}

/*
 * The worker folds the changes every ten minutes as well, so that they do
 * not pile up where nobody asks for figures.
 */
void
stats_add_worker(void)
{
	worker_add_round("tallies", 600, 600, stats_fold);
}

/* Appends raw's rows of the days from..to; by_comune: raw takes the
 * comune twice first. */
static int
raw_rows(struct store *st, json_t *rows, const struct stats_query *q,
    enum stmt raw, bool by_comune, const char *from, const char *to)
{
	if (by_comune)
		return store_rows_into(st, rows, raw, "iissss", q->comune_id,
		    q->comune_id, from, to, q->purpose, q->purpose);
	return store_rows_into(st, rows, raw, "ssss", from, to, q->purpose,
	    q->purpose);
}

/*
 * The rows of statement raw for q, or those of tally for the whole months
 * of the period and raw's for its ends, of the same shape.  NULL on a
 * database error.
 */
json_t *
stats_rows(struct store *st, const struct stats_query *q, enum stmt raw,
    enum stmt tally, bool by_comune)
{
	struct period_cut	 cut;
	json_t			*rows = json_array();
	char			 m0[DATE_STRLEN], m1[DATE_STRLEN];
	char			 from[DATE_STRLEN], to[DATE_STRLEN];
	int			 a, b;

	if (q->comune_id != 0 || q->from_cases || !date_parse(q->from, &a) ||
	    !date_parse(q->to, &b) || !period_cut(a, b, &cut)) {
		if (raw_rows(st, rows, q, raw, by_comune, q->from, q->to) < 0)
			goto fail;
		return rows;
	}
	/* The totals are by month: "YYYY-MM". */
	date_format(cut.first_month, m0);
	date_format(cut.last_month, m1);
	m0[7] = m1[7] = '\0';
	if (store_rows_into(st, rows, tally, "ssss", m0, m1, q->purpose,
	    q->purpose) < 0)
		goto fail;
	for (size_t i = 0; i < cut.nends; i++) {
		date_format(cut.ends[i][0], from);
		date_format(cut.ends[i][1], to);
		if (raw_rows(st, rows, q, raw, by_comune, from, to) < 0)
			goto fail;
	}
	return rows;
fail:
	json_decref(rows);
	return NULL;
}
