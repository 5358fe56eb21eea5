/*
 * codice_fiscale: syntax and check character of an Italian tax code for
 * natural persons (DM 23 dicembre 1976 n. 13813).
 *
 * Only the code issued by the Agenzia delle Entrate is valid, and it may
 * differ from the one computed from personal data (omocodia, errors at
 * issue), so this module checks the form, the birth date's being a day of
 * the calendar and the check character, and never compares the code with
 * the person's name or birth date.
 *
 * The Agenzia also gives some persons a provisional code of 11 digits
 * (codice fiscale numerico provvisorio, DPR 605/1973 art. 11, in the form
 * of a partita IVA), until the definitive one: it is accepted, with its
 * check digit verified.
 */
#ifndef IDONEO_CODICE_FISCALE_H
#define IDONEO_CODICE_FISCALE_H

#define CF_LEN	16
#define CF_PROVISIONAL_LEN	11	/* the provisional numeric code */

enum cf_result {
	CF_OK,
	CF_LENGTH,	/* not 16 characters */
	CF_SYNTAX,	/* a letter where a digit belongs, or the reverse */
	CF_MONTH,	/* the ninth character is not a month letter */
	CF_DAY,		/* day not 1-31 (men) or 41-71 (women) */
	CF_DATE,	/* a day the month does not have (31 April) */
	CF_CHECK,	/* wrong check character */
	CF__MAX
};

extern const char *const cf_messages[CF__MAX];

enum cf_result	 cf_validate(const char *in, char out[CF_LEN + 1]);
char		 cf_check_char(const char *first15);

#endif
