/*
 * certificates: see certificates.h.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "access.h"
#include "auth.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "case_doc.h"
#include "cert/keys.h"
#include "cert/pdf.h"
#include "cert/seal.h"
#include "certificates.h"
#include "domain/cert_code.h"
#include "domain/cert_snapshot.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/protocol_label.h"
#include "notify/render.h"
#include "points/pickup.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"

const char *const cert_status_names[CERT_STATUS__MAX] = {
	"valid", "expired", "superseded", "revoked",
};

const char *const cert_status_labels[CERT_STATUS__MAX] = {
	N_("Valido"), N_("Scaduto"), N_("Sostituito da un certificato "
	"successivo"), N_("Revocato"),
};

static char	 public_url[256];

/*
 * Reads the settings: the key directory (IDONEO_KEYS, or FILE.keys beside
 * a SQLite database, ./idoneo-keys for PostgreSQL) and the address the QR
 * code leads to (IDONEO_PUBLIC_URL, or the server's own listen address).
 * Returns 0, or -1 when the key directory cannot be made.
 */
int
certificates_init(const char *db, const char *listen)
{
	const char	*dir = getenv("IDONEO_KEYS");
	const char	*url = getenv("IDONEO_PUBLIC_URL");
	char		 def[512];
	size_t		 n;

	if (dir == NULL || *dir == '\0') {
		if (strncmp(db, "postgres", 8) == 0)
			snprintf(def, sizeof(def), "idoneo-keys");
		else
			snprintf(def, sizeof(def), "%.500s.keys", db);
		dir = def;
	}
	if (url != NULL && *url != '\0')
		snprintf(public_url, sizeof(public_url), "%s", url);
	else if (listen != NULL && (strncmp(listen, "0.0.0.0:", 8) == 0 ||
	    strncmp(listen, "[::]:", 5) == 0))
		snprintf(public_url, sizeof(public_url), "http://localhost%s",
		    strrchr(listen, ':'));
	else
		snprintf(public_url, sizeof(public_url), "http://%s",
		    listen != NULL ? listen : "localhost:8080");
	n = strlen(public_url);
	while (n > 0 && public_url[n - 1] == '/')
		public_url[--n] = '\0';
	return cert_keys_init(dir);
}

/* The address where citizens reach this installation (no final '/'). */
const char *
certificates_public_url(void)
{
	return public_url;
}

/* The labels of the PDF's second language, from the message catalogs. */
const char *
certificates_translate(const char *lang, const char *msgid)
{
	bool missing;

	return render_translate(lang, msgid, &missing);
}

static enum cert_status
status_of(const json_t *row, int today)
{
	int vu;

	if (jfield_str(row, "revoked_on") != NULL)
		return CERT_REVOKED;
	if (jfield_int(row, "superseded_by") > 0)
		return CERT_SUPERSEDED;
	if (date_parse(jfield_text(row, "valid_until"), &vu) && today > vu)
		return CERT_EXPIRED;
	return CERT_VALID;
}

/* Adds to a certificate row its status, number and code as printed. */
static void
row_view(json_t *row, int today)
{
	enum cert_status	 s = status_of(row, today);
	char			 pl[PROTOCOL_LABEL_STRLEN];
	char			 code[CERT_CODE_SHOWN_STRLEN];

	protocol_label(jfield_int(row, "year"), jfield_int(row, "number"), pl,
	    sizeof(pl));
	json_object_set_new(row, "label", json_string(pl));
	json_object_set_new(row, "status", json_string(cert_status_names[s]));
	json_object_set_new(row, "status_label",
	    json_string(_(cert_status_labels[s])));
	if (jfield_str(row, "code") != NULL) {
		cert_code_show(jfield_str(row, "code"), code);
		json_object_set_new(row, "code_shown", json_string(code));
		json_object_set_new(row, "verify_url", json_pack("s++",
		    public_url, "/v/", jfield_str(row, "code")));
	}
}

/* The name of the head who approved the case: its "approve" step. */
static const char *
approver(const json_t *doc)
{
	const char	*name = NULL;
	json_t		*e;
	size_t		 i;

	json_array_foreach(json_object_get(doc, "events"), i, e)
		if (strcmp(jfield_text(e, "action"), "approve") == 0)
			name = jfield_str(e, "actor_name");
	return name;
}

/*
 * Issues the certificate of case case_id, inside the caller's write
 * transaction: the comune's next certificate number for the year of day,
 * the snapshot of the case as it stands, its seal, its row and its audit
 * row.  old, a certificate row, is the one this corrects: it is marked as
 * superseded.  Returns the new certificate's id, or -1 (the caller rolls
 * back).
 */
int
certificates_issue(struct store *st, const struct principal *p,
    int64_t case_id, int day, const json_t *old)
{
	struct case_reads	 rd = {NULL, NULL, NULL};
	struct cert_issue	 is;
	json_t			*doc = NULL, *co = NULL, *snap = NULL;
	char			*text = NULL, url[320];
	char			 number[PROTOCOL_LABEL_STRLEN];
	char			 prev[PROTOCOL_LABEL_STRLEN];
	char			 code[CERT_CODE_STRLEN], kid[CERT_KID_STRLEN];
	char			 sig[CERT_SIG_STRLEN], now[CLOCK_STRLEN];
	char			 issued[DATE_STRLEN], until[DATE_STRLEN];
	int64_t			 comune_id, no, id = -1;
	int			 y, m, d, months;

	if (case_reads_send(st, case_id, &rd) < 0 ||
	    case_doc_build(st, p, &rd, &doc) != SVC_OK)
		goto out;
	comune_id = jfield_int(doc, "comune_id");
	if (store_row(st, &co, STMT_COMUNE_GET, "i", comune_id) != 1)
		goto out;
	date_to_ymd(day, &y, &m, &d);
	if (store_int(st, &no, STMT_COUNTER_NEXT, "ids", comune_id, y,
	    "certificate") != 1 || store_exec(st, STMT_CASE_SET_CERTIFICATE,
	    "dii", y, no, case_id) != 1)
		goto out;
	protocol_label(y, no, number, sizeof(number));
	auth_random_chars(cert_code_alphabet, code, CERT_CODE_LEN);
	snprintf(url, sizeof(url), "%s/v/%s", public_url, code);
	date_format(day, issued);
	months = (int)jfield_int(co, "validity_months");
	if (months > 0)
		date_format(date_add_months(day, months), until);
	clock_utc(clock_now(), now);
	memset(&is, 0, sizeof(is));
	is.comune = co;
	is.number = number;
	is.code = code;
	is.verify_url = url;
	is.issued_on = issued;
	is.valid_until = months > 0 ? until : NULL;
	is.sealed_at = now;
	is.signatory = old == NULL && approver(doc) != NULL ? approver(doc) :
	    p->name;
	if (old != NULL) {
		protocol_label(jfield_int(old, "year"), jfield_int(old, "number"),
		    prev, sizeof(prev));
		is.supersedes = prev;
	}
	if ((snap = cert_snapshot_build(doc, &is)) == NULL) {
		log_warn("certificates: case %lld has no assessment to certify",
		    (long long)case_id);
		goto out;
	}
	if ((text = cert_snapshot_text(snap)) == NULL ||
	    cert_seal_sign(jfield_text(co, "code"), text, kid, sig) < 0)
		goto out;
	if (store_int(st, &id, STMT_CERT_INSERT, "iiiissssssss", comune_id,
	    case_id, (int64_t)y, no, code, issued, months > 0 ? until : NULL,
	    text, kid, sig, now, p->actor) != 1 ||
	    (old != NULL && store_exec(st, STMT_CERT_SUPERSEDE, "ii", id,
	    jfield_int(old, "id")) != 1) ||
	    audit_add(st, p, comune_id, "certificate_issue", "certificate", id,
	    number) < 0)
		id = -1;
out:
	free(text);
	json_decref(snap);
	json_decref(co);
	json_decref(doc);
	case_reads_free(&rd);
	return id < 0 ? -1 : (int)id;
}

/*
 * The case's certificates for p, oldest first, with their statuses: 0 on
 * success, or SVC_NOT_FOUND for a case p may not see.
 */
static enum svc_result
case_certs(struct store *st, const struct principal *p, int64_t case_id,
    struct case_row *c, json_t **out)
{
	int	 found, today = clock_today();
	json_t	*row;
	size_t	 i;

	*out = NULL;
	if ((found = rows_case_get(st, case_id, c)) < 0)
		return SVC_ERROR;
	/* p NULL: the caller vouched for the case (a checked pickup). */
	if (found == 0 || (p != NULL && !access_case(p, c->comune_id,
	    c->association_id)))
		return SVC_NOT_FOUND;
	if ((*out = store_rows(st, STMT_CERT_OF_CASE, "i", case_id)) == NULL)
		return SVC_ERROR;
	json_array_foreach(*out, i, row)
		row_view(row, today);
	return SVC_OK;
}

/* The certificate in force: the newest, which no other supersedes. */
static json_t *
current(json_t *certs)
{
	size_t n = json_array_size(certs);

	return n > 0 ? json_array_get(certs, n - 1) : NULL;
}

/*
 * The case's certificates for its page and the API: {"certificates":
 * [...], "current": {...} or null, "can_revoke", "can_copy"}.
 */
enum svc_result
certificates_of_case(struct store *st, const struct principal *p,
    int64_t case_id, json_t **out)
{
	struct case_row	 c;
	json_t		*certs;
	enum svc_result	 r = case_certs(st, p, case_id, &c, &certs);

	*out = NULL;
	if (r != SVC_OK)
		return r;
	*out = json_pack("{s:O*, s:o, s:b, s:b}", "current", current(certs),
	    "certificates", certs, "can_copy", p->role == ROLE_HEAD ||
	    p->role == ROLE_CLERK, "can_revoke", p->role == ROLE_HEAD);
	return SVC_OK;
}

/* Renders certificate row cert (with its snapshot) as copy, into pdf. */
static int
render(const json_t *cert, enum cert_copy copy, int copy_no, struct buf *pdf)
{
	struct cert_sealed	 s;
	const char		*text = jfield_text(cert, "snapshot");

	memset(&s, 0, sizeof(s));
	s.snapshot = (char *)text;
	s.len = strlen(text);
	snprintf(s.kid, sizeof(s.kid), "%s", jfield_text(cert, "key_id"));
	snprintf(s.sig, sizeof(s.sig), "%s", jfield_text(cert, "signature"));
	s.copy = copy;
	s.copy_no = copy_no;
	return cert_pdf_render(&s, certificates_translate, pdf);
}

/*
 * The PDF of a case's certificate: cert_id, or the one in force when it is
 * 0; the original, or (copy "copy" or "certified") the copy copy_no that
 * was recorded.  name receives the file's name, after the number.
 */
enum svc_result
certificates_pdf(struct store *st, const struct principal *p,
    int64_t case_id, int64_t cert_id, const char *copy, int copy_no,
    struct buf *pdf, char *name, size_t size)
{
	/* Only service/handover.c, having checked a pickup, passes NULL. */
	struct case_row	 c;
	json_t		*certs = NULL, *cert = NULL, *row;
	enum cert_copy	 kind = CERT_ORIGINAL;
	enum svc_result	 r;
	int64_t		 n = 0;
	size_t		 i;

	if (copy != NULL && strcmp(copy, "copy") == 0)
		kind = CERT_COPY;
	else if (copy != NULL && strcmp(copy, "certified") == 0)
		kind = CERT_CERTIFIED;
	else if (copy != NULL && *copy != '\0' && strcmp(copy, "original"))
		return SVC_INVALID;
	if ((r = case_certs(st, p, case_id, &c, &certs)) != SVC_OK)
		return r;
	r = SVC_NOT_FOUND;
	row = cert_id > 0 ? NULL : current(certs);
	json_array_foreach(certs, i, cert)
		if (jfield_int(cert, "id") == cert_id)
			row = cert;
	/* At a point: only the certificate in force, and valid. */
	if (row == NULL || (p == NULL && (cert_id > 0 ||
	    kind != CERT_ORIGINAL || strcmp(jfield_text(row, "status"),
	    cert_status_names[CERT_VALID]) != 0)))
		goto out;
	if (kind != CERT_ORIGINAL && (store_int(st, &n, STMT_CERT_COPY_GET,
	    "isd", jfield_int(row, "id"), cert_copy_names[kind], copy_no) < 0 ||
	    n != 1))
		goto out;
	r = SVC_ERROR;
	if (store_row(st, &cert, STMT_CERT_GET, "i", jfield_int(row, "id")) != 1)
		goto out;
	if (render(cert, kind, kind == CERT_ORIGINAL ? 0 : copy_no, pdf) == 0) {
		char num[PROTOCOL_LABEL_STRLEN], *sl;

		snprintf(num, sizeof(num), "%s", jfield_text(row, "label"));
		if ((sl = strchr(num, '/')) != NULL)
			*sl = '-';
		if (kind == CERT_ORIGINAL)
			snprintf(name, size, "certificato-%s.pdf", num);
		else
			snprintf(name, size, "certificato-%s-%s-%d.pdf", num,
			    kind == CERT_COPY ? "copia" : "copia-conforme",
			    copy_no);
		r = SVC_OK;
	}
	json_decref(cert);
out:
	json_decref(certs);
	return r;
}

static enum svc_result
refuse(json_t *errors, const char *field, const char *msg,
    enum svc_result r)
{
	json_object_set_new(errors, field, json_string(msg));
	return r;
}

/*
 * One act on the case's certificate in force, in one transaction with its
 * audit row: "reprint" (a copy marked as such, counted), "certified" (a
 * certified copy, with the comune's fee), "revoke" (the head, with a
 * reason) and "correct" (the head, with a reason: a new certificate from
 * the case as it is now, which supersedes this one).  next receives where
 * the desk goes afterwards: the copy's PDF, or the case.
 */
static enum svc_result
act_once(struct store *st, const struct principal *p, int64_t case_id,
    const char *what, const char *reason, json_t *errors, char *next,
    size_t size)
{
	struct case_row	 c;
	json_t		*certs = NULL, *cur, *co = NULL;
	enum svc_result	 r;
	enum cert_status s;
	char		 now[CLOCK_STRLEN], day[DATE_STRLEN];
	int64_t		 id, n = 0;
	bool		 head = p->role == ROLE_HEAD;
	bool		 office = head || p->role == ROLE_CLERK;

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((r = case_certs(st, p, case_id, &c, &certs)) != SVC_OK)
		goto rollback;
	if ((cur = current(certs)) == NULL) {
		r = refuse(errors, "do", _("La pratica non ha ancora un "
		    "certificato"), SVC_CONFLICT);
		goto rollback;
	}
	id = jfield_int(cur, "id");
	s = status_of(cur, clock_today());
	clock_utc(clock_now(), now);
	snprintf(next, size, "/cases/%lld#certificate", (long long)case_id);
	r = SVC_ERROR;
	if (strcmp(what, "reprint") == 0 || strcmp(what, "certified") == 0) {
		bool	 cert = strcmp(what, "certified") == 0;
		int64_t	 fee = 0;

		if (!office) {
			r = SVC_FORBIDDEN;
			goto rollback;
		}
		if (s == CERT_REVOKED) {
			r = refuse(errors, "do", _("Il certificato è revocato: "
			    "non se ne rilasciano copie"), SVC_CONFLICT);
			goto rollback;
		}
		if (cert && (store_row(st, &co, STMT_COMUNE_GET, "i",
		    c.comune_id) != 1))
			goto rollback;
		fee = cert ? jfield_int(co, "copy_fee_cents") : 0;
		if (store_int(st, &n, cert ? STMT_CERT_CERTIFIED :
		    STMT_CERT_REPRINT, "i", id) != 1 ||
		    store_exec(st, STMT_CERT_COPY_INSERT, "isiiss", id,
		    cert ? "certified" : "copy", n, fee, now, p->actor) != 1 ||
		    audit_add(st, p, c.comune_id, cert ?
		    "certificate_certified_copy" : "certificate_reprint",
		    "certificate", id, cert ? "certified" : "copy") < 0)
			goto rollback;
		snprintf(next, size, "/cases/%lld/certificate.pdf?id=%lld&"
		    "copy=%s&n=%lld", (long long)case_id, (long long)id,
		    cert ? "certified" : "copy", (long long)n);
	} else if (strcmp(what, "revoke") == 0 ||
	    strcmp(what, "correct") == 0) {
		bool revoke = strcmp(what, "revoke") == 0;

		if (!head) {
			r = refuse(errors, "do", _("Solo il responsabile "
			    "dell'ufficio può revocare o rettificare un "
			    "certificato"), SVC_FORBIDDEN);
			goto rollback;
		}
		if (reason == NULL || *reason == '\0' || strlen(reason) >
		    2000) {
			r = refuse(errors, "reason", _("Motivazione: "
			    "obbligatoria, al massimo 2000 caratteri"),
			    SVC_INVALID);
			goto rollback;
		}
		if (s == CERT_REVOKED) {
			r = refuse(errors, "do", _("Il certificato è già "
			    "revocato"), SVC_CONFLICT);
			goto rollback;
		}
		date_format(clock_today(), day);
		if (revoke) {
			if (store_exec(st, STMT_CERT_REVOKE, "sssi", day, reason,
			    p->actor, id) != 1 || audit_add(st, p, c.comune_id,
			    "certificate_revoke", "certificate", id,
			    reason) < 0 ||
			    /* A revoked certificate is handed over nowhere. */
			    pickup_end(st, case_id, "recalled", p->actor) < 0)
				goto rollback;
		} else if (certificates_issue(st, p, case_id, clock_today(),
		    cur) < 0 || audit_add(st, p, c.comune_id,
		    "certificate_correct", "certificate", id, reason) < 0)
			goto rollback;
	} else {
		r = refuse(errors, "do", _("Azione sconosciuta"), SVC_INVALID);
		goto rollback;
	}
	json_decref(certs);
	json_decref(co);
	return store_tx(st, STORE_COMMIT) < 0 ? SVC_ERROR : SVC_OK;
rollback:
	json_decref(certs);
	json_decref(co);
	store_tx(st, STORE_ROLLBACK);
	return r;
}

enum svc_result
certificates_act(struct store *st, const struct principal *p,
    int64_t case_id, const char *what, const char *reason, json_t *errors,
    char *next, size_t size)
{
	enum svc_result	 r;
	int		 n = 0;

	if (what == NULL)
		what = "";
	do
		r = act_once(st, p, case_id, what, reason, errors, next, size);
	while (r == SVC_ERROR && store_retryable(st) && ++n < STORE_RETRIES);
	return r;
}

/* Capitals and digits only, for comparing what a person types. */
static void
squeeze(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; in != NULL && *in != '\0' && n + 1 < size; in++) {
		char ch = *in;

		if (ch == ' ' || ch == '-' || ch == '\'' || ch == '.')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		out[n++] = ch;
	}
	out[n] = '\0';
}

/* Whether a typed proof matches a non-empty stored one, in constant time. */
static bool
same(const char *typed, const char *stored)
{
	size_t n = strlen(stored);

	return n > 0 && strlen(typed) == n && sodium_memcmp(typed, stored,
	    n) == 0;
}

/*
 * What the verification page shows for code: the status, the comune, the
 * number, the dates, the maximum occupants and the address; the
 * applicant only when proof is their surname or document number.
 * SVC_INVALID for a code that cannot be one, SVC_NOT_FOUND for one that
 * is not.  (*out)["proof"] is "none", "ok" or "wrong".
 */
enum svc_result
certificates_public(struct store *st, const char *typed, const char *proof,
    json_t **out)
{
	char		 code[CERT_CODE_STRLEN], a[256], b[256];
	json_t		*row = NULL, *snap, *o, *ap, *dw;
	const char	*text;
	enum cert_check	 chk;
	int		 found;

	*out = NULL;
	if (!cert_code_normalize(typed, code))
		return SVC_INVALID;
	if ((found = store_row(st, &row, STMT_CERT_BY_CODE, "s", code)) <= 0)
		return found == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	text = jfield_text(row, "snapshot");
	chk = cert_seal_check(text, strlen(text), jfield_text(row, "key_id"),
	    jfield_text(row, "signature"));
	if ((snap = json_loads(text, 0, NULL)) == NULL) {
		json_decref(row);
		return SVC_ERROR;
	}
	row_view(row, clock_today());
	ap = json_object_get(snap, "applicant");
	dw = json_object_get(snap, "dwelling");
	o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:b, "
	    "s:s}", "status", json_object_get(row, "status"), "status_label",
	    json_object_get(row, "status_label"), "number",
	    json_object_get(row, "label"), "code", json_object_get(row,
	    "code_shown"), "comune", json_object_get(snap, "comune"),
	    "issued_on", json_object_get(snap, "issued_on"), "valid_until",
	    json_object_get(snap, "valid_until"), "max_occupants",
	    json_object_get(snap, "max_occupants"), "purpose",
	    json_object_get(json_object_get(snap, "purpose"), "label"),
	    "seal_valid", chk == CERT_CHECK_OK, "seal", cert_check_reasons[chk]);
	json_object_del(json_object_get(o, "comune"), "logo");
	snprintf(a, sizeof(a), "%s %s%s%s%s%s - %s %s", jfield_text(dw,
	    "street"), jfield_text(dw, "house_number"), *jfield_text(dw,
	    "interno") ? ", interno " : "", jfield_text(dw, "interno"),
	    *jfield_text(dw, "floor") ? ", piano " : "", jfield_text(dw,
	    "floor"), jfield_text(dw, "cap"), jfield_text(json_object_get(snap,
	    "comune"), "name"));
	json_object_set_new(o, "address", json_string(a));
	if (jfield_str(row, "revoked_on") != NULL)
		json_object_set(o, "revoked_on", json_object_get(row,
		    "revoked_on"));
	if (jfield_int(row, "next_number") > 0) {
		protocol_label(jfield_int(row, "next_year"), jfield_int(row,
		    "next_number"), b, sizeof(b));
		json_object_set_new(o, "superseded_by", json_string(b));
	}
	json_object_set_new(o, "proof", json_string("none"));
	if (proof != NULL && *proof != '\0') {
		char p[256], s1[256], s2[256];
		bool ok;

		squeeze(proof, p, sizeof(p));
		squeeze(jfield_text(ap, "surname"), s1, sizeof(s1));
		squeeze(jfield_text(ap, "id_doc_number"), s2, sizeof(s2));
		ok = same(p, s1) || same(p, s2);
		json_object_set_new(o, "proof", json_string(ok ? "ok" :
		    "wrong"));
		if (ok)
			json_object_set_new(o, "applicant", json_pack("{s:O, s:O, "
			    "s:O, s:O}", "surname", json_object_get(ap,
			    "surname"), "given_names", json_object_get(ap,
			    "given_names"), "birth_date", json_object_get(ap,
			    "birth_date"), "citizenship", json_object_get(ap,
			    "citizenship")));
	}
	json_decref(snap);
	json_decref(row);
	*out = o;
	return SVC_OK;
}

/* The certificates issued for dwellings matched to a unit, for its page. */
json_t *
certificates_of_unit(struct store *st, const struct principal *p,
    int64_t unit_id)
{
	json_t	*rows, *row;
	size_t	 i;
	int	 today = clock_today();

	if ((rows = store_rows(st, STMT_CERT_OF_UNIT, "ii", unit_id,
	    p->comune_id)) == NULL)
		return NULL;
	json_array_foreach(rows, i, row)
		row_view(row, today);
	return rows;
}

/* The document of GET /.well-known/idoneo-keys.json. */
json_t *
certificates_keys(void)
{
	return cert_keys_published();
}
