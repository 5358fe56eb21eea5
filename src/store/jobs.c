/*
 * jobs: see jobs.h.
 */
#include "base/clock.h"
#include "jobs.h"

/* Adds a job due at run_after (UTC text; NULL: now).  Returns its id or -1. */
int64_t
jobs_enqueue(struct store *st, const char *kind, const char *payload,
    const char *run_after)
{
	char	 now[CLOCK_STRLEN];
	int64_t	 id;

	clock_utc(clock_now(), now);
	if (store_int(st, &id, STMT_JOB_ENQUEUE, "ssss", kind, payload,
	    run_after ? run_after : now, now) <= 0)
		return -1;
	return id;
}

/*
 * Claims the next due job of kind for worker, for lease_seconds.  Returns
 * 1 with the job ({id, kind, payload, attempts}) in *job, 0 when none is
 * due, -1 on error.
 */
int
jobs_claim(struct store *st, const char *kind, const char *worker,
    int lease_seconds, json_t **job)
{
	char	 now[CLOCK_STRLEN], until[CLOCK_STRLEN];
	time_t	 t = clock_now();
	int	 rc;

	*job = NULL;
	clock_utc(t, now);
	clock_utc(t + lease_seconds, until);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	rc = store_row(st, job, STMT_JOB_CLAIM, "sssss", worker, until, kind,
	    now, now);
	if (rc < 0) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	if (store_tx(st, STORE_COMMIT) < 0) {
		json_decref(*job);
		*job = NULL;
		return -1;
	}
	return rc;
}

/* Marks a job done; only its claimer may.  Returns 0, or -1. */
int
jobs_done(struct store *st, int64_t id, const char *worker)
{
	char	 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	return store_exec(st, STMT_JOB_DONE, "sis", now, id, worker) == 1 ?
	    0 : -1;
}

/*
 * Keeps worker's claim of a job that is still running for lease_seconds
 * more, so that a lease can be short: a worker that dies lets its job go
 * soon.  Returns 0, or -1 when the claim is no longer worker's.
 */
int
jobs_renew(struct store *st, int64_t id, const char *worker,
    int lease_seconds)
{
	char	 until[CLOCK_STRLEN];

	clock_utc(clock_now() + lease_seconds, until);
	return store_exec(st, STMT_JOB_RENEW, "sis", until, id, worker) == 1 ?
	    0 : -1;
}

/*
 * Gives a claimed job back to run again at run_after (UTC text): the work
 * could not be done now (another process holds what it needs).
 */
int
jobs_defer(struct store *st, int64_t id, const char *worker,
    const char *run_after)
{
	return store_exec(st, STMT_JOB_DEFER, "sis", run_after, id, worker) ==
	    1 ? 0 : -1;
}

int64_t
jobs_open(struct store *st, const char *kind)
{
	int64_t	 n = -1;

	if (store_int(st, &n, STMT_JOB_COUNT_OPEN, "s", kind) < 0)
		return -1;
	return n;
}
