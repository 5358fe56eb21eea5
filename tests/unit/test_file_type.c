/*
 * Uploaded files told by their content (domain/file_type.c): the three
 * signatures, other files whatever their name would say, and the ends that
 * tell a whole file from one cut short.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "domain/file_type.h"

#define U(s)	((const unsigned char *)(s))

static void
signatures(void **state)
{
	(void)state;
	assert_int_equal(file_type_of(U("%PDF-1.7\n"), 9), FILE_TYPE_PDF);
	assert_int_equal(file_type_of(U("\xff\xd8\xff\xe0"), 4),
	    FILE_TYPE_JPEG);
	assert_int_equal(file_type_of(U("\x89PNG\r\n\x1a\n"), 8),
	    FILE_TYPE_PNG);
	/* An executable, a text, a truncated signature, nothing. */
	assert_int_equal(file_type_of(U("\x7f" "ELF\x02\x01"), 6),
	    FILE_TYPE_OTHER);
	assert_int_equal(file_type_of(U("PDF-1.7"), 7), FILE_TYPE_OTHER);
	assert_int_equal(file_type_of(U("%PDF"), 4), FILE_TYPE_OTHER);
	assert_int_equal(file_type_of(U("\x89PNG\r\n"), 6), FILE_TYPE_OTHER);
	assert_int_equal(file_type_of(U(""), 0), FILE_TYPE_OTHER);
	assert_string_equal(file_type_mime(FILE_TYPE_PNG), "image/png");
	assert_string_equal(file_type_ext(FILE_TYPE_JPEG), "jpg");
}

static void
whole_or_cut(void **state)
{
	static const unsigned char png_end[] = "\0\0\0\0IEND\xae\x42\x60\x82";

	(void)state;
	assert_true(file_type_complete(FILE_TYPE_PDF, U("endobj\n%%EOF\n"),
	    13));
	assert_false(file_type_complete(FILE_TYPE_PDF, U("endobj\nstream"),
	    13));
	assert_true(file_type_complete(FILE_TYPE_JPEG, U("\x12\xff\xd9"), 3));
	assert_false(file_type_complete(FILE_TYPE_JPEG, U("\x12\xff"), 2));
	assert_true(file_type_complete(FILE_TYPE_PNG, png_end,
	    sizeof(png_end) - 1));
	assert_false(file_type_complete(FILE_TYPE_PNG, png_end,
	    sizeof(png_end) - 2));
	assert_false(file_type_complete(FILE_TYPE_OTHER, U("%%EOF"), 5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signatures),
		cmocka_unit_test(whole_or_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
