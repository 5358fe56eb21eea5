/*
 * router: routes, roles and request checks.  See router.h.
 *
 * Every route names the roles that may call it; anyone else gets 403 (401
 * or a redirect to the login page when not logged in at all).  Pages use a
 * session cookie and need the session's CSRF token on every POST, plus a
 * same-origin Sec-Fetch-Site or Origin when the browser sends one; the API
 * uses "Authorization: Bearer KEY" and no cookies, so it needs no CSRF token.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/config.h"
#include "base/log.h"
#include "handlers.h"
#include "page.h"
#include "router.h"
#include "service/auth.h"
#include "domain/i18n.h"
#include "notify/notify.h"
#include "online/online.h"
#include "service/case_files.h"
#include "service/follow.h"
#include "store/store.h"

#define R(x)		(1u << (x))
#define ANY_STAFF	(R(ROLE_ADMIN) | R(ROLE_HEAD) | R(ROLE_CLERK) | \
			 R(ROLE_ASSOCIATION) | R(ROLE_POINT))
#define CASE_ROLES	(R(ROLE_HEAD) | R(ROLE_CLERK) | R(ROLE_ASSOCIATION))


enum auth_kind {
	AUTH_NONE,	/* public */
	AUTH_SESSION,	/* staff pages */
	AUTH_APIKEY,	/* partner systems */
	AUTH_FOLLOW,	/* a citizen following their case (/segui) */
	AUTH_DRAFT,	/* a citizen's online application (/domanda) */
};

struct route {
	const char	*method;
	const char	*pattern;	/* "{id}" matches a positive integer */
	enum auth_kind	 auth;
	unsigned	 roles;
	handler_fn	*fn;
};

static const struct route routes[] = {
	{"GET", "/healthz", AUTH_NONE, 0, h_healthz},
	{"GET", "/", AUTH_NONE, 0, h_root},
	{"GET", "/login", AUTH_NONE, 0, h_login_form},
	{"POST", "/login", AUTH_NONE, 0, h_login},
	{"POST", "/logout", AUTH_SESSION, ANY_STAFF, h_logout},
	{"GET", "/cases", AUTH_SESSION, CASE_ROLES, h_cases},
	{"GET", "/cases/new", AUTH_SESSION, CASE_ROLES, h_case_new},
	{"POST", "/cases", AUTH_SESSION, CASE_ROLES, h_case_create},
	{"POST", "/cases/preview", AUTH_SESSION, CASE_ROLES, h_case_preview},
	{"POST", "/cases/lookup", AUTH_SESSION, CASE_ROLES, h_case_lookup},
	{"GET", "/units/{id}", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_unit_show},
	{"GET", "/cases/{id}", AUTH_SESSION, CASE_ROLES, h_case_show},
	{"POST", "/cases/{id}/assess", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_assess},
	{"GET", "/cases/{id}/rooms", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_case_rooms},
	{"POST", "/cases/{id}/rooms", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_rooms_save},
	{"POST", "/cases/{id}/rooms/preview", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_rooms_preview},
	{"POST", "/cases/{id}/transition", AUTH_SESSION, CASE_ROLES,
	    h_case_transition},
	{"POST", "/cases/{id}/messages", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_message},
	{"GET", "/cases/{id}/certificate.pdf", AUTH_SESSION, CASE_ROLES,
	    h_case_certificate_pdf},
	{"POST", "/cases/{id}/certificate", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_certificate},
	{"GET", "/v", AUTH_NONE, 0, h_verify_form},
	{"GET", "/v/*", AUTH_NONE, 0, h_verify},
	{"POST", "/v/*", AUTH_NONE, 0, h_verify},
	{"GET", "/.well-known/idoneo-keys.json", AUTH_NONE, 0, h_keys_json},
	{"GET", "/messages", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_ADMIN),
	    h_messages},
	{"GET", "/notify/dlr/{id}", AUTH_NONE, 0, h_notify_dlr},
	{"POST", "/notify/report/{id}", AUTH_NONE, 0, h_notify_report},
	{"GET", "/admin", AUTH_SESSION, R(ROLE_ADMIN), h_admin},
	{"POST", "/admin/users", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_user_create},
	{"POST", "/admin/users/{id}/active", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_user_active},
	{"POST", "/admin/associations", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_association_create},
	{"POST", "/admin/keys", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_key_create},
	{"POST", "/admin/keys/{id}/revoke", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_key_revoke},
	{"GET", "/admin/rules", AUTH_SESSION, R(ROLE_ADMIN), h_admin_rules},
	{"GET", "/admin/points", AUTH_SESSION, R(ROLE_ADMIN), h_admin_points},
	{"POST", "/admin/points", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_point_save},
	{"GET", "/admin/points.csv", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_points_csv},
	{"POST", "/admin/points/import", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_points_import},
	{"POST", "/admin/points/streets", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_streets_import},
	{"POST", "/admin/points/{id}/status", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_point_status},
	{"GET", "/admin/imports", AUTH_SESSION, R(ROLE_ADMIN), h_admin_imports},
	{"POST", "/admin/imports", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_imports_upload},
	{"POST", "/admin/rules", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_rules_add},
	{"GET", "/admin/comuni/{id}", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_comune_form},
	{"POST", "/admin/comuni/{id}", AUTH_SESSION, R(ROLE_ADMIN),
	    h_admin_comune_update},
	{"GET", "/point", AUTH_SESSION, R(ROLE_POINT), h_point_home},
	{"POST", "/point/lookup", AUTH_SESSION, R(ROLE_POINT), h_point_lookup},
	{"POST", "/point/pickups/{id}/identity", AUTH_SESSION, R(ROLE_POINT),
	    h_point_identity},
	{"GET", "/point/pickups/{id}/certificate.pdf", AUTH_SESSION,
	    R(ROLE_POINT), h_point_pdf},
	{"POST", "/point/pickups/{id}/handover", AUTH_SESSION, R(ROLE_POINT),
	    h_point_handover},
	{"POST", "/point/pickups/{id}/payment", AUTH_SESSION, R(ROLE_POINT),
	    h_point_payment},
	{"POST", "/cases/{id}/documents", AUTH_SESSION, CASE_ROLES,
	    h_case_file_upload},
	{"GET", "/files/{id}", AUTH_SESSION, CASE_ROLES, h_file_get},
	{"GET", "/pickups", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_office_pickups},
	{"POST", "/cases/{id}/pickup-code", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_CLERK), h_case_pickup_code},
	{"POST", "/cases/{id}/collection", AUTH_SESSION, CASE_ROLES,
	    h_case_collection},
	{"GET", "/api/v1/me", AUTH_APIKEY, CASE_ROLES | R(ROLE_POINT),
	    h_api_me},
	{"POST", "/api/v1/pickups/lookup", AUTH_APIKEY, R(ROLE_POINT),
	    h_api_pickup_lookup},
	{"GET", "/api/v1/pickups", AUTH_APIKEY, R(ROLE_POINT),
	    h_api_pickup_stock},
	{"POST", "/api/v1/pickups/{id}/identity", AUTH_APIKEY, R(ROLE_POINT),
	    h_api_pickup_identity},
	{"GET", "/api/v1/pickups/{id}/certificate.pdf", AUTH_APIKEY,
	    R(ROLE_POINT), h_api_pickup_pdf},
	{"POST", "/api/v1/pickups/{id}/handover", AUTH_APIKEY, R(ROLE_POINT),
	    h_api_pickup_handover},
	{"POST", "/api/v1/pickups/{id}/payments", AUTH_APIKEY, R(ROLE_POINT),
	    h_api_pickup_payment},
	{"POST", "/api/v1/applications/{id}/documents", AUTH_APIKEY,
	    CASE_ROLES, h_api_file_upload},
	{"GET", "/api/v1/applications/{id}/documents", AUTH_APIKEY,
	    CASE_ROLES, h_api_files},
	{"GET", "/api/v1/files/{id}", AUTH_APIKEY, CASE_ROLES,
	    h_api_file_get},
	{"POST", "/api/v1/applications/{id}/collection", AUTH_APIKEY,
	    CASE_ROLES, h_api_collection},
	{"GET", "/api/v1/applications", AUTH_APIKEY, CASE_ROLES, h_api_list},
	{"POST", "/api/v1/applications", AUTH_APIKEY, CASE_ROLES,
	    h_api_create},
	{"GET", "/api/v1/applications/{id}", AUTH_APIKEY, CASE_ROLES,
	    h_api_show},
	{"GET", "/api/v1/applications/{id}/messages", AUTH_APIKEY,
	    CASE_ROLES, h_api_messages},
	{"GET", "/api/v1/applications/{id}/certificate.pdf", AUTH_APIKEY,
	    CASE_ROLES, h_api_certificate_pdf},
	{"POST", "/api/v1/applications/{id}/transitions", AUTH_APIKEY,
	    CASE_ROLES, h_api_transition},
	{"GET", "/api/v1/units", AUTH_APIKEY, CASE_ROLES, h_api_units},
	{"GET", "/api/v1/points", AUTH_APIKEY, CASE_ROLES, h_api_points},
	{"GET", "/api/v1/units/{id}", AUTH_APIKEY, CASE_ROLES, h_api_unit},
	{"POST", "/api/v1/eligibility", AUTH_APIKEY, CASE_ROLES,
	    h_api_eligibility},
	{"GET", "/segui", AUTH_NONE, 0, h_follow_form},
	{"POST", "/segui", AUTH_NONE, 0, h_follow_open},
	{"GET", "/segui/pratica", AUTH_FOLLOW, 0, h_follow_case},
	{"POST", "/segui/documento", AUTH_FOLLOW, 0, h_follow_upload},
	{"POST", "/segui/ritiro", AUTH_FOLLOW, 0, h_follow_place},
	{"POST", "/segui/osservazioni", AUTH_FOLLOW, 0, h_follow_answer},
	{"POST", "/segui/ritira", AUTH_FOLLOW, 0, h_follow_withdraw},
	{"POST", "/segui/esci", AUTH_FOLLOW, 0, h_follow_close},
	{"GET", "/domanda", AUTH_NONE, 0, h_apply_intro},
	{"POST", "/domanda", AUTH_NONE, 0, h_apply_new},
	{"GET", "/domanda/riprendi", AUTH_NONE, 0, h_apply_resume},
	{"GET", "/domanda/passo/{id}", AUTH_DRAFT, 0, h_apply_step},
	{"POST", "/domanda/passo/{id}", AUTH_DRAFT, 0, h_apply_save},
	{"POST", "/domanda/documento", AUTH_DRAFT, 0, h_apply_upload},
	{"POST", "/domanda/documento/rimuovi", AUTH_DRAFT, 0, h_apply_unload},
	{"POST", "/domanda/link", AUTH_DRAFT, 0, h_apply_link},
	{"POST", "/domanda/codice", AUTH_DRAFT, 0, h_apply_code},
	{"POST", "/domanda/conferma", AUTH_DRAFT, 0, h_apply_confirm},
	{"POST", "/domanda/invia", AUTH_DRAFT, 0, h_apply_submit},
	{"GET", "/domanda/inviata", AUTH_DRAFT, 0, h_apply_sent},
	{"POST", "/domanda/esci", AUTH_DRAFT, 0, h_apply_close},
	{"GET", "/associazione", AUTH_SESSION, R(ROLE_ASSOCIATION),
	    h_assoc_home},
	{"POST", "/associazione/bozze", AUTH_SESSION, R(ROLE_ASSOCIATION),
	    h_assoc_new_draft},
	{"POST", "/associazione/recapiti", AUTH_SESSION, R(ROLE_ASSOCIATION),
	    h_assoc_contacts},
	{"POST", "/associazione/bozze/{id}", AUTH_SESSION, R(ROLE_ASSOCIATION),
	    h_assoc_open_draft},
	{"GET", "/stats", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_ADMIN), h_stats},
	{"GET", "/stats.csv", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_ADMIN),
	    h_stats_csv},
	{"GET", "/stats.xlsx", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_ADMIN),
	    h_stats_xlsx},
	{"GET", "/stats/report.pdf", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_ADMIN), h_stats_report},
	{"GET", "/stats/months.svg", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_ADMIN), h_stats_months},
	{"GET", "/stats/release.svg", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_ADMIN), h_stats_release},
	{"GET", "/stats/continents.svg", AUTH_SESSION, R(ROLE_HEAD) |
	    R(ROLE_ADMIN), h_stats_continents},
	{"GET", "/paesi", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_countries},
	{"GET", "/paesi/{id}", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_country_form},
	{"POST", "/paesi/{id}", AUTH_SESSION, R(ROLE_HEAD) | R(ROLE_CLERK),
	    h_country_correct},
	{"GET", "/static/*", AUTH_NONE, 0, h_static},
};

bool	 router_secure_cookies;

void
router_init(const struct config *cfg)
{
	router_secure_cookies = cfg->secure_cookies;
	static_init(cfg->static_dir, cfg->assets_dir);
}

/*
 * Sets a cookie for path, HttpOnly, with its SameSite rule (Strict or
 * Lax), Secure behind TLS; max_age 0 deletes it.
 */
void
router_set_cookie(struct http_resp *resp, const char *name, const char *value,
    const char *path, int max_age, const char *same_site)
{
	char	 c[256];

	snprintf(c, sizeof(c), "%s=%s; Path=%s; Max-Age=%d; HttpOnly; "
	    "SameSite=%s%s", name, value, path, max_age, same_site,
	    router_secure_cookies ? "; Secure" : "");
	http_add_header(resp, "Set-Cookie", c);
}

/* Matches path against pattern, storing an {id} in *id. */
static bool
match(const char *pattern, const char *path, int64_t *id)
{
	while (*pattern != '\0') {
		if (pattern[0] == '*')
			return true;
		if (strncmp(pattern, "{id}", 4) == 0) {
			char	*end;
			long long v;

			if (*path < '1' || *path > '9')
				return false;
			v = strtoll(path, &end, 10);
			if (v <= 0 || end - path > 15)
				return false;
			*id = v;
			path = end;
			pattern += 4;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *path == '\0';
}

/*
 * A state-changing form must carry the session's token, and a browser that
 * says where the request came from must say it came from here.
 */
static bool
csrf_ok(struct http_req *req)
{
	const char	*site = http_header(req, "Sec-Fetch-Site");
	const char	*tok = http_field(req, "csrf");

	if (site != NULL && strcmp(site, "same-origin") != 0 &&
	    strcmp(site, "none") != 0)
		return false;
	if (tok == NULL || req->who.csrf[0] == '\0' ||
	    strlen(tok) != strlen(req->who.csrf))
		return false;
	return sodium_memcmp(tok, req->who.csrf, strlen(tok)) == 0;
}

/* Authenticates from the session cookie or the Bearer key. */
static int
authenticate(struct http_req *req, enum auth_kind kind)
{
	struct store	*st = store_thread();
	const char	*v;
	int		 rc = 0;

	if (st == NULL)
		return -1;
	if (kind == AUTH_APIKEY) {
		v = http_header(req, "Authorization");
		if (v != NULL && strncmp(v, "Bearer ", 7) == 0 &&
		    strlen(v + 7) < 200)
			rc = auth_api_key(st, v + 7, &req->who);
	} else if (kind == AUTH_DRAFT) {
		v = http_cookie(req, DRAFT_COOKIE);
		rc = online_session(st, v, &req->who);
		if (rc == 1)
			snprintf(req->session_token, sizeof(req->session_token),
			    "%s", v);
	} else if (kind == AUTH_FOLLOW) {
		v = http_cookie(req, FOLLOW_COOKIE);
		rc = follow_session(st, v, &req->who, &req->who.case_id);
		if (rc == 1)
			snprintf(req->session_token, sizeof(req->session_token),
			    "%s", v);
	} else {
		v = http_cookie(req, "idoneo_session");
		if (v != NULL && strlen(v) == AUTH_TOKEN_LEN) {
			rc = auth_session(st, v, &req->who);
			snprintf(req->session_token, sizeof(req->session_token),
			    "%s", v);
		}
	}
	snprintf(req->who.ip, sizeof(req->who.ip), "%s", req->ip);
	return rc;
}

/*
 * The route of req's method (HEAD as GET) and path, storing its {id}; NULL
 * when there is none, with *path_known saying whether another method has
 * the path (405, not 404).  path_known may be NULL.
 */
static const struct route *
route_find(struct http_req *req, bool *path_known)
{
	if (path_known != NULL)
		*path_known = false;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, req->path, &req->id))
			continue;
		if (path_known != NULL)
			*path_known = true;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0))
			return &routes[i];
	}
	return NULL;
}

/*
 * The routes that take a file (multipart/form-data), streamed to disk, and
 * the largest each takes (0: HTTP_MAX_UPLOAD, a whole cadastral supply).
 */
static const struct {
	const char	*pattern;
	int64_t		 max;
} upload_routes[] = {
	{"/admin/imports", 0},
	{"/admin/points/import", 0},
	{"/admin/points/streets", 0},
	{"/cases/{id}/documents", CASE_FILE_MAX},
	{"/api/v1/applications/{id}/documents", CASE_FILE_MAX},
	{"/segui/documento", CASE_FILE_MAX},
	{"/domanda/documento", CASE_FILE_MAX},
};

/* Whether path takes uploads; *max is then its largest file. */
static bool
upload_route(const char *path, int64_t *max)
{
	int64_t	 id;

	for (size_t i = 0; i < sizeof(upload_routes) /
	    sizeof(upload_routes[0]); i++)
		if (match(upload_routes[i].pattern, path, &id)) {
			*max = upload_routes[i].max;
			return true;
		}
	return false;
}

/*
 * The server's gate, before a body is read: a file is admitted only on an
 * upload route, from a session or an API key whose role the route allows,
 * up to the route's largest file.  Anything else is thrown away unread,
 * and the dispatcher refuses the request as it would without a body.
 */
enum http_admit
router_admit(struct http_req *req)
{
	const struct route	*r = NULL;
	int64_t			 max = 0;

	if (!upload_route(req->path, &max))
		return HTTP_ADMIT_FORM;
	if ((r = route_find(req, NULL)) == NULL || r->auth == AUTH_NONE)
		return HTTP_ADMIT_FORM;
	if (authenticate(req, r->auth) != 1 || (r->auth != AUTH_FOLLOW &&
	    r->auth != AUTH_DRAFT && (r->roles & R(req->who.role)) == 0))
		return HTTP_ADMIT_DENY;
	req->upload_max = max;
	return HTTP_ADMIT_UPLOAD;
}

static void	 dispatch(struct http_req *, struct http_resp *);

/*
 * Staff pages are in Italian, or in English for an office whose staff
 * read it better (the same ?lang= and cookie, "en" or "it"); the API, the
 * static files and the gateways' reports have no language.
 */
static bool
staff_page(const char *path)
{
	return strncmp(path, "/api/", 5) != 0 && strncmp(path, "/static/",
	    8) != 0 && strncmp(path, "/notify/", 8) != 0 &&
	    strcmp(path, "/healthz") != 0 && strncmp(path, "/.well-known/",
	    13) != 0;
}

void
router_dispatch(struct http_req *req, struct http_resp *resp)
{
	const char	*q = http_query(req, "lang");
	const char	*c = http_cookie(req, LANG_COOKIE);
	void		*old = NULL;
	bool		 citizen = page_citizen_path(req->path);

	req->lang[0] = '\0';
	if (citizen || staff_page(req->path)) {
		bool ok_q = q != NULL && (citizen ? notify_language_known(q) :
		    strcmp(q, "it") == 0 || strcmp(q, "en") == 0);
		bool ok_c = c != NULL && (citizen ? notify_language_known(c) :
		    strcmp(c, "en") == 0);

		snprintf(req->lang, sizeof(req->lang), "it");
		if (ok_q) {
			snprintf(req->lang, sizeof(req->lang), "%s", q);
			router_set_cookie(resp, LANG_COOKIE, q, "/", 31536000,
			    "Lax");
		} else if (ok_c)
			snprintf(req->lang, sizeof(req->lang), "%s", c);
		old = notify_speak(req->lang);
	}
	dispatch(req, resp);
	notify_speak_done(old);
}

static void
dispatch(struct http_req *req, struct http_resp *resp)
{
	const struct route	*r = NULL;
	bool			 path_known = false;
	int			 rc;

	if ((r = route_find(req, &path_known)) == NULL) {
		bool api = strncmp(req->path, "/api/", 5) == 0;
		int status = path_known ? 405 : 404;
		const char *msg = path_known ? "Metodo non consentito" :
		    "Pagina non trovata";

		if (api)
			api_problem(resp, status, msg, NULL, NULL);
		else
			page_error(req, resp, status, msg);
		return;
	}
	snprintf(req->who.ip, sizeof(req->who.ip), "%s", req->ip);
	snprintf(req->who.actor, sizeof(req->who.actor), "anonymous");
	if (r->auth == AUTH_NONE) {
		/* Public pages still know a logged-in user (root, login). */
		if (strcmp(r->pattern, "/healthz") != 0 &&
		    strncmp(r->pattern, "/static", 7) != 0)
			authenticate(req, AUTH_SESSION);
		r->fn(req, resp);
		return;
	}
	rc = authenticate(req, r->auth);
	if (rc < 0) {
		if (r->auth == AUTH_APIKEY)
			api_problem(resp, 503, "Database non disponibile",
			    NULL, NULL);
		else
			page_error(req, resp, 503, "Database non disponibile");
		return;
	}
	if (rc == 0 && r->auth == AUTH_DRAFT) {
		/* Thirty days have passed, or the draft was left. */
		if (strcmp(req->method, "GET") == 0)
			http_redirect(resp, "/domanda");
		else
			page_error(req, resp, 401, _("La domanda non è più su "
			    "questo dispositivo: aprila dal link che ti abbiamo "
			    "inviato, o iniziane una nuova."));
		return;
	}
	if (rc == 0 && r->auth == AUTH_FOLLOW) {
		/* An hour has passed, or the citizen left: ask again. */
		if (strcmp(req->method, "GET") == 0)
			http_redirect(resp, "/segui");
		else
			page_error(req, resp, 401, _("Sessione scaduta: inserisci "
			    "di nuovo il numero della pratica e il codice"));
		return;
	}
	if (rc == 0) {
		if (r->auth == AUTH_APIKEY) {
			api_problem(resp, 401, "Autenticazione richiesta",
			    "Send the header Authorization: Bearer <API key>.",
			    NULL);
			http_add_header(resp, "WWW-Authenticate",
			    "Bearer realm=\"idoneo\"");
		} else if (strcmp(req->method, "GET") == 0)
			http_redirect(resp, "/login");
		else
			page_error(req, resp, 401, "Sessione scaduta: accedi "
			    "di nuovo");
		return;
	}
	if (r->auth != AUTH_FOLLOW && r->auth != AUTH_DRAFT &&
	    (r->roles & R(req->who.role)) == 0) {
		if (r->auth == AUTH_APIKEY)
			api_problem(resp, 403, "Operazione non consentita",
			    "This API key's role may not call this operation.",
			    NULL);
		else
			page_error(req, resp, 403, "Il tuo ruolo non permette "
			    "di aprire questa pagina");
		return;
	}
	if ((r->auth == AUTH_SESSION || r->auth == AUTH_FOLLOW ||
	    r->auth == AUTH_DRAFT) && strcmp(req->method, "POST") == 0 &&
	    !csrf_ok(req)) {
		page_error(req, resp, 403, "Modulo scaduto o non valido "
		    "(controllo CSRF): ricarica la pagina e riprova");
		return;
	}
	r->fn(req, resp);
}
