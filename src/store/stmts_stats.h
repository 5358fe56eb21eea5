/*
 * stmts_stats: the statements of the office's numbers (src/stats), in the
 * form of entries of stmts.c's array, which includes this file inside it.
 * Each takes the comune twice (0: every comune), then the period, then the
 * purpose twice ('': every purpose).
 * Private to the store, like stmts_points.h.
 */
#ifndef IDONEO_STMTS_STATS_H
#define IDONEO_STMTS_STATS_H

/* The citizenship as written, for an application without its code. */
#define UNMATCHED \
	"CASE WHEN a.citizenship_code IS NULL THEN a.citizenship ELSE '' END"

/* Whether a certificate's net days were within its case's term, and
 * within the comune's legal term (1 or 0). */
#define IN_TARGET \
	"CASE WHEN c.ready_days - c.stopped_days <= c.term_days THEN 1 " \
	"ELSE 0 END"
#define IN_LEGAL \
	"CASE WHEN c.ready_days - c.stopped_days <= m.legal_term_days " \
	"THEN 1 ELSE 0 END"

#define STMTS_STATS \
	/* The applications received in the period, counted by what the \
	 * figures tell apart. */ \
	[STMT_STATS_RECEIVED] = \
	    "SELECT c.purpose, c.channel, c.association_id, " \
	    "a.citizenship_code, " UNMATCHED " AS unmatched, 1 AS country, " \
	    "count(*) AS n " \
	    "FROM cases c JOIN applicants a ON a.case_id = c.id WHERE " \
	    "(? = 0 OR c.comune_id = ?) AND c.received_on >= ? AND " \
	    "c.received_on <= ? AND (? = '' OR c.purpose = ?) GROUP BY " \
	    "c.purpose, c.channel, c.association_id, a.citizenship_code, " \
	    UNMATCHED, \
	/* The cases that ended without a certificate in the period: their \
	 * state and the day their clock ended (migration 0024). */ \
	[STMT_STATS_ENDED] = \
	    "SELECT c.state, count(*) AS n FROM cases c WHERE (? = 0 OR " \
	    "c.comune_id = ?) AND c.state IN ('rejected', 'withdrawn') AND " \
	    "c.decided_on >= ? AND c.decided_on <= ? AND (? = '' OR " \
	    "c.purpose = ?) GROUP BY c.state", \
	/* The certificates made ready in the period (a case's milestones, \
	 * migration 0020), by month and place of collection. */ \
	[STMT_STATS_READY] = \
	    "SELECT substr(c.ready_on, 1, 7) AS month, coalesce(p.name, '') " \
	    "AS place, count(*) AS n FROM cases c LEFT JOIN collections co " \
	    "ON co.case_id = c.id LEFT JOIN points p ON p.id = co.point_id " \
	    "WHERE (? = 0 OR c.comune_id = ?) AND c.ready_on >= ? AND " \
	    "c.ready_on <= ? AND (? = '' OR c.purpose = ?) GROUP BY " \
	    "substr(c.ready_on, 1, 7), coalesce(p.name, '')", \
	/* The same certificates by the days they took: from the \
	 * application, without the days the clock stood still, and to the \
	 * delivery; whether within the case's term and the legal one.  A \
	 * few hundred groups, however many certificates. */ \
	[STMT_STATS_READY_DAYS] = \
	    "SELECT c.ready_days AS days, c.ready_days - c.stopped_days AS " \
	    "net, c.delivered_days AS delivered, " IN_TARGET " AS in_target, " \
	    IN_LEGAL " AS in_legal, count(*) AS n FROM cases c JOIN comuni m " \
	    "ON m.id = c.comune_id WHERE (? = 0 OR c.comune_id = ?) AND " \
	    "c.ready_on >= ? AND c.ready_on <= ? AND (? = '' OR c.purpose = " \
	    "?) GROUP BY c.ready_days, c.ready_days - c.stopped_days, " \
	    "c.delivered_days, " IN_TARGET ", " IN_LEGAL, \
	/* The comuni side by side (the administrator's comparison): each \
	 * figure for every comune in one statement.  These take the period \
	 * and the purpose twice. */ \
	[STMT_STATS_COMPARE_RECEIVED] = \
	    "SELECT comune_id, count(*) AS n FROM cases WHERE received_on >= " \
	    "? AND received_on <= ? AND (? = '' OR purpose = ?) GROUP BY " \
	    "comune_id", \
	[STMT_STATS_COMPARE_READY] = \
	    "SELECT c.comune_id, c.ready_days AS days, " IN_TARGET " AS " \
	    "in_target, count(*) AS n FROM cases c WHERE c.ready_on >= ? AND " \
	    "c.ready_on <= ? AND (? = '' OR c.purpose = ?) GROUP BY " \
	    "c.comune_id, c.ready_days, " IN_TARGET " ORDER BY c.comune_id", \
	[STMT_STATS_COMPARE_OPEN] = \
	    "SELECT comune_id, count(*) AS n FROM cases WHERE state IN " \
	    "('submitted', 'in_review', 'suspended', 'inspection', " \
	    "'refusal_notice') AND (? = '' OR purpose = ?) GROUP BY " \
	    "comune_id", \
	/* The cases still open (not decided), with what their deadline \
	 * needs. */ \
	[STMT_STATS_OPEN] = \
	    "SELECT comune_id, state, received_on, term_days, stopped_days, " \
	    "clock_stopped_on FROM cases WHERE (? = 0 OR comune_id = ?) AND " \
	    "state IN ('submitted', 'in_review', 'suspended', 'inspection', " \
	    "'refusal_notice') AND (? = '' OR purpose = ?)", \
	/* The messages written in the period (UTC instants). */ \
	[STMT_STATS_MESSAGES] = \
	    "SELECT channel, status, language, fallback_of IS NOT NULL AS " \
	    "fallback, segments FROM messages WHERE (? = 0 OR comune_id = ?) " \
	    "AND created_at >= ? AND created_at < ? AND (? = '' OR EXISTS " \
	    "(SELECT 1 FROM cases c WHERE c.id = case_id AND c.purpose = ?))", \
	/* The certificates handed over at a T-Serve point in the period, \
	 * by the point and the days from the code given (Rome's days, \
	 * migration 0026). */ \
	[STMT_STATS_HANDOVERS] = \
	    "SELECT p.name, k.collect_days AS days, count(*) AS n FROM " \
	    "pickups k JOIN points p ON p.id = k.point_id WHERE (? = 0 OR " \
	    "k.comune_id = ?) AND k.status = 'delivered' AND k.ended_on >= ? " \
	    "AND k.ended_on <= ? AND (? = '' OR EXISTS (SELECT 1 FROM cases " \
	    "c WHERE c.id = k.case_id AND c.purpose = ?)) GROUP BY p.name, " \
	    "k.collect_days", \
	/* The steps each member of staff took in the period, by the \
	 * comune each step carries (migration 0025). */ \
	[STMT_STATS_STAFF] = \
	    "SELECT e.actor_name, count(*) AS n FROM events e WHERE (? = 0 OR " \
	    "e.comune_id = ?) AND e.effective_on >= ? AND e.effective_on <= ? " \
	    "AND e.actor LIKE 'user:%' AND (? = '' OR EXISTS (SELECT 1 FROM " \
	    "cases c WHERE c.id = e.case_id AND c.purpose = ?)) GROUP BY " \
	    "e.actor_name ORDER BY n DESC, e.actor_name", \
	/* The same figures of every comune from the monthly totals the \
	 * triggers of migration 0026 keep (src/stats/tally.c): each takes \
	 * the first and last month (YYYY-MM) and the purpose twice, and \
	 * gives rows of the shape of its statement above.  What was \
	 * received comes as one row for each channel, association and \
	 * citizenship, with the rest of the row empty (country says whether \
	 * the row is one of citizenship). */ \
	[STMT_STATS_TALLY_RECEIVED] = \
	    "SELECT purpose, CASE WHEN figure = 'channel' THEN key END AS " \
	    "channel, CASE WHEN figure = 'association' THEN num ELSE 0 END " \
	    "AS association_id, CASE WHEN figure = 'citizenship' AND num = 1 " \
	    "THEN key END AS citizenship_code, CASE WHEN figure = " \
	    "'citizenship' AND num = 0 THEN key ELSE '' END AS unmatched, " \
	    "CASE WHEN figure = 'citizenship' THEN 1 ELSE 0 END AS country, " \
	    "sum(n) AS n FROM tally_totals WHERE figure IN ('channel', " \
	    "'association', 'citizenship') AND comune_id = 0 AND month >= ? " \
	    "AND month <= ? AND (? = '' OR purpose = ?) GROUP BY figure, " \
	    "purpose, key, num HAVING sum(n) <> 0", \
	[STMT_STATS_TALLY_READY] = \
	    "SELECT t.month, coalesce(p.name, '') AS place, CAST(sum(t.n) AS " \
	    "BIGINT) AS n FROM (SELECT month, num, sum(n) AS n FROM tally_totals " \
	    "WHERE figure = 'ready_place' AND comune_id = 0 AND month >= ? " \
	    "AND month <= ? AND (? = '' OR purpose = ?) GROUP BY month, num) " \
	    "t LEFT JOIN points p ON p.id = t.num GROUP BY t.month, " \
	    "coalesce(p.name, '') HAVING sum(t.n) <> 0", \
	/* The days, the net days (with whether within the term and the \
	 * legal term) and the days to delivery, each its own rows. */ \
	[STMT_STATS_TALLY_READY_DAYS] = \
	    "SELECT CASE WHEN figure = 'ready_days' THEN num END AS days, " \
	    "CASE WHEN figure = 'ready_net' THEN num END AS net, CASE WHEN " \
	    "figure = 'ready_delivered' THEN num END AS delivered, CASE WHEN " \
	    "figure = 'ready_net' AND substr(key, 1, 1) = '1' THEN 1 ELSE 0 " \
	    "END AS in_target, CASE WHEN figure = 'ready_net' AND " \
	    "substr(key, 2, 1) = '1' THEN 1 ELSE 0 END AS in_legal, sum(n) " \
	    "AS n FROM tally_totals WHERE figure IN ('ready_days', 'ready_net', " \
	    "'ready_delivered') AND comune_id = 0 AND month >= ? AND month " \
	    "<= ? AND (? = '' OR purpose = ?) GROUP BY figure, key, num " \
	    "HAVING sum(n) <> 0", \
	[STMT_STATS_TALLY_STAFF] = \
	    "SELECT key AS actor_name, sum(n) AS n FROM tally_totals WHERE " \
	    "figure = 'staff' AND comune_id = 0 AND month >= ? AND month <= " \
	    "? AND (? = '' OR purpose = ?) GROUP BY key HAVING sum(n) <> 0", \
	[STMT_STATS_TALLY_COMPARE_RECEIVED] = \
	    "SELECT comune_id, sum(n) AS n FROM tally_totals WHERE figure = " \
	    "'received' AND month >= ? AND month <= ? AND (? = '' OR " \
	    "purpose = ?) GROUP BY comune_id HAVING sum(n) <> 0", \
	[STMT_STATS_TALLY_COMPARE_READY] = \
	    "SELECT comune_id, num AS days, CAST(key AS INTEGER) AS " \
	    "in_target, sum(n) AS n FROM tally_totals WHERE figure = " \
	    "'comune_ready' AND month >= ? AND month <= ? AND (? = '' OR " \
	    "purpose = ?) GROUP BY comune_id, num, key HAVING sum(n) <> 0", \
	/* The handovers: a row for each point (its name) and for each \
	 * number of days. */ \
	[STMT_STATS_TALLY_HANDOVERS] = \
	    "SELECT p.name, CASE WHEN t.figure = 'collect_days' THEN t.num " \
	    "END AS days, CAST(sum(t.n) AS BIGINT) AS n FROM (SELECT " \
	    "figure, num, sum(n) AS n FROM tally_totals WHERE figure IN " \
	    "('handover', 'collect_days') AND comune_id = 0 AND month >= ? " \
	    "AND month <= ? AND (? = '' OR purpose = ?) GROUP BY figure, num) " \
	    "t LEFT JOIN points p ON t.figure = 'handover' AND p.id = t.num " \
	    "GROUP BY t.figure, p.name, CASE WHEN t.figure = 'collect_days' " \
	    "THEN t.num END HAVING sum(t.n) <> 0", \
	/* The changes the triggers appended, folded into the totals (on \
	 * SQLite in the transaction that then clears them; on PostgreSQL \
	 * in one statement that takes the rows it folds, stmts_pg.c). */ \
	[STMT_TALLY_FOLD] = \
	    "INSERT INTO tallies (figure, comune_id, month, purpose, key, " \
	    "num, n) SELECT figure, comune_id, month, purpose, key, num, " \
	    "sum(n) FROM tally_deltas WHERE true GROUP BY figure, comune_id, " \
	    "month, purpose, key, num ON CONFLICT (figure, month, comune_id, " \
	    "purpose, key, num) DO UPDATE SET n = tallies.n + excluded.n", \
	[STMT_TALLY_FOLD_CLEAR] = "DELETE FROM tally_deltas", \
	/* The country names of applications that have no ISO code yet, \
	 * to read against the list (service/countries.c). */ \
	[STMT_COUNTRY_VALUES] = \
	    "SELECT 'citizenship' AS field, citizenship AS value, count(*) " \
	    "AS n FROM applicants WHERE citizenship_code IS NULL GROUP BY " \
	    "citizenship UNION ALL SELECT 'birth_country', birth_country, " \
	    "count(*) FROM applicants WHERE birth_country_code IS NULL " \
	    "GROUP BY birth_country ORDER BY 1, 2", \
	[STMT_CITIZENSHIP_RENAME] = \
	    "UPDATE applicants SET citizenship = ?, citizenship_code = ? " \
	    "WHERE citizenship = ? AND citizenship_code IS NULL", \
	[STMT_BIRTH_COUNTRY_RENAME] = \
	    "UPDATE applicants SET birth_country = ?, birth_country_code = ? " \
	    "WHERE birth_country = ? AND birth_country_code IS NULL", \
	/* The applications of a comune (0: all) whose citizenship or \
	 * country of birth the list did not recognise, for a clerk to \
	 * correct (the page /paesi). */ \
	[STMT_COUNTRY_OPEN_CASES] = \
	    "SELECT c.id, c.protocol_year, c.protocol_no, c.state, " \
	    "c.received_on, a.surname, a.given_names, a.citizenship, " \
	    "a.citizenship_code, a.birth_country, a.birth_country_code " \
	    "FROM applicants a JOIN cases c ON c.id = a.case_id WHERE " \
	    "a.case_id IN (SELECT case_id FROM applicants WHERE " \
	    "citizenship_code IS NULL UNION SELECT case_id FROM applicants " \
	    "WHERE birth_country_code IS NULL) AND (? = 0 OR c.comune_id = ?) " \
	    "ORDER BY c.id LIMIT ?", \
	[STMT_APPLICANT_COUNTRY_SET] = \
	    "UPDATE applicants SET citizenship = ?, citizenship_code = ?, " \
	    "birth_country = ?, birth_country_code = ? WHERE case_id = ?", \
	[STMT_APPLICANT_COUNTRY_GET] = \
	    "SELECT citizenship, birth_country FROM applicants WHERE " \
	    "case_id = ?", \
	[STMT_CASE_READY_SET] = \
	    "UPDATE cases SET ready_on = ?, ready_days = ? WHERE id = ?", \
	[STMT_CASE_DELIVERED_SET] = \
	    "UPDATE cases SET delivered_days = ? WHERE id = ?", \
	/* Whether the demo's history is there (service/demo_history.c). */ \
	[STMT_DEMO_OLD_CASES] = \
	    "SELECT count(*) FROM cases WHERE comune_id = ? AND " \
	    "received_on < ?", \
	/* end of STMTS_STATS */

#endif
