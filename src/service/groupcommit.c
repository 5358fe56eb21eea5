/*
 * groupcommit: writers take the waiting items from the head of the queue
 * and write each group with one call.  See groupcommit.h.
 */
#include "base/log.h"
#include "groupcommit.h"

/*
 * At most this many threads write at once.  0 tells the callers not to
 * use the queue (groupcommit_writers); an item submitted anyway is
 * written as if by one writer.
 */
void
groupcommit_set_writers(struct groupcommit *g, int writers)
{
	pthread_mutex_lock(&g->lock);
	g->writers = writers;
	pthread_mutex_unlock(&g->lock);
}

int
groupcommit_writers(struct groupcommit *g)
{
	int	 n;

	pthread_mutex_lock(&g->lock);
	n = g->writers;
	pthread_mutex_unlock(&g->lock);
	return n;
}

/* Takes up to GROUPCOMMIT_MAX items off the head.  Lock held. */
static int
take_group(struct groupcommit *g, struct groupcommit_item **group)
{
	int	 n = 0;

	while (g->head != NULL && n < GROUPCOMMIT_MAX) {
		group[n++] = g->head;
		g->head = g->head->next;
	}
	if (g->head == NULL)
		g->tail = NULL;
	return n;
}

void
groupcommit_submit(struct groupcommit *g, struct groupcommit_item *item,
    void *ctx)
{
	struct groupcommit_item	*group[GROUPCOMMIT_MAX];
	int			 n;

	item->done = false;
	item->next = NULL;
	if (pthread_cond_init(&item->wake, NULL) != 0)
		log_fatal("groupcommit: cannot make a condition variable");
	pthread_mutex_lock(&g->lock);
	if (g->tail != NULL)
		g->tail->next = item;
	else
		g->head = item;
	g->tail = item;
	while (!item->done) {
		/*
		 * Wait while enough threads write.  A writer that finishes
		 * wakes the thread of the item at the head, which writes
		 * next; a writer that takes this item wakes it when done.
		 */
		if (g->writing >= (g->writers > 0 ? g->writers : 1) ||
		    g->head == NULL) {
			pthread_cond_wait(&item->wake, &g->lock);
			continue;
		}
		g->writing++;
		n = take_group(g, group);
		/* Another writer may be free for what is left. */
		if (g->head != NULL && g->writing < g->writers)
			pthread_cond_signal(&g->head->wake);
		pthread_mutex_unlock(&g->lock);
		g->write(group, n, ctx);
		pthread_mutex_lock(&g->lock);
		for (int i = 0; i < n; i++) {
			group[i]->done = true;
			if (group[i] != item)
				pthread_cond_signal(&group[i]->wake);
		}
		g->groups++;
		g->items += n;
		g->writing--;
		if (g->head != NULL)
			pthread_cond_signal(&g->head->wake);
	}
	pthread_mutex_unlock(&g->lock);
	pthread_cond_destroy(&item->wake);
}

void
groupcommit_stats(struct groupcommit *g, int64_t *groups, int64_t *items)
{
	pthread_mutex_lock(&g->lock);
	*groups = g->groups;
	*items = g->items;
	pthread_mutex_unlock(&g->lock);
}
