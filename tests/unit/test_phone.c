/*
 * Phone numbers of the main countries of origin (formats.md §7), checked
 * against libphonenumber's numbering plans.  check() asks for a number
 * that receives SMS (mobile_only), contact() for any number a person
 * answers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/phone.h"

static void
check(const char *in, enum phone_result r, const char *want)
{
	char out[PHONE_MAX + 1];

	assert_int_equal(phone_normalize(in, out, true), r);
	if (want != NULL)
		assert_string_equal(out, want);
}

static void
contact(const char *in, enum phone_result r, const char *want)
{
	char out[PHONE_MAX + 1];

	assert_int_equal(phone_normalize(in, out, false), r);
	if (want != NULL)
		assert_string_equal(out, want);
}

static void
italian_numbers(void **state)
{
	check("347 123 4567", PHONE_OK, "+393471234567");
	check("0039 3123456789", PHONE_OK, "+393123456789");
	check("00393471234567", PHONE_OK, "+393471234567");
	check("+39 347-123.4567", PHONE_OK, "+393471234567");
	check("3123456", PHONE_LENGTH, NULL);
	check("0574 123456", PHONE_NOT_MOBILE, NULL);
	check("+39 0 3123456789", PHONE_NOT_MOBILE, NULL);
	check("", PHONE_EMPTY, NULL);
	check("347 ABC", PHONE_CHARS, NULL);
}

static void
countries_of_origin(void **state)
{
	check("+86 131 2345 6789", PHONE_OK, "+8613123456789");
	check("+355 67 212 3456", PHONE_OK, "+355672123456");
	check("+355 067 212 3456", PHONE_OK, "+355672123456");
	check("+40 712 034 567", PHONE_OK, "+40712034567");
	check("+92 301 2345678", PHONE_OK, "+923012345678");
	check("+212 650 123456", PHONE_OK, "+212650123456");
	check("+234 802 123 4567", PHONE_OK, "+2348021234567");
	check("+880 1812 345678", PHONE_OK, "+8801812345678");
	check("+221 70 123 45 67", PHONE_OK, "+221701234567");
	check("+380 50 123 4567", PHONE_OK, "+380501234567");
	check("+63 905 123 4567", PHONE_OK, "+639051234567");
	/* One digit short and one too many, for China. */
	check("+86 131 2345 678", PHONE_LENGTH, NULL);
	check("+86 131 2345 67890", PHONE_LENGTH, NULL);
	/* A Chinese landline (Beijing 010) cannot receive SMS. */
	check("+86 10 1234 5678", PHONE_NOT_MOBILE, NULL);
}

/*
 * What a hand-made table got wrong (issue 19): a landline taken for a
 * mobile where the table had no prefixes (Ukraine), a national trunk 0 kept
 * in E.164 for a country outside the table (the United Kingdom), a
 * toll-free number taken for a mobile.  A landline is still a valid
 * contact number.
 */
static void
numbering_plans(void **state)
{
	check("+380 44 123 4567", PHONE_NOT_MOBILE, NULL);	/* Kyiv */
	contact("+380 44 123 4567", PHONE_OK, "+380441234567");
	check("+44 07911 123456", PHONE_OK, "+447911123456");
	check("+39 800 123456", PHONE_NOT_MOBILE, NULL);
	contact("0574 123456", PHONE_OK, "+390574123456");
	contact("+39 0 3123456789", PHONE_OK, "+3903123456789");	/* Como */
	/* North America's plan does not tell mobiles: taken as one. */
	check("+1 212 555 0123", PHONE_OK, "+12125550123");
	check("+91 98765 43210", PHONE_OK, "+919876543210");
	check("+20 100 123 4567", PHONE_OK, "+201001234567");
	check("+7 912 345 6789", PHONE_OK, "+79123456789");
}

static void
other_countries_by_length(void **state)
{
	check("+49 151 23456789", PHONE_OK, "+4915123456789");
	check("+1234567", PHONE_LENGTH, NULL);
	check("+1234567890123456", PHONE_LENGTH, NULL);
	/* Found by fuzzing: a long run of digits once overflowed a buffer. */
	check("00" "1234567890123456789012345678901234567890123456789012345678901",
	    PHONE_LENGTH, NULL);
	check("123456789012345678901234567890", PHONE_LENGTH, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(italian_numbers),
		cmocka_unit_test(countries_of_origin),
		cmocka_unit_test(numbering_plans),
		cmocka_unit_test(other_countries_by_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
