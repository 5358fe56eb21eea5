/*
 * tcache: see tcache.h.  Every thread has one table of blocks, one slot per
 * cache, found through a thread-local pointer; a pthread key frees the table
 * and its blocks when the thread ends.
 */
#include <pthread.h>
#include <stdlib.h>

#include "log.h"
#include "tcache.h"

struct tblocks {
	struct tcache	*owner[TCACHE_MAX];
	void		*block[TCACHE_MAX];
};

static pthread_key_t		 tkey;
static pthread_once_t		 tonce = PTHREAD_ONCE_INIT;
static atomic_int		 slots;
static _Thread_local struct tblocks *mine;

static void
tblocks_free(void *p)
{
	struct tblocks *t = p;

	for (int i = 0; i < TCACHE_MAX; i++) {
		if (t->block[i] == NULL)
			continue;
		if (t->owner[i]->clear != NULL)
			t->owner[i]->clear(t->block[i]);
		free(t->block[i]);
	}
	free(t);
}

static void
tkey_make(void)
{
	if (pthread_key_create(&tkey, tblocks_free) != 0)
		log_fatal("tcache: no thread key");
}

/* The cache's index, taken from the program's count at its first use. */
static int
tcache_slot(struct tcache *c)
{
	int s = atomic_load(&c->slot), mine_slot;

	if (s != 0)
		return s - 1;
	mine_slot = atomic_fetch_add(&slots, 1) + 1;
	if (mine_slot > TCACHE_MAX)
		log_fatal("tcache: more than %d caches", TCACHE_MAX);
	/* Two threads may race here: the first to set it wins. */
	if (!atomic_compare_exchange_strong(&c->slot, &s, mine_slot))
		return s - 1;
	return mine_slot - 1;
}

/*
 * The calling thread's block of cache c: c->size bytes, zeroed when first
 * given, freed (after c->clear) when the thread ends.  Never NULL.
 */
void *
tcache_get(struct tcache *c)
{
	int	 s = tcache_slot(c);

	if (mine == NULL) {
		pthread_once(&tonce, tkey_make);
		if ((mine = calloc(1, sizeof(*mine))) == NULL)
			log_fatal("tcache: out of memory");
		pthread_setspecific(tkey, mine);
	}
	if (mine->block[s] == NULL) {
		if ((mine->block[s] = calloc(1, c->size)) == NULL)
			log_fatal("tcache: out of memory");
		mine->owner[s] = c;
	}
	return mine->block[s];
}
