/*
 * phone: telephone numbers normalised to E.164 ("+393471234567"), the form
 * an SMS gateway needs, checked against every country's numbering plan
 * (Google's libphonenumber, through phonelib.h).
 *
 * A number written without a country code is Italian.  A landline is a
 * valid contact number; a number that is to receive SMS must be a mobile
 * (mobile_only).
 */
#ifndef IDONEO_PHONE_H
#define IDONEO_PHONE_H

#include <stdbool.h>

#define PHONE_MAX	16	/* '+' and at most 15 digits (ITU-T E.164) */

enum phone_result {
	PHONE_OK,
	PHONE_EMPTY,
	PHONE_CHARS,		/* something other than digits and separators */
	PHONE_LENGTH,		/* not a number of the country's plan */
	PHONE_NOT_MOBILE,	/* a valid-looking number that cannot get SMS */
	PHONE__MAX
};

extern const char *const phone_messages[PHONE__MAX];

enum phone_result	 phone_normalize(const char *in, char out[PHONE_MAX + 1],
			    bool mobile_only);

#endif
