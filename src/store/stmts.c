/*
 * stmts: all SQL text of idoneo, one entry per enum stmt.
 *
 * Keep it portable (SQLite 3.40 and PostgreSQL 15): '?' placeholders (the
 * PostgreSQL driver numbers them), INSERT … RETURNING, ON CONFLICT … DO
 * UPDATE, no vendor functions.  Dates and times are ISO-8601 text and compare
 * correctly as strings.
 */
#include <stddef.h>

#include "stmts.h"

#define CASE_COLS \
	"c.id, c.comune_id, m.code AS comune_code, m.name AS comune_name, " \
	"c.protocol_year, c.protocol_no, c.tracking_code, c.channel, " \
	"c.association_id, c.created_by, c.api_key_id, c.purpose, c.title, " \
	"c.consent_at, c.state, c.received_on, c.term_days, c.due_on, " \
	"c.clock_stopped_on, c.stopped_days, c.had_refusal_notice, " \
	"c.decided_on, c.notes, c.created_at, c.updated_at, c.version, " \
	"c.certificate_year, c.certificate_no"

/* CASE_COLS, as the insert of a case gives them back (cases.c adds the
 * comune's code and name and the association's name). */
#define CASE_RETURNING \
	"id, comune_id, protocol_year, protocol_no, tracking_code, channel, " \
	"association_id, created_by, api_key_id, purpose, title, " \
	"consent_at, state, received_on, term_days, due_on, " \
	"clock_stopped_on, stopped_days, had_refusal_notice, " \
	"decided_on, notes, created_at, updated_at, version, " \
	"certificate_year, certificate_no"

/* A cadastral unit with the comune's code and the import it came from. */
#define UNITS_SELECT \
	"SELECT u.id, c.code AS comune, u.comune_id, u.sezione, u.immobile, " \
	"u.category, u.residential, u.classe, u.consistenza, u.measure, " \
	"u.superficie, u.rendita_cents, u.zona, u.scala, u.interno, " \
	"u.piano, u.partita, u.annotazione, u.opened_on, u.import_id, " \
	"i.finished_at AS imported_at, i.file_name AS import_file " \
	"FROM cadastral_units u JOIN comuni c ON c.id = u.comune_id " \
	"JOIN imports i ON i.id = u.import_id "

/*
 * What the inserts of a new case give back (RETURNING), so that the answer
 * to an intake is built from the rows as written, with the names the reads
 * of a case use (STMT_CASE_GET, STMT_CASE_CHILDREN): no read after the
 * write.  The id orders rows the way the reads do.
 */
#define ROOMS_BACK \
	"position, name, use, area, height, " \
	"window_area AS \"window\", fixtures, extraction"
#define PERSONS_BACK \
	"id, kind, surname, given_names, birth_date, relation, codice_fiscale"
#define PAYMENTS_BACK \
	"id, kind, amount_cents, channel, reference, paid_on"
#define APPLICANT_BACK \
	"surname, given_names, sex, birth_date, " \
	"birth_place, birth_country, citizenship, codice_fiscale, " \
	"cf_missing_reason, id_doc_type, id_doc_number, id_doc_expiry, " \
	"permit_type, permit_number, permit_expiry, phone, email, " \
	"language, notify_sms, notify_email"
#define DWELLING_BACK \
	"street, house_number, interno, scala, floor, cap, " \
	"sezione, foglio, particella, subalterno, category, unit_id"
#define DOCUMENTS_BACK "id, kind, received"
#define EVENT_BACK \
	"at, effective_on, actor_name, action, from_state, " \
	"to_state, reason, due_on"
#define ROOMS_RETURNING " RETURNING " ROOMS_BACK
#define PERSONS_RETURNING " RETURNING " PERSONS_BACK
#define PAYMENTS_RETURNING " RETURNING " PAYMENTS_BACK

/* The columns of the intake's inserts, shared by their two forms. */
#define CASE_INSERT_COLS \
	"id, comune_id, protocol_no, protocol_year, " \
	"tracking_code, channel, association_id, created_by, api_key_id, " \
	"purpose, title, consent_at, state, received_on, term_days, " \
	"due_on, notes, created_at, updated_at, search_key"
#define APPLICANT_COLS \
	"case_id, surname, given_names, sex, " \
	"birth_date, birth_place, birth_country, citizenship, " \
	"codice_fiscale, cf_missing_reason, id_doc_type, id_doc_number, " \
	"id_doc_expiry, permit_type, permit_number, permit_expiry, phone, " \
	"email, language, notify_sms, notify_email"
#define DWELLING_COLS \
	"case_id, street, house_number, interno, " \
	"scala, floor, cap, sezione, foglio, particella, subalterno, " \
	"category, unit_id"
#define ASSESSMENT_COLS \
	"case_id, rule_set, rule_version, " \
	"max_occupants, surface_capacity, bedroom_capacity, " \
	"habitable_area, total_area, binding, residents, requested, " \
	"places_available, fits, explanation, at, actor"
#define EVENT_COLS \
	"case_id, at, effective_on, actor, actor_name, " \
	"action, from_state, to_state, reason, due_on"
#define AUDIT_COLS \
	"at, comune_id, actor, ip, action, entity, entity_id, detail"

const char *const stmts_sql[STMT__MAX] = {
	/* SQLite migrates under BEGIN IMMEDIATE already: nothing to lock. */
	[STMT_MIGRATION_LOCK] = "SELECT 1",
	[STMT_MIGRATION_UNLOCK] = "SELECT 1",
	[STMT_MIGRATIONS_CREATE] =
	    "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
	[STMT_MIGRATION_APPLIED] =
	    "SELECT count(*) FROM schema_migrations WHERE version = ?",
	[STMT_MIGRATION_RECORD] =
	    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",

	[STMT_COMUNE_INSERT] =
	    "INSERT INTO comuni (code, name, province, office, signatory, "
	    "term_days, legal_term_days, risk_days, patron_month, patron_day, "
	    "saturday_closed, rule_set, fee_cents, stamp_cents, stamps, "
	    "validity_months, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id",
	[STMT_COMUNE_GET] = "SELECT * FROM comuni WHERE id = ?",
	[STMT_COMUNE_BY_CODE] = "SELECT * FROM comuni WHERE code = ?",
	[STMT_COMUNE_LIST] = "SELECT * FROM comuni ORDER BY name",
	[STMT_COUNT_COMUNI] = "SELECT count(*) FROM comuni",
	[STMT_ASSOC_INSERT] =
	    "INSERT INTO associations (comune_id, name) VALUES (?, ?) "
	    "RETURNING id",
	[STMT_ASSOC_GET] = "SELECT * FROM associations WHERE id = ?",
	[STMT_ASSOC_BY_NAME] =
	    "SELECT * FROM associations WHERE comune_id = ? AND name = ?",
	[STMT_ASSOC_LIST_ALL] =
	    "SELECT s.id, s.name, s.comune_id, m.name AS comune_name, "
	    "m.code AS comune_code FROM associations s "
	    "JOIN comuni m ON m.id = s.comune_id ORDER BY m.name, s.name",
	[STMT_COMUNE_UPDATE] =
	    "UPDATE comuni SET office = ?, signatory = ?, term_days = ?, "
	    "legal_term_days = ?, risk_days = ?, patron_month = ?, "
	    "patron_day = ?, saturday_closed = ?, fee_cents = ?, "
	    "stamp_cents = ?, stamps = ?, validity_months = ?, "
	    "area_tolerance_pct = ? WHERE id = ?",
	[STMT_ASSOC_LIST] =
	    "SELECT * FROM associations WHERE comune_id = ? ORDER BY name",

	[STMT_USER_INSERT] =
	    "INSERT INTO users (comune_id, association_id, username, "
	    "full_name, role, password_hash, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_USER_BY_NAME] =
	    "SELECT * FROM users WHERE username = ?",
	[STMT_USER_LIST] =
	    "SELECT id, comune_id, association_id, username, full_name, role, "
	    "active, created_at FROM users WHERE comune_id = ? "
	    "ORDER BY username",
	[STMT_USER_LIST_ALL] =
	    "SELECT u.id, u.comune_id, u.association_id, u.username, "
	    "u.full_name, u.role, u.active, u.created_at, "
	    "m.name AS comune_name, s.name AS association_name FROM users u "
	    "LEFT JOIN comuni m ON m.id = u.comune_id "
	    "LEFT JOIN associations s ON s.id = u.association_id "
	    "ORDER BY u.username",
	[STMT_USER_SET_PASSWORD] =
	    "UPDATE users SET password_hash = ? WHERE id = ?",
	[STMT_USER_SET_ACTIVE] =
	    "UPDATE users SET active = ? WHERE id = ?",
	[STMT_USER_GET] =
	    "SELECT id, comune_id, association_id, username, full_name, role, "
	    "active FROM users WHERE id = ?",

	[STMT_SESSION_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, "
	    "expires_at) VALUES (?, ?, ?, ?, ?)",
	[STMT_SESSION_GET] =
	    "SELECT s.csrf, s.expires_at, u.id AS user_id, u.username, "
	    "u.full_name, u.role, u.comune_id, u.association_id "
	    "FROM sessions s JOIN users u ON u.id = s.user_id "
	    "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
	[STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE expires_at <= ?",
	[STMT_LOGIN_INSERT] =
	    "INSERT INTO login_attempts (username, ip, ok, at) "
	    "VALUES (?, ?, ?, ?)",
	[STMT_LOGIN_FAILS_USER] =
	    "SELECT count(*) FROM login_attempts "
	    "WHERE username = ? AND ok = 0 AND at > ?",
	[STMT_LOGIN_FAILS_IP] =
	    "SELECT count(*) FROM login_attempts "
	    "WHERE ip = ? AND ok = 0 AND at > ?",

	[STMT_APIKEY_INSERT] =
	    "INSERT INTO api_keys (comune_id, association_id, name, role, "
	    "prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id",
	[STMT_APIKEY_BY_HASH] =
	    "SELECT * FROM api_keys WHERE key_hash = ? AND active = 1",
	[STMT_APIKEY_LIST] =
	    "SELECT k.id, k.name, k.role, k.prefix, k.active, k.created_at, "
	    "m.name AS comune_name, s.name AS association_name "
	    "FROM api_keys k JOIN comuni m ON m.id = k.comune_id "
	    "LEFT JOIN associations s ON s.id = k.association_id "
	    "ORDER BY m.name, k.name",
	[STMT_APIKEY_SET_ACTIVE] =
	    "UPDATE api_keys SET active = ? WHERE id = ?",

	[STMT_COUNTER_NEXT] =
	    "INSERT INTO counters (comune_id, year, kind, last) "
	    "VALUES (?, ?, ?, 1) ON CONFLICT (comune_id, year, kind) "
	    "DO UPDATE SET last = counters.last + 1 RETURNING last",

	/*
	 * Case ids reserved ahead (store_next_id), so that a case's rows can
	 * be sent with it in one batch; none on SQLite, where the insert's id
	 * is known at once.
	 */
	[STMT_CASE_IDS] = "SELECT 0 AS id WHERE 0 = 1",
	/*
	 * A NULL id (SQLite) is the next rowid.  The protocol number is a
	 * placeholder (negative) until STMT_CASE_SET_PROTOCOL.
	 */
	[STMT_CASE_INSERT] =
	    "INSERT INTO cases (" CASE_INSERT_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING " CASE_RETURNING,
	/* The number STMT_COUNTER_NEXT has just taken, in the same
	 * transaction. */
	[STMT_CASE_SET_PROTOCOL] =
	    "UPDATE cases SET protocol_no = (SELECT last FROM counters "
	    "WHERE comune_id = cases.comune_id AND year = cases.protocol_year "
	    "AND kind = 'protocol') WHERE id = ? RETURNING id, protocol_no",
	[STMT_APPLICANT_INSERT] =
	    "INSERT INTO applicants (" APPLICANT_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?) RETURNING " APPLICANT_BACK,
	[STMT_DWELLING_INSERT] =
	    "INSERT INTO dwellings (" DWELLING_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING " DWELLING_BACK,
	/*
	 * The rooms, persons and payments of a case each go in with one
	 * statement whose second parameter is a JSON array of objects keyed by
	 * column: one round trip per table instead of one per row.
	 */
	[STMT_ROOMS_INSERT_JSON] =
	    "INSERT INTO rooms (case_id, position, name, use, area, height, "
	    "window_area, fixtures, extraction) "
	    "SELECT ?, key + 1, value ->> 'name', value ->> 'use', "
	    "value ->> 'area', value ->> 'height', value ->> 'window_area', "
	    "value ->> 'fixtures', value ->> 'extraction' FROM json_each(?)"
	    ROOMS_RETURNING,
	[STMT_ROOMS_DELETE] = "DELETE FROM rooms WHERE case_id = ?",
	[STMT_PERSONS_INSERT_JSON] =
	    "INSERT INTO persons (case_id, kind, surname, given_names, "
	    "birth_date, relation, codice_fiscale) "
	    "SELECT ?, value ->> 'kind', value ->> 'surname', "
	    "value ->> 'given_names', value ->> 'birth_date', "
	    "value ->> 'relation', value ->> 'codice_fiscale' "
	    "FROM json_each(?) ORDER BY key" PERSONS_RETURNING,
	[STMT_PAYMENTS_INSERT_JSON] =
	    "INSERT INTO payments (case_id, kind, amount_cents, channel, "
	    "reference, paid_on) "
	    "SELECT ?, value ->> 'kind', value ->> 'amount_cents', "
	    "value ->> 'channel', value ->> 'reference', value ->> 'paid_on' "
	    "FROM json_each(?) ORDER BY key" PAYMENTS_RETURNING,
	/* The checklist, all eight kinds at once (intake_documents). */
	[STMT_DOCUMENTS_INSERT_8] =
	    "INSERT INTO documents (case_id, kind, received) VALUES "
	    "(?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?), "
	    "(?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?) "
	    "RETURNING " DOCUMENTS_BACK,
	[STMT_EVENT_INSERT] =
	    "INSERT INTO events (" EVENT_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING " EVENT_BACK,
	[STMT_CASE_GET] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.sex, "
	    "a.birth_date, a.birth_place, a.birth_country, a.citizenship, "
	    "a.codice_fiscale, a.cf_missing_reason, a.id_doc_type, "
	    "a.id_doc_number, a.id_doc_expiry, a.permit_type, a.permit_number, "
	    "a.permit_expiry, a.phone, a.email, a.language, a.notify_sms, "
	    "a.notify_email, d.street, d.house_number, d.interno, d.scala, "
	    "d.floor, d.cap, d.sezione, d.foglio, d.particella, d.subalterno, "
	    "d.category, d.unit_id, s.name AS association_name "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "JOIN dwellings d ON d.case_id = c.id "
	    "LEFT JOIN associations s ON s.id = c.association_id "
	    "WHERE c.id = ?",
	[STMT_CASE_ROOMS] =
	    "SELECT position, name, use, area, height, window_area AS \"window\", "
	    "fixtures, "
	    "extraction FROM rooms WHERE case_id = ? ORDER BY position",
	[STMT_CASE_PERSONS] =
	    "SELECT kind, surname, given_names, birth_date, relation, "
	    "codice_fiscale FROM persons WHERE case_id = ? ORDER BY id",
	[STMT_CASE_PAYMENTS] =
	    "SELECT kind, amount_cents, channel, reference, paid_on "
	    "FROM payments WHERE case_id = ? ORDER BY id",
	[STMT_CASE_DOCUMENTS] =
	    "SELECT kind, received FROM documents WHERE case_id = ? "
	    "ORDER BY id",
	[STMT_CASE_EVENTS] =
	    "SELECT at, effective_on, actor_name, action, from_state, "
	    "to_state, reason, due_on FROM events WHERE case_id = ? "
	    "ORDER BY id",
	/*
	 * A case's rooms, persons, payments, documents and timeline in one
	 * statement: each a JSON array (ordered by the subquery, which SQLite
	 * does not flatten into an aggregate).
	 */
	[STMT_CASE_CHILDREN] =
	    "SELECT (SELECT json_group_array(json_object('position', position, "
	    "'name', name, 'use', use, 'area', area, 'height', height, "
	    "'window', window_area, 'fixtures', fixtures, 'extraction', "
	    "extraction)) FROM (SELECT * FROM rooms WHERE case_id = ? "
	    "ORDER BY position)) AS rooms, "
	    "(SELECT json_group_array(json_object('kind', kind, 'surname', "
	    "surname, 'given_names', given_names, 'birth_date', birth_date, "
	    "'relation', relation, 'codice_fiscale', codice_fiscale)) FROM "
	    "(SELECT * FROM persons WHERE case_id = ? ORDER BY id)) AS persons, "
	    "(SELECT json_group_array(json_object('kind', kind, 'amount_cents', "
	    "amount_cents, 'channel', channel, 'reference', reference, "
	    "'paid_on', paid_on)) FROM (SELECT * FROM payments WHERE "
	    "case_id = ? ORDER BY id)) AS payments, "
	    "(SELECT json_group_array(json_object('kind', kind, 'received', "
	    "received)) FROM (SELECT * FROM documents WHERE case_id = ? "
	    "ORDER BY id)) AS documents, "
	    "(SELECT json_group_array(json_object('at', at, 'effective_on', "
	    "effective_on, 'actor_name', actor_name, 'action', action, "
	    "'from_state', from_state, 'to_state', to_state, 'reason', reason, "
	    "'due_on', due_on)) FROM (SELECT * FROM events WHERE case_id = ? "
	    "ORDER BY id)) AS events",
	[STMT_CASE_UPDATE_STATE] =
	    "UPDATE cases SET state = ?, due_on = ?, clock_stopped_on = ?, "
	    "stopped_days = ?, had_refusal_notice = ?, decided_on = ?, "
	    "updated_at = ?, version = version + 1 WHERE id = ? AND state = ?",
	/*
	 * The certificate's number STMT_COUNTER_NEXT has just taken, in the
	 * same transaction, for a case that has none yet.
	 */
	[STMT_CASE_SET_CERTIFICATE] =
	    "UPDATE cases SET certificate_year = ?, certificate_no = (SELECT "
	    "last FROM counters WHERE comune_id = cases.comune_id AND "
	    "year = ? AND kind = 'certificate') WHERE id = ? AND "
	    "certificate_no IS NULL",
	[STMT_CASE_TOUCH] =
	    "UPDATE cases SET updated_at = ?, version = version + 1 "
	    "WHERE id = ?",
	[STMT_CASE_VERSION] =
	    "SELECT version, comune_id, association_id FROM cases WHERE id = ?",
	/* One statement per shape of the queue, each matching an index. */
	[STMT_CASE_QUEUE] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.citizenship "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "WHERE c.comune_id = ? AND c.state = ? "
	    "ORDER BY c.due_on, c.id LIMIT ? OFFSET ?",
	[STMT_CASE_QUEUE_OPEN] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.citizenship "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "WHERE c.comune_id = ? "
	    "AND c.state NOT IN ('delivered', 'rejected', 'withdrawn') "
	    "ORDER BY c.due_on, c.id LIMIT ? OFFSET ?",
	[STMT_CASE_QUEUE_ALL] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.citizenship "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "WHERE c.comune_id = ? ORDER BY c.due_on, c.id LIMIT ? OFFSET ?",
	[STMT_CASE_LIST_ASSOC] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.citizenship "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "WHERE c.association_id = ? AND (? = '' OR c.state = ?) "
	    "ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",

	[STMT_RULES_INSERT] =
	    "INSERT INTO rule_sets (id, version, definition, created_at, "
	    "created_by) VALUES (?, ?, ?, ?, ?)",
	[STMT_RULES_LATEST] =
	    "SELECT id, version, definition FROM rule_sets WHERE id = ? "
	    "ORDER BY version DESC LIMIT 1",
	[STMT_RULES_GET] =
	    "SELECT id, version, definition FROM rule_sets "
	    "WHERE id = ? AND version = ?",
	[STMT_RULES_LIST] =
	    "SELECT id, version, definition, created_at, created_by "
	    "FROM rule_sets ORDER BY id, version DESC",
	[STMT_COMUNE_SET_RULES] =
	    "UPDATE comuni SET rule_set = ? WHERE id = ?",
	[STMT_ASSESSMENT_INSERT] =
	    "INSERT INTO assessments (" ASSESSMENT_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING *",
	[STMT_ASSESSMENT_LATEST] =
	    "SELECT * FROM assessments WHERE case_id = ? ORDER BY id DESC "
	    "LIMIT 1",

	[STMT_JOB_ENQUEUE] =
	    "INSERT INTO jobs (kind, payload, run_after, created_at) "
	    "VALUES (?, ?, ?, ?) RETURNING id",
	[STMT_JOB_CLAIM] =
	    "UPDATE jobs SET claimed_by = ?, claimed_until = ?, "
	    "attempts = attempts + 1 WHERE id = (SELECT id FROM jobs "
	    "WHERE kind = ? AND done_at IS NULL AND run_after <= ? "
	    "AND (claimed_until IS NULL OR claimed_until < ?) "
	    "ORDER BY run_after, id LIMIT 1) "
	    "RETURNING id, kind, payload, attempts",
	[STMT_JOB_DONE] =
	    "UPDATE jobs SET done_at = ?, claimed_until = NULL "
	    "WHERE id = ? AND claimed_by = ?",
	[STMT_JOB_COUNT_OPEN] =
	    "SELECT count(*) FROM jobs WHERE kind = ? AND done_at IS NULL",

#define COPY_SQL(N, t, ident, cols, vals) \
	[STMT_COPY_SELECT_##N] = "SELECT " cols " FROM " t " ORDER BY 1", \
	[STMT_COPY_INSERT_##N] = "INSERT INTO " t " (" cols ") VALUES (" \
	    vals ") ON CONFLICT DO NOTHING", \
	[STMT_COPY_RESEQ_##N] = "SELECT 1",
	COPY_TABLES(COPY_SQL)

	/*
	 * Each way of finding a case is its own indexed branch (an OR across
	 * tables would scan the comune's cases).
	 */
	[STMT_CASE_SEARCH] =
	    "SELECT * FROM ("
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.citizenship "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id WHERE c.comune_id = ? "
	    "AND c.search_key >= ? AND c.search_key < ? "
	    "UNION SELECT " CASE_COLS ", a.surname, a.given_names, "
	    "a.citizenship FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id WHERE c.comune_id = ? "
	    "AND c.tracking_code = ? "
	    "UNION SELECT " CASE_COLS ", a.surname, a.given_names, "
	    "a.citizenship FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id WHERE c.comune_id = ? "
	    "AND a.codice_fiscale = ? "
	    "UNION SELECT " CASE_COLS ", a.surname, a.given_names, "
	    "a.citizenship FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id WHERE c.comune_id = ? "
	    "AND c.protocol_year = ? AND c.protocol_no = ? "
	    "UNION SELECT " CASE_COLS ", a.surname, a.given_names, "
	    "a.citizenship FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id WHERE c.comune_id = ? "
	    "AND c.certificate_year = ? AND c.certificate_no = ?"
	    ") found WHERE (? = 0 OR association_id = ?) "
	    "ORDER BY received_on DESC, id DESC LIMIT ?",

	/* Imports of the estate registers (src/estate). */
	[STMT_IMPORT_INSERT] =
	    "INSERT INTO imports (comune_id, kind, file_name, actor, state, "
	    "started_at, heartbeat_at, total_bytes) "
	    "VALUES (?, ?, ?, ?, 'running', ?, ?, ?) RETURNING id",
	[STMT_IMPORT_PROGRESS] =
	    "UPDATE imports SET heartbeat_at = ?, done_bytes = ?, "
	    "lines_read = ?, inserted = ?, updated = ?, unchanged = ?, "
	    "skipped = ?, rejected = ? WHERE id = ?",
	[STMT_IMPORT_FINISH] =
	    "UPDATE imports SET state = ?, finished_at = ?, heartbeat_at = ?, "
	    "done_bytes = ?, lines_read = ?, inserted = ?, updated = ?, "
	    "unchanged = ?, skipped = ?, rejected = ?, errors = ?, message = ?, "
	    "file_hash = ? WHERE id = ?",
	[STMT_IMPORT_GET] =
	    "SELECT id, comune_id, kind, file_name, file_hash, actor, state, "
	    "started_at, heartbeat_at, finished_at, total_bytes, done_bytes, "
	    "lines_read, inserted, updated, unchanged, skipped, rejected, "
	    "errors, message FROM imports WHERE id = ?",
	[STMT_IMPORTS_LIST] =
	    "SELECT id, kind, file_name, actor, state, started_at, "
	    "finished_at, total_bytes, done_bytes, lines_read, inserted, "
	    "updated, unchanged, skipped, rejected, message "
	    "FROM imports WHERE comune_id = ? ORDER BY id DESC LIMIT 50",
	[STMT_IMPORTS_RUNNING] =
	    "SELECT id, heartbeat_at FROM imports WHERE comune_id = ? AND "
	    "kind = ? AND state = 'running'",
	[STMT_IMPORTS_INTERRUPT] =
	    "UPDATE imports SET state = 'interrupted', finished_at = ? "
	    "WHERE id = ? AND state = 'running'",
	/*
	 * Lines of a cadastral import go in 500 at a time: the second parameter
	 * is a JSON array of [sezione, immobile, progressivo, type, line_no,
	 * line].
	 */
	[STMT_STAGE_INSERT_JSON] =
	    "INSERT INTO cadastre_stage (import_id, comune_id, sezione, "
	    "immobile, progressivo, record_type, line_no, line) "
	    "SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, "
	    "value ->> 4, value ->> 5 FROM json_each(?)",
	/* The next lines by unit, after the unit (comune, sezione, immobile). */
	[STMT_STAGE_PAGE] =
	    "SELECT sezione, immobile, progressivo, record_type, line_no, line "
	    "FROM cadastre_stage WHERE import_id = ? AND comune_id = ? AND "
	    "(sezione, immobile) > (?, ?) ORDER BY sezione, immobile, "
	    "progressivo, record_type, line_no LIMIT ?",
	[STMT_STAGE_DELETE] = "DELETE FROM cadastre_stage WHERE import_id = ?",
	[STMT_STAGE_DELETE_STALE] =
	    "DELETE FROM cadastre_stage WHERE import_id IN "
	    "(SELECT id FROM imports WHERE state <> 'running')",
	[STMT_UNITS_RANGE] =
	    "SELECT id, sezione, immobile, fingerprint FROM cadastral_units "
	    "WHERE comune_id = ? AND (sezione, immobile) >= (?, ?) "
	    "AND (sezione, immobile) <= (?, ?)",
	[STMT_UNIT_INSERT] =
	    "INSERT INTO cadastral_units (comune_id, sezione, immobile, "
	    "progressivo, category, residential, classe, consistenza, measure, "
	    "superficie, rendita_cents, zona, scala, interno, piano, partita, "
	    "annotazione, opened_on, fingerprint, import_id) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id",
	[STMT_UNIT_UPDATE] =
	    "UPDATE cadastral_units SET progressivo = ?, category = ?, "
	    "residential = ?, classe = ?, consistenza = ?, measure = ?, "
	    "superficie = ?, rendita_cents = ?, zona = ?, scala = ?, "
	    "interno = ?, piano = ?, partita = ?, annotazione = ?, "
	    "opened_on = ?, fingerprint = ?, import_id = ? WHERE id = ?",
	[STMT_UNIT_IDENTS_DELETE] =
	    "DELETE FROM cadastral_idents WHERE unit_id = ?",
	[STMT_UNIT_ADDRESSES_DELETE] =
	    "DELETE FROM cadastral_addresses WHERE unit_id = ?",
	[STMT_UNIT_IDENTS_INSERT_JSON] =
	    "INSERT INTO cadastral_idents (unit_id, comune_id, position, "
	    "sezione_urbana, foglio, particella, denominatore, subalterno, "
	    "edificialita) SELECT ?, ?, key + 1, value ->> 0, value ->> 1, "
	    "value ->> 2, value ->> 3, value ->> 4, value ->> 5 "
	    "FROM json_each(?)",
	[STMT_UNIT_ADDRESSES_INSERT_JSON] =
	    "INSERT INTO cadastral_addresses (unit_id, comune_id, position, "
	    "toponimo, dug, street, civico, street_key, number, esponente, "
	    "codice_strada) SELECT ?, ?, key + 1, value ->> 0, value ->> 1, "
	    "value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, "
	    "value ->> 7 FROM json_each(?)",
	/*
	 * Units by a JSON array of ids, with their identifiers and addresses:
	 * three statements for a page of results.
	 */
	[STMT_UNITS_GET] = UNITS_SELECT
	    "WHERE u.id IN (SELECT value FROM json_each(?)) "
	    "AND (? = 0 OR u.comune_id = ?)",
	[STMT_UNITS_IDENTS] =
	    "SELECT unit_id, sezione_urbana, foglio, particella, denominatore, "
	    "subalterno, edificialita FROM cadastral_idents "
	    "WHERE unit_id IN (SELECT value FROM json_each(?)) "
	    "ORDER BY unit_id, position",
	[STMT_UNITS_ADDRESSES] =
	    "SELECT unit_id, toponimo, dug, street, civico, street_key, number, "
	    "esponente, codice_strada FROM cadastral_addresses "
	    "WHERE unit_id IN (SELECT value FROM json_each(?)) "
	    "ORDER BY unit_id, position",
	[STMT_UNITS_BY_IDENT] =
	    "SELECT DISTINCT unit_id FROM cadastral_idents WHERE comune_id = ? "
	    "AND foglio = ? AND particella = ? ORDER BY unit_id LIMIT 200",
	[STMT_UNITS_BY_IDENT_SUB] =
	    "SELECT DISTINCT unit_id FROM cadastral_idents WHERE comune_id = ? "
	    "AND foglio = ? AND particella = ? AND subalterno = ? "
	    "ORDER BY unit_id LIMIT 200",
	[STMT_UNITS_BY_STREET] =
	    "SELECT unit_id, dug, street, number, esponente "
	    "FROM cadastral_addresses WHERE comune_id = ? AND street_key = ? "
	    "AND number = ? LIMIT 200",
	[STMT_UNITS_BY_STREET_ANY] =
	    "SELECT unit_id, dug, street, number, esponente "
	    "FROM cadastral_addresses WHERE comune_id = ? AND street_key = ? "
	    "ORDER BY number LIMIT 200",
	[STMT_UNITS_BY_STREET_PREFIX] =
	    "SELECT unit_id, dug, street, number, esponente "
	    "FROM cadastral_addresses WHERE comune_id = ? AND street_key >= ? "
	    "AND street_key < ? ORDER BY street_key, number LIMIT 200",
	[STMT_UNITS_COUNT] =
	    "SELECT count(*) AS n FROM cadastral_units WHERE comune_id = ?",
	[STMT_COMUNI_IDS] = "SELECT id, code FROM comuni ORDER BY id",
	/* Earlier cases of a unit, newest first, with how many rooms. */
	[STMT_UNIT_CASES] =
	    "SELECT c.id, c.protocol_year, c.protocol_no, c.received_on, "
	    "c.state, (SELECT count(*) FROM rooms r WHERE r.case_id = c.id) "
	    "AS rooms FROM dwellings d JOIN cases c ON c.id = d.case_id "
	    "WHERE d.unit_id = ? AND c.comune_id = ? ORDER BY c.id DESC "
	    "LIMIT 50",
	[STMT_COMUNE_TOLERANCE] =
	    "SELECT area_tolerance_pct FROM comuni WHERE id = ?",
	/*
	 * The anagrafe and TARI extracts: rows of a run go in 500 at a time as
	 * JSON arrays of arrays in the column order below; readers see only the
	 * rows of the comune's latest finished run (STMT_EXTRACT_CURRENT).
	 */
	[STMT_RESIDENTS_INSERT_JSON] =
	    "INSERT INTO residents (comune_id, import_id, codice_fiscale, "
	    "surname, given_names, birth_date, citizenship, family_id, street, "
	    "house_number, esponente, interno, scala, street_key, number, "
	    "foglio, particella, subalterno) SELECT ?, ?, value ->> 0, "
	    "value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, "
	    "value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, "
	    "value ->> 11, value ->> 12, value ->> 13, value ->> 14, "
	    "value ->> 15 FROM json_each(?)",
	[STMT_TARI_INSERT_JSON] =
	    "INSERT INTO tari (comune_id, import_id, payer_cf, payer_name, "
	    "street, house_number, esponente, interno, street_key, number, "
	    "foglio, particella, subalterno, area_m2, since, until) "
	    "SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, "
	    "value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, "
	    "value ->> 9, value ->> 10, value ->> 11, value ->> 12, "
	    "value ->> 13 FROM json_each(?)",
	[STMT_RESIDENTS_DELETE_OTHERS] =
	    "DELETE FROM residents WHERE comune_id = ? AND import_id <> ?",
	[STMT_TARI_DELETE_OTHERS] =
	    "DELETE FROM tari WHERE comune_id = ? AND import_id <> ?",
	[STMT_RESIDENTS_DELETE_IMPORT] =
	    "DELETE FROM residents WHERE import_id = ?",
	[STMT_TARI_DELETE_IMPORT] = "DELETE FROM tari WHERE import_id = ?",
	[STMT_EXTRACT_CURRENT] =
	    "SELECT id, finished_at, file_name FROM imports WHERE comune_id = ? "
	    "AND kind = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
	[STMT_RESIDENTS_AT_PARCEL] =
	    "SELECT codice_fiscale, surname, given_names, birth_date, "
	    "citizenship, family_id, street, house_number, esponente, interno "
	    "FROM residents WHERE comune_id = ? AND import_id = ? AND "
	    "foglio = ? AND particella = ? AND subalterno = ? "
	    "ORDER BY family_id, surname LIMIT 200",
	[STMT_RESIDENTS_AT_ADDRESS] =
	    "SELECT codice_fiscale, surname, given_names, birth_date, "
	    "citizenship, family_id, street, house_number, esponente, interno "
	    "FROM residents WHERE comune_id = ? AND import_id = ? AND "
	    "street_key = ? AND number = ? AND esponente = ? "
	    "AND (? = '' OR interno = ?) ORDER BY family_id, surname LIMIT 200",
	[STMT_TARI_AT_PARCEL] =
	    "SELECT payer_cf, payer_name, street, house_number, esponente, "
	    "interno, area_m2, since, until FROM tari WHERE comune_id = ? AND "
	    "import_id = ? AND foglio = ? AND particella = ? AND "
	    "subalterno = ? ORDER BY since DESC LIMIT 50",
	[STMT_TARI_AT_ADDRESS] =
	    "SELECT payer_cf, payer_name, street, house_number, esponente, "
	    "interno, area_m2, since, until FROM tari WHERE comune_id = ? AND "
	    "import_id = ? AND street_key = ? AND number = ? AND esponente = ? "
	    "AND (? = '' OR interno = ?) ORDER BY since DESC LIMIT 50",

	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_AUDIT_BY_ENTITY] =
	    "SELECT at, actor, ip, action, detail FROM audit "
	    "WHERE entity = ? AND entity_id = ? ORDER BY id",
	[STMT_AUDIT_COUNT] = "SELECT count(*) FROM audit",
};

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
	[STMT_APPLICANT_INSERT_GROUP] =
	    "INSERT INTO applicants (" APPLICANT_COLS ") SELECT "
	    U_I ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_I ", " U_I " "
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
	[STMT_EVENT_INSERT_GROUP] =
	    "INSERT INTO events (" EVENT_COLS ") SELECT "
	    U_I ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", " U_T ", "
	    U_T ", " U_T ", " U_T " RETURNING case_id AS group_key, "
	    EVENT_BACK,
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
	[STMT_STAGE_INSERT_JSON] =
	    "INSERT INTO cadastre_stage (import_id, comune_id, sezione, "
	    "immobile, progressivo, record_type, line_no, line) "
	    "SELECT ?, ?, v ->> 0, (v ->> 1)::bigint, (v ->> 2)::bigint, "
	    "(v ->> 3)::bigint, (v ->> 4)::bigint, v ->> 5 "
	    "FROM jsonb_array_elements(?::jsonb) AS e(v)",
	[STMT_UNIT_IDENTS_INSERT_JSON] =
	    "INSERT INTO cadastral_idents (unit_id, comune_id, position, "
	    "sezione_urbana, foglio, particella, denominatore, subalterno, "
	    "edificialita) SELECT ?, ?, e.n, e.v ->> 0, e.v ->> 1, e.v ->> 2, "
	    "e.v ->> 3, e.v ->> 4, e.v ->> 5 "
	    "FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n)",
	[STMT_UNIT_ADDRESSES_INSERT_JSON] =
	    "INSERT INTO cadastral_addresses (unit_id, comune_id, position, "
	    "toponimo, dug, street, civico, street_key, number, esponente, "
	    "codice_strada) SELECT ?, ?, e.n, (e.v ->> 0)::bigint, e.v ->> 1, "
	    "e.v ->> 2, e.v ->> 3, e.v ->> 4, (e.v ->> 5)::bigint, e.v ->> 6, "
	    "(e.v ->> 7)::bigint "
	    "FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(v, n)",
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
	[STMT_RESIDENTS_INSERT_JSON] =
	    "INSERT INTO residents (comune_id, import_id, codice_fiscale, "
	    "surname, given_names, birth_date, citizenship, family_id, street, "
	    "house_number, esponente, interno, scala, street_key, number, "
	    "foglio, particella, subalterno) SELECT ?, ?, v ->> 0, v ->> 1, "
	    "v ->> 2, v ->> 3, v ->> 4, v ->> 5, v ->> 6, v ->> 7, v ->> 8, "
	    "v ->> 9, v ->> 10, v ->> 11, (v ->> 12)::bigint, v ->> 13, "
	    "v ->> 14, v ->> 15 FROM jsonb_array_elements(?::jsonb) AS e(v)",
	[STMT_TARI_INSERT_JSON] =
	    "INSERT INTO tari (comune_id, import_id, payer_cf, payer_name, "
	    "street, house_number, esponente, interno, street_key, number, "
	    "foglio, particella, subalterno, area_m2, since, until) "
	    "SELECT ?, ?, v ->> 0, v ->> 1, v ->> 2, v ->> 3, v ->> 4, v ->> 5, "
	    "v ->> 6, (v ->> 7)::bigint, v ->> 8, v ->> 9, v ->> 10, "
	    "(v ->> 11)::bigint, v ->> 12, v ->> 13 "
	    "FROM jsonb_array_elements(?::jsonb) AS e(v)",
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
	[STMT_MIGRATION_UNLOCK] = "SELECT pg_advisory_unlock(7040201)",
	[STMT_JOB_CLAIM] =
	    "UPDATE jobs SET claimed_by = ?, claimed_until = ?, "
	    "attempts = attempts + 1 WHERE id = (SELECT id FROM jobs "
	    "WHERE kind = ? AND done_at IS NULL AND run_after <= ? "
	    "AND (claimed_until IS NULL OR claimed_until < ?) "
	    "ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
	    "RETURNING id, kind, payload, attempts",
};

#define COPY_ROW(N, t, ident, cols, vals) \
	{t, STMT_COPY_SELECT_##N, STMT_COPY_INSERT_##N, STMT_COPY_RESEQ_##N, cols},

const struct stmts_copy stmts_copy[] = {
	COPY_TABLES(COPY_ROW)
	{NULL, 0, 0, 0, NULL},
};

const struct stmts_group stmts_group[STMT__MAX] = {
	[STMT_CASE_INSERT] = {STMT_CASE_INSERT_GROUP, 0},
	[STMT_APPLICANT_INSERT] = {STMT_APPLICANT_INSERT_GROUP, 0},
	[STMT_DWELLING_INSERT] = {STMT_DWELLING_INSERT_GROUP, 0},
	[STMT_ROOMS_INSERT_JSON] = {STMT_ROOMS_INSERT_GROUP, 0},
	[STMT_PERSONS_INSERT_JSON] = {STMT_PERSONS_INSERT_GROUP, 0},
	[STMT_PAYMENTS_INSERT_JSON] = {STMT_PAYMENTS_INSERT_GROUP, 0},
	[STMT_DOCUMENTS_INSERT_8] = {STMT_DOCUMENTS_INSERT_GROUP, 3},
	[STMT_ASSESSMENT_INSERT] = {STMT_ASSESSMENT_INSERT_GROUP, 0},
	[STMT_EVENT_INSERT] = {STMT_EVENT_INSERT_GROUP, 0},
	[STMT_AUDIT_INSERT] = {STMT_AUDIT_INSERT_GROUP, 0},
};
