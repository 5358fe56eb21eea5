/*
 * Fuzz target: address normalisation is total, its written form is a fixed
 * point (written once more, it does not change), and an address matches
 * itself fully.  The first rewrite may still move a word: in "STRADA 12 45"
 * free text cannot tell street 12 number 45 from number 12/45, and the
 * written form settles on one reading.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/address.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct address	 a, b;
	char		*s = malloc(size + 1), k1[ADDRESS_KEY_MAX],
			 k2[ADDRESS_KEY_MAX], k3[ADDRESS_KEY_MAX];

	memcpy(s, data, size);
	s[size] = '\0';
	address_parse(s, &a);
	address_format(&a, k1);
	address_parse(k1, &b);
	address_format(&b, k2);
	address_parse(k2, &b);
	address_format(&b, k3);
	/* Longer than any real address, the buffers cut words apart. */
	if (strlen(k1) < 100)
		assert(strcmp(k2, k3) == 0);
	assert(a.number >= 0);
	if (a.street_key[0] != '\0')
		assert(address_score(&a, &a) == 100);
	free(s);
	return 0;
}
