/*
 * distribution: the median, 90th percentile and maximum of a list of days
 * (the office's release times, src/stats).
 */
#ifndef IDONEO_DISTRIBUTION_H
#define IDONEO_DISTRIBUTION_H

#include <stddef.h>

struct distribution {
	size_t	 count;
	double	 median;
	int	 p90, max;
};

/* A value and how many times it occurs. */
struct tally {
	int	 value;
	size_t	 count;
};

void	 distribution_of(int *values, size_t n, struct distribution *);
void	 distribution_of_tallies(struct tally *, size_t n,
	    struct distribution *);

#endif
