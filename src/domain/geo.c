/*
 * geo: see geo.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"

/* The mean Earth radius of IUGG, in metres. */
#define EARTH_RADIUS_M	6371008.8

bool
geo_valid(int32_t lat_e6, int32_t lon_e6)
{
	return lat_e6 >= -90000000 && lat_e6 <= 90000000 &&
	    lon_e6 >= -180000000 && lon_e6 <= 180000000;
}

/*
 * Reads decimal degrees as people and spreadsheets write them ("43.8777",
 * "43,8777", "-0.5"), at most six decimals, into microdegrees; false when
 * it is not a latitude (or longitude) at all.
 */
bool
geo_parse(const char *s, bool latitude, int32_t *out)
{
	int64_t	 whole = 0, frac = 0;
	int	 digits = 0, places = 0;
	bool	 neg = false;

	if (s == NULL)
		return false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if ((whole = whole * 10 + (*s - '0')) > 180)
			return false;
	if (*s == '.' || *s == ',')
		for (s++; *s >= '0' && *s <= '9'; s++)
			if (places++ < 6)
				frac = frac * 10 + (*s - '0');
	if (*s != '\0' || digits == 0)
		return false;
	for (int p = places < 6 ? places : 6; p < 6; p++)
		frac *= 10;
	whole = whole * 1000000 + frac;
	if (whole > (latitude ? 90000000 : 180000000))
		return false;
	*out = (int32_t)(neg ? -whole : whole);
	return true;
}

/* The great-circle distance (haversine), in whole metres. */
int64_t
geo_metres(int32_t lat1, int32_t lon1, int32_t lat2, int32_t lon2)
{
	const double	 k = M_PI / 180e6;
	double		 p1 = lat1 * k, p2 = lat2 * k;
	double		 dp = (lat2 - lat1) * k, dl = ((double)lon2 - lon1) * k;
	double		 a = sin(dp / 2) * sin(dp / 2) +
			    cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

	return llround(2 * EARTH_RADIUS_M * asin(sqrt(a < 1 ? a : 1)));
}

static int
by_distance(const void *a, const void *b)
{
	const struct geo_place *x = a, *y = b;

	if (x->metres != y->metres)
		return x->metres < y->metres ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Fills in each place's distance from (lat, lon) and sorts them nearest
 * first; at equal distance the older place (lower id) first, so the order
 * is the same every time.
 */
void
geo_nearest(struct geo_place *v, size_t n, int32_t lat, int32_t lon)
{
	for (size_t i = 0; i < n; i++)
		v[i].metres = geo_metres(lat, lon, v[i].lat_e6, v[i].lon_e6);
	if (n > 1)
		qsort(v, n, sizeof(*v), by_distance);
}
