/*
 * points: the T-Serve network: accredited shops and offices where a
 * citizen collects the certificate (docs/points.md).
 */
#ifndef IDONEO_POINTS_H
#define IDONEO_POINTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/names.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

/* The fields of a point, in the order of the CSV file's columns. */
enum point_field {
	POINT_F_COMUNE,
	POINT_F_NAME,
	POINT_F_KIND,
	POINT_F_ADDRESS,
	POINT_F_LAT,
	POINT_F_LON,
	POINT_F_HOURS,
	POINT_F_CONTACT,
	POINT_F_RELEASES,
	POINT_F_FEES,
	POINT_F_STATUS,
	POINT_F__MAX
};

/* A point as checked, before it is written (borrowed strings). */
struct point_row {
	int64_t		 comune_id;
	const char	*name, *kind, *address, *hours, *contact, *status;
	int32_t		 lat_e6, lon_e6;
	int		 releases, collects_fees;
};

extern const struct choice point_kinds[];
extern const struct choice point_statuses[];

enum svc_result	 points_save(struct store *, const struct principal *,
		    const json_t *form, const char **why);
enum svc_result	 points_set_status(struct store *, const struct principal *,
		    int64_t id, const char *status);
json_t		*points_list(struct store *, int64_t comune_id);
json_t		*points_of_operator(struct store *, const struct principal *);
json_t		*points_nearest(struct store *, int64_t comune_id,
		    const int32_t *near, size_t limit);
int		 points_export_csv(struct store *, int64_t comune_id,
		    struct buf *);
int		 points_street_find(struct store *, int64_t comune_id,
		    const char *street, int32_t near[2]);
enum svc_result	 points_import_streets(struct store *,
		    const struct principal *, const char *data, size_t len,
		    json_t *errors, int *saved);
json_t		*points_csv_read(const char *data, size_t len,
		    const char *const *header, int n, json_t *errors);
enum svc_result	 points_import_csv(struct store *, const struct principal *,
		    const char *data, size_t len, json_t *errors, int *saved);

#endif
