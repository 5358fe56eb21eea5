/* Fuzz target: the JSON dwelling parser and the evaluation behind it.
 * Whatever parses evaluates without crashing, and the result is coherent. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain/eligibility_json.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct elig_dwelling	 d;
	static struct elig_result	 res;
	struct elig_rules		 r;
	json_error_t			 e;
	json_t				*in = json_loadb((const char *)data, size,
					    0, &e);
	char				 err[512];

	if (in == NULL)
		return 0;
	if (elig_dwelling_from_json(in, &d, err, sizeof(err)) == 0) {
		elig_rules_dm1975(&r);
		r.basis = size % 2 ? BASIS_TOTAL : BASIS_HABITABLE;
		elig_evaluate(&r, &d, &res);
		assert(res.max_occupants >= 0);
		assert(res.max_occupants <= res.surface_capacity ||
		    res.binding == BIND_STUDIO);
		assert(res.places_available >= 0);
		assert(res.nlines > 0);
		json_decref(elig_result_to_json(&res));
	} else
		assert(err[0] != '\0');
	json_decref(in);
	return 0;
}
