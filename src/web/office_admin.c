/*
 * office_admin: the administrator's page: comuni and staff users.  The
 * administrator manages accounts and configuration and sees no case data.
 */
#include <string.h>

#include "domain/i18n.h"
#include "domain/workflow.h"
#include "handlers.h"
#include "page.h"
#include "service/auth.h"
#include "store/store.h"

static void
admin_page(struct http_req *req, struct http_resp *resp, int status,
    const char *error, const char *notice)
{
	struct store	*st = store_thread();
	json_t		*comuni = store_rows(st, STMT_COMUNE_LIST, "");
	json_t		*users = store_rows(st, STMT_USER_LIST_ALL, "");
	json_t		*roles = json_array();

	for (int r = 0; r < ROLE__MAX; r++)
		json_array_append_new(roles, json_pack("{s:s}", "value",
		    wf_role_names[r]));
	page_render(req, resp, status, "admin.html", _("Amministrazione"),
	    json_pack("{s:o?, s:o?, s:o, s:s?, s:s?}", "comuni", comuni,
	    "users", users, "roles", roles, "error", error, "notice", notice));
}

void
h_admin(struct http_req *req, struct http_resp *resp)
{
	admin_page(req, resp, 200, NULL, NULL);
}

void
h_admin_user_create(struct http_req *req, struct http_resp *resp)
{
	struct store	*st = store_thread();
	const char	*username = http_field(req, "username");
	const char	*name = http_field(req, "full_name");
	const char	*role = http_field(req, "role");
	const char	*code = http_field(req, "comune");
	const char	*pw = http_field(req, "password");
	json_t		*com = NULL;
	int64_t		 id, comune_id = 0;

	if (username == NULL || name == NULL || role == NULL || pw == NULL ||
	    *username == '\0' || *name == '\0' || strlen(username) > 64 ||
	    strlen(name) > 128 || wf_role_from_name(role) < 0) {
		admin_page(req, resp, 422, _("Compila nome utente, nome e "
		    "ruolo."), NULL);
		return;
	}
	if (strlen(pw) < 12 || strlen(pw) > 256) {
		admin_page(req, resp, 422, _("La password deve avere almeno "
		    "12 caratteri."), NULL);
		return;
	}
	if (strcmp(role, "association") == 0) {
		admin_page(req, resp, 422, _("Gli operatori delle "
		    "associazioni si creano con il comando idoneo user."), NULL);
		return;
	}
	if (strcmp(role, "admin") != 0) {
		if (code == NULL || store_row(st, &com, STMT_COMUNE_BY_CODE,
		    "s", code) <= 0) {
			admin_page(req, resp, 422, _("Scegli il comune."),
			    NULL);
			return;
		}
		comune_id = json_integer_value(json_object_get(com, "id"));
		json_decref(com);
	}
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto err;
	id = auth_user_create(st, &req->who, comune_id, 0, username, name,
	    role, pw);
	if (id < 0) {
		store_tx(st, STORE_ROLLBACK);
		if (id == STORE_CONFLICT) {
			admin_page(req, resp, 409, _("Nome utente già in uso."),
			    NULL);
			return;
		}
		goto err;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto err;
	admin_page(req, resp, 201, NULL, _("Utente creato."));
	return;
err:
	page_error(req, resp, 500, "Errore interno");
}
