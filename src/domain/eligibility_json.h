/*
 * eligibility_json: the JSON forms of eligibility: a dwelling as the API
 * and `idoneo eligibility` read it, a rule set as comuni write it, and the
 * result.  Parsers are strict: an unknown field, an unknown use, a missing
 * or negative area, or a third decimal is an error naming the room and the
 * field, never a silent default or rounding.
 */
#ifndef IDONEO_ELIGIBILITY_JSON_H
#define IDONEO_ELIGIBILITY_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "eligibility.h"

int	 elig_dwelling_from_json(const json_t *, struct elig_dwelling *,
	    char *err, size_t errsz);
int	 elig_rules_from_json(const json_t *, struct elig_rules *,
	    char *err, size_t errsz);
json_t	*elig_rules_to_json(const struct elig_rules *);
json_t	*elig_result_to_json(const struct elig_result *);
json_t	*elig_dwelling_to_json(const struct elig_dwelling *);
unsigned elig_fixtures_json(const json_t *);

#endif
