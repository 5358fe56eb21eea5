/*
 * driver: what a database driver implements, private to the store: no
 * file outside src/store/ includes it.
 */
#ifndef IDONEO_DRIVER_H
#define IDONEO_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/embed.h"
#include "param.h"
#include "stmts.h"

struct store;
struct store_group;

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
	/* 0 prepared, 1 none of this database's, -1 refused */
	int		 (*prepare)(void *, enum stmt);
	bool		 groups;	/* runs the group forms (stmts_group) */
	/*
	 * Bulk rows (query.h store_bulk_*): begin, one row, end.  NULL: each
	 * row runs the statement once, in-process.
	 */
	int		 (*bulk_begin)(void *, enum stmt);
	int		 (*bulk_row)(void *, const struct store_param *, int);
	int		 (*bulk_end)(void *, bool ok);
};

/*
 * A PostgreSQL array literal built one element at a time ("{1,NULL,\"a\"}"),
 * for a parameter cast to bigint[] or text[]: the group forms' columns and
 * the 'a' parameters (store_pg.c, which alone knows the syntax).
 */
struct pg_array {
	struct buf	 b, out;
	int		 n;
};

void		 pg_array_int(struct pg_array *, int64_t);
void		 pg_array_text(struct pg_array *, const char *);
void		 pg_array_join(struct pg_array *, const struct pg_array *);
const char	*pg_array_end(struct pg_array *);
void		 pg_array_free(struct pg_array *);

int		 store_prepare(struct store *, enum stmt);
int		 store_group_add(struct store_group *, enum stmt,
		    const struct store_param *, int, json_t *);

/* A connection: its driver's, and what the store keeps beside it. */
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
	enum stmt			 bulk;	/* its rows, between begin and end */
};

extern const struct store_driver store_sqlite_driver;
extern const struct store_driver store_pg_driver;


#endif
