/*
 * apply_page: the pages of the online application's steps (public_apply.c,
 * docs/citizen.md): each step's fields with what the draft holds, each
 * mistake beside its field (aria-describedby) and listed above the form
 * with a link to it, the rooms' eligibility with its explanation, and the
 * summary before sending.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply_page.h"
#include "base/jfield.h"
#include "domain/eligibility.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/numerals.h"
#include "page.h"
#include "points/points.h"
#include "store/store.h"

#define APPLY_ROOMS	10
#define APPLY_PERSONS	5
#define APPLY_PAYMENTS	4

const char *const apply_step_labels[ONLINE_SUMMARY + 1] = {
	[ONLINE_APPLICANT] = N_("Richiedente e motivo"),
	[ONLINE_DWELLING] = N_("Alloggio e stanze"),
	[ONLINE_PERSONS] = N_("Persone"),
	[ONLINE_DOCUMENTS] = N_("Documenti"),
	[ONLINE_FEES] = N_("Pagamenti e ritiro"),
	[ONLINE_SUMMARY] = N_("Riepilogo e invio"),
};

/* A field of the form: its element id, name, label, and type or list. */
struct field {
	const char		*id, *name, *label, *type, *autocomplete;
	const struct choice	*choices;
};

static const struct field applicant_fields[] = {
	{"a-surname", "applicant.surname", N_("Cognome"), "text",
	    "family-name", NULL},
	{"a-given", "applicant.given_names", N_("Nome"), "text",
	    "given-name", NULL},
	{"a-sex", "applicant.sex", N_("Sesso"), NULL, NULL, intake_sexes},
	{"a-birth", "applicant.birth_date", N_("Data di nascita"), "date",
	    "bday", NULL},
	{"a-bplace", "applicant.birth_place", N_("Luogo di nascita"), "text",
	    "off", NULL},
	{"a-bcountry", "applicant.birth_country", N_("Stato di nascita"),
	    "country", NULL, NULL},
	{"a-citizenship", "applicant.citizenship", N_("Cittadinanza"),
	    "country", NULL, NULL},
	{"a-cf", "applicant.codice_fiscale", N_("Codice fiscale"), "text",
	    "off", NULL},
	{"a-cfwhy", "applicant.cf_missing_reason",
	    N_("Se manca il codice fiscale, perché"), "text", "off", NULL},
	{"a-idtype", "applicant.id_doc_type", N_("Documento d'identità"), NULL,
	    NULL, intake_id_doc_types},
	{"a-idnum", "applicant.id_doc_number", N_("Numero del documento"),
	    "text", "off", NULL},
	{"a-idexp", "applicant.id_doc_expiry", N_("Scadenza del documento"),
	    "date", "off", NULL},
	{"a-ptype", "applicant.permit_type", N_("Titolo di soggiorno"), NULL,
	    NULL, intake_permit_types},
	{"a-pnum", "applicant.permit_number",
	    N_("Numero del titolo di soggiorno"), "text", "off", NULL},
	{"a-pexp", "applicant.permit_expiry",
	    N_("Scadenza del titolo di soggiorno"), "date", "off", NULL},
	{"a-phone", "applicant.phone", N_("Cellulare"), "tel", "tel", NULL},
	{"a-email", "applicant.email", N_("E-mail"), "email", "email", NULL},
	{"a-lang", "applicant.language", N_("Lingua preferita"), NULL, NULL,
	    intake_languages},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};

static const struct field dwelling_fields[] = {
	{"d-street", "dwelling.street", N_("Indirizzo (via/piazza)"), "text",
	    "street-address", NULL},
	{"d-num", "dwelling.house_number", N_("Civico"), "text", "off", NULL},
	{"d-int", "dwelling.interno", N_("Interno"), "text", "off", NULL},
	{"d-scala", "dwelling.scala", N_("Scala"), "text", "off", NULL},
	{"d-floor", "dwelling.floor", N_("Piano"), "text", "off", NULL},
	{"d-cap", "dwelling.cap", N_("CAP"), "text", "postal-code", NULL},
	{NULL, NULL, NULL, NULL, NULL, NULL},
};

/* A value of the draft by its dotted name ("applicant.surname"). */
static const char *
value_at(const json_t *data, const char *name)
{
	char		 head[64];
	const char	*dot = strchr(name, '.');

	if (dot == NULL)
		return jfield_text(data, name);
	snprintf(head, sizeof(head), "%.*s", (int)(dot - name), name);
	return jfield_text(json_object_get(data, head), dot + 1);
}

/* The errors by field, with '_' for '.' so the page can name them. */
static json_t *
field_errors(const json_t *errors)
{
	json_t		*out = json_object(), *v;
	const char	*k;
	char		 key[128];

	json_object_foreach((json_t *)errors, k, v) {
		snprintf(key, sizeof(key), "%s", k);
		for (char *c = key; *c != '\0'; c++)
			if (*c == '.')
				*c = '_';
		json_object_set(out, key, v);
	}
	return out;
}

/* The fields of a table, as the page draws them. */
static json_t *
fields(const struct field *fs, const json_t *data, const json_t *errors,
    const char *lang)
{
	json_t	*out = json_array();

	for (const struct field *f = fs; f->id != NULL; f++) {
		const char	*v = value_at(data, f->name);
		json_t		*e = json_object_get(errors, f->name);
		json_t		*o;

		if (f->choices == intake_languages && *v == '\0')
			v = lang;
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:O?}", "id",
		    f->id, "name", f->name, "label", _(f->label), "type",
		    f->type ? f->type : "", "auto", f->autocomplete ?
		    f->autocomplete : "", "value", v, "error", e);
		if (f->choices != NULL)
			json_object_set_new(o, "select", json_pack("{s:o}",
			    "options", page_choices(f->choices, v)));
		else if (f->type != NULL && strcmp(f->type, "country") == 0)
			json_object_set_new(o, "select", json_pack("{s:o}",
			    "options", page_countries(v)));
		json_array_append_new(out, o);
	}
	return out;
}

/* Each row's mistakes (key.N.field), joined, as the row's "err". */
static void
row_errors(json_t *rows, const json_t *errors, const char *key)
{
	json_t		*r, *v;
	const char	*k;
	size_t		 i, n = strlen(key);

	json_array_foreach(rows, i, r) {
		char	 prefix[64], all[1024] = "";

		snprintf(prefix, sizeof(prefix), "%s.%zu.", key, i);
		json_object_foreach((json_t *)errors, k, v)
			if (strncmp(k, key, n) == 0 &&
			    strncmp(k, prefix, strlen(prefix)) == 0)
				snprintf(all + strlen(all), sizeof(all) -
				    strlen(all), "%s%s", *all ? " · " : "",
				    json_string_value(v));
		json_object_set_new(r, "err", *all ? json_string(all) :
		    json_null());
	}
}

/* The list above the form: each mistake, linked to its step. */
static json_t *
error_list(const json_t *errors, int step)
{
	json_t		*out = json_array(), *v;
	const char	*k;
	char		 href[96];

	json_object_foreach((json_t *)errors, k, v) {
		const struct field *fs[] = {applicant_fields, dwelling_fields};
		const char	*id = "apply-form";

		for (size_t t = 0; t < 2; t++)
			for (const struct field *f = fs[t]; f->id; f++)
				if (strcmp(f->name, k) == 0)
					id = f->id;
		if (strcmp(k, "purpose") == 0 || strcmp(k, "title") == 0)
			id = k;
		else if (strcmp(k, "notify_to") == 0)
			id = "to-applicant";
		if (step == ONLINE_SUMMARY && strcmp(k, "truthful") != 0 &&
		    strcmp(k, "contact") != 0 && strcmp(k, "otp") != 0 &&
		    strcmp(k, "channel") != 0)
			snprintf(href, sizeof(href), "/domanda/passo/%d#%s",
			    online_step_of(k), id);
		else
			snprintf(href, sizeof(href), "#%s", id);
		json_array_append_new(out, json_pack("{s:s, s:O}", "href", href,
		    "message", v));
	}
	return out;
}

/* Who receives an association's case messages (online_submit). */
static const struct choice recipients[] = {
	{"applicant", N_("Il richiedente")},
	{"association", N_("L'associazione")},
	{"both", N_("Entrambi")},
	{NULL, NULL},
};

static void
step_one(json_t *ctx, const struct online_draft *d, const json_t *errors,
    const char *lang)
{
	json_object_set_new(ctx, "purposes", page_choices(intake_purposes,
	    jfield_str(d->data, "purpose")));
	json_object_set_new(ctx, "applicant_fields", fields(applicant_fields,
	    d->data, errors, lang));
	json_object_set_new(ctx, "recipients", page_choices(recipients,
	    *jfield_text(d->data, "notify_to") ? jfield_text(d->data,
	    "notify_to") : "applicant"));
}

/*
 * The rooms' eligibility (consumed, may be NULL) with its numbers as the
 * page's reader writes them (domain/numerals.c).
 */
static json_t *
local_numbers(json_t *pv, const char *lang)
{
	json_t	*line;
	size_t	 i;
	char	 buf[1024], n[24];

	if (pv == NULL)
		return json_null();
	json_array_foreach(json_object_get(pv, "explanation"), i, line) {
		numerals_local(lang, json_string_value(line), buf, sizeof(buf));
		json_string_set(line, buf);
	}
	snprintf(n, sizeof(n), "%lld", (long long)jfield_int(pv,
	    "max_occupants"));
	numerals_local(lang, n, buf, sizeof(buf));
	json_object_set_new(pv, "max_occupants", json_string(buf));
	return pv;
}

static void
step_two(struct store *st, json_t *ctx, const struct online_draft *d,
    const json_t *errors, json_t *preview, const char *lang)
{
	json_t	*rooms = page_rows(json_object_get(d->data, "rooms"),
		    APPLY_ROOMS, elig_uses, "use");
	json_t	*e = json_object();

	row_errors(rooms, errors, "rooms");
	json_object_set_new(ctx, "titles", page_choices(intake_titles,
	    jfield_str(d->data, "title")));
	json_object_set_new(ctx, "dwelling_fields", fields(dwelling_fields,
	    d->data, errors, NULL));
	json_object_set_new(ctx, "rooms", rooms);
	/* The rooms' eligibility, whenever they can be assessed. */
	if (preview == NULL && json_array_size(json_object_get(d->data,
	    "rooms")) > 0)
		preview = online_eligibility(st, d, e);
	json_decref(e);
	json_object_set_new(ctx, "preview", local_numbers(preview, lang));
}

static void
step_three(json_t *ctx, const struct online_draft *d, const json_t *errors)
{
	static const struct { const char *key, *title, *label, *hint; } g[] = {
		{"residents", N_("Residenti attuali"), N_("Residente"),
		    N_("Le persone che abitano già nell'alloggio.")},
		{"hosted", N_("Persone da ospitare"),
		    N_("Persona da ospitare"), N_("Le persone che verranno ad "
		    "abitare nell'alloggio (per esempio i familiari da "
		    "ricongiungere).")},
	};
	json_t	*groups = json_array();

	for (size_t i = 0; i < 2; i++) {
		json_t *rows = page_rows(json_object_get(d->data, g[i].key),
		    APPLY_PERSONS, NULL, NULL);

		row_errors(rows, errors, g[i].key);
		json_array_append_new(groups, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:o}", "key", g[i].key, "title", _(g[i].title), "label",
		    _(g[i].label), "hint", _(g[i].hint), "rows", rows));
	}
	json_object_set_new(ctx, "groups", groups);
}

static void
step_four(json_t *ctx, const struct online_draft *d)
{
	json_t	*files = json_deep_copy(d->files), *f;
	size_t	 i;

	json_array_foreach(files, i, f) {
		int k = choice_index(intake_documents, jfield_str(f, "kind"));

		json_object_set_new(f, "kind_label", json_string(k >= 0 ?
		    _(intake_documents[k].label) : _("Altro documento")));
	}
	json_object_set_new(ctx, "files", files);
	json_object_set_new(ctx, "documents", page_checklist(json_object_get(
	    d->data, "documents")));
	json_object_set_new(ctx, "kinds", page_choices(intake_documents,
	    NULL));
}

static void
step_five(struct store *st, json_t *ctx, const struct online_draft *d,
    const json_t *errors)
{
	json_t		*pay = page_rows(json_object_get(d->data, "payments"),
			    APPLY_PAYMENTS, intake_payment_kinds, "kind");
	json_t		*pts = points_nearest(st, d->comune_id, NULL, 100), *r;
	const char	*cur = jfield_text(d->data, "collection_point");
	size_t		 i;

	json_array_foreach(pay, i, r)
		json_object_set_new(r, "channel_options", page_choices(
		    intake_payment_channels, jfield_str(r, "channel")));
	row_errors(pay, errors, "payments");
	json_object_set_new(ctx, "payments", pay);
	json_object_set_new(ctx, "points", page_points(pts, cur));
}

/* What the summary lists, in the reader's words. */
static void
summary(struct store *st, json_t *ctx, const struct online_draft *d,
    const char *lang)
{
	const json_t	*a = json_object_get(d->data, "applicant");
	const json_t	*dw = json_object_get(d->data, "dwelling");
	json_t		*list = json_array(), *e = json_object(), *pv;
	int		 k = choice_index(intake_purposes, jfield_str(d->data,
			    "purpose"));
	char		 v[400];

#define ROW(label, value) json_array_append_new(list, json_pack( \
	"{s:s, s:s}", "label", label, "value", value))
	snprintf(v, sizeof(v), "%s %s", jfield_text(a, "given_names"),
	    jfield_text(a, "surname"));
	ROW(_("Richiedente"), v);
	ROW(_("Motivo della richiesta"), k >= 0 ?
	    _(intake_purposes[k].label) : "—");
	snprintf(v, sizeof(v), "%s %s, %s", jfield_text(dw, "street"),
	    jfield_text(dw, "house_number"), jfield_text(dw, "cap"));
	ROW(_("Alloggio"), v);
	snprintf(v, sizeof(v), "%zu", json_array_size(json_object_get(
	    d->data, "rooms")));
	ROW(_("Stanze"), v);
	snprintf(v, sizeof(v), "%d + %d", intake_count_persons(
	    json_object_get(d->data, "residents")), intake_count_persons(
	    json_object_get(d->data, "hosted")));
	ROW(_("Residenti e persone da ospitare"), v);
	snprintf(v, sizeof(v), "%zu", json_array_size(d->files));
	ROW(_("Documenti caricati"), v);
#undef ROW
	json_object_set_new(ctx, "summary", list);
	pv = online_eligibility(st, d, e);
	json_decref(e);
	json_object_set_new(ctx, "preview", local_numbers(pv, lang));
	json_object_set_new(ctx, "need_contact", json_boolean(
	    d->association_id == 0));
	json_object_set_new(ctx, "confirmed", online_contact_confirmed(d) ?
	    json_string(d->confirmed) : json_null());
	json_object_set_new(ctx, "sent_to", *d->otp_to && *d->otp_hash ?
	    json_string(d->otp_to) : json_null());
}

/*
 * Draws a step (ONLINE_SUMMARY + 1: the application sent).  errors
 * (borrowed, may be NULL) are the mistakes to show; done a line of
 * success; preview (consumed) the rooms' eligibility just computed.
 */
void
apply_page(struct http_req *req, struct http_resp *resp, int status,
    const struct online_draft *d, int step, const json_t *errors,
    const char *done, json_t *preview)
{
	struct store	*st = store_thread();
	json_t		*ctx, *steps = json_array(), *none = json_object();
	const json_t	*a = json_object_get(d->data, "applicant");
	char		 key[8];

	if (errors == NULL)
		errors = none;
	for (int n = ONLINE_APPLICANT; n <= ONLINE_SUMMARY; n++)
		json_array_append_new(steps, json_pack("{s:i, s:s, s:b, s:b}",
		    "n", n, "label", _(apply_step_labels[n]), "reachable",
		    n <= d->step && d->case_id == 0, "current", n == step));
	ctx = json_pack("{s:b, s:s, s:o, s:O, s:o, s:o, s:b, s:b, s:b, s:i}",
	    "form", 1, "csrf", d->csrf, "steps", steps, "f", d->data, "fe",
	    field_errors(errors), "error_list", error_list(errors, step),
	    "has_phone", *jfield_text(a, "phone") != '\0', "has_email",
	    *jfield_text(a, "email") != '\0', "by_association",
	    d->association_id != 0, "step", step);
	json_object_set_new(ctx, "errors", json_boolean(json_object_size(
	    errors) > 0));
	if (done != NULL)
		json_object_set_new(ctx, "done", json_string(done));
	if (step > ONLINE_APPLICANT && step <= ONLINE_SUMMARY)
		json_object_set_new(ctx, "back", json_integer(step - 1));
	snprintf(key, sizeof(key), "s%d", step);
	json_object_set_new(ctx, key, json_true());
	switch (step) {
	case ONLINE_APPLICANT:
		step_one(ctx, d, errors, req->lang);
		break;
	case ONLINE_DWELLING:
		step_two(st, ctx, d, errors, preview, req->lang);
		preview = NULL;
		break;
	case ONLINE_PERSONS:
		step_three(ctx, d, errors);
		break;
	case ONLINE_DOCUMENTS:
		step_four(ctx, d);
		break;
	case ONLINE_FEES:
		step_five(st, ctx, d, errors);
		break;
	case ONLINE_SUMMARY:
		summary(st, ctx, d, req->lang);
		break;
	default:
		json_object_set_new(ctx, "case", json_string(d->case_label));
		json_object_set_new(ctx, "code", json_string(d->tracking_code));
	}
	json_decref(preview);
	json_decref(none);
	page_render(req, resp, status, "apply.html", step > ONLINE_SUMMARY ?
	    _("Domanda inviata") : _(apply_step_labels[step]), ctx);
}

