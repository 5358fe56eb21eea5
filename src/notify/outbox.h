/*
 * outbox: writing messages to the messages table (see outbox.c).
 */
#ifndef IDONEO_OUTBOX_H
#define IDONEO_OUTBOX_H

#include <stdint.h>

#include "notify.h"

#define OUTBOX_TOKEN_LEN	32	/* hex characters */

int	 outbox_add(struct store *, int64_t comune_id, int64_t case_id,
	    const char *event, const char *channel, const char *to,
	    const char *lang, const char *params, int64_t fallback_of,
	    const char *actor);

#endif
