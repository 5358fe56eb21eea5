/*
 * office_imports: the administrator's page for the comune's estate
 * registers: upload a FAB supply, an anagrafe or a TARI extract, watch the
 * import run, and read the history of imports with their summaries.
 *
 * The upload streams to a temporary file (server.c); the head of the file
 * is checked at once, so that a wrong file is refused on the spot with the
 * reason, and the import then runs in a thread of its own while the page
 * shows its progress from the imports table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "domain/i18n.h"
#include "estate/cadastre.h"
#include "estate/extract.h"
#include "handlers.h"
#include "page.h"
#include "service/admin.h"
#include "service/import_job.h"
#include "store/store.h"

static const struct {
	const char	*kind, *label;
} kinds[] = {
	{"cadastre", N_("Catasto fabbricati (fornitura FAB)")},
	{"residents", N_("Anagrafe (estratto CSV dei residenti)")},
	{"tari", N_("TARI (estratto CSV delle iscrizioni)")},
	{NULL, NULL}
};

static const struct {
	const char	*state, *label;
} states[] = {
	{"running", N_("in corso")}, {"done", N_("completata")},
	{"refused", N_("rifiutata")}, {"failed", N_("non riuscita")},
	{"interrupted", N_("interrotta")}, {NULL, NULL}
};

static const char *
label(const char *value, bool kind)
{
	for (int i = 0; kind ? kinds[i].kind != NULL : states[i].state != NULL;
	    i++)
		if (value != NULL && strcmp(kind ? kinds[i].kind :
		    states[i].state, value) == 0)
			return _(kind ? kinds[i].label : states[i].label);
	return value ? value : "";
}

/*
 * The comune the page works on: the administrator's own, or for the
 * administrator of the whole installation the one chosen (?comune=ID or
 * the form's comune field), else the first.
 */
static int64_t
page_comune(struct http_req *req, json_t *comuni)
{
	const char	*q = http_query(req, "comune");
	const char	*f = http_field(req, "comune");
	const char	*want = f ? f : q;
	size_t		 i;
	json_t		*v;

	if (req->who.comune_id != 0)
		return req->who.comune_id;
	json_array_foreach(comuni, i, v) {
		char	 id[24];

		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(
		    json_object_get(v, "id")));
		if (want != NULL && strcmp(want, id) == 0)
			return json_integer_value(json_object_get(v, "id"));
	}
	return json_integer_value(json_object_get(json_array_get(comuni, 0),
	    "id"));
}

static void
imports_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error)
{
	struct store	*st = store_thread();
	json_t		*comuni = admin_comuni(st), *list, *v;
	json_t		*kl = json_array(), *ctx;
	int64_t		 cid;
	size_t		 i;
	bool		 running = false;

	if (comuni == NULL) {
		page_error(req, resp, 500, "Errore interno");
		return;
	}
	cid = page_comune(req, comuni);
	if ((list = import_list(st, cid)) == NULL) {
		json_decref(comuni);
		page_error(req, resp, 500, "Errore interno");
		return;
	}
	json_array_foreach(list, i, v) {
		int64_t	 total = json_integer_value(json_object_get(v,
		    "total_bytes")), done = json_integer_value(json_object_get(v,
		    "done_bytes"));
		char	 when[32];
		const char *state = json_string_value(json_object_get(v,
		    "state"));

		json_object_set_new(v, "kind_label", json_string(label(
		    json_string_value(json_object_get(v, "kind")), true)));
		json_object_set_new(v, "state_label", json_string(label(state,
		    false)));
		json_object_set_new(v, "running", json_boolean(state != NULL &&
		    strcmp(state, "running") == 0));
		json_object_set_new(v, "cadastre", json_boolean(strcmp(
		    json_string_value(json_object_get(v, "kind")),
		    "cadastre") == 0));
		json_object_set_new(v, "percent", json_integer(total > 0 ?
		    (json_int_t)(done * 100 / total) : 0));
		clock_local_text(json_string_value(json_object_get(v,
		    "started_at")), when, sizeof(when));
		json_object_set_new(v, "started_local", json_string(when));
		running |= state != NULL && strcmp(state, "running") == 0;
	}
	json_array_foreach(comuni, i, v)
		json_object_set_new(v, "selected", json_boolean(json_integer_value(
		    json_object_get(v, "id")) == cid));
	for (int k = 0; kinds[k].kind != NULL; k++)
		json_array_append_new(kl, json_pack("{s:s, s:s}", "value",
		    kinds[k].kind, "label", _(kinds[k].label)));
	ctx = json_pack("{s:o, s:o, s:I, s:b, s:b, s:o, s:o, s:o, s:s?, s:b}",
	    "imports", list, "comuni", comuni, "comune_id", (json_int_t)cid,
	    "choose_comune", req->who.comune_id == 0, "running", running,
	    "kinds", kl, "residents_columns", extract_columns(EXTRACT_RESIDENTS),
	    "tari_columns", extract_columns(EXTRACT_TARI), "error", error,
	    "started", http_query(req, "started") != NULL);
	/* While an import runs, the page reloads itself every 3 seconds. */
	if (running)
		json_object_set_new(ctx, "refresh", json_integer(3));
	page_render(req, resp, status, "imports.html",
	    _("Banche dati del comune"), ctx);
}

void
h_admin_imports(struct http_req *req, struct http_resp *resp)
{
	imports_page(req, resp, 200, NULL);
}

/*
 * POST /admin/imports (multipart): checks the uploaded file's head and
 * queues its import for the worker (service/import_job.c).
 */
void
h_admin_imports_upload(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*kind = http_field(req, "kind");
	json_t		*comuni;
	char		 msg[512], loc[64];
	int64_t		 cid;
	bool		 ok;

	if (kind == NULL || (strcmp(kind, "cadastre") != 0 &&
	    strcmp(kind, "residents") != 0 && strcmp(kind, "tari") != 0)) {
		imports_page(req, resp, 422, _("Scegli che cosa importare."));
		return;
	}
	if (req->upload_path[0] == '\0' || req->upload_size == 0) {
		imports_page(req, resp, 422, _("Scegli un file da caricare: "
		    "nessun file è arrivato, oppure è vuoto."));
		return;
	}
	if ((comuni = admin_comuni(st)) == NULL) {
		page_error(req, resp, 500, "Errore interno");
		return;
	}
	cid = page_comune(req, comuni);
	json_decref(comuni);
	ok = strcmp(kind, "cadastre") == 0 ?
	    cadastre_check_file(st, req->upload_path, cid, msg, sizeof(msg)) :
	    extract_check_file(strcmp(kind, "tari") == 0 ? EXTRACT_TARI :
	    EXTRACT_RESIDENTS, req->upload_path, msg, sizeof(msg));
	if (!ok) {
		char	 text[700];

		snprintf(text, sizeof(text), _("File rifiutato, nulla è stato "
		    "importato: %s."), msg);
		imports_page(req, resp, 422, text);
		return;
	}
	/* The file is the job's now: the request's end must not delete it. */
	if (import_job_submit(st, &req->who, kind, cid, req->upload_path,
	    req->upload_name) != SVC_OK) {
		page_error(req, resp, 500, "Errore interno");
		return;
	}
	req->upload_path[0] = '\0';
	snprintf(loc, sizeof(loc), "/admin/imports?comune=%lld&started=1",
	    (long long)cid);
	http_redirect(resp, loc);
}
