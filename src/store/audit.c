/*
 * audit: rows in the audit table.  See audit.h.  The table refuses UPDATE
 * and DELETE by trigger (migrations/sqlite/0001_init.sql).
 */
#include "base/clock.h"
#include "audit.h"

int
audit_add(struct store *st, const struct principal *p, int64_t comune_id,
    const char *action, const char *entity, int64_t entity_id,
    const char *detail)
{
	char	 now[CLOCK_STRLEN];

	clock_utc(clock_now(), now);
	return store_exec(st, STMT_AUDIT_INSERT, "sIssssis", now, comune_id,
	    p->actor,
	    p->ip[0] ? p->ip : "-", action, entity, entity_id,
	    detail ? detail : "") < 0 ? -1 : 0;
}
