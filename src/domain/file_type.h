/*
 * file_type: what an uploaded file is, by its content, never by its name:
 * the documents a case takes are PDF, JPEG and PNG (docs/uploads.md).  A
 * file of one of them is also checked for its end, so that a file cut in
 * transit, or only dressed as one, is told apart.
 */
#ifndef IDONEO_FILE_TYPE_H
#define IDONEO_FILE_TYPE_H

#include <stdbool.h>
#include <stddef.h>

/* How much of the beginning and of the end the checks read. */
#define FILE_TYPE_HEAD	16
#define FILE_TYPE_TAIL	1024

enum file_type {
	FILE_TYPE_OTHER,
	FILE_TYPE_PDF,
	FILE_TYPE_JPEG,
	FILE_TYPE_PNG,
};

enum file_type	 file_type_of(const unsigned char *head, size_t n);
bool		 file_type_complete(enum file_type,
		    const unsigned char *tail, size_t n);
const char	*file_type_mime(enum file_type);
const char	*file_type_ext(enum file_type);

#endif
