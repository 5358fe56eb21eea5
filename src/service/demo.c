/*
 * demo: demonstration data.  See demo.h.  Loading twice changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/audit.h"
#include "access.h"
#include "auth.h"
#include "base/clock.h"
#include "base/embed.h"
#include "base/jfield.h"
#include "base/log.h"
#include "cases.h"
#include "store/comuni.h"
#include "demo.h"
#include "cert/keys.h"
#include "handover.h"
#include "points/points.h"
#include "estate/cadastre.h"
#include "estate/extract.h"
#include "store/query.h"

/* Belfiore codes of the comuni of the Province of Prato (ISTAT). */
static const struct {
	const char	*code, *name;
	int		 patron_m, patron_d;
} comuni[] = {
	{"G999", "Prato", 12, 26},	/* Santo Stefano */
	{"B626", "Cantagallo", 0, 0},
	{"B794", "Carmignano", 0, 0},
	{"F572", "Montemurlo", 0, 0},
	{"G754", "Poggio a Caiano", 0, 0},
	{"L537", "Vaiano", 0, 0},
	{"L775", "Vernio", 0, 0},
};

static const struct {
	const char	*user, *name, *role, *comune, *password;
} users[] = {
	{"admin", "Amministratore di sistema", "admin", NULL,
	    "idoneo-admin-2026"},
	{"capo", "Laura Bini (responsabile)", "head", "G999",
	    "idoneo-capo-2026"},
	{"sportello", "Marco Rossi (istruttore)", "clerk", "G999",
	    "idoneo-sportello-2026"},
	{"associazione", "Operatore Associazione Insieme", "association",
	    "G999", "idoneo-assoc-2026"},
	{"tserve", "Tabaccheria Centro (T-Serve)", "point", "G999",
	    "idoneo-tserve-2026"},
	{"vaiano", "Sportello di Vaiano", "clerk", "L537",
	    "idoneo-vaiano-2026"},
};

/*
 * The demo's point operator works at Tabaccheria Centro, Via Garibaldi
 * (demo/prato-punti.csv).
 */
static int
demo_bind_operator(struct store *st, const struct principal *sys)
{
	json_t	*u = NULL;
	int64_t	 point = 0;
	int	 rc = -1;

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	if (store_int(st, &point, STMT_POINT_BY_NAME, "is", comuni_id(st,
	    "G999"), "Tabaccheria Centro") == 1 && store_row(st, &u,
	    STMT_USER_BY_NAME, "s", "tserve") == 1 &&
	    store_exec(st, STMT_USER_SET_POINT, "ii", point, jfield_int(u,
	    "id")) == 1 && audit_add(st, sys, comuni_id(st, "G999"),
	    "user_point", "user", jfield_int(u, "id"), "Tabaccheria Centro") ==
	    0 && auth_api_key_create(st, comuni_id(st, "G999"), 0, point,
	    "Demo rete T-Serve", "point", DEMO_API_KEY_POINT) > 0 &&
	    store_tx(st, STORE_COMMIT) == 0)
		rc = 0;
	else
		store_tx(st, STORE_ROLLBACK);
	json_decref(u);
	return rc;
}

void
demo_print_logins(void)
{
	printf("Demo logins (user / password / role):\n");
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		printf("  %-13s %-24s %s%s%s\n", users[i].user,
		    users[i].password, users[i].role,
		    users[i].comune ? ", comune " : "",
		    users[i].comune ? users[i].comune : "");
	printf("Demo API keys (Authorization: Bearer KEY):\n"
	    "  clerk of Prato:       %s\n  association (Prato):  %s\n"
	    "  point (Tabaccheria Centro, Prato): %s\n",
	    DEMO_API_KEY_CLERK, DEMO_API_KEY_ASSOC, DEMO_API_KEY_POINT);
}

static const char *const sample_cases[] = {
	"{\"purpose\":\"family_reunification\",\"title\":\"tenant\","
	"\"applicant\":{\"surname\":\"Hu\",\"given_names\":\"Wei\",\"sex\":\"F\","
	"\"birth_date\":\"1990-06-15\",\"birth_place\":\"Wenzhou\","
	"\"birth_country\":\"Cina\",\"citizenship\":\"Cina\","
	"\"codice_fiscale\":\"HUXWEI90H55Z210H\",\"id_doc_type\":\"passport\","
	"\"id_doc_number\":\"EA1234567\",\"permit_type\":\"permit\","
	"\"permit_number\":\"I12345678\",\"phone\":\"347 123 4567\","
	"\"language\":\"zh\",\"notify_sms\":true},"
	"\"dwelling\":{\"street\":\"Via Pistoiese\",\"house_number\":\"120\","
	"\"cap\":\"59100\",\"foglio\":\"45\",\"particella\":\"312\","
	"\"subalterno\":\"7\",\"category\":\"A/3\"},"
	"\"rooms\":[{\"name\":\"Soggiorno\",\"use\":\"living\",\"area\":\"18,00\","
	"\"height\":\"2,70\",\"window\":\"2,40\"},{\"name\":\"Camera 1\","
	"\"use\":\"bedroom\",\"area\":\"14,00\",\"height\":\"2,70\","
	"\"window\":\"1,80\"},{\"name\":\"Camera 2\",\"use\":\"bedroom\","
	"\"area\":\"9,00\",\"height\":\"2,70\",\"window\":\"1,20\"},"
	"{\"name\":\"Cucina\",\"use\":\"kitchen\",\"area\":\"9,00\","
	"\"height\":\"2,70\",\"window\":\"1,20\"},{\"name\":\"Bagno\","
	"\"use\":\"bathroom\",\"area\":\"5,00\",\"height\":\"2,40\","
	"\"window\":\"0,60\",\"fixtures\":[\"wc\",\"bidet\",\"basin\",\"shower\"]}],"
	"\"residents\":[{\"surname\":\"Hu\",\"given_names\":\"Ming\","
	"\"relation\":\"coniuge\"}],"
	"\"hosted\":[{\"surname\":\"Hu\",\"given_names\":\"Lin\","
	"\"birth_date\":\"2015-03-02\",\"relation\":\"figlia\"}],"
	"\"payments\":[{\"kind\":\"fee\",\"amount\":\"30,50\",\"channel\":\"pagopa\","
	"\"reference\":\"RF18000000000000012345\"},{\"kind\":\"stamp\","
	"\"amount\":\"16,00\",\"channel\":\"tobacconist\","
	"\"reference\":\"01234567890123\"}],"
	"\"documents\":[\"id_document\",\"residence_permit\",\"title_deed\","
	"\"floor_plan\",\"fee_receipt\",\"stamps\"]}",

	"{\"purpose\":\"work_contract\",\"title\":\"guest\","
	"\"applicant\":{\"surname\":\"Hoxha\",\"given_names\":\"Arben\","
	"\"sex\":\"M\",\"birth_date\":\"1985-12-31\",\"birth_place\":\"Tirana\","
	"\"birth_country\":\"Albania\",\"citizenship\":\"Albania\","
	"\"cf_missing_reason\":\"appena arrivato, codice in attesa\","
	"\"id_doc_type\":\"passport\",\"id_doc_number\":\"BA7654321\","
	"\"permit_type\":\"visa\",\"phone\":\"+355 67 212 3456\","
	"\"language\":\"sq\",\"notify_sms\":true},"
	"\"dwelling\":{\"street\":\"Via Roma\",\"house_number\":\"12/A\","
	"\"interno\":\"3\",\"cap\":\"59100\"},"
	"\"rooms\":[{\"name\":\"Soggiorno\",\"use\":\"living\",\"area\":16,"
	"\"height\":2.7,\"window\":2},{\"name\":\"Camera\",\"use\":\"bedroom\","
	"\"area\":14,\"height\":2.7,\"window\":1.8},{\"name\":\"Bagno\","
	"\"use\":\"bathroom\",\"area\":5,\"height\":2.4,\"window\":0.6,"
	"\"fixtures\":[\"wc\",\"bidet\",\"basin\",\"shower\"]}],"
	"\"documents\":[\"id_document\",\"title_deed\"]}",
};

/*
 * Imports one embedded demo register through the real importer: the file
 * is written to a temporary file first, because importers read files.
 */
static int
demo_import(struct store *st, const struct principal *who, const char *name,
    int64_t comune)
{
	const struct embed_file	*f = embed_find(embed_demo, name);
	const char		*tmp = getenv("TMPDIR");
	char			 path[256], msg[512];
	struct import_run	 run = {0};
	FILE			*out;
	int			 fd, rc;

	if (f == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/idoneo-demo-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0 || (out = fdopen(fd, "w")) == NULL)
		return -1;
	fwrite(f->data, 1, f->len, out);
	fclose(out);
	if (strstr(name, ".FAB") != NULL) {
		struct cadastre_opts o = {.display_name = name, .quiet = true};

		rc = cadastre_import(st, who, path, &o, &run, msg,
		    sizeof(msg)) == CADASTRE_DONE ? 0 : -1;
	} else
		rc = extract_import(st, who, strstr(name, "tari") ?
		    EXTRACT_TARI : EXTRACT_RESIDENTS, comune, path, name, true,
		    &run, msg, sizeof(msg)) == EXTRACT_DONE ? 0 : -1;
	unlink(path);
	if (rc < 0)
		log_warn("demo: %s not imported: %s", name, msg);
	return rc;
}

int
demo_load(struct store *st, bool estate)
{
	struct principal	 sys, clerk;
	char			 now[CLOCK_STRLEN];
	int64_t			 id, assoc = 0, prato;
	json_t			*u = NULL;

	if (store_row(st, &u, STMT_USER_BY_NAME, "s", "admin") < 0)
		return -1;
	if (u != NULL) {
		json_decref(u);
		log_info("demo: already loaded");
		return 0;
	}
	memset(&sys, 0, sizeof(sys));
	snprintf(sys.actor, sizeof(sys.actor), "system");
	snprintf(sys.name, sizeof(sys.name), "idoneo demo");
	snprintf(sys.ip, sizeof(sys.ip), "local");
	clock_utc(clock_now(), now);

	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(comuni) / sizeof(comuni[0]); i++) {
		bool big = strcmp(comuni[i].code, "G999") == 0;

		if (store_int(st, &id, STMT_COMUNE_INSERT,
		    "sssssddsddbsdddds", comuni[i].code, comuni[i].name, "PO",
		    "Servizio Immigrazione", big ? "Dott.ssa Laura Bini" :
		    "Responsabile del servizio", big ? 15 : 30, 30,
		    big ? "10,13" : "20,26", comuni[i].patron_m,
		    comuni[i].patron_d, 0, "prato", big ? 3050 : 2000, 1600,
		    2, 12, now) <= 0 ||
		    audit_add(st, &sys, id, "comune_create", "comune", id,
		    comuni[i].code) < 0)
			goto fail;
	}
	prato = comuni_id(st, "G999");
	/* Where the "certificate ready" message sends people. */
	if (store_exec(st, STMT_COMUNE_UPDATE_NOTIFY, "ssssssi",
	    "Piazza del Comune 2, Prato", "lun-ven 9-13, gio 15-17",
	    "ComunePrato", "", "", "", prato) != 1)
		goto fail;
	/* Prato's certified copy: 6 euro (../domain.md §2). */
	if (store_exec(st, STMT_COMUNE_UPDATE_CERT, "sii", "", (int64_t)600,
	    prato) != 1)
		goto fail;
	if (store_int(st, &assoc, STMT_ASSOC_INSERT, "is", prato,
	    "Associazione Insieme") <= 0 ||
	    audit_add(st, &sys, prato, "association_create", "association",
	    assoc, "") < 0)
		goto fail;
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		int64_t c = users[i].comune ? comuni_id(st, users[i].comune) : 0;

		if (auth_user_create(st, &sys, c, strcmp(users[i].role,
		    "association") == 0 ? assoc : 0, users[i].user,
		    users[i].name, users[i].role, users[i].password) < 0)
			goto fail;
	}
	if (auth_api_key_create(st, prato, 0, 0, "Demo gestionale", "clerk",
	    DEMO_API_KEY_CLERK) < 0 ||
	    auth_api_key_create(st, prato, assoc, 0, "Demo associazione",
	    "association", DEMO_API_KEY_ASSOC) < 0)
		goto fail;
	if (store_tx(st, STORE_COMMIT) < 0)
		return -1;
	/* Prato's T-Serve points (docs/points.md). */
	{
		const struct embed_file	*f = embed_find(embed_demo,
					    "prato-punti.csv");
		json_t			*errors = json_array();
		int			 saved;

		if (f == NULL || points_import_csv(st, &sys, f->data, f->len,
		    errors, &saved) != SVC_OK) {
			json_decref(errors);
			return -1;
		}
		/* And its stradario, for the points nearest a dwelling. */
		f = embed_find(embed_demo, "prato-stradario.csv");
		if (f == NULL || points_import_streets(st, &sys, f->data,
		    f->len, errors, &saved) != SVC_OK) {
			json_decref(errors);
			return -1;
		}
		json_decref(errors);
	}
	if (demo_bind_operator(st, &sys) < 0)
		return -1;
	/* Each comune's sealing key for its certificates (IDONEO_KEYS). */
	for (size_t i = 0; i < sizeof(comuni) / sizeof(comuni[0]); i++)
		if (cert_keys_ensure(comuni[i].code, NULL) < 0)
			return -1;

	access_system(&clerk, prato, "idoneo demo");
	for (size_t i = 0; i < sizeof(sample_cases) / sizeof(sample_cases[0]);
	    i++) {
		json_error_t	 e;
		json_t		*doc = json_loads(sample_cases[i], 0, &e);
		json_t		*errors = json_object();
		int64_t		 cid;

		if (doc == NULL)
			log_fatal("demo: sample %zu: %s", i, e.text);
		if (cases_create(st, &clerk, doc, "counter", &cid, errors, NULL) !=
		    SVC_OK) {
			char *s = json_dumps(errors, 0);

			log_warn("demo: sample %zu refused: %s", i, s);
			free(s);
			json_decref(doc);
			json_decref(errors);
			return -1;
		}
		/* The first applicant collects at the demo operator's shop. */
		if (i == 0) {
			json_t	*at = json_object();
			int64_t	 pt = 0;

			if (store_int(st, &pt, STMT_POINT_BY_NAME, "is", prato,
			    "Tabaccheria Centro") != 1 || (json_object_set_new(at,
			    "collection_point", json_integer(pt)),
			    handover_place(st, &clerk, cid, at, errors)) != SVC_OK) {
				json_decref(at);
				json_decref(doc);
				json_decref(errors);
				return -1;
			}
			json_decref(at);
		}
		json_decref(doc);
		json_decref(errors);
	}
	/* Prato's cadastre, anagrafe and TARI, for the counter's lookups. */
	if (estate && (demo_import(st, &sys, "prato.FAB", prato) < 0 ||
	    demo_import(st, &sys, "prato-residenti.csv", prato) < 0 ||
	    demo_import(st, &sys, "prato-tari.csv", prato) < 0))
		return -1;
	log_info("demo: loaded");
	return 0;
fail:
	store_tx(st, STORE_ROLLBACK);
	return -1;
}
