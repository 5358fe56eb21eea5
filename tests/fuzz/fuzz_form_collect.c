/*
 * Fuzz target: the form field collector (form_fields) gives the same form
 * whether each value arrives whole or in pieces of any size, and refuses
 * the same forms either way.  The input is records: a name's length and
 * name, a value's length (two bytes) and value, and a piece size.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_fields	 whole, pieces;
	bool			 ok_whole = true, ok_pieces = true;
	size_t			 i = 0;

	form_fields_init(&whole);
	form_fields_init(&pieces);
	while (i < size) {
		char	 key[256];
		size_t	 klen = data[i++], vlen, step;
		const char *v;

		if (i + klen + 3 > size)
			break;
		memcpy(key, data + i, klen);
		key[klen] = '\0';
		i += klen;
		vlen = (size_t)data[i] << 8 | data[i + 1];
		i += 2;
		if (vlen > size - i - 1)
			vlen = size - i - 1;
		v = (const char *)data + i;
		i += vlen;
		step = data[i++] % 17 + 1;
		/* Names with a NUL are cut short the same way for both. */
		ok_whole = ok_whole && form_fields_piece(&whole, key, v, 0,
		    vlen);
		for (size_t off = 0; ok_pieces && (off < vlen || off == 0);
		    off += step) {
			size_t n = vlen - off < step ? vlen - off : step;

			ok_pieces = form_fields_piece(&pieces, key, v + off,
			    off, n);
			if (vlen == 0)
				break;
		}
	}
	ok_whole = ok_whole && form_fields_end(&whole);
	ok_pieces = ok_pieces && form_fields_end(&pieces);
	assert(ok_whole == ok_pieces);
	if (ok_whole)
		assert(json_equal(whole.flat, pieces.flat));
	form_fields_free(&whole);
	form_fields_free(&pieces);
	return 0;
}
