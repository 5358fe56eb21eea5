/* Search keys: accents, case, spaces and other scripts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/search.h"

static void
keys(void **state)
{
	char k[SEARCH_KEY_MAX];

	search_key("Rossì  Mario", k);
	assert_string_equal(k, "ROSSI MARIO");
	search_key("  d'Angelo-Nuñez ", k);
	assert_string_equal(k, "D ANGELO NUNEZ");
	search_key("Hu Wei", k);
	assert_string_equal(k, "HU WEI");
	search_key("胡 伟", k);
	assert_string_equal(k, "胡 伟");
	search_key("Çelik Öztürk", k);
	assert_string_equal(k, "CELIK OZTURK");
	search_key("!!!", k);
	assert_string_equal(k, "");
}

static void
bounds(void **state)
{
	char u[SEARCH_KEY_MAX];

	assert_int_equal(search_upper_bound("ROSSI", u), 0);
	assert_string_equal(u, "ROSSJ");
	assert_int_equal(search_upper_bound("HU W", u), 0);
	assert_string_equal(u, "HU X");
	assert_int_equal(search_upper_bound("", u), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys),
		cmocka_unit_test(bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
