/*
 * public_follow: /segui, the citizen's page for their case
 * (service/follow.c, docs/citizen.md), in their language.  The case
 * number and the tracking code open it; wrong pairs are rate-limited per
 * address.  Every form carries the session's CSRF token (the router
 * checks it).
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "handlers.h"
#include "page.h"
#include "points/points.h"
#include "ratelimit.h"
#include "router.h"
#include "service/case_files.h"
#include "service/follow.h"
#include "service/handover.h"
#include "store/store.h"

/* Ten wrong pairs in a quarter of an hour from one address, then a wait. */
#define FOLLOW_MAX_FAILS	10
#define FOLLOW_WINDOW_S		900
#define FOLLOW_UPLOADS		20	/* files a case takes in an hour */

static void
set_cookie(struct http_resp *resp, const char *value, int max_age)
{
	router_set_cookie(resp, FOLLOW_COOKIE, value, "/segui", max_age,
	    "Strict");
}

static void
form_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *number)
{
	page_render(req, resp, status, "follow.html", _("Segui la tua pratica"),
	    json_pack("{s:b, s:s?, s:s?}", "ask", 1, "error", error, "number",
	    number));
}

/* GET /segui */
void
h_follow_form(struct http_req *req, struct http_resp *resp)
{
	form_page(req, resp, 200, NULL, NULL);
}

/* POST /segui: number and code. */
void
h_follow_open(struct http_req *req, struct http_resp *resp)
{
	char		 key[96], token[AUTH_TOKEN_LEN + 1];
	int		 wait;
	enum svc_result	 r;

	snprintf(key, sizeof(key), "follow:%s", req->ip);
	if (ratelimit_blocked(key, FOLLOW_MAX_FAILS, FOLLOW_WINDOW_S, &wait)) {
		form_page(req, resp, 429, _("Troppi tentativi: riprova tra "
		    "qualche minuto."), NULL);
		return;
	}
	r = follow_open(store_thread(), http_field(req, "number"),
	    http_field(req, "code"), token);
	if (r == SVC_OK) {
		set_cookie(resp, token, 3600);
		http_redirect(resp, "/segui/pratica");
		return;
	}
	if (r == SVC_NOT_FOUND)
		ratelimit_fail(key, FOLLOW_WINDOW_S);
	form_page(req, resp, r == SVC_NOT_FOUND ? 404 : 500, r ==
	    SVC_NOT_FOUND ? _("Numero di pratica o codice non corretti: "
	    "controlla il messaggio di conferma della domanda.") :
	    _("Errore interno"), http_field(req, "number"));
}

/* The page's dates as a reader of its language writes them. */
static void
days_local(json_t *o, const char *lang)
{
	static const char *const keys[] = {"received_on", "due_on",
	    "answer_by"};
	char	 d[DATE_LANG_STRLEN];
	int	 day;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (date_parse(jfield_text(o, keys[i]), &day)) {
			date_format_lang(day, lang, d);
			json_object_set_new(o, keys[i], json_string(d));
		}
}

static void
case_page(struct http_req *req, struct http_resp *resp, int status,
    const char *done, json_t *errors)
{
	struct store	*st = store_thread();
	json_t		*v, *pts;
	enum svc_result	 r = follow_view(st, &req->who, req->who.case_id, &v);

	if (r != SVC_OK) {
		json_decref(errors);
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	days_local(v, req->lang);
	pts = points_nearest(st, req->who.comune_id, NULL, 100);
	json_object_set_new(v, "points", pts ? pts : json_array());
	json_object_set_new(v, "kinds", page_choices(intake_documents, NULL));
	json_object_set_new(v, "done", done ? json_string(done) :
	    json_null());
	json_object_set_new(v, "errors", errors ? errors : json_null());
	page_render(req, resp, status, "follow.html", _("La tua pratica"), v);
}

/* GET /segui/pratica */
void
h_follow_case(struct http_req *req, struct http_resp *resp)
{
	case_page(req, resp, 200, NULL, NULL);
}

/* The page again after an action: done, or what went wrong. */
static void
after(struct http_req *req, struct http_resp *resp, int r, json_t *errors,
    const char *done)
{
	if (r == SVC_OK) {
		json_decref(errors);
		case_page(req, resp, 200, done, NULL);
		return;
	}
	if (json_object_size(errors) == 0)
		json_object_set_new(errors, "action", json_string(r ==
		    SVC_CONFLICT ? _("Non è più possibile: la pratica è "
		    "andata avanti.") : _("Errore interno")));
	case_page(req, resp, r == CASE_FILES_TYPE ? 415 : r == SVC_INVALID ?
	    422 : r == SVC_CONFLICT ? 409 : 500, NULL, errors);
}

/* POST /segui/documento: kind and file (multipart). */
void
h_follow_upload(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object();
	char	 key[64];
	int	 r, wait;

	/* Twenty files an hour for a case: enough for any case, and no
	 * way to fill the disk from one. */
	snprintf(key, sizeof(key), "upload:%lld", (long long)req->who.case_id);
	if (ratelimit_blocked(key, FOLLOW_UPLOADS, 3600, &wait)) {
		json_object_set_new(errors, "file", json_string(_("Troppi file "
		    "in poco tempo: riprova tra un'ora o porta i documenti "
		    "all'ufficio.")));
		case_page(req, resp, 429, NULL, errors);
		return;
	}
	ratelimit_fail(key, 3600);
	r = follow_upload(store_thread(), &req->who, req->who.case_id,
	    http_field(req, "kind"), req->upload_path, req->upload_name,
	    req->upload_size, errors);
	after(req, resp, r, errors, _("Documento ricevuto. Grazie."));
}

/* POST /segui/ritiro: collection_point, delegate.* */
void
h_follow_place(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object();

	after(req, resp, handover_place(store_thread(), &req->who,
	    req->who.case_id, req->form, errors), errors,
	    _("Luogo di ritiro aggiornato."));
}

/* POST /segui/osservazioni */
void
h_follow_answer(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object();

	after(req, resp, follow_observations(store_thread(), &req->who,
	    req->who.case_id, http_field(req, "observations"), errors), errors,
	    _("Osservazioni inviate all'ufficio."));
}

/* POST /segui/ritira */
void
h_follow_withdraw(struct http_req *req, struct http_resp *resp)
{
	json_t	*errors = json_object();

	if (strcmp(jfield_text(req->form, "confirm"), "on") != 0) {
		json_object_set_new(errors, "confirm", json_string(_("Conferma "
		    "di voler ritirare la domanda.")));
		after(req, resp, SVC_INVALID, errors, NULL);
		return;
	}
	after(req, resp, follow_withdraw(store_thread(), &req->who,
	    req->who.case_id, http_field(req, "reason"), errors), errors,
	    _("Domanda ritirata."));
}

/* POST /segui/esci */
void
h_follow_close(struct http_req *req, struct http_resp *resp)
{
	follow_close(store_thread(), req->session_token);
	set_cookie(resp, "", 0);
	http_redirect(resp, "/segui");
}
