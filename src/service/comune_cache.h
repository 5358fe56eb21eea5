/*
 * comune_cache: a comune's deadline rules, code and name, kept by each
 * thread for a few seconds.  Comuni change them rarely, and every intake,
 * case page and transition needs them.
 */
#ifndef IDONEO_COMUNE_CACHE_H
#define IDONEO_COMUNE_CACHE_H

#include <stdint.h>

#include <jansson.h>

#include "domain/deadline.h"

struct store;

struct comune_info {
	struct deadline_rules	 rules;
	char			 code[16];	/* Belfiore, "G999" */
	char			 name[256];
};

int	 comune_cache_get(struct store *, int64_t comune_id,
	    struct comune_info *);
int	 comune_cache_rules(struct store *, int64_t comune_id,
	    struct deadline_rules *);

#endif
