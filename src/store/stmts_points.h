/*
 * stmts_points: the statements of the T-Serve network, the collection of
 * certificates and the stradario (src/points, service/handover.c), in the
 * form of entries of stmts.c's array, which includes this file inside it.
 * Private to the store, like stmts_cols.h.
 */
#ifndef IDONEO_STMTS_POINTS_H
#define IDONEO_STMTS_POINTS_H

#define STMTS_POINTS \
	/* \
	 * The T-Serve points (src/points).  A point is known by its \
	 * comune and name: writing one that exists updates it (a CSV \
	 * imported again changes what changed). \
	 */ \
	[STMT_POINT_UPSERT] = \
	    "INSERT INTO points (comune_id, name, kind, address, lat_e6, " \
	    "lon_e6, hours, contact, releases, collects_fees, status, " \
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	    "?, ?) ON CONFLICT (comune_id, name) DO UPDATE SET kind = " \
	    "excluded.kind, address = excluded.address, lat_e6 = " \
	    "excluded.lat_e6, lon_e6 = excluded.lon_e6, hours = " \
	    "excluded.hours, contact = excluded.contact, releases = " \
	    "excluded.releases, collects_fees = excluded.collects_fees, " \
	    "status = excluded.status, updated_at = excluded.updated_at " \
	    "RETURNING id", \
	[STMT_POINT_LIST] = \
	    "SELECT p.*, m.code AS comune_code FROM points p JOIN comuni m ON " \
	    "m.id = p.comune_id WHERE (? = 0 OR p.comune_id = ?) ORDER BY " \
	    "m.code, p.name", \
	[STMT_POINT_OPEN] = \
	    "SELECT * FROM points WHERE comune_id = ? AND status = " \
	    "'accredited' AND releases = 1 ORDER BY name", \
	[STMT_POINT_GET] = "SELECT * FROM points WHERE id = ?", \
	[STMT_POINT_BY_NAME] = \
	    "SELECT id FROM points WHERE comune_id = ? AND name = ?", \
	[STMT_USER_SET_POINT] = "UPDATE users SET point_id = ? WHERE id = ?", \
	/* Where a case's certificate is collected (points/pickup.c). */ \
	[STMT_COLLECTION_GET] = \
	    "SELECT c.point_id, c.delegate_name, c.delegate_doc_type, " \
	    "c.delegate_doc_number, p.name AS point_name, p.address AS " \
	    "point_address, p.hours AS point_hours, p.status AS point_status, " \
	    "p.releases AS point_releases FROM collections c LEFT JOIN points " \
	    "p ON p.id = c.point_id WHERE c.case_id = ?", \
	[STMT_COLLECTION_UPSERT] = \
	    "INSERT INTO collections (case_id, point_id, delegate_name, " \
	    "delegate_doc_type, delegate_doc_number, updated_at) VALUES " \
	    "(?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET " \
	    "point_id = excluded.point_id, delegate_name = " \
	    "excluded.delegate_name, delegate_doc_type = " \
	    "excluded.delegate_doc_type, delegate_doc_number = " \
	    "excluded.delegate_doc_number, updated_at = excluded.updated_at " \
	    "RETURNING point_id AS collection_point, (SELECT name FROM points " \
	    "WHERE id = point_id) AS collection_point_name, delegate_name, " \
	    "delegate_doc_type, delegate_doc_number", \
	[STMT_COLLECTION_TO_OFFICE] = \
	    "UPDATE collections SET point_id = NULL, updated_at = ? " \
	    "WHERE case_id = ?", \
	[STMT_PICKUP_INSERT] = \
	    "INSERT INTO pickups (case_id, comune_id, point_id, code_hash, " \
	    "status, created_at, created_day, expires_on, remind_on) VALUES " \
	    "(?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id", \
	[STMT_PICKUP_HASH_USED] = "SELECT id FROM pickups WHERE code_hash = ?", \
	[STMT_PICKUP_END_CASE] = \
	    "UPDATE pickups SET status = ?, ended_at = ?, ended_by = ?, " \
	    "ended_on = ?, collect_days = ? - created_day WHERE case_id = ? " \
	    "AND status = 'active'", \
	[STMT_PICKUP_BY_HASH] = \
	    "SELECT k.*, a.surname, a.given_names, a.id_doc_type, " \
	    "a.id_doc_number, a.permit_number, s.state, c.delegate_name, c.delegate_doc_type, " \
	    "c.delegate_doc_number FROM pickups k JOIN applicants a ON " \
	    "a.case_id = k.case_id JOIN cases s ON s.id = k.case_id LEFT JOIN " \
	    "collections c ON c.case_id = k.case_id WHERE k.code_hash = ?", \
	[STMT_PICKUP_GET] = \
	    "SELECT k.*, a.surname, a.given_names, a.id_doc_type, " \
	    "a.id_doc_number, a.permit_number, s.state, c.delegate_name, c.delegate_doc_type, " \
	    "c.delegate_doc_number FROM pickups k JOIN applicants a ON " \
	    "a.case_id = k.case_id JOIN cases s ON s.id = k.case_id LEFT JOIN " \
	    "collections c ON c.case_id = k.case_id WHERE k.id = ?", \
	[STMT_PICKUP_LOOKED] = \
	    "UPDATE pickups SET looked_up_by = ?, looked_up_at = ?, " \
	    "checked_by = NULL, checked_at = NULL WHERE id = ?", \
	[STMT_PICKUP_CHECKED] = \
	    "UPDATE pickups SET checked_by = ?, checked_at = ?, checked_doc = ? " \
	    "WHERE id = ? AND status = 'active'", \
	[STMT_PICKUP_CHECK_FAIL] = \
	    "UPDATE pickups SET check_fails = check_fails + 1 WHERE id = ?", \
	[STMT_PICKUP_DELIVERED] = \
	    "UPDATE pickups SET status = 'delivered', ended_at = ?, " \
	    "ended_by = ?, ended_on = ?, collect_days = ? - created_day " \
	    "WHERE id = ? AND status = 'active'", \
	[STMT_PICKUP_STOCK_POINT] = \
	    "SELECT k.id, k.created_at, k.expires_on, k.reminded_at, " \
	    "s.certificate_year, s.certificate_no FROM pickups k JOIN cases s " \
	    "ON s.id = k.case_id WHERE k.point_id = ? AND k.status = 'active' " \
	    "ORDER BY k.expires_on, k.id", \
	[STMT_PICKUP_STOCK_ALL] = \
	    "SELECT k.id, k.case_id, k.point_id, k.created_at, k.expires_on, " \
	    "k.reminded_at, p.name AS point_name, s.certificate_year, " \
	    "s.certificate_no, s.protocol_year, s.protocol_no FROM pickups k " \
	    "JOIN cases s ON s.id = k.case_id LEFT JOIN points p ON " \
	    "p.id = k.point_id WHERE k.comune_id = ? AND k.status = 'active' " \
	    "ORDER BY p.name, k.expires_on, k.id", \
	[STMT_PICKUP_REMIND_DUE] = \
	    "SELECT k.id, k.case_id, k.point_id, k.expires_on FROM pickups k " \
	    "WHERE k.status = 'active' AND k.reminded_at IS NULL AND " \
	    "k.remind_on <= ? ORDER BY k.id LIMIT 200", \
	[STMT_PICKUP_REMINDED] = \
	    "UPDATE pickups SET reminded_at = ? WHERE id = ?", \
	[STMT_PICKUP_RECALL_DUE] = \
	    "SELECT k.id, k.case_id, k.comune_id FROM pickups k WHERE " \
	    "k.status = 'active' AND k.point_id IS NOT NULL AND " \
	    "k.expires_on < ? ORDER BY k.id LIMIT 200", \
	[STMT_PICKUP_RECALL] = \
	    "UPDATE pickups SET status = 'recalled', ended_at = ?, " \
	    "ended_by = 'system', ended_on = ?, collect_days = ? - " \
	    "created_day WHERE id = ? AND status = 'active'", \
	[STMT_PICKUPS_OF_CASE] = \
	    "SELECT k.id, k.point_id, k.status, k.created_at, k.expires_on, " \
	    "k.reminded_at, k.checked_doc, k.ended_at, k.ended_by, " \
	    "k.check_fails, p.name AS point_name FROM pickups k LEFT JOIN " \
	    "points p ON p.id = k.point_id WHERE k.case_id = ? ORDER BY k.id", \
	[STMT_PAYMENT_AT_POINT] = \
	    "INSERT INTO payments (case_id, kind, amount_cents, channel, " \
	    "reference, paid_on, point_id) VALUES (?, ?, ?, 'point', ?, ?, ?) " \
	    "RETURNING id", \
	[STMT_STREET_UPSERT] = \
	    "INSERT INTO streets (comune_id, street_key, name, lat_e6, lon_e6) " \
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (comune_id, street_key) DO " \
	    "UPDATE SET name = excluded.name, lat_e6 = excluded.lat_e6, " \
	    "lon_e6 = excluded.lon_e6", \
	[STMT_STREET_GET] = \
	    "SELECT name, lat_e6, lon_e6 FROM streets WHERE comune_id = ? AND " \
	    "street_key = ?", \
	[STMT_STREET_COUNT] = "SELECT count(*) FROM streets WHERE comune_id = ?", \
	[STMT_COMUNE_UPDATE_PICKUP] = \
	    "UPDATE comuni SET pickup_days = ?, pickup_reminder_days = ? " \
	    "WHERE id = ?", \
	[STMT_POINT_SET_STATUS] = \
	    "UPDATE points SET status = ?, updated_at = ? WHERE id = ?", \
	/* end of STMTS_POINTS */

#endif
