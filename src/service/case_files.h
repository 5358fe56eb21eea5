/*
 * case_files: documents uploaded for a case, their storage and retention
 * (docs/uploads.md).
 */
#ifndef IDONEO_CASE_FILES_H
#define IDONEO_CASE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

/* The largest document: a scanned floor plan, a phone's photo of a page. */
#define CASE_FILE_MAX	(INT64_C(10) * 1024 * 1024)

/* case_files_add's answer for a file that is not PDF, JPEG or PNG. */
#define CASE_FILES_TYPE	(SVC__MAX + 1)

int		 case_files_init(const char *db);
int		 case_files_keep(int64_t comune_id, const char *owner,
		    const char *upload, const char *name, int64_t size,
		    json_t *errors, char rel[160], char sha[65],
		    const char **mime, char nice[121]);
void		 case_files_unlink(const char *rel);
bool		 case_files_kind_ok(const char *kind, json_t *errors);
int		 case_files_add(struct store *, const struct principal *,
		    int64_t case_id, const char *kind, const char *upload,
		    const char *name, int64_t size, json_t *errors,
		    int64_t *id);
enum svc_result	 case_files_list(struct store *, const struct principal *,
		    int64_t case_id, json_t **out);
enum svc_result	 case_files_read(struct store *, const struct principal *,
		    int64_t file_id, struct buf *body, char *type,
		    size_t tsize, char *name, size_t nsize);
int		 case_files_purge(struct store *);
void		 case_files_add_worker(void);

#endif
