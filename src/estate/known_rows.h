/*
 * known_rows: the rows of an extract in force (anagrafe or TARI), by the
 * fingerprint of their fields, while a new extract is imported.  Each row
 * of the new file claims a stored row with its fingerprint, if one is left
 * unclaimed: that row stays as it is.  The rows nobody claimed are the
 * ones the new extract no longer has.
 *
 * 24 bytes a stored row (an anagrafe of 500,000 people: 12 MB), read from
 * the database a page at a time.
 */
#ifndef IDONEO_KNOWN_ROWS_H
#define IDONEO_KNOWN_ROWS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/query.h"

#define KNOWN_FP_LEN	16	/* BLAKE2b-128 */

struct known_rows;

struct known_rows *known_rows_load(struct store *, enum stmt page,
		    int64_t comune_id);
bool		 known_rows_claim(struct known_rows *,
		    const unsigned char fp[KNOWN_FP_LEN]);
int		 known_rows_unclaimed(struct known_rows *,
		    int (*)(void *, json_t *ids), void *arg);
int64_t		 known_rows_count(const struct known_rows *);
void		 known_rows_free(struct known_rows *);

#endif
