/*
 * embed: lookup in the tables that tools/embed.py generates.
 */
#include <string.h>

#include "embed.h"

const struct embed_file *
embed_find(const struct embed_file *t, const char *name)
{
	for (; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
