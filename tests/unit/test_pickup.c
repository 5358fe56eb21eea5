/*
 * Pickup codes (docs/points.md): drawn as nine digits, every digit about
 * equally often; read back as an operator types them; shown in groups of
 * three; alive up to their last day; and the identity check's comparison of
 * document numbers, with the three characters a point may see.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "domain/date.h"
#include "domain/pickup_code.h"
#include "points/pickup.h"

/*
 * 40,000 codes, 360,000 digits.  The six digits 0-5 together are expected
 * 216,000 times, with a standard deviation of about 294.  A byte taken
 * modulo 10 would favour them, 26 times in 256 against 25: about 219,400,
 * far outside the bounds below, which a fair draw leaves but once in
 * millions of runs (5 deviations).  Each digit alone stays near 36,000.
 */
static void
drawn_codes_are_nine_fair_digits(void **state)
{
	char	 code[PICKUP_CODE_STRLEN];
	int	 count[10] = {0}, low = 0;

	(void)state;
	assert_true(sodium_init() >= 0);
	for (int i = 0; i < 40000; i++) {
		memset(code, '#', sizeof(code));
		pickup_code_draw(code);
		assert_int_equal(strlen(code), PICKUP_CODE_LEN);
		assert_int_equal(strspn(code, "0123456789"), PICKUP_CODE_LEN);
		for (int k = 0; k < PICKUP_CODE_LEN; k++)
			count[code[k] - '0']++;
	}
	for (int d = 0; d < 10; d++) {
		assert_in_range(count[d], 34500, 37500);
		if (d < 6)
			low += count[d];
	}
	assert_in_range(low, 216000 - 1500, 216000 + 1500);
}

static void
typed_and_shown(void **state)
{
	char	 out[PICKUP_CODE_STRLEN], shown[PICKUP_CODE_SHOWN_STRLEN];

	(void)state;
	assert_true(pickup_code_normalize("482 913 075", out));
	assert_string_equal(out, "482913075");
	assert_true(pickup_code_normalize(" 482-913.075\t", out));
	assert_string_equal(out, "482913075");
	/* Too short, too long, a letter, nothing. */
	assert_false(pickup_code_normalize("48291307", out));
	assert_false(pickup_code_normalize("4829130751", out));
	assert_false(pickup_code_normalize("48291307O", out));
	assert_false(pickup_code_normalize("", out));
	assert_false(pickup_code_normalize(NULL, out));
	assert_string_equal(out, "");
	pickup_code_show("482913075", shown);
	assert_string_equal(shown, "482 913 075");
}

static void
alive_up_to_the_last_day(void **state)
{
	int	 last;

	(void)state;
	assert_true(date_parse("2026-12-31", &last));
	assert_true(pickup_code_live(last, last - 30));
	assert_true(pickup_code_live(last, last));
	assert_false(pickup_code_live(last, last + 1));
}

static void
documents_compared_as_written(void **state)
{
	char	 tail[4];

	(void)state;
	assert_true(pickup_doc_matches("YA1234567", "ya 123 4567"));
	assert_true(pickup_doc_matches("CA00011BB", "CA-00011-bb"));
	assert_false(pickup_doc_matches("YA1234567", "YA1234568"));
	assert_false(pickup_doc_matches("YA1234567", "YA123456"));
	/* Nothing expected matches nothing typed: never a match. */
	assert_false(pickup_doc_matches("", ""));
	assert_false(pickup_doc_matches(" - ", "-"));
	pickup_doc_tail("YA 1234567", tail);
	assert_string_equal(tail, "567");
	pickup_doc_tail("ab", tail);
	assert_string_equal(tail, "AB");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drawn_codes_are_nine_fair_digits),
		cmocka_unit_test(typed_and_shown),
		cmocka_unit_test(alive_up_to_the_last_day),
		cmocka_unit_test(documents_compared_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
