/*
 * messages: the messages to applicants, as the office and the gateways
 * reach them (notify/ does the work): a case's messages, the office's
 * list, sending again, a free text, an opt-out, and delivery reports.
 */
#ifndef IDONEO_MESSAGES_H
#define IDONEO_MESSAGES_H

#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"
#include "notify/notify.h"
#include "domain/result.h"

struct store;

struct messages_filter {
	int64_t		 comune_id;	/* 0: every comune (an admin) */
	const char	*status, *channel;	/* NULL: any */
	char		 from[11], to[11];	/* days, to included */
};

enum svc_result messages_case(struct store *, const struct principal *,
		    int64_t case_id, json_t **out);
enum svc_result messages_list(struct store *, const struct principal *,
		    const struct messages_filter *, json_t **out);
enum svc_result messages_resend(struct store *, const struct principal *,
		    int64_t case_id, int64_t message_id);
enum svc_result messages_free_text(struct store *, const struct principal *,
		    int64_t case_id, const char *channel, const char *text,
		    json_t *errors);
enum svc_result messages_opt_out(struct store *, const struct principal *,
		    int64_t case_id, const char *channel, json_t *errors);
void		 messages_add_worker(void);

#endif
