/*
 * fill: a message template with named placeholders, "Domanda {case}
 * ricevuta", filled with values.  Names are small letters and '_'; "{{"
 * writes one '{'.  A template that names a value it is not given, or has a
 * brace out of place, is refused rather than sent with a hole in it.
 */
#ifndef IDONEO_FILL_H
#define IDONEO_FILL_H

#include <stddef.h>

struct fill_var {
	const char	*name;
	const char	*value;
};

char	*fill_dup(const char *tmpl, const struct fill_var *, size_t nvars);
int	 fill_names(const char *tmpl, char names[][32], int max);

#endif
