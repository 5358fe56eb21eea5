/*
 * phone: mobile numbers normalised to E.164 ("+393471234567"), the form an
 * SMS gateway needs.
 *
 * A number written without a country code is Italian.  For the countries most
 * of Prato's foreign residents come from, the national trunk prefix and the
 * mobile number length are checked (libphonenumber metadata, summarised in
 * shared/reference/formats.md §7); other countries get the E.164 length check.
 */
#ifndef IDONEO_PHONE_H
#define IDONEO_PHONE_H

#define PHONE_MAX	16	/* '+' and at most 15 digits (ITU-T E.164) */

enum phone_result {
	PHONE_OK,
	PHONE_EMPTY,
	PHONE_CHARS,		/* something other than digits and separators */
	PHONE_LENGTH,		/* too short or too long for the country */
	PHONE_NOT_MOBILE,	/* a valid-looking number that cannot get SMS */
	PHONE__MAX
};

extern const char *const phone_messages[PHONE__MAX];

enum phone_result	 phone_normalize(const char *in, char out[PHONE_MAX + 1]);

#endif
