/*
 * handover: printing and handing over the certificate at a T-Serve point,
 * and changing the place of collection (docs/points.md).
 */
#ifndef IDONEO_HANDOVER_H
#define IDONEO_HANDOVER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/pickup_code.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 handover_pdf(struct store *, const struct principal *,
		    int64_t pickup_id, struct buf *pdf, char *name,
		    size_t size);
enum svc_result	 handover_confirm(struct store *, const struct principal *,
		    int64_t pickup_id, json_t *errors);
enum svc_result	 handover_place(struct store *, const struct principal *,
		    int64_t case_id, const json_t *in, json_t *errors);
enum svc_result	 handover_new_code(struct store *, const struct principal *,
		    int64_t case_id, char code[PICKUP_CODE_SHOWN_STRLEN],
		    json_t *errors);
void		 handover_add_worker(void);

#endif
