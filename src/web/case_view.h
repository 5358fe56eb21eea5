/*
 * case_view: a case document (service/case_doc.c) made ready for the
 * pages: labels in the reader's language, dates and measures as Italians
 * write them, and the flags templates style on.  The API document has none
 * of these.
 */
#ifndef IDONEO_CASE_VIEW_H
#define IDONEO_CASE_VIEW_H

#include <jansson.h>

#include "domain/principal.h"

void	 case_view(json_t *c, const struct principal *);
void	 case_view_rows(json_t *rows);
void	 case_view_local(json_t *, const char *key, const char *utc_key);

#endif
