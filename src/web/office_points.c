/*
 * office_points: the administrator's page of the T-Serve network
 * (/admin/points): the points of every comune, a form to add or change
 * one, their status, and the network as a CSV file both ways; and the
 * API's list of points nearest a place (listPoints).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/geo.h"
#include "domain/i18n.h"
#include "handlers.h"
#include "page.h"
#include "service/admin.h"
#include "points/points.h"
#include "store/store.h"

/* The largest CSV file of points the page takes: 1 MiB, some 8,000. */
#define POINTS_CSV_MAX	(1024 * 1024)

static void
points_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, json_t *errors, const char *done)
{
	struct store	*st = store_thread();
	json_t		*points = points_list(st, 0);

	if (points == NULL) {
		json_decref(errors);
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	page_render(req, resp, status, "points.html", _("Punti di ritiro "
	    "T-Serve"), json_pack("{s:o, s:o, s:o, s:o*, s:s?, s:s?}", "points",
	    points, "comuni", admin_comuni(st), "kinds",
	    page_choices(point_kinds, NULL), "errors", errors, "error", error,
	    "done", done));
}

/* GET /admin/points */
void
h_admin_points(struct http_req *req, struct http_resp *resp)
{
	points_page(req, resp, 200, NULL, NULL, http_query(req, "saved") ?
	    _("Salvato.") : NULL);
}

/* POST /admin/points: add a point, or change the one of that name. */
void
h_admin_point_save(struct http_req *req, struct http_resp *resp)
{
	const char	*why = NULL;
	enum svc_result	 r = points_save(store_thread(), &req->who, req->form,
			    &why);

	if (r == SVC_OK)
		http_redirect(resp, "/admin/points?saved=1");
	else if (r == SVC_INVALID)
		points_page(req, resp, 422, why, NULL, NULL);
	else
		page_error(req, resp, 500, _("Errore interno"));
}

/* POST /admin/points/{id}/status: accredit, suspend or close. */
void
h_admin_point_status(struct http_req *req, struct http_resp *resp)
{
	enum svc_result	 r = points_set_status(store_thread(), &req->who,
			    req->id, http_field(req, "status"));

	if (r == SVC_OK)
		http_redirect(resp, "/admin/points?saved=1");
	else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : r ==
		    SVC_INVALID ? 422 : 500, r == SVC_NOT_FOUND ?
		    _("Punto non trovato") : r == SVC_INVALID ?
		    _("Stato: accreditato, sospeso o chiuso") :
		    _("Errore interno"));
}

/* GET /admin/points.csv: the whole network, as the import takes it. */
void
h_admin_points_csv(struct http_req *req, struct http_resp *resp)
{
	if (points_export_csv(store_thread(), 0, &resp->body) < 0) {
		buf_reset(&resp->body);
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	http_add_header(resp, "Content-Disposition",
	    "attachment; filename=\"punti-tserve.csv\"");
}

typedef enum svc_result (*csv_import_fn)(struct store *,
    const struct principal *, const char *, size_t, json_t *, int *);

/* An uploaded CSV file (multipart, in "file") given to an importer. */
static void
csv_upload(struct http_req *req, struct http_resp *resp, csv_import_fn imp,
    const char *done_text)
{
	json_t		*errors = json_array();
	struct buf	 data;
	char		 chunk[65536], done[96];
	FILE		*f = NULL;
	size_t		 n;
	int		 saved = 0;
	enum svc_result	 r;

	buf_init(&data);
	if (req->upload_path[0] == '\0' || req->upload_size == 0 ||
	    req->upload_size > POINTS_CSV_MAX ||
	    (f = fopen(req->upload_path, "rb")) == NULL) {
		json_decref(errors);
		points_page(req, resp, req->upload_size > POINTS_CSV_MAX ? 413 :
		    422, req->upload_size > POINTS_CSV_MAX ? _("File troppo "
		    "grande: al massimo 1 MiB.") : _("Scegli un file CSV da "
		    "caricare: nessun file è arrivato, oppure è vuoto."), NULL,
		    NULL);
		return;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&data, chunk, n);
	fclose(f);
	r = imp(store_thread(), &req->who, data.data, data.len, errors,
	    &saved);
	buf_free(&data);
	if (r == SVC_OK) {
		json_decref(errors);
		snprintf(done, sizeof(done), "%s %d.", done_text, saved);
		points_page(req, resp, 200, NULL, NULL, done);
	} else if (r == SVC_INVALID)
		points_page(req, resp, 422, _("File rifiutato, nulla è stato "
		    "importato:"), errors, NULL);
	else {
		json_decref(errors);
		page_error(req, resp, 500, _("Errore interno"));
	}
}

/* POST /admin/points/import (multipart, the file in "file"). */
void
h_admin_points_import(struct http_req *req, struct http_resp *resp)
{
	csv_upload(req, resp, points_import_csv, _("Punti importati:"));
}

/* POST /admin/points/streets: the stradario, comune;via;lat;lon. */
void
h_admin_streets_import(struct http_req *req, struct http_resp *resp)
{
	csv_upload(req, resp, points_import_streets, _("Vie importate:"));
}

/*
 * GET /api/v1/points?lat=…&lon=…[&limit=N]: the open points of the key's
 * comune that hand over certificates, nearest first, with their distance;
 * without a place, all of them by name.
 */
void
h_api_points(struct http_req *req, struct http_resp *resp)
{
	const char	*lat = http_query(req, "lat"), *lon = http_query(req,
			    "lon"), *lim = http_query(req, "limit");
	const char	*addr = http_query(req, "address");
	int32_t		 la = 0, lo = 0, at[2];
	int		 found = 0;
	long		 limit = lim != NULL ? strtol(lim, NULL, 10) : 10;
	json_t		*points;

	if (limit < 1 || limit > 100) {
		api_problem(resp, 400, "Bad Request", "limit is 1 to 100.",
		    NULL);
		return;
	}
	if ((lat == NULL) != (lon == NULL) || (lat != NULL &&
	    (!geo_parse(lat, true, &la) || !geo_parse(lon, false, &lo)))) {
		api_problem(resp, 400, "Bad Request", "Give lat and lon in "
		    "decimal degrees (43.8807, 11.0966), or neither.", NULL);
		return;
	}
	/* Or near an address of the comune, from its stradario. */
	if (addr != NULL && lat == NULL && (found = points_street_find(
	    store_thread(), req->who.comune_id, addr, at)) <= 0) {
		api_problem(resp, found < 0 ? 500 : 404, found < 0 ?
		    "Internal Server Error" : "Not Found", found < 0 ? NULL :
		    "The comune's stradario has no such street: give lat and "
		    "lon instead.", NULL);
		return;
	}
	{
		int32_t near[2] = {la, lo};

		points = points_nearest(store_thread(), req->who.comune_id,
		    found > 0 ? at : lat != NULL ? near : NULL, (size_t)limit);
	}
	if (points == NULL) {
		api_problem(resp, 500, "Internal Server Error", NULL, NULL);
		return;
	}
	api_json(resp, 200, json_pack("{s:o}", "points", points));
}
