/*
 * stmts_pg: the statements whose PostgreSQL text differs from stmts.c's,
 * and the group forms that only PostgreSQL runs (group writes: see
 * query.h, store_group_collect).
 */
#include <stddef.h>

#include "stmts.h"
#include "stmts_cols.h"

/* An array parameter of a group form, unnested (stmts_group). */
#define U_I	"unnest(?::bigint[])"
#define U_T	"unnest(?::text[])"

/*
 * The statements whose PostgreSQL form differs.  Claiming a job skips rows
 * other workers have locked, so many workers claim at once without waiting
 * on each other; migrations take an advisory lock.
 */
#define COPY_RESEQ_PG(N, t, ident, cols, vals) \
	[STMT_COPY_RESEQ_##N] = ident ? "SELECT setval(pg_get_serial_sequence('" \
	    t "', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM " t "), false)" : \
	    "SELECT 1",

const char *const stmts_pg[STMT__MAX] = {
	COPY_TABLES(COPY_RESEQ_PG)

	/*
	 * The dashboard's totals folded (src/stats/tally.c): the rows the
	 * DELETE takes are the rows added up, so a change appended while it
	 * runs stays for the next fold, neither lost nor counted twice.
	 */
	[STMT_TALLY_FOLD] =
	    "WITH d AS (DELETE FROM tally_deltas RETURNING *) INSERT INTO "
	    "tallies (figure, comune_id, month, purpose, key, num, n) SELECT "
	    "figure, comune_id, month, purpose, key, num, sum(n) FROM d GROUP "
	    "BY figure, comune_id, month, purpose, key, num ON CONFLICT "
	    "(figure, month, comune_id, purpose, key, num) DO UPDATE SET n = "
	    "tallies.n + excluded.n",
	[STMT_TALLY_FOLD_CLEAR] = "SELECT 1",

	/*
	 * The group forms of the intake's statements (store_group).  Each
	 * parameter is an array of that parameter's values, one per row, and
	 * "SELECT unnest(?), unnest(?), ..." zips the arrays back into rows.
	 * The set-returning functions stand in the select list, not in FROM:
	 * there, unnest of several arrays first copies each into a tuplestore
	 * of its own, which made a group of one cost three times a plain
	 * insert (bench/groupwrite).  Each gives back what the plain form
	 * does, after the case id the row belongs to (group_key).
	 */
	/*
	 * The cases of a group come with their protocol numbers: the
	 * counters have moved on first (STMT_COUNTER_NEXT_GROUP), and the
	 * third array holds, for each case, how many cases of its counter
	 * come after it in the group.  No placeholder, so no UPDATE after.
	 */
	[STMT_CASE_INSERT_GROUP] =
	    "INSERT INTO cases (" CASE_INSERT_COLS ") SELECT u.id, u.comune_id, "
	    "(SELECT last FROM counters n WHERE n.comune_id = u.comune_id "
	    "AND n.year = u.protocol_year AND n.kind = 'protocol') - u.later, "
	    "u.protocol_year, u.tracking_code, u.channel, u.association_id, "
	    "u.created_by, u.api_key_id, u.purpose, u.title, u.consent_at, "
	    "u.state, u.received_on, u.term_days, u.due_on, u.notes, "
	    "u.created_at, u.updated_at, u.search_key FROM (SELECT "
	    U_I " AS id, " U_I " AS comune_id, " U_I " AS later, "
	    U_I " AS protocol_year, " U_T " AS tracking_code, "
	    U_T " AS channel, " U_I " AS association_id, "
	    U_I " AS created_by, " U_I " AS api_key_id, " U_T " AS purpose, "
	    U_T " AS title, " U_T " AS consent_at, " U_T " AS state, "
	    U_T " AS received_on, " U_I " AS term_days, " U_T " AS due_on, "
	    U_T " AS notes, " U_T " AS created_at, " U_T " AS updated_at, "
	    U_T " AS search_key) AS u "
	    "RETURNING id AS group_key, " CASE_RETURNING,
	[STMT_COLLECTION_INSERT_GROUP] =
	    "INSERT INTO collections (case_id, point_id, delegate_name, "
	    "delegate_doc_type, delegate_doc_number, updated_at) SELECT "
	    U_I ", " U_I ", " U_T ", " U_T ", " U_T ", " U_T " "
	    "RETURNING case_id AS group_key, point_id AS collection_point, "
	    "(SELECT name FROM points WHERE id = point_id) AS "
	    "collection_point_name, delegate_name, delegate_doc_type, "
	    "delegate_doc_number",
	[STMT_APPLICANT_INSERT_GROUP] =
	    "INSERT INTO applicants (" APPLICANT_COLS ") SELECT "
	    U_I ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_I ", " U_I ", "
	    U_T ", " U_T " "
	    "RETURNING case_id AS group_key, " APPLICANT_BACK,
	[STMT_DWELLING_INSERT_GROUP] =
	    "INSERT INTO dwellings (" DWELLING_COLS ") SELECT "
	    U_I ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_I " "
	    "RETURNING case_id AS group_key, " DWELLING_BACK,
	/* Each case's rows as a JSON array, as the plain forms take them. */
	[STMT_ROOMS_INSERT_GROUP] =
	    "INSERT INTO rooms (case_id, position, name, use, area, height, "
	    "window_area, fixtures, extraction) "
	    "SELECT u.id, e.n, e.v ->> 'name', e.v ->> 'use', "
	    "(e.v ->> 'area')::bigint, (e.v ->> 'height')::bigint, "
	    "(e.v ->> 'window_area')::bigint, e.v ->> 'fixtures', "
	    "(e.v ->> 'extraction')::bigint "
	    "FROM (SELECT " U_I " AS id, " U_T " AS j) AS u, "
	    "jsonb_array_elements(u.j::jsonb) WITH ORDINALITY AS e(v, n) "
	    "RETURNING case_id AS group_key, " ROOMS_BACK,
	[STMT_PERSONS_INSERT_GROUP] =
	    "INSERT INTO persons (case_id, kind, surname, given_names, "
	    "birth_date, relation, codice_fiscale) "
	    "SELECT u.id, e.v ->> 'kind', e.v ->> 'surname', "
	    "e.v ->> 'given_names', e.v ->> 'birth_date', "
	    "e.v ->> 'relation', e.v ->> 'codice_fiscale' "
	    "FROM (SELECT " U_I " AS id, " U_T " AS j) AS u, "
	    "jsonb_array_elements(u.j::jsonb) WITH ORDINALITY AS e(v, n) "
	    "ORDER BY u.id, e.n RETURNING case_id AS group_key, " PERSONS_BACK,
	[STMT_PAYMENTS_INSERT_GROUP] =
	    "INSERT INTO payments (case_id, kind, amount_cents, channel, "
	    "reference, paid_on) "
	    "SELECT u.id, e.v ->> 'kind', (e.v ->> 'amount_cents')::bigint, "
	    "e.v ->> 'channel', e.v ->> 'reference', e.v ->> 'paid_on' "
	    "FROM (SELECT " U_I " AS id, " U_T " AS j) AS u, "
	    "jsonb_array_elements(u.j::jsonb) WITH ORDINALITY AS e(v, n) "
	    "ORDER BY u.id, e.n RETURNING case_id AS group_key, " PAYMENTS_BACK,
	[STMT_DOCUMENTS_INSERT_GROUP] =
	    "INSERT INTO documents (case_id, kind, received) "
	    "SELECT " U_I ", " U_T ", " U_I " "
	    "RETURNING case_id AS group_key, " DOCUMENTS_BACK,
	[STMT_ASSESSMENT_INSERT_GROUP] =
	    "INSERT INTO assessments (" ASSESSMENT_COLS ") SELECT "
	    U_I ", " U_T ", " U_I ", " U_I ", " U_I ", " U_I ", " U_I ", "
	    U_I ", " U_T ", " U_I ", " U_I ", " U_I ", " U_I ", " U_T ", "
	    U_T ", " U_T " RETURNING case_id AS group_key, *",
	/* Steps, each with its case's comune (migration 0025). */
	[STMT_EVENT_INSERT_GROUP] =
	    "INSERT INTO events (" EVENT_COLS ", comune_id) SELECT v.*, "
	    "c.comune_id FROM (SELECT " U_I " AS case_id, " U_T " AS at, "
	    U_T " AS effective_on, " U_T " AS actor, " U_T " AS actor_name, "
	    U_T " AS action, " U_T " AS from_state, " U_T " AS to_state, "
	    U_T " AS reason, " U_T " AS due_on) v JOIN cases c ON "
	    "c.id = v.case_id RETURNING case_id AS group_key, " EVENT_BACK,
	[STMT_AUDIT_INSERT_GROUP] =
	    "INSERT INTO audit (" AUDIT_COLS ") SELECT "
	    U_T ", " U_I ", " U_T ", " U_T ", " U_T ", " U_T ", " U_I ", "
	    U_T,
	/*
	 * A group's protocol numbers: each comune's and year's counter moves
	 * on by its count of the group's cases, first thing in the group's
	 * transaction.  The counters come in the order the caller sorted
	 * them, so that two groups lock them in the same order and never
	 * wait for each other in a circle.
	 */
	[STMT_COUNTER_NEXT_GROUP] =
	    "INSERT INTO counters (comune_id, year, kind, last) "
	    "SELECT " U_I ", " U_I ", 'protocol', " U_I " "
	    "ON CONFLICT (comune_id, year, kind) "
	    "DO UPDATE SET last = counters.last + excluded.last",

	/* A block of ids from the identity column's sequence. */
	[STMT_CASE_IDS] =
	    "SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id "
	    "FROM generate_series(1, 32)",

	[STMT_MIGRATION_LOCK] = "SELECT pg_advisory_lock(7040201)",
	[STMT_ROOMS_INSERT_JSON] =
	    "INSERT INTO rooms (case_id, position, name, use, area, height, "
	    "window_area, fixtures, extraction) "
	    "SELECT ?, e.n, e.v ->> 'name', e.v ->> 'use', "
	    "(e.v ->> 'area')::bigint, (e.v ->> 'height')::bigint, "
	    "(e.v ->> 'window_area')::bigint, e.v ->> 'fixtures', "
	    "(e.v ->> 'extraction')::bigint "
	    "FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n)"
	    ROOMS_RETURNING,
	[STMT_PERSONS_INSERT_JSON] =
	    "INSERT INTO persons (case_id, kind, surname, given_names, "
	    "birth_date, relation, codice_fiscale) "
	    "SELECT ?, e.v ->> 'kind', e.v ->> 'surname', "
	    "e.v ->> 'given_names', e.v ->> 'birth_date', "
	    "e.v ->> 'relation', e.v ->> 'codice_fiscale' "
	    "FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n) "
	    "ORDER BY e.n" PERSONS_RETURNING,
	[STMT_PAYMENTS_INSERT_JSON] =
	    "INSERT INTO payments (case_id, kind, amount_cents, channel, "
	    "reference, paid_on) "
	    "SELECT ?, e.v ->> 'kind', (e.v ->> 'amount_cents')::bigint, "
	    "e.v ->> 'channel', e.v ->> 'reference', e.v ->> 'paid_on' "
	    "FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n) "
	    "ORDER BY e.n" PAYMENTS_RETURNING,
	[STMT_STAGE_ROW] =
	    "COPY cadastre_stage (import_id, comune_id, sezione, immobile, "
	    "progressivo, record_type, line_no, line) FROM STDIN",
	/* From the table's own sequence, one at a time: others take ids too. */
	[STMT_UNIT_IDS] =
	    "SELECT nextval(pg_get_serial_sequence('cadastral_units', 'id')) "
	    "AS id, 1 AS n FROM generate_series(1, ?::bigint)",
	[STMT_UNIT_ROW] =
	    "COPY cadastral_units (" UNIT_ROW_COLS ") FROM STDIN",
	[STMT_UNIT_CHANGE_ROW] =
	    "COPY cadastral_unit_changes (" UNIT_ROW_COLS ") FROM STDIN",
	/*
	 * The changed ids as an array: with IN (SELECT …) the planner, going
	 * by the statistics of a table that is emptied after each batch, may
	 * read every row of the comune's units instead of a few by index.
	 */
	[STMT_UNITS_CHANGE] = UNITS_CHANGE_SQL("= ANY (ARRAY(SELECT id FROM "
	    "cadastral_unit_changes))"),
	[STMT_UNIT_IDENTS_DELETE_CHANGED] =
	    "DELETE FROM cadastral_idents WHERE unit_id = ANY (ARRAY(SELECT id "
	    "FROM cadastral_unit_changes))",
	[STMT_UNIT_ADDRESSES_DELETE_CHANGED] =
	    "DELETE FROM cadastral_addresses WHERE unit_id = ANY (ARRAY(SELECT "
	    "id FROM cadastral_unit_changes))",
	[STMT_UNIT_IDENT_ROW] =
	    "COPY cadastral_idents (unit_id, comune_id, position, "
	    "sezione_urbana, foglio, particella, denominatore, subalterno, "
	    "edificialita) FROM STDIN",
	[STMT_UNIT_ADDRESS_ROW] =
	    "COPY cadastral_addresses (unit_id, comune_id, position, "
	    "toponimo, dug, street, civico, street_key, number, esponente, "
	    "codice_strada) FROM STDIN",
	[STMT_UNITS_GET] = UNITS_SELECT
	    "WHERE u.id = ANY (SELECT jsonb_array_elements_text(?::jsonb)::bigint) "
	    "AND (?::bigint = 0 OR u.comune_id = ?)",
	[STMT_UNITS_IDENTS] =
	    "SELECT unit_id, sezione_urbana, foglio, particella, denominatore, "
	    "subalterno, edificialita FROM cadastral_idents WHERE unit_id = ANY "
	    "(SELECT jsonb_array_elements_text(?::jsonb)::bigint) "
	    "ORDER BY unit_id, position",
	[STMT_UNITS_ADDRESSES] =
	    "SELECT unit_id, toponimo, dug, street, civico, street_key, number, "
	    "esponente, codice_strada FROM cadastral_addresses WHERE unit_id = "
	    "ANY (SELECT jsonb_array_elements_text(?::jsonb)::bigint) "
	    "ORDER BY unit_id, position",
	[STMT_RESIDENTS_ROW] =
	    "COPY residents (" RESIDENT_ROW_COLS ") FROM STDIN",
	[STMT_TARI_ROW] = "COPY tari (" TARI_ROW_COLS ") FROM STDIN",
	[STMT_RESIDENTS_DELETE_IDS] =
	    "DELETE FROM residents WHERE id = ANY (ARRAY(SELECT "
	    "jsonb_array_elements_text(?::jsonb)::bigint))",
	[STMT_TARI_DELETE_IDS] =
	    "DELETE FROM tari WHERE id = ANY (ARRAY(SELECT "
	    "jsonb_array_elements_text(?::jsonb)::bigint))",
	[STMT_CASE_CHILDREN] =
	    "SELECT (SELECT coalesce(json_agg(json_build_object('position', "
	    "position, 'name', name, 'use', use, 'area', area, 'height', "
	    "height, 'window', window_area, 'fixtures', fixtures, 'extraction', "
	    "extraction) ORDER BY position), '[]') FROM rooms WHERE "
	    "case_id = ?)::text AS rooms, "
	    "(SELECT coalesce(json_agg(json_build_object('kind', kind, "
	    "'surname', surname, 'given_names', given_names, 'birth_date', "
	    "birth_date, 'relation', relation, 'codice_fiscale', codice_fiscale) "
	    "ORDER BY id), '[]') FROM persons WHERE case_id = ?)::text "
	    "AS persons, "
	    "(SELECT coalesce(json_agg(json_build_object('kind', kind, "
	    "'amount_cents', amount_cents, 'channel', channel, 'reference', "
	    "reference, 'paid_on', paid_on) ORDER BY id), '[]') FROM payments "
	    "WHERE case_id = ?)::text AS payments, "
	    "(SELECT coalesce(json_agg(json_build_object('kind', kind, "
	    "'received', received) ORDER BY id), '[]') FROM documents WHERE "
	    "case_id = ?)::text AS documents, "
	    "(SELECT coalesce(json_agg(json_build_object('at', at, "
	    "'effective_on', effective_on, 'actor_name', actor_name, 'action', "
	    "action, 'from_state', from_state, 'to_state', to_state, 'reason', "
	    "reason, 'due_on', due_on) ORDER BY id), '[]') FROM events WHERE "
	    "case_id = ?)::text AS events",
	/* One user name's attempts, one at a time, until the commit. */
	[STMT_LOGIN_LOCK] =
	    "SELECT pg_advisory_xact_lock(7040202, hashtext(?))",
	[STMT_MIGRATION_UNLOCK] = "SELECT pg_advisory_unlock(7040201)",
	[STMT_JOB_CLAIM] =
	    "UPDATE jobs SET claimed_by = ?, claimed_until = ?, "
	    "attempts = attempts + 1 WHERE id = (SELECT id FROM jobs "
	    "WHERE kind = ? AND done_at IS NULL AND run_after <= ? "
	    "AND (claimed_until IS NULL OR claimed_until < ?) "
	    "ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
	    "RETURNING id, kind, payload, attempts",
	/* A step, with its case's comune: typed parameters. */
	[STMT_EVENT_INSERT] =
	    "INSERT INTO events (" EVENT_COLS ", comune_id) SELECT v.*, "
	    "c.comune_id FROM (SELECT ?::bigint AS case_id, ?::text AS at, "
	    "?::text AS effective_on, ?::text AS actor, ?::text AS actor_name, "
	    "?::text AS action, ?::text AS from_state, ?::text AS to_state, "
	    "?::text AS reason, ?::text AS due_on) v JOIN cases c ON "
	    "c.id = v.case_id RETURNING " EVENT_BACK,
	/* The outbox: typed parameters, and claims that skip locked rows. */
	[STMT_MSG_INSERT] =
	    "INSERT INTO messages (" MSG_INSERT_COLS ", status, updated_at) "
	    "SELECT u.*, 'queued', u.created_at FROM (SELECT "
	    "?::bigint AS comune_id, ?::bigint AS case_id, ?::text AS event, "
	    "?::text AS channel, ?::text AS recipient, ?::text AS language, "
	    "?::text AS params, ?::bigint AS fallback_of, ?::text AS due_at, "
	    "?::text AS expires_at, ?::text AS token, ?::text AS actor, "
	    "?::text AS created_at) u "
	    "WHERE NOT EXISTS (SELECT 1 FROM notify_optouts o "
	    "WHERE o.channel = u.channel AND o.recipient = u.recipient)",
	[STMT_MSG_INSERT_GROUP] =
	    "INSERT INTO messages (" MSG_INSERT_COLS ", status, updated_at) "
	    "SELECT u.*, 'queued', u.created_at FROM (SELECT "
	    U_I " AS comune_id, " U_I " AS case_id, " U_T " AS event, "
	    U_T " AS channel, " U_T " AS recipient, " U_T " AS language, "
	    U_T " AS params, " U_I " AS fallback_of, " U_T " AS due_at, "
	    U_T " AS expires_at, " U_T " AS token, " U_T " AS actor, "
	    U_T " AS created_at) u "
	    "WHERE NOT EXISTS (SELECT 1 FROM notify_optouts o "
	    "WHERE o.channel = u.channel AND o.recipient = u.recipient)",
	[STMT_MSG_CLAIM] =
	    MSG_CLAIM_SET "AND (channel = 'email' OR ?::bigint = 1) "
	    "ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED) "
	    "RETURNING " MSG_CLAIMED,
	[STMT_MSG_LIST] =
	    MSG_LIST_FROM MSG_FILTER_PG " ORDER BY m.id DESC LIMIT ?",
	[STMT_MSG_COUNTS] =
	    MSG_COUNTS_FROM MSG_FILTER_PG " GROUP BY m.status, m.channel "
	    "ORDER BY m.status, m.channel",
};

const struct stmts_group stmts_group[STMT__MAX] = {
	[STMT_CASE_INSERT] = {STMT_CASE_INSERT_GROUP, 0},
	[STMT_MSG_INSERT] = {STMT_MSG_INSERT_GROUP, 0},
	[STMT_APPLICANT_INSERT] = {STMT_APPLICANT_INSERT_GROUP, 0},
	[STMT_DWELLING_INSERT] = {STMT_DWELLING_INSERT_GROUP, 0},
	[STMT_COLLECTION_UPSERT] = {STMT_COLLECTION_INSERT_GROUP, 0},
	[STMT_ROOMS_INSERT_JSON] = {STMT_ROOMS_INSERT_GROUP, 0},
	[STMT_PERSONS_INSERT_JSON] = {STMT_PERSONS_INSERT_GROUP, 0},
	[STMT_PAYMENTS_INSERT_JSON] = {STMT_PAYMENTS_INSERT_GROUP, 0},
	[STMT_DOCUMENTS_INSERT_8] = {STMT_DOCUMENTS_INSERT_GROUP, 3},
	[STMT_ASSESSMENT_INSERT] = {STMT_ASSESSMENT_INSERT_GROUP, 0},
	[STMT_EVENT_INSERT] = {STMT_EVENT_INSERT_GROUP, 0},
	[STMT_AUDIT_INSERT] = {STMT_AUDIT_INSERT_GROUP, 0},
};

/*
 * Statements PostgreSQL plans each time with their parameters instead of
 * preparing them once: the dashboard's, which filter by comune as
 * "(? = 0 OR comune_id = ?)" (a head's comune, or every comune for the
 * administrator).  A generic plan, made without the parameters, cannot
 * read that filter from the index by comune, and reads every comune's
 * rows; planning with the values takes a millisecond against reads of
 * thousands of rows.
 */
const bool stmts_pg_unprepared[STMT__MAX] = {
	[STMT_STATS_RECEIVED] = true,
	[STMT_STATS_ENDED] = true,
	[STMT_STATS_READY] = true,
	[STMT_STATS_READY_DAYS] = true,
	[STMT_STATS_OPEN] = true,
	[STMT_STATS_MESSAGES] = true,
	[STMT_STATS_HANDOVERS] = true,
	[STMT_STATS_STAFF] = true,
	[STMT_COUNTRY_OPEN_CASES] = true,
};
