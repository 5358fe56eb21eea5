/*
 * public_verify: the certificate's public side, with no login.  GET /v
 * asks for a verification code; GET /v/{code} shows the certificate's
 * status and what it states, and POST /v/{code} with the applicant's
 * surname or document number ("proof") shows the applicant too; the same
 * at /v/{code}.json for partner systems.  GET /.well-known/idoneo-keys.json
 * publishes the sealing keys.  Wrong codes and wrong proofs count against
 * the caller's address (ratelimit.h).
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/cert_code.h"
#include "domain/i18n.h"
#include "handlers.h"
#include "office_certificates.h"
#include "page.h"
#include "ratelimit.h"
#include "service/certificates.h"
#include "store/store.h"

/* Twenty wrong codes or proofs per address in a quarter of an hour. */
#define VERIFY_MAX_FAILS	20
#define VERIFY_WINDOW_S		900

/*
 * The server marks every answer no-store already; the code in the address
 * is not sent on as a referrer either.
 */
static void
no_referrer(struct http_resp *resp)
{
	http_add_header(resp, "Referrer-Policy", "no-referrer");
}

/* GET /v: the form for a code; GET /v?code=… goes to its page. */
void
h_verify_form(struct http_req *req, struct http_resp *resp)
{
	const char	*typed = http_query(req, "code");
	char		 code[CERT_CODE_STRLEN], loc[64];

	if (typed != NULL && cert_code_normalize(typed, code)) {
		snprintf(loc, sizeof(loc), "/v/%s", code);
		http_redirect(resp, loc);
		return;
	}
	no_referrer(resp);
	page_render(req, resp, typed != NULL ? 422 : 200, "verify.html",
	    _("Verifica di un certificato"), json_pack("{s:b, s:s?}", "ask",
	    1, "typed", typed));
}

/* The dates of the page in the Italian form. */
static void
local_dates(json_t *o)
{
	static const char *const keys[] = {
		"issued_on", "valid_until", "revoked_on",
	};
	static const char *const born[] = {"birth_date"};

	office_dates_it(o, keys, sizeof(keys) / sizeof(keys[0]));
	office_dates_it(json_object_get(o, "applicant"), born, 1);
}

/* GET and POST /v/{code} and /v/{code}.json */
void
h_verify(struct http_req *req, struct http_resp *resp)
{
	const char	*rest = req->path + 3, *proof = NULL;
	char		 code[48], key[96];
	size_t		 n = strlen(rest);
	bool		 json = n > 5 && strcmp(rest + n - 5, ".json") == 0;
	json_t		*o = NULL;
	enum svc_result	 r;
	int		 wait;

	no_referrer(resp);
	snprintf(key, sizeof(key), "verify:%s", req->ip);
	if (ratelimit_blocked(key, VERIFY_MAX_FAILS, VERIFY_WINDOW_S, &wait)) {
		char ra[16];

		snprintf(ra, sizeof(ra), "%d", wait);
		http_add_header(resp, "Retry-After", ra);
		if (json)
			api_problem(resp, 429, "Too Many Requests", "Too many "
			    "wrong codes from this address: try again later.",
			    NULL);
		else
			page_error(req, resp, 429, _("Troppi codici errati da "
			    "questo indirizzo: riprovare tra qualche minuto"));
		return;
	}
	if (json)
		n -= 5;
	snprintf(code, sizeof(code), "%.*s", (int)(n < 40 ? n : 40), rest);
	if (strcmp(req->method, "POST") == 0)
		proof = http_field(req, "proof");
	r = certificates_public(store_thread(), code, proof, &o);
	if (r == SVC_INVALID || r == SVC_NOT_FOUND) {
		ratelimit_fail(key, VERIFY_WINDOW_S);
		if (json)
			api_problem(resp, 404, "Not Found", "No certificate has "
			    "this verification code: check its twelve letters.",
			    NULL);
		else
			page_render(req, resp, 404, "verify.html",
			    _("Verifica di un certificato"), json_pack("{s:b, "
			    "s:b, s:s}", "ask", 1, "unknown", 1, "typed",
			    code));
		return;
	}
	if (r != SVC_OK) {
		if (json)
			api_problem(resp, 500, "Internal Server Error", NULL,
			    NULL);
		else
			page_error(req, resp, 500, _("Errore interno"));
		return;
	}
	if (strcmp(jfield_text(o, "proof"), "wrong") == 0)
		ratelimit_fail(key, VERIFY_WINDOW_S);
	if (json) {
		api_json(resp, 200, o);
		return;
	}
	local_dates(o);
	json_object_set_new(o, "valid", json_boolean(strcmp(jfield_text(o,
	    "status"), "valid") == 0 && json_is_true(json_object_get(o,
	    "seal_valid"))));
	json_object_set_new(o, "path", json_string(req->path));
	json_object_set_new(o, "wrong_proof", json_boolean(strcmp(jfield_text(
	    o, "proof"), "wrong") == 0));
	page_render(req, resp, 200, "verify.html", _("Verifica di un "
	    "certificato"), json_pack("{s:o}", "v", o));
}

/* GET /.well-known/idoneo-keys.json: every sealing key, old ones too. */
void
h_keys_json(struct http_req *req, struct http_resp *resp)
{
	json_t *keys = certificates_keys();

	if (keys == NULL) {
		api_problem(resp, 500, "Internal Server Error", NULL, NULL);
		return;
	}
	api_json(resp, 200, keys);
	resp->cacheable = true;
	http_add_header(resp, "Access-Control-Allow-Origin", "*");
}
