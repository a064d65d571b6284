/*
 * clock.h - the time, pinned or real, and calendar dates.
 *
 * The current time comes from --now or GRIDKIT_NOW when given (tests
 * and back-fills pin it) and from the system clock otherwise.  Times are
 * stored as ISO 8601 with an offset, in the configured zone (China has
 * one offset, +08:00, and no daylight saving, so a fixed offset is
 * exact).  Dates are day numbers: days since 1970-01-01, proleptic
 * Gregorian, so date arithmetic is integer arithmetic.
 */
#ifndef GRIDKIT_CLOCK_H
#define GRIDKIT_CLOCK_H

#include <stddef.h>

typedef long long gk_time;	/* seconds since 1970-01-01T00:00:00Z */
typedef long gk_day;		/* days since 1970-01-01 */

#define CLOCK_ISO_MAX 32	/* "2026-11-29T08:00:00+08:00" and NUL */
#define DAY_ISO_MAX 11		/* "2026-11-29" and NUL */

/*
 * clock_parse parses an ISO 8601 time: "2026-11-29" (midnight local),
 * "2026-11-29T08:30", "2026-11-29 08:30:00", with seconds optional and
 * an optional zone "Z", "+08:00", "+0800", "+08" (default: the
 * configured offset).  The date and time must exist: no 2026-02-30, no
 * 24:00, no leap second.  Returns 0, or -1 with *why a static reason.
 */
int clock_parse(const char *s, gk_time *out, const char **why);

/* clock_set_offset sets the local offset in minutes east of UTC
 * (default 480, Asia/Shanghai).  clock_parse_offset reads "+08:00" (or
 * "+0800", "+08", "Z"; at most 18 hours) and returns 0, or -1. */
void clock_set_offset(int minutes);
int clock_offset(void);
int clock_parse_offset(const char *s, int *minutes);

/*
 * clock_pin pins the current time to s (from --now or GRIDKIT_NOW);
 * NULL unpins.  Returns 0, or -1 with *why when s does not parse.
 */
int clock_pin(const char *s, const char **why);

gk_time clock_now(void);
gk_day clock_today(void);		/* the local date of clock_now() */

/* clock_format writes t as "2026-11-29T08:00:00+08:00" (local offset). */
char *clock_format(gk_time t, char buf[CLOCK_ISO_MAX]);

/* The local date of a time, and midnight local time of a date. */
gk_day clock_day(gk_time t);
gk_time clock_midnight(gk_day d);

gk_day day_from_civil(int y, int m, int d);
void day_to_civil(gk_day day, int *y, int *m, int *d);
int day_weekday(gk_day day);		/* 1 Monday .. 7 Sunday */
int day_valid(int y, int m, int d);	/* a real date, years 1..9999 */

/*
 * day_parse parses a date: "2026-03-01", and the forms spreadsheets
 * export: "2026/3/1", "2026-3-1", "20260301", "2026.3.1", "2026年3月1日".  The date
 * must exist (no 2026-02-30); nothing may precede or follow it.
 * Returns 0, or -1 with *why a static reason.
 */
int day_parse(const char *s, gk_day *out, const char **why);
char *day_format(gk_day day, char buf[DAY_ISO_MAX]);

#endif
