/*
 * stmts_cols: the column lists that several statements share, for
 * stmts.c and stmts_pg.c only (private to the store).
 */
#ifndef IDONEO_STMTS_COLS_H
#define IDONEO_STMTS_COLS_H

#define CASE_COLS \
	"c.id, c.comune_id, m.code AS comune_code, m.name AS comune_name, " \
	"c.protocol_year, c.protocol_no, c.tracking_code, c.channel, " \
	"c.association_id, c.created_by, c.api_key_id, c.purpose, c.title, " \
	"c.consent_at, c.state, c.received_on, c.term_days, c.due_on, " \
	"c.clock_stopped_on, c.stopped_days, c.had_refusal_notice, " \
	"c.decided_on, c.notes, c.created_at, c.updated_at, c.version, " \
	"c.certificate_year, c.certificate_no"

/* CASE_COLS as the insert of a case gives them back (intake_write.c adds
 * the comune's code and name and the association's name). */
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
	"language, notify_sms, notify_email, citizenship_code, " \
	"birth_country_code"
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
	"email, language, notify_sms, notify_email, citizenship_code, " \
	"birth_country_code"
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

/* A message as the outbox writes it (STMT_MSG_INSERT) and as a worker
 * claims it. */
#define MSG_INSERT_COLS \
	"comune_id, case_id, event, channel, recipient, language, params, " \
	"fallback_of, due_at, expires_at, token, actor, created_at"
#define MSG_CLAIMED \
	"id, comune_id, case_id, event, channel, recipient, language, " \
	"params, fallback_of, attempts, recovered, uncertain, expires_at, " \
	"token, reference, created_at"
/* A claim of due messages (STMT_MSG_CLAIM), up to its WHERE. */
#define MSG_CLAIM_SET \
	"UPDATE messages SET status = 'sending', " \
	"recovered = CASE WHEN status = 'sending' THEN 1 ELSE 0 END, " \
	"uncertain = uncertain + " \
	"CASE WHEN status = 'sending' THEN 1 ELSE 0 END, " \
	"error = CASE WHEN status = 'sending' THEN 'recovered' ELSE '' END, " \
	"attempts = attempts + 1, claimed_by = ?, claimed_until = ?, " \
	"due_at = ?, updated_at = ? " \
	"WHERE id IN (SELECT id FROM messages WHERE status IN ('queued', " \
	"'sending', 'temporary-failure', 'technical-failure') AND due_at <= ? "
/* The office's list of messages, up to its filters. */
#define MSG_LIST_FROM \
	"SELECT m.id, m.case_id, m.comune_id, co.name AS comune_name, " \
	"c.protocol_year, c.protocol_no, m.event, m.channel, m.language, " \
	"m.status, m.attempts, m.uncertain, m.segments, m.error, " \
	"m.created_at, m.updated_at FROM messages m JOIN comuni co ON " \
	"co.id = m.comune_id LEFT JOIN cases c ON c.id = m.case_id WHERE "
#define MSG_COUNTS_FROM \
	"SELECT m.status, m.channel, count(*) AS n, " \
	"CAST(sum(m.uncertain) AS BIGINT) AS uncertain, " \
	"CAST(sum(m.segments) AS BIGINT) AS segments FROM messages m WHERE "
/* The filters of the list of messages: comune (0: all), status and
 * channel ('': all), a period of creation. */
#define MSG_FILTER \
	"(? = 0 OR m.comune_id = ?) AND (? = '' OR m.status = ?) AND " \
	"(? = '' OR m.channel = ?) AND m.created_at >= ? AND m.created_at < ?"
#define MSG_FILTER_PG \
	"(?::bigint = 0 OR m.comune_id = ?::bigint) AND " \
	"(?::text = '' OR m.status = ?::text) AND " \
	"(?::text = '' OR m.channel = ?::text) AND m.created_at >= ? AND " \
	"m.created_at < ?"

/* The columns of a unit row, in the order of its bulk rows. */
#define UNIT_ROW_COLS \
	"id, comune_id, sezione, immobile, progressivo, category, " \
	"residential, classe, consistenza, measure, superficie, " \
	"rendita_cents, zona, scala, interno, piano, partita, annotazione, " \
	"opened_on, fingerprint, import_id"

/* The columns of a resident and of a TARI row, as the extracts write them. */
#define RESIDENT_ROW_COLS						\
	"comune_id, import_id, codice_fiscale, surname, given_names, "	\
	"birth_date, citizenship, family_id, street, house_number, "	\
	"esponente, interno, scala, street_key, number, foglio, "	\
	"particella, subalterno, fingerprint"
#define TARI_ROW_COLS							\
	"comune_id, import_id, payer_cf, payer_name, street, "		\
	"house_number, esponente, interno, street_key, number, foglio, "	\
	"particella, subalterno, area_m2, since, until, fingerprint"

/*
 * The changed units applied to cadastral_units; changed says which ids
 * are changed, in each database's form that reaches them by index.
 */
#define UNITS_CHANGE_SQL(changed)					\
	"UPDATE cadastral_units SET progressivo = c.progressivo, "	\
	"category = c.category, residential = c.residential, "		\
	"classe = c.classe, consistenza = c.consistenza, "		\
	"measure = c.measure, superficie = c.superficie, "		\
	"rendita_cents = c.rendita_cents, zona = c.zona, scala = c.scala, " \
	"interno = c.interno, piano = c.piano, partita = c.partita, "	\
	"annotazione = c.annotazione, opened_on = c.opened_on, "	\
	"fingerprint = c.fingerprint, import_id = c.import_id "	\
	"FROM cadastral_unit_changes AS c WHERE cadastral_units.id = c.id " \
	"AND cadastral_units.id " changed

#endif
