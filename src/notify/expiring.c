/*
 * expiring: the "certificate expiring" message, 30 days before the end of
 * a certificate's validity (its valid_until: the comune's validity_months
 * from the day it was issued), once per certificate in force: a revoked
 * or superseded one gets none.  The worker runs it daily.
 */
#include "base/clock.h"
#include "base/jfield.h"
#include "base/log.h"
#include "domain/date.h"
#include "notify.h"
#include "store/query.h"

#define EXPIRING_NOTICE_DAYS	30

/* Writes the messages due today.  Returns how many cases, or -1. */
int
notify_expiring(struct store *st)
{
	json_t	*rows, *c;
	size_t	 i;
	int	 today = clock_today(), n = 0;

	if ((rows = store_rows(st, STMT_MSG_EXPIRING_DUE, "")) == NULL)
		return -1;
	json_array_foreach(rows, i, c) {
		int	 end;
		char	 ends[DATE_STRLEN];
		json_t	*p;

		if (!date_parse(jfield_str(c, "valid_until"), &end))
			continue;
		if (today < end - EXPIRING_NOTICE_DAYS || today > end)
			continue;
		date_format(end, ends);
		p = json_pack("{s:s}", "expires", ends);
		if (store_tx(st, STORE_BEGIN_WRITE) < 0 ||
		    notify_case(st, jfield_int(c, "id"), NOTIFY_EXPIRING, p,
		    NULL, "idoneo") < 0 || store_tx(st, STORE_COMMIT) < 0) {
			store_tx(st, STORE_ROLLBACK);
			log_warn("notify: the expiry message of case %lld "
			    "failed", (long long)jfield_int(c, "id"));
		} else
			n++;
		json_decref(p);
	}
	json_decref(rows);
	return n;
}
