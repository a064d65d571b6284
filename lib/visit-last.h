/*
 * visit-last.h - the last patrol visit of a grid member to a grid
 * (Art. 6: the whole grid at least once a week), as roster-audit asks
 * it.  Part of the event module (event.h owns the visits table); kept
 * in a file of its own so the question has one answer.
 */
#ifndef GRIDKIT_VISIT_LAST_H
#define GRIDKIT_VISIT_LAST_H

#include "clock.h"

struct db;

/*
 * visit_last sets *last to the day of staff's last recorded visit to
 * grid on or before day: 1, 0 when there is none, or -status after
 * reporting.  One index seek (the visits table is keyed by staff, grid
 * and day), so a province's roster asks it once per member.
 */
int visit_last(struct db *db, long long staff, const char *grid, gk_day day,
    gk_day *last);

#endif
