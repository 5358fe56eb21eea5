/*
 * protocol_label: see protocol_label.h.
 */
#include <stdio.h>

#include "protocol_label.h"

/*
 * DPR 445/2000 art. 57: the protocol number is progressive, of at least
 * seven digits, and starts again each solar year; the year goes with it.
 */
void
protocol_label(int64_t year, int64_t no, char *out, size_t size)
{
	snprintf(out, size, "%lld/%07lld", (long long)year, (long long)no);
}
