/*
 * The FAB line parser on the real and synthetic lines of
 * shared/reference/formats.md §1.5 and on every rejection listed there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/fab.h"

static enum fab_error
parse(const char *text, struct fab_record *r)
{
	char	 line[FAB_LINE_MAX + 16];

	snprintf(line, sizeof(line), "%s", text);
	return fab_parse(line, r);
}

/* Real type-1 lines of comune L706 (amefad/QGIS_import_catasto). */
static void
real_type1(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("L706| |1009007|F|1|1||A02|01|11||1760000|"
	    "908,96||||||S1|T|0001||09011988|05101998|V|000697|000|1988||||||"
	    "|0000860|P. 698/88|1108197||||VAR|AMPLIAMEN,|||", &r), FAB_OK);
	assert_string_equal(r.comune, "L706");
	assert_string_equal(r.sezione, "");
	assert_int_equal(r.immobile, 1009007);
	assert_int_equal(r.progressivo, 1);
	assert_int_equal(r.type, 1);
	assert_string_equal(r.category, "A/2");
	assert_true(fab_residential(r.category));
	assert_string_equal(r.classe, "01");
	assert_int_equal(r.consistenza, 1100);
	assert_int_equal(r.measure, FAB_MEASURE_VANI);
	assert_int_equal(r.superficie, -1);
	assert_int_equal(r.rendita_cents, 90896);
	assert_string_equal(r.piano[0], "S1");
	assert_string_equal(r.piano[1], "T");
	assert_string_equal(r.piano[2], "0001");
	assert_string_equal(r.opened_on, "1988-01-09");
	assert_false(r.closed);
	assert_string_equal(r.partita, "0000860");
	assert_string_equal(r.annotazione, "P. 698/88");
	assert_string_equal(r.flag_classamento, "");

	assert_int_equal(parse("L706| |1009015|F|2|1||C02|01|103|103|267800|"
	    "138,31||||||T||||19012001|19012001|V|000607|001|2001|||||||||"
	    "1464349||||VCL|VARIAZIONE DI CLASSAMENTO|||5", &r), FAB_OK);
	assert_string_equal(r.category, "C/2");
	assert_false(fab_residential(r.category));
	assert_int_equal(r.consistenza, 10300);
	assert_int_equal(r.measure, FAB_MEASURE_M2);
	assert_int_equal(r.superficie, 103);
	assert_int_equal(r.rendita_cents, 13831);
	assert_string_equal(r.flag_classamento, "5");
}

/* Synthetic lines of catasto-ingest (conftest.py, "dati sintetici"). */
static void
synthetic(void **state)
{
	struct fab_record r;

	/* Type 1 with a trailing '|': 46 items. */
	assert_int_equal(parse("H501| |5810000|F|3|1|006|A02|06|6,5|141||"
	    "1057,45||||1||T-1||||27012020|28012020|V|045227|001|2020|||||||||"
	    "341274286||||VAR|QUESTA VIENE CONSIDERATA UNA SIMULAZIONE|||1|",
	    &r), FAB_OK);
	assert_int_equal(r.consistenza, 650);
	assert_int_equal(r.superficie, 141);
	assert_int_equal(r.rendita_cents, 105745);
	assert_string_equal(r.zona, "006");
	assert_string_equal(r.interno[0], "1");
	assert_string_equal(r.flag_classamento, "1");

	/* Type 2: foglio, particella and subalterno lose their zeros. */
	assert_int_equal(parse("H501| |351073|F|1|2||0142|00101||0004||", &r),
	    FAB_OK);
	assert_int_equal(r.type, 2);
	assert_int_equal(r.n_idents, 1);
	assert_string_equal(r.idents[0].foglio, "142");
	assert_string_equal(r.idents[0].particella, "101");
	assert_string_equal(r.idents[0].subalterno, "4");
	/* The same without the trailing '|'. */
	assert_int_equal(parse("H501| |351073|F|1|2||0142|00101||0004|", &r),
	    FAB_OK);
	assert_int_equal(r.n_idents, 1);

	/* Type 3: toponimo 236 = VIA. */
	assert_int_equal(parse("H501| |4326|F|3|3|236|MARIO ROSSI|73|||603|",
	    &r), FAB_OK);
	assert_int_equal(r.n_addresses, 1);
	assert_int_equal(r.addresses[0].toponimo, 236);
	assert_string_equal(r.addresses[0].street, "MARIO ROSSI");
	assert_string_equal(r.addresses[0].civico[0], "73");
	assert_int_equal(r.addresses[0].codice_strada, 603);

	/* Type 4 with two groups, type 5 with one. */
	assert_int_equal(parse("H501| |173704|F|2|4||0391|00329||||0391|00578"
	    "|||", &r), FAB_OK);
	assert_int_equal(r.n_groups, 2);
	assert_int_equal(parse("H501| |3675191|F|4|5|5||", &r), FAB_OK);
	assert_int_equal(r.n_groups, 1);
}

/* Rebuilt real lines: sezione urbana, zero-padded civico. */
static void
rebuilt(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("L706| |1009007|F|1|2|A|0001|00073||0003||", &r),
	    FAB_OK);
	assert_string_equal(r.idents[0].sezione_urbana, "A");
	assert_string_equal(r.idents[0].foglio, "1");
	assert_string_equal(r.idents[0].particella, "73");
	assert_string_equal(r.idents[0].subalterno, "3");
	assert_int_equal(parse("L706| |1009007|F|1|3|236|CAL DEL MONTE|000031"
	    "|||18|", &r), FAB_OK);
	assert_string_equal(r.addresses[0].civico[0], "31");
	assert_int_equal(r.addresses[0].codice_strada, 18);
}

/* Units merged together: several identifier groups in one record. */
static void
merged(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("G999| |77|F|1|2||0012|00345||0002||"
	    "|0012|00345||0003||", &r), FAB_OK);
	assert_int_equal(r.n_idents, 2);
	assert_string_equal(r.idents[0].subalterno, "2");
	assert_string_equal(r.idents[1].subalterno, "3");
	/* Eleven groups are one more than the layout allows. */
	{
		char	 line[1024];
		int	 n = snprintf(line, sizeof(line), "G999| |77|F|1|2");

		for (int i = 0; i < 11; i++)
			n += snprintf(line + n, sizeof(line) - (size_t)n,
			    "||0012|00345||0002|");
		assert_int_equal(parse(line, &r), FAB_FIELD_COUNT);
	}
}

/* A closed situation: the atto conclusivo (fields 29-34) is filled. */
static void
historical(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("G999| |88|F|1|1||A03|02|5|80|1000|300,00||||"
	    "||1||||01012000|02012000|V|000001|001|2000|01012010|02012010|V|"
	    "000002|001|2010||||||VAR|X|VAR|Y|1", &r), FAB_OK);
	assert_true(r.closed);
	assert_string_equal(r.closed_on, "2010-01-01");
}

/* Backtick accents and apostrophes; Latin-1 bytes become UTF-8. */
static void
accents(void **state)
{
	char	 out[64];

	fab_text("SOCIETA`", 8, out, sizeof(out));
	assert_string_equal(out, "SOCIETÀ");
	fab_text("D`UFFICIO", 9, out, sizeof(out));
	assert_string_equal(out, "D'UFFICIO");
	fab_text("QUALITA` E PERCHE` NO", 21, out, sizeof(out));
	assert_string_equal(out, "QUALITÀ E PERCHÈ NO");
	fab_text("CAFF\xc8", 5, out, sizeof(out));
	assert_string_equal(out, "CAFFÈ");
	fab_text("CAFFÈ", strlen("CAFFÈ"), out, sizeof(out));
	assert_string_equal(out, "CAFFÈ");
	/* Cut at a character boundary when the room runs out. */
	fab_text("AAAA`", 5, out, 5);
	assert_string_equal(out, "AAA");
}

static void
categories(void **state)
{
	static const char *const yes[] = {"A/1", "A/2", "A/9", "A/11", NULL};
	static const char *const no[] = {"A/10", "B/1", "C/2", "C/6", "D/8",
	    "F/2", "", NULL};
	struct fab_record r;

	for (int i = 0; yes[i]; i++)
		assert_true(fab_residential(yes[i]));
	for (int i = 0; no[i]; i++)
		assert_false(fab_residential(no[i]));
	assert_int_equal(parse("G999| |1|F|1|1||A10|1|5||||||||||||||||||||||"
	    "||||||||||||||", &r), FAB_OK);
	assert_string_equal(r.category, "A/10");
	/* D units have no consistenza. */
	assert_int_equal(parse("G999| |1|F|1|1||D08|||||42787||||||||||||||||"
	    "||||||||||||||||", &r), FAB_OK);
	assert_string_equal(r.category, "D/8");
	assert_int_equal(r.measure, FAB_MEASURE_NONE);
	assert_int_equal(r.rendita_cents, 4278700);
}

/* Every rejection of formats.md §1.5, and the parser's own. */
static void
rejections(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("HG01| |581A000|G|d|1|", &r), FAB_COMUNE);
	assert_int_equal(r.bad_field, 1);
	assert_int_equal(parse("H501| |581A000|G|d|1|", &r), FAB_IMMOBILE);
	assert_int_equal(r.bad_field, 3);
	assert_int_equal(parse("H501| |581000|G|d|1|", &r), FAB_TIPO);
	assert_int_equal(parse("H501| |581000|F|d|1|", &r), FAB_PROGRESSIVO);
	assert_int_equal(parse("H501| |581000|F|1|7|", &r), FAB_RECORD_TYPE);
	assert_int_equal(parse("H501| |4326|F|3|3|2363|MARIO ROSSI|73|||603|",
	    &r), FAB_LENGTH);
	assert_int_equal(r.bad_field, 7);
	assert_int_equal(parse("H501| |173704|F|2|4||0391|00329||||0391|00689"
	    "||11111|", &r), FAB_LENGTH);
	assert_int_equal(r.bad_field, 16);	/* the second subalterno */
	assert_int_equal(parse("H501| |3675191|F|4|5|5|1234567890|", &r),
	    FAB_LENGTH);
	assert_int_equal(parse("H501| |351073|F|1|2||0142|00101||0004|E|", &r),
	    FAB_EDIFICIALITA);
	assert_int_equal(parse("H501| |351073|F|1|2||0142|.0101||0004|E|", &r),
	    FAB_OK);
	assert_int_equal(parse("", &r), FAB_EMPTY);
	assert_int_equal(parse("   ", &r), FAB_EMPTY);
	assert_int_equal(parse("this is not a cadastral file", &r),
	    FAB_FIELD_COUNT);
	assert_int_equal(parse("id;name;surname", &r), FAB_FIELD_COUNT);
	/* Type 1 with too few fields, a bad category, date, number. */
	assert_int_equal(parse("G999| |1|F|1|1||A02|1|5", &r), FAB_FIELD_COUNT);
	assert_int_equal(parse("G999| |1|F|1|1||A2X|1|5||||||||||||||||||||||"
	    "||||||||||||||", &r), FAB_CATEGORY);
	assert_int_equal(parse("G999| |1|F|1|1||A00|1|5||||||||||||||||||||||"
	    "||||||||||||||", &r), FAB_CATEGORY);
	assert_int_equal(parse("G999| |1|F|1|1||A02|1|5,5,5|||||||||||||||||||"
	    "|||||||||||||||||", &r), FAB_NUMBER);
	assert_int_equal(r.bad_field, 10);
	assert_int_equal(parse("G999| |1|F|1|1||A02|1|5|||||||||||||31022000||"
	    "|||||||||||||||||||||", &r), FAB_DATE);
	assert_int_equal(r.bad_field, 23);
	assert_int_equal(parse("G999| |1|F|1|1||A02|1|5|||1,234||||||||||||"
	    "||||||||||||||||||||", &r), FAB_NUMBER);
	/* Type 2 with a group cut short, no foglio. */
	assert_int_equal(parse("G999| |1|F|1|2||0012|00345", &r),
	    FAB_FIELD_COUNT);
	assert_int_equal(parse("G999| |1|F|1|2||||||", &r), FAB_NUMBER);
	/* A control character. */
	assert_int_equal(parse("G999| |1|F|1|5|5|\x01|", &r), FAB_BYTES);
	/* Every message names the problem. */
	for (int i = 1; i < FAB__MAX; i++)
		assert_true(strlen(fab_messages[i]) > 5);
}

/* Windows line ends are stripped by the reader; a stray CR is refused. */
static void
line_ends(void **state)
{
	struct fab_record r;

	assert_int_equal(parse("H501| |3675191|F|4|5|5||\r", &r), FAB_BYTES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_type1),
		cmocka_unit_test(synthetic),
		cmocka_unit_test(rebuilt),
		cmocka_unit_test(merged),
		cmocka_unit_test(historical),
		cmocka_unit_test(accents),
		cmocka_unit_test(categories),
		cmocka_unit_test(rejections),
		cmocka_unit_test(line_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
