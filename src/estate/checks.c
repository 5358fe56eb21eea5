/*
 * checks: see checks.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "cadastre.h"
#include "checks.h"
#include "domain/address.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/i18n.h"
#include "domain/protocol_label.h"
#include "domain/unit_check.h"
#include "store/query.h"

static void
add(json_t *list, const char *level, const char *text, const char *source)
{
	json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:b}", "level",
	    level, "text", text, "source", source, "warn",
	    strcmp(level, "warn") == 0));
}

/* "Catasto, fornitura G999_1.FAB importata il 27/11/2026 10:00". */
static void
source_of(const char *what, const char *file, const char *at, char *out,
    size_t size)
{
	char	 when[32];

	clock_local_text(at ? at : "", when, sizeof(when));
	if (file != NULL && *file != '\0')
		snprintf(out, size, _("%s: %s, importato il %s"), what, file,
		    when);
	else
		snprintf(out, size, _("%s: importato il %s"), what, when);
}

/* The latest finished import of a kind: its id, or 0 when there is none. */
static int64_t
current_extract(struct store *st, int64_t comune_id, const char *kind,
    char *src, size_t size, const char *what)
{
	json_t	*row;
	int64_t	 id;

	if (store_row(st, &row, STMT_EXTRACT_CURRENT, "is", comune_id,
	    kind) <= 0)
		return 0;
	id = json_integer_value(json_object_get(row, "id"));
	source_of(what, jfield_text(row, "file_name"),
	    jfield_text(row, "finished_at"), src, size);
	json_decref(row);
	return id;
}

/*
 * The unit of the case: the one picked, or the only one the identifiers
 * name, or the only one at exactly the declared address (and interno).
 * Sets *how to say which; NULL when none is certain (*how then says why).
 */
static json_t *
find_unit(struct store *st, int64_t comune_id, const json_t *c,
    const char **how, int *candidates)
{
	json_t	*found, *u = NULL;
	size_t	 i;

	*candidates = 0;
	if (json_integer_value(json_object_get(c, "unit_id")) > 0) {
		*how = _("scelta allo sportello");
		return cadastre_unit(st, json_integer_value(json_object_get(c,
		    "unit_id")), comune_id);
	}
	if (*jfield_text(c, "foglio") && *jfield_text(c, "particella")) {
		found = cadastre_find_ident(st, comune_id, jfield_text(c, "foglio"),
		    jfield_text(c, "particella"), jfield_text(c, "subalterno"));
		*candidates = (int)json_array_size(found);
		if (*candidates == 1) {
			*how = _("dagli identificativi catastali dichiarati");
			u = json_incref(json_array_get(found, 0));
		}
		json_decref(found);
		if (u != NULL || *candidates > 0)
			return u;
	}
	{
		char	 text[256];
		int	 exact = 0;

		snprintf(text, sizeof(text), "%s %s", jfield_text(c, "street"),
		    jfield_text(c, "house_number"));
		found = cadastre_find_address(st, comune_id, text, 20);
		json_array_foreach(found, i, u) {
			if (json_integer_value(json_object_get(u, "score")) < 100)
				continue;
			/* With an interno, the unit must have the same one. */
			if (*jfield_text(c, "interno") && *jfield_text(u, "interno") &&
			    strcmp(jfield_text(c, "interno"), jfield_text(u, "interno")) != 0)
				continue;
			exact++;
		}
		*candidates = exact;
		u = NULL;
		if (exact == 1)
			json_array_foreach(found, i, u)
				if (json_integer_value(json_object_get(u,
				    "score")) == 100 && (!*jfield_text(c, "interno") ||
				    !*jfield_text(u, "interno") || strcmp(jfield_text(c,
				    "interno"), jfield_text(u, "interno")) == 0)) {
					json_incref(u);
					*how = _("dall'indirizzo dichiarato");
					break;
				}
		if (exact != 1)
			u = NULL;
		json_decref(found);
	}
	return u;
}

/* The comune's tolerance on floor areas, in percent. */
static int
tolerance(struct store *st, int64_t comune_id)
{
	int64_t	 t = 25;

	store_int(st, &t, STMT_COMUNE_TOLERANCE, "i", comune_id);
	return (int)t;
}

static void
unit_checks(struct store *st, int64_t comune_id, const json_t *c,
    json_t *u, json_t *list)
{
	json_t		*rooms = json_object_get(c, "rooms"), *v, *cons;
	const json_t	*src = json_object_get(u, "source");
	const char	*uses[64];
	char		 source[256], text[512], a[DEC2_STRLEN], b[DEC2_STRLEN];
	int64_t		 area = 0, declared, cadastral;
	size_t		 i;
	int		 n = 0, dev;

	source_of(_("Catasto"), jfield_text(src, "file"),
	    jfield_text(src, "imported_at"), source, sizeof(source));
	if (json_is_true(json_object_get(u, "residential"))) {
		snprintf(text, sizeof(text), _("Categoria %s: abitazione."),
		    jfield_text(u, "category"));
		add(list, "ok", text, source);
	} else {
		snprintf(text, sizeof(text), _("Categoria %s: non è "
		    "un'abitazione (le abitazioni sono A/1-A/9 e A/11)."),
		    *jfield_text(u, "category") ? jfield_text(u, "category") : "?");
		add(list, "warn", text, source);
	}
	json_array_foreach(rooms, i, v) {
		if (n < 64)
			uses[n++] = jfield_text(v, "use");
		area += json_integer_value(json_object_get(v, "area"));
	}
	cons = json_object_get(u, "consistenza");
	if (n > 0 && strcmp(jfield_text(cons, "unit"), "vani") == 0) {
		cadastral = (int64_t)(json_number_value(json_object_get(cons,
		    "value")) * 100 + 0.5);
		declared = unit_check_vani(uses, n);
		dec2_format_short(cadastral, a, ',');
		dec2_format_short(declared, b, ',');
		snprintf(text, sizeof(text), _("Consistenza catastale %s vani; "
		    "le stanze dichiarate valgono %s vani (camere e cucina 1, "
		    "bagni, corridoi e ripostigli 1/3)."), a, b);
		add(list, unit_check_rooms(cadastral, declared) == UNIT_CHECK_OK ?
		    "ok" : "warn", text, source);
	}
	if (n > 0 && json_integer_value(json_object_get(u, "superficie")) > 0) {
		int64_t	 sup = json_integer_value(json_object_get(u,
		    "superficie"));
		int	 tol = tolerance(st, comune_id);
		enum unit_check r = unit_check_area(sup, area, tol, &dev);

		dec2_format(area, b, ',');
		if (dev >= 0)
			snprintf(text, sizeof(text), _("Superficie catastale %lld "
			    "m²; superficie netta dichiarata %s m², il %d%% in "
			    "meno (tolleranza del comune: %d%%)."),
			    (long long)sup, b, dev, tol);
		else
			snprintf(text, sizeof(text), _("Superficie catastale %lld "
			    "m²; superficie netta dichiarata %s m², più grande "
			    "di quella catastale, che comprende i muri."),
			    (long long)sup, b);
		add(list, r == UNIT_CHECK_OK ? "ok" : "warn", text, source);
	}
}

/* The address of the case, normalised as the registers are. */
static void
case_address(const json_t *c, struct address *a)
{
	address_parse_parts(jfield_text(c, "street"),
	    jfield_text(c, "house_number"), NULL, jfield_text(c, "interno"),
	    jfield_text(c, "scala"), a);
}

static void
residents_check(struct store *st, int64_t comune_id, const json_t *c,
    json_t *u, json_t *list)
{
	char		 source[256], text[512];
	int64_t		 imp;
	json_t		*rows = NULL, *v, *fam;
	struct address	 a;
	int		 declared = 0;
	size_t		 i;
	const char	*where = "";

	imp = current_extract(st, comune_id, "residents", source,
	    sizeof(source), _("Anagrafe"));
	if (imp == 0) {
		add(list, "info", _("Anagrafe: nessun estratto importato, "
		    "residenti non verificati."), "");
		return;
	}
	json_array_foreach(json_object_get(c, "persons"), i, v)
		declared += strcmp(jfield_text(v, "kind"), "resident") == 0;
	/* By the unit's identifiers where the extract carries them. */
	if (u != NULL && *jfield_text(u, "foglio")) {
		rows = store_rows(st, STMT_RESIDENTS_AT_PARCEL, "iisss",
		    comune_id, imp, jfield_text(u, "foglio"), jfield_text(u, "particella"),
		    jfield_text(u, "subalterno"));
		where = _("all'unità catastale");
		if (rows != NULL && json_array_size(rows) == 0) {
			json_decref(rows);
			rows = NULL;
		}
	}
	if (rows == NULL) {
		case_address(c, &a);
		rows = store_rows(st, STMT_RESIDENTS_AT_ADDRESS, "iisisss",
		    comune_id, imp, a.street_key, a.number, a.esponente,
		    a.interno, a.interno);
		where = a.interno[0] ? _("all'indirizzo e interno") :
		    _("all'indirizzo");
	}
	if (rows == NULL)
		return;
	fam = json_object();
	json_array_foreach(rows, i, v)
		json_object_set_new(fam, jfield_text(v, "family_id"), json_true());
	snprintf(text, sizeof(text), _("In anagrafe %zu residenti %s (%zu "
	    "famiglie); nella domanda %d residenti."), json_array_size(rows),
	    where, json_object_size(fam), declared);
	add(list, (int)json_array_size(rows) == declared ? "ok" : "warn", text,
	    source);
	json_decref(fam);
	json_decref(rows);
}

static void
tari_check(struct store *st, int64_t comune_id, const json_t *c, json_t *u,
    json_t *list)
{
	char		 source[256], text[512], today[DATE_STRLEN];
	int64_t		 imp;
	json_t		*rows = NULL, *v, *open = NULL;
	struct address	 a;
	size_t		 i;

	/* TARI is optional: a comune that does not supply it sees nothing. */
	if ((imp = current_extract(st, comune_id, "tari", source,
	    sizeof(source), _("TARI"))) == 0)
		return;
	date_format(clock_today(), today);
	if (u != NULL && *jfield_text(u, "foglio")) {
		rows = store_rows(st, STMT_TARI_AT_PARCEL, "iisss", comune_id,
		    imp, jfield_text(u, "foglio"), jfield_text(u, "particella"),
		    jfield_text(u, "subalterno"));
		if (rows != NULL && json_array_size(rows) == 0) {
			json_decref(rows);
			rows = NULL;
		}
	}
	if (rows == NULL) {
		case_address(c, &a);
		rows = store_rows(st, STMT_TARI_AT_ADDRESS, "iisisss", comune_id,
		    imp, a.street_key, a.number, a.esponente, a.interno,
		    a.interno);
	}
	if (rows == NULL)
		return;
	json_array_foreach(rows, i, v)
		if (*jfield_text(v, "until") == '\0' || strcmp(jfield_text(v, "until"),
		    today) >= 0) {
			open = v;
			break;
		}
	if (open != NULL) {
		char	 since[DATE_STRLEN] = "";
		int	 day;

		if (date_parse(jfield_text(open, "since"), &day))
			date_format_it(day, since);
		snprintf(text, sizeof(text), _("Iscrizione TARI in corso a nome "
		    "di %s dal %s (%lld m²)."), jfield_text(open, "payer_name"), since,
		    (long long)json_integer_value(json_object_get(open,
		    "area_m2")));
		add(list, "ok", text, source);
	} else
		add(list, "warn", json_array_size(rows) > 0 ?
		    _("L'iscrizione TARI di questo alloggio è cessata.") :
		    _("Nessuna iscrizione TARI per questo alloggio."), source);
	json_decref(rows);
}

/*
 * The cases of a unit in the comune other than except (0: all), newest
 * first, each with its protocol and how many rooms its survey has.
 */
json_t *
estate_unit_cases(struct store *st, int64_t comune_id, int64_t unit_id,
    int64_t except)
{
	json_t	*rows = store_rows(st, STMT_UNIT_CASES, "ii", unit_id,
	    comune_id), *out = json_array(), *v;
	size_t	 i;
	char	 pl[PROTOCOL_LABEL_STRLEN];

	json_array_foreach(rows, i, v) {
		if (json_integer_value(json_object_get(v, "id")) == except)
			continue;
		protocol_label(json_integer_value(json_object_get(v,
		    "protocol_year")), json_integer_value(json_object_get(v,
		    "protocol_no")), pl, sizeof(pl));
		json_object_set_new(v, "protocol", json_string(pl));
		json_array_append(out, v);
	}
	json_decref(rows);
	return out;
}

/*
 * The checks of a case (its document as cases_load gives it), as
 * {unit, how, checks: [{level, text, source, warn}], earlier: [cases]}.
 */
json_t *
estate_case_checks(struct store *st, int64_t comune_id, const json_t *c)
{
	json_t		*list = json_array(), *u, *out;
	const char	*how = "";
	int		 candidates;

	u = find_unit(st, comune_id, c, &how, &candidates);
	if (u != NULL)
		unit_checks(st, comune_id, c, u, list);
	else if (candidates > 1) {
		char	 text[256];

		snprintf(text, sizeof(text), _("%d unità catastali "
		    "corrispondono a indirizzo e identificativi: sceglierne una "
		    "per confrontarla."), candidates);
		add(list, "info", text, "");
	} else
		add(list, "info", _("Nessuna unità catastale trovata con "
		    "l'indirizzo o gli identificativi dichiarati."), "");
	residents_check(st, comune_id, c, u, list);
	tari_check(st, comune_id, c, u, list);
	out = json_pack("{s:o, s:s, s:o, s:o}", "unit", u ? u : json_null(),
	    "how", how, "checks", list, "earlier", u ? estate_unit_cases(st,
	    comune_id, json_integer_value(json_object_get(u, "id")),
	    json_integer_value(json_object_get(c, "id"))) : json_array());
	return out;
}

/*
 * The unit page: the unit, how many people the anagrafe has there, its
 * TARI registrations and its cases.  NULL when it is not the comune's.
 */
json_t *
estate_unit_page(struct store *st, int64_t comune_id, int64_t unit_id)
{
	json_t	*u = cadastre_unit(st, unit_id, comune_id), *rows;
	char	 source[256];
	int64_t	 imp;

	if (u == NULL)
		return NULL;
	json_object_set_new(u, "cases", estate_unit_cases(st, comune_id, unit_id,
	    0));
	imp = current_extract(st, comune_id, "residents", source,
	    sizeof(source), _("Anagrafe"));
	if (imp != 0 && (rows = store_rows(st, STMT_RESIDENTS_AT_PARCEL,
	    "iisss", comune_id, imp, jfield_text(u, "foglio"),
	    jfield_text(u, "particella"), jfield_text(u, "subalterno"))) !=
	    NULL) {
		json_object_set_new(u, "residents_count",
		    json_integer((json_int_t)json_array_size(rows)));
		json_object_set_new(u, "residents_source", json_string(source));
		json_decref(rows);
	}
	imp = current_extract(st, comune_id, "tari", source, sizeof(source),
	    _("TARI"));
	if (imp != 0 && (rows = store_rows(st, STMT_TARI_AT_PARCEL, "iisss",
	    comune_id, imp, jfield_text(u, "foglio"), jfield_text(u, "particella"),
	    jfield_text(u, "subalterno"))) != NULL) {
		json_object_set_new(u, "tari", rows);
		json_object_set_new(u, "tari_source", json_string(source));
	}
	return u;
}
