/*
 * store_pg: the PostgreSQL driver of the store (libpq).
 *
 * One connection per thread, as with SQLite; the pool is the server's
 * thread count.  Statements are the same portable SQL as for SQLite, with
 * "?" numbered into "$1…" once and prepared on first use; a few statements
 * have a PostgreSQL form of their own (stmts_pg).  A connection lost
 * outside a transaction (the server restarted) is re-established and the
 * statement tried once more.  Every statement runs under a timeout.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "base/buf.h"
#include "base/embed.h"
#include "base/log.h"
#include "driver.h"
#include "pg_copy.h"

#define PG_STATEMENT_TIMEOUT_MS	"15000"
#define PG_BATCH_MAX		256	/* commands in one batch */

/* Type oids of the columns we map to JSON numbers (pg_type.h). */
#define OID_BOOL	16
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23

struct pg {
	PGconn	*conn;
	bool	 prepared[STMT__MAX];
	bool	 in_tx;
	bool	 pipeline;	/* statements are being batched */
	int	 sent_prepares[STMT__MAX];	/* prepared in the batch */
	int	 nsent_prepares;
	int	 batch_error;	/* 0, -1 or STORE_CONFLICT */
	/*
	 * Each command sent in the batch, in order, with the array its rows
	 * go to (NULL: none wanted); whether the batch sent COMMIT (then it
	 * is never run again, and rolls back when it failed).
	 */
	json_t	*batch_rows[PG_BATCH_MAX];
	int	 nbatch;
	bool	 batch_commits;
	bool	 retryable;	/* the last error was a serialization failure */
	char	*sql[STMT__MAX];	/* numbered text, built once */
	struct buf copy;	/* COPY rows not yet handed to libpq */
};

static int	 pg_batch_end(struct pg *);
static int	 pg_simple(struct pg *, const char *);
static int	 pg_pipeline(void *, bool);
static int	 pg_send(struct pg *, enum stmt, const char *, int,
		    const char *const *, json_t *);

/*
 * Errors after which the whole transaction may simply be run again:
 * serialization_failure and deadlock_detected.
 */
static bool
pg_is_retryable(const PGresult *r)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0);
}

static bool
pg_session_setup(struct pg *c)
{
	PGresult	*r;
	bool		 ok;

	/*
	 * No JIT: compiling a dashboard statement cost about 100 ms of a
	 * statement that runs in 500 (docs/performance.md), and every other
	 * statement is short.
	 */
	r = PQexec(c->conn, "SET statement_timeout = " PG_STATEMENT_TIMEOUT_MS
	    "; SET jit = off; SET client_encoding = 'UTF8'; "
	    "SET TIME ZONE 'UTC'");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		log_warn("pg: session setup: %s", PQerrorMessage(c->conn));
	PQclear(r);
	return ok;
}

/* Server notices ("relation already exists, skipping") are not for users. */
static void
pg_notice(void *arg, const char *message)
{
}

static void *
pg_open(const char *url)
{
	struct pg	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		log_fatal("pg: out of memory");
	c->conn = PQconnectdb(url);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		/* The message may carry the host, never a password. */
		log_warn("pg: cannot connect: %s", PQerrorMessage(c->conn));
		PQfinish(c->conn);
		free(c);
		return NULL;
	}
	PQsetNoticeProcessor(c->conn, pg_notice, NULL);
	if (!pg_session_setup(c)) {
		PQfinish(c->conn);
		free(c);
		return NULL;
	}
	return c;
}

static void
pg_close(void *p)
{
	struct pg	*c = p;

	PQfinish(c->conn);
	for (int i = 0; i < STMT__MAX; i++)
		free(c->sql[i]);
	buf_free(&c->copy);
	free(c);
}

/* The statement's text with "?" numbered as PostgreSQL wants. */
static const char *
pg_text(struct pg *c, enum stmt id)
{
	const char	*src = stmts_pg[id] != NULL ? stmts_pg[id] : stmts_sql[id];
	struct buf	 b;
	int		 n = 0;

	if (c->sql[id] != NULL)
		return c->sql[id];
	buf_init(&b);
	for (const char *p = src; *p != '\0'; p++) {
		if (*p == '?')
			buf_printf(&b, "$%d", ++n);
		else
			buf_putc(&b, *p);
	}
	c->sql[id] = buf_steal(&b);
	return c->sql[id];
}

static void
pg_row(PGresult *r, int row, json_t *rows)
{
	json_t	*o = json_object();
	int	 n = PQnfields(r);

	for (int i = 0; i < n; i++) {
		const char	*v = PQgetvalue(r, row, i);
		json_t		*j;

		if (PQgetisnull(r, row, i))
			j = json_null();
		else switch (PQftype(r, i)) {
		case OID_INT2:
		case OID_INT4:
		case OID_INT8:
			j = json_integer(strtoll(v, NULL, 10));
			break;
		case OID_BOOL:
			j = json_integer(v[0] == 't');
			break;
		default:
			j = json_string(v);
			if (j == NULL)
				j = json_null();
			break;
		}
		json_object_set_new(o, PQfname(r, i), j);
	}
	json_array_append_new(rows, o);
}

/* Connects again (prepared statements are gone with the old session). */
static bool
pg_reconnect(struct pg *c)
{
	log_warn("pg: connection lost, reconnecting");
	PQreset(c->conn);
	memset(c->prepared, 0, sizeof(c->prepared));
	c->in_tx = false;
	return PQstatus(c->conn) == CONNECTION_OK && pg_session_setup(c);
}

/* Whether the connection dropped; if so, reconnects. */
static bool
pg_recover(struct pg *c)
{
	return PQstatus(c->conn) == CONNECTION_BAD && pg_reconnect(c);
}

/*
 * Whether the idle connection still works, without a round trip.  An idle
 * connection has nothing to read: one poll that waits for nothing shows
 * it.  Otherwise reads what is waiting on the socket, twice, for a server
 * that went away sends its farewell and then closes.
 */
static bool
pg_alive(struct pg *c)
{
	struct pollfd	 pfd = { PQsocket(c->conn), POLLIN, 0 };

	if (pfd.fd >= 0 && poll(&pfd, 1, 0) == 0)
		return PQstatus(c->conn) == CONNECTION_OK;
	for (int i = 0; i < 2; i++)
		if (PQconsumeInput(c->conn) == 0)
			return false;
	return PQstatus(c->conn) == CONNECTION_OK;
}

/*
 * Appends an element to an array literal: an integer, a string between
 * double quotes with its quotes and backslashes escaped, or NULL (the text
 * form PostgreSQL's array input reads: "Arrays" in its manual).
 */
static void
pg_array_put(struct pg_array *a, const char *s, int64_t i, bool is_int)
{
	if (a->n++ > 0)
		buf_putc(&a->b, ',');
	if (is_int) {
		buf_printf(&a->b, "%lld", (long long)i);
		return;
	}
	if (s == NULL) {
		buf_puts(&a->b, "NULL");
		return;
	}
	buf_putc(&a->b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(&a->b, '\\');
		buf_putc(&a->b, *s);
	}
	buf_putc(&a->b, '"');
}

void
pg_array_int(struct pg_array *a, int64_t v)
{
	pg_array_put(a, NULL, v, true);
}

void
pg_array_text(struct pg_array *a, const char *s)
{
	pg_array_put(a, s, 0, false);
}

/* Appends the elements of from to a (a writer joining threads' groups). */
void
pg_array_join(struct pg_array *a, const struct pg_array *from)
{
	if (from->n == 0)
		return;
	if (a->n > 0)
		buf_putc(&a->b, ',');
	buf_append(&a->b, from->b.data, from->b.len);
	a->n += from->n;
}

/* The array's text, "{…}"; valid until pg_array_free. */
const char *
pg_array_end(struct pg_array *a)
{
	buf_reset(&a->out);
	buf_putc(&a->out, '{');
	if (a->n > 0)
		buf_append(&a->out, a->b.data, a->b.len);
	buf_putc(&a->out, '}');
	return a->out.data;
}

void
pg_array_free(struct pg_array *a)
{
	buf_free(&a->b);
	buf_free(&a->out);
	a->n = 0;
}

/* Prepares statement id on the connection under name.  0, or -1. */
static int
pg_prepare_named(struct pg *c, enum stmt id, const char *name)
{
	PGresult	*r = PQprepare(c->conn, name, pg_text(c, id), 0, NULL);
	int		 ok = PQresultStatus(r) == PGRES_COMMAND_OK;

	if (!ok)
		log_warn("pg: prepare statement %d: %s", (int)id,
		    PQerrorMessage(c->conn));
	PQclear(r);
	c->prepared[id] = ok;
	return ok ? 0 : -1;
}

/*
 * A COPY cannot be prepared: its table and columns are checked by starting
 * it and abandoning it at once.  Outside a transaction only (the test of
 * every statement).
 */
static int
pg_check_copy(struct pg *c, enum stmt id)
{
	PGresult	*r;
	bool		 ok = pg_copy_start(c->conn, pg_text(c, id));

	if (ok) {
		PQputCopyEnd(c->conn, "checked");
		while ((r = PQgetResult(c->conn)) != NULL)
			PQclear(r);
	}
	c->prepared[id] = ok;
	return ok ? 0 : -1;
}

/* Prepares statement id once per connection (the driver's prepare). */
static int
pg_prepare(void *p, enum stmt id)
{
	struct pg	*c = p;
	char		 name[16];

	if (c->prepared[id])
		return 0;
	if (strncmp(pg_text(c, id), "COPY ", 5) == 0)
		return pg_check_copy(c, id);
	snprintf(name, sizeof(name), "s%d", (int)id);
	return pg_prepare_named(c, id, name);
}

static int	 pg_query_values(struct pg *, enum stmt,
		    const struct store_param *, int, const char **, json_t *,
		    int64_t *, bool);

static int
pg_query(void *p, enum stmt id, const struct store_param *par, int n,
    json_t *rows, int64_t *changes, bool later)
{
	struct pg	*c = p;
	const char	*values[64];
	char		 nums[64][24];
	struct pg_array	 arrays[64];
	int		 ret, narrays = 0;

	if (n > 64)
		log_fatal("pg: too many parameters");
	for (int i = 0; i < n; i++) {
		switch (par[i].type) {
		case SP_NULL:
			values[i] = NULL;
			break;
		case SP_INT:
			snprintf(nums[i], sizeof(nums[i]), "%lld",
			    (long long)par[i].i);
			values[i] = nums[i];
			break;
		case SP_TEXT:
			values[i] = par[i].s;
			break;
		case SP_ARRAY:
			memset(&arrays[narrays], 0, sizeof(arrays[narrays]));
			for (int e = 0; e < par[i].a->n; e++)
				pg_array_int(&arrays[narrays], par[i].a->v[e]);
			values[i] = pg_array_end(&arrays[narrays++]);
			break;
		}
	}
	ret = pg_query_values(c, id, par, n, values, rows, changes, later);
	for (int i = 0; i < narrays; i++)
		pg_array_free(&arrays[i]);
	return ret;
}

/* pg_query, with the parameters as libpq's text values. */
static int
pg_query_values(struct pg *c, enum stmt id, const struct store_param *par,
    int n, const char **values, json_t *rows, int64_t *changes, bool later)
{
	char		 name[16];
	PGresult	*r;
	int		 ret = 0;
	const char	*state;

	snprintf(name, sizeof(name), "s%d", (int)id);
	if (c->pipeline) {
		int rc;

		if (rows == NULL || later)
			return pg_send(c, id, name, n, values, rows);
		/* A read needs its answer now: the batch ends here. */
		if ((rc = pg_batch_end(c)) != 0)
			return rc;
		rc = pg_query(c, id, par, n, rows, changes, false);
		if (pg_pipeline(c, true) < 0)
			return -1;
		return rc;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!stmts_pg_unprepared[id] && !c->prepared[id] &&
		    pg_prepare_named(c, id, name) < 0) {
			if (!c->in_tx && attempt == 0 && pg_recover(c))
				continue;
			return -1;
		}
		r = stmts_pg_unprepared[id] ? PQexecParams(c->conn,
		    pg_text(c, id), n, NULL, values, NULL, NULL, 0) :
		    PQexecPrepared(c->conn, name, n, values, NULL, NULL, 0);
		if (PQresultStatus(r) == PGRES_FATAL_ERROR && !c->in_tx &&
		    attempt == 0 && PQstatus(c->conn) == CONNECTION_BAD) {
			PQclear(r);
			if (pg_recover(c))
				continue;
			return -1;
		}
		break;
	}
	switch (PQresultStatus(r)) {
	case PGRES_TUPLES_OK:
		if (rows != NULL)
			for (int i = 0; i < PQntuples(r); i++)
				pg_row(r, i, rows);
		/* FALLTHROUGH */
	case PGRES_COMMAND_OK:
		if (changes != NULL)
			*changes = strtoll(PQcmdTuples(r), NULL, 10);
		break;
	default:
		c->retryable = pg_is_retryable(r);
		state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		if (state != NULL && strncmp(state, "23", 2) == 0)
			ret = STORE_CONFLICT;
		else {
			log_warn("pg: statement %d: %s", (int)id,
			    PQresultErrorMessage(r));
			ret = -1;
		}
		break;
	}
	PQclear(r);
	return ret;
}

/*
 * Ends a batch: sends the sync, reads every answer, hands each read its rows
 * and leaves pipeline mode.  Returns 0, or -1 / STORE_CONFLICT for the first
 * command that failed (the rest of the batch was not run).  A failed batch
 * that sent COMMIT leaves no transaction open.
 */
static int
pg_batch_end(struct pg *c)
{
	PGresult	*r;
	int		 rc = c->batch_error, nulls = 0, k = 0;
	bool		 lost;

	if (!c->pipeline)
		return 0;
	c->pipeline = false;
	if (PQpipelineSync(c->conn) != 1)
		rc = -1;
	while (rc != -1 || PQstatus(c->conn) == CONNECTION_OK) {
		if ((r = PQgetResult(c->conn)) == NULL) {
			/* One NULL ends each command's answers. */
			if (++nulls > 1000 || PQstatus(c->conn) != CONNECTION_OK)
				break;
			k++;
			continue;
		}
		nulls = 0;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			break;
		}
		if (PQresultStatus(r) == PGRES_TUPLES_OK && k < c->nbatch &&
		    c->batch_rows[k] != NULL)
			for (int i = 0; i < PQntuples(r); i++)
				pg_row(r, i, c->batch_rows[k]);
		if (PQresultStatus(r) == PGRES_FATAL_ERROR && rc == 0) {
			const char *state = PQresultErrorField(r,
			    PG_DIAG_SQLSTATE);

			c->retryable = pg_is_retryable(r);
			if (state != NULL && strncmp(state, "23", 2) == 0)
				rc = STORE_CONFLICT;
			else {
				log_warn("pg: batched statement: %s",
				    PQresultErrorMessage(r));
				rc = -1;
			}
		}
		PQclear(r);
	}
	lost = PQstatus(c->conn) != CONNECTION_OK;
	if (PQexitPipelineMode(c->conn) != 1) {
		if (!lost)
			log_warn("pg: pipeline: %s", PQerrorMessage(c->conn));
		rc = -1;
	}
	if (rc != 0) {
		/* Statements prepared in a failed batch may not exist. */
		for (int i = 0; i < c->nsent_prepares; i++)
			c->prepared[c->sent_prepares[i]] = false;
		/*
		 * A connection lost by a batch that sent no COMMIT: nothing of
		 * the transaction was kept, and the caller may run it again on
		 * a new connection.
		 */
		if (lost && !c->batch_commits) {
			c->retryable = true;
			c->in_tx = false;
		}
		if (c->batch_commits && !lost) {
			c->in_tx = false;
			pg_simple(c, "ROLLBACK");
		}
	}
	c->nsent_prepares = 0;
	c->nbatch = 0;
	c->batch_error = 0;
	c->batch_commits = false;
	return rc;
}

static int
pg_pipeline(void *p, bool begin)
{
	struct pg	*c = p;

	if (!begin)
		return pg_batch_end(c);
	if (c->pipeline)
		return 0;
	/*
	 * A batch may hold a whole transaction, COMMIT included, and a batch
	 * that fails after it was sent cannot be run again: the commit may
	 * have happened.  So the connection is checked first, without a round
	 * trip: a server that restarted has closed it, and reading what is
	 * waiting on the socket shows that.  A dead connection is renewed.
	 */
	if (!c->in_tx && !pg_alive(c) && !pg_reconnect(c))
		return -1;
	if (PQenterPipelineMode(c->conn) != 1) {
		log_warn("pg: pipeline: %s", PQerrorMessage(c->conn));
		return -1;
	}
	c->pipeline = true;
	c->nsent_prepares = 0;
	c->nbatch = 0;
	c->batch_error = 0;
	c->batch_commits = false;
	return 0;
}

/*
 * Notes a command just sent: its answers are the next ones the batch
 * reads.  A full batch is sent off and a new one begun.
 */
static int
pg_sent(struct pg *c, json_t *rows)
{
	c->batch_rows[c->nbatch++] = rows;
	if (c->nbatch < PG_BATCH_MAX - 1)
		return 0;
	if (pg_batch_end(c) != 0)
		return -1;
	return pg_pipeline(c, true);
}

/* After a PQsend… call that returned sent: notes the command, or fails. */
static int
pg_queued(struct pg *c, int sent, json_t *rows)
{
	if (sent != 1) {
		log_warn("pg: batch: %s", PQerrorMessage(c->conn));
		c->batch_error = -1;
		return -1;
	}
	return pg_sent(c, rows);
}

/*
 * Queues a statement of a batch; its answer is read at the batch's end,
 * and its rows, if any, are appended to rows.
 */
static int
pg_send(struct pg *c, enum stmt id, const char *name, int n,
    const char *const *values, json_t *rows)
{
	if (!c->prepared[id]) {
		if (PQsendPrepare(c->conn, name, pg_text(c, id), 0, NULL) != 1) {
			c->batch_error = -1;
			return -1;
		}
		c->prepared[id] = true;
		c->sent_prepares[c->nsent_prepares++] = (int)id;
		if (pg_sent(c, NULL) < 0)
			return -1;
	}
	return pg_queued(c, PQsendQueryPrepared(c->conn, name, n, values, NULL,
	    NULL, 0), rows);
}

/* Queues BEGIN or COMMIT in a batch. */
static int
pg_send_plain(struct pg *c, const char *sql)
{
	return pg_queued(c, PQsendQueryParams(c->conn, sql, 0, NULL, NULL,
	    NULL, NULL, 0), NULL);
}

static int
pg_simple(struct pg *c, const char *sql)
{
	PGresult	*r = PQexec(c->conn, sql);
	int		 ok = PQresultStatus(r) == PGRES_COMMAND_OK ||
			    PQresultStatus(r) == PGRES_TUPLES_OK;

	if (!ok) {
		c->retryable = pg_is_retryable(r);
		log_warn("pg: %s", PQerrorMessage(c->conn));
	}
	PQclear(r);
	return ok ? 0 : -1;
}

/*
 * A read transaction sees one snapshot for all its statements (REPEATABLE
 * READ): the reads of a case page are consistent with one another, as
 * SQLite's read transactions are.  A read-only one never fails to
 * serialize.  Writes run at READ COMMITTED, with their locks.
 */
static const char *const pg_begin[] = {
	[STORE_BEGIN_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	[STORE_BEGIN_WRITE] = "BEGIN",
	[STORE_BEGIN_BULK] = "BEGIN",
};

static int
pg_tx(void *p, enum store_tx op)
{
	struct pg	*c = p;
	int		 rc;

	/*
	 * Inside a batch, BEGIN and COMMIT are queued with its statements:
	 * the end of the batch tells whether they worked.  A rollback ends
	 * the batch first.
	 */
	if (c->pipeline) {
		switch (op) {
		case STORE_BEGIN_READ:
		case STORE_BEGIN_WRITE:
		case STORE_BEGIN_BULK:
			c->retryable = false;
			c->in_tx = true;
			return pg_send_plain(c, pg_begin[op]);
		case STORE_COMMIT:
			c->in_tx = false;
			c->batch_commits = true;
			return pg_send_plain(c, "COMMIT");
		case STORE_ROLLBACK:
			pg_batch_end(c);
			break;
		}
	}
	switch (op) {
	case STORE_BEGIN_READ:
	case STORE_BEGIN_WRITE:
	case STORE_BEGIN_BULK:
		c->retryable = false;
		rc = pg_simple(c, pg_begin[op]);
		/* A server restart shows first here: reconnect, begin again. */
		if (rc < 0 && pg_recover(c))
			rc = pg_simple(c, pg_begin[op]);
		c->in_tx = rc == 0;
		return rc;
	case STORE_COMMIT:
		c->in_tx = false;
		return pg_simple(c, "COMMIT");
	case STORE_ROLLBACK:
		c->in_tx = false;
		return pg_simple(c, "ROLLBACK");
	}
	return -1;
}

/* Bulk rows: statement id is a COPY FROM STDIN (pg_copy.h). */
static int
pg_bulk_begin(void *p, enum stmt id)
{
	struct pg	*c = p;

	buf_reset(&c->copy);
	return pg_copy_start(c->conn, pg_text(c, id)) ? 0 : -1;
}

static int
pg_bulk_row(void *p, const struct store_param *par, int n)
{
	struct pg	*c = p;

	return pg_copy_row(c->conn, &c->copy, par, n);
}

static int
pg_bulk_end(void *p, bool ok)
{
	struct pg	*c = p;

	return pg_copy_end(c->conn, &c->copy, ok);
}

/*
 * Runs a migration script: libpq's simple protocol takes many statements.
 * A migration may rewrite a table of the whole installation (0025 fills a
 * column of every step of the timeline), so the statement timeout is off
 * for the rest of its transaction.
 */
static int
pg_script(void *p, const char *sql)
{
	if (pg_simple(p, "SET LOCAL statement_timeout = 0") < 0)
		return -1;
	return pg_simple(p, sql);
}

static bool
pg_retryable(void *p)
{
	return ((struct pg *)p)->retryable;
}

const struct store_driver store_pg_driver = {
	.name = "postgres",
	.open = pg_open,
	.close = pg_close,
	.query = pg_query,
	.tx = pg_tx,
	.script = pg_script,
	.migrations = embed_migrations_pg,
	.retryable = pg_retryable,
	.pipeline = pg_pipeline,
	.prepare = pg_prepare,
	.groups = true,
	.bulk_begin = pg_bulk_begin,
	.bulk_row = pg_bulk_row,
	.bulk_end = pg_bulk_end,
};
