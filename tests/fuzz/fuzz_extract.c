/*
 * Fuzz target: the anagrafe and TARI extract parser (libcsv and idoneo's
 * header and row checks) takes any file without crashing, and every row it
 * reads is either taken or rejected with a reason.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estate/extract.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int kind = 0; kind < 2; kind++) {
		struct import_run	 run;
		char			 msg[512];
		FILE			*f;

		if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
			return 0;
		memset(&run, 0, sizeof(run));
		run.quiet = true;
		run.errors = json_array();
		if (extract_parse_dry(kind == 0 ? EXTRACT_RESIDENTS :
		    EXTRACT_TARI, f, &run, msg, sizeof(msg)) == 0)
			/* The header is a line read, neither taken nor not. */
			assert(run.inserted + run.rejected <= run.lines);
		else
			assert(msg[0] != '\0');
		json_decref(run.errors);
		fclose(f);
	}
	return 0;
}
