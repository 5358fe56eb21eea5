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

void	 distribution_of(int *values, size_t n, struct distribution *);

#endif
