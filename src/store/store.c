/*
 * store: opening a connection to the database its URL names, with its
 * driver, and one connection per server thread.  See store.h; running
 * statements is query.c's, migrations migrate.c's.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "driver.h"
#include "store.h"

/*
 * Opens a connection.  url is "postgresql://…" or "postgres://…" for
 * PostgreSQL, "sqlite:PATH" or a plain PATH for SQLite.  Returns NULL, with
 * the reason logged, when the database cannot be opened.
 */
struct store *
store_open(const char *url)
{
	const struct store_driver	*drv = &store_sqlite_driver;
	const char			*target = url;
	struct store			*st;

	if (strncmp(url, "postgresql://", 13) == 0 ||
	    strncmp(url, "postgres://", 11) == 0)
		drv = &store_pg_driver;
	else if (strncmp(url, "sqlite:", 7) == 0)
		target = url + 7;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		log_fatal("store: out of memory");
	st->drv = drv;
	if ((st->conn = drv->open(target)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	st->drv->close(st->conn);
	free(st);
}

static char		*thread_url;
static pthread_key_t	 thread_key;
static pthread_once_t	 thread_once = PTHREAD_ONCE_INIT;

static void
thread_close(void *p)
{
	store_close(p);
}

static void
thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_close);
}

void
store_thread_init(const char *url)
{
	free(thread_url);
	if ((thread_url = strdup(url)) == NULL)
		log_fatal("store: out of memory");
	pthread_once(&thread_once, thread_key_make);
}

/*
 * The calling thread's connection, opened on first use and closed when the
 * thread ends.  NULL when the database cannot be opened.
 */
struct store *
store_thread(void)
{
	struct store	*st = pthread_getspecific(thread_key);

	if (st == NULL && (st = store_open(thread_url)) != NULL)
		pthread_setspecific(thread_key, st);
	return st;
}

/*
 * Prepares statement s on the connection without running it: 0, 1 when
 * this database runs no such statement (SQLite and the group forms), -1
 * when the database refuses its text.  For the test that prepares every
 * statement on both databases.
 */
int
store_prepare(struct store *st, enum stmt s)
{
	return st->drv->prepare(st->conn, s);
}
