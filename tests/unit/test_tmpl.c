/* Templates escape by default; sections and lookups behave. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "web/tmpl.h"

static void
render_is(const char *t, const char *ctxjson, const char *want)
{
	struct buf b;
	json_t *ctx = json_loads(ctxjson, 0, NULL);

	buf_init(&b);
	assert_int_equal(tmpl_render_string(&b, t, ctx), 0);
	assert_string_equal(b.data ? b.data : "", want);
	buf_free(&b);
	json_decref(ctx);
}

static void
escapes(void **state)
{
	render_is("<p>{{x}}</p>", "{\"x\":\"<script>&'\\\"\"}",
	    "<p>&lt;script&gt;&amp;&#39;&quot;</p>");
	render_is("{{{x}}}", "{\"x\":\"<b>\"}", "<b>");
}

static void
sections(void **state)
{
	render_is("{{#a}}[{{n}}]{{/a}}", "{\"a\":[{\"n\":1},{\"n\":2}]}",
	    "[1][2]");
	render_is("{{^a}}none{{/a}}", "{\"a\":[]}", "none");
	render_is("{{#t}}yes{{/t}}{{^t}}no{{/t}}", "{\"t\":false}", "no");
	render_is("{{#o}}{{x}}-{{y}}{{/o}}", "{\"o\":{\"x\":\"a\"},\"y\":\"b\"}",
	    "a-b");
	render_is("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep");
	render_is("{{#a}}{{#a}}x{{/a}}{{/a}}", "{\"a\":true}", "x");
}

static void
broken_templates_fail(void **state)
{
	struct buf b;
	json_t *ctx = json_object();

	buf_init(&b);
	assert_int_equal(tmpl_render_string(&b, "{{#a}}x", ctx), -1);
	assert_int_equal(tmpl_render_string(&b, "{{x", ctx), -1);
	buf_free(&b);
	json_decref(ctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(sections),
		cmocka_unit_test(broken_templates_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
