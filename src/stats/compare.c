/*
 * compare: the comuni side by side, for the administrator of a regional
 * or national installation (docs/stats.md): for each comune the
 * applications received and the certificates made ready in the period,
 * their median release days, the share within the comune's target, and
 * the cases open today.  Three grouped statements whatever the number of
 * comuni, not the figures of each comune in turn.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/jfield.h"
#include "domain/distribution.h"
#include "stats.h"
#include "tally.h"
#include "store/query.h"

/* The row of comune id in by (a JSON object keyed by id), made if new. */
static json_t *
row_of(json_t *by, int64_t id)
{
	char	 key[24];
	json_t	*r;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((r = json_object_get(by, key)) == NULL) {
		r = json_pack("{s:I, s:I, s:I, s:f, s:I, s:I}", "comune_id",
		    (json_int_t)id, "received", (json_int_t)0, "certificates",
		    (json_int_t)0, "median", 0.0, "within", (json_int_t)0,
		    "open", (json_int_t)0);
		json_object_set_new(by, key, r);
	}
	return r;
}

static void
add_to(json_t *r, const char *key, json_int_t n)
{
	json_object_set_new(r, key, json_integer(jfield_int(r, key) + n));
}

/* Each row's count (comune_id, n) into its comune's key; frees rows. */
static int
count_by_comune(json_t *by, const char *key, json_t *rows)
{
	json_t	*r;
	size_t	 i;

	if (rows == NULL)
		return -1;
	json_array_foreach(rows, i, r)
		add_to(row_of(by, jfield_int(r, "comune_id")), key,
		    jfield_int(r, "n"));
	json_decref(rows);
	return 0;
}

/* The tallies of one comune's release days, summed up into its row. */
static void
close_comune(json_t *r, struct tally *t, size_t n)
{
	struct distribution d;

	distribution_of_tallies(t, n, &d);
	json_object_set_new(r, "median", json_real(d.median));
}

static int
by_comune_id(const void *a, const void *b)
{
	json_int_t	 x = jfield_int(*(json_t *const *)a, "comune_id");
	json_int_t	 y = jfield_int(*(json_t *const *)b, "comune_id");

	return (x > y) - (x < y);
}

/*
 * Every comune's figures of q's period and purpose (q's comune is not
 * read; stats_figures, which its callers ask first, folds the changes to
 * the totals): an object from the comune's id to {comune_id, received,
 * certificates, median, within, share, open}.  NULL on a database error.
 */
json_t *
stats_compare(struct store *st, const struct stats_query *q)
{
	json_t		*by = json_object(), *rows = NULL, *r, *cur = NULL;
	json_t		**sorted = NULL;
	struct tally	*t = NULL;
	size_t		 i, k = 0;
	int64_t		 last = -1;
	const char	*key;

	if (count_by_comune(by, "received", stats_rows(st, q,
	    STMT_STATS_COMPARE_RECEIVED, STMT_STATS_TALLY_COMPARE_RECEIVED,
	    false)) < 0 || count_by_comune(by, "open", store_rows(st,
	    STMT_STATS_COMPARE_OPEN, "ss", q->purpose, q->purpose)) < 0) {
		json_decref(by);
		return NULL;
	}
	/* The totals' rows and the ends' come apart: sorted by comune, so
	 * each comune's days are tallied together. */
	if ((rows = stats_rows(st, q, STMT_STATS_COMPARE_READY,
	    STMT_STATS_TALLY_COMPARE_READY, false)) == NULL ||
	    (t = calloc(json_array_size(rows) + 1, sizeof(*t))) == NULL ||
	    (sorted = calloc(json_array_size(rows) + 1, sizeof(*sorted))) ==
	    NULL)
		goto fail;
	json_array_foreach(rows, i, r)
		sorted[i] = r;
	qsort(sorted, json_array_size(rows), sizeof(*sorted), by_comune_id);
	for (i = 0; i < json_array_size(rows); i++) {
		int64_t		 id = jfield_int(sorted[i], "comune_id");
		json_int_t	 n = jfield_int(sorted[i], "n");

		r = sorted[i];
		if (id != last) {
			if (cur != NULL)
				close_comune(cur, t, k);
			cur = row_of(by, id);
			last = id;
			k = 0;
		}
		t[k].value = (int)jfield_int(r, "days");
		t[k++].count = (size_t)n;
		add_to(cur, "certificates", n);
		add_to(cur, "within", jfield_int(r, "in_target") * n);
	}
	if (cur != NULL)
		close_comune(cur, t, k);
	free(sorted);
	free(t);
	json_decref(rows);
	json_object_foreach(by, key, r) {
		json_int_t c = jfield_int(r, "certificates");

		json_object_set_new(r, "share", json_real(c ? (double)
		    jfield_int(r, "within") / (double)c : 0.0));
	}
	return by;
fail:
	free(sorted);
	free(t);
	json_decref(rows);
	json_decref(by);
	return NULL;
}
