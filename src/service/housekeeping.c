/*
 * housekeeping: the hourly purge of expired sessions and old login
 * attempts (auth_purge), run as a job of the worker.
 */
#include "auth.h"
#include "base/log.h"
#include "housekeeping.h"
#include "worker.h"

#define PURGE_EVERY_SECONDS	3600
#define PURGE_LEASE_SECONDS	300

static enum worker_outcome
purge_run(struct store *st, const struct worker_job *job)
{
	(void)job;
	if (auth_purge(st) < 0)
		log_warn("housekeeping: the purge of expired sessions failed");
	return WORKER_DONE;
}

/* Adds the periodic jobs to the worker (before worker_start). */
void
housekeeping_add(void)
{
	worker_add("purge", PURGE_LEASE_SECONDS, PURGE_EVERY_SECONDS, purge_run);
}
