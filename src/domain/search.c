/*
 * search: see search.h.
 */
#include <string.h>

#include "search.h"

/* Latin-1 letters with accents (UTF-8 0xC3 0x80-0xBF) to their base. */
static const char latin1[64] =
	"AAAAAAACEEEEIIII" "DNOOOOO OUUUUYTS"
	"aaaaaaaceeeeiiii" "dnooooo ouuuuyty";

void
search_key(const char *in, char out[SEARCH_KEY_MAX])
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 n = 0;
	int			 space = 0;

	while (*p != '\0' && n < SEARCH_KEY_MAX - 5) {
		unsigned char c = *p;

		if (c == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf &&
		    latin1[p[1] - 0x80] != ' ') {
			c = (unsigned char)latin1[p[1] - 0x80];
			p += 2;
		} else if (c >= 0x80) {
			/* Another script: copy the whole character. */
			size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

			if (space && n > 0)
				out[n++] = ' ';
			space = 0;
			for (size_t i = 0; i < len && *p != '\0'; i++)
				out[n++] = (char)*p++;
			continue;
		} else
			p++;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			if (space && n > 0)
				out[n++] = ' ';
			space = 0;
			out[n++] = (char)c;
		} else if (c == ' ' || c == '\'' || c == '-' || c == '\t')
			space = 1;
	}
	out[n] = '\0';
}

/*
 * The smallest key greater than every key starting with prefix: the prefix
 * with its last byte incremented.  Returns -1 for an empty prefix.
 */
int
search_upper_bound(const char *prefix, char out[SEARCH_KEY_MAX])
{
	size_t	 n = strlen(prefix);

	while (n > 0 && (unsigned char)prefix[n - 1] == 0xff)
		n--;
	if (n == 0 || n >= SEARCH_KEY_MAX)
		return -1;
	memcpy(out, prefix, n);
	out[n - 1] = (char)((unsigned char)out[n - 1] + 1);
	out[n] = '\0';
	return 0;
}
