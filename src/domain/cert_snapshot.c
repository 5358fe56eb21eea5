/*
 * cert_snapshot: see cert_snapshot.h.
 */
#include <stdlib.h>
#include <string.h>

#include "cert_snapshot.h"
#include "eligibility.h"
#include "intake.h"
#include "names.h"

/* A field of a row: its text ("" when absent), or its integer. */
static const char *
fstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const char *
ftext(const json_t *o, const char *k)
{
	const char *s = fstr(o, k);

	return s != NULL ? s : "";
}

static json_int_t
fint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/*
 * The purposes for which the certificate also attests the dwelling's
 * hygiene and health fitness: family reunification and cohesion (D.Lgs.
 * 286/1998 art. 29 c. 3 a, as amended by L. 94/2009; ../domain.md §1).
 */
bool
cert_hygiene_required(const char *purpose)
{
	return purpose != NULL && (strcmp(purpose, "family_reunification") ==
	    0 || strcmp(purpose, "family_cohesion") == 0);
}

static json_t *
text(const char *s)
{
	return json_string(s != NULL ? s : "");
}

/* A vocabulary's value with its Italian label, as printed. */
static json_t *
labelled(const struct choice *vocab, const char *value)
{
	const char *l = choice_label(vocab, value);

	return json_pack("{s:s, s:s}", "code", value ? value : "", "label",
	    l != NULL ? l : (value ? value : ""));
}

/*
 * On what the hygiene attestation rests: an inspection the office made
 * (the "inspection done" step), or else the owner's declaration among the
 * documents received; "none" when the purpose needs it and neither is
 * there, which the certificate then says plainly.
 */
static json_t *
hygiene(const json_t *c)
{
	const char	*basis = "none";
	json_t		*v;
	size_t		 i;

	if (!cert_hygiene_required(fstr(c, "purpose")))
		return json_pack("{s:b}", "required", 0);
	json_array_foreach(json_object_get(c, "documents"), i, v)
		if (strcmp(ftext(v, "kind"), "hygiene_declaration") ==
		    0 && fint(v, "received"))
			basis = "declaration";
	json_array_foreach(json_object_get(c, "events"), i, v)
		if (strcmp(ftext(v, "action"), "inspection_done") == 0)
			basis = "inspection";
	return json_pack("{s:b, s:s}", "required", 1, "basis", basis);
}

/* The revenue stamp paid for the certificate: the last one recorded. */
static json_t *
stamp(const json_t *c)
{
	const char	*ref = "";
	json_t		*v;
	size_t		 i;

	json_array_foreach(json_object_get(c, "payments"), i, v)
		if (strcmp(ftext(v, "kind"), "stamp") == 0 &&
		    *ftext(v, "reference") != '\0')
			ref = ftext(v, "reference");
	return json_string(ref);
}

static json_t *
rooms(const json_t *c)
{
	json_t	*out = json_array(), *v;
	size_t	 i;

	json_array_foreach(json_object_get(c, "rooms"), i, v) {
		json_t *r = labelled(elig_uses, fstr(v, "use"));

		json_object_set_new(r, "name", text(fstr(v, "name")));
		json_object_set_new(r, "area", json_integer(fint(v,
		    "area")));
		json_array_append_new(out, r);
	}
	return out;
}

static json_t *
applicant(const json_t *c)
{
	static const char *const keys[] = {
		"surname", "given_names", "sex", "birth_date", "birth_place",
		"birth_country", "citizenship", "codice_fiscale",
		"id_doc_type", "id_doc_number",
	};
	json_t	*a = json_object();

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(a, keys[i], text(fstr(c, keys[i])));
	return a;
}

static json_t *
dwelling(const json_t *c)
{
	static const char *const keys[] = {
		"street", "house_number", "interno", "scala", "floor", "cap",
	};
	static const char *const cadastre[] = {
		"sezione", "foglio", "particella", "subalterno", "category",
	};
	json_t	*d = json_object(), *k = json_object();

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(d, keys[i], text(fstr(c, keys[i])));
	for (size_t i = 0; i < sizeof(cadastre) / sizeof(cadastre[0]); i++)
		json_object_set_new(k, cadastre[i], text(fstr(c,
		    cadastre[i])));
	json_object_set_new(d, "cadastre", k);
	return d;
}

/*
 * The snapshot of case document c (service/case_doc.c) with its latest
 * assessment, as issue i states it.  Only integers and strings: areas in
 * hundredths of a square metre, so the text has one spelling.  The
 * applicant's language, when it is not Italian, becomes the certificate's
 * second language.  Returns a new object, or NULL without an assessment.
 */
json_t *
cert_snapshot_build(const json_t *c, const struct cert_issue *i)
{
	const json_t	*as = json_object_get(c, "assessment");
	const json_t	*co = i->comune;
	const char	*lang = ftext(c, "language");
	json_t		*s;

	if (!json_is_object(as))
		return NULL;
	s = json_object();
	json_object_set_new(s, "v", json_integer(CERT_SNAPSHOT_VERSION));
	json_object_set_new(s, "number", text(i->number));
	json_object_set_new(s, "code", text(i->code));
	json_object_set_new(s, "verify_url", text(i->verify_url));
	json_object_set_new(s, "issued_on", text(i->issued_on));
	json_object_set_new(s, "valid_until", i->valid_until ?
	    json_string(i->valid_until) : json_null());
	json_object_set_new(s, "sealed_at", text(i->sealed_at));
	json_object_set_new(s, "supersedes", i->supersedes ?
	    json_string(i->supersedes) : json_null());
	json_object_set_new(s, "comune", json_pack("{s:o, s:o, s:o, s:o, "
	    "s:o, s:o}", "code", text(fstr(co, "code")), "name",
	    text(fstr(co, "name")), "province", text(fstr(co,
	    "province")), "office", text(fstr(co, "office")),
	    "address", text(fstr(co, "office_address")), "logo",
	    text(fstr(co, "logo_path"))));
	json_object_set_new(s, "protocol", text(fstr(c, "protocol")));
	json_object_set_new(s, "purpose", labelled(intake_purposes,
	    fstr(c, "purpose")));
	json_object_set_new(s, "applicant", applicant(c));
	json_object_set_new(s, "dwelling", dwelling(c));
	json_object_set_new(s, "rooms", rooms(c));
	json_object_set_new(s, "habitable_area", json_integer(fint(as,
	    "habitable_area")));
	json_object_set_new(s, "total_area", json_integer(fint(as,
	    "total_area")));
	json_object_set_new(s, "max_occupants", json_integer(fint(as,
	    "max_occupants")));
	json_object_set_new(s, "residents", json_integer(fint(as,
	    "residents")));
	json_object_set_new(s, "places_available", json_integer(fint(
	    as, "places_available")));
	json_object_set_new(s, "hygiene", hygiene(c));
	json_object_set_new(s, "rules", json_pack("{s:o, s:I}", "id",
	    text(fstr(as, "rule_set")), "version",
	    fint(as, "rule_version")));
	json_object_set_new(s, "signatory", json_pack("{s:o, s:o}", "name",
	    text(i->signatory), "title", text(fstr(co, "office"))));
	json_object_set_new(s, "stamp", stamp(c));
	json_object_set_new(s, "language", *lang != '\0' &&
	    strcmp(lang, "it") != 0 ? json_string(lang) : json_null());
	return s;
}

/*
 * The canonical text of a snapshot: compact, keys sorted, UTF-8 as is.
 * Only integers and strings are in it, so one snapshot has one text.  The
 * caller frees it.
 */
char *
cert_snapshot_text(const json_t *s)
{
	return json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
}
