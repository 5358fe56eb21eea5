/*
 * groupcommit: work that arrives together is written together.
 *
 * A thread submits an item and waits.  While fewer than `writers` threads
 * write, it becomes a writer itself: it takes the waiting items from the
 * head of the queue, up to GROUPCOMMIT_MAX, writes them with one call of
 * the write function and wakes their threads, one by one.  It goes on until
 * its own item is written.  An item that finds a writer free is written at
 * once, alone; under load the queue fills while the writers work, and each
 * group grows: one transaction, one statement per table and one flush to
 * disk then carry many items.
 */
#ifndef IDONEO_GROUPCOMMIT_H
#define IDONEO_GROUPCOMMIT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define GROUPCOMMIT_MAX	32

struct groupcommit_item {
	bool			 done;
	pthread_cond_t		 wake;	/* this item's thread waits on it */
	struct groupcommit_item	*next;
};

/*
 * Writes group[0..n-1], setting each item's own result; called with no
 * lock held, in the writer's thread, with the ctx that thread submitted.
 */
typedef void	 groupcommit_write_fn(struct groupcommit_item **group, int n,
		    void *ctx);

struct groupcommit {
	groupcommit_write_fn	*write;
	/* The rest is the queue's own. */
	pthread_mutex_t		 lock;
	struct groupcommit_item	*head, *tail;
	int			 writers, writing;
	int64_t			 groups, items;	/* written so far */
};

#define GROUPCOMMIT_INIT(fn)	{ (fn), PTHREAD_MUTEX_INITIALIZER, NULL, \
	NULL, 0, 0, 0, 0 }

void	 groupcommit_set_writers(struct groupcommit *, int);
int	 groupcommit_writers(struct groupcommit *);
void	 groupcommit_submit(struct groupcommit *, struct groupcommit_item *,
	    void *ctx);
void	 groupcommit_stats(struct groupcommit *, int64_t *groups,
	    int64_t *items);

#endif
