/*
 * unit_batch: the cadastral units of an import, a batch at a time.
 *
 * Each unit is built from its open FAB records: its current situation is
 * the type-1 record with the highest progressivo, with the identifiers
 * (type 2) and addresses (type 3) of that progressivo (docs/estate.md).
 * The caller parses each record where unit_batch_next says and hands it
 * over with unit_batch_take; a record of another unit ends the one before.
 * A unit gets a fingerprint of everything stored about it.  A batch of units,
 * given in the order of (sezione, immobile), is written in one
 * transaction: the stored units of its range are read once, a unit whose
 * fingerprint is the same is left alone, and the new and the changed ones
 * are written in bulk (store_bulk_row: prepared inserts on SQLite, COPY on
 * PostgreSQL), the changed ones applied by one set-based UPDATE.  Threaded,
 * a thread of its own writes one batch while the caller fills the next.
 */
#ifndef IDONEO_UNIT_BATCH_H
#define IDONEO_UNIT_BATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/fab.h"
#include "estate/imports.h"

struct unit_batch;

struct unit_batch *unit_batch_new(struct import_run *, int64_t comune_id,
		    bool threaded);
void		 unit_batch_free(struct unit_batch *);
struct fab_record *unit_batch_next(struct unit_batch *);
int		 unit_batch_take(struct unit_batch *);
int		 unit_batch_flush(struct unit_batch *);

#endif
