/*
 * rooms: a case's rooms and their eligibility (see rooms.c).
 */
#ifndef IDONEO_ROOMS_H
#define IDONEO_ROOMS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"
#include "domain/result.h"

struct store;

int		 cases_insert_rooms(struct store *, int64_t case_id,
		    const json_t *rooms, json_t *into);
int		 rooms_assess(struct store *, const struct principal *,
		    int64_t case_id, int64_t comune_id, const json_t *rooms,
		    int residents, int requested, bool fresh, json_t *into);
json_t		*rooms_preview(struct store *, const struct principal *,
		    const json_t *form, json_t *errors);
enum svc_result	 cases_update_rooms(struct store *, const struct principal *,
		    int64_t case_id, const json_t *rows, json_t *errors);
enum svc_result	 cases_reassess(struct store *, const struct principal *,
		    int64_t case_id);

#endif
