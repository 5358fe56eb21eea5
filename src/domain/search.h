/*
 * search: the normalised key people are found by.  "Rossì  Mario" and
 * "rossi mario" give "ROSSI MARIO": Latin letters upper case without
 * accents, digits, one space between words; other scripts (Chinese,
 * Arabic …) are kept as written.  A prefix search is then the range
 * [prefix, prefix with its last byte + 1).
 */
#ifndef IDONEO_SEARCH_H
#define IDONEO_SEARCH_H

#include <stddef.h>

#define SEARCH_KEY_MAX	128

void	 search_key(const char *in, char out[SEARCH_KEY_MAX]);
int	 search_upper_bound(const char *prefix, char out[SEARCH_KEY_MAX]);

#endif
