/*
 * point_home: the page a T-Serve point operator sees.  A point never
 * queries municipal data (domain.md §6): it will only take a pickup code and
 * hand over that one certificate, which a later issue adds.
 */
#include "domain/i18n.h"
#include "handlers.h"
#include "page.h"

void
h_point_home(struct http_req *req, struct http_resp *resp)
{
	page_render(req, resp, 200, "point.html", _("Punto T-Serve"), NULL);
}
