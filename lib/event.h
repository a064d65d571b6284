/*
 * event.h - events reported and patrol visits (Art. 6, 7, 13(1)): what
 * event-report owns (tables events, visits).
 *
 * An event is what a grid member (or a resident, a centre, a
 * department, the hotline) reports: grid, category, severity, title,
 * what, where, when.  Each event opens a case at step 1 at the village
 * centre of its grid (case_open), or, when a case of the same grid and
 * category is open and was reported within case.duplicate_days, joins
 * it as a likely duplicate (said on stderr; force_new opens a case
 * anyway).  A reporter must serve the grid on the day of the event
 * (Art. 6).  Resolved on the spot (Art. 13(1)): the case is opened and
 * closed at once with every step stamped.
 *
 * A visit is a grid member's patrol of their grid on a day (Art. 6:
 * the whole grid at least once a week); the same staff, grid and day
 * twice is one visit.
 *
 * Every writing function runs in one transaction with an audit row.
 */
#ifndef GRIDKIT_EVENT_H
#define GRIDKIT_EVENT_H

#include <stddef.h>
#include <stdio.h>

#include "recin.h"
#include "recout.h"

struct case_env;
struct db;

/* The fields of an event record, in the order of event_fields. */
enum event_field {
	EV_GRID, EV_CATEGORY, EV_SEVERITY, EV_TITLE, EV_DESCRIPTION,
	EV_LOCATION, EV_AT, EV_REPORTER, EV_SOURCE, EV_RESOLVED, EV_RESULT,
	EV_NFIELDS
};

/* The canonical names of the fields: "grid", "category", ... */
extern const char *const event_field_names[EV_NFIELDS];

struct event_opts {
	int force_new;		/* never join an open case */
	int keep_going;		/* import: keep the good rows */
	const char *rejects;	/* import: rejects file, or NULL */
	long long max_errors;	/* import: bad rows before giving up */
};

/* What is printed for each event when a person reads it. */
extern const struct recout_col event_report_cols[];
extern const size_t event_report_ncols;

/*
 * event_add reports one event whose fields are v (NULL: not given);
 * event_import the records of path ("-": standard input), all or
 * nothing unless keep_going.  After the commit, each event is written
 * to out when not NULL, else the number of each case it opened and
 * left open on a line of ids (a duplicate joined to an open case opened
 * none; one resolved on the spot is closed already).  A
 * bad field of event_add is reported as its option (--grid).
 */
int event_add(struct db *db, const struct case_env *env,
    const char *const v[EV_NFIELDS], const struct event_opts *opts,
    struct recout *out, FILE *ids);
int event_import(struct db *db, const struct case_env *env, const char *path,
    const struct recin_opts *in, const struct event_opts *opts,
    struct recout *out, FILE *ids);

/* The fields of a visit record. */
enum visit_field {
	VI_STAFF, VI_GRID, VI_DATE, VI_HOUSEHOLDS, VI_NOTES, VI_NFIELDS
};

int visit_add(struct db *db, const char *const v[VI_NFIELDS]);
int visit_import(struct db *db, const struct case_env *env, const char *path,
    const struct recin_opts *in, long long max_errors);

/* Filters of the listings; NULL or 0 for none. */
struct event_filter {
	const char *lo, *hi;	/* grid code range (an area) */
	const char *from, *to;	/* dates, inclusive */
	const char *category;	/* a category and those under it (id) */
	long long reporter;	/* staff id */
	const struct taxonomy *tax;	/* categories by name for people,
					   or NULL */
};

extern const struct recout_col event_list_cols[];
extern const size_t event_list_ncols;
extern const struct recout_col visit_list_cols[];
extern const size_t visit_list_ncols;

/* Events, then visits, in the filter; free text (title, description,
 * location, notes) masked unless reveal (recorded in the audit log). */
int event_list(struct db *db, const struct event_filter *f, int reveal,
    struct recout *out);
int visit_list(struct db *db, const struct event_filter *f,
    struct recout *out);

#endif
