/*
 * query: running idoneo's statements, for the services and the importers.
 *
 * Callers name a statement (enum stmt, SQL text in stmts.c) and pass its
 * parameters with a type string; results come back as jansson objects keyed
 * by column name (the rows read most as typed structs: rows.h).
 *
 * Parameter type letters: 's' text (NULL binds SQL NULL), 'i' int64_t,
 * 'I' int64_t where 0 binds SQL NULL (an absent foreign key), 'n' int64_t
 * where a negative value binds SQL NULL (an absent measure), 'd' int,
 * 'b' bool as 0/1, 'a' a struct store_ints bound as one array (PostgreSQL's
 * group forms only).
 */
#ifndef IDONEO_QUERY_H
#define IDONEO_QUERY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "param.h"
#include "stmts.h"
#include "store.h"


void		 store_ints_add(struct store_ints *, int64_t);
void		 store_ints_free(struct store_ints *);

int		 store_tx(struct store *, enum store_tx);
int		 store_pipeline(struct store *, bool begin);
bool		 store_retryable(struct store *);
bool		 store_groups(const struct store *);

#define STORE_RETRIES	3	/* runs of a transaction that hit a conflict */

int		 store_exec(struct store *, enum stmt, const char *, ...);
int		 store_exec_json(struct store *, enum stmt, const json_t *);
int		 store_rows_into_json(struct store *, json_t *, enum stmt,
		    const json_t *);
json_t		*store_rows(struct store *, enum stmt, const char *, ...);
int		 store_row(struct store *, json_t **, enum stmt,
		    const char *, ...);
int		 store_rows_into(struct store *, json_t *, enum stmt,
		    const char *, ...);
int		 store_insert_json(struct store *, enum stmt, int64_t id,
		    json_t *rows, json_t *into);
int		 store_next_id(struct store *, enum stmt, int64_t *);
int		 store_int(struct store *, int64_t *, enum stmt,
		    const char *, ...);

int		 store_rows_into_params(struct store *, json_t *, enum stmt,
		    const struct store_param *, int);

/*
 * Bulk rows, for the importers: between store_bulk_begin(st, s) and
 * store_bulk_end(st, ok), each store_bulk_row gives one row of statement s.
 * On SQLite s is an INSERT of one row, prepared once and run for each.  On
 * PostgreSQL s's own form is "COPY table (columns) FROM STDIN" and the rows
 * go down one COPY stream, which store_bulk_end closes (ok false abandons
 * it: nothing of it is written).  Nothing else runs on the connection in
 * between, inside a write transaction.  Each returns 0, or -1 (or
 * STORE_CONFLICT) if the database refused the rows.
 */
int		 store_bulk_begin(struct store *, enum stmt);
int		 store_bulk_row(struct store *, const char *, ...);
int		 store_bulk_end(struct store *, bool ok);

/*
 * Group writes (PostgreSQL): the rows of many applications sent as one
 * statement per table.  While a group collects on a connection
 * (store_group_collect(st, g) until store_group_collect(st, NULL)),
 * store_exec, store_rows_into and store_rows_into_json of a statement that
 * has a group form (stmts_group) send nothing: each parameter's value goes
 * to the end of an array.  Other statements run as usual.  Then
 * store_group_send sends each collected statement's group form once, in
 * the order the statements were first collected, so parents go before
 * children; and, once the batch that sent them has ended well,
 * store_group_deliver gives each call that asked for rows the rows of its
 * own case.  store_group_merge joins what two groups collected: each
 * thread may collect its own application, and a writer join them;
 * store_group_replace puts in a parameter's values that only the writer
 * knows, the parameter named in stmts.h (STMT_CASE_INSERT_PROTOCOL).
 */
struct store_group;

struct store_group *store_group_new(void);
void		 store_group_free(struct store_group *);
void		 store_group_collect(struct store *, struct store_group *);
void		 store_group_merge(struct store_group *,
		    const struct store_group *);
void		 store_group_replace(struct store_group *, enum stmt, int,
		    const struct store_ints *);
int		 store_group_send(struct store *, struct store_group *);
void		 store_group_deliver(struct store_group *);

#endif
