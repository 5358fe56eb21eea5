/*
 * store: dispatch to the database driver, typed parameter lists, and one
 * connection per thread for the server.  See store.h.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/log.h"
#include "store.h"

#define STORE_IDS_MAX		64

struct store {
	const struct store_driver	*drv;
	void				*conn;
	/* Ids reserved by store_next_id: ids[next] to ids[nids - 1];
	 * ids_none once the database has said it reserves none. */
	enum stmt			 ids_stmt;
	int64_t				 ids[STORE_IDS_MAX];
	int				 next, nids;
	bool				 ids_none;
	struct store_group		*group;	/* collecting, or NULL */
};

/*
 * Opens a connection.  url is "postgresql://…" or "postgres://…" for
 * PostgreSQL, "sqlite:PATH" or a plain PATH for SQLite.  Returns NULL, with
 * the reason logged, when the database cannot be opened.
 */
struct store *
store_open(const char *url)
{
	const struct store_driver	*drv = &store_sqlite_driver;
	const char			*target = url;
	struct store			*st;

	if (strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0)
		drv = &store_pg_driver;
	else if (strncmp(url, "sqlite:", 7) == 0)
		target = url + 7;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		log_fatal("store: out of memory");
	st->drv = drv;
	if ((st->conn = drv->open(target)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->drv->close(st->conn);
	free(st);
}

const char *
store_driver_name(const struct store *st)
{
	return st->drv->name;
}

int
store_tx(struct store *st, enum store_tx op)
{
	return st->drv->tx(st->conn, op);
}

/*
 * Whether the last failure was a transient conflict between transactions
 * (PostgreSQL's serialization failures and deadlocks): the caller rolls
 * back and runs the whole transaction again.
 */
bool
store_retryable(struct store *st)
{
	return st->drv->retryable(st->conn);
}

/* Whether the database runs the group forms of statements (store_group). */
bool
store_groups(const struct store *st)
{
	return st->drv->groups;
}

/* Turns the type string and its arguments into a parameter array. */
static int
collect(struct store_param *p, const char *types, va_list ap)
{
	int	 n = 0;

	for (; *types != '\0'; types++, n++) {
		if (n == STORE_MAX_PARAMS)
			log_fatal("store: too many parameters");
		switch (*types) {
		case 's':
			p[n].s = va_arg(ap, const char *);
			p[n].type = p[n].s == NULL ? SP_NULL : SP_TEXT;
			break;
		case 'i':
			p[n].i = va_arg(ap, int64_t);
			p[n].type = SP_INT;
			break;
		case 'I':
			p[n].i = va_arg(ap, int64_t);
			p[n].type = p[n].i == 0 ? SP_NULL : SP_INT;
			break;
		case 'n':
			p[n].i = va_arg(ap, int64_t);
			p[n].type = p[n].i < 0 ? SP_NULL : SP_INT;
			break;
		case 'd':
		case 'b':
			p[n].i = va_arg(ap, int);
			p[n].type = SP_INT;
			break;
		default:
			log_fatal("store: bad parameter type '%c'", *types);
		}
	}
	return n;
}

/*
 * Runs statement s, or collects it when a group collects and s has a group
 * form (store_group_collect).
 */
static int
run(struct store *st, enum stmt s, const struct store_param *p, int n,
    json_t *into, int64_t *changes, bool later)
{
	if (st->group != NULL && stmts_group[s].group != 0)
		return store_group_add(st->group, s, p, n, into);
	return st->drv->query(st->conn, s, p, n, into, changes, later);
}

void
store_group_collect(struct store *st, struct store_group *g)
{
	st->group = g;
}

/* store_rows_into, with the parameters ready made. */
int
store_rows_into_params(struct store *st, json_t *into, enum stmt s,
    const struct store_param *p, int n)
{
	int rc = run(st, s, p, n, into, NULL, true);

	return rc < 0 ? rc : 0;
}

/*
 * Between store_pipeline(st, true) and store_pipeline(st, false), the
 * statements run by store_exec and store_rows_into are sent without waiting
 * for each answer (PostgreSQL's pipeline mode): one round trip for the lot.
 * They return 0 at once, and the end of the pipeline returns -1 (or
 * STORE_CONFLICT) if any of them failed.  A store_row, store_rows or
 * store_int in between needs its answer at once: it ends the batch first.
 * store_tx's BEGIN and COMMIT are queued with the batch too (a failed
 * batch that held a COMMIT leaves no transaction open); a ROLLBACK ends it.
 * Ending a pipeline that is not open does nothing.  SQLite, in-process, has
 * nothing to batch: everything runs at once.
 */
int
store_pipeline(struct store *st, bool begin)
{
	return st->drv->pipeline != NULL ? st->drv->pipeline(st->conn, begin) :
	    0;
}

/*
 * Runs a statement that returns no rows of interest.  Returns the number of
 * rows changed, STORE_CONFLICT when a constraint refused the change, or -1.
 */
int
store_exec(struct store *st, enum stmt s, const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n, rc;
	int64_t			 changes = 0;

	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	rc = run(st, s, p, n, NULL, &changes, false);
	return rc < 0 ? rc : (int)changes;
}

/* Turns a JSON array of integers, strings and nulls into parameters. */
static int
json_params(struct store_param *p, const json_t *values)
{
	size_t	 i;
	json_t	*v;

	if (json_array_size(values) > STORE_MAX_PARAMS)
		log_fatal("store: too many parameters");
	json_array_foreach(values, i, v) {
		if (json_is_integer(v)) {
			p[i].type = SP_INT;
			p[i].i = json_integer_value(v);
		} else if (json_is_string(v)) {
			p[i].type = SP_TEXT;
			p[i].s = json_string_value(v);
		} else
			p[i].type = SP_NULL;
	}
	return (int)json_array_size(values);
}

/*
 * Runs a statement with parameters taken from a JSON array (integers,
 * strings, null): for copying rows whose columns the caller only knows by
 * name.  Returns what store_exec returns.
 */
int
store_exec_json(struct store *st, enum stmt s, const json_t *values)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	int64_t			 changes = 0;
	int			 n = json_params(p, values), rc;

	rc = run(st, s, p, n, NULL, &changes, false);
	return rc < 0 ? rc : (int)changes;
}

/* store_rows_into, with the parameters of store_exec_json. */
int
store_rows_into_json(struct store *st, json_t *into, enum stmt s,
    const json_t *values)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	int			 n = json_params(p, values);

	return store_rows_into_params(st, into, s, p, n);
}

/*
 * Sets *id to a new row id that statement s reserves: on PostgreSQL a block
 * of ids from a sequence, kept on the connection and handed out one by one,
 * so that an insert can name its id and its child rows be sent with it in
 * one batch.  Ids a process never used leave gaps, as a rolled-back insert
 * does.  Sets 0 when the database reserves none (SQLite): the insert then
 * takes the next id itself.  Returns 0 or -1.
 */
int
store_next_id(struct store *st, enum stmt s, int64_t *id)
{
	json_t	*rows, *v;
	size_t	 i;

	*id = 0;
	if (st->ids_stmt == s && st->ids_none)
		return 0;
	if (st->ids_stmt != s || st->next == st->nids) {
		if ((rows = store_rows(st, s, "")) == NULL)
			return -1;
		st->ids_stmt = s;
		st->next = st->nids = 0;
		json_array_foreach(rows, i, v)
			if (st->nids < STORE_IDS_MAX)
				st->ids[st->nids++] = json_integer_value(
				    json_object_get(v, "id"));
		json_decref(rows);
		if ((st->ids_none = st->nids == 0))
			return 0;
	}
	*id = st->ids[st->next++];
	return 0;
}

/* Returns a new array of row objects, or NULL on error. */
json_t *
store_rows(struct store *st, enum stmt s, const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n;
	json_t			*rows = json_array();

	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	if (st->drv->query(st->conn, s, p, n, rows, NULL, false) < 0) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

/*
 * Runs a query whose rows are appended to the array into (NULL: dropped).
 * Inside a batch (store_pipeline) the query is only sent, and the rows
 * arrive when the batch ends: they are there only if ending it returned 0.
 * Outside a batch, and on SQLite, it runs at once.  Returns 0,
 * STORE_CONFLICT or -1.
 */
int
store_rows_into(struct store *st, json_t *into, enum stmt s,
    const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n;

	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	return store_rows_into_params(st, into, s, p, n);
}

/*
 * Runs a query for one row.  Returns 1 and a new reference in *out when a row
 * came back, 0 when none did, STORE_CONFLICT or -1 on error.
 */
int
store_row(struct store *st, json_t **out, enum stmt s, const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n, rc;
	json_t			*rows = json_array();

	*out = NULL;
	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	if ((rc = st->drv->query(st->conn, s, p, n, rows, NULL, false)) < 0) {
		json_decref(rows);
		return rc;
	}
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return 0;
	}
	*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return 1;
}

/*
 * Runs a query whose first row's first column is an integer (a count, or the
 * id an INSERT … RETURNING gives back).  Returns 1, 0 (no row) or < 0.
 */
int
store_int(struct store *st, int64_t *out, enum stmt s, const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n, rc;
	json_t			*rows = json_array(), *row;
	const char		*key;
	json_t			*v;

	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	if ((rc = st->drv->query(st->conn, s, p, n, rows, NULL, false)) < 0) {
		json_decref(rows);
		return rc;
	}
	rc = 0;
	if ((row = json_array_get(rows, 0)) != NULL) {
		json_object_foreach(row, key, v) {
			*out = json_integer_value(v);
			rc = 1;
			break;
		}
	}
	json_decref(rows);
	return rc;
}

/*
 * Applies, in order, every embedded migration not yet recorded in
 * schema_migrations, each in its own transaction.
 */
int
store_migrate(struct store *st)
{
	const struct embed_file	*m;
	int64_t			 done;

	/* Several processes may start at once: one migrates at a time. */
	if (store_exec(st, STMT_MIGRATION_LOCK, "") < 0)
		return -1;
	if (store_exec(st, STMT_MIGRATIONS_CREATE, "") < 0)
		goto fail;
	for (m = st->drv->migrations; m->name != NULL; m++) {
		int version = atoi(m->name);

		/* Checked inside the transaction: another process may have
		 * applied it meanwhile. */
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			goto fail;
		if (store_int(st, &done, STMT_MIGRATION_APPLIED, "d",
		    version) < 0) {
			store_tx(st, STORE_ROLLBACK);
			goto fail;
		}
		if (done > 0) {
			store_tx(st, STORE_COMMIT);
			continue;
		}
		if (st->drv->script(st->conn, m->data) < 0 ||
		    store_exec(st, STMT_MIGRATION_RECORD, "ds", version,
		    m->name) < 0) {
			store_tx(st, STORE_ROLLBACK);
			log_warn("store: migration %s failed", m->name);
			goto fail;
		}
		if (store_tx(st, STORE_COMMIT) < 0)
			goto fail;
		log_info("store: applied migration %s", m->name);
	}
	store_exec(st, STMT_MIGRATION_UNLOCK, "");
	return 0;
fail:
	store_exec(st, STMT_MIGRATION_UNLOCK, "");
	return -1;
}

static char		*thread_url;
static pthread_key_t	 thread_key;
static pthread_once_t	 thread_once = PTHREAD_ONCE_INIT;

static void
thread_close(void *p)
{
	store_close(p);
}

static void
thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_close);
}

/* Sets the database every thread's connection opens; call before threads. */
void
store_thread_init(const char *url)
{
	free(thread_url);
	if ((thread_url = strdup(url)) == NULL)
		log_fatal("store: out of memory");
	pthread_once(&thread_once, thread_key_make);
}

/*
 * The calling thread's connection, opened on first use and closed when the
 * thread ends.  NULL when the database cannot be opened.
 */
struct store *
store_thread(void)
{
	struct store	*st = pthread_getspecific(thread_key);

	if (st == NULL && (st = store_open(thread_url)) != NULL)
		pthread_setspecific(thread_key, st);
	return st;
}
