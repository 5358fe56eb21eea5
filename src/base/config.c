/*
 * config: defaults, environment and command-line options.  See config.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

static const char *
env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : def;
}

/*
 * An integer setting of the environment read where it is used; a value
 * that is not a number between min and max is reported and def used.
 */
int
config_env_int(const char *name, int def, int min, int max)
{
	const char	*v = env_or(name, NULL);
	char		*end;
	long		 n;

	if (v == NULL)
		return def;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < min || n > max) {
		log_warn("config: %s must be a whole number from %d to %d; "
		    "using %d", name, min, max, def);
		return def;
	}
	return (int)n;
}

void
config_defaults(struct config *c)
{
	c->db = env_or("IDONEO_DB", "idoneo.db");
	c->listen = env_or("IDONEO_LISTEN", "127.0.0.1:8080");
	c->static_dir = env_or("IDONEO_STATIC", "static");
	c->assets_dir = env_or("IDONEO_ASSETS",
	    "node_modules/bootstrap-italia/dist");
	c->threads = atoi(env_or("IDONEO_THREADS", "4"));
	c->writers = atoi(env_or("IDONEO_WRITERS", "1"));
	c->secure_cookies = strcmp(env_or("IDONEO_SECURE_COOKIES", "0"),
	    "1") == 0;
	c->trust_proxy = strcmp(env_or("IDONEO_TRUST_PROXY", "0"), "1") == 0;
	/*
	 * One address may hold this many connections at once, so that idle
	 * connections from one client cannot take them all.  Behind a proxy
	 * every connection comes from it: the proxy limits per client
	 * (etc/nginx-idoneo.conf), and 0 lifts idoneo's own limit.
	 */
	c->conn_per_ip = atoi(env_or("IDONEO_CONN_PER_IP", "128"));
	/* A connection's first request's headers, from its opening. */
	c->header_timeout = atoi(env_or("IDONEO_HEADER_TIMEOUT", "10"));
	/*
	 * An import run by the worker whose heartbeat is this old (and whose
	 * job's claim has lapsed) died with its process, and is run again.
	 */
	c->import_timeout = atoi(env_or("IDONEO_IMPORT_TIMEOUT", "120"));
}

/*
 * Consumes a shared option at argv[*argi] (and its value).  Returns 1 if it
 * was one, 0 if not, -1 if its value is missing or wrong.
 */
int
config_option(struct config *c, int *argi, int argc, char **argv)
{
	const char	*a = argv[*argi];
	const char	**slot = NULL;

	if (strcmp(a, "--db") == 0)
		slot = &c->db;
	else if (strcmp(a, "--listen") == 0)
		slot = &c->listen;
	else if (strcmp(a, "--static") == 0)
		slot = &c->static_dir;
	else if (strcmp(a, "--assets") == 0)
		slot = &c->assets_dir;
	else if (strcmp(a, "--secure-cookies") == 0) {
		c->secure_cookies = true;
		return 1;
	} else if (strcmp(a, "--trust-proxy") == 0) {
		c->trust_proxy = true;
		return 1;
	} else if (strcmp(a, "--threads") == 0) {
		if (*argi + 1 >= argc || (c->threads = atoi(argv[*argi + 1])) < 1)
			return -1;
		(*argi)++;
		return 1;
	} else if (strcmp(a, "--writers") == 0) {
		if (*argi + 1 >= argc || strspn(argv[*argi + 1],
		    "0123456789") != strlen(argv[*argi + 1]) ||
		    (c->writers = atoi(argv[*argi + 1])) > 64)
			return -1;
		(*argi)++;
		return 1;
	} else
		return 0;
	if (*argi + 1 >= argc) {
		fprintf(stderr, "idoneo: %s needs a value\n", a);
		return -1;
	}
	*slot = argv[++*argi];
	return 1;
}
