/*
 * audit: the append-only record of every state change (who, what, when,
 * from where).  Call it inside the transaction that makes the change, so
 * that the change and its audit row commit or fail together.
 */
#ifndef IDONEO_AUDIT_H
#define IDONEO_AUDIT_H

#include <stdint.h>

#include "domain/principal.h"
#include "query.h"

int	 audit_add(struct store *, const struct principal *, int64_t comune_id,
	    const char *action, const char *entity, int64_t entity_id,
	    const char *detail);

#endif
