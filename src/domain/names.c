/*
 * names: see names.h.
 */
#include <string.h>

#include "names.h"

int
names_index(const char *const *names, int n, const char *s)
{
	if (s == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* The index of value in a vocabulary, or -1. */
int
choice_index(const struct choice *c, const char *value)
{
	if (value == NULL)
		return -1;
	for (int i = 0; c[i].value != NULL; i++)
		if (strcmp(c[i].value, value) == 0)
			return i;
	return -1;
}

/* The untranslated label of value in a vocabulary, or NULL. */
const char *
choice_label(const struct choice *c, const char *value)
{
	int i = choice_index(c, value);

	return i < 0 ? NULL : c[i].label;
}
