/*
 * office_messages: the messages to the applicant on the case page, the
 * desk's forms, the office's list of messages, the API's list, and the
 * delivery reports the gateways send back.
 */
#ifndef IDONEO_OFFICE_MESSAGES_H
#define IDONEO_OFFICE_MESSAGES_H

#include <jansson.h>

#include "domain/principal.h"

struct store;

json_t	*office_case_messages(struct store *, const struct principal *,
	    int64_t case_id);

#endif
