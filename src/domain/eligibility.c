/*
 * eligibility: maximum occupants of a dwelling.  See eligibility.h.
 *
 * The order of the checks follows the DM: the bathroom (art. 7), each
 * habitable room's height (art. 1) and window (art. 5), then either the
 * single-room rule (art. 3) or the surface per inhabitant, the living room
 * and the bedrooms (art. 2).  Each check adds one line to the explanation,
 * written so that a clerk can read it to the applicant.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "eligibility.h"
#include "i18n.h"
#include "names.h"

const char *const elig_binding_names[BIND__MAX] = {
	"none", "surface", "bedrooms", "surface_and_bedrooms", "single_room",
	"no_living_room", "no_bathroom", "failing_room", "no_habitable_room",
};

/* The room uses and the fixtures, indexed by their enums, with labels. */
const struct choice elig_uses[USE__MAX + 1] = {
	[USE_LIVING] = {"living", N_("Soggiorno")},
	[USE_BEDROOM] = {"bedroom", N_("Camera da letto")},
	[USE_KITCHEN] = {"kitchen", N_("Cucina")},
	[USE_STUDY] = {"study", N_("Studio")},
	[USE_KITCHENETTE] = {"kitchenette", N_("Angolo cottura")},
	[USE_BATHROOM] = {"bathroom", N_("Bagno")},
	[USE_WC] = {"wc", N_("WC")},
	[USE_CORRIDOR] = {"corridor", N_("Corridoio / ingresso")},
	[USE_STORAGE] = {"storage", N_("Ripostiglio")},
	[USE_OTHER] = {"other", N_("Altro")},
	[USE__MAX] = {NULL, NULL},
};

const struct choice elig_fixtures[FIX__MAX + 1] = {
	[FIX_WC] = {"wc", N_("vaso")},
	[FIX_BIDET] = {"bidet", N_("bidet")},
	[FIX_BASIN] = {"basin", N_("lavabo")},
	[FIX_BATH] = {"bath", N_("vasca")},
	[FIX_SHOWER] = {"shower", N_("doccia")},
	[FIX__MAX] = {NULL, NULL},
};

/* The national rules read as Prato reads them: see the header. */
void
elig_rules_dm1975(struct elig_rules *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->id, sizeof(r->id), "dm1975");
	r->version = 1;
	r->basis = BASIS_HABITABLE;
	r->failing = FAILING_EXCLUDE;
	r->regime = REGIME_FORMULA;
	r->kitchen_habitable = true;
	r->bedrooms_bind = true;
	r->height_cm = 270;
	r->mountain_height_cm = 255;
	r->accessory_height_cm = 240;
	r->salva_height_cm = 240;
	r->first_area = 1400;
	r->first_persons = 4;
	r->next_area = 1000;
	r->single_bedroom = 900;
	r->double_bedroom = 1400;
	r->living_min = 1400;
	r->studio_one = 2800;
	r->studio_two = 3800;
	r->salva_studio_one = 2000;
	r->salva_studio_two = 2800;
	r->window_num = 1;
	r->window_den = 8;
}

int
elig_use_from_name(const char *s)
{
	return choice_index(elig_uses, s);
}

int
elig_fixture_from_name(const char *s)
{
	return choice_index(elig_fixtures, s);
}

/*
 * The fixtures of a room as the rooms table keeps them, "wc,bidet" (in the
 * order of enum elig_fixture), to bits; unknown names are skipped.
 */
unsigned
elig_fixtures_parse(const char *p)
{
	unsigned bits = 0;

	while (p != NULL && *p != '\0') {
		size_t	 n = strcspn(p, ",");

		for (int f = 0; f < FIX__MAX; f++)
			if (strlen(elig_fixtures[f].value) == n &&
			    strncmp(elig_fixtures[f].value, p, n) == 0)
				bits |= 1u << f;
		p += n + (p[n] == ',');
	}
	return bits;
}

/* The bits back as text, "wc,bidet"; "" for none. */
void
elig_fixtures_text(unsigned bits, char out[ELIG_FIXTURES_STRLEN])
{
	size_t	 len = 0;

	out[0] = '\0';
	for (int f = 0; f < FIX__MAX; f++)
		if (bits & (1u << f))
			len += (size_t)snprintf(out + len,
			    ELIG_FIXTURES_STRLEN - len, "%s%s",
			    len > 0 ? "," : "", elig_fixtures[f].value);
}

/*
 * The surface persons need: DM art. 2, 14 m² each for the first four and
 * 10 m² for each further one (14, 28, 42, 56, 66, 76 …); or the rule set's
 * table (Bologna: 28, 38, 42, 56, then +10 m²).
 */
int64_t
elig_required_surface(const struct elig_rules *r, int n)
{
	if (n <= 0)
		return 0;
	if (r->regime == REGIME_TABLE && r->ntable > 0) {
		if (n <= r->ntable)
			return r->table[n - 1];
		return r->table[r->ntable - 1] +
		    r->table_step * (int64_t)(n - r->ntable);
	}
	if (n <= r->first_persons)
		return r->first_area * n;
	return r->first_area * r->first_persons +
	    r->next_area * (int64_t)(n - r->first_persons);
}

/* The largest n whose required surface fits in area (inclusive). */
int
elig_surface_capacity(const struct elig_rules *r, int64_t area)
{
	int	 n = 0;

	while (n < 1000 && elig_required_surface(r, n + 1) <= area)
		n++;
	return n;
}

static void
say(struct elig_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct elig_result *out, const char *fmt, ...)
{
	va_list	 ap;

	if (out->nlines == ELIG_MAX_LINES)
		return;
	va_start(ap, fmt);
	vsnprintf(out->lines[out->nlines++], ELIG_LINE, fmt, ap);
	va_end(ap);
}

/* "8,90" for 890 hundredths; "2,70" for 270 cm. */
static const char *
m2(int64_t v, char buf[DEC2_STRLEN])
{
	dec2_format(v, buf, ',');
	return buf;
}

/* A threshold as the law writes it: "9 m²", "2,70 m", "27,50 m²". */
static const char *
lim(int64_t v, char buf[DEC2_STRLEN])
{
	dec2_format(v, buf, ',');
	if (v % 100 == 0)
		buf[strlen(buf) - 3] = '\0';
	return buf;
}

static bool
habitable_use(const struct elig_rules *r, enum elig_use u)
{
	return u == USE_LIVING || u == USE_BEDROOM || u == USE_STUDY ||
	    (u == USE_KITCHEN && r->kitchen_habitable);
}

static int
min_height(const struct elig_rules *r)
{
	if (r->salva_casa)
		return r->salva_height_cm;
	if (r->mountain)
		return r->mountain_height_cm;
	return r->height_cm;
}

/*
 * Checks a bathroom against art. 7 (vaso, bidet, lavabo, vasca or doccia;
 * a window or mechanical extraction) and art. 1 (2.40 m).  Explains why it
 * is not complete; returns whether it is.
 */
static bool
bathroom_complete(const struct elig_rules *r, const struct elig_room *b,
    struct elig_result *out)
{
	char	 missing[160] = "", h[DEC2_STRLEN], want[DEC2_STRLEN];
	bool	 ok = true;

	for (int f = FIX_WC; f <= FIX_BASIN; f++)
		if (!(b->fixtures & (1u << f))) {
			snprintf(missing + strlen(missing),
			    sizeof(missing) - strlen(missing), "%s%s",
			    missing[0] ? ", " : "", _(elig_fixtures[f].label));
			ok = false;
		}
	if (!(b->fixtures & ((1u << FIX_BATH) | (1u << FIX_SHOWER)))) {
		snprintf(missing + strlen(missing), sizeof(missing) -
		    strlen(missing), "%s%s", missing[0] ? ", " : "",
		    _("vasca o doccia"));
		ok = false;
	}
	if (!ok)
		say(out, _("%s: manca %s, non è un bagno completo (DM 5/7/1975 "
		    "art. 7)"), b->name, missing);
	if (b->window <= 0 && !b->extraction) {
		say(out, _("%s: senza finestra né aspirazione meccanica "
		    "(DM 5/7/1975 art. 7)"), b->name);
		ok = false;
	}
	if (b->height < r->accessory_height_cm) {
		say(out, _("%s: altezza %s m < %s m (DM 5/7/1975 art. 1)"),
		    b->name, m2(b->height, h), lim(r->accessory_height_cm, want));
		ok = false;
	}
	if (ok)
		say(out, _("%s: bagno completo con %s (DM 5/7/1975 art. 7)"),
		    b->name, b->window > 0 ? _("finestra") :
		    _("aspirazione meccanica"));
	return ok;
}

/*
 * Checks a habitable room's height (art. 1) and openable window, at least
 * 1/8 of the floor (art. 5).  Explains a failure; returns whether it passes.
 */
static bool
room_qualifies(const struct elig_rules *r, const struct elig_room *x,
    struct elig_result *out)
{
	char	 a[DEC2_STRLEN], b[DEC2_STRLEN];
	bool	 ok = true;
	const char *consequence = r->failing == FAILING_REJECT ?
	    _("l'alloggio non è idoneo") : _("la stanza non conta");

	if (x->height < min_height(r)) {
		say(out, _("%s: altezza %s m < %s m, %s (DM 5/7/1975 art. 1)"),
		    x->name, m2(x->height, a), lim(min_height(r), b),
		    consequence);
		ok = false;
	}
	/* window / area >= num / den, without division. */
	if (x->window * r->window_den < x->area * r->window_num) {
		int64_t need = (x->area * r->window_num + r->window_den - 1) /
		    r->window_den;

		say(out, _("%s: finestra apribile %s m² < %d/%d della superficie "
		    "(%s m²), %s (DM 5/7/1975 art. 5)"), x->name, m2(x->window, a),
		    r->window_num, r->window_den, m2(need, b), consequence);
		ok = false;
	}
	return ok;
}

/* Single-room dwelling: DM art. 3, surface including services. */
static void
single_room(const struct elig_rules *r, const struct elig_room *room,
    bool qualifies, struct elig_result *out)
{
	int64_t	 one = r->salva_casa ? r->salva_studio_one : r->studio_one;
	int64_t	 two = r->salva_casa ? r->salva_studio_two : r->studio_two;
	char	 t[DEC2_STRLEN], a[DEC2_STRLEN], b[DEC2_STRLEN];
	int	 n;

	if (!qualifies) {
		out->binding = BIND_FAILING_ROOM;
		say(out, _("Monolocale: l'unica stanza abitabile non ha i "
		    "requisiti, nessun occupante"));
		return;
	}
	n = out->total_area >= two ? 2 : out->total_area >= one ? 1 : 0;
	out->surface_capacity = n;
	out->bedroom_capacity = n;
	out->max_occupants = n;
	out->binding = BIND_STUDIO;
	say(out, _("Monolocale (%s): superficie complessiva con i servizi "
	    "%s m²; servono %s m² per una persona e %s m² per due "
	    "(DM 5/7/1975 art. 3%s): %d"), room->name, m2(out->total_area, t),
	    lim(one, a), lim(two, b), r->salva_casa ? _(", con le deroghe del "
	    "DL 69/2024") : "", n);
}

/*
 * Evaluates the dwelling d under the rules r.  The result holds the number,
 * its parts, what limits it, and the explanation, one line per rule.
 */
void
elig_evaluate(const struct elig_rules *r, const struct elig_dwelling *d,
    struct elig_result *out)
{
	char		 a[DEC2_STRLEN], b[DEC2_STRLEN];
	bool		 bath = false, living = false, failing = false;
	bool		 ok[ELIG_MAX_ROOMS];
	int		 nhab = 0, beds = 0, first_hab = -1, ns, n;

	memset(out, 0, sizeof(*out));
	snprintf(out->rules_id, sizeof(out->rules_id), "%s", r->id);
	out->rules_version = r->version;

	for (int i = 0; i < d->nrooms; i++)
		out->total_area += d->rooms[i].area;

	/*
	 * One line per room, in the order given: bathrooms against art. 7,
	 * habitable rooms against arts. 1 and 5, accessory rooms noted.
	 */
	for (int i = 0; i < d->nrooms; i++) {
		const struct elig_room *x = &d->rooms[i];

		ok[i] = false;
		if (x->use == USE_BATHROOM || x->use == USE_WC) {
			bath |= bathroom_complete(r, x, out);
			continue;
		}
		if (!habitable_use(r, x->use)) {
			if (r->basis == BASIS_HABITABLE)
				say(out, _("%s: %s m², locale accessorio o di "
				    "servizio: non conta nella superficie "
				    "abitabile"), x->name, m2(x->area, a));
			continue;
		}
		nhab++;
		if (first_hab < 0)
			first_hab = i;
		ok[i] = room_qualifies(r, x, out);
		if (!ok[i]) {
			failing = true;
			continue;
		}
		out->habitable_area += x->area;
		if (x->use == USE_KITCHEN || x->use == USE_STUDY)
			say(out, _("%s: %s m², altezza e finestra regolari: conta "
			    "nella superficie abitabile"), x->name,
			    m2(x->area, a));
	}
	if (!bath)
		say(out, _("Nessun bagno completo con vaso, bidet, lavabo e "
		    "vasca o doccia (DM 5/7/1975 art. 7)"));

	if (nhab == 0) {
		out->binding = BIND_NO_HABITABLE;
		say(out, _("Nessuna stanza abitabile (soggiorno, camera, cucina, "
		    "studio): nessun occupante"));
		goto done;
	}
	if (failing && r->failing == FAILING_REJECT) {
		out->binding = BIND_FAILING_ROOM;
		say(out, _("Le regole del comune escludono l'alloggio se una "
		    "stanza abitabile non ha i requisiti"));
		goto done;
	}
	if (nhab == 1) {
		single_room(r, &d->rooms[first_hab], ok[first_hab], out);
		out->surface_used = out->total_area;
		if (!bath) {
			out->max_occupants = 0;
			out->binding = BIND_NO_BATHROOM;
		}
		goto done;
	}

	/* Art. 2: living room, surface per inhabitant, bedrooms. */
	for (int i = 0; i < d->nrooms; i++) {
		const struct elig_room *x = &d->rooms[i];

		if (x->use == USE_LIVING && ok[i]) {
			if (x->area >= r->living_min) {
				living = true;
				say(out, _("%s: soggiorno di %s m² ≥ %s m² "
				    "(DM 5/7/1975 art. 2)"), x->name,
				    m2(x->area, a), lim(r->living_min, b));
			} else
				say(out, _("%s: %s m² < %s m², non vale come "
				    "soggiorno; conta come superficie abitabile "
				    "(DM 5/7/1975 art. 2)"), x->name,
				    m2(x->area, a), lim(r->living_min, b));
		}
		if (x->use != USE_BEDROOM || !ok[i])
			continue;
		if (x->area >= r->double_bedroom) {
			beds += 2;
			say(out, _("%s: %s m² ≥ %s m², camera per due persone "
			    "(DM 5/7/1975 art. 2)"), x->name, m2(x->area, a),
			    lim(r->double_bedroom, b));
		} else if (x->area >= r->single_bedroom) {
			beds += 1;
			say(out, _("%s: %s m² ≥ %s m², camera per una persona "
			    "(DM 5/7/1975 art. 2)"), x->name, m2(x->area, a),
			    lim(r->single_bedroom, b));
		} else
			say(out, _("%s: %s m² < %s m², non è una camera da letto; "
			    "conta come superficie abitabile (DM 5/7/1975 "
			    "art. 2)"), x->name, m2(x->area, a),
			    lim(r->single_bedroom, b));
	}
	if (!living)
		say(out, _("Manca un soggiorno di almeno %s m² (DM 5/7/1975 "
		    "art. 2)"), lim(r->living_min, a));

	out->surface_used = r->basis == BASIS_HABITABLE ? out->habitable_area :
	    out->total_area;
	ns = elig_surface_capacity(r, out->surface_used);
	out->surface_capacity = ns;
	out->bedroom_capacity = beds;
	if (r->regime == REGIME_TABLE)
		say(out, _("Superficie %s %s m²: secondo la tabella del comune "
		    "bastano per %d persone (per %d ne servono %s m²)"),
		    r->basis == BASIS_HABITABLE ? _("abitabile") :
		    _("complessiva"), m2(out->surface_used, a), ns, ns + 1,
		    lim(elig_required_surface(r, ns + 1), b));
	else
		say(out, _("Superficie %s %s m²: bastano per %d persone (14 m² "
		    "a testa per le prime 4, 10 m² per ciascuna delle "
		    "successive; per %d ne servono %s m²) (DM 5/7/1975 art. 2)"),
		    r->basis == BASIS_HABITABLE ? _("abitabile") :
		    _("complessiva"), m2(out->surface_used, a), ns, ns + 1,
		    lim(elig_required_surface(r, ns + 1), b));
	say(out, _("Posti letto nelle camere: %d (DM 5/7/1975 art. 2)"), beds);

	if (!bath) {
		out->binding = BIND_NO_BATHROOM;
		goto done;
	}
	if (!living) {
		out->binding = BIND_NO_LIVING;
		goto done;
	}
	n = ns;
	out->binding = BIND_SURFACE;
	if (r->bedrooms_bind) {
		if (beds < ns) {
			n = beds;
			out->binding = BIND_BEDROOMS;
		} else if (beds == ns)
			out->binding = BIND_BOTH;
	}
	out->max_occupants = n;
done:
	if (out->binding == BIND_NO_BATHROOM || out->binding == BIND_NO_LIVING ||
	    out->binding == BIND_FAILING_ROOM ||
	    out->binding == BIND_NO_HABITABLE)
		out->max_occupants = 0;
	switch (out->binding) {
	case BIND_SURFACE:
		say(out, _("Numero massimo di occupanti: %d, limitato dalla "
		    "superficie"), out->max_occupants);
		break;
	case BIND_BEDROOMS:
		say(out, _("Numero massimo di occupanti: %d, limitato dalle "
		    "camere da letto"), out->max_occupants);
		break;
	case BIND_BOTH:
		say(out, _("Numero massimo di occupanti: %d (superficie e camere "
		    "danno lo stesso numero)"), out->max_occupants);
		break;
	default:
		say(out, _("Numero massimo di occupanti: %d"),
		    out->max_occupants);
		break;
	}
	out->places_available = out->max_occupants - d->residents;
	if (out->places_available < 0)
		out->places_available = 0;
	out->fits = d->requested <= out->places_available;
	if (d->residents > 0 || d->requested > 0)
		say(out, _("Residenti attuali %d, posti ancora disponibili %d; "
		    "persone da ospitare %d: %s"), d->residents,
		    out->places_available, d->requested, out->fits ?
		    _("rientrano") : _("non rientrano"));
}
