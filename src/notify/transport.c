/*
 * transport: see transport.h.  The URL is parsed by libcurl's URL API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "gateway.h"
#include "transport.h"

static char *
part(CURLU *u, CURLUPart which)
{
	char	*v = NULL, *copy;

	if (curl_url_get(u, which, &v, CURLU_URLDECODE) != CURLUE_OK)
		return NULL;
	copy = strdup(v);
	curl_free(v);
	return copy;
}

/*
 * Makes a transport from its URL, or NULL (logged) when the URL is not one
 * of those transport.h lists.
 */
struct transport *
transport_new(const char *url)
{
	struct transport	*t;
	CURLU			*u;
	char			*scheme = NULL, *host = NULL, *port = NULL;
	char			*path = NULL;
	const char		*real;

	if (url == NULL || (t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	if ((u = curl_url()) == NULL ||
	    curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK)
		goto bad;
	scheme = part(u, CURLUPART_SCHEME);
	host = part(u, CURLUPART_HOST);
	port = part(u, CURLUPART_PORT);
	path = part(u, CURLUPART_PATH);
	t->user = part(u, CURLUPART_USER);
	t->password = part(u, CURLUPART_PASSWORD);
	if (scheme == NULL)
		goto bad;
	if (strcmp(scheme, "file") == 0) {
		t->kind = GW_FILE;
		if (path == NULL || *path != '/')
			goto bad;
		t->dir = strdup(path);
	} else {
		if (host == NULL || *host == '\0')
			goto bad;
		if (strcmp(scheme, "kannel") == 0) {
			t->kind = GW_KANNEL;
			real = "http";
		} else if (strcmp(scheme, "http+json") == 0 ||
		    strcmp(scheme, "https+json") == 0) {
			t->kind = GW_HTTP_JSON;
			real = scheme[4] == 's' ? "https" : "http";
		} else if (strcmp(scheme, "smtp") == 0 ||
		    strcmp(scheme, "smtps") == 0 ||
		    strcmp(scheme, "smtp+starttls") == 0) {
			t->kind = GW_SMTP;
			t->starttls = strcmp(scheme, "smtp+starttls") == 0;
			real = strcmp(scheme, "smtps") == 0 ? "smtps" : "smtp";
		} else
			goto bad;
		{
			size_t	 n = strlen(real) + strlen(host) + 16 +
				    (path ? strlen(path) : 0);

			if ((t->base = malloc(n)) == NULL)
				goto bad;
			snprintf(t->base, n, "%s://%s%s%s%s", real, host,
			    port ? ":" : "", port ? port : "",
			    t->kind == GW_HTTP_JSON && path ? path : "");
		}
		if ((t->curl = curl_easy_init()) == NULL)
			goto bad;
	}
	curl_url_cleanup(u);
	free(scheme);
	free(host);
	free(port);
	free(path);
	return t;
bad:
	log_warn("notify: a transport URL is not one idoneo knows "
	    "(docs/notifications.md)");
	curl_url_cleanup(u);
	free(scheme);
	free(host);
	free(port);
	free(path);
	transport_free(t);
	return NULL;
}

void
transport_free(struct transport *t)
{
	if (t == NULL)
		return;
	if (t->curl != NULL)
		curl_easy_cleanup(t->curl);
	free(t->base);
	free(t->user);
	free(t->password);
	free(t->dir);
	free(t);
}

bool
transport_is_file(const struct transport *t)
{
	return t->kind == GW_FILE;
}

/*
 * Checks a URL for the settings page and the environment: 0 when it names
 * a transport for the channel (sms: an SMS gateway, or a file folder;
 * else a mail server or a folder), -1 with the schemes that would do.
 */
int
transport_check(const char *url, bool sms, char *why, size_t whysz)
{
	struct transport	*t = transport_new(url);
	bool			 ok = false;

	if (t != NULL) {
		ok = t->kind == GW_FILE || (sms ? t->kind != GW_SMTP :
		    t->kind == GW_SMTP);
		transport_free(t);
	}
	if (!ok)
		snprintf(why, whysz, "%s", sms ? "kannel://, http+json://, "
		    "https+json:// or file:///" : "smtp://, smtp+starttls://, "
		    "smtps:// or file:///");
	return ok ? 0 : -1;
}

/* The outcome of an HTTP gateway's answer (Kannel, REST providers). */
void
gateway_http_outcome(long code, struct sent *r)
{
	if (code >= 200 && code < 300)
		r->outcome = SEND_ACCEPTED;
	else if (code == 401 || code == 403)
		r->outcome = SEND_TECHNICAL;	/* our credentials */
	else if (code == 429 || code == 408 || code >= 500)
		r->outcome = SEND_TEMPORARY;
	else if (code >= 400)
		r->outcome = SEND_PERMANENT;
	else
		r->outcome = SEND_TECHNICAL;
	if (r->outcome != SEND_ACCEPTED)
		snprintf(r->error, sizeof(r->error), "HTTP %ld", code);
}

void
transport_send(struct transport *t, const struct outgoing *m, struct sent *r)
{
	memset(r, 0, sizeof(*r));
	switch (t->kind) {
	case GW_FILE:
		file_send(t, m, r);
		break;
	case GW_KANNEL:
		kannel_send(t, m, r);
		break;
	case GW_HTTP_JSON:
		http_json_send(t, m, r);
		break;
	case GW_SMTP:
		smtp_send(t, m, r);
		break;
	}
}
