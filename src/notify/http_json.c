/*
 * http_json: an SMS through a REST provider, the shape Italian providers
 * share: POST a JSON body, get the provider's message id back, receive
 * delivery reports at a callback URL.  The body is IDONEO_SMS_JSON with
 * the placeholders {to}, {from}, {text}, {coding}, {reference} and
 * {callback} filled (as JSON strings' contents), and the braces of the
 * JSON itself doubled ("{{" and "}}"); IDONEO_SMS_AUTH is sent
 * as the Authorization header; the provider's id is read from the answer's
 * field IDONEO_SMS_ID_FIELD ("id").  The Idempotency-Key header carries the
 * same key on every try of one message, so a provider that honours it
 * never sends one twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/fill.h"
#include "gateway.h"

/* The JSON object's own braces are doubled (domain/fill.h). */
#define HTTP_JSON_DEFAULT \
	"{{\"to\": \"{to}\", \"from\": \"{from}\", \"text\": \"{text}\", " \
	"\"coding\": \"{coding}\", \"reference\": \"{reference}\", " \
	"\"callback\": \"{callback}\"}}"

/* A value as the inside of a JSON string. */
static char *
json_inner(const char *v)
{
	json_t	*s = json_string(v != NULL ? v : "");
	char	*d = s != NULL ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
	size_t	 n;

	json_decref(s);
	if (d == NULL)
		return strdup("");
	n = strlen(d);
	memmove(d, d + 1, n - 2);
	d[n - 2] = '\0';
	return d;
}

static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (b->len < 65536)
		buf_append(b, p, size * n);
	return size * n;
}

void
http_json_send(struct transport *t, const struct outgoing *m, struct sent *r)
{
	const char		*tmpl = getenv("IDONEO_SMS_JSON");
	const char		*auth = getenv("IDONEO_SMS_AUTH");
	const char		*idf = getenv("IDONEO_SMS_ID_FIELD");
	const char		*names[] = {"to", "from", "text", "coding",
				    "reference", "callback"};
	const char		*vals[6];
	char			*inner[6], *body;
	struct fill_var		 v[6];
	struct curl_slist	*h = NULL;
	struct buf		 answer, hdr;
	CURLcode		 rc;
	long			 code = 0;

	vals[0] = m->to;
	vals[1] = m->from;
	vals[2] = m->text;
	vals[3] = m->coding == SMS_UCS2 ? "ucs2" : "gsm7";
	vals[4] = m->key;
	vals[5] = m->dlr_url;
	for (int i = 0; i < 6; i++) {
		inner[i] = json_inner(vals[i]);
		v[i].name = names[i];
		v[i].value = inner[i];
	}
	body = fill_dup(tmpl != NULL && *tmpl != '\0' ? tmpl :
	    HTTP_JSON_DEFAULT, v, 6);
	for (int i = 0; i < 6; i++)
		free(inner[i]);
	if (body == NULL) {
		r->outcome = SEND_TECHNICAL;
		snprintf(r->error, sizeof(r->error), "IDONEO_SMS_JSON: "
		    "a placeholder is not one of {to} {from} {text} {coding} "
		    "{reference} {callback}");
		return;
	}
	buf_init(&answer);
	buf_init(&hdr);
	h = curl_slist_append(h, "Content-Type: application/json");
	buf_printf(&hdr, "Idempotency-Key: %s", m->key);
	h = curl_slist_append(h, buf_str(&hdr));
	if (auth != NULL && *auth != '\0') {
		buf_reset(&hdr);
		buf_printf(&hdr, "Authorization: %s", auth);
		h = curl_slist_append(h, buf_str(&hdr));
	}
	curl_easy_reset(t->curl);
	curl_easy_setopt(t->curl, CURLOPT_URL, t->base);
	curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(t->curl, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->curl, CURLOPT_ERRORBUFFER, t->errbuf);
	if (t->user != NULL)
		curl_easy_setopt(t->curl, CURLOPT_USERNAME, t->user);
	if (t->password != NULL)
		curl_easy_setopt(t->curl, CURLOPT_PASSWORD, t->password);
	t->errbuf[0] = '\0';
	rc = curl_easy_perform(t->curl);
	curl_slist_free_all(h);
	buf_free(&hdr);
	free(body);
	if (rc != CURLE_OK) {
		r->outcome = SEND_TECHNICAL;
		snprintf(r->error, sizeof(r->error), "%s",
		    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		buf_free(&answer);
		return;
	}
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
	gateway_http_outcome(code, r);
	if (r->outcome == SEND_ACCEPTED) {
		json_t		*doc = json_loads(buf_str(&answer), 0, NULL);
		json_t		*id = json_object_get(doc, idf != NULL &&
				    *idf != '\0' ? idf : "id");

		if (json_is_string(id))
			snprintf(r->reference, sizeof(r->reference), "%s",
			    json_string_value(id));
		else if (json_is_integer(id))
			snprintf(r->reference, sizeof(r->reference), "%lld",
			    (long long)json_integer_value(id));
		else
			snprintf(r->reference, sizeof(r->reference), "%s",
			    m->key);
		json_decref(doc);
		r->reports = m->dlr_url != NULL;
	}
	buf_free(&answer);
}
