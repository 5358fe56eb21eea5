/*
 * distribution: see distribution.h.
 */
#include <stdlib.h>

#include "distribution.h"

/* The values, sorted: the k-th smallest (from 0) of n values or tallies. */
struct sorted {
	const int		*values;
	const struct tally	*tallies;
	size_t			 n;
};

static int
kth(const struct sorted *s, size_t k)
{
	if (s->values != NULL)
		return s->values[k];
	for (size_t i = 0; i < s->n; i++) {
		if (k < s->tallies[i].count)
			return s->tallies[i].value;
		k -= s->tallies[i].count;
	}
	return s->n > 0 ? s->tallies[s->n - 1].value : 0;
}

/*
 * The median (the mean of the two middle values of an even count), the
 * 90th percentile by the nearest rank (the smallest value with at least
 * 90% of the values at or below it) and the maximum of total sorted
 * values.  All zero when total is 0.
 */
static void
figures(const struct sorted *s, size_t total, struct distribution *d)
{
	size_t	 rank = (total * 9 + 9) / 10;	/* ceil(0.9 total) */

	d->count = total;
	d->median = 0;
	d->p90 = d->max = 0;
	if (total == 0)
		return;
	d->median = total % 2 ? kth(s, total / 2) : (kth(s, total / 2 - 1) +
	    kth(s, total / 2)) / 2.0;
	d->p90 = kth(s, rank - 1);
	d->max = kth(s, total - 1);
}

static int
cmp(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The figures of n values, which it sorts. */
void
distribution_of(int *v, size_t n, struct distribution *d)
{
	struct sorted	 s = {.values = v, .n = n};

	if (n > 0)
		qsort(v, n, sizeof(v[0]), cmp);
	figures(&s, n, d);
}

static int
cmp_tally(const void *a, const void *b)
{
	int	 x = ((const struct tally *)a)->value;
	int	 y = ((const struct tally *)b)->value;

	return (x > y) - (x < y);
}

/*
 * The same figures, of values given as n tallies (a value and how many
 * times it occurs, as a GROUP BY counts them), which it sorts: the cost
 * follows the number of distinct values, not of the values themselves.
 */
void
distribution_of_tallies(struct tally *t, size_t n, struct distribution *d)
{
	struct sorted	 s = {.tallies = t, .n = n};
	size_t		 total = 0;

	for (size_t i = 0; i < n; i++)
		total += t[i].count;
	if (n > 0)
		qsort(t, n, sizeof(t[0]), cmp_tally);
	figures(&s, total, d);
}
