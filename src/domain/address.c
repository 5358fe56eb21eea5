/*
 * address: see address.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "address.h"
#include "search.h"

#define TOKENS_MAX	32

/*
 * DUGs and their usual abbreviations, written without dots (the dots have
 * become separators by then: "V.LE" is "V LE", looked up joined as "VLE").
 */
static const struct {
	const char	*abbr, *dug;
} dugs[] = {
	{"VIA", "VIA"}, {"V", "VIA"},
	{"VIALE", "VIALE"}, {"VLE", "VIALE"}, {"VL", "VIALE"},
	{"PIAZZA", "PIAZZA"}, {"PZA", "PIAZZA"}, {"PZZA", "PIAZZA"},
	{"PIAZZALE", "PIAZZALE"}, {"PLE", "PIAZZALE"}, {"PZLE", "PIAZZALE"},
	{"PIAZZETTA", "PIAZZETTA"}, {"PTTA", "PIAZZETTA"},
	{"PZTTA", "PIAZZETTA"},
	{"CORSO", "CORSO"}, {"CSO", "CORSO"},
	{"LARGO", "LARGO"}, {"LGO", "LARGO"},
	{"LARGHETTO", "LARGHETTO"},
	{"VICOLO", "VICOLO"}, {"VLO", "VICOLO"}, {"VIC", "VICOLO"},
	{"VICO", "VICO"},
	{"VIUZZO", "VIUZZO"},
	{"STRADA", "STRADA"}, {"STR", "STRADA"},
	{"LOCALITA", "LOCALITA"}, {"LOC", "LOCALITA"},
	{"FRAZIONE", "FRAZIONE"}, {"FRAZ", "FRAZIONE"}, {"FRZ", "FRAZIONE"},
	{"CONTRADA", "CONTRADA"}, {"CDA", "CONTRADA"},
	{"SALITA", "SALITA"}, {"SAL", "SALITA"},
	{"TRAVERSA", "TRAVERSA"}, {"TRAV", "TRAVERSA"},
	{"BORGO", "BORGO"}, {"BGO", "BORGO"},
	{"GALLERIA", "GALLERIA"}, {"GALL", "GALLERIA"},
	{"PASSAGGIO", "PASSAGGIO"},
	{"LUNGARNO", "LUNGARNO"},
	{"ZONA", "ZONA"},
	{NULL, NULL}
};

/*
 * The cadastre writes the DUG of an address as a number (FAB record type 3,
 * TOPONIMO).  This is the part of the table published in the
 * ludovico85/gestione-dati-censuari README (formats.md §5.3); the full one
 * is in ES-23-IS-0E.  An unknown code gives "".
 */
static const struct {
	int		 code;
	const char	*dug;
} toponimi[] = {
	{54, "CONTRADA"}, {58, "CORSO"}, {77, "FRAZIONE"}, {86, "LARGO"},
	{90, "LOCALITA"}, {130, "PIAZZA"}, {132, "PIAZZALE"},
	{134, "PIAZZETTA"}, {172, "SALITA"}, {185, "LOCALITA"},
	{210, "STRADA"}, {224, "TRAVERSA"}, {236, "VIA"}, {240, "VIALE"},
	{244, "VICO"}, {248, "VICOLO"}, {394, "LARGHETTO"},
	{546, "STRADA"}, {566, "STRADA"}, {571, "STRADA"}, {579, "STRADA"},
	{705, "ZONA"}, {0, NULL}
};

/* Words a street's name is written with or without: left out of the key. */
static const char *const minor[] = {
	"DI", "DEL", "DELLO", "DELLA", "DEI", "DEGLI", "DELLE", "DE", "D",
	"IL", "LO", "LA", "I", "GLI", "LE", "L", "E", "ED", "A", "AL", "ALLA",
	"ALLE", "AI", "AGLI", "DA", "DAL", "DALLA", "IN", "SU", "SUL", "SULLA",
	NULL
};

/* Esponenti written as words (ISTAT numbering: bis, ter …). */
static const char *const latin[] = {
	"BIS", "TER", "QUATER", "QUINQUIES", "SEXIES", "SEPTIES", "OCTIES",
	"R", "ROSSO", "NERO", NULL
};

const char *
address_toponimo(int code)
{
	for (int i = 0; toponimi[i].dug != NULL; i++)
		if (toponimi[i].code == code)
			return toponimi[i].dug;
	return "";
}

static bool
in_list(const char *const *list, const char *w)
{
	for (int i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], w) == 0)
			return true;
	return false;
}

static const char *
dug_of(const char *w)
{
	for (int i = 0; dugs[i].abbr != NULL; i++)
		if (strcmp(dugs[i].abbr, w) == 0)
			return dugs[i].dug;
	return NULL;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
set(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/*
 * Upper case without accents, punctuation turned into spaces, split into
 * words; the words point into buf.
 */
static int
tokenize(const char *in, char buf[SEARCH_KEY_MAX], char **tok)
{
	char	 tmp[SEARCH_KEY_MAX * 2];
	size_t	 n = 0;
	int	 nt = 0;

	for (const unsigned char *p = (const unsigned char *)in;
	    *p != '\0' && n < sizeof(tmp) - 4; p++) {
		size_t	 len = *p >= 0xf0 && *p < 0xf5 ? 4 : *p >= 0xe0 &&
		    *p < 0xf0 ? 3 : *p >= 0xc2 && *p < 0xe0 ? 2 : 1, k;

		if (*p >= 0x80) {
			/* A whole UTF-8 character, or a space for bad bytes. */
			for (k = 1; k < len && (p[k] & 0xc0) == 0x80; k++)
				;
			if (len == 1 || k < len) {
				tmp[n++] = ' ';
				continue;
			}
		}
		if (p[0] == 0xc2 && (p[1] == 0xb0 || p[1] == 0xba)) {
			/* "N°", "n°": the degree and ordinal signs. */
			tmp[n++] = ' ';
			p++;
		} else if (*p < 0x20 || strchr(".,;:/\\()\"`'_#+*", *p) != NULL)
			tmp[n++] = ' ';
		else if (*p >= 0x80) {
			memcpy(tmp + n, p, len);
			n += len;
			p += len - 1;
		} else
			tmp[n++] = (char)*p;
	}
	tmp[n] = '\0';
	search_key(tmp, buf);
	for (char *p = buf; *p != '\0' && nt < TOKENS_MAX;) {
		tok[nt++] = p;
		p = strchr(p, ' ');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return nt;
}

/*
 * Splits "12", "12A", "12BIS", "0031" into a number and an esponente; a
 * word with no leading digits gives 0 and "".
 */
void
address_house_number(const char *in, int *number, char esponente[ADDRESS_PART_MAX])
{
	char	 buf[SEARCH_KEY_MAX], *tok[TOKENS_MAX], rest[ADDRESS_PART_MAX];
	int	 nt = tokenize(in, buf, tok), v = 0, i;
	size_t	 r = 0;

	*number = 0;
	esponente[0] = '\0';
	if (nt == 0 || !is_digit(tok[0][0]))
		return;
	for (i = 0; is_digit(tok[0][i]); i++)
		if (v < 100000)
			v = v * 10 + (tok[0][i] - '0');
	*number = v;
	if (v == 0)
		return;		/* "0", "000": no house number */
	/* Whatever follows the digits, in the same word or the next ones. */
	for (const char *p = tok[0] + i; *p != '\0' && r + 1 < sizeof(rest);)
		rest[r++] = *p++;
	for (int k = 1; k < nt; k++)
		for (const char *p = tok[k]; *p != '\0' && r + 1 < sizeof(rest);)
			rest[r++] = *p++;
	rest[r] = '\0';
	set(esponente, ADDRESS_PART_MAX, rest);
}

/*
 * True for a word that starts with a house number: up to five digits
 * (ANNCSU "numero", formats.md §5.2), not all zeros.
 */
static bool
number_word(const char *w)
{
	size_t	 n = strspn(w, "0123456789"), z = strspn(w, "0");
	size_t	 rest = strspn(w + n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

	/* What follows the digits is a short esponente: "12A", "12BIS". */
	return n > 0 && z < n && n - z <= 5 && w[n + rest] == '\0' &&
	    rest <= 7;
}

/* True for a word that can be an esponente: one letter or a Latin word. */
static bool
esponente_word(const char *w)
{
	return (w[0] >= 'A' && w[0] <= 'Z' && w[1] == '\0') ||
	    in_list(latin, w) || (is_digit(w[0]) && strlen(w) <= 2);
}

/* Joins words [from, to) with single spaces into out. */
static void
join(char **tok, int from, int to, char *out, size_t size, bool skip_minor)
{
	size_t	 n = 0;

	out[0] = '\0';
	for (int i = from; i < to; i++) {
		size_t	 l = strlen(tok[i]);

		if (skip_minor && in_list(minor, tok[i]))
			continue;
		if (n + l + 2 > size)
			break;
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, tok[i], l);
		n += l;
		out[n] = '\0';
	}
}

static void
fill_key(struct address *a)
{
	char	 buf[SEARCH_KEY_MAX], *tok[TOKENS_MAX];
	int	 nt = tokenize(a->name, buf, tok);

	join(tok, 0, nt, a->street_key, sizeof(a->street_key), true);
	/* A name made only of minor words ("VIA DEL") keeps them. */
	if (a->street_key[0] == '\0')
		join(tok, 0, nt, a->street_key, sizeof(a->street_key), false);
}

/*
 * Parses a street written as one line of free text.  Never fails: what is
 * not recognised stays in the name.
 */
void
address_parse(const char *in, struct address *a)
{
	char		 buf[SEARCH_KEY_MAX], *tok[TOKENS_MAX];
	int		 nt = tokenize(in, buf, tok), start = 0, end, i;
	const char	*d;

	memset(a, 0, sizeof(*a));
	/* Interno and scala, from the end: "… INT 3", "… SC B", "… SCALA A". */
	end = nt;
	for (i = nt - 2; i >= 1; i--) {
		if (strcmp(tok[i], "INT") == 0 || strcmp(tok[i], "INTERNO") == 0) {
			set(a->interno, sizeof(a->interno), tok[i + 1]);
			if (i < end)
				end = i;
		} else if (strcmp(tok[i], "SC") == 0 ||
		    strcmp(tok[i], "SCALA") == 0) {
			set(a->scala, sizeof(a->scala), tok[i + 1]);
			if (i < end)
				end = i;
		}
	}
	/* The DUG: two words joined ("V LE" → VLE) before one alone. */
	if (nt >= 2 && end >= 3) {
		char	 two[SEARCH_KEY_MAX];

		snprintf(two, sizeof(two), "%s%s", tok[0], tok[1]);
		if (strlen(tok[0]) <= 2 && (d = dug_of(two)) != NULL) {
			set(a->dug, sizeof(a->dug), d);
			start = 2;
		}
	}
	if (start == 0 && end >= 2 && (d = dug_of(tok[0])) != NULL) {
		set(a->dug, sizeof(a->dug), d);
		start = 1;
	}
	/*
	 * The house number is a word starting with a digit that ends the
	 * address, or is followed by an esponente only: "VIA 1 MAGGIO" has no
	 * number, "VIA 1 MAGGIO 5 B" has 5 B.
	 */
	i = -1;
	if (end - 2 > start && number_word(tok[end - 2]) &&
	    esponente_word(tok[end - 1]))
		i = end - 2;
	else if (end - 1 > start && number_word(tok[end - 1]))
		i = end - 1;
	if (i > 0) {
		char	 num[SEARCH_KEY_MAX];

		if (i == end - 2)
			snprintf(num, sizeof(num), "%s %s", tok[i], tok[i + 1]);
		else
			set(num, sizeof(num), tok[i]);
		address_house_number(num, &a->number, a->esponente);
		end = i;
		/* "N 12", "NR 12", "NUM 12", "CIVICO 12". */
		while (end - 1 > start && (strcmp(tok[end - 1], "N") == 0 ||
		    strcmp(tok[end - 1], "NR") == 0 ||
		    strcmp(tok[end - 1], "NUM") == 0 ||
		    strcmp(tok[end - 1], "CIVICO") == 0))
			end--;
	}
	join(tok, start, end, a->name, sizeof(a->name), false);
	fill_key(a);
}

/*
 * Builds an address from the separate fields a register keeps (street with
 * or without its DUG, number, esponente, interno, scala).
 */
void
address_parse_parts(const char *street, const char *number,
    const char *esponente, const char *interno, const char *scala,
    struct address *a)
{
	char	 buf[SEARCH_KEY_MAX], *tok[TOKENS_MAX];
	int	 nt;

	address_parse(street != NULL ? street : "", a);
	if (number != NULL && number[0] != '\0') {
		char	 e[ADDRESS_PART_MAX];

		address_house_number(number, &a->number, e);
		if (e[0] != '\0')
			set(a->esponente, sizeof(a->esponente), e);
	}
	if (esponente != NULL && esponente[0] != '\0') {
		nt = tokenize(esponente, buf, tok);
		join(tok, 0, nt, a->esponente, sizeof(a->esponente), false);
		/* No spaces inside an esponente: "B IS" never means anything. */
		for (char *p = a->esponente; *p != '\0'; p++)
			if (*p == ' ')
				memmove(p, p + 1, strlen(p));
	}
	if (interno != NULL && interno[0] != '\0') {
		nt = tokenize(interno, buf, tok);
		join(tok, 0, nt, a->interno, sizeof(a->interno), false);
	}
	if (scala != NULL && scala[0] != '\0') {
		nt = tokenize(scala, buf, tok);
		join(tok, 0, nt, a->scala, sizeof(a->scala), false);
	}
}

/*
 * Builds an address whose DUG is known apart, as in the cadastre (the
 * TOPONIMO code): the name is taken whole, even when it starts with a word
 * that could be a DUG ("V. VENETO" is Vittorio Veneto there).
 */
void
address_make(const char *dug, const char *name, const char *number,
    struct address *a)
{
	char	 buf[SEARCH_KEY_MAX], *tok[TOKENS_MAX];
	int	 nt = tokenize(name != NULL ? name : "", buf, tok);

	memset(a, 0, sizeof(*a));
	set(a->dug, sizeof(a->dug), dug != NULL ? dug : "");
	join(tok, 0, nt, a->name, sizeof(a->name), false);
	fill_key(a);
	if (number != NULL)
		address_house_number(number, &a->number, a->esponente);
}

/* "VIA DELLA REPUBBLICA 12/A" (interno and scala are not part of it). */
void
address_format(const struct address *a, char out[ADDRESS_KEY_MAX])
{
	char	 num[32] = "";

	/*
	 * "12/A", "12/BIS", "12/3"; an esponente that could not stand alone
	 * after a space is written against the number ("2X0"), so that the
	 * written form parses back to the same address.
	 */
	if (a->number > 0)
		snprintf(num, sizeof(num), " %d%s%s", a->number,
		    esponente_word(a->esponente) ? "/" : "", a->esponente);
	snprintf(out, ADDRESS_KEY_MAX, "%s%s%s%s", a->dug, a->dug[0] ? " " :
	    "", a->name, num);
}

/*
 * Share of the key words of q found in c, in percent: "REPUBBLICA" against
 * "REPUBBLICA ROMANA" is 100 one way and 50 the other, so the score takes
 * the smaller of the two.
 */
static int
words_overlap(const char *q, const char *c)
{
	char	 b1[SEARCH_KEY_MAX], b2[SEARCH_KEY_MAX], *t1[TOKENS_MAX],
		 *t2[TOKENS_MAX];
	int	 n1 = tokenize(q, b1, t1), n2 = tokenize(c, b2, t2), hit = 0;

	if (n1 == 0 || n2 == 0)
		return 0;
	for (int i = 0; i < n1; i++)
		for (int k = 0; k < n2; k++)
			if (strcmp(t1[i], t2[k]) == 0 ||
			    (strlen(t1[i]) >= 3 && k == n2 - 1 && i == n1 - 1 &&
			    strncmp(t1[i], t2[k], strlen(t1[i])) == 0)) {
				hit++;
				break;
			}
	return hit * 100 / (n1 > n2 ? n1 : n2);
}

/*
 * How well candidate matches query, 0 to 100: the street counts 60, the
 * house number 20, the DUG 10, the esponente 10.  A query without a number
 * or a DUG does not lose points a candidate cannot give.
 */
int
address_score(const struct address *q, const struct address *c)
{
	int	 s;

	if (strcmp(q->street_key, c->street_key) == 0 && q->street_key[0])
		s = 60;
	else
		s = words_overlap(q->street_key, c->street_key) * 55 / 100;
	if (q->dug[0] == '\0' || strcmp(q->dug, c->dug) == 0)
		s += 10;
	else if (c->dug[0] == '\0')
		s += 5;
	if (q->number == 0)
		s += c->number == 0 ? 20 : 10;
	else if (q->number == c->number)
		s += 20;
	if (q->number == 0 || strcmp(q->esponente, c->esponente) == 0)
		s += 10;
	else if (q->esponente[0] == '\0' || c->esponente[0] == '\0')
		s += 3;
	return s;
}

/*
 * A cadastral address as an address: the DUG comes from the TOPONIMO code
 * of the FAB supply when it is known, else from the street's own words.
 */
void
address_cadastral(const char *dug, const char *street, const char *civico,
    struct address *ad)
{
	if (dug != NULL && dug[0] != '\0')
		address_make(dug, street, civico, ad);
	else
		address_parse_parts(street, civico, NULL, NULL, NULL, ad);
}
