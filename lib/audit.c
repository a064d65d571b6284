/*
 * audit.c - the audit log.
 */
#include <stddef.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "status.h"
#include "util.h"

int
audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail)
{
	struct db_stmt *st;
	char at[CLOCK_ISO_MAX];

	st = db_prepare(db, "INSERT INTO audit (at, operator, program, verb, "
	    "subject, detail) VALUES (?, ?, ?, ?, ?, ?)");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, clock_format(clock_now(), at));
	db_bind_text(st, 2, db_operator(db));
	db_bind_text(st, 3, db_program(db));
	db_bind_text(st, 4, verb);
	db_bind_text(st, 5, subject);
	db_bind_text(st, 6, detail ? detail : "");
	return db_exec(st);
}
