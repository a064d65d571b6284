/*
 * calendar.h - the working-day calendar.
 *
 * A working day is a Monday to Friday that is not a public holiday,
 * or a weekend day the State Council made a working day (调休).  The
 * holidays and make-up days of each year come from a data file, one
 * per year (etc/calendar/2026.cal), because the State Council announces
 * them each November or December.
 *
 * File format, one entry per line; '#' starts a comment:
 *
 *	year 2026
 *	holiday 2026-02-15..2026-02-23 春节 Spring Festival
 *	workday 2026-02-14 春节调休
 *
 * A date may be given as a range first..last; the rest of the line is
 * the note cal_note returns.  Every date must lie in the declared year,
 * and a file named NNNN.cal must declare year NNNN.
 *
 * A date in a year with no file, from 2000 to LUNAR_YEAR_MAX (lunar.h),
 * counts the statutory holidays of the national holiday regulation in
 * the revision of that year, the lunar festivals and Qingming computed,
 * with a holiday on a weekend made up on the next weekday (Art. 6 of the
 * regulation): as many working days as the State Council's notice will
 * give, though not always on the same dates.  The calendar warns once
 * per such year, naming the file it wanted ("no working-day calendar
 * for 2027 (wanted DIR/2027.cal); counting the statutory holidays of
 * the national regulation, make-up working days unknown until the State
 * Council notice is added").  Other years without a file count weekends
 * only, with the warning "...; counting weekends only".  A year is
 * computed when a lookup first touches it, which is why the lookups
 * take a calendar that is not const; a file loaded later replaces it.
 *
 * Every lookup costs O(1) (cal_add_workdays O(log n)), whatever the
 * span, once its years are there (computing one takes about half a
 * millisecond): deadlines over millions of cases call these.
 */
#ifndef GRIDKIT_CALENDAR_H
#define GRIDKIT_CALENDAR_H

#include "clock.h"

struct calendar;

struct calendar *cal_new(void);

/*
 * cal_load_file adds one year file.  Errors (file:line: message) are
 * reported, all of them, and the year is then not added: an unknown
 * directive, a bad date, a date outside the declared year, a range that
 * ends before it starts, a day both holiday and workday, a missing or
 * second 'year' line, a year loaded already.  A 'workday' that is a
 * Monday to Friday is only warned about.  Returns GK_OK, GK_NOINPUT
 * (cannot read the file) or GK_CONFIG.  The first file loaded sets the
 * directory named in the missing-year warning, unless cal_load_dir did.
 */
int cal_load_file(struct calendar *c, const char *path);

/* cal_load_dir loads every NNNN.cal file of dir in name order and
 * ignores other names.  A missing directory, or any bad file, is
 * GK_CONFIG and *out is NULL.  On success *out is a calendar to free
 * with cal_free. */
int cal_load_dir(struct calendar **out, const char *dir);

void cal_free(struct calendar *c);

/* 1 when d is a working day, 0 when not. */
int cal_is_workday(struct calendar *c, gk_day d);

/* The holiday name of d ("春节 Spring Festival"), the make-up note of a
 * worked weekend day, or NULL. */
const char *cal_note(struct calendar *c, gk_day d);

/* cal_add_workdays returns the n-th working day after d (n >= 1); with
 * n == 0, d itself when a working day, else the next working day; with
 * n < 0, the -n-th working day before d. */
gk_day cal_add_workdays(struct calendar *c, gk_day d, int n);

/* cal_workdays_between counts the working days in (a, b]; negative when
 * b < a. */
long cal_workdays_between(struct calendar *c, gk_day a, gk_day b);

/* The years loaded from files, in order, for messages (computed years
 * are not among them): fills years (up to n), returns how many there
 * are. */
size_t cal_years(const struct calendar *c, int *years, size_t n);

#endif
