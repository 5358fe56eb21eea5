/* Fuzz target: phone normalisation is total and idempotent. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/phone.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1), out[PHONE_MAX + 1], again[PHONE_MAX + 1];

	memcpy(s, data, size);
	s[size] = '\0';
	for (int mobile = 0; mobile < 2; mobile++)
		if (phone_normalize(s, out, mobile) == PHONE_OK) {
			assert(out[0] == '+' && strlen(out) <= PHONE_MAX);
			assert(strspn(out + 1, "0123456789") ==
			    strlen(out) - 1);
			assert(phone_normalize(out, again, mobile) ==
			    PHONE_OK);
			assert(strcmp(out, again) == 0);
		}
	free(s);
	return 0;
}
