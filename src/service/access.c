/*
 * access: see access.h.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"

/* Staff of the office: the roles that handle every case of their comune. */
bool
access_office(const struct principal *p)
{
	return p->role == ROLE_HEAD || p->role == ROLE_CLERK;
}

/*
 * Whether p may see a case of that comune filed by that association (0 for
 * none): same comune, and for an association one of its own applications.
 */
bool
access_case(const struct principal *p, int64_t comune_id,
    int64_t association_id)
{
	if (comune_id != p->comune_id)
		return false;
	if (access_office(p))
		return true;
	if (p->role == ROLE_ASSOCIATION)
		return association_id == p->association_id &&
		    p->association_id != 0;
	return false;
}

/*
 * idoneo itself acting as a clerk of comune_id (the worker, the demo): the
 * actor "system" on the timeline and in the audit log, shown as name.
 */
void
access_system(struct principal *p, int64_t comune_id, const char *name)
{
	memset(p, 0, sizeof(*p));
	p->authenticated = true;
	p->role = ROLE_CLERK;
	p->comune_id = comune_id;
	snprintf(p->actor, sizeof(p->actor), "system");
	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->ip, sizeof(p->ip), "local");
}

/*
 * The principal that acts for a citizen online (/domanda, /segui): a clerk
 * of the comune whose actor is "citizen", shown as "Richiedente (online)"
 * on the timeline and in the audit log.
 */
void
access_citizen(struct principal *p, int64_t comune_id)
{
	access_system(p, comune_id, "Richiedente (online)");
	snprintf(p->actor, sizeof(p->actor), "citizen");
}
