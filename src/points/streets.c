/*
 * streets: the comune's stradario, one point per street (docs/points.md),
 * for the T-Serve points nearest a dwelling or a typed address, from
 * stored coordinates only.  It comes as a CSV file, comune;via;lat;lon,
 * from the comune's toponymy office or its open data.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/address.h"
#include "domain/geo.h"
#include "domain/i18n.h"
#include "points/points.h"
#include "store/audit.h"
#include "store/comuni.h"
#include "store/query.h"
#include "store/tx.h"

static const char *const street_columns[] = {"comune", "via", "lat", "lon"};

/*
 * Where a street of the comune is: near gets its microdegrees.  The street
 * may carry a house number ("Via Roma 12/A"); names match as the cadastre's
 * do ("V.le della Repubblica" is "Viale Repubblica").  Returns 1, 0 when
 * the stradario does not have it, or -1.
 */
int
points_street_find(struct store *st, int64_t comune_id, const char *street,
    int32_t near[2])
{
	struct address	 a;
	json_t		*row;
	int		 rc;

	if (street == NULL || *street == '\0')
		return 0;
	address_parse(street, &a);
	if (a.street_key[0] == '\0')
		return 0;
	if ((rc = store_row(st, &row, STMT_STREET_GET, "is", comune_id,
	    a.street_key)) <= 0)
		return rc;
	near[0] = (int32_t)jfield_int(row, "lat_e6");
	near[1] = (int32_t)jfield_int(row, "lon_e6");
	json_decref(row);
	return 1;
}

struct streets {
	json_t		*rows, *errors;
	int		 saved;
};

/* Checks every line, then writes them all; one bad line writes nothing. */
static enum svc_result
streets_write(struct store *st, const struct principal *who, void *arg)
{
	struct streets	*s = arg;
	json_t		*row;
	size_t		 i;
	int64_t		 last = 0;

	s->saved = 0;
	json_array_foreach(s->rows, i, row) {
		const char	*why = NULL;
		struct address	 a;
		int32_t		 lat = 0, lon = 0;
		int64_t		 comune = 0;

		if (i == 0 || json_array_size(row) == 0)
			continue;
		if (json_array_size(row) != 4)
			why = _("il numero di colonne non è quello "
			    "dell'intestazione");
		else if ((comune = comuni_id(st, json_string_value(
		    json_array_get(row, 0)))) == 0)
			why = _("comune sconosciuto (codice catastale, per "
			    "esempio G999)");
		else if (who->role != ROLE_ADMIN && comune != who->comune_id)
			why = _("comune di un altro ufficio");
		else if (address_parse(json_string_value(json_array_get(row,
		    1)), &a), a.street_key[0] == '\0' ||
		    strlen(json_string_value(json_array_get(row, 1))) > 120)
			why = _("nome della via mancante o troppo lungo");
		else if (!geo_parse(json_string_value(json_array_get(row, 2)),
		    true, &lat) || !geo_parse(json_string_value(
		    json_array_get(row, 3)), false, &lon))
			why = _("coordinate non valide: latitudine e longitudine "
			    "in gradi decimali");
		if (why != NULL) {
			json_array_append_new(s->errors, json_pack("{s:I, s:s}",
			    "line", (json_int_t)(i + 1), "message", why));
			continue;
		}
		if (store_exec(st, STMT_STREET_UPSERT, "issii", comune,
		    a.street_key, json_string_value(json_array_get(row, 1)),
		    (int64_t)lat, (int64_t)lon) < 0)
			return SVC_ERROR;
		last = comune;
		s->saved++;
	}
	if (json_array_size(s->errors) > 0)
		return SVC_INVALID;
	return s->saved > 0 && audit_add(st, who, last, "streets_import",
	    "comune", last, "") < 0 ? SVC_ERROR : SVC_OK;
}

/*
 * Imports a stradario: a CSV file comune;via;lat;lon, all its lines or,
 * when one is wrong, none.  A street already there moves to the new
 * coordinates.
 */
enum svc_result
points_import_streets(struct store *st, const struct principal *who,
    const char *data, size_t len, json_t *errors, int *saved)
{
	struct streets	 s = {NULL, errors, 0};
	enum svc_result	 r;

	*saved = 0;
	if ((s.rows = points_csv_read(data, len, street_columns, 4,
	    errors)) == NULL)
		return json_array_size(errors) > 0 ? SVC_INVALID : SVC_ERROR;
	r = store_write(st, streets_write, who, &s);
	*saved = r == SVC_OK ? s.saved : 0;
	json_decref(s.rows);
	return r;
}
