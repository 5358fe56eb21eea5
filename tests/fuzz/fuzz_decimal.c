/* Fuzz target: exact decimals and dates parse, print and parse back the same. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "domain/decimal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s = malloc(size + 1), out[DEC2_STRLEN], d[DATE_STRLEN];
	int64_t	 v, w;
	int	 day, day2;

	memcpy(s, data, size);
	s[size] = '\0';
	if (dec2_parse(s, &v) == DEC2_OK) {
		assert(v >= 0);
		dec2_format(v, out, ',');
		assert(dec2_parse(out, &w) == DEC2_OK && w == v);
	}
	if (date_parse(s, &day)) {
		date_format(day, d);
		assert(date_parse(d, &day2) && day2 == day);
	}
	free(s);
	return 0;
}
