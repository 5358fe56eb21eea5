/*
 * worker: see worker.h.
 *
 * One thread per `serve` process claims due jobs kind by kind (the kinds
 * the services add: service/import_job.c, service/housekeeping.c), runs
 * each, and marks it done; with nothing due it sleeps until worker_wake or for
 * WORKER_IDLE_SECONDS.  Several processes on one PostgreSQL never run a
 * job twice at once (FOR UPDATE SKIP LOCKED in the claim).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "store/jobs.h"
#include "worker.h"

#define WORKER_IDLE_SECONDS	1
#define WORKER_MAX_ATTEMPTS	3	/* claims of one job, at most */

#define WORKER_KINDS	8

/* The kinds of job the worker runs (worker_add). */
static struct {
	const char	*kind;
	int		 lease;		/* seconds a claim lasts */
	int		 every;		/* seconds between runs, 0: on demand */
	worker_fn	 run;
	worker_round_fn	 round;		/* or this, for a periodic round */
} kinds[WORKER_KINDS];
static int	 nkinds;

#define WORKER_POLLS	4
static worker_poll_fn	 polls[WORKER_POLLS];
static int		 npolls;

/* Adds a function run on every round, before worker_start. */
void
worker_add_poll(worker_poll_fn fn)
{
	if (npolls == WORKER_POLLS)
		log_fatal("worker: more than %d polls", WORKER_POLLS);
	polls[npolls++] = fn;
}

/*
 * Adds a kind of job, before worker_start: run takes a claimed job's
 * payload and says whether it is done.  A kind with every > 0 runs on its
 * own that often: one job of it is kept queued, the first at once.
 */
void
worker_add(const char *kind, int lease_seconds, int every_seconds,
    worker_fn run)
{
	if (nkinds == WORKER_KINDS)
		log_fatal("worker: more than %d kinds of job", WORKER_KINDS);
	kinds[nkinds].kind = kind;
	kinds[nkinds].lease = lease_seconds;
	kinds[nkinds].every = every_seconds;
	kinds[nkinds].round = NULL;
	kinds[nkinds++].run = run;
}

/*
 * Adds a periodic round with no payload (reminders, recalls, a retention
 * policy): round does what is due and returns how much, or -1 to be tried
 * again in 30 seconds.
 */
void
worker_add_round(const char *kind, int lease_seconds, int every_seconds,
    worker_round_fn round)
{
	worker_add(kind, lease_seconds, every_seconds, NULL);
	kinds[nkinds - 1].round = round;
}

/*
 * Queues the next run of a periodic kind, after seconds, unless one is
 * queued already (open counts the one running, if any).
 */
static void
schedule(struct store *st, const char *kind, int seconds, int64_t open)
{
	char	 at[CLOCK_STRLEN];

	clock_utc(clock_now() + seconds, at);
	if (jobs_open(st, kind) <= open && jobs_enqueue(st, kind, "{}",
	    at) < 0)
		log_warn("worker: the next %s job could not be queued", kind);
}

/*
 * Claims and runs at most one due job of each kind, as worker name.
 * Returns how many ran, or -1 when the database failed.
 */
int
worker_run_once(struct store *st, const char *name)
{
	int	 ran = 0;

	for (int k = 0; k < nkinds; k++) {
		json_t		*job;
		int64_t		 id;
		enum worker_outcome o = WORKER_DONE;
		char		 later[CLOCK_STRLEN];
		int		 rc;

		if ((rc = jobs_claim(st, kinds[k].kind, name, kinds[k].lease,
		    &job)) < 0)
			return -1;
		if (rc == 0)
			continue;
		id = jfield_int(job, "id");
		if (jfield_int(job, "attempts") > WORKER_MAX_ATTEMPTS)
			log_warn("worker: job %lld (%s) gave up after %d "
			    "attempts", (long long)id, kinds[k].kind,
			    WORKER_MAX_ATTEMPTS);
		else {
			json_t *payload = json_loads(jfield_str(job,
			    "payload"), 0, NULL);
			struct worker_job wj = {id, name, kinds[k].lease,
			    payload};

			if (kinds[k].round != NULL)
				o = kinds[k].round(st) < 0 ? WORKER_LATER :
				    WORKER_DONE;
			else
				o = kinds[k].run(st, &wj);
			json_decref(payload);
			ran++;
		}
		if (kinds[k].every > 0)
			schedule(st, kinds[k].kind, kinds[k].every, 1);
		clock_utc(clock_now() + 30, later);
		if ((o == WORKER_LATER ? jobs_defer(st, id, name, later) :
		    jobs_done(st, id, name)) < 0)
			log_warn("worker: job %lld could not be closed",
			    (long long)id);
		json_decref(job);
	}
	for (int k = 0; k < npolls; k++) {
		int n = polls[k](st, name);

		if (n < 0)
			return -1;
		ran += n;
	}
	return ran;
}

static pthread_t	 worker_thread;
static pthread_mutex_t	 worker_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 worker_cond = PTHREAD_COND_INITIALIZER;
static bool		 worker_running, worker_stopping, worker_woken;
static char		 worker_name[64];

/* Makes the worker look for jobs now: one was just queued. */
void
worker_wake(void)
{
	pthread_mutex_lock(&worker_lock);
	worker_woken = true;
	pthread_cond_signal(&worker_cond);
	pthread_mutex_unlock(&worker_lock);
}

static void *
worker_main(void *arg)
{
	struct store	*st = store_thread();
	const char	*name = worker_name;
	bool		 stop = false;

	(void)arg;
	for (int k = 0; st != NULL && k < nkinds; k++)
		if (kinds[k].every > 0)
			schedule(st, kinds[k].kind, 0, 0);
	while (!stop) {
		struct timespec	 until;
		int		 ran = st != NULL ?
				    worker_run_once(st, name) : -1;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += WORKER_IDLE_SECONDS;
		pthread_mutex_lock(&worker_lock);
		while (ran <= 0 && !worker_woken && !worker_stopping &&
		    pthread_cond_timedwait(&worker_cond, &worker_lock,
		    &until) == 0)
			;
		worker_woken = false;
		stop = worker_stopping;
		pthread_mutex_unlock(&worker_lock);
		if (st == NULL)
			st = store_thread();
	}
	return NULL;
}

/*
 * Starts the worker thread (store_thread_init first); it names itself
 * PREFIX:PID in the claims it makes.  0, or -1.
 */
int
worker_start(const char *prefix)
{
	sigset_t	 stop, old;
	int		 rc;

	/*
	 * The thread starts with SIGINT and SIGTERM blocked, so that they
	 * reach the server's main thread, which waits for them (sigwait).
	 */
	snprintf(worker_name, sizeof(worker_name), "%s:%ld", prefix,
	    (long)getpid());
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	rc = pthread_create(&worker_thread, NULL, worker_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return -1;
	worker_running = true;
	return 0;
}

/* Stops the worker after the job it is running, if any. */
void
worker_stop(void)
{
	if (!worker_running)
		return;
	pthread_mutex_lock(&worker_lock);
	worker_stopping = true;
	pthread_cond_signal(&worker_cond);
	pthread_mutex_unlock(&worker_lock);
	pthread_join(worker_thread, NULL);
	worker_running = false;
}

/*
 * Runs the worker on its own (`idoneo worker`) until SIGINT or SIGTERM,
 * then lets it finish what it holds.  Returns 0, or 1 when it could not
 * start.
 */
int
worker_run(const char *prefix)
{
	sigset_t	 stop;
	int		 sig;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	if (worker_start(prefix) < 0)
		return 1;
	log_info("worker: running");
	sigwait(&stop, &sig);
	log_info("worker: stopping");
	worker_stop();
	return 0;
}
