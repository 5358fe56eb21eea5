/*
 * pickup: see pickup.h.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "domain/date.h"
#include "domain/decimal.h"
#include "domain/i18n.h"
#include "domain/pickup_code.h"
#include "notify/notify.h"
#include "points/pickup.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

const struct choice pickup_doc_types[] = {
	{"passport", N_("Passaporto")},
	{"identity_card", N_("Carta d'identità")},
	{"permit", N_("Permesso di soggiorno")},
	{"other", N_("Altro documento")},
	{NULL, NULL},
};

/* The hash under which a code is kept and found. */
static void
code_hash(const char *code, char out[65])
{
	unsigned char	 h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)code,
	    strlen(code), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Nine random digits, each drawn without bias (libsodium). */
void
pickup_code_draw(char out[PICKUP_CODE_STRLEN])
{
	for (int i = 0; i < PICKUP_CODE_LEN; i++)
		out[i] = (char)('0' + randombytes_uniform(10));
	out[PICKUP_CODE_LEN] = '\0';
}

/* The UTC time PICKUP_STEP_MINUTES ago: a step older than that is void. */
static void
step_since(char out[CLOCK_STRLEN])
{
	clock_utc(clock_now() - PICKUP_STEP_MINUTES * 60, out);
}

/*
 * Whether a point may receive certificates now: one of the comune's,
 * accredited, releasing.  Returns 1, 0, or -1 on error.
 */
int
pickup_place_ok(struct store *st, int64_t comune_id, int64_t point_id)
{
	json_t	*pt;
	int	 rc, ok;

	if ((rc = store_row(st, &pt, STMT_POINT_GET, "i", point_id)) <= 0)
		return rc;
	ok = jfield_int(pt, "comune_id") == comune_id &&
	    strcmp(jfield_text(pt, "status"), "accredited") == 0 &&
	    jfield_int(pt, "releases") == 1;
	json_decref(pt);
	return ok;
}

/* A point's place and hours for a message (a collections row). */
static void
place_params(const json_t *col, json_t *params)
{
	char	 place[400];

	snprintf(place, sizeof(place), "%s, %s", jfield_text(col,
	    "point_name"), jfield_text(col, "point_address"));
	json_object_set_new(params, "place", json_string(place));
	json_object_set_new(params, "hours", json_string(jfield_text(col,
	    "point_hours")));
}

/*
 * Assigns a case's certificate to its place and gives it a new pickup code,
 * ending any code it had.  params gets what the "certificate ready"
 * message says: the place and its hours (a point's; the office's are the
 * message's default), the code as read aloud and its last day.  A point
 * suspended or closed since the choice leaves the certificate at the
 * office.  Returns 0, or -1.
 */
int
pickup_issue(struct store *st, int64_t case_id, int64_t comune_id, int today,
    json_t *params)
{
	json_t		*com = NULL, *col = NULL;
	char		 code[PICKUP_CODE_STRLEN], shown[PICKUP_CODE_SHOWN_STRLEN];
	char		 hash[65], now[CLOCK_STRLEN], until[DATE_STRLEN];
	char		 remind[DATE_STRLEN];
	int64_t		 point = 0, id, used;
	int		 rc = -1, tries;

	if (store_row(st, &com, STMT_COMUNE_GET, "i", comune_id) != 1 ||
	    store_row(st, &col, STMT_COLLECTION_GET, "i", case_id) < 0)
		goto out;
	if (col != NULL && jfield_int(col, "point_id") > 0 &&
	    strcmp(jfield_text(col, "point_status"), "accredited") == 0 &&
	    jfield_int(col, "point_releases") == 1) {
		point = jfield_int(col, "point_id");
		place_params(col, params);
	}
	if (pickup_end(st, case_id, "replaced", "system") < 0)
		goto out;
	/*
	 * A code not used before, by any case: 10^9 codes against the few
	 * thousand a year of a comune, so a second draw is already rare.
	 */
	for (tries = 0; tries < 20; tries++) {
		pickup_code_draw(code);
		code_hash(code, hash);
		if ((used = store_int(st, &id, STMT_PICKUP_HASH_USED, "s",
		    hash)) < 0)
			goto out;
		if (used == 0)
			break;
	}
	if (tries == 20)
		goto out;
	date_format(today + (int)jfield_int(com, "pickup_days"), until);
	/* A reminder only before the code ends; 0 days: none. */
	if (jfield_int(com, "pickup_reminder_days") > 0 &&
	    jfield_int(com, "pickup_reminder_days") < jfield_int(com,
	    "pickup_days"))
		date_format(today + (int)jfield_int(com,
		    "pickup_reminder_days"), remind);
	else
		snprintf(remind, sizeof(remind), "9999-12-31");
	/* Given now: its instant, and its day in Rome. */
	clock_utc(clock_now(), now);
	if (store_int(st, &id, STMT_PICKUP_INSERT, "iiIssiss", case_id,
	    comune_id, point, hash, now, clock_today(), until, remind) != 1)
		goto out;
	pickup_code_show(code, shown);
	json_object_set_new(params, "pickup", json_string(shown));
	json_object_set_new(params, "until", json_string(until));
	sodium_memzero(code, sizeof(code));
	rc = 0;
out:
	json_decref(com);
	json_decref(col);
	return rc;
}

/*
 * Today in Rome, as a day number and as "YYYY-MM-DD": the day a code is
 * given and the day it ends, which the office's numbers count the days to
 * collect by (migration 0026).
 */
static int
rome_today(char day[DATE_STRLEN])
{
	int	 today = clock_today();

	date_format(today, day);
	return today;
}

/* Ends a case's active code: delivered, replaced or recalled. */
int
pickup_end(struct store *st, int64_t case_id, const char *status,
    const char *actor)
{
	char	 now[CLOCK_STRLEN], day[DATE_STRLEN];
	int	 today = rome_today(day);

	clock_utc(clock_now(), now);
	return store_exec(st, STMT_PICKUP_END_CASE, "ssssii", status, now,
	    actor, day, today, case_id) < 0 ? -1 : 0;
}

/* The code pickup_id handed over at its point.  Returns the rows changed
 * (1, or 0 if it was no longer active), or -1. */
int
pickup_handed_over(struct store *st, int64_t pickup_id, const char *actor)
{
	char	 now[CLOCK_STRLEN], day[DATE_STRLEN];
	int	 today = rome_today(day);

	clock_utc(clock_now(), now);
	return store_exec(st, STMT_PICKUP_DELIVERED, "sssii", now, actor, day,
	    today, pickup_id);
}

/* Whether p is an operator bound to a point. */
static bool
at_point(const struct principal *p)
{
	return p->role == ROLE_POINT && p->point_id > 0;
}

/*
 * A pickup as the point may act on it: active, of the operator's point,
 * not past its day, its case still waiting, not locked by wrong documents.
 */
static bool
usable(const json_t *k, const struct principal *p)
{
	int	 until = 0;

	return k != NULL && strcmp(jfield_text(k, "status"), "active") == 0 &&
	    jfield_int(k, "point_id") == p->point_id &&
	    date_parse(jfield_text(k, "expires_on"), &until) &&
	    pickup_code_live(until, clock_today()) &&
	    strcmp(jfield_text(k, "state"), "certificate_ready") == 0 &&
	    jfield_int(k, "check_fails") < PICKUP_CHECK_TRIES;
}

/* Whether the operator made the step stamped by (by, at) lately. */
static bool
step_done(const json_t *k, const char *by, const char *at,
    const struct principal *p)
{
	char	 since[CLOCK_STRLEN];

	step_since(since);
	return strcmp(jfield_text(k, by), p->actor) == 0 &&
	    strcmp(jfield_text(k, at), since) >= 0;
}

/* What the operator sees of a pickup: a name and two documents' tails. */
static json_t *
minimal(const json_t *k)
{
	char	 name[300], tail[4], dtail[4];
	json_t	*o;

	snprintf(name, sizeof(name), "%s %s", jfield_text(k, "given_names"),
	    jfield_text(k, "surname"));
	pickup_doc_tail(jfield_text(k, "id_doc_number"), tail);
	o = json_pack("{s:I, s:s, s:{s:s, s:s}, s:s}", "pickup",
	    (json_int_t)jfield_int(k, "id"), "name", name, "document",
	    "type", jfield_text(k, "id_doc_type"), "last3", tail,
	    "expires_on", jfield_text(k, "expires_on"));
	if (*jfield_text(k, "delegate_name") != '\0') {
		pickup_doc_tail(jfield_text(k, "delegate_doc_number"), dtail);
		json_object_set_new(o, "delegate", json_pack("{s:s, s:s, s:s}",
		    "name", jfield_text(k, "delegate_name"), "type",
		    jfield_text(k, "delegate_doc_type"), "last3", dtail));
	} else
		json_object_set_new(o, "delegate", json_null());
	return o;
}

struct lookup {
	const char	*code;	/* normalised, or "" when malformed */
	json_t		*found;
};

static enum svc_result
lookup_write(struct store *st, const struct principal *p, void *arg)
{
	struct lookup	*l = arg;
	json_t		*k = NULL;
	char		 hash[65], now[CLOCK_STRLEN];
	enum svc_result	 r = SVC_ERROR;

	if (*l->code != '\0') {
		code_hash(l->code, hash);
		if (store_row(st, &k, STMT_PICKUP_BY_HASH, "s", hash) < 0)
			return SVC_ERROR;
	}
	json_decref(l->found);
	l->found = NULL;
	if (!usable(k, p)) {
		/* Every lookup is audited, the failed ones too: committed. */
		r = audit_add(st, p, p->comune_id, "pickup_lookup_failed",
		    "point", p->point_id, k == NULL ? "unknown" : "refused") <
		    0 ? SVC_ERROR : SVC_OK;
		goto out;
	}
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_PICKUP_LOOKED, "ssi", p->actor, now,
	    jfield_int(k, "id")) != 1 || audit_add(st, p, p->comune_id,
	    "pickup_lookup", "pickup", jfield_int(k, "id"), "") < 0)
		goto out;
	l->found = minimal(k);
	r = SVC_OK;
out:
	json_decref(k);
	return r;
}

/*
 * The first step at the point: the code.  A code that is unknown, used,
 * expired, of another point or of a certificate not ready answers
 * SVC_NOT_FOUND, all alike, so that a guess learns nothing.  The caller
 * rate-limits the failures (web/ratelimit.c).
 */
enum svc_result
pickup_lookup(struct store *st, const struct principal *p, const char *typed,
    json_t **found)
{
	struct lookup	 l;
	char		 code[PICKUP_CODE_STRLEN];
	enum svc_result	 r;

	*found = NULL;
	if (!at_point(p))
		return SVC_FORBIDDEN;
	if (!pickup_code_normalize(typed, code))
		code[0] = '\0';
	l.code = code;
	l.found = NULL;
	r = store_write(st, lookup_write, p, &l);
	sodium_memzero(code, sizeof(code));
	if (r == SVC_OK && l.found == NULL)
		r = SVC_NOT_FOUND;
	if (r == SVC_OK)
		*found = l.found;
	else
		json_decref(l.found);
	return r;
}

struct check {
	int64_t		 id;
	const char	*type, *number;
	bool		 matched;
	json_t		*errors;
};

static enum svc_result
check_write(struct store *st, const struct principal *p, void *arg)
{
	struct check	*c = arg;
	json_t		*k;
	char		 now[CLOCK_STRLEN], doc[120], tail[4];
	const char	*who = NULL, *number;
	enum svc_result	 r = SVC_ERROR;
	int		 rc;

	c->matched = false;
	if ((rc = store_row(st, &k, STMT_PICKUP_GET, "i", c->id)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	if (jfield_int(k, "point_id") != p->point_id ||
	    strcmp(jfield_text(k, "status"), "active") != 0) {
		r = SVC_NOT_FOUND;
		goto out;
	}
	if (!usable(k, p) || !step_done(k, "looked_up_by", "looked_up_at",
	    p)) {
		json_object_set_new(c->errors, "code", json_string(
		    jfield_int(k, "check_fails") >= PICKUP_CHECK_TRIES ?
		    _("Troppi documenti non corrispondenti: il certificato si "
		    "ritira ora solo all'ufficio del Comune.") :
		    _("Cerchi di nuovo il codice di ritiro: la ricerca vale "
		    "15 minuti.")));
		r = SVC_CONFLICT;
		goto out;
	}
	/* The applicant's identity document or residence permit... */
	if (strcmp(c->type, "permit") == 0)
		number = jfield_text(k, "permit_number");
	else if (strcmp(c->type, jfield_text(k, "id_doc_type")) == 0)
		number = jfield_text(k, "id_doc_number");
	else
		number = "";
	if (pickup_doc_matches(number, c->number))
		who = N_("richiedente");
	/* ...or the delegate's document, when one was named. */
	else if (*jfield_text(k, "delegate_name") != '\0' &&
	    strcmp(c->type, jfield_text(k, "delegate_doc_type")) == 0 &&
	    pickup_doc_matches(jfield_text(k, "delegate_doc_number"),
	    c->number))
		who = N_("delegato");
	clock_utc(clock_now(), now);
	if (who == NULL) {
		if (store_exec(st, STMT_PICKUP_CHECK_FAIL, "i", c->id) != 1 ||
		    audit_add(st, p, p->comune_id, "pickup_identity_failed",
		    "pickup", c->id, "") < 0)
			goto out;
		json_object_set_new(c->errors, "document_number", json_string(
		    _("Il documento non corrisponde a quello atteso. Non "
		    "consegni il certificato.")));
		/* The failure counts: committed, and answered as invalid. */
		r = SVC_OK;
		goto out;
	}
	pickup_doc_tail(c->number, tail);
	snprintf(doc, sizeof(doc), "%s …%s (%s)", c->type, tail, who);
	if (store_exec(st, STMT_PICKUP_CHECKED, "sssi", p->actor, now, doc,
	    c->id) != 1 || audit_add(st, p, p->comune_id,
	    "pickup_identity_ok", "pickup", c->id, who) < 0)
		goto out;
	c->matched = true;
	r = SVC_OK;
out:
	json_decref(k);
	return r;
}

/*
 * The second step: the document the person shows, its type and number.
 * A match records the check; a mismatch counts, and after
 * PICKUP_CHECK_TRIES the code no longer opens anything at the point.
 */
enum svc_result
pickup_check(struct store *st, const struct principal *p, int64_t id,
    const char *type, const char *number, json_t *errors)
{
	struct check	 c;
	enum svc_result	 r;

	if (!at_point(p))
		return SVC_FORBIDDEN;
	if (type == NULL || choice_index(pickup_doc_types, type) < 0) {
		json_object_set_new(errors, "document_type", json_string(
		    _("Scelga il tipo di documento mostrato.")));
		return SVC_INVALID;
	}
	if (number == NULL || *number == '\0' || strlen(number) > 40) {
		json_object_set_new(errors, "document_number", json_string(
		    _("Scriva il numero del documento mostrato (al massimo 40 "
		    "caratteri).")));
		return SVC_INVALID;
	}
	c.id = id;
	c.type = type;
	c.number = number;
	c.errors = errors;
	r = store_write(st, check_write, p, &c);
	return r == SVC_OK && !c.matched ? SVC_INVALID : r;
}

/*
 * For the PDF and the handover, inside the caller's transaction: the
 * pickup must be usable and its identity checked by this operator within
 * PICKUP_STEP_MINUTES.  Returns 1 with *row set (the caller's to free), 0,
 * or -1.
 */
int
pickup_take(struct store *st, const struct principal *p, int64_t id,
    json_t **row)
{
	json_t	*k;
	int	 rc;

	*row = NULL;
	if (!at_point(p))
		return 0;
	if ((rc = store_row(st, &k, STMT_PICKUP_GET, "i", id)) <= 0)
		return rc;
	if (usable(k, p) && step_done(k, "checked_by", "checked_at", p)) {
		*row = k;
		return 1;
	}
	json_decref(k);
	return 0;
}

struct payment {
	int64_t		 id, cents;
	const char	*kind, *reference;
	json_t		*errors;
};

static enum svc_result
payment_write(struct store *st, const struct principal *p, void *arg)
{
	struct payment	*y = arg;
	json_t		*k, *pt = NULL;
	char		 today[DATE_STRLEN];
	int64_t		 pay;
	enum svc_result	 r = SVC_ERROR;
	int		 rc;

	if ((rc = store_row(st, &k, STMT_PICKUP_GET, "i", y->id)) <= 0)
		return rc == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	if (!usable(k, p)) {
		r = SVC_NOT_FOUND;
		goto out;
	}
	if (!step_done(k, "looked_up_by", "looked_up_at", p)) {
		json_object_set_new(y->errors, "code", json_string(
		    _("Cerchi di nuovo il codice di ritiro: la ricerca vale "
		    "15 minuti.")));
		r = SVC_CONFLICT;
		goto out;
	}
	if (store_row(st, &pt, STMT_POINT_GET, "i", p->point_id) != 1)
		goto out;
	if (jfield_int(pt, "collects_fees") != 1) {
		json_object_set_new(y->errors, "kind", json_string(
		    _("Questo punto non è abilitato a riscuotere diritti e "
		    "marche da bollo.")));
		r = SVC_FORBIDDEN;
		goto out;
	}
	date_format(clock_today(), today);
	if (store_int(st, &pay, STMT_PAYMENT_AT_POINT, "isissi",
	    jfield_int(k, "case_id"), y->kind, y->cents, y->reference, today,
	    p->point_id) != 1 || audit_add(st, p, p->comune_id,
	    "point_payment", "case", jfield_int(k, "case_id"), y->kind) < 0)
		goto out;
	r = SVC_OK;
out:
	json_decref(k);
	json_decref(pt);
	return r;
}

/*
 * A fee or revenue stamp paid at the point, after the code's lookup: kind
 * (fee or stamp), amount (cents as a number, or euros as text, "16,00")
 * and the payment's reference.  It shows on the case.
 */
enum svc_result
pickup_payment(struct store *st, const struct principal *p, int64_t id,
    const json_t *in, json_t *errors)
{
	struct payment	 y;
	const json_t	*amount = json_object_get(in, "amount");

	if (!at_point(p))
		return SVC_FORBIDDEN;
	memset(&y, 0, sizeof(y));
	y.id = id;
	y.errors = errors;
	y.kind = jfield_text(in, "kind");
	y.reference = jfield_text(in, "reference");
	if (strcmp(y.kind, "fee") != 0 && strcmp(y.kind, "stamp") != 0)
		json_object_set_new(errors, "kind", json_string(
		    _("Scelga che cosa è stato pagato: diritti o marca da "
		    "bollo.")));
	if (json_is_integer(amount))
		y.cents = json_integer_value(amount);
	else if (dec2_parse(jfield_text(in, "amount"), &y.cents) != DEC2_OK)
		y.cents = -1;
	if (y.cents <= 0 || y.cents > 100000)
		json_object_set_new(errors, "amount", json_string(
		    _("Importo in euro, per esempio 16,00 (al massimo "
		    "1000,00).")));
	if (*y.reference == '\0' || strlen(y.reference) > 64)
		json_object_set_new(errors, "reference", json_string(
		    _("Scriva il riferimento del pagamento (al massimo 64 "
		    "caratteri).")));
	if (json_object_size(errors) > 0)
		return SVC_INVALID;
	return store_write(st, payment_write, p, &y);
}

/*
 * The certificates waiting for collection.  A point sees its own by
 * certificate number and dates, nothing about the people; the office sees
 * every place of its comune, with the cases.
 */
json_t *
pickup_stock(struct store *st, const struct principal *p)
{
	if (at_point(p))
		return store_rows(st, STMT_PICKUP_STOCK_POINT, "i",
		    p->point_id);
	return store_rows(st, STMT_PICKUP_STOCK_ALL, "i", p->comune_id);
}

/* A case's codes, for the office: where, until when, how they ended. */
json_t *
pickup_of_case(struct store *st, int64_t case_id)
{
	return store_rows(st, STMT_PICKUPS_OF_CASE, "i", case_id);
}

/* Sends the reminders that are due, each with its own transaction. */
static int
remind(struct store *st)
{
	json_t	*due;
	char	 today[DATE_STRLEN], now[CLOCK_STRLEN];
	size_t	 i;
	json_t	*k;
	int	 n = 0;

	date_format(clock_today(), today);
	if ((due = store_rows(st, STMT_PICKUP_REMIND_DUE, "s", today)) == NULL)
		return -1;
	json_array_foreach(due, i, k) {
		json_t	*params = json_object(), *col = NULL;
		int	 ok;

		json_object_set_new(params, "until", json_string(
		    jfield_text(k, "expires_on")));
		clock_utc(clock_now(), now);
		ok = store_tx(st, STORE_BEGIN_WRITE) == 0 &&
		    store_row(st, &col, STMT_COLLECTION_GET, "i",
		    jfield_int(k, "case_id")) >= 0;
		if (ok && jfield_int(k, "point_id") > 0 && col != NULL)
			place_params(col, params);
		ok = ok && store_exec(st, STMT_PICKUP_REMINDED, "si", now,
		    jfield_int(k, "id")) == 1 && notify_case(st,
		    jfield_int(k, "case_id"), NOTIFY_PICKUP_REMINDER, params,
		    NULL, "system") >= 0 && store_tx(st, STORE_COMMIT) == 0;
		if (!ok)
			store_tx(st, STORE_ROLLBACK);
		else
			n++;
		json_decref(col);
		json_decref(params);
	}
	json_decref(due);
	return n;
}

/*
 * Recalls to the office the certificates left at a point past their code's
 * last day: the place becomes the office, a new code goes out with the
 * message that says so, and the point no longer sees it.
 */
static int
recall(struct store *st)
{
	struct principal sys;
	json_t		*due, *k;
	char		 today[DATE_STRLEN], now[CLOCK_STRLEN];
	size_t		 i;
	int		 n = 0;

	memset(&sys, 0, sizeof(sys));
	snprintf(sys.actor, sizeof(sys.actor), "system");
	snprintf(sys.name, sizeof(sys.name), "idoneo");
	date_format(clock_today(), today);
	if ((due = store_rows(st, STMT_PICKUP_RECALL_DUE, "s", today)) == NULL)
		return -1;
	json_array_foreach(due, i, k) {
		json_t	*params = json_object();
		int64_t	 cid = jfield_int(k, "case_id");
		int	 ok;

		clock_utc(clock_now(), now);
		ok = store_tx(st, STORE_BEGIN_WRITE) == 0 &&
		    store_exec(st, STMT_PICKUP_RECALL, "ssii", now, today,
		    clock_today(), jfield_int(k, "id")) == 1 &&
		    store_exec(st, STMT_COLLECTION_TO_OFFICE, "si", now,
		    cid) >= 0 &&
		    pickup_issue(st, cid, jfield_int(k, "comune_id"),
		    clock_today(), params) == 0 &&
		    audit_add(st, &sys, jfield_int(k, "comune_id"),
		    "pickup_recall", "case", cid, "") == 0 &&
		    notify_case(st, cid, NOTIFY_RECALLED, params, NULL,
		    "system") >= 0 && store_tx(st, STORE_COMMIT) == 0;
		if (!ok)
			store_tx(st, STORE_ROLLBACK);
		else
			n++;
		json_decref(params);
	}
	json_decref(due);
	return n;
}

/* The worker's round: reminders first, then recalls.  Returns how many. */
int
pickup_sweep(struct store *st)
{
	int	 a, b;

	if ((a = remind(st)) < 0 || (b = recall(st)) < 0)
		return -1;
	if (a + b > 0)
		log_info("pickup: %d reminders, %d recalls", a, b);
	return a + b;
}
