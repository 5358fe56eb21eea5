/*
 * rows: see rows.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "query.h"
#include "rows.h"

enum col_type { COL_INT, COL_SMALL, COL_BOOL, COL_TEXT };

/* A column of a row and the field it fills; optional: may be missing. */
struct col {
	const char	*name;
	enum col_type	 type;
	size_t		 off, size;
	bool		 optional;
};

#define C_INT(s, f)	{#f, COL_INT, offsetof(struct s, f), 0, false}
#define C_SMALL(s, f)	{#f, COL_SMALL, offsetof(struct s, f), 0, false}
#define C_BOOL(s, f)	{#f, COL_BOOL, offsetof(struct s, f), 0, false}
#define C_TEXT(s, f)	{#f, COL_TEXT, offsetof(struct s, f), \
			    sizeof(((struct s *)0)->f), false}
#define C_OPT_INT(s, f)	{#f, COL_INT, offsetof(struct s, f), 0, true}
#define C_OPT_TEXT(s, f) {#f, COL_TEXT, offsetof(struct s, f), \
			    sizeof(((struct s *)0)->f), true}

/*
 * Fills the fields of out that cols name from row.  Returns 0, or -1 with
 * the column logged (which = the struct's name) when one is missing, of
 * another type or too long.
 */
static int
rows_read(const json_t *row, const struct col *cols, size_t n, void *out,
    const char *which)
{
	char	*base = out;

	for (size_t i = 0; i < n; i++) {
		const struct col	*c = &cols[i];
		json_t			*v = json_object_get(row, c->name);
		char			*f = base + c->off;

		if (v == NULL && c->optional)
			continue;
		if (v == NULL)
			goto bad;
		switch (c->type) {
		case COL_INT:
		case COL_SMALL:
		case COL_BOOL:
			if (!json_is_integer(v) && !json_is_null(v) &&
			    !json_is_boolean(v))
				goto bad;
			{
				int64_t x = json_is_integer(v) ?
				    json_integer_value(v) : json_is_true(v);

				if (c->type == COL_INT)
					*(int64_t *)(void *)f = x;
				else if (c->type == COL_SMALL)
					*(int *)(void *)f = (int)x;
				else
					*(bool *)(void *)f = x != 0;
			}
			break;
		case COL_TEXT:
			if (json_is_null(v)) {
				f[0] = '\0';
				break;
			}
			if (!json_is_string(v) ||
			    json_string_length(v) >= c->size)
				goto bad;
			memcpy(f, json_string_value(v), json_string_length(v) +
			    1);
			break;
		}
		continue;
bad:
		log_warn("rows: %s: column %s is missing, of another type or "
		    "too long", which, c->name);
		return -1;
	}
	return 0;
}

#define NCOLS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct col case_cols[] = {
	C_INT(case_row, id), C_INT(case_row, comune_id),
	C_INT(case_row, association_id), C_INT(case_row, version),
	C_INT(case_row, protocol_year), C_INT(case_row, protocol_no),
	C_INT(case_row, certificate_year), C_INT(case_row, certificate_no),
	C_SMALL(case_row, term_days), C_SMALL(case_row, stopped_days),
	C_BOOL(case_row, had_refusal_notice), C_TEXT(case_row, state),
	C_TEXT(case_row, received_on), C_TEXT(case_row, due_on),
	C_TEXT(case_row, clock_stopped_on), C_TEXT(case_row, decided_on),
};

/* The three columns of STMT_CASE_VERSION: enough to check access. */
static const struct col case_version_cols[] = {
	C_INT(case_row, comune_id), C_INT(case_row, association_id),
	C_INT(case_row, version),
};

static const struct col user_cols[] = {
	C_INT(user_row, id), C_INT(user_row, comune_id),
	C_INT(user_row, association_id), C_BOOL(user_row, active),
	C_TEXT(user_row, username), C_TEXT(user_row, full_name),
	C_TEXT(user_row, role), C_OPT_TEXT(user_row, password_hash),
	C_OPT_TEXT(user_row, csrf), C_OPT_INT(user_row, point_id),
};

int
rows_case(const json_t *row, struct case_row *c)
{
	memset(c, 0, sizeof(*c));
	return rows_read(row, case_cols, NCOLS(case_cols), c, "case");
}

int
rows_case_version(const json_t *row, struct case_row *c)
{
	memset(c, 0, sizeof(*c));
	return rows_read(row, case_version_cols, NCOLS(case_version_cols), c,
	    "case version");
}

int
rows_user(const json_t *row, struct user_row *u)
{
	memset(u, 0, sizeof(*u));
	return rows_read(row, user_cols, NCOLS(user_cols), u, "user");
}

/* Reads a row with stmt and one id into out.  1 found, 0 none, -1 error. */
static int
get_by_id(struct store *st, enum stmt stmt, int64_t id, void *out,
    int (*conv)(const json_t *, struct case_row *))
{
	json_t	*row;
	int	 rc;

	if ((rc = store_row(st, &row, stmt, "i", id)) <= 0)
		return rc;
	rc = conv(row, out) < 0 ? -1 : 1;
	json_decref(row);
	return rc;
}

/* Case id with its state and deadline (STMT_CASE_GET). */
int
rows_case_get(struct store *st, int64_t id, struct case_row *c)
{
	return get_by_id(st, STMT_CASE_GET, id, c, rows_case);
}

/* Case id's comune, association and version only (STMT_CASE_VERSION). */
int
rows_case_version_get(struct store *st, int64_t id, struct case_row *c)
{
	return get_by_id(st, STMT_CASE_VERSION, id, c, rows_case_version);
}
