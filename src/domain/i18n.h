/*
 * i18n: marks text for translation.  The source language is Italian; the
 * catalogs in po/ translate it.  N_() only marks a string for xgettext, and
 * the code that shows it calls _() (gettext) at that point.
 */
#ifndef IDONEO_I18N_H
#define IDONEO_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#endif
