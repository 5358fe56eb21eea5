/*
 * router: the table of routes, who may call each, and the checks every
 * request passes before its handler runs (authentication, role, CSRF).
 */
#ifndef IDONEO_ROUTER_H
#define IDONEO_ROUTER_H

#include <stdbool.h>

#include "http/http.h"

/* Whether cookies carry Secure (behind TLS): config secure_cookies. */
/* The cookies of the citizen's pages: a follow session, the language. */
#define FOLLOW_COOKIE	"idoneo_follow"
#define LANG_COOKIE	"idoneo_lang"
#define DRAFT_COOKIE	"idoneo_draft"	/* an online application */

extern bool router_secure_cookies;

void	 router_init(const struct config *);
void	 router_set_cookie(struct http_resp *, const char *name,
	    const char *value, const char *path, int max_age,
	    const char *same_site);
void	 router_dispatch(struct http_req *, struct http_resp *);
enum http_admit router_admit(struct http_req *);

#endif
