/*
 * render: a message's words in the applicant's language, filled with the
 * case's values: the SMS text, or the e-mail's subject, plain text and
 * HTML.  A language with no translation of a template gets the Italian
 * text followed by the English one, never nothing.
 */
#ifndef IDONEO_RENDER_H
#define IDONEO_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/fill.h"
#include "notify.h"

/* The longest a value may be in an SMS (characters), so that every SMS
 * fits in two messages; longer values are cut with "...". */
#define RENDER_VARS		24	/* values a message may name */
#define RENDER_SMS_FREE		32	/* {documents}, {reason} */
#define RENDER_SMS_PLACE	32
#define RENDER_SMS_HOURS	24

struct rendered {
	char	*subject;	/* e-mail only */
	char	*text;		/* the SMS, or the e-mail's plain text */
	char	*html;		/* e-mail only */
	bool	 fallback;	/* Italian and English: no translation */
};

void	 render_init(const char *localedir);
int	 render_sms(const char *lang, enum notify_event,
	    const struct fill_var *, size_t, struct rendered *);
int	 render_email(const char *lang, enum notify_event,
	    const struct fill_var *, size_t, struct rendered *);
void	 render_free(struct rendered *);
const char *render_translate(const char *lang, const char *msgid,
	    bool *missing);

#endif
