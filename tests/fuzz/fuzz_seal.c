/*
 * Fuzz target: the reader of a PDF's seal line (what `idoneo verify` reads
 * from a file anyone may hand it) and the verification code reader are
 * total.  What a seal line reads as, written again by cert_seal_line,
 * reads as the same thing; a code that reads is twelve letters of the
 * alphabet.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cert/seal.h"
#include "domain/cert_code.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cert_sealed	 s;
	char			*text = malloc(size + 1), code[CERT_CODE_STRLEN];

	memcpy(text, data, size);
	text[size] = '\0';
	if (cert_seal_find((const char *)data, size, &s) == 0) {
		struct cert_sealed	 again;
		char			*line = cert_seal_line(&s), *wrapped;
		size_t			 n;

		assert(line != NULL);
		assert(s.copy < CERT_COPY__MAX && s.copy_no >= 0);
		n = strlen(line);
		wrapped = malloc(n + 3);
		wrapped[0] = '(';
		memcpy(wrapped + 1, line, n);
		wrapped[n + 1] = ')';
		assert(cert_seal_find(wrapped, n + 2, &again) == 0);
		assert(again.len == s.len && memcmp(again.snapshot, s.snapshot,
		    s.len) == 0);
		assert(strcmp(again.kid, s.kid) == 0 && strcmp(again.sig,
		    s.sig) == 0);
		assert(again.copy == s.copy && again.copy_no == s.copy_no);
		cert_sealed_free(&again);
		free(wrapped);
		free(line);
		cert_sealed_free(&s);
	}
	if (cert_code_normalize(text, code)) {
		assert(strlen(code) == CERT_CODE_LEN);
		assert(strspn(code, cert_code_alphabet) == CERT_CODE_LEN);
	}
	free(text);
	return 0;
}
