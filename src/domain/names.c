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
