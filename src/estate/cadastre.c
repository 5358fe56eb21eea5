/*
 * cadastre: see cadastre.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "base/log.h"
#include "cadastre.h"
#include "domain/fab.h"
#include "domain/i18n.h"
#include "store/comuni.h"
#include "store/query.h"
#include "unit_batch.h"

#define HEAD_LINES	50	/* lines looked at before accepting a file */
#define COMMIT_LINES	20000	/* lines per staging transaction */
#define PAGE_LINES	4000	/* staged lines read back at a time */

/* A line's buffer: the longest line FAB allows, its CR LF and NUL. */
#define LINE_BUF	(FAB_LINE_MAX + 3)

/* Counts a piece of the file into the run's hash and progress. */
static void
count_bytes(struct import_run *run, const char *p, size_t n)
{
	if (run != NULL) {
		import_hash(run, p, n);
		run->done_bytes += (int64_t)n;
	}
}

/*
 * Reads one line without its LF or CRLF into line (LINE_BUF bytes) and
 * returns its length, or -1 at EOF.  A line longer than FAB allows is read
 * to its end but not kept, so that one endless line cannot take the
 * memory: its length is given as FAB_LINE_MAX, which the callers refuse.
 */
static ssize_t
read_line(FILE *f, char line[LINE_BUF], struct import_run *run)
{
	size_t	 n;
	bool	 longer = false;

	if (fgets(line, LINE_BUF, f) == NULL)
		return -1;
	n = strlen(line);
	count_bytes(run, line, n);
	while (n > 0 && line[n - 1] != '\n' && n == LINE_BUF - 1) {
		char	 rest[4096];
		size_t	 k;

		longer = true;
		if (fgets(rest, sizeof(rest), f) == NULL)
			break;
		k = strlen(rest);
		count_bytes(run, rest, k);
		if (k > 0 && rest[k - 1] == '\n')
			break;
	}
	if (longer)
		return FAB_LINE_MAX;
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return (ssize_t)n;
}

/*
 * Looks at the head of the file: it is FAB when most of its first lines
 * parse, and its comune is the comune of the first good line.
 */
static bool
looks_like_fab(FILE *f, char comune[5], char *msg, size_t msgsz)
{
	char		 line[LINE_BUF], utf[2 * FAB_LINE_MAX + 1];
	ssize_t		 n;
	int		 seen = 0, good = 0, first_error = -1, first_line = 0;
	int		 lineno = 0;
	struct fab_record r;

	comune[0] = '\0';
	while (seen < HEAD_LINES && (n = read_line(f, line, NULL)) >= 0) {
		enum fab_error	 e;

		lineno++;
		if (n == 0)
			continue;
		seen++;
		if ((size_t)n >= FAB_LINE_MAX) {
			e = FAB_TOO_LONG;
		} else {
			fab_utf8(line, (size_t)n, utf, sizeof(utf));
			e = fab_parse(utf, &r);
		}
		if (e == FAB_OK) {
			good++;
			if (comune[0] == '\0')
				memcpy(comune, r.comune, 5);
		} else if (first_error < 0) {
			first_error = (int)e;
			first_line = lineno;
		}
	}
	if (seen > 0 && good * 2 > seen)
		return true;
	if (seen == 0)
		snprintf(msg, msgsz, "%s", _("il file è vuoto"));
	else
		snprintf(msg, msgsz, _("il file non è una fornitura catastale "
		    "FAB: %d delle prime %d righe non sono record del catasto "
		    "fabbricati (riga %d: %s)"), seen - good, seen, first_line,
		    _(fab_messages[first_error]));
	return false;
}

/*
 * How the good lines of open situations are handled: only counted (a dry
 * run); given unit by unit to the batch, when the file has each unit's
 * lines together and the units in order; or staged, to be read back by
 * unit (any other order).
 */
enum line_mode { LINES_COUNT, LINES_STREAM, LINES_STAGE };

/*
 * Whether the file's lines come unit by unit, in the order of (sezione,
 * immobile): then each unit is complete when the next one starts, and the
 * import needs no staging.  Only the first three fields are read.  The
 * Agenzia's supplies come so; any other order is imported through the
 * staging table.
 */
static bool
in_unit_order(FILE *f, const char comune[5])
{
	char	 line[LINE_BUF], sezione[2] = "", prev_sezione[2] = "";
	int64_t	 prev = -1;
	ssize_t	 n;
	bool	 ok = true;

	while (ok && (n = read_line(f, line, NULL)) >= 0) {
		char	*p = line, *bar, *end;
		int64_t	 immobile;
		int	 c;

		if (n == 0 || (size_t)n >= FAB_LINE_MAX ||
		    strncmp(line, comune, 4) != 0 || line[4] != '|')
			continue;
		p = line + 5;
		if ((bar = strchr(p, '|')) == NULL || bar - p > 1)
			continue;
		sezione[0] = bar - p == 1 && *p != ' ' ? *p : '\0';
		sezione[1] = '\0';
		immobile = strtoll(bar + 1, &end, 10);
		if (end == bar + 1 || *end != '|')
			continue;
		c = strcmp(sezione, prev_sezione);
		if (c < 0 || (c == 0 && immobile < prev))
			ok = false;
		memcpy(prev_sezione, sezione, sizeof(sezione));
		prev = immobile;
	}
	rewind(f);
	return ok && !ferror(f);
}

/* The staging: a transaction and a COPY (or prepared insert) open. */
static int
stage_open(struct import_run *run)
{
	if (store_tx(run->st, STORE_BEGIN_BULK) < 0)
		return -1;
	if (store_bulk_begin(run->st, STMT_STAGE_ROW) < 0) {
		store_tx(run->st, STORE_ROLLBACK);
		return -1;
	}
	return 0;
}

static int
stage_close(struct import_run *run, bool ok)
{
	if (store_bulk_end(run->st, ok) < 0 || !ok ||
	    import_progress(run, true) < 0 || store_tx(run->st, STORE_COMMIT) < 0) {
		store_tx(run->st, STORE_ROLLBACK);
		return -1;
	}
	return 0;
}

/*
 * Pass 1: every line is parsed and the good lines of open situations are
 * handled as mode says.
 */
static int
read_lines(FILE *f, struct import_run *run, const char comune[5],
    enum line_mode mode, struct unit_batch *batch)
{
	char		 line[LINE_BUF], utf[2 * FAB_LINE_MAX + 1];
	char		 copy[2 * FAB_LINE_MAX + 1];
	ssize_t		 n;
	int64_t		 lineno = 0, since_commit = 0;
	struct fab_record local, *r = &local;

	if (mode == LINES_STAGE && stage_open(run) < 0)
		return -1;
	while ((n = read_line(f, line, run)) >= 0) {
		enum fab_error	 e;

		lineno++;
		run->lines++;
		if (n == 0)
			continue;
		if ((size_t)n >= FAB_LINE_MAX) {
			import_reject(run, lineno, 0, fab_messages[FAB_TOO_LONG]);
			continue;
		}
		fab_utf8(line, (size_t)n, utf, sizeof(utf));
		memcpy(copy, utf, strlen(utf) + 1);
		/* Streamed, the record is parsed where the batch keeps it. */
		if (mode == LINES_STREAM)
			r = unit_batch_next(batch);
		if ((e = fab_parse(copy, r)) != FAB_OK) {
			import_reject(run, lineno, r->bad_field, fab_messages[e]);
			continue;
		}
		if (strcmp(r->comune, comune) != 0) {
			import_reject(run, lineno, 1, N_("la riga è di un altro "
			    "comune: una fornitura FAB riguarda un comune solo"));
			continue;
		}
		if (r->type == 1 && r->closed) {
			run->skipped++;
			continue;
		}
		if (mode == LINES_STREAM) {
			if (unit_batch_take(batch) < 0)
				return -1;
		} else if (mode == LINES_STAGE) {
			if (store_bulk_row(run->st, "iisiddis", run->id,
			    run->comune_id, r->sezione, r->immobile,
			    r->progressivo, r->type, lineno, utf) < 0) {
				stage_close(run, false);
				return -1;
			}
			if (++since_commit >= COMMIT_LINES) {
				if (stage_close(run, true) < 0 ||
				    stage_open(run) < 0)
					return -1;
				since_commit = 0;
			}
		}
	}
	if (ferror(f)) {
		log_warn("cadastre: read error: %s", strerror(errno));
		if (mode == LINES_STAGE)
			stage_close(run, false);
		return -1;
	}
	if (mode == LINES_STAGE)
		return stage_close(run, true);
	if (mode == LINES_STREAM && unit_batch_flush(batch) < 0)
		return -1;
	return 0;
}

static bool
same_unit(json_t *a, json_t *b)
{
	return json_integer_value(json_object_get(a, "immobile")) ==
	    json_integer_value(json_object_get(b, "immobile")) &&
	    strcmp(json_string_value(json_object_get(a, "sezione")),
	    json_string_value(json_object_get(b, "sezione"))) == 0;
}

/*
 * Pass 2 of a staged import: the staged lines come back ordered by unit, a
 * page at a time, and each page's units go to the batch, which is written
 * at the end of the page.  A page that ends in the middle of a unit leaves
 * that unit for the next page.
 */
static int
merge(struct import_run *run, struct unit_batch *batch)
{
	char	 sezione[2] = "";
	int64_t	 immobile = -1;
	json_t	*rows, *row;

	for (;;) {
		size_t	 n, end;

		rows = store_rows(run->st, STMT_STAGE_PAGE, "iisid", run->id,
		    run->comune_id, sezione, immobile, PAGE_LINES);
		if (rows == NULL)
			return -1;
		if ((n = json_array_size(rows)) == 0) {
			json_decref(rows);
			return 0;
		}
		end = n;
		if (n == PAGE_LINES) {
			while (end > 0 && same_unit(json_array_get(rows, end - 1),
			    json_array_get(rows, n - 1)))
				end--;
			/* One unit with more lines than a page: take a page. */
			if (end == 0)
				end = n;
		}
		for (size_t i = 0; i < end; i++) {
			char		 copy[2 * FAB_LINE_MAX + 1];

			row = json_array_get(rows, i);
			snprintf(copy, sizeof(copy), "%s", json_string_value(
			    json_object_get(row, "line")));
			if (fab_parse(copy, unit_batch_next(batch)) == FAB_OK &&
			    unit_batch_take(batch) < 0)
				goto fail;
		}
		if (unit_batch_flush(batch) < 0)
			goto fail;
		row = json_array_get(rows, end - 1);
		snprintf(sezione, sizeof(sezione), "%s", json_string_value(
		    json_object_get(row, "sezione")));
		immobile = json_integer_value(json_object_get(row, "immobile"));
		json_decref(rows);
	}
fail:
	json_decref(rows);
	return -1;
}

/*
 * The head of the file must be FAB, of a comune configured here (and of
 * only_comune when that is not 0).  Leaves f where it was read to.
 */
static bool
check_head(struct store *st, FILE *f, int64_t only_comune, char comune[5],
    int64_t *comune_id, char *msg, size_t msgsz)
{
	if (!looks_like_fab(f, comune, msg, msgsz))
		return false;
	if ((*comune_id = comuni_id(st, comune)) == 0) {
		snprintf(msg, msgsz, _("il file è del comune %s, che non è "
		    "configurato in questa installazione"), comune);
		return false;
	}
	if (only_comune != 0 && *comune_id != only_comune) {
		snprintf(msg, msgsz, _("il file è del comune %s, non del "
		    "comune di questo ufficio"), comune);
		return false;
	}
	return true;
}

/*
 * Says, before an import is started elsewhere (the admin page starts it
 * in the background), whether the file would be refused at once, and why.
 */
bool
cadastre_check_file(struct store *st, const char *path, int64_t only_comune,
    char *msg, size_t msgsz)
{
	struct stat	 sb;
	FILE		*f = import_open(path, &sb, msg, msgsz);
	char		 comune[5];
	int64_t		 id;
	bool		 ok;

	if (f == NULL)
		return false;
	ok = check_head(st, f, only_comune, comune, &id, msg, msgsz);
	fclose(f);
	return ok;
}

/*
 * Imports a FAB file.  On CADASTRE_REFUSED nothing was written and msg says
 * why; on CADASTRE_FAILED the run is marked failed.  run holds the counts.
 */
enum cadastre_result
cadastre_import(struct store *st, const struct principal *who,
    const char *path, const struct cadastre_opts *o, struct import_run *run,
    char *msg, size_t msgsz)
{
	FILE		*f;
	struct stat	 sb;
	char		 comune[5];
	int64_t		 comune_id;
	enum import_begin b;
	enum line_mode	 mode;
	struct unit_batch *batch;
	int		 rc;

	msg[0] = '\0';
	import_reset(run);
	if ((f = import_open(path, &sb, msg, msgsz)) == NULL)
		return CADASTRE_REFUSED;
	if (!check_head(st, f, o->only_comune, comune, &comune_id, msg, msgsz))
		goto refused;
	rewind(f);
	if (o->parse_only) {
		/* A dry run: the same parsing, no row anywhere. */
		import_reset(run);
		run->st = st;
		run->kind = "cadastre";
		run->errors = json_array();
		run->quiet = o->quiet;
		run->total_bytes = sb.st_size;
		crypto_generichash_init(&run->hash, NULL, 0, 32);
		read_lines(f, run, comune, LINES_COUNT, NULL);
		json_decref(run->errors);
		run->errors = NULL;
		fclose(f);
		return CADASTRE_DONE;
	}
	mode = in_unit_order(f, comune) ? LINES_STREAM : LINES_STAGE;
	b = import_begin(run, st, who, comune_id, "cadastre",
	    o->display_name ? o->display_name : path, sb.st_size);
	if (b == IMPORT_BUSY) {
		snprintf(msg, msgsz, "%s", _("un'importazione del catasto per "
		    "questo comune è già in corso"));
		fclose(f);
		return CADASTRE_BUSY;
	}
	if (b != IMPORT_BEGUN) {
		snprintf(msg, msgsz, "%s", _("errore del database"));
		fclose(f);
		return CADASTRE_FAILED;
	}
	run->quiet = o->quiet;
	batch = unit_batch_new(run, comune_id, mode == LINES_STREAM);
	rc = read_lines(f, run, comune, mode, batch);
	if (rc == 0 && mode == LINES_STAGE)
		rc = merge(run, batch);
	unit_batch_free(batch);
	if (rc < 0) {
		fclose(f);
		snprintf(msg, msgsz, "%s", _("errore del database durante "
		    "l'importazione; nessun dato parziale è andato perso: "
		    "ripetere l'importazione"));
		store_exec(st, STMT_STAGE_DELETE, "i", run->id);
		import_finish(run, "failed", msg);
		return CADASTRE_FAILED;
	}
	fclose(f);
	if (store_exec(st, STMT_STAGE_DELETE, "i", run->id) < 0 ||
	    import_finish(run, "done", "") < 0) {
		snprintf(msg, msgsz, "%s", _("errore del database"));
		return CADASTRE_FAILED;
	}
	return CADASTRE_DONE;
refused:
	fclose(f);
	return CADASTRE_REFUSED;
}
