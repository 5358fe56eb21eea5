/*
 * association: what an association's operators keep for themselves in
 * their workspace (docs/citizen.md): the association's own phone and
 * e-mail, where the messages of the cases they choose to receive go.
 */
#include <stdio.h>
#include <string.h>

#include "base/jfield.h"
#include "domain/i18n.h"
#include "domain/phone.h"
#include "online.h"
#include "store/audit.h"
#include "store/query.h"
#include "store/tx.h"

/* The operator's association (id, name, phone, email), or NULL. */
json_t *
online_association(struct store *st, const struct principal *p)
{
	json_t	*row;

	if (p->role != ROLE_ASSOCIATION || p->association_id == 0 ||
	    store_row(st, &row, STMT_ASSOC_GET, "i", p->association_id) != 1)
		return NULL;
	return row;
}

struct contacts {
	char	 phone[PHONE_MAX + 1], email[256];
};

static enum svc_result
contacts_write(struct store *st, const struct principal *p, void *arg)
{
	struct contacts	*c = arg;

	if (store_exec(st, STMT_ASSOC_CONTACTS_SET, "ssi", c->phone, c->email,
	    p->association_id) != 1)
		return SVC_NOT_FOUND;
	return audit_add(st, p, p->comune_id, "association_contacts",
	    "association", p->association_id, "") == 0 ? SVC_OK : SVC_ERROR;
}

/*
 * Sets the association's mobile phone and e-mail (form "phone", "email";
 * either may be empty).  Returns SVC_OK, SVC_INVALID with errors,
 * SVC_FORBIDDEN for another role, or SVC_ERROR.
 */
enum svc_result
online_association_contacts(struct store *st, const struct principal *p,
    const json_t *form, json_t *errors)
{
	struct contacts	 c;
	const char	*ph = jfield_text(form, "phone");
	const char	*em = jfield_text(form, "email");
	enum phone_result pr;

	if (p->role != ROLE_ASSOCIATION || p->association_id == 0)
		return SVC_FORBIDDEN;
	memset(&c, 0, sizeof(c));
	if (*ph != '\0' && (pr = phone_normalize(ph, c.phone, true)) !=
	    PHONE_OK)
		json_object_set_new(errors, "phone", json_string(
		    _(phone_messages[pr])));
	if (*em != '\0' && (strlen(em) > 254 || strchr(em, '@') == NULL ||
	    strpbrk(em, " \t\r\n<>,;\"") != NULL))
		json_object_set_new(errors, "email", json_string(
		    _("indirizzo e-mail non valido")));
	if (json_object_size(errors) > 0)
		return SVC_INVALID;
	snprintf(c.email, sizeof(c.email), "%s", em);
	return store_write(st, contacts_write, p, &c);
}
