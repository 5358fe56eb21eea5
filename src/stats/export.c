/*
 * export: the figures as lines of text, one a figure ("name SEP value"),
 * for the CSV file of the dashboard (SEP ';') and for `idoneo stats`
 * without --json (SEP ' ').  A nested figure is named by its path
 * ("release_days.median"); a list gives its values in order.
 */
#include <stdio.h>
#include <string.h>

#include "stats.h"

/*
 * Calls fn for every figure of o that is not an object: its path (nested
 * names joined by dots) and value.
 */
void
stats_walk(const json_t *o, const char *prefix,
    void (*fn)(const char *, const json_t *, void *), void *arg)
{
	const char	*k;
	json_t		*v;
	char		 path[160];

	json_object_foreach((json_t *)o, k, v) {
		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "." :
		    "", k);
		if (json_is_object(v))
			stats_walk(v, path, fn, arg);
		else
			fn(path, v, arg);
	}
}

struct liner {
	struct buf	*b;
	char		 sep;
};

/*
 * A field of the CSV (RFC 4180): in double quotes, its quotes doubled,
 * when it holds the separator, a quote or a line end; a name written in
 * an application ("citizenship_unmatched.…") may.  The lines for a
 * reader (sep ' ') keep the text as it is.
 */
static void
field(struct buf *b, const char *s, char sep)
{
	if (sep != ';' || strpbrk(s, ";\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_puts(b, "\"");
	for (; *s; s++)
		if (*s == '"')
			buf_puts(b, "\"\"");
		else
			buf_printf(b, "%c", *s);
	buf_puts(b, "\"");
}

static void
line(const char *path, const json_t *v, void *arg)
{
	struct liner	*l = arg;
	struct buf	*b = l->b;

	field(b, path, l->sep);
	buf_printf(b, "%c", l->sep);
	if (json_is_array(v))
		for (size_t i = 0; i < json_array_size(v); i++)
			buf_printf(b, "%s%lld", i ? " " : "", (long long)
			    json_integer_value(json_array_get(v, i)));
	else if (json_is_real(v))
		buf_printf(b, "%.2f", json_real_value(v));
	else if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_string(v))
		field(b, json_string_value(v), l->sep);
	buf_puts(b, "\n");
}

void
stats_lines(struct buf *b, const json_t *figures, char sep)
{
	struct liner	 l = {b, sep};

	if (sep == ';')
		buf_puts(b, "figure;value\n");
	stats_walk(figures, "", line, &l);
}
