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
#include "stmts_cols.h"
#include "stmts_online.h"
#include "stmts_points.h"
#include "stmts_stats.h"

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
	[STMT_COMUNE_UPDATE_NOTIFY] =
	    "UPDATE comuni SET office_address = ?, office_hours = ?, "
	    "sms_sender = ?, mail_from = ?, sms_url = ?, smtp_url = ? "
	    "WHERE id = ?",
	[STMT_ASSOC_LIST] =
	    "SELECT * FROM associations WHERE comune_id = ? ORDER BY name",

	[STMT_USER_INSERT] =
	    "INSERT INTO users (comune_id, association_id, username, "
	    "full_name, role, password_hash, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_USER_BY_NAME] =
	    "SELECT * FROM users WHERE username = ?",
	[STMT_USER_LIST_ALL] =
	    "SELECT u.id, u.comune_id, u.association_id, u.username, "
	    "u.full_name, u.role, u.active, u.created_at, "
	    "m.name AS comune_name, s.name AS association_name, "
	    "p.name AS point_name FROM users u "
	    "LEFT JOIN comuni m ON m.id = u.comune_id "
	    "LEFT JOIN associations s ON s.id = u.association_id "
	    "LEFT JOIN points p ON p.id = u.point_id "
	    "ORDER BY u.username",
	[STMT_USER_SET_ACTIVE] =
	    "UPDATE users SET active = ? WHERE id = ?",

	[STMT_SESSION_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, csrf, created_at, "
	    "expires_at) VALUES (?, ?, ?, ?, ?)",
	[STMT_SESSION_GET] =
	    "SELECT s.csrf, s.expires_at, u.id, u.username, u.full_name, "
	    "u.role, u.comune_id, u.association_id, u.point_id, u.active "
	    "FROM sessions s JOIN users u ON u.id = s.user_id "
	    "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1",
	[STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?",
	[STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
	[STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE expires_at <= ?",
	[STMT_LOGIN_PURGE] = "DELETE FROM login_attempts WHERE at <= ?",
	/*
	 * A login attempt is recorded as a failure before its password is
	 * checked, and marked good after: a crash in between leaves a
	 * failure, never a free guess.
	 */
	[STMT_LOGIN_INSERT] =
	    "INSERT INTO login_attempts (username, ip, ok, at) "
	    "VALUES (?, ?, ?, ?) RETURNING id",
	[STMT_LOGIN_OK] = "UPDATE login_attempts SET ok = 1 WHERE id = ?",
	/* SQLite's single writer serialises the attempts on its own. */
	[STMT_LOGIN_LOCK] = "SELECT ?",
	[STMT_LOGIN_FAILS_USER] =
	    "SELECT count(*) FROM login_attempts "
	    "WHERE username = ? AND ip = ? AND ok = 0 AND at > ?",
	[STMT_LOGIN_FAILS_IP] =
	    "SELECT count(*) FROM login_attempts "
	    "WHERE ip = ? AND ok = 0 AND at > ?",

	[STMT_APIKEY_INSERT] =
	    "INSERT INTO api_keys (comune_id, association_id, name, role, "
	    "prefix, key_hash, created_at, point_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_APIKEY_BY_HASH] =
	    "SELECT * FROM api_keys WHERE key_hash = ? AND active = 1",
	[STMT_APIKEY_LIST] =
	    "SELECT k.id, k.name, k.role, k.prefix, k.active, k.created_at, "
	    "m.name AS comune_name, s.name AS association_name, "
	    "p.name AS point_name FROM api_keys k JOIN comuni m ON "
	    "m.id = k.comune_id LEFT JOIN associations s ON "
	    "s.id = k.association_id LEFT JOIN points p ON p.id = k.point_id "
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
	    "?, ?, ?, ?) RETURNING " APPLICANT_BACK,
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
	/* A step, with its case's comune (migration 0025). */
	[STMT_EVENT_INSERT] =
	    "INSERT INTO events (" EVENT_COLS ", comune_id) "
	    "SELECT v.*, c.comune_id FROM (SELECT ? AS case_id, ? AS at, "
	    "? AS effective_on, ? AS actor, ? AS actor_name, ? AS action, "
	    "? AS from_state, ? AS to_state, ? AS reason, ? AS due_on) v "
	    "JOIN cases c ON c.id = v.case_id "
	    "RETURNING " EVENT_BACK,
	[STMT_CASE_GET] =
	    "SELECT " CASE_COLS ", a.surname, a.given_names, a.sex, "
	    "a.birth_date, a.birth_place, a.birth_country, a.citizenship, "
	    "a.codice_fiscale, a.cf_missing_reason, a.id_doc_type, "
	    "a.id_doc_number, a.id_doc_expiry, a.permit_type, a.permit_number, "
	    "a.permit_expiry, a.phone, a.email, a.language, a.notify_sms, "
	    "a.notify_email, a.citizenship_code, a.birth_country_code, "
	    "d.street, d.house_number, d.interno, d.scala, "
	    "d.floor, d.cap, d.sezione, d.foglio, d.particella, d.subalterno, "
	    "d.category, d.unit_id, s.name AS association_name, "
	    "k.point_id AS collection_point, pt.name AS collection_point_name, "
	    "k.delegate_name, k.delegate_doc_type, k.delegate_doc_number "
	    "FROM cases c JOIN comuni m ON m.id = c.comune_id "
	    "JOIN applicants a ON a.case_id = c.id "
	    "JOIN dwellings d ON d.case_id = c.id "
	    "LEFT JOIN associations s ON s.id = c.association_id "
	    "LEFT JOIN collections k ON k.case_id = c.id "
	    "LEFT JOIN points pt ON pt.id = k.point_id "
	    "WHERE c.id = ?",
	[STMT_CASE_ROOMS] =
	    "SELECT position, name, use, area, height, window_area AS \"window\", "
	    "fixtures, "
	    "extraction FROM rooms WHERE case_id = ? ORDER BY position",
	[STMT_CASE_PERSONS] =
	    "SELECT kind, surname, given_names, birth_date, relation, "
	    "codice_fiscale FROM persons WHERE case_id = ? ORDER BY id",
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
	    "UPDATE cases SET certificate_year = ?, certificate_no = ? "
	    "WHERE id = ?",

	/* Certificates as documents (service/certificates.c). */
	[STMT_CERT_INSERT] =
	    "INSERT INTO certificates (comune_id, case_id, year, number, code, "
	    "issued_on, valid_until, snapshot, key_id, signature, created_at, "
	    "actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_CERT_OF_CASE] =
	    "SELECT id, comune_id, case_id, year, number, code, issued_on, "
	    "valid_until, key_id, revoked_on, revoked_reason, revoked_by, "
	    "superseded_by, reprints, certified_copies, created_at, actor "
	    "FROM certificates WHERE case_id = ? ORDER BY id",
	[STMT_CERT_GET] = "SELECT * FROM certificates WHERE id = ?",
	[STMT_CERT_BY_CODE] =
	    "SELECT ce.*, m.name AS comune_name, m.code AS comune_code, "
	    "s.year AS next_year, s.number AS next_number "
	    "FROM certificates ce JOIN comuni m ON m.id = ce.comune_id "
	    "LEFT JOIN certificates s ON s.id = ce.superseded_by "
	    "WHERE ce.code = ?",
	[STMT_CERT_REVOKE] =
	    "UPDATE certificates SET revoked_on = ?, revoked_reason = ?, "
	    "revoked_by = ? WHERE id = ? AND revoked_on IS NULL",
	[STMT_CERT_SUPERSEDE] =
	    "UPDATE certificates SET superseded_by = ? WHERE id = ? AND "
	    "superseded_by IS NULL",
	[STMT_CERT_REPRINT] =
	    "UPDATE certificates SET reprints = reprints + 1 WHERE id = ? "
	    "RETURNING reprints",
	[STMT_CERT_CERTIFIED] =
	    "UPDATE certificates SET certified_copies = certified_copies + 1 "
	    "WHERE id = ? RETURNING certified_copies",
	[STMT_CERT_COPY_INSERT] =
	    "INSERT INTO certificate_copies (certificate_id, kind, copy_no, "
	    "fee_cents, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
	[STMT_CERT_COPY_GET] =
	    "SELECT count(*) FROM certificate_copies WHERE certificate_id = ? "
	    "AND kind = ? AND copy_no = ?",
	[STMT_CERT_OF_UNIT] =
	    "SELECT ce.id, ce.case_id, ce.year, ce.number, ce.issued_on, "
	    "ce.valid_until, ce.revoked_on, ce.superseded_by, ce.code "
	    "FROM certificates ce JOIN dwellings d ON d.case_id = ce.case_id "
	    "WHERE d.unit_id = ? AND ce.comune_id = ? ORDER BY ce.id DESC",
	STMTS_POINTS
	STMTS_ONLINE
	STMTS_STATS
	/* A message of no case (a draft's link or one-time code): the
	 * comune's values alone. */
	[STMT_MSG_CONTEXT_COMUNE] =
	    "SELECT co.name AS comune_name, co.office, co.office_address, "
	    "co.office_hours, co.sms_sender, co.mail_from, co.sms_url, "
	    "co.smtp_url FROM comuni co WHERE co.id = ?",
	[STMT_COMUNE_UPDATE_CERT] =
	    "UPDATE comuni SET logo_path = ?, copy_fee_cents = ? WHERE id = ?",
	/* Notices of refusal unanswered past their ten days (the partial
	 * index cases_refusal_due). */
	[STMT_CASE_REFUSAL_DUE] =
	    "SELECT id, comune_id, clock_stopped_on FROM cases WHERE "
	    "state = 'refusal_notice' AND clock_stopped_on < ? ORDER BY id "
	    "LIMIT 500",
	/* The citizen following a case (service/follow.c). */
	[STMT_FOLLOW_CASE] =
	    "SELECT id, comune_id, protocol_year, protocol_no FROM cases "
	    "WHERE tracking_code = ?",
	[STMT_FOLLOW_INSERT] =
	    "INSERT INTO follow_sessions (token_hash, case_id, csrf, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
	[STMT_FOLLOW_GET] =
	    "SELECT f.case_id, f.csrf, c.comune_id FROM follow_sessions f "
	    "JOIN cases c ON c.id = f.case_id WHERE f.token_hash = ? AND "
	    "f.expires_at > ?",
	[STMT_FOLLOW_DELETE] =
	    "DELETE FROM follow_sessions WHERE token_hash = ?",
	[STMT_FOLLOW_PURGE] =
	    "DELETE FROM follow_sessions WHERE expires_at < ?",
	/* A case's uploaded documents (service/case_files.c). */
	[STMT_FILE_INSERT] =
	    "INSERT INTO case_files (case_id, kind, name, content_type, size, "
	    "sha256, path, uploaded_at, uploaded_by, uploader_name) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	[STMT_FILE_GET] =
	    "SELECT f.*, c.comune_id, c.association_id FROM case_files f "
	    "JOIN cases c ON c.id = f.case_id WHERE f.id = ?",
	[STMT_FILES_OF_CASE] =
	    "SELECT id, kind, name, content_type, size, sha256, uploaded_at, "
	    "uploader_name, deleted_at, deleted_reason FROM case_files "
	    "WHERE case_id = ? ORDER BY id",
	[STMT_FILE_DOC_RECEIVED] =
	    "UPDATE documents SET received = 1 WHERE case_id = ? AND kind = ?",
	/* Files of cases concluded before a day, for the retention policy. */
	[STMT_FILES_EXPIRED] =
	    "SELECT f.id, f.path, f.case_id, c.comune_id FROM case_files f "
	    "JOIN cases c ON c.id = f.case_id WHERE f.deleted_at IS NULL AND "
	    "c.state IN ('delivered', 'rejected', 'withdrawn') AND "
	    "c.updated_at < ? ORDER BY f.id LIMIT 500",
	[STMT_FILE_DELETED] =
	    "UPDATE case_files SET deleted_at = ?, deleted_reason = ? "
	    "WHERE id = ? AND deleted_at IS NULL",
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
	[STMT_JOB_RENEW] =
	    "UPDATE jobs SET claimed_until = ? WHERE id = ? AND claimed_by = ? "
	    "AND done_at IS NULL",
	[STMT_JOB_DEFER] =
	    "UPDATE jobs SET run_after = ?, claimed_until = NULL "
	    "WHERE id = ? AND claimed_by = ?",
	[STMT_JOB_COUNT_OPEN] =
	    "SELECT count(*) FROM jobs WHERE kind = ? AND done_at IS NULL",

	/*
	 * The outbox (notify/outbox.c).  A message is not written for a
	 * recipient who opted out of its channel.
	 */
	[STMT_MSG_INSERT] =
	    "INSERT INTO messages (" MSG_INSERT_COLS ", status, updated_at) "
	    "SELECT u.*, 'queued', u.created_at FROM (SELECT ? AS comune_id, "
	    "? AS case_id, ? AS event, ? AS channel, ? AS recipient, "
	    "? AS language, ? AS params, ? AS fallback_of, ? AS due_at, "
	    "? AS expires_at, ? AS token, ? AS actor, ? AS created_at) u "
	    "WHERE NOT EXISTS (SELECT 1 FROM notify_optouts o "
	    "WHERE o.channel = u.channel AND o.recipient = u.recipient)",
	/*
	 * Claims due messages for a lease: queued ones, failed ones due for
	 * another try, and ones whose worker died while sending them (their
	 * due_at is the lease's end).  SMS only when sms_ok (quiet hours).
	 */
	[STMT_MSG_CLAIM] =
	    MSG_CLAIM_SET "AND (channel = 'email' OR ? = 1) "
	    "ORDER BY due_at, id LIMIT ?) RETURNING " MSG_CLAIMED,
	/* What became of a claimed message; a delivery report that came
	 * first keeps its status. */
	[STMT_MSG_RECORD] =
	    "UPDATE messages SET status = CASE WHEN status = 'sending' "
	    "THEN ? ELSE status END, subject = ?, body = ?, coding = ?, "
	    "segments = ?, reference = ?, error = ?, due_at = ?, "
	    "sent_at = coalesce(sent_at, ?), fallback_checked = ?, "
	    "claimed_by = NULL, "
	    "claimed_until = NULL, updated_at = ? WHERE id = ? "
	    "AND claimed_by = ?",
	[STMT_MSG_GET] = "SELECT * FROM messages WHERE id = ?",
	/* A delivery report: only a message on its way takes one. */
	[STMT_MSG_REPORT] =
	    "UPDATE messages SET status = ?, error = ?, updated_at = ?, "
	    "sent_at = coalesce(sent_at, ?) WHERE id = ? "
	    "AND status IN ('sending', 'sent')",
	[STMT_MSG_CONTEXT] =
	    "SELECT c.protocol_year, c.protocol_no, c.tracking_code, "
	    "c.certificate_year, c.certificate_no, a.surname, a.given_names, "
	    "co.name AS comune_name, co.office, co.office_address, "
	    "co.office_hours, co.sms_sender, co.mail_from, co.sms_url, "
	    "co.smtp_url FROM cases c JOIN applicants a ON a.case_id = c.id "
	    "JOIN comuni co ON co.id = c.comune_id WHERE c.id = ?",
	[STMT_MSG_FALLBACK_DUE] =
	    "SELECT m.id, m.comune_id, m.case_id, m.event, m.channel, "
	    "m.recipient, m.language, m.params, m.status, m.fallback_of, "
	    "a.phone, a.email, (SELECT count(*) FROM messages f WHERE f.case_id = m.case_id "
	    "AND f.event = m.event AND f.channel <> m.channel) AS other "
	    "FROM messages m LEFT JOIN applicants a ON a.case_id = m.case_id "
	    "WHERE m.fallback_checked = 0 AND (m.status IN "
	    "('permanent-failure', 'expired') OR (m.status = 'sent' AND "
	    "m.channel = 'sms')) AND (m.status <> 'sent' OR m.sent_at < ?) "
	    "ORDER BY m.id LIMIT ?",
	/* Once: of two workers looking at one message, one changes it. */
	[STMT_MSG_FALLBACK_DONE] =
	    "UPDATE messages SET fallback_checked = 1 WHERE id = ? "
	    "AND fallback_checked = 0",
	[STMT_MSG_CASE_LIST] =
	    "SELECT id, event, channel, recipient, language, status, "
	    "attempts, uncertain, segments, coding, subject, body, error, "
	    "fallback_of, created_at, sent_at, updated_at FROM messages "
	    "WHERE case_id = ? ORDER BY id",
	[STMT_MSG_CASE_HISTORY] =
	    "SELECT s.message_id, s.status, s.at, s.detail FROM "
	    "message_status s JOIN messages m ON m.id = s.message_id "
	    "WHERE m.case_id = ? ORDER BY s.message_id, s.id",
	[STMT_MSG_LIST] =
	    MSG_LIST_FROM MSG_FILTER " ORDER BY m.id DESC LIMIT ?",
	[STMT_MSG_COUNTS] =
	    MSG_COUNTS_FROM MSG_FILTER " GROUP BY m.status, m.channel "
	    "ORDER BY m.status, m.channel",
	/* Certificates with no "expiring" message yet (notify/expiring.c). */
	/*
	 * The certificates in force (neither superseded nor revoked) that
	 * expire, with no "expiring" message since they were issued: a
	 * correction gets its own.
	 */
	[STMT_MSG_EXPIRING_DUE] =
	    "SELECT ce.case_id AS id, ce.valid_until FROM certificates ce "
	    "JOIN cases c ON c.id = ce.case_id WHERE ce.superseded_by IS NULL "
	    "AND ce.revoked_on IS NULL AND ce.valid_until IS NOT NULL AND "
	    "c.state IN ('certificate_ready', 'delivered') AND NOT EXISTS "
	    "(SELECT 1 FROM messages m WHERE m.case_id = ce.case_id AND "
	    "m.event = 'expiring' AND m.created_at >= ce.created_at)",
	/* The applicant's contacts, and the association's when the case's
	 * messages go to it too (case_recipients). */
	[STMT_MSG_CONTACTS] =
	    "SELECT c.comune_id, a.phone, a.email, a.language, a.notify_sms, "
	    "a.notify_email, coalesce(r.notify_to, 'applicant') AS notify_to, "
	    "s.phone AS assoc_phone, s.email AS assoc_email FROM cases c "
	    "JOIN applicants a ON a.case_id = c.id LEFT JOIN case_recipients r "
	    "ON r.case_id = c.id LEFT JOIN associations s ON s.id = "
	    "c.association_id WHERE c.id = ?",
	[STMT_RECIPIENTS_SET] =
	    "INSERT INTO case_recipients (case_id, notify_to) VALUES (?, ?)",
	[STMT_ASSOC_CONTACTS_SET] =
	    "UPDATE associations SET phone = ?, email = ? WHERE id = ?",
	[STMT_OPTOUT_INSERT] =
	    "INSERT INTO notify_optouts (channel, recipient, at, actor) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
	[STMT_OPTOUT_LIST] =
	    "SELECT o.channel, o.at FROM notify_optouts o JOIN applicants a "
	    "ON (o.channel = 'sms' AND o.recipient = a.phone) OR "
	    "(o.channel = 'email' AND o.recipient = a.email) "
	    "WHERE a.case_id = ? ORDER BY o.channel",
	/* migrate-data: the history the trigger wrote while the messages
	 * were copied, before the true one is. */
	[STMT_MSG_HISTORY_CLEAR] = "DELETE FROM message_status",
	/* An opt-out stops what is still waiting to go to that recipient. */
	[STMT_MSG_CANCEL_OPTED] =
	    "UPDATE messages SET status = 'permanent-failure', "
	    "error = 'opted-out', fallback_checked = 1, updated_at = ? "
	    "WHERE channel = ? AND recipient = ? AND status IN ('queued', "
	    "'temporary-failure', 'technical-failure')",

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
	/* One line of a cadastral import, staged (store_bulk_row). */
	[STMT_STAGE_ROW] =
	    "INSERT INTO cadastre_stage (import_id, comune_id, sezione, "
	    "immobile, progressivo, record_type, line_no, line) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
	    "AND (sezione, immobile) <= (?, ?) ORDER BY sezione, immobile",
	/*
	 * Ids for ? new units, as runs of consecutive ids (id, n): inside the
	 * import's write transaction SQLite has one writer, so the ? ids after
	 * the highest are free.
	 */
	[STMT_UNIT_IDS] =
	    "SELECT coalesce(max(id), 0) + 1 AS id, ? AS n FROM cadastral_units",
	/* A new unit, its id given (store_bulk_row). */
	[STMT_UNIT_ROW] =
	    "INSERT INTO cadastral_units (" UNIT_ROW_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* A changed unit, applied with the others by STMT_UNITS_CHANGE. */
	[STMT_UNIT_CHANGE_ROW] =
	    "INSERT INTO cadastral_unit_changes (" UNIT_ROW_COLS ") "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* Without the IN, SQLite plans a scan of every unit. */
	[STMT_UNITS_CHANGE] = UNITS_CHANGE_SQL("IN (SELECT id FROM "
	    "cadastral_unit_changes)"),
	[STMT_UNIT_IDENTS_DELETE_CHANGED] =
	    "DELETE FROM cadastral_idents WHERE unit_id IN "
	    "(SELECT id FROM cadastral_unit_changes)",
	[STMT_UNIT_ADDRESSES_DELETE_CHANGED] =
	    "DELETE FROM cadastral_addresses WHERE unit_id IN "
	    "(SELECT id FROM cadastral_unit_changes)",
	[STMT_UNIT_CHANGES_CLEAR] = "DELETE FROM cadastral_unit_changes",
	[STMT_UNIT_IDENT_ROW] =
	    "INSERT INTO cadastral_idents (unit_id, comune_id, position, "
	    "sezione_urbana, foglio, particella, denominatore, subalterno, "
	    "edificialita) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_UNIT_ADDRESS_ROW] =
	    "INSERT INTO cadastral_addresses (unit_id, comune_id, position, "
	    "toponimo, dug, street, civico, street_key, number, esponente, "
	    "codice_strada) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
	/* One row of an extract (store_bulk_row). */
	[STMT_RESIDENTS_ROW] =
	    "INSERT INTO residents (" RESIDENT_ROW_COLS ") VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[STMT_TARI_ROW] =
	    "INSERT INTO tari (" TARI_ROW_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	/* The rows in force, a page at a time after an id. */
	[STMT_RESIDENTS_KNOWN] =
	    "SELECT id, fingerprint FROM residents WHERE comune_id = ? AND "
	    "id > ? ORDER BY id LIMIT ?",
	[STMT_TARI_KNOWN] =
	    "SELECT id, fingerprint FROM tari WHERE comune_id = ? AND "
	    "id > ? ORDER BY id LIMIT ?",
	/* Rows the new extract no longer has: a JSON array of ids. */
	[STMT_RESIDENTS_DELETE_IDS] =
	    "DELETE FROM residents WHERE id IN (SELECT value FROM json_each(?))",
	[STMT_TARI_DELETE_IDS] =
	    "DELETE FROM tari WHERE id IN (SELECT value FROM json_each(?))",
	/* Whether a run after the extract in force left rows behind. */
	[STMT_EXTRACT_UNDONE] =
	    "SELECT count(*) AS n FROM imports WHERE comune_id = ? AND "
	    "kind = ? AND state <> 'done' AND id > ? AND id <> ?",
	[STMT_RESIDENTS_DELETE_UNDONE] =
	    "DELETE FROM residents WHERE comune_id = ? AND import_id > ?",
	[STMT_TARI_DELETE_UNDONE] =
	    "DELETE FROM tari WHERE comune_id = ? AND import_id > ?",
	[STMT_RESIDENTS_DELETE_IMPORT] =
	    "DELETE FROM residents WHERE comune_id = ? AND import_id = ?",
	[STMT_TARI_DELETE_IMPORT] =
	    "DELETE FROM tari WHERE comune_id = ? AND import_id = ?",
	[STMT_EXTRACT_CURRENT] =
	    "SELECT id, finished_at, file_name FROM imports WHERE comune_id = ? "
	    "AND kind = ? AND state = 'done' ORDER BY id DESC LIMIT 1",
	[STMT_RESIDENTS_AT_PARCEL] =
	    "SELECT codice_fiscale, surname, given_names, birth_date, "
	    "citizenship, family_id, street, house_number, esponente, interno "
	    "FROM residents WHERE comune_id = ? AND import_id <= ? AND "
	    "foglio = ? AND particella = ? AND subalterno = ? "
	    "ORDER BY family_id, surname LIMIT 200",
	[STMT_RESIDENTS_AT_ADDRESS] =
	    "SELECT codice_fiscale, surname, given_names, birth_date, "
	    "citizenship, family_id, street, house_number, esponente, interno "
	    "FROM residents WHERE comune_id = ? AND import_id <= ? AND "
	    "street_key = ? AND number = ? AND esponente = ? "
	    "AND (? = '' OR interno = ?) ORDER BY family_id, surname LIMIT 200",
	[STMT_TARI_AT_PARCEL] =
	    "SELECT payer_cf, payer_name, street, house_number, esponente, "
	    "interno, area_m2, since, until FROM tari WHERE comune_id = ? AND "
	    "import_id <= ? AND foglio = ? AND particella = ? AND "
	    "subalterno = ? ORDER BY since DESC LIMIT 50",
	[STMT_TARI_AT_ADDRESS] =
	    "SELECT payer_cf, payer_name, street, house_number, esponente, "
	    "interno, area_m2, since, until FROM tari WHERE comune_id = ? AND "
	    "import_id <= ? AND street_key = ? AND number = ? AND esponente = ? "
	    "AND (? = '' OR interno = ?) ORDER BY since DESC LIMIT 50",

	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit (" AUDIT_COLS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
};

#define COPY_ROW(N, t, ident, cols, vals) \
	{t, STMT_COPY_SELECT_##N, STMT_COPY_INSERT_##N, STMT_COPY_RESEQ_##N, cols},

const struct stmts_copy stmts_copy[] = {
	COPY_TABLES(COPY_ROW)
	{NULL, 0, 0, 0, NULL},
};
