/*
 * The codes a citizen reads aloud (auth_random_code): only characters of
 * the alphabet without 0/O, 1/I/L, every one of them about equally often,
 * and of the length asked for.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "service/auth.h"

static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

static void
length_and_alphabet(void **state)
{
	char	 code[200];

	for (size_t n = 0; n < sizeof(code) - 1; n += 7) {
		memset(code, '#', sizeof(code));
		auth_random_code(code, n);
		assert_int_equal(strlen(code), n);
		assert_int_equal(strspn(code, alphabet), n);
	}
}

/*
 * 31,000 characters: each of the 31 should come about 1,000 times (the
 * standard deviation is about 31).  A byte taken modulo 31 without drawing
 * again would favour the first eight characters, 9 bytes in 256 against 8:
 * about 1,090 each against 969.  Their sum, 8,000 expected (deviation
 * about 77), would then be near 8,720: the bounds below fail for that and
 * hold for a fair draw but once in millions of runs.
 */
static void
every_character_equally_likely(void **state)
{
	char	 code[1001];
	int	 count[256] = {0}, first = 0, rest = 0;

	for (int r = 0; r < 31; r++) {
		auth_random_code(code, 1000);
		for (int i = 0; i < 1000; i++)
			count[(unsigned char)code[i]]++;
	}
	for (size_t c = 0; c < sizeof(alphabet) - 1; c++) {
		int	 k = count[(unsigned char)alphabet[c]];

		assert_in_range(k, 800, 1200);
		if (c < 8)
			first += k;
		else
			rest += k;
	}
	/* Eight characters against 23: 8,000 and 23,000 expected. */
	assert_in_range(first, 7600, 8400);
	assert_int_equal(first + rest, 31000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(length_and_alphabet),
		cmocka_unit_test(every_character_equally_likely),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
