/*
 * import_job: an import of the comune's registers (the cadastral FAB
 * supply, the anagrafe or the TARI extract) started from the web page and
 * run by the worker (service/worker.c) through the jobs table.
 */
#ifndef IDONEO_IMPORT_JOB_H
#define IDONEO_IMPORT_JOB_H

#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"
#include "domain/result.h"

struct store;

enum svc_result	 import_job_submit(struct store *, const struct principal *,
		    const char *kind, int64_t comune_id, const char *path,
		    const char *name);
void		 import_job_add(int timeout_seconds);

#endif
