/*
 * An import keeps the caller's heartbeat hook: the worker sets it so that a
 * web import renews its job's claim while it runs (service/import_job.c).
 * Each import (the cadastre, and the residents' extract) must call it at its
 * first heartbeat and at each one after, or a long import loses its claim to
 * another process and is started twice.  The database is IDONEO_TEST_DB (a
 * PostgreSQL URL in the PostgreSQL run of make check) or a fresh SQLite
 * file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/clock.h"
#include "estate/cadastre.h"
#include "estate/extract.h"
#include "estate/imports.h"
#include "store/comuni.h"
#include "store/migrate.h"
#include "store/query.h"

static char		 dir[64];
static struct store	*st;
static int64_t		 comune;
static const struct principal who = {.authenticated = true,
    .role = ROLE_ADMIN, .actor = "system", .name = "test"};

static int
setup(void **state)
{
	const char	*env = getenv("IDONEO_TEST_DB");
	char		 url[512], now[CLOCK_STRLEN];

	(void)state;
	clock_init();
	clock_utc(clock_now(), now);
	snprintf(dir, sizeof(dir), "/tmp/idoneo-imports-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	if (env != NULL && *env != '\0')
		snprintf(url, sizeof(url), "%s", env);
	else
		snprintf(url, sizeof(url), "%s/imports.db", dir);
	if ((st = store_open(url)) == NULL || store_migrate(st) != 0)
		return -1;
	/* Comune L706, whose real FAB lines shared/reference/formats.md has. */
	if (store_int(st, &comune, STMT_COMUNE_INSERT, "sssssddsddbsdddds",
	    "L706", "Comune di prova", "PO", "Ufficio", "Firmatario", 30, 30,
	    "20,26", 1, 1, 0, "prato", 2000, 1600, 2, 12, now) <= 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	return 0;
}

/* The hook: counts its calls. */
static void
beat(void *arg)
{
	(*(int *)arg)++;
}

/* A run with the hook set, as the worker sets it. */
static void
hooked(struct import_run *run, int *beats)
{
	memset(run, 0, sizeof(*run));
	*beats = 0;
	run->beat = beat;
	run->beat_arg = beats;
}

/*
 * The run wrote its two rows and still has the hook, called at the run's
 * first heartbeat and at each commit after.
 */
static void
kept_the_hook(const struct import_run *run, const int *beats)
{
	assert_int_equal(run->inserted, 2);
	assert_true(run->beat == beat && run->beat_arg == beats);
	assert_true(*beats >= 2);
}

static const char *
write_file(const char *name, const char *text)
{
	static char	 path[128];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
cadastre_calls_the_hook(void **state)
{
	struct cadastre_opts	 o = {.only_comune = comune, .quiet = true};
	struct import_run	 run;
	char			 msg[256];
	int			 beats;
	const char		*path = write_file("L706.FAB",
	    "L706| |1009007|F|1|1||A02|01|11||1760000|908,96||||||S1|T|0001||"
	    "09011988|05101998|V|000697|000|1988|||||||0000860|P. 698/88|"
	    "1108197||||VAR|AMPLIAMEN,|||\n"
	    "L706| |1009015|F|2|1||C02|01|103|103|267800|138,31||||||T||||"
	    "19012001|19012001|V|000607|001|2001|||||||||1464349||||VCL|"
	    "VARIAZIONE DI CLASSAMENTO|||5\n");

	(void)state;
	hooked(&run, &beats);
	assert_int_equal(cadastre_import(st, &who, path, &o, &run, msg,
	    sizeof(msg)), CADASTRE_DONE);
	kept_the_hook(&run, &beats);
}

static void
extract_calls_the_hook(void **state)
{
	struct import_run	 run;
	char			 msg[256];
	int			 beats;
	const char		*path = write_file("residents.csv",
	    "codice_fiscale;cognome;nome;data_nascita;cittadinanza;"
	    "id_famiglia;indirizzo;civico;esponente;interno;scala;foglio;"
	    "particella;subalterno\n"
	    "HUXWEI90H55Z210H;HU;Wei;1990-06-15;CINA;F1;VIA MAGNOLFI;3;;1;;"
	    "73;259;1\n"
	    "CHNLIX00A01Z210P;CHEN;Li;2000-01-01;CINA;F1;VIA MAGNOLFI;3;;1;;"
	    "73;259;1\n");

	(void)state;
	hooked(&run, &beats);
	assert_int_equal(extract_import(st, &who, EXTRACT_RESIDENTS, comune,
	    path, "residents.csv", true, &run, msg, sizeof(msg)), EXTRACT_DONE);
	kept_the_hook(&run, &beats);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cadastre_calls_the_hook),
		cmocka_unit_test(extract_calls_the_hook),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
