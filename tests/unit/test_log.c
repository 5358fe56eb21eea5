/*
 * Log lines (base/log.c): key=value prefix, one line each, and a line too
 * long for the buffer cut with "..." rather than spilling into the next.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/log.h"

static void
lines_are_whole(void **state)
{
	char	 path[] = "/tmp/idoneo-log-XXXXXX", *big, *text, *nl;
	int	 fd = mkstemp(path), saved = dup(STDERR_FILENO);
	FILE	*f;
	long	 size;

	assert_true(fd >= 0 && saved >= 0);
	assert_non_null(big = malloc(6000));
	memset(big, 'x', 5999);
	big[5999] = '\0';
	log_init("test");
	dup2(fd, STDERR_FILENO);
	log_info("long=%s", big);
	log_warn("case=%d short", 7);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_non_null(f = fdopen(fd, "r"));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	assert_non_null(text = calloc(1, (size_t)size + 1));
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	unlink(path);

	assert_non_null(nl = strchr(text, '\n'));
	assert_int_equal(nl - text, 4095);
	assert_memory_equal(nl - 3, "...", 3);
	assert_int_equal(strncmp(text, "ts=", 3), 0);
	assert_non_null(strstr(text, " proc=test level=info long=xxx"));
	assert_non_null(strstr(nl + 1, " proc=test level=warn case=7 short\n"));
	assert_null(strchr(strchr(nl + 1, '\n') + 1, '\n'));
	free(text);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_are_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
