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
#include "domain/address.h"
#include "domain/fab.h"
#include "domain/i18n.h"
#include "domain/search.h"
#include "store/comuni.h"
#include "store/query.h"

#define HEAD_LINES	50	/* lines looked at before accepting a file */
#define STAGE_BATCH	500	/* lines per staging statement */
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

/* Sends the batch of staged lines, if any. */
static int
flush_stage(struct import_run *run, int64_t comune_id, json_t *batch)
{
	char	*text;
	int	 rc;

	if (json_array_size(batch) == 0)
		return 0;
	if ((text = json_dumps(batch, JSON_COMPACT)) == NULL)
		return -1;
	rc = store_exec(run->st, STMT_STAGE_INSERT_JSON, "iis", run->id,
	    comune_id, text);
	free(text);
	json_array_clear(batch);
	return rc < 0 ? -1 : 0;
}

/*
 * Pass 1: every line is parsed; the good lines of open situations are
 * staged.  With parse_only nothing is written.
 */
static int
stage(FILE *f, struct import_run *run, const char comune[5],
    int64_t comune_id, bool parse_only)
{
	char		 line[LINE_BUF], utf[2 * FAB_LINE_MAX + 1];
	char		 copy[2 * FAB_LINE_MAX + 1];
	ssize_t		 n;
	int64_t		 lineno = 0, since_commit = 0;
	json_t		*batch = json_array();
	struct fab_record r;
	int		 rc = -1;

	if (!parse_only && store_tx(run->st, STORE_BEGIN_WRITE) < 0)
		goto out;
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
		if ((e = fab_parse(copy, &r)) != FAB_OK) {
			import_reject(run, lineno, r.bad_field, fab_messages[e]);
			continue;
		}
		if (strcmp(r.comune, comune) != 0) {
			import_reject(run, lineno, 1, N_("la riga è di un altro "
			    "comune: una fornitura FAB riguarda un comune solo"));
			continue;
		}
		if (r.type == 1 && r.closed) {
			run->skipped++;
			continue;
		}
		if (parse_only)
			continue;
		json_array_append_new(batch, json_pack("[s, I, i, i, I, s]",
		    r.sezione, (json_int_t)r.immobile, r.progressivo, r.type,
		    (json_int_t)lineno, utf));
		if (json_array_size(batch) >= STAGE_BATCH &&
		    flush_stage(run, comune_id, batch) < 0)
			goto rollback;
		if (++since_commit >= COMMIT_LINES) {
			if (flush_stage(run, comune_id, batch) < 0 ||
			    import_progress(run, true) < 0 ||
			    store_tx(run->st, STORE_COMMIT) < 0 ||
			    store_tx(run->st, STORE_BEGIN_WRITE) < 0)
				goto rollback;
			since_commit = 0;
		} else if (run->tty)
			import_progress(run, false);
	}
	if (ferror(f)) {
		log_warn("cadastre: read error: %s", strerror(errno));
		goto rollback;
	}
	if (parse_only) {
		rc = 0;
		goto out;
	}
	if (flush_stage(run, comune_id, batch) < 0 ||
	    import_progress(run, true) < 0 || store_tx(run->st, STORE_COMMIT) < 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	if (!parse_only)
		store_tx(run->st, STORE_ROLLBACK);
out:
	json_decref(batch);
	return rc;
}

/* A unit's current situation, built from its staged lines. */
struct unit {
	char		 sezione[2];
	int64_t		 immobile;
	struct fab_record main;		/* the type-1 record */
	bool		 has_main;
	json_t		*idents, *addresses;
};

static void
join_nonempty(char *out, size_t size, const char *const *parts, int n)
{
	size_t	 len = 0;

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (parts[i][0] == '\0')
			continue;
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		    len > 0 ? "," : "", parts[i]);
		if (len >= size)
			break;
	}
}

/*
 * Adds the identifiers (type 2) and addresses (type 3) of one record to
 * the unit, one address row per house number.
 */
static void
add_groups(struct unit *u, const struct fab_record *r)
{
	for (int g = 0; g < r->n_idents; g++) {
		const struct fab_ident *id = &r->idents[g];

		json_array_append_new(u->idents, json_pack("[s, s, s, s, s, s]",
		    id->sezione_urbana, id->foglio, id->particella,
		    id->denominatore, id->subalterno, id->edificialita));
	}
	for (int g = 0; g < r->n_addresses; g++) {
		const struct fab_address *a = &r->addresses[g];
		const char	*dug = a->toponimo >= 0 ?
		    address_toponimo(a->toponimo) : "";

		for (int k = 0; k < 3; k++) {
			struct address	 ad;

			if (a->civico[k][0] == '\0' && (k > 0 ||
			    a->civico[1][0] != '\0' || a->civico[2][0] != '\0'))
				continue;
			address_cadastral(dug, a->street, a->civico[k], &ad);
			json_array_append_new(u->addresses, json_pack(
			    "[o, s, s, s, s, i, s, o]", a->toponimo >= 0 ?
			    json_integer(a->toponimo) : json_null(), ad.dug,
			    a->street, a->civico[k], ad.street_key, ad.number,
			    ad.esponente, a->codice_strada >= 0 ?
			    json_integer(a->codice_strada) : json_null()));
		}
	}
}

/*
 * Builds the unit from its staged rows [from, to): the type-1 record with
 * the highest progressivo, and the type-2/3 records of that progressivo.
 */
static void
build_unit(json_t *rows, size_t from, size_t to, struct unit *u)
{
	char		 copy[2 * FAB_LINE_MAX + 1];
	struct fab_record r;

	u->has_main = false;
	u->idents = json_array();
	u->addresses = json_array();
	for (size_t i = from; i < to; i++) {
		json_t *row = json_array_get(rows, i);

		if (json_integer_value(json_object_get(row, "record_type")) != 1)
			continue;
		snprintf(copy, sizeof(copy), "%s",
		    json_string_value(json_object_get(row, "line")));
		if (fab_parse(copy, &r) != FAB_OK)
			continue;
		if (!u->has_main || r.progressivo > u->main.progressivo) {
			u->main = r;
			u->has_main = true;
		}
	}
	if (!u->has_main)
		return;
	for (size_t i = from; i < to; i++) {
		json_t	*row = json_array_get(rows, i);
		int64_t	 t = json_integer_value(json_object_get(row,
		    "record_type"));

		if ((t != 2 && t != 3) || json_integer_value(json_object_get(row,
		    "progressivo")) != u->main.progressivo)
			continue;
		snprintf(copy, sizeof(copy), "%s",
		    json_string_value(json_object_get(row, "line")));
		if (fab_parse(copy, &r) == FAB_OK)
			add_groups(u, &r);
	}
}

/* The columns of a unit in the order of STMT_UNIT_INSERT / UPDATE. */
struct unit_cols {
	char	 interno[8], piano[24];
	char	 fingerprint[33];
};

static void
unit_cols(const struct unit *u, struct unit_cols *c)
{
	const struct fab_record	*m = &u->main;
	const char		*in[2] = {m->interno[0], m->interno[1]};
	const char		*pi[4] = {m->piano[0], m->piano[1], m->piano[2],
	    m->piano[3]};
	json_t			*doc;
	char			*text;
	unsigned char		 h[16];

	join_nonempty(c->interno, sizeof(c->interno), in, 2);
	join_nonempty(c->piano, sizeof(c->piano), pi, 4);
	/* Everything the unit's rows hold, in a canonical form. */
	doc = json_pack("{s:i, s:s, s:s, s:I, s:i, s:I, s:I, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:s, s:O, s:O}", "progressivo", m->progressivo,
	    "category", m->category, "classe", m->classe,
	    "consistenza", (json_int_t)m->consistenza, "measure", m->measure,
	    "superficie", (json_int_t)m->superficie,
	    "rendita", (json_int_t)m->rendita_cents, "zona", m->zona,
	    "scala", m->scala, "interno", c->interno, "piano", c->piano,
	    "partita", m->partita, "annotazione", m->annotazione,
	    "opened_on", m->opened_on, "idents", u->idents,
	    "addresses", u->addresses);
	/* O above took references of its own, released with doc. */
	text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	crypto_generichash(h, sizeof(h), (const unsigned char *)text,
	    strlen(text), NULL, 0);
	sodium_bin2hex(c->fingerprint, sizeof(c->fingerprint), h, sizeof(h));
	free(text);
	json_decref(doc);
}

static int
insert_children(struct store *st, int64_t unit_id, int64_t comune_id,
    const struct unit *u)
{
	char	*text;
	int	 rc = 0;

	if (json_array_size(u->idents) > 0) {
		text = json_dumps(u->idents, JSON_COMPACT);
		rc = store_exec(st, STMT_UNIT_IDENTS_INSERT_JSON, "iis", unit_id,
		    comune_id, text);
		free(text);
	}
	if (rc >= 0 && json_array_size(u->addresses) > 0) {
		text = json_dumps(u->addresses, JSON_COMPACT);
		rc = store_exec(st, STMT_UNIT_ADDRESSES_INSERT_JSON, "iis",
		    unit_id, comune_id, text);
		free(text);
	}
	return rc < 0 ? -1 : 0;
}

/* Inserts, updates or leaves the unit, and counts which. */
static int
save_unit(struct import_run *run, int64_t comune_id, const struct unit *u,
    json_t *existing)
{
	const struct fab_record	*m = &u->main;
	struct unit_cols	 c;
	char			 key[40];
	json_t			*old;
	int64_t			 id;

	unit_cols(u, &c);
	snprintf(key, sizeof(key), "%s|%lld", u->sezione,
	    (long long)u->immobile);
	old = json_object_get(existing, key);
	if (old != NULL && strcmp(json_string_value(json_object_get(old,
	    "fingerprint")), c.fingerprint) == 0) {
		run->unchanged++;
		return 0;
	}
	if (old == NULL) {
		if (store_int(run->st, &id, STMT_UNIT_INSERT,
		    "isidsbsnsnnssssssssi", comune_id, u->sezione, u->immobile,
		    m->progressivo, m->category, fab_residential(m->category),
		    m->classe, m->consistenza, fab_measure_names[m->measure],
		    m->superficie, m->rendita_cents, m->zona, m->scala,
		    c.interno, c.piano, m->partita, m->annotazione, m->opened_on,
		    c.fingerprint, run->id) <= 0)
			return -1;
		run->inserted++;
	} else {
		id = json_integer_value(json_object_get(old, "id"));
		if (store_exec(run->st, STMT_UNIT_UPDATE, "dsbsnsnnssssssssii",
		    m->progressivo, m->category, fab_residential(m->category),
		    m->classe, m->consistenza, fab_measure_names[m->measure],
		    m->superficie, m->rendita_cents, m->zona, m->scala,
		    c.interno, c.piano, m->partita, m->annotazione, m->opened_on,
		    c.fingerprint, run->id, id) != 1 ||
		    store_exec(run->st, STMT_UNIT_IDENTS_DELETE, "i", id) < 0 ||
		    store_exec(run->st, STMT_UNIT_ADDRESSES_DELETE, "i", id) < 0)
			return -1;
		run->updated++;
	}
	return insert_children(run->st, id, comune_id, u);
}

/*
 * The units already stored between the first and the last unit of a page,
 * keyed "sezione|immobile".
 */
static json_t *
existing_units(struct store *st, int64_t comune_id, json_t *rows, size_t n)
{
	json_t	*first = json_array_get(rows, 0),
		*last = json_array_get(rows, n - 1), *found, *map, *v;
	size_t	 i;

	found = store_rows(st, STMT_UNITS_RANGE, "isisi", comune_id,
	    json_string_value(json_object_get(first, "sezione")),
	    json_integer_value(json_object_get(first, "immobile")),
	    json_string_value(json_object_get(last, "sezione")),
	    json_integer_value(json_object_get(last, "immobile")));
	if (found == NULL)
		return NULL;
	map = json_object();
	json_array_foreach(found, i, v) {
		char	 key[40];

		snprintf(key, sizeof(key), "%s|%lld",
		    json_string_value(json_object_get(v, "sezione")),
		    (long long)json_integer_value(json_object_get(v,
		    "immobile")));
		json_object_set(map, key, v);
	}
	json_decref(found);
	return map;
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
 * Pass 2: the staged lines come back ordered by unit, a page at a time;
 * each page's units are saved in one transaction.  A page that ends in the
 * middle of a unit leaves that unit for the next page.
 */
static int
merge(struct import_run *run, int64_t comune_id)
{
	char	 sezione[2] = "";
	int64_t	 immobile = -1;

	for (;;) {
		json_t	*rows, *existing;
		size_t	 n, end, i;

		rows = store_rows(run->st, STMT_STAGE_PAGE, "iisid", run->id,
		    comune_id, sezione, immobile, PAGE_LINES);
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
		if ((existing = existing_units(run->st, comune_id, rows,
		    end)) == NULL || store_tx(run->st, STORE_BEGIN_WRITE) < 0) {
			json_decref(existing);
			json_decref(rows);
			return -1;
		}
		for (i = 0; i < end;) {
			struct unit	 u;
			size_t		 k = i + 1;
			json_t		*row = json_array_get(rows, i);
			int		 rc = 0;

			while (k < end && same_unit(json_array_get(rows, k), row))
				k++;
			snprintf(u.sezione, sizeof(u.sezione), "%s",
			    json_string_value(json_object_get(row, "sezione")));
			u.immobile = json_integer_value(json_object_get(row,
			    "immobile"));
			build_unit(rows, i, k, &u);
			if (u.has_main)
				rc = save_unit(run, comune_id, &u, existing);
			json_decref(u.idents);
			json_decref(u.addresses);
			if (rc < 0) {
				store_tx(run->st, STORE_ROLLBACK);
				json_decref(existing);
				json_decref(rows);
				return -1;
			}
			i = k;
		}
		{
			json_t *lastrow = json_array_get(rows, end - 1);

			snprintf(sezione, sizeof(sezione), "%s",
			    json_string_value(json_object_get(lastrow,
			    "sezione")));
			immobile = json_integer_value(json_object_get(lastrow,
			    "immobile"));
		}
		json_decref(existing);
		json_decref(rows);
		if (import_progress(run, true) < 0 ||
		    store_tx(run->st, STORE_COMMIT) < 0)
			return -1;
	}
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

	msg[0] = '\0';
	memset(run, 0, sizeof(*run));
	if ((f = import_open(path, &sb, msg, msgsz)) == NULL)
		return CADASTRE_REFUSED;
	if (!check_head(st, f, o->only_comune, comune, &comune_id, msg, msgsz))
		goto refused;
	rewind(f);
	if (o->parse_only) {
		/* A dry run: the same parsing, no row anywhere. */
		memset(run, 0, sizeof(*run));
		run->st = st;
		run->kind = "cadastre";
		run->errors = json_array();
		run->quiet = o->quiet;
		run->total_bytes = sb.st_size;
		crypto_generichash_init(&run->hash, NULL, 0, 32);
		stage(f, run, comune, comune_id, true);
		json_decref(run->errors);
		run->errors = NULL;
		fclose(f);
		return CADASTRE_DONE;
	}
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
	if (stage(f, run, comune, comune_id, false) < 0 ||
	    merge(run, comune_id) < 0) {
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
