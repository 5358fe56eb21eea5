/*
 * checks: a case's dwelling against what the comune already knows.
 *
 * The unit is the one the clerk picked (dwelling.unit_id), or else the one
 * the declared identifiers or address name without doubt.  Then, each with
 * the source and date of the data it comes from:
 *
 *   - the cadastral category: a dwelling is A/1-A/9 or A/11;
 *   - consistenza in vani against the declared rooms (unit_check.h);
 *   - the declared floor area against the superficie catastale, with the
 *     comune's tolerance;
 *   - the residents the anagrafe has at the unit or address, against the
 *     residents declared;
 *   - the TARI registration, where the comune supplies that register;
 *
 * and the earlier cases of the same unit, whose room survey can be reused.
 */
#ifndef IDONEO_CHECKS_H
#define IDONEO_CHECKS_H

#include <jansson.h>

#include "store/store.h"

json_t	*estate_case_checks(struct store *, int64_t comune_id,
	    const json_t *case_doc);
json_t	*estate_unit_page(struct store *, int64_t comune_id, int64_t unit_id);
json_t	*estate_unit_cases(struct store *, int64_t comune_id, int64_t unit_id,
	    int64_t except);

#endif
