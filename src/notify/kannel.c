/*
 * kannel: an SMS through Kannel's sendsms interface (smsbox, HTTP GET
 * /cgi-bin/sendsms).  The text goes as UTF-8 (charset) and Kannel encodes
 * it: GSM-7, or UCS-2 when we say coding=2, which we do when any
 * character needs it (domain/sms_text.c).  With a dlr-url, Kannel calls
 * it back with the report (%d: 1 delivered, 2 not delivered, 4 queued on
 * the SMSC, 8 taken by the SMSC, 16 refused by the SMSC; %A the SMSC's
 * words).  Kannel's answer carries no message id; ours is in the report's
 * URL.
 */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "gateway.h"

/* The reports asked for: all five kinds (1 + 2 + 4 + 8 + 16). */
#define KANNEL_DLR_MASK	31

static void
param(struct buf *b, CURL *c, const char *name, const char *value)
{
	char *e = curl_easy_escape(c, value, 0);

	buf_printf(b, "&%s=%s", name, e != NULL ? e : "");
	curl_free(e);
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

void
kannel_send(struct transport *t, const struct outgoing *m, struct sent *r)
{
	struct buf	 url;
	CURLcode	 rc;
	long		 code = 0;

	buf_init(&url);
	buf_printf(&url, "%s/cgi-bin/sendsms?charset=UTF-8", t->base);
	param(&url, t->curl, "username", t->user ? t->user : "");
	param(&url, t->curl, "password", t->password ? t->password : "");
	param(&url, t->curl, "to", m->to);
	param(&url, t->curl, "text", m->text);
	if (m->from != NULL && *m->from != '\0')
		param(&url, t->curl, "from", m->from);
	if (m->coding == SMS_UCS2)
		buf_puts(&url, "&coding=2");
	if (m->dlr_url != NULL) {
		buf_printf(&url, "&dlr-mask=%d", KANNEL_DLR_MASK);
		param(&url, t->curl, "dlr-url", m->dlr_url);
		r->reports = true;
	}
	curl_easy_reset(t->curl);
	curl_easy_setopt(t->curl, CURLOPT_URL, buf_str(&url));
	curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->curl, CURLOPT_ERRORBUFFER, t->errbuf);
	t->errbuf[0] = '\0';
	rc = curl_easy_perform(t->curl);
	buf_free(&url);
	if (rc != CURLE_OK) {
		r->outcome = SEND_TECHNICAL;
		r->reports = false;
		snprintf(r->error, sizeof(r->error), "Kannel: %.200s",
		    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		return;
	}
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
	gateway_http_outcome(code, r);
	if (r->outcome != SEND_ACCEPTED)
		r->reports = false;
	snprintf(r->reference, sizeof(r->reference), "%s", m->key);
}
