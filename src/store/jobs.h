/*
 * jobs: the job queue of background workers.  A worker claims one due job
 * for a lease; many workers, in many processes, claim at once without ever
 * getting the same job (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: its
 * single writer).  A claim whose lease lapses (the worker died) is claimed
 * again.
 */
#ifndef IDONEO_JOBS_H
#define IDONEO_JOBS_H

#include <stdint.h>

#include "query.h"

int64_t	 jobs_enqueue(struct store *, const char *kind, const char *payload,
	    const char *run_after);
int	 jobs_claim(struct store *, const char *kind, const char *worker,
	    int lease_seconds, json_t **job);
int	 jobs_done(struct store *, int64_t id, const char *worker);
int	 jobs_renew(struct store *, int64_t id, const char *worker,
	    int lease_seconds);
int	 jobs_defer(struct store *, int64_t id, const char *worker,
	    const char *run_after);
int64_t	 jobs_open(struct store *, const char *kind);

#endif
