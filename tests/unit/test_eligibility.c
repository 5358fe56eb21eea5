/*
 * Eligibility: the worked examples of shared/domain.md §3 and
 * domain-research.md §6, every boundary on both sides, each rule set, and
 * two properties over generated dwellings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "domain/eligibility.h"
#include "domain/eligibility_json.h"

#define FULL_BATH ((1u << FIX_WC) | (1u << FIX_BIDET) | (1u << FIX_BASIN) | \
		   (1u << FIX_SHOWER))

static struct elig_rules prato, total, bologna;

static int
setup(void **state)
{
	static const char *const bologna_json =
	    "{\"id\":\"bologna\",\"version\":1,\"surface_basis\":\"total\","
	    "\"regime\":\"table\",\"table_m2\":[28,38,42,56],"
	    "\"table_step_m2\":10}";
	json_t *j = json_loads(bologna_json, 0, NULL);
	char err[256];

	elig_rules_dm1975(&prato);
	snprintf(prato.id, sizeof(prato.id), "prato");
	total = prato;
	snprintf(total.id, sizeof(total.id), "dm1975-total");
	total.basis = BASIS_TOTAL;
	assert_int_equal(elig_rules_from_json(j, &bologna, err, sizeof(err)), 0);
	json_decref(j);
	return 0;
}

/* A habitable room with a regular height and a window of exactly 1/8. */
static struct elig_room
R(enum elig_use use, int64_t area)
{
	struct elig_room x;

	memset(&x, 0, sizeof(x));
	snprintf(x.name, sizeof(x.name), "%s", elig_uses[use].value);
	x.use = use;
	x.area = area;
	x.height = use == USE_BATHROOM || use == USE_WC ||
	    use == USE_CORRIDOR ? 240 : 270;
	x.window = (area + 7) / 8;
	if (use == USE_BATHROOM)
		x.fixtures = FULL_BATH;
	if (use == USE_CORRIDOR || use == USE_STORAGE)
		x.window = 0;
	return x;
}

static struct elig_dwelling
D(int n, ...)
{
	struct elig_dwelling d;
	va_list ap;

	memset(&d, 0, sizeof(d));
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		d.rooms[d.nrooms++] = va_arg(ap, struct elig_room);
	va_end(ap);
	return d;
}

static int
max_of(const struct elig_rules *r, const struct elig_dwelling *d)
{
	static struct elig_result res;

	elig_evaluate(r, d, &res);
	return res.max_occupants;
}

static struct elig_result res;

static void
surface_steps(void **state)
{
	static const struct { int64_t s; int n; } dm[] = {
		{1390, 0}, {1399, 0}, {1400, 1}, {2790, 1}, {2799, 1}, {2800, 2},
		{4190, 2}, {4199, 2}, {4200, 3}, {9599, 7}, {9600, 8}, {10599, 8},
		{5590, 3}, {5600, 4}, {5599, 3}, {6590, 4}, {6599, 4}, {6600, 5},
		{7599, 5}, {7600, 6}, {8599, 6}, {8600, 7}, {9590, 7}, {9600, 8},
		{10600, 9},
	};
	static const struct { int64_t s; int n; } bo[] = {
		{2790, 0}, {2799, 0}, {2800, 1}, {3790, 1}, {3799, 1}, {3800, 2},
		{4199, 2}, {4200, 3}, {5599, 3}, {5600, 4}, {6599, 4}, {6600, 5},
		{7600, 6},
	};

	for (size_t i = 0; i < sizeof(dm) / sizeof(dm[0]); i++)
		assert_int_equal(elig_surface_capacity(&prato, dm[i].s), dm[i].n);
	for (size_t i = 0; i < sizeof(bo) / sizeof(bo[0]); i++)
		assert_int_equal(elig_surface_capacity(&bologna, bo[i].s),
		    bo[i].n);
	assert_int_equal(elig_required_surface(&prato, 5), 6600);
	assert_int_equal(elig_required_surface(&bologna, 6), 7600);
}

static void
studios(void **state)
{
	/* Single-room dwellings, services included (art. 3). */
	static const struct { int64_t living; int n; } t[] = {
		{2390, 0}, {2399, 0}, {2400, 1}, {3390, 1}, {3399, 1}, {3400, 2},
		{6000, 2},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct elig_dwelling d = D(2, R(USE_LIVING, t[i].living),
		    R(USE_BATHROOM, 400));

		elig_evaluate(&prato, &d, &res);
		assert_int_equal(res.max_occupants, t[i].n);
		assert_int_equal(res.binding, BIND_STUDIO);
		assert_int_equal(max_of(&bologna, &d), t[i].n);
	}
	/* Salva Casa: 20 and 28 m². */
	{
		struct elig_rules sc = prato;
		struct elig_dwelling d = D(2, R(USE_LIVING, 1600),
		    R(USE_BATHROOM, 400));

		sc.salva_casa = true;
		assert_int_equal(max_of(&prato, &d), 0);
		assert_int_equal(max_of(&sc, &d), 1);
		d.rooms[0].area = 1599;
		assert_int_equal(max_of(&sc, &d), 0);
		d.rooms[0].area = 2400;
		d.rooms[0].window = 300;
		assert_int_equal(max_of(&sc, &d), 2);
	}
}

static void
worked_examples(void **state)
{
	struct elig_dwelling d;

	/* 5: living 16, bedroom 14, bath 5, hall 3 → 2. */
	d = D(4, R(USE_LIVING, 1600), R(USE_BEDROOM, 1400),
	    R(USE_BATHROOM, 500), R(USE_CORRIDOR, 300));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 2);
	assert_int_equal(res.habitable_area, 3000);
	assert_int_equal(res.total_area, 3800);
	elig_evaluate(&total, &d, &res);
	assert_int_equal(res.surface_capacity, 2);

	/* 6a: bed 8.90 is surface, not a bedroom → 2; 6b: 9.00 → 3. */
	d = D(6, R(USE_LIVING, 1800), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 890), R(USE_KITCHEN, 900), R(USE_BATHROOM, 500),
	    R(USE_CORRIDOR, 400));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 2);
	assert_int_equal(res.habitable_area, 4990);
	assert_int_equal(res.surface_capacity, 3);
	assert_int_equal(res.binding, BIND_BEDROOMS);
	elig_evaluate(&total, &d, &res);
	assert_int_equal(res.surface_capacity, 4);
	d.rooms[2].area = 900;
	d.rooms[2].window = 113;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 3);

	/* 7: living 14, beds 14, 14, 9, bath 4, hall 3 → 3 (surface). */
	d = D(6, R(USE_LIVING, 1400), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1400), R(USE_BEDROOM, 900), R(USE_BATHROOM, 400),
	    R(USE_CORRIDOR, 300));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 3);
	assert_int_equal(res.binding, BIND_SURFACE);
	assert_int_equal(res.bedroom_capacity, 5);
	elig_evaluate(&total, &d, &res);
	assert_int_equal(res.max_occupants, 4);

	/* 8: living 30, kitchen 12, one bed 14, bath 8, hall 10 → 2. */
	d = D(5, R(USE_LIVING, 3000), R(USE_KITCHEN, 1200),
	    R(USE_BEDROOM, 1400), R(USE_BATHROOM, 800), R(USE_CORRIDOR, 1000));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 2);
	assert_int_equal(res.surface_capacity, 4);
	assert_int_equal(res.binding, BIND_BEDROOMS);
	elig_evaluate(&bologna, &d, &res);
	assert_int_equal(res.surface_capacity, 5);

	/* 9: no living room → 0. */
	d = D(5, R(USE_BEDROOM, 1400), R(USE_BEDROOM, 1400),
	    R(USE_KITCHEN, 1000), R(USE_BATHROOM, 500), R(USE_CORRIDOR, 400));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 0);
	assert_int_equal(res.binding, BIND_NO_LIVING);
	assert_int_equal(max_of(&bologna, &d), 0);

	/* 10: bedB 2.60 m high is excluded → 2; 2.55 in the mountains and
	 * 2.40 with Salva Casa → 4. */
	d = D(5, R(USE_LIVING, 2000), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1600), R(USE_KITCHEN, 900), R(USE_BATHROOM, 500));
	d.rooms[2].height = 260;
	assert_int_equal(max_of(&prato, &d), 2);
	{
		struct elig_rules m = prato, sc = prato;

		m.mountain = true;
		sc.salva_casa = true;
		assert_int_equal(max_of(&m, &d), 4);	/* 2.60 ≥ 2.55 */
		d.rooms[2].height = 255;
		assert_int_equal(max_of(&m, &d), 4);
		d.rooms[2].height = 254;
		assert_int_equal(max_of(&m, &d), 2);
		d.rooms[2].height = 240;
		assert_int_equal(max_of(&sc, &d), 4);
	}

	/* 11: req(7) = 86 exactly → 7. */
	d = D(9, R(USE_LIVING, 2000), R(USE_KITCHEN, 1200),
	    R(USE_BEDROOM, 1600), R(USE_BEDROOM, 1400), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1000), R(USE_BATHROOM, 600), R(USE_BATHROOM, 400),
	    R(USE_CORRIDOR, 800));
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 7);
	assert_int_equal(res.habitable_area, 8600);
	elig_evaluate(&total, &d, &res);
	assert_int_equal(res.surface_capacity, 8);

	/* 12: bed1's window 1.50 < 1.75 → excluded → 1; rejected → 0. */
	d = D(5, R(USE_LIVING, 1600), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1000), R(USE_KITCHEN, 800), R(USE_BATHROOM, 500));
	d.rooms[0].window = 220;
	d.rooms[1].window = 150;
	d.rooms[2].window = 140;
	d.rooms[3].window = 100;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 1);
	assert_int_equal(res.habitable_area, 3400);
	{
		struct elig_rules strict = prato;

		strict.failing = FAILING_REJECT;
		elig_evaluate(&strict, &d, &res);
		assert_int_equal(res.max_occupants, 0);
		assert_int_equal(res.binding, BIND_FAILING_ROOM);
	}

	/* 13a/13b: kitchen 13.90 → 3; 14.00 → 4. */
	d = D(5, R(USE_LIVING, 1400), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1400), R(USE_KITCHEN, 1390), R(USE_BATHROOM, 500));
	assert_int_equal(max_of(&prato, &d), 3);
	d.rooms[3].area = 1400;
	d.rooms[3].window = 175;
	assert_int_equal(max_of(&prato, &d), 4);

	/* 14: #5 without the bidet → 0. */
	d = D(4, R(USE_LIVING, 1600), R(USE_BEDROOM, 1400),
	    R(USE_BATHROOM, 500), R(USE_CORRIDOR, 300));
	d.rooms[2].fixtures &= ~(1u << FIX_BIDET);
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 0);
	assert_int_equal(res.binding, BIND_NO_BATHROOM);
	assert_non_null(strstr(res.lines[0], "bidet"));
}

static void
room_boundaries(void **state)
{
	struct elig_dwelling d = D(4, R(USE_LIVING, 3000), R(USE_BEDROOM, 900),
	    R(USE_KITCHEN, 1500), R(USE_BATHROOM, 500));

	/* Bedrooms 8.99/9.00 and 13.99/14.00. */
	assert_int_equal(max_of(&prato, &d), 1);
	d.rooms[1].area = 899;
	assert_int_equal(max_of(&prato, &d), 0);
	d.rooms[1].area = 1399;
	d.rooms[1].window = 175;
	assert_int_equal(max_of(&prato, &d), 1);
	d.rooms[1].area = 1400;
	assert_int_equal(max_of(&prato, &d), 2);

	/* Living room 13.99/14.00. */
	d.rooms[0].area = 1399;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 0);
	assert_int_equal(res.binding, BIND_NO_LIVING);
	d.rooms[0].area = 1400;
	assert_int_equal(max_of(&prato, &d), 2);

	/* Heights 2.69/2.70. */
	d.rooms[1].height = 269;
	assert_int_equal(max_of(&prato, &d), 0);
	d.rooms[1].height = 270;
	assert_int_equal(max_of(&prato, &d), 2);

	/* Window exactly 1/8 of 14.00 m² is 1.75: 1.74 fails. */
	d.rooms[1].window = 175;
	assert_int_equal(max_of(&prato, &d), 2);
	d.rooms[1].window = 174;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 0);
	d.rooms[1].window = 175;

	/* Bathroom: each fixture missing, and bath instead of shower. */
	for (int f = FIX_WC; f <= FIX_BASIN; f++) {
		d.rooms[3].fixtures = FULL_BATH & ~(1u << f);
		elig_evaluate(&prato, &d, &res);
		assert_int_equal(res.max_occupants, 0);
		assert_int_equal(res.binding, BIND_NO_BATHROOM);
	}
	d.rooms[3].fixtures = FULL_BATH & ~(1u << FIX_SHOWER);
	assert_int_equal(max_of(&prato, &d), 0);
	d.rooms[3].fixtures |= 1u << FIX_BATH;
	assert_int_equal(max_of(&prato, &d), 2);
	/* No window: mechanical extraction will do (art. 7). */
	d.rooms[3].window = 0;
	assert_int_equal(max_of(&prato, &d), 0);
	d.rooms[3].extraction = true;
	assert_int_equal(max_of(&prato, &d), 2);
	/* Bathroom height 2.39/2.40. */
	d.rooms[3].height = 239;
	assert_int_equal(max_of(&prato, &d), 0);
	d.rooms[3].height = 240;
	assert_int_equal(max_of(&prato, &d), 2);
}

static void
kitchen_switch_and_total_basis(void **state)
{
	struct elig_dwelling d = D(5, R(USE_LIVING, 1600), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1400), R(USE_KITCHEN, 1200), R(USE_BATHROOM, 500));
	struct elig_rules nk = prato;

	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.habitable_area, 5600);
	assert_int_equal(res.max_occupants, 4);
	nk.kitchen_habitable = false;
	elig_evaluate(&nk, &d, &res);
	assert_int_equal(res.habitable_area, 4400);
	assert_int_equal(res.max_occupants, 3);
	/* On the total basis the failing-height room still counts as area. */
	d.rooms[2].height = 250;
	elig_evaluate(&total, &d, &res);
	assert_int_equal(res.surface_used, 6100);
	assert_int_equal(res.surface_capacity, 4);
	assert_int_equal(res.bedroom_capacity, 2);
}

static void
residents_and_requested(void **state)
{
	struct elig_dwelling d = D(4, R(USE_LIVING, 1600), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 1400), R(USE_BATHROOM, 500));

	d.residents = 2;
	d.requested = 1;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.max_occupants, 3);
	assert_int_equal(res.places_available, 1);
	assert_true(res.fits);
	d.requested = 2;
	elig_evaluate(&prato, &d, &res);
	assert_false(res.fits);
	d.residents = 5;
	d.requested = 0;
	elig_evaluate(&prato, &d, &res);
	assert_int_equal(res.places_available, 0);
	assert_true(res.fits);
}

static void
explanation_reads_like_a_clerk(void **state)
{
	struct elig_dwelling d = D(5, R(USE_LIVING, 1800), R(USE_BEDROOM, 1400),
	    R(USE_BEDROOM, 890), R(USE_KITCHEN, 900), R(USE_BATHROOM, 500));
	bool found = false;

	snprintf(d.rooms[2].name, sizeof(d.rooms[2].name), "Camera 2");
	elig_evaluate(&prato, &d, &res);
	for (int i = 0; i < res.nlines; i++)
		if (strcmp(res.lines[i], "Camera 2: 8,90 m² < 9 m², non è una "
		    "camera da letto; conta come superficie abitabile "
		    "(DM 5/7/1975 art. 2)") == 0)
			found = true;
	assert_true(found);
	assert_string_equal(res.lines[res.nlines - 1], "Numero massimo di "
	    "occupanti: 2, limitato dalle camere da letto");
	assert_string_equal(res.rules_id, "prato");
}

/* A small deterministic generator of dwellings for the properties. */
static uint64_t seed = 88172645463325252ull;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static struct elig_room
random_room(void)
{
	static const enum elig_use uses[] = {USE_LIVING, USE_BEDROOM,
	    USE_BEDROOM, USE_KITCHEN, USE_STUDY, USE_BATHROOM, USE_CORRIDOR,
	    USE_STORAGE, USE_KITCHENETTE, USE_WC};
	struct elig_room x = R(uses[rnd(10)], 300 + rnd(2500));

	/* Mostly regular rooms, some failing height, window or fixtures. */
	x.height = rnd(4) ? 270 : 230 + rnd(50);
	x.window = rnd(3) ? (x.area + 7) / 8 + rnd(60) : rnd(400);
	x.fixtures = rnd(4) ? FULL_BATH : rnd(32);
	return x;
}

/* A living room and a bathroom, then up to six random rooms. */
static void
random_dwelling(struct elig_dwelling *d)
{
	memset(d, 0, sizeof(*d));
	d->rooms[d->nrooms++] = R(USE_LIVING, 1400 + rnd(2000));
	d->rooms[d->nrooms++] = R(USE_BATHROOM, 300 + rnd(600));
	for (int n = (int)rnd(7); n > 0; n--)
		d->rooms[d->nrooms++] = random_room();
}

static int
habitable_count(const struct elig_rules *r, const struct elig_dwelling *d)
{
	int n = 0;

	for (int i = 0; i < d->nrooms; i++)
		if (d->rooms[i].use == USE_LIVING ||
		    d->rooms[i].use == USE_BEDROOM ||
		    d->rooms[i].use == USE_STUDY ||
		    (d->rooms[i].use == USE_KITCHEN && r->kitchen_habitable))
			n++;
	return n;
}

/*
 * Adding a room never lowers the result.  The one exception is the law's
 * own: a single-room dwelling (art. 3) that gets a second habitable room
 * is judged by art. 2 instead, and a 38 m² studio (2 persons) with an
 * added 8 m² box room has no valid bedroom.  So rooms are added to
 * dwellings that already have two habitable rooms, or are not habitable.
 */
static void
property_adding_a_room(void **state)
{
	const struct elig_rules *sets[] = {&prato, &total, &bologna};
	int nonzero = 0;

	for (int iter = 0; iter < 20000; iter++) {
		const struct elig_rules *r = sets[iter % 3];
		struct elig_dwelling d;
		struct elig_room extra = random_room();
		int before, after;

		random_dwelling(&d);
		if (habitable_count(r, &d) < 2 &&
		    (extra.use == USE_LIVING || extra.use == USE_BEDROOM ||
		    extra.use == USE_STUDY || extra.use == USE_KITCHEN))
			continue;
		before = max_of(r, &d);
		nonzero += before > 0;
		d.rooms[d.nrooms++] = extra;
		after = max_of(r, &d);
		if (after < before)
			fail_msg("iteration %d: adding %s lowered %d to %d",
			    iter, extra.name, before, after);
	}
	/* The generator must reach dwellings where something is at stake. */
	assert_true(nonzero > 1000);
}

/*
 * Shrinking a room never raises the result.  Its window shrinks with it
 * (rounded down), since art. 5 is a ratio: a smaller room behind the same
 * window is better lit, which is a real improvement, not a loophole.
 */
static void
property_shrinking_a_room(void **state)
{
	const struct elig_rules *sets[] = {&prato, &total, &bologna};
	int nonzero = 0;

	for (int iter = 0; iter < 20000; iter++) {
		const struct elig_rules *r = sets[iter % 3];
		struct elig_dwelling d;
		int before, after, k;
		int64_t old;

		random_dwelling(&d);
		before = max_of(r, &d);
		nonzero += before > 0;
		k = (int)rnd((unsigned)d.nrooms);
		old = d.rooms[k].area;
		d.rooms[k].area = old - (int64_t)rnd((unsigned)old);
		if (d.rooms[k].area == 0)
			d.rooms[k].area = 1;
		d.rooms[k].window = d.rooms[k].window * d.rooms[k].area / old;
		after = max_of(r, &d);
		if (after > before)
			fail_msg("iteration %d: shrinking room %d raised %d to %d",
			    iter, k, before, after);
	}
	assert_true(nonzero > 1000);
}

static void
json_parsing(void **state)
{
	struct elig_dwelling d;
	char err[256];
	static const struct { const char *json, *want; } bad[] = {
		{"[]", "oggetto"},
		{"{\"rooms\":[]}", "rooms"},
		{"{\"rooms\":[{\"use\":\"garage\",\"area\":1,\"height\":2.7}]}",
		    "rooms[0]: use"},
		{"{\"rooms\":[{\"name\":\"Camera\",\"use\":\"bedroom\","
		    "\"area\":-3,\"height\":2.7}]}", "rooms[0] \"Camera\": area"},
		{"{\"rooms\":[{\"use\":\"bedroom\",\"height\":2.7}]}", "area"},
		{"{\"rooms\":[{\"use\":\"bedroom\",\"area\":14.001,"
		    "\"height\":2.7}]}", "due decimali"},
		{"{\"rooms\":[{\"use\":\"bedroom\",\"area\":\"14,5\"}]}",
		    "height"},
		{"{\"rooms\":[{\"use\":\"bedroom\",\"area\":14,\"height\":2.7,"
		    "\"aera\":3}]}", "aera"},
		{"{\"rooms\":[{\"use\":\"bathroom\",\"area\":4,\"height\":2.4,"
		    "\"fixtures\":[\"sink\"]}]}", "fixtures"},
		{"{\"rooms\":[{\"use\":\"bedroom\",\"area\":14,\"height\":2.7}],"
		    "\"residents\":-1}", "residents"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *j = json_loads(bad[i].json, 0, NULL);

		assert_non_null(j);
		assert_int_equal(elig_dwelling_from_json(j, &d, err,
		    sizeof(err)), -1);
		if (strstr(err, bad[i].want) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err,
			    bad[i].want);
		json_decref(j);
	}
	{
		json_t *j = json_loads("{\"rooms\":[{\"use\":\"living\","
		    "\"area\":\"16,50\",\"height\":2.7,\"window\":2.07}],"
		    "\"residents\":1}", 0, NULL);

		assert_int_equal(elig_dwelling_from_json(j, &d, err,
		    sizeof(err)), 0);
		assert_int_equal(d.rooms[0].area, 1650);
		assert_int_equal(d.rooms[0].height, 270);
		assert_int_equal(d.rooms[0].window, 207);
		assert_int_equal(d.residents, 1);
		json_decref(j);
	}
}

static void
rules_json(void **state)
{
	struct elig_rules r, back;
	char err[256];
	json_t *j, *out;

	j = json_loads("{\"id\":\"x\",\"version\":2,\"mountain\":true,"
	    "\"height_m\":\"2,70\",\"failing_room\":\"reject\"}", 0, NULL);
	assert_int_equal(elig_rules_from_json(j, &r, err, sizeof(err)), 0);
	assert_true(r.mountain);
	assert_int_equal(r.failing, FAILING_REJECT);
	out = elig_rules_to_json(&r);
	assert_int_equal(elig_rules_from_json(out, &back, err, sizeof(err)), 0);
	assert_memory_equal(&r, &back, sizeof(r));
	json_decref(out);
	json_decref(j);
	j = json_loads("{\"id\":\"x\",\"version\":1,\"colour\":\"red\"}", 0,
	    NULL);
	assert_int_equal(elig_rules_from_json(j, &r, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "colour"));
	json_decref(j);
	j = json_loads("{\"id\":\"x\",\"version\":1,\"regime\":\"table\"}", 0,
	    NULL);
	assert_int_equal(elig_rules_from_json(j, &r, err, sizeof(err)), -1);
	json_decref(j);
	j = json_loads("{\"id\":\"Bad Id\",\"version\":1}", 0, NULL);
	assert_int_equal(elig_rules_from_json(j, &r, err, sizeof(err)), -1);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(surface_steps),
		cmocka_unit_test(studios),
		cmocka_unit_test(worked_examples),
		cmocka_unit_test(room_boundaries),
		cmocka_unit_test(kitchen_switch_and_total_basis),
		cmocka_unit_test(residents_and_requested),
		cmocka_unit_test(explanation_reads_like_a_clerk),
		cmocka_unit_test(property_adding_a_room),
		cmocka_unit_test(property_shrinking_a_room),
		cmocka_unit_test(json_parsing),
		cmocka_unit_test(rules_json),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
