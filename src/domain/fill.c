/*
 * fill: see fill.h.
 */
#include <stdlib.h>
#include <string.h>

#include "fill.h"

/*
 * One step through a template at *s: a placeholder (returns 1 with its
 * name in *name, *len), or one character of text, "{{" and "}}" giving one
 * brace (returns 0 with the character in *name, *len 1); -1 when a brace
 * is out of place.  Names are small letters and '_', at most 31.
 */
static int
step(const char **s, const char **name, size_t *len)
{
	const char	*p = *s;
	size_t		 n;

	if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
		*name = p, *len = 1, *s = p + 2;
		return 0;
	}
	if (p[0] == '}')
		return -1;
	if (p[0] != '{') {
		*name = p, *len = 1, *s = p + 1;
		return 0;
	}
	n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
	if (n == 0 || n >= 32 || p[n + 1] != '}')
		return -1;
	*name = p + 1, *len = n, *s = p + n + 2;
	return 1;
}

/*
 * Returns the template with each {name} replaced by its value, in memory
 * the caller frees, or NULL when a name has no value or a brace is out of
 * place.
 */
char *
fill_dup(const char *tmpl, const struct fill_var *vars, size_t nvars)
{
	size_t	 cap = strlen(tmpl) + 1, len = 0;
	char	*out;

	for (size_t i = 0; i < nvars; i++)
		cap += strlen(vars[i].value ? vars[i].value : "");
	/* Each value may appear more than once: grow as needed. */
	if ((out = malloc(cap)) == NULL)
		return NULL;
	for (const char *s = tmpl; *s != '\0';) {
		const char	*add, *name;
		size_t		 addlen, n, i;
		int		 kind = step(&s, &name, &n);

		if (kind < 0)
			goto bad;
		add = name, addlen = n;
		if (kind == 1) {
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == n &&
				    memcmp(vars[i].name, name, n) == 0)
					break;
			if (i == nvars)
				goto bad;
			add = vars[i].value ? vars[i].value : "";
			addlen = strlen(add);
		}
		if (len + addlen + 1 > cap) {
			char *bigger;

			cap = (len + addlen + 1) * 2;
			if ((bigger = realloc(out, cap)) == NULL)
				goto bad;
			out = bigger;
		}
		memcpy(out + len, add, addlen);
		len += addlen;
	}
	out[len] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

/*
 * Lists the placeholder names of a template (each once, in order of first
 * use) into names, at most max.  Returns how many, or -1 when a brace is
 * out of place.
 */
int
fill_names(const char *tmpl, char names[][32], int max)
{
	int	 n = 0;

	for (const char *s = tmpl; *s != '\0';) {
		const char	*name;
		size_t		 len;
		int		 i, kind = step(&s, &name, &len);

		if (kind < 0)
			return -1;
		if (kind == 0)
			continue;
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    memcmp(names[i], name, len) == 0)
				break;
		if (i == n && n < max) {
			memcpy(names[n], name, len);
			names[n++][len] = '\0';
		}
	}
	return n;
}
