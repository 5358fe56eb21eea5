/*
 * group: the statements of many applications written as one statement per
 * table, each parameter bound as an array of its values (PostgreSQL: the
 * group forms of stmts.c; the arrays' syntax is the driver's, pg_array).
 * See query.h, store_group_collect.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "driver.h"
#include "query.h"

#define GROUP_STMTS	16	/* statements with a group form, at most */

/* One call that wants its rows back: the case they belong to and where
 * they go. */
struct group_call {
	int64_t	 key;
	json_t	*into;
};

/* One statement's collected rows, a column array per parameter. */
struct group_stmt {
	enum stmt		 stmt;	/* the plain form */
	int			 width;
	struct pg_array	*cols;	/* width of them */
	json_t			*rows;	/* what the group form gives back */
	struct group_call	*calls;
	int			 ncalls, cap;
};

struct store_group {
	struct group_stmt	 stmts[GROUP_STMTS];
	int			 n;
};

struct store_group *
store_group_new(void)
{
	struct store_group *g = calloc(1, sizeof(*g));

	if (g == NULL)
		log_fatal("store: out of memory");
	return g;
}

void
store_group_free(struct store_group *g)
{
	if (g == NULL)
		return;
	for (int i = 0; i < g->n; i++) {
		for (int k = 0; k < g->stmts[i].width; k++)
			pg_array_free(&g->stmts[i].cols[k]);
		free(g->stmts[i].cols);
		json_decref(g->stmts[i].rows);
		free(g->stmts[i].calls);
	}
	free(g);
}

/* The statement's entry in g, made when new. */
static struct group_stmt *
group_stmt(struct store_group *g, enum stmt s, int width)
{
	for (int i = 0; i < g->n; i++)
		if (g->stmts[i].stmt == s)
			return &g->stmts[i];
	if (g->n == GROUP_STMTS)
		log_fatal("store: too many statements in a group");
	g->stmts[g->n].stmt = s;
	g->stmts[g->n].width = width;
	if ((g->stmts[g->n].cols = calloc(width, sizeof(struct pg_array))) ==
	    NULL)
		log_fatal("store: out of memory");
	return &g->stmts[g->n++];
}

static void
add_call(struct group_stmt *gs, int64_t key, json_t *into)
{
	if (gs->ncalls == gs->cap) {
		gs->cap = gs->cap ? gs->cap * 2 : 16;
		if ((gs->calls = realloc(gs->calls, gs->cap *
		    sizeof(*gs->calls))) == NULL)
			log_fatal("store: out of memory");
	}
	gs->calls[gs->ncalls].key = key;
	gs->calls[gs->ncalls++].into = into;
}

/*
 * Collects one call of statement s (store.c calls it while the group
 * collects): its parameters, a row of width at a time, go to the ends of
 * the column arrays.  Returns 0 or -1.
 */
int
store_group_add(struct store_group *g, enum stmt s,
    const struct store_param *p, int n, json_t *into)
{
	int			 width = stmts_group[s].width > 0 ?
				    stmts_group[s].width : n;
	struct group_stmt	*gs = group_stmt(g, s, width);

	if (width != gs->width || n % width != 0 || n < 1)
		log_fatal("store: statement %d collected with %d parameters",
		    (int)s, n);
	for (int i = 0; i < n; i++) {
		struct pg_array *a = &gs->cols[i % width];

		switch (p[i].type) {
		case SP_INT:
			pg_array_int(a, p[i].i);
			break;
		case SP_TEXT:
			pg_array_text(a, p[i].s);
			break;
		case SP_NULL:
			pg_array_text(a, NULL);
			break;
		case SP_ARRAY:
			log_fatal("store: an array inside a group write");
		}
	}
	if (into != NULL) {
		/* Every group form's first parameter is the case id. */
		if (p[0].type != SP_INT)
			log_fatal("store: statement %d has no case id first",
			    (int)s);
		add_call(gs, p[0].i, into);
	}
	return 0;
}

/*
 * Appends what src collected to dst, statement by statement: each thread
 * can collect its own application, and the writer join them.
 */
void
store_group_merge(struct store_group *dst, const struct store_group *src)
{
	for (int i = 0; i < src->n; i++) {
		const struct group_stmt	*from = &src->stmts[i];
		struct group_stmt	*to = group_stmt(dst, from->stmt,
					    from->width);

		for (int k = 0; k < from->width; k++)
			pg_array_join(&to->cols[k], &from->cols[k]);
		for (int c = 0; c < from->ncalls; c++)
			add_call(to, from->calls[c].key, from->calls[c].into);
	}
}

/*
 * Puts the elements of a in place of the values collected for parameter k
 * of statement s: a value only the writer of the group knows.
 */
void
store_group_replace(struct store_group *g, enum stmt s, int k,
    const struct store_ints *a)
{
	for (int i = 0; i < g->n; i++)
		if (g->stmts[i].stmt == s && k < g->stmts[i].width) {
			struct pg_array *col = &g->stmts[i].cols[k];

			pg_array_free(col);
			for (int e = 0; e < a->n; e++)
				pg_array_int(col, a->v[e]);
		}
}

/*
 * Sends the group form of every collected statement, in the order they
 * were first collected: the case before the rows that refer to it.  Inside
 * a batch they are only queued.  Returns 0, STORE_CONFLICT or -1.
 */
int
store_group_send(struct store *st, struct store_group *g)
{
	for (int i = 0; i < g->n; i++) {
		struct group_stmt	*gs = &g->stmts[i];
		struct store_param	 p[STORE_MAX_PARAMS];
		int			 rc;

		for (int k = 0; k < gs->width; k++) {
			p[k].type = SP_TEXT;
			p[k].s = pg_array_end(&gs->cols[k]);
		}
		json_decref(gs->rows);
		gs->rows = json_array();
		rc = store_rows_into_params(st, gs->rows,
		    stmts_group[gs->stmt].group, p, gs->width);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Gives each collected call the rows that are its own, without their
 * group_key, in the order they came back.  Call it once the batch that
 * sent the group has ended well.
 */
void
store_group_deliver(struct store_group *g)
{
	for (int i = 0; i < g->n; i++) {
		struct group_stmt	*gs = &g->stmts[i];
		size_t			 r;
		json_t			*row;

		json_array_foreach(gs->rows, r, row) {
			int64_t key = json_integer_value(json_object_get(row,
			    "group_key"));

			json_object_del(row, "group_key");
			for (int c = 0; c < gs->ncalls; c++)
				if (gs->calls[c].key == key) {
					json_array_append(gs->calls[c].into,
					    row);
					break;
				}
		}
	}
}
