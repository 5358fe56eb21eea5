/*
 * admin: the installation administrator's services: comuni and their
 * settings, associations, staff users and API keys.  The administrator
 * manages accounts and configuration and sees no case data.  Every change
 * runs in one transaction with its audit row; a refusal writes nothing and
 * says why in *why, a sentence for the person who filled the form.
 */
#ifndef IDONEO_ADMIN_H
#define IDONEO_ADMIN_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "auth.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

json_t		*admin_lists(struct store *);
json_t		*admin_comuni(struct store *);
json_t		*admin_rule_sets(struct store *);
enum svc_result	 admin_user_create(struct store *, const struct principal *,
		    const json_t *form, int64_t *id, const char **why);
enum svc_result	 admin_user_set_active(struct store *,
		    const struct principal *, int64_t id, bool on,
		    const char **why);
enum svc_result	 admin_association_create(struct store *,
		    const struct principal *, const json_t *form,
		    const char **why);
enum svc_result	 admin_key_create(struct store *, const struct principal *,
		    const json_t *form, char key[AUTH_TOKEN_LEN + 1],
		    const char **why);
enum svc_result	 admin_key_revoke(struct store *, const struct principal *,
		    int64_t id);
enum svc_result	 admin_comune_get(struct store *, int64_t id,
		    json_t **comune, json_t **rule_sets);
enum svc_result	 admin_comune_update(struct store *,
		    const struct principal *, int64_t id, const json_t *form,
		    const char **why);

#endif
