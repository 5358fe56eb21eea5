/*
 * address: Italian street addresses as people and registers write them,
 * brought to one form so that the cadastre, the anagrafe, the waste-tax
 * register and what a clerk types can be matched.
 *
 * An address is a DUG (denominazione urbanistica generica: VIA, PIAZZA …),
 * a DUF (the street's own name), a house number with its esponente (the
 * letter part, "12/A", "12 bis"), and optionally interno and scala (DPCM
 * 12 maggio 2016 art. 3; ANNCSU keeps number and esponente apart).  The
 * parser takes free text: "V.LE DELLA REPUBBLICA 12/a int. 3 sc. B",
 * "Piazza del Duomo, 4", "via roma n. 12 bis".  Letters become upper case
 * without accents; abbreviated DUGs are expanded (formats.md §5.4).
 *
 * The street key is the DUF without articles and prepositions ("DELLA
 * REPUBBLICA" → "REPUBBLICA"): registers disagree on those more than on
 * anything else.  address_score compares two addresses from 0 to 100.
 */
#ifndef IDONEO_ADDRESS_H
#define IDONEO_ADDRESS_H

#define ADDRESS_DUG_MAX		16
#define ADDRESS_NAME_MAX	128
#define ADDRESS_PART_MAX	12
#define ADDRESS_KEY_MAX		192

struct address {
	char	 dug[ADDRESS_DUG_MAX];		/* "VIA", "" if none */
	char	 name[ADDRESS_NAME_MAX];	/* "DELLA REPUBBLICA" */
	char	 street_key[ADDRESS_NAME_MAX];	/* "REPUBBLICA" */
	int	 number;			/* 0 when there is none */
	char	 esponente[ADDRESS_PART_MAX];	/* "A", "BIS", "" */
	char	 interno[ADDRESS_PART_MAX];
	char	 scala[ADDRESS_PART_MAX];
};

void		 address_parse(const char *in, struct address *out);
void		 address_parse_parts(const char *street, const char *number,
		    const char *esponente, const char *interno,
		    const char *scala, struct address *out);
void		 address_make(const char *dug, const char *name,
		    const char *number, struct address *out);
void		 address_house_number(const char *in, int *number,
		    char esponente[ADDRESS_PART_MAX]);
const char	*address_toponimo(int code);
void		 address_cadastral(const char *dug, const char *street,
		    const char *civico, struct address *);
void		 address_format(const struct address *,
		    char out[ADDRESS_KEY_MAX]);
int		 address_score(const struct address *query,
		    const struct address *candidate);

#endif
