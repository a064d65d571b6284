/*
 * roster-audit.h - the roster checked against the Measures (Art. 5, 6,
 * 8-10, 14, 16): what roster-audit does.
 *
 * The roster is the database's (every assignment in force on the day
 * of the audit) or a file of records in the form `staff-hire list`
 * writes (id, name, id_number, phone, education, grid, role, status,
 * started, ended; TSV, CSV, JSON Lines or a workbook; Chinese headers
 * as a table or --excel prints them, and the aliases of the config),
 * optionally with nationality, the bars of Art. 9 (under_investigation,
 * penalized, expelled) and work_phone.  Of a file, only the rows of
 * serving staff count: status staff (or no status column) and no end
 * date.  A file with a bad row (a role or grid code that is none) is
 * refused whole (GK_DATAERR), every bad row located.
 *
 * A file's row with a staff id takes what it lacks from the database
 * when there is one: an identity number the listing masked, the
 * nationality and the declared bars, the public work phone.  What is
 * known neither way leaves its rule unchecked for that row, said once
 * on standard error (findings_skipped).  The rules that need the
 * database (visits, training, cases, vacancies, retired grids) use it
 * when one is there and are skipped with a notice when not.
 *
 * The grids whose staffing is checked (ART5-GRID-LEADER,
 * ART8-URBAN-FULLTIME) are every active grid of the database for the
 * database's roster, and the grids a file names for a file.
 *
 * Identity numbers in findings are masked (Art. 20); subjects are staff
 * ids, grid codes, or file:line for a row with no staff id.
 */
#ifndef GRIDKIT_ROSTER_AUDIT_H
#define GRIDKIT_ROSTER_AUDIT_H

#include <stddef.h>

#include "findings.h"

struct config;
struct db;
struct recin_opts;

/* The rules roster-audit checks, in --rules order. */
extern const struct finding_rule roster_audit_rules[];
extern const size_t roster_audit_nrules;

/* How a roster is audited. */
struct roster_audit_opts {
	const char *path;		/* a file, "-" for standard input, or
					   NULL: the database's roster */
	const struct recin_opts *in;	/* --input-format, --encoding */
	long long max_errors;		/* bad rows reported, at most */
};

/*
 * roster_audit reads the roster and adds the findings of the rules
 * checked to f, as of findings_as_of(f).  db may be NULL only with a
 * file.  Returns GK_OK (whatever was found), or the status after
 * reporting: GK_NOINPUT, GK_DATAERR (bad rows or columns: every one
 * reported, nothing checked), GK_IOERR, or a database error.
 */
int roster_audit(struct db *db, const struct config *cfg,
    const struct roster_audit_opts *o, struct findings *f);

/*
 * For the tests: the day of the last visit (or the start of the
 * assignment, when later) and the audit day: whether a member is
 * overdue for a visit after visit_days days.  Seven days after the last
 * visit is still in time; eight is not.
 */
int roster_audit_visit_late(gk_day last, gk_day as_of, int visit_days);

/* Whether on_time of counted cases is below percent (exact, no
 * rounding); never with nothing counted. */
int roster_audit_rate_low(long long on_time, long long counted, int percent);

#endif
