/*
 * access: who may see and handle which case.  Every case belongs to a
 * comune; the office (head and clerks) handles all of its comune's cases,
 * an association only the applications it filed.  Another comune's case
 * does not exist for the caller: the services answer 404, not 403, so that
 * nobody learns it is there.
 */
#ifndef IDONEO_ACCESS_H
#define IDONEO_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/principal.h"

bool	 access_office(const struct principal *);
bool	 access_case(const struct principal *, int64_t comune_id,
	    int64_t association_id);
void	 access_system(struct principal *, int64_t comune_id,
	    const char *name);
void	 access_citizen(struct principal *, int64_t comune_id);

#endif
