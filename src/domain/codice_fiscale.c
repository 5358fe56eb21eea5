/*
 * codice_fiscale: validation of the 16-character tax code.  See the header.
 *
 * Layout (DM 23/12/1976): 6 letters for surname and name, 2 digits of year,
 * a month letter, 2 digits of day (+40 for women), a letter and 3 digits for
 * the birthplace (Belfiore code, Z for a foreign country), a check letter.
 * Omocodia replaces any of the digits at positions 7, 8, 10, 11, 13, 14 and
 * 15 with the letters L M N P Q R S T U V standing for 0-9.
 */
#include <ctype.h>
#include <string.h>

#include "codice_fiscale.h"
#include "i18n.h"

const char *const cf_messages[CF__MAX] = {
	N_("valido"),
	N_("il codice fiscale ha 16 caratteri (11 cifre se provvisorio)"),
	N_("il codice fiscale non ha la forma AAAAAA00A00A000A"),
	N_("la lettera del mese (9° carattere) deve essere una di "
	    "A B C D E H L M P R S T"),
	N_("il giorno di nascita (10°-11° carattere) deve essere tra 01 e 31 "
	    "o tra 41 e 71"),
	N_("la data di nascita (9°-11° carattere) non esiste: quel mese non "
	    "ha quel giorno"),
	N_("il carattere di controllo (16°) non corrisponde: il codice è "
	    "stato trascritto male"),
};

static const char omocodia[] = "LMNPQRSTUV";
static const char months[] = "ABCDEHLMPRST";
/* The days of each month letter's month; February's 29th where the year
 * (two digits: 19yy or 20yy) may be a leap one. */
static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
    30, 31};

/*
 * Value of each character in an odd position (1st, 3rd … 15th); digits take
 * the value of the letter with the same index.
 */
static const int odd_values[26] = {
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14,
	16, 10, 22, 25, 24, 23,
};

/* The check letter of the first 15 characters, which must be valid. */
char
cf_check_char(const char *s)
{
	int	 sum = 0;

	for (int i = 0; i < 15; i++) {
		int idx = isdigit((unsigned char)s[i]) ? s[i] - '0' : s[i] - 'A';

		sum += i % 2 == 0 ? odd_values[idx] : idx;
	}
	return (char)('A' + sum % 26);
}

/* A digit position accepts a digit or its omocodia letter; returns 0-9 or -1. */
static int
digit_value(char c)
{
	const char *p;

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c != '\0' && (p = strchr(omocodia, c)) != NULL)
		return (int)(p - omocodia);
	return -1;
}

/*
 * The provisional numeric code: 11 digits whose last is the check digit of
 * a partita IVA (DM 23/12/1976 art. 5): the digits in odd places summed,
 * those in even places doubled (less 9 above 9) and summed, and the check
 * digit makes the total a multiple of 10.
 */
static enum cf_result
cf_provisional(const char *s)
{
	int	 sum = 0;

	for (int i = 0; i < CF_PROVISIONAL_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return CF_SYNTAX;
	for (int i = 0; i < CF_PROVISIONAL_LEN - 1; i++) {
		int d = s[i] - '0';

		if (i % 2 == 1 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return (10 - sum % 10) % 10 == s[10] - '0' ? CF_OK : CF_CHECK;
}

/*
 * Validates in, ignoring surrounding spaces and letter case, and on success
 * writes the canonical upper-case code (or the 11 digits of a provisional
 * one) to out.  Returns CF_OK or the first
 * problem found, in reading order, so the message tells the clerk what to
 * look at.
 */
enum cf_result
cf_validate(const char *in, char out[CF_LEN + 1])
{
	char	 s[CF_LEN + 1];
	size_t	 n = 0, len;
	int	 day;

	while (isspace((unsigned char)*in))
		in++;
	len = strlen(in);
	while (len > 0 && isspace((unsigned char)in[len - 1]))
		len--;
	if (len == CF_PROVISIONAL_LEN && isdigit((unsigned char)in[0])) {
		enum cf_result r = cf_provisional(in);

		if (r == CF_OK) {
			memcpy(out, in, CF_PROVISIONAL_LEN);
			out[CF_PROVISIONAL_LEN] = '\0';
		}
		return r;
	}
	if (len != CF_LEN)
		return CF_LENGTH;
	for (; n < CF_LEN; n++)
		s[n] = (char)toupper((unsigned char)in[n]);
	s[CF_LEN] = '\0';

	for (int i = 0; i < CF_LEN; i++) {
		int is_digit_pos = (i == 6 || i == 7 || i == 9 || i == 10 ||
		    i == 12 || i == 13 || i == 14);

		if (is_digit_pos) {
			if (digit_value(s[i]) < 0)
				return CF_SYNTAX;
		} else if (s[i] < 'A' || s[i] > 'Z')
			return CF_SYNTAX;
	}
	if (strchr(months, s[8]) == NULL)
		return CF_MONTH;
	day = digit_value(s[9]) * 10 + digit_value(s[10]);
	if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71)))
		return CF_DAY;
	{
		int	 m = (int)(strchr(months, s[8]) - months);
		int	 yy = digit_value(s[6]) * 10 + digit_value(s[7]);
		int	 last = month_days[m] + (m == 1 && yy % 4 == 0);

		if (day % 40 > last)
			return CF_DATE;
	}
	if (cf_check_char(s) != s[15])
		return CF_CHECK;
	memcpy(out, s, CF_LEN + 1);
	return CF_OK;
}
