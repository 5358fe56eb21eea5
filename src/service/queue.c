/*
 * queue: the lists of cases: the office's work queue by deadline, an
 * association's own applications, and the search box.
 */
#include <stdio.h>

#include "access.h"
#include "case_doc.h"
#include "domain/codice_fiscale.h"
#include "domain/search.h"
#include "queue.h"
#include "store/query.h"

static json_t *
list(struct store *st, const struct principal *p, const char *state,
    bool open_only, int limit, int offset)
{
	json_t	*rows;

	if (access_office(p) && state[0] != '\0')
		rows = store_rows(st, STMT_CASE_QUEUE, "isdd", p->comune_id,
		    state, limit, offset);
	else if (access_office(p))
		rows = store_rows(st, open_only ? STMT_CASE_QUEUE_OPEN :
		    STMT_CASE_QUEUE_ALL, "idd", p->comune_id, limit, offset);
	else if (p->role == ROLE_ASSOCIATION)
		rows = store_rows(st, STMT_CASE_LIST_ASSOC, "issdd",
		    p->association_id, state, state, limit, offset);
	else
		return NULL;
	return case_doc_summaries(st, p, rows);
}

/*
 * The work queue for p: for the office, the comune's cases by deadline,
 * open ones only if open_only; for an association, its own applications.
 * Returns NULL on error or for a role with no queue.
 */
json_t *
cases_list(struct store *st, const struct principal *p, const char *state,
    bool open_only, int limit, int offset)
{
	json_t	*rows;

	if (state == NULL)
		state = "";
	if (store_tx(st, STORE_BEGIN_READ) < 0)
		return NULL;
	rows = list(st, p, state, open_only, limit, offset);
	store_tx(st, STORE_COMMIT);
	return rows;
}

/*
 * Finds cases of p's comune (an association: its own) by what a clerk
 * types: the applicant's name or its beginning ("rossi", "Hu W"), a
 * codice fiscale, a tracking code, or a protocol or certificate number
 * ("2026/123": the cases with either).
 * Returns NULL on error.
 */
json_t *
cases_search(struct store *st, const struct principal *p, const char *q,
    int limit)
{
	char			 key[SEARCH_KEY_MAX], upper[SEARCH_KEY_MAX];
	char			 cf[CF_LEN + 1], code[16];
	int			 year = 0, no = 0;
	json_t			*rows;

	if (!access_office(p) && p->role != ROLE_ASSOCIATION)
		return NULL;
	search_key(q, key);
	if (search_upper_bound(key, upper) < 0) {
		/* Nothing searchable in q: no name matches. */
		key[0] = '\x01';
		key[1] = '\0';
		upper[0] = '\x01';
		upper[1] = '\0';
	}
	if (cf_validate(q, cf) != CF_OK)
		cf[0] = '\0';
	snprintf(code, sizeof(code), "%.15s", q);
	for (char *c = code; *c != '\0'; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	if (sscanf(q, "%d/%d", &year, &no) != 2)
		year = no = 0;
	rows = store_rows(st, STMT_CASE_SEARCH, "issisisiddiddiid",
	    p->comune_id, key, upper, p->comune_id, code, p->comune_id,
	    cf[0] ? cf : "-", p->comune_id, year, no, p->comune_id, year, no,
	    p->role == ROLE_ASSOCIATION ? p->association_id : 0,
	    p->association_id, limit);
	return case_doc_summaries(st, p, rows);
}

