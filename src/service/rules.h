/*
 * rules: where eligibility rule sets come from.  The three built in
 * (the JSON files in rules/, compiled into the binary) are copied into the database's
 * rule_sets table at migration; an administrator adds new rule sets or new
 * versions there as JSON, without touching C.  A comune names the rule set
 * it applies; the latest version is used and recorded with every result.
 */
#ifndef IDONEO_RULES_H
#define IDONEO_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/eligibility.h"
#include "domain/principal.h"
#include "store/store.h"

int	 rules_builtin(const char *name, struct elig_rules *, char *err,
	    size_t errsz);
int	 rules_load(struct store *, const char *name, struct elig_rules *,
	    char *err, size_t errsz);
int	 rules_for_comune(struct store *, int64_t comune_id,
	    struct elig_rules *, char *err, size_t errsz);
int	 rules_for_comune_at(struct store *, int64_t comune_id, bool fresh,
	    struct elig_rules *, char *err, size_t errsz);
int	 rules_sync_builtins(struct store *);
int	 rules_add(struct store *, const struct principal *, const char *json,
	    char *err, size_t errsz);

#endif
