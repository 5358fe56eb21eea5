/*
 * unit_batch: see unit_batch.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/buf.h"
#include "base/config.h"
#include "base/log.h"
#include "domain/address.h"
#include "store/query.h"
#include "unit_batch.h"

/*
 * Units per buffer (two buffers of a few MB: the memory of an import stays
 * the same however large the file), and at most per transaction.
 */
#define BATCH_UNITS	4096
#define TX_UNITS	(16 * BATCH_UNITS)

/*
 * A transaction also ends when it has held the database's write lock for
 * IDONEO_IMPORT_TX_MS milliseconds: on SQLite the office's other writes
 * wait for it.  0 ends one after each buffer.
 */
#define TX_MS_DEFAULT	500

/* One address row: a house number of a type-3 group. */
struct unit_address {
	int		 toponimo;	/* -1: none */
	int		 codice_strada;	/* -1: none */
	char		 street[FAB_STREET_MAX];
	char		 civico[7];
	struct address	 ad;		/* dug, street_key, number, esponente */
};

enum unit_fate { UNIT_NEW, UNIT_CHANGED, UNIT_SAME };

/* What is stored of a unit: its type-1 record's columns. */
struct unit {
	char		 sezione[2];
	int64_t		 immobile;
	int		 progressivo;
	char		 category[6], classe[3], zona[4], scala[3];
	int64_t		 consistenza, superficie, rendita_cents;
	enum fab_measure measure;
	char		 interno[8], piano[24], partita[8];
	char		 annotazione[FAB_TEXT_MAX], opened_on[11];
	char		 fingerprint[33];
	int		 first_ident, n_idents, first_address, n_addresses;
	int64_t		 id;
	enum unit_fate	 fate;
};

/*
 * Built units waiting to be written, with the reader's counters when they
 * were handed over (the progress saved with them).
 */
struct unit_buffer {
	struct unit		*units;
	int			 nunits;
	struct fab_ident	*idents;
	int			 nidents, capidents;
	struct unit_address	*addresses;
	int			 naddresses, capaddresses;
	int64_t			 lines, skipped, rejected, done_bytes;
	bool			 last;		/* handed over by a flush */
};

/* What the writer's open transaction has done, counted when it commits. */
struct unit_counts {
	int64_t	 inserted, updated, unchanged;
	int64_t	 lines, skipped, rejected, done_bytes;
};

/*
 * The reader (the caller) fills one buffer while, threaded, a writer
 * thread writes the other: parsing and writing use both cores.  The
 * writer has a run of its own (wrun) for the database and its counts,
 * given back to the caller's at each unit_batch_flush.
 */
struct unit_batch {
	struct import_run	*run, wrun;
	int64_t			 comune_id;
	/*
	 * The records of the unit being read, and after them the slot the
	 * next record is parsed into (unit_batch_next).
	 */
	bool			 open;
	char			 sezione[2];
	int64_t			 immobile;
	struct fab_record	*recs;
	int			 nrecs, caprecs;
	struct buf		 canon;		/* for the fingerprint */
	struct unit_buffer	 buf[2], *fill;
	int			 tx_units;	/* in the open transaction */
	double			 tx_began;	/* when, monotonic seconds */
	double			 tx_seconds;	/* the longest */
	struct unit_counts	 pending;
	/* Threaded: the buffer handed to the writer, until written. */
	bool			 threaded, stop, failed;
	struct unit_buffer	*handed;
	pthread_t		 writer;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static int	 write_buffer(struct unit_batch *, struct unit_buffer *);

/* Copies a string known to fit, as snprintf would, without formatting. */
static void
copy_str(char *to, size_t size, const char *from)
{
	size_t	 n = strnlen(from, size - 1);

	memcpy(to, from, n);
	to[n] = '\0';
}

static void *
grow(void *p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = need > 2 * *cap ? need : 2 * *cap;
	if ((p = realloc(p, (size_t)*cap * size)) == NULL)
		log_fatal("unit_batch: out of memory");
	return p;
}

/* The writer thread: writes each buffer handed to it. */
static void *
writer_main(void *arg)
{
	struct unit_batch	*b = arg;

	pthread_mutex_lock(&b->mu);
	for (;;) {
		struct unit_buffer	*ub;
		int			 rc;

		while (b->handed == NULL && !b->stop)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->handed == NULL)
			break;
		ub = b->handed;
		pthread_mutex_unlock(&b->mu);
		rc = b->failed ? -1 : write_buffer(b, ub);
		pthread_mutex_lock(&b->mu);
		if (rc < 0)
			b->failed = true;
		b->handed = NULL;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/*
 * threaded: the units are written by a thread of their own while the
 * caller goes on; the caller must then not use the run's connection until
 * unit_batch_flush has returned.
 */
struct unit_batch *
unit_batch_new(struct import_run *run, int64_t comune_id, bool threaded)
{
	struct unit_batch	*b = calloc(1, sizeof(*b));

	if (b == NULL)
		log_fatal("unit_batch: out of memory");
	for (int i = 0; i < 2; i++)
		if ((b->buf[i].units = calloc(BATCH_UNITS,
		    sizeof(*b->buf[i].units))) == NULL)
			log_fatal("unit_batch: out of memory");
	b->fill = &b->buf[0];
	b->run = run;
	b->wrun = *run;
	b->comune_id = comune_id;
	b->tx_seconds = config_env_int("IDONEO_IMPORT_TX_MS", TX_MS_DEFAULT,
	    0, 60000) / 1000.0;
	buf_init(&b->canon);
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	if (threaded && pthread_create(&b->writer, NULL, writer_main, b) == 0)
		b->threaded = true;
	return b;
}

void
unit_batch_free(struct unit_batch *b)
{
	if (b == NULL)
		return;
	if (b->threaded) {
		pthread_mutex_lock(&b->mu);
		b->stop = true;
		pthread_cond_broadcast(&b->cv);
		pthread_mutex_unlock(&b->mu);
		pthread_join(b->writer, NULL);
	}
	/* A run that failed before its flush: what it began is undone. */
	if (b->tx_units > 0)
		store_tx(b->wrun.st, STORE_ROLLBACK);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	free(b->recs);
	for (int i = 0; i < 2; i++) {
		free(b->buf[i].units);
		free(b->buf[i].idents);
		free(b->buf[i].addresses);
	}
	buf_free(&b->canon);
	free(b);
}

/*
 * Where the next record is to be parsed: the caller fills it, then hands it
 * over with unit_batch_take, or parses another one in its place.
 */
struct fab_record *
unit_batch_next(struct unit_batch *b)
{
	b->recs = grow(b->recs, &b->caprecs, b->nrecs + 1, sizeof(*b->recs));
	return &b->recs[b->nrecs];
}

static int	 unit_end(struct unit_batch *);

/*
 * Takes the record parsed at unit_batch_next.  A record of another unit
 * ends the one being read, which is then built and put in the buffer.
 * Types 4 and 5 are not stored.  -1 if a write failed.
 */
int
unit_batch_take(struct unit_batch *b)
{
	struct fab_record	*r = &b->recs[b->nrecs];

	if (!b->open || r->immobile != b->immobile ||
	    strcmp(r->sezione, b->sezione) != 0) {
		if (b->open && unit_end(b) < 0)
			return -1;
		copy_str(b->sezione, sizeof(b->sezione), r->sezione);
		b->immobile = r->immobile;
		b->open = true;
		if (b->nrecs > 0)
			memcpy(&b->recs[0], r, sizeof(*r));
		b->nrecs = 0;
	}
	if (b->recs[b->nrecs].type >= 1 && b->recs[b->nrecs].type <= 3)
		b->nrecs++;
	return 0;
}

/* The parts that are not empty, joined by commas, cut to fit. */
static void
join_nonempty(char *out, size_t size, const char *const *parts, int n)
{
	size_t	 len = 0;

	for (int i = 0; i < n; i++) {
		size_t	 k = strlen(parts[i]);

		if (k == 0)
			continue;
		if (len > 0 && len + 1 < size)
			out[len++] = ',';
		if (k > size - 1 - len)
			k = size - 1 - len;
		memcpy(out + len, parts[i], k);
		len += k;
	}
	out[len] = '\0';
}

/* One address row per house number of each group; one if it has none. */
static void
add_addresses(struct unit_buffer *ub, struct unit *u,
    const struct fab_record *r)
{
	for (int g = 0; g < r->n_addresses; g++) {
		const struct fab_address *a = &r->addresses[g];
		const char	*dug = a->toponimo >= 0 ?
		    address_toponimo(a->toponimo) : "";

		for (int k = 0; k < 3; k++) {
			struct unit_address	*ua;

			if (a->civico[k][0] == '\0' && (k > 0 ||
			    a->civico[1][0] != '\0' || a->civico[2][0] != '\0'))
				continue;
			ub->addresses = grow(ub->addresses, &ub->capaddresses,
			    ub->naddresses + 1, sizeof(*ub->addresses));
			ua = &ub->addresses[ub->naddresses++];
			ua->toponimo = a->toponimo;
			ua->codice_strada = a->codice_strada;
			copy_str(ua->street, sizeof(ua->street), a->street);
			copy_str(ua->civico, sizeof(ua->civico), a->civico[k]);
			address_cadastral(dug, a->street, a->civico[k], &ua->ad);
			u->n_addresses++;
		}
	}
}

/* Appends a field of the canonical form: its text and a separator. */
static void
canon_s(struct buf *c, const char *s)
{
	buf_puts(c, s);
	buf_putc(c, '\x1f');
}

static void
canon_i(struct buf *c, int64_t v)
{
	char		 digits[24];
	int		 n = (int)sizeof(digits);
	uint64_t	 u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	digits[--n] = '\x1f';
	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		digits[--n] = '-';
	buf_append(c, digits + n, sizeof(digits) - (size_t)n);
}

/*
 * The fingerprint: BLAKE2b-128 of every column stored for the unit and its
 * rows, each field ended by a unit separator and each row begun by a
 * group or record separator, so that no two different units share a
 * canonical form.
 */
static void
fingerprint(struct buf *c, const struct unit_buffer *ub, struct unit *u)
{
	unsigned char	 h[16];

	buf_reset(c);
	canon_i(c, u->progressivo);
	canon_s(c, u->category);
	canon_s(c, u->classe);
	canon_i(c, u->consistenza);
	canon_i(c, (int64_t)u->measure);
	canon_i(c, u->superficie);
	canon_i(c, u->rendita_cents);
	canon_s(c, u->zona);
	canon_s(c, u->scala);
	canon_s(c, u->interno);
	canon_s(c, u->piano);
	canon_s(c, u->partita);
	canon_s(c, u->annotazione);
	canon_s(c, u->opened_on);
	for (int i = 0; i < u->n_idents; i++) {
		const struct fab_ident *id = &ub->idents[u->first_ident + i];

		buf_putc(c, '\x1e');
		canon_s(c, id->sezione_urbana);
		canon_s(c, id->foglio);
		canon_s(c, id->particella);
		canon_s(c, id->denominatore);
		canon_s(c, id->subalterno);
		canon_s(c, id->edificialita);
	}
	for (int i = 0; i < u->n_addresses; i++) {
		const struct unit_address *a = &ub->addresses[u->first_address +
		    i];

		buf_putc(c, '\x1d');
		canon_i(c, a->toponimo);
		canon_s(c, a->ad.dug);
		canon_s(c, a->street);
		canon_s(c, a->civico);
		canon_s(c, a->ad.street_key);
		canon_i(c, a->ad.number);
		canon_s(c, a->ad.esponente);
		canon_i(c, a->codice_strada);
	}
	crypto_generichash(h, sizeof(h), (const unsigned char *)c->data,
	    c->len, NULL, 0);
	sodium_bin2hex(u->fingerprint, sizeof(u->fingerprint), h, sizeof(h));
}

/* The columns of the unit from its type-1 record. */
static void
unit_main(struct unit *u, const struct fab_record *m)
{
	const char	*in[2] = {m->interno[0], m->interno[1]};
	const char	*pi[4] = {m->piano[0], m->piano[1], m->piano[2],
	    m->piano[3]};

	u->progressivo = m->progressivo;
	copy_str(u->category, sizeof(u->category), m->category);
	copy_str(u->classe, sizeof(u->classe), m->classe);
	copy_str(u->zona, sizeof(u->zona), m->zona);
	copy_str(u->scala, sizeof(u->scala), m->scala);
	u->consistenza = m->consistenza;
	u->superficie = m->superficie;
	u->rendita_cents = m->rendita_cents;
	u->measure = m->measure;
	join_nonempty(u->interno, sizeof(u->interno), in, 2);
	join_nonempty(u->piano, sizeof(u->piano), pi, 4);
	copy_str(u->partita, sizeof(u->partita), m->partita);
	copy_str(u->annotazione, sizeof(u->annotazione), m->annotazione);
	copy_str(u->opened_on, sizeof(u->opened_on), m->opened_on);
}

/*
 * Hands the full buffer to the writer and takes the other, once the writer
 * has written it.  Unthreaded, writes it here.  -1 if a write failed.
 */
static int
hand_over(struct unit_batch *b, bool last)
{
	struct unit_buffer	*ub = b->fill;
	bool			 failed;

	ub->lines = b->run->lines;
	ub->skipped = b->run->skipped;
	ub->rejected = b->run->rejected;
	ub->done_bytes = b->run->done_bytes;
	ub->last = last;
	if (!b->threaded)
		return write_buffer(b, ub);
	pthread_mutex_lock(&b->mu);
	while (b->handed != NULL)
		pthread_cond_wait(&b->cv, &b->mu);
	if (!(failed = b->failed)) {
		b->handed = ub;
		b->fill = ub == &b->buf[0] ? &b->buf[1] : &b->buf[0];
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return failed ? -1 : 0;
}

/*
 * Ends the unit being read: builds its current situation from its records
 * and puts it in the buffer, which is handed over when full.  A unit with
 * no open type-1 record is left out.
 */
static int
unit_end(struct unit_batch *b)
{
	struct unit_buffer	*ub = b->fill;
	const struct fab_record	*main = NULL;
	struct unit		*u;

	for (int i = 0; i < b->nrecs; i++)
		if (b->recs[i].type == 1 && (main == NULL ||
		    b->recs[i].progressivo > main->progressivo))
			main = &b->recs[i];
	if (main == NULL)
		return 0;
	u = &ub->units[ub->nunits];
	copy_str(u->sezione, sizeof(u->sezione), b->sezione);
	u->immobile = b->immobile;
	unit_main(u, main);
	u->first_ident = ub->nidents;
	u->first_address = ub->naddresses;
	u->n_idents = u->n_addresses = 0;
	/* The identifiers first, then the addresses, each in file order. */
	for (int i = 0; i < b->nrecs; i++) {
		const struct fab_record *r = &b->recs[i];

		if (r->type != 2 || r->progressivo != main->progressivo)
			continue;
		ub->idents = grow(ub->idents, &ub->capidents, ub->nidents +
		    r->n_idents, sizeof(*ub->idents));
		memcpy(&ub->idents[ub->nidents], r->idents,
		    (size_t)r->n_idents * sizeof(*r->idents));
		ub->nidents += r->n_idents;
		u->n_idents += r->n_idents;
	}
	for (int i = 0; i < b->nrecs; i++)
		if (b->recs[i].type == 3 &&
		    b->recs[i].progressivo == main->progressivo)
			add_addresses(ub, u, &b->recs[i]);
	fingerprint(&b->canon, ub, u);
	if (++ub->nunits == BATCH_UNITS)
		return hand_over(b, false);
	return 0;
}

/*
 * Which units are new, changed or the same, from the stored units of the
 * buffer's range (its units are in order).  Returns how many are new, or -1.
 */
static int
classify(struct unit_batch *b, struct unit_buffer *ub, int *changed)
{
	const struct unit	*first = &ub->units[0],
				*last = &ub->units[ub->nunits - 1];
	json_t			*stored, *map, *v;
	size_t			 i;
	int			 nnew = 0;

	stored = store_rows(b->wrun.st, STMT_UNITS_RANGE, "isisi",
	    b->comune_id, first->sezione, first->immobile, last->sezione,
	    last->immobile);
	if (stored == NULL)
		return -1;
	map = json_object();
	json_array_foreach(stored, i, v) {
		char	 key[40];

		snprintf(key, sizeof(key), "%s|%lld",
		    json_string_value(json_object_get(v, "sezione")),
		    (long long)json_integer_value(json_object_get(v,
		    "immobile")));
		json_object_set(map, key, v);
	}
	*changed = 0;
	for (int k = 0; k < ub->nunits; k++) {
		struct unit	*u = &ub->units[k];
		char		 key[40];
		const char	*fp;

		snprintf(key, sizeof(key), "%s|%lld", u->sezione,
		    (long long)u->immobile);
		if ((v = json_object_get(map, key)) == NULL) {
			u->fate = UNIT_NEW;
			nnew++;
			continue;
		}
		u->id = json_integer_value(json_object_get(v, "id"));
		fp = json_string_value(json_object_get(v, "fingerprint"));
		u->fate = fp != NULL && strcmp(fp, u->fingerprint) == 0 ?
		    UNIT_SAME : UNIT_CHANGED;
		if (u->fate == UNIT_CHANGED)
			(*changed)++;
	}
	json_decref(map);
	json_decref(stored);
	return nnew;
}

/* Gives the new units their ids, from runs of consecutive ids. */
static int
new_ids(struct unit_batch *b, struct unit_buffer *ub, int nnew)
{
	json_t	*runs = store_rows(b->wrun.st, STMT_UNIT_IDS, "i",
		    (int64_t)nnew);
	size_t	 r = 0;
	int64_t	 next = 0, left = 0;

	if (runs == NULL)
		return -1;
	for (int k = 0; k < ub->nunits; k++) {
		if (ub->units[k].fate != UNIT_NEW)
			continue;
		if (left == 0) {
			json_t *run = json_array_get(runs, r++);

			next = json_integer_value(json_object_get(run, "id"));
			left = json_integer_value(json_object_get(run, "n"));
			if (run == NULL || left <= 0) {
				json_decref(runs);
				return -1;
			}
		}
		ub->units[k].id = next++;
		left--;
	}
	json_decref(runs);
	return 0;
}

/* Writes the units of one fate as bulk rows of statement s. */
static int
unit_rows(struct unit_batch *b, struct unit_buffer *ub, enum stmt s,
    enum unit_fate fate)
{
	struct store	*st = b->wrun.st;
	int		 rc = store_bulk_begin(st, s);

	for (int k = 0; k < ub->nunits && rc == 0; k++) {
		const struct unit *u = &ub->units[k];

		if (u->fate != fate)
			continue;
		rc = store_bulk_row(st, "iisidsbsnsnnssssssssi", u->id,
		    b->comune_id, u->sezione, u->immobile, u->progressivo,
		    u->category, fab_residential(u->category), u->classe,
		    u->consistenza, fab_measure_names[u->measure],
		    u->superficie, u->rendita_cents, u->zona, u->scala,
		    u->interno, u->piano, u->partita, u->annotazione,
		    u->opened_on, u->fingerprint, b->wrun.id);
	}
	return store_bulk_end(st, rc == 0) < 0 ? -1 : rc;
}

/* The i-th identifier of unit u, as a bulk row. */
static int
ident_row(struct unit_batch *b, const struct unit_buffer *ub,
    const struct unit *u, int i)
{
	const struct fab_ident *id = &ub->idents[u->first_ident + i];

	return store_bulk_row(b->wrun.st, "iidssssss", u->id, b->comune_id,
	    i + 1, id->sezione_urbana, id->foglio, id->particella,
	    id->denominatore, id->subalterno, id->edificialita);
}

/* The i-th address of unit u, as a bulk row. */
static int
address_row(struct unit_batch *b, const struct unit_buffer *ub,
    const struct unit *u, int i)
{
	const struct unit_address *a = &ub->addresses[u->first_address + i];

	return store_bulk_row(b->wrun.st, "iidnssssdsn", u->id, b->comune_id,
	    i + 1, (int64_t)a->toponimo, a->ad.dug, a->street, a->civico,
	    a->ad.street_key, a->ad.number, a->ad.esponente,
	    (int64_t)a->codice_strada);
}

/*
 * Writes one kind of child rows (identifiers or addresses, as row says) of
 * the new and changed units, with statement s.
 */
static int
child_rows(struct unit_batch *b, struct unit_buffer *ub, enum stmt s,
    int (*row)(struct unit_batch *, const struct unit_buffer *,
    const struct unit *, int))
{
	struct store	*st = b->wrun.st;
	int		 rc = store_bulk_begin(st, s);

	for (int k = 0; k < ub->nunits && rc == 0; k++) {
		const struct unit *u = &ub->units[k];
		int		 n = row == ident_row ? u->n_idents :
				    u->n_addresses;

		for (int i = 0; i < n && rc == 0 && u->fate != UNIT_SAME; i++)
			rc = row(b, ub, u, i);
	}
	return store_bulk_end(st, rc == 0) < 0 ? -1 : rc;
}

/* The changed units: written in bulk to a table, then applied set-based. */
static int
apply_changes(struct unit_batch *b, struct unit_buffer *ub)
{
	struct store	*st = b->wrun.st;

	if (unit_rows(b, ub, STMT_UNIT_CHANGE_ROW, UNIT_CHANGED) < 0 ||
	    store_exec(st, STMT_UNITS_CHANGE, "") < 0 ||
	    store_exec(st, STMT_UNIT_IDENTS_DELETE_CHANGED, "") < 0 ||
	    store_exec(st, STMT_UNIT_ADDRESSES_DELETE_CHANGED, "") < 0 ||
	    store_exec(st, STMT_UNIT_CHANGES_CLEAR, "") < 0)
		return -1;
	return 0;
}

static double
monotonic(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Writes a buffer and empties it.  A transaction holds up to TX_UNITS
 * units, several buffers: the pages of the identifiers' and addresses'
 * indexes, which the units reach in no order, are then written once for
 * many units instead of once per buffer.  It ends, with the progress as it
 * was when its last buffer was handed over, when full, when as old as
 * IDONEO_IMPORT_TX_MS says, or at the batch's flush.
 */
static int
write_buffer(struct unit_batch *b, struct unit_buffer *ub)
{
	struct import_run	*w = &b->wrun;
	int			 nnew = 0, changed = 0;

	if (ub->nunits > 0) {
		if (b->tx_units == 0) {
			if (store_tx(w->st, STORE_BEGIN_BULK) < 0)
				return -1;
			b->tx_began = monotonic();
		}
		b->tx_units += ub->nunits;
		if ((nnew = classify(b, ub, &changed)) < 0 ||
		    (nnew > 0 && (new_ids(b, ub, nnew) < 0 ||
		    unit_rows(b, ub, STMT_UNIT_ROW, UNIT_NEW) < 0)) ||
		    (changed > 0 && apply_changes(b, ub) < 0) ||
		    (nnew + changed > 0 && (child_rows(b, ub,
		    STMT_UNIT_IDENT_ROW, ident_row) < 0 || child_rows(b, ub,
		    STMT_UNIT_ADDRESS_ROW, address_row) < 0))) {
			store_tx(w->st, STORE_ROLLBACK);
			b->tx_units = 0;
			return -1;
		}
		b->pending.inserted += nnew;
		b->pending.updated += changed;
		b->pending.unchanged += ub->nunits - nnew - changed;
		b->pending.lines = ub->lines;
		b->pending.skipped = ub->skipped;
		b->pending.rejected = ub->rejected;
		b->pending.done_bytes = ub->done_bytes;
		ub->nunits = ub->nidents = ub->naddresses = 0;
	}
	if (b->tx_units == 0 || (b->tx_units < TX_UNITS && !ub->last &&
	    monotonic() - b->tx_began < b->tx_seconds))
		return 0;
	b->tx_units = 0;
	w->inserted += b->pending.inserted;
	w->updated += b->pending.updated;
	w->unchanged += b->pending.unchanged;
	w->lines = b->pending.lines;
	w->skipped = b->pending.skipped;
	w->rejected = b->pending.rejected;
	w->done_bytes = b->pending.done_bytes;
	memset(&b->pending, 0, sizeof(b->pending));
	if (import_progress(w, true) < 0 || store_tx(w->st, STORE_COMMIT) < 0)
		return -1;
	return 0;
}

/*
 * Writes what the batch holds and waits until every unit given is
 * written; the run's counts are then up to date.  -1 if a write failed.
 */
int
unit_batch_flush(struct unit_batch *b)
{
	int	 rc = 0;

	if (b->open) {
		rc = unit_end(b);
		b->open = false;
		b->nrecs = 0;
	}
	if (rc == 0)
		rc = hand_over(b, true);

	if (b->threaded) {
		pthread_mutex_lock(&b->mu);
		while (b->handed != NULL)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->failed)
			rc = -1;
		pthread_mutex_unlock(&b->mu);
	}
	b->run->inserted = b->wrun.inserted;
	b->run->updated = b->wrun.updated;
	b->run->unchanged = b->wrun.unchanged;
	b->run->saved = b->wrun.saved;
	return rc;
}
