/*
 * office_cases: the counter pages: the work queue, the intake form, the
 * case page with its timeline, and the transition buttons.  They work
 * without JavaScript: the form has fixed rows and is shown again, with the
 * values typed and a message per field, when something is wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/decimal.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "estate/cadastre.h"
#include "estate/checks.h"
#include "base/jfield.h"
#include "case_view.h"
#include "domain/eligibility.h"
#include "handlers.h"
#include "office_certificates.h"
#include "office_messages.h"
#include "service/case_files.h"
#include "service/certificates.h"
#include "service/handover.h"
#include "page.h"
#include "points/pickup.h"
#include "points/points.h"
#include "service/assess.h"
#include "service/cases.h"
#include "store/store.h"

#define FORM_ROOMS	10
#define FORM_RESIDENTS	5
#define FORM_HOSTED	5
#define FORM_PAYMENTS	4

static void
intake_form_with(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, json_t *preview, json_t *extra);
static json_t	*collect_choices(struct http_req *, const json_t *);

static void
intake_form(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors)
{
	intake_form_with(req, resp, status, errors, NULL, NULL);
}

/*
 * The places of collection the form offers: the office, then the open
 * points nearest the address typed for it (collection_near) or else the
 * dwelling's, as the comune's stradario places it; by name when it does
 * not know the street.  Each with its distance and hours.
 */
static json_t *
collect_choices(struct http_req *req, const json_t *f)
{
	struct store	*st = store_thread();
	const char	*near = jfield_text(f, "collection_near");
	const char	*cur = jfield_text(f, "collection_point");
	int32_t		 at[2];
	int		 found;
	json_t		*pts;
	char		 street[300];

	snprintf(street, sizeof(street), "%s %s", jfield_text(
	    json_object_get(f, "dwelling"), "street"), jfield_text(
	    json_object_get(f, "dwelling"), "house_number"));
	found = points_street_find(st, req->who.comune_id, *near != '\0' ?
	    near : street, at);
	pts = points_nearest(st, req->who.comune_id, found > 0 ? at : NULL,
	    100);
	pts = page_points(pts, cur);
	return json_pack("{s:o, s:b, s:b, s:s}", "points", pts, "near",
	    found > 0, "unknown", *near != '\0' && found == 0, "typed", near);
}

/*
 * The intake form.  preview (consumed, may be NULL) is the eligibility of
 * the rooms typed so far, shown beside them; extra (consumed, may be NULL)
 * adds to the page's context (the cadastral lookup).
 */
static void
intake_form_with(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, json_t *preview, json_t *extra)
{
	json_t		*f = req->form ? req->form : json_object();
	json_t		*a = json_object_get(f, "applicant");
	json_t		*ctx, *list = json_array();
	json_t		*docs = page_checklist(json_object_get(f, "documents"));
	const char	*k;
	json_t		*v;

	json_object_foreach(errors, k, v)
		json_array_append_new(list, json_pack("{s:s, s:O}", "field", k,
		    "message", v));
	ctx = json_pack("{s:O, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o, s:b, s:O}",
	    "f", f,
	    "purposes", page_choices(intake_purposes, jfield_str(f, "purpose")),
	    "titles", page_choices(intake_titles, jfield_str(f, "title")),
	    "sexes", page_choices(intake_sexes, jfield_str(a, "sex")),
	    "languages", page_choices(intake_languages, jfield_str(a, "language") ?
	    jfield_str(a, "language") : "it"),
	    "id_doc_types", page_choices(intake_id_doc_types,
	    jfield_str(a, "id_doc_type")),
	    "permit_types", page_choices(intake_permit_types,
	    jfield_str(a, "permit_type")),
	    "rooms", page_rows(json_object_get(f, "rooms"), FORM_ROOMS,
	    elig_uses, "use"),
	    "residents", page_rows(json_object_get(f, "residents"), FORM_RESIDENTS,
	    NULL, NULL),
	    "hosted", page_rows(json_object_get(f, "hosted"), FORM_HOSTED, NULL,
	    NULL),
	    "payments", page_rows(json_object_get(f, "payments"), FORM_PAYMENTS,
	    intake_payment_kinds, "kind"),
	    "channels", page_choices(intake_payment_channels, NULL),
	    "documents", docs,
	    "error_list", list,
	    "errors", json_object_size(errors) ? json_incref(errors) :
	    json_null(),
	    "association", req->who.role == ROLE_ASSOCIATION,
	    "e", errors ? errors : json_null());
	json_object_set_new(ctx, "preview", preview ? preview : json_null());
	if (extra != NULL) {
		json_object_update(ctx, extra);
		json_decref(extra);
	}
	/* Payment rows keep their channel choice too. */
	{
		size_t	 i;
		json_t	*r;

		json_array_foreach(json_object_get(ctx, "payments"), i, r)
			json_object_set_new(r, "channel_options", page_choices(
			    intake_payment_channels, jfield_str(r, "channel")));
	}
	json_object_set_new(ctx, "collect", collect_choices(req, f));
	/* Countries from the ISO 3166-1 list, by their Italian names. */
	json_object_set_new(ctx, "birth_countries", page_countries(jfield_str(a,
	    "birth_country")));
	json_object_set_new(ctx, "citizenships", page_countries(jfield_str(a,
	    "citizenship")));
	page_render(req, resp, status, "case_new.html",
	    _("Nuova domanda di idoneità alloggiativa"), ctx);
}

void
h_case_new(struct http_req *req, struct http_resp *resp)
{
	json_t	*e = json_object();

	intake_form(req, resp, 200, e);
	json_decref(e);
}

void
h_case_create(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	json_t			*errors = json_object();
	int64_t			 id = 0;
	enum svc_result	 r;
	char			 loc[64];

	r = cases_create(st, &req->who, req->form, req->who.role ==
	    ROLE_ASSOCIATION ? "association" : "counter", &id, errors, NULL);
	if (r == SVC_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld?created=1",
		    (long long)id);
		http_redirect(resp, loc);
	} else if (r == SVC_INVALID)
		intake_form(req, resp, 422, errors);
	else
		page_error(req, resp, r == SVC_FORBIDDEN ? 403 : 500,
		    r == SVC_FORBIDDEN ? "Operazione non consentita" :
		    "Errore interno: la domanda non è stata registrata");
	json_decref(errors);
}

void
h_cases(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*state = http_query(req, "state");
	const char	*all = http_query(req, "all");
	const char	*q = http_query(req, "q");
	json_t		*list;

	if (q != NULL && *q != '\0' && strlen(q) <= 100)
		list = cases_search(st, &req->who, q, 100);
	else {
		q = NULL;
		list = cases_list(st, &req->who, state, all == NULL, 200, 0);
	}
	if (list == NULL) {
		page_error(req, resp, 500, "Errore interno");
		return;
	}
	case_view_rows(list);
	page_render(req, resp, 200, "cases.html", _("Pratiche"),
	    json_pack("{s:o, s:b, s:s?}", "cases", list, "all", all != NULL,
	    "q", q));
}

/*
 * The rooms of a case as the room form's rows: what the clerk would type.
 */
static json_t *
typed_rooms(const json_t *c)
{
	json_t	*typed = json_array(), *v;
	size_t	 i;

	json_array_foreach(json_object_get(c, "rooms"), i, v) {
		json_t		*fx = json_array();
		unsigned	 bits = elig_fixtures_parse(jfield_str(v, "fixtures"));
		char		 area[DEC2_STRLEN], height[DEC2_STRLEN];
		char		 window[DEC2_STRLEN];

		for (int f = 0; f < FIX__MAX; f++)
			if (bits & (1u << f))
				json_array_append_new(fx, json_string(
				    elig_fixtures[f].value));
		dec2_format(json_integer_value(json_object_get(v, "area")),
		    area, ',');
		dec2_format(json_integer_value(json_object_get(v, "height")),
		    height, ',');
		dec2_format(json_integer_value(json_object_get(v, "window")),
		    window, ',');
		json_array_append_new(typed, json_pack("{s:O, s:O, s:s, s:s, "
		    "s:s, s:o, s:b}", "name", json_object_get(v, "name"), "use",
		    json_object_get(v, "use"), "area", area, "height", height,
		    "window", window, "fixtures", fx,
		    "extraction", json_integer_value(json_object_get(v,
		    "extraction")) != 0));
	}
	return typed;
}

/*
 * What changed between an earlier survey and this case's rooms, position
 * by position: [{n, before, now, changed}].
 */
static json_t *
survey_diff(const json_t *before, const json_t *now)
{
	json_t	*out = json_array();
	size_t	 nb = json_array_size(before), nn = json_array_size(now);

	for (size_t i = 0; i < (nb > nn ? nb : nn); i++) {
		json_t	*b = json_array_get(before, i), *a = json_array_get(now, i);
		char	 tb[160] = "", ta[160] = "";

		if (b != NULL)
			snprintf(tb, sizeof(tb), "%s · %s · %s m² · h %s m",
			    jfield_text(b, "name"), jfield_text(b, "use_label"),
			    jfield_text(b, "area_m2"), jfield_text(b, "height_m"));
		if (a != NULL)
			snprintf(ta, sizeof(ta), "%s · %s · %s m² · h %s m",
			    jfield_text(a, "name"), jfield_text(a, "use_label"),
			    jfield_text(a, "area_m2"), jfield_text(a, "height_m"));
		json_array_append_new(out, json_pack("{s:i, s:s, s:s, s:b}",
		    "n", (int)i + 1, "before", tb, "now", ta, "changed",
		    strcmp(tb, ta) != 0));
	}
	return out;
}

/*
 * The estate panel of a case page, for the office only: associations see
 * nothing of the anagrafe or the waste-tax register.  With an earlier
 * survey of the same unit, the latest one is compared room by room.
 */
static json_t *
office_estate(struct store *st, const struct principal *who, json_t *c)
{
	json_t	*e, *earlier, *prev = NULL;
	size_t	 i;

	if (who->role != ROLE_HEAD && who->role != ROLE_CLERK)
		return json_null();
	if ((e = estate_case_checks(st, who->comune_id, c)) == NULL)
		return json_null();
	earlier = json_object_get(e, "earlier");
	for (i = 0; i < json_array_size(earlier); i++) {
		json_t *v = json_array_get(earlier, i);

		if (json_integer_value(json_object_get(v, "rooms")) > 0 &&
		    cases_load(st, who, json_integer_value(json_object_get(v,
		    "id")), &prev) == SVC_OK) {
			case_view(prev, who);
			json_object_set_new(e, "survey", json_pack("{s:O, s:O, "
			    "s:O, s:o, s:b}", "id", json_object_get(v, "id"),
			    "protocol", json_object_get(v, "protocol"),
			    "received_on", json_object_get(prev, "received_on"),
			    "diff", survey_diff(json_object_get(prev, "rooms"),
			    json_object_get(c, "rooms")), "can_reuse",
			    json_is_true(json_object_get(c, "can_assess"))));
			json_decref(prev);
			break;
		}
	}
	return e;
}

static void
case_page_code(struct http_req *, struct http_resp *, int, json_t *,
    const char *);

static void
case_page(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors)
{
	case_page_code(req, resp, status, errors, NULL);
}

/* The case page; new_code, a pickup code just made, shown this once. */
static void
case_page_code(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, const char *new_code)
{
	struct store		*st = store_thread();
	json_t			*c;
	enum svc_result	 r = cases_load(st, &req->who, req->id, &c);
	char			 title[96];

	if (r != SVC_OK) {
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : 500,
		    r == SVC_NOT_FOUND ? "Pratica non trovata" :
		    "Errore interno");
		return;
	}
	case_view(c, &req->who);
	snprintf(title, sizeof(title), _("Pratica %s"),
	    json_string_value(json_object_get(c, "protocol")));
	page_render(req, resp, status, "case.html", title,
	    json_pack("{s:s?, s:o*, s:o, s:o, s:b, s:O*, s:o, s:o*, s:o*}",
	    "new_code", new_code, "files",
	    office_case_files(st, &req->who, req->id), "collect",
	    office_collection(st, &req->who, c), "c", c, "created",
	    http_query(req, "created") != NULL, "errors",
	    json_object_size(errors) ? errors : NULL, "estate",
	    office_estate(st, &req->who, c), "msgs",
	    office_case_messages(st, &req->who, req->id), "certs",
	    office_case_certificates(st, &req->who, req->id)));
}

void
h_case_show(struct http_req *req, struct http_resp *resp)
{
	case_page(req, resp, 200, NULL);
}

/*
 * POST /cases/{id}/pickup-code: a new pickup code for a ready certificate
 * (the citizen lost the message, or has neither phone nor e-mail).  The
 * old one stops working; the new one goes out again and shows once here.
 */
void
h_case_pickup_code(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	char		 code[PICKUP_CODE_SHOWN_STRLEN];
	enum svc_result	 r = handover_new_code(store_thread(), &req->who,
			    req->id, code, errors);

	if (r == SVC_OK) {
		json_decref(errors);
		case_page_code(req, resp, 200, NULL, code);
		return;
	}
	if (r == SVC_CONFLICT) {
		case_page(req, resp, 409, errors);
		json_decref(errors);
		return;
	}
	json_decref(errors);
	page_error(req, resp, r == SVC_NOT_FOUND ? 404 : r == SVC_FORBIDDEN ?
	    403 : 500, r == SVC_NOT_FOUND ? _("Pratica non trovata") :
	    r == SVC_FORBIDDEN ? _("Il tuo ruolo non permette questa azione") :
	    _("Errore interno"));
}

void
h_case_transition(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	json_t			*errors = json_object();
	enum svc_result	 r;
	char			 loc[64];
	static const int	 status[] = {
		[SVC_OK] = 303, [SVC_INVALID] = 422,
		[SVC_NOT_FOUND] = 404, [SVC_FORBIDDEN] = 403,
		[SVC_CONFLICT] = 409, [SVC_ERROR] = 500,
	};

	r = cases_transition(st, &req->who, req->id, http_field(req, "action"),
	    http_field(req, "reason"), http_field(req, "effective_on"), errors);
	if (r == SVC_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, "Pratica non trovata");
	else if (r == SVC_ERROR)
		page_error(req, resp, 500, "Errore interno");
	else
		case_page(req, resp, status[r], errors);
	json_decref(errors);
}

/*
 * POST /cases/preview: the eligibility of the rooms in the form being
 * filled.  With "Accept: application/json" (the form's script, as the
 * clerk types) it answers the result as JSON; without JavaScript the
 * "Calcola" button shows the form again with the result.  Nothing is
 * stored.
 */
void
h_case_preview(struct http_req *req, struct http_resp *resp)
{
	const char	*accept = http_header(req, "Accept");
	json_t		*errors = json_object(), *res;

	res = rooms_preview(store_thread(), &req->who, req->form, errors);
	if (accept != NULL && strstr(accept, "application/json") != NULL) {
		if (res != NULL)
			api_json(resp, 200, res);
		else {
			api_json(resp, 422, json_pack("{s:O}", "errors", errors));
		}
		json_decref(errors);
		return;
	}
	intake_form_with(req, resp, res ? 200 : 422, errors, res, NULL);
	json_decref(errors);
}

/* POST /cases/{id}/assess: compute the eligibility again. */
void
h_case_assess(struct http_req *req, struct http_resp *resp)
{
	enum svc_result	 r;
	char			 loc[64];

	r = cases_reassess(store_thread(), &req->who, req->id);
	if (r == SVC_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 :
		    r == SVC_FORBIDDEN ? 403 : 500, r == SVC_NOT_FOUND ?
		    "Pratica non trovata" : "Errore interno");
}

/*
 * The room editor of a case.  typed (borrowed) holds the rows as the form
 * sends them; preview (consumed, may be NULL) is their eligibility.
 */
static void
rooms_form(struct http_req *req, struct http_resp *resp, int status,
    json_t *typed, json_t *errors, json_t *preview)
{
	json_t		*list = json_array(), *ctx;
	const char	*k;
	json_t		*v;
	char		 title[96];
	int		 n = (int)json_array_size(typed) + 3;

	json_object_foreach(errors, k, v)
		json_array_append_new(list, json_pack("{s:s, s:O}", "field", k,
		    "message", v));
	ctx = json_pack("{s:I, s:o, s:o, s:o, s:O?}", "case_id",
	    (json_int_t)req->id, "rooms", page_rows(typed, n < FORM_ROOMS ?
	    FORM_ROOMS : n, elig_uses, "use"), "error_list", list,
	    "preview", preview ? preview : json_null(), "errors",
	    json_object_size(errors) ? errors : NULL);
	snprintf(title, sizeof(title), "%s", _("Stanze della pratica"));
	page_render(req, resp, status, "case_rooms.html", title, ctx);
}

/*
 * GET /cases/{id}/rooms: the stored rooms, ready to be corrected; with
 * ?from=N, the rooms of the earlier case N of the same comune (a survey of
 * the same unit), to be checked and saved on this one.
 */
void
h_case_rooms(struct http_req *req, struct http_resp *resp)
{
	json_t			*c, *typed;
	enum svc_result	 r;
	const char		*from = http_query(req, "from");
	int64_t			 id = req->id;

	if (from != NULL && strspn(from, "0123456789") == strlen(from) &&
	    *from != '\0' && strlen(from) < 15)
		id = strtoll(from, NULL, 10);
	/* The case itself first: the caller must be allowed to edit it. */
	r = cases_load(store_thread(), &req->who, req->id, &c);
	if (r == SVC_OK && id != req->id) {
		json_decref(c);
		r = cases_load(store_thread(), &req->who, id, &c);
	}
	if (r != SVC_OK) {
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : 500,
		    r == SVC_NOT_FOUND ? "Pratica non trovata" :
		    "Errore interno");
		return;
	}
	typed = typed_rooms(c);
	json_decref(c);
	rooms_form(req, resp, 200, typed, NULL, NULL);
	json_decref(typed);
}

/* POST /cases/{id}/rooms: saves the corrected rooms. */
void
h_case_rooms_save(struct http_req *req, struct http_resp *resp)
{
	json_t			*errors = json_object();
	json_t			*typed = json_object_get(req->form, "rooms");
	enum svc_result	 r;
	char			 loc[64];

	r = cases_update_rooms(store_thread(), &req->who, req->id, typed,
	    errors);
	if (r == SVC_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else if (r == SVC_INVALID || r == SVC_CONFLICT)
		rooms_form(req, resp, r == SVC_INVALID ? 422 : 409, typed,
		    errors, NULL);
	else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 :
		    r == SVC_FORBIDDEN ? 403 : 500, r == SVC_NOT_FOUND ?
		    "Pratica non trovata" : "Errore interno");
	json_decref(errors);
}

/* POST /cases/{id}/rooms/preview: the "Calcola" button without JavaScript. */
void
h_case_rooms_preview(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object(), *res;

	res = rooms_preview(store_thread(), &req->who, req->form, errors);
	rooms_form(req, resp, res ? 200 : 422, json_object_get(req->form,
	    "rooms"), errors, res);
	json_decref(errors);
}

/* "VIA MAGNOLFI 61/A, int. 3 · A/2 · 5,5 vani · foglio 73 part. 259 sub 1" */
static json_t *
candidate(const json_t *u)
{
	const json_t	*cons = json_object_get(u, "consistenza");
	char		 text[400], c[48] = "", num[DEC2_STRLEN];

	if (json_is_object(cons)) {
		dec2_format_short((int64_t)(json_number_value(json_object_get(
		    cons, "value")) * 100 + 0.5), num, ',');
		snprintf(c, sizeof(c), " · %s %s", num, jfield_text(cons, "unit"));
	}
	snprintf(text, sizeof(text), "%s%s%s · %s%s · %s %s %s %s %s %s",
	    jfield_text(json_object_get(u, "address"), "text"),
	    *jfield_text(u, "interno") ? ", int. " : "", jfield_text(u, "interno"),
	    *jfield_text(u, "category") ? jfield_text(u, "category") : "?", c,
	    _("foglio"), jfield_text(u, "foglio"), _("particella"),
	    jfield_text(u, "particella"), _("sub"), jfield_text(u, "subalterno"));
	return json_pack("{s:O, s:s}", "id", json_object_get(u, "id"), "text",
	    text);
}

/* Fills the form's dwelling from a unit of the cadastre. */
static void
fill_dwelling(json_t *form, const json_t *u)
{
	json_t		*d = json_object_get(form, "dwelling");
	const json_t	*a = json_object_get(u, "address");
	char		 street[200];

	if (!json_is_object(d)) {
		d = json_object();
		json_object_set_new(form, "dwelling", d);
	}
	snprintf(street, sizeof(street), "%s%s%s", jfield_text(a, "toponym"),
	    *jfield_text(a, "toponym") ? " " : "", jfield_text(a, "street"));
	json_object_set_new(d, "street", json_string(street));
	json_object_set_new(d, "house_number", json_string(jfield_text(a,
	    "house_number")));
	json_object_set_new(d, "sezione", json_string(jfield_text(u, "sezione")));
	json_object_set_new(d, "foglio", json_string(jfield_text(u, "foglio")));
	json_object_set_new(d, "particella", json_string(jfield_text(u,
	    "particella")));
	json_object_set_new(d, "subalterno", json_string(jfield_text(u,
	    "subalterno")));
	json_object_set_new(d, "category", json_string(jfield_text(u, "category")));
	if (*jfield_text(u, "interno"))
		json_object_set_new(d, "interno", json_string(jfield_text(u, "interno")));
	if (*jfield_text(u, "scala"))
		json_object_set_new(d, "scala", json_string(jfield_text(u, "scala")));
	if (*jfield_text(u, "piano"))
		json_object_set_new(d, "floor", json_string(jfield_text(u, "piano")));
	json_object_set_new(d, "unit_id", json_sprintf("%lld",
	    (long long)json_integer_value(json_object_get(u, "id"))));
}

/* The latest earlier case of the unit with a room survey, or NULL. */
static json_t *
survey_offer(struct store *st, const struct principal *who, int64_t unit)
{
	json_t	*cases = estate_unit_cases(st, who->comune_id, unit, 0), *v;
	json_t	*out = NULL;
	size_t	 i;

	json_array_foreach(cases, i, v)
		if (json_integer_value(json_object_get(v, "rooms")) > 0) {
			out = json_incref(v);
			break;
		}
	json_decref(cases);
	return out;
}

/*
 * POST /cases/lookup: the "Cerca nel catasto" buttons of the intake form,
 * which work without JavaScript.  With "use" and a picked unit, the
 * dwelling is filled from it; with "reuse", the rooms of an earlier survey
 * of the unit are copied into the form; otherwise the units matching the
 * typed identifiers (foglio and particella) or address are listed.  The
 * form comes back as typed; nothing is stored.
 */
void
h_case_lookup(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	json_t		*form = req->form, *d, *extra = json_object(), *found;
	json_t		*cands = json_array(), *v, *offer = NULL;
	const char	*pick = jfield_str(form, "pick");
	const char	*reuse = jfield_str(form, "reuse");
	size_t		 i;

	if (!json_is_object(form)) {
		page_error(req, resp, 400, "Modulo non valido");
		json_decref(extra);
		json_decref(cands);
		return;
	}
	d = json_object_get(form, "dwelling");
	if (reuse != NULL && strspn(reuse, "0123456789") == strlen(reuse) &&
	    *reuse != '\0' && strlen(reuse) < 15) {
		json_t *prev;

		if (cases_load(st, &req->who, strtoll(reuse, NULL, 10),
		    &prev) == SVC_OK) {
			json_object_set_new(form, "rooms", typed_rooms(prev));
			json_object_set_new(extra, "reused", json_pack("{s:O}",
			    "protocol", json_object_get(prev, "protocol")));
			json_decref(prev);
		}
	} else if (json_object_get(form, "use") != NULL && pick != NULL &&
	    strspn(pick, "0123456789") == strlen(pick) && *pick != '\0' &&
	    strlen(pick) < 15) {
		json_t *u = cadastre_unit(st, strtoll(pick, NULL, 10),
		    req->who.comune_id);

		if (u != NULL) {
			fill_dwelling(form, u);
			json_object_set_new(extra, "picked", candidate(u));
			/* Other cases' surveys are the office's to reuse. */
			if (req->who.role != ROLE_ASSOCIATION)
				offer = survey_offer(st, &req->who,
				    json_integer_value(json_object_get(u,
				    "id")));
			json_decref(u);
		}
	} else {
		char	 text[300];

		if (*jfield_text(d, "foglio") && *jfield_text(d, "particella"))
			found = cadastre_find_ident(st, req->who.comune_id,
			    jfield_text(d, "foglio"), jfield_text(d, "particella"),
			    jfield_text(d, "subalterno"));
		else {
			snprintf(text, sizeof(text), "%s %s", jfield_text(d, "street"),
			    jfield_text(d, "house_number"));
			found = cadastre_find_address(st, req->who.comune_id,
			    text, 20);
		}
		json_array_foreach(found, i, v)
			json_array_append_new(cands, candidate(v));
		json_decref(found);
		json_object_set_new(extra, "lookup", json_true());
		json_object_set_new(extra, "has_candidates",
		    json_boolean(json_array_size(cands) > 0));
	}
	json_object_set_new(extra, "candidates", cands);
	json_object_set_new(extra, "survey", offer ? offer : json_null());
	{
		json_t	*e = json_object();

		intake_form_with(req, resp, 200, e, NULL, extra);
		json_decref(e);
	}
}

/* GET /units/{id}: a cadastral unit of the comune, with what refers to it. */
void
h_unit_show(struct http_req *req, struct http_resp *resp)
{
	json_t	*u = estate_unit_page(store_thread(), req->who.comune_id,
	    req->id);
	char	 title[96];

	if (u == NULL) {
		page_error(req, resp, 404, "Unità catastale non trovata");
		return;
	}
	snprintf(title, sizeof(title), _("Unità catastale %s %s/%s/%s"),
	    jfield_text(u, "comune"), jfield_text(u, "foglio"),
	    jfield_text(u, "particella"), jfield_text(u, "subalterno"));
	{
		json_t *certs = certificates_of_unit(store_thread(), &req->who,
		    req->id);

		office_cert_dates(certs);
		json_object_set_new(u, "has_certificates",
		    json_boolean(json_array_size(certs) > 0));
		json_object_set_new(u, "certificates", certs ? certs :
		    json_array());
	}
	page_render(req, resp, 200, "unit.html", title, json_pack("{s:o}",
	    "u", u));
}
