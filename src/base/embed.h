/*
 * embed: files compiled into the binary by tools/embed.py (templates and
 * migrations), so that one executable carries everything it needs.
 */
#ifndef IDONEO_EMBED_H
#define IDONEO_EMBED_H

#include <stddef.h>

struct embed_file {
	const char	*name;	/* base name, e.g. "0001_init.sql"; NULL ends */
	const char	*data;	/* NUL-terminated */
	size_t		 len;
};

extern const struct embed_file embed_templates[];
extern const struct embed_file embed_migrations[];
extern const struct embed_file embed_rules[];
extern const struct embed_file embed_migrations_pg[];
extern const struct embed_file embed_demo[];

const struct embed_file	*embed_find(const struct embed_file *, const char *);

#endif
