/* Fuzz target: form field names ("rooms.2.area") nest without crashing.
 * The input is lines of name=value. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t		*flat = json_object(), *nested;
	const char	*p = (const char *)data, *end = p + size;

	while (p < end) {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));
		const char	*line_end = nl ? nl : end;
		const char	*eq = memchr(p, '=', (size_t)(line_end - p));
		char		 key[128];
		size_t		 klen = eq ? (size_t)(eq - p) : (size_t)(line_end - p);
		json_t		*v;

		if (klen < sizeof(key)) {
			memcpy(key, p, klen);
			key[klen] = '\0';
			v = eq ? json_stringn(eq + 1, (size_t)(line_end - eq - 1)) :
			    json_string("");
			if (v != NULL && strlen(key) == klen)
				json_object_set_new(flat, key, v);
			else
				json_decref(v);
		}
		p = line_end + 1;
	}
	nested = form_nest(flat);
	json_decref(nested);
	json_decref(flat);
	return 0;
}
