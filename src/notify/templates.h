/*
 * templates: the words of every message, per event, in Italian (the
 * source language); the gettext catalogs in po/ translate them, and
 * render.c fills them.  Placeholders are named: {case}, {code}, ...
 */
#ifndef IDONEO_TEMPLATES_H
#define IDONEO_TEMPLATES_H

#include "notify.h"

struct notify_template {
	const char	*sms;
	const char	*subject;
	const char	*body;
};

extern const struct notify_template notify_templates[NOTIFY_EVENT__MAX];
extern const char *const notify_greeting;
extern const char *const notify_footer;

/* The languages the intake offers (domain/intake.c), with the locale
 * whose LC_MESSAGES catalog translates into each. */
struct notify_language {
	const char	*code;
	const char	*locale;	/* NULL: the source language */
	bool		 rtl;
};

extern const struct notify_language notify_languages[];

#endif
