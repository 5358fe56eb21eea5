/*
 * assess: see assess.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "base/clock.h"
#include "base/log.h"
#include "domain/eligibility_json.h"
#include "store/query.h"

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
		x->fixtures = elig_fixtures_json(fx);
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
 * Computes the eligibility of rooms under rules and stores it on the case.
 * Runs inside the caller's transaction; into as assess_store.
 */
int
assess_rooms(struct store *st, const struct principal *p, int64_t case_id,
    const struct elig_rules *r, const json_t *rooms, int residents,
    int requested, json_t *into)
{
	struct elig_dwelling	*d = calloc(1, sizeof(*d));
	struct elig_result	*res = calloc(1, sizeof(*res));
	int			 rc = -1;

	if (d == NULL || res == NULL)
		log_fatal("assess: out of memory");
	if (assess_dwelling(rooms, residents, requested, d) == 0) {
		elig_evaluate(r, d, res);
		rc = assess_store(st, p, case_id, res, residents, requested,
		    into);
	}
	free(d);
	free(res);
	return rc;
}
