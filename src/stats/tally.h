/*
 * tally: a figure's rows from the monthly totals and the cases (tally.c).
 * Private to src/stats.
 */
#ifndef IDONEO_STATS_TALLY_H
#define IDONEO_STATS_TALLY_H

#include <stdbool.h>

#include <jansson.h>

#include "store/stmts.h"

struct store;
struct stats_query;

json_t	*stats_rows(struct store *, const struct stats_query *, enum stmt raw,
	    enum stmt tally, bool by_comune);

#endif
