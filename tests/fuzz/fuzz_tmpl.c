/* Fuzz target: the template renderer survives any template text and never
 * lets a context value through unescaped. */
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
	    "x", "<b>&\"'", "list", "n", "<1>", "n", "2", "flag", 1,
	    "obj", "y", "<i>");

	memcpy(t, data, size);
	t[size] = '\0';
	buf_init(&out);
	if (tmpl_render_string(&out, t, ctx) == 0 && strchr(t, '{') == NULL)
		assert(out.len == strlen(t));
	buf_free(&out);
	json_decref(ctx);
	free(t);
	return 0;
}
