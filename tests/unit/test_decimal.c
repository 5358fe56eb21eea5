/* Exact two-decimal parsing: boundaries are legal boundaries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/decimal.h"

static void
parses(void **state)
{
	int64_t v;
	char s[DEC2_STRLEN];

	assert_int_equal(dec2_parse("16", &v), DEC2_OK);
	assert_int_equal(v, 1600);
	assert_int_equal(dec2_parse("27,90", &v), DEC2_OK);
	assert_int_equal(v, 2790);
	assert_int_equal(dec2_parse(" 8.9 ", &v), DEC2_OK);
	assert_int_equal(v, 890);
	assert_int_equal(dec2_parse("0.05", &v), DEC2_OK);
	assert_int_equal(v, 5);
	dec2_format(2790, s, ',');
	assert_string_equal(s, "27,90");
	dec2_format(5, s, '.');
	assert_string_equal(s, "0.05");
	dec2_format_short(500, s, ',');
	assert_string_equal(s, "5");
	dec2_format_short(550, s, ',');
	assert_string_equal(s, "5,5");
	dec2_format_short(625, s, ',');
	assert_string_equal(s, "6,25");
	dec2_format_short(0, s, ',');
	assert_string_equal(s, "0");
}

static void
refuses(void **state)
{
	int64_t v;

	assert_int_equal(dec2_parse("1.234", &v), DEC2_DECIMALS);
	assert_int_equal(dec2_parse("-1", &v), DEC2_SYNTAX);
	assert_int_equal(dec2_parse("1e3", &v), DEC2_SYNTAX);
	assert_int_equal(dec2_parse("1,2,3", &v), DEC2_SYNTAX);
	assert_int_equal(dec2_parse("12.", &v), DEC2_SYNTAX);
	assert_int_equal(dec2_parse(".5", &v), DEC2_SYNTAX);
	assert_int_equal(dec2_parse("", &v), DEC2_EMPTY);
	assert_int_equal(dec2_parse("99999999999", &v), DEC2_RANGE);
	/* The cadastre's bound, 10^15 hundredths: the largest value fits,
	 * and a longer one is refused before it could overflow (found by
	 * fuzz_fab). */
	assert_int_equal(dec2_parse_max("10000000000000,00",
	    INT64_C(1000000000000000), &v), DEC2_OK);
	assert_int_equal(v, INT64_C(1000000000000000));
	assert_int_equal(dec2_parse_max("10000000000000,01",
	    INT64_C(1000000000000000), &v), DEC2_RANGE);
	assert_int_equal(dec2_parse_max("99999999999999999",
	    INT64_C(1000000000000000), &v), DEC2_RANGE);
	assert_int_equal(dec2_parse_max("999999999999999999999,9",
	    INT64_C(1000000000000000), &v), DEC2_RANGE);
}

static void
from_json_numbers(void **state)
{
	int64_t v;

	assert_int_equal(dec2_from_double(27.9, &v), DEC2_OK);
	assert_int_equal(v, 2790);
	assert_int_equal(dec2_from_double(8.99, &v), DEC2_OK);
	assert_int_equal(v, 899);
	assert_int_equal(dec2_from_double(1.234, &v), DEC2_DECIMALS);
	assert_int_equal(dec2_from_double(-0.5, &v), DEC2_SYNTAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses),
		cmocka_unit_test(refuses),
		cmocka_unit_test(from_json_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
