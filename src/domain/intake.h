/*
 * intake: what an application must contain, and its validation.
 *
 * The counter form and the API both produce the same document (a jansson
 * object); intake_validate checks every field against the tables below and
 * returns a normalised copy (codice fiscale upper case, phone in E.164,
 * areas in hundredths of m², heights in cm, money in cents, dates ISO), or
 * fills errors with one message per offending field, keyed by the field's
 * path ("applicant.codice_fiscale", "rooms.2.area").  Nothing else in the
 * program trusts an application that did not come through here.
 */
#ifndef IDONEO_INTAKE_H
#define IDONEO_INTAKE_H

#include <stdbool.h>

#include <jansson.h>

#include "names.h"

extern const struct choice intake_purposes[];
extern const struct choice intake_titles[];
extern const struct choice intake_documents[];
extern const struct choice intake_payment_kinds[];
extern const struct choice intake_payment_channels[];
extern const struct choice intake_channels[];
extern const struct choice intake_languages[];
extern const struct choice intake_id_doc_types[];
extern const struct choice intake_permit_types[];
extern const struct choice intake_sexes[];

#define INTAKE_MAX_ROOMS	40
#define INTAKE_MAX_PERSONS	30
#define INTAKE_MAX_PAYMENTS	10

bool		 intake_has_string(const json_t *, const char *);
json_t		*intake_rooms(const json_t *rows, json_t *errors);
int		 intake_count_persons(const json_t *rows);
json_t		*intake_check_collection(const json_t *in, json_t *errors);
json_t		*intake_validate(const json_t *in, int today,
		    bool need_consent, json_t *errors);

#endif
