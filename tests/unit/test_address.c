/*
 * Address normalisation and matching on a table of the spellings clerks,
 * registers and the cadastre use for the same door.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/address.h"

static const struct {
	const char	*in, *dug, *name, *key, *esp, *interno, *scala;
	int		 number;
} cases[] = {
	{"VIA ROMA 12/A", "VIA", "ROMA", "ROMA", "A", "", "", 12},
	{"via Roma, 12 a", "VIA", "ROMA", "ROMA", "A", "", "", 12},
	{"V. Roma 12A", "VIA", "ROMA", "ROMA", "A", "", "", 12},
	{"Via Roma n. 12/a", "VIA", "ROMA", "ROMA", "A", "", "", 12},
	{"Via Roma n° 12", "VIA", "ROMA", "ROMA", "", "", "", 12},
	{"VIA ROMA 12BIS", "VIA", "ROMA", "ROMA", "BIS", "", "", 12},
	{"via roma 12 bis", "VIA", "ROMA", "ROMA", "BIS", "", "", 12},
	{"Via Roma 12/3", "VIA", "ROMA", "ROMA", "3", "", "", 12},
	{"V.LE DELLA REPUBBLICA 280 int. 3 sc. B", "VIALE", "DELLA REPUBBLICA",
	    "REPUBBLICA", "", "3", "B", 280},
	{"Viale della Repubblica, 280 interno 3 scala B", "VIALE",
	    "DELLA REPUBBLICA", "REPUBBLICA", "", "3", "B", 280},
	{"P.ZZA DEL DUOMO 4", "PIAZZA", "DEL DUOMO", "DUOMO", "", "", "", 4},
	{"P.za Duomo 4", "PIAZZA", "DUOMO", "DUOMO", "", "", "", 4},
	{"piazza del Comune", "PIAZZA", "DEL COMUNE", "COMUNE", "", "", "", 0},
	{"Via 1 Maggio", "VIA", "1 MAGGIO", "1 MAGGIO", "", "", "", 0},
	{"Via 1 Maggio 5", "VIA", "1 MAGGIO", "1 MAGGIO", "", "", "", 5},
	{"Via XX Settembre 33 R", "VIA", "XX SETTEMBRE", "XX SETTEMBRE", "R",
	    "", "", 33},
	{"Via Pistoiese 000031", "VIA", "PISTOIESE", "PISTOIESE", "", "", "",
	    31},
	{"C.so Mazzoni 7", "CORSO", "MAZZONI", "MAZZONI", "", "", "", 7},
	{"Loc. Figline 2", "LOCALITA", "FIGLINE", "FIGLINE", "", "", "", 2},
	{"Viuzzo delle Pozza 10", "VIUZZO", "DELLE POZZA", "POZZA", "", "", "",
	    10},
	{"Via Frà Bartolomeo 5", "VIA", "FRA BARTOLOMEO", "FRA BARTOLOMEO",
	    "", "", "", 5},
	{"Via dell'Orto 3", "VIA", "DELL ORTO", "DELL ORTO", "", "", "", 3},
	{"Via Cavour", "VIA", "CAVOUR", "CAVOUR", "", "", "", 0},
	{"Roma 12", "", "ROMA", "ROMA", "", "", "", 12},
	{"", "", "", "", "", "", "", 0},
	{"VIA", "", "VIA", "VIA", "", "", "", 0},
	{NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0}
};

static void
spellings(void **state)
{
	struct address a;

	for (int i = 0; cases[i].in != NULL; i++) {
		address_parse(cases[i].in, &a);
		if (strcmp(a.dug, cases[i].dug) || strcmp(a.name, cases[i].name) ||
		    strcmp(a.street_key, cases[i].key) ||
		    strcmp(a.esponente, cases[i].esp) ||
		    strcmp(a.interno, cases[i].interno) ||
		    strcmp(a.scala, cases[i].scala) || a.number != cases[i].number)
			fail_msg("%s: got dug=%s name=%s key=%s n=%d esp=%s int=%s "
			    "sc=%s", cases[i].in, a.dug, a.name, a.street_key,
			    a.number, a.esponente, a.interno, a.scala);
	}
}

static void
house_numbers(void **state)
{
	char	 e[ADDRESS_PART_MAX];
	int	 n;

	address_house_number("000031", &n, e);
	assert_int_equal(n, 31);
	assert_string_equal(e, "");
	address_house_number("12/A", &n, e);
	assert_int_equal(n, 12);
	assert_string_equal(e, "A");
	address_house_number("12 bis", &n, e);
	assert_int_equal(n, 12);
	assert_string_equal(e, "BIS");
	address_house_number("SNC", &n, e);
	assert_int_equal(n, 0);
	address_house_number("", &n, e);
	assert_int_equal(n, 0);
}

static void
parts_and_format(void **state)
{
	struct address	 a;
	char		 k[ADDRESS_KEY_MAX];

	address_parse_parts("VIA ROMA", "12", "a", "3", "", &a);
	assert_int_equal(a.number, 12);
	assert_string_equal(a.esponente, "A");
	assert_string_equal(a.interno, "3");
	address_format(&a, k);
	assert_string_equal(k, "VIA ROMA 12/A");
	address_parse_parts("Piazza San Marco", "4", "", "", "", &a);
	address_format(&a, k);
	assert_string_equal(k, "PIAZZA SAN MARCO 4");
	assert_string_equal(address_toponimo(236), "VIA");
	assert_string_equal(address_toponimo(130), "PIAZZA");
	assert_string_equal(address_toponimo(9999), "");
}

/*
 * Matching quality: every spelling of one door scores higher against that
 * door than against its neighbours.
 */
static void
matching(void **state)
{
	static const char *const same[] = {"VIA ROMA 12/A", "v. roma 12a",
	    "Via Roma n. 12 a", "via roma 12 A int 2", NULL};
	static const char *const others[] = {"VIA ROMA 12", "VIA ROMA 14/A",
	    "VIALE ROMA 12/A", "VIA ROMAGNA 12/A", "VIA ROMOLO 12/A", NULL};
	struct address door, q, o;

	address_parse("VIA ROMA 12/A", &door);
	for (int i = 0; same[i]; i++) {
		int s;

		address_parse(same[i], &q);
		s = address_score(&q, &door);
		assert_true(s >= 90);
		for (int k = 0; others[k]; k++) {
			address_parse(others[k], &o);
			if (address_score(&q, &o) >= s)
				fail_msg("%s: %s scores %d, the door %d", same[i],
				    others[k], address_score(&q, &o), s);
		}
	}
	/* Without a DUG, VIA and VIALE ROMA are equally good. */
	address_parse("ROMA 12A", &q);
	assert_int_equal(address_score(&q, &door), 100);
	/* Articles do not matter; a typed prefix of the last word does. */
	address_parse("viale repubblica 280", &q);
	address_parse("VIALE DELLA REPUBBLICA 280", &o);
	assert_int_equal(address_score(&q, &o), 100);
	address_parse("viale della repub", &q);
	assert_true(address_score(&q, &o) >= 80);
	address_parse("via garibaldi 3", &q);
	assert_true(address_score(&q, &o) < 50);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spellings),
		cmocka_unit_test(house_numbers),
		cmocka_unit_test(parts_and_format),
		cmocka_unit_test(matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
