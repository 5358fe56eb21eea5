/*
 * migrate: the schema's migrations, numbered NNNN_name.sql and compiled
 * into the binary, each applied once in its own transaction.  See
 * migrate.h.
 */
#include <stdlib.h>

#include "base/log.h"
#include "driver.h"
#include "migrate.h"
#include "query.h"

/*
 * Applies, in order, every embedded migration not yet recorded in
 * schema_migrations, each in its own transaction.
 */
int
store_migrate(struct store *st)
{
	const struct embed_file	*m;
	int64_t			 done;

	/* Several processes may start at once: one migrates at a time. */
	if (store_exec(st, STMT_MIGRATION_LOCK, "") < 0)
		return -1;
	if (store_exec(st, STMT_MIGRATIONS_CREATE, "") < 0)
		goto fail;
	for (m = st->drv->migrations; m->name != NULL; m++) {
		int version = atoi(m->name);

		/* Checked inside the transaction: another process may have
		 * applied it meanwhile. */
		if (store_tx(st, STORE_BEGIN_WRITE) < 0)
			goto fail;
		if (store_int(st, &done, STMT_MIGRATION_APPLIED, "d",
		    version) < 0) {
			store_tx(st, STORE_ROLLBACK);
			goto fail;
		}
		if (done > 0) {
			store_tx(st, STORE_COMMIT);
			continue;
		}
		if (st->drv->script(st->conn, m->data) < 0 ||
		    store_exec(st, STMT_MIGRATION_RECORD, "ds", version,
		    m->name) < 0) {
			store_tx(st, STORE_ROLLBACK);
			log_warn("store: migration %s failed", m->name);
			goto fail;
		}
		if (store_tx(st, STORE_COMMIT) < 0)
			goto fail;
		log_info("store: applied migration %s", m->name);
	}
	store_exec(st, STMT_MIGRATION_UNLOCK, "");
	return 0;
fail:
	store_exec(st, STMT_MIGRATION_UNLOCK, "");
	return -1;
}
