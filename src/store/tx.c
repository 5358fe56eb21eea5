/*
 * tx: see tx.h.
 */
#include "store/query.h"
#include "tx.h"

/*
 * Runs write(st, who, arg) in one write transaction; it returns SVC_OK or
 * the reason to roll back.  A conflict with another writer (PostgreSQL)
 * runs it again.
 */
enum svc_result
store_write(struct store *st, store_write_fn write, const struct principal *who,
    void *arg)
{
	enum svc_result	 r;
	int		 tries = 0;

	do {
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			return SVC_ERROR;
		if ((r = write(st, who, arg)) == SVC_OK &&
		    store_tx(st, STORE_COMMIT) == 0)
			return SVC_OK;
		store_tx(st, STORE_ROLLBACK);
	} while (r == SVC_ERROR && store_retryable(st) &&
	    ++tries < STORE_RETRIES);
	return r == SVC_OK ? SVC_ERROR : r;
}
