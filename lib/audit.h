/*
 * audit.h - the audit log: who changed what, when.
 *
 * Every change a program makes is recorded in the audit table of the
 * same database, in the same transaction, so a change and its record
 * commit or roll back together.  A batch import records one row naming
 * the file and the counts of what it added and changed; a single change
 * (add, rename, retire, move, --reveal of personal data) records one row
 * naming its subject.
 */
#ifndef GRIDKIT_AUDIT_H
#define GRIDKIT_AUDIT_H

#include "clock.h"

struct db;

/*
 * audit_record records verb ("import grids", "retire"), subject (a
 * code, a file name) and detail (what changed) with the program and
 * operator of the connection and the current clock time.  Subject and
 * detail are English, written from the phrases of phrase.h around what
 * a person typed, so that people read them in their language (-v here,
 * the log verb); they are kept and hashed as given.  Returns GK_OK or
 * a status after reporting.
 */
int audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail);

/*
 * audit_encode appends the canonical encoding of an audit row (chain.h,
 * gridkit(5)) to enc: at, operator, program, verb, subject, detail.
 */
struct sb;
void audit_encode(struct sb *enc, const char *at, const char *operator_name,
    const char *program, const char *verb, const char *subject,
    const char *detail);

/*
 * audit_verify recomputes the chain of the audit rows from the first
 * chained one on (the rows written before schema migration 8 have
 * none) and reports the first row that does not match: GK_OK,
 * GK_FINDINGS after reporting it, or a status.  *rows, when not NULL,
 * gets the number of chained rows checked.
 */
int audit_verify(struct db *db, unsigned long long *rows);

/*
 * audit_commit ends a write transaction that changed something: it
 * records verb, subject and detail (audit_record) and commits, or in a
 * dry run rolls back (db_commit).  When the record or the commit
 * fails, it rolls back.  Returns GK_OK or a status after reporting.
 */
int audit_commit(struct db *db, const char *verb, const char *subject,
    const char *detail);

/*
 * audit_reveal records, in a transaction of its own that is kept even
 * in a dry run, that personal data (subject, detail) is about to be
 * shown unmasked.  Call it before showing anything: when it fails,
 * show nothing.
 */
int audit_reveal(struct db *db, const char *subject, const char *detail);

/* Which rows audit_list reads; a NULL string or an unset time is no
 * filter. */
struct audit_filter {
	const char *program;		/* rows written by this program */
	const char *subject;		/* exactly this subject */
	const char *operator_name;	/* exactly this operator */
	const char *verb;		/* this verb, or a verb that begins with
					   it and a space ("import" finds
					   "import grids") */
	int has_since, has_until;
	gk_time since;			/* at or after */
	gk_time until;			/* before */
};

/* One row of the log, valid during the callback. */
struct audit_row {
	long long id;
	const char *at, *operator_name, *program, *verb, *subject, *detail;
};

/*
 * audit_list calls fn for every row that f lets through, oldest first,
 * until fn returns other than GK_OK.  A row whose time does not parse
 * (written by hand) is passed when no time filter is set, and is an
 * error (GK_DATAERR, naming the row) when one is.  Returns GK_OK, fn's
 * status, or a status after reporting.
 */
int audit_list(struct db *db, const struct audit_filter *f,
    int (*fn)(void *ctx, const struct audit_row *r), void *ctx);

#endif
