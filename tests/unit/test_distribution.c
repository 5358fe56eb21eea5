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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
