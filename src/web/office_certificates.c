/*
 * office_certificates: the certificate on the case page and its PDF for
 * staff and partner systems; the desk's acts on it (reprint, certified
 * copy, revocation, correction).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "handlers.h"
#include "office_certificates.h"
#include "page.h"
#include "service/certificates.h"
#include "store/store.h"

/*
 * The dates of a row as pages show them: each of keys ("issued_on") gets
 * its Italian form beside it ("issued_on_it").
 */
void
office_dates_it(json_t *row, const char *const *keys, size_t n)
{
	char	 it[DATE_STRLEN], k[48];
	int	 d;

	for (size_t j = 0; j < n; j++)
		if (date_parse(jfield_text(row, keys[j]), &d)) {
			date_format_it(d, it);
			snprintf(k, sizeof(k), "%s_it", keys[j]);
			json_object_set_new(row, k, json_string(it));
		}
}

/* The dates of certificate rows in the Italian form, for the pages. */
void
office_cert_dates(json_t *rows)
{
	static const char *const keys[] = {
		"issued_on", "valid_until", "revoked_on",
	};
	json_t	*row;
	size_t	 i;

	json_array_foreach(rows, i, row)
		office_dates_it(row, keys, sizeof(keys) / sizeof(keys[0]));
}

/* The case page's certificate section, or NULL when there is none. */
json_t *
office_case_certificates(struct store *st, const struct principal *p,
    int64_t case_id)
{
	json_t	*out;

	if (certificates_of_case(st, p, case_id, &out) != SVC_OK)
		return NULL;
	if (json_array_size(json_object_get(out, "certificates")) == 0) {
		json_decref(out);
		return NULL;
	}
	/* "current" is the list's last row itself: it gets its dates too. */
	office_cert_dates(json_object_get(out, "certificates"));
	return out;
}

/* Sends pdf as the file name, shown in the browser. */
void
page_send_pdf(struct http_resp *resp, struct buf *pdf, const char *name)
{
	char	 cd[160];

	resp->status = 200;
	resp->content_type = "application/pdf";
	buf_append(&resp->body, pdf->data, pdf->len);
	snprintf(cd, sizeof(cd), "inline; filename=\"%s\"", name);
	http_add_header(resp, "Content-Disposition", cd);
}

static enum svc_result
pdf_of(struct http_req *req, struct buf *pdf, char *name, size_t size)
{
	const char	*id = http_query(req, "id");
	const char	*n = http_query(req, "n");

	return certificates_pdf(store_thread(), &req->who, req->id,
	    id != NULL ? strtoll(id, NULL, 10) : 0, http_query(req, "copy"),
	    n != NULL ? atoi(n) : 0, pdf, name, size);
}

/*
 * The certificate's PDF, for a page (api false) or the API: the one in
 * force, or ?id= an earlier one; ?copy=copy|certified&n=N a copy the desk
 * recorded.  The errors speak each audience's language.
 */
static void
certificate_pdf(struct http_req *req, struct http_resp *resp, bool api)
{
	struct buf	 pdf;
	char		 name[96];
	enum svc_result	 r;
	int		 status;

	buf_init(&pdf);
	if ((r = pdf_of(req, &pdf, name, sizeof(name))) == SVC_OK) {
		page_send_pdf(resp, &pdf, name);
		buf_free(&pdf);
		return;
	}
	buf_free(&pdf);
	status = r == SVC_NOT_FOUND ? 404 : r == SVC_INVALID ? 400 : 500;
	if (api)
		api_problem(resp, status, r == SVC_NOT_FOUND ? "Not Found" :
		    r == SVC_INVALID ? "Bad Request" : "Internal Server Error",
		    r == SVC_NOT_FOUND ? "This application has no certificate "
		    "yet (it is issued at certificate_ready), or no such copy."
		    : r == SVC_INVALID ? "copy must be copy or certified." :
		    NULL, NULL);
	else
		page_error(req, resp, status, r == SVC_NOT_FOUND ?
		    _("Questa pratica non ha un certificato (o una copia) con "
		    "questi estremi") : r == SVC_INVALID ? _("Tipo di copia "
		    "sconosciuto: copy o certified") : _("Errore interno"));
}

/* GET /cases/{id}/certificate.pdf */
void
h_case_certificate_pdf(struct http_req *req, struct http_resp *resp)
{
	certificate_pdf(req, resp, false);
}

/* GET /api/v1/applications/{id}/certificate.pdf */
void
h_api_certificate_pdf(struct http_req *req, struct http_resp *resp)
{
	certificate_pdf(req, resp, true);
}

/*
 * POST /cases/{id}/certificate: do=reprint|certified (then the copy's
 * PDF), or do=revoke|correct with a reason (the head).
 */
void
h_case_certificate(struct http_req *req, struct http_resp *resp)
{
	json_t		*errors = json_object(), *msg;
	char		 next[160];
	enum svc_result	 r;
	const char	*it;

	r = certificates_act(store_thread(), &req->who, req->id,
	    http_field(req, "do"), http_field(req, "reason"), errors, next,
	    sizeof(next));
	if (r == SVC_OK) {
		http_redirect(resp, next);
		json_decref(errors);
		return;
	}
	msg = json_object_get(errors, "reason");
	if (msg == NULL)
		msg = json_object_get(errors, "do");
	it = msg != NULL ? json_string_value(msg) : r == SVC_NOT_FOUND ?
	    _("Pratica non trovata") : r == SVC_FORBIDDEN ?
	    _("Il tuo ruolo non permette questa azione") : _("Errore interno");
	page_error(req, resp, r == SVC_INVALID ? 422 : r == SVC_CONFLICT ?
	    409 : r == SVC_NOT_FOUND ? 404 : r == SVC_FORBIDDEN ? 403 : 500,
	    it);
	json_decref(errors);
}
