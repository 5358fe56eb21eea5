/*
 * association: the workspace of an association's operators
 * (docs/citizen.md): the online applications they fill for the citizens
 * they help, drafts and sent, with a search by name.  A draft opens in
 * the citizen's own form (/domanda), with the citizen's consent recorded
 * at its first step; the operator's session sends it.
 */

#include "domain/i18n.h"
#include "apply_page.h"
#include "handlers.h"
#include "online/online.h"
#include "page.h"
#include "store/store.h"

/* GET /associazione?q= */
void
h_assoc_home(struct http_req *req, struct http_resp *resp)
{
	const char	*q = http_query(req, "q");
	json_t		*list = online_of_association(store_thread(), &req->who,
			    q);

	if (list == NULL) {
		page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	page_render(req, resp, 200, "association.html", _("Domande online"),
	    json_pack("{s:o, s:s}", "drafts", list, "q", q ? q : ""));
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
