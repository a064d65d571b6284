/*
 * access.h - the county's access list (准入清单, Art. 15): the matters
 * that may be given to grid staff, each approved by the county
 * political and legal committee with the reason for including it, the
 * standard of the work and the procedure for taking it out.  Owns the
 * table access_list.
 *
 * An entry is for one county (6 digits) and one category of the
 * taxonomy (category.h), and covers the category's subcategories.  It
 * is in force from its approval date until the day it is withdrawn
 * (that day no longer), and is never deleted: a withdrawal ends it and
 * the history stays; a category withdrawn may be added again, as a new
 * entry.  Administrative law enforcement and professional work, and
 * categories the taxonomy says grid staff do not handle, are never on
 * the list.
 */
#ifndef GRIDKIT_ACCESS_H
#define GRIDKIT_ACCESS_H

#include <stddef.h>

#include "recin.h"
#include "recout.h"

struct db;
struct taxonomy;

/* An entry to add. */
struct access_entry {
	const char *county;		/* 6 digits */
	const char *category;		/* id or Chinese name */
	const char *reason;		/* why it is included */
	const char *standard;		/* the standard of the work */
	const char *exit_procedure;	/* how it is taken out */
	const char *approved_by;	/* the approving body */
	const char *approved_on;	/* YYYY-MM-DD */
};

/*
 * access_add puts e on the list in one transaction with an audit row.
 * The same entry in force already is unchanged (GK_OK); another one in
 * force for the category is refused: withdraw it first.  GK_OK, or
 * GK_DATAERR after reporting (the rule named).
 */
int access_add(struct db *db, const struct taxonomy *tax,
    const struct access_entry *e);

/*
 * access_withdraw ends the entry of county and category in force, from
 * day on (YYYY-MM-DD), for reason.  The same withdrawal again is
 * unchanged.  GK_OK, or GK_DATAERR after reporting.
 */
int access_withdraw(struct db *db, const struct taxonomy *tax,
    const char *county, const char *category, const char *day,
    const char *reason);

/*
 * access_import adds the entries of a file (columns county, category,
 * reason, standard, exit, approved_by, approved_on; county may be left
 * out when county is given) through the batch driver: all or nothing.
 */
int access_import(struct db *db, const struct taxonomy *tax,
    const char *county, const char *path, const struct recin_opts *in,
    long long max_errors);

extern const struct recout_col access_cols[];
extern const size_t access_ncols;

/*
 * access_list writes the entries of county (NULL: every county) in
 * force on day (YYYY-MM-DD), or every entry ever made when day is NULL.
 */
int access_list(struct db *db, const struct taxonomy *tax,
    const char *county, const char *day, struct recout *out);

/*
 * access_permits says whether a case of category (canonical id) of
 * county may be given to grid staff on day: 1, 0 with why set (the
 * rule and article), or -status after reporting.
 */
int access_permits(struct db *db, const struct taxonomy *tax,
    const char *county, const char *category, const char *day, char *why,
    size_t n);

#endif
