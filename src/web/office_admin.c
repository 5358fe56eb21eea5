/*
 * office_admin: the administrator's pages: comuni and their settings,
 * associations, staff users and API keys.  The administrator manages
 * accounts and configuration and sees no case data.  Every change is
 * audited in the transaction that makes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/deadline.h"
#include "domain/i18n.h"
#include "domain/workflow.h"
#include "handlers.h"
#include "page.h"
#include "service/audit.h"
#include "service/auth.h"
#include "service/comuni.h"
#include "service/rules.h"
#include "store/store.h"

static const char *
field(struct http_req *req, const char *name)
{
	const char *v = http_field(req, name);

	return v != NULL ? v : "";
}

/*
 * The admin page.  new_key, when not NULL, is an API key just created: it is
 * shown this once and never again.
 */
static void
admin_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *notice, const char *new_key)
{
	struct store	*st = store_thread();
	json_t		*roles = json_array();

	for (int r = 0; r < ROLE__MAX; r++)
		json_array_append_new(roles, json_pack("{s:s}", "value",
		    wf_role_names[r]));
	page_render(req, resp, status, "admin.html", _("Amministrazione"),
	    json_pack("{s:o?, s:o?, s:o?, s:o?, s:o, s:s?, s:s?, s:s?}",
	    "comuni", store_rows(st, STMT_COMUNE_LIST, ""),
	    "associations", store_rows(st, STMT_ASSOC_LIST_ALL, ""),
	    "users", store_rows(st, STMT_USER_LIST_ALL, ""),
	    "keys", store_rows(st, STMT_APIKEY_LIST, ""),
	    "roles", roles, "error", error, "notice", notice,
	    "new_key", new_key));
}

void
h_admin(struct http_req *req, struct http_resp *resp)
{
	admin_page(req, resp, 200, NULL, NULL, NULL);
}

/* The association id if it exists and belongs to comune_id, else 0. */
static int64_t
association_of(struct store *st, int64_t comune_id, const char *id_text)
{
	json_t	*rows, *v;
	size_t	 i;
	int64_t	 want = atoll(id_text), found = 0;

	if ((rows = store_rows(st, STMT_ASSOC_LIST, "i", comune_id)) == NULL)
		return 0;
	json_array_foreach(rows, i, v)
		if (json_integer_value(json_object_get(v, "id")) == want)
			found = want;
	json_decref(rows);
	return found;
}

void
h_admin_user_create(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*username = field(req, "username");
	const char	*name = field(req, "full_name");
	const char	*role = field(req, "role");
	const char	*pw = field(req, "password");
	int64_t		 id, comune_id = 0, assoc = 0;

	if (*username == '\0' || *name == '\0' || strlen(username) > 64 ||
	    strlen(name) > 128 || wf_role_from_name(role) < 0 ||
	    strspn(username, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    strlen(username)) {
		admin_page(req, resp, 422, _("Compila nome utente (lettere "
		    "minuscole, cifre, . _ -), nome e ruolo."), NULL, NULL);
		return;
	}
	if (strlen(pw) < 12 || strlen(pw) > 256) {
		admin_page(req, resp, 422, _("La password deve avere almeno "
		    "12 caratteri."), NULL, NULL);
		return;
	}
	if (strcmp(role, "admin") != 0 &&
	    (comune_id = comuni_id(st, field(req, "comune"))) == 0) {
		admin_page(req, resp, 422, _("Scegli il comune."), NULL, NULL);
		return;
	}
	if (strcmp(role, "association") == 0 &&
	    (assoc = association_of(st, comune_id,
	    field(req, "association"))) == 0) {
		admin_page(req, resp, 422, _("Scegli un'associazione del "
		    "comune."), NULL, NULL);
		return;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	id = auth_user_create(st, &req->who, comune_id, assoc, username, name,
	    role, pw);
	if (id < 0) {
		store_tx(st, STORE_ROLLBACK);
		if (id == STORE_CONFLICT) {
			admin_page(req, resp, 409, _("Nome utente già in uso."),
			    NULL, NULL);
			return;
		}
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	admin_page(req, resp, 201, NULL, _("Utente creato."), NULL);
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}

/*
 * Turns a user off (or on again).  Turning off also ends the user's
 * sessions, so the change takes effect at once.
 */
void
h_admin_user_active(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*want = field(req, "active");
	int		 on = strcmp(want, "1") == 0;
	json_t		*u;

	if (store_row(st, &u, STMT_USER_GET, "i", req->id) <= 0) {
		page_error(req, resp, 404, "Utente non trovato");
		return;
	}
	json_decref(u);
	if (req->id == req->who.user_id) {
		admin_page(req, resp, 409, _("Non puoi disattivare te stesso."),
		    NULL, NULL);
		return;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	if (store_exec(st, STMT_USER_SET_ACTIVE, "di", on, req->id) < 0 ||
	    (!on && store_exec(st, STMT_SESSION_DELETE_USER, "i", req->id) < 0) ||
	    audit_add(st, &req->who, 0, on ? "user_enable" : "user_disable",
	    "user", req->id, "") < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	admin_page(req, resp, 200, NULL, on ? _("Utente riattivato.") :
	    _("Utente disattivato."), NULL);
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}

void
h_admin_association_create(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*name = field(req, "name");
	int64_t		 comune_id = comuni_id(st, field(req, "comune"));
	int64_t		 id;
	int		 rc;

	if (comune_id == 0 || *name == '\0' || strlen(name) > 150) {
		admin_page(req, resp, 422, _("Indica comune e nome "
		    "dell'associazione."), NULL, NULL);
		return;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	rc = store_int(st, &id, STMT_ASSOC_INSERT, "is", comune_id, name);
	if (rc <= 0 || audit_add(st, &req->who, comune_id,
	    "association_create", "association", id, "") < 0) {
		store_tx(st, STORE_ROLLBACK);
		if (rc == STORE_CONFLICT) {
			admin_page(req, resp, 409, _("Associazione già "
			    "presente."), NULL, NULL);
			return;
		}
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	admin_page(req, resp, 201, NULL, _("Associazione creata."), NULL);
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}

/*
 * Creates an API key for a partner system.  The key is random, shown once
 * on the page that answers, and stored only as a hash.
 */
void
h_admin_key_create(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*name = field(req, "name");
	const char	*role = field(req, "role");
	int64_t		 comune_id = comuni_id(st, field(req, "comune"));
	int64_t		 assoc = 0, id;
	char		 key[AUTH_TOKEN_LEN + 1];

	if (comune_id == 0 || *name == '\0' || strlen(name) > 100 ||
	    (strcmp(role, "clerk") != 0 && strcmp(role, "association") != 0)) {
		admin_page(req, resp, 422, _("Indica comune, nome del sistema "
		    "e ruolo della chiave."), NULL, NULL);
		return;
	}
	if (strcmp(role, "association") == 0 &&
	    (assoc = association_of(st, comune_id,
	    field(req, "association"))) == 0) {
		admin_page(req, resp, 422, _("Scegli un'associazione del "
		    "comune."), NULL, NULL);
		return;
	}
	auth_random_token(key);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	if ((id = auth_api_key_create(st, comune_id, assoc, name, role,
	    key)) < 0 || audit_add(st, &req->who, comune_id, "apikey_create",
	    "api_key", id, role) < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	admin_page(req, resp, 201, NULL, _("Chiave creata: copiala ora, non "
	    "verrà più mostrata."), key);
	sodium_memzero(key, sizeof(key));
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}

void
h_admin_key_revoke(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	int		 rc;

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	rc = store_exec(st, STMT_APIKEY_SET_ACTIVE, "di", 0, req->id);
	if (rc < 0 || (rc == 1 && audit_add(st, &req->who, 0, "apikey_revoke",
	    "api_key", req->id, "") < 0)) {
		store_tx(st, STORE_ROLLBACK);
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	if (rc == 0) {
		page_error(req, resp, 404, "Chiave non trovata");
		return;
	}
	admin_page(req, resp, 200, NULL, _("Chiave revocata."), NULL);
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}

/* Reads a whole number in [min, max] from a form field. */
static bool
int_field(struct http_req *req, const char *name, int min, int max, int *out)
{
	const char	*s = field(req, name);
	char		*end;
	long		 v;

	if (*s == '\0')
		return false;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static bool
money_field(struct http_req *req, const char *name, int64_t *out)
{
	return dec2_parse(field(req, name), out) == DEC2_OK &&
	    *out <= 100000;	/* € 1,000.00 */
}

void
h_admin_comune_form(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	json_t		*c;
	char		 b[DEC2_STRLEN];

	if (store_row(st, &c, STMT_COMUNE_GET, "i", req->id) <= 0) {
		page_error(req, resp, 404, "Comune non trovato");
		return;
	}
	dec2_format(json_integer_value(json_object_get(c, "fee_cents")), b, ',');
	json_object_set_new(c, "fee_eur", json_string(b));
	dec2_format(json_integer_value(json_object_get(c, "stamp_cents")), b,
	    ',');
	json_object_set_new(c, "stamp_eur", json_string(b));
	{
		json_t	*rows = store_rows(st, STMT_RULES_LIST, "");
		json_t	*ids = json_array(), *v;
		size_t	 i;
		const char *cur = json_string_value(json_object_get(c,
		    "rule_set"));

		json_array_foreach(rows, i, v) {
			const char *id = json_string_value(json_object_get(v,
			    "id"));

			if (i > 0 && strcmp(id, json_string_value(json_object_get(
			    json_array_get(rows, i - 1), "id"))) == 0)
				continue;
			json_array_append_new(ids, json_pack("{s:s, s:b}",
			    "id", id, "selected", cur && strcmp(cur, id) == 0));
		}
		json_decref(rows);
		page_render(req, resp, 200, "comune.html",
		    _("Impostazioni del comune"), json_pack("{s:o, s:o}", "c", c,
		    "rule_sets", ids));
	}
}

/*
 * Saves a comune's settings.  The term, the risk days (ascending, inside
 * the term), the patron saint's day (a real date, or none), fees and
 * validity are checked; a bad value answers 422 and nothing changes.
 */
void
h_admin_comune_update(struct http_req *req, struct http_resp *resp)
{
	struct store		*st = store_thread();
	struct deadline_rules	 r;
	int			 term, legal, pm = 0, pd = 0, stamps, validity;
	int			 tolerance;
	int			 day;
	int64_t			 fee, stamp;
	const char		*office = field(req, "office");
	const char		*signatory = field(req, "signatory");
	const char		*risk = field(req, "risk_days");
	const char		*err = NULL;
	json_t			*c;

	if (store_row(st, &c, STMT_COMUNE_GET, "i", req->id) <= 0) {
		page_error(req, resp, 404, "Comune non trovato");
		return;
	}
	/* A form without the tolerance (an older one) keeps the current one. */
	tolerance = (int)json_integer_value(json_object_get(c,
	    "area_tolerance_pct"));
	json_decref(c);
	memset(&r, 0, sizeof(r));
	if (*office == '\0' || *signatory == '\0' || strlen(office) > 150 ||
	    strlen(signatory) > 150)
		err = _("Indica ufficio e firmatario.");
	else if (!int_field(req, "term_days", 1, 365, &term) ||
	    !int_field(req, "legal_term_days", 1, 365, &legal))
		err = _("I termini sono giorni di calendario, da 1 a 365.");
	else if (deadline_rules_parse_risk(&r, risk) < 0 ||
	    (r.nrisk > 0 && r.risk_days[r.nrisk - 1] > term))
		err = _("I giorni di allerta sono numeri crescenti separati da "
		    "virgole, entro il termine (per esempio 10,13).");
	else if ((*field(req, "patron_month") != '\0' ||
	    *field(req, "patron_day") != '\0') &&
	    (!int_field(req, "patron_month", 1, 12, &pm) ||
	    !int_field(req, "patron_day", 1, 31, &pd) ||
	    !date_from_ymd(2024, pm, pd, &day)))
		err = _("Il giorno del santo patrono non è una data valida.");
	else if (!money_field(req, "fee", &fee) ||
	    !money_field(req, "stamp", &stamp) ||
	    !int_field(req, "stamps", 0, 10, &stamps))
		err = _("Importi in euro con al massimo due decimali.");
	else if (!int_field(req, "validity_months", 0, 120, &validity))
		err = _("Validità in mesi, da 0 (illimitata) a 120.");
	else if (*field(req, "area_tolerance_pct") != '\0' &&
	    !int_field(req, "area_tolerance_pct", 0, 100, &tolerance))
		err = _("Tolleranza sulla superficie in percentuale, da 0 a 100.");
	else {
		struct elig_rules	 er;
		char			 rerr[256];

		if (rules_load(st, field(req, "rule_set"), &er, rerr,
		    sizeof(rerr)) < 0)
			err = _("Scegli un insieme di regole esistente.");
	}
	if (err != NULL) {
		admin_page(req, resp, 422, err, NULL, NULL);
		return;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto fail;
	if (store_exec(st, STMT_COMUNE_UPDATE, "ssddsddbiidddi", office,
	    signatory, term, legal, risk, pm, pd,
	    strcmp(field(req, "saturday_closed"), "on") == 0, fee, stamp,
	    stamps, validity, tolerance, req->id) != 1 ||
	    store_exec(st, STMT_COMUNE_SET_RULES, "si", field(req, "rule_set"),
	    req->id) != 1 ||
	    audit_add(st, &req->who, req->id, "comune_update", "comune",
	    req->id, "") < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto fail;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto fail;
	admin_page(req, resp, 200, NULL, _("Impostazioni salvate."), NULL);
	return;
fail:
	page_error(req, resp, 500, "Errore interno");
}

/* The rule sets in the database, and a form to add one. */
static void
rules_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *notice, const char *draft)
{
	json_t	*rows = store_rows(store_thread(), STMT_RULES_LIST, "");

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
	const char	*def = field(req, "definition");
	char		 err[512];

	if (rules_add(store_thread(), &req->who, def, err, sizeof(err)) < 0) {
		rules_page(req, resp, 422, err, NULL, def);
		return;
	}
	rules_page(req, resp, 201, NULL, _("Regole aggiunte."), NULL);
}
