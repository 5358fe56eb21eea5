/*
 * stmts: the name of every SQL statement idoneo runs.  The text is in
 * stmts.c and nowhere else; parameters are always bound ('?').
 */
#ifndef IDONEO_STMTS_H
#define IDONEO_STMTS_H

#include <stdbool.h>

/*
 * The tables `idoneo migrate-data` copies, parents before children: name,
 * whether an identity column "id" needs its sequence moved on afterwards,
 * the columns, and their placeholders.
 */
#define COPY_TABLES(X) \
	X(COMUNI, "comuni", 1, \
	    "id, code, name, province, office, signatory, term_days, " \
	    "legal_term_days, risk_days, patron_month, patron_day, " \
	    "saturday_closed, rule_set, fee_cents, stamp_cents, stamps, " \
	    "validity_months, created_at, area_tolerance_pct, " \
	    "office_address, office_hours, sms_sender, mail_from, sms_url, " \
	    "smtp_url, logo_path, copy_fee_cents, pickup_days, " \
	    "pickup_reminder_days", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?, ?, ?, ?, ?, ?, ?, ?") \
	X(POINTS, "points", 1, \
	    "id, comune_id, name, kind, address, lat_e6, lon_e6, hours, " \
	    "contact, releases, collects_fees, status, created_at, " \
	    "updated_at", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(ASSOCIATIONS, "associations", 1, \
	    "id, comune_id, name, phone, email", \
	    "?, ?, ?, ?, ?") \
	X(USERS, "users", 1, \
	    "id, comune_id, association_id, username, full_name, role, " \
	    "password_hash, active, created_at, point_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(API_KEYS, "api_keys", 1, \
	    "id, comune_id, association_id, name, role, prefix, key_hash, " \
	    "active, created_at, point_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(COUNTERS, "counters", 0, \
	    "comune_id, year, kind, last", \
	    "?, ?, ?, ?") \
	X(IMPORTS, "imports", 1, \
	    "id, comune_id, kind, file_name, file_hash, actor, state, " \
	    "started_at, heartbeat_at, finished_at, total_bytes, done_bytes, " \
	    "lines_read, " \
	    "inserted, updated, unchanged, skipped, rejected, errors, " \
	    "message", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CADASTRAL_UNITS, "cadastral_units", 1, \
	    "id, comune_id, sezione, immobile, progressivo, category, " \
	    "residential, classe, consistenza, measure, superficie, " \
	    "rendita_cents, zona, scala, interno, piano, partita, " \
	    "annotazione, opened_on, fingerprint, import_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?") \
	X(CADASTRAL_IDENTS, "cadastral_idents", 0, \
	    "unit_id, position, comune_id, sezione_urbana, foglio, " \
	    "particella, denominatore, subalterno, edificialita", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CADASTRAL_ADDRESSES, "cadastral_addresses", 0, \
	    "unit_id, position, comune_id, toponimo, dug, street, civico, " \
	    "street_key, number, esponente, codice_strada", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(RESIDENTS, "residents", 1, \
	    "id, comune_id, import_id, codice_fiscale, surname, " \
	    "given_names, birth_date, citizenship, family_id, street, " \
	    "house_number, esponente, interno, scala, street_key, number, " \
	    "foglio, particella, subalterno", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(TARI, "tari", 1, \
	    "id, comune_id, import_id, payer_cf, payer_name, street, " \
	    "house_number, esponente, interno, street_key, number, foglio, " \
	    "particella, subalterno, area_m2, since, until", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CASES, "cases", 1, \
	    "id, comune_id, protocol_year, protocol_no, tracking_code, " \
	    "channel, association_id, created_by, api_key_id, purpose, " \
	    "title, consent_at, state, received_on, term_days, due_on, " \
	    "clock_stopped_on, stopped_days, had_refusal_notice, " \
	    "decided_on, notes, created_at, updated_at, version, " \
	    "search_key, certificate_year, certificate_no, ready_on, " \
	    "ready_days, delivered_days", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(APPLICANTS, "applicants", 0, \
	    "case_id, surname, given_names, sex, birth_date, birth_place, " \
	    "birth_country, citizenship, codice_fiscale, " \
	    "cf_missing_reason, id_doc_type, id_doc_number, " \
	    "id_doc_expiry, permit_type, permit_number, permit_expiry, " \
	    "phone, email, language, notify_sms, notify_email, " \
	    "citizenship_code, birth_country_code", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?, ?, ?") \
	X(DWELLINGS, "dwellings", 0, \
	    "case_id, street, house_number, interno, scala, floor, cap, " \
	    "sezione, foglio, particella, subalterno, category, unit_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(ROOMS, "rooms", 1, \
	    "id, case_id, position, name, use, area, height, window_area, " \
	    "fixtures, extraction", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(PERSONS, "persons", 1, \
	    "id, case_id, kind, surname, given_names, birth_date, " \
	    "relation, codice_fiscale", \
	    "?, ?, ?, ?, ?, ?, ?, ?") \
	X(PAYMENTS, "payments", 1, \
	    "id, case_id, kind, amount_cents, channel, reference, paid_on, " \
	    "point_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?") \
	X(COLLECTIONS, "collections", 0, \
	    "case_id, point_id, delegate_name, delegate_doc_type, " \
	    "delegate_doc_number, updated_at", \
	    "?, ?, ?, ?, ?, ?") \
	X(PICKUPS, "pickups", 1, \
	    "id, case_id, comune_id, point_id, code_hash, status, " \
	    "created_at, expires_on, remind_on, reminded_at, looked_up_by, " \
	    "looked_up_at, checked_by, checked_at, check_fails, " \
	    "checked_doc, ended_at, ended_by, created_day, ended_on, " \
	    "collect_days", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(STREETS, "streets", 0, \
	    "comune_id, street_key, name, lat_e6, lon_e6", \
	    "?, ?, ?, ?, ?") \
	X(FOLLOW_SESSIONS, "follow_sessions", 0, \
	    "token_hash, case_id, csrf, created_at, expires_at", \
	    "?, ?, ?, ?, ?") \
	X(CASE_RECIPIENTS, "case_recipients", 0, \
	    "case_id, notify_to", \
	    "?, ?") \
	X(DRAFTS, "drafts", 1, \
	    "id, comune_id, token_hash, csrf, language, data, step, " \
	    "association_id, otp_hash, otp_to, otp_until, otp_tries, " \
	    "otp_sent, confirmed, case_id, created_at, updated_at, " \
	    "expires_at", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(DRAFT_FILES, "draft_files", 1, \
	    "id, draft_id, kind, name, content_type, size, sha256, path, " \
	    "uploaded_at", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CASE_FILES, "case_files", 1, \
	    "id, case_id, kind, name, content_type, size, sha256, path, " \
	    "uploaded_at, uploaded_by, uploader_name, deleted_at, " \
	    "deleted_reason", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(DOCUMENTS, "documents", 1, \
	    "id, case_id, kind, received", \
	    "?, ?, ?, ?") \
	X(EVENTS, "events", 1, \
	    "id, case_id, at, effective_on, actor, actor_name, action, " \
	    "from_state, to_state, reason, due_on, comune_id", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(AUDIT, "audit", 1, \
	    "id, at, comune_id, actor, ip, action, entity, entity_id, " \
	    "detail", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(RULE_SETS, "rule_sets", 0, \
	    "id, version, definition, created_at, created_by", \
	    "?, ?, ?, ?, ?") \
	X(ASSESSMENTS, "assessments", 1, \
	    "id, case_id, rule_set, rule_version, max_occupants, " \
	    "surface_capacity, bedroom_capacity, habitable_area, " \
	    "total_area, binding, residents, requested, places_available, " \
	    "fits, explanation, at, actor", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CERTIFICATES, "certificates", 1, \
	    "id, comune_id, case_id, year, number, code, issued_on, " \
	    "valid_until, snapshot, key_id, signature, revoked_on, " \
	    "revoked_reason, revoked_by, superseded_by, reprints, " \
	    "certified_copies, created_at, actor", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(CERTIFICATE_COPIES, "certificate_copies", 1, \
	    "id, certificate_id, kind, copy_no, fee_cents, at, actor", \
	    "?, ?, ?, ?, ?, ?, ?") \
	X(MESSAGES, "messages", 1, \
	    "id, comune_id, case_id, event, channel, recipient, language, " \
	    "params, fallback_of, status, attempts, recovered, uncertain, " \
	    "fallback_checked, due_at, expires_at, claimed_by, " \
	    "claimed_until, subject, body, coding, segments, reference, " \
	    "token, error, actor, created_at, sent_at, updated_at", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(MESSAGE_STATUS, "message_status", 1, \
	    "id, message_id, status, at, detail", \
	    "?, ?, ?, ?, ?") \
	X(NOTIFY_OPTOUTS, "notify_optouts", 0, \
	    "channel, recipient, at, actor", \
	    "?, ?, ?, ?") \
	X(JOBS, "jobs", 1, \
	    "id, kind, payload, run_after, attempts, claimed_by, " \
	    "claimed_until, done_at, created_at", \
	    "?, ?, ?, ?, ?, ?, ?, ?, ?") \
	X(LOGIN_ATTEMPTS, "login_attempts", 1, \
	    "id, username, ip, ok, at", \
	    "?, ?, ?, ?, ?") \
	X(SESSIONS, "sessions", 0, \
	    "token_hash, user_id, csrf, created_at, expires_at", \
	    "?, ?, ?, ?, ?")

#define COPY_ENUM(N, t, ident, cols, vals) \
	STMT_COPY_SELECT_##N, STMT_COPY_INSERT_##N, STMT_COPY_RESEQ_##N,

enum stmt {
	STMT_MIGRATION_LOCK,
	STMT_MIGRATION_UNLOCK,
	STMT_MIGRATIONS_CREATE,
	STMT_MIGRATION_APPLIED,
	STMT_MIGRATION_RECORD,

	STMT_COMUNE_INSERT,
	STMT_COMUNE_GET,
	STMT_COMUNE_BY_CODE,
	STMT_COMUNE_LIST,
	STMT_COUNT_COMUNI,
	STMT_ASSOC_INSERT,
	STMT_ASSOC_GET,
	STMT_ASSOC_LIST,
	STMT_ASSOC_LIST_ALL,
	STMT_COMUNE_UPDATE,
	STMT_COMUNE_UPDATE_NOTIFY,

	STMT_USER_INSERT,
	STMT_USER_BY_NAME,
	STMT_USER_LIST_ALL,
	STMT_USER_SET_ACTIVE,

	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_LOGIN_PURGE,
	STMT_LOGIN_INSERT,
	STMT_LOGIN_OK,
	STMT_LOGIN_LOCK,
	STMT_LOGIN_FAILS_USER,
	STMT_LOGIN_FAILS_IP,

	STMT_APIKEY_INSERT,
	STMT_APIKEY_BY_HASH,
	STMT_APIKEY_LIST,
	STMT_APIKEY_SET_ACTIVE,

	STMT_COUNTER_NEXT,

	STMT_CASE_IDS,
	STMT_CASE_INSERT,
	STMT_CASE_SET_PROTOCOL,
	STMT_APPLICANT_INSERT,
	STMT_DWELLING_INSERT,
	STMT_ROOMS_INSERT_JSON,
	STMT_ROOMS_DELETE,
	STMT_PERSONS_INSERT_JSON,
	STMT_PAYMENTS_INSERT_JSON,
	STMT_DOCUMENTS_INSERT_8,
	STMT_EVENT_INSERT,
	STMT_CASE_GET,
	STMT_CASE_CHILDREN,
	STMT_CASE_ROOMS,
	STMT_CASE_PERSONS,
	STMT_CASE_EVENTS,
	STMT_CASE_UPDATE_STATE,
	STMT_CASE_VERSION,
	STMT_CASE_SET_CERTIFICATE,
	STMT_CERT_INSERT,
	STMT_CERT_OF_CASE,
	STMT_CERT_GET,
	STMT_CERT_BY_CODE,
	STMT_CERT_REVOKE,
	STMT_CERT_SUPERSEDE,
	STMT_CERT_REPRINT,
	STMT_CERT_CERTIFIED,
	STMT_CERT_COPY_INSERT,
	STMT_CERT_COPY_GET,
	STMT_CERT_OF_UNIT,
	STMT_COMUNE_UPDATE_CERT,
	STMT_DEMO_OLD_CASES,
	STMT_STATS_RECEIVED,
	STMT_STATS_ENDED,
	STMT_STATS_READY,
	STMT_STATS_READY_DAYS,
	STMT_CASE_READY_SET,
	STMT_CASE_DELIVERED_SET,
	STMT_STATS_COMPARE_RECEIVED,
	STMT_STATS_COMPARE_READY,
	STMT_STATS_COMPARE_OPEN,
	STMT_STATS_OPEN,
	STMT_STATS_MESSAGES,
	STMT_COUNTRY_VALUES,
	STMT_CITIZENSHIP_RENAME,
	STMT_BIRTH_COUNTRY_RENAME,
	STMT_COUNTRY_OPEN_CASES,
	STMT_APPLICANT_COUNTRY_SET,
	STMT_APPLICANT_COUNTRY_GET,
	STMT_STATS_HANDOVERS,
	STMT_STATS_STAFF,
	STMT_STATS_TALLY_RECEIVED,
	STMT_STATS_TALLY_READY,
	STMT_STATS_TALLY_READY_DAYS,
	STMT_STATS_TALLY_STAFF,
	STMT_STATS_TALLY_COMPARE_RECEIVED,
	STMT_STATS_TALLY_COMPARE_READY,
	STMT_STATS_TALLY_HANDOVERS,
	STMT_TALLY_FOLD,
	STMT_TALLY_FOLD_CLEAR,
	STMT_DRAFT_INSERT,
	STMT_DRAFT_GET,
	STMT_DRAFT_SAVE,
	STMT_DRAFT_OTP_SET,
	STMT_DRAFT_OTP_FAIL,
	STMT_DRAFT_CONFIRM,
	STMT_DRAFT_SUBMITTED,
	STMT_DRAFT_EXPIRED,
	STMT_DRAFT_DELETE,
	STMT_DRAFTS_OF_ASSOC,
	STMT_DRAFT_RETOKEN,
	STMT_DRAFT_FILE_INSERT,
	STMT_DRAFT_FILES,
	STMT_DRAFT_FILE_DELETE,
	STMT_DRAFT_FILES_DELETE,
	STMT_MSG_CONTEXT_COMUNE,
	STMT_RECIPIENTS_SET,
	STMT_ASSOC_CONTACTS_SET,
	STMT_POINT_UPSERT,
	STMT_POINT_LIST,
	STMT_POINT_OPEN,
	STMT_POINT_GET,
	STMT_POINT_SET_STATUS,
	STMT_POINT_BY_NAME,
	STMT_USER_SET_POINT,
	STMT_COLLECTION_GET,
	STMT_COLLECTION_UPSERT,
	STMT_COLLECTION_TO_OFFICE,
	STMT_PICKUP_INSERT,
	STMT_PICKUP_HASH_USED,
	STMT_PICKUP_END_CASE,
	STMT_PICKUP_BY_HASH,
	STMT_PICKUP_GET,
	STMT_PICKUP_LOOKED,
	STMT_PICKUP_CHECKED,
	STMT_PICKUP_CHECK_FAIL,
	STMT_PICKUP_DELIVERED,
	STMT_PICKUP_STOCK_POINT,
	STMT_PICKUP_STOCK_ALL,
	STMT_PICKUP_REMIND_DUE,
	STMT_PICKUP_REMINDED,
	STMT_PICKUP_RECALL_DUE,
	STMT_PICKUP_RECALL,
	STMT_PICKUPS_OF_CASE,
	STMT_PAYMENT_AT_POINT,
	STMT_STREET_UPSERT,
	STMT_STREET_GET,
	STMT_STREET_COUNT,
	STMT_COMUNE_UPDATE_PICKUP,
	STMT_CASE_TOUCH,
	STMT_CASE_REFUSAL_DUE,
	STMT_FOLLOW_CASE,
	STMT_FOLLOW_INSERT,
	STMT_FOLLOW_GET,
	STMT_FOLLOW_DELETE,
	STMT_FOLLOW_PURGE,
	STMT_FILE_INSERT,
	STMT_FILE_GET,
	STMT_FILES_OF_CASE,
	STMT_FILE_DOC_RECEIVED,
	STMT_FILES_EXPIRED,
	STMT_FILE_DELETED,
	STMT_CASE_QUEUE,
	STMT_CASE_QUEUE_OPEN,
	STMT_CASE_QUEUE_ALL,
	STMT_CASE_LIST_ASSOC,
	STMT_CASE_SEARCH,

	STMT_RULES_INSERT,
	STMT_RULES_LATEST,
	STMT_RULES_GET,
	STMT_RULES_LIST,
	STMT_COMUNE_SET_RULES,
	STMT_ASSESSMENT_INSERT,
	STMT_ASSESSMENT_LATEST,

	STMT_JOB_ENQUEUE,
	STMT_JOB_CLAIM,
	STMT_JOB_DONE,
	STMT_JOB_DEFER,
	STMT_JOB_RENEW,
	STMT_JOB_COUNT_OPEN,

	STMT_MSG_INSERT,
	STMT_MSG_CLAIM,
	STMT_MSG_RECORD,
	STMT_MSG_GET,
	STMT_MSG_REPORT,
	STMT_MSG_CONTEXT,
	STMT_MSG_FALLBACK_DUE,
	STMT_MSG_FALLBACK_DONE,
	STMT_MSG_CASE_LIST,
	STMT_MSG_CASE_HISTORY,
	STMT_MSG_LIST,
	STMT_MSG_COUNTS,
	STMT_MSG_EXPIRING_DUE,
	STMT_MSG_CONTACTS,
	STMT_OPTOUT_INSERT,
	STMT_OPTOUT_LIST,
	STMT_MSG_CANCEL_OPTED,
	STMT_MSG_HISTORY_CLEAR,

	COPY_TABLES(COPY_ENUM)

	STMT_IMPORT_INSERT,
	STMT_IMPORT_PROGRESS,
	STMT_IMPORT_FINISH,
	STMT_IMPORTS_LIST,
	STMT_IMPORTS_RUNNING,
	STMT_IMPORTS_INTERRUPT,
	STMT_STAGE_ROW,
	STMT_STAGE_PAGE,
	STMT_STAGE_DELETE,
	STMT_STAGE_DELETE_STALE,
	STMT_UNITS_RANGE,
	STMT_UNIT_IDS,
	STMT_UNIT_ROW,
	STMT_UNIT_CHANGE_ROW,
	STMT_UNITS_CHANGE,
	STMT_UNIT_IDENTS_DELETE_CHANGED,
	STMT_UNIT_ADDRESSES_DELETE_CHANGED,
	STMT_UNIT_CHANGES_CLEAR,
	STMT_UNIT_IDENT_ROW,
	STMT_UNIT_ADDRESS_ROW,
	STMT_UNITS_GET,
	STMT_UNITS_IDENTS,
	STMT_UNITS_ADDRESSES,
	STMT_UNITS_BY_IDENT,
	STMT_UNITS_BY_IDENT_SUB,
	STMT_UNITS_BY_STREET,
	STMT_UNITS_BY_STREET_ANY,
	STMT_UNITS_BY_STREET_PREFIX,
	STMT_UNITS_COUNT,
	STMT_COMUNI_IDS,
	STMT_UNIT_CASES,
	STMT_COMUNE_TOLERANCE,
	STMT_RESIDENTS_ROW,
	STMT_TARI_ROW,
	STMT_RESIDENTS_KNOWN,
	STMT_TARI_KNOWN,
	STMT_RESIDENTS_DELETE_IDS,
	STMT_TARI_DELETE_IDS,
	STMT_EXTRACT_UNDONE,
	STMT_RESIDENTS_DELETE_UNDONE,
	STMT_TARI_DELETE_UNDONE,
	STMT_RESIDENTS_DELETE_IMPORT,
	STMT_TARI_DELETE_IMPORT,
	STMT_RESIDENTS_AT_PARCEL,
	STMT_RESIDENTS_AT_ADDRESS,
	STMT_TARI_AT_PARCEL,
	STMT_TARI_AT_ADDRESS,
	STMT_EXTRACT_CURRENT,

	STMT_AUDIT_INSERT,

	/* PostgreSQL only: the group forms of the intake's statements. */
	STMT_CASE_INSERT_GROUP,
	STMT_APPLICANT_INSERT_GROUP,
	STMT_DWELLING_INSERT_GROUP,
	STMT_COLLECTION_INSERT_GROUP,
	STMT_ROOMS_INSERT_GROUP,
	STMT_PERSONS_INSERT_GROUP,
	STMT_PAYMENTS_INSERT_GROUP,
	STMT_DOCUMENTS_INSERT_GROUP,
	STMT_ASSESSMENT_INSERT_GROUP,
	STMT_EVENT_INSERT_GROUP,
	STMT_AUDIT_INSERT_GROUP,
	STMT_COUNTER_NEXT_GROUP,
	STMT_MSG_INSERT_GROUP,
	STMT__MAX
};

extern const char *const stmts_sql[STMT__MAX];
extern const char *const stmts_pg[STMT__MAX];	/* NULL: same as stmts_sql */
extern const bool stmts_pg_unprepared[STMT__MAX];

/*
 * The group form of a statement (store_group): the same statement for many
 * rows at once, each parameter bound as an array of that parameter's values
 * (PostgreSQL only).  width is how many parameters make one row (0: all of
 * them; the checklist's insert takes eight rows of three).  A group form
 * that gives rows back starts them with group_key, the case id the row
 * belongs to.  A statement with no group form has group 0.
 */
struct stmts_group {
	enum stmt	 group;
	int		 width;
};

extern const struct stmts_group stmts_group[STMT__MAX];

struct stmts_copy {
	const char	*table;
	enum stmt	 select, insert, reseq;
	const char	*columns;
};

extern const struct stmts_copy stmts_copy[];	/* ends with a NULL table */

/*
 * The parameter of STMT_CASE_INSERT (counted from 0) that holds the case's
 * protocol number: a placeholder in a plain intake, which STMT_CASE_SET_-
 * PROTOCOL replaces; in a group write, the count of the group's later
 * cases of the same counter, which only the writer knows
 * (store_group_replace).
 */
#define STMT_CASE_INSERT_PROTOCOL	2

#endif
