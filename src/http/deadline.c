/*
 * deadline: see deadline.h.
 *
 * The table is indexed by socket and guarded by one mutex.  A socket is
 * shut down only while its connection is in the table, and server.c takes
 * a connection out (deadline_close) before libmicrohttpd closes its socket,
 * so the number shut down is never one the kernel has given to a newer
 * connection.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/log.h"
#include "deadline.h"

struct slot {
	bool	 live;		/* a connection that has not sent its headers */
	time_t	 opened;
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 wake = PTHREAD_COND_INITIALIZER;
static struct slot	*slots;
static size_t		 nslots;
static int		 limit;		/* seconds; 0: no deadline */
static bool		 running, stopping;
static pthread_t	 sweeper;

static time_t
now_mono(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* The connection on fd has opened: its deadline starts now. */
void
deadline_open(int fd)
{
	if (limit <= 0 || fd < 0)
		return;
	pthread_mutex_lock(&lock);
	if ((size_t)fd >= nslots) {
		size_t	 n = (size_t)fd * 2 + 64;
		struct slot *s = realloc(slots, n * sizeof(*s));

		if (s == NULL)
			log_fatal("deadline: out of memory");
		memset(s + nslots, 0, (n - nslots) * sizeof(*s));
		slots = s;
		nslots = n;
	}
	slots[fd].live = true;
	slots[fd].opened = now_mono();
	pthread_mutex_unlock(&lock);
}

/* The connection on fd has sent its first request's headers in time. */
void
deadline_headers(int fd)
{
	deadline_close(fd);
}

/* The connection on fd is closing: its socket is no longer ours to touch. */
void
deadline_close(int fd)
{
	if (limit <= 0 || fd < 0)
		return;
	pthread_mutex_lock(&lock);
	if ((size_t)fd < nslots)
		slots[fd].live = false;
	pthread_mutex_unlock(&lock);
}

static void *
sweep(void *arg)
{
	struct timespec	 until;

	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		time_t	 t = now_mono();

		for (size_t fd = 0; fd < nslots; fd++)
			if (slots[fd].live && t - slots[fd].opened >= limit) {
				slots[fd].live = false;
				shutdown((int)fd, SHUT_RDWR);
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&wake, &lock, &until);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

/*
 * Starts the sweeper with a deadline of seconds (0: none).  Call it with
 * SIGINT and SIGTERM blocked, before the server's threads.  0, or -1.
 */
int
deadline_start(int seconds)
{
	limit = seconds;
	if (limit <= 0)
		return 0;
	stopping = false;
	if (pthread_create(&sweeper, NULL, sweep, NULL) != 0)
		return -1;
	running = true;
	return 0;
}

void
deadline_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(sweeper, NULL);
	running = false;
	free(slots);
	slots = NULL;
	nslots = 0;
}
