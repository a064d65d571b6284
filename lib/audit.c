/*
 * audit.c - the audit log.
 */
#include <stddef.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"

int
audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail)
{
	char at[CLOCK_ISO_MAX];

	/* Every change passes here: -v says each one. */
	diag_info("%s %s: %s%s", verb, subject, detail ? detail : "",
	    db_dry_run(db) ? _(" (dry run: not kept)") : "");
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
audit_list(struct db *db, const struct audit_filter *f,
    int (*fn)(void *ctx, const struct audit_row *r), void *ctx)
{
	struct db_stmt *st;
	struct audit_row r;
	const char *why;
	gk_time at;
	int rc, more;

	/* The times are text with an offset that the configuration may
	 * have changed over the years: compared as times, not as text. */
	more = db_query(db, &st, "SELECT id, at, operator, program, verb, "
	    "subject, detail FROM audit "
	    "WHERE (?1 IS NULL OR program = ?1) "
	    "AND (?2 IS NULL OR subject = ?2) "
	    "AND (?3 IS NULL OR operator = ?3) "
	    "AND (?4 IS NULL OR verb = ?4 OR substr(verb, 1, length(?4) + 1) "
	    "= ?4 || ' ') ORDER BY id", "ssss", f->program, f->subject,
	    f->operator_name, f->verb);
	for (rc = GK_OK; more == DB_ROW && rc == GK_OK; more = db_step(st)) {
		r.id = db_int(st, 0);
		r.at = db_text(st, 1);
		r.operator_name = db_text(st, 2);
		r.program = db_text(st, 3);
		r.verb = db_text(st, 4);
		r.subject = db_text(st, 5);
		r.detail = db_text(st, 6);
		if (f->has_since || f->has_until) {
			if (clock_parse(r.at, &at, &why) == -1) {
				diag_error(_("audit row %lld: time \"%s\": %s"),
				    r.id, r.at, why);
				rc = GK_DATAERR;
				break;
			}
			if ((f->has_since && at < f->since) ||
			    (f->has_until && at >= f->until))
				continue;
		}
		rc = fn(ctx, &r);
	}
	if (more < 0)
		return -more;
	db_reset(st);
	return rc;
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
