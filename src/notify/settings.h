/*
 * settings: the installation's defaults for messages, from the
 * environment (docs/notifications.md), read once by notify_init.  Each
 * comune may override the transports, the SMS sender id and the From
 * address on its settings page (the comuni table).
 */
#ifndef IDONEO_SETTINGS_H
#define IDONEO_SETTINGS_H

struct notify_settings {
	char	 sms[512];		/* IDONEO_SMS: a transport URL */
	char	 smtp[512];		/* IDONEO_SMTP */
	char	 mail_from[256];	/* IDONEO_MAIL_FROM */
	char	 public_url[256];	/* IDONEO_PUBLIC_URL, no trailing '/' */
	int	 quiet_from, quiet_to;	/* IDONEO_SMS_QUIET "21-8": local hours
					   with no SMS; equal: none */
	int	 report_wait;		/* IDONEO_DLR_TIMEOUT: s to wait for a
					   delivery report before the other
					   channel */
	int	 expiry;		/* IDONEO_NOTIFY_EXPIRY: s a message
					   keeps being tried */
	double	 sms_rate;		/* IDONEO_SMS_RATE: SMS a second a
					   transport takes, 0: no limit */
	int	 lease;			/* s a claim lasts */
	int	 batch;			/* messages a claim takes */
};

extern struct notify_settings notify_cfg;

#endif
