/*
 * office_auth: the login page, logging in and out, and the landing page
 * for each role.
 */
#include <stdio.h>
#include <string.h>

#include "domain/i18n.h"
#include "handlers.h"
#include "page.h"
#include "router.h"
#include "service/auth.h"
#include "store/store.h"

#define PRE_COOKIE	"idoneo_login"

/*
 * Sets a cookie: value with its attributes, and Secure when the server is
 * behind TLS (--secure-cookies), on every cookie alike.
 */
static void
set_cookie(struct http_resp *resp, const char *value)
{
	struct buf	 cookie;

	buf_init(&cookie);
	buf_printf(&cookie, "%s%s", value, router_secure_cookies ? "; Secure" :
	    "");
	http_add_header(resp, "Set-Cookie", buf_str(&cookie));
	buf_free(&cookie);
}

static const char *
home_of(const struct principal *p)
{
	switch (p->role) {
	case ROLE_ADMIN:
		return "/admin";
	case ROLE_POINT:
		return "/point";
	default:
		return "/cases";
	}
}

void
h_root(struct http_req *req, struct http_resp *resp)
{
	/* Staff go to their work; anyone else to the citizen's pages. */
	if (req->who.authenticated) {
		http_redirect(resp, home_of(&req->who));
		return;
	}
	page_render(req, resp, 200, "home.html",
	    _("Certificati di idoneità alloggiativa"), NULL);
}

/*
 * Before login there is no session, so the form's CSRF token is bound to a
 * short-lived cookie (double submit): a foreign site can make the browser
 * send the cookie but cannot read it to put it in the form.
 */
static void
login_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *username)
{
	char	 tok[AUTH_TOKEN_LEN + 1], cookie[128];

	auth_random_token(tok);
	snprintf(cookie, sizeof(cookie), PRE_COOKIE "=%s; Path=/login; "
	    "HttpOnly; SameSite=Strict; Max-Age=3600", tok);
	set_cookie(resp, cookie);
	page_render(req, resp, status, "login.html", _("Accesso"),
	    json_pack("{s:s, s:s?, s:s?}", "login_csrf", tok, "error", error,
	    "username", username));
}

void
h_login_form(struct http_req *req, struct http_resp *resp)
{
	if (req->who.authenticated) {
		http_redirect(resp, home_of(&req->who));
		return;
	}
	login_page(req, resp, 200, NULL, NULL);
}

void
h_login(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	const char		*user = http_field(req, "username");
	const char		*pw = http_field(req, "password");
	const char		*tok = http_field(req, "csrf");
	const char		*pre = http_cookie(req, PRE_COOKIE);
	char			 token[AUTH_TOKEN_LEN + 1], cookie[256];
	enum auth_result	 r;

	if (tok == NULL || pre == NULL || strcmp(tok, pre) != 0) {
		login_page(req, resp, 403, _("Modulo scaduto: riprova."), user);
		return;
	}
	if (user == NULL || pw == NULL || *user == '\0' || *pw == '\0' ||
	    strlen(user) > 64 || strlen(pw) > 256) {
		login_page(req, resp, 400, _("Inserisci nome utente e "
		    "password."), user);
		return;
	}
	if (st == NULL) {
		page_error(req, resp, 503, "Database non disponibile");
		return;
	}
	r = auth_login(st, user, pw, req->ip, &req->who, token);
	switch (r) {
	case AUTH_OK:
		snprintf(cookie, sizeof(cookie), "idoneo_session=%s; Path=/; "
		    "HttpOnly; SameSite=Lax", token);
		set_cookie(resp, cookie);
		http_redirect(resp, home_of(&req->who));
		return;
	case AUTH_LOCKED:
		login_page(req, resp, 429, _("Troppi tentativi non riusciti: "
		    "riprova tra 15 minuti."), user);
		return;
	case AUTH_BAD:
		login_page(req, resp, 401, _("Nome utente o password errati."),
		    user);
		return;
	case AUTH_ERROR:
		break;
	}
	page_error(req, resp, 500, "Errore interno durante l'accesso");
}

void
h_logout(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();

	if (st != NULL)
		auth_logout(st, &req->who, req->session_token);
	set_cookie(resp, "idoneo_session=; Path=/; HttpOnly; SameSite=Lax; "
	    "Max-Age=0");
	http_redirect(resp, "/login");
}
