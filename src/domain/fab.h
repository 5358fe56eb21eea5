/*
 * fab: one line of a cadastral "fabbricati" file (.FAB), the supply the
 * Agenzia delle Entrate gives comuni ("Forniture dati catastali censuari",
 * DOC. ES-23-IS-05 of 10 September 2009, §3.1).
 *
 * A line is a record of type 1 to 5, its fields separated by '|', with no
 * quoting and an optional trailing '|'.  Every record starts with the same
 * six fields: comune (Belfiore code), sezione, identificativo immobile, tipo
 * immobile ('F'), progressivo (the successive situations of one unit) and
 * tipo record.  The unit is the triple (comune, sezione, identificativo);
 * the records of one situation share its progressivo.
 *
 *   1  characteristics: category "A02", classe, consistenza, superficie,
 *      rendita, floors, the acts that opened and closed the situation
 *   2  identifiers: groups of (sezione urbana, foglio, numero,
 *      denominatore, subalterno, edificialità); several groups = units
 *      merged together ("graffate")
 *   3  addresses: groups of (toponimo code, street, civico 1-3, street code)
 *   4  shared parts, 5  reserves: counted, not kept
 *
 * Decimals are written with a comma, dates as DDMMYYYY, numbers often with
 * leading zeros, and accents as the letter followed by a backtick
 * ("SOCIETA`"); fab_parse turns those into UTF-8.  The parser works on the
 * line in place and keeps no pointer into it.
 */
#ifndef IDONEO_FAB_H
#define IDONEO_FAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAB_LINE_MAX		4096	/* longer lines are refused */
#define FAB_IDENTS_MAX		10	/* "TABELLA IDENTIFICATIVI (max 10)" */
#define FAB_ADDRESSES_MAX	4
#define FAB_TEXT_MAX		401	/* 200 characters, each up to 2 bytes */
#define FAB_STREET_MAX		101	/* 50 characters */

enum fab_error {
	FAB_OK,
	FAB_EMPTY,		/* an empty line */
	FAB_TOO_LONG,		/* longer than FAB_LINE_MAX */
	FAB_FIELD_COUNT,	/* wrong number of fields for the type */
	FAB_COMUNE,		/* not a letter and three digits */
	FAB_SEZIONE,		/* more than one character */
	FAB_IMMOBILE,		/* identificativo not 1-15 digits */
	FAB_TIPO,		/* tipo immobile is not F */
	FAB_PROGRESSIVO,	/* not 1-3 digits */
	FAB_RECORD_TYPE,	/* not 1-5 */
	FAB_CATEGORY,		/* not a letter A-F and one or two digits */
	FAB_NUMBER,		/* a number that is not one */
	FAB_DATE,		/* not DDMMYYYY or not a day of the calendar */
	FAB_LENGTH,		/* a field longer than the layout allows */
	FAB_EDIFICIALITA,	/* 'E' with a numero not starting with '.' */
	FAB_BYTES,		/* a control character inside a field */
	FAB__MAX
};

/* Unit of the consistenza, by the first letter of the category. */
enum fab_measure {
	FAB_MEASURE_NONE,	/* D, E, F: no consistenza */
	FAB_MEASURE_VANI,	/* A: rooms, in halves */
	FAB_MEASURE_M3,		/* B */
	FAB_MEASURE_M2,		/* C */
	FAB_MEASURE__MAX
};

struct fab_ident {
	char	 sezione_urbana[4];
	char	 foglio[5];		/* leading zeros stripped */
	char	 particella[7];		/* "numero", leading zeros stripped */
	char	 denominatore[5];
	char	 subalterno[5];		/* leading zeros stripped */
	char	 edificialita[2];
};

struct fab_address {
	int	 toponimo;		/* code, -1 if empty (address.h) */
	char	 street[FAB_STREET_MAX];	/* UTF-8 */
	char	 civico[3][7];		/* as written, leading zeros stripped */
	int	 codice_strada;		/* -1 if empty */
};

struct fab_record {
	char		 comune[5];
	char		 sezione[2];	/* "" when the file has ' ' */
	int64_t		 immobile;
	int		 progressivo;
	int		 type;

	/* Type 1. */
	char		 zona[4];
	char		 category[6];	/* "A/2", "" if none */
	char		 classe[3];
	int64_t		 consistenza;	/* hundredths; -1 if empty */
	enum fab_measure measure;
	int64_t		 superficie;	/* m², -1 if empty */
	int64_t		 rendita_cents;	/* -1 if empty */
	char		 lotto[3], edificio[3], scala[3];
	char		 interno[2][4];
	char		 piano[4][5];
	char		 opened_on[11];	/* "YYYY-MM-DD" or "" */
	char		 closed_on[11];
	bool		 closed;	/* the atto conclusivo is filled */
	char		 partita[8];
	char		 annotazione[FAB_TEXT_MAX];
	char		 flag_classamento[2];

	/* Type 2 and 3. */
	int		 n_idents;
	struct fab_ident idents[FAB_IDENTS_MAX];
	int		 n_addresses;
	struct fab_address addresses[FAB_ADDRESSES_MAX];

	/* Types 4 and 5: how many groups the line had. */
	int		 n_groups;

	/* On error: the 1-based field that was wrong, 0 for the whole line. */
	int		 bad_field;
};

extern const char *const fab_messages[FAB__MAX];
extern const char *const fab_measure_names[FAB_MEASURE__MAX];
extern const char *const fab_measure_units[FAB_MEASURE__MAX];

enum fab_error	 fab_parse(char *line, struct fab_record *r);
bool		 fab_residential(const char *category);
void		 fab_text(const char *in, size_t len, char *out, size_t outsz);
void		 fab_utf8(const char *in, size_t len, char *out, size_t outsz);

#endif
