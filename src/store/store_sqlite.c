/*
 * store_sqlite: the SQLite driver of the store.
 *
 * One connection per thread, in WAL mode so readers never wait for the
 * writer, with foreign keys enforced and synchronous=FULL so that a
 * transaction the server has reported as committed survives a crash or a
 * power cut, not only a killed process.  Statements are prepared once per
 * connection from the table in stmts.c and cached.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "base/buf.h"
#include "base/log.h"
#include "driver.h"

struct sq {
	sqlite3		*db;
	sqlite3_stmt	*cache[STMT__MAX];
	bool		 writing;	/* holds writer_lock and the file lock */
	bool		 bulk;		/* foreign-key checks off until it ends */
	int		 lockfd;	/* DB-writer, flock()ed while writing */
};

/*
 * SQLite has one writer at a time.  Threads of this process queue for it on
 * a mutex rather than in SQLite's busy handler, which sleeps and retries and
 * lets late comers overtake: the mutex keeps the wait short and fair.
 * Between processes (several `serve` on one file) the same is done with
 * flock() on a lock file beside the database, where the kernel wakes the
 * next waiter instead of each polling.
 */
static pthread_mutex_t	 writer_lock = PTHREAD_MUTEX_INITIALIZER;

/* The busy timeout first: the others may wait for another process. */
static const char *const pragmas[] = {
	"PRAGMA busy_timeout = 10000",
	"PRAGMA journal_mode = WAL",
	"PRAGMA synchronous = FULL",
	"PRAGMA foreign_keys = ON",
	/* A 16 MB page cache per connection (the default is 2 MB). */
	"PRAGMA cache_size = -16384",
};

/* Runs one fixed statement, ignoring any rows it returns. */
static int
sq_simple(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		log_warn("sqlite: prepare: %s", sqlite3_errmsg(db));
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		log_warn("sqlite: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/*
 * Process-wide settings, before SQLite initialises: no memory statistics,
 * whose global mutex every thread would otherwise take on each allocation.
 */
static void
sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static void *
sq_open(const char *path)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;
	struct sq		*c;

	pthread_once(&once, sq_configure);
	if ((c = calloc(1, sizeof(*c))) == NULL)
		log_fatal("sqlite: out of memory");
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_warn("sqlite: cannot open database: %s",
		    c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++)
		if (sq_simple(c->db, pragmas[i]) < 0) {
			sqlite3_close(c->db);
			free(c);
			return NULL;
		}
	{
		struct buf lock;

		buf_init(&lock);
		buf_printf(&lock, "%s-writer", path);
		c->lockfd = open(lock.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		buf_free(&lock);
		if (c->lockfd < 0)
			log_warn("sqlite: no writer lock file: writers of "
			    "several processes poll instead");
	}
	return c;
}

static void
sq_close(void *p)
{
	struct sq	*c = p;

	if (c->writing) {
		sq_simple(c->db, "ROLLBACK");
		if (c->lockfd >= 0)
			flock(c->lockfd, LOCK_UN);
		pthread_mutex_unlock(&writer_lock);
	}
	if (c->lockfd >= 0)
		close(c->lockfd);
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->cache[i]);
	sqlite3_close(c->db);
	free(c);
}

/* Adds the current row to rows as an object keyed by column name. */
static void
sq_row(sqlite3_stmt *s, json_t *rows)
{
	json_t	*o = json_object();
	int	 n = sqlite3_column_count(s);

	for (int i = 0; i < n; i++) {
		const char	*name = sqlite3_column_name(s, i);
		json_t		*v;

		switch (sqlite3_column_type(s, i)) {
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			v = json_real(sqlite3_column_double(s, i));
			break;
		case SQLITE_NULL:
			v = json_null();
			break;
		default:
			v = json_stringn((const char *)sqlite3_column_text(s, i),
			    (size_t)sqlite3_column_bytes(s, i));
			if (v == NULL)	/* not UTF-8: never stored by us */
				v = json_null();
			break;
		}
		json_object_set_new(o, name, v);
	}
	json_array_append_new(rows, o);
}

/*
 * Prepares statement id once per connection.  Returns 0, 1 for a statement
 * only PostgreSQL runs (the group forms), or -1.
 */
static int
sq_prepare(void *p, enum stmt id)
{
	struct sq	*c = p;

	if (c->cache[id] != NULL)
		return 0;
	if (stmts_sql[id] == NULL)
		return 1;
	if (sqlite3_prepare_v3(c->db, stmts_sql[id], -1,
	    SQLITE_PREPARE_PERSISTENT, &c->cache[id], NULL) != SQLITE_OK) {
		log_warn("sqlite: prepare statement %d: %s", (int)id,
		    sqlite3_errmsg(c->db));
		return -1;
	}
	return 0;
}

static int
sq_query(void *p, enum stmt id, const struct store_param *par, int n,
    json_t *rows, int64_t *changes, bool later)
{
	struct sq	*c = p;
	sqlite3_stmt	*s;
	int		 rc, ret = 0;

	(void)later;	/* in-process: every statement runs at once */
	if ((rc = sq_prepare(c, id)) != 0) {
		if (rc > 0)
			log_warn("sqlite: statement %d is PostgreSQL's only",
			    (int)id);
		return -1;
	}
	s = c->cache[id];
	if (sqlite3_bind_parameter_count(s) != n)
		log_fatal("sqlite: statement %d takes %d parameters, got %d",
		    (int)id, sqlite3_bind_parameter_count(s), n);
	for (int i = 0; i < n; i++) {
		switch (par[i].type) {
		case SP_NULL:
			sqlite3_bind_null(s, i + 1);
			break;
		case SP_INT:
			sqlite3_bind_int64(s, i + 1, par[i].i);
			break;
		case SP_TEXT:
			/* The text outlives the step: cleared below. */
			sqlite3_bind_text(s, i + 1, par[i].s, -1,
			    SQLITE_STATIC);
			break;
		case SP_ARRAY:
			log_fatal("sqlite: statement %d binds an array, which "
			    "only the PostgreSQL forms take", (int)id);
		}
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (rows != NULL)
			sq_row(s, rows);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			ret = STORE_CONFLICT;
		else {
			log_warn("sqlite: statement %d: %s", (int)id,
			    sqlite3_errmsg(c->db));
			ret = -1;
		}
	} else if (changes != NULL)
		*changes = sqlite3_changes(c->db);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return ret;
}

static int
sq_tx(void *p, enum store_tx op)
{
	static const char *const sql[] = {
		[STORE_BEGIN_READ] = "BEGIN",
		[STORE_BEGIN_WRITE] = "BEGIN IMMEDIATE",
		[STORE_BEGIN_BULK] = "BEGIN IMMEDIATE",
		[STORE_COMMIT] = "COMMIT",
		[STORE_ROLLBACK] = "ROLLBACK",
	};
	struct sq	*c = p;
	int		 rc;

	if (op == STORE_BEGIN_WRITE || op == STORE_BEGIN_BULK) {
		pthread_mutex_lock(&writer_lock);
		if (c->lockfd >= 0)
			flock(c->lockfd, LOCK_EX);
		c->writing = true;
	}
	/*
	 * A bulk write's references are the writer's own: checking each row's
	 * against its parent would cost a lookup per row for nothing (the
	 * pragma only takes effect outside a transaction).  Its commit is
	 * flushed like any other: the import is bound by the CPU, not by the
	 * flush (docs/performance.md).
	 */
	if (op == STORE_BEGIN_BULK)
		c->bulk = sq_simple(c->db, "PRAGMA foreign_keys = OFF") == 0;
	rc = sq_simple(c->db, sql[op]);
	if (c->writing && (op == STORE_COMMIT || op == STORE_ROLLBACK ||
	    (op != STORE_BEGIN_READ && rc < 0))) {
		if (op == STORE_COMMIT && rc < 0)
			sq_simple(c->db, "ROLLBACK");
		if (c->bulk && sq_simple(c->db, "PRAGMA foreign_keys = ON") < 0)
			log_fatal("sqlite: the foreign-key checks cannot be "
			    "turned back on");
		c->bulk = false;
		c->writing = false;
		if (c->lockfd >= 0)
			flock(c->lockfd, LOCK_UN);
		pthread_mutex_unlock(&writer_lock);
	}
	return rc;
}

/*
 * Runs a migration script: each statement in turn, stopping at the first
 * error.  Scripts are files compiled into the binary, never user input.
 */
static int
sq_script(void *p, const char *sql)
{
	struct sq	*c = p;
	const char	*tail = sql;

	while (*tail != '\0') {
		sqlite3_stmt	*s = NULL;
		int		 rc;

		if (sqlite3_prepare_v2(c->db, tail, -1, &s, &tail) !=
		    SQLITE_OK) {
			log_warn("sqlite: migration: %s", sqlite3_errmsg(c->db));
			return -1;
		}
		if (s == NULL)	/* only comments or spaces were left */
			break;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE) {
			log_warn("sqlite: migration: %s", sqlite3_errmsg(c->db));
			return -1;
		}
	}
	return 0;
}

/* Writers queue on writer_lock and BEGIN IMMEDIATE: nothing to retry. */
static bool
sq_retryable(void *p)
{
	return false;
}

const struct store_driver store_sqlite_driver = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.query = sq_query,
	.tx = sq_tx,
	.script = sq_script,
	.migrations = embed_migrations,
	.retryable = sq_retryable,
	.pipeline = NULL,	/* in-process: nothing to batch */
	.prepare = sq_prepare,
	.groups = false,
};
