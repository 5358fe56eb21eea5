/*
 * period: a period of days cut into the whole months it holds and the days
 * left at its two ends, so that figures kept by month (the dashboard's
 * totals, migration 0026) can be added to those read day by day for the
 * ends.  Pure functions on domain/date.h's day numbers.
 */
#ifndef IDONEO_PERIOD_H
#define IDONEO_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

struct period_cut {
	int	 first_month, last_month;	/* their first and last day */
	int	 ends[2][2];			/* [from, to] of each end */
	size_t	 nends;
};

bool	 period_cut(int from, int to, struct period_cut *);

#endif
