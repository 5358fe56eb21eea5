/*
 * tx: a service's write in one transaction, run again after a conflict
 * with another writer (PostgreSQL's serialisation failures).
 */
#ifndef IDONEO_TX_H
#define IDONEO_TX_H

#include "domain/principal.h"
#include "domain/result.h"

struct store;

typedef enum svc_result (*store_write_fn)(struct store *,
    const struct principal *, void *);

enum svc_result	 store_write(struct store *, store_write_fn,
		    const struct principal *, void *);

#endif
