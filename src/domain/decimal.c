/*
 * decimal: parsing and printing of two-decimal fixed-point numbers.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "i18n.h"

#define DEC2_MAX	INT64_C(1000000000)	/* 10,000,000.00 */

const char *const dec2_messages[DEC2__MAX] = {
	N_("valido"),
	N_("manca il valore"),
	N_("scrivere un numero non negativo, per esempio 14,50"),
	N_("al massimo due decimali: il valore non viene arrotondato"),
	N_("valore troppo grande"),
};

/*
 * Parses "16", "16.5", "16,50" (Italians write a decimal comma) into
 * hundredths.  Surrounding spaces are allowed; signs, exponents, thousands
 * separators and a third decimal are not.
 */
enum dec2_result
dec2_parse(const char *s, int64_t *out)
{
	return dec2_parse_max(s, DEC2_MAX, out);
}

/*
 * Like dec2_parse, with max hundredths instead of ten million units; max
 * must stay below INT64_MAX / 1000.
 */
enum dec2_result
dec2_parse_max(const char *s, int64_t max, int64_t *out)
{
	int64_t	 v = 0;
	int	 ndec = -1, nint = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return DEC2_EMPTY;
	for (; *s != '\0' && !isspace((unsigned char)*s); s++) {
		if (*s == '.' || *s == ',') {
			if (ndec >= 0 || nint == 0)
				return DEC2_SYNTAX;
			ndec = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return DEC2_SYNTAX;
		if (ndec >= 0) {
			if (++ndec > 2)
				return DEC2_DECIMALS;
		} else
			nint++;
		v = v * 10 + (*s - '0');
		/* Scaling to hundredths only makes it larger: stop here, before
		 * v * 100 could overflow. */
		if (v > max)
			return DEC2_RANGE;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' || ndec == 0)
		return DEC2_SYNTAX;
	for (int i = ndec < 0 ? 0 : ndec; i < 2; i++)
		v *= 10;
	if (v > max)
		return DEC2_RANGE;
	*out = v;
	return DEC2_OK;
}

/*
 * Converts a JSON number.  The API sends areas as numbers; a value whose
 * hundredths are not a whole number (1.234) is refused, within a tolerance
 * far below what binary floating point adds to two-decimal values.
 */
enum dec2_result
dec2_from_double(double d, int64_t *out)
{
	double	 h;

	if (!isfinite(d) || d < 0)
		return DEC2_SYNTAX;
	if (d > (double)DEC2_MAX / 100)
		return DEC2_RANGE;
	h = d * 100.0;
	if (fabs(h - round(h)) > 1e-6)
		return DEC2_DECIMALS;
	*out = (int64_t)llround(h);
	return DEC2_OK;
}

/* Prints 1650 as "16.50" (sep '.') or "16,50" (sep ','). */
void
dec2_format(int64_t v, char out[DEC2_STRLEN], char sep)
{
	const char	*sign = v < 0 ? "-" : "";

	if (v < 0)
		v = -v;
	snprintf(out, DEC2_STRLEN, "%s%lld%c%02lld", sign,
	    (long long)(v / 100), sep, (long long)(v % 100));
}

/* Like dec2_format without trailing zeros: "5", "5,5", "6,25". */
void
dec2_format_short(int64_t v, char out[DEC2_STRLEN], char sep)
{
	size_t	 n;

	dec2_format(v, out, sep);
	n = strlen(out);
	while (out[n - 1] == '0')
		out[--n] = '\0';
	if (out[n - 1] == sep)
		out[n - 1] = '\0';
}
