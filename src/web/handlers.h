/*
 * handlers: every page and API call, grouped by audience in office_*.c,
 * point_*.c, api_*.c, static.c.  The router has already authenticated the
 * caller, checked the role against the route and, for forms, the CSRF token.
 */
#ifndef IDONEO_HANDLERS_H
#define IDONEO_HANDLERS_H

#include "http/http.h"

struct store;

typedef void handler_fn(struct http_req *, struct http_resp *);

handler_fn	 h_root, h_login_form, h_login, h_logout;
handler_fn	 h_cases, h_case_new, h_case_create, h_case_show,
		 h_case_transition;
handler_fn	 h_admin, h_admin_user_create, h_admin_user_active,
		 h_admin_association_create, h_admin_key_create,
		 h_admin_key_revoke, h_admin_comune_form,
		 h_admin_comune_update;
handler_fn	 h_point_home, h_point_lookup, h_point_identity, h_point_pdf,
		 h_point_handover, h_point_payment;
handler_fn	 h_api_pickup_lookup, h_api_pickup_identity, h_api_pickup_pdf,
		 h_api_pickup_handover, h_api_pickup_payment,
		 h_api_pickup_stock, h_api_collection, h_case_collection,
		 h_office_pickups, h_case_pickup_code;
handler_fn	 h_follow_form, h_follow_open, h_follow_case, h_follow_upload,
		 h_follow_place, h_follow_answer, h_follow_withdraw,
		 h_follow_close;
handler_fn	 h_case_file_upload, h_api_file_upload, h_api_files,
		 h_file_get, h_api_file_get;
void		 office_pickup_rows(json_t *);
json_t		*office_collection(struct store *, const struct principal *,
		    json_t *c);
json_t		*office_case_files(struct store *, const struct principal *,
		    int64_t case_id);
handler_fn	 h_api_list, h_api_create, h_api_show, h_api_transition,
		 h_api_me, h_api_eligibility, h_api_units, h_api_unit;
handler_fn	 h_case_preview, h_case_assess, h_case_rooms, h_case_rooms_save,
		 h_case_rooms_preview, h_case_lookup, h_unit_show;
handler_fn	 h_admin_rules, h_admin_rules_add;
handler_fn	 h_admin_imports, h_admin_imports_upload;
handler_fn	 h_case_message, h_messages, h_api_messages, h_notify_dlr,
		 h_notify_report;
handler_fn	 h_case_certificate_pdf, h_case_certificate, h_api_certificate_pdf,
		 h_verify_form, h_verify, h_keys_json;
handler_fn	 h_admin_points, h_admin_point_save, h_admin_point_status,
		 h_admin_points_csv, h_admin_points_import,
		 h_admin_streets_import, h_api_points;
handler_fn	 h_apply_intro, h_apply_new, h_apply_resume, h_apply_step,
		 h_apply_save, h_apply_upload, h_apply_unload, h_apply_link,
		 h_apply_code, h_apply_confirm, h_apply_submit, h_apply_sent,
		 h_apply_close;
handler_fn	 h_assoc_home, h_assoc_new_draft, h_assoc_open_draft,
		 h_assoc_contacts;
handler_fn	 h_stats, h_stats_csv, h_stats_xlsx, h_stats_report, h_stats_months, h_stats_release,
		 h_stats_continents;
handler_fn	 h_countries, h_country_form, h_country_correct;
handler_fn	 h_healthz, h_static;

void		 static_init(const char *static_dir, const char *assets_dir);

#endif
