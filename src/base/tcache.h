/*
 * tcache: the one way idoneo keeps a cache per thread.
 *
 * The server's threads each keep a few small caches (API keys, comune
 * rules, rule sets, serialised case documents) so that a request costs no
 * lock and no round trip for what changed a few seconds ago at most.  Each
 * cache is a static struct tcache naming the size of a thread's block and
 * the function that frees what a block points to; tcache_get gives the
 * calling thread its block, zeroed at first use, and frees it when the
 * thread ends.
 */
#ifndef IDONEO_TCACHE_H
#define IDONEO_TCACHE_H

#include <stdatomic.h>
#include <stddef.h>

#define TCACHE_MAX	16	/* caches in the whole program */

struct tcache {
	size_t		 size;		/* bytes of a thread's block */
	void		 (*clear)(void *);	/* frees what it points to, or NULL */
	atomic_int	 slot;		/* 1 + the cache's index, 0 until first use */
};

#define TCACHE_INIT(size, clear)	{ (size), (clear), 0 }

void	*tcache_get(struct tcache *);

#endif
