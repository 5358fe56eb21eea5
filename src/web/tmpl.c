/*
 * tmpl: the template renderer.  See tmpl.h.
 */
#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/embed.h"
#include "base/log.h"
#include "tmpl.h"

#define TMPL_DEPTH	32

struct stack {
	json_t	*frames[TMPL_DEPTH];
	int	 n;
	int	 partials;
};

/* Resolves a dotted name against the context stack, innermost first. */
static json_t *
lookup(const struct stack *s, const char *name, size_t len)
{
	char		 key[128];
	const char	*dot;
	json_t		*v = NULL;

	if (len == 1 && name[0] == '.')
		return s->frames[s->n - 1];
	if (len >= sizeof(key))
		return NULL;
	memcpy(key, name, len);
	key[len] = '\0';
	dot = strchr(key, '.');
	if (dot != NULL)
		key[dot - key] = '\0';
	for (int i = s->n - 1; i >= 0 && v == NULL; i--)
		v = json_object_get(s->frames[i], key);
	while (dot != NULL && v != NULL) {
		const char *part = dot + 1;

		dot = strchr(part, '.');
		if (dot != NULL)
			key[dot - key] = '\0';
		v = json_object_get(v, part);
	}
	return v;
}

static bool
truthy(const json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	return true;
}

static void
emit(struct buf *out, const json_t *v, bool escape)
{
	char	 tmp[64];

	if (json_is_string(v)) {
		if (escape)
			buf_html(out, json_string_value(v));
		else
			buf_puts(out, json_string_value(v));
		return;
	}
	if (json_is_integer(v))
		snprintf(tmp, sizeof(tmp), "%lld",
		    (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(tmp, sizeof(tmp), "%g", json_real_value(v));
	else if (json_is_true(v))
		snprintf(tmp, sizeof(tmp), "true");
	else
		return;
	buf_puts(out, tmp);
}

/* Finds the {{/name}} that closes a section opened just before p. */
static const char *
find_close(const char *p, const char *end, const char *name, size_t len,
    const char **after)
{
	int	 depth = 1;

	while (p < end) {
		const char *o = strstr(p, "{{");

		if (o == NULL || o >= end)
			return NULL;
		if ((o[2] == '#' || o[2] == '^') &&
		    strncmp(o + 3, name, len) == 0 && o[3 + len] == '}')
			depth++;
		else if (o[2] == '/' && strncmp(o + 3, name, len) == 0 &&
		    o[3 + len] == '}') {
			if (--depth == 0) {
				*after = o + 5 + len;
				return o;
			}
		}
		p = o + 2;
	}
	return NULL;
}

static int render(struct buf *, const char *, const char *, struct stack *);

static int
render_partial(struct buf *out, const char *name, size_t len,
    struct stack *s)
{
	char			 fname[128];
	const struct embed_file	*f;
	int			 rc;

	if (len + 6 >= sizeof(fname) || s->partials > 8)
		return -1;
	snprintf(fname, sizeof(fname), "%.*s.html", (int)len, name);
	if ((f = embed_find(embed_templates, fname)) == NULL) {
		log_warn("tmpl: no template %s", fname);
		return -1;
	}
	s->partials++;
	rc = render(out, f->data, f->data + f->len, s);
	s->partials--;
	return rc;
}

static int
render(struct buf *out, const char *p, const char *end, struct stack *s)
{
	while (p < end) {
		const char	*o = strstr(p, "{{"), *c, *name, *after, *close;
		size_t		 len;
		char		 kind;
		json_t		*v;

		if (o == NULL || o >= end) {
			buf_append(out, p, (size_t)(end - p));
			return 0;
		}
		buf_append(out, p, (size_t)(o - p));
		if (o[2] == '{') {
			if ((c = strstr(o + 3, "}}}")) == NULL)
				return -1;
			emit(out, lookup(s, o + 3, (size_t)(c - o - 3)), false);
			p = c + 3;
			continue;
		}
		if ((c = strstr(o + 2, "}}")) == NULL)
			return -1;
		kind = o[2];
		name = o + 2;
		if (kind == '#' || kind == '^' || kind == '>' || kind == '/')
			name++;
		if (kind == '_' && name[1] == ' ') {
			char msg[1024];

			len = (size_t)(c - name - 2);
			if (len >= sizeof(msg))
				return -1;
			memcpy(msg, name + 2, len);
			msg[len] = '\0';
			buf_html(out, gettext(msg));
			p = c + 2;
			continue;
		}
		len = (size_t)(c - name);
		switch (kind) {
		case '>':
			if (render_partial(out, name, len, s) < 0)
				return -1;
			p = c + 2;
			break;
		case '#':
		case '^':
			if ((close = find_close(c + 2, end, name, len,
			    &after)) == NULL) {
				log_warn("tmpl: unclosed section %.*s", (int)len,
				    name);
				return -1;
			}
			v = lookup(s, name, len);
			if (kind == '^') {
				if (!truthy(v) && render(out, c + 2, close, s) < 0)
					return -1;
			} else if (json_is_array(v)) {
				size_t	 i;
				json_t	*e;

				if (s->n == TMPL_DEPTH)
					return -1;
				json_array_foreach(v, i, e) {
					s->frames[s->n++] = e;
					if (render(out, c + 2, close, s) < 0)
						return -1;
					s->n--;
				}
			} else if (truthy(v)) {
				if (s->n == TMPL_DEPTH)
					return -1;
				{
					json_t *f = json_is_object(v) ? v :
					    s->frames[s->n - 1];

					s->frames[s->n++] = f;
				}
				if (render(out, c + 2, close, s) < 0)
					return -1;
				s->n--;
			}
			p = after;
			break;
		case '/':
			return -1;	/* a close with no open */
		default:
			emit(out, lookup(s, name, len), true);
			p = c + 2;
			break;
		}
	}
	return 0;
}

int
tmpl_render_string(struct buf *out, const char *text, json_t *ctx)
{
	struct stack	 s = { .frames = {ctx}, .n = 1, .partials = 0 };

	return render(out, text, text + strlen(text), &s);
}

/* Renders the embedded template name (e.g. "case.html") into out. */
int
tmpl_render(struct buf *out, const char *name, json_t *ctx)
{
	const struct embed_file	*f = embed_find(embed_templates, name);

	if (f == NULL) {
		log_warn("tmpl: no template %s", name);
		return -1;
	}
	return tmpl_render_string(out, f->data, ctx);
}
