/*
 * fill: see fill.h.
 */
#include <stdlib.h>
#include <string.h>

#include "fill.h"

/*
 * The length of the placeholder name that starts at s (just past its '{'),
 * up to the '}', or 0 when there is no well-formed name there.
 */
static size_t
name_len(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_");

	return n > 0 && n < 32 && s[n] == '}' ? n : 0;
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
		const char	*add = s;
		size_t		 addlen = 1, n;

		if (s[0] == '{' && s[1] == '{') {
			s += 2;
		} else if (s[0] == '{') {
			size_t i;

			if ((n = name_len(s + 1)) == 0)
				goto bad;
			for (i = 0; i < nvars; i++)
				if (strlen(vars[i].name) == n &&
				    memcmp(vars[i].name, s + 1, n) == 0)
					break;
			if (i == nvars)
				goto bad;
			add = vars[i].value ? vars[i].value : "";
			addlen = strlen(add);
			s += n + 2;
		} else if (s[0] == '}') {
			if (s[1] != '}')
				goto bad;
			s += 2;
		} else
			s++;
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
		size_t	 len;
		int	 i;

		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
			s += 2;
			continue;
		}
		if (s[0] == '}')
			return -1;
		if (s[0] != '{') {
			s++;
			continue;
		}
		if ((len = name_len(s + 1)) == 0)
			return -1;
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    memcmp(names[i], s + 1, len) == 0)
				break;
		if (i == n && n < max) {
			memcpy(names[n], s + 1, len);
			names[n++][len] = '\0';
		}
		s += len + 2;
	}
	return n;
}
