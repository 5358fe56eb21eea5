/*
 * The release times' summary (domain/distribution.c): the median of odd
 * and even counts, the 90th percentile by the nearest rank, the maximum.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "domain/distribution.h"

static void
summaries(void **state)
{
	int			 one[] = {16};
	int			 two[] = {16, 3};
	int			 ten[] = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
	int			 eleven[] = {30, 1, 1, 1, 1, 1, 1, 1, 1, 1, 15};
	struct distribution	 d;

	(void)state;
	distribution_of(one, 1, &d);
	assert_int_equal(d.count, 1);
	assert_true(d.median == 16.0);
	assert_int_equal(d.p90, 16);
	assert_int_equal(d.max, 16);
	distribution_of(two, 2, &d);
	assert_true(d.median == 9.5);
	assert_int_equal(d.p90, 16);
	/* Ten values 1..10: the 9th is the 90th percentile. */
	distribution_of(ten, 10, &d);
	assert_true(d.median == 5.5);
	assert_int_equal(d.p90, 9);
	assert_int_equal(d.max, 10);
	/* Eleven: ceil(9.9) = the 10th, 15. */
	distribution_of(eleven, 11, &d);
	assert_true(d.median == 1.0);
	assert_int_equal(d.p90, 15);
	assert_int_equal(d.max, 30);
	distribution_of(NULL, 0, &d);
	assert_int_equal(d.count, 0);
	assert_int_equal(d.max, 0);
}

/* The same figures from tallies, as a GROUP BY gives them, in any order
 * and with a value repeated across tallies; and against the plain list. */
static void
tallies(void **state)
{
	struct tally		 eleven[] = {{15, 1}, {1, 5}, {30, 1}, {1, 4}};
	struct tally		 two[] = {{16, 1}, {3, 1}};
	struct tally		 even[] = {{4, 2}, {9, 0}, {2, 2}};
	int			 many[1000];
	struct tally		 t[7] = {{0, 0}};
	struct distribution	 d, e;

	(void)state;
	distribution_of_tallies(eleven, 4, &d);
	assert_int_equal(d.count, 11);
	assert_true(d.median == 1.0);
	assert_int_equal(d.p90, 15);
	assert_int_equal(d.max, 30);
	distribution_of_tallies(two, 2, &d);
	assert_true(d.median == 9.5);
	assert_int_equal(d.p90, 16);
	/* 2 2 4 4: the median between the tallies, a zero count ignored. */
	distribution_of_tallies(even, 3, &d);
	assert_true(d.median == 3.0);
	assert_int_equal(d.max, 4);
	for (int i = 0; i < 1000; i++) {
		many[i] = (i * 37) % 7;
		t[many[i]].value = many[i];
		t[many[i]].count++;
	}
	distribution_of(many, 1000, &e);
	distribution_of_tallies(t, 7, &d);
	assert_int_equal(d.count, e.count);
	assert_true(d.median == e.median);
	assert_int_equal(d.p90, e.p90);
	assert_int_equal(d.max, e.max);
	distribution_of_tallies(NULL, 0, &d);
	assert_int_equal(d.count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summaries),
		cmocka_unit_test(tallies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
