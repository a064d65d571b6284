/*
 * deadline.h - the time limits of the closed loop (Art. 13(3)) and the
 * arithmetic of due times and lights on the working-day calendar.
 *
 * The table ships in etc/case/deadlines.tsv (gridkit(5)); a county may
 * replace it (case.deadlines).  Columns: group (a category group of
 * category.h), severity, level (village, township, county, department),
 * step (the step the case is at: the limit is for doing the next one),
 * limit ("3d": working days of the calendar; "24h": hours around the
 * clock), source (where the value comes from; not read).  group, level
 * and step may be "*"; among the rows matching a case, the one with an
 * exact group wins, then an exact level, then an exact step.
 *
 * A limit of N working days started at time t ends at the end (24:00)
 * of the N-th working day after t's day; one of N hours N hours after
 * t.  The share of a limit used is measured in working time (the
 * seconds of working days) for working-day limits, in clock time for
 * hour limits.  The light: green below 70% used, yellow from 70%, red
 * once the due time has passed (overdue).
 */
#ifndef GRIDKIT_DEADLINE_H
#define GRIDKIT_DEADLINE_H

#include "clock.h"

struct calendar;
struct deadlines;

/* One limit. */
struct deadline_limit {
	int amount;		/* how many */
	int hours;		/* 1: clock hours; 0: working days */
};

/* The lights; the values of VOCAB_LIGHT. */
enum deadline_light {
	LIGHT_GREEN = 1,
	LIGHT_YELLOW = 2,
	LIGHT_RED = 3
};

/*
 * deadline_load reads the table at path; every bad row is reported at
 * its line.  Returns GK_OK with *out (free with deadline_free),
 * or GK_CONFIG.
 */
int deadline_load(struct deadlines **out, const char *path);
void deadline_free(struct deadlines *d);

/* deadline_parse_limit reads "3d" or "24h" (1 to 9999): 0, or -1. */
int deadline_parse_limit(const char *s, struct deadline_limit *out);
/* "3d" or "24h" into buf (16 bytes). */
char *deadline_format_limit(const struct deadline_limit *l, char buf[16]);

/*
 * deadline_find sets *out to the limit for a case of category group,
 * severity (canonical), at level ("village", "township", "county" or
 * "department") and step (1 to 5): 1, or 0 when no row matches (the
 * step has no limit).
 */
int deadline_find(const struct deadlines *d, const char *group,
    const char *severity, const char *level, int step,
    struct deadline_limit *out);

/* deadline_due returns the due time of limit l started at start. */
gk_time deadline_due(struct calendar *cal, const struct deadline_limit *l,
    gk_time start);

/* deadline_worktime returns the seconds of [a, b) that fall on working
 * days (0 when b <= a). */
gk_time deadline_worktime(struct calendar *cal, gk_time a, gk_time b);

/* deadline_light returns the light at now of a limit l started at start
 * and due at due. */
enum deadline_light deadline_light(struct calendar *cal,
    const struct deadline_limit *l, gk_time start, gk_time due, gk_time now);

#endif
