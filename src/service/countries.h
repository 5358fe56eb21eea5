/*
 * countries: the applicant's countries as ISO 3166-1 codes (countries.c).
 */
#ifndef IDONEO_SERVICE_COUNTRIES_H
#define IDONEO_SERVICE_COUNTRIES_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "domain/principal.h"
#include "domain/result.h"

struct store;

long		 countries_sync(struct store *, FILE *);
json_t		*countries_open_cases(struct store *, const struct principal *,
		    int limit);
enum svc_result	 countries_correct(struct store *, const struct principal *,
		    int64_t case_id, const json_t *form, json_t *errors);

#endif
