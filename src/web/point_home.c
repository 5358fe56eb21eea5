/*
 * point_home: the page a T-Serve point operator sees: their own point, as
 * the office registered it.  A point never queries municipal data
 * (domain.md §6): it will take a pickup code and hand over that one
 * certificate (docs/points.md).
 */
#include "domain/i18n.h"
#include "handlers.h"
#include "page.h"
#include "service/points.h"
#include "store/store.h"

void
h_point_home(struct http_req *req, struct http_resp *resp)
{
	page_render(req, resp, 200, "point.html", _("Punto T-Serve"),
	    json_pack("{s:o*}", "point", points_of_operator(store_thread(),
	    &req->who)));
}
