/*
 * distribution: see distribution.h.
 */
#include <stdlib.h>

#include "distribution.h"

static int
cmp(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The median (the mean of the two middle values of an even count), the
 * 90th percentile by the nearest rank (the smallest value with at least
 * 90% of the values at or below it) and the maximum of n values, which
 * it sorts.  All zero when n is 0.
 */
void
distribution_of(int *v, size_t n, struct distribution *d)
{
	size_t	 rank;

	d->count = n;
	d->median = 0;
	d->p90 = d->max = 0;
	if (n == 0)
		return;
	qsort(v, n, sizeof(v[0]), cmp);
	d->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
	rank = (n * 9 + 9) / 10;	/* ceil(0.9 n) */
	d->p90 = v[rank - 1];
	d->max = v[n - 1];
}

static int
cmp_tally(const void *a, const void *b)
{
	int	 x = ((const struct tally *)a)->value;
	int	 y = ((const struct tally *)b)->value;

	return (x > y) - (x < y);
}

/* The value of the k-th smallest (from 0) of the tallied values, sorted. */
static int
kth(const struct tally *t, size_t n, size_t k)
{
	for (size_t i = 0; i < n; i++) {
		if (k < t[i].count)
			return t[i].value;
		k -= t[i].count;
	}
	return n > 0 ? t[n - 1].value : 0;
}

/*
 * The same figures as distribution_of, of values given as n tallies (a
 * value and how many times it occurs, as a GROUP BY counts them), which
 * it sorts: the cost follows the number of distinct values, not of the
 * values themselves.
 */
void
distribution_of_tallies(struct tally *t, size_t n, struct distribution *d)
{
	size_t	 total = 0, rank;

	for (size_t i = 0; i < n; i++)
		total += t[i].count;
	d->count = total;
	d->median = 0;
	d->p90 = d->max = 0;
	if (total == 0)
		return;
	qsort(t, n, sizeof(t[0]), cmp_tally);
	d->median = total % 2 ? kth(t, n, total / 2) : (kth(t, n, total / 2 -
	    1) + kth(t, n, total / 2)) / 2.0;
	rank = (total * 9 + 9) / 10;
	d->p90 = kth(t, n, rank - 1);
	d->max = kth(t, n, total - 1);
}
