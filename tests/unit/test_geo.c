/*
 * Great-circle distances and the nearest T-Serve points: known distances
 * (Prato's Piazza del Comune to its station, one degree of latitude), the
 * order nearest first with ties broken by age, and coordinates read as
 * people and spreadsheets write them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/geo.h"

static void
known_distances(void **state)
{
	/* Piazza del Comune to Piazza della Stazione, Prato: about 1.05 km. */
	int64_t d = geo_metres(43880730, 11096610, 43885230, 11106720);

	assert_in_range(d, 940, 1000);
	/* A degree of latitude on the meridian: 111.2 km. */
	assert_in_range(geo_metres(0, 0, 1000000, 0), 111190, 111200);
	/* Symmetric, and zero from a place to itself. */
	assert_int_equal(geo_metres(43880730, 11096610, 43885230, 11106720),
	    geo_metres(43885230, 11106720, 43880730, 11096610));
	assert_int_equal(geo_metres(43880730, 11096610, 43880730, 11096610),
	    0);
	/* Across the antimeridian, the short way. */
	assert_in_range(geo_metres(0, 179500000, 0, -179500000), 111190,
	    111200);
}

static void
nearest_first_ties_by_id(void **state)
{
	struct geo_place v[] = {
		{5, 43904900, 11102000, 0},	/* La Querce, north */
		{2, 43880840, 11097970, 0},	/* Via Garibaldi, centre */
		{9, 43853900, 11070030, 0},	/* Iolo, south-west */
		{3, 43880840, 11097970, 0},	/* the same place as 2 */
	};

	/* From Piazza del Comune. */
	geo_nearest(v, 4, 43880730, 11096610);
	assert_int_equal(v[0].id, 2);
	assert_int_equal(v[1].id, 3);
	assert_int_equal(v[2].id, 5);
	assert_int_equal(v[3].id, 9);
	assert_true(v[0].metres < 200);
	assert_true(v[2].metres < v[3].metres);
	/* From Iolo, the other way round. */
	geo_nearest(v, 4, 43853900, 11070030);
	assert_int_equal(v[0].id, 9);
	assert_int_equal(v[0].metres, 0);
	assert_int_equal(v[3].id, 5);
}

static void
coordinates_as_written(void **state)
{
	int32_t v;

	assert_true(geo_parse("43.880730", true, &v));
	assert_int_equal(v, 43880730);
	assert_true(geo_parse("43,88", true, &v));
	assert_int_equal(v, 43880000);
	assert_true(geo_parse("-0.5", false, &v));
	assert_int_equal(v, -500000);
	assert_true(geo_parse("11.09661234", false, &v));
	assert_int_equal(v, 11096612);
	assert_true(geo_parse("180", false, &v));
	assert_false(geo_parse("91", true, &v));
	assert_false(geo_parse("181", false, &v));
	assert_false(geo_parse("", true, &v));
	assert_false(geo_parse("-", true, &v));
	assert_false(geo_parse("43.8N", true, &v));
	assert_false(geo_parse("99999999999999999999", false, &v));
	assert_false(geo_parse(NULL, true, &v));
	assert_true(geo_valid(90000000, -180000000));
	assert_false(geo_valid(90000001, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_distances),
		cmocka_unit_test(nearest_first_ties_by_id),
		cmocka_unit_test(coordinates_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
