/*
 * phone: E.164 normalisation of mobile numbers.  See phone.h.
 */
#include <stdbool.h>
#include <string.h>

#include "i18n.h"
#include "phone.h"

const char *const phone_messages[PHONE__MAX] = {
	N_("valido"),
	N_("manca il numero di telefono"),
	N_("il numero può contenere solo cifre, spazi, + - . / ( )"),
	N_("il numero non ha la lunghezza giusta per il paese indicato"),
	N_("il numero non è un cellulare: serve un cellulare per ricevere "
	    "gli SMS"),
};

/*
 * Mobile plans of the countries of origin that matter most in Prato
 * (libphonenumber 8.13.48 metadata): country code, whether a national trunk
 * 0 may be written after it, the national number lengths, and the digits a
 * prefixes a mobile number starts with, comma-separated ("" when not
 * checked).
 */
static const struct country {
	const char	*cc;
	bool		 trunk0;
	int		 minlen, maxlen;
	const char	*mobile_first;
} countries[] = {
	{"39", false, 9, 10, "3"},	/* Italy: no trunk 0 is dropped */
	{"86", true, 11, 11, "13,14,15,16,17,18,19"},	/* China */
	{"355", true, 9, 9, "6"},	/* Albania */
	{"40", true, 9, 9, "7"},	/* Romania */
	{"92", true, 10, 10, "3"},	/* Pakistan */
	{"212", true, 9, 9, "6,7"},	/* Morocco */
	{"234", true, 10, 10, "70,80,81,90,91"},	/* Nigeria */
	{"880", true, 10, 10, "1"},	/* Bangladesh */
	{"221", false, 9, 9, "7"},	/* Senegal */
	{"380", true, 9, 9, ""},	/* Ukraine */
	{"63", true, 10, 10, "9"},	/* Philippines */
};

/* Whether nsn starts with one of the comma-separated prefixes. */
static bool
mobile_prefix(const char *list, const char *nsn)
{
	if (*list == '\0')
		return true;
	while (*list != '\0') {
		size_t n = strcspn(list, ",");

		if (strncmp(list, nsn, n) == 0)
			return true;
		list += n;
		if (*list == ',')
			list++;
	}
	return false;
}

/*
 * Normalises in to E.164 in out.  Separators (space . - / ( )) are dropped,
 * a leading 00 means +, and a number with neither is Italian.  Returns
 * PHONE_OK or why the number cannot be used for SMS.
 */
enum phone_result
phone_normalize(const char *in, char out[PHONE_MAX + 1])
{
	char			 d[24];	/* E.164 has at most 15 digits */
	size_t			 n = 0;
	bool			 plus = false, any = false;
	const struct country	*c = NULL;
	const char		*nsn;
	size_t			 nsnlen;

	for (const char *p = in; *p != '\0'; p++) {
		if (*p == '+' && !any && !plus) {
			plus = true;
			continue;
		}
		if (strchr(" .-/()\t", *p) != NULL)
			continue;
		if (*p < '0' || *p > '9')
			return PHONE_CHARS;
		if (n == sizeof(d) - 1)
			return PHONE_LENGTH;
		d[n++] = *p;
		any = true;
	}
	d[n] = '\0';
	if (n == 0)
		return plus ? PHONE_LENGTH : PHONE_EMPTY;

	/* Work out the international form: digits after the "+". */
	char	 intl[sizeof(d) + 2];
	if (plus)
		memcpy(intl, d, n + 1);
	else if (n > 2 && d[0] == '0' && d[1] == '0')
		memcpy(intl, d + 2, n - 1);
	else if (d[0] == '0')
		return PHONE_NOT_MOBILE;	/* an Italian landline */
	else {
		intl[0] = '3', intl[1] = '9';
		memcpy(intl + 2, d, n + 1);
	}

	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++) {
		size_t l = strlen(countries[i].cc);

		if (strncmp(intl, countries[i].cc, l) == 0) {
			c = &countries[i];
			break;
		}
	}
	if (c == NULL) {
		/* E.164: a country code and a national number, 8-15 digits. */
		n = strlen(intl);
		if (n < 8 || n > 15 || intl[0] == '0')
			return PHONE_LENGTH;
		out[0] = '+';
		memcpy(out + 1, intl, n + 1);
		return PHONE_OK;
	}
	nsn = intl + strlen(c->cc);
	if (c->trunk0 && nsn[0] == '0')
		nsn++;
	nsnlen = strlen(nsn);
	if (nsn[0] == '0' || !mobile_prefix(c->mobile_first, nsn))
		return PHONE_NOT_MOBILE;
	if (nsnlen < (size_t)c->minlen || nsnlen > (size_t)c->maxlen)
		return PHONE_LENGTH;
	out[0] = '+';
	memcpy(out + 1, c->cc, strlen(c->cc));
	memcpy(out + 1 + strlen(c->cc), nsn, nsnlen + 1);
	return PHONE_OK;
}
