/*
 * rounds.c - recruitment rounds (Art. 10, 11): a round is opened by its
 * announcement (number, date, county) with its posts (grid x role x
 * count); applications belong to a round.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "recin.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

int
staff_round_find(struct db *db, const char *number, long long *id,
    gk_day *announced)
{
	struct db_stmt *st;
	const char *why;
	int rc;

	rc = db_query(db, &st, "SELECT id, announced FROM rounds WHERE "
	    "number = ?", "s", number);
	if (rc <= 0) {
		if (rc == 0)
			diag_error(_("round %s: no such round (staff-hire "
			    "announce opens one)"), number);
		return rc;
	}
	*id = db_int(st, 0);
	if (day_parse(db_text(st, 1), announced, &why) == -1) {
		db_reset(st);
		return -GK_SOFTWARE;
	}
	db_reset(st);
	return 1;
}

int
staff_rounds_exist(struct db *db)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT 1 FROM rounds LIMIT 1", "");
	if (rc == DB_ROW)
		db_reset(st);
	return rc;
}

/* An announcement being imported. */
struct announce {
	const struct staff_round *r;	/* number, date, county */
	const struct config *cfg;	/* policy */
	long long id;			/* the round */
	int existed;			/* announced before */
};

static int
announce_start(struct batch *b, void *arg)
{
	struct announce *an = arg;
	struct db_stmt *st;
	char day[DAY_ISO_MAX], now[CLOCK_ISO_MAX];
	int rc;

	day_format(an->r->announced, day);
	rc = db_query(batch_db(b), &st, "SELECT id, announced, county FROM "
	    "rounds WHERE number = ?", "s", an->r->number);
	if (rc < 0)
		return -rc;
	if (rc == DB_ROW) {
		an->id = db_int(st, 0);
		an->existed = 1;
		if (strcmp(db_text(st, 1), day) != 0 ||
		    strcmp(db_text(st, 2), an->r->county) != 0) {
			diag_error(_("round %s was announced on %s for county "
			    "%s already"), an->r->number, db_text(st, 1),
			    db_text(st, 2));
			db_reset(st);
			return GK_DATAERR;
		}
		db_reset(st);
		return GK_OK;
	}
	clock_format(clock_now(), now);
	return db_insert_id(batch_db(b), &an->id, "INSERT INTO rounds (number, "
	    "announced, county, created) VALUES (?, ?, ?, ?) RETURNING id",
	    "ssss", an->r->number, day, an->r->county, now);
}

enum { P_GRID, P_ROLE, P_POSTS, P_COUNT };

static int
announce_row(struct batch *b, void *arg)
{
	struct announce *an = arg;
	const char *v[P_COUNT], *role, *why;
	char expl[VOCAB_EXPLAIN_MAX], q[DIAG_QUOTE_MAX], fg[64], fp[64];
	struct grid_code gc;
	struct grid_info gi;
	struct db_stmt *st;
	long long posts;
	int i, rc;

	for (i = 0; i < P_COUNT; i++)
		v[i] = batch_get(b, (size_t)i);
	for (i = 0; i < P_COUNT; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			batch_bad(b, (size_t)i, _("empty; a value is required"))
			    ;
			return BATCH_BAD;
		}
	v[P_GRID] = util_fold_code(v[P_GRID], fg, sizeof fg);
	v[P_POSTS] = util_fold_code(v[P_POSTS], fp, sizeof fp);
	if (code_parse_grid(v[P_GRID], &gc, &why) == -1) {
		batch_bad(b, P_GRID, "%s: %s", diag_quote(q, sizeof q,
		    v[P_GRID]), why);
		return BATCH_BAD;
	}
	if (strncmp(gc.code, an->r->county, 6) != 0) {
		batch_bad(b, P_GRID, _("grid %s is not in county %s of the "
		    "announcement"), gc.code, an->r->county);
		return BATCH_BAD;
	}
	if ((role = staff_role_parse(v[P_ROLE])) == NULL) {
		batch_bad(b, P_ROLE, "%s", vocab_explain(VOCAB_ROLE, v[P_ROLE],
		    expl, sizeof expl));
		return BATCH_BAD;
	}
	if (util_parse_long(v[P_POSTS], 1, 100000, &posts, &why) == -1) {
		batch_bad(b, P_POSTS, _("%s: posts must be a whole number from "
		    "1"), diag_quote(q, sizeof q, v[P_POSTS]));
		return BATCH_BAD;
	}
	if ((rc = grid_lookup(batch_db(b), gc.code, &gi)) < 0)
		return rc;
	if (rc == 0 || strcmp(gi.status, "active") != 0) {
		batch_bad(b, P_GRID, _("grid %s is %s"), gc.code, rc == 0 ?
		    _("not in the database") : _("retired"));
		return BATCH_BAD;
	}
	if (strcmp(role, "full_time") == 0 && strcmp(gi.kind, "rural") == 0 &&
	    !config_bool(an->cfg, "staff.rural_full_time")) {
		batch_bad(b, P_ROLE, _("full-time members are not taken in "
		    "rural grids here (staff.rural_full_time is off; Art. 8)"));
		return BATCH_BAD;
	}
	rc = db_query(batch_db(b), &st, "SELECT posts FROM round_posts WHERE "
	    "round = ? AND grid = ? AND role = ?", "Lss", an->id, gc.code,
	    role);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		long long had = db_int(st, 0);

		db_reset(st);
		if (had == posts)
			return BATCH_UNCHANGED;
		rc = db_run(batch_db(b), "UPDATE round_posts SET posts = ? "
		    "WHERE round = ? AND grid = ? AND role = ?", "LLss", posts,
		    an->id, gc.code, role);
		return rc == GK_OK ? BATCH_UPDATED : -rc;
	}
	rc = db_run(batch_db(b), "INSERT INTO round_posts (round, grid, role, "
	    "posts) VALUES (?, ?, ?, ?)", "LssL", an->id, gc.code, role,
	    posts);
	return rc == GK_OK ? BATCH_ADDED : -rc;
}

int
staff_announce(struct db *db, const struct config *cfg,
    const struct staff_round *r, const char *path,
    const struct recin_opts *in, long long max_errors)
{
	static const char *const names[P_COUNT] = { "grid", "role", "posts" };
	struct recin_field fields[P_COUNT];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct announce an = { r, cfg, 0, 0 };
	char day[DAY_ISO_MAX];
	int i;

	if (r->announced > clock_today()) {
		diag_error(_("round %s: the announcement date %s is in the "
		    "future"), r->number, day_format(r->announced, day));
		return GK_DATAERR;
	}
	for (i = 0; i < P_COUNT; i++) {
		fields[i].name = names[i];
		fields[i].required = 1;
		fields[i].aliases = config_aliases(cfg, names[i]);
	}
	def.verb = "announce";
	def.noun = "posts";
	def.nothing = N_("no round opened");
	def.all_there = N_("posts are announced");
	def.fields = fields;
	def.nfields = P_COUNT;
	def.start = announce_start;
	def.row = announce_row;
	bo.max_errors = max_errors;
	return batch_run(db, path, in, &def, &bo, &an, &bs);
}

const struct recout_col staff_round_cols[] = {
	{ NC_("column", "round"), RC_STR },
	{ NC_("column", "announced"), RC_STR },
	{ NC_("column", "county"), RC_STR },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "role"), RC_STR, "role" },
	{ NC_("column", "posts"), RC_INT },
	{ NC_("column", "applicants"), RC_INT },
	{ NC_("column", "registration"), RC_INT },
	{ NC_("column", "qualification"), RC_INT },
	{ NC_("column", "exam"), RC_INT },
	{ NC_("column", "physical"), RC_INT },
	{ NC_("column", "political"), RC_INT },
	{ NC_("column", "publicity"), RC_INT },
	{ NC_("column", "training"), RC_INT },
	{ NC_("column", "rejected"), RC_INT },
	{ NC_("column", "filled"), RC_INT },
};
const size_t staff_round_ncols = sizeof staff_round_cols /
    sizeof staff_round_cols[0];

int
staff_rounds(struct db *db, const char *number, struct recout *out)
{
	struct db_stmt *st;
	const char *v[16];
	int rc, c;

	/* Candidates in the procedure count at their stage; the rejected
	 * apart; filled: hired in this round (serving or since left). */
	st = db_prepare(db, "SELECT r.number, r.announced, r.county, p.grid, "
	    "p.role, p.posts, count(a.id), "
	    "sum(a.status = 'candidate' AND a.stage = 'registration'), "
	    "sum(a.status = 'candidate' AND a.stage = 'qualification'), "
	    "sum(a.status = 'candidate' AND a.stage = 'exam'), "
	    "sum(a.status = 'candidate' AND a.stage = 'physical'), "
	    "sum(a.status = 'candidate' AND a.stage = 'political'), "
	    "sum(a.status = 'candidate' AND a.stage = 'publicity'), "
	    "sum(a.status = 'candidate' AND a.stage = 'training'), "
	    "sum(a.status = 'rejected'), sum(a.stage = 'hired') "
	    "FROM rounds r JOIN round_posts p ON p.round = r.id "
	    "LEFT JOIN applications a ON a.round = r.id AND a.grid = p.grid "
	    "AND a.role = p.role "
	    "WHERE CAST(? AS TEXT) IS NULL OR r.number = ? "
	    "GROUP BY r.id, p.round, p.grid, p.role "
	    "ORDER BY r.announced, r.id, p.grid, p.role");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, number);
	db_bind_text(st, 2, number);
	while ((rc = db_step(st)) == DB_ROW) {
		for (c = 0; c < 16; c++)
			v[c] = db_isnull(st, c) ? "0" : db_text(st, c);
		if ((rc = recout_row(out, v)) != GK_OK)
			break;
	}
	db_reset(st);
	return rc < 0 ? -rc : rc;
}
