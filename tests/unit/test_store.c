/*
 * The store's error classes, on the database IDONEO_TEST_DB names (the
 * PostgreSQL run of make check) or on a fresh SQLite file: a constraint
 * violation is STORE_CONFLICT, not retryable; on PostgreSQL a deadlock
 * between two transactions marks the loser retryable, which is what makes
 * cases_create and cases_transition run it again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/clock.h"
#include "store/driver.h"
#include "store/query.h"
#include "store/migrate.h"

static char	 url[512];
static bool	 is_pg;
static int64_t	 comune[2];

static int64_t
add_comune(struct store *st, const char *code)
{
	int64_t	 id = 0;

	assert_int_equal(store_int(st, &id, STMT_COMUNE_INSERT,
	    "sssssddsddbsdddds", code, code, "PO", "Ufficio", "Firma", 15, 30,
	    "10,13", 0, 0, 0, "prato", 3050, 1600, 2, 12,
	    "2026-11-27T00:00:00Z"), 1);
	return id;
}

static int
setup(void **state)
{
	const char	*env = getenv("IDONEO_TEST_DB");
	struct store	*st;
	char		 code[8];

	clock_init();
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof(url), "%s", env);
	else {
		char tmpl[] = "/tmp/idoneo-store-XXXXXX";

		assert_non_null(mkdtemp(tmpl));
		snprintf(url, sizeof(url), "%s/store.db", tmpl);
	}
	is_pg = strncmp(url, "postgres", 8) == 0;
	st = store_open(url);
	assert_non_null(st);
	assert_int_equal(store_migrate(st), 0);
	for (int i = 0; i < 2; i++) {
		snprintf(code, sizeof(code), "T%03d", (int)(getpid() + i) % 1000);
		comune[i] = add_comune(st, code);
	}
	store_close(st);
	return 0;
}

/* Inserts a comune with comune c's Belfiore code: a constraint refuses it. */
static int
insert_same_code(struct store *st, const json_t *c)
{
	return store_exec(st, STMT_COMUNE_INSERT, "sssssddsddbsdddds",
	    json_string_value(json_object_get(c, "code")), "x", "PO", "U", "F",
	    15, 30, "10", 0, 0, 0, "prato", 0, 0, 0, 0,
	    "2026-11-27T00:00:00Z");
}

static void
conflict_is_not_retryable(void **state)
{
	struct store	*st = store_open(url);
	json_t		*c;

	assert_int_equal(store_row(st, &c, STMT_COMUNE_GET, "i", comune[0]), 1);
	/* The same Belfiore code twice. */
	assert_int_equal(insert_same_code(st, c), STORE_CONFLICT);
	assert_false(store_retryable(st));
	json_decref(c);
	store_close(st);
}

/*
 * A batch (pipeline) runs its statements, reports the first failure at its
 * end, and leaves the connection usable: the transaction rolls back whole.
 */
static void
pipeline_batches_and_reports_failures(void **state)
{
	struct store	*st = store_open(url);
	int64_t		 n, before;
	json_t		*c;

	assert_int_equal(store_int(st, &before, STMT_COUNT_COMUNI, ""), 1);
	/* Two good inserts in one batch, committed. */
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_pipeline(st, true), 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[0],
	    "Batch uno") >= 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[0],
	    "Batch due") >= 0);
	assert_int_equal(store_pipeline(st, false), 0);
	/* Ending again is harmless. */
	assert_int_equal(store_pipeline(st, false), 0);
	assert_int_equal(store_tx(st, STORE_COMMIT), 0);
	assert_non_null(c = store_rows(st, STMT_ASSOC_LIST, "i", comune[0]));
	n = (int64_t)json_array_size(c);
	json_decref(c);
	assert_true(n >= 2);
	/* A batch whose second statement breaks a constraint. */
	assert_int_equal(store_row(st, &c, STMT_COMUNE_GET, "i", comune[0]), 1);
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_pipeline(st, true), 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[0],
	    "Batch tre") >= 0);
	{
		int rc = insert_same_code(st, c);

		/* SQLite answers at once; PostgreSQL at the end of the batch. */
		if (rc == 0)
			assert_int_equal(store_pipeline(st, false),
			    STORE_CONFLICT);
		else
			assert_int_equal(rc, STORE_CONFLICT);
	}
	store_pipeline(st, false);
	assert_int_equal(store_tx(st, STORE_ROLLBACK), 0);
	json_decref(c);
	/* Nothing of it stayed, and the connection still works. */
	assert_non_null(c = store_rows(st, STMT_ASSOC_LIST, "i", comune[0]));
	assert_int_equal((int64_t)json_array_size(c), n);
	json_decref(c);
	/* A read inside a batch ends the batch first and gets its answer. */
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_pipeline(st, true), 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[0],
	    "Batch quattro") >= 0);
	assert_non_null(c = store_rows(st, STMT_ASSOC_LIST, "i", comune[0]));
	assert_int_equal((int64_t)json_array_size(c), n + 1);
	json_decref(c);
	assert_int_equal(store_pipeline(st, false), 0);
	assert_int_equal(store_tx(st, STORE_COMMIT), 0);
	assert_int_equal(store_int(st, &n, STMT_COUNT_COMUNI, ""), 1);
	assert_int_equal(n, before);
	store_close(st);
}

/*
 * Inside a batch, store_rows_into and the transaction's BEGIN and COMMIT
 * are queued too: the rows arrive when the batch ends well, and a whole
 * transaction takes one round trip.
 */
static void
pipeline_carries_reads_and_the_transaction(void **state)
{
	struct store	*st = store_open(url);
	json_t		*before = json_array(), *after = json_array(), *c;
	size_t		 n;

	assert_non_null(c = store_rows(st, STMT_ASSOC_LIST, "i", comune[1]));
	n = json_array_size(c);
	json_decref(c);
	assert_int_equal(store_pipeline(st, true), 0);
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_rows_into(st, before, STMT_ASSOC_LIST, "i",
	    comune[1]), 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[1],
	    "Lettura in coda") >= 0);
	assert_int_equal(store_rows_into(st, after, STMT_ASSOC_LIST, "i",
	    comune[1]), 0);
	assert_int_equal(store_tx(st, STORE_COMMIT), 0);
	/* PostgreSQL has sent the lot and not read a single answer yet. */
	if (is_pg)
		assert_int_equal(json_array_size(after), 0);
	assert_int_equal(store_pipeline(st, false), 0);
	assert_int_equal(json_array_size(before), n);
	assert_int_equal(json_array_size(after), n + 1);
	/* Committed: another connection sees it. */
	{
		struct store *other = store_open(url);

		assert_non_null(c = store_rows(other, STMT_ASSOC_LIST, "i",
		    comune[1]));
		assert_int_equal(json_array_size(c), n + 1);
		json_decref(c);
		store_close(other);
	}
	json_array_clear(after);

	/* A batch with a COMMIT whose statement fails: nothing stays, no
	 * transaction is left open, and the connection goes on working. */
	assert_int_equal(store_row(st, &c, STMT_COMUNE_GET, "i", comune[0]), 1);
	assert_int_equal(store_pipeline(st, true), 0);
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_true(store_exec(st, STMT_ASSOC_INSERT, "is", comune[1],
	    "Mai scritta") >= 0);
	{
		int rc = insert_same_code(st, c);

		if (rc == 0) {
			/* PostgreSQL: the failure shows at the batch's end. */
			assert_int_equal(store_rows_into(st, after,
			    STMT_ASSOC_LIST, "i", comune[1]), 0);
			assert_int_equal(store_tx(st, STORE_COMMIT), 0);
			assert_int_equal(store_pipeline(st, false),
			    STORE_CONFLICT);
			assert_int_equal(json_array_size(after), 0);
		} else {
			assert_int_equal(rc, STORE_CONFLICT);
			assert_int_equal(store_tx(st, STORE_ROLLBACK), 0);
		}
	}
	json_decref(c);
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_tx(st, STORE_COMMIT), 0);
	assert_non_null(c = store_rows(st, STMT_ASSOC_LIST, "i", comune[1]));
	assert_int_equal(json_array_size(c), n + 1);
	json_decref(c);
	json_decref(before);
	json_decref(after);
	store_close(st);
}

/*
 * store_rows_into_json queues a statement whose parameters come from a JSON
 * array; an insert's RETURNING rows arrive when the batch ends.
 */
static void
rows_into_json_gives_back_the_rows_written(void **state)
{
	struct store	*st = store_open(url);
	json_t		*vals = json_pack("[I, s]", (json_int_t)comune[0],
			    "Scritta e resa"), *into = json_array(), *c;

	assert_int_equal(store_pipeline(st, true), 0);
	assert_int_equal(store_tx(st, STORE_BEGIN_WRITE), 0);
	assert_int_equal(store_rows_into_json(st, into, STMT_ASSOC_INSERT,
	    vals), 0);
	assert_int_equal(store_tx(st, STORE_COMMIT), 0);
	assert_int_equal(store_pipeline(st, false), 0);
	assert_int_equal(json_array_size(into), 1);
	assert_int_equal(store_row(st, &c, STMT_ASSOC_GET, "i",
	    json_integer_value(json_object_get(json_array_get(into, 0),
	    "id"))), 1);
	assert_string_equal(json_string_value(json_object_get(c, "name")),
	    "Scritta e resa");
	json_decref(c);
	json_decref(vals);
	json_decref(into);
	store_close(st);
}

/*
 * Case ids reserved ahead: on PostgreSQL distinct and rising, from blocks
 * of the identity sequence, and never one a case already has; SQLite
 * reserves none (0), for the insert there gives its id at once.
 */
static void
case_ids_are_reserved_ahead(void **state)
{
	struct store	*a = store_open(url), *b = store_open(url);
	int64_t		 last = 0, id, other;
	json_t		*row;

	for (int i = 0; i < 70; i++) {
		assert_int_equal(store_next_id(a, STMT_CASE_IDS, &id), 0);
		assert_int_equal(store_next_id(b, STMT_CASE_IDS, &other), 0);
		if (!is_pg) {
			assert_int_equal(id, 0);
			assert_int_equal(other, 0);
			continue;
		}
		assert_true(id > last);
		assert_true(id != other);
		assert_int_equal(store_row(a, &row, STMT_CASE_VERSION, "i",
		    id), 0);
		last = id;
	}
	store_close(a);
	store_close(b);
}

/*
 * One side of two transactions that update two comuni in opposite order.
 * What it sees is recorded, and checked in the main thread: a cmocka
 * assertion must not fail in another thread.
 */
struct side {
	int64_t	 first, second;
	int	 delay_ms;	/* SQLite: before it begins */
	int	 begin, rc1, rc, commit;
	bool	 retryable;
};

static pthread_barrier_t	 barrier;

static void *
deadlock_side(void *arg)
{
	struct side	*s = arg;
	struct store	*st = store_open(url);

	usleep((useconds_t)s->delay_ms * 1000);
	s->begin = store_tx(st, STORE_BEGIN_WRITE);
	s->rc1 = store_exec(st, STMT_COMUNE_SET_RULES, "si", "prato",
	    s->first);
	if (is_pg)
		pthread_barrier_wait(&barrier);
	else
		usleep(300 * 1000);	/* the other begins meanwhile */
	s->rc = store_exec(st, STMT_COMUNE_SET_RULES, "si", "bologna",
	    s->second);
	s->retryable = store_retryable(st);
	s->commit = store_tx(st, s->rc < 0 ? STORE_ROLLBACK : STORE_COMMIT);
	store_close(st);
	return NULL;
}

/*
 * Two transactions lock two rows in opposite order.  On PostgreSQL one
 * must lose, and its error is the retryable kind; SQLite has one writer:
 * the second waits for the first to commit, and both win.
 */
static void
deadlock_loser_is_retryable(void **state)
{
	struct side	 a = {comune[0], comune[1], 0, 0, 0, 0, 0, false};
	struct side	 b = {comune[1], comune[0], 100, 0, 0, 0, 0, false};
	pthread_t	 ta, tb;

	if (is_pg)
		b.delay_ms = 0;
	pthread_barrier_init(&barrier, NULL, 2);
	assert_int_equal(pthread_create(&ta, NULL, deadlock_side, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, deadlock_side, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&barrier);
	assert_int_equal(a.begin, 0);
	assert_int_equal(b.begin, 0);
	assert_int_equal(a.rc1, 1);
	assert_int_equal(b.rc1, 1);
	assert_int_equal(a.commit, 0);
	assert_int_equal(b.commit, 0);
	if (!is_pg) {
		assert_int_equal(a.rc, 1);
		assert_int_equal(b.rc, 1);
		assert_false(a.retryable || b.retryable);
		return;
	}
	assert_true((a.rc < 0) != (b.rc < 0));
	assert_true(a.rc < 0 ? a.retryable : b.retryable);
	assert_false(a.rc < 0 ? b.retryable : a.retryable);
}

/*
 * The array literals of group writes: integers bare, NULL bare, every
 * string quoted with its quotes and backslashes escaped, so that commas,
 * braces and the word NULL inside a string stay text (PostgreSQL's array
 * input syntax, "Arrays" in its manual).
 */
static void
array_literals_quote_what_postgresql_reads(void **state)
{
	struct pg_array	 a = {0}, b = {0};

	(void)state;
	assert_string_equal(pg_array_end(&a), "{}");
	pg_array_int(&a, 42);
	pg_array_int(&a, -7);
	pg_array_text(&a, NULL);
	pg_array_text(&a, "NULL");
	pg_array_text(&a, "a \"b\", {c}\\");
	pg_array_text(&a, "");
	assert_string_equal(pg_array_end(&a),
	    "{42,-7,NULL,\"NULL\",\"a \\\"b\\\", {c}\\\\\",\"\"}");
	/* Ending twice gives the same text; more may follow. */
	assert_string_equal(pg_array_end(&a), pg_array_end(&a));
	pg_array_text(&b, "Nguyễn");
	assert_string_equal(pg_array_end(&b), "{\"Nguyễn\"}");
	pg_array_int(&b, 1);
	assert_string_equal(pg_array_end(&b), "{\"Nguyễn\",1}");
	pg_array_free(&a);
	pg_array_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conflict_is_not_retryable),
		cmocka_unit_test(pipeline_batches_and_reports_failures),
		cmocka_unit_test(pipeline_carries_reads_and_the_transaction),
		cmocka_unit_test(rows_into_json_gives_back_the_rows_written),
		cmocka_unit_test(case_ids_are_reserved_ahead),
		cmocka_unit_test(deadlock_loser_is_retryable),
		cmocka_unit_test(array_literals_quote_what_postgresql_reads),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
