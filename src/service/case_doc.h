/*
 * case_doc: the read model of a case, the one document the API hands out and
 * the case page renders: the case with its applicant and dwelling, rooms,
 * persons, payments, documents, timeline, latest assessment, deadline and
 * the actions the caller may take now.  It carries data, not presentation:
 * the pages add their labels and formats (web/case_view.c).
 */
#ifndef IDONEO_CASE_DOC_H
#define IDONEO_CASE_DOC_H

#include <stdint.h>

#include <jansson.h>

#include "domain/deadline.h"
#include "domain/principal.h"
#include "domain/result.h"

struct store;

/*
 * The three reads a case document is built from: the case with applicant
 * and dwelling; its rooms, persons, payments, documents and timeline as
 * JSON arrays; its latest assessment.  Each is an array of rows.
 */
struct case_reads {
	json_t	*cases, *children, *assessment;
};

int		 case_reads_send(struct store *, int64_t id,
		    struct case_reads *);
void		 case_reads_free(struct case_reads *);
enum svc_result	 case_doc_build(struct store *, const struct principal *,
		    const struct case_reads *, json_t **out);
void		 case_doc_summary(json_t *c, const struct deadline_rules *,
		    int today);
json_t		*case_doc_summaries(struct store *, const struct principal *,
		    json_t *rows);
enum svc_result	 cases_load(struct store *, const struct principal *,
		    int64_t id, json_t **out);

#endif
