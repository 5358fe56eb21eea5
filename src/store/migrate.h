/*
 * migrate: bringing a database's schema up to the binary's.
 */
#ifndef IDONEO_MIGRATE_H
#define IDONEO_MIGRATE_H

#include "store.h"

int	 store_migrate(struct store *);

#endif
