/*
 * cadastre: the comune's cadastral units, imported from the FAB supply of
 * the Agenzia delle Entrate and looked up by identifiers or by address.
 *
 * The import reads the file in constant memory whatever its size:
 *
 *   1. the head of the file must be FAB and of one comune configured here,
 *      or the file is refused before anything is written; a quick pass over
 *      the first fields tells whether the lines come unit by unit, in the
 *      order of (sezione, immobile), as the Agenzia supplies them;
 *   2. every line is parsed (domain/fab.c); a bad line is reported with its
 *      number and reason and the import goes on; closed situations are
 *      skipped as historical;
 *   3. in unit order, each unit's lines go straight to a unit_batch; in any
 *      other order they are staged in cadastre_stage first and read back
 *      unit by unit;
 *   4. each unit's current situation (the highest open progressivo, with its
 *      identifiers and addresses) gets a fingerprint, and is inserted,
 *      updated or left alone when the fingerprint is the same
 *      (estate/unit_batch.h: in bulk, on a thread of its own).
 *
 * Importing the same file twice therefore changes nothing the second time,
 * and a run killed at any point and started again ends in the same state.
 */
#ifndef IDONEO_CADASTRE_H
#define IDONEO_CADASTRE_H

#include <stdint.h>

#include <jansson.h>

#include "estate/imports.h"

enum cadastre_result {
	CADASTRE_DONE,
	CADASTRE_REFUSED,	/* not FAB, another comune: msg says */
	CADASTRE_BUSY,		/* the comune's cadastre is being imported */
	CADASTRE_FAILED,	/* the database failed; the run is marked */
};

struct cadastre_opts {
	const char	*display_name;	/* the name shown in the history */
	int64_t		 only_comune;	/* refuse other comuni (0: any) */
	bool		 parse_only;	/* parse and count, write nothing */
	bool		 quiet;		/* no line-by-line reports */
};

enum cadastre_result cadastre_import(struct store *, const struct principal *,
		    const char *path, const struct cadastre_opts *,
		    struct import_run *, char *msg, size_t msgsz);

bool		 cadastre_check_file(struct store *, const char *path,
		    int64_t only_comune, char *msg, size_t msgsz);
json_t		*cadastre_unit(struct store *, int64_t unit_id,
		    int64_t comune_id);
json_t		*cadastre_units(struct store *, json_t *ids, int64_t comune_id);
json_t		*cadastre_find_ident(struct store *, int64_t comune_id,
		    const char *foglio, const char *particella,
		    const char *subalterno);
json_t		*cadastre_find_address(struct store *, int64_t comune_id,
		    const char *address, int limit);

#endif
