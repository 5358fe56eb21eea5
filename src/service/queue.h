/*
 * queue: listing and finding cases.
 */
#ifndef IDONEO_QUEUE_H
#define IDONEO_QUEUE_H

#include <stdbool.h>

#include <jansson.h>

#include "domain/principal.h"

struct store;

json_t	*cases_list(struct store *, const struct principal *,
	    const char *state, bool open_only, int limit, int offset);
json_t	*cases_search(struct store *, const struct principal *,
	    const char *q, int limit);

#endif
