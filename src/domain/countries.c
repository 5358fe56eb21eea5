/*
 * countries: the countries of ISO 3166-1 (alpha-2 codes) with their short
 * Italian names, as ISTAT and the Farnesina write them, and the continent
 * of each as the 2007 Prato report counted its users (Europe, Africa,
 * Asia, America, Oceania: the Americas are one, Oceania takes the
 * Antarctic islands, and the Caucasus and Turkey are in Asia).  Kosovo
 * has the user-assigned code XK, as the European Union uses it.
 */
#include <ctype.h>
#include <string.h>

#include "countries.h"

const char *const continent_names[CONTINENT__MAX] = {
	"Europe", "Africa", "Asia", "America", "Oceania",
};

const struct country countries[] = {
	{"AD", "Andorra", CONTINENT_EUROPE},
	{"AE", "Emirati Arabi Uniti", CONTINENT_ASIA},
	{"AF", "Afghanistan", CONTINENT_ASIA},
	{"AG", "Antigua e Barbuda", CONTINENT_AMERICA},
	{"AI", "Anguilla", CONTINENT_AMERICA},
	{"AL", "Albania", CONTINENT_EUROPE},
	{"AM", "Armenia", CONTINENT_ASIA},
	{"AO", "Angola", CONTINENT_AFRICA},
	{"AQ", "Antartide", CONTINENT_OCEANIA},
	{"AR", "Argentina", CONTINENT_AMERICA},
	{"AS", "Samoa Americane", CONTINENT_OCEANIA},
	{"AT", "Austria", CONTINENT_EUROPE},
	{"AU", "Australia", CONTINENT_OCEANIA},
	{"AW", "Aruba", CONTINENT_AMERICA},
	{"AX", "Isole Åland", CONTINENT_EUROPE},
	{"AZ", "Azerbaigian", CONTINENT_ASIA},
	{"BA", "Bosnia ed Erzegovina", CONTINENT_EUROPE},
	{"BB", "Barbados", CONTINENT_AMERICA},
	{"BD", "Bangladesh", CONTINENT_ASIA},
	{"BE", "Belgio", CONTINENT_EUROPE},
	{"BF", "Burkina Faso", CONTINENT_AFRICA},
	{"BG", "Bulgaria", CONTINENT_EUROPE},
	{"BH", "Bahrein", CONTINENT_ASIA},
	{"BI", "Burundi", CONTINENT_AFRICA},
	{"BJ", "Benin", CONTINENT_AFRICA},
	{"BL", "Saint-Barthélemy", CONTINENT_AMERICA},
	{"BM", "Bermuda", CONTINENT_AMERICA},
	{"BN", "Brunei", CONTINENT_ASIA},
	{"BO", "Bolivia", CONTINENT_AMERICA},
	{"BQ", "Caraibi olandesi", CONTINENT_AMERICA},
	{"BR", "Brasile", CONTINENT_AMERICA},
	{"BS", "Bahamas", CONTINENT_AMERICA},
	{"BT", "Bhutan", CONTINENT_ASIA},
	{"BV", "Isola Bouvet", CONTINENT_EUROPE},
	{"BW", "Botswana", CONTINENT_AFRICA},
	{"BY", "Bielorussia", CONTINENT_EUROPE},
	{"BZ", "Belize", CONTINENT_AMERICA},
	{"CA", "Canada", CONTINENT_AMERICA},
	{"CC", "Isole Cocos (Keeling)", CONTINENT_OCEANIA},
	{"CD", "Repubblica Democratica del Congo", CONTINENT_AFRICA},
	{"CF", "Repubblica Centrafricana", CONTINENT_AFRICA},
	{"CG", "Congo", CONTINENT_AFRICA},
	{"CH", "Svizzera", CONTINENT_EUROPE},
	{"CI", "Costa d'Avorio", CONTINENT_AFRICA},
	{"CK", "Isole Cook", CONTINENT_OCEANIA},
	{"CL", "Cile", CONTINENT_AMERICA},
	{"CM", "Camerun", CONTINENT_AFRICA},
	{"CN", "Cina", CONTINENT_ASIA},
	{"CO", "Colombia", CONTINENT_AMERICA},
	{"CR", "Costa Rica", CONTINENT_AMERICA},
	{"CU", "Cuba", CONTINENT_AMERICA},
	{"CV", "Capo Verde", CONTINENT_AFRICA},
	{"CW", "Curaçao", CONTINENT_AMERICA},
	{"CX", "Isola di Natale", CONTINENT_OCEANIA},
	{"CY", "Cipro", CONTINENT_EUROPE},
	{"CZ", "Cechia", CONTINENT_EUROPE},
	{"DE", "Germania", CONTINENT_EUROPE},
	{"DJ", "Gibuti", CONTINENT_AFRICA},
	{"DK", "Danimarca", CONTINENT_EUROPE},
	{"DM", "Dominica", CONTINENT_AMERICA},
	{"DO", "Repubblica Dominicana", CONTINENT_AMERICA},
	{"DZ", "Algeria", CONTINENT_AFRICA},
	{"EC", "Ecuador", CONTINENT_AMERICA},
	{"EE", "Estonia", CONTINENT_EUROPE},
	{"EG", "Egitto", CONTINENT_AFRICA},
	{"EH", "Sahara Occidentale", CONTINENT_AFRICA},
	{"ER", "Eritrea", CONTINENT_AFRICA},
	{"ES", "Spagna", CONTINENT_EUROPE},
	{"ET", "Etiopia", CONTINENT_AFRICA},
	{"FI", "Finlandia", CONTINENT_EUROPE},
	{"FJ", "Figi", CONTINENT_OCEANIA},
	{"FK", "Isole Falkland", CONTINENT_AMERICA},
	{"FM", "Micronesia", CONTINENT_OCEANIA},
	{"FO", "Isole Fær Øer", CONTINENT_EUROPE},
	{"FR", "Francia", CONTINENT_EUROPE},
	{"GA", "Gabon", CONTINENT_AFRICA},
	{"GB", "Regno Unito", CONTINENT_EUROPE},
	{"GD", "Grenada", CONTINENT_AMERICA},
	{"GE", "Georgia", CONTINENT_ASIA},
	{"GF", "Guyana francese", CONTINENT_AMERICA},
	{"GG", "Guernsey", CONTINENT_EUROPE},
	{"GH", "Ghana", CONTINENT_AFRICA},
	{"GI", "Gibilterra", CONTINENT_EUROPE},
	{"GL", "Groenlandia", CONTINENT_AMERICA},
	{"GM", "Gambia", CONTINENT_AFRICA},
	{"GN", "Guinea", CONTINENT_AFRICA},
	{"GP", "Guadalupa", CONTINENT_AMERICA},
	{"GQ", "Guinea Equatoriale", CONTINENT_AFRICA},
	{"GR", "Grecia", CONTINENT_EUROPE},
	{"GS", "Georgia del Sud e isole Sandwich australi", CONTINENT_AMERICA},
	{"GT", "Guatemala", CONTINENT_AMERICA},
	{"GU", "Guam", CONTINENT_OCEANIA},
	{"GW", "Guinea-Bissau", CONTINENT_AFRICA},
	{"GY", "Guyana", CONTINENT_AMERICA},
	{"HK", "Hong Kong", CONTINENT_ASIA},
	{"HM", "Isole Heard e McDonald", CONTINENT_OCEANIA},
	{"HN", "Honduras", CONTINENT_AMERICA},
	{"HR", "Croazia", CONTINENT_EUROPE},
	{"HT", "Haiti", CONTINENT_AMERICA},
	{"HU", "Ungheria", CONTINENT_EUROPE},
	{"ID", "Indonesia", CONTINENT_ASIA},
	{"IE", "Irlanda", CONTINENT_EUROPE},
	{"IL", "Israele", CONTINENT_ASIA},
	{"IM", "Isola di Man", CONTINENT_EUROPE},
	{"IN", "India", CONTINENT_ASIA},
	{"IO", "Territorio britannico dell'Oceano Indiano", CONTINENT_ASIA},
	{"IQ", "Iraq", CONTINENT_ASIA},
	{"IR", "Iran", CONTINENT_ASIA},
	{"IS", "Islanda", CONTINENT_EUROPE},
	{"IT", "Italia", CONTINENT_EUROPE},
	{"JE", "Jersey", CONTINENT_EUROPE},
	{"JM", "Giamaica", CONTINENT_AMERICA},
	{"JO", "Giordania", CONTINENT_ASIA},
	{"JP", "Giappone", CONTINENT_ASIA},
	{"KE", "Kenya", CONTINENT_AFRICA},
	{"KG", "Kirghizistan", CONTINENT_ASIA},
	{"KH", "Cambogia", CONTINENT_ASIA},
	{"KI", "Kiribati", CONTINENT_OCEANIA},
	{"KM", "Comore", CONTINENT_AFRICA},
	{"KN", "Saint Kitts e Nevis", CONTINENT_AMERICA},
	{"KP", "Corea del Nord", CONTINENT_ASIA},
	{"KR", "Corea del Sud", CONTINENT_ASIA},
	{"KW", "Kuwait", CONTINENT_ASIA},
	{"KY", "Isole Cayman", CONTINENT_AMERICA},
	{"KZ", "Kazakistan", CONTINENT_ASIA},
	{"LA", "Laos", CONTINENT_ASIA},
	{"LB", "Libano", CONTINENT_ASIA},
	{"LC", "Saint Lucia", CONTINENT_AMERICA},
	{"LI", "Liechtenstein", CONTINENT_EUROPE},
	{"LK", "Sri Lanka", CONTINENT_ASIA},
	{"LR", "Liberia", CONTINENT_AFRICA},
	{"LS", "Lesotho", CONTINENT_AFRICA},
	{"LT", "Lituania", CONTINENT_EUROPE},
	{"LU", "Lussemburgo", CONTINENT_EUROPE},
	{"LV", "Lettonia", CONTINENT_EUROPE},
	{"LY", "Libia", CONTINENT_AFRICA},
	{"MA", "Marocco", CONTINENT_AFRICA},
	{"MC", "Monaco", CONTINENT_EUROPE},
	{"MD", "Moldova", CONTINENT_EUROPE},
	{"ME", "Montenegro", CONTINENT_EUROPE},
	{"MF", "Saint-Martin", CONTINENT_AMERICA},
	{"MG", "Madagascar", CONTINENT_AFRICA},
	{"MH", "Isole Marshall", CONTINENT_OCEANIA},
	{"MK", "Macedonia del Nord", CONTINENT_EUROPE},
	{"ML", "Mali", CONTINENT_AFRICA},
	{"MM", "Myanmar", CONTINENT_ASIA},
	{"MN", "Mongolia", CONTINENT_ASIA},
	{"MO", "Macao", CONTINENT_ASIA},
	{"MP", "Isole Marianne Settentrionali", CONTINENT_OCEANIA},
	{"MQ", "Martinica", CONTINENT_AMERICA},
	{"MR", "Mauritania", CONTINENT_AFRICA},
	{"MS", "Montserrat", CONTINENT_AMERICA},
	{"MT", "Malta", CONTINENT_EUROPE},
	{"MU", "Mauritius", CONTINENT_AFRICA},
	{"MV", "Maldive", CONTINENT_ASIA},
	{"MW", "Malawi", CONTINENT_AFRICA},
	{"MX", "Messico", CONTINENT_AMERICA},
	{"MY", "Malaysia", CONTINENT_ASIA},
	{"MZ", "Mozambico", CONTINENT_AFRICA},
	{"NA", "Namibia", CONTINENT_AFRICA},
	{"NC", "Nuova Caledonia", CONTINENT_OCEANIA},
	{"NE", "Niger", CONTINENT_AFRICA},
	{"NF", "Isola Norfolk", CONTINENT_OCEANIA},
	{"NG", "Nigeria", CONTINENT_AFRICA},
	{"NI", "Nicaragua", CONTINENT_AMERICA},
	{"NL", "Paesi Bassi", CONTINENT_EUROPE},
	{"NO", "Norvegia", CONTINENT_EUROPE},
	{"NP", "Nepal", CONTINENT_ASIA},
	{"NR", "Nauru", CONTINENT_OCEANIA},
	{"NU", "Niue", CONTINENT_OCEANIA},
	{"NZ", "Nuova Zelanda", CONTINENT_OCEANIA},
	{"OM", "Oman", CONTINENT_ASIA},
	{"PA", "Panama", CONTINENT_AMERICA},
	{"PE", "Perù", CONTINENT_AMERICA},
	{"PF", "Polinesia francese", CONTINENT_OCEANIA},
	{"PG", "Papua Nuova Guinea", CONTINENT_OCEANIA},
	{"PH", "Filippine", CONTINENT_ASIA},
	{"PK", "Pakistan", CONTINENT_ASIA},
	{"PL", "Polonia", CONTINENT_EUROPE},
	{"PM", "Saint-Pierre e Miquelon", CONTINENT_AMERICA},
	{"PN", "Isole Pitcairn", CONTINENT_OCEANIA},
	{"PR", "Porto Rico", CONTINENT_AMERICA},
	{"PS", "Palestina", CONTINENT_ASIA},
	{"PT", "Portogallo", CONTINENT_EUROPE},
	{"PW", "Palau", CONTINENT_OCEANIA},
	{"PY", "Paraguay", CONTINENT_AMERICA},
	{"QA", "Qatar", CONTINENT_ASIA},
	{"RE", "Riunione", CONTINENT_AFRICA},
	{"RO", "Romania", CONTINENT_EUROPE},
	{"RS", "Serbia", CONTINENT_EUROPE},
	{"RU", "Russia", CONTINENT_EUROPE},
	{"RW", "Ruanda", CONTINENT_AFRICA},
	{"SA", "Arabia Saudita", CONTINENT_ASIA},
	{"SB", "Isole Salomone", CONTINENT_OCEANIA},
	{"SC", "Seychelles", CONTINENT_AFRICA},
	{"SD", "Sudan", CONTINENT_AFRICA},
	{"SE", "Svezia", CONTINENT_EUROPE},
	{"SG", "Singapore", CONTINENT_ASIA},
	{"SH", "Sant'Elena, Ascensione e Tristan da Cunha", CONTINENT_AFRICA},
	{"SI", "Slovenia", CONTINENT_EUROPE},
	{"SJ", "Svalbard e Jan Mayen", CONTINENT_EUROPE},
	{"SK", "Slovacchia", CONTINENT_EUROPE},
	{"SL", "Sierra Leone", CONTINENT_AFRICA},
	{"SM", "San Marino", CONTINENT_EUROPE},
	{"SN", "Senegal", CONTINENT_AFRICA},
	{"SO", "Somalia", CONTINENT_AFRICA},
	{"SR", "Suriname", CONTINENT_AMERICA},
	{"SS", "Sudan del Sud", CONTINENT_AFRICA},
	{"ST", "São Tomé e Príncipe", CONTINENT_AFRICA},
	{"SV", "El Salvador", CONTINENT_AMERICA},
	{"SX", "Sint Maarten", CONTINENT_AMERICA},
	{"SY", "Siria", CONTINENT_ASIA},
	{"SZ", "Eswatini", CONTINENT_AFRICA},
	{"TC", "Isole Turks e Caicos", CONTINENT_AMERICA},
	{"TD", "Ciad", CONTINENT_AFRICA},
	{"TF", "Terre australi e antartiche francesi", CONTINENT_AFRICA},
	{"TG", "Togo", CONTINENT_AFRICA},
	{"TH", "Thailandia", CONTINENT_ASIA},
	{"TJ", "Tagikistan", CONTINENT_ASIA},
	{"TK", "Tokelau", CONTINENT_OCEANIA},
	{"TL", "Timor Est", CONTINENT_ASIA},
	{"TM", "Turkmenistan", CONTINENT_ASIA},
	{"TN", "Tunisia", CONTINENT_AFRICA},
	{"TO", "Tonga", CONTINENT_OCEANIA},
	{"TR", "Turchia", CONTINENT_ASIA},
	{"TT", "Trinidad e Tobago", CONTINENT_AMERICA},
	{"TV", "Tuvalu", CONTINENT_OCEANIA},
	{"TW", "Taiwan", CONTINENT_ASIA},
	{"TZ", "Tanzania", CONTINENT_AFRICA},
	{"UA", "Ucraina", CONTINENT_EUROPE},
	{"UG", "Uganda", CONTINENT_AFRICA},
	{"UM", "Isole minori esterne degli Stati Uniti", CONTINENT_OCEANIA},
	{"US", "Stati Uniti", CONTINENT_AMERICA},
	{"UY", "Uruguay", CONTINENT_AMERICA},
	{"UZ", "Uzbekistan", CONTINENT_ASIA},
	{"VA", "Città del Vaticano", CONTINENT_EUROPE},
	{"VC", "Saint Vincent e Grenadine", CONTINENT_AMERICA},
	{"VE", "Venezuela", CONTINENT_AMERICA},
	{"VG", "Isole Vergini britanniche", CONTINENT_AMERICA},
	{"VI", "Isole Vergini americane", CONTINENT_AMERICA},
	{"VN", "Vietnam", CONTINENT_ASIA},
	{"VU", "Vanuatu", CONTINENT_OCEANIA},
	{"WF", "Wallis e Futuna", CONTINENT_OCEANIA},
	{"WS", "Samoa", CONTINENT_OCEANIA},
	{"XK", "Kosovo", CONTINENT_EUROPE},
	{"YE", "Yemen", CONTINENT_ASIA},
	{"YT", "Mayotte", CONTINENT_AFRICA},
	{"ZA", "Sudafrica", CONTINENT_AFRICA},
	{"ZM", "Zambia", CONTINENT_AFRICA},
	{"ZW", "Zimbabwe", CONTINENT_AFRICA},
	{NULL, NULL, CONTINENT_EUROPE},
};

/* Other names the counter writes for a country. */
static const struct {
	const char	*name, *code;
} aliases[] = {
	{"Repubblica Ceca", "CZ"}, {"Stati Uniti d'America", "US"},
	{"Federazione Russa", "RU"}, {"Moldavia", "MD"},
	{"Macedonia", "MK"}, {"Birmania", "MM"}, {"Olanda", "NL"},
	{"Gran Bretagna", "GB"}, {"Repubblica Popolare Cinese", "CN"},
	{"Corea, Repubblica di", "KR"}, {"Vaticano", "VA"},
	{"Swaziland", "SZ"}, {"Capoverde", "CV"}, {"Ivory Coast", "CI"},
	{NULL, NULL},
};

/*
 * A name folded for comparison: lower case, the accented Latin letters
 * of Italian names without their accents, spaces and apostrophes as one
 * space.
 */
static void
fold(const char *in, char *out, size_t size)
{
	static const struct { const char *from; char to; } acc[] = {
		{"à", 'a'}, {"á", 'a'}, {"å", 'a'}, {"Å", 'a'}, {"ã", 'a'},
		{"è", 'e'}, {"é", 'e'}, {"ì", 'i'}, {"í", 'i'}, {"ò", 'o'},
		{"ó", 'o'}, {"ø", 'o'}, {"ù", 'u'}, {"ú", 'u'}, {"ç", 'c'},
		{"æ", 'a'}, {"’", ' '},
	};
	size_t	 n = 0;

	while (*in != '\0' && n + 1 < size) {
		size_t	 k;
		char	 c = 0;

		for (k = 0; k < sizeof(acc) / sizeof(acc[0]); k++)
			if (strncmp(in, acc[k].from, strlen(acc[k].from)) == 0)
				break;
		if (k < sizeof(acc) / sizeof(acc[0])) {
			c = acc[k].to;
			in += strlen(acc[k].from);
		} else if (*in == '\'' || *in == '-' || isspace(
		    (unsigned char)*in)) {
			c = ' ';
			in++;
		} else
			c = (char)tolower((unsigned char)*in++);
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* The country of an ISO code ("CN", any case), or NULL. */
const struct country *
country_by_code(const char *code)
{
	for (const struct country *c = countries; code != NULL && c->code;
	    c++)
		if (strlen(code) == 2 && toupper((unsigned char)code[0]) ==
		    c->code[0] && toupper((unsigned char)code[1]) == c->code[1])
			return c;
	return NULL;
}

/*
 * The country a name stands for: its Italian name or a common other name,
 * in any case and with or without accents, or its code; NULL for none.
 */
const struct country *
country_by_name(const char *name)
{
	char	 want[128], have[128];

	if (name == NULL)
		return NULL;
	fold(name, want, sizeof(want));
	for (const struct country *c = countries; c->code; c++) {
		fold(c->name, have, sizeof(have));
		if (strcmp(want, have) == 0)
			return c;
	}
	for (size_t i = 0; aliases[i].name; i++) {
		fold(aliases[i].name, have, sizeof(have));
		if (strcmp(want, have) == 0)
			return country_by_code(aliases[i].code);
	}
	return country_by_code(name);
}

/* The ISO code of the country a name stands for, or NULL for none. */
const char *
country_code_of(const char *name)
{
	const struct country	*c = country_by_name(name);

	return c != NULL ? c->code : NULL;
}
