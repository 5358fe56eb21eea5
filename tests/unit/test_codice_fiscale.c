/* Codice fiscale vectors from shared/reference/formats.md §3.5. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/codice_fiscale.h"

static void
valid_public_vectors(void **state)
{
	static const char *const ok[] = {
		"CCCFBA85D03L219P", "BRNGNN71B26L219T", "GMBLSN84A05G674H",
		"MRTMRA83T56A269B", "PNLMHL79R27I158P", "QTRDRA71P13G388J",
		"TKKYKU87B68L219F", "RSSMRA50B17A558W", "RSSMRA68A01H501Y",
		"THDSDA95P08Z330H", "BLSLGS84C22Z145O", "HUXWEI90H55Z210H",
		"CHNLIX00A01Z210P", "HXHRBN85T31Z100Y", "PPSNAA92C45Z129H",
		"DPIMMD79R10Z343X", "BNCGLI04B69G999V",
	};
	char out[CF_LEN + 1];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(cf_validate(ok[i], out), CF_OK);
}

static void
omocodes_are_valid(void **state)
{
	static const char *const ok[] = {
		"CCCFBA85D03L21VE", "CCCFBA85D03L2MVP", "CCCFBA85D03LNMVE",
		"CCCFBA85D0PLNMVA", "CCCFBA85DLPLNMVL", "CCCFBA8RDLPLNMVX",
		"CCCFBAURDLPLNMVU",
	};
	char out[CF_LEN + 1];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(cf_validate(ok[i], out), CF_OK);
}

static void
normalises_case_and_spaces(void **state)
{
	char out[CF_LEN + 1];

	assert_int_equal(cf_validate("  cccfba85d03l219p ", out), CF_OK);
	assert_string_equal(out, "CCCFBA85D03L219P");
}

static void
invalid_vectors(void **state)
{
	char out[CF_LEN + 1];

	assert_int_equal(cf_validate("CCCFBA85D03L219B", out), CF_CHECK);
	assert_int_equal(cf_validate("CCCFBA85D03L219PP", out), CF_LENGTH);
	assert_int_equal(cf_validate("CCCFBA85D03L219", out), CF_LENGTH);
	assert_int_equal(cf_validate("CCCFBA85D00L219J", out), CF_DAY);
	assert_int_equal(cf_validate("CCCFBA85D99L219M", out), CF_DAY);
	assert_int_equal(cf_validate("CCCFBA85Z03L219P", out), CF_MONTH);
	assert_int_equal(cf_validate("MRIRSS73P01LH501", out), CF_SYNTAX);
	assert_int_equal(cf_validate("", out), CF_LENGTH);
}

static void
day_boundaries(void **state)
{
	/* Men 01-31, women 41-71: 31/32 and 41/40 and 71/72 on both sides,
	 * in January, which has 31 days. */
	char s[CF_LEN + 1] = "CCCFBA85A31L219?", out[CF_LEN + 1];
	static const struct { const char *day; enum cf_result r; } t[] = {
		{"31", CF_OK}, {"32", CF_DAY}, {"40", CF_DAY}, {"41", CF_OK},
		{"71", CF_OK}, {"72", CF_DAY}, {"01", CF_OK}, {"00", CF_DAY},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s[9] = t[i].day[0];
		s[10] = t[i].day[1];
		s[15] = cf_check_char(s);
		assert_int_equal(cf_validate(s, out), t[i].r);
	}
}

/* The date must be one of the calendar: no 31 April, 29 February only in
 * a year that may be a leap one (issue 19). */
static void
calendar_dates(void **state)
{
	static const struct {
		const char *first15;
		enum cf_result r;
	} t[] = {
		{"CCCFBA85D30L219", CF_OK},	/* 30 April */
		{"CCCFBA85D31L219", CF_DATE},	/* 31 April */
		{"CCCFBA85D71L219", CF_DATE},	/* a woman's 31 April */
		{"CCCFBA85H31L219", CF_DATE},	/* 31 June */
		{"CCCFBA85B28L219", CF_OK},	/* 28 February 1985 */
		{"CCCFBA85B29L219", CF_DATE},	/* 29 February 1985 */
		{"CCCFBA84B29L219", CF_OK},	/* 29 February 1984 */
		{"CCCFBA00B69L219", CF_OK},	/* 29 February 2000 */
		{"CCCFBA85T31L219", CF_OK},	/* 31 December */
		{"CCCFBA8RDPMLNMV", CF_DATE},	/* omocodia: 31 April */
	};
	char s[CF_LEN + 1], out[CF_LEN + 1];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memcpy(s, t[i].first15, 15);
		s[15] = cf_check_char(s);
		s[16] = '\0';
		assert_int_equal(cf_validate(s, out), t[i].r);
	}
}

/* The provisional code: 11 digits with a partita IVA's check digit. */
static void
provisional_numeric_codes(void **state)
{
	char out[CF_LEN + 1];

	assert_int_equal(cf_validate("06363391001", out), CF_OK);
	assert_string_equal(out, "06363391001");
	assert_int_equal(cf_validate(" 00000000000 ", out), CF_OK);
	assert_int_equal(cf_validate("06363391002", out), CF_CHECK);
	assert_int_equal(cf_validate("06363391O01", out), CF_SYNTAX);
	assert_int_equal(cf_validate("0636339100", out), CF_LENGTH);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_public_vectors),
		cmocka_unit_test(omocodes_are_valid),
		cmocka_unit_test(normalises_case_and_spaces),
		cmocka_unit_test(invalid_vectors),
		cmocka_unit_test(day_boundaries),
		cmocka_unit_test(calendar_dates),
		cmocka_unit_test(provisional_numeric_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
