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

struct db;

/*
 * audit_record records verb ("import grids", "retire"), subject (a
 * code, a file name) and detail (what changed, free text) with the
 * program and operator of the connection and the current clock time.
 * Returns GK_OK or a status after reporting.
 */
int audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail);

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

#endif
