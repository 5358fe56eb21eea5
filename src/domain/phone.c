/*
 * phone: contact numbers normalised to E.164.  See phone.h.
 *
 * The numbering plans are libphonenumber's (phonelib.cc): idoneo keeps no
 * table of its own.  This file checks what a person typed (digits and the
 * usual separators only) and says what the library found.
 */
#include <stdbool.h>
#include <string.h>

#include "i18n.h"
#include "phone.h"
#include "phonelib.h"

const char *const phone_messages[PHONE__MAX] = {
	N_("valido"),
	N_("manca il numero di telefono"),
	N_("il numero può contenere solo cifre, spazi, + - . / ( )"),
	N_("il numero non esiste nel piano di numerazione del paese: "
	    "controllare prefisso e cifre"),
	N_("il numero non è un cellulare: serve un cellulare per ricevere "
	    "gli SMS"),
};

/*
 * Normalises in to E.164 in out ("+393471234567").  Separators (space . -
 * / ( )) are dropped, a leading + or 00 gives the country, and a number
 * with neither is Italian.  The number must exist in its country's plan;
 * with mobile_only it must also be a mobile, which receives SMS (where the
 * plan cannot tell a mobile from a landline, as in North America, it is
 * taken as one).  Returns PHONE_OK or why the number cannot be used.
 */
enum phone_result
phone_normalize(const char *in, char out[PHONE_MAX + 1], bool mobile_only)
{
	enum phonelib_kind	 kind;
	size_t			 digits = 0;
	bool			 plus = false;

	for (const char *p = in; *p != '\0'; p++) {
		if (*p == '+' && digits == 0 && !plus) {
			plus = true;
			continue;
		}
		if (strchr(" .-/()\t", *p) != NULL)
			continue;
		if (*p < '0' || *p > '9')
			return PHONE_CHARS;
		digits++;
	}
	if (digits == 0)
		return plus ? PHONE_LENGTH : PHONE_EMPTY;
	/* E.164 has at most 15 digits; 00 and a trunk 0 may come before. */
	if (digits > 18)
		return PHONE_LENGTH;
	if (phonelib_parse(in, "IT", out, PHONE_MAX + 1, &kind) != PHONELIB_OK)
		return PHONE_LENGTH;
	if (mobile_only && kind != PHONELIB_MOBILE &&
	    kind != PHONELIB_FIXED_OR_MOBILE)
		return PHONE_NOT_MOBILE;
	return PHONE_OK;
}
