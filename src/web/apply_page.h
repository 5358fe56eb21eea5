/*
 * apply_page: the pages of the online application's steps (apply_page.c).
 */
#ifndef IDONEO_APPLY_PAGE_H
#define IDONEO_APPLY_PAGE_H

#include <jansson.h>

#include "http/http.h"
#include "online/online.h"

extern const char *const apply_step_labels[ONLINE_SUMMARY + 1];

void	 apply_cookie(struct http_resp *, const char *token, int max_age);
void	 apply_page(struct http_req *, struct http_resp *, int status,
	    const struct online_draft *, int step, const json_t *errors,
	    const char *done, json_t *preview);

#endif
