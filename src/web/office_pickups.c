/*
 * office_pickups: the office's side of the collection (docs/points.md):
 * the place and the delegate of a case, changed from its page or the API
 * until the handover, and the certificates waiting at every place.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/protocol_label.h"
#include "handlers.h"
#include "page.h"
#include "domain/workflow.h"
#include "points/pickup.h"
#include "points/points.h"
#include "service/cases.h"
#include "service/handover.h"
#include "store/store.h"

/* POST /cases/{id}/collection: collection_point, delegate.* */
void
h_case_collection(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	const char	*why;
	char		 next[64];
	enum svc_result	 r;

	r = handover_place(store_thread(), &req->who, req->id, req->form,
	    errors);
	if (r == SVC_OK) {
		json_decref(errors);
		snprintf(next, sizeof(next), "/cases/%lld", (long long)req->id);
		http_redirect(resp, next);
		return;
	}
	why = jfield_str(errors, "collection_point");
	if (why == NULL) {
		const char *k;
		json_t *v;

		json_object_foreach(errors, k, v)
			why = json_string_value(v);
	}
	page_error(req, resp, r == SVC_NOT_FOUND ? 404 : r == SVC_CONFLICT ?
	    409 : r == SVC_INVALID ? 422 : 500, why != NULL ? why :
	    r == SVC_NOT_FOUND ? _("Pratica non trovata") : _("Errore interno"));
	json_decref(errors);
}

/* POST /api/v1/applications/{id}/collection */
void
h_api_collection(struct http_req *req, struct http_resp *resp)
{
	json_t		*doc, *errors, *c;
	enum svc_result	 r;

	if ((doc = api_body_json(req, resp)) == NULL)
		return;
	errors = json_object();
	r = json_is_object(doc) ? handover_place(store_thread(), &req->who,
	    req->id, doc, errors) : SVC_INVALID;
	json_decref(doc);
	if (r != SVC_OK) {
		api_problem(resp, api_result_status[r], api_result_titles[r],
		    NULL, errors);
		return;
	}
	json_decref(errors);
	if (cases_load(store_thread(), &req->who, req->id, &c) != SVC_OK) {
		api_problem(resp, 500, "Errore interno", NULL, NULL);
		return;
	}
	api_json(resp, 200, c);
}

/* The waiting certificates as the pages show them (stock rows). */
void
office_pickup_rows(json_t *rows)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(rows, i, v) {
		char	 label[PROTOCOL_LABEL_STRLEN];

		if (jfield_int(v, "protocol_no") > 0) {
			protocol_label(jfield_int(v, "protocol_year"),
			    jfield_int(v, "protocol_no"), label, sizeof(label));
			json_object_set_new(v, "case_label", json_string(label));
		}
		protocol_label(jfield_int(v, "certificate_year"),
		    jfield_int(v, "certificate_no"), label, sizeof(label));
		json_object_set_new(v, "certificate_label", json_string(label));
		page_day_it(v, "expires_on", "expires_it");
		page_day_it(v, "created_at", "ready_it");
		page_day_it(v, "reminded_at", "reminded_it");
	}
}

/* GET /pickups: the certificates waiting, at every place of the comune. */
void
h_office_pickups(struct http_req *req, struct http_resp *resp)
{
	json_t	*rows = pickup_stock(store_thread(), &req->who);

	if (rows == NULL) {
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	office_pickup_rows(rows);
	page_render(req, resp, 200, "pickups.html", _("Certificati da ritirare"),
	    json_pack("{s:o}", "pickups", rows));
}

/*
 * Where the case's certificate is collected, its codes so far, and the
 * form to change the place until the handover.
 */
json_t *
office_collection(struct store *st, const struct principal *p, json_t *c)
{
	json_t		*o = json_object(), *pts, *v, *codes;
	int64_t		 cur = jfield_int(c, "collection_point");
	size_t		 i;

	json_object_set_new(o, "place", json_string(cur > 0 ?
	    jfield_text(c, "collection_point_name") : _("Ufficio del Comune")));
	if (*jfield_text(c, "delegate_name") != '\0')
		json_object_set_new(o, "delegate", json_string(jfield_text(c,
		    "delegate_name")));
	json_object_set_new(o, "can_change", json_boolean(!wf_state_final(
	    wf_state_from_name(jfield_text(c, "state")))));
	json_object_set_new(o, "ready", json_boolean(p->role !=
	    ROLE_ASSOCIATION && strcmp(jfield_text(c, "state"),
	    "certificate_ready") == 0));
	pts = points_nearest(st, p->comune_id, NULL, 100);
	json_array_foreach(pts, i, v)
		json_object_set_new(v, "selected", json_boolean(
		    jfield_int(v, "id") == cur));
	json_object_set_new(o, "points", pts ? pts : json_array());
	if (p->role != ROLE_ASSOCIATION && (codes = pickup_of_case(st,
	    jfield_int(c, "id"))) != NULL) {
		office_pickup_rows(codes);
		json_object_set_new(o, "codes", codes);
	}
	return o;
}
