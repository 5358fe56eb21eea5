/*
 * transport: hands one message to a gateway, named by a URL
 * (docs/notifications.md):
 *   kannel://USER:PASS@HOST:PORT      Kannel's sendsms interface (SMS)
 *   http+json://HOST/PATH, https+json://HOST/PATH
 *                                     a REST provider (SMS): a JSON body
 *                                     from IDONEO_SMS_JSON, an
 *                                     Authorization header from
 *                                     IDONEO_SMS_AUTH
 *   smtp://HOST:PORT, smtp+starttls://USER:PASS@HOST:587, smtps://...
 *                                     e-mail, through libcurl
 *   file:///DIR                       one file per message (development)
 * and says what became of it.
 */
#ifndef IDONEO_TRANSPORT_H
#define IDONEO_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "gateway.h"

struct transport *transport_new(const char *url);
void	 transport_free(struct transport *);
bool	 transport_is_file(const struct transport *);
void	 transport_send(struct transport *, const struct outgoing *,
	    struct sent *);
int	 transport_check(const char *url, bool sms, char *why, size_t whysz);

#endif
