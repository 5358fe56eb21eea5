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
#include "transition.h"
#include "worker.h"

/*
 * The PDF of the certificate for the operator to print: only after the
 * identity check, by the same operator, a few minutes before.  The print
 * is audited.
 */
enum svc_result
handover_pdf(struct store *st, const struct principal *p, int64_t pickup_id,
    struct buf *pdf, char *name, size_t size)
{
	json_t		*k = NULL;
	enum svc_result	 r = SVC_ERROR;
	int		 rc;

	if (p->role != ROLE_POINT)
		return SVC_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((rc = pickup_take(st, p, pickup_id, &k)) <= 0) {
		r = rc < 0 ? SVC_ERROR : SVC_NOT_FOUND;
		goto rollback;
	}
	if ((r = certificates_pdf(st, NULL, jfield_int(k, "case_id"), 0,
	    "original", 0, pdf, name, size)) != SVC_OK)
		goto rollback;
	if (audit_add(st, p, p->comune_id, "pickup_print", "pickup",
	    pickup_id, "") < 0 || store_tx(st, STORE_COMMIT) < 0) {
		r = SVC_ERROR;
		goto out;
	}
	r = SVC_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(k);
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
	json_t		*k = NULL, *pt = NULL;
	char		 now[CLOCK_STRLEN], reason[600];
	enum svc_result	 r = SVC_ERROR;
	int		 rc;

	if (p->role != ROLE_POINT)
		return SVC_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((rc = pickup_take(st, p, pickup_id, &k)) <= 0) {
		if (rc == 0)
			json_object_set_new(errors, "code", json_string(
			    _("Prima il codice e il controllo del documento, "
			    "negli ultimi 15 minuti.")));
		r = rc < 0 ? SVC_ERROR : SVC_CONFLICT;
		goto rollback;
	}
	if (store_row(st, &pt, STMT_POINT_GET, "i", p->point_id) != 1)
		goto rollback;
	clock_utc(clock_now(), now);
	snprintf(reason, sizeof(reason), "%s: %s; %s %s",
	    _("Consegnato al punto"), jfield_text(pt, "name"),
	    _("documento controllato"), jfield_text(k, "checked_doc"));
	if (store_exec(st, STMT_PICKUP_DELIVERED, "ssi", now, p->actor,
	    pickup_id) != 1)
		goto rollback;
	if ((r = cases_transition_in_tx(st, p, jfield_int(k, "case_id"),
	    "deliver", reason, NULL, errors, TRANSITION_VOUCHED)) != SVC_OK)
		goto rollback;
	if (audit_add(st, p, p->comune_id, "pickup_handover", "pickup",
	    pickup_id, jfield_text(pt, "name")) < 0 ||
	    store_tx(st, STORE_COMMIT) < 0) {
		r = SVC_ERROR;
		goto out;
	}
	worker_wake();
	r = SVC_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(k);
	json_decref(pt);
	return r;
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
	struct case_row	 c;
	json_t		*doc, *dl, *params = NULL, *none = json_object();
	char		 now[CLOCK_STRLEN];
	enum svc_result	 r = SVC_ERROR;
	int64_t		 point;
	int		 found, ok, state;

	/* The intake's own checks of the two fields. */
	json_object_set(none, "collection_point", json_object_get(in,
	    "collection_point"));
	if (json_object_get(in, "delegate") != NULL)
		json_object_set(none, "delegate", json_object_get(in,
		    "delegate"));
	doc = intake_check_collection(none, errors);
	json_decref(none);
	if (doc == NULL)
		return SVC_INVALID;
	point = jfield_int(doc, "collection_point");
	dl = json_object_get(doc, "delegate");
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto out;
	if ((found = rows_case_get(st, case_id, &c)) < 0)
		goto rollback;
	if (found == 0 || !access_case(p, c.comune_id, c.association_id)) {
		r = SVC_NOT_FOUND;
		goto rollback;
	}
	state = wf_state_from_name(c.state);
	if (wf_state_final(state)) {
		json_object_set_new(errors, "collection_point", json_string(
		    _("Luogo di ritiro: la pratica è conclusa, non si può più "
		    "cambiare")));
		r = SVC_CONFLICT;
		goto rollback;
	}
	if (point > 0 && (ok = pickup_place_ok(st, c.comune_id, point)) <= 0) {
		if (ok == 0) {
			json_object_set_new(errors, "collection_point",
			    json_string(_("Luogo di ritiro: il punto scelto "
			    "non è un punto T-Serve aperto del comune; "
			    "sceglierne un altro o l'ufficio")));
			r = SVC_INVALID;
		}
		goto rollback;
	}
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_COLLECTION_UPSERT, "iIssss", case_id, point,
	    dl ? jfield_text(dl, "name") : "",
	    dl ? jfield_text(dl, "doc_type") : "",
	    dl ? jfield_text(dl, "doc_number") : "", now) < 0 ||
	    audit_add(st, p, c.comune_id, "collection_set", "case", case_id,
	    point > 0 ? "point" : "office") < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1)
		goto rollback;
	if (state == WF_CERT_READY) {
		params = json_object();
		if (pickup_issue(st, case_id, c.comune_id, clock_today(),
		    params) < 0 || notify_case(st, case_id, NOTIFY_CERT_READY,
		    params, NULL, p->actor) < 0)
			goto rollback;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	worker_wake();
	r = SVC_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(params);
	json_decref(doc);
	return r;
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
	struct case_row	 c;
	json_t		*params = NULL;
	enum svc_result	 r = SVC_ERROR;
	int		 found;

	code[0] = '\0';
	if (!access_office(p))
		return SVC_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((found = rows_case_get(st, case_id, &c)) < 0)
		goto rollback;
	if (found == 0 || !access_case(p, c.comune_id, c.association_id)) {
		r = SVC_NOT_FOUND;
		goto rollback;
	}
	if (strcmp(c.state, "certificate_ready") != 0) {
		json_object_set_new(errors, "action", json_string(_("Un codice "
		    "di ritiro si dà solo a un certificato pronto.")));
		r = SVC_CONFLICT;
		goto rollback;
	}
	params = json_object();
	if (pickup_issue(st, case_id, c.comune_id, clock_today(), params) < 0 ||
	    notify_case(st, case_id, NOTIFY_CERT_READY, params, NULL,
	    p->actor) < 0 || audit_add(st, p, c.comune_id, "pickup_new_code",
	    "case", case_id, "") < 0 || store_tx(st, STORE_COMMIT) < 0)
		goto rollback;
	snprintf(code, PICKUP_CODE_SHOWN_STRLEN, "%s", jfield_text(params,
	    "pickup"));
	json_decref(params);
	worker_wake();
	return SVC_OK;
rollback:
	store_tx(st, STORE_ROLLBACK);
	json_decref(params);
	return r;
}

/* The reminders and recalls of uncollected certificates, hourly. */
void
handover_add_worker(void)
{
	worker_add_round("pickups", 600, 3600, pickup_sweep);
}
