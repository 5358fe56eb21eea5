/* The cadastre against the declaration: vani and floor area. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/unit_check.h"

static void
vani(void **state)
{
	const char *flat[] = {"living", "bedroom", "bedroom", "kitchen",
	    "bathroom", "corridor", "storage"};
	const char *studio[] = {"living", "kitchenette", "bathroom"};
	const char *odd[] = {"bedroom", "bathroom", "other"};

	/* 4 main rooms + 3 accessories × 1/3 = 5 vani. */
	assert_int_equal(unit_check_vani(flat, 7), 500);
	/* 1 + 2/3 = 1.67 → 1.5 vani. */
	assert_int_equal(unit_check_vani(studio, 3), 150);
	/* 1 + 1/3 = 1.33 → 1.5 (nearest half); "other" does not count. */
	assert_int_equal(unit_check_vani(odd, 3), 150);
	/* 4 + 4/3 = 5.33 → 5.5: a third from a half rounds to the half. */
	{
		const char *four[] = {"living", "bedroom", "bedroom", "kitchen",
		    "bathroom", "wc", "corridor", "storage"};

		assert_int_equal(unit_check_vani(four, 8), 550);
	}
	assert_int_equal(unit_check_vani(NULL, 0), 0);
}

static void
rooms(void **state)
{
	assert_int_equal(unit_check_rooms(500, 500), UNIT_CHECK_OK);
	assert_int_equal(unit_check_rooms(500, 400), UNIT_CHECK_OK);
	assert_int_equal(unit_check_rooms(500, 600), UNIT_CHECK_OK);
	assert_int_equal(unit_check_rooms(500, 350), UNIT_CHECK_WARN);
	assert_int_equal(unit_check_rooms(500, 650), UNIT_CHECK_WARN);
}

static void
area(void **state)
{
	int	 dev;

	/* 100 m² gross, 80 m² net: 20% smaller, inside 25%. */
	assert_int_equal(unit_check_area(100, 8000, 25, &dev), UNIT_CHECK_OK);
	assert_int_equal(dev, 20);
	/* Exactly at the tolerance is still inside. */
	assert_int_equal(unit_check_area(100, 7500, 25, &dev), UNIT_CHECK_OK);
	assert_int_equal(dev, 25);
	assert_int_equal(unit_check_area(100, 7449, 25, &dev), UNIT_CHECK_WARN);
	assert_int_equal(dev, 26);
	/* Larger than the gross area: always shown. */
	assert_int_equal(unit_check_area(100, 10001, 25, &dev), UNIT_CHECK_WARN);
	assert_int_equal(dev, 0);
	assert_int_equal(unit_check_area(100, 12000, 25, &dev), UNIT_CHECK_WARN);
	assert_int_equal(dev, -20);
	/* No superficie in the cadastre: nothing to compare. */
	assert_int_equal(unit_check_area(0, 5000, 25, &dev), UNIT_CHECK_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vani),
		cmocka_unit_test(rooms),
		cmocka_unit_test(area),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
