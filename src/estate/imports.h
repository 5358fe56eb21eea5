/*
 * imports: the bookkeeping every import of an estate register shares.  One
 * run is one row in the imports table, created when the file is accepted
 * and finished with its summary (lines read, inserted, updated, unchanged,
 * skipped, rejected, the first rejected lines with their reasons) and an
 * audit row.  On a terminal the run draws a progress bar on standard error;
 * elsewhere the row's heartbeat and counters show the progress (the admin
 * page polls it).
 *
 * Only one import of a kind runs for a comune at a time: a running one
 * whose heartbeat is younger than IMPORT_STALE_SECONDS (import_set_timeout)
 * refuses a second;
 * an older one died with its process and is marked interrupted.
 */
#ifndef IDONEO_IMPORTS_H
#define IDONEO_IMPORTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sodium.h>

#include "domain/principal.h"
#include "store/store.h"

#define IMPORT_ERRORS_KEPT	100
#define IMPORT_STALE_SECONDS	120

struct import_run {
	struct store		*st;
	const struct principal	*who;
	int64_t			 id, comune_id;
	const char		*kind;
	int64_t			 total_bytes, done_bytes;
	int64_t			 lines, inserted, updated, unchanged, skipped,
				 rejected;
	int64_t			 removed;	/* extracts: rows gone */
	json_t			*errors;
	bool			 tty;		/* draw a progress bar */
	bool			 quiet;		/* no line-by-line reports */
	time_t			 drawn, saved;
	crypto_generichash_state hash;		/* BLAKE2b of the file */
	/*
	 * Called at each heartbeat, if set: a job keeps its claim.  The
	 * caller zeroes the run and may set these before the import; the
	 * rest is the import's (import_reset keeps them).
	 */
	void			 (*beat)(void *);
	void			*beat_arg;
};

enum import_begin {
	IMPORT_BEGUN,
	IMPORT_BUSY,		/* another import of this kind is running */
	IMPORT_ERROR,
};

void		 import_reset(struct import_run *);
enum import_begin import_begin(struct import_run *, struct store *,
		    const struct principal *, int64_t comune_id,
		    const char *kind, const char *file_name,
		    int64_t total_bytes);
FILE		*import_open(const char *path, struct stat *, char *msg,
		    size_t msgsz);
void		 import_hash(struct import_run *, const void *, size_t);
void		 import_reject(struct import_run *, int64_t line, int field,
		    const char *reason);
int		 import_progress(struct import_run *, bool force);
int		 import_finish(struct import_run *, const char *state,
		    const char *message);
int		 import_finish_with(struct import_run *, const char *state,
		    const char *message, int (*)(void *), void *arg);
void		 import_print_summary(const struct import_run *, FILE *);
void		 import_set_timeout(int seconds);
json_t		*import_list(struct store *, int64_t comune_id);

#endif
