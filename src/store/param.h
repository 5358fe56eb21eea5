/*
 * param: the types a statement's parameters and transactions are made of,
 * shared by query.h (the callers) and driver.h (the drivers).
 */
#ifndef IDONEO_PARAM_H
#define IDONEO_PARAM_H

#include <stdint.h>

#define STORE_CONFLICT	(-2)	/* a UNIQUE or CHECK constraint refused it */
#define STORE_MAX_PARAMS	48	/* parameters of one statement */

enum store_tx {
	STORE_BEGIN_READ,
	STORE_BEGIN_WRITE,
	/*
	 * A write whose rows refer only to rows it has written itself or
	 * read in the same transaction (a bulk import): SQLite leaves the
	 * foreign-key checks out until it ends.
	 */
	STORE_BEGIN_BULK,
	STORE_COMMIT,
	STORE_ROLLBACK,
};

enum store_ptype { SP_NULL, SP_INT, SP_TEXT, SP_ARRAY };

/*
 * Integers bound as one array parameter (type letter 'a'): the counters a
 * group write moves on, each by its count.  The driver writes the array in
 * its database's syntax.
 */
struct store_ints {
	int64_t	*v;
	int	 n, cap;
};

struct store_param {
	enum store_ptype	 type;
	int64_t			 i;
	const char		*s;
	const struct store_ints	*a;	/* SP_ARRAY */
};

#endif
