/*
 * numerals: see numerals.h.  The separators and digits are those of the
 * Unicode CLDR for each language: a decimal comma in Italian, Albanian,
 * Romanian and French; a decimal point in English, Chinese, Urdu and
 * Bengali; in Arabic the Arabic decimal separator (U+066B) with
 * Arabic-Indic digits; in Bengali the Bengali digits.
 */
#include <string.h>

#include "numerals.h"

static const char *const arabic[10] = {"٠", "١", "٢", "٣", "٤", "٥", "٦",
    "٧", "٨", "٩"};
static const char *const bengali[10] = {"০", "১", "২", "৩", "৪", "৫", "৬",
    "৭", "৮", "৯"};

static bool
is(const char *lang, const char *code)
{
	return lang != NULL && strcmp(lang, code) == 0;
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Writes the text in (Italian numerals: 14,50) with its numbers as a
 * reader of lang writes them, into out (size bytes, cut short if it must
 * be).  Only a comma between two digits is a decimal separator; the rest
 * of the text is copied as it is.
 */
void
numerals_local(const char *lang, const char *in, char *out, size_t size)
{
	const char *const *digits = is(lang, "ar") ? arabic : is(lang, "bn") ?
	    bengali : NULL;
	const char	*point = is(lang, "ar") ? "٫" : is(lang, "en") ||
			    is(lang, "zh") || is(lang, "ur") || is(lang, "bn") ?
			    "." : ",";
	size_t		 n = 0;

	if (size == 0)
		return;
	for (const char *s = in; *s != '\0'; s++) {
		char		 one[2] = {*s, '\0'};
		const char	*piece = one;
		size_t		 k;

		if (digits != NULL && digit(*s))
			piece = digits[*s - '0'];
		else if (*s == ',' && s > in && digit(s[-1]) && digit(s[1]))
			piece = point;
		k = strlen(piece);
		if (n + k + 1 > size)
			break;
		memcpy(out + n, piece, k);
		n += k;
	}
	out[n] = '\0';
}
