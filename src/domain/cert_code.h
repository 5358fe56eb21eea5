/*
 * cert_code: the certificate's verification code, printed beside its QR
 * code for a person to type: twelve capital letters in three groups of
 * four ("KHRT-MWAC-PXEN"), from an alphabet without the letters that read
 * as digits or as each other (B 8, G 6, I 1, O 0 Q, S 5, Z 2).
 */
#ifndef IDONEO_CERT_CODE_H
#define IDONEO_CERT_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define CERT_CODE_LEN		12
#define CERT_CODE_STRLEN	(CERT_CODE_LEN + 1)
#define CERT_CODE_SHOWN_STRLEN	(CERT_CODE_LEN + 3)	/* with two dashes */

extern const char cert_code_alphabet[];

bool	 cert_code_normalize(const char *typed, char out[CERT_CODE_STRLEN]);
void	 cert_code_show(const char *code, char out[CERT_CODE_SHOWN_STRLEN]);

#endif
