/*
 * principal: who is making a request, after authentication: a staff user
 * with a session, a partner system with an API key, or nobody.
 */
#ifndef IDONEO_PRINCIPAL_H
#define IDONEO_PRINCIPAL_H

#include <stdbool.h>
#include <stdint.h>

#include "workflow.h"

struct principal {
	bool		 authenticated;
	enum wf_role	 role;
	int64_t		 user_id;	/* 0 for an API key */
	int64_t		 api_key_id;	/* 0 for a user */
	int64_t		 comune_id;	/* 0 for the installation admin */
	int64_t		 association_id;
	int64_t		 point_id;	/* a point operator's point, or 0 */
	int64_t		 case_id;	/* a citizen's one case (/segui), or 0 */
	char		 actor[32];	/* "user:12", "api:3", "system" */
	char		 name[129];	/* shown on the timeline */
	char		 username[65];
	char		 ip[64];
	char		 csrf[65];	/* session CSRF token */
};

#endif
