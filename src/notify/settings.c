/*
 * settings: see settings.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "base/config.h"
#include "base/log.h"
#include "notify.h"
#include "render.h"
#include "settings.h"
#include "transport.h"

struct notify_settings notify_cfg = {
	.quiet_from = 21, .quiet_to = 8,
	.report_wait = 3600, .expiry = 72 * 3600,
	.lease = 60, .batch = 20,
};

static void
copy_env(char *out, size_t outsz, const char *name)
{
	const char *v = getenv(name);

	if (v != NULL && *v != '\0')
		snprintf(out, outsz, "%s", v);
}

/*
 * Reads the settings; db is the database's URL or SQLite path, beside
 * which the file transports write when no gateway is set (make run):
 * FILE.outbox/sms and FILE.outbox/mail, or ./idoneo-outbox for
 * PostgreSQL.  localedir is where the catalogs are.  Returns 0, or -1
 * when a setting is wrong.
 */
int
notify_init(const char *db)
{
	const char	*q = getenv("IDONEO_SMS_QUIET");
	const char	*ld = getenv("IDONEO_LOCALEDIR");
	char		 dir[300];
	size_t		 n;

	if (strncmp(db, "postgres", 8) == 0)
		snprintf(dir, sizeof(dir), "idoneo-outbox");
	else
		snprintf(dir, sizeof(dir), "%s.outbox", db);
	if (dir[0] != '/') {
		char	 cwd[200], rel[300];

		snprintf(rel, sizeof(rel), "%s", dir);
		if (getcwd(cwd, sizeof(cwd)) == NULL)
			return -1;
		if ((size_t)snprintf(dir, sizeof(dir), "%.199s/%.99s", cwd,
		    rel) >= sizeof(dir))
			return -1;
	}
	snprintf(notify_cfg.sms, sizeof(notify_cfg.sms), "file://%s/sms", dir);
	snprintf(notify_cfg.smtp, sizeof(notify_cfg.smtp), "file://%s/mail",
	    dir);
	snprintf(notify_cfg.mail_from, sizeof(notify_cfg.mail_from),
	    "idoneo@localhost");
	copy_env(notify_cfg.sms, sizeof(notify_cfg.sms), "IDONEO_SMS");
	copy_env(notify_cfg.smtp, sizeof(notify_cfg.smtp), "IDONEO_SMTP");
	copy_env(notify_cfg.mail_from, sizeof(notify_cfg.mail_from),
	    "IDONEO_MAIL_FROM");
	copy_env(notify_cfg.public_url, sizeof(notify_cfg.public_url),
	    "IDONEO_PUBLIC_URL");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	n = strlen(notify_cfg.public_url);
	while (n > 0 && notify_cfg.public_url[n - 1] == '/')
		notify_cfg.public_url[--n] = '\0';
	if (q != NULL && strcmp(q, "off") == 0)
		notify_cfg.quiet_from = notify_cfg.quiet_to = 0;
	else if (q != NULL && *q != '\0' && (sscanf(q, "%d-%d",
	    &notify_cfg.quiet_from, &notify_cfg.quiet_to) != 2 ||
	    notify_cfg.quiet_from < 0 || notify_cfg.quiet_from > 23 ||
	    notify_cfg.quiet_to < 0 || notify_cfg.quiet_to > 23)) {
		log_warn("notify: IDONEO_SMS_QUIET must look like 21-8, or "
		    "off");
		return -1;
	}
	{
		char why[160];

		if (transport_check(notify_cfg.sms, true, why, sizeof(why)) < 0) {
			log_warn("notify: IDONEO_SMS is not an SMS gateway: "
			    "use %s", why);
			return -1;
		}
		if (transport_check(notify_cfg.smtp, false, why,
		    sizeof(why)) < 0) {
			log_warn("notify: IDONEO_SMTP is not a mail server: "
			    "use %s", why);
			return -1;
		}
	}
	notify_cfg.report_wait = config_env_int("IDONEO_DLR_TIMEOUT",
	    notify_cfg.report_wait, 1, 30 * 86400);
	notify_cfg.expiry = config_env_int("IDONEO_NOTIFY_EXPIRY",
	    notify_cfg.expiry / 3600, 1, 24 * 30) * 3600;
	notify_cfg.lease = config_env_int("IDONEO_NOTIFY_LEASE",
	    notify_cfg.lease, 2, 3600);
	notify_cfg.batch = config_env_int("IDONEO_NOTIFY_BATCH",
	    notify_cfg.batch, 1, 1000);
	notify_cfg.sms_rate = config_env_int("IDONEO_SMS_RATE", 0, 0, 100000);
	/*
	 * The catalogs: IDONEO_LOCALEDIR, or the build's when it is there
	 * (make run, the tests), or the installed ones.
	 */
	if (ld == NULL || *ld == '\0')
		ld = access(BUILD_LOCALEDIR "/en/LC_MESSAGES/idoneo.mo", R_OK) ==
		    0 ? BUILD_LOCALEDIR : LOCALEDIR;
	render_init(ld);
	return 0;
}
