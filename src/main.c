/*
 * idoneo: certificates of accommodation eligibility for Italian comuni.
 * This file reads the command line: it picks the subcommand, reads its
 * arguments and options, and calls the services (src/service, src/estate)
 * and the server (src/http with src/web's router) that do the work.
 */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/log.h"
#include "http/http.h"
#include "online/online.h"
#include "stats/stats.h"
#include "service/admin.h"
#include "service/auth.h"
#include "service/cases.h"
#include "service/countries.h"
#include "service/certificates.h"
#include "domain/eligibility_json.h"
#include "estate/cli.h"
#include "service/demo.h"
#include "service/case_files.h"
#include "service/handover.h"
#include "service/refusal_term.h"
#include "service/rules.h"
#include "service/housekeeping.h"
#include "service/import_job.h"
#include "service/messages.h"
#include "service/worker.h"
#include "store/copy.h"
#include "store/query.h"
#include "web/router.h"
#include "store/migrate.h"

static const char usage[] =
"usage: idoneo COMMAND [--db URL] [options]\n"
"\n"
"commands:\n"
"  serve [--listen HOST:PORT] [--threads N] [--writers N] [--static DIR]\n"
"        [--assets DIR] [--secure-cookies] [--trust-proxy] [--no-worker]\n"
"        run the web server, the API and the background worker (messages\n"
"        to applicants, imports started from the web page, the purge of\n"
"        expired sessions; --no-worker: leave them to `idoneo worker`);\n"
"        migrates the database first\n"
"  worker                  run the background worker on its own, until\n"
"                          SIGTERM (several may run on one PostgreSQL)\n"
"  migrate                 create or upgrade the database schema\n"
"  demo [--no-estate] [--history YEARS]\n"
"                          load the demonstration data and print the logins\n"
"                          (--no-estate: without Prato's cadastre, anagrafe\n"
"                          and TARI extract; --history: years of synthetic\n"
"                          cases for Prato, for the dashboard)\n"
"  user add USERNAME ROLE COMUNE FULL_NAME [POINT]\n"
"                          (password from IDONEO_PASSWORD; POINT, the name\n"
"                          or id of a T-Serve point, for the role point)\n"
"  eligibility [--rules NAME|FILE.json] FILE|-\n"
"                          maximum occupants of a dwelling (JSON in, JSON out)\n"
"  migrate-data --from URL --to URL\n"
"                          copy all data into an empty database (SQLite to\n"
"                          PostgreSQL), keeping every id\n"
"  rules list | rules show NAME | rules add FILE.json\n"
"                          the eligibility rule sets in the database\n"
"  import-cadastre [--dry-run] [--quiet] FILE.FAB\n"
"                          import the comune's cadastral units (FAB supply)\n"
"  cadastre find [--comune CODE] --foglio F --particella P [--sub S]\n"
"  cadastre find [--comune CODE] --address \"VIA ROMA 12/A\"\n"
"                          print the matching units as JSON\n"
"  import-residents [--comune CODE] [--dry-run] FILE.csv\n"
"  import-tari [--comune CODE] [--dry-run] FILE.csv\n"
"                          replace the anagrafe / TARI extract (docs/estate.md)\n"
"  stats [--comune CODE] [--purpose P] --from DATE --to DATE\n"
"        [--json | --csv | --xlsx FILE | --pdf FILE]\n"
"                          the office's figures for a period (docs/stats.md)\n"
"  countries               give the ISO code to the countries earlier\n"
"                          applications name in free text; list those the\n"
"                          list does not know, for a clerk (page /paesi)\n"
"  keys list               the certificates' sealing keys (IDONEO_KEYS)\n"
"  keys rotate --comune CODE\n"
"                          retire a comune's key and make the next; the\n"
"                          old public key stays, so its certificates verify\n"
"  verify FILE.pdf | CODE  check a certificate's seal offline with the\n"
"                          published keys (a code: also its status in the\n"
"                          database); exit 0 valid, 1 invalid or changed,\n"
"                          2 unreadable\n"
"  version                 print the version\n"
"\n"
"--db is a SQLite file path (default idoneo.db, or IDONEO_DB).\n";

static bool
has_arg(int argc, char **argv, const char *arg)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], arg) == 0)
			return true;
	return false;
}

static struct store *
open_db(const struct config *cfg)
{
	struct store	*st = store_open(cfg->db);

	if (st == NULL) {
		fprintf(stderr, "idoneo: cannot open database %s\n", cfg->db);
		return NULL;
	}
	if (store_migrate(st) < 0 || rules_sync_builtins(st) < 0) {
		fprintf(stderr, "idoneo: database migration failed\n");
		store_close(st);
		return NULL;
	}
	return st;
}

/*
 * The database of `migrate`, `serve` and `worker`: brought up to the
 * binary's schema, and with the data the new schema asks for filled in
 * (the ISO codes of the countries applications name, service/countries.c).
 */
static struct store *
open_db_upgraded(const struct config *cfg)
{
	struct store	*st = open_db(cfg);

	if (st != NULL && countries_sync(st, NULL) < 0) {
		fprintf(stderr, "idoneo: the countries of earlier applications "
		    "could not be read against the ISO list\n");
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
	const char		*pw = getenv("IDONEO_PASSWORD"), *why;
	json_t			*form;
	int64_t			 id;
	enum svc_result		 r;

	if ((argc != 6 && argc != 7) || strcmp(argv[1], "add") != 0) {
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
	memset(&sys, 0, sizeof(sys));
	snprintf(sys.actor, sizeof(sys.actor), "cli");
	snprintf(sys.ip, sizeof(sys.ip), "local");
	/* The same checks and audit row as the admin page's form. */
	form = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "username", argv[2],
	    "role", argv[3], "comune", strcmp(argv[4], "-") == 0 ? "" :
	    argv[4], "full_name", argv[5], "password", pw, "point",
	    argc == 7 ? argv[6] : "");
	r = admin_user_create(st, &sys, form, &id, &why);
	json_decref(form);
	store_close(st);
	if (r != SVC_OK) {
		fprintf(stderr, "idoneo: user not created: %s\n", why != NULL ?
		    why : "database error");
		return r == SVC_ERROR ? 1 : 2;
	}
	printf("user %s created with id %lld\n", argv[2], (long long)id);
	return 0;
}

/* Reads a whole file, or standard input for "-", into b. */
static int
read_all(const char *path, struct buf *b)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	 chunk[8192];
	size_t	 n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(b, chunk, n);
		if (b->len > 16 * 1024 * 1024)
			break;
	}
	if (f != stdin)
		fclose(f);
	return b->len > 16 * 1024 * 1024 ? -1 : 0;
}

/*
 * idoneo eligibility [--rules NAME|FILE.json] FILE|-: evaluates one
 * dwelling.  Exit 0 with the result on standard output, 2 when the input
 * or the rules are wrong (the message names the room and the field), 1 when
 * something else fails.  Rule sets come from the database when --db (or
 * IDONEO_DB) is given, else from those built in.
 */
static int
cmd_eligibility(const struct config *cfg, bool use_db, int argc, char **argv)
{
	const char		*rules = "prato", *file = NULL;
	struct elig_rules	 r;
	struct elig_dwelling	*d = NULL;
	struct elig_result	*res = NULL;
	struct store		*st = NULL;
	struct buf		 in;
	json_error_t		 e;
	json_t			*doc = NULL, *out;
	char			 err[512];
	int			 rc = 2;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
			rules = argv[++i];
		else if (file == NULL)
			file = argv[i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (file == NULL) {
		fputs(usage, stderr);
		return 2;
	}
	buf_init(&in);
	if (strchr(rules, '/') != NULL || (strlen(rules) > 5 &&
	    strcmp(rules + strlen(rules) - 5, ".json") == 0)) {
		json_t *rd;

		if (read_all(rules, &in) < 0) {
			fprintf(stderr, "idoneo: cannot read rules %s\n", rules);
			goto out;
		}
		rd = json_loadb(buf_str(&in), in.len, 0, &e);
		if (rd == NULL) {
			fprintf(stderr, "idoneo: %s: invalid JSON at line %d, "
			    "column %d: %s\n", rules, e.line, e.column, e.text);
			goto out;
		}
		rc = elig_rules_from_json(rd, &r, err, sizeof(err));
		json_decref(rd);
		buf_reset(&in);
		if (rc < 0) {
			rc = 2;
			fprintf(stderr, "idoneo: %s: %s\n", rules, err);
			goto out;
		}
		rc = 2;
	} else {
		if (use_db && (st = open_db(cfg)) == NULL) {
			rc = 1;
			goto out;
		}
		if (rules_load(st, rules, &r, err, sizeof(err)) < 0) {
			fprintf(stderr, "idoneo: %s\n", err);
			goto out;
		}
	}
	if (read_all(file, &in) < 0) {
		fprintf(stderr, "idoneo: cannot read %s\n", file);
		goto out;
	}
	doc = json_loadb(buf_str(&in), in.len, JSON_REJECT_DUPLICATES,
	    &e);
	if (doc == NULL) {
		fprintf(stderr, "idoneo: %s: invalid JSON at line %d, column %d: "
		    "%s\n", file, e.line, e.column, e.text);
		goto out;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (res = calloc(1, sizeof(*res))) == NULL)
		log_fatal("eligibility: out of memory");
	if (elig_dwelling_from_json(doc, d, err, sizeof(err)) < 0) {
		fprintf(stderr, "idoneo: %s: %s\n", file, err);
		goto out;
	}
	elig_evaluate(&r, d, res);
	out = elig_result_to_json(res);
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(out);
	rc = 0;
out:
	json_decref(doc);
	buf_free(&in);
	free(d);
	free(res);
	store_close(st);
	return rc;
}

/* idoneo rules list | show NAME | add FILE.json */
static int
cmd_rules(const struct config *cfg, int argc, char **argv)
{
	struct store		*st;
	struct principal	 sys;
	struct elig_rules	 r;
	struct buf		 in;
	char			 err[512];
	int			 rc = 0;

	if (argc < 2 || (strcmp(argv[1], "list") != 0 && argc != 3)) {
		fputs(usage, stderr);
		return 2;
	}
	if ((st = open_db(cfg)) == NULL)
		return 1;
	if (strcmp(argv[1], "list") == 0) {
		json_t	*rows = store_rows(st, STMT_RULES_LIST, "");
		size_t	 i;
		json_t	*v;

		json_array_foreach(rows, i, v)
			printf("%-16s v%-4lld %s  %s\n",
			    json_string_value(json_object_get(v, "id")),
			    (long long)json_integer_value(json_object_get(v,
			    "version")), json_string_value(json_object_get(v,
			    "created_at")), json_string_value(json_object_get(v,
			    "created_by")));
		json_decref(rows);
	} else if (strcmp(argv[1], "show") == 0) {
		if (rules_load(st, argv[2], &r, err, sizeof(err)) < 0) {
			fprintf(stderr, "idoneo: %s\n", err);
			rc = 2;
		} else {
			json_t *o = elig_rules_to_json(&r);

			json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
			json_decref(o);
		}
	} else if (strcmp(argv[1], "add") == 0) {
		buf_init(&in);
		memset(&sys, 0, sizeof(sys));
		snprintf(sys.actor, sizeof(sys.actor), "cli");
		snprintf(sys.ip, sizeof(sys.ip), "local");
		if (read_all(argv[2], &in) < 0) {
			fprintf(stderr, "idoneo: cannot read %s\n", argv[2]);
			rc = 2;
		} else if (rules_add(st, &sys, buf_str(&in), err,
		    sizeof(err)) < 0) {
			fprintf(stderr, "idoneo: %s: %s\n", argv[2], err);
			rc = 2;
		} else
			printf("rule set added\n");
		buf_free(&in);
	} else {
		fputs(usage, stderr);
		rc = 2;
	}
	store_close(st);
	return rc;
}

/* idoneo migrate-data --from URL --to URL */
static int
cmd_migrate_data(int argc, char **argv)
{
	struct config	 c;
	const char	*from = NULL, *to = NULL;
	struct store	*a, *b;
	int		 rc;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--from") == 0)
			from = argv[i + 1];
		else if (strcmp(argv[i], "--to") == 0)
			to = argv[i + 1];
	}
	if (from == NULL || to == NULL || argc != 5) {
		fputs(usage, stderr);
		return 2;
	}
	config_defaults(&c);
	c.db = from;
	if ((a = open_db(&c)) == NULL)
		return 1;
	c.db = to;
	if ((b = open_db(&c)) == NULL) {
		store_close(a);
		return 1;
	}
	rc = store_copy(a, b, stdout);
	store_close(a);
	store_close(b);
	if (rc < 0) {
		fprintf(stderr, "idoneo: migrate-data failed; the target is "
		    "unchanged\n");
		return 1;
	}
	printf("done\n");
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
	/*
	 * LANGUAGE would override the locale of each message's language
	 * (notify/render.c): the catalogs choose by the applicant's.
	 */
	unsetenv("LANGUAGE");
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
	if (certificates_init(cfg.db, cfg.listen) < 0 ||
	    case_files_init(cfg.db) < 0)
		return 1;
	if (strcmp(cmd, "keys") == 0)
		return certificates_keys_cli(nrest, rest);
	if (strcmp(cmd, "verify") == 0) {
		if (nrest != 2) {
			fprintf(stderr, "usage: idoneo verify FILE.pdf | CODE\n");
			return CERT_VERIFY_UNREADABLE;
		}
		if (notify_init(cfg.db) < 0)
			return CERT_VERIFY_UNREADABLE;
		/* A path names a file; anything else is a code. */
		if (strchr(rest[1], '/') != NULL || strchr(rest[1], '.') != NULL)
			return certificates_verify_file(rest[1], stdout);
		if ((st = open_db(&cfg)) == NULL)
			return CERT_VERIFY_UNREADABLE;
		rc = certificates_verify_code(st, rest[1], stdout);
		store_close(st);
		return rc;
	}
	if (strcmp(cmd, "migrate") == 0) {
		if ((st = open_db_upgraded(&cfg)) == NULL)
			return 1;
		store_close(st);
		printf("database %s is up to date\n", cfg.db);
		return 0;
	}
	if (strcmp(cmd, "demo") == 0) {
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		rc = demo_load(st, !has_arg(nrest, rest, "--no-estate")) < 0 ?
		    1 : 0;
		for (int i = 1; rc == 0 && i + 1 < nrest; i++)
			if (strcmp(rest[i], "--history") == 0 &&
			    demo_history(st, atoi(rest[i + 1])) < 0)
				rc = 1;
		/* The history's changes to the monthly totals, folded now
		 * rather than by the first look at the dashboard. */
		if (rc == 0)
			stats_fold(st);
		store_close(st);
		if (rc == 0)
			demo_print_logins();
		return rc;
	}
	if (strcmp(cmd, "user") == 0)
		return cmd_user(&cfg, nrest, rest);
	if (strcmp(cmd, "stats") == 0 || strcmp(cmd, "countries") == 0) {
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		rc = strcmp(cmd, "stats") == 0 ? stats_cli(st, nrest, rest,
		    stdout) : stats_countries_cli(st, nrest, rest, stdout);
		store_close(st);
		return rc;
	}
	if (strcmp(cmd, "eligibility") == 0) {
		bool use_db = getenv("IDONEO_DB") != NULL;

		for (int i = 1; i < argc; i++)
			if (strcmp(argv[i], "--db") == 0)
				use_db = true;
		return cmd_eligibility(&cfg, use_db, nrest, rest);
	}
	if (strcmp(cmd, "rules") == 0)
		return cmd_rules(&cfg, nrest, rest);
	if (strcmp(cmd, "import-cadastre") == 0 ||
	    strcmp(cmd, "cadastre") == 0 || strcmp(cmd, "import-residents") == 0 ||
	    strcmp(cmd, "import-tari") == 0) {
		if ((st = open_db(&cfg)) == NULL)
			return 1;
		rc = strcmp(cmd, "cadastre") == 0 ?
		    estate_cli_cadastre(st, nrest, rest) :
		    strcmp(cmd, "import-cadastre") == 0 ?
		    estate_cli_import_cadastre(st, nrest, rest) :
		    estate_cli_import_extract(st, nrest, rest);
		store_close(st);
		return rc;
	}
	if (strcmp(cmd, "migrate-data") == 0)
		return cmd_migrate_data(nrest, rest);
	if (strcmp(cmd, "serve") == 0 || strcmp(cmd, "worker") == 0) {
		bool serve = strcmp(cmd, "serve") == 0;

		log_init(serve ? "web" : "worker");
		if ((st = open_db_upgraded(&cfg)) == NULL)
			return 1;
		store_close(st);
		if (notify_init(cfg.db) < 0)
			return 1;
		store_thread_init(cfg.db);
		import_job_add(cfg.import_timeout);
		housekeeping_add();
		messages_add_worker();
		handover_add_worker();
		refusal_term_add_worker();
		case_files_add_worker();
		online_add_worker();
		stats_add_worker();
		if (!serve) {
			rc = worker_run("worker");
			notify_shutdown();
			return rc;
		}
		router_init(&cfg);
		cases_set_group_writers(cfg.writers);
		if (!has_arg(nrest, rest, "--no-worker") &&
		    worker_start("serve") < 0) {
			log_warn("serve: the background worker did not start");
			return 1;
		}
		rc = http_serve(&cfg, router_dispatch, router_admit) < 0 ? 1 : 0;
		worker_stop();
		notify_shutdown();
		{
			int64_t groups, items;

			cases_group_stats(&groups, &items);
			if (groups > 0)
				log_info("serve: %lld applications written in "
				    "%lld groups", (long long)items,
				    (long long)groups);
		}
		return rc;
	}
	fprintf(stderr, "idoneo: unknown command %s\n\n%s", cmd, usage);
	return 2;
}
