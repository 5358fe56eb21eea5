/*
 * office_admin: the administrator's pages: comuni and their settings,
 * associations, staff users, API keys and rule sets.  The handlers read the
 * form and call service/admin.c, which checks, writes and audits; they map
 * its answer to a status and a page.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "domain/i18n.h"
#include "domain/workflow.h"
#include "handlers.h"
#include "page.h"
#include "service/admin.h"
#include "service/rules.h"
#include "store/store.h"

/* The status each answer of a service gets on these pages. */
static const int admin_status[SVC__MAX] = {
	[SVC_OK] = 200, [SVC_INVALID] = 422, [SVC_NOT_FOUND] = 404,
	[SVC_FORBIDDEN] = 403, [SVC_CONFLICT] = 409, [SVC_ERROR] = 500,
};

/*
 * The admin page.  new_key, when not NULL, is an API key just created: it is
 * shown this once and never again.
 */
static void
admin_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *notice, const char *new_key)
{
	json_t	*roles = json_array(), *ctx = admin_lists(store_thread()), *page;

	for (int r = 0; r < ROLE__MAX; r++)
		json_array_append_new(roles, json_pack("{s:s}", "value",
		    wf_role_names[r]));
	page = json_pack("{s:o, s:s?, s:s?, s:s?}", "roles", roles, "error",
	    error, "notice", notice, "new_key", new_key);
	json_object_update(ctx, page);
	json_decref(page);
	page_render(req, resp, status, "admin.html", _("Amministrazione"), ctx);
}

/*
 * Answers a change made on the admin page: the page again with notice
 * (status 201 when created says so), or with why it was refused.
 */
static void
admin_answer(struct http_req *req, struct http_resp *resp,
    enum svc_result r, const char *why, const char *notice, bool created)
{
	if (r == SVC_OK)
		admin_page(req, resp, created ? 201 : 200, NULL, notice, NULL);
	else if (why != NULL)
		admin_page(req, resp, admin_status[r], why, NULL, NULL);
	else if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, "Non trovato");
	else
		page_error(req, resp, 500, "Errore interno");
}

void
h_admin(struct http_req *req, struct http_resp *resp)
{
	admin_page(req, resp, 200, NULL, NULL, NULL);
}

void
h_admin_user_create(struct http_req *req, struct http_resp *resp)
{
	const char	*why;
	int64_t		 id;
	enum svc_result	 r = admin_user_create(store_thread(), &req->who,
			    req->form, &id, &why);

	admin_answer(req, resp, r, why, _("Utente creato."), true);
}

/*
 * Turns a user off (or on again).  Turning off also ends the user's
 * sessions, so the change takes effect at once.
 */
void
h_admin_user_active(struct http_req *req, struct http_resp *resp)
{
	const char	*want = http_field(req, "active");
	bool		 on = want != NULL && strcmp(want, "1") == 0;
	const char	*why;
	enum svc_result	 r = admin_user_set_active(store_thread(), &req->who,
			    req->id, on, &why);

	if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, "Utente non trovato");
	else
		admin_answer(req, resp, r, why, on ? _("Utente riattivato.") :
		    _("Utente disattivato."), false);
}

void
h_admin_association_create(struct http_req *req, struct http_resp *resp)
{
	const char	*why;
	enum svc_result	 r = admin_association_create(store_thread(),
			    &req->who, req->form, &why);

	admin_answer(req, resp, r, why, _("Associazione creata."), true);
}

/*
 * Creates an API key for a partner system.  The key is shown once on the
 * page that answers, and stored only as a hash.
 */
void
h_admin_key_create(struct http_req *req, struct http_resp *resp)
{
	char		 key[AUTH_TOKEN_LEN + 1];
	const char	*why;
	enum svc_result	 r = admin_key_create(store_thread(), &req->who,
			    req->form, key, &why);

	if (r == SVC_OK)
		admin_page(req, resp, 201, NULL, _("Chiave creata: copiala "
		    "ora, non verrà più mostrata."), key);
	else
		admin_answer(req, resp, r, why, NULL, false);
	sodium_memzero(key, sizeof(key));
}

void
h_admin_key_revoke(struct http_req *req, struct http_resp *resp)
{
	enum svc_result	 r = admin_key_revoke(store_thread(), &req->who,
			    req->id);

	if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, "Chiave non trovata");
	else
		admin_answer(req, resp, r, NULL, _("Chiave revocata."), false);
}

void
h_admin_comune_form(struct http_req *req, struct http_resp *resp)
{
	json_t		*c, *ids;
	enum svc_result	 r = admin_comune_get(store_thread(), req->id, &c,
			    &ids);

	if (r != SVC_OK) {
		page_error(req, resp, admin_status[r], r == SVC_NOT_FOUND ?
		    "Comune non trovato" : "Errore interno");
		return;
	}
	page_render(req, resp, 200, "comune.html",
	    _("Impostazioni del comune"), json_pack("{s:o, s:o}", "c", c,
	    "rule_sets", ids));
}

/* Saves a comune's settings; a bad value answers 422 and nothing changes. */
void
h_admin_comune_update(struct http_req *req, struct http_resp *resp)
{
	const char	*why;
	enum svc_result	 r = admin_comune_update(store_thread(), &req->who,
			    req->id, req->form, &why);

	if (r == SVC_NOT_FOUND)
		page_error(req, resp, 404, "Comune non trovato");
	else
		admin_answer(req, resp, r, why, _("Impostazioni salvate."),
		    false);
}

/* The rule sets in the database, and a form to add one. */
static void
rules_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *notice, const char *draft)
{
	json_t	*rows = admin_rule_sets(store_thread());

	page_render(req, resp, status, "rules.html", _("Regole di idoneità"),
	    json_pack("{s:o?, s:s?, s:s?, s:s?}", "rules", rows, "error", error,
	    "notice", notice, "draft", draft));
}

void
h_admin_rules(struct http_req *req, struct http_resp *resp)
{
	rules_page(req, resp, 200, NULL, NULL, NULL);
}

/*
 * Adds a rule set, or a new version of one, from the JSON typed or pasted
 * in the form.  A wrong definition is shown again with the reason.
 */
void
h_admin_rules_add(struct http_req *req, struct http_resp *resp)
{
	const char	*def = http_field(req, "definition");
	char		 err[512];

	if (rules_add(store_thread(), &req->who, def ? def : "", err,
	    sizeof(err)) < 0) {
		rules_page(req, resp, 422, err, NULL, def);
		return;
	}
	rules_page(req, resp, 201, NULL, _("Regole aggiunte."), NULL);
}
