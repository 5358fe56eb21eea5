/*
 * phonelib: see phonelib.h.  The only C++ of idoneo; it throws nothing and
 * keeps no state of its own (PhoneNumberUtil is a thread-safe singleton).
 */
#include <cstdio>
#include <string>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "phonelib.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

/*
 * Parses in as a number of region (ISO 3166 code, "IT") unless it starts
 * with + or the international 00 prefix, and writes its E.164 form
 * ("+393471234567") to e164.
 */
extern "C" enum phonelib_result
phonelib_parse(const char *in, const char *region, char *e164,
    size_t e164size, enum phonelib_kind *kind)
{
	PhoneNumberUtil	*util = PhoneNumberUtil::GetInstance();
	PhoneNumber	 number;
	std::string	 out;

	if (util->Parse(in, region, &number) !=
	    PhoneNumberUtil::NO_PARSING_ERROR)
		return PHONELIB_UNPARSABLE;
	if (!util->IsValidNumber(number))
		return PHONELIB_INVALID;
	util->Format(number, PhoneNumberUtil::E164, &out);
	if (out.size() + 1 > e164size)
		return PHONELIB_INVALID;
	std::snprintf(e164, e164size, "%s", out.c_str());
	switch (util->GetNumberType(number)) {
	case PhoneNumberUtil::MOBILE:
		*kind = PHONELIB_MOBILE;
		break;
	case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
		*kind = PHONELIB_FIXED_OR_MOBILE;
		break;
	case PhoneNumberUtil::FIXED_LINE:
		*kind = PHONELIB_FIXED;
		break;
	default:
		*kind = PHONELIB_OTHER;
		break;
	}
	return PHONELIB_OK;
}
