/*
 * The protocol number as people read it (DPR 445/2000 art. 57).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/protocol_label.h"

static void
seven_digits_at_least(void **state)
{
	char	 b[PROTOCOL_LABEL_STRLEN];

	protocol_label(2026, 1, b, sizeof(b));
	assert_string_equal(b, "2026/0000001");
	protocol_label(2026, 1234567, b, sizeof(b));
	assert_string_equal(b, "2026/1234567");
	/* A city past ten million keeps every digit. */
	protocol_label(2027, 12345678, b, sizeof(b));
	assert_string_equal(b, "2027/12345678");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seven_digits_at_least),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
