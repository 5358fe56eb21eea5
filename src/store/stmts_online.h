/*
 * stmts_online: the statements of the citizen's online application
 * (src/online: drafts, their one-time codes and documents), in the form
 * of entries of stmts.c's array, which includes this file inside it.
 * Private to the store, like stmts_points.h.
 */
#ifndef IDONEO_STMTS_ONLINE_H
#define IDONEO_STMTS_ONLINE_H

#define STMTS_ONLINE \
	[STMT_DRAFT_INSERT] = \
	    "INSERT INTO drafts (comune_id, token_hash, csrf, language, data, " \
	    "association_id, created_at, updated_at, expires_at) VALUES " \
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", \
	[STMT_DRAFT_GET] = \
	    "SELECT d.*, c.protocol_year, c.protocol_no, c.tracking_code " \
	    "FROM drafts d LEFT JOIN cases c ON c.id = d.case_id " \
	    "WHERE d.token_hash = ? AND d.expires_at > ?", \
	[STMT_DRAFT_SAVE] = \
	    "UPDATE drafts SET data = ?, step = ?, language = ?, " \
	    "updated_at = ? WHERE id = ? AND case_id IS NULL", \
	[STMT_DRAFT_OTP_SET] = \
	    "UPDATE drafts SET otp_hash = ?, otp_to = ?, otp_until = ?, " \
	    "otp_tries = 0, otp_sent = otp_sent + 1, updated_at = ? " \
	    "WHERE id = ? AND case_id IS NULL", \
	[STMT_DRAFT_OTP_FAIL] = \
	    "UPDATE drafts SET otp_tries = otp_tries + 1 WHERE id = ?", \
	[STMT_DRAFT_CONFIRM] = \
	    "UPDATE drafts SET confirmed = otp_to, otp_hash = '', " \
	    "updated_at = ? WHERE id = ?", \
	[STMT_DRAFT_SUBMITTED] = \
	    "UPDATE drafts SET case_id = ?, updated_at = ? WHERE id = ? " \
	    "AND case_id IS NULL", \
	[STMT_DRAFT_EXPIRED] = \
	    "SELECT id FROM drafts WHERE expires_at < ? ORDER BY id LIMIT 100", \
	[STMT_DRAFT_DELETE] = "DELETE FROM drafts WHERE id = ?", \
	[STMT_DRAFTS_OF_ASSOC] = \
	    "SELECT d.id, d.step, d.data, d.updated_at, d.case_id, " \
	    "c.protocol_year, c.protocol_no, c.state FROM drafts d " \
	    "LEFT JOIN cases c ON c.id = d.case_id WHERE d.association_id = ? " \
	    "AND d.expires_at > ? ORDER BY d.updated_at DESC LIMIT 200", \
	[STMT_DRAFT_RETOKEN] = \
	    "UPDATE drafts SET token_hash = ?, updated_at = ? WHERE id = ? " \
	    "AND association_id = ? AND expires_at > ?", \
	[STMT_DRAFT_FILE_INSERT] = \
	    "INSERT INTO draft_files (draft_id, kind, name, content_type, " \
	    "size, sha256, path, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) " \
	    "RETURNING id", \
	[STMT_DRAFT_FILES] = \
	    "SELECT id, kind, name, content_type, size, sha256, path, " \
	    "uploaded_at FROM draft_files WHERE draft_id = ? ORDER BY id", \
	[STMT_DRAFT_FILE_DELETE] = \
	    "DELETE FROM draft_files WHERE id = ? AND draft_id = ? " \
	    "RETURNING path", \
	[STMT_DRAFT_FILES_DELETE] = \
	    "DELETE FROM draft_files WHERE draft_id = ?", \
	/* end of STMTS_ONLINE */

#endif
