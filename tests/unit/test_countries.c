/*
 * The countries of ISO 3166-1 with their Italian names and continents
 * (domain/countries.c): the whole list, and the names the counter types.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/countries.h"

/* Every country once, with a code, a name and one of five continents. */
static void
the_whole_list(void **state)
{
	size_t	 n = 0, per[CONTINENT__MAX] = {0};

	(void)state;
	for (const struct country *c = countries; c->code; c++, n++) {
		assert_int_equal(strlen(c->code), 2);
		assert_true(isupper((unsigned char)c->code[0]) &&
		    isupper((unsigned char)c->code[1]));
		assert_true(strlen(c->name) > 0);
		assert_true(c->continent < CONTINENT__MAX);
		per[c->continent]++;
		/* Unique: each code and each name finds this country. */
		assert_ptr_equal(country_by_code(c->code), c);
		assert_ptr_equal(country_by_name(c->name), c);
		if (c > countries)
			assert_true(strcmp(c[-1].code, c->code) < 0);
	}
	/* The 249 of ISO 3166-1, and Kosovo. */
	assert_int_equal(n, 250);
	for (int k = 0; k < CONTINENT__MAX; k++)
		assert_true(per[k] > 10);
	assert_string_equal(continent_names[CONTINENT_ASIA], "Asia");
}

static void
names_as_typed(void **state)
{
	static const struct { const char *typed, *code; int continent; } t[] = {
		{"Cina", "CN", CONTINENT_ASIA},
		{"  cina ", "CN", CONTINENT_ASIA},
		{"Perù", "PE", CONTINENT_AMERICA},
		{"PERU", "PE", CONTINENT_AMERICA},
		{"Costa d’Avorio", "CI", CONTINENT_AFRICA},
		{"costa d'avorio", "CI", CONTINENT_AFRICA},
		{"Repubblica Ceca", "CZ", CONTINENT_EUROPE},
		{"Stati Uniti d'America", "US", CONTINENT_AMERICA},
		{"Marocco", "MA", CONTINENT_AFRICA},
		{"Albania", "AL", CONTINENT_EUROPE},
		{"Kosovo", "XK", CONTINENT_EUROPE},
		{"Turchia", "TR", CONTINENT_ASIA},
		{"Australia", "AU", CONTINENT_OCEANIA},
		{"bd", "BD", CONTINENT_ASIA},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct country *c = country_by_name(t[i].typed);

		assert_non_null(c);
		assert_string_equal(c->code, t[i].code);
		assert_int_equal(c->continent, t[i].continent);
	}
	assert_null(country_by_name("Atlantide"));
	assert_null(country_by_name(""));
	assert_null(country_by_name(NULL));
	assert_null(country_by_code("ZZ"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_whole_list),
		cmocka_unit_test(names_as_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
