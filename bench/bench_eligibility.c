/*
 * bench_eligibility: dwellings evaluated per second on one core, beside a
 * loop that only parses the same JSON (jansson and the dwelling parser),
 * measured in the same run.  Prints one JSON line for bench/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/eligibility_json.h"

#define NDOCS	64

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Dwellings of 3 to 12 rooms with varied sizes, some failing a rule. */
static char *
make_doc(int k)
{
	static const char *const uses[] = {"bedroom", "bedroom", "kitchen",
	    "study", "corridor", "storage", "bathroom"};
	char	*buf = malloc(8192);
	size_t	 n = 0;
	int	 rooms = 3 + k % 10;

	n += (size_t)snprintf(buf + n, 8192 - n, "{\"rooms\":[{\"name\":"
	    "\"Soggiorno\",\"use\":\"living\",\"area\":%d.%02d,\"height\":2.70,"
	    "\"window\":3.00},{\"name\":\"Bagno\",\"use\":\"bathroom\","
	    "\"area\":5.00,\"height\":2.40,\"window\":0.60,\"fixtures\":[\"wc\","
	    "\"bidet\",\"basin\",\"shower\"]}", 14 + k % 9, k % 100);
	for (int i = 2; i < rooms; i++)
		n += (size_t)snprintf(buf + n, 8192 - n, ",{\"name\":\"Stanza %d\","
		    "\"use\":\"%s\",\"area\":%d.%02d,\"height\":%s,\"window\":"
		    "%d.%02d}", i, uses[(k + i) % 7], 6 + (k * 7 + i * 3) % 12,
		    (k + i) % 100, (k + i) % 11 ? "2.70" : "2.60",
		    1 + (k + i) % 2, (k * i) % 100);
	snprintf(buf + n, 8192 - n, "],\"residents\":%d,\"requested\":%d}",
	    k % 3, k % 2);
	return buf;
}

int
main(int argc, char **argv)
{
	static struct elig_dwelling	 d;
	static struct elig_result	 res;
	struct elig_rules		 r;
	char				*docs[NDOCS], err[256];
	size_t				 lens[NDOCS];
	double				 seconds = argc > 1 ? atof(argv[1]) : 3.0;
	double				 t0, parse_rate, full_rate;
	long				 n, sink = 0;

	elig_rules_dm1975(&r);
	for (int k = 0; k < NDOCS; k++) {
		docs[k] = make_doc(k);
		lens[k] = strlen(docs[k]);
	}
	/* Parse only. */
	n = 0;
	t0 = now();
	while (now() - t0 < seconds) {
		for (int k = 0; k < NDOCS; k++, n++) {
			json_t *j = json_loadb(docs[k], lens[k], 0, NULL);

			if (j == NULL || elig_dwelling_from_json(j, &d, err,
			    sizeof(err)) < 0) {
				fprintf(stderr, "bench: document %d: %s\n", k, err);
				return 1;
			}
			sink += d.nrooms;
			json_decref(j);
		}
	}
	parse_rate = (double)n / (now() - t0);
	/* Parse and evaluate, explanation included. */
	n = 0;
	t0 = now();
	while (now() - t0 < seconds) {
		for (int k = 0; k < NDOCS; k++, n++) {
			json_t *j = json_loadb(docs[k], lens[k], 0, NULL);

			elig_dwelling_from_json(j, &d, err, sizeof(err));
			elig_evaluate(&r, &d, &res);
			sink += res.max_occupants;
			json_decref(j);
		}
	}
	full_rate = (double)n / (now() - t0);
	printf("{\"parse_per_s\": %.0f, \"evaluate_per_s\": %.0f, "
	    "\"ratio\": %.3f, \"sink\": %ld}\n", parse_rate, full_rate,
	    full_rate / parse_rate, sink % 10);
	for (int k = 0; k < NDOCS; k++)
		free(docs[k]);
	return 0;
}
