/*
 * Every statement of src/store/stmts.c prepares on the database the test
 * runs on (SQLite by default, PostgreSQL with IDONEO_TEST_DB): a typo in
 * SQL that no other test runs fails here, not in production.  On SQLite
 * exactly the PostgreSQL-only forms have no text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/clock.h"
#include "store/driver.h"
#include "store/query.h"
#include "store/migrate.h"

/* The statements only PostgreSQL runs: the group writes' forms. */
static const enum stmt pg_only[] = {
	STMT_CASE_INSERT_GROUP, STMT_APPLICANT_INSERT_GROUP,
	STMT_DWELLING_INSERT_GROUP, STMT_ROOMS_INSERT_GROUP,
	STMT_PERSONS_INSERT_GROUP, STMT_PAYMENTS_INSERT_GROUP,
	STMT_DOCUMENTS_INSERT_GROUP, STMT_ASSESSMENT_INSERT_GROUP,
	STMT_EVENT_INSERT_GROUP, STMT_AUDIT_INSERT_GROUP,
	STMT_COUNTER_NEXT_GROUP, STMT_MSG_INSERT_GROUP,
	STMT_COLLECTION_INSERT_GROUP,
};

static bool
is_pg_only(enum stmt s)
{
	for (size_t i = 0; i < sizeof(pg_only) / sizeof(pg_only[0]); i++)
		if (pg_only[i] == s)
			return true;
	return false;
}

static void
every_statement_prepares(void **state)
{
	const char	*env = getenv("IDONEO_TEST_DB");
	char		 url[512], tmpl[] = "/tmp/idoneo-stmts-XXXXXX";
	struct store	*st;
	bool		 pg;
	int		 failed = 0, absent = 0;

	(void)state;
	clock_init();
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof(url), "%s", env);
	else {
		assert_non_null(mkdtemp(tmpl));
		snprintf(url, sizeof(url), "%s/stmts.db", tmpl);
	}
	pg = strncmp(url, "postgres", 8) == 0;
	assert_non_null(st = store_open(url));
	assert_int_equal(store_migrate(st), 0);
	for (int s = 0; s < STMT__MAX; s++) {
		int rc = store_prepare(st, (enum stmt)s);

		if (rc < 0) {
			print_message("statement %d does not prepare\n", s);
			failed++;
		} else if (rc == 1) {
			absent++;
			/* Only SQLite lacks any, and only the group forms. */
			if (pg || !is_pg_only((enum stmt)s)) {
				print_message("statement %d has no text\n", s);
				failed++;
			}
		} else if (!pg && is_pg_only((enum stmt)s)) {
			print_message("statement %d ran on SQLite\n", s);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
	assert_int_equal(absent, pg ? 0 :
	    (int)(sizeof(pg_only) / sizeof(pg_only[0])));
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_statement_prepares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
