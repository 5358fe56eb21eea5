/*
 * office_cases: the counter pages: the work queue, the intake form, the
 * case page with its timeline, and the transition buttons.  They work
 * without JavaScript: the form has fixed rows and is shown again, with the
 * values typed and a message per field, when something is wrong.
 */
#include <stdio.h>
#include <string.h>

#include "domain/i18n.h"
#include "domain/intake.h"
#include "handlers.h"
#include "page.h"
#include "service/assess.h"
#include "service/cases.h"
#include "store/store.h"

#define FORM_ROOMS	10
#define FORM_RESIDENTS	5
#define FORM_HOSTED	5
#define FORM_PAYMENTS	4

static const char *
sget(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Rows for a repeated part of the form, with what was typed in them. */
static json_t *
rows(const json_t *typed, int n, const struct choice *choices,
    const char *choice_key)
{
	json_t	*a = json_array();

	for (int i = 0; i < n; i++) {
		json_t *t = json_array_get(typed, (size_t)i);
		json_t *r = json_is_object(t) ? json_deep_copy(t) :
		    json_object();

		json_object_set_new(r, "i", json_integer(i));
		json_object_set_new(r, "n", json_integer(i + 1));
		if (choices != NULL)
			json_object_set_new(r, "options", page_choices(choices,
			    sget(t, choice_key)));
		if (choices == intake_room_uses) {
			json_t *fx = json_object_get(t, "fixtures");
			json_t *opts = json_array();

			for (const struct choice *c = intake_fixtures; c->value;
			    c++)
				json_array_append_new(opts, json_pack(
				    "{s:s, s:s, s:b}", "value", c->value,
				    "label", _(c->label), "checked",
				    intake_has_string(fx, c->value) ||
				    (json_is_string(fx) && strcmp(
				    json_string_value(fx), c->value) == 0)));
			json_object_set_new(r, "fixture_options", opts);
		}
		json_array_append_new(a, r);
	}
	return a;
}

static void
intake_form_with(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, json_t *preview);

static void
intake_form(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors)
{
	intake_form_with(req, resp, status, errors, NULL);
}

/*
 * The intake form.  preview (consumed, may be NULL) is the eligibility of
 * the rooms typed so far, shown beside them.
 */
static void
intake_form_with(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, json_t *preview)
{
	json_t		*f = req->form ? req->form : json_object();
	json_t		*a = json_object_get(f, "applicant");
	json_t		*ctx, *docs = json_array(), *list = json_array();
	json_t		*dv = json_object_get(f, "documents");
	const char	*k;
	json_t		*v;

	for (const struct choice *c = intake_documents; c->value; c++)
		json_array_append_new(docs, json_pack("{s:s, s:s, s:b}",
		    "value", c->value, "label", _(c->label), "checked",
		    intake_has_string(dv, c->value) || (json_is_string(dv) &&
		    strcmp(json_string_value(dv), c->value) == 0)));
	json_object_foreach(errors, k, v)
		json_array_append_new(list, json_pack("{s:s, s:O}", "field", k,
		    "message", v));
	ctx = json_pack("{s:O, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o, s:b, s:O}",
	    "f", f,
	    "purposes", page_choices(intake_purposes, sget(f, "purpose")),
	    "titles", page_choices(intake_titles, sget(f, "title")),
	    "sexes", page_choices(intake_sexes, sget(a, "sex")),
	    "languages", page_choices(intake_languages, sget(a, "language") ?
	    sget(a, "language") : "it"),
	    "id_doc_types", page_choices(intake_id_doc_types,
	    sget(a, "id_doc_type")),
	    "permit_types", page_choices(intake_permit_types,
	    sget(a, "permit_type")),
	    "rooms", rows(json_object_get(f, "rooms"), FORM_ROOMS,
	    intake_room_uses, "use"),
	    "residents", rows(json_object_get(f, "residents"), FORM_RESIDENTS,
	    NULL, NULL),
	    "hosted", rows(json_object_get(f, "hosted"), FORM_HOSTED, NULL,
	    NULL),
	    "payments", rows(json_object_get(f, "payments"), FORM_PAYMENTS,
	    intake_payment_kinds, "kind"),
	    "channels", page_choices(intake_payment_channels, NULL),
	    "documents", docs,
	    "error_list", list,
	    "errors", json_object_size(errors) ? json_incref(errors) :
	    json_null(),
	    "association", req->who.role == ROLE_ASSOCIATION,
	    "e", errors ? errors : json_null());
	json_object_set_new(ctx, "preview", preview ? preview : json_null());
	/* Payment rows keep their channel choice too. */
	{
		size_t	 i;
		json_t	*r;

		json_array_foreach(json_object_get(ctx, "payments"), i, r)
			json_object_set_new(r, "channel_options", page_choices(
			    intake_payment_channels, sget(r, "channel")));
	}
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
	enum cases_result	 r;
	char			 loc[64];

	r = cases_create(st, &req->who, req->form, req->who.role ==
	    ROLE_ASSOCIATION ? "association" : "counter", &id, errors);
	if (r == CASES_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld?created=1",
		    (long long)id);
		http_redirect(resp, loc);
	} else if (r == CASES_INVALID)
		intake_form(req, resp, 422, errors);
	else
		page_error(req, resp, r == CASES_FORBIDDEN ? 403 : 500,
		    r == CASES_FORBIDDEN ? "Operazione non consentita" :
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
	page_render(req, resp, 200, "cases.html", _("Pratiche"),
	    json_pack("{s:o, s:b, s:s?}", "cases", list, "all", all != NULL,
	    "q", q));
}

static void
case_page(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors)
{
	struct store		*st = store_thread();
	json_t			*c;
	enum cases_result	 r = cases_load(st, &req->who, req->id, &c);
	char			 title[96];

	if (r != CASES_OK) {
		page_error(req, resp, r == CASES_NOT_FOUND ? 404 : 500,
		    r == CASES_NOT_FOUND ? "Pratica non trovata" :
		    "Errore interno");
		return;
	}
	snprintf(title, sizeof(title), _("Pratica %s"),
	    json_string_value(json_object_get(c, "protocol")));
	page_render(req, resp, status, "case.html", title,
	    json_pack("{s:o, s:b, s:O*}", "c", c, "created",
	    http_query(req, "created") != NULL, "errors",
	    json_object_size(errors) ? errors : NULL));
}

void
h_case_show(struct http_req *req, struct http_resp *resp)
{
	case_page(req, resp, 200, NULL);
}

void
h_case_transition(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	json_t			*errors = json_object();
	enum cases_result	 r;
	char			 loc[64];
	static const int	 status[] = {
		[CASES_OK] = 303, [CASES_INVALID] = 422,
		[CASES_NOT_FOUND] = 404, [CASES_FORBIDDEN] = 403,
		[CASES_CONFLICT] = 409, [CASES_ERROR] = 500,
	};

	r = cases_transition(st, &req->who, req->id, http_field(req, "action"),
	    http_field(req, "reason"), http_field(req, "effective_on"), errors);
	if (r == CASES_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else if (r == CASES_NOT_FOUND)
		page_error(req, resp, 404, "Pratica non trovata");
	else if (r == CASES_ERROR)
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

	res = assess_preview(store_thread(), &req->who, req->form, errors);
	if (accept != NULL && strstr(accept, "application/json") != NULL) {
		if (res != NULL)
			api_json(resp, 200, res);
		else {
			api_json(resp, 422, json_pack("{s:O}", "errors", errors));
		}
		json_decref(errors);
		return;
	}
	intake_form_with(req, resp, res ? 200 : 422, errors, res);
	json_decref(errors);
}

/* POST /cases/{id}/assess: compute the eligibility again. */
void
h_case_assess(struct http_req *req, struct http_resp *resp)
{
	enum cases_result	 r;
	char			 loc[64];

	r = cases_reassess(store_thread(), &req->who, req->id);
	if (r == CASES_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else
		page_error(req, resp, r == CASES_NOT_FOUND ? 404 :
		    r == CASES_FORBIDDEN ? 403 : 500, r == CASES_NOT_FOUND ?
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
	    (json_int_t)req->id, "rooms", rows(typed, n < FORM_ROOMS ?
	    FORM_ROOMS : n, intake_room_uses, "use"), "error_list", list,
	    "preview", preview ? preview : json_null(), "errors",
	    json_object_size(errors) ? errors : NULL);
	snprintf(title, sizeof(title), "%s", _("Stanze della pratica"));
	page_render(req, resp, status, "case_rooms.html", title, ctx);
}

/* GET /cases/{id}/rooms: the stored rooms, ready to be corrected. */
void
h_case_rooms(struct http_req *req, struct http_resp *resp)
{
	json_t			*c, *typed = json_array(), *v;
	enum cases_result	 r;
	size_t			 i;

	r = cases_load(store_thread(), &req->who, req->id, &c);
	if (r != CASES_OK) {
		json_decref(typed);
		page_error(req, resp, r == CASES_NOT_FOUND ? 404 : 500,
		    r == CASES_NOT_FOUND ? "Pratica non trovata" :
		    "Errore interno");
		return;
	}
	json_array_foreach(json_object_get(c, "rooms"), i, v) {
		json_t		*fx = json_array();
		const char	*p = sget(v, "fixtures");

		while (p != NULL && *p != '\0') {
			size_t n = strcspn(p, ",");

			json_array_append_new(fx, json_stringn(p, n));
			p += n + (p[n] == ',');
		}
		json_array_append_new(typed, json_pack("{s:O, s:O, s:O, s:O, "
		    "s:O, s:o, s:b}", "name", json_object_get(v, "name"), "use",
		    json_object_get(v, "use"), "area", json_object_get(v,
		    "area_m2"), "height", json_object_get(v, "height_m"),
		    "window", json_object_get(v, "window_m2"), "fixtures", fx,
		    "extraction", json_integer_value(json_object_get(v,
		    "extraction")) != 0));
	}
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
	enum cases_result	 r;
	char			 loc[64];

	r = cases_update_rooms(store_thread(), &req->who, req->id, typed,
	    errors);
	if (r == CASES_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld", (long long)req->id);
		http_redirect(resp, loc);
	} else if (r == CASES_INVALID || r == CASES_CONFLICT)
		rooms_form(req, resp, r == CASES_INVALID ? 422 : 409, typed,
		    errors, NULL);
	else
		page_error(req, resp, r == CASES_NOT_FOUND ? 404 :
		    r == CASES_FORBIDDEN ? 403 : 500, r == CASES_NOT_FOUND ?
		    "Pratica non trovata" : "Errore interno");
	json_decref(errors);
}

/* POST /cases/{id}/rooms/preview: the "Calcola" button without JavaScript. */
void
h_case_rooms_preview(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object(), *res;

	res = assess_preview(store_thread(), &req->who, req->form, errors);
	rooms_form(req, resp, res ? 200 : 422, json_object_get(req->form,
	    "rooms"), errors, res);
	json_decref(errors);
}
