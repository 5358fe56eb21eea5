/*
 * cert_code: see cert_code.h.
 */
#include <string.h>

#include "cert_code.h"

/* 19 letters: 19^12 codes, about 2^51, too many to guess. */
const char cert_code_alphabet[] = "ACDEFHJKLMNPRTUVWXY";

/*
 * Reads a code as a person types it: any case, with spaces or dashes
 * anywhere.  Returns false unless it is exactly twelve letters of the
 * alphabet; out then holds them in capitals without separators.
 */
bool
cert_code_normalize(const char *typed, char out[CERT_CODE_STRLEN])
{
	size_t	 n = 0;

	out[0] = '\0';
	if (typed == NULL)
		return false;
	for (const char *s = typed; *s != '\0'; s++) {
		char c = *s;

		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == CERT_CODE_LEN || strchr(cert_code_alphabet, c) ==
		    NULL || c == '\0')
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == CERT_CODE_LEN;
}

/* The code as it is printed: in groups of four, joined by dashes. */
void
cert_code_show(const char *code, char out[CERT_CODE_SHOWN_STRLEN])
{
	size_t	 n = 0;

	for (size_t i = 0; code[i] != '\0' && i < CERT_CODE_LEN; i++) {
		if (i > 0 && i % 4 == 0)
			out[n++] = '-';
		out[n++] = code[i];
	}
	out[n] = '\0';
}
