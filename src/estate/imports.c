/*
 * imports: see imports.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "domain/i18n.h"
#include "imports.h"
#include "store/audit.h"
#include "store/query.h"

/* Seconds without a heartbeat after which a running import is dead. */
static int	 import_timeout = IMPORT_STALE_SECONDS;

/* Sets that time (IDONEO_IMPORT_TIMEOUT), before any import runs. */
void
import_set_timeout(int seconds)
{
	if (seconds > 0)
		import_timeout = seconds;
}

/* Zeroes the run, all but the caller's heartbeat hook. */
void
import_reset(struct import_run *r)
{
	void	(*beat)(void *) = r->beat, *beat_arg = r->beat_arg;

	memset(r, 0, sizeof(*r));
	r->beat = beat;
	r->beat_arg = beat_arg;
}

/*
 * Creates the run's row, after checking that no other import of the same
 * kind is running for the comune.  The row commits at once, so that the
 * admin page shows the run while it goes on.
 */
enum import_begin
import_begin(struct import_run *r, struct store *st,
    const struct principal *who, int64_t comune_id, const char *kind,
    const char *file_name, int64_t total_bytes)
{
	char	 now[CLOCK_STRLEN], stale[CLOCK_STRLEN];
	json_t	*rows, *v;
	size_t	 i;
	bool	 busy = false;

	import_reset(r);
	r->st = st;
	r->who = who;
	r->comune_id = comune_id;
	r->kind = kind;
	r->total_bytes = total_bytes;
	r->tty = isatty(STDERR_FILENO) == 1;
	crypto_generichash_init(&r->hash, NULL, 0, 32);
	clock_utc(clock_now(), now);
	clock_utc(clock_now() - import_timeout, stale);

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return IMPORT_ERROR;
	if ((rows = store_rows(st, STMT_IMPORTS_RUNNING, "is", comune_id,
	    kind)) == NULL)
		goto fail;
	json_array_foreach(rows, i, v) {
		const char *hb = json_string_value(json_object_get(v,
		    "heartbeat_at"));

		if (hb != NULL && strcmp(hb, stale) >= 0)
			busy = true;
		else if (store_exec(st, STMT_IMPORTS_INTERRUPT, "si", now,
		    json_integer_value(json_object_get(v, "id"))) < 0) {
			json_decref(rows);
			goto fail;
		}
	}
	json_decref(rows);
	if (busy) {
		store_tx(st, STORE_ROLLBACK);
		return IMPORT_BUSY;
	}
	/* Lines left behind by runs that died are of no use to anyone. */
	if (store_exec(st, STMT_STAGE_DELETE_STALE, "") < 0)
		goto fail;
	if (store_int(st, &r->id, STMT_IMPORT_INSERT, "Isssssi", comune_id,
	    kind, file_name, who->actor, now, now, total_bytes) <= 0)
		goto fail;
	if (audit_add(st, who, comune_id, "import_start", "import", r->id,
	    kind) < 0)
		goto fail;
	/*
	 * The job's claim is renewed with the first heartbeat: it then lapses
	 * no sooner than the heartbeat goes stale, so the worker that takes
	 * over a dead run's job finds the run dead, not busy.
	 */
	if (r->beat != NULL)
		r->beat(r->beat_arg);
	if (store_tx(st, STORE_COMMIT) < 0)
		return IMPORT_ERROR;
	r->errors = json_array();
	r->saved = clock_now();
	return IMPORT_BEGUN;
fail:
	store_tx(st, STORE_ROLLBACK);
	return IMPORT_ERROR;
}

/*
 * Opens the file of an import, with its size in *sb; NULL with msg saying
 * why when it cannot be read.
 */
FILE *
import_open(const char *path, struct stat *sb, char *msg, size_t msgsz)
{
	FILE	*f = fopen(path, "rb");

	if (f == NULL || fstat(fileno(f), sb) < 0) {
		snprintf(msg, msgsz, _("impossibile leggere il file: %s"),
		    strerror(errno));
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	return f;
}

void
import_hash(struct import_run *r, const void *data, size_t len)
{
	crypto_generichash_update(&r->hash, data, len);
}

/*
 * Counts a rejected line, reports it on standard error and keeps the first
 * IMPORT_ERRORS_KEPT for the summary.  The reason is the untranslated
 * message; it is translated where it is shown.
 */
void
import_reject(struct import_run *r, int64_t line, int field,
    const char *reason)
{
	r->rejected++;
	if (!r->quiet) {
		if (r->tty)
			fputs("\r\033[K", stderr);
		if (field > 0)
			fprintf(stderr, _("riga %lld, campo %d: %s\n"),
			    (long long)line, field, _(reason));
		else
			fprintf(stderr, _("riga %lld: %s\n"), (long long)line,
			    _(reason));
	}
	if (json_array_size(r->errors) < IMPORT_ERRORS_KEPT)
		json_array_append_new(r->errors, json_pack("{s:I, s:i, s:s}",
		    "line", (json_int_t)line, "field", field, "reason", reason));
}

/* "[#########           ]  45%  450,000 righe" on standard error. */
static void
draw(const struct import_run *r)
{
	int	 pct = r->total_bytes > 0 ?
	    (int)(r->done_bytes * 100 / r->total_bytes) : 0, fill = pct / 5;

	fprintf(stderr, "\r[%.*s%*s] %3d%%  %lld %s", fill,
	    "####################", 20 - fill, "", pct, (long long)r->lines,
	    _("righe"));
	fflush(stderr);
}

/*
 * Shows the progress: the bar at most five times a second, the row's
 * counters once a second (or now, with force).  The row is written in the
 * caller's transaction, if one is open.
 */
int
import_progress(struct import_run *r, bool force)
{
	time_t	 now = clock_now();
	char	 at[CLOCK_STRLEN];

	if (r->tty && (force || now != r->drawn)) {
		draw(r);
		r->drawn = now;
	}
	if (!force && now == r->saved)
		return 0;
	r->saved = now;
	clock_utc(now, at);
	if (r->beat != NULL)
		r->beat(r->beat_arg);
	return store_exec(r->st, STMT_IMPORT_PROGRESS, "siiiiiiii", at,
	    r->done_bytes, r->lines, r->inserted, r->updated, r->unchanged,
	    r->skipped, r->rejected, r->id) < 0 ? -1 : 0;
}

/*
 * Closes the run with its final state (done, refused, failed) and an audit
 * row, in a transaction of its own.
 */
int
import_finish(struct import_run *r, const char *state, const char *message)
{
	return import_finish_with(r, state, message, NULL, NULL);
}

/*
 * The same, with work(arg) done first in the same transaction: what the run
 * changes when it is done takes effect with it, or not at all.
 */
int
import_finish_with(struct import_run *r, const char *state,
    const char *message, int (*work)(void *), void *arg)
{
	unsigned char	 h[32];
	char		 hex[65], now[CLOCK_STRLEN], detail[160], *errors;
	int		 rc = -1;

	if (r->tty) {
		draw(r);
		fputc('\n', stderr);
	}
	crypto_generichash_final(&r->hash, h, sizeof(h));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	clock_utc(clock_now(), now);
	errors = json_dumps(r->errors, JSON_COMPACT);
	snprintf(detail, sizeof(detail), "%s %s: %lld inserted, %lld updated, "
	    "%lld unchanged, %lld skipped, %lld rejected", r->kind, state,
	    (long long)r->inserted, (long long)r->updated,
	    (long long)r->unchanged, (long long)r->skipped,
	    (long long)r->rejected);
	if (store_tx(r->st, STORE_BEGIN_WRITE) < 0)
		goto out;
	if ((work != NULL && work(arg) < 0) ||
	    store_exec(r->st, STMT_IMPORT_FINISH, "sssiiiiiiisssi", state,
	    now, now, r->done_bytes, r->lines, r->inserted, r->updated,
	    r->unchanged, r->skipped, r->rejected, errors ? errors : "[]",
	    message ? message : "", hex, r->id) != 1 ||
	    audit_add(r->st, r->who, r->comune_id, "import_finish", "import",
	    r->id, detail) < 0) {
		store_tx(r->st, STORE_ROLLBACK);
		goto out;
	}
	rc = store_tx(r->st, STORE_COMMIT);
	log_info("import=%lld kind=%s state=%s lines=%lld rejected=%lld",
	    (long long)r->id, r->kind, state, (long long)r->lines,
	    (long long)r->rejected);
out:
	free(errors);
	json_decref(r->errors);
	r->errors = NULL;
	return rc;
}

/*
 * The process's peak resident memory in kB (VmHWM), which starts afresh
 * with the program, or -1 where /proc does not say.
 */
static long
peak_kb(void)
{
	FILE	*f = fopen("/proc/self/status", "r");
	char	 line[256];
	long	 kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* The summary the command line prints at the end. */
void
import_print_summary(const struct import_run *r, FILE *out)
{
	fprintf(out, "import %lld (%s)\n", (long long)r->id, r->kind);
	fprintf(out, "  lines read            %12lld\n", (long long)r->lines);
	if (strcmp(r->kind, "cadastre") != 0) {
		/* An extract replaces the previous one: the rows it has. */
		fprintf(out, "  rows loaded           %12lld\n",
		    (long long)r->inserted);
		fprintf(out, "  of which unchanged    %12lld\n",
		    (long long)r->unchanged);
		fprintf(out, "  rows removed          %12lld\n",
		    (long long)r->removed);
		fprintf(out, "  rows rejected         %12lld\n",
		    (long long)r->rejected);
		fprintf(out, "  peak memory (kB)      %12ld\n", peak_kb());
		return;
	}
	fprintf(out, "  inserted              %12lld\n", (long long)r->inserted);
	fprintf(out, "  updated               %12lld\n", (long long)r->updated);
	fprintf(out, "  unchanged             %12lld\n",
	    (long long)r->unchanged);
	fprintf(out, "  skipped as historical %12lld\n", (long long)r->skipped);
	fprintf(out, "  lines rejected        %12lld\n", (long long)r->rejected);
	fprintf(out, "  peak memory (kB)      %12ld\n", peak_kb());
}

/* A comune's import runs, newest first, for the imports page; NULL on error. */
json_t *
import_list(struct store *st, int64_t comune_id)
{
	return store_rows(st, STMT_IMPORTS_LIST, "i", comune_id);
}
