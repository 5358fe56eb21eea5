/*
 * comune_cache: see comune_cache.h.
 *
 * One slot per comune id modulo COMUNE_CACHE_SLOTS, so that an installation
 * serving a province or a region keeps every comune it serves at once.  An
 * intake's answer may so show a name changed in the last few seconds.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/jfield.h"
#include "base/log.h"
#include "base/tcache.h"
#include "comune_cache.h"
#include "store/query.h"

#define COMUNE_CACHE_SECONDS	10
#define COMUNE_CACHE_SLOTS	256

struct comune_slot {
	int64_t			 comune_id;
	time_t			 until;
	struct comune_info	 info;
};

static struct tcache comune_tcache = TCACHE_INIT(
    COMUNE_CACHE_SLOTS * sizeof(struct comune_slot), NULL);

/*
 * The thread's entry of a comune, read again when missing or old.  Returns
 * 0, or -1 when the comune cannot be read.
 */
int
comune_cache_get(struct store *st, int64_t comune_id,
    struct comune_info *out)
{
	struct comune_slot	*e = tcache_get(&comune_tcache);
	struct deadline_rules	*r;
	json_t			*c;
	time_t			 now = time(NULL);

	e += (uint64_t)comune_id % COMUNE_CACHE_SLOTS;
	if (e->comune_id != comune_id || e->until <= now) {
		if (store_row(st, &c, STMT_COMUNE_GET, "i", comune_id) <= 0)
			return -1;
		memset(e, 0, sizeof(*e));
		r = &e->info.rules;
		r->term_days = (int)jfield_int(c, "term_days");
		r->patron_month = (int)jfield_int(c, "patron_month");
		r->patron_day = (int)jfield_int(c, "patron_day");
		r->saturday_closed = jfield_int(c, "saturday_closed") != 0;
		if (deadline_rules_parse_risk(r, jfield_str(c,
		    "risk_days")) < 0)
			log_warn("comune_cache: comune %lld has bad risk_days",
			    (long long)comune_id);
		snprintf(e->info.code, sizeof(e->info.code), "%s",
		    jfield_str(c, "code"));
		snprintf(e->info.name, sizeof(e->info.name), "%s",
		    jfield_str(c, "name"));
		json_decref(c);
		e->comune_id = comune_id;
		e->until = now + COMUNE_CACHE_SECONDS;
	}
	*out = e->info;
	return 0;
}

/* The comune's deadline rules: term, risk days, patron saint, Saturdays. */
int
comune_cache_rules(struct store *st, int64_t comune_id,
    struct deadline_rules *r)
{
	struct comune_info	 info;

	if (comune_cache_get(st, comune_id, &info) < 0)
		return -1;
	*r = info.rules;
	return 0;
}
