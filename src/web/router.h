/*
 * router: the table of routes, who may call each, and the checks every
 * request passes before its handler runs (authentication, role, CSRF).
 */
#ifndef IDONEO_ROUTER_H
#define IDONEO_ROUTER_H

#include "http/http.h"

void	 router_init(const struct config *);
void	 router_dispatch(struct http_req *, struct http_resp *);

#endif
