/*
 * assess: the eligibility of a case's dwelling, computed with its comune's
 * rule set and stored on the case with the rule set's id and version, so a
 * certificate can always say which rules it applied.
 */
#ifndef IDONEO_ASSESS_H
#define IDONEO_ASSESS_H

#include <jansson.h>

#include "cases.h"
#include "domain/eligibility.h"

int	 assess_dwelling(const json_t *rooms, int residents, int requested,
	    struct elig_dwelling *);
int	 assess_store(struct store *, const struct principal *, int64_t case_id,
	    const struct elig_result *, int residents, int requested,
	    json_t *into);
int	 assess_case_rooms(struct store *, const struct principal *,
	    int64_t case_id, int64_t comune_id, const json_t *rooms,
	    int residents, int requested, bool fresh, json_t *into);
json_t	*assess_preview(struct store *, const struct principal *,
	    const json_t *form, json_t *errors);
enum cases_result cases_update_rooms(struct store *,
	    const struct principal *, int64_t case_id, const json_t *rows,
	    json_t *errors);
enum cases_result cases_reassess(struct store *, const struct principal *,
	    int64_t case_id);

#endif
