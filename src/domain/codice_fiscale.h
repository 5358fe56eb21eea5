/*
 * codice_fiscale: syntax and check character of an Italian tax code for
 * natural persons (DM 23 dicembre 1976 n. 13813).
 *
 * Only the code issued by the Agenzia delle Entrate is valid, and it may
 * differ from the one computed from personal data (omocodia, errors at
 * issue), so this module checks the form and the check character and never
 * compares the code with the person's name or birth date.
 */
#ifndef IDONEO_CODICE_FISCALE_H
#define IDONEO_CODICE_FISCALE_H

#define CF_LEN	16

enum cf_result {
	CF_OK,
	CF_LENGTH,	/* not 16 characters */
	CF_SYNTAX,	/* a letter where a digit belongs, or the reverse */
	CF_MONTH,	/* the ninth character is not a month letter */
	CF_DAY,		/* day not 1-31 (men) or 41-71 (women) */
	CF_CHECK,	/* wrong check character */
	CF__MAX
};

extern const char *const cf_messages[CF__MAX];

enum cf_result	 cf_validate(const char *in, char out[CF_LEN + 1]);
char		 cf_check_char(const char *first15);

#endif
