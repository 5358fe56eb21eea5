/*
 * extract: see extract.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <csv.h>
#include <sodium.h>

#include "base/buf.h"
#include "base/log.h"
#include "domain/address.h"
#include "domain/codice_fiscale.h"
#include "domain/date.h"
#include "domain/fab.h"
#include "domain/i18n.h"
#include "extract.h"
#include "known_rows.h"
#include "store/query.h"

#define COLS_MAX	16
#define FIELD_MAX	256
/*
 * Rows written per transaction, as bulk rows (prepared inserts on SQLite,
 * COPY on PostgreSQL): the run's rows are invisible to readers until the
 * run is done, so the transactions only bound what a crash loses.
 */
#define COMMIT_ROWS	50000

enum col_type {
	COL_TEXT,
	COL_CF,		/* codice fiscale of a person */
	COL_CF_ANY,	/* of a person, or the 11 digits of a company */
	COL_DATE,	/* YYYY-MM-DD or DD/MM/YYYY */
	COL_INT,
};

struct column {
	const char	*name;
	bool		 required;
	enum col_type	 type;
	const char	*help;		/* for docs and the admin page */
};

/* The anagrafe extract: one row per resident person. */
enum { R_CF, R_SURNAME, R_NAMES, R_BIRTH, R_CITIZENSHIP, R_FAMILY, R_STREET,
	R_CIVICO, R_ESPONENTE, R_INTERNO, R_SCALA, R_FOGLIO, R_PARTICELLA,
	R_SUB, R__MAX };

static const struct column residents[R__MAX] = {
	[R_CF] = {"codice_fiscale", true, COL_CF, N_("codice fiscale")},
	[R_SURNAME] = {"cognome", true, COL_TEXT, N_("cognome")},
	[R_NAMES] = {"nome", true, COL_TEXT, N_("nome o nomi")},
	[R_BIRTH] = {"data_nascita", true, COL_DATE,
	    N_("data di nascita, AAAA-MM-GG o GG/MM/AAAA")},
	[R_CITIZENSHIP] = {"cittadinanza", true, COL_TEXT,
	    N_("cittadinanza (stato)")},
	[R_FAMILY] = {"id_famiglia", true, COL_TEXT,
	    N_("identificativo della famiglia anagrafica")},
	[R_STREET] = {"indirizzo", true, COL_TEXT,
	    N_("via con la sua specie, es. VIA ROMA")},
	[R_CIVICO] = {"civico", true, COL_TEXT,
	    N_("numero civico, anche con esponente (12/A); SNC se manca")},
	[R_ESPONENTE] = {"esponente", false, COL_TEXT, N_("esponente")},
	[R_INTERNO] = {"interno", false, COL_TEXT, N_("interno")},
	[R_SCALA] = {"scala", false, COL_TEXT, N_("scala")},
	[R_FOGLIO] = {"foglio", false, COL_TEXT, N_("foglio catastale")},
	[R_PARTICELLA] = {"particella", false, COL_TEXT,
	    N_("particella catastale")},
	[R_SUB] = {"subalterno", false, COL_TEXT, N_("subalterno")},
};

/* The TARI register: one row per dwelling registered for the waste tax. */
enum { T_CF, T_PAYER, T_STREET, T_CIVICO, T_ESPONENTE, T_INTERNO, T_FOGLIO,
	T_PARTICELLA, T_SUB, T_AREA, T_SINCE, T_UNTIL, T__MAX };

static const struct column tari[T__MAX] = {
	[T_CF] = {"codice_fiscale", true, COL_CF_ANY,
	    N_("codice fiscale di chi paga (persona o 11 cifre)")},
	[T_PAYER] = {"contribuente", true, COL_TEXT,
	    N_("nome di chi paga")},
	[T_STREET] = {"indirizzo", true, COL_TEXT,
	    N_("via con la sua specie, es. VIA ROMA")},
	[T_CIVICO] = {"civico", true, COL_TEXT, N_("numero civico")},
	[T_ESPONENTE] = {"esponente", false, COL_TEXT, N_("esponente")},
	[T_INTERNO] = {"interno", false, COL_TEXT, N_("interno")},
	[T_FOGLIO] = {"foglio", false, COL_TEXT, N_("foglio catastale")},
	[T_PARTICELLA] = {"particella", false, COL_TEXT,
	    N_("particella catastale")},
	[T_SUB] = {"subalterno", false, COL_TEXT, N_("subalterno")},
	[T_AREA] = {"superficie_mq", false, COL_INT,
	    N_("superficie tassata in m²")},
	[T_SINCE] = {"data_inizio", true, COL_DATE,
	    N_("inizio dell'iscrizione")},
	[T_UNTIL] = {"data_fine", false, COL_DATE,
	    N_("fine dell'iscrizione, vuota se in corso")},
};

static const struct {
	const struct column	*cols;
	int			 ncols;
	enum stmt		 row, known, delete_ids, delete_undone,
				 delete_import;
} kinds[EXTRACT__MAX] = {
	[EXTRACT_RESIDENTS] = {residents, R__MAX, STMT_RESIDENTS_ROW,
	    STMT_RESIDENTS_KNOWN, STMT_RESIDENTS_DELETE_IDS,
	    STMT_RESIDENTS_DELETE_UNDONE, STMT_RESIDENTS_DELETE_IMPORT},
	[EXTRACT_TARI] = {tari, T__MAX, STMT_TARI_ROW, STMT_TARI_KNOWN,
	    STMT_TARI_DELETE_IDS, STMT_TARI_DELETE_UNDONE,
	    STMT_TARI_DELETE_IMPORT},
};

const char *const extract_kind_names[EXTRACT__MAX] = {
	[EXTRACT_RESIDENTS] = "residents",
	[EXTRACT_TARI] = "tari",
};

/* The columns of a kind, for the admin page: [{name, required, help}]. */
json_t *
extract_columns(enum extract_kind k)
{
	json_t	*out = json_array();

	for (int i = 0; i < kinds[k].ncols; i++)
		json_array_append_new(out, json_pack("{s:s, s:b, s:s}", "name",
		    kinds[k].cols[i].name, "required", kinds[k].cols[i].required,
		    "help", _(kinds[k].cols[i].help)));
	return out;
}

/* The state of one run while libcsv calls back. */
struct parse {
	enum extract_kind	 kind;
	struct import_run	*run;
	int64_t			 comune_id;
	int			 map[COLS_MAX];	/* file column → our column */
	int			 where[COLS_MAX];	/* ours → file's, from 1 */
	int			 nfile;		/* fields in the current row */
	bool			 header_done;
	char			 field[COLS_MAX][FIELD_MAX];
	bool			 too_long[COLS_MAX];
	int64_t			 record;	/* 1 = the header */
	int64_t			 since_commit;
	bool			 open;		/* a transaction and bulk */
	struct known_rows	*known;		/* the extract in force */
	struct buf		 canon;		/* a row's fingerprinted form */
	int			 failed;	/* a write failed */
	bool			 header_only;	/* the probe before the run */
	bool			 dry;		/* rows checked, nothing written */
	char			 refusal[256];
	size_t			 row_bytes;	/* read since a row last ended */
};

/*
 * The longest row an extract may have: a row of the anagrafe is a few
 * hundred bytes.  libcsv keeps a field whole until it ends, so one endless
 * field would otherwise take the memory.
 */
#define ROW_MAX		(1024 * 1024)

static void
on_field(void *s, size_t len, void *data)
{
	struct parse	*p = data;
	int		 col = p->nfile++;

	if (col >= COLS_MAX)
		return;
	if (!p->header_done) {
		fab_utf8(s ? s : "", s ? len : 0, p->field[col], FIELD_MAX);
		return;
	}
	if (p->map[col] < 0)
		return;
	p->too_long[p->map[col]] = len >= FIELD_MAX / 2;
	fab_utf8(s ? s : "", s ? len : 0, p->field[p->map[col]], FIELD_MAX);
}

static void
trim(char *s)
{
	size_t	 n = strlen(s), k = strspn(s, " \t");

	while (n > k && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	memmove(s, s + k, n - k);
	s[n - k] = '\0';
}

/* Maps the header's names to our columns; false when a required is missing. */
static bool
read_header(struct parse *p)
{
	const struct column	*cols = kinds[p->kind].cols;
	bool			 seen[COLS_MAX] = {false};

	for (int i = 0; i < COLS_MAX; i++)
		p->map[i] = -1;
	for (int i = 0; i < p->nfile && i < COLS_MAX; i++) {
		char	*name = p->field[i];

		/* A UTF-8 byte order mark, as spreadsheets write it. */
		if (strncmp(name, "\xef\xbb\xbf", 3) == 0)
			memmove(name, name + 3, strlen(name + 3) + 1);
		trim(name);
		for (int c = 0; c < kinds[p->kind].ncols; c++)
			if (strcasecmp(name, cols[c].name) == 0 && !seen[c]) {
				p->map[i] = c;
				p->where[c] = i + 1;
				seen[c] = true;
			}
	}
	for (int c = 0; c < kinds[p->kind].ncols; c++)
		if (cols[c].required && !seen[c]) {
			snprintf(p->refusal, sizeof(p->refusal), _("manca la "
			    "colonna obbligatoria \"%s\" nella prima riga"),
			    cols[c].name);
			return false;
		}
	return true;
}

/* DD/MM/YYYY or YYYY-MM-DD to YYYY-MM-DD; false if not a date. */
static bool
iso_date(char *s)
{
	int	 d, m, y, day;
	char	 out[DATE_STRLEN];

	if (sscanf(s, "%2d/%2d/%4d", &d, &m, &y) == 3 && strlen(s) == 10 &&
	    date_from_ymd(y, m, d, &day)) {
		date_format(day, out);
		snprintf(s, FIELD_MAX, "%s", out);
		return true;
	}
	return date_parse(s, &day);
}

/*
 * The extract in force, read before the file: the rows an unfinished run
 * left behind are deleted first (they come after the extract in force),
 * then the rows in force are loaded by fingerprint.
 */
static int
in_force(struct parse *p)
{
	struct store	*st = p->run->st;
	const char	*kind = extract_kind_names[p->kind];
	json_t		*row;
	int64_t		 current = 0, undone = 0;

	if (store_row(st, &row, STMT_EXTRACT_CURRENT, "is", p->comune_id,
	    kind) < 0)
		return -1;
	if (row != NULL) {
		current = json_integer_value(json_object_get(row, "id"));
		json_decref(row);
	}
	if (store_int(st, &undone, STMT_EXTRACT_UNDONE, "isii", p->comune_id,
	    kind, current, p->run->id) < 0)
		return -1;
	if (undone > 0 && (store_tx(st, STORE_BEGIN_WRITE) < 0 ||
	    store_exec(st, kinds[p->kind].delete_undone, "ii", p->comune_id,
	    current) < 0 || store_tx(st, STORE_COMMIT) < 0)) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	p->known = known_rows_load(st, kinds[p->kind].known, p->comune_id);
	return p->known != NULL ? 0 : -1;
}

/* Deletes one page of the rows the new extract no longer has. */
static int
remove_ids(void *arg, json_t *ids)
{
	struct parse	*p = arg;
	char		*text = json_dumps(ids, JSON_COMPACT);
	int		 rc = text != NULL ? store_exec(p->run->st,
			    kinds[p->kind].delete_ids, "s", text) : -1;

	free(text);
	if (rc < 0)
		return -1;
	p->run->removed += (int64_t)json_array_size(ids);
	return 0;
}

static int
remove_unclaimed(void *arg)
{
	struct parse	*p = arg;

	return known_rows_unclaimed(p->known, remove_ids, p);
}

/* A transaction with the kind's bulk rows open in it. */
static int
bulk_open(struct parse *p)
{
	struct store	*st = p->run->st;

	if (store_tx(st, STORE_BEGIN_BULK) < 0)
		return -1;
	if (store_bulk_begin(st, kinds[p->kind].row) < 0) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	p->open = true;
	return 0;
}

/* Ends the bulk rows and commits them with the progress, or rolls back. */
static int
bulk_close(struct parse *p, bool ok)
{
	struct store	*st = p->run->st;

	if (!p->open)
		return ok ? 0 : -1;
	p->open = false;
	if (store_bulk_end(st, ok) < 0 || !ok ||
	    import_progress(p->run, true) < 0 ||
	    store_tx(st, STORE_COMMIT) < 0) {
		store_tx(st, STORE_ROLLBACK);
		return -1;
	}
	return 0;
}

/*
 * The fingerprint of a row: BLAKE2b-128 of the values written, each ended
 * by a unit separator, as 32 hexadecimal digits (and its bytes in fp).
 */
static void
row_fingerprint(struct parse *p, const char *const *v, int n,
    unsigned char fp[KNOWN_FP_LEN], char hex[2 * KNOWN_FP_LEN + 1])
{
	buf_reset(&p->canon);
	for (int i = 0; i < n; i++) {
		buf_puts(&p->canon, v[i]);
		buf_putc(&p->canon, '\x1f');
	}
	crypto_generichash(fp, KNOWN_FP_LEN, (const unsigned char *)
	    p->canon.data, p->canon.len, NULL, 0);
	sodium_bin2hex(hex, 2 * KNOWN_FP_LEN + 1, fp, KNOWN_FP_LEN);
}

/*
 * Whether the row is already in force (it claims the stored row), or is
 * to be written with fingerprint hex.
 */
static bool
row_known(struct parse *p, const char *const *v, int n,
    char hex[2 * KNOWN_FP_LEN + 1])
{
	unsigned char	 fp[KNOWN_FP_LEN];

	row_fingerprint(p, v, n, fp, hex);
	if (p->known == NULL || !known_rows_claim(p->known, fp))
		return false;
	p->run->unchanged++;
	return true;
}

/* Checks one data row; on success writes it, unless dry or already in force. */
static void
take_row(struct parse *p)
{
	const struct column	*cols = kinds[p->kind].cols;
	char			(*f)[FIELD_MAX] = p->field;
	struct address		 a;
	char			 cf[CF_LEN + 1], num[16];
	char			 hex[2 * KNOWN_FP_LEN + 1];
	int			 street = p->kind == EXTRACT_RESIDENTS ? R_STREET :
	    T_STREET;

	for (int c = 0; c < kinds[p->kind].ncols; c++) {
		trim(f[c]);
		if (p->too_long[c]) {
			import_reject(p->run, p->record, p->where[c],
			    N_("valore troppo lungo"));
			return;
		}
		if (f[c][0] == '\0') {
			if (cols[c].required) {
				import_reject(p->run, p->record, p->where[c],
				    N_("manca un valore obbligatorio"));
				return;
			}
			continue;
		}
		switch (cols[c].type) {
		case COL_CF_ANY:
			if (strlen(f[c]) == 11 && strspn(f[c], "0123456789") == 11)
				break;
			/* FALLTHROUGH */
		case COL_CF:
			if (cf_validate(f[c], cf) != CF_OK) {
				import_reject(p->run, p->record, p->where[c],
				    N_("codice fiscale non valido"));
				return;
			}
			snprintf(f[c], FIELD_MAX, "%s", cf);
			break;
		case COL_DATE:
			if (!iso_date(f[c])) {
				import_reject(p->run, p->record, p->where[c],
				    N_("data non valida (AAAA-MM-GG o GG/MM/AAAA)"));
				return;
			}
			break;
		case COL_INT:
			if (strspn(f[c], "0123456789") != strlen(f[c]) ||
			    strlen(f[c]) > 9) {
				import_reject(p->run, p->record, p->where[c],
				    N_("numero intero non valido"));
				return;
			}
			break;
		case COL_TEXT:
			break;
		}
	}
	if (p->kind == EXTRACT_RESIDENTS) {
		address_parse_parts(f[street], f[R_CIVICO], f[R_ESPONENTE],
		    f[R_INTERNO], f[R_SCALA], &a);
		snprintf(num, sizeof(num), "%d", a.number);
		{
			const char *v[] = {f[R_CF], f[R_SURNAME], f[R_NAMES],
			    f[R_BIRTH], f[R_CITIZENSHIP], f[R_FAMILY],
			    f[R_STREET], f[R_CIVICO], a.esponente, a.interno,
			    a.scala, a.street_key, num, f[R_FOGLIO],
			    f[R_PARTICELLA], f[R_SUB]};

			if (!p->dry && !row_known(p, v, 16, hex) &&
			    store_bulk_row(p->run->st, "iissssssssssssdssss",
			    p->comune_id, p->run->id, f[R_CF], f[R_SURNAME],
			    f[R_NAMES], f[R_BIRTH], f[R_CITIZENSHIP],
			    f[R_FAMILY], f[R_STREET], f[R_CIVICO], a.esponente,
			    a.interno, a.scala, a.street_key, a.number,
			    f[R_FOGLIO], f[R_PARTICELLA], f[R_SUB], hex) < 0)
				p->failed = -1;
		}
	} else {
		address_parse_parts(f[street], f[T_CIVICO], f[T_ESPONENTE],
		    f[T_INTERNO], NULL, &a);
		snprintf(num, sizeof(num), "%d", a.number);
		{
			const char *v[] = {f[T_CF], f[T_PAYER], f[T_STREET],
			    f[T_CIVICO], a.esponente, a.interno, a.street_key,
			    num, f[T_FOGLIO], f[T_PARTICELLA], f[T_SUB],
			    f[T_AREA], f[T_SINCE], f[T_UNTIL]};

			if (!p->dry && !row_known(p, v, 14, hex) &&
			    store_bulk_row(p->run->st, "iisssssssdsssnsss",
			    p->comune_id, p->run->id, f[T_CF], f[T_PAYER],
			    f[T_STREET], f[T_CIVICO], a.esponente, a.interno,
			    a.street_key, a.number, f[T_FOGLIO],
			    f[T_PARTICELLA], f[T_SUB], f[T_AREA][0] ?
			    (int64_t)atoll(f[T_AREA]) : (int64_t)-1,
			    f[T_SINCE], f[T_UNTIL], hex) < 0)
				p->failed = -1;
		}
	}
	p->run->inserted++;
}

static void
on_row(int c, void *data)
{
	struct parse	*p = data;
	bool		 blank = true;

	p->row_bytes = 0;

	for (int i = 0; i < COLS_MAX; i++)
		if (p->field[i][0] != '\0')
			blank = false;
	p->record++;
	p->run->lines++;
	if (!p->header_done) {
		p->header_done = true;
		if (!read_header(p))
			p->failed = -2;
	} else if (p->failed == 0 && !p->header_only && !blank) {
		take_row(p);
		if (p->failed == 0 && !p->dry &&
		    ++p->since_commit >= COMMIT_ROWS) {
			p->since_commit = 0;
			if (bulk_close(p, true) < 0 || bulk_open(p) < 0)
				p->failed = -1;
		}
	}
	p->nfile = 0;
	memset(p->field, 0, sizeof(p->field));
	memset(p->too_long, 0, sizeof(p->too_long));
	(void)c;
}

/* The separator the header uses: ';' when it has more of them than ','. */
static unsigned char
sniff(FILE *f)
{
	int	 c, semi = 0, comma = 0;

	while ((c = fgetc(f)) != EOF && c != '\n') {
		semi += c == ';';
		comma += c == ',';
	}
	rewind(f);
	return semi > comma ? ';' : ',';
}

/*
 * Reads the whole file through libcsv: only the header when header_only,
 * writing nothing; otherwise every row.
 */
static int
parse_file(FILE *f, struct parse *p, bool header_only)
{
	struct csv_parser	 csv;
	char			 buf[65536];
	size_t			 n;

	if (csv_init(&csv, CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_delim(&csv, sniff(f));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (!header_only && !p->dry) {
			import_hash(p->run, buf, n);
			p->run->done_bytes += (int64_t)n;
		}
		p->row_bytes += n;
		if (csv_parse(&csv, buf, n, on_field, on_row, p) != n) {
			snprintf(p->refusal, sizeof(p->refusal), _("il file non "
			    "è un CSV leggibile: %s"),
			    csv_strerror(csv_error(&csv)));
			csv_free(&csv);
			return -2;
		}
		if (p->row_bytes > ROW_MAX) {
			snprintf(p->refusal, sizeof(p->refusal), _("il file ha "
			    "una riga di oltre 1 MiB: non è un estratto"));
			csv_free(&csv);
			return -2;
		}
		if (p->failed != 0 || (header_only && p->header_done))
			break;
		if (p->run->tty && !header_only && !p->dry)
			import_progress(p->run, false);
	}
	if (p->failed == 0 && !(header_only && p->header_done))
		csv_fini(&csv, on_field, on_row, p);
	csv_free(&csv);
	return p->failed;
}

/* Whether the file's first row names the required columns; msg says. */
bool
extract_check_file(enum extract_kind kind, const char *path, char *msg,
    size_t msgsz)
{
	struct stat		 sb;
	FILE			*f = import_open(path, &sb, msg, msgsz);
	struct parse		*p;
	struct import_run	 probe;
	bool			 ok;

	if (f == NULL)
		return false;
	p = calloc(1, sizeof(*p));
	memset(&probe, 0, sizeof(probe));
	p->kind = kind;
	p->run = &probe;
	p->header_only = true;
	ok = parse_file(f, p, true) == 0 && p->header_done;
	if (!ok)
		snprintf(msg, msgsz, "%s", p->refusal[0] ? p->refusal :
		    _("il file è vuoto"));
	fclose(f);
	free(p);
	return ok;
}

/*
 * Imports an extract of the comune.  On EXTRACT_REFUSED the previous
 * extract stays in force and msg says why.
 */
enum extract_result
extract_import(struct store *st, const struct principal *who,
    enum extract_kind kind, int64_t comune_id, const char *path,
    const char *display_name, bool quiet, struct import_run *run,
    char *msg, size_t msgsz)
{
	FILE			*f;
	struct stat		 sb;
	struct parse		*p = calloc(1, sizeof(*p));
	enum import_begin	 b;
	enum extract_result	 res = EXTRACT_FAILED;
	int			 rc;

	msg[0] = '\0';
	import_reset(run);
	if ((f = import_open(path, &sb, msg, msgsz)) == NULL) {
		free(p);
		return EXTRACT_REFUSED;
	}
	/* The header first: a wrong file writes nothing at all. */
	if (!extract_check_file(kind, path, msg, msgsz)) {
		fclose(f);
		free(p);
		return EXTRACT_REFUSED;
	}
	rewind(f);
	memset(p, 0, sizeof(*p));
	b = import_begin(run, st, who, comune_id, extract_kind_names[kind],
	    display_name ? display_name : path, sb.st_size);
	if (b != IMPORT_BEGUN) {
		snprintf(msg, msgsz, "%s", b == IMPORT_BUSY ?
		    _("un'importazione dello stesso tipo per questo comune è "
		    "già in corso") : _("errore del database"));
		fclose(f);
		free(p);
		return b == IMPORT_BUSY ? EXTRACT_BUSY : EXTRACT_FAILED;
	}
	run->quiet = quiet;
	p->kind = kind;
	p->run = run;
	p->comune_id = comune_id;
	buf_init(&p->canon);
	if (in_force(p) < 0)
		p->failed = -1;
	if (p->failed == 0 && bulk_open(p) < 0)
		p->failed = -1;
	rc = p->failed == 0 ? parse_file(f, p, false) : -1;
	if (bulk_close(p, rc == 0) < 0 && rc == 0)
		rc = -1;
	fclose(f);
	/* Rows the file had, the header left out. */
	if (rc == 0 && run->inserted == 0) {
		rc = -2;
		snprintf(p->refusal, sizeof(p->refusal), "%s",
		    _("nessuna riga valida nel file"));
	} else if (rc == 0 && run->rejected * 100 >
	    (run->inserted + run->rejected) * EXTRACT_MAX_BAD_PERCENT) {
		rc = -2;
		snprintf(p->refusal, sizeof(p->refusal), _("righe non valide: "
		    "%lld su %lld, più del %d%%; il file sembra sbagliato e non "
		    "sostituisce l'estratto in vigore"),
		    (long long)run->rejected,
		    (long long)(run->inserted + run->rejected),
		    EXTRACT_MAX_BAD_PERCENT);
	}
	if (rc == 0) {
		/*
		 * The rows the new extract no longer has go in the transaction
		 * that puts it in force: readers see the old one or the new.
		 */
		if (import_finish_with(run, "done", "", remove_unclaimed, p) < 0)
			goto fail;
		res = EXTRACT_DONE;
		goto out;
	}
	/* Refused or failed: this run's rows go, the previous extract stays. */
	snprintf(msg, msgsz, "%s", rc == -2 ? p->refusal :
	    _("errore del database durante l'importazione: l'estratto in "
	    "vigore non è cambiato"));
	if (store_tx(st, STORE_BEGIN_WRITE) == 0) {
		if (store_exec(st, kinds[kind].delete_import, "ii", comune_id,
		    run->id) < 0)
			store_tx(st, STORE_ROLLBACK);
		else
			store_tx(st, STORE_COMMIT);
	}
	run->inserted = run->unchanged = 0;
	import_finish(run, rc == -2 ? "refused" : "failed", msg);
	res = rc == -2 ? EXTRACT_REFUSED : EXTRACT_FAILED;
	goto out;
fail:
	/* Its rows stay invisible: the next run of the kind deletes them. */
	snprintf(msg, msgsz, "%s", _("errore del database durante "
	    "l'importazione: l'estratto in vigore non è cambiato"));
out:
	known_rows_free(p->known);
	buf_free(&p->canon);
	free(p);
	return res;
}

/*
 * Reads an extract from f as an import would, checking its header and
 * every row, and writing nothing: run (made by the caller, with an errors
 * array) counts the rows read, taken (inserted) and rejected.  For the
 * fuzz target of the extract parser.  Returns 0, or -2 with msg when the
 * file is refused as a whole.
 */
int
extract_parse_dry(enum extract_kind kind, FILE *f, struct import_run *run,
    char *msg, size_t msgsz)
{
	struct parse	*p = calloc(1, sizeof(*p));
	int		 rc;

	if (p == NULL)
		return -1;
	p->kind = kind;
	p->run = run;
	p->dry = true;
	rc = parse_file(f, p, false);
	if (rc != 0 || !p->header_done) {
		snprintf(msg, msgsz, "%s", p->refusal[0] ? p->refusal :
		    _("il file è vuoto"));
		rc = -2;
	}
	free(p);
	return rc;
}
