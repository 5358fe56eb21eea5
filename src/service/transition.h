/*
 * transition: applying an action of the workflow to a case.
 */
#ifndef IDONEO_TRANSITION_H
#define IDONEO_TRANSITION_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 cases_transition(struct store *, const struct principal *,
		    int64_t id, const char *action, const char *reason,
		    const char *effective, json_t *errors);
#define TRANSITION_VOUCHED	1u
#define TRANSITION_TERM_EXPIRED	2u

enum svc_result	 cases_transition_in_tx(struct store *,
		    const struct principal *, int64_t id, const char *action,
		    const char *reason, const char *effective, json_t *errors,
		    unsigned flags);

#endif
