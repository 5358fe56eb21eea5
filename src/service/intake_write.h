/*
 * intake_write: registering an application (see intake_write.c).
 */
#ifndef IDONEO_INTAKE_WRITE_H
#define IDONEO_INTAKE_WRITE_H

#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 cases_create(struct store *, const struct principal *,
		    const json_t *in, const char *channel, int64_t *id,
		    json_t *errors, json_t **out);
enum svc_result	 cases_create_then(struct store *, const struct principal *,
		    const json_t *in, const char *channel,
		    int (*then)(struct store *, int64_t case_id, void *),
		    void *arg, int64_t *id, json_t *errors, json_t **out);
void		 cases_set_group_writers(int writers);
void		 cases_group_stats(int64_t *groups, int64_t *items);

#endif
