/*
 * sms_text: how the network carries and bills a text message (3GPP TS
 * 23.038 and 23.040).  A text whose every character is in the GSM 7-bit
 * default alphabet, or its extension table (two septets each), goes as
 * GSM-7: 160 septets in one message, 153 a part when it is split (the
 * concatenation header takes the rest).  Any other character makes the
 * whole text UCS-2: 70 UTF-16 units in one message, 67 a part.  A part
 * never splits an escape pair or a surrogate pair, as senders do, so the
 * count is the one the operator bills.
 */
#ifndef IDONEO_SMS_TEXT_H
#define IDONEO_SMS_TEXT_H

#include <stddef.h>

enum sms_coding { SMS_GSM7, SMS_UCS2 };

struct sms_size {
	enum sms_coding	 coding;
	int		 units;		/* septets (GSM-7) or UTF-16 units */
	int		 segments;	/* messages billed */
};

int	 sms_measure(const char *utf8, struct sms_size *);
size_t	 sms_truncate(const char *utf8, size_t max_chars, char *out,
	    size_t outsz);

#endif
