/*
 * association: the workspace of an association's operators
 * (docs/citizen.md): the online applications they fill for the citizens
 * they help, drafts and sent, with a search by name.  A draft opens in
 * the citizen's own form (/domanda), with the citizen's consent recorded
 * at its first step; the operator's session sends it.
 */

#include "base/jfield.h"
#include "domain/i18n.h"
#include "apply_page.h"
#include "handlers.h"
#include "online/online.h"
#include "page.h"
#include "store/store.h"

/* The workspace: errors (borrowed, may be NULL) of its contacts form. */
static void
home(struct http_req *req, struct http_resp *resp, int status,
    json_t *errors, bool saved)
{
	const char	*q = http_query(req, "q");
	json_t		*list = online_of_association(store_thread(), &req->who,
			    q);
	json_t		*a = online_association(store_thread(), &req->who);

	if (list == NULL || a == NULL) {
		json_decref(list);
		json_decref(a);
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	/* What was typed stays in the form when it is refused. */
	if (errors != NULL) {
		json_object_set_new(a, "phone", json_string(jfield_text(
		    req->form, "phone")));
		json_object_set_new(a, "email", json_string(jfield_text(
		    req->form, "email")));
	}
	page_render(req, resp, status, "association.html", _("Domande online"),
	    json_pack("{s:o, s:s, s:o, s:O?, s:b}", "drafts", list, "q",
	    q ? q : "", "association", a, "errors", errors, "saved", saved));
}

/* GET /associazione?q= */
void
h_assoc_home(struct http_req *req, struct http_resp *resp)
{
	home(req, resp, 200, NULL, false);
}

/* POST /associazione/recapiti: phone, email */
void
h_assoc_contacts(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object();
	enum svc_result	 r = online_association_contacts(store_thread(),
			    &req->who, req->form, errors);

	if (r == SVC_OK || r == SVC_INVALID)
		home(req, resp, r == SVC_OK ? 200 : 422, r == SVC_OK ? NULL :
		    errors, r == SVC_OK);
	else
		page_error(req, resp, r == SVC_FORBIDDEN ? 403 : 500, r ==
		    SVC_FORBIDDEN ? _("Il tuo ruolo non permette questa azione") :
		    _("Errore interno"));
	json_decref(errors);
}

/* The draft's cookie, then its form. */
static void
open_draft(struct http_resp *resp, const char *token)
{
	apply_cookie(resp, token, ONLINE_DAYS * 86400);
	http_redirect(resp, "/domanda/passo/1");
}

/* POST /associazione/bozze */
void
h_assoc_new_draft(struct http_req *req, struct http_resp *resp)
{
	char	 token[AUTH_TOKEN_LEN + 1];

	if (online_start(store_thread(), req->who.comune_id, "it", &req->who,
	    token) != SVC_OK)
		page_error(req, resp, 500, _("Errore interno"));
	else
		open_draft(resp, token);
}

/* POST /associazione/bozze/{id} */
void
h_assoc_open_draft(struct http_req *req, struct http_resp *resp)
{
	char		 token[AUTH_TOKEN_LEN + 1];
	enum svc_result	 r = online_reopen(store_thread(), &req->who, req->id,
			    token);

	if (r == SVC_OK)
		open_draft(resp, token);
	else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 : 500, r ==
		    SVC_NOT_FOUND ? _("Bozza non trovata") :
		    _("Errore interno"));
}
