/*
 * office_certificates: the certificate section of the case page, and the
 * dates of certificate rows as pages show them.
 */
#ifndef IDONEO_OFFICE_CERTIFICATES_H
#define IDONEO_OFFICE_CERTIFICATES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "domain/principal.h"

struct store;

json_t	*office_case_certificates(struct store *, const struct principal *,
	    int64_t case_id);
void	 office_cert_dates(json_t *rows);
void	 office_dates_it(json_t *row, const char *const *keys, size_t n);

#endif
