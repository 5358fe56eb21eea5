/*
 * worker: the background work of `serve`, run through the jobs table
 * (store/jobs.c): each kind of job is a function a service adds (imports
 * started from the web page, the hourly purge of expired sessions).  A job
 * is claimed for a lease; a worker killed in the middle of one loses
 * nothing, for the lease lapses and any worker, in any process, claims the
 * job again.
 */
#ifndef IDONEO_WORKER_H
#define IDONEO_WORKER_H

#include <stdint.h>

#include <jansson.h>

struct store;

/* What became of a job: done (well or not: its run logged it), or to be
 * run again in 30 s (what it needs is busy). */
enum worker_outcome { WORKER_DONE, WORKER_LATER };

/* A claimed job, as its kind's function gets it. */
struct worker_job {
	int64_t		 id;
	const char	*worker;	/* who claimed it: jobs_renew needs it */
	int		 lease;		/* seconds a claim (or a renewal) lasts */
	const json_t	*payload;
};

typedef enum worker_outcome (*worker_fn)(struct store *,
		    const struct worker_job *);

/* A function the worker calls on every round, for work that has its own
 * queue (the outbox): it returns how much it did, or -1. */
typedef int (*worker_poll_fn)(struct store *, const char *worker);

void	 worker_add(const char *kind, int lease_seconds, int every_seconds,
	    worker_fn);
typedef int (*worker_round_fn)(struct store *);

void	 worker_add_round(const char *kind, int lease_seconds,
	    int every_seconds, worker_round_fn);
void	 worker_add_poll(worker_poll_fn);
int	 worker_run(const char *prefix);
int	 worker_start(const char *prefix);
void	 worker_stop(void);
void	 worker_wake(void);
int	 worker_run_once(struct store *, const char *name);

#endif
