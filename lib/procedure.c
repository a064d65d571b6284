/*
 * procedure.c - the selection procedure of Art. 11, hiring, assignments
 * and leaving (Art. 5, 8, 10).
 *
 * A candidate moves one stage at a time; every move is a row in stages
 * and the person's stage and stage_since follow it.  Batches of moves
 * are all or nothing: every refusal is reported with the candidate
 * named, and nobody moves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "calendar.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "phrase.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* A stage as a message names it. */
#define STAGE_SAY(s) vocab_say(VOCAB_STAGE, staff_stage_name(s))

/* What we need to know of a person to move them. */
struct person {
	long long id;		/* staff id */
	char name[128];		/* for messages */
	int stage;		/* enum staff_stage */
	char status[16];	/* candidate, rejected, staff, left */
	char since[CLOCK_ISO_MAX];	/* when the stage was reached */
	char grid[16];		/* applied for */
	char role[16];		/* applied for */
	char subject[32];	/* "staff 17", for the audit log */
};

/* Load a person: 1, 0 when there is none (reported), -status. */
static int
person_load(struct db *db, long long id, struct person *p)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT name, stage, status, stage_since, grid, "
	    "role, (SELECT grid FROM assignments WHERE person = people.id "
	    "AND ended IS NULL ORDER BY id DESC LIMIT 1) FROM people "
	    "WHERE id = ?", "L", id);
	if (rc <= 0) {
		if (rc == 0)
			diag_error(_("staff id %lld: no such person"), id);
		return rc;
	}
	p->id = id;
	snprintf(p->name, sizeof p->name, "%s", db_text(st, 0));
	p->stage = staff_stage_parse(db_text(st, 1));
	snprintf(p->status, sizeof p->status, "%s", db_text(st, 2));
	snprintf(p->since, sizeof p->since, "%s", db_text(st, 3));
	snprintf(p->grid, sizeof p->grid, "%s", db_text(st, 4));
	snprintf(p->role, sizeof p->role, "%s", db_text(st, 5));
	/* Only an operator of the person's grid moves them: the one they
	 * serve in, else the one they applied for (jurisdiction.h). */
	snprintf(p->subject, sizeof p->subject, "staff %lld", id);
	rc = juris_write(NULL, p->subject, db_isnull(st, 6) ? p->grid :
	    db_text(st, 6));
	db_reset(st);
	return rc == GK_OK ? 1 : -rc;
}

/* The audit subject of a person: their staff id. */
static const char *
subject(struct person *p)
{
	snprintf(p->subject, sizeof p->subject, "staff %lld", p->id);
	return p->subject;
}

/* The person's latest application keeps their stage and status, so
 * that a round's outcome stays when they apply again. */
static int
application_sync(struct db *db, long long person, const char *stage,
    const char *status)
{
	return db_run(db, "UPDATE applications SET stage = coalesce(?, stage), "
	    "status = ? WHERE id = (SELECT max(id) FROM applications WHERE "
	    "person = ?)", "ssL", stage, status, person);
}

/* Record that p entered (or failed at) stage now. */
static int
stage_record(struct db *db, const struct person *p, int stage,
    const char *outcome, const char *reason, const char *now)
{
	const char *status;
	int rc;

	rc = db_run(db, "INSERT INTO stages (person, stage, outcome, at, "
	    "reason, operator) VALUES (?, ?, ?, ?, ?, ?)", "Lsssss", p->id,
	    staff_stage_name(stage), outcome, now, reason, db_operator(db));
	if (rc != GK_OK)
		return rc;
	status = strcmp(outcome, "failed") == 0 ? "rejected" :
	    stage == STAGE_HIRED ? "staff" : "candidate";
	rc = db_run(db, "UPDATE people SET stage = ?, stage_since = ?, "
	    "status = ?, updated = ? WHERE id = ?", "ssssL",
	    staff_stage_name(stage), now, status, now, p->id);
	return rc != GK_OK ? rc : application_sync(db, p->id,
	    staff_stage_name(stage), status);
}

/*
 * The Civil Code, Art. 201, counts a period from the day after it
 * begins; staff.publicity_count_first_day keeps the day it begins for a
 * county that counts it.  Either way only working days count, and the
 * period ends at the end of its last one.
 */
gk_day
staff_publicity_end(const struct config *cfg, struct calendar *cal,
    gk_day entered)
{
	long long days = config_int(cfg, "staff.publicity_days");
	gk_day first;

	/* No publicity at all: it ended before it began. */
	if (days <= 0)
		return entered - 1;
	first = cal_add_workdays(cal, config_bool(cfg,
	    "staff.publicity_count_first_day") ? entered : entered + 1, 0);
	return days == 1 ? first : cal_add_workdays(cal, first, (int)days - 1);
}

/* Why p cannot be moved at all, or NULL. */
static int
movable(const struct person *p)
{
	if (strcmp(p->status, "rejected") == 0) {
		diag_error(_("candidate %lld (%s) was rejected at %s"), p->id,
		    p->name, STAGE_SAY(p->stage));
		return 0;
	}
	if (strcmp(p->status, "candidate") != 0) {
		diag_error(strcmp(p->status, "staff") == 0 ?
		    _("%lld (%s) is on the staff, no longer a candidate") :
		    _("%lld (%s) is a former member of staff, no longer a "
		    "candidate"), p->id, p->name);
		return 0;
	}
	return 1;
}

/*
 * The record moves forward in time only: an event of person p dated
 * when (a time, or a date YYYY-MM-DD) before the last one recorded of
 * them (a stage entered or failed, an assignment started or ended) is
 * refused, naming both.  1 in order, 0 refused (reported), -status.
 */
static int
time_forward(struct db *db, const struct person *p, const char *what,
    const char *when)
{
	struct db_stmt *st;
	char last[CLOCK_ISO_MAX];
	int rc, before;

	rc = db_query(db, &st, "SELECT max(x) FROM ("
	    "SELECT max(at) AS x FROM stages WHERE person = ?1 "
	    "UNION ALL SELECT max(started) FROM assignments WHERE person = ?1 "
	    "UNION ALL SELECT max(ended) FROM assignments WHERE person = ?1) "
	    "t", "L", p->id);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	if (db_isnull(st, 0)) {
		db_reset(st);
		return 1;
	}
	snprintf(last, sizeof last, "%s", db_text(st, 0));
	db_reset(st);
	/* A date is before a time only when it is an earlier day. */
	if (strlen(last) == 10 || strlen(when) == 10)
		before = strncmp(when, last, 10) < 0;
	else
		before = strcmp(when, last) < 0;
	if (before) {
		diag_error(_("%lld (%s): %s is dated %s, before their last "
		    "recorded event on %s; the record moves forward in time "
		    "only"), p->id, p->name, what, when, last);
		return 0;
	}
	return 1;
}

/* The ids of a batch, for the audit log, runs of consecutive ids as
 * ranges: "staff 1-28, 30" (the first forty runs, then a count). */
static void
batch_subject(struct sb *sb, const long long *ids, size_t n)
{
	struct sb r = SB_INIT;
	size_t i = 0, j, runs = 0;

	while (i < n && runs < 40) {
		for (j = i; j + 1 < n && ids[j + 1] == ids[j] + 1; j++)
			;
		sb_addf(&r, "%s%lld", runs++ ? ", " : "", ids[i]);
		if (j > i)
			sb_addf(&r, "-%lld", ids[j]);
		i = j + 1;
	}
	if (i < n)
		phrase_add(sb, PHRASE_SUBJ_STAFF_MORE, r.buf,
		    (unsigned long)(n - i));
	else
		phrase_add(sb, PHRASE_SUBJ_STAFF, r.buf);
	sb_release(&r);
}

/* The tail of a batch: audit, commit or roll back. */
static int
batch_end(struct db *db, int rc, unsigned long bad, unsigned long moved,
    const char *verb, const char *subject, const char *detail)
{
	if (rc == GK_OK && bad > 0) {
		diag_error(_("%lu refused; nobody moved"), bad);
		rc = GK_DATAERR;
	}
	/* Everyone at the stage already: nothing to record. */
	if (rc == GK_OK && moved == 0) {
		db_rollback(db);
		return GK_OK;
	}
	if (rc == GK_OK)
		rc = audit_record(db, verb, subject, detail);
	if (rc == GK_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* Hire inside an open transaction; 1 done, 0 refused (reported),
 * -status. */
static int hire_in(struct db *db, const struct config *cfg,
    const struct person *p, const char *grid, const char *role,
    const char *now);

/*
 * A batch of moves: every candidate loaded and checked, move() called
 * for each that can move (1 moved, 0 refused after reporting, -status),
 * then all or nothing with one audit row.  A person at stage `at`
 * already (a candidate there, or staff for STAGE_HIRED) is unchanged,
 * not refused, so a pipeline run again after mending rejected rows
 * goes through; -1 for none.
 */
static int
batch(struct db *db, const long long *ids, size_t n, int at,
    int (*move)(struct db *, const struct person *, void *, const char *),
    void *ctx, const char *verb, const char *detail)
{
	struct person p;
	struct sb subj = SB_INIT;
	char now[CLOCK_ISO_MAX];
	unsigned long bad = 0, same = 0;
	size_t i;
	int rc, r;

	clock_format(clock_now(), now);
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	for (i = 0; i < n && rc == GK_OK; i++) {
		r = person_load(db, ids[i], &p);
		if (r > 0 && at >= 0 && p.stage == at &&
		    strcmp(p.status, at == STAGE_HIRED ? "staff" :
		    "candidate") == 0) {
			diag_info(_("%lld (%s) is at %s already: unchanged"),
			    p.id,
			    p.name, STAGE_SAY(at));
			same++;
			continue;
		}
		if (r > 0)
			r = movable(&p) ? time_forward(db, &p, _("this move"),
			    now) : 0;
		if (r > 0)
			r = move(db, &p, ctx, now);
		if (r < 0)
			rc = -r;
		else if (r == 0)
			bad++;
	}
	if (rc == GK_OK && bad == 0 && same > 0)
		diag_note(_("%lu at %s already: unchanged"), same,
		    STAGE_SAY(at));
	batch_subject(&subj, ids, n);
	rc = batch_end(db, rc, bad, n - same, verb, subj.buf, detail);
	sb_release(&subj);
	return rc;
}

/* What staff_advance moves to. */
struct advance {
	const struct config *cfg;	/* policy */
	struct calendar *cal;		/* working days */
	int stage;			/* the stage to enter */
	const char *grid;		/* --grid for hiring, or NULL */
	const char *role;		/* --role for hiring, or NULL */
};

/*
 * Passing the qualification review needs the nationality of Art. 9
 * recorded: 1 yes, 0 refused (reported), -status.
 */
static int
nationality_passes(struct db *db, const struct config *cfg,
    const struct person *p)
{
	const char *want = config_str(cfg, "staff.nationality");
	struct db_stmt *st;
	int rc, ok;

	rc = db_query(db, &st, "SELECT nationality FROM people WHERE id = ?",
	    "L", p->id);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	ok = strcmp(db_text(st, 0), want) == 0;
	if (!ok && *db_text(st, 0) == '\0')
		diag_error(_("candidate %lld (%s): nationality not recorded; "
		    "nobody passes the qualification review without it "
		    "(Art. 9; staff-hire declare)"), p->id, p->name);
	else if (!ok)
		diag_error(_("candidate %lld (%s): nationality %s; Chinese "
		    "nationality is required (Art. 9)"), p->id, p->name,
		    db_text(st, 0));
	db_reset(st);
	return ok;
}

/*
 * Passing the political review needs every bar of Art. 9 declared,
 * and declared "no": 1 yes, 0 refused (reported), -status.
 */
static int
declared_clear(struct db *db, const struct person *p)
{
	static const char *const bar[3] = { N_("under investigation"),
	    N_("criminal or public-security penalty received"),
	    N_("expelled from the party, public office or the army") };
	struct db_stmt *st;
	struct sb undeclared = SB_INIT, yes = SB_INIT;
	int rc, i, nu = 0, ny = 0;

	rc = db_query(db, &st, "SELECT under_investigation, penalized, "
	    "expelled FROM declarations WHERE person = ?", "L", p->id);
	if (rc < 0)
		return rc;
	for (i = 0; i < 3; i++) {
		if (rc == DB_NONE || db_isnull(st, i))
			sb_addf(&undeclared, "%s%s", nu++ ? _(", ") : "",
			    _(bar[i]));
		else if (strcmp(db_text(st, i), "yes") == 0)
			sb_addf(&yes, "%s%s", ny++ ? _(", ") : "", _(bar[i]));
	}
	if (rc == DB_ROW)
		db_reset(st);
	if (ny > 0)
		diag_error(_("candidate %lld (%s) is barred (Art. 9): declared "
		    "%s"),
		    p->id, p->name, yes.buf);
	else if (nu > 0)
		diag_error(_("candidate %lld (%s): not declared: %s; nobody "
		    "passes the political review without declaring the bars "
		    "of Art. 9 (staff-hire declare)"), p->id, p->name,
		    undeclared.buf);
	sb_release(&undeclared);
	sb_release(&yes);
	return ny == 0 && nu == 0;
}

/* The publicity end stored for p's application: 1 with *end set, 0
 * none stored, -status. */
static int
publicity_stored(struct db *db, long long person, gk_day *end)
{
	struct db_stmt *st;
	const char *why;
	int rc;

	rc = db_query(db, &st, "SELECT publicity_end FROM applications WHERE "
	    "id = (SELECT max(id) FROM applications WHERE person = ?) AND "
	    "publicity_end IS NOT NULL", "L", person);
	if (rc <= 0)
		return rc;
	rc = day_parse(db_text(st, 0), end, &why) == 0 ? 1 : -GK_SOFTWARE;
	db_reset(st);
	return rc;
}

static int
advance_one(struct db *db, const struct person *p, void *ctx,
    const char *now)
{
	const struct advance *a = ctx;
	char end[DAY_ISO_MAX], next[DAY_ISO_MAX];
	const char *why;
	gk_time since;
	gk_day last;
	int rc;

	if (a->stage <= p->stage) {
		diag_error(_("candidate %lld (%s) is at %s already; a "
		    "candidate does not go back to %s"), p->id, p->name,
		    STAGE_SAY(p->stage), STAGE_SAY(a->stage));
		return 0;
	}
	if (a->stage != p->stage + 1) {
		diag_error(_("candidate %lld (%s) is at %s; the next stage is "
		    "%s, not %s (Art. 11: no stage is skipped)"),
		    p->id, p->name,
		    STAGE_SAY(p->stage), STAGE_SAY(p->stage + 1),
		    STAGE_SAY(a->stage));
		return 0;
	}
	if (p->stage == STAGE_PUBLICITY) {
		/* The end fixed when it began; computed only for one that
		 * began before ends were kept. */
		if ((rc = publicity_stored(db, p->id, &last)) < 0)
			return rc;
		if (rc == 0) {
			if (clock_parse(p->since, &since, &why) == -1)
				return -GK_SOFTWARE;
			last = staff_publicity_end(a->cfg, a->cal,
			    clock_day(since));
		}
		if (clock_today() <= last) {
			diag_error(_("candidate %lld (%s): publicity ends on "
			    "%s (Art. 11); advance on %s or later"),
			    p->id, p->name,
			    day_format(last, end), day_format(last + 1, next));
			return 0;
		}
	}
	if (a->stage == STAGE_EXAM && (rc = nationality_passes(db, a->cfg,
	    p)) != 1)
		return rc;
	if (a->stage == STAGE_PUBLICITY && (rc = declared_clear(db, p)) != 1)
		return rc;
	if (a->stage == STAGE_HIRED)
		return hire_in(db, a->cfg, p, a->grid, a->role, now);
	rc = stage_record(db, p, a->stage, "entered", NULL, now);
	if (rc == GK_OK && a->stage == STAGE_PUBLICITY) {
		last = staff_publicity_end(a->cfg, a->cal, clock_today());
		rc = db_run(db, "UPDATE applications SET publicity_end = ? "
		    "WHERE id = (SELECT max(id) FROM applications WHERE "
		    "person = ?)", "sL", day_format(last, end), p->id);
	}
	return rc == GK_OK ? 1 : -rc;
}

int
staff_advance(struct db *db, const struct config *cfg, struct calendar *cal,
    int stage, const long long *ids, size_t n, const char *grid,
    const char *role)
{
	struct advance a = { cfg, cal, stage, grid, role };
	struct sb detail = SB_INIT;
	int rc;

	if (stage <= STAGE_REGISTRATION || stage >= STAGE_COUNT) {
		diag_error(_("candidates enter %s by applying (staff-hire "
		    "apply)"),
		    STAGE_SAY(STAGE_REGISTRATION));
		return GK_USAGE;
	}
	phrase_add(&detail, PHRASE_MOVED, (unsigned long)n,
	    staff_stage_name(stage));
	rc = batch(db, ids, n, stage, advance_one, &a, "advance", detail.buf);
	sb_release(&detail);
	return rc;
}

static int
fail_one(struct db *db, const struct person *p, void *ctx, const char *now)
{
	int rc = stage_record(db, p, p->stage, "failed", ctx, now);

	return rc == GK_OK ? 1 : -rc;
}

int
staff_fail(struct db *db, const long long *ids, size_t n, const char *reason)
{
	struct sb detail = SB_INIT;
	int rc;

	if (reason == NULL || *reason == '\0') {
		diag_error(_("a rejection needs a reason"));
		return GK_USAGE;
	}
	phrase_add(&detail, PHRASE_REJECTED, (unsigned long)n, reason);
	rc = batch(db, ids, n, -1, fail_one, (void *)reason, "reject",
	    detail.buf);
	sb_release(&detail);
	return rc;
}

/* Whether the person's education meets the minimum for role (Art. 9):
 * 1 yes, 0 refused (reported), -status. */
static int
education_fits(struct db *db, const struct config *cfg, long long person,
    const char *role)
{
	struct db_stmt *st;
	char key[64];
	const char *min;
	int rc, have;

	snprintf(key, sizeof key, "staff.min_education.%s", role);
	min = config_str(cfg, key);
	st = db_prepare(db, "SELECT education, name FROM people WHERE id = ?");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_int(st, 1, person);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : -GK_SOFTWARE;
	have = staff_education_parse(db_text(st, 0));
	if (have < staff_education_parse(min)) {
		diag_error(_("%lld (%s): education %s is below %s, the minimum "
		    "for %s (%s; Art. 9)"), person, db_text(st, 1),
		    vocab_say(VOCAB_EDUCATION, db_text(st, 0)),
		    vocab_say(VOCAB_EDUCATION, min), vocab_say(VOCAB_ROLE,
		    role), key);
		db_reset(st);
		return 0;
	}
	db_reset(st);
	return 1;
}

/*
 * Check that role may serve in grid (Art. 5, 8 and the config), not
 * counting person `except` already there.  1 yes, 0 refused, -status.
 */
static int
role_fits(struct db *db, const struct config *cfg, const char *grid,
    const char *role, long long except)
{
	struct grid_info gi;
	struct db_stmt *st;
	long long leaders, max;
	int rc;

	if ((rc = grid_require(db, grid, 1, &gi)) != 1)
		return rc;
	if (strcmp(role, "full_time") == 0 && strcmp(gi.kind, "rural") == 0 &&
	    !config_bool(cfg, "staff.rural_full_time")) {
		diag_error(_("grid %s is rural, and full-time members are not "
		    "taken in rural grids here (staff.rural_full_time; Art. "
		    "8)"),
		    grid);
		return 0;
	}
	if (strcmp(role, "leader") != 0)
		return 1;
	st = db_prepare(db, "SELECT count(*) FROM assignments WHERE grid = ? "
	    "AND role = 'leader' AND ended IS NULL AND person <> ?");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_text(st, 1, grid);
	db_bind_int(st, 2, except);
	if ((rc = db_step(st)) != DB_ROW)
		return rc < 0 ? rc : -GK_SOFTWARE;
	leaders = db_int(st, 0);
	db_reset(st);
	max = config_int(cfg, "staff.max_leaders_per_grid");
	if (leaders >= max) {
		diag_error(ngettext("grid %s has %lld leader already; the "
		    "limit is %lld (staff.max_leaders_per_grid; Art. 5)",
		    "grid %s has %lld leaders already; the limit is %lld "
		    "(staff.max_leaders_per_grid; Art. 5)", leaders), grid,
		    leaders, max);
		return 0;
	}
	return 1;
}

/*
 * The posts one person may hold at once (Art. 5, 8, and the pay rules
 * that depend on them): one full-time post, no part-time post beside
 * it, and not the leader and a member of the same grid, each unless the
 * config allows it.  The person's current assignments count, but for
 * those a transfer is about to end (transfer set).  1 yes, 0 refused
 * (reported), -status.
 */
static int
posts_fit(struct db *db, const struct config *cfg, const struct person *p,
    const char *grid, const char *role, int transfer)
{
	struct db_stmt *st;
	const char *g, *r, *why = NULL, *key = NULL;
	int rc, ok = 1;

	if (transfer)
		return 1;
	st = db_prepare(db, "SELECT grid, role FROM assignments WHERE "
	    "person = ? AND ended IS NULL ORDER BY started, id");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_int(st, 1, p->id);
	while (ok && (rc = db_step(st)) == DB_ROW) {
		g = db_text(st, 0);
		r = db_text(st, 1);
		if (strcmp(role, "full_time") == 0 &&
		    strcmp(r, "full_time") == 0 &&
		    !config_bool(cfg, "staff.multiple_full_time")) {
			why = _("holds a full-time post already");
			key = _("staff.multiple_full_time; Art. 8");
		} else if (((strcmp(role, "part_time") == 0 &&
		    strcmp(r, "full_time") == 0) ||
		    (strcmp(role, "full_time") == 0 &&
		    strcmp(r, "part_time") == 0)) &&
		    !config_bool(cfg, "staff.part_time_beside_full_time")) {
			why = _("would hold a part-time post beside a "
			    "full-time one");
			key = _("staff.part_time_beside_full_time; Art. 8");
		} else if (strcmp(g, grid) == 0 && (strcmp(role, "leader") ==
		    0) != (strcmp(r, "leader") == 0) &&
		    !config_bool(cfg, "staff.leader_and_member")) {
			why = _("would be the leader and a member of the "
			    "same grid");
			key = _("staff.leader_and_member; Art. 5");
		}
		if (why != NULL) {
			diag_error(_("%lld (%s) %s: %s in grid %s (%s)"), p->id,
			    p->name, why, vocab_say(VOCAB_ROLE, r), g, key);
			ok = 0;
		}
	}
	db_reset(st);
	if (ok && rc < 0)
		return rc;
	return ok;
}

/* Start an assignment today and fill the oldest open vacancy of the
 * same grid and role. */
static int
assign_in(struct db *db, long long person, const char *grid,
    const char *role)
{
	struct db_stmt *st;
	char today[DAY_ISO_MAX];
	long long vacancy = 0;
	const char *why;
	gk_day since = 0;
	int rc;

	day_format(clock_today(), today);
	if ((rc = db_run(db, "INSERT INTO assignments (person, grid, role, "
	    "started) VALUES (?, ?, ?, ?)", "Lsss", person, grid, role, today))
	    != GK_OK)
		return rc;
	st = db_prepare(db, "SELECT id, since FROM vacancies WHERE grid = ? "
	    "AND role = ? AND filled IS NULL ORDER BY since, id LIMIT 1");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, grid);
	db_bind_text(st, 2, role);
	if ((rc = db_step(st)) == DB_ROW) {
		vacancy = db_int(st, 0);
		if (day_parse(db_text(st, 1), &since, &why) == -1) {
			db_reset(st);
			return GK_SOFTWARE;
		}
		/* A post is filled after it fell open, not before: the one
		 * who left served until the day before since. */
		if (clock_today() < since - 1) {
			diag_error(_("grid %s, %s: the post falls open on %s; "
			    "it cannot be filled on %s, before its holder left "
			    "(the record moves forward in time only)"), grid,
			    role, db_text(st, 1), today);
			db_reset(st);
			return GK_DATAERR;
		}
	}
	db_reset(st);
	if (rc < 0)
		return -rc;
	if (vacancy == 0)
		return GK_OK;
	/* Filled on the first day it was empty, or before: it never was,
	 * and a vacancy of no days is none. */
	if (clock_today() <= since) {
		diag_info(_("grid %s, %s: the post never fell open; no "
		    "vacancy"),
		    grid, role);
		return db_run(db, "DELETE FROM vacancies WHERE id = ?", "L",
		    vacancy);
	}
	return db_run(db, "UPDATE vacancies SET filled = ?, filled_by = ? "
	    "WHERE id = ?", "sLL", today, person, vacancy);
}

/* A grid or role given by the user, checked; NULL keeps the default. */
static int
check_target(const char *grid, const char *role, char g[16],
    const char **r)
{
	struct grid_code gc;
	const char *why;
	char q[VOCAB_EXPLAIN_MAX];

	if (grid != NULL) {
		if (code_parse_grid(grid, &gc, &why) == -1) {
			diag_error(_("grid %s: %s"), diag_quote(q, sizeof q,
			    grid), why);
			return 0;
		}
		memcpy(g, gc.code, 16);
	}
	if (role != NULL && (*r = staff_role_parse(role)) == NULL) {
		diag_error("%s", vocab_explain(VOCAB_ROLE, role, q, sizeof q));
		return 0;
	}
	return 1;
}

/*
 * Hiring needs the job training of Art. 11 recorded: at least one
 * session, and staff.training_min_hours in all, dated on or after the
 * day the candidate entered the training stage.  1 yes, 0 refused
 * (reported), -status.
 */
static int
trained(struct db *db, const struct config *cfg, const struct person *p)
{
	long long min = config_int(cfg, "staff.training_min_hours");
	struct db_stmt *st;
	char from[DAY_ISO_MAX];
	long long n;
	double hours;
	int rc;

	snprintf(from, sizeof from, "%.10s", p->since);
	rc = db_query(db, &st, "SELECT count(*), coalesce(sum(hours), 0) "
	    "FROM training WHERE person = ? AND day >= ?", "Ls", p->id, from);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	n = db_int(st, 0);
	hours = db_real(st, 1);
	db_reset(st);
	if (n == 0) {
		diag_error(_("candidate %lld (%s): no job training recorded on "
		    "or after %s, when they entered training; hiring needs it "
		    "(Art. 11; staff-hire train)"), p->id, p->name, from);
		return 0;
	}
	if (hours < (double)min) {
		diag_error(_("candidate %lld (%s): %g hours of job training "
		    "since %s; hiring needs %lld (staff.training_min_hours; "
		    "Art. 11)"),
		    p->id, p->name, hours, from, min);
		return 0;
	}
	return 1;
}

/*
 * A round hires no more than it announced: when p's application belongs
 * to a round that announced posts for grid and role, those hired in the
 * round into them must be fewer.  1 yes, 0 refused (reported),
 * -status.
 */
static int
round_posts_left(struct db *db, const struct person *p, const char *grid,
    const char *role)
{
	struct db_stmt *st;
	long long posts, hired;
	int rc;

	rc = db_query(db, &st, "SELECT r.number, rp.posts, (SELECT count(*) "
	    "FROM applications h WHERE h.round = a.round AND h.grid = ?2 AND "
	    "h.role = ?3 AND h.stage = 'hired') FROM applications a "
	    "JOIN rounds r ON r.id = a.round JOIN round_posts rp ON "
	    "rp.round = a.round AND rp.grid = ?2 AND rp.role = ?3 "
	    "WHERE a.id = (SELECT max(id) FROM applications WHERE person = ?1)",
	    "Lss", p->id, grid, role);
	if (rc <= 0)
		return rc < 0 ? rc : 1;
	posts = db_int(st, 1);
	hired = db_int(st, 2);
	if (hired >= posts)
		diag_error(ngettext("candidate %lld (%s): round %s announced "
		    "%lld %s post in grid %s; %lld is filled",
		    "candidate %lld (%s): round %s announced %lld %s posts "
		    "in grid %s; %lld are filled", posts), p->id,
		    p->name, db_text(st, 0), posts, vocab_say(VOCAB_ROLE,
		    role), grid, hired);
	db_reset(st);
	return hired < posts;
}

static int
hire_in(struct db *db, const struct config *cfg, const struct person *p,
    const char *grid, const char *role, const char *now)
{
	char g[16];
	const char *r = p->role;
	int rc;

	snprintf(g, sizeof g, "%s", p->grid);
	if (!check_target(grid, role, g, &r))
		return 0;
	if ((rc = juris_write(NULL, "grid", g)) != GK_OK)
		return -rc;
	if (p->stage != STAGE_TRAINING) {
		diag_error(_("candidate %lld (%s) is at %s; hiring comes after "
		    "job training (Art. 11)"), p->id, p->name,
		    STAGE_SAY(p->stage));
		return 0;
	}
	if ((rc = role_fits(db, cfg, g, r, p->id)) != 1 ||
	    (rc = posts_fit(db, cfg, p, g, r, 0)) != 1 ||
	    (rc = round_posts_left(db, p, g, r)) != 1 ||
	    (rc = education_fits(db, cfg, p->id, r)) != 1 ||
	    (rc = trained(db, cfg, p)) != 1)
		return rc;
	if ((rc = stage_record(db, p, STAGE_HIRED, "entered", NULL, now))
	    != GK_OK || (rc = assign_in(db, p->id, g, r)) != GK_OK)
		return -rc;
	return 1;
}

int
staff_hire(struct db *db, const struct config *cfg, long long id,
    const char *grid, const char *role)
{
	struct person p;
	struct sb detail = SB_INIT;
	char now[CLOCK_ISO_MAX];
	int rc, r;

	clock_format(clock_now(), now);
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	r = person_load(db, id, &p);
	if (r == 1 && !movable(&p))
		r = 0;
	if (r == 1)
		r = time_forward(db, &p, _("the hire"), now);
	if (r == 1)
		r = hire_in(db, cfg, &p, grid, role, now);
	if (r <= 0) {
		db_rollback(db);
		return r == 0 ? GK_DATAERR : -r;
	}
	phrase_add(&detail, PHRASE_HIRED, p.name, grid ? grid : p.grid,
	    role ? role : p.role);
	rc = audit_record(db, "hire", subject(&p), detail.buf);
	sb_release(&detail);
	if (rc != GK_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

/*
 * End the person's current assignments on day (the last day they
 * serve) with reason, leaving a vacancy for each, open from the next
 * day, the first the post is empty (Art. 10).  A vacancy is recorded as
 * it was: when someone else took the same grid and role since (a leave
 * recorded late, after the post was refilled), it is closed by that
 * refill, or is none when the refill began by its first day; an
 * assignment a transfer ends on the day it began (a transfer corrected
 * the same day) leaves none, and reopens the vacancy it filled.  Returns the
 * number of assignments ended, or -status.
 */
static long
end_assignments(struct db *db, long long person, const char *day,
    const char *reason)
{
	struct db_stmt *st, *rf;
	char since[DAY_ISO_MAX], grid[16], role[16], started[DAY_ISO_MAX];
	char filled[DAY_ISO_MAX];
	long long by;
	long n = 0;
	gk_day d;
	const char *why;
	int rc, r;

	if (day_parse(day, &d, &why) == -1)
		return -GK_SOFTWARE;
	day_format(d + 1, since);
	st = db_prepare(db, "SELECT grid, role, started FROM assignments "
	    "WHERE person = ? AND ended IS NULL ORDER BY id");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_int(st, 1, person);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(grid, sizeof grid, "%s", db_text(st, 0));
		snprintf(role, sizeof role, "%s", db_text(st, 1));
		snprintf(started, sizeof started, "%s", db_text(st, 2));
		n++;
		if (strcmp(started, day) == 0 &&
		    strcmp(reason, "transfer") == 0) {
			rc = db_run(db, "UPDATE vacancies SET filled = NULL, "
			    "filled_by = NULL WHERE grid = ? AND role = ? AND "
			    "filled_by = ? AND filled = ?", "ssLs", grid, role,
			    person, started);
			if (rc != GK_OK)
				break;
			continue;
		}
		/* Someone who took the post since, filling no vacancy. */
		r = db_query(db, &rf, "SELECT a.person, a.started FROM "
		    "assignments a WHERE a.grid = ?1 AND a.role = ?2 AND "
		    "a.person <> ?3 AND a.started >= ?4 AND NOT EXISTS (SELECT 1 "
		    "FROM vacancies v WHERE v.grid = a.grid AND v.role = a.role "
		    "AND v.filled_by = a.person AND v.filled = a.started) "
		    "ORDER BY a.started, a.id LIMIT 1", "ssLs", grid, role,
		    person, day);
		if (r < 0) {
			rc = r;
			break;
		}
		by = 0;
		if (r == 1) {
			by = db_int(rf, 0);
			snprintf(filled, sizeof filled, "%s", db_text(rf, 1));
			db_reset(rf);
			if (strcmp(filled, since) <= 0)
				continue;
		}
		rc = db_run(db, "INSERT INTO vacancies (grid, role, since, "
		    "reason, person, filled, filled_by) VALUES (?, ?, ?, ?, ?, "
		    "?, ?)", "ssssLsN", grid, role, since, reason, person,
		    by ? filled : NULL, by ? by : -1);
		if (rc != GK_OK)
			break;
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	if (rc == GK_OK)
		rc = db_run(db, "UPDATE assignments SET ended = ?, "
		    "end_reason = ? WHERE person = ? AND ended IS NULL", "ssL",
		    day, reason, person);
	return rc != GK_OK ? -rc : n;
}

/* A person serves a grid in a role once: 1 when p does not already,
 * 0 refused (reported), -status. */
static int
not_serving(struct db *db, const struct person *p, const char *grid,
    const char *role)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT started FROM assignments WHERE person = ? "
	    "AND grid = ? AND role = ? AND ended IS NULL");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_int(st, 1, p->id);
	db_bind_text(st, 2, grid);
	db_bind_text(st, 3, role);
	rc = db_step(st);
	if (rc == DB_ROW)
		diag_error(_("%lld (%s) serves grid %s as %s already, since "
		    "%s"),
		    p->id, p->name, grid, vocab_say(VOCAB_ROLE, role),
		    db_text(st, 0));
	db_reset(st);
	return rc < 0 ? rc : !rc;
}

/* The current role of a member of staff, or "" when none. */
static int
current_role(struct db *db, long long person, char role[16])
{
	struct db_stmt *st;
	int rc;

	*role = '\0';
	st = db_prepare(db, "SELECT role FROM assignments WHERE person = ? "
	    "AND ended IS NULL ORDER BY started DESC, id DESC LIMIT 1");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_int(st, 1, person);
	if ((rc = db_step(st)) == DB_ROW)
		snprintf(role, 16, "%s", db_text(st, 0));
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

int
staff_assign(struct db *db, const struct config *cfg, long long id,
    const char *grid, const char *role, int transfer)
{
	struct person p;
	struct sb detail = SB_INIT;
	char g[16] = "", cur[16], today[DAY_ISO_MAX];
	const char *r = NULL;
	long ended = 0;
	int rc;

	if (!check_target(grid, role, g, &r))
		return GK_USAGE;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = person_load(db, id, &p)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if (strcmp(p.status, "staff") != 0) {
		diag_error(_("%lld (%s) is not staff (%s); only hired staff "
		    "are assigned"), p.id, p.name,
		    vocab_say(VOCAB_PERSON_STATUS, p.status));
		rc = GK_DATAERR;
		goto fail;
	}
	if (*g != '\0' && (rc = juris_write(NULL, "grid", g)) != GK_OK)
		goto fail;
	if ((rc = time_forward(db, &p, transfer ? _("the transfer") :
	    _("the assignment"), day_format(clock_today(), today))) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if ((rc = current_role(db, id, cur)) != GK_OK)
		goto fail;
	if (r == NULL)
		r = *cur ? cur : p.role;
	if ((rc = not_serving(db, &p, g, r)) != 1 ||
	    (rc = role_fits(db, cfg, g, r, transfer ? id : 0)) != 1 ||
	    (rc = posts_fit(db, cfg, &p, g, r, transfer)) != 1 ||
	    (rc = education_fits(db, cfg, id, r)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if (transfer) {
		ended = end_assignments(db, id, day_format(clock_today(), today),
		    "transfer");
		if (ended < 0) {
			rc = (int)-ended;
			goto fail;
		}
		if (ended == 0) {
			diag_error(_("%lld (%s) has no assignment to transfer "
			    "from; use assign"), p.id, p.name);
			rc = GK_DATAERR;
			goto fail;
		}
	}
	if ((rc = assign_in(db, id, g, r)) != GK_OK)
		goto fail;
	phrase_add(&detail, transfer ? PHRASE_TRANSFERRED : PHRASE_ASSIGNED,
	    p.name, g, r);
	rc = audit_record(db, transfer ? "transfer" : "assign", subject(&p),
	    detail.buf);
	sb_release(&detail);
	if (rc != GK_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int
staff_leave(struct db *db, long long id, const char *reason, gk_day day)
{
	const struct vocab_entry *r = vocab_find(VOCAB_LEAVE_REASON, reason);
	char expl[VOCAB_EXPLAIN_MAX];
	struct person p;
	struct db_stmt *st;
	struct sb detail = SB_INIT;
	char d[DAY_ISO_MAX], now[CLOCK_ISO_MAX];
	long ended;
	int rc;

	if (r == NULL) {
		diag_error("%s", vocab_explain(VOCAB_LEAVE_REASON,
		    reason, expl, sizeof expl));
		return GK_USAGE;
	}
	reason = r->name;
	if (day > clock_today()) {
		diag_error(_("--on %s is in the future"), day_format(day, d));
		return GK_USAGE;
	}
	day_format(day, d);
	clock_format(clock_now(), now);
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = person_load(db, id, &p)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if (strcmp(p.status, "staff") != 0) {
		diag_error(_("%lld (%s) is not serving staff (%s)"),
		    p.id, p.name,
		    vocab_say(VOCAB_PERSON_STATUS, p.status));
		rc = GK_DATAERR;
		goto fail;
	}
	if ((rc = time_forward(db, &p, _("leaving"), d)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	st = db_prepare(db, "SELECT max(started) FROM assignments "
	    "WHERE person = ? AND ended IS NULL");
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto fail;
	}
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) < 0) {
		rc = -rc;
		goto fail;
	}
	if (rc == DB_ROW && !db_isnull(st, 0) && strcmp(d, db_text(st, 0)) < 0) {
		diag_error(_("%lld (%s) started in their grid on %s; they "
		    "cannot leave before that (--on %s)"), p.id, p.name,
		    db_text(st, 0), d);
		db_reset(st);
		rc = GK_DATAERR;
		goto fail;
	}
	db_reset(st);
	if ((ended = end_assignments(db, id, d, reason)) < 0) {
		rc = (int)-ended;
		goto fail;
	}
	if ((rc = db_run(db, "UPDATE people SET status = 'left', updated = ? "
	    "WHERE id = ?", "sL", now, id)) != GK_OK ||
	    (rc = application_sync(db, id, NULL, "left")) != GK_OK)
		goto fail;
	phrase_add(&detail, PHRASE_LEFT, p.name, d, reason);
	sb_adds(&detail, "; ");
	phrase_addn(&detail, PHRASE_VACANCIES, (unsigned long)ended,
	    (unsigned long)ended);
	rc = audit_record(db, "leave", subject(&p), detail.buf);
	sb_release(&detail);
	if (rc != GK_OK)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}
