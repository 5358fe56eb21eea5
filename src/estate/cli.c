/*
 * cli: see cli.h.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cadastre.h"
#include "cli.h"
#include "extract.h"
#include "domain/i18n.h"
#include "store/comuni.h"
#include "store/query.h"

/* The name an import is listed under: the file's, without its folder. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* The principal of a command typed by the comune's IT staff. */
static void
cli_principal(struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->authenticated = true;
	p->role = ROLE_ADMIN;
	snprintf(p->actor, sizeof(p->actor), "cli");
	snprintf(p->name, sizeof(p->name), "command line");
	snprintf(p->ip, sizeof(p->ip), "local");
}

int
estate_cli_import_cadastre(struct store *st, int argc, char **argv)
{
	struct cadastre_opts	 o;
	struct import_run	 run = {0};
	struct principal	 who;
	const char		*path = NULL;
	char			 msg[512];
	enum cadastre_result	 r;

	memset(&o, 0, sizeof(o));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			o.parse_only = true;
		else if (strcmp(argv[i], "--quiet") == 0)
			o.quiet = true;
		else if (argv[i][0] == '-' || path != NULL) {
			fprintf(stderr, "usage: idoneo import-cadastre [--db URL] "
			    "[--dry-run] [--quiet] FILE.FAB\n");
			return 2;
		} else
			path = argv[i];
	}
	if (path == NULL) {
		fprintf(stderr, "usage: idoneo import-cadastre [--db URL] "
		    "[--dry-run] [--quiet] FILE.FAB\n");
		return 2;
	}
	cli_principal(&who);
	o.display_name = base_name(path);
	r = cadastre_import(st, &who, path, &o, &run, msg, sizeof(msg));
	if (r == CADASTRE_REFUSED || r == CADASTRE_BUSY) {
		fprintf(stderr, "idoneo: %s: %s\n", path, msg);
		return 2;
	}
	if (r == CADASTRE_FAILED) {
		fprintf(stderr, "idoneo: %s: %s\n", path, msg);
		return 1;
	}
	if (o.parse_only)
		printf("dry run, nothing written\n");
	import_print_summary(&run, stdout);
	return 0;
}

static int
find_usage(void)
{
	fprintf(stderr, "usage: idoneo cadastre find [--db URL] [--comune CODE] "
	    "--foglio F --particella P [--sub S]\n"
	    "       idoneo cadastre find [--db URL] [--comune CODE] "
	    "--address \"VIA ROMA 12/A\"\n");
	return 2;
}

/* idoneo cadastre find …: prints a JSON array of units. */
int
estate_cli_cadastre(struct store *st, int argc, char **argv)
{
	const char	*comune = NULL, *foglio = NULL, *particella = NULL,
			*sub = NULL, *address = NULL;
	json_t		*ids, *out, *v, *found;
	size_t		 i;

	if (argc < 2 || strcmp(argv[1], "find") != 0)
		return find_usage();
	for (int i2 = 2; i2 < argc; i2++) {
		const char **slot =
		    strcmp(argv[i2], "--comune") == 0 ? &comune :
		    strcmp(argv[i2], "--foglio") == 0 ? &foglio :
		    strcmp(argv[i2], "--particella") == 0 ? &particella :
		    strcmp(argv[i2], "--sub") == 0 ? &sub :
		    strcmp(argv[i2], "--address") == 0 ? &address : NULL;

		if (slot == NULL || i2 + 1 >= argc)
			return find_usage();
		*slot = argv[++i2];
	}
	if ((address == NULL) == (foglio == NULL || particella == NULL) ||
	    (address != NULL && (foglio || particella || sub)))
		return find_usage();
	if (comune != NULL) {
		int64_t id = comuni_id(st, comune);

		if (id == 0) {
			fprintf(stderr, "idoneo: no comune with code %s\n",
			    comune);
			return 2;
		}
		ids = json_pack("[{s:I}]", "id", (json_int_t)id);
	} else if ((ids = store_rows(st, STMT_COMUNI_IDS, "")) == NULL)
		return 1;
	out = json_array();
	json_array_foreach(ids, i, v) {
		int64_t cid = json_integer_value(json_object_get(v, "id"));

		found = address != NULL ?
		    cadastre_find_address(st, cid, address, 20) :
		    cadastre_find_ident(st, cid, foglio, particella, sub);
		if (found == NULL) {
			json_decref(ids);
			json_decref(out);
			fprintf(stderr, "idoneo: database error\n");
			return 1;
		}
		json_array_extend(out, found);
		json_decref(found);
	}
	json_decref(ids);
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(out);
	return 0;
}

/*
 * --dry-run: the file read and every row checked as an import would,
 * nothing written (the baseline of bench/run).
 */
static int
dry_run(enum extract_kind kind, const char *path)
{
	struct import_run	 run = {0};
	struct stat		 sb;
	char			 msg[512];
	FILE			*f = import_open(path, &sb, msg, sizeof(msg));
	int			 rc;

	if (f == NULL) {
		fprintf(stderr, "idoneo: %s: %s\n", path, msg);
		return 2;
	}
	run.kind = extract_kind_names[kind];
	run.errors = json_array();
	run.quiet = true;
	rc = extract_parse_dry(kind, f, &run, msg, sizeof(msg));
	fclose(f);
	json_decref(run.errors);
	if (rc != 0) {
		fprintf(stderr, "idoneo: %s: %s\n", path, msg);
		return 2;
	}
	printf("dry run, nothing written\n");
	import_print_summary(&run, stdout);
	return 0;
}

/*
 * idoneo import-residents | import-tari [--comune CODE] [--dry-run]
 * [--quiet] FILE.csv.
 * --comune may be left out where the installation serves one comune.
 */
int
estate_cli_import_extract(struct store *st, int argc, char **argv)
{
	enum extract_kind	 kind = strcmp(argv[0], "import-tari") == 0 ?
	    EXTRACT_TARI : EXTRACT_RESIDENTS;
	const char		*path = NULL, *comune = NULL;
	bool			 quiet = false, dry = false;
	struct principal	 who;
	struct import_run	 run = {0};
	char			 msg[512];
	int64_t			 cid = 0;
	json_t			*all;
	enum extract_result	 r;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--comune") == 0 && i + 1 < argc)
			comune = argv[++i];
		else if (strcmp(argv[i], "--quiet") == 0)
			quiet = true;
		else if (strcmp(argv[i], "--dry-run") == 0)
			dry = true;
		else if (argv[i][0] != '-' && path == NULL)
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	if (path == NULL) {
		fprintf(stderr, "usage: idoneo %s [--db URL] [--comune CODE] "
		    "[--dry-run] [--quiet] FILE.csv\n", argv[0]);
		return 2;
	}
	if (dry)
		return dry_run(kind, path);
	if (comune != NULL && (cid = comuni_id(st, comune)) == 0) {
		fprintf(stderr, "idoneo: no comune with code %s\n", comune);
		return 2;
	}
	if (comune == NULL) {
		if ((all = store_rows(st, STMT_COMUNI_IDS, "")) == NULL)
			return 1;
		if (json_array_size(all) == 1)
			cid = json_integer_value(json_object_get(
			    json_array_get(all, 0), "id"));
		json_decref(all);
		if (cid == 0) {
			fprintf(stderr, "idoneo: this installation serves several "
			    "comuni: say which with --comune CODE\n");
			return 2;
		}
	}
	cli_principal(&who);
	r = extract_import(st, &who, kind, cid, path, base_name(path), quiet,
	    &run, msg, sizeof(msg));
	if (r != EXTRACT_DONE) {
		fprintf(stderr, "idoneo: %s: %s\n", path, msg);
		if (run.id != 0 && r == EXTRACT_REFUSED)
			import_print_summary(&run, stderr);
		return r == EXTRACT_REFUSED || r == EXTRACT_BUSY ? 2 : 1;
	}
	import_print_summary(&run, stdout);
	return 0;
}
