/*
 * protocol_label: a protocol number as the registro di protocollo writes it,
 * with its year: "2026/0000123".
 */
#ifndef IDONEO_PROTOCOL_LABEL_H
#define IDONEO_PROTOCOL_LABEL_H

#include <stddef.h>
#include <stdint.h>

#define PROTOCOL_LABEL_STRLEN	48

void	 protocol_label(int64_t year, int64_t no, char *out, size_t size);

#endif
