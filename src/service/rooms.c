/*
 * rooms: a case's rooms and their eligibility: writing them at intake,
 * replacing them after an inspection or a corrected floor plan, assessing
 * them again when the rules change, and the preview a clerk sees while
 * typing them.  Each change is assessed with the comune's rule set
 * (service/rules.c) and recorded on the timeline and in the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "assess.h"
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "domain/date.h"
#include "domain/eligibility_json.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/workflow.h"
#include "rooms.h"
#include "rules.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/rows.h"

/*
 * Writes a case's rooms, as intake_rooms normalised them, in order.  Runs
 * inside the caller's transaction; when into is not NULL it receives the
 * rows as written (in a batch, when the batch ends).
 */
int
cases_insert_rooms(struct store *st, int64_t id, const json_t *rooms,
    json_t *into)
{
	size_t		 i;
	json_t		*rows = json_array(), *v;
	char		 fixtures[ELIG_FIXTURES_STRLEN];

	json_array_foreach(rooms, i, v) {
		/* The fixtures as the rooms table keeps them: "wc,bidet". */
		elig_fixtures_text(elig_fixtures_json(json_object_get(v,
		    "fixtures")), fixtures);
		json_array_append_new(rows, json_pack("{s:s?, s:s?, s:I, s:I, "
		    "s:I, s:s, s:i}", "name", jfield_str(v, "name"),
		    "use", jfield_str(v, "use"),
		    "area", (json_int_t)jfield_int(v, "area"),
		    "height", (json_int_t)jfield_int(v, "height"),
		    "window_area", (json_int_t)jfield_int(v, "window"),
		    "fixtures", fixtures,
		    "extraction", json_is_true(json_object_get(v, "extraction"))));
	}
	return store_insert_json(st, STMT_ROOMS_INSERT_JSON, id, rows, into);
}

/*
 * Computes and stores the assessment of a case's rooms with its comune's
 * rule set, read from the database when fresh.  Runs inside the caller's
 * transaction; into as cases_insert_rooms.
 */
int
rooms_assess(struct store *st, const struct principal *p, int64_t case_id,
    int64_t comune_id, const json_t *rooms, int residents, int requested,
    bool fresh, json_t *into)
{
	struct elig_rules	 r;
	char			 err[256];

	if (rules_for_comune_at(st, comune_id, fresh, &r, err,
	    sizeof(err)) < 0) {
		log_warn("rooms: comune %lld has no usable rule set",
		    (long long)comune_id);
		return -1;
	}
	return assess_rooms(st, p, case_id, &r, rooms, residents, requested,
	    into);
}

/*
 * Whether p may see case id: 1 yes, 0 no (another comune's case, or
 * another association's, does not exist for p), -1 on error.
 */
static int
visible(struct store *st, const struct principal *p, int64_t id)
{
	struct case_row	 c;
	int		 rc;

	if ((rc = rows_case_version_get(st, id, &c)) <= 0)
		return rc;
	return access_case(p, c.comune_id, c.association_id);
}

/*
 * Counts the residents and the persons to host of a case p may handle.
 * Returns -1 if there is no such case.
 */
static int
case_persons(struct store *st, const struct principal *p, int64_t id,
    int *residents, int *requested)
{
	json_t	*persons, *v;
	size_t	 i;

	if (visible(st, p, id) != 1 ||
	    (persons = store_rows(st, STMT_CASE_PERSONS, "i", id)) == NULL)
		return -1;
	*residents = *requested = 0;
	json_array_foreach(persons, i, v) {
		if (strcmp(json_string_value(json_object_get(v, "kind")),
		    "resident") == 0)
			(*residents)++;
		else
			(*requested)++;
	}
	json_decref(persons);
	return 0;
}

/*
 * The eligibility of the rooms typed in the counter form, without storing
 * anything: the clerk sees it while filling the form.  Returns the result
 * document, or NULL with errors filled for the room fields.
 */
json_t *
rooms_preview(struct store *st, const struct principal *p,
    const json_t *form, json_t *errors)
{
	struct elig_rules	 r;
	struct elig_dwelling	*d;
	struct elig_result	*res;
	json_t			*rooms, *out = NULL;
	char			 err[256];

	rooms = intake_rooms(json_object_get(form, "rooms"), errors);
	if (json_object_size(errors) > 0) {
		json_decref(rooms);
		return NULL;
	}
	if (rules_for_comune(st, p->comune_id, &r, err, sizeof(err)) < 0) {
		json_object_set_new(errors, "rules", json_string(err));
		json_decref(rooms);
		return NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (res = calloc(1, sizeof(*res))) == NULL)
		log_fatal("rooms: out of memory");
	{
		int		 residents, requested;
		const char	*cid = json_string_value(json_object_get(form,
				    "case_id"));

		/* Editing a case's rooms: its persons are already stored. */
		if (cid == NULL || case_persons(st, p, atoll(cid), &residents,
		    &requested) < 0) {
			residents = intake_count_persons(json_object_get(form,
			    "residents"));
			requested = intake_count_persons(json_object_get(form,
			    "hosted"));
		}
		assess_dwelling(rooms, residents, requested, d);
	}
	elig_evaluate(&r, d, res);
	out = elig_result_to_json(res);
	free(d);
	free(res);
	json_decref(rooms);
	return out;
}

/*
 * Computes the case's eligibility again from its stored rooms, with the
 * comune's current rule set (after the rules changed, say), and keeps the
 * earlier results.  Office staff only.
 */
enum svc_result
cases_reassess(struct store *st, const struct principal *p, int64_t case_id)
{
	json_t			*rooms = NULL;
	int			 residents = 0, requested = 0, found;
	char			 now[CLOCK_STRLEN];
	enum svc_result	 res = SVC_ERROR;

	if (!access_office(p))
		return SVC_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return SVC_ERROR;
	if ((found = visible(st, p, case_id)) != 1) {
		res = found == 0 ? SVC_NOT_FOUND : SVC_ERROR;
		goto rollback;
	}
	if ((rooms = store_rows(st, STMT_CASE_ROOMS, "i", case_id)) == NULL ||
	    case_persons(st, p, case_id, &residents, &requested) < 0)
		goto rollback;
	clock_utc(clock_now(), now);
	if (rooms_assess(st, p, case_id, p->comune_id, rooms, residents,
	    requested, true, NULL) < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1 ||
	    audit_add(st, p, p->comune_id, "assess", "case", case_id, "") < 0)
		goto rollback;
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	res = SVC_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(rooms);
	return res;
}

/*
 * Replaces a case's rooms (after an inspection, or a corrected floor plan)
 * and assesses them again.  Only the office, and only while the case is
 * open: an approved case keeps the rooms it was approved on.  The timeline
 * and the audit log record the change.
 */
enum svc_result
cases_update_rooms(struct store *st, const struct principal *p,
    int64_t case_id, const json_t *rows, json_t *errors)
{
	struct case_row		 c;
	json_t			*rooms;
	int			 residents = 0, requested = 0, state;
	char			 now[CLOCK_STRLEN], day[DATE_STRLEN];
	enum svc_result	 res = SVC_ERROR;

	if (!access_office(p))
		return SVC_FORBIDDEN;
	/* Another comune's case does not exist for p, whatever it sent. */
	if ((state = visible(st, p, case_id)) != 1)
		return state == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	rooms = intake_rooms(rows, errors);
	if (json_object_size(errors) > 0) {
		json_decref(rooms);
		return SVC_INVALID;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto out;
	if ((state = rows_case_get(st, case_id, &c)) < 0)
		goto rollback;
	if (state == 0 || c.comune_id != p->comune_id) {
		res = SVC_NOT_FOUND;
		goto rollback;
	}
	state = wf_state_from_name(c.state);
	if (wf_state_decided(state)) {
		json_object_set_new(errors, "rooms", json_string(_("Le stanze "
		    "di una pratica conclusa o approvata non si modificano")));
		res = SVC_CONFLICT;
		goto rollback;
	}
	clock_utc(clock_now(), now);
	date_format(clock_today(), day);
	if (store_exec(st, STMT_ROOMS_DELETE, "i", case_id) < 0 ||
	    cases_insert_rooms(st, case_id, rooms, NULL) < 0 ||
	    case_persons(st, p, case_id, &residents, &requested) < 0 ||
	    rooms_assess(st, p, case_id, p->comune_id, rooms, residents,
	    requested, true, NULL) < 0 ||
	    store_exec(st, STMT_EVENT_INSERT, "isssssssss", case_id, now, day,
	    p->actor, p->name, "rooms_update", c.state, c.state,
	    _("Stanze modificate"), c.due_on) < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1 ||
	    audit_add(st, p, p->comune_id, "rooms_update", "case", case_id,
	    "") < 0)
		goto rollback;
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	res = SVC_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(rooms);
	return res;
}
