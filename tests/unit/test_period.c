/*
 * A period cut into whole months and its ends (domain/period.c): months
 * of 28 to 31 days, a leap February, a year's turn, and periods that hold
 * no whole month.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "domain/date.h"
#include "domain/period.h"

static int
day(const char *s)
{
	int	 d = -1;

	assert_true(date_parse(s, &d));
	return d;
}

/* Checks the cut of from..to against its months and ends ("" for none). */
static void
check(const char *from, const char *to, const char *m0, const char *m1,
    const char *e0a, const char *e0b, const char *e1a, const char *e1b)
{
	struct period_cut	 c;
	size_t			 n = (*e0a != '\0') + (*e1a != '\0');
	size_t			 k = 0;

	assert_true(period_cut(day(from), day(to), &c));
	assert_int_equal(c.first_month, day(m0));
	assert_int_equal(c.last_month, day(m1));
	assert_int_equal(c.nends, n);
	if (*e0a != '\0') {
		assert_int_equal(c.ends[k][0], day(e0a));
		assert_int_equal(c.ends[k++][1], day(e0b));
	}
	if (*e1a != '\0') {
		assert_int_equal(c.ends[k][0], day(e1a));
		assert_int_equal(c.ends[k][1], day(e1b));
	}
}

static void
cuts(void **state)
{
	(void)state;
	/* Whole months alone. */
	check("2026-01-01", "2026-02-28", "2026-01-01", "2026-02-28", "", "",
	    "", "");
	check("2024-02-01", "2024-02-29", "2024-02-01", "2024-02-29", "", "",
	    "", "");
	/* The dashboard's last twelve months: two ends. */
	check("2025-12-06", "2026-12-06", "2026-01-01", "2026-11-30",
	    "2025-12-06", "2025-12-31", "2026-12-01", "2026-12-06");
	/* One end each. */
	check("2026-01-15", "2026-03-31", "2026-02-01", "2026-03-31",
	    "2026-01-15", "2026-01-31", "", "");
	check("2026-01-01", "2026-03-30", "2026-01-01", "2026-02-28", "", "",
	    "2026-03-01", "2026-03-30");
	/* February of a leap year ends on the 29th, not the 28th. */
	check("2024-01-10", "2024-02-29", "2024-02-01", "2024-02-29",
	    "2024-01-10", "2024-01-31", "", "");
	check("2023-02-01", "2023-02-28", "2023-02-01", "2023-02-28", "", "",
	    "", "");
	/* Across the year's turn. */
	check("2025-11-15", "2026-01-31", "2025-12-01", "2026-01-31",
	    "2025-11-15", "2025-11-30", "", "");
}

static void
no_whole_month(void **state)
{
	struct period_cut c = {.nends = 7};

	(void)state;
	assert_false(period_cut(day("2026-01-02"), day("2026-01-31"), &c));
	assert_false(period_cut(day("2024-01-10"), day("2024-02-28"), &c));
	assert_false(period_cut(day("2026-01-15"), day("2026-02-14"), &c));
	assert_false(period_cut(day("2026-03-01"), day("2026-02-28"), &c));
	assert_int_equal(c.nends, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cuts),
		cmocka_unit_test(no_whole_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
