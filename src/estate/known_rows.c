/*
 * known_rows: see known_rows.h.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/log.h"
#include "known_rows.h"

#define PAGE_ROWS	10000
#define DELETE_IDS	1000	/* ids handed over at a time */

struct known_row {
	unsigned char	 fp[KNOWN_FP_LEN];	/* zero: none (an older row) */
	int64_t		 id;
	bool		 claimed;
};

/* Sorted by fingerprint, then id, once loaded. */
struct known_rows {
	struct known_row	*rows;
	int64_t			 n, cap;
};

static int
by_fingerprint(const void *a, const void *b)
{
	const struct known_row	*x = a, *y = b;
	int			 c = memcmp(x->fp, y->fp, KNOWN_FP_LEN);

	if (c != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Reads the comune's rows with statement page (comune, after id, limit),
 * then sorts them by fingerprint.
 */
struct known_rows *
known_rows_load(struct store *st, enum stmt page, int64_t comune_id)
{
	struct known_rows	*k = calloc(1, sizeof(*k));
	int64_t			 after_id = 0;

	if (k == NULL)
		log_fatal("known_rows: out of memory");
	for (;;) {
		json_t	*rows = store_rows(st, page, "iii", comune_id,
			    after_id, (int64_t)PAGE_ROWS), *v;
		size_t	 i;

		if (rows == NULL) {
			known_rows_free(k);
			return NULL;
		}
		json_array_foreach(rows, i, v) {
			struct known_row *r;
			const char	*hex = json_string_value(
					    json_object_get(v, "fingerprint"));

			if (k->n == k->cap) {
				k->cap = k->cap ? 2 * k->cap : 4096;
				if ((k->rows = realloc(k->rows, (size_t)k->cap *
				    sizeof(*k->rows))) == NULL)
					log_fatal("known_rows: out of memory");
			}
			r = &k->rows[k->n++];
			memset(r, 0, sizeof(*r));
			r->id = json_integer_value(json_object_get(v, "id"));
			if (hex != NULL && strlen(hex) == 2 * KNOWN_FP_LEN)
				sodium_hex2bin(r->fp, sizeof(r->fp), hex,
				    strlen(hex), NULL, NULL, NULL);
			after_id = r->id;
		}
		i = json_array_size(rows);
		json_decref(rows);
		if (i < PAGE_ROWS)
			break;
	}
	if (k->n > 0)
		qsort(k->rows, (size_t)k->n, sizeof(*k->rows), by_fingerprint);
	return k;
}

/*
 * Claims the first unclaimed row with fingerprint fp; false when there is
 * none (the row is new).
 */
bool
known_rows_claim(struct known_rows *k, const unsigned char fp[KNOWN_FP_LEN])
{
	int64_t	 lo = 0, hi = k->n;

	while (lo < hi) {
		int64_t	 mid = lo + (hi - lo) / 2;

		if (memcmp(k->rows[mid].fp, fp, KNOWN_FP_LEN) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < k->n && memcmp(k->rows[lo].fp, fp, KNOWN_FP_LEN) == 0;
	    lo++)
		if (!k->rows[lo].claimed) {
			k->rows[lo].claimed = true;
			return true;
		}
	return false;
}

/*
 * Hands the ids of the rows nobody claimed to fn, as JSON arrays of up to
 * 1,000; stops at fn's first failure and returns it, or 0.
 */
int
known_rows_unclaimed(struct known_rows *k, int (*fn)(void *, json_t *),
    void *arg)
{
	json_t	*ids = json_array();
	int	 rc = 0;

	for (int64_t i = 0; i < k->n && rc == 0; i++) {
		if (k->rows[i].claimed)
			continue;
		json_array_append_new(ids, json_integer(k->rows[i].id));
		if (json_array_size(ids) == DELETE_IDS) {
			rc = fn(arg, ids);
			json_array_clear(ids);
		}
	}
	if (rc == 0 && json_array_size(ids) > 0)
		rc = fn(arg, ids);
	json_decref(ids);
	return rc;
}

int64_t
known_rows_count(const struct known_rows *k)
{
	return k->n;
}

void
known_rows_free(struct known_rows *k)
{
	if (k == NULL)
		return;
	free(k->rows);
	free(k);
}
