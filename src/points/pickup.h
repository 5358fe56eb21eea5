/*
 * pickup: collecting the certificate with a one-time code (docs/points.md).
 *
 * When the certificate is ready it is assigned to the place the applicant
 * chose (the office, or a T-Serve point) and a pickup code goes out with
 * the "certificate ready" message.  At the point the operator never looks
 * anything up: the code alone opens the one certificate assigned to their
 * point, and shows the name and the type and last three characters of the
 * document to ask for.  The steps follow each other, by the same operator
 * and within PICKUP_STEP_MINUTES: the code, then the identity check, then
 * the PDF and the handover (service/handover.c).  That was the lesson of
 * 2022, when a circular stopped shops from reaching municipal data.
 */
#ifndef IDONEO_PICKUP_H
#define IDONEO_PICKUP_H

#include <stdint.h>

#include <jansson.h>

#include "domain/names.h"
#include "domain/pickup_code.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

#define PICKUP_STEP_MINUTES	15	/* from one step to the next */
#define PICKUP_CHECK_TRIES	3	/* wrong documents, then the office */

/* The documents an operator may be shown (the identity check's choice). */
extern const struct choice pickup_doc_types[];

void		 pickup_code_draw(char out[PICKUP_CODE_STRLEN]);

/* Inside the caller's transaction. */
int		 pickup_issue(struct store *, int64_t case_id,
		    int64_t comune_id, int today, json_t *params);
int		 pickup_end(struct store *, int64_t case_id, const char *status,
		    const char *actor);
int		 pickup_handed_over(struct store *, int64_t pickup_id,
		    const char *actor);
int		 pickup_take(struct store *, const struct principal *,
		    int64_t pickup_id, json_t **row);
int		 pickup_place_ok(struct store *, int64_t comune_id,
		    int64_t point_id);

/* The steps at a point, each in its own transaction. */
enum svc_result	 pickup_lookup(struct store *, const struct principal *,
		    const char *code, json_t **found);
enum svc_result	 pickup_check(struct store *, const struct principal *,
		    int64_t pickup_id, const char *doc_type,
		    const char *doc_number, json_t *errors);
enum svc_result	 pickup_payment(struct store *, const struct principal *,
		    int64_t pickup_id, const json_t *in, json_t *errors);

/* What waits at a point, or at every place of the comune. */
json_t		*pickup_stock(struct store *, const struct principal *);
json_t		*pickup_of_case(struct store *, int64_t case_id);

/* Reminders and recalls, for the worker. */
int		 pickup_sweep(struct store *);

#endif
