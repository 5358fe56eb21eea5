/*
 * extract: the comune's CSV extracts of the anagrafe (one row per resident
 * person) and of the waste-tax register TARI (one row per registered
 * dwelling).  docs/estate.md lists their columns.
 *
 * The first row names the columns (any order, any case; others are
 * ignored); fields are separated by ';' or ',' (whichever the first row
 * uses), quoted as RFC 4180 says (libcsv parses them).  A file without the
 * required columns is refused before anything is written.  Each data row
 * is checked (codice fiscale, dates, house number); a bad one is reported
 * with its record number and reason.  The good rows of the run are written
 * in batches, tagged with the run; readers only ever see the rows of the
 * comune's latest finished run, so the new extract replaces the old one at
 * once when the run ends, and the old rows are deleted after.  When more
 * than EXTRACT_MAX_BAD_PERCENT of the rows are bad, or none is good, the
 * run is refused and the previous extract stays in force: a wrong file
 * loses nothing.
 */
#ifndef IDONEO_EXTRACT_H
#define IDONEO_EXTRACT_H

#include "estate/imports.h"

#define EXTRACT_MAX_BAD_PERCENT	5

enum extract_kind {
	EXTRACT_RESIDENTS,
	EXTRACT_TARI,
	EXTRACT__MAX
};

enum extract_result {
	EXTRACT_DONE,
	EXTRACT_REFUSED,	/* msg says why; the previous extract stays */
	EXTRACT_BUSY,		/* the same extract is being imported */
	EXTRACT_FAILED,
};

extern const char *const extract_kind_names[EXTRACT__MAX];

enum extract_result extract_import(struct store *, const struct principal *,
		    enum extract_kind, int64_t comune_id, const char *path,
		    const char *display_name, bool quiet,
		    struct import_run *, char *msg, size_t msgsz);
json_t		*extract_columns(enum extract_kind);
int		 extract_parse_dry(enum extract_kind, FILE *,
		    struct import_run *, char *msg, size_t msgsz);
bool		 extract_check_file(enum extract_kind, const char *path,
		    char *msg, size_t msgsz);

#endif
