/*
 * The job-claim primitive under concurrent claimers: 8 threads, each with
 * its own connection, claim 400 jobs; every job is claimed exactly once and
 * ends done.  The database is IDONEO_TEST_DB (a PostgreSQL URL in the
 * PostgreSQL run of make check) or a fresh SQLite file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/clock.h"
#include "store/jobs.h"
#include "store/query.h"
#include "store/migrate.h"

#define NJOBS		400
#define NWORKERS	8

static char		 url[512];
static atomic_int	 claims[NJOBS + 1];
static int64_t		 first_id;
static char		 kind[32];

static int
setup(void **state)
{
	const char *env = getenv("IDONEO_TEST_DB");

	clock_init();
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof(url), "%s", env);
	else {
		char tmpl[] = "/tmp/idoneo-jobs-XXXXXX";

		assert_non_null(mkdtemp(tmpl));
		snprintf(url, sizeof(url), "%s/jobs.db", tmpl);
	}
	snprintf(kind, sizeof(kind), "test-%d", (int)getpid());
	return 0;
}

/* What the workers got wrong, checked in the main thread. */
static atomic_int	 worker_faults;

static void *
worker(void *arg)
{
	struct store	*st = store_open(url);
	char		 name[32];
	json_t		*job;
	int		 rc;

	snprintf(name, sizeof(name), "worker-%d", (int)(intptr_t)arg);
	if (st == NULL) {
		atomic_fetch_add(&worker_faults, 1);
		return NULL;
	}
	while ((rc = jobs_claim(st, kind, name, 60, &job)) != 0) {
		int64_t id;

		if (rc < 0)
			continue;	/* busy: try again */
		id = json_integer_value(json_object_get(job, "id"));
		atomic_fetch_add(&claims[id - first_id], 1);
		if (jobs_done(st, id, name) != 0)
			atomic_fetch_add(&worker_faults, 1);
		json_decref(job);
	}
	store_close(st);
	return NULL;
}

static void
concurrent_claimers_never_share_a_job(void **state)
{
	struct store	*st = store_open(url);
	pthread_t	 t[NWORKERS];
	int64_t		 id;

	assert_non_null(st);
	assert_int_equal(store_migrate(st), 0);
	for (int i = 0; i < NJOBS; i++) {
		id = jobs_enqueue(st, kind, "{}", NULL);
		assert_true(id > 0);
		if (i == 0)
			first_id = id;
	}
	assert_int_equal(jobs_open(st, kind), NJOBS);
	for (int i = 0; i < NWORKERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker,
		    (void *)(intptr_t)i), 0);
	for (int i = 0; i < NWORKERS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(atomic_load(&worker_faults), 0);
	for (int i = 0; i < NJOBS; i++)
		assert_int_equal(atomic_load(&claims[i]), 1);
	assert_int_equal(jobs_open(st, kind), 0);
	store_close(st);
}

static void
lapsed_claims_are_claimed_again(void **state)
{
	struct store	*st = store_open(url);
	json_t		*job, *again;
	char		 k[40];

	snprintf(k, sizeof(k), "%s-lease", kind);
	assert_true(jobs_enqueue(st, k, "{\"n\":1}", NULL) > 0);
	assert_int_equal(jobs_claim(st, k, "a", -1, &job), 1);	/* lapsed */
	assert_int_equal(jobs_claim(st, k, "b", 60, &again), 1);
	assert_int_equal(json_integer_value(json_object_get(again, "id")),
	    json_integer_value(json_object_get(job, "id")));
	assert_int_equal(json_integer_value(json_object_get(again,
	    "attempts")), 2);
	/* The first worker lost it: it may not mark it done. */
	assert_int_equal(jobs_done(st, json_integer_value(json_object_get(job,
	    "id")), "a"), -1);
	json_decref(job);
	assert_int_equal(jobs_claim(st, k, "c", 60, &job), 0);
	json_decref(again);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(concurrent_claimers_never_share_a_job),
		cmocka_unit_test(lapsed_claims_are_claimed_again),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
