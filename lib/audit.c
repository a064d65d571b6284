/*
 * audit.c - the audit log.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "chain.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "phrase.h"
#include "status.h"
#include "util.h"

void
audit_encode(struct sb *enc, const char *at, const char *operator_name,
    const char *program, const char *verb, const char *subject,
    const char *detail)
{
	chain_add_text(enc, at);
	chain_add_text(enc, operator_name);
	chain_add_text(enc, program);
	chain_add_text(enc, verb);
	chain_add_text(enc, subject);
	chain_add_text(enc, detail);
}

int
audit_record(struct db *db, const char *verb, const char *subject,
    const char *detail)
{
	char at[CLOCK_ISO_MAX], hash[CHAIN_HEX];
	struct sb enc = SB_INIT, subj = SB_INIT, said = SB_INIT;
	int rc;

	/* Every change passes here: -v says each one, in the reader's
	 * language; the row keeps it in English (phrase.h). */
	if (diag_level() > 0) {
		phrase_say(&subj, "@subject", subject);
		phrase_say(&said, verb, detail);
		diag_info("%s %s: %s%s", phrase_verb(verb), subj.buf, said.buf,
		    db_dry_run(db) ? _(" (dry run: not kept)") : "");
		sb_release(&subj);
		sb_release(&said);
	}
	if (detail == NULL)
		detail = "";
	clock_format(clock_now(), at);
	audit_encode(&enc, at, db_operator(db), db_program(db), verb, subject,
	    detail);
	rc = chain_next(db, "SELECT chain FROM audit ORDER BY id DESC LIMIT 1",
	    &enc, hash);
	sb_release(&enc);
	if (rc != GK_OK)
		return rc;
	return db_run(db, "INSERT INTO audit (at, operator, program, verb, "
	    "subject, detail, chain) VALUES (?, ?, ?, ?, ?, ?, ?)", "sssssss",
	    at, db_operator(db), db_program(db), verb, subject, detail, hash);
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

int
audit_verify(struct db *db, unsigned long long *rows)
{
	char prev[CHAIN_HEX], hash[CHAIN_HEX];
	struct sb enc = SB_INIT;
	struct db_stmt *st;
	unsigned long long n = 0;
	int rc, started = 0, bad = 0;

	st = db_prepare(db, "SELECT id, at, operator, program, verb, subject, "
	    "detail, chain FROM audit ORDER BY id");
	if (st == NULL)
		return GK_SOFTWARE;
	snprintf(prev, sizeof prev, "%s", chain_genesis);
	while ((rc = db_step(st)) == DB_ROW) {
		if (!started && db_isnull(st, 7))
			continue;	/* before the chain began */
		started = 1;
		n++;
		sb_reset(&enc);
		audit_encode(&enc, db_text(st, 1), db_text(st, 2),
		    db_text(st, 3), db_text(st, 4), db_text(st, 5),
		    db_text(st, 6));
		if ((rc = chain_hash(prev, enc.buf, enc.len, hash)) != GK_OK) {
			rc = -rc;
			break;
		}
		if (db_isnull(st, 7) || strcmp(db_text(st, 7), hash) != 0) {
			diag_error(_("audit row %lld (%s %s, %s): %s: the row "
			    "was altered, inserted, or a row before it "
			    "deleted (Art. 13(4))"), db_int(st, 0),
			    db_text(st, 4), db_text(st, 5), db_text(st, 1),
			    db_isnull(st, 7) ? _("no hash") :
			    _("hash does not match"));
			bad = 1;
			break;
		}
		snprintf(prev, sizeof prev, "%s", db_text(st, 7));
	}
	db_reset(st);
	sb_release(&enc);
	if (rows != NULL)
		*rows = n;
	if (rc < 0)
		return -rc;
	return bad ? GK_FINDINGS : GK_OK;
}
