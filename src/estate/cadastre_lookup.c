/*
 * cadastre_lookup: the comune's cadastral units as the counter, the API and
 * `idoneo cadastre find` look them up: by id, by identifiers (foglio,
 * particella, subalterno) and by address, with a matching score.  See
 * cadastre.h; the import is in cadastre.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadastre.h"
#include "domain/address.h"
#include "domain/fab.h"
#include "domain/search.h"
#include "store/query.h"

/* "VIA ROMA 12/A" from an address row. */
static void
address_text(json_t *a, char out[ADDRESS_KEY_MAX], char num[32])
{
	struct address	 ad;
	const char	*dug = json_string_value(json_object_get(a, "dug"));
	const char	*street = json_string_value(json_object_get(a, "street"));
	const char	*civico = json_string_value(json_object_get(a, "civico"));

	address_cadastral(dug, street, civico, &ad);
	address_format(&ad, out);
	num[0] = '\0';
	if (ad.number > 0)
		snprintf(num, 32, "%d%s%s", ad.number, ad.esponente[0] ? "/" :
		    "", ad.esponente);
}

/* The rows of list whose unit_id is id, as a new array without unit_id. */
static json_t *
children_of(json_t *list, int64_t id)
{
	json_t	*out = json_array(), *v, *c;
	size_t	 i;

	json_array_foreach(list, i, v)
		if (json_integer_value(json_object_get(v, "unit_id")) == id) {
			c = json_deep_copy(v);
			json_object_del(c, "unit_id");
			json_array_append_new(out, c);
		}
	return out;
}

/* One unit as the API and `idoneo cadastre find` show it. */
static json_t *
unit_json(json_t *u, json_t *ids, json_t *addrs)
{
	json_t	*out, *list, *v;
	size_t	 i;

	out = json_pack("{s:O, s:O, s:O, s:O}", "id", json_object_get(u, "id"),
	    "comune", json_object_get(u, "comune"),
	    "sezione", json_object_get(u, "sezione"),
	    "immobile", json_object_get(u, "immobile"));
	v = json_array_get(ids, 0);
	json_object_set_new(out, "foglio", json_string(v ?
	    json_string_value(json_object_get(v, "foglio")) : ""));
	json_object_set_new(out, "particella", json_string(v ?
	    json_string_value(json_object_get(v, "particella")) : ""));
	json_object_set_new(out, "subalterno", json_string(v ?
	    json_string_value(json_object_get(v, "subalterno")) : ""));
	json_object_set(out, "identifiers", ids);
	json_object_set(out, "category", json_object_get(u, "category"));
	json_object_set_new(out, "residential", json_boolean(
	    json_integer_value(json_object_get(u, "residential"))));
	json_object_set(out, "classe", json_object_get(u, "classe"));
	v = json_object_get(u, "consistenza");
	if (json_is_integer(v)) {
		const char *m = json_string_value(json_object_get(u, "measure"));
		const char *unit = "";

		for (int k = 0; k < FAB_MEASURE__MAX; k++)
			if (strcmp(fab_measure_names[k], m) == 0)
				unit = fab_measure_units[k];
		json_object_set_new(out, "consistenza", json_pack("{s:f, s:s}",
		    "value", (double)json_integer_value(v) / 100.0,
		    "unit", unit));
	} else
		json_object_set_new(out, "consistenza", json_null());
	json_object_set(out, "superficie", json_object_get(u, "superficie"));
	json_object_set_new(out, "superficie_unit", json_string("m²"));
	json_object_set(out, "rendita_cents", json_object_get(u,
	    "rendita_cents"));
	list = json_array();
	json_array_foreach(addrs, i, v) {
		char	 text[ADDRESS_KEY_MAX], num[32];

		address_text(v, text, num);
		json_array_append_new(list, json_pack("{s:s, s:O, s:s, s:s}",
		    "toponym", json_string_value(json_object_get(v, "dug")),
		    "street", json_object_get(v, "street"), "house_number", num,
		    "text", text));
	}
	json_object_set(out, "address", json_array_size(list) > 0 ?
	    json_array_get(list, 0) : json_null());
	json_object_set_new(out, "addresses", list);
	json_object_set(out, "scala", json_object_get(u, "scala"));
	json_object_set(out, "interno", json_object_get(u, "interno"));
	json_object_set(out, "piano", json_object_get(u, "piano"));
	json_object_set_new(out, "source", json_pack("{s:O, s:O, s:O}",
	    "import_id", json_object_get(u, "import_id"),
	    "file", json_object_get(u, "import_file"),
	    "imported_at", json_object_get(u, "imported_at")));
	return out;
}

/*
 * The units whose ids are in the array, in that order, as unit_json shows
 * them; ids of other comuni (with comune_id not 0) or of no unit are left
 * out.  NULL on a database error.
 */
json_t *
cadastre_units(struct store *st, json_t *ids, int64_t comune_id)
{
	json_t	*units, *idents, *addrs, *out, *v, *u;
	char	*text;
	size_t	 i, k;

	if (json_array_size(ids) == 0)
		return json_array();
	if ((text = json_dumps(ids, JSON_COMPACT)) == NULL)
		return NULL;
	/* One snapshot for the three reads: a unit and its rows agree. */
	if (store_tx(st, STORE_BEGIN_READ) < 0) {
		free(text);
		return NULL;
	}
	units = store_rows(st, STMT_UNITS_GET, "sii", text, comune_id,
	    comune_id);
	idents = store_rows(st, STMT_UNITS_IDENTS, "s", text);
	addrs = store_rows(st, STMT_UNITS_ADDRESSES, "s", text);
	store_tx(st, STORE_COMMIT);
	free(text);
	out = NULL;
	if (units == NULL || idents == NULL || addrs == NULL)
		goto done;
	out = json_array();
	json_array_foreach(ids, i, v)
		json_array_foreach(units, k, u) {
			int64_t	 id = json_integer_value(json_object_get(u, "id"));
			json_t	*a, *b;

			if (id != json_integer_value(v))
				continue;
			a = children_of(idents, id);
			b = children_of(addrs, id);
			json_array_append_new(out, unit_json(u, a, b));
			json_decref(a);
			json_decref(b);
			break;
		}
done:
	json_decref(units);
	json_decref(idents);
	json_decref(addrs);
	return out;
}

/* One unit, or NULL when it does not exist or is another comune's. */
json_t *
cadastre_unit(struct store *st, int64_t unit_id, int64_t comune_id)
{
	json_t	*ids = json_pack("[I]", (json_int_t)unit_id), *all, *u;

	all = cadastre_units(st, ids, comune_id);
	json_decref(ids);
	u = json_incref(json_array_get(all, 0));
	json_decref(all);
	return u;
}

/* The units of the column unit_id of rows, as a new array. */
static json_t *
units_of_rows(struct store *st, json_t *rows, int64_t comune_id)
{
	json_t	*ids = json_array(), *v, *out;
	size_t	 i;

	json_array_foreach(rows, i, v)
		json_array_append(ids, json_object_get(v, "unit_id"));
	out = cadastre_units(st, ids, comune_id);
	json_decref(ids);
	return out;
}

/* Identifiers as typed: "0142" and "142" are the same foglio. */
static void
strip_zeros(const char *in, char *out, size_t size)
{
	while (*in == ' ')
		in++;
	while (in[0] == '0' && in[1] != '\0')
		in++;
	snprintf(out, size, "%s", in);
	for (size_t n = strlen(out); n > 0 && out[n - 1] == ' '; n--)
		out[n - 1] = '\0';
}

/*
 * Units of a comune by foglio and particella, and subalterno when given.
 * Returns a new array, or NULL on a database error.
 */
json_t *
cadastre_find_ident(struct store *st, int64_t comune_id, const char *foglio,
    const char *particella, const char *subalterno)
{
	char	 f[16], p[16], s[16];
	json_t	*rows, *out = json_array();

	strip_zeros(foglio, f, sizeof(f));
	strip_zeros(particella, p, sizeof(p));
	strip_zeros(subalterno ? subalterno : "", s, sizeof(s));
	if (s[0] != '\0')
		rows = store_rows(st, STMT_UNITS_BY_IDENT_SUB, "isss", comune_id,
		    f, p, s);
	else
		rows = store_rows(st, STMT_UNITS_BY_IDENT, "iss", comune_id, f,
		    p);
	if (rows == NULL) {
		json_decref(out);
		return NULL;
	}
	json_decref(out);
	out = units_of_rows(st, rows, comune_id);
	json_decref(rows);
	return out;
}

static int
by_score(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int64_t sx = json_integer_value(json_object_get(x, "score")),
		sy = json_integer_value(json_object_get(y, "score"));

	return sx != sy ? (sx < sy ? 1 : -1) :
	    (json_integer_value(json_object_get(x, "unit_id")) <
	    json_integer_value(json_object_get(y, "unit_id")) ? -1 : 1);
}

/*
 * Units of a comune whose address matches the text, best first, each with
 * its score (address.h); at most limit of them.  The street is looked up
 * by its key and house number, then by key alone, then as a prefix of the
 * key (the clerk may still be typing).
 */
json_t *
cadastre_find_address(struct store *st, int64_t comune_id,
    const char *text, int limit)
{
	struct address	 q, c;
	char		 hi[SEARCH_KEY_MAX];
	json_t		*rows = NULL, *out = json_array(), *v, **sorted = NULL;
	size_t		 i, n, kept = 0;

	address_parse(text, &q);
	if (q.street_key[0] == '\0')
		return out;
	if (q.number > 0)
		rows = store_rows(st, STMT_UNITS_BY_STREET, "isi", comune_id,
		    q.street_key, q.number);
	if (rows != NULL && json_array_size(rows) == 0) {
		json_decref(rows);
		rows = NULL;
	}
	if (rows == NULL)
		rows = store_rows(st, STMT_UNITS_BY_STREET_ANY, "is", comune_id,
		    q.street_key);
	if (rows != NULL && json_array_size(rows) == 0 &&
	    search_upper_bound(q.street_key, hi) == 0) {
		json_decref(rows);
		rows = store_rows(st, STMT_UNITS_BY_STREET_PREFIX, "iss",
		    comune_id, q.street_key, hi);
	}
	if (rows == NULL) {
		json_decref(out);
		return NULL;
	}
	n = json_array_size(rows);
	sorted = calloc(n + 1, sizeof(*sorted));
	json_array_foreach(rows, i, v) {
		char	 num[16];
		bool	 dup = false;

		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(json_object_get(v, "number")));
		address_make(json_string_value(json_object_get(v, "dug")),
		    json_string_value(json_object_get(v, "street")), num, &c);
		snprintf(c.esponente, sizeof(c.esponente), "%s",
		    json_string_value(json_object_get(v, "esponente")));
		json_object_set_new(v, "score", json_integer(address_score(&q,
		    &c)));
		/* A unit with two entrances on the same street counts once. */
		for (size_t k = 0; k < kept; k++)
			if (json_integer_value(json_object_get(sorted[k],
			    "unit_id")) == json_integer_value(json_object_get(v,
			    "unit_id"))) {
				if (json_integer_value(json_object_get(v,
				    "score")) > json_integer_value(
				    json_object_get(sorted[k], "score")))
					sorted[k] = v;
				dup = true;
			}
		if (!dup)
			sorted[kept++] = v;
	}
	qsort(sorted, kept, sizeof(*sorted), by_score);
	{
		json_t	*ids = json_array(), *units;

		for (i = 0; i < kept && (int)i < limit; i++)
			json_array_append(ids, json_object_get(sorted[i],
			    "unit_id"));
		units = cadastre_units(st, ids, comune_id);
		json_decref(ids);
		json_decref(out);
		out = units;
		for (i = 0; out != NULL && i < json_array_size(out); i++) {
			json_t *u = json_array_get(out, i);

			for (size_t k = 0; k < kept; k++)
				if (json_integer_value(json_object_get(sorted[k],
				    "unit_id")) == json_integer_value(
				    json_object_get(u, "id")))
					json_object_set(u, "score",
					    json_object_get(sorted[k], "score"));
		}
	}
	free(sorted);
	json_decref(rows);
	return out;
}
