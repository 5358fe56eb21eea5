/*
 * follow: the citizen's own view of their case, and what they may do
 * there (docs/citizen.md).
 */
#ifndef IDONEO_FOLLOW_H
#define IDONEO_FOLLOW_H

#include <stdint.h>

#include <jansson.h>

#include "auth.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 follow_open(struct store *, const char *number,
		    const char *code, char token[AUTH_TOKEN_LEN + 1]);
int		 follow_session_add(struct store *, int64_t comune_id,
		    int64_t case_id, const char *token);
int		 follow_session(struct store *, const char *token,
		    struct principal *, int64_t *case_id);
int		 follow_close(struct store *, const char *token);
enum svc_result	 follow_view(struct store *, const struct principal *,
		    int64_t case_id, json_t **out);
int		 follow_upload(struct store *, const struct principal *,
		    int64_t case_id, const char *kind, const char *upload,
		    const char *name, int64_t size, json_t *errors);
enum svc_result	 follow_observations(struct store *, const struct principal *,
		    int64_t case_id, const char *text, json_t *errors);
enum svc_result	 follow_withdraw(struct store *, const struct principal *,
		    int64_t case_id, const char *why, json_t *errors);

#endif
