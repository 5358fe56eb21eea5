/*
 * point_desk: the T-Serve operator's counter, as a page and as the API of
 * a network (docs/points.md).  One search, the pickup code; then the
 * identity check, the print and the handover (points/pickup.c,
 * service/handover.c).  Wrong codes and wrong documents are counted per
 * operator and per point, for the page and the API alike.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/i18n.h"
#include "handlers.h"
#include "page.h"
#include "points/pickup.h"
#include "points/points.h"
#include "ratelimit.h"
#include "service/handover.h"
#include "store/store.h"

/*
 * An operator may get the code or the document wrong 5 times in 15
 * minutes; a whole point 20 times in an hour (the arithmetic is in
 * docs/points.md).
 */
#define DESK_OP_MAX	5
#define DESK_OP_WINDOW	900
#define DESK_PT_MAX	20
#define DESK_PT_WINDOW	3600

struct desk_keys {
	char	 op[96], pt[64];
};

static void
desk_keys(const struct http_req *req, struct desk_keys *k)
{
	snprintf(k->op, sizeof(k->op), "pickup-op:%s", req->who.actor);
	snprintf(k->pt, sizeof(k->pt), "pickup-pt:%lld",
	    (long long)req->who.point_id);
}

/* Whether the operator or their point is held back; sets Retry-After. */
static bool
desk_blocked(const struct http_req *req, struct http_resp *resp)
{
	struct desk_keys	 k;
	int			 a = 0, b = 0;
	char			 ra[16];

	desk_keys(req, &k);
	if (!ratelimit_blocked(k.op, DESK_OP_MAX, DESK_OP_WINDOW, &a) &&
	    !ratelimit_blocked(k.pt, DESK_PT_MAX, DESK_PT_WINDOW, &b))
		return false;
	snprintf(ra, sizeof(ra), "%d", a > b ? a : b);
	http_add_header(resp, "Retry-After", ra);
	return true;
}

static void
desk_failed(const struct http_req *req)
{
	struct desk_keys	 k;

	desk_keys(req, &k);
	ratelimit_fail(k.op, DESK_OP_WINDOW);
	ratelimit_fail(k.pt, DESK_PT_WINDOW);
}

/* The labels of the documents, for the page. */
static void
desk_labels(json_t *found)
{
	json_t	*d = json_object_get(found, "document");
	json_t	*g = json_object_get(found, "delegate");
	const char *l;

	l = choice_label(pickup_doc_types, jfield_text(d, "type"));
	json_object_set_new(d, "label", json_string(l ? _(l) :
	    jfield_text(d, "type")));
	if (json_is_object(g)) {
		l = choice_label(pickup_doc_types, jfield_text(g, "type"));
		json_object_set_new(g, "label", json_string(l ? _(l) :
		    jfield_text(g, "type")));
	}
}

/* The operator's page, with ctx's step on it (the caller's reference). */
static void
desk_page(struct http_req *req, struct http_resp *resp, int status,
    json_t *ctx)
{
	struct store	*st = store_thread();
	json_t		*point = points_of_operator(st, &req->who);

	json_object_set_new(ctx, "point", point ? point : json_null());
	json_t		*stock = pickup_stock(st, &req->who);

	if (stock != NULL)
		office_pickup_rows(stock);
	json_object_set_new(ctx, "stock", stock ? stock : json_array());
	json_object_set_new(ctx, "doc_types", page_choices(pickup_doc_types,
	    jfield_str(ctx, "document_type")));
	json_object_set_new(ctx, "fees", json_boolean(point != NULL &&
	    jfield_int(point, "collects_fees") == 1));
	page_render(req, resp, status, "point.html", _("Punto T-Serve"), ctx);
}

/* GET /point */
void
h_point_home(struct http_req *req, struct http_resp *resp)
{
	desk_page(req, resp, 200, json_object());
}

/* POST /point/lookup: the code. */
void
h_point_lookup(struct http_req *req, struct http_resp *resp)
{
	json_t		*found = NULL;
	enum svc_result	 r;

	if (desk_blocked(req, resp)) {
		desk_page(req, resp, 429, json_pack("{s:s}", "error",
		    _("Troppi codici o documenti errati: riprovare tra qualche "
		    "minuto.")));
		return;
	}
	r = pickup_lookup(store_thread(), &req->who, http_field(req, "code"),
	    &found);
	if (r == SVC_OK) {
		desk_labels(found);
		desk_page(req, resp, 200, json_pack("{s:o}", "found", found));
		return;
	}
	if (r == SVC_NOT_FOUND)
		desk_failed(req);
	desk_page(req, resp, r == SVC_NOT_FOUND ? 404 : 500, json_pack("{s:s}",
	    "code_error", r == SVC_NOT_FOUND ? _("Nessun certificato da "
	    "consegnare in questo punto con questo codice: il codice è errato, "
	    "scaduto, già usato o di un altro punto.") : _("Errore interno")));
}

/* POST /point/pickups/{id}/identity: the document shown. */
void
h_point_identity(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object(), *ctx;
	enum svc_result	 r;

	if (desk_blocked(req, resp)) {
		json_decref(errors);
		desk_page(req, resp, 429, json_pack("{s:s}", "error",
		    _("Troppi codici o documenti errati: riprovare tra qualche "
		    "minuto.")));
		return;
	}
	r = pickup_check(store_thread(), &req->who, req->id,
	    http_field(req, "document_type"), http_field(req,
	    "document_number"), errors);
	if (r == SVC_OK) {
		json_decref(errors);
		desk_page(req, resp, 200, json_pack("{s:{s:I}}", "checked",
		    "pickup", (json_int_t)req->id));
		return;
	}
	if (r == SVC_INVALID && json_object_get(errors, "document_number"))
		desk_failed(req);
	ctx = json_pack("{s:o, s:I}", "errors", errors, "retry",
	    (json_int_t)req->id);
	if (r != SVC_INVALID) {
		json_object_set_new(ctx, "error", json_string(jfield_str(errors,
		    "code") ? jfield_str(errors, "code") : _("Nessun "
		    "certificato da consegnare con questi estremi: cercare di "
		    "nuovo il codice.")));
		json_object_del(ctx, "retry");
	}
	desk_page(req, resp, r == SVC_INVALID ? 422 : r == SVC_CONFLICT ? 409 :
	    404, ctx);
}

/*
 * The certificate to print, for the page or (api) the network: only after
 * the identity check (service/handover.c).
 */
static void
desk_pdf(struct http_req *req, struct http_resp *resp, bool api)
{
	struct buf	 pdf;
	char		 name[96];
	enum svc_result	 r;

	buf_init(&pdf);
	r = handover_pdf(store_thread(), &req->who, req->id, &pdf, name,
	    sizeof(name));
	if (r == SVC_OK)
		page_send_pdf(resp, &pdf, name);
	else if (api)
		api_problem(resp, r == SVC_ERROR ? 500 : 404, "Not Found",
		    "The certificate is given only after lookupPickup and a "
		    "successful checkPickupIdentity by the same key, in the "
		    "last 15 minutes.", NULL);
	else
		page_error(req, resp, r == SVC_ERROR ? 500 : 404,
		    _("Prima il codice e il controllo del documento, negli "
		    "ultimi 15 minuti."));
	buf_free(&pdf);
}

/* GET /point/pickups/{id}/certificate.pdf */
void
h_point_pdf(struct http_req *req, struct http_resp *resp)
{
	desk_pdf(req, resp, false);
}

/* POST /point/pickups/{id}/handover */
void
h_point_handover(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	enum svc_result	 r;

	r = handover_confirm(store_thread(), &req->who, req->id, errors);
	json_decref(errors);
	if (r == SVC_OK) {
		desk_page(req, resp, 200, json_pack("{s:b}", "delivered", 1));
		return;
	}
	desk_page(req, resp, r == SVC_ERROR ? 500 : 409, json_pack("{s:s}",
	    "error", _("Consegna non registrata: prima il codice e il "
	    "controllo del documento, negli ultimi 15 minuti.")));
}

/* POST /point/pickups/{id}/payment: a fee or a stamp paid here. */
void
h_point_payment(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	enum svc_result	 r;

	r = pickup_payment(store_thread(), &req->who, req->id, req->form,
	    errors);
	if (r == SVC_OK) {
		json_decref(errors);
		desk_page(req, resp, 200, json_pack("{s:b, s:{s:I}}", "paid", 1,
		    "checked", "pickup", (json_int_t)req->id));
		return;
	}
	desk_page(req, resp, r == SVC_INVALID ? 422 : r == SVC_FORBIDDEN ? 403 :
	    r == SVC_CONFLICT ? 409 : r == SVC_NOT_FOUND ? 404 : 500,
	    json_pack("{s:o, s:{s:I}}", "pay_errors", errors, "checked",
	    "pickup", (json_int_t)req->id));
}

/* The API's answer to a refusal: 429 when held back. */
static bool
api_blocked(struct http_req *req, struct http_resp *resp)
{
	if (!desk_blocked(req, resp))
		return false;
	api_problem(resp, 429, "Too Many Requests", "Too many wrong codes or "
	    "documents from this operator or point: try again later "
	    "(Retry-After).", NULL);
	return true;
}

/* POST /api/v1/pickups/lookup {"code": "482 913 075"} */
void
h_api_pickup_lookup(struct http_req *req, struct http_resp *resp)
{
	json_t		*doc, *found = NULL;
	enum svc_result	 r;

	if (api_blocked(req, resp) || (doc = api_body_json(req, resp)) == NULL)
		return;
	r = pickup_lookup(store_thread(), &req->who, jfield_str(doc, "code"),
	    &found);
	json_decref(doc);
	if (r == SVC_OK) {
		api_json(resp, 200, found);
		return;
	}
	if (r == SVC_NOT_FOUND)
		desk_failed(req);
	api_problem(resp, api_result_status[r], r == SVC_NOT_FOUND ?
	    "Not Found" : api_result_titles[r], r == SVC_NOT_FOUND ? "No "
	    "certificate waits at this point under this code: it is wrong, "
	    "expired, used, or another point's." : NULL, NULL);
}

/* POST /api/v1/pickups/{id}/identity */
void
h_api_pickup_identity(struct http_req *req, struct http_resp *resp)
{
	json_t		*doc, *errors;
	enum svc_result	 r;

	if (api_blocked(req, resp) || (doc = api_body_json(req, resp)) == NULL)
		return;
	errors = json_object();
	r = pickup_check(store_thread(), &req->who, req->id,
	    jfield_str(doc, "document_type"), jfield_str(doc,
	    "document_number"), errors);
	json_decref(doc);
	if (r == SVC_OK) {
		json_decref(errors);
		api_json(resp, 200, json_pack("{s:b}", "identity_checked", 1));
		return;
	}
	if (r == SVC_INVALID && json_object_get(errors, "document_number"))
		desk_failed(req);
	api_problem(resp, api_result_status[r], r == SVC_NOT_FOUND ?
	    "Not Found" : api_result_titles[r], NULL, errors);
}

/* GET /api/v1/pickups/{id}/certificate.pdf */
void
h_api_pickup_pdf(struct http_req *req, struct http_resp *resp)
{
	desk_pdf(req, resp, true);
}

/* POST /api/v1/pickups/{id}/handover */
void
h_api_pickup_handover(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	enum svc_result	 r;

	r = handover_confirm(store_thread(), &req->who, req->id, errors);
	if (r == SVC_OK) {
		json_decref(errors);
		api_json(resp, 200, json_pack("{s:s}", "status", "delivered"));
		return;
	}
	api_problem(resp, api_result_status[r], api_result_titles[r], NULL,
	    errors);
}

/* POST /api/v1/pickups/{id}/payments */
void
h_api_pickup_payment(struct http_req *req, struct http_resp *resp)
{
	json_t		*doc, *errors;
	enum svc_result	 r;

	if ((doc = api_body_json(req, resp)) == NULL)
		return;
	errors = json_object();
	r = pickup_payment(store_thread(), &req->who, req->id, doc, errors);
	json_decref(doc);
	if (r == SVC_OK) {
		json_decref(errors);
		api_json(resp, 201, json_pack("{s:b}", "recorded", 1));
		return;
	}
	api_problem(resp, api_result_status[r], api_result_titles[r], NULL,
	    errors);
}

/* GET /api/v1/pickups: what waits at the key's point. */
void
h_api_pickup_stock(struct http_req *req, struct http_resp *resp)
{
	json_t	*rows = pickup_stock(store_thread(), &req->who);

	if (rows == NULL) {
		api_problem(resp, 500, "Internal Server Error", NULL, NULL);
		return;
	}
	api_json(resp, 200, json_pack("{s:o}", "pickups", rows));
}
