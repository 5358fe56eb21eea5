/*
 * file_type: see file_type.h.  The signatures: PDF files begin with
 * "%PDF-" and end with "%%EOF" (ISO 32000-1 §7.5.2, §7.5.5), possibly
 * followed by a line end; JPEG files begin with the SOI marker FF D8 FF and
 * end with the EOI marker FF D9 (ITU T.81 B.2.1); PNG files begin with the
 * eight bytes 89 "PNG" 0D 0A 1A 0A and end with the IEND chunk, whose CRC
 * is always AE 42 60 82 (ISO 15948 §5.2, §11.2.5).
 */
#include <string.h>

#include "file_type.h"

static const unsigned char png_sig[8] = {
	0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a
};
static const unsigned char png_end[8] = {
	'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82
};

enum file_type
file_type_of(const unsigned char *head, size_t n)
{
	if (n >= 5 && memcmp(head, "%PDF-", 5) == 0)
		return FILE_TYPE_PDF;
	if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
		return FILE_TYPE_JPEG;
	if (n >= sizeof(png_sig) && memcmp(head, png_sig, sizeof(png_sig)) ==
	    0)
		return FILE_TYPE_PNG;
	return FILE_TYPE_OTHER;
}

/* Whether needle (m bytes) is in the n bytes of hay. */
static bool
contains(const unsigned char *hay, size_t n, const unsigned char *needle,
    size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

/*
 * Whether the last bytes of a file (tail, n of them, up to
 * FILE_TYPE_TAIL) end it as its type must end.  Writers add a line end or
 * a few bytes after the end marker; the whole tail is searched.
 */
bool
file_type_complete(enum file_type t, const unsigned char *tail, size_t n)
{
	switch (t) {
	case FILE_TYPE_PDF:
		return contains(tail, n, (const unsigned char *)"%%EOF", 5);
	case FILE_TYPE_JPEG:
		return contains(tail, n, (const unsigned char *)"\xff\xd9", 2);
	case FILE_TYPE_PNG:
		return n >= sizeof(png_end) && memcmp(tail + n -
		    sizeof(png_end), png_end, sizeof(png_end)) == 0;
	case FILE_TYPE_OTHER:
		break;
	}
	return false;
}

const char *
file_type_mime(enum file_type t)
{
	return t == FILE_TYPE_PDF ? "application/pdf" : t == FILE_TYPE_JPEG ?
	    "image/jpeg" : t == FILE_TYPE_PNG ? "image/png" :
	    "application/octet-stream";
}

const char *
file_type_ext(enum file_type t)
{
	return t == FILE_TYPE_PDF ? "pdf" : t == FILE_TYPE_JPEG ? "jpg" :
	    t == FILE_TYPE_PNG ? "png" : "bin";
}
