/*
 * handover: the certificate leaves the comune's hands (docs/points.md).
 *
 * At a T-Serve point, after the code and the identity check
 * (points/pickup.c), the operator prints the one certificate and confirms
 * the handover, which moves the case to delivered, records who, where,
 * when and the document checked, and sends the "delivered" message.  The
 * applicant, the counter or the API may change the place of collection
 * until then; a ready certificate then gets a new code for its new place.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "certificates.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/workflow.h"
#include "handover.h"
#include "notify/notify.h"
#include "points/pickup.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/tx.h"
#include "transition.h"
#include "worker.h"

/* A pickup step's call: the pickup, and what the step gives back. */
struct step {
	int64_t		 pickup_id;
	struct buf	*pdf;
	char		*name;
	size_t		 size;
	json_t		*errors;
};

/*
 * The pickup as the operator may act on it now (pickup_take): SVC_OK with
 * *k set (the caller's to free), or missing, the SVC_ERROR or missing
 * status the caller names.
 */
static enum svc_result
take(struct store *st, const struct principal *p, int64_t pickup_id,
    json_t **k, enum svc_result missing)
{
	int	 rc = pickup_take(st, p, pickup_id, k);

	return rc < 0 ? SVC_ERROR : rc == 0 ? missing : SVC_OK;
}

/* The case of the pickup p may print now, in *case_id. */
static enum svc_result
printable(struct store *st, const struct principal *p, int64_t pickup_id,
    int64_t *case_id)
{
	json_t		*k = NULL;
	enum svc_result	 r;

	if ((r = take(st, p, pickup_id, &k, SVC_NOT_FOUND)) == SVC_OK)
		*case_id = jfield_int(k, "case_id");
	json_decref(k);
	return r;
}

/* The print's audit row, if the pickup still allows it. */
static enum svc_result
print_write(struct store *st, const struct principal *p, void *arg)
{
	struct step	*s = arg;
	int64_t		 case_id;
	enum svc_result	 r;

	if ((r = printable(st, p, s->pickup_id, &case_id)) != SVC_OK)
		return r;
	return audit_add(st, p, p->comune_id, "pickup_print", "pickup",
	    s->pickup_id, "") < 0 ? SVC_ERROR : SVC_OK;
}

/*
 * The PDF of the certificate for the operator to print: only after the
 * identity check, by the same operator, a few minutes before.  The print
 * is audited.  The PDF is drawn outside the write transaction, which on
 * SQLite would keep every other writer of the installation waiting while
 * cairo draws; the pickup is checked before it and again with the audit
 * row, so that no PDF goes out without its audit row.
 */
enum svc_result
handover_pdf(struct store *st, const struct principal *p, int64_t pickup_id,
    struct buf *pdf, char *name, size_t size)
{
	struct step	 s = {pickup_id, pdf, name, size, NULL};
	int64_t		 case_id;
	enum svc_result	 r;

	if (p->role != ROLE_POINT)
		return SVC_FORBIDDEN;
	buf_reset(pdf);
	if ((r = printable(st, p, pickup_id, &case_id)) != SVC_OK ||
	    (r = certificates_pdf(st, NULL, case_id, 0, "original", 0, pdf,
	    name, size)) != SVC_OK)
		return r;
	if ((r = store_write(st, print_write, p, &s)) != SVC_OK)
		buf_reset(pdf);
	return r;
}

static enum svc_result
confirm_write(struct store *st, const struct principal *p, void *arg)
{
	struct step	*s = arg;
	json_t		*k = NULL, *pt = NULL;
	char		 reason[600];
	enum svc_result	 r;

	if ((r = take(st, p, s->pickup_id, &k, SVC_CONFLICT)) != SVC_OK) {
		if (r == SVC_CONFLICT)
			json_object_set_new(s->errors, "code", json_string(
			    _("Prima il codice e il controllo del documento, "
			    "negli ultimi 15 minuti.")));
		return r;
	}
	r = SVC_ERROR;
	if (store_row(st, &pt, STMT_POINT_GET, "i", p->point_id) != 1)
		goto out;
	snprintf(reason, sizeof(reason), "%s: %s; %s %s",
	    _("Consegnato al punto"), jfield_text(pt, "name"),
	    _("documento controllato"), jfield_text(k, "checked_doc"));
	if (pickup_handed_over(st, s->pickup_id, p->actor) != 1)
		goto out;
	if ((r = cases_transition_in_tx(st, p, jfield_int(k, "case_id"),
	    "deliver", reason, NULL, s->errors, TRANSITION_VOUCHED)) ==
	    SVC_OK && audit_add(st, p, p->comune_id, "pickup_handover",
	    "pickup", s->pickup_id, jfield_text(pt, "name")) < 0)
		r = SVC_ERROR;
out:
	json_decref(k);
	json_decref(pt);
	return r;
}

/*
 * The handover: the code ends, the case is delivered by this operator at
 * this point, with the document checked on its timeline.
 */
enum svc_result
handover_confirm(struct store *st, const struct principal *p,
    int64_t pickup_id, json_t *errors)
{
	struct step	 s = {pickup_id, NULL, NULL, 0, errors};
	enum svc_result	 r;

	if (p->role != ROLE_POINT)
		return SVC_FORBIDDEN;
	if ((r = store_write(st, confirm_write, p, &s)) == SVC_OK)
		worker_wake();
	return r;
}

/*
 * A ready certificate's new code, with the "certificate ready" message
 * again (pickup.c ends the old code).  code, when not NULL, gets the new
 * one as read aloud.
 */
static int
reissue(struct store *st, const struct principal *p, int64_t case_id,
    int64_t comune_id, char *code)
{
	json_t	*params = json_object();
	int	 rc = -1;

	if (pickup_issue(st, case_id, comune_id, clock_today(), params) == 0 &&
	    notify_case(st, case_id, NOTIFY_CERT_READY, params, NULL,
	    p->actor) >= 0) {
		if (code != NULL)
			snprintf(code, PICKUP_CODE_SHOWN_STRLEN, "%s",
			    jfield_text(params, "pickup"));
		rc = 0;
	}
	json_decref(params);
	return rc;
}

/* A case p may act on: SVC_OK with *c filled, or SVC_NOT_FOUND. */
static enum svc_result
case_of(struct store *st, const struct principal *p, int64_t case_id,
    struct case_row *c)
{
	int	 found = rows_case_get(st, case_id, c);

	if (found < 0)
		return SVC_ERROR;
	return found == 0 || !access_case(p, c->comune_id, c->association_id) ?
	    SVC_NOT_FOUND : SVC_OK;
}

struct place {
	int64_t		 case_id, point;
	const json_t	*delegate;
	json_t		*errors;
};

static enum svc_result
place_write(struct store *st, const struct principal *p, void *arg)
{
	struct place	*w = arg;
	const json_t	*dl = w->delegate;
	struct case_row	 c;
	char		 now[CLOCK_STRLEN];
	enum svc_result	 r;
	int		 ok, state;

	if ((r = case_of(st, p, w->case_id, &c)) != SVC_OK)
		return r;
	state = wf_state_from_name(c.state);
	if (wf_state_final(state)) {
		json_object_set_new(w->errors, "collection_point", json_string(
		    _("Luogo di ritiro: la pratica è conclusa, non si può più "
		    "cambiare")));
		return SVC_CONFLICT;
	}
	if (w->point > 0 && (ok = pickup_place_ok(st, c.comune_id,
	    w->point)) <= 0) {
		if (ok < 0)
			return SVC_ERROR;
		json_object_set_new(w->errors, "collection_point", json_string(
		    _("Luogo di ritiro: il punto scelto non è un punto T-Serve "
		    "aperto del comune; sceglierne un altro o l'ufficio")));
		return SVC_INVALID;
	}
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_COLLECTION_UPSERT, "iIssss", w->case_id,
	    w->point, dl ? jfield_text(dl, "name") : "",
	    dl ? jfield_text(dl, "doc_type") : "",
	    dl ? jfield_text(dl, "doc_number") : "", now) < 0 ||
	    audit_add(st, p, c.comune_id, "collection_set", "case", w->case_id,
	    w->point > 0 ? "point" : "office") < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, w->case_id) != 1 ||
	    (state == WF_CERT_READY && reissue(st, p, w->case_id, c.comune_id,
	    NULL) < 0))
		return SVC_ERROR;
	return SVC_OK;
}

/*
 * Changes where a case's certificate is collected, and the delegate:
 * fields collection_point and delegate, as at intake.  Allowed until the
 * handover.  A certificate already ready is assigned to the new place with
 * a new code, and the "certificate ready" message goes again.
 */
enum svc_result
handover_place(struct store *st, const struct principal *p, int64_t case_id,
    const json_t *in, json_t *errors)
{
	struct place	 w;
	json_t		*doc, *fields = json_object();
	enum svc_result	 r;

	/* The intake's own checks of the two fields. */
	json_object_set(fields, "collection_point", json_object_get(in,
	    "collection_point"));
	if (json_object_get(in, "delegate") != NULL)
		json_object_set(fields, "delegate", json_object_get(in,
		    "delegate"));
	doc = intake_check_collection(fields, errors);
	json_decref(fields);
	if (doc == NULL)
		return SVC_INVALID;
	w.case_id = case_id;
	w.point = jfield_int(doc, "collection_point");
	w.delegate = json_object_get(doc, "delegate");
	w.errors = errors;
	if ((r = store_write(st, place_write, p, &w)) == SVC_OK)
		worker_wake();
	json_decref(doc);
	return r;
}

struct new_code {
	int64_t		 case_id;
	char		*code;
	json_t		*errors;
};

static enum svc_result
new_code_write(struct store *st, const struct principal *p, void *arg)
{
	struct new_code	*n = arg;
	struct case_row	 c;
	enum svc_result	 r;

	if ((r = case_of(st, p, n->case_id, &c)) != SVC_OK)
		return r;
	if (strcmp(c.state, "certificate_ready") != 0) {
		json_object_set_new(n->errors, "action", json_string(_("Un "
		    "codice di ritiro si dà solo a un certificato pronto.")));
		return SVC_CONFLICT;
	}
	return reissue(st, p, n->case_id, c.comune_id, n->code) < 0 ||
	    audit_add(st, p, c.comune_id, "pickup_new_code", "case",
	    n->case_id, "") < 0 ? SVC_ERROR : SVC_OK;
}

/*
 * A new pickup code for a ready certificate, made at the office: the old
 * code ends, the "certificate ready" message goes again with the new one,
 * and code gets it (as read aloud) for the clerk to give in person.
 */
enum svc_result
handover_new_code(struct store *st, const struct principal *p,
    int64_t case_id, char code[PICKUP_CODE_SHOWN_STRLEN], json_t *errors)
{
	struct new_code	 n = {case_id, code, errors};
	enum svc_result	 r;

	code[0] = '\0';
	if (!access_office(p))
		return SVC_FORBIDDEN;
	if ((r = store_write(st, new_code_write, p, &n)) == SVC_OK)
		worker_wake();
	return r;
}

/* The reminders and recalls of uncollected certificates, hourly. */
void
handover_add_worker(void)
{
	worker_add_round("pickups", 600, 3600, pickup_sweep);
}
