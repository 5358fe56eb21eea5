/*
 * tcache: each thread gets its own zeroed block of each cache, the same one
 * at every call, and the cache's clear function runs when the thread ends.
 * What the threads see is collected and checked in the main thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/tcache.h"

struct block {
	int	 n;
	char	*owned;		/* freed by clear */
};

static atomic_int	 cleared;
static pthread_barrier_t all_in;	/* the threads' blocks live at once */

static void
block_clear(void *p)
{
	struct block *b = p;

	free(b->owned);
	atomic_fetch_add(&cleared, 1);
}

static struct tcache	 cache_a = TCACHE_INIT(sizeof(struct block), block_clear);
static struct tcache	 cache_b = TCACHE_INIT(64, NULL);

/* What one thread saw, for the main thread to check. */
struct seen {
	void	*a1, *a2, *b;
	int	 zero_a, zero_b;
};

static void *
use_caches(void *arg)
{
	struct seen	*s = arg;
	struct block	*a = tcache_get(&cache_a);
	unsigned char	*b = tcache_get(&cache_b);

	s->zero_a = a->n == 0 && a->owned == NULL;
	s->zero_b = 1;
	for (int i = 0; i < 64; i++)
		s->zero_b &= b[i] == 0;
	a->n = 42;
	a->owned = strdup("freed at thread exit");
	b[0] = 7;
	s->a1 = a;
	s->a2 = tcache_get(&cache_a);
	s->b = b;
	pthread_barrier_wait(&all_in);
	return NULL;
}

static void
blocks_are_per_thread_and_freed(void **state)
{
	struct seen	 seen[4];
	pthread_t	 t[4];

	(void)state;
	memset(seen, 0, sizeof(seen));
	pthread_barrier_init(&all_in, NULL, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, use_caches,
		    &seen[i]), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (int i = 0; i < 4; i++) {
		assert_true(seen[i].zero_a);
		assert_true(seen[i].zero_b);
		assert_ptr_equal(seen[i].a1, seen[i].a2);
		assert_ptr_not_equal(seen[i].a1, seen[i].b);
	}
	pthread_barrier_destroy(&all_in);
	/* The blocks lived at once: four of them, all different. */
	for (int i = 0; i < 4; i++)
		for (int k = i + 1; k < 4; k++)
			assert_ptr_not_equal(seen[i].a1, seen[k].a1);
	assert_int_equal(atomic_load(&cleared), 4);
	/* The main thread has its own, cleared when it ends. */
	assert_int_equal(((struct block *)tcache_get(&cache_a))->n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_are_per_thread_and_freed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
