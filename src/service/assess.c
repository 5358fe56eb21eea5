/*
 * assess: eligibility on cases.  See assess.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "audit.h"
#include "base/clock.h"
#include "base/log.h"
#include "domain/date.h"
#include "domain/eligibility_json.h"
#include "domain/i18n.h"
#include "domain/intake.h"
#include "domain/workflow.h"
#include "rules.h"

/*
 * Builds the dwelling the engine reads from normalised room rows (as the
 * intake validator returns them, or as the rooms table stores them): areas
 * in hundredths, heights in cm, fixtures as an array or "wc,bidet".
 */
int
assess_dwelling(const json_t *rooms, int residents, int requested,
    struct elig_dwelling *d)
{
	size_t	 i;
	json_t	*v;

	memset(d, 0, sizeof(*d));
	json_array_foreach(rooms, i, v) {
		struct elig_room	*x;
		const json_t		*fx = json_object_get(v, "fixtures");
		int			 u;

		if (d->nrooms == ELIG_MAX_ROOMS)
			return -1;
		x = &d->rooms[d->nrooms++];
		snprintf(x->name, sizeof(x->name), "%s",
		    json_string_value(json_object_get(v, "name")) ?
		    json_string_value(json_object_get(v, "name")) : "?");
		u = elig_use_from_name(json_string_value(json_object_get(v,
		    "use")) ? json_string_value(json_object_get(v, "use")) : "");
		x->use = u < 0 ? USE_OTHER : (enum elig_use)u;
		x->area = json_integer_value(json_object_get(v, "area"));
		x->height = (int)json_integer_value(json_object_get(v, "height"));
		x->window = json_integer_value(json_object_get(v, "window"));
		x->extraction = json_is_true(json_object_get(v, "extraction")) ||
		    json_integer_value(json_object_get(v, "extraction")) != 0;
		if (json_is_array(fx)) {
			size_t	 k;
			json_t	*f;

			json_array_foreach(fx, k, f) {
				int b = elig_fixture_from_name(
				    json_string_value(f) ? json_string_value(f) : "");

				if (b >= 0)
					x->fixtures |= 1u << b;
			}
		} else if (json_is_string(fx)) {
			const char *p = json_string_value(fx);

			while (*p != '\0') {
				size_t	 n = strcspn(p, ",");
				char	 one[16];
				int	 b;

				snprintf(one, sizeof(one), "%.*s", (int)n, p);
				if ((b = elig_fixture_from_name(one)) >= 0)
					x->fixtures |= 1u << b;
				p += n + (p[n] == ',');
			}
		}
	}
	d->residents = residents;
	d->requested = requested;
	return 0;
}

/*
 * Writes one assessment row.  Runs inside the caller's transaction.  When
 * into is not NULL it receives the row as written (in a batch, when the
 * batch ends).
 */
int
assess_store(struct store *st, const struct principal *p, int64_t case_id,
    const struct elig_result *res, int residents, int requested, json_t *into)
{
	json_t	*lines = json_array();
	char	 now[CLOCK_STRLEN], *text;
	int	 rc;

	for (int i = 0; i < res->nlines; i++)
		json_array_append_new(lines, json_string(res->lines[i]));
	text = json_dumps(lines, JSON_COMPACT);
	json_decref(lines);
	clock_utc(clock_now(), now);
	rc = store_rows_into(st, into, STMT_ASSESSMENT_INSERT,
	    "isddddiisdddbsss", case_id, res->rules_id, res->rules_version,
	    res->max_occupants, res->surface_capacity, res->bedroom_capacity,
	    res->habitable_area, res->total_area,
	    elig_binding_names[res->binding], residents, requested,
	    res->places_available, res->fits, text, now, p->actor);
	free(text);
	return rc < 0 ? -1 : 0;
}

/*
 * Computes and stores the assessment of a case's rooms with its comune's
 * rule set.  Runs inside the caller's transaction; into as assess_store.
 */
int
assess_case_rooms(struct store *st, const struct principal *p,
    int64_t case_id, int64_t comune_id, const json_t *rooms, int residents,
    int requested, bool fresh, json_t *into)
{
	struct elig_rules	 r;
	struct elig_dwelling	*d = calloc(1, sizeof(*d));
	struct elig_result	*res = calloc(1, sizeof(*res));
	char			 err[256];
	int			 rc = -1;

	if (d == NULL || res == NULL)
		log_fatal("assess: out of memory");
	if (rules_for_comune_at(st, comune_id, fresh, &r, err,
	    sizeof(err)) < 0) {
		log_warn("assess: comune %lld has no usable rule set",
		    (long long)comune_id);
		goto out;
	}
	if (assess_dwelling(rooms, residents, requested, d) < 0)
		goto out;
	elig_evaluate(&r, d, res);
	rc = assess_store(st, p, case_id, res, residents, requested, into);
out:
	free(d);
	free(res);
	return rc;
}

/*
 * Whether case id exists in p's comune: 1 yes, 0 no (another comune's case
 * does not exist for p), -1 on error.
 */
static int
in_comune(struct store *st, const struct principal *p, int64_t id)
{
	json_t	*c;
	int	 rc;

	if ((rc = store_row(st, &c, STMT_CASE_VERSION, "i", id)) <= 0)
		return rc;
	rc = json_integer_value(json_object_get(c, "comune_id")) ==
	    p->comune_id;
	json_decref(c);
	return rc;
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

	if (in_comune(st, p, id) != 1 ||
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
assess_preview(struct store *st, const struct principal *p,
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
		log_fatal("assess: out of memory");
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
enum cases_result
cases_reassess(struct store *st, const struct principal *p, int64_t case_id)
{
	json_t			*rooms = NULL;
	int			 residents = 0, requested = 0, found;
	char			 now[CLOCK_STRLEN];
	enum cases_result	 res = CASES_ERROR;

	if (p->role != ROLE_HEAD && p->role != ROLE_CLERK)
		return CASES_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return CASES_ERROR;
	if ((found = in_comune(st, p, case_id)) != 1) {
		res = found == 0 ? CASES_NOT_FOUND : CASES_ERROR;
		goto rollback;
	}
	if ((rooms = store_rows(st, STMT_CASE_ROOMS, "i", case_id)) == NULL ||
	    case_persons(st, p, case_id, &residents, &requested) < 0)
		goto rollback;
	clock_utc(clock_now(), now);
	if (assess_case_rooms(st, p, case_id, p->comune_id, rooms, residents,
	    requested, true, NULL) < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1 ||
	    audit_add(st, p, p->comune_id, "assess", "case", case_id, "") < 0)
		goto rollback;
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	res = CASES_OK;
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
enum cases_result
cases_update_rooms(struct store *st, const struct principal *p,
    int64_t case_id, const json_t *rows, json_t *errors)
{
	json_t			*c = NULL, *rooms;
	int			 residents = 0, requested = 0, state;
	char			 now[CLOCK_STRLEN], day[DATE_STRLEN];
	enum cases_result	 res = CASES_ERROR;

	if (p->role != ROLE_HEAD && p->role != ROLE_CLERK)
		return CASES_FORBIDDEN;
	/* Another comune's case does not exist for p, whatever it sent. */
	if ((state = in_comune(st, p, case_id)) != 1)
		return state == 0 ? CASES_NOT_FOUND : CASES_ERROR;
	rooms = intake_rooms(rows, errors);
	if (json_object_size(errors) > 0) {
		json_decref(rooms);
		return CASES_INVALID;
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto out;
	if (store_row(st, &c, STMT_CASE_GET, "i", case_id) < 0)
		goto rollback;
	if (c == NULL || json_integer_value(json_object_get(c, "comune_id")) !=
	    p->comune_id) {
		res = CASES_NOT_FOUND;
		goto rollback;
	}
	state = wf_state_from_name(json_string_value(json_object_get(c,
	    "state")));
	if (state < 0 || wf_state_final(state) || state == WF_APPROVED ||
	    state == WF_CERT_READY) {
		json_object_set_new(errors, "rooms", json_string(_("Le stanze "
		    "di una pratica conclusa o approvata non si modificano")));
		res = CASES_CONFLICT;
		goto rollback;
	}
	clock_utc(clock_now(), now);
	date_format(clock_today(), day);
	if (store_exec(st, STMT_ROOMS_DELETE, "i", case_id) < 0 ||
	    cases_insert_rooms(st, case_id, rooms, NULL) < 0 ||
	    case_persons(st, p, case_id, &residents, &requested) < 0 ||
	    assess_case_rooms(st, p, case_id, p->comune_id, rooms, residents,
	    requested, true, NULL) < 0 ||
	    store_exec(st, STMT_EVENT_INSERT, "isssssssss", case_id, now, day,
	    p->actor, p->name, "rooms_update", json_string_value(
	    json_object_get(c, "state")), json_string_value(json_object_get(c,
	    "state")), _("Stanze modificate"), json_string_value(
	    json_object_get(c, "due_on"))) < 0 ||
	    store_exec(st, STMT_CASE_TOUCH, "si", now, case_id) != 1 ||
	    audit_add(st, p, p->comune_id, "rooms_update", "case", case_id,
	    "") < 0)
		goto rollback;
	if (store_tx(st, STORE_COMMIT) < 0)
		goto out;
	res = CASES_OK;
	goto out;
rollback:
	store_tx(st, STORE_ROLLBACK);
out:
	json_decref(c);
	json_decref(rooms);
	return res;
}
