/*
 * pickup_code: see pickup_code.h.
 */
#include <ctype.h>
#include <string.h>

#include "pickup_code.h"

/*
 * Reads a code as the operator types it: digits with spaces, dashes or
 * dots anywhere.  Returns false unless it is exactly nine digits; out then
 * holds them without separators.
 */
bool
pickup_code_normalize(const char *typed, char out[PICKUP_CODE_STRLEN])
{
	size_t	 n = 0;

	out[0] = '\0';
	if (typed == NULL)
		return false;
	for (const char *s = typed; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-' || *s == '.' || *s == '\t')
			continue;
		if (*s < '0' || *s > '9' || n == PICKUP_CODE_LEN)
			return false;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n == PICKUP_CODE_LEN;
}

/* The code as the message shows it: three groups of three digits. */
void
pickup_code_show(const char *code, char out[PICKUP_CODE_SHOWN_STRLEN])
{
	size_t	 n = 0;

	for (size_t i = 0; code[i] != '\0' && i < PICKUP_CODE_LEN; i++) {
		if (i > 0 && i % 3 == 0)
			out[n++] = ' ';
		out[n++] = code[i];
	}
	out[n] = '\0';
}

/* A code serves up to its last day included (Europe/Rome days). */
bool
pickup_code_live(int expires_day, int today)
{
	return today <= expires_day;
}

/*
 * Copies the characters of a document number that count: letters and
 * digits, letters in capitals.  Spaces, dashes and dots are how people
 * write numbers, not part of them.
 */
static size_t
doc_chars(const char *in, char *out, size_t max)
{
	size_t	 n = 0;

	for (; in != NULL && *in != '\0' && n + 1 < max; in++)
		if (isalnum((unsigned char)*in))
			out[n++] = (char)toupper((unsigned char)*in);
	out[n] = '\0';
	return n;
}

/*
 * Whether the document number the operator typed is the one expected: the
 * same letters and digits, whatever the case and the separators.
 */
bool
pickup_doc_matches(const char *expected, const char *typed)
{
	char	 a[64], b[64];

	if (doc_chars(expected, a, sizeof(a)) == 0)
		return false;
	doc_chars(typed, b, sizeof(b));
	return strcmp(a, b) == 0;
}

/* The last three characters of a document number, all the point sees. */
void
pickup_doc_tail(const char *number, char out[4])
{
	char	 a[64];
	size_t	 n = doc_chars(number, a, sizeof(a));

	memcpy(out, n > 3 ? a + n - 3 : a, (n > 3 ? 3 : n) + 1);
}
