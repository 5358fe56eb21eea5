/*
 * doc_cache: the API's case documents, serialised once per version.
 */
#ifndef IDONEO_DOC_CACHE_H
#define IDONEO_DOC_CACHE_H

#include <stdint.h>

#include "base/buf.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 cases_load_json(struct store *, const struct principal *,
		    int64_t id, struct buf *out);

#endif
