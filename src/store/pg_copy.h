/*
 * pg_copy: rows sent to PostgreSQL with COPY … FROM STDIN, in COPY's text
 * format, handed to libpq 64 kB at a time (the PostgreSQL driver's bulk
 * rows, store_bulk_row).
 */
#ifndef IDONEO_PG_COPY_H
#define IDONEO_PG_COPY_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "base/buf.h"
#include "param.h"

bool	 pg_copy_start(PGconn *, const char *sql);
int	 pg_copy_row(PGconn *, struct buf *, const struct store_param *, int n);
int	 pg_copy_end(PGconn *, struct buf *, bool ok);

#endif
