/*
 * decimal: exact numbers with two decimals (areas in hundredths of m²,
 * heights in cm, money in cents).  Floating point never touches them: 27.90
 * against 28.00 m² is a real legal boundary (DM 5/7/1975 art. 3).
 */
#ifndef IDONEO_DECIMAL_H
#define IDONEO_DECIMAL_H

#include <stdbool.h>
#include <stdint.h>

#define DEC2_STRLEN	24

enum dec2_result {
	DEC2_OK,
	DEC2_EMPTY,
	DEC2_SYNTAX,	/* not a plain non-negative decimal number */
	DEC2_DECIMALS,	/* more than two decimals: refused, not rounded */
	DEC2_RANGE,	/* larger than 10,000,000 */
	DEC2__MAX
};

extern const char *const dec2_messages[DEC2__MAX];

enum dec2_result	 dec2_parse(const char *, int64_t *hundredths);
enum dec2_result	 dec2_parse_max(const char *, int64_t max,
			    int64_t *hundredths);
enum dec2_result	 dec2_from_double(double, int64_t *hundredths);
void			 dec2_format(int64_t, char out[DEC2_STRLEN], char sep);
void			 dec2_format_short(int64_t, char out[DEC2_STRLEN],
			    char sep);

#endif
