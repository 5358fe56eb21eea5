/*
 * store: the one interface to the database.
 *
 * This header is what every layer may know of it: a connection is opened
 * and closed, and each server thread has its own (migrate.h brings its
 * schema up to date).  The statements themselves, transactions and batches
 * are in store/query.h, for the services and the importers only: handlers
 * call services, and services own transactions.  A driver (store_sqlite.c, store_pg.c, behind the private
 * store/driver.h) implements the few operations the store needs; nothing
 * above the store knows which database runs.
 */
#ifndef IDONEO_STORE_H
#define IDONEO_STORE_H

struct store;

struct store	*store_open(const char *url);
void		 store_close(struct store *);
void		 store_thread_init(const char *url);
struct store	*store_thread(void);

#endif
