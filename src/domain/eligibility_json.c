/*
 * eligibility_json: JSON for dwellings, rule sets and results.  See the
 * header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "eligibility_json.h"
#include "i18n.h"

#define MAX_PERSONS	1000

static int
failf(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
failf(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Reads a non-negative decimal with at most two decimals, given as a JSON
 * number or as a string ("14,50"), into hundredths.
 */
static int
read_dec2(const json_t *v, int64_t *out, const char **why)
{
	enum dec2_result r;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0) {
			*why = _("non può essere negativo");
			return -1;
		}
		if (json_integer_value(v) > 10000000) {
			*why = _(dec2_messages[DEC2_RANGE]);
			return -1;
		}
		*out = json_integer_value(v) * 100;
		return 0;
	}
	if (json_is_real(v)) {
		if (json_real_value(v) < 0) {
			*why = _("non può essere negativo");
			return -1;
		}
		r = dec2_from_double(json_real_value(v), out);
	} else if (json_is_string(v))
		r = dec2_parse(json_string_value(v), out);
	else {
		*why = _("deve essere un numero");
		return -1;
	}
	if (r != DEC2_OK) {
		*why = _(dec2_messages[r]);
		return -1;
	}
	return 0;
}

static int
read_count(const json_t *in, const char *key, int *out, char *err,
    size_t errsz)
{
	const json_t	*v = json_object_get(in, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > MAX_PERSONS)
		return failf(err, errsz, _("%s: deve essere un numero intero di "
		    "persone, da 0 a %d"), key, MAX_PERSONS);
	*out = (int)json_integer_value(v);
	return 0;
}

static const char *const room_keys[] = {
	"name", "use", "area", "height", "window", "fixtures", "extraction",
	NULL,
};

static bool
known(const char *const *keys, const char *k)
{
	for (; *keys != NULL; keys++)
		if (strcmp(*keys, k) == 0)
			return true;
	return false;
}

/*
 * Parses {"rooms": [...], "residents": N, "requested": N} into d.  Returns 0,
 * or -1 with err naming the room ("rooms[2] \"Camera 2\"") and the field.
 */
int
elig_dwelling_from_json(const json_t *in, struct elig_dwelling *d, char *err,
    size_t errsz)
{
	const json_t	*rooms, *room, *v;
	const char	*k, *why;
	size_t		 i;
	char		 where[128];

	memset(d, 0, sizeof(*d));
	if (!json_is_object(in))
		return failf(err, errsz, _("il documento deve essere un oggetto "
		    "JSON con \"rooms\""));
	json_object_foreach((json_t *)in, k, v)
		if (strcmp(k, "rooms") != 0 && strcmp(k, "residents") != 0 &&
		    strcmp(k, "requested") != 0)
			return failf(err, errsz, _("campo sconosciuto \"%s\""), k);
	rooms = json_object_get(in, "rooms");
	if (!json_is_array(rooms) || json_array_size(rooms) == 0)
		return failf(err, errsz, _("rooms: serve un elenco con almeno "
		    "una stanza"));
	if (json_array_size(rooms) > ELIG_MAX_ROOMS)
		return failf(err, errsz, _("rooms: al massimo %d stanze"),
		    ELIG_MAX_ROOMS);
	json_array_foreach(rooms, i, room) {
		struct elig_room	*x = &d->rooms[i];
		const char		*name;
		int64_t			 h;
		int			 u;

		if (!json_is_object(room))
			return failf(err, errsz, _("rooms[%zu]: deve essere un "
			    "oggetto"), i);
		name = json_string_value(json_object_get(room, "name"));
		if (name != NULL && (strlen(name) == 0 || strlen(name) >= ELIG_NAME))
			return failf(err, errsz, _("rooms[%zu]: name: da 1 a %d "
			    "caratteri"), i, ELIG_NAME - 1);
		if (name == NULL && json_object_get(room, "name") != NULL)
			return failf(err, errsz, _("rooms[%zu]: name: deve essere "
			    "un testo"), i);
		if (name != NULL) {
			snprintf(x->name, sizeof(x->name), "%s", name);
			snprintf(where, sizeof(where), "rooms[%zu] \"%s\"", i,
			    name);
		} else {
			snprintf(x->name, sizeof(x->name), _("Stanza %zu"), i + 1);
			snprintf(where, sizeof(where), "rooms[%zu]", i);
		}
		json_object_foreach((json_t *)room, k, v)
			if (!known(room_keys, k))
				return failf(err, errsz, _("%s: campo sconosciuto "
				    "\"%s\""), where, k);
		v = json_object_get(room, "use");
		if (!json_is_string(v))
			return failf(err, errsz, _("%s: use: manca la "
			    "destinazione (living, bedroom, kitchen, study, "
			    "kitchenette, bathroom, wc, corridor, storage, "
			    "other)"), where);
		if ((u = elig_use_from_name(json_string_value(v))) < 0)
			return failf(err, errsz, _("%s: use: destinazione "
			    "sconosciuta \"%s\""), where, json_string_value(v));
		x->use = (enum elig_use)u;
		v = json_object_get(room, "area");
		if (v == NULL)
			return failf(err, errsz, _("%s: area: manca la "
			    "superficie"), where);
		if (read_dec2(v, &x->area, &why) < 0)
			return failf(err, errsz, "%s: area: %s", where, why);
		if (x->area == 0)
			return failf(err, errsz, _("%s: area: deve essere "
			    "maggiore di zero"), where);
		v = json_object_get(room, "height");
		if (v == NULL)
			return failf(err, errsz, _("%s: height: manca l'altezza"),
			    where);
		if (read_dec2(v, &h, &why) < 0)
			return failf(err, errsz, "%s: height: %s", where, why);
		if (h == 0 || h > ELIG_MAX_HEIGHT)
			return failf(err, errsz, _("%s: height: l'altezza in metri "
			    "deve essere tra 0,01 e 20,00"), where);
		x->height = (int)h;
		v = json_object_get(room, "window");
		if (v != NULL && !json_is_null(v) &&
		    read_dec2(v, &x->window, &why) < 0)
			return failf(err, errsz, "%s: window: %s", where, why);
		v = json_object_get(room, "extraction");
		if (v != NULL && !json_is_boolean(v))
			return failf(err, errsz, _("%s: extraction: deve essere "
			    "true o false"), where);
		x->extraction = json_is_true(v);
		v = json_object_get(room, "fixtures");
		if (v != NULL) {
			size_t	 j;
			json_t	*f;

			if (!json_is_array(v))
				return failf(err, errsz, _("%s: fixtures: deve "
				    "essere un elenco"), where);
			json_array_foreach(v, j, f) {
				int fx = json_is_string(f) ?
				    elig_fixture_from_name(json_string_value(f)) :
				    -1;

				if (fx < 0)
					return failf(err, errsz, _("%s: fixtures: "
					    "sanitario sconosciuto (wc, bidet, "
					    "basin, bath, shower)"), where);
				x->fixtures |= 1u << fx;
			}
		}
		d->nrooms++;
	}
	if (read_count(in, "residents", &d->residents, err, errsz) < 0 ||
	    read_count(in, "requested", &d->requested, err, errsz) < 0)
		return -1;
	return 0;
}

static json_t *
dec2_json(int64_t v)
{
	char	 b[DEC2_STRLEN];

	dec2_format(v, b, '.');
	return json_string(b);
}

json_t *
elig_result_to_json(const struct elig_result *r)
{
	json_t	*lines = json_array();

	for (int i = 0; i < r->nlines; i++)
		json_array_append_new(lines, json_string(r->lines[i]));
	return json_pack("{s:i, s:i, s:i, s:o, s:o, s:o, s:i, s:b, s:s, "
	    "s:{s:s, s:i}, s:o}",
	    "max_occupants", r->max_occupants,
	    "surface_capacity", r->surface_capacity,
	    "bedroom_capacity", r->bedroom_capacity,
	    "habitable_area", dec2_json(r->habitable_area),
	    "total_area", dec2_json(r->total_area),
	    "surface_used", dec2_json(r->surface_used),
	    "places_available", r->places_available,
	    "fits", r->fits,
	    "binding", elig_binding_names[r->binding],
	    "rule_set", "id", r->rules_id, "version", r->rules_version,
	    "explanation", lines);
}

/*
 * The fixtures of a room as bits of enum elig_fixture: an array of names
 * (a form, the API) or the rooms table's text "wc,bidet".  Unknown names
 * are skipped: the intake validator has refused them already.
 */
unsigned
elig_fixtures_json(const json_t *fx)
{
	unsigned	 bits = 0;
	size_t		 k;
	json_t		*f;
	int		 b;

	if (json_is_string(fx))
		return elig_fixtures_parse(json_string_value(fx));
	json_array_foreach(fx, k, f)
		if ((b = elig_fixture_from_name(json_string_value(f))) >= 0)
			bits |= 1u << b;
	return bits;
}

/* The dwelling back as JSON, with measures as two-decimal strings. */
json_t *
elig_dwelling_to_json(const struct elig_dwelling *d)
{
	json_t	*rooms = json_array();

	for (int i = 0; i < d->nrooms; i++) {
		const struct elig_room	*x = &d->rooms[i];
		json_t			*fx = json_array();

		for (int f = 0; f < FIX__MAX; f++)
			if (x->fixtures & (1u << f))
				json_array_append_new(fx,
				    json_string(elig_fixtures[f].value));
		json_array_append_new(rooms, json_pack("{s:s, s:s, s:o, s:o, "
		    "s:o, s:o, s:b}", "name", x->name, "use",
		    elig_uses[x->use].value, "area", dec2_json(x->area),
		    "height", dec2_json(x->height), "window",
		    dec2_json(x->window), "fixtures", fx, "extraction",
		    x->extraction));
	}
	return json_pack("{s:o, s:i, s:i}", "rooms", rooms, "residents",
	    d->residents, "requested", d->requested);
}

/* Rule-set fields: JSON key, kind, and where the value goes. */
enum rkind { RK_BOOL, RK_M2, RK_M, RK_INT, RK_ENUM };

static const char *const basis_names[] = {"habitable", "total", NULL};
static const char *const failing_names[] = {"exclude", "reject", NULL};
static const char *const regime_names[] = {"formula", "table", NULL};

static int
enum_of(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

#define OFF(f)	offsetof(struct elig_rules, f)

static const struct rfield {
	const char		*key;
	enum rkind		 kind;
	size_t			 off;
	const char *const	*names;
} rfields[] = {
	{"surface_basis", RK_ENUM, OFF(basis), basis_names},
	{"failing_room", RK_ENUM, OFF(failing), failing_names},
	{"regime", RK_ENUM, OFF(regime), regime_names},
	{"kitchen_habitable", RK_BOOL, OFF(kitchen_habitable), NULL},
	{"bedrooms_bind", RK_BOOL, OFF(bedrooms_bind), NULL},
	{"mountain", RK_BOOL, OFF(mountain), NULL},
	{"salva_casa", RK_BOOL, OFF(salva_casa), NULL},
	{"height_m", RK_M, OFF(height_cm), NULL},
	{"mountain_height_m", RK_M, OFF(mountain_height_cm), NULL},
	{"accessory_height_m", RK_M, OFF(accessory_height_cm), NULL},
	{"salva_casa_height_m", RK_M, OFF(salva_height_cm), NULL},
	{"first_persons", RK_INT, OFF(first_persons), NULL},
	{"first_each_m2", RK_M2, OFF(first_area), NULL},
	{"next_each_m2", RK_M2, OFF(next_area), NULL},
	{"table_step_m2", RK_M2, OFF(table_step), NULL},
	{"single_bedroom_m2", RK_M2, OFF(single_bedroom), NULL},
	{"double_bedroom_m2", RK_M2, OFF(double_bedroom), NULL},
	{"living_min_m2", RK_M2, OFF(living_min), NULL},
	{"single_room_one_m2", RK_M2, OFF(studio_one), NULL},
	{"single_room_two_m2", RK_M2, OFF(studio_two), NULL},
	{"salva_casa_single_room_one_m2", RK_M2, OFF(salva_studio_one), NULL},
	{"salva_casa_single_room_two_m2", RK_M2, OFF(salva_studio_two), NULL},
	{"window_numerator", RK_INT, OFF(window_num), NULL},
	{"window_denominator", RK_INT, OFF(window_den), NULL},
	{NULL, RK_BOOL, 0, NULL},
};

/*
 * Reads a rule set.  Fields left out keep the DM's values
 * (elig_rules_dm1975); "id" and "version" are required, "description" and
 * "table_m2" are read too; anything else is an error.
 */
int
elig_rules_from_json(const json_t *in, struct elig_rules *r, char *err,
    size_t errsz)
{
	const char	*k, *why;
	json_t		*v;
	const char	*id;

	elig_rules_dm1975(r);
	if (!json_is_object(in))
		return failf(err, errsz, _("la regola deve essere un oggetto "
		    "JSON"));
	id = json_string_value(json_object_get(in, "id"));
	if (id == NULL || strlen(id) == 0 || strlen(id) >= sizeof(r->id) ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(id))
		return failf(err, errsz, _("id: da 1 a %zu lettere minuscole, "
		    "cifre, - o _"), sizeof(r->id) - 1);
	snprintf(r->id, sizeof(r->id), "%s", id);
	v = json_object_get(in, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > 100000)
		return failf(err, errsz, _("version: un numero intero da 1"));
	r->version = (int)json_integer_value(v);

	json_object_foreach((json_t *)in, k, v) {
		const struct rfield	*f;
		int64_t			 n;
		char			*p = (char *)r;

		if (strcmp(k, "id") == 0 || strcmp(k, "version") == 0 ||
		    strcmp(k, "description") == 0)
			continue;
		if (strcmp(k, "table_m2") == 0) {
			size_t	 i;
			json_t	*t;

			if (!json_is_array(v) || json_array_size(v) == 0 ||
			    json_array_size(v) > ELIG_MAX_TABLE)
				return failf(err, errsz, _("table_m2: da 1 a %d "
				    "superfici"), ELIG_MAX_TABLE);
			r->ntable = 0;
			json_array_foreach(v, i, t) {
				if (read_dec2(t, &n, &why) < 0 || n == 0 ||
				    (i > 0 && n < r->table[i - 1]))
					return failf(err, errsz, _("table_m2[%zu]: "
					    "superfici crescenti maggiori di zero"),
					    i);
				r->table[r->ntable++] = n;
			}
			continue;
		}
		for (f = rfields; f->key != NULL; f++)
			if (strcmp(f->key, k) == 0)
				break;
		if (f->key == NULL)
			return failf(err, errsz, _("campo sconosciuto \"%s\""), k);
		switch (f->kind) {
		case RK_BOOL:
			if (!json_is_boolean(v))
				return failf(err, errsz, _("%s: true o false"), k);
			*(bool *)(p + f->off) = json_is_true(v);
			break;
		case RK_ENUM: {
			int e = json_is_string(v) ? enum_of(f->names,
			    json_string_value(v)) : -1;

			if (e < 0)
				return failf(err, errsz, _("%s: valore non "
				    "previsto"), k);
			/* All three enums are int-sized. */
			*(int *)(p + f->off) = e;
			break;
		}
		case RK_M2:
		case RK_M:
			if (read_dec2(v, &n, &why) < 0)
				return failf(err, errsz, "%s: %s", k, why);
			if (n == 0)
				return failf(err, errsz, _("%s: deve essere "
				    "maggiore di zero"), k);
			if (f->kind == RK_M)
				*(int *)(p + f->off) = (int)n;
			else
				*(int64_t *)(p + f->off) = n;
			break;
		case RK_INT:
			if (!json_is_integer(v) || json_integer_value(v) < 1 ||
			    json_integer_value(v) > 100)
				return failf(err, errsz, _("%s: un numero intero "
				    "da 1 a 100"), k);
			*(int *)(p + f->off) = (int)json_integer_value(v);
			break;
		}
	}
	if (r->regime == REGIME_TABLE && r->ntable == 0)
		return failf(err, errsz, _("regime \"table\": manca table_m2"));
	if (r->regime == REGIME_TABLE && r->table_step == 0)
		r->table_step = r->next_area;
	if (r->single_bedroom > r->double_bedroom ||
	    r->studio_one > r->studio_two ||
	    r->salva_studio_one > r->salva_studio_two)
		return failf(err, errsz, _("le soglie per una persona non "
		    "possono superare quelle per due"));
	return 0;
}

json_t *
elig_rules_to_json(const struct elig_rules *r)
{
	json_t	*o = json_pack("{s:s, s:i}", "id", r->id, "version",
	    r->version);
	const char *p = (const char *)r;

	for (const struct rfield *f = rfields; f->key != NULL; f++) {
		switch (f->kind) {
		case RK_BOOL:
			json_object_set_new(o, f->key,
			    json_boolean(*(const bool *)(p + f->off)));
			break;
		case RK_ENUM:
			json_object_set_new(o, f->key, json_string(
			    f->names[*(const int *)(p + f->off)]));
			break;
		case RK_M:
			json_object_set_new(o, f->key,
			    dec2_json(*(const int *)(p + f->off)));
			break;
		case RK_M2:
			/* Only table_step may be unset (0). */
			if (*(const int64_t *)(p + f->off) != 0)
				json_object_set_new(o, f->key,
				    dec2_json(*(const int64_t *)(p + f->off)));
			break;
		case RK_INT:
			json_object_set_new(o, f->key,
			    json_integer(*(const int *)(p + f->off)));
			break;
		}
	}
	if (r->ntable > 0) {
		json_t *t = json_array();

		for (int i = 0; i < r->ntable; i++)
			json_array_append_new(t, dec2_json(r->table[i]));
		json_object_set_new(o, "table_m2", t);
	}
	return o;
}
