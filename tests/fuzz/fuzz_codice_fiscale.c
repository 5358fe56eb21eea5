/* Fuzz target: codice fiscale validation never crashes, and what it accepts
 * is canonical and carries the right check character. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codice_fiscale.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1), out[CF_LEN + 1];

	memcpy(s, data, size);
	s[size] = '\0';
	if (cf_validate(s, out) == CF_OK) {
		assert(strlen(out) == CF_LEN);
		assert(cf_check_char(out) == out[15]);
		assert(cf_validate(out, out) == CF_OK);
	}
	free(s);
	return 0;
}
