/*
 * tmpl: HTML templates compiled into the binary, rendered against a jansson
 * document with escaping by default.
 *
 * A small subset of Mustache:
 *   {{name}}, {{a.b}}     the value, HTML-escaped
 *   {{{name}}}            the value unescaped: rare, reviewed, greppable
 *   {{#name}}…{{/name}}   once per array element, once for a true value
 *   {{^name}}…{{/name}}   when the value is missing, false, null, "" or []
 *   {{.}}                 the current element
 *   {{>name}}             another template (layout pieces)
 *   {{_ Testo}}           Testo through gettext, escaped
 */
#ifndef IDONEO_TMPL_H
#define IDONEO_TMPL_H

#include <jansson.h>

#include "base/buf.h"

int	 tmpl_render(struct buf *, const char *name, json_t *ctx);
int	 tmpl_render_string(struct buf *, const char *text, json_t *ctx);

#endif
