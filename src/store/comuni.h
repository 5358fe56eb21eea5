/*
 * comuni: lookups of the comuni an installation serves.
 */
#ifndef IDONEO_COMUNI_H
#define IDONEO_COMUNI_H

#include <stdint.h>

#include "query.h"

int64_t	 comuni_id(struct store *, const char *belfiore_code);

#endif
