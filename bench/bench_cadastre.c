/*
 * bench_cadastre: unit lookups per second on an imported cadastre, beside a
 * baseline measured in the same run: loading a unit whose id is known (one
 * primary-key read of the unit, its identifiers and its addresses).  The
 * lookups are by foglio/particella/subalterno and by address text, on units
 * picked at random.  Prints one JSON line for bench/run.
 *
 * usage: bench_cadastre DB SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "estate/cadastre.h"
#include "store/query.h"

#define SAMPLE	2000

struct pick {
	int64_t	 id;
	char	 foglio[8], particella[8], sub[8], address[200];
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

int
main(int argc, char **argv)
{
	struct store	*st;
	struct pick	*picks = calloc(SAMPLE, sizeof(*picks));
	double		 secs, t0, rate[3];
	int64_t		 comune, units, found[3] = {0, 0, 0};
	int		 n = 0;

	if (argc != 3 || (st = store_open(argv[1])) == NULL)
		return 2;
	secs = atof(argv[2]);
	comune = 1;
	if (store_int(st, &units, STMT_UNITS_COUNT, "i", comune) <= 0 ||
	    units == 0)
		return 1;
	srand(7);
	while (n < SAMPLE) {
		int64_t	 id = 1 + rand() % units;
		json_t	*u = cadastre_unit(st, id, comune), *a;

		if (u == NULL)
			continue;
		a = json_object_get(u, "address");
		picks[n].id = id;
		snprintf(picks[n].foglio, 8, "%s", str(u, "foglio"));
		snprintf(picks[n].particella, 8, "%s", str(u, "particella"));
		snprintf(picks[n].sub, 8, "%s", str(u, "subalterno"));
		snprintf(picks[n].address, 200, "%s", str(a, "text"));
		json_decref(u);
		n++;
	}
	for (int kind = 0; kind < 3; kind++) {
		int64_t	 ops = 0;

		t0 = now();
		while (now() - t0 < secs) {
			struct pick	*p = &picks[ops % SAMPLE];
			json_t		*r;

			if (kind == 0)
				r = cadastre_unit(st, p->id, comune);
			else if (kind == 1)
				r = cadastre_find_ident(st, comune, p->foglio,
				    p->particella, p->sub);
			else
				r = cadastre_find_address(st, comune, p->address,
				    20);
			if (r == NULL)
				return 1;
			found[kind] += kind == 0 ? 1 : (int64_t)json_array_size(r);
			json_decref(r);
			ops++;
		}
		rate[kind] = (double)ops / (now() - t0);
		found[kind] = found[kind] * 100 / (ops ? ops : 1);
	}
	printf("{\"units\": %lld, \"by_id_per_s\": %.0f, \"by_ident_per_s\": "
	    "%.0f, \"by_address_per_s\": %.0f, \"ident_units_x100\": %lld, "
	    "\"address_units_x100\": %lld}\n", (long long)units, rate[0],
	    rate[1], rate[2], (long long)found[1], (long long)found[2]);
	store_close(st);
	free(picks);
	return 0;
}
