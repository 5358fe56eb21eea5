/*
 * rules: built-in and stored eligibility rule sets.  See rules.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/audit.h"
#include "base/clock.h"
#include "base/embed.h"
#include "base/log.h"
#include "base/tcache.h"
#include "domain/eligibility_json.h"
#include "domain/i18n.h"
#include "rules.h"
#include "store/query.h"

static int
parse(const char *text, size_t len, struct elig_rules *r, char *err,
    size_t errsz)
{
	json_error_t	 e;
	json_t		*doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	int		 rc;

	if (doc == NULL) {
		snprintf(err, errsz, _("JSON non valido alla riga %d, colonna "
		    "%d: %s"), e.line, e.column, e.text);
		return -1;
	}
	rc = elig_rules_from_json(doc, r, err, errsz);
	json_decref(doc);
	return rc;
}

/* A rule set compiled into the binary: "prato", "dm1975-total", "bologna". */
int
rules_builtin(const char *name, struct elig_rules *r, char *err, size_t errsz)
{
	char			 file[64];
	const struct embed_file	*f;

	snprintf(file, sizeof(file), "%s.json", name);
	if (strlen(name) > 40 || (f = embed_find(embed_rules, file)) == NULL) {
		snprintf(err, errsz, _("regole \"%s\" sconosciute"), name);
		return -1;
	}
	return parse(f->data, f->len, r, err, errsz);
}

/*
 * The latest version of rule set name: from the database when st is not
 * NULL and has it, else built in.
 */
int
rules_load(struct store *st, const char *name, struct elig_rules *r,
    char *err, size_t errsz)
{
	json_t	*row;
	int	 rc;

	if (st != NULL) {
		if ((rc = store_row(st, &row, STMT_RULES_LATEST, "s", name)) < 0) {
			snprintf(err, errsz, _("database non disponibile"));
			return -1;
		}
		if (rc == 1) {
			const char *def = json_string_value(json_object_get(row,
			    "definition"));

			rc = parse(def, strlen(def), r, err, errsz);
			json_decref(row);
			return rc;
		}
	}
	return rules_builtin(name, r, err, errsz);
}

/*
 * Each thread keeps a comune's rule set for a few seconds: a new version
 * applies to assessments made after that.  One slot per comune id modulo
 * RULES_CACHE_SLOTS: a regional installation keeps all its comuni.
 */
#define RULES_CACHE_SECONDS	10
#define RULES_CACHE_SLOTS	256

struct rules_slot {
	int64_t			 comune_id;
	time_t			 until;
	struct elig_rules	 rules;
};

static struct tcache rules_tcache = TCACHE_INIT(
    RULES_CACHE_SLOTS * sizeof(struct rules_slot), NULL);

int
rules_for_comune(struct store *st, int64_t comune_id, struct elig_rules *r,
    char *err, size_t errsz)
{
	return rules_for_comune_at(st, comune_id, false, r, err, errsz);
}

/* The same, reading the database when fresh (a clerk asked to recompute). */
int
rules_for_comune_at(struct store *st, int64_t comune_id, bool fresh,
    struct elig_rules *r, char *err, size_t errsz)
{
	struct rules_slot	*e = tcache_get(&rules_tcache);
	json_t			*c;
	int			 rc;
	time_t			 now = time(NULL);

	e += (uint64_t)comune_id % RULES_CACHE_SLOTS;
	if (!fresh && e->comune_id == comune_id && e->until > now) {
		*r = e->rules;
		return 0;
	}

	if (store_row(st, &c, STMT_COMUNE_GET, "i", comune_id) <= 0) {
		snprintf(err, errsz, _("comune sconosciuto"));
		return -1;
	}
	rc = rules_load(st, json_string_value(json_object_get(c, "rule_set")),
	    r, err, errsz);
	json_decref(c);
	if (rc == 0) {
		e->comune_id = comune_id;
		e->rules = *r;
		e->until = now + RULES_CACHE_SECONDS;
	}
	return rc;
}

/*
 * Copies each built-in rule set into rule_sets unless that id and version
 * is already there.  Run after migrations; changes nothing the second time.
 */
int
rules_sync_builtins(struct store *st)
{
	char		 now[CLOCK_STRLEN], err[256];

	clock_utc(clock_now(), now);
	for (const struct embed_file *f = embed_rules; f->name != NULL; f++) {
		struct elig_rules r;

		if (parse(f->data, f->len, &r, err, sizeof(err)) < 0)
			log_fatal("rules: built-in %s: %s", f->name, err);
		{
			json_t *row;
			int rc = store_row(st, &row, STMT_RULES_GET, "sd", r.id,
			    r.version);

			if (rc < 0)
				return -1;
			json_decref(row);
			if (rc == 1)
				continue;
		}
		if (store_exec(st, STMT_RULES_INSERT, "sdsss", r.id, r.version,
		    f->data, now, "built-in") < 0)
			return -1;
	}
	return 0;
}

/*
 * Adds a rule set (or a new version of one) from its JSON text, after
 * checking it.  The same id and version twice is refused: a version, once
 * used by an assessment, never changes.  Returns 0, or -1 with err.
 */
int
rules_add(struct store *st, const struct principal *p, const char *json,
    char *err, size_t errsz)
{
	struct elig_rules	 r;
	char			 now[CLOCK_STRLEN], detail[64];
	int			 rc;

	if (strlen(json) > 20000) {
		snprintf(err, errsz, _("definizione troppo lunga"));
		return -1;
	}
	if (parse(json, strlen(json), &r, err, errsz) < 0)
		return -1;
	clock_utc(clock_now(), now);
	snprintf(detail, sizeof(detail), "%s v%d", r.id, r.version);
	if (store_tx(st, STORE_BEGIN_WRITE) < 0)
		goto fail;
	rc = store_exec(st, STMT_RULES_INSERT, "sdsss", r.id, r.version, json,
	    now, p->actor);
	if (rc == STORE_CONFLICT) {
		store_tx(st, STORE_ROLLBACK);
		snprintf(err, errsz, _("la versione %d di \"%s\" esiste già: "
		    "aumenta \"version\""), r.version, r.id);
		return -1;
	}
	if (rc < 0 || audit_add(st, p, 0, "rules_add", "rule_set", 0,
	    detail) < 0) {
		store_tx(st, STORE_ROLLBACK);
		goto fail;
	}
	if (store_tx(st, STORE_COMMIT) < 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errsz, _("errore del database"));
	return -1;
}
