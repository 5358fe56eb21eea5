/*
 * sms_text: see sms_text.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sms_text.h"

/*
 * The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1) as Unicode code
 * points, and its extension table (§6.2.1.1), whose characters take an
 * escape septet and their own.  Capital C with cedilla is in the table;
 * the small one is not (some phones show 0x09 as either).
 */
static const uint16_t gsm_basic[] = {
	'@', 0x00A3, '$', 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2,
	0x00C7, '\n', 0x00D8, 0x00F8, '\r', 0x00C5, 0x00E5,
	0x0394, '_', 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
	0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
	' ', '!', '"', '#', 0x00A4, '%', '&', '\'', '(', ')', '*', '+', ',',
	'-', '.', '/', ':', ';', '<', '=', '>', '?', 0x00A1, 0x00C4, 0x00D6,
	0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};
static const uint16_t gsm_ext[] = {
	'\f', '^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC,
};

/* Septets a code point takes in GSM-7, or 0 when it is not there. */
static int
gsm_width(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	for (size_t i = 0; i < sizeof(gsm_basic) / sizeof(gsm_basic[0]); i++)
		if (gsm_basic[i] == c)
			return 1;
	for (size_t i = 0; i < sizeof(gsm_ext) / sizeof(gsm_ext[0]); i++)
		if (gsm_ext[i] == c)
			return 2;
	return 0;
}

/*
 * Decodes the UTF-8 sequence at *s into *c and moves *s past it.  Returns
 * 0, or -1 for a sequence that is not UTF-8 (overlong, a surrogate, past
 * U+10FFFF, cut short).
 */
static int
utf8_next(const unsigned char **s, uint32_t *c)
{
	const unsigned char	*p = *s;
	int			 n;
	uint32_t		 v, min;

	if (p[0] < 0x80) {
		*c = p[0];
		*s = p + 1;
		return 0;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 1, v = p[0] & 0x1F, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 2, v = p[0] & 0x0F, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 3, v = p[0] & 0x07, min = 0x10000;
	} else
		return -1;
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return -1;
	*c = v;
	*s = p + n + 1;
	return 0;
}

/*
 * Fills parts of size part (single when the whole fits in one) with
 * characters of the given widths; returns the parts.
 */
static int
count_parts(const char *utf8, enum sms_coding coding, int total)
{
	const unsigned char	*s = (const unsigned char *)utf8;
	int			 single = coding == SMS_GSM7 ? 160 : 70;
	int			 part = coding == SMS_GSM7 ? 153 : 67;
	int			 parts = 1, used = 0;
	uint32_t		 c;

	if (total <= single)
		return 1;
	while (*s != '\0' && utf8_next(&s, &c) == 0) {
		int w = coding == SMS_GSM7 ? gsm_width(c) : c > 0xFFFF ? 2 : 1;

		if (used + w > part) {
			parts++;
			used = 0;
		}
		used += w;
	}
	return parts;
}

/*
 * Measures a text: its coding, its length in that coding, and how many
 * messages it takes.  Returns 0, or -1 when it is not UTF-8.
 */
int
sms_measure(const char *utf8, struct sms_size *sz)
{
	const unsigned char	*s = (const unsigned char *)utf8;
	int			 septets = 0, units = 0;
	bool			 gsm = true;
	uint32_t		 c;

	while (*s != '\0') {
		int w;

		if (utf8_next(&s, &c) < 0)
			return -1;
		if ((w = gsm_width(c)) == 0)
			gsm = false;
		septets += w;
		units += c > 0xFFFF ? 2 : 1;
	}
	sz->coding = gsm ? SMS_GSM7 : SMS_UCS2;
	sz->units = gsm ? septets : units;
	sz->segments = count_parts(utf8, sz->coding, sz->units);
	return 0;
}

/*
 * Copies at most max_chars characters of a UTF-8 text into out (outsz
 * bytes with its NUL); a text that had to be cut ends with "...", within
 * max_chars, in ASCII so that a GSM-7 text stays GSM-7.  A sequence that
 * is not UTF-8 ends the copy.  Returns the bytes written.
 */
size_t
sms_truncate(const char *utf8, size_t max_chars, char *out, size_t outsz)
{
	const unsigned char	*s = (const unsigned char *)utf8, *start;
	size_t			 n = 0, len = 0, total = 0, keep;
	uint32_t		 c;

	if (outsz == 0)
		return 0;
	for (const unsigned char *p = s; *p != '\0' && utf8_next(&p, &c) == 0;)
		total++;
	keep = total <= max_chars ? total : max_chars > 3 ? max_chars - 3 : 0;
	while (*s != '\0' && n < keep) {
		start = s;
		if (utf8_next(&s, &c) < 0 ||
		    len + (size_t)(s - start) >= outsz)
			break;
		memcpy(out + len, start, s - start);
		len += s - start;
		n++;
	}
	if (total > max_chars && len + 3 < outsz) {
		memcpy(out + len, "...", 3);
		len += 3;
	}
	out[len] = '\0';
	return len;
}
