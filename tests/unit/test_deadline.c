/* Deadlines: calendar days, stopped clocks, holidays (L. 241/1990 art. 2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/clock.h"
#include "domain/date.h"
#include "domain/numerals.h"
#include "domain/deadline.h"

static int
D(const char *s)
{
	int d = 0;

	assert_true(date_parse(s, &d));
	return d;
}

static struct deadline_rules prato = {
	.term_days = 15, .risk_days = {10, 13}, .nrisk = 2,
	.patron_month = 12, .patron_day = 26,
};

static void
dates_and_easter(void **state)
{
	char s[DATE_STRLEN];
	int d;

	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("01/01/1970"), 0);
	assert_false(date_parse("2023-02-29", &d));
	assert_true(date_parse("2024-02-29", &d));
	assert_false(date_parse("2026-04-31", &d));
	assert_false(date_parse("2026-4-1", &d));
	date_format(D("2026-11-27"), s);
	assert_string_equal(s, "2026-11-27");
	date_format(date_easter(2026), s);
	assert_string_equal(s, "2026-04-05");
	date_format(date_easter(2027), s);
	assert_string_equal(s, "2027-03-28");
	date_format(date_easter(2025), s);
	assert_string_equal(s, "2025-04-20");
	assert_int_equal(date_weekday(D("2026-11-27")), 4);	/* Friday */
}

static void
holidays(void **state)
{
	assert_true(deadline_is_holiday(&prato, D("2026-12-25")));
	assert_true(deadline_is_holiday(&prato, D("2026-12-26")));
	assert_true(deadline_is_holiday(&prato, D("2026-04-06")));	/* Pasquetta */
	assert_false(deadline_is_holiday(&prato, D("2026-04-07")));
	assert_true(deadline_is_holiday(&prato, D("2026-06-02")));
	assert_true(deadline_is_holiday(&prato, D("2026-10-04")));
	assert_false(deadline_is_holiday(&prato, D("2025-10-03")));
	assert_true(deadline_is_holiday(&prato, D("2026-11-29")));	/* Sunday */
	assert_false(deadline_is_holiday(&prato, D("2026-11-28")));	/* Saturday */
	{
		struct deadline_rules r = prato;

		r.saturday_closed = true;
		assert_true(deadline_is_holiday(&r, D("2026-11-28")));
	}
}

static void
plain_term(void **state)
{
	struct deadline_state st;
	char s[DATE_STRLEN];

	/* Received Thu 5 Nov 2026: day 15 is Fri 20 Nov. */
	deadline_compute(&prato, D("2026-11-05"), NULL, 0, D("2026-11-05"), &st);
	date_format(st.due, s);
	assert_string_equal(s, "2026-11-20");
	assert_int_equal(st.days_left, 15);
	assert_int_equal(st.risk, DEADLINE_OK);
}

static void
deadline_on_sunday_moves_to_monday(void **state)
{
	struct deadline_state st;
	char s[DATE_STRLEN];

	/* Received 14 Nov 2026 (Sat): 29 Nov is a Sunday, so 30 Nov. */
	deadline_compute(&prato, D("2026-11-14"), NULL, 0, D("2026-11-14"), &st);
	date_format(st.due, s);
	assert_string_equal(s, "2026-11-30");
}

static void
deadline_over_christmas(void **state)
{
	struct deadline_state st;
	char s[DATE_STRLEN];

	/* 10 Dec + 15 = 25 Dec (holiday), 26 Dec (Santo Stefano, patron),
	 * 27 Dec (Sunday): the first working day is 28 Dec. */
	deadline_compute(&prato, D("2026-12-10"), NULL, 0, D("2026-12-10"), &st);
	date_format(st.due, s);
	assert_string_equal(s, "2026-12-28");
}

static void
suspension_moves_the_deadline(void **state)
{
	struct deadline_stop stops[] = {
		{D("2026-11-10"), D("2026-11-17")},	/* 7 days stopped */
	};
	struct deadline_state st;
	char s[DATE_STRLEN];

	deadline_compute(&prato, D("2026-11-05"), stops, 1, D("2026-11-18"), &st);
	date_format(st.due, s);
	assert_string_equal(s, "2026-11-27");	/* 20 Nov + 7 */
	assert_int_equal(st.stopped, 7);
	assert_int_equal(st.elapsed, 6);	/* 13 days minus 7 */
	assert_true(st.running);
}

static void
open_suspension_pauses(void **state)
{
	struct deadline_stop stops[] = {{D("2026-11-10"), -1}};
	struct deadline_state st;
	char s[DATE_STRLEN];

	deadline_compute(&prato, D("2026-11-05"), stops, 1, D("2026-11-12"), &st);
	assert_false(st.running);
	assert_int_equal(st.risk, DEADLINE_PAUSED);
	assert_int_equal(st.elapsed, 5);
	date_format(st.due, s);
	assert_string_equal(s, "2026-11-23");	/* 20 Nov + 2, 22 is Sunday */
}

static void
two_stops_and_bad_lists(void **state)
{
	struct deadline_stop ok[] = {
		{D("2026-11-06"), D("2026-11-08")},
		{D("2026-11-09"), D("2026-11-12")},
	};
	struct deadline_stop overlap[] = {
		{D("2026-11-06"), D("2026-11-10")},
		{D("2026-11-09"), D("2026-11-12")},
	};
	struct deadline_stop early_open[] = {
		{D("2026-11-06"), -1}, {D("2026-11-09"), D("2026-11-12")},
	};
	struct deadline_state st;

	assert_int_equal(deadline_compute(&prato, D("2026-11-05"), ok, 2,
	    D("2026-11-12"), &st), 0);
	assert_int_equal(st.stopped, 5);
	assert_int_equal(deadline_compute(&prato, D("2026-11-05"), overlap, 2,
	    D("2026-11-12"), &st), -1);
	assert_int_equal(deadline_compute(&prato, D("2026-11-05"), early_open,
	    2, D("2026-11-12"), &st), -1);
}

static void
risk_days_both_sides(void **state)
{
	struct deadline_state st;
	int start = D("2026-11-02");

	deadline_compute(&prato, start, NULL, 0, start + 9, &st);
	assert_int_equal(st.risk, DEADLINE_OK);
	deadline_compute(&prato, start, NULL, 0, start + 10, &st);
	assert_int_equal(st.risk, DEADLINE_WARNING);
	deadline_compute(&prato, start, NULL, 0, start + 12, &st);
	assert_int_equal(st.risk, DEADLINE_WARNING);
	deadline_compute(&prato, start, NULL, 0, start + 13, &st);
	assert_int_equal(st.risk, DEADLINE_CRITICAL);
	deadline_compute(&prato, start, NULL, 0, start + 15, &st);
	assert_int_equal(st.risk, DEADLINE_CRITICAL);
	deadline_compute(&prato, start, NULL, 0, start + 16, &st);
	assert_int_equal(st.risk, DEADLINE_OVERDUE);
}

static void
risk_config_parsing(void **state)
{
	struct deadline_rules r = {0};

	assert_int_equal(deadline_rules_parse_risk(&r, "10,13"), 0);
	assert_int_equal(r.nrisk, 2);
	assert_int_equal(r.risk_days[1], 13);
	assert_int_equal(deadline_rules_parse_risk(&r, "13,10"), -1);
	assert_int_equal(deadline_rules_parse_risk(&r, "10,x"), -1);
	assert_int_equal(deadline_rules_parse_risk(&r, "1,2,3,4,5"), -1);
	assert_int_equal(deadline_rules_parse_risk(&r, ""), 0);
	assert_int_equal(r.nrisk, 0);
}

/* A day as each language writes it on the citizen's pages. */
static void
dates_in_each_language(void **state)
{
	char	 out[DATE_LANG_STRLEN];
	int	 day;

	(void)state;
	assert_true(date_parse("2026-11-02", &day));
	date_format_lang(day, "it", out);
	assert_string_equal(out, "02/11/2026");
	date_format_lang(day, "ro", out);
	assert_string_equal(out, "02.11.2026");
	date_format_lang(day, "zh", out);
	assert_string_equal(out, "2026年11月2日");
	date_format_lang(day, "ar", out);
	assert_string_equal(out, "٠٢/١١/٢٠٢٦");
	date_format_lang(day, "bn", out);
	assert_string_equal(out, "০২/১১/২০২৬");
	date_format_lang(day, NULL, out);
	assert_string_equal(out, "02/11/2026");
}

/* The eligibility's numbers on the citizen's pages (CLDR separators). */
static void
numbers_in_each_language(void **state)
{
	const char	*line = "Camera: 14,50 m² ≥ 14 m², 1/8 (DM 5/7/1975)";
	char		 out[128];

	(void)state;
	numerals_local("it", line, out, sizeof(out));
	assert_string_equal(out, line);
	numerals_local("fr", line, out, sizeof(out));
	assert_string_equal(out, line);
	numerals_local("en", line, out, sizeof(out));
	assert_string_equal(out, "Camera: 14.50 m² ≥ 14 m², 1/8 (DM 5/7/1975)");
	numerals_local("zh", "面积 30,00 平方米", out, sizeof(out));
	assert_string_equal(out, "面积 30.00 平方米");
	numerals_local("ar", "14,50 م², 2", out, sizeof(out));
	assert_string_equal(out, "١٤٫٥٠ م², ٢");
	numerals_local("bn", "14,50", out, sizeof(out));
	assert_string_equal(out, "১৪.৫০");
	/* Cut short rather than overflow, and never in a character. */
	numerals_local("ar", "123456", out, 7);
	assert_string_equal(out, "١٢٣");
}

/* Rome's midnights around the changes of the clocks (Europe/Rome). */
static void
rome_days_across_daylight_saving(void **state)
{
	static const struct { const char *day, *starts; } t[] = {
		{"2026-03-28", "2026-03-27T23:00:00Z"},
		{"2026-03-29", "2026-03-28T23:00:00Z"},	/* 23 hours long */
		{"2026-03-30", "2026-03-29T22:00:00Z"},
		{"2026-10-25", "2026-10-24T22:00:00Z"},	/* 25 hours long */
		{"2026-10-26", "2026-10-25T23:00:00Z"},
	};
	char	 utc[CLOCK_STRLEN];
	int	 day;

	(void)state;
	setenv("TZ", "Europe/Rome", 1);
	tzset();
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_true(date_parse(t[i].day, &day));
		clock_utc(clock_day_start(day), utc);
		assert_string_equal(utc, t[i].starts);
		assert_int_equal(clock_day_of(clock_day_start(day)), day);
		assert_int_equal(clock_day_of(clock_day_start(day) - 1),
		    day - 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_each_language),
		cmocka_unit_test(numbers_in_each_language),
		cmocka_unit_test(rome_days_across_daylight_saving),
		cmocka_unit_test(dates_and_easter),
		cmocka_unit_test(holidays),
		cmocka_unit_test(plain_term),
		cmocka_unit_test(deadline_on_sunday_moves_to_monday),
		cmocka_unit_test(deadline_over_christmas),
		cmocka_unit_test(suspension_moves_the_deadline),
		cmocka_unit_test(open_suspension_pauses),
		cmocka_unit_test(two_stops_and_bad_lists),
		cmocka_unit_test(risk_days_both_sides),
		cmocka_unit_test(risk_config_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
