/*
 * gateway: what the transports share (transport.c dispatches to them):
 * a message on its way and what became of it, the parsed URL, and the
 * libcurl handle kept for the next message, so that a connection to the
 * gateway is used again.
 */
#ifndef IDONEO_GATEWAY_H
#define IDONEO_GATEWAY_H

#include <stdbool.h>
#include <stdint.h>

#include <curl/curl.h>

#include "domain/sms_text.h"

enum send_outcome {
	SEND_ACCEPTED,		/* the gateway took it: "sent" */
	SEND_DELIVERED,		/* final on taking it (the file transport) */
	SEND_TEMPORARY,		/* try again later */
	SEND_PERMANENT,		/* this recipient will never get it */
	SEND_TECHNICAL,		/* the gateway could not be reached or
				   refused our credentials: try again */
};

struct outgoing {
	int64_t		 id;
	bool		 sms;
	const char	*to;		/* E.164, or an address */
	const char	*from;		/* SMS sender id, or From address */
	const char	*subject;	/* e-mail */
	const char	*text;
	const char	*html;		/* e-mail */
	enum sms_coding	 coding;
	const char	*dlr_url;	/* SMS: where reports go, or NULL */
	const char	*key;		/* the same on every try: Message-ID,
					   idempotency key */
};

struct sent {
	enum send_outcome outcome;
	bool		 reports;	/* a delivery report will come */
	char		 reference[128];	/* the gateway's id */
	char		 error[256];
};

enum gateway_kind { GW_FILE, GW_KANNEL, GW_HTTP_JSON, GW_SMTP };

struct transport {
	enum gateway_kind kind;
	char		*base;		/* http(s)://host:port/path, smtp(s)://host:port */
	char		*user, *password;
	bool		 starttls;
	char		*dir;		/* GW_FILE */
	CURL		*curl;
	char		 errbuf[CURL_ERROR_SIZE];
};

void	 kannel_send(struct transport *, const struct outgoing *,
	    struct sent *);
void	 http_json_send(struct transport *, const struct outgoing *,
	    struct sent *);
void	 smtp_send(struct transport *, const struct outgoing *, struct sent *);
void	 file_send(struct transport *, const struct outgoing *, struct sent *);
void	 gateway_http_outcome(long code, struct sent *);

#endif
