/*
 * fab: see fab.h.  Field numbers, maximum lengths and the groups of record
 * types 2-5 follow ES-23-IS-05 §3.1 as summarised in
 * shared/reference/formats.md §1.2-1.4.
 */
#include <string.h>

#include "date.h"
#include "decimal.h"
#include "fab.h"
#include "i18n.h"

#define HEADER	6	/* fields shared by every record type */

const char *const fab_messages[FAB__MAX] = {
	[FAB_OK] = N_("riga valida"),
	[FAB_EMPTY] = N_("riga vuota"),
	[FAB_TOO_LONG] = N_("riga troppo lunga per un record FAB"),
	[FAB_FIELD_COUNT] = N_("numero di campi sbagliato per il tipo di "
	    "record"),
	[FAB_COMUNE] = N_("il codice comune deve essere una lettera e tre "
	    "cifre (es. G999)"),
	[FAB_SEZIONE] = N_("la sezione ha più di un carattere"),
	[FAB_IMMOBILE] = N_("l'identificativo immobile deve essere di 1-15 "
	    "cifre"),
	[FAB_TIPO] = N_("il tipo immobile deve essere F (fabbricati)"),
	[FAB_PROGRESSIVO] = N_("il progressivo deve essere di 1-3 cifre"),
	[FAB_RECORD_TYPE] = N_("il tipo record deve essere da 1 a 5"),
	[FAB_CATEGORY] = N_("categoria catastale non valida (es. A02)"),
	[FAB_NUMBER] = N_("numero non valido"),
	[FAB_DATE] = N_("data non valida (GGMMAAAA)"),
	[FAB_LENGTH] = N_("campo più lungo di quanto prevede il tracciato"),
	[FAB_EDIFICIALITA] = N_("edificialità E con un numero che non inizia "
	    "con il punto"),
	[FAB_BYTES] = N_("carattere di controllo dentro un campo"),
};

const char *const fab_measure_names[FAB_MEASURE__MAX] = {
	[FAB_MEASURE_NONE] = "",
	[FAB_MEASURE_VANI] = "vani",
	[FAB_MEASURE_M3] = "m3",
	[FAB_MEASURE_M2] = "m2",
};

/* The same units as people write them. */
const char *const fab_measure_units[FAB_MEASURE__MAX] = {
	[FAB_MEASURE_NONE] = "",
	[FAB_MEASURE_VANI] = "vani",
	[FAB_MEASURE_M3] = "m³",
	[FAB_MEASURE_M2] = "m²",
};

/*
 * Dwellings are the categories A/1 to A/9 and A/11; A/10 is offices
 * (ES-23-IS-05 §4.1, quadro generale delle categorie).
 */
bool
fab_residential(const char *c)
{
	if (c[0] != 'A' || c[1] != '/')
		return false;
	return strcmp(c + 2, "10") != 0 && c[2] >= '1' && c[2] <= '9' &&
	    (c[3] == '\0' || strcmp(c + 2, "11") == 0);
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/*
 * Copies a field of at most max bytes into out (size max + 1), trimmed of
 * blanks at both ends.  Returns false when it is longer.
 */
static bool
copy_field(const char *f, char *out, size_t max)
{
	size_t	 n;

	while (*f == ' ')
		f++;
	n = strlen(f);
	while (n > 0 && f[n - 1] == ' ')
		n--;
	if (n > max)
		return false;
	memcpy(out, f, n);
	out[n] = '\0';
	return true;
}

/* Like copy_field, then strips leading zeros ("0142" → "142", "000" → "0"). */
static bool
copy_number(const char *f, char *out, size_t max)
{
	char	*p;

	if (!copy_field(f, out, max))
		return false;
	p = out;
	if (*p == '.')
		p++;
	if (*p == '0') {
		size_t z = strspn(p, "0");

		if (p[z] == '\0')
			z--;
		memmove(p, p + z, strlen(p + z) + 1);
	}
	return true;
}

/* A DDMMYYYY date or an empty field, as "YYYY-MM-DD" or "". */
static bool
parse_date(const char *f, char out[11])
{
	int	 d, m, y, day;

	out[0] = '\0';
	if (*f == '\0' || strspn(f, " ") == strlen(f))
		return true;
	if (strlen(f) != 8 || !all_digits(f))
		return false;
	d = (f[0] - '0') * 10 + (f[1] - '0');
	m = (f[2] - '0') * 10 + (f[3] - '0');
	y = (f[4] - '0') * 1000 + (f[5] - '0') * 100 + (f[6] - '0') * 10 +
	    (f[7] - '0');
	if (!date_from_ymd(y, m, d, &day))
		return false;
	date_format(day, out);
	return true;
}

/*
 * A non-negative number with a decimal comma and at most two decimals, at
 * most maxlen characters, in hundredths; -1 for an empty field.  The
 * largest rendite (category D) run to millions of euro: the bound is 10^15.
 */
static bool
parse_decimal(const char *f, size_t maxlen, int64_t *out)
{
	enum dec2_result r;

	*out = -1;
	if (strlen(f) > maxlen)
		return false;
	r = dec2_parse_max(f, INT64_C(1000000000000000), out);
	if (r == DEC2_EMPTY)
		*out = -1;
	return r == DEC2_OK || r == DEC2_EMPTY;
}

/* An optional integer of at most maxlen digits; -1 when empty. */
static bool
parse_int(const char *f, size_t maxlen, int64_t *out)
{
	*out = -1;
	while (*f == ' ')
		f++;
	if (*f == '\0')
		return true;
	if (strlen(f) > maxlen || !all_digits(f))
		return false;
	*out = 0;
	for (; *f != '\0'; f++)
		*out = *out * 10 + (*f - '0');
	return true;
}

/*
 * Turns cadastral text into UTF-8.  The supplies are 7-bit ASCII with a
 * vowel followed by a backtick for an accented vowel ("SOCIETA`") and a
 * backtick between letters for an apostrophe ("D`UFFICIO")
 * (formats.md §1.1).  A byte above 0x7F that does not start valid UTF-8 is
 * read as ISO-8859-1.  The result is cut at a character boundary to fit.
 */
static void
convert(const char *in, size_t len, char *out, size_t outsz, bool backticks)
{
	static const char *const grave[] = {
		"A", "\xc3\x80", "E", "\xc3\x88", "I", "\xc3\x8c",
		"O", "\xc3\x92", "U", "\xc3\x99", "a", "\xc3\xa0",
		"e", "\xc3\xa8", "i", "\xc3\xac", "o", "\xc3\xb2",
		"u", "\xc3\xb9", NULL
	};
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 n = 0, i = 0;

	if (outsz == 0)
		return;
	while (i < len) {
		char	 tmp[4];
		size_t	 tl = 0, adv = 1;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			tmp[tl++] = ' ';
		} else if (backticks && p[i] == '`') {
			tmp[tl++] = '\'';
		} else if (backticks && i + 1 < len && p[i + 1] == '`' &&
		    strchr("AEIOUaeiou", p[i]) != NULL && p[i] != '\0' &&
		    (i + 2 >= len || !((p[i + 2] | 0x20) >= 'a' &&
		    (p[i + 2] | 0x20) <= 'z'))) {
			/* A vowel, a backtick and the end of the word. */
			for (int k = 0; grave[k] != NULL; k += 2)
				if (grave[k][0] == (char)p[i]) {
					tl = strlen(grave[k + 1]);
					memcpy(tmp, grave[k + 1], tl);
				}
			adv = 2;
		} else if (p[i] < 0x80) {
			tmp[tl++] = (char)p[i];
		} else {
			size_t	 need = p[i] >= 0xf0 && p[i] < 0xf5 ? 4 :
			    p[i] >= 0xe0 && p[i] < 0xf0 ? 3 :
			    p[i] >= 0xc2 && p[i] < 0xe0 ? 2 : 0;
			size_t	 k;

			for (k = 1; need > 0 && k < need; k++)
				if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
					break;
			if (need > 0 && k == need) {
				memcpy(tmp, p + i, need);
				tl = need;
				adv = need;
			} else {
				/* ISO-8859-1: one byte, one code point. */
				tmp[tl++] = (char)(0xc0 | (p[i] >> 6));
				tmp[tl++] = (char)(0x80 | (p[i] & 0x3f));
			}
		}
		if (n + tl + 1 > outsz)
			break;
		memcpy(out + n, tmp, tl);
		n += tl;
		i += adv;
	}
	out[n] = '\0';
}

void
fab_text(const char *in, size_t len, char *out, size_t outsz)
{
	convert(in, len, out, outsz, true);
}

/*
 * Makes a raw line valid UTF-8 (bytes that are not become ISO-8859-1
 * letters) and keeps the backticks, which fab_parse reads.  Control
 * characters become spaces; out must hold 2 * len + 1 bytes.
 */
void
fab_utf8(const char *in, size_t len, char *out, size_t outsz)
{
	convert(in, len, out, outsz, false);
}

/*
 * Splits line in place on '|' into at most max fields.  Returns the number
 * of fields, or max + 1 when there are more.
 */
static int
split(char *line, char **f, int max)
{
	int	 n = 0;
	char	*p = line;

	for (;;) {
		char *bar = strchr(p, '|');

		if (n == max)
			return max + 1;
		f[n++] = p;
		if (bar == NULL)
			return n;
		*bar = '\0';
		p = bar + 1;
	}
}

static enum fab_error
fail(struct fab_record *r, enum fab_error e, int field)
{
	r->bad_field = field;
	return e;
}

/* Category "A02" → "A/2"; "" stays "".  */
static bool
parse_category(const char *f, struct fab_record *r)
{
	size_t	 n;
	int	 num;

	r->category[0] = '\0';
	r->measure = FAB_MEASURE_NONE;
	while (*f == ' ')
		f++;
	n = strlen(f);
	while (n > 0 && f[n - 1] == ' ')
		n--;
	if (n == 0)
		return true;
	if (n < 2 || n > 3 || f[0] < 'A' || f[0] > 'F' ||
	    f[1] < '0' || f[1] > '9' || (n == 3 && (f[2] < '0' || f[2] > '9')))
		return false;
	num = n == 3 ? (f[1] - '0') * 10 + (f[2] - '0') : f[1] - '0';
	if (num == 0)
		return false;
	r->category[0] = f[0];
	r->category[1] = '/';
	if (num >= 10) {
		r->category[2] = (char)('0' + num / 10);
		r->category[3] = (char)('0' + num % 10);
		r->category[4] = '\0';
	} else {
		r->category[2] = (char)('0' + num);
		r->category[3] = '\0';
	}
	r->measure = f[0] == 'A' ? FAB_MEASURE_VANI :
	    f[0] == 'B' ? FAB_MEASURE_M3 :
	    f[0] == 'C' ? FAB_MEASURE_M2 : FAB_MEASURE_NONE;
	return true;
}

/*
 * Record type 1: 45 fields (formats.md §1.3).  Files written before 2007
 * stop after field 40; those are accepted too.
 */
static enum fab_error
parse_type1(char **f, int n, struct fab_record *r)
{
	int64_t	 v;

	if (n < 40 || n > 45)
		return fail(r, FAB_FIELD_COUNT, 0);
	if (!copy_field(f[6], r->zona, 3))
		return fail(r, FAB_LENGTH, 7);
	if (!parse_category(f[7], r))
		return fail(r, FAB_CATEGORY, 8);
	if (!copy_field(f[8], r->classe, 2))
		return fail(r, FAB_LENGTH, 9);
	if (!parse_decimal(f[9], 7, &r->consistenza))
		return fail(r, FAB_NUMBER, 10);
	if (!parse_decimal(f[10], 7, &v))
		return fail(r, FAB_NUMBER, 11);
	/* Superficie is whole m² (DPR 138/98); a decimal part is rounded. */
	r->superficie = v < 0 ? -1 : (v + 50) / 100;
	if (!parse_decimal(f[12], 19, &r->rendita_cents))
		return fail(r, FAB_NUMBER, 13);
	if (!copy_field(f[13], r->lotto, 2))
		return fail(r, FAB_LENGTH, 14);
	if (!copy_field(f[14], r->edificio, 2))
		return fail(r, FAB_LENGTH, 15);
	if (!copy_field(f[15], r->scala, 2))
		return fail(r, FAB_LENGTH, 16);
	for (int i = 0; i < 2; i++)
		if (!copy_field(f[16 + i], r->interno[i], 3))
			return fail(r, FAB_LENGTH, 17 + i);
	for (int i = 0; i < 4; i++)
		if (!copy_field(f[18 + i], r->piano[i], 4))
			return fail(r, FAB_LENGTH, 19 + i);
	if (!parse_date(f[22], r->opened_on))
		return fail(r, FAB_DATE, 23);
	if (!parse_date(f[23], (char[11]){0}))
		return fail(r, FAB_DATE, 24);
	if (!parse_date(f[28], r->closed_on))
		return fail(r, FAB_DATE, 29);
	if (!parse_date(f[29], (char[11]){0}))
		return fail(r, FAB_DATE, 30);
	/*
	 * A situation closed by an atto conclusivo (fields 29-34) is history:
	 * the unit has changed since.
	 */
	r->closed = false;
	for (int i = 28; i < 34; i++)
		if (strspn(f[i], " ") != strlen(f[i]))
			r->closed = true;
	if (!copy_field(f[34], r->partita, 7))
		return fail(r, FAB_LENGTH, 35);
	if (strlen(f[35]) > 200)
		return fail(r, FAB_LENGTH, 36);
	fab_text(f[35], strlen(f[35]), r->annotazione, sizeof(r->annotazione));
	r->flag_classamento[0] = '\0';
	if (n >= 45 && !copy_field(f[44], r->flag_classamento, 1))
		return fail(r, FAB_LENGTH, 45);
	return FAB_OK;
}

/* Record type 2: groups of six identifier fields. */
static enum fab_error
parse_type2(char **f, int groups, struct fab_record *r)
{
	static const size_t max[6] = {3, 4, 5, 4, 4, 1};

	r->n_idents = groups;
	for (int g = 0; g < groups; g++) {
		struct fab_ident	*id = &r->idents[g];
		char			**gf = f + HEADER + g * 6;
		int			 base = HEADER + g * 6 + 1;

		for (int k = 0; k < 6; k++)
			if (strlen(gf[k]) > max[k])
				return fail(r, FAB_LENGTH, base + k);
		copy_field(gf[0], id->sezione_urbana, 3);
		copy_number(gf[1], id->foglio, 4);
		if (!copy_number(gf[2], id->particella, 5))
			return fail(r, FAB_LENGTH, base + 2);
		copy_number(gf[3], id->denominatore, 4);
		copy_number(gf[4], id->subalterno, 4);
		copy_field(gf[5], id->edificialita, 1);
		if (id->foglio[0] == '\0' || id->particella[0] == '\0')
			return fail(r, FAB_NUMBER, id->foglio[0] == '\0' ?
			    base + 1 : base + 2);
		if (id->denominatore[0] != '\0' && !all_digits(id->denominatore))
			return fail(r, FAB_NUMBER, base + 3);
		if (strcmp(id->edificialita, "E") == 0 &&
		    id->particella[0] != '.')
			return fail(r, FAB_EDIFICIALITA, base + 5);
	}
	return FAB_OK;
}

/* Record type 3: groups of six address fields. */
static enum fab_error
parse_type3(char **f, int groups, struct fab_record *r)
{
	r->n_addresses = groups;
	for (int g = 0; g < groups; g++) {
		struct fab_address	*a = &r->addresses[g];
		char			**gf = f + HEADER + g * 6;
		int			 base = HEADER + g * 6 + 1;
		int64_t			 v;

		if (!parse_int(gf[0], 3, &v))
			return fail(r, strlen(gf[0]) > 3 ? FAB_LENGTH :
			    FAB_NUMBER, base);
		a->toponimo = (int)v;
		if (strlen(gf[1]) > 50)
			return fail(r, FAB_LENGTH, base + 1);
		fab_text(gf[1], strlen(gf[1]), a->street, sizeof(a->street));
		for (int k = 0; k < 3; k++)
			if (!copy_number(gf[2 + k], a->civico[k], 6))
				return fail(r, FAB_LENGTH, base + 2 + k);
		if (!parse_int(gf[5], 5, &v))
			return fail(r, strlen(gf[5]) > 5 ? FAB_LENGTH :
			    FAB_NUMBER, base + 5);
		a->codice_strada = (int)v;
	}
	return FAB_OK;
}

/* Record types 4 (shared parts) and 5 (reserves): lengths only. */
static enum fab_error
parse_groups(char **f, int groups, int size, struct fab_record *r)
{
	static const size_t max4[5] = {3, 4, 5, 4, 4}, max5[2] = {1, 7};
	const size_t *max = size == 5 ? max4 : max5;

	r->n_groups = groups;
	for (int g = 0; g < groups; g++)
		for (int k = 0; k < size; k++)
			if (strlen(f[HEADER + g * size + k]) > max[k])
				return fail(r, FAB_LENGTH,
				    HEADER + g * size + k + 1);
	return FAB_OK;
}

/*
 * Parses one line, without its line end, in place.  Returns FAB_OK and
 * fills r, or the reason the line is not a FAB record with r->bad_field
 * set to the field at fault.
 */
enum fab_error
fab_parse(char *line, struct fab_record *r)
{
	static const int gsize[6] = {0, 0, 6, 6, 5, 2};
	static const int gmax[6] = {0, 0, FAB_IDENTS_MAX, FAB_ADDRESSES_MAX,
	    10, 10};
	char	*f[HEADER + 62];
	int	 n, groups;
	size_t	 len = strlen(line);

	memset(r, 0, sizeof(*r));
	r->consistenza = r->superficie = r->rendita_cents = -1;
	if (len == 0 || strspn(line, " \t") == len)
		return fail(r, FAB_EMPTY, 0);
	if (len >= FAB_LINE_MAX)
		return fail(r, FAB_TOO_LONG, 0);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
			return fail(r, FAB_BYTES, 0);
	n = split(line, f, HEADER + 61);
	if (n < HEADER + 1 || n > HEADER + 61)
		return fail(r, FAB_FIELD_COUNT, 0);

	if (strlen(f[0]) != 4 || f[0][0] < 'A' || f[0][0] > 'Z' ||
	    !all_digits(f[0] + 1))
		return fail(r, FAB_COMUNE, 1);
	memcpy(r->comune, f[0], 5);
	if (!copy_field(f[1], r->sezione, 1))
		return fail(r, FAB_SEZIONE, 2);
	if (strlen(f[2]) > 15 || !all_digits(f[2]))
		return fail(r, FAB_IMMOBILE, 3);
	for (const char *p = f[2]; *p != '\0'; p++)
		r->immobile = r->immobile * 10 + (*p - '0');
	if (strcmp(f[3], "F") != 0)
		return fail(r, FAB_TIPO, 4);
	if (strlen(f[4]) > 3 || !all_digits(f[4]))
		return fail(r, FAB_PROGRESSIVO, 5);
	for (const char *p = f[4]; *p != '\0'; p++)
		r->progressivo = r->progressivo * 10 + (*p - '0');
	if (strlen(f[5]) != 1 || f[5][0] < '1' || f[5][0] > '5')
		return fail(r, FAB_RECORD_TYPE, 6);
	r->type = f[5][0] - '0';

	/* The trailing '|' some supplies write leaves one empty item. */
	if (r->type == 1) {
		if (n == 46 && f[45][0] == '\0')
			n--;
		return parse_type1(f, n, r);
	}
	groups = n - HEADER;
	if (groups % gsize[r->type] != 0 && f[n - 1][0] == '\0')
		groups--;
	if (groups % gsize[r->type] != 0 || groups == 0 ||
	    groups / gsize[r->type] > gmax[r->type])
		return fail(r, FAB_FIELD_COUNT, 0);
	groups /= gsize[r->type];
	switch (r->type) {
	case 2:
		return parse_type2(f, groups, r);
	case 3:
		return parse_type3(f, groups, r);
	default:
		return parse_groups(f, groups, gsize[r->type], r);
	}
}
