/*
 * public_apply: /domanda, the citizen's online application (src/online,
 * docs/citizen.md), in their language.  Five steps that follow the counter
 * form, then a summary where the phone or the address is confirmed with a
 * one-time code and the application is sent.  The draft lives in a cookie
 * (its token; nothing personal in a URL), every form carries the draft's
 * CSRF token (the router checks it), and each page works without
 * JavaScript.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/i18n.h"
#include "apply_page.h"
#include "handlers.h"
#include "online/online.h"
#include "page.h"
#include "ratelimit.h"
#include "router.h"
#include "service/admin.h"
#include "service/case_files.h"
#include "store/store.h"

/* The draft's cookie: its token, for the application's pages only. */
void
apply_cookie(struct http_resp *resp, const char *value, int max_age)
{
	/* Lax: the link from an SMS or an e-mail must bring it along. */
	router_set_cookie(resp, DRAFT_COOKIE, value, "/domanda", max_age,
	    "Lax");
}

/*
 * Counts one more try of key in the hour: past max, msg goes in
 * errors[field] and the answer is true (the caller answers 429).
 */
static bool
over(const char *key, int max, json_t *errors, const char *field,
    const char *msg)
{
	int	 wait;

	if (ratelimit_blocked(key, max, 3600, &wait)) {
		json_object_set_new(errors, field, json_string(msg));
		return true;
	}
	ratelimit_fail(key, 3600);
	return false;
}

/*
 * The page after an action on the draft: the draft sent meanwhile leads to
 * its last page; otherwise step again, with done when r is SVC_OK, or
 * errors with the status of r (415 a file's type, 429 a limit, 422 a
 * mistake).
 */
static void
answer(struct http_req *req, struct http_resp *resp, int r,
    const struct online_draft *d, int step, const json_t *errors,
    const char *done)
{
	if (r == SVC_CONFLICT) {
		http_redirect(resp, "/domanda/inviata");
		return;
	}
	apply_page(req, resp, r == SVC_OK ? 200 : r == CASE_FILES_TYPE ? 415 :
	    r == ONLINE_LIMIT ? 429 : r == SVC_INVALID ? 422 : 500, d, step,
	    errors, r == SVC_OK ? done : NULL, NULL);
}

/* The request's draft (the router found it live). */
static bool
draft(struct http_req *req, struct http_resp *resp, struct online_draft *d)
{
	if (online_load(store_thread(), req->session_token, d) == 1)
		return true;
	page_error(req, resp, 500, _("Errore interno"));
	return false;
}

/* GET /domanda */
void
h_apply_intro(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	json_t			*names = json_array(), *comuni, *ctx;

	for (int n = ONLINE_APPLICANT; n <= ONLINE_SUMMARY; n++)
		json_array_append_new(names, json_pack("{s:s}", "label",
		    _(apply_step_labels[n])));
	comuni = admin_comuni(store_thread());
	ctx = json_pack("{s:b, s:o, s:b, s:o}", "intro", 1, "step_names",
	    names, "many", json_array_size(comuni) > 1, "comuni", comuni ?
	    comuni : json_array());
	if (online_load(store_thread(), http_cookie(req, DRAFT_COOKIE),
	    &d) == 1) {
		if (d.case_id == 0)
			json_object_set_new(ctx, "resume", json_integer(d.step));
		online_free(&d);
	}
	page_render(req, resp, 200, "apply.html", _("Domanda online"), ctx);
}

/* POST /domanda: a new draft, in the page's language. */
void
h_apply_new(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*site = http_header(req, "Sec-Fetch-Site");
	const char	*code = http_field(req, "comune");
	json_t		*comuni = admin_comuni(st), *c;
	int64_t		 comune_id = 0;
	char		 key[96], token[AUTH_TOKEN_LEN + 1];
	size_t		 i;
	int		 wait;

	if (site != NULL && strcmp(site, "same-origin") != 0 &&
	    strcmp(site, "none") != 0) {
		json_decref(comuni);
		page_error(req, resp, 403, _("Modulo non valido: apri la "
		    "pagina della domanda e riprova."));
		return;
	}
	json_array_foreach(comuni, i, c)
		if (json_array_size(comuni) == 1 || (code != NULL &&
		    strcmp(code, jfield_text(c, "code")) == 0))
			comune_id = jfield_int(c, "id");
	json_decref(comuni);
	if (comune_id == 0) {
		page_error(req, resp, 422, _("Scegli il comune."));
		return;
	}
	/* Twenty drafts an hour from one address. */
	snprintf(key, sizeof(key), "draft:%s", req->ip);
	if (ratelimit_blocked(key, 20, 3600, &wait)) {
		page_error(req, resp, 429, _("Troppe domande iniziate da qui: "
		    "riprova tra un'ora."));
		return;
	}
	ratelimit_fail(key, 3600);
	if (online_start(st, comune_id, req->lang, NULL, token) != SVC_OK) {
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	apply_cookie(resp, token, ONLINE_DAYS * 86400);
	http_redirect(resp, "/domanda/passo/1");
}

/* GET /domanda/riprendi?t=TOKEN: the link sent by SMS or e-mail. */
void
h_apply_resume(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	const char		*t = http_query(req, "t");
	char			 loc[48];

	if (online_load(store_thread(), t, &d) != 1) {
		page_error(req, resp, 404, _("Il link non vale più: la domanda "
		    "è scaduta dopo 30 giorni, oppure è già stata inviata."));
		return;
	}
	apply_cookie(resp, t, ONLINE_DAYS * 86400);
	snprintf(loc, sizeof(loc), d.case_id ? "/domanda/inviata" :
	    "/domanda/passo/%d", d.step);
	online_free(&d);
	http_redirect(resp, loc);
}

/* GET /domanda/passo/{id} */
void
h_apply_step(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	char			 loc[48];

	if (!draft(req, resp, &d))
		return;
	if (d.case_id != 0 || req->id > d.step || req->id > ONLINE_SUMMARY) {
		snprintf(loc, sizeof(loc), d.case_id ? "/domanda/inviata" :
		    "/domanda/passo/%d", d.step);
		http_redirect(resp, loc);
	} else if (req->id == ONLINE_SUMMARY) {
		/* What the office would still refuse, linked to its step. */
		json_t *errors = json_object();

		online_step_errors(&d, 0, errors);
		apply_page(req, resp, 200, &d, ONLINE_SUMMARY, errors, NULL,
		    NULL);
		json_decref(errors);
	} else
		apply_page(req, resp, 200, &d, (int)req->id, NULL, NULL, NULL);
	online_free(&d);
}

/* POST /domanda/passo/{id}: go = next, save or calc (the rooms). */
void
h_apply_save(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	const char		*go = jfield_text(req->form, "go");
	bool			 next = strcmp(go, "next") == 0;
	json_t			*errors, *pv = NULL;
	enum svc_result		 r;
	char			 loc[48];

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	if (req->id > d.step || req->id >= ONLINE_SUMMARY)
		r = SVC_NOT_FOUND;
	else
		r = online_save(store_thread(), &d, (int)req->id, req->form,
		    next, errors);
	if (r == SVC_OK && next) {
		snprintf(loc, sizeof(loc), "/domanda/passo/%d", (int)req->id +
		    1);
		http_redirect(resp, loc);
	} else if (r == SVC_OK || r == SVC_INVALID) {
		if (strcmp(go, "calc") == 0) {
			json_t *e = json_object();

			pv = online_eligibility(store_thread(), &d, e);
			json_object_update(errors, e);
			json_decref(e);
		}
		apply_page(req, resp, r == SVC_OK || !next ? 200 : 422, &d,
		    (int)req->id, errors, r == SVC_OK ? _("Salvato.") : NULL,
		    pv);
	} else if (r == SVC_CONFLICT)
		http_redirect(resp, "/domanda/inviata");
	else if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, _("Pagina non trovata"));
	else
		page_error(req, resp, 500, _("Errore interno"));
	json_decref(errors);
	online_free(&d);
}

/* POST /domanda/documento: kind and file (multipart). */
void
h_apply_upload(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	json_t			*errors;
	char			 key[64];
	int			 r;

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	snprintf(key, sizeof(key), "dupload:%lld", (long long)d.id);
	if (over(key, 30, errors, "file", _("Troppi file in poco tempo: "
	    "riprova tra un'ora o porta i documenti all'ufficio.")))
		r = ONLINE_LIMIT;
	else
		r = online_file_add(store_thread(), &d, http_field(req, "kind"),
		    req->upload_path, req->upload_name, req->upload_size,
		    errors);
	answer(req, resp, r, &d, ONLINE_DOCUMENTS, errors,
	    _("Documento ricevuto. Grazie."));
	json_decref(errors);
	online_free(&d);
}

/* POST /domanda/documento/rimuovi: file */
void
h_apply_unload(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	const char		*f = http_field(req, "file");

	if (!draft(req, resp, &d))
		return;
	online_file_remove(store_thread(), &d, f ? strtoll(f, NULL, 10) : 0);
	http_redirect(resp, "/domanda/passo/4");
	online_free(&d);
}

/* The page of the step a form came from (its "step" field). */
static int
from_step(struct http_req *req, const struct online_draft *d)
{
	const char	*s = http_field(req, "step");
	int		 n = s ? atoi(s) : d->step;

	return n >= ONLINE_APPLICANT && n <= d->step ? n : d->step;
}

/* POST /domanda/link: channel */
void
h_apply_link(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	json_t			*errors;
	char			 key[64];
	int			 r;

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	/* Three links an hour: enough to reach a second phone. */
	snprintf(key, sizeof(key), "dlink:%lld", (long long)d.id);
	if (over(key, 3, errors, "channel", _("Ti abbiamo già inviato il link "
	    "più volte: controlla i messaggi.")))
		r = ONLINE_LIMIT;
	else
		r = online_send_link(store_thread(), &d, req->session_token,
		    http_field(req, "channel"), errors);
	answer(req, resp, r, &d, from_step(req, &d), errors, _("Ti abbiamo "
	    "inviato il link per riprendere la domanda."));
	json_decref(errors);
	online_free(&d);
}

/* POST /domanda/codice: channel */
void
h_apply_code(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	json_t			*errors;
	char			 key[96];
	int			 r;

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	snprintf(key, sizeof(key), "dotp:%s", req->ip);
	if (over(key, 10, errors, "channel", _("Troppi codici chiesti da qui: "
	    "riprova tra un'ora.")))
		r = ONLINE_LIMIT;
	else
		r = online_otp_send(store_thread(), &d, http_field(req,
		    "channel"), errors);
	answer(req, resp, r, &d, ONLINE_SUMMARY, errors, _("Codice inviato: "
	    "arriva in pochi minuti."));
	json_decref(errors);
	online_free(&d);
}

/* POST /domanda/conferma: otp */
void
h_apply_confirm(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;
	json_t			*errors;
	enum svc_result		 r;

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	r = online_otp_check(store_thread(), &d, http_field(req, "otp"),
	    errors);
	answer(req, resp, r, &d, ONLINE_SUMMARY, errors,
	    _("Contatto confermato."));
	json_decref(errors);
	online_free(&d);
}

/* POST /domanda/invia: truthful */
void
h_apply_submit(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	struct online_draft	 d;
	struct principal	 assoc, *who = NULL;
	json_t			*errors;
	char			 token[AUTH_TOKEN_LEN + 1], key[64];
	int			 r;

	if (!draft(req, resp, &d))
		return;
	errors = json_object();
	/* Ten tries an hour: mistakes to correct, not a flood. */
	snprintf(key, sizeof(key), "dsend:%lld", (long long)d.id);
	if (over(key, 10, errors, "contact", _("Troppi invii in poco tempo: "
	    "riprova tra un'ora."))) {
		apply_page(req, resp, 429, &d, ONLINE_SUMMARY, errors, NULL,
		    NULL);
		goto out;
	}
	/* An association's draft goes with its operator's own session. */
	if (d.association_id != 0) {
		const char *s = http_cookie(req, "idoneo_session");

		memset(&assoc, 0, sizeof(assoc));
		if (s == NULL || auth_session(st, s, &assoc) != 1 ||
		    assoc.role != ROLE_ASSOCIATION ||
		    assoc.association_id != d.association_id) {
			page_error(req, resp, 403, _("Accedi con l'utenza "
			    "dell'associazione per inviare questa domanda."));
			goto out;
		}
		snprintf(assoc.ip, sizeof(assoc.ip), "%s", req->ip);
		who = &assoc;
	}
	r = online_submit(st, &d, req->form, who, errors, token);
	if (r == SVC_OK) {
		if (who == NULL)
			router_set_cookie(resp, FOLLOW_COOKIE, token, "/segui",
			    3600, "Strict");
		http_redirect(resp, "/domanda/inviata");
	} else if (r == SVC_CONFLICT)
		http_redirect(resp, "/domanda/inviata");
	else if (r == SVC_INVALID || r == SVC_FORBIDDEN)
		apply_page(req, resp, 422, &d, ONLINE_SUMMARY, errors, NULL,
		    NULL);
	else
		page_error(req, resp, 500, _("Errore interno: la domanda non è "
		    "stata inviata. Riprova tra poco."));
out:
	json_decref(errors);
	online_free(&d);
}

/* GET /domanda/inviata */
void
h_apply_sent(struct http_req *req, struct http_resp *resp)
{
	struct online_draft	 d;

	if (!draft(req, resp, &d))
		return;
	if (d.case_id == 0) {
		char loc[48];

		snprintf(loc, sizeof(loc), "/domanda/passo/%d", d.step);
		http_redirect(resp, loc);
	} else
		apply_page(req, resp, 200, &d, ONLINE_SUMMARY + 1, NULL, NULL,
		    NULL);
	online_free(&d);
}

/* POST /domanda/esci: forget the draft on this device. */
void
h_apply_close(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	apply_cookie(resp, "", 0);
	http_redirect(resp, "/domanda");
}
