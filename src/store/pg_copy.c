/*
 * pg_copy: see pg_copy.h.
 */
#include <string.h>

#include "base/log.h"
#include "pg_copy.h"

#define PG_COPY_CHUNK	65536

/* Starts the COPY of sql; false (logged) if the server refused it. */
bool
pg_copy_start(PGconn *conn, const char *sql)
{
	PGresult	*r = PQexec(conn, sql);
	bool		 ok = PQresultStatus(r) == PGRES_COPY_IN;

	if (!ok)
		log_warn("pg: copy: %s", PQerrorMessage(conn));
	PQclear(r);
	return ok;
}

/* Writes s as a COPY text field: backslash, tab, LF and CR escaped. */
static void
copy_text(struct buf *b, const char *s)
{
	const char	*run = s;

	for (; *s != '\0'; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" :
		    *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;

		if (esc == NULL)
			continue;
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, esc);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

static int
copy_flush(PGconn *conn, struct buf *b)
{
	int	 rc = b->len == 0 ? 1 :
		    PQputCopyData(conn, b->data, (int)b->len);

	buf_reset(b);
	if (rc != 1)
		log_warn("pg: copy: %s", PQerrorMessage(conn));
	return rc == 1 ? 0 : -1;
}

/* Adds one row to b, handing b to libpq when it holds 64 kB. */
int
pg_copy_row(PGconn *conn, struct buf *b, const struct store_param *par,
    int n)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, '\t');
		switch (par[i].type) {
		case SP_NULL:
			buf_puts(b, "\\N");
			break;
		case SP_INT:
			buf_printf(b, "%lld", (long long)par[i].i);
			break;
		case SP_TEXT:
			copy_text(b, par[i].s);
			break;
		case SP_ARRAY:
			log_fatal("pg: an array in a COPY row");
		}
	}
	buf_putc(b, '\n');
	return b->len >= PG_COPY_CHUNK ? copy_flush(conn, b) : 0;
}

/*
 * Ends the COPY: sends what b holds and waits for the server's verdict
 * when ok, abandons it otherwise.  0, STORE_CONFLICT when a constraint
 * refused a row, or -1.
 */
int
pg_copy_end(PGconn *conn, struct buf *b, bool ok)
{
	PGresult	*r;
	int		 ret;

	if (ok && copy_flush(conn, b) < 0)
		ok = false;
	buf_reset(b);
	ret = ok ? 0 : -1;
	if (PQputCopyEnd(conn, ok ? NULL : "abandoned") != 1)
		ret = -1;
	while ((r = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && ret == 0) {
			const char *state = PQresultErrorField(r,
			    PG_DIAG_SQLSTATE);

			/* Only the code: COPY's messages quote the row. */
			ret = state != NULL && strncmp(state, "23", 2) == 0 ?
			    STORE_CONFLICT : -1;
			if (ret == -1)
				log_warn("pg: copy refused, SQLSTATE %s",
				    state != NULL ? state : "?");
		}
		PQclear(r);
	}
	return ret;
}
