/*
 * rows: the rows idoneo reads most, as C structs: a case and a user.  Each
 * is filled from a row of the store, with every column it names checked
 * against a table of its fields: a column the statement does not give, or
 * gives as another type, or a text longer than its field, is an error that
 * names the column.  A typo in a column's name never reads as a silent
 * NULL.  SQL NULL reads as 0, false or "".
 */
#ifndef IDONEO_ROWS_H
#define IDONEO_ROWS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "store.h"

#define ROWS_DAY	11	/* "YYYY-MM-DD" and its NUL */

/* A case as the transitions and the room editor read it (STMT_CASE_GET). */
struct case_row {
	int64_t	 id, comune_id, association_id, version;
	int64_t	 protocol_year, protocol_no;
	int64_t	 certificate_year, certificate_no;	/* 0: none yet */
	int	 term_days, stopped_days;
	bool	 had_refusal_notice;
	char	 state[24];
	char	 received_on[ROWS_DAY], due_on[ROWS_DAY];
	char	 clock_stopped_on[ROWS_DAY];	/* "": the clock runs */
	char	 decided_on[ROWS_DAY];		/* "": not decided */
};

/* A staff user as the login and the session read it. */
struct user_row {
	int64_t	 id, comune_id, association_id;
	int64_t	 point_id;		/* a point operator's; 0: none */
	bool	 active;
	char	 username[65], full_name[129], role[16];
	char	 password_hash[160];	/* "" where the statement has none */
	char	 csrf[65];		/* a session's, "" for a login */
};

int	 rows_case(const json_t *, struct case_row *);
int	 rows_case_version(const json_t *, struct case_row *);
int	 rows_user(const json_t *, struct user_row *);
int	 rows_case_get(struct store *, int64_t id, struct case_row *);
int	 rows_case_version_get(struct store *, int64_t id, struct case_row *);

#endif
