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
#include "domain/eligibility_json.h"
#include "domain/i18n.h"
#include "domain/intake.h"
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

/* Writes one assessment row.  Runs inside the caller's transaction. */
int
assess_store(struct store *st, const struct principal *p, int64_t case_id,
    const struct elig_result *res, int residents, int requested)
{
	json_t	*lines = json_array();
	char	 now[CLOCK_STRLEN], *text;
	int	 rc;

	for (int i = 0; i < res->nlines; i++)
		json_array_append_new(lines, json_string(res->lines[i]));
	text = json_dumps(lines, JSON_COMPACT);
	json_decref(lines);
	clock_utc(clock_now(), now);
	rc = store_exec(st, STMT_ASSESSMENT_INSERT, "isddddiisdddbsss",
	    case_id, res->rules_id, res->rules_version, res->max_occupants,
	    res->surface_capacity, res->bedroom_capacity, res->habitable_area,
	    res->total_area, elig_binding_names[res->binding], residents,
	    requested, res->places_available, res->fits, text, now, p->actor);
	free(text);
	return rc < 0 ? -1 : 0;
}

/*
 * Computes and stores the assessment of a case's rooms with its comune's
 * rule set.  Runs inside the caller's transaction.
 */
int
assess_case_rooms(struct store *st, const struct principal *p,
    int64_t case_id, int64_t comune_id, const json_t *rooms, int residents,
    int requested)
{
	struct elig_rules	 r;
	struct elig_dwelling	*d = calloc(1, sizeof(*d));
	struct elig_result	*res = calloc(1, sizeof(*res));
	char			 err[256];
	int			 rc = -1;

	if (d == NULL || res == NULL)
		log_fatal("assess: out of memory");
	if (rules_for_comune(st, comune_id, &r, err, sizeof(err)) < 0) {
		log_warn("assess: comune %lld has no usable rule set",
		    (long long)comune_id);
		goto out;
	}
	if (assess_dwelling(rooms, residents, requested, d) < 0)
		goto out;
	elig_evaluate(&r, d, res);
	rc = assess_store(st, p, case_id, res, residents, requested);
out:
	free(d);
	free(res);
	return rc;
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
	assess_dwelling(rooms, intake_count_persons(json_object_get(form,
	    "residents")), intake_count_persons(json_object_get(form, "hosted")),
	    d);
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
	json_t			*c = NULL, *rooms = NULL, *persons = NULL, *v;
	int			 residents = 0, requested = 0;
	size_t			 i;
	char			 now[CLOCK_STRLEN];
	enum cases_result	 res = CASES_ERROR;

	if (p->role != ROLE_HEAD && p->role != ROLE_CLERK)
		return CASES_FORBIDDEN;
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return CASES_ERROR;
	if (store_row(st, &c, STMT_CASE_VERSION, "i", case_id) < 0)
		goto rollback;
	if (c == NULL || json_integer_value(json_object_get(c, "comune_id")) !=
	    p->comune_id) {
		res = CASES_NOT_FOUND;
		goto rollback;
	}
	if ((rooms = store_rows(st, STMT_CASE_ROOMS, "i", case_id)) == NULL ||
	    (persons = store_rows(st, STMT_CASE_PERSONS, "i", case_id)) == NULL)
		goto rollback;
	json_array_foreach(persons, i, v) {
		if (strcmp(json_string_value(json_object_get(v, "kind")),
		    "resident") == 0)
			residents++;
		else
			requested++;
	}
	clock_utc(clock_now(), now);
	if (assess_case_rooms(st, p, case_id, p->comune_id, rooms, residents,
	    requested) < 0 ||
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
	json_decref(c);
	json_decref(rooms);
	json_decref(persons);
	return res;
}
