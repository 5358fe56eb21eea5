/*
 * office_messages: see office_messages.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/jfield.h"
#include "domain/date.h"
#include "domain/i18n.h"
#include "domain/names.h"
#include "case_view.h"
#include "handlers.h"
#include "office_messages.h"
#include "page.h"
#include "service/admin.h"
#include "service/messages.h"
#include "store/store.h"

/* What each status means to the desk. */
static const struct choice status_labels[] = {
	{"queued", N_("In coda")},
	{"sending", N_("In invio")},
	{"sent", N_("Inviato")},
	{"delivered", N_("Consegnato")},
	{"temporary-failure", N_("Non consegnato per ora: si riprova")},
	{"permanent-failure", N_("Non consegnabile")},
	{"technical-failure", N_("Gateway non raggiungibile: si riprova")},
	{"expired", N_("Scaduto senza consegna")},
	{NULL, NULL},
};

static void
label_status(json_t *o)
{
	const char *s = jfield_str(o, "status");
	const char *l = choice_label(status_labels, s);

	if (l != NULL)
		json_object_set_new(o, "status_label", json_string(_(l)));
}

/* Adds the desk's words to a message: its event, channel and status. */
static void
message_view(json_t *m)
{
	int	 ev = notify_event_from_name(jfield_str(m, "event"));
	json_t	*h;
	size_t	 i;

	if (ev >= 0)
		json_object_set_new(m, "event_label",
		    json_string(_(notify_event_labels[ev])));
	json_object_set_new(m, "channel_label", json_string(
	    strcmp(jfield_str(m, "channel"), "sms") == 0 ? "SMS" : "E-mail"));
	label_status(m);
	case_view_local(m, "created_local", "created_at");
	json_array_foreach(json_object_get(m, "history"), i, h) {
		label_status(h);
		case_view_local(h, "at_local", "at");
	}
}

/*
 * The messages of a case for its page, with the desk's words, or NULL
 * when p may not see them.
 */
json_t *
office_case_messages(struct store *st, const struct principal *p,
    int64_t case_id)
{
	json_t	*out, *m;
	size_t	 i;

	if (messages_case(st, p, case_id, &out) != SVC_OK)
		return NULL;
	json_array_foreach(json_object_get(out, "messages"), i, m)
		message_view(m);
	json_object_set_new(out, "any", json_boolean(json_array_size(
	    json_object_get(out, "messages")) > 0));
	json_object_set_new(out, "can_send", json_boolean(p->role ==
	    ROLE_HEAD || p->role == ROLE_CLERK));
	return out;
}

/*
 * POST /cases/{id}/messages: the desk's forms.  "do" is resend (with
 * message_id), text (channel, text) or opt_out (channel).
 */
void
h_case_message(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*what = http_field(req, "do");
	const char	*mid = http_field(req, "message_id");
	json_t		*errors = json_object();
	enum svc_result	 r;
	char		 loc[64];

	if (what != NULL && strcmp(what, "resend") == 0)
		r = messages_resend(st, &req->who, req->id, mid != NULL ?
		    strtoll(mid, NULL, 10) : 0);
	else if (what != NULL && strcmp(what, "text") == 0)
		r = messages_free_text(st, &req->who, req->id,
		    http_field(req, "channel"), http_field(req, "text"),
		    errors);
	else if (what != NULL && strcmp(what, "opt_out") == 0)
		r = messages_opt_out(st, &req->who, req->id,
		    http_field(req, "channel"), errors);
	else {
		json_object_set_new(errors, "do", json_string(
		    _("Azione sconosciuta")));
		r = SVC_INVALID;
	}
	if (r == SVC_OK) {
		snprintf(loc, sizeof(loc), "/cases/%lld#messages",
		    (long long)req->id);
		http_redirect(resp, loc);
	} else if (r == SVC_INVALID) {
		json_t		*msg = json_object_get(errors, "text");

		if (msg == NULL)
			msg = json_object_get(errors, "channel");
		if (msg == NULL)
			msg = json_object_get(errors, "do");
		page_error(req, resp, 422, json_string_value(msg));
	} else
		page_error(req, resp, r == SVC_NOT_FOUND ? 404 :
		    r == SVC_FORBIDDEN ? 403 : 500, r == SVC_NOT_FOUND ?
		    _("Pratica o messaggio non trovato") :
		    r == SVC_FORBIDDEN ? _("Non consentito") :
		    _("Errore interno"));
	json_decref(errors);
}

/* GET /api/v1/applications/{id}/messages */
void
h_api_messages(struct http_req *req, struct http_resp *resp)
{
	json_t		*out;
	enum svc_result	 r = messages_case(store_thread(), &req->who,
			    req->id, &out);

	if (r == SVC_OK)
		api_json(resp, 200, out);
	else
		api_problem(resp, r == SVC_NOT_FOUND ? 404 : 500,
		    r == SVC_NOT_FOUND ? "Not Found" : "Internal Server Error",
		    NULL, NULL);
}

/*
 * GET /messages: the office's messages, newest first, filtered by status,
 * channel, period and (the admin) comune, with their counts.
 */
void
h_messages(struct http_req *req, struct http_resp *resp)
{
	struct messages_filter	 f;
	const char		*from = http_query(req, "from");
	const char		*to = http_query(req, "to");
	const char		*comune = http_query(req, "comune");
	json_t			*out, *m;
	size_t			 i;
	int			 d, today = clock_today();
	enum svc_result		 r;

	memset(&f, 0, sizeof(f));
	f.status = http_query(req, "status");
	f.channel = http_query(req, "channel");
	f.comune_id = comune != NULL ? strtoll(comune, NULL, 10) : 0;
	if (from == NULL || !date_parse(from, &d))
		d = today - 30;
	date_format(d, f.from);
	if (to == NULL || !date_parse(to, &d))
		d = today;
	date_format(d, f.to);
	r = messages_list(store_thread(), &req->who, &f, &out);
	if (r != SVC_OK) {
		page_error(req, resp, r == SVC_FORBIDDEN ? 403 : 500,
		    r == SVC_FORBIDDEN ? _("Non consentito") :
		    _("Errore interno"));
		return;
	}
	json_array_foreach(json_object_get(out, "messages"), i, m)
		message_view(m);
	json_array_foreach(json_object_get(out, "counts"), i, m)
		message_view(m);
	json_object_set_new(out, "from", json_string(f.from));
	json_object_set_new(out, "to", json_string(f.to));
	json_object_set_new(out, "status", json_string(f.status ? f.status :
	    ""));
	json_object_set_new(out, "channel", json_string(f.channel ?
	    f.channel : ""));
	/* The administrator chooses among every comune. */
	if (req->who.role == ROLE_ADMIN) {
		json_t	*comuni = admin_comuni(store_thread()), *c;

		json_array_foreach(comuni, i, c)
			if (json_integer_value(json_object_get(c, "id")) ==
			    f.comune_id)
				json_object_set_new(c, "selected", json_true());
		json_object_set_new(out, "comuni", comuni != NULL ? comuni :
		    json_array());
		json_object_set_new(out, "is_admin", json_true());
	}
	page_render(req, resp, 200, "messages.html", _("Messaggi"), out);
}

/*
 * GET /notify/dlr/{id}?t=TOKEN&s=%d&a=%A: Kannel's delivery report.  A
 * wrong token is 403; an unknown message 404; anything else 200, so that
 * Kannel stops.
 */
void
h_notify_dlr(struct http_req *req, struct http_resp *resp)
{
	const char		*s = http_query(req, "s");
	enum notify_report	 r;

	r = notify_report_kannel(store_thread(), req->id, http_query(req, "t"),
	    s != NULL ? atoi(s) : 0, http_query(req, "a"));
	resp->status = r == NOTIFY_REPORT_OK ? 200 : r ==
	    NOTIFY_REPORT_FORGED ? 403 : r == NOTIFY_REPORT_UNKNOWN ? 404 : 500;
	resp->content_type = "text/plain; charset=utf-8";
	buf_puts(&resp->body, r == NOTIFY_REPORT_OK ? "ok\n" :
	    r == NOTIFY_REPORT_FORGED ? "wrong token\n" :
	    r == NOTIFY_REPORT_UNKNOWN ? "no such message\n" : "error\n");
}

/*
 * POST /notify/report/{id}?t=TOKEN: a REST provider's report, a JSON body
 * {"status": "delivered" | "failed" | ..., "detail": "..."}.
 */
void
h_notify_report(struct http_req *req, struct http_resp *resp)
{
	json_t			*doc = json_loads(buf_str(&req->body), 0,
				    NULL);
	enum notify_report	 r;

	if (!json_is_object(doc)) {
		json_decref(doc);
		api_problem(resp, 400, "Bad Request", "The body must be a JSON "
		    "object with a \"status\".", NULL);
		return;
	}
	r = notify_report_status(store_thread(), req->id, http_query(req, "t"),
	    jfield_str(doc, "status"), jfield_str(doc, "detail"));
	json_decref(doc);
	if (r == NOTIFY_REPORT_OK)
		api_json(resp, 200, json_pack("{s:s}", "result", "ok"));
	else
		api_problem(resp, r == NOTIFY_REPORT_FORGED ? 403 :
		    r == NOTIFY_REPORT_UNKNOWN ? 404 : 500,
		    r == NOTIFY_REPORT_FORGED ? "Forbidden" :
		    r == NOTIFY_REPORT_UNKNOWN ? "Not Found" :
		    "Internal Server Error", NULL, NULL);
}
