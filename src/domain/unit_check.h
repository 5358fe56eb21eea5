/*
 * unit_check: what the cadastre says against what the applicant declares.
 *
 * The cadastre measures a dwelling in vani (DPR 1 dicembre 1949 n. 1142,
 * art. 45-52): every main room (bedroom, living room, kitchen, study)
 * counts one vano, the accessories that serve it directly (bathroom, WC,
 * corridor, entrance, box room, kitchenette) a third of a vano, and the
 * result is written in halves.  unit_check_vani counts the declared rooms
 * the same way, so that the two can be compared; a difference of more than
 * one vano is worth a look (a room added or split without a cadastral
 * variation).
 *
 * The superficie catastale (DPR 23 marzo 1998 n. 138, allegato C) is gross:
 * it includes walls and parts of balconies, so the net floor area the
 * applicant declares is normally smaller; the comune sets how far apart
 * they may be (area_tolerance_pct) before the case shows it.
 */
#ifndef IDONEO_UNIT_CHECK_H
#define IDONEO_UNIT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

enum unit_check {
	UNIT_CHECK_OK,
	UNIT_CHECK_WARN,
};

int64_t		 unit_check_vani(const char *const *uses, int n);
enum unit_check	 unit_check_rooms(int64_t cadastral_x100, int64_t declared_x100);
enum unit_check	 unit_check_area(int64_t superficie_m2, int64_t declared_x100,
		    int tolerance_pct, int *deviation_pct);

#endif
