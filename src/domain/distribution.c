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
