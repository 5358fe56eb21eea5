/*
 * copy: moves a whole installation's data from one database to another
 * (a comune leaving SQLite for a PostgreSQL installation), keeping every
 * id, so links, protocol numbers and the audit log stay as they were.
 */
#ifndef IDONEO_COPY_H
#define IDONEO_COPY_H

#include <stdio.h>

#include "query.h"

int	 store_copy(struct store *from, struct store *to, FILE *report);

#endif
