/*
 * office_files: documents uploaded for a case, from the counter's case
 * page and from the API (docs/uploads.md), and downloaded by the office or
 * the association that filed the case.  The server has streamed the file
 * to disk (src/http), within the route's CASE_FILE_MAX.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "handlers.h"
#include "page.h"
#include "service/case_files.h"
#include "store/store.h"

/* The status of case_files_add's answer. */
static int
add_status(int r)
{
	return r == SVC_OK ? 201 : r == CASE_FILES_TYPE ? 415 :
	    r == SVC_INVALID ? 422 : r == SVC_NOT_FOUND ? 404 :
	    r == SVC_FORBIDDEN ? 403 : 500;
}

static int
add(struct http_req *req, json_t *errors, int64_t *id)
{
	return case_files_add(store_thread(), &req->who, req->id,
	    http_field(req, "kind"), req->upload_path, req->upload_name,
	    req->upload_size, errors, id);
}

/* POST /cases/{id}/documents: kind and file, from the case page. */
void
h_case_file_upload(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	const char	*why;
	char		 next[64];
	int64_t		 id;
	int		 r = add(req, errors, &id);

	if (r == SVC_OK) {
		json_decref(errors);
		snprintf(next, sizeof(next), "/cases/%lld?uploaded=1#files",
		    (long long)req->id);
		http_redirect(resp, next);
		return;
	}
	why = jfield_str(errors, "file") ? jfield_str(errors, "file") :
	    jfield_str(errors, "kind");
	page_error(req, resp, add_status(r), why != NULL ? why :
	    r == SVC_NOT_FOUND ? _("Pratica non trovata") : _("Errore interno"));
	json_decref(errors);
}

/* POST /api/v1/applications/{id}/documents (uploadDocument) */
void
h_api_file_upload(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	int64_t		 id;
	int		 r = add(req, errors, &id);

	if (r == SVC_OK) {
		json_decref(errors);
		api_json(resp, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id,
		    "kind", http_field(req, "kind")));
		return;
	}
	api_problem(resp, add_status(r), r == CASE_FILES_TYPE ?
	    "Unsupported Media Type" : r == SVC_INVALID ? "Dati non validi" :
	    r == SVC_NOT_FOUND ? "Pratica non trovata" : "Errore interno",
	    r == CASE_FILES_TYPE ? "Only PDF, JPEG and PNG files are taken, "
	    "told by their content." : NULL, errors);
}

/* GET /api/v1/applications/{id}/documents (listDocuments) */
void
h_api_files(struct http_req *req, struct http_resp *resp)
{
	json_t		*rows;
	enum svc_result	 r = case_files_list(store_thread(), &req->who,
			    req->id, &rows);

	if (r != SVC_OK) {
		api_problem(resp, r == SVC_NOT_FOUND ? 404 : 500, r ==
		    SVC_NOT_FOUND ? "Pratica non trovata" : "Errore interno",
		    NULL, NULL);
		return;
	}
	api_json(resp, 200, json_pack("{s:o}", "documents", rows));
}

/* The file itself, for a page (api false) or the API. */
static void
file_get(struct http_req *req, struct http_resp *resp, bool api)
{
	char		 type[64], name[130], cd[200];
	enum svc_result	 r;

	buf_reset(&resp->body);
	r = case_files_read(store_thread(), &req->who, req->id, &resp->body,
	    type, sizeof(type), name, sizeof(name));
	if (r == SVC_OK) {
		resp->status = 200;
		resp->content_type = type;
		/* A download, never shown in the site's own origin. */
		snprintf(cd, sizeof(cd), "attachment; filename=\"%s\"", name);
		http_add_header(resp, "Content-Disposition", cd);
		return;
	}
	buf_reset(&resp->body);
	if (api)
		api_problem(resp, r == SVC_NOT_FOUND ? 404 : r == SVC_CONFLICT ?
		    410 : 500, r == SVC_NOT_FOUND ? "Not Found" : r ==
		    SVC_CONFLICT ? "Gone" : "Errore interno", r == SVC_CONFLICT ?
		    "The retention policy removed this file." : NULL, NULL);
	else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : r ==
		    SVC_CONFLICT ? 410 : 500, r == SVC_NOT_FOUND ?
		    _("Documento non trovato") : r == SVC_CONFLICT ?
		    _("Documento eliminato alla scadenza del periodo di "
		    "conservazione") : _("Errore interno"));
}

/* GET /files/{id} */
void
h_file_get(struct http_req *req, struct http_resp *resp)
{
	file_get(req, resp, false);
}

/* GET /api/v1/files/{id} (downloadDocument) */
void
h_api_file_get(struct http_req *req, struct http_resp *resp)
{
	file_get(req, resp, true);
}

/* The case's uploaded documents, with their kinds and sizes for people. */
json_t *
office_case_files(struct store *st, const struct principal *p, int64_t id)
{
	json_t	*rows, *v;
	size_t	 i;

	if (case_files_list(st, p, id, &rows) != SVC_OK)
		return NULL;
	json_array_foreach(rows, i, v) {
		const char	*l = choice_label(intake_documents,
				    jfield_text(v, "kind"));
		char		 kb[32];

		json_object_set_new(v, "kind_label", json_string(l ? _(l) :
		    _("Altro documento")));
		snprintf(kb, sizeof(kb), "%lld KB", (long long)(jfield_int(v,
		    "size") + 1023) / 1024);
		json_object_set_new(v, "size_text", json_string(kb));
	}
	return json_pack("{s:o, s:o}", "list", rows, "kinds",
	    page_choices(intake_documents, NULL));
}
