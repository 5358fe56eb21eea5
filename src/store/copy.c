/*
 * copy: see copy.h.
 *
 * The target must be migrated and hold no comune yet.  Tables are copied
 * parents first (stmts.h COPY_TABLES) in one transaction on the target, so
 * a failure leaves it as it was; then identity sequences are moved past the
 * copied ids.  Rule sets built into the binary are already in the target
 * and are the only rows allowed to be there before.
 */
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "copy.h"

/* The row's values in the order of the comma-separated column list. */
static json_t *
values_of(const json_t *row, const char *columns)
{
	json_t		*vals = json_array();
	const char	*p = columns;

	while (*p != '\0') {
		size_t	 n = strcspn(p, ",");
		char	 col[64];

		snprintf(col, sizeof(col), "%.*s", (int)n, p);
		json_array_append(vals, json_object_get(row, col) ?
		    json_object_get(row, col) : json_null());
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return vals;
}

int
store_copy(struct store *from, struct store *to, FILE *report)
{
	int64_t	 n;

	if (store_int(to, &n, STMT_COUNT_COMUNI, "") < 0)
		return -1;
	if (n > 0) {
		fprintf(report, "the target already holds data (%lld comuni): "
		    "copy only into an empty, migrated database\n",
		    (long long)n);
		return -1;
	}
	if (store_tx(from, STORE_BEGIN_READ) < 0)
		return -1;
	if (store_tx(to, STORE_BEGIN_WRITE) < 0)
		goto fail_from;
	for (const struct stmts_copy *t = stmts_copy; t->table != NULL; t++) {
		json_t	*rows = store_rows(from, t->select, "");
		size_t	 i, copied = 0;
		json_t	*row;

		if (rows == NULL)
			goto fail;
		json_array_foreach(rows, i, row) {
			json_t	*vals = values_of(row, t->columns);
			int	 rc = store_exec_json(to, t->insert, vals);

			json_decref(vals);
			if (rc < 0) {
				fprintf(report, "%s: row %zu refused\n", t->table,
				    i + 1);
				json_decref(rows);
				goto fail;
			}
			copied += (size_t)rc;
		}
		if (copied != json_array_size(rows) &&
		    strcmp(t->table, "rule_sets") != 0) {
			fprintf(report, "%s: %zu of %zu rows were already there\n",
			    t->table, json_array_size(rows) - copied,
			    json_array_size(rows));
			json_decref(rows);
			goto fail;
		}
		fprintf(report, "%-16s %zu rows\n", t->table, copied);
		json_decref(rows);
		if (store_exec(to, t->reseq, "") < 0)
			goto fail;
		/*
		 * Each message copied had its history written anew by the
		 * trigger (0008_messages.sql); the copy of
		 * message_status, next, brings the true one.
		 */
		if (strcmp(t->table, "messages") == 0 &&
		    store_exec(to, STMT_MSG_HISTORY_CLEAR, "") < 0)
			goto fail;
	}
	if (store_tx(to, STORE_COMMIT) < 0)
		goto fail_from;
	store_tx(from, STORE_COMMIT);
	return 0;
fail:
	store_tx(to, STORE_ROLLBACK);
fail_from:
	store_tx(from, STORE_ROLLBACK);
	log_warn("copy: nothing was copied");
	return -1;
}
