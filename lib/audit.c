/*
 * audit.c - the audit log.
 */
#include <stddef.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "status.h"
#include "util.h"

int
audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail)
{
	char at[CLOCK_ISO_MAX];

	/* Every change passes here: -v says each one. */
	diag_info("%s %s: %s%s", verb, subject, detail ? detail : "",
	    db_dry_run(db) ? " (dry run: not kept)" : "");
	return db_run(db, "INSERT INTO audit (at, operator, program, verb, "
	    "subject, detail) VALUES (?, ?, ?, ?, ?, ?)", "ssssss",
	    clock_format(clock_now(), at), db_operator(db), db_program(db),
	    verb, subject, detail ? detail : "");
}

int
audit_commit(struct db *db, const char *verb, const char *subject,
    const char *detail)
{
	int rc;

	if ((rc = audit_record(db, verb, subject, detail)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	/* db_commit rolls back when the commit fails. */
	return db_commit(db);
}

int
audit_reveal(struct db *db, const char *subject, const char *detail)
{
	int rc;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = audit_record(db, "reveal", subject, detail)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit_always(db);
}
