/* Fuzz target: codice fiscale validation never crashes, and what it accepts
 * is canonical: 16 characters with the right check character, or the 11
 * digits of a provisional code; and accepted again as it is. */
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
		if (strlen(out) == CF_PROVISIONAL_LEN)
			assert(strspn(out, "0123456789") == CF_PROVISIONAL_LEN);
		else {
			assert(strlen(out) == CF_LEN);
			assert(cf_check_char(out) == out[15]);
		}
		assert(cf_validate(out, out) == CF_OK);
	}
	free(s);
	return 0;
}
