/*
 * period: see period.h.
 */
#include "date.h"
#include "period.h"

/* The first day of day's month. */
static int
month_start(int day)
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return day - d + 1;
}

/*
 * Cuts the days from..to (both included) into the whole months they hold,
 * from the one that starts on first_month to the one that ends on
 * last_month, and at most two ends of fewer days than a month.  Returns
 * false, and leaves *out alone, when no whole month is inside (or to comes
 * before from): then the period is all of one piece.
 */
bool
period_cut(int from, int to, struct period_cut *out)
{
	int	 first = month_start(from), last;

	if (first != from)
		first = date_add_months(first, 1);
	/* The day before the month after to's, if to is its month's last. */
	last = date_add_months(month_start(to), 1) - 1;
	if (last != to)
		last = month_start(to) - 1;
	if (from > to || first > last)
		return false;
	out->first_month = first;
	out->last_month = last;
	out->nends = 0;
	if (from < first) {
		out->ends[out->nends][0] = from;
		out->ends[out->nends++][1] = first - 1;
	}
	if (last < to) {
		out->ends[out->nends][0] = last + 1;
		out->ends[out->nends++][1] = to;
	}
	return true;
}
