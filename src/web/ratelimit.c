/*
 * ratelimit: see ratelimit.h.  A table of fixed size, indexed by a hash of
 * the key; a key that lands on a busy slot of another key takes it over
 * when that one's window has passed, else shares its count (which only
 * makes the limit stricter).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ratelimit.h"

#define SLOTS	4096

static struct slot {
	char	 key[80];
	time_t	 since;
	int	 fails;
} slots[SLOTS];
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;

static struct slot *
slot_of(const char *key, int window_s, time_t now)
{
	unsigned char	 h[8];
	uint64_t	 v = 0;
	struct slot	*s;

	crypto_generichash(h, sizeof(h), (const unsigned char *)key,
	    strlen(key), NULL, 0);
	for (int i = 0; i < 8; i++)
		v = v << 8 | h[i];
	s = &slots[v % SLOTS];
	if (strcmp(s->key, key) != 0 && now - s->since >= window_s) {
		snprintf(s->key, sizeof(s->key), "%s", key);
		s->fails = 0;
		s->since = now;
	}
	if (now - s->since >= window_s) {
		s->fails = 0;
		s->since = now;
	}
	return s;
}

/*
 * Whether key has failed max times within the last window_s seconds;
 * *retry_after receives the seconds until it may try again.
 */
bool
ratelimit_blocked(const char *key, int max, int window_s, int *retry_after)
{
	time_t		 now = time(NULL);
	struct slot	*s;
	bool		 blocked;

	pthread_mutex_lock(&lock);
	s = slot_of(key, window_s, now);
	blocked = s->fails >= max;
	*retry_after = blocked ? (int)(s->since + window_s - now) : 0;
	pthread_mutex_unlock(&lock);
	return blocked;
}

void
ratelimit_fail(const char *key, int window_s)
{
	pthread_mutex_lock(&lock);
	slot_of(key, window_s, time(NULL))->fails++;
	pthread_mutex_unlock(&lock);
}
