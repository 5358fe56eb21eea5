/*
 * config: settings shared by the subcommands, from the command line and the
 * environment (IDONEO_DB, IDONEO_LISTEN, IDONEO_STATIC, IDONEO_ASSETS,
 * IDONEO_THREADS, IDONEO_WRITERS, IDONEO_SECURE_COOKIES, IDONEO_TRUST_PROXY,
 * IDONEO_CONN_PER_IP, IDONEO_HEADER_TIMEOUT, IDONEO_IMPORT_TIMEOUT).  Command-line options win.
 */
#ifndef IDONEO_CONFIG_H
#define IDONEO_CONFIG_H

#include <stdbool.h>

struct config {
	const char	*db;		/* SQLite path or postgresql:// URL */
	const char	*listen;	/* "127.0.0.1:8080" */
	const char	*static_dir;	/* our CSS and images */
	const char	*assets_dir;	/* Bootstrap Italia's dist folder */
	int		 threads;
	int		 writers;	/* threads that write groups at once */
	bool		 secure_cookies;
	bool		 trust_proxy;	/* believe X-Real-IP from loopback */
	int		 conn_per_ip;	/* open connections of one address */
	int		 header_timeout; /* s to send a request's headers */
	int		 import_timeout; /* s without a heartbeat: a dead import */
};

void	 config_defaults(struct config *);
int	 config_option(struct config *, int *argi, int argc, char **argv);
int	 config_env_int(const char *name, int def, int min, int max);

#endif
