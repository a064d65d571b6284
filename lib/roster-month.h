/*
 * roster-month.h - who was staff in a month: what a payroll of that
 * month is checked against (Art. 17-19).
 *
 * Part of the staff family of tables (people, assignments, grids): the
 * SQL is here, beside the other owners of those tables, so no checker
 * reads them itself.
 */
#ifndef GRIDKIT_ROSTER_MONTH_H
#define GRIDKIT_ROSTER_MONTH_H

#include "clock.h"

struct db;

/* One assignment that was in force some day of the month. */
struct roster_month_row {
	long long person;	/* the staff id (people.id) */
	const char *id_number;	/* GB 11643, unmasked: the caller masks */
	const char *name;	/* real name */
	const char *role;	/* canonical role: leader, full_time, ... */
	const char *grid;	/* 15-digit grid code */
	const char *kind;	/* the grid's kind: urban, rural, dedicated */
	const char *county;	/* the grid's 6-digit county code */
};

/*
 * roster_month calls fn for every assignment in force on at least one
 * day from first to last (started on or before last, and not ended, or
 * ended after first), ordered by person, then grid and role.  A person
 * with two assignments that month is given twice.  The strings are
 * valid during the call only.  fn returns GK_OK to go on, or a status
 * that stops the walk and is returned.  Returns GK_OK or a status after
 * reporting.
 */
int roster_month(struct db *db, gk_day first, gk_day last,
    int (*fn)(const struct roster_month_row *row, void *arg), void *arg);

#endif
