/*
 * geo: great-circle distances between points given in microdegrees
 * (WGS 84 latitude and longitude times a million, as integers), for the
 * T-Serve points nearest a place.  No external service: the coordinates
 * are stored with each point.
 */
#ifndef IDONEO_GEO_H
#define IDONEO_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A place, and its distance from where the search started, in metres. */
struct geo_place {
	int64_t	 id;
	int32_t	 lat_e6, lon_e6;
	int64_t	 metres;
};

bool	 geo_valid(int32_t lat_e6, int32_t lon_e6);
bool	 geo_parse(const char *degrees, bool latitude, int32_t *out_e6);
int64_t	 geo_metres(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2);
void	 geo_nearest(struct geo_place *, size_t n, int32_t lat_e6,
	    int32_t lon_e6);

#endif
