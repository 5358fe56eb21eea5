/*
 * comuni: see comuni.h.
 */
#include "comuni.h"

/* The id of the comune with that Belfiore code (e.g. G999), or 0. */
int64_t
comuni_id(struct store *st, const char *code)
{
	json_t	*c;
	int64_t	 id = 0;

	if (code != NULL &&
	    store_row(st, &c, STMT_COMUNE_BY_CODE, "s", code) > 0) {
		id = json_integer_value(json_object_get(c, "id"));
		json_decref(c);
	}
	return id;
}
