/*
 * query: typed parameter lists, statements run through the connection's
 * driver (or collected for a group write), transactions and batches.  See
 * query.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "driver.h"
#include "query.h"

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

bool
store_groups(const struct store *st)
{
	return st->drv->groups;
}

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
		case 'a':
			p[n].a = va_arg(ap, const struct store_ints *);
			p[n].type = SP_ARRAY;
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

int
store_bulk_begin(struct store *st, enum stmt s)
{
	st->bulk = s;
	return st->drv->bulk_begin != NULL ? st->drv->bulk_begin(st->conn, s) :
	    0;
}

int
store_bulk_row(struct store *st, const char *types, ...)
{
	struct store_param	 p[STORE_MAX_PARAMS];
	va_list			 ap;
	int			 n, rc;

	va_start(ap, types);
	n = collect(p, types, ap);
	va_end(ap);
	if (st->drv->bulk_row != NULL)
		return st->drv->bulk_row(st->conn, p, n);
	rc = st->drv->query(st->conn, st->bulk, p, n, NULL, NULL, false);
	return rc < 0 ? rc : 0;
}

int
store_bulk_end(struct store *st, bool ok)
{
	return st->drv->bulk_end != NULL ? st->drv->bulk_end(st->conn, ok) : 0;
}

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
 * Inserts the rows of a JSON array with a *_INSERT_JSON statement, which
 * takes the parent's id and the rows as JSON text; nothing is sent for an
 * empty array.  rows is consumed.  When into is not NULL it receives the
 * rows as written (in a batch, when the batch ends).
 */
int
store_insert_json(struct store *st, enum stmt s, int64_t id, json_t *rows,
    json_t *into)
{
	char	*text;
	int	 rc;

	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return 0;
	}
	text = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	rc = text == NULL ? -1 : store_rows_into(st, into, s, "is", id, text);
	free(text);
	return rc < 0 ? -1 : 0;
}

void
store_ints_add(struct store_ints *a, int64_t v)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		if ((a->v = realloc(a->v, (size_t)a->cap * sizeof(*a->v))) ==
		    NULL)
			log_fatal("store: out of memory");
	}
	a->v[a->n++] = v;
}

void
store_ints_free(struct store_ints *a)
{
	free(a->v);
	memset(a, 0, sizeof(*a));
}
