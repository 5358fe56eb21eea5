/*
 * smtp: an e-mail through an SMTP server, with libcurl: STARTTLS
 * (smtp+starttls://) or TLS from the start (smtps://), AUTH with the
 * URL's user and password.  The message is multipart/alternative, a
 * plain-text part and an HTML part, both UTF-8 in base64 (RFC 2045), built
 * by libcurl's MIME API; the Subject and the From's name are RFC 2047
 * encoded words.  The Message-ID is the same on every try of one message.
 * The server's certificate is checked against the system's CAs, or the
 * file IDONEO_SMTP_CA.  The server's answer decides: 5xx, the recipient
 * will never get it; 4xx, try again later (RFC 5321 §4.2.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "base/buf.h"
#include "gateway.h"

/*
 * Appends a header value as RFC 2047 encoded words when it is not plain
 * ASCII: "=?UTF-8?B?...?=", each at most 75 characters, cut between
 * characters.
 */
static void
encoded_words(struct buf *b, const char *s)
{
	size_t	 n = strlen(s);
	bool	 ascii = true;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\r' || s[i] == '\n')
			ascii = false;
	if (ascii) {
		buf_puts(b, s);
		return;
	}
	for (size_t i = 0; i < n;) {
		char	 b64[sodium_base64_ENCODED_LEN(45,
			    sodium_base64_VARIANT_ORIGINAL)];
		size_t	 take = n - i > 45 ? 45 : n - i;

		/* Do not cut a UTF-8 sequence: back up to its first byte. */
		while (i + take < n && take > 0 &&
		    ((unsigned char)s[i + take] & 0xC0) == 0x80)
			take--;
		sodium_bin2base64(b64, sizeof(b64),
		    (const unsigned char *)s + i, take,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "%s=?UTF-8?B?%s?=", i > 0 ? " " : "", b64);
		i += take;
	}
}

static struct curl_slist *
header(struct curl_slist *h, const char *name, const char *value, bool encode)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "%s: ", name);
	if (encode)
		encoded_words(&b, value);
	else
		buf_puts(&b, value);
	h = curl_slist_append(h, buf_str(&b));
	buf_free(&b);
	return h;
}

static curl_mimepart *
text_part(curl_mime *mime, const char *data, const char *type)
{
	curl_mimepart *p = curl_mime_addpart(mime);

	curl_mime_data(p, data, CURL_ZERO_TERMINATED);
	curl_mime_type(p, type);
	curl_mime_encoder(p, "base64");
	return p;
}

/* The address inside "Name <address>", or the whole. */
static void
bare_address(const char *from, char *out, size_t outsz)
{
	const char	*lt = strrchr(from, '<'), *gt;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL)
		snprintf(out, outsz, "%.*s", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, outsz, "%s", from);
}

void
smtp_send(struct transport *t, const struct outgoing *m, struct sent *r)
{
	struct curl_slist	*h = NULL, *rcpt = NULL;
	curl_mime		*mime, *alt;
	curl_mimepart		*part;
	struct buf		 v;
	char			 date[64], addr[256], domain[200];
	const char		*at;
	time_t			 now = time(NULL);
	struct tm		 tm;
	CURLcode		 rc;
	long			 code = 0;

	bare_address(m->from, addr, sizeof(addr));
	at = strchr(addr, '@');
	snprintf(domain, sizeof(domain), "%s", at != NULL ? at + 1 :
	    "idoneo.invalid");
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_init(&v);
	h = header(h, "Date", date, false);
	/* "Name <address>": the name may be in any script. */
	{
		const char *lt = strrchr(m->from, '<');

		if (lt != NULL && lt > m->from) {
			char name[256];

			snprintf(name, sizeof(name), "%.*s",
			    (int)(lt - m->from), m->from);
			for (size_t n = strlen(name); n > 0 &&
			    name[n - 1] == ' '; n--)
				name[n - 1] = '\0';
			buf_printf(&v, "From: ");
			encoded_words(&v, name);
			buf_printf(&v, " <%s>", addr);
			h = curl_slist_append(h, buf_str(&v));
			buf_reset(&v);
		} else
			h = header(h, "From", addr, false);
	}
	h = header(h, "To", m->to, false);
	h = header(h, "Subject", m->subject, true);
	buf_printf(&v, "<%s@%s>", m->key, domain);
	h = header(h, "Message-ID", buf_str(&v), false);
	h = header(h, "Auto-Submitted", "auto-generated", false);
	snprintf(r->reference, sizeof(r->reference), "%s", buf_str(&v));
	buf_free(&v);

	mime = curl_mime_init(t->curl);
	alt = curl_mime_init(t->curl);
	text_part(alt, m->text, "text/plain; charset=UTF-8");
	text_part(alt, m->html, "text/html; charset=UTF-8");
	part = curl_mime_addpart(mime);
	curl_mime_subparts(part, alt);
	curl_mime_type(part, "multipart/alternative");
	rcpt = curl_slist_append(rcpt, m->to);

	curl_easy_reset(t->curl);
	curl_easy_setopt(t->curl, CURLOPT_URL, t->base);
	curl_easy_setopt(t->curl, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(t->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(t->curl, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(t->curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->curl, CURLOPT_ERRORBUFFER, t->errbuf);
	if (t->starttls)
		curl_easy_setopt(t->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	/* A mail server whose certificate an internal CA signed. */
	if (getenv("IDONEO_SMTP_CA") != NULL && *getenv("IDONEO_SMTP_CA") != '\0')
		curl_easy_setopt(t->curl, CURLOPT_CAINFO, getenv("IDONEO_SMTP_CA"));
	if (t->user != NULL && *t->user != '\0')
		curl_easy_setopt(t->curl, CURLOPT_USERNAME, t->user);
	if (t->password != NULL && *t->password != '\0')
		curl_easy_setopt(t->curl, CURLOPT_PASSWORD, t->password);
	t->errbuf[0] = '\0';
	rc = curl_easy_perform(t->curl);
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(h);
	curl_slist_free_all(rcpt);
	curl_mime_free(mime);
	if (rc == CURLE_OK) {
		r->outcome = SEND_ACCEPTED;
		return;
	}
	if (rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED)
		r->outcome = SEND_TECHNICAL;
	else if (code >= 500 && code < 600)
		r->outcome = SEND_PERMANENT;
	else if (code >= 400 && code < 500)
		r->outcome = SEND_TEMPORARY;
	else
		r->outcome = SEND_TECHNICAL;
	snprintf(r->error, sizeof(r->error), "SMTP %ld: %.200s", code,
	    t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
}
