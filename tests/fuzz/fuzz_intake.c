/* Fuzz target: the JSON body of an application, through jansson and the
 * intake validator, never crashes; a refusal always names a field. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

#include "domain/intake.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t	 e;
	json_t		*in = json_loadb((const char *)data, size, 0, &e);
	json_t		*errors, *out;

	if (in == NULL)
		return 0;
	errors = json_object();
	out = intake_validate(in, 20784, size % 2 == 0, errors);
	assert((out == NULL) == (json_object_size(errors) > 0));
	json_decref(out);
	json_decref(errors);
	json_decref(in);
	return 0;
}
