/*
 * phonelib: the C interface of the one file that speaks to Google's
 * libphonenumber (C++, Debian libphonenumber-dev), whose metadata knows the
 * numbering plan of every country: the valid lengths, the national trunk
 * prefix, which ranges are allocated, and which are mobiles.
 */
#ifndef IDONEO_PHONELIB_H
#define IDONEO_PHONELIB_H

#include <stddef.h>

enum phonelib_kind {
	PHONELIB_MOBILE,	/* receives SMS */
	PHONELIB_FIXED_OR_MOBILE,	/* the plan does not tell (USA, Canada) */
	PHONELIB_FIXED,		/* a landline */
	PHONELIB_OTHER,		/* toll-free, premium, VoIP, pager … */
};

enum phonelib_result {
	PHONELIB_OK,
	PHONELIB_UNPARSABLE,	/* not a phone number at all */
	PHONELIB_INVALID,	/* no such number in the country's plan */
};

#ifdef __cplusplus
extern "C" {
#endif

enum phonelib_result phonelib_parse(const char *in, const char *region,
		    char *e164, size_t e164size, enum phonelib_kind *kind);

#ifdef __cplusplus
}
#endif

#endif
