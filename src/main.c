/*
 * idoneo: certificates of accommodation eligibility for Italian comuni.
 * This file only dispatches subcommands.
 */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/config.h"
#include "base/log.h"
#include "http/http.h"
#include "service/auth.h"
#include "service/demo.h"
#include "store/store.h"
#include "web/router.h"

static const char usage[] =
"usage: idoneo COMMAND [--db URL] [options]\n"
"\n"
"commands:\n"
"  serve [--listen HOST:PORT] [--threads N] [--static DIR] [--assets DIR]\n"
"        [--secure-cookies] [--trust-proxy]\n"
"        run the web server and the API (migrates the database first)\n"
"  migrate                 create or upgrade the database schema\n"
"  demo                    load the demonstration data and print the logins\n"
"  user add USERNAME ROLE COMUNE FULL_NAME   (password from IDONEO_PASSWORD)\n"
"  version                 print the version\n"
"\n"
"--db is a SQLite file path (default idoneo.db, or IDONEO_DB).\n";

static struct store *
open_db(const struct config *cfg)
{
	struct store	*st = store_open(cfg->db);

	if (st == NULL) {
		fprintf(stderr, "idoneo: cannot open database %s\n", cfg->db);
		return NULL;
	}
	if (store_migrate(st) < 0) {
		fprintf(stderr, "idoneo: database migration failed\n");
		store_close(st);
		return NULL;
	}
	return st;
}

static int
cmd_user(const struct config *cfg, int argc, char **argv)
{
	struct store		*st;
	struct principal	 sys;
	const char		*pw = getenv("IDONEO_PASSWORD");
	json_t			*c = NULL;
	int64_t			 cid = 0, id;

	if (argc != 6 || strcmp(argv[1], "add") != 0) {
		fputs(usage, stderr);
		return 2;
	}
	if (pw == NULL || strlen(pw) < 12) {
		fprintf(stderr, "idoneo: set IDONEO_PASSWORD to a password of "
		    "at least 12 characters\n");
		return 2;
	}
	if ((st = open_db(cfg)) == NULL)
		return 1;
	if (strcmp(argv[4], "-") != 0) {
		if (store_row(st, &c, STMT_COMUNE_BY_CODE, "s", argv[4]) <= 0) {
			fprintf(stderr, "idoneo: no comune with code %s\n",
			    argv[4]);
			store_close(st);
			return 2;
		}
		cid = json_integer_value(json_object_get(c, "id"));
		json_decref(c);
	}
	memset(&sys, 0, sizeof(sys));
	snprintf(sys.actor, sizeof(sys.actor), "cli");
	snprintf(sys.ip, sizeof(sys.ip), "local");
	store_tx(st, STORE_BEGIN_WRITE);
	id = auth_user_create(st, &sys, cid, 0, argv[2], argv[5], argv[3], pw);
	if (id < 0) {
		store_tx(st, STORE_ROLLBACK);
		fprintf(stderr, "idoneo: user not created (%s)\n",
		    id == STORE_CONFLICT ? "username taken or role/comune "
		    "not valid" : "error");
		store_close(st);
		return 1;
	}
	store_tx(st, STORE_COMMIT);
	printf("user %s created with id %lld\n", argv[2], (long long)id);
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	struct config	 cfg;
	const char	*cmd;
	char		*rest[64];
	int		 nrest = 0, rc = 0;
	struct store	*st;

	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain("idoneo", LOCALEDIR);
	textdomain("idoneo");
	log_init("idoneo");
	clock_init();
	config_defaults(&cfg);
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	cmd = argv[1];
	for (int i = 1; i < argc && nrest < 63; i++) {
		int r = config_option(&cfg, &i, argc, argv);

		if (r < 0) {
			fputs(usage, stderr);
			return 2;
		}
		if (r == 0)
			rest[nrest++] = argv[i];
	}
	rest[nrest] = NULL;
	if (auth_init() < 0)
		return 1;

	if (strcmp(cmd, "version") == 0) {
		printf("idoneo 0.1.0\n");
		return 0;
	}
	if (strcmp(cmd, "migrate") == 0) {
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		store_close(st);
		printf("database %s is up to date\n", cfg.db);
		return 0;
	}
	if (strcmp(cmd, "demo") == 0) {
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		rc = demo_load(st) < 0 ? 1 : 0;
		store_close(st);
		if (rc == 0)
			demo_print_logins();
		return rc;
	}
	if (strcmp(cmd, "user") == 0)
		return cmd_user(&cfg, nrest, rest);
	if (strcmp(cmd, "serve") == 0) {
		log_init("web");
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		store_close(st);
		store_thread_init(cfg.db);
		router_init(&cfg);
		return http_serve(&cfg) < 0 ? 1 : 0;
	}
	fprintf(stderr, "idoneo: unknown command %s\n\n%s", cmd, usage);
	return 2;
}
