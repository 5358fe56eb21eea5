/*
 * cases: the application services of a case, shared by the office pages and
 * the API: intake, loading with access control, the work queue, and
 * transitions with their deadline effects, timeline rows and audit rows,
 * each in one transaction.
 */
#ifndef IDONEO_CASES_H
#define IDONEO_CASES_H

#include <jansson.h>

#include "base/buf.h"

#include "domain/deadline.h"
#include "principal.h"
#include "store/store.h"

enum cases_result {
	CASES_OK,
	CASES_INVALID,		/* 422: see the errors object */
	CASES_NOT_FOUND,	/* 404, also for another comune's case */
	CASES_FORBIDDEN,	/* 403 */
	CASES_CONFLICT,		/* 409: wrong state for the action */
	CASES_ERROR,		/* 500 */
};

enum cases_result cases_create(struct store *, const struct principal *,
		    const json_t *in, const char *channel, int64_t *id,
		    json_t *errors, json_t **out);
enum cases_result cases_load(struct store *, const struct principal *,
		    int64_t id, json_t **out);
enum cases_result cases_load_json(struct store *, const struct principal *,
		    int64_t id, struct buf *out);
json_t		*cases_search(struct store *, const struct principal *,
		    const char *q, int limit);
json_t		*cases_list(struct store *, const struct principal *,
		    const char *state, bool open_only, int limit, int offset);
enum cases_result cases_transition(struct store *, const struct principal *,
		    int64_t id, const char *action, const char *reason,
		    const char *effective, json_t *errors);
int		 cases_insert_rooms(struct store *, int64_t case_id,
		    const json_t *rooms, json_t *into);
void		 cases_set_group_writers(int writers);
void		 cases_group_stats(int64_t *groups, int64_t *items);
int		 cases_comune_rules(struct store *, int64_t comune_id,
		    struct deadline_rules *, json_t **comune);

#endif
