/*
 * Fuzz target: the template renderer survives any template text, and no
 * context value gets through unescaped.  The values hold < > " ' and &;
 * a template whose own text has none of them, and neither the raw form
 * {{{…}}} nor a partial {{>…}} (whose own text has markup), must render
 * without any of < > " ' in the output: each can only have come from a
 * value, unescaped.  A template without braces renders as itself.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/tmpl.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*t = malloc(size + 1);
	struct buf	 out;
	json_t		*ctx = json_pack("{s:s, s:[{s:s},{s:s}], s:b, s:{s:s}}",
	    "x", "<b>&\"'", "list", "n", "<1>", "n", "'2'", "flag", 1,
	    "obj", "y", "<i>\"");

	memcpy(t, data, size);
	t[size] = '\0';
	buf_init(&out);
	if (tmpl_render_string(&out, t, ctx) == 0) {
		if (strchr(t, '{') == NULL)
			assert(out.len == strlen(t));
		if (strpbrk(t, "<>\"'&") == NULL && strstr(t, "{{{") == NULL &&
		    strstr(t, "{{>") == NULL)
			for (size_t i = 0; i < out.len; i++)
				assert(strchr("<>\"'", out.data[i]) == NULL);
	}
	buf_free(&out);
	json_decref(ctx);
	free(t);
	return 0;
}
