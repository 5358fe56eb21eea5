/*
 * office_countries: the page /paesi, where a clerk corrects the
 * citizenship and country of birth of applications taken before the
 * country became a choice from the ISO 3166-1 list, when the name they
 * wrote is not one the list knows ("Cinese").  The office's numbers count
 * such applications apart until then (docs/stats.md).
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/countries.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/protocol_label.h"
#include "handlers.h"
#include "page.h"
#include "service/case_doc.h"
#include "service/countries.h"
#include "store/store.h"

/* The rows the page lists at most; the count says when there are more. */
#define COUNTRIES_PAGE	200

/* GET /paesi */
void
h_countries(struct http_req *req, struct http_resp *resp)
{
	json_t	*rows = countries_open_cases(store_thread(), &req->who,
		    COUNTRIES_PAGE + 1);
	json_t	*v;
	size_t	 i;
	bool	 more;

	if (rows == NULL) {
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	if ((more = json_array_size(rows) > COUNTRIES_PAGE))
		json_array_remove(rows, COUNTRIES_PAGE);
	json_array_foreach(rows, i, v) {
		char	 label[PROTOCOL_LABEL_STRLEN];

		protocol_label(jfield_int(v, "protocol_year"),
		    jfield_int(v, "protocol_no"), label, sizeof(label));
		json_object_set_new(v, "case_label", json_string(label));
		page_day_it(v, "received_on", "received_it");
		/* Which of the two the list did not know. */
		json_object_set_new(v, "citizenship_open", json_boolean(
		    *jfield_text(v, "citizenship_code") == '\0'));
		json_object_set_new(v, "birth_open", json_boolean(
		    *jfield_text(v, "birth_country_code") == '\0'));
	}
	page_render(req, resp, 200, "countries.html", _("Paesi da correggere"),
	    json_pack("{s:o, s:b, s:i}", "open", rows, "more", more, "limit",
	    COUNTRIES_PAGE));
}

/* The form of one case, with what the clerk chose when it was refused. */
static void
country_form(struct http_req *req, struct http_resp *resp, int status,
    const char *citizenship, const char *birth, json_t *errors)
{
	json_t	*c;
	char	 label[PROTOCOL_LABEL_STRLEN];

	if (cases_load(store_thread(), &req->who, req->id, &c) != SVC_OK) {
		page_error(req, resp, 404, _("Pratica non trovata"));
		return;
	}
	protocol_label(jfield_int(c, "protocol_year"), jfield_int(c,
	    "protocol_no"), label, sizeof(label));
	page_render(req, resp, status, "countries.html", _("Correggere i paesi "
	    "della domanda"), json_pack("{s:{s:I, s:s, s:s, s:s, s:s, s:s}, "
	    "s:o, s:o, s:o}", "one", "id", (json_int_t)req->id, "label", label,
	    "surname", jfield_text(c, "surname"), "given_names", jfield_text(c,
	    "given_names"), "citizenship", jfield_text(c, "citizenship"),
	    "birth_country", jfield_text(c, "birth_country"), "citizenships",
	    page_countries(citizenship != NULL ? citizenship : jfield_text(c,
	    "citizenship")), "birth_countries", page_countries(birth != NULL ?
	    birth : jfield_text(c, "birth_country")), "e", errors != NULL ?
	    json_incref(errors) : json_object()));
	json_decref(c);
}

/* GET /paesi/{id} */
void
h_country_form(struct http_req *req, struct http_resp *resp)
{
	country_form(req, resp, 200, NULL, NULL, NULL);
}

/* POST /paesi/{id}: citizenship, birth_country */
void
h_country_correct(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	enum svc_result	 r;

	r = countries_correct(store_thread(), &req->who, req->id, req->form,
	    errors);
	if (r == SVC_OK)
		http_redirect(resp, "/paesi");
	else if (r == SVC_INVALID)
		country_form(req, resp, 422, jfield_str(req->form,
		    "citizenship"), jfield_str(req->form, "birth_country"),
		    errors);
	else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : 500,
		    r == SVC_NOT_FOUND ? _("Pratica non trovata") :
		    _("Errore interno"));
	json_decref(errors);
}
