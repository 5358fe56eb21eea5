/*
 * points: the T-Serve network (docs/points.md).  The administrator
 * accredits, suspends and closes points, one by one or as a CSV file; the
 * intake and the API list the open points nearest a place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/geo.h"
#include "domain/i18n.h"
#include "domain/names.h"
#include "domain/workflow.h"
#include "points/points.h"
#include "store/audit.h"
#include "store/comuni.h"
#include "store/query.h"
#include "store/tx.h"

const struct choice point_kinds[] = {
	{"tobacconist", N_("Tabaccheria")},
	{"newsagent", N_("Edicola")},
	{"office", N_("Ufficio comunale")},
	{NULL, NULL},
};

const struct choice point_statuses[] = {
	{"accredited", N_("Accreditato")},
	{"suspended", N_("Sospeso")},
	{"closed", N_("Chiuso")},
	{NULL, NULL},
};

/* The columns of the CSV file, in order (docs/points.md). */
static const char *const csv_columns[POINT_F__MAX] = {
	"comune", "nome", "tipo", "indirizzo", "lat", "lon", "orari",
	"contatto", "rilascio", "tributi", "stato",
};

/* A flag of the CSV file or the form: "si"/"1"/"on" or "no"/"0"/"". */
static int
flag(const char *v)
{
	if (v == NULL || *v == '\0' || strcmp(v, "0") == 0 ||
	    strcasecmp(v, "no") == 0)
		return 0;
	if (strcmp(v, "1") == 0 || strcasecmp(v, "si") == 0 ||
	    strcasecmp(v, "sì") == 0 || strcmp(v, "on") == 0)
		return 1;
	return -1;
}

/*
 * Checks one point's fields (by enum point_field) into p; returns why it
 * is refused, or NULL.
 */
static const char *
point_check(struct store *st, const char *const f[POINT_F__MAX],
    struct point_row *p)
{
	memset(p, 0, sizeof(*p));
	if ((p->comune_id = comuni_id(st, f[POINT_F_COMUNE] ?
	    f[POINT_F_COMUNE] : "")) <= 0)
		return _("comune: un codice Belfiore del comune (per esempio "
		    "G999)");
	p->name = f[POINT_F_NAME];
	if (p->name == NULL || *p->name == '\0' || strlen(p->name) > 100)
		return _("nome: obbligatorio, al massimo 100 caratteri");
	p->kind = f[POINT_F_KIND];
	if (choice_index(point_kinds, p->kind) < 0)
		return _("tipo: tobacconist, newsagent o office");
	p->address = f[POINT_F_ADDRESS];
	if (p->address == NULL || *p->address == '\0' ||
	    strlen(p->address) > 200)
		return _("indirizzo: obbligatorio, al massimo 200 caratteri");
	if (!geo_parse(f[POINT_F_LAT], true, &p->lat_e6) ||
	    !geo_parse(f[POINT_F_LON], false, &p->lon_e6))
		return _("coordinate: latitudine e longitudine in gradi "
		    "decimali (per esempio 43.8807 e 11.0966)");
	p->hours = f[POINT_F_HOURS] ? f[POINT_F_HOURS] : "";
	p->contact = f[POINT_F_CONTACT] ? f[POINT_F_CONTACT] : "";
	if (strlen(p->hours) > 200 || strlen(p->contact) > 200)
		return _("orari e contatto: al massimo 200 caratteri");
	if ((p->releases = flag(f[POINT_F_RELEASES])) < 0 ||
	    (p->collects_fees = flag(f[POINT_F_FEES])) < 0)
		return _("rilascio e tributi: si o no");
	p->status = f[POINT_F_STATUS] && *f[POINT_F_STATUS] ?
	    f[POINT_F_STATUS] : "accredited";
	if (choice_index(point_statuses, p->status) < 0)
		return _("stato: accredited, suspended o closed");
	return NULL;
}

static int
point_write(struct store *st, const struct principal *who,
    const struct point_row *p)
{
	char	 now[CLOCK_STRLEN];
	int64_t	 id;

	clock_utc(clock_now(), now);
	if (store_int(st, &id, STMT_POINT_UPSERT, "isssddssddsss", p->comune_id,
	    p->name, p->kind, p->address, p->lat_e6, p->lon_e6, p->hours,
	    p->contact, p->releases, p->collects_fees, p->status, now,
	    now) != 1 || audit_add(st, who, p->comune_id, "point_save",
	    "point", id, p->status) < 0)
		return -1;
	return 0;
}

struct one {
	struct point_row	 p;
};

static enum svc_result
one_write(struct store *st, const struct principal *who, void *arg)
{
	return point_write(st, who, &((struct one *)arg)->p) < 0 ?
	    SVC_ERROR : SVC_OK;
}

/*
 * Saves a point from the administrator's form (its fields named as the
 * CSV's columns): a new name adds it, a known one changes it.  *why says
 * why a bad form is refused.
 */
enum svc_result
points_save(struct store *st, const struct principal *who, const json_t *form,
    const char **why)
{
	const char	*f[POINT_F__MAX];
	struct one	 o;

	for (int i = 0; i < POINT_F__MAX; i++)
		f[i] = jfield_str(form, csv_columns[i]);
	if ((*why = point_check(st, f, &o.p)) != NULL)
		return SVC_INVALID;
	return store_write(st, one_write, who, &o);
}

struct status_change {
	int64_t		 id;
	const char	*status;
};

static enum svc_result
status_write(struct store *st, const struct principal *who, void *arg)
{
	struct status_change	*c = arg;
	json_t			*p;
	char			 now[CLOCK_STRLEN];
	int			 found;

	if ((found = store_row(st, &p, STMT_POINT_GET, "i", c->id)) <= 0)
		return found == 0 ? SVC_NOT_FOUND : SVC_ERROR;
	clock_utc(clock_now(), now);
	if (store_exec(st, STMT_POINT_SET_STATUS, "ssi", c->status, now,
	    c->id) != 1 || audit_add(st, who, jfield_int(p, "comune_id"),
	    "point_status", "point", c->id, c->status) < 0) {
		json_decref(p);
		return SVC_ERROR;
	}
	json_decref(p);
	return SVC_OK;
}

/* Accredits, suspends or closes point id. */
enum svc_result
points_set_status(struct store *st, const struct principal *who, int64_t id,
    const char *status)
{
	struct status_change c = {id, status};

	if (choice_index(point_statuses, status) < 0)
		return SVC_INVALID;
	return store_write(st, status_write, who, &c);
}

/* Microdegrees as decimal degrees with six decimals ("43.880840"). */
static const char *
degrees(int64_t e6, char *b, size_t size)
{
	snprintf(b, size, "%s%lld.%06lld", e6 < 0 ? "-" : "",
	    (long long)(llabs(e6) / 1000000), (long long)(llabs(e6) % 1000000));
	return b;
}

/* Adds the words pages show to a point row. */
static void
point_view(json_t *p)
{
	char	 b[32];
	int64_t	 la = jfield_int(p, "lat_e6"), lo = jfield_int(p, "lon_e6");

	json_object_set_new(p, "kind_label", json_string(_(choice_label(
	    point_kinds, jfield_text(p, "kind")))));
	json_object_set_new(p, "status_label", json_string(_(choice_label(
	    point_statuses, jfield_text(p, "status")))));
	json_object_set_new(p, "lat", json_string(degrees(la, b, sizeof(b))));
	json_object_set_new(p, "lon", json_string(degrees(lo, b, sizeof(b))));
}

/* The point operator p works at, for their page; NULL when none. */
json_t *
points_of_operator(struct store *st, const struct principal *p)
{
	json_t *row = NULL;

	if (p->role != ROLE_POINT || p->point_id <= 0 || store_row(st, &row,
	    STMT_POINT_GET, "i", p->point_id) != 1)
		return NULL;
	point_view(row);
	return row;
}

/* Every point of comune_id (0: of every comune), by comune and name. */
json_t *
points_list(struct store *st, int64_t comune_id)
{
	json_t	*rows = store_rows(st, STMT_POINT_LIST, "ii", comune_id,
		    comune_id), *p;
	size_t	 i;

	json_array_foreach(rows, i, p)
		point_view(p);
	return rows;
}

/*
 * The open points of comune_id that hand over certificates, at most
 * limit: nearest the place first when there is one (near: latitude and
 * longitude), each with its distance in metres and as people read it
 * ("850 m", "2,3 km"); else by name.  NULL on a database error.
 */
json_t *
points_nearest(struct store *st, int64_t comune_id, const int32_t *near,
    size_t limit)
{
	json_t			*rows, *out, *p;
	struct geo_place	*v;
	size_t			 i, n;

	if ((rows = store_rows(st, STMT_POINT_OPEN, "i", comune_id)) == NULL)
		return NULL;
	n = json_array_size(rows);
	v = calloc(n ? n : 1, sizeof(*v));
	json_array_foreach(rows, i, p) {
		v[i].id = (int64_t)i;
		v[i].lat_e6 = (int32_t)jfield_int(p, "lat_e6");
		v[i].lon_e6 = (int32_t)jfield_int(p, "lon_e6");
	}
	if (near != NULL)
		geo_nearest(v, n, near[0], near[1]);
	out = json_array();
	for (i = 0; i < n && i < limit; i++) {
		char	 d[32];

		p = json_array_get(rows, (size_t)v[i].id);
		point_view(p);
		json_array_append(out, p);
		if (near == NULL)
			continue;
		if (v[i].metres < 1000)
			snprintf(d, sizeof(d), "%lld m", (long long)v[i].metres);
		else
			snprintf(d, sizeof(d), "%lld,%lld km",
			    (long long)(v[i].metres / 1000),
			    (long long)(v[i].metres % 1000 / 100));
		json_object_set_new(p, "distance_m", json_integer(v[i].metres));
		json_object_set_new(p, "distance", json_string(d));
	}
	free(v);
	json_decref(rows);
	return out;
}

/*
 * Appends one CSV field, quoted by libcsv (RFC 4180) when it holds the
 * separator, a quote or a line break; then the separator or the line's
 * end.
 */
static void
csv_field(struct buf *b, const char *v, bool last)
{
	size_t	 n = strlen(v), need;
	char	*q;

	if (strpbrk(v, ";\"\r\n") == NULL)
		buf_append(b, v, n);
	else {
		need = csv_write2(NULL, 0, v, n, '"');
		if ((q = malloc(need)) != NULL) {
			csv_write2(q, need, v, n, '"');
			buf_append(b, q, need);
			free(q);
		}
	}
	buf_puts(b, last ? "\r\n" : ";");
}

/* Every point as the CSV file the import takes back (docs/points.md). */
int
points_export_csv(struct store *st, int64_t comune_id, struct buf *out)
{
	json_t	*rows = points_list(st, comune_id), *p;
	size_t	 i;

	if (rows == NULL)
		return -1;
	for (int c = 0; c < POINT_F__MAX; c++)
		csv_field(out, csv_columns[c], c == POINT_F__MAX - 1);
	json_array_foreach(rows, i, p) {
		const char *v[POINT_F__MAX] = {
			jfield_text(p, "comune_code"), jfield_text(p, "name"),
			jfield_text(p, "kind"), jfield_text(p, "address"),
			jfield_text(p, "lat"), jfield_text(p, "lon"),
			jfield_text(p, "hours"), jfield_text(p, "contact"),
			jfield_int(p, "releases") ? "si" : "no",
			jfield_int(p, "collects_fees") ? "si" : "no",
			jfield_text(p, "status"),
		};

		for (int c = 0; c < POINT_F__MAX; c++)
			csv_field(out, v[c], c == POINT_F__MAX - 1);
	}
	json_decref(rows);
	return 0;
}

/* The rows of a CSV file as libcsv hands them over. */
struct csv_rows {
	json_t		*rows;		/* arrays of strings */
	json_t		*row;
	bool		 bad_utf8;
};

static void
on_field(void *s, size_t len, void *arg)
{
	struct csv_rows	*r = arg;
	json_t		*v = json_stringn(s, len);

	if (v == NULL) {
		r->bad_utf8 = true;
		v = json_string("");
	}
	if (r->row == NULL)
		r->row = json_array();
	json_array_append_new(r->row, v);
}

static void
on_row(int c, void *arg)
{
	struct csv_rows *r = arg;

	json_array_append_new(r->rows, r->row ? r->row : json_array());
	r->row = NULL;
}

struct import {
	json_t		*rows;
	json_t		*errors;
	int		 saved;
};

/* Checks every row, then writes them all; one bad row writes nothing. */
static enum svc_result
import_write(struct store *st, const struct principal *who, void *arg)
{
	struct import	*im = arg;
	json_t		*row;
	size_t		 i;

	im->saved = 0;
	json_array_foreach(im->rows, i, row) {
		const char		*f[POINT_F__MAX];
		const char		*why;
		struct point_row	 p;

		if (i == 0 || json_array_size(row) == 0)
			continue;	/* the header, a blank line */
		for (int c = 0; c < POINT_F__MAX; c++)
			f[c] = json_string_value(json_array_get(row,
			    (size_t)c));
		if (json_array_size(row) != POINT_F__MAX)
			why = _("il numero di colonne non è quello "
			    "dell'intestazione");
		else
			why = point_check(st, f, &p);
		if (why != NULL) {
			json_array_append_new(im->errors, json_pack("{s:I, s:s}",
			    "line", (json_int_t)(i + 1), "message", why));
			continue;
		}
		if (point_write(st, who, &p) < 0)
			return SVC_ERROR;
		im->saved++;
	}
	return json_array_size(im->errors) > 0 ? SVC_INVALID : SVC_OK;
}

/*
 * Imports a CSV file of points (columns as points_export_csv writes them,
 * ';' or ',' between fields): all its points or, when a line is wrong,
 * none.  errors receives {line, message} for every wrong line; *saved how
 * many points were written.
 */
enum svc_result
points_import_csv(struct store *st, const struct principal *who,
    const char *data, size_t len, json_t *errors, int *saved)
{
	struct import	 im = {NULL, errors, 0};
	enum svc_result	 res;

	*saved = 0;
	if ((im.rows = points_csv_read(data, len, csv_columns, POINT_F__MAX,
	    errors)) == NULL)
		return json_array_size(errors) > 0 ? SVC_INVALID : SVC_ERROR;
	res = store_write(st, import_write, who, &im);
	*saved = res == SVC_OK ? im.saved : 0;
	json_decref(im.rows);
	return res;
}

/*
 * The rows of a CSV file in UTF-8 whose first line names the columns
 * header (n of them), with ';' or ',' between fields as that line shows.
 * Returns the rows, header first, or NULL with the reason in errors
 * ({line, message}), or NULL alone when out of memory.
 */
json_t *
points_csv_read(const char *data, size_t len, const char *const *header,
    int n, json_t *errors)
{
	struct csv_parser	 csv;
	struct csv_rows		 r = {json_array(), NULL, false};
	const char		*nl = memchr(data, '\n', len);
	json_t			*head;
	char			 want[300] = "";

	if (csv_init(&csv, CSV_APPEND_NULL) != 0) {
		json_decref(r.rows);
		return NULL;
	}
	/* The header line says which separator the file uses. */
	csv_set_delim(&csv, memchr(data, ';', nl ? (size_t)(nl - data) : len) ?
	    ';' : ',');
	if (csv_parse(&csv, data, len, on_field, on_row, &r) != len ||
	    csv_fini(&csv, on_field, on_row, &r) != 0 || r.bad_utf8) {
		json_array_append_new(errors, json_pack("{s:i, s:s}", "line", 0,
		    "message", _("il file non è un CSV in UTF-8")));
		goto fail;
	}
	head = json_array_get(r.rows, 0);
	for (int c = 0; c < n; c++) {
		const char *h = json_string_value(json_array_get(head,
		    (size_t)c));

		if (h == NULL || strcmp(h, header[c]) != 0)
			want[0] = '#';
	}
	if (want[0] == '#') {
		size_t	 k = 0;

		for (int c = 0; c < n && k < sizeof(want) - 1; c++)
			k += (size_t)snprintf(want + k, sizeof(want) - k, "%s%s",
			    c > 0 ? ";" : "", header[c]);
		json_array_append_new(errors, json_pack("{s:i, s:s+}", "line",
		    1, "message", _("l'intestazione deve essere "), want));
		goto fail;
	}
	csv_free(&csv);
	json_decref(r.row);
	return r.rows;
fail:
	csv_free(&csv);
	json_decref(r.row);
	json_decref(r.rows);
	return NULL;
}
