/*
 * api_v1: the JSON API for partner systems, under /api/v1 (docs/openapi.yaml).
 * Bodies are the same application document the counter form produces;
 * errors are RFC 7807 problem documents with one entry per field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "domain/eligibility_json.h"
#include "estate/cadastre.h"
#include "handlers.h"
#include "page.h"
#include "service/cases.h"
#include "service/rules.h"
#include "store/store.h"

const int api_result_status[SVC__MAX] = {
	[SVC_OK] = 200, [SVC_INVALID] = 422, [SVC_NOT_FOUND] = 404,
	[SVC_FORBIDDEN] = 403, [SVC_CONFLICT] = 409, [SVC_ERROR] = 500,
};

const char *const api_result_titles[SVC__MAX] = {
	[SVC_OK] = "OK", [SVC_INVALID] = "Dati non validi",
	[SVC_NOT_FOUND] = "Pratica non trovata",
	[SVC_FORBIDDEN] = "Operazione non consentita",
	[SVC_CONFLICT] = "Operazione non possibile nello stato attuale",
	[SVC_ERROR] = "Errore interno",
};

void
h_healthz(struct http_req *req, struct http_resp *resp)
{
	resp->status = 200;
	resp->content_type = "application/json";
	buf_puts(&resp->body, "{\"status\":\"ok\"}\n");
}

/* Parses the JSON body; on failure answers 400 with the position. */
json_t *
api_body_json(struct http_req *req, struct http_resp *resp)
{
	json_error_t	 e;
	json_t		*doc;
	const char	*ct = http_header(req, "Content-Type");
	char		 detail[300];

	if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
		api_problem(resp, 415, "Content-Type non supportato",
		    "Send the body as application/json.", NULL);
		return NULL;
	}
	doc = json_loadb(buf_str(&req->body), req->body.len,
	    JSON_REJECT_DUPLICATES, &e);
	if (doc == NULL) {
		snprintf(detail, sizeof(detail), "Invalid JSON at line %d, "
		    "column %d: %s", e.line, e.column, e.text);
		api_problem(resp, 400, "JSON non valido", detail, NULL);
	}
	return doc;
}

void
h_api_me(struct http_req *req, struct http_resp *resp)
{
	json_t	*me = json_pack("{s:s, s:s, s:I}", "name", req->who.name,
	    "role", wf_role_names[req->who.role], "comune_id",
	    (json_int_t)req->who.comune_id);

	/* A network's key names the one point it works for. */
	if (req->who.point_id > 0)
		json_object_set_new(me, "point", json_integer(
		    req->who.point_id));
	api_json(resp, 200, me);
}

void
h_api_list(struct http_req *req, struct http_resp *resp)
{
	const char	*state = http_query(req, "state");
	const char	*lim = http_query(req, "limit");
	const char	*off = http_query(req, "offset");
	int		 limit = lim ? atoi(lim) : 50;
	int		 offset = off ? atoi(off) : 0;
	json_t		*list;

	if (limit < 1 || limit > 500 || offset < 0) {
		api_problem(resp, 400, "Parametri non validi",
		    "limit must be 1-500 and offset 0 or more.", NULL);
		return;
	}
	if (state != NULL && wf_state_from_name(state) < 0) {
		api_problem(resp, 400, "Parametri non validi",
		    "Unknown state.", NULL);
		return;
	}
	if (http_query(req, "q") != NULL) {
		const char *q = http_query(req, "q");

		if (*q == '\0' || strlen(q) > 100) {
			api_problem(resp, 400, "Parametri non validi",
			    "q must be 1-100 characters.", NULL);
			return;
		}
		list = cases_search(store_thread(), &req->who, q, limit);
	} else
		list = cases_list(store_thread(), &req->who, state,
		    http_query(req, "open") != NULL, limit, offset);
	if (list == NULL) {
		api_problem(resp, 500, "Errore interno", NULL, NULL);
		return;
	}
	api_json(resp, 200, json_pack("{s:o}", "items", list));
}

void
h_api_show(struct http_req *req, struct http_resp *resp)
{
	enum svc_result	 r;

	r = cases_load_json(store_thread(), &req->who, req->id, &resp->body);
	if (r != SVC_OK) {
		buf_reset(&resp->body);
		api_problem(resp, api_result_status[r], api_result_titles[r], NULL,
		    NULL);
		return;
	}
	resp->status = 200;
	resp->content_type = "application/json";
}

void
h_api_create(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	json_t			*doc, *errors, *c;
	int64_t			 id = 0;
	enum svc_result	 r;
	char			 loc[64];

	if ((doc = api_body_json(req, resp)) == NULL)
		return;
	errors = json_object();
	r = cases_create(st, &req->who, doc, req->who.role == ROLE_ASSOCIATION ?
	    "association" : "api", &id, errors, &c);
	json_decref(doc);
	if (r != SVC_OK) {
		api_problem(resp, api_result_status[r], api_result_titles[r],
		    r == SVC_INVALID ? "Some fields are missing or wrong: "
		    "see errors." : NULL, errors);
		return;
	}
	json_decref(errors);
	api_json(resp, 201, c);
	snprintf(loc, sizeof(loc), "/api/v1/applications/%lld", (long long)id);
	http_add_header(resp, "Location", loc);
}

void
h_api_transition(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	json_t			*doc, *errors, *c;
	enum svc_result	 r;

	if ((doc = api_body_json(req, resp)) == NULL)
		return;
	if (!json_is_object(doc)) {
		json_decref(doc);
		api_problem(resp, 400, "JSON non valido",
		    "The body must be an object.", NULL);
		return;
	}
	errors = json_object();
	r = cases_transition(st, &req->who, req->id,
	    json_string_value(json_object_get(doc, "action")),
	    json_string_value(json_object_get(doc, "reason")),
	    json_string_value(json_object_get(doc, "effective_on")), errors);
	json_decref(doc);
	if (r != SVC_OK) {
		api_problem(resp, api_result_status[r], api_result_titles[r], NULL,
		    errors);
		return;
	}
	json_decref(errors);
	if (cases_load(st, &req->who, req->id, &c) != SVC_OK) {
		api_problem(resp, 500, "Errore interno", NULL, NULL);
		return;
	}
	api_json(resp, 200, c);
}

/*
 * POST /api/v1/eligibility: the maximum occupants of a dwelling under the
 * caller's comune's rule set, as `idoneo eligibility` prints it.  Nothing
 * is stored.
 */
void
h_api_eligibility(struct http_req *req, struct http_resp *resp)
{
	struct elig_rules	 r;
	struct elig_dwelling	*d;
	struct elig_result	*res;
	json_t			*doc;
	char			 err[512];

	if ((doc = api_body_json(req, resp)) == NULL)
		return;
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (res = calloc(1, sizeof(*res))) == NULL)
		log_fatal("api: out of memory");
	if (elig_dwelling_from_json(doc, d, err, sizeof(err)) < 0) {
		api_problem(resp, 422, "Dati non validi", err, NULL);
		goto out;
	}
	if (rules_for_comune(store_thread(), req->who.comune_id, &r, err,
	    sizeof(err)) < 0) {
		api_problem(resp, 500, "Regole non disponibili", err, NULL);
		goto out;
	}
	elig_evaluate(&r, d, res);
	api_json(resp, 200, elig_result_to_json(res));
out:
	json_decref(doc);
	free(d);
	free(res);
}

/*
 * GET /api/v1/units?address=… or ?foglio=…&particella=…[&subalterno=…]:
 * the caller's comune's cadastral units matching the query, best first.
 */
void
h_api_units(struct http_req *req, struct http_resp *resp)
{
	const char	*address = http_query(req, "address");
	const char	*foglio = http_query(req, "foglio");
	const char	*particella = http_query(req, "particella");
	const char	*sub = http_query(req, "subalterno");
	json_t		*units;

	if (address != NULL && *address != '\0' && strlen(address) <= 200 &&
	    foglio == NULL && particella == NULL)
		units = cadastre_find_address(store_thread(),
		    req->who.comune_id, address, 20);
	else if (address == NULL && foglio != NULL && particella != NULL &&
	    *foglio != '\0' && *particella != '\0' && strlen(foglio) <= 10 &&
	    strlen(particella) <= 10 && (sub == NULL || strlen(sub) <= 10))
		units = cadastre_find_ident(store_thread(), req->who.comune_id,
		    foglio, particella, sub);
	else {
		api_problem(resp, 400, "Ricerca non valida", "Give either "
		    "address, or foglio and particella (and subalterno).",
		    NULL);
		return;
	}
	if (units == NULL) {
		api_problem(resp, 500, "Errore interno", NULL, NULL);
		return;
	}
	api_json(resp, 200, json_pack("{s:o}", "units", units));
}

/* GET /api/v1/units/{id}: one unit of the caller's comune. */
void
h_api_unit(struct http_req *req, struct http_resp *resp)
{
	json_t	*u = cadastre_unit(store_thread(), req->id, req->who.comune_id);

	if (u == NULL) {
		api_problem(resp, 404, "Unità catastale non trovata", NULL,
		    NULL);
		return;
	}
	api_json(resp, 200, u);
}
