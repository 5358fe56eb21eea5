/*
 * store: the one interface to the database.
 *
 * Callers name a statement (enum stmt, SQL text in stmts.c) and pass its
 * parameters with a type string; results come back as jansson objects keyed
 * by column name, which the web layer renders as HTML or JSON.  A driver
 * (SQLite now, PostgreSQL later) implements the few operations in struct
 * store_driver; nothing above this file knows which database runs.
 *
 * Parameter type letters: 's' text (NULL binds SQL NULL), 'i' int64_t,
 * 'I' int64_t where 0 binds SQL NULL (an absent foreign key), 'n' int64_t
 * where a negative value binds SQL NULL (an absent measure), 'd' int,
 * 'b' bool as 0/1.
 */
#ifndef IDONEO_STORE_H
#define IDONEO_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/embed.h"
#include "stmts.h"

#define STORE_CONFLICT	(-2)	/* a UNIQUE or CHECK constraint refused it */
#define STORE_MAX_PARAMS	48	/* parameters of one statement */

enum store_tx {
	STORE_BEGIN_READ,
	STORE_BEGIN_WRITE,
	STORE_COMMIT,
	STORE_ROLLBACK,
};

enum store_ptype { SP_NULL, SP_INT, SP_TEXT };

struct store_param {
	enum store_ptype	 type;
	int64_t			 i;
	const char		*s;
};

struct store_driver {
	const char	*name;
	void		*(*open)(const char *target);
	void		 (*close)(void *);
	/* later: in a batch, the rows may come at its end */
	int		 (*query)(void *, enum stmt, const struct store_param *,
			    int, json_t *rows, int64_t *changes, bool later);
	int		 (*tx)(void *, enum store_tx);
	int		 (*script)(void *, const char *sql);
	const struct embed_file *migrations;
	bool		 (*retryable)(void *);
	int		 (*pipeline)(void *, bool begin);	/* may be NULL */
	bool		 groups;	/* runs the group forms (stmts_group) */
};

struct store;

struct store	*store_open(const char *url);
void		 store_close(struct store *);
const char	*store_driver_name(const struct store *);
int		 store_migrate(struct store *);
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
int		 store_next_id(struct store *, enum stmt, int64_t *);
int		 store_int(struct store *, int64_t *, enum stmt,
		    const char *, ...);

int		 store_rows_into_params(struct store *, json_t *, enum stmt,
		    const struct store_param *, int);

/*
 * A PostgreSQL array literal built one element at a time ("{1,NULL,\"a\"}"),
 * for a parameter cast to bigint[] or text[].
 */
struct store_array {
	struct buf	 b, out;
	int		 n;
};

void		 store_array_int(struct store_array *, int64_t);
void		 store_array_text(struct store_array *, const char *);
const char	*store_array_end(struct store_array *);
void		 store_array_free(struct store_array *);

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
 * knows.
 */
struct store_group;

struct store_group *store_group_new(void);
void		 store_group_free(struct store_group *);
void		 store_group_collect(struct store *, struct store_group *);
int		 store_group_add(struct store_group *, enum stmt,
		    const struct store_param *, int, json_t *);
void		 store_group_merge(struct store_group *,
		    const struct store_group *);
void		 store_group_replace(struct store_group *, enum stmt, int,
		    const struct store_array *);
int		 store_group_send(struct store *, struct store_group *);
void		 store_group_deliver(struct store_group *);

void		 store_thread_init(const char *url);
struct store	*store_thread(void);

extern const struct store_driver store_sqlite_driver;
extern const struct store_driver store_pg_driver;

#endif
