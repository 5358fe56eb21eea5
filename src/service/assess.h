/*
 * assess: the eligibility of a case's dwelling, computed with a rule set
 * and stored on the case with the rule set's id and version, so a
 * certificate can always say which rules it applied.  It needs nothing of
 * the other services: the caller picks the rules (service/rules.c) and the
 * rooms.
 */
#ifndef IDONEO_ASSESS_H
#define IDONEO_ASSESS_H

#include <stdint.h>

#include <jansson.h>

#include "domain/eligibility.h"
#include "domain/principal.h"

struct store;

int	 assess_dwelling(const json_t *rooms, int residents, int requested,
	    struct elig_dwelling *);
int	 assess_store(struct store *, const struct principal *, int64_t case_id,
	    const struct elig_result *, int residents, int requested,
	    json_t *into);
int	 assess_rooms(struct store *, const struct principal *, int64_t case_id,
	    const struct elig_rules *, const json_t *rooms, int residents,
	    int requested, json_t *into);

#endif
