/*
 * coverage.c - the coverage check of Art. 4.
 *
 * Each rule is one indexed query over the scope; the unit rules share
 * one pass over the units in (village, kind, name) order, which the
 * units_key index gives without sorting, so a province's two million
 * units are checked in one scan.
 */
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "config.h"
#include "coverage.h"
#include "db.h"
#include "grid.h"
#include "i18n.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

const struct recout_col coverage_cols[] = {
	{ NC_("column", "rule"), RC_STR },
	{ NC_("column", "subject"), RC_STR },
	{ NC_("column", "detail"), RC_STR },
	{ NC_("column", "severity"), RC_STR },
};
const size_t coverage_ncols = sizeof coverage_cols / sizeof coverage_cols[0];

struct check {
	struct db *db;			/* the connection */
	const struct config *cfg;	/* grid.linear_unit_kinds */
	struct recout *out;		/* findings go here */
	struct coverage_counts *counts;	/* tallies */
	struct grid_scope *scope;	/* what to look at */
	char lo12[13], hi12[13];	/* village code range */
	char lo15[16], hi15[16];	/* grid code range */
};

static int
finding(struct check *ck, const char *rule, const char *subject,
    const char *detail, int error)
{
	const char *v[4];

	v[0] = rule;
	v[1] = subject;
	v[2] = detail;
	v[3] = error ? P_("error") : P_("warning");
	if (error)
		ck->counts->errors++;
	else
		ck->counts->warnings++;
	return recout_row(ck->out, v);
}

/*
 * The simple rules: one query each, one finding per row.  The query's
 * first column is the subject; detail() writes the detail from the row.
 * Its first two parameters are the scope's code range (12 digits for
 * areas, 15 for grids); the size rule binds more, the guidance, by the
 * indexes in guide (-1 ends them).
 */
enum { G_URBAN_MIN, G_URBAN_MAX, G_RURAL_MIN, G_RURAL_MAX, G_DED_MIN,
    G_DED_MAX, NGUIDE };

struct rule {
	const char *name;		/* rule name in the findings */
	int error;			/* error, or warning */
	int width;			/* 12: area codes, 15: grid codes */
	const char *sql;		/* the query */
	void (*detail)(struct db_stmt *, struct sb *, const long long *);
	int guide[9];			/* guidance bound after the range */
};

static void
uncovered_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	sb_addf(d, P_("%s has no active grid"), db_text(st, 1));
}

static void
grid_code_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	if (db_isnull(st, 2))
		sb_addf(d, P_("its village %s is not in the database"),
		    db_text(st, 1));
	else if (db_int(st, 2) != 5)
		sb_addf(d, P_("its village %s is not a village or community"),
		    db_text(st, 1));
	else
		sb_addf(d, P_("the code does not start with its village's "
		    "code %s"), db_text(st, 1));
}

static void
empty_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	sb_addf(d, P_("%s has no units: its extent is not recorded"),
	    db_text(st, 1));
}

static void
kind_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	if (strcmp(db_text(st, 1), "rural") == 0)
		sb_addf(d, P_("a rural grid in %s, which its code calls an "
		    "urban community"), db_text(st, 2));
	else
		sb_addf(d, P_("an urban grid in %s, which its code calls a "
		    "rural village"), db_text(st, 2));
}

static void
size_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	int urban = strcmp(db_text(st, 1), "urban") == 0;
	long long h = db_int(st, 2), lo = urban ? g[0] : g[2],
	    hi = urban ? g[1] : g[3], p;

	if (strcmp(db_text(st, 1), "dedicated") == 0) {
		/* A school or a hospital has people, not households. */
		p = db_int(st, 3);
		lo = g[G_DED_MIN];
		hi = g[G_DED_MAX];
		if (lo > 0 && p < lo)
			sb_addf(d, PN_("%lld person, too few for a dedicated "
			    "grid (guidance at least %lld)", "%lld people, too "
			    "few for a dedicated grid (guidance at least %lld)",
			    (unsigned long)p), p, lo);
		else
			sb_addf(d, P_("%lld people, too many for a dedicated "
			    "grid (guidance at most %lld)"), p, hi);
		return;
	}
	if (urban && h < lo)
		sb_addf(d, P_("%lld households, too few for an urban grid "
		    "(guidance %lld-%lld)"), h, lo, hi);
	else if (urban)
		sb_addf(d, P_("%lld households, too many for an urban grid "
		    "(guidance %lld-%lld)"), h, lo, hi);
	else if (h < lo)
		sb_addf(d, P_("%lld households, too few for a rural grid "
		    "(guidance %lld-%lld)"), h, lo, hi);
	else
		sb_addf(d, P_("%lld households, too many for a rural grid "
		    "(guidance %lld-%lld)"), h, lo, hi);
}

static void
unit_kind_detail(struct db_stmt *st, struct sb *d, const long long *g)
{
	if (strcmp(db_text(st, 4), "urban") == 0)
		sb_addf(d, P_("%s %s is drawn into urban community grid %s; "
		    "an urban grid is drawn by streets and buildings"),
		    vocab_record(VOCAB_UNIT_KIND, db_text(st, 1)),
		    db_text(st, 2), db_text(st, 3));
	else
		sb_addf(d, P_("%s %s is drawn into dedicated grid %s; a "
		    "dedicated grid holds one school, hospital or park"),
		    vocab_record(VOCAB_UNIT_KIND, db_text(st, 1)),
		    db_text(st, 2), db_text(st, 3));
}

static const struct rule uncovered_rule = {
	"uncovered", 1, 12,
	"SELECT a.code, a.name FROM areas a "
	"WHERE a.level = 5 AND a.code BETWEEN ? AND ? AND NOT EXISTS "
	"(SELECT 1 FROM grids g WHERE g.village = a.code "
	"AND g.status = 'active') ORDER BY a.code",
	uncovered_detail, { -1 }
};

static const struct rule grid_rules[] = {
	{ "grid-code", 1, 15,
	  "SELECT g.code, g.village, a.level "
	  "FROM grids g LEFT JOIN areas a ON a.code = g.village "
	  "WHERE g.code BETWEEN ? AND ? AND g.status = 'active' "
	  "AND (a.code IS NULL OR a.level <> 5 OR length(g.code) <> 15 "
	  "OR substr(g.code, 1, 12) <> g.village) ORDER BY g.code",
	  grid_code_detail, { -1 } },
	{ "empty-grid", 0, 15,
	  "SELECT g.code, g.name FROM grids g "
	  "WHERE g.code BETWEEN ? AND ? AND g.status = 'active' "
	  "AND NOT EXISTS (SELECT 1 FROM units u WHERE u.grid = g.code) "
	  "ORDER BY g.code",
	  empty_detail, { -1 } },
	{ "grid-kind", 0, 15,
	  "SELECT g.code, g.kind, a.name FROM grids g "
	  "JOIN areas a ON a.code = g.village WHERE g.code BETWEEN ? AND ? "
	  "AND g.status = 'active' AND ((a.urban = 1 AND g.kind = 'rural') "
	  "OR (a.urban = 0 AND g.kind = 'urban')) ORDER BY g.code",
	  kind_detail, { -1 } },
	{ "unit-kind", 0, 15,
	  "SELECT u.village || '/' || u.kind || '/' || u.name, u.kind, "
	  "u.name, g.code, g.kind FROM grids g JOIN units u "
	  "ON u.grid = g.code WHERE g.code BETWEEN ? AND ? "
	  "AND g.status = 'active' AND g.kind IN ('urban', 'dedicated') "
	  "AND u.kind IN ('villager_group', 'natural_village') "
	  "ORDER BY g.code, u.kind, u.name",
	  unit_kind_detail, { -1 } },
	{ "size", 0, 15,
	  "SELECT code, kind, households, population FROM grids "
	  "WHERE code BETWEEN ? AND ? AND status = 'active' "
	  "AND ((households IS NOT NULL AND ((kind = 'urban' AND "
	  "(households < ? OR households > ?)) OR (kind = 'rural' AND "
	  "(households < ? OR households > ?)))) OR (kind = 'dedicated' "
	  "AND population IS NOT NULL AND ((? > 0 AND population < ?) "
	  "OR (? > 0 AND population > ?)))) ORDER BY code",
	  size_detail, { G_URBAN_MIN, G_URBAN_MAX, G_RURAL_MIN, G_RURAL_MAX,
	  G_DED_MIN, G_DED_MIN, G_DED_MAX, G_DED_MAX, -1 } },
};

static int
run_rule(struct check *ck, const struct rule *r, const long long *guide)
{
	struct db_stmt *st;
	struct sb d = SB_INIT;
	int rc, i;

	if ((st = db_prepare(ck->db, r->sql)) == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, r->width == 12 ? ck->lo12 : ck->lo15);
	db_bind_text(st, 2, r->width == 12 ? ck->hi12 : ck->hi15);
	for (i = 0; r->guide[i] >= 0; i++)
		db_bind_int(st, 3 + i, guide[r->guide[i]]);
	while ((rc = db_step(st)) == DB_ROW) {
		sb_reset(&d);
		r->detail(st, &d, guide);
		if ((rc = finding(ck, r->name, db_text(st, 0), d.buf,
		    r->error)) != GK_OK)
			break;
	}
	db_reset(st);
	sb_release(&d);
	return rc < 0 ? -rc : rc;
}

/* The active grids a unit is listed under, joined with commas. */
static int
unit_grids(struct check *ck, const char *village, const char *kind,
    const char *name, struct sb *out)
{
	struct db_stmt *st;
	int rc, n = 0;

	st = db_prepare(ck->db, "SELECT u.grid FROM units u JOIN grids g "
	    "ON g.code = u.grid WHERE u.village = ? AND u.kind = ? "
	    "AND u.name = ? AND g.status = 'active' ORDER BY u.grid");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, village);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, name);
	while ((rc = db_step(st)) == DB_ROW)
		sb_addf(out, "%s%s", n++ ? ", " : "", db_text(st, 0));
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

static int
units(struct check *ck)
{
	struct db_stmt *st;
	struct sb subject = SB_INIT, d = SB_INIT, grids = SB_INIT;
	const char *village, *kind, *name;
	long long n;
	int rc, hazard;

	st = db_prepare(ck->db, "SELECT u.village, u.kind, u.name, "
	    "count(g.code) FROM units u LEFT JOIN grids g ON g.code = u.grid "
	    "AND g.status = 'active' WHERE u.village BETWEEN ? AND ? "
	    "GROUP BY u.village, u.kind, u.name HAVING count(g.code) <> 1 "
	    "ORDER BY u.village, u.kind, u.name");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, ck->lo12);
	db_bind_text(st, 2, ck->hi12);
	while ((rc = db_step(st)) == DB_ROW) {
		village = db_text(st, 0);
		kind = db_text(st, 1);
		name = db_text(st, 2);
		n = db_int(st, 3);
		hazard = grid_unit_is_hazard(kind);
		sb_reset(&subject);
		sb_addf(&subject, "%s/%s/%s", village, kind, name);
		sb_reset(&d);
		if (n == 0) {
			if (hazard)
				sb_addf(&d, P_("hazard point %s %s is in no "
				    "active grid"), vocab_record(
				    VOCAB_UNIT_KIND, kind), name);
			else
				sb_addf(&d, P_("unit %s %s is in no active "
				    "grid"), vocab_record(VOCAB_UNIT_KIND,
				    kind), name);
			rc = finding(ck, hazard ? "hazard-outside" :
			    "blank-area", subject.buf, d.buf, 1);
		} else if (hazard && grid_unit_is_linear(ck->cfg, kind)) {
			/* A river or a road runs through several grids: it is
			 * inside grid management wherever it is listed. */
			continue;
		} else {
			sb_reset(&grids);
			if ((rc = unit_grids(ck, village, kind, name, &grids))
			    != GK_OK)
				break;
			sb_addf(&d, P_("%s %s is in %lld grids: %s"),
			    vocab_record(VOCAB_UNIT_KIND, kind), name, n,
			    grids.buf);
			rc = finding(ck, "overlap", subject.buf, d.buf, 1);
		}
		if (rc != GK_OK)
			break;
	}
	db_reset(st);
	sb_release(&subject);
	sb_release(&d);
	sb_release(&grids);
	return rc < 0 ? -rc : rc;
}

int
coverage_check(struct db *db, const struct config *cfg,
    struct grid_scope *scope, struct recout *out,
    struct coverage_counts *counts)
{
	struct check ck;
	long long guide[NGUIDE];
	size_t i;
	int rc;

	guide[G_URBAN_MIN] = config_int(cfg, "grid.urban_households_min");
	guide[G_URBAN_MAX] = config_int(cfg, "grid.urban_households_max");
	guide[G_RURAL_MIN] = config_int(cfg, "grid.rural_households_min");
	guide[G_RURAL_MAX] = config_int(cfg, "grid.rural_households_max");
	guide[G_DED_MIN] = config_int(cfg, "grid.dedicated_population_min");
	guide[G_DED_MAX] = config_int(cfg, "grid.dedicated_population_max");
	memset(&ck, 0, sizeof ck);
	memset(counts, 0, sizeof *counts);
	ck.db = db;
	ck.cfg = cfg;
	ck.out = out;
	ck.counts = counts;
	ck.scope = scope;
	code_range(scope->prefix, 12, ck.lo12, ck.hi12);
	code_range(scope->prefix, 15, ck.lo15, ck.hi15);

	/* One read transaction: a consistent picture while imports run. */
	if ((rc = db_begin_read(db)) != GK_OK)
		return rc;
	rc = run_rule(&ck, &uncovered_rule, guide);
	if (rc == GK_OK)
		rc = units(&ck);
	for (i = 0; rc == GK_OK && i < sizeof grid_rules / sizeof grid_rules[0];
	    i++)
		rc = run_rule(&ck, &grid_rules[i], guide);
	db_rollback(db);
	return rc;
}
