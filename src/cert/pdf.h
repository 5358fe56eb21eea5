/*
 * pdf: the certificate as a printable A4 page, drawn with cairo and pango
 * from its snapshot, with the QR code of its verification URL (libqrencode)
 * and the seal line in its metadata (seal.h).  The same snapshot, seal and
 * copy mark give the same bytes: the metadata dates are the issue date's,
 * so the file can be rendered again instead of stored, and a changed file
 * is found by rendering again and comparing.
 */
#ifndef IDONEO_CERT_PDF_H
#define IDONEO_CERT_PDF_H

#include "base/buf.h"
#include "seal.h"

/* A label in a language: the catalog's text, or msgid itself. */
typedef const char *(*cert_translate_fn)(const char *lang, const char *msgid);

int	 cert_pdf_render(const struct cert_sealed *, cert_translate_fn,
	    struct buf *out);

#endif
