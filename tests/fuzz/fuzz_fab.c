/*
 * Fuzz target: the FAB line parser accepts or refuses any bytes, and what
 * it accepts is well formed: a category "X/n", UTF-8 text, stripped zeros.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fab.h"

static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;

		if (n == 0)
			return 0;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fab_record	 r;
	char			*s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	if (fab_parse(s, &r) == FAB_OK) {
		assert(r.type >= 1 && r.type <= 5);
		assert(strlen(r.comune) == 4);
		assert(r.category[0] == '\0' || r.category[1] == '/');
		assert(utf8_ok(r.annotazione));
		for (int i = 0; i < r.n_addresses; i++)
			assert(utf8_ok(r.addresses[i].street));
		for (int i = 0; i < r.n_idents; i++)
			assert(r.idents[i].foglio[0] != '0' ||
			    r.idents[i].foglio[1] == '\0');
		assert(r.n_idents <= FAB_IDENTS_MAX);
	}
	free(s);
	return 0;
}
