/*
 * grid.c - areas, grids and units: imports and single changes.
 *
 * Imports stream: one record at a time, validated, written inside one
 * transaction; a bad row is reported and the rows after it are still
 * checked (so the user sees every problem at once), and any bad row
 * rolls the whole batch back.  Validation reads what the same batch has
 * already written, so a parent may come earlier in the same file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "codes.h"
#include "codeset.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "phrase.h"
#include "recin.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

const char *
grid_unit_kind(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_UNIT_KIND, s);

	return e != NULL ? e->name : NULL;
}

int
grid_unit_is_hazard(const char *kind)
{
	const struct vocab_entry *e = vocab_find(VOCAB_UNIT_KIND, kind);

	return e != NULL && e->value;
}

int
grid_unit_is_linear(const struct config *cfg, const char *kind)
{
	const char *const *l = config_list(cfg, "grid.linear_unit_kinds");
	const char *k;

	for (; *l != NULL; l++)
		if ((k = grid_unit_kind(*l)) != NULL && strcmp(k, kind) == 0)
			return 1;
	return 0;
}

int
grid_unit_draws_rural(const char *kind)
{
	return strcmp(kind, "villager_group") == 0 ||
	    strcmp(kind, "natural_village") == 0;
}

int
grid_check_config(const struct config *cfg)
{
	const char *const *l = config_list(cfg, "grid.linear_unit_kinds");
	const char *key = "grid.linear_unit_kinds";
	char expl[VOCAB_EXPLAIN_MAX];
	int rc = GK_OK;

	for (; *l != NULL; l++) {
		if (grid_unit_kind(*l) == NULL) {
			diag_error("%s: %s: %s", config_origin(cfg, key), key,
			    vocab_explain(VOCAB_UNIT_KIND, *l, expl,
			    sizeof expl));
			rc = GK_CONFIG;
		} else if (!grid_unit_is_hazard(grid_unit_kind(*l))) {
			diag_error(_("%s: %s: \"%s\" is a unit grids are drawn "
			    "from, not a hazard point"),
			    config_origin(cfg, key),
			    key, *l);
			rc = GK_CONFIG;
		}
	}
	return rc;
}

/* Urban, rural or dedicated, in English or Chinese; NULL when none. */
static const char *
grid_kind(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_GRID_KIND, s);

	return e != NULL ? e->name : NULL;
}

/* The longest name we take: a bulletin board has room for no more. */
#define NAME_MAX_BYTES 200

/* Where an import is: its row callbacks' state (batch.h). */
struct import {
	struct db *db;				/* the connection */
	struct batch *b;			/* the batch */
	struct recin *in;			/* its records */
	int (*row)(struct import *);		/* the table's row */
	char now[CLOCK_ISO_MAX];		/* created/updated stamp */
	int nulls;				/* units in no grid may exist */
	/* What the batch has looked up, whatever the order of its file:
	 * the database is asked about each area or grid once. */
	struct codeset areas;			/* area: its level */
	struct codeset villages;		/* village checked: 1 */
	struct codeset urban;			/* village: urban flag + 1 */
	struct codeset grids;			/* active grid checked: 1 */
	unsigned long asked;			/* villages and grids asked
						   about one by one */
	/* Areas or grids: the codes in the table when the batch began
	 * and those written since.  A row whose code is not among them
	 * is new, and is written without asking (db_run_tally). */
	struct codeset known;
};

/* Past this many lookups, a batch reads every village and active grid
 * at once: one query instead of thousands, each of which would also
 * wait for the rows sent ahead (db.h). */
#define IMPORT_ASK_MAX 64

/*
 * Whether a village or grid the batch has not met yet should still be
 * asked about alone: yes for the first IMPORT_ASK_MAX; then all villages
 * and active grids are read into the sets once, and only a code not
 * among them is asked about (to say why it is refused).  Returns 1 to
 * ask, 0 when the sets were read just now (look in them again), or
 * -status.
 */
static void
known_grid(void *arg, const char *code, const char *kind)
{
	(void)kind;
	codeset_put(arg, code, 1);
}

static int
ask_alone(struct import *im)
{
	struct db_stmt *st;
	int rc;

	if (im->asked++ != IMPORT_ASK_MAX)
		return 1;
	st = db_prepare(im->db, "SELECT code, urban FROM areas WHERE level = ?");
	if (st == NULL || db_bind_int(st, 1, AREA_VILLAGE) != GK_OK)
		return -GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		codeset_put(&im->villages, db_text(st, 0), 1);
		codeset_put(&im->urban, db_text(st, 0), db_isnull(st, 1) ? 0 :
		    (int)db_int(st, 1) + 1);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	return (rc = grid_each_active(im->db, known_grid, &im->grids)) !=
	    GK_OK ? -rc : 0;
}

/* Report a bad value of field i in the current record: the batch's
 * one reporter. */
static void __attribute__((format(printf, 3, 4)))
bad(struct import *im, size_t i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	batch_vbad(im->b, i, fmt, ap);
	va_end(ap);
}

/* The reason a code did not parse, or Excel's damage to it. */
static const char *
code_reason(const char *value, const char *why)
{
	const char *hint = recin_excel_damage(value);

	return hint ? hint : why;
}

/* A code or number as typed: full-width digits and Excel's leading
 * apostrophe folded (util_fold_code); NULL stays NULL.  buf holds 64. */
static const char *
fold(const char *v, char buf[64])
{
	return v == NULL ? NULL : util_fold_code(v, buf, 64);
}

/* A required text field: present and not empty. */
static const char *
need(struct import *im, size_t i, int *ok)
{
	const char *v = recin_get(im->in, i);

	if (v == NULL || *v == '\0') {
		bad(im, i, _("empty; a value is required"));
		*ok = 0;
		return NULL;
	}
	return v;
}

/* A row that adds or changes something at code must be inside the
 * operator's jurisdiction: result as it was, or -GK_NOPERM after
 * reporting (the batch stops and rolls back). */
static int
juris_row(struct import *im, const char *what, const char *code, int result)
{
	int rc;

	if (result != BATCH_ADDED && result != BATCH_UPDATED)
		return result;
	if ((rc = juris_write_row(im->b, what, code)) != GK_OK)
		return -rc;
	return result;
}

static int
check_name(struct import *im, size_t i, const char *name)
{
	char q[DIAG_QUOTE_MAX];

	if (strlen(name) > NAME_MAX_BYTES) {
		bad(im, i, _("%s is longer than %d bytes"),
		    diag_quote(q, sizeof q, name), NAME_MAX_BYTES);
		return 0;
	}
	if (strpbrk(name, "\n\r\t") != NULL) {
		bad(im, i, _("%s contains a line break or tab"),
		    diag_quote(q, sizeof q, name));
		return 0;
	}
	return 1;
}

/* Level of an area in the database, 0 when absent, -status on error. */
static int
area_level(struct db *db, const char *code12)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT level FROM areas "
	    "WHERE code = ?", "s", code12);
	if (rc == DB_ROW)
		rc = (int)db_int(st, 0);
	db_reset(st);
	return rc;
}

static int
import_area(struct import *im)
{
	char f0[64], f2[64];
	struct area_code ac, pc;
	struct db_stmt *st;
	const char *code, *name, *parent, *why;
	char q[DIAG_QUOTE_MAX], oldname[NAME_MAX_BYTES * 2];
	int ok = 1, rc;

	code = fold(need(im, 0, &ok), f0);
	name = need(im, 1, &ok);
	parent = fold(recin_get(im->in, 2), f2);
	if (code != NULL && code_parse_area(code, &ac, &why) == -1) {
		bad(im, 0, "%s: %s", diag_quote(q, sizeof q, code),
		    code_reason(code, why));
		return 0;
	}
	if (name != NULL && !check_name(im, 1, name))
		ok = 0;
	if (!ok)
		return 0;
	if (parent != NULL && *parent != '\0') {
		if (code_parse_area(parent, &pc, &why) == -1) {
			bad(im, 2, "%s: %s", diag_quote(q, sizeof q, parent),
			    code_reason(parent, why));
			return 0;
		}
		if (strcmp(pc.code, ac.parent) != 0) {
			bad(im, 2, _("%s is not the parent of %s: by its "
			    "digits the parent is %s"),
			    parent, code, ac.parent);
			return 0;
		}
	}
	if (ac.level > AREA_PROVINCE) {
		if ((rc = codeset_get(&im->areas, ac.parent)) < 0 &&
		    (rc = area_level(im->db, ac.parent)) > 0)
			codeset_put(&im->areas, ac.parent, rc);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			bad(im, 0, _("%s: its parent %s %s is not in the "
			    "database; import it first or earlier in this "
			    "file"),
			    code, _(code_level_name(ac.level - 1)), ac.parent);
			return 0;
		}
	}

	/* An area not in the table: added, counted as the statements are
	 * done (unless the operator may not add it: then asked now). */
	if (codeset_add(&im->known, ac.code) && juris_writable(ac.code)) {
		codeset_put(&im->areas, ac.code, ac.level);
		if ((rc = db_run_tally(im->db, batch_tally(im->b), "INSERT "
		    "INTO areas (code, name, level, parent, urban, created, "
		    "updated) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) "
		    "DO NOTHING", "ssisNss", ac.code, name, ac.level,
		    ac.level > AREA_PROVINCE ? ac.parent : NULL,
		    ac.level == AREA_VILLAGE ? (long long)ac.urban : -1LL,
		    im->now, im->now)) != GK_OK)
			return -rc;
		return BATCH_TALLIED;
	}
	/* Most areas of an import are new: insert first, look only on a
	 * clash. */
	rc = db_run(im->db, "INSERT INTO areas (code, name, level, parent, "
	    "urban, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (code) DO NOTHING", "ssisNss",
	    ac.code, name, ac.level, ac.level > AREA_PROVINCE ? ac.parent :
	    NULL, ac.level == AREA_VILLAGE ? (long long)ac.urban : -1LL,
	    im->now, im->now);
	if (rc != GK_OK)
		return -rc;
	codeset_put(&im->areas, ac.code, ac.level);
	if (db_changes(im->db) > 0)
		return juris_row(im, "area", ac.code, BATCH_ADDED);
	rc = db_query(im->db, &st, "SELECT name FROM areas "
	    "WHERE code = ?", "s", ac.code);
	if (rc == 0)
		diag_error(_("internal error: area %s neither inserted nor "
		    "found"), ac.code);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	snprintf(oldname, sizeof oldname, "%s", db_text(st, 0));
	db_reset(st);
	if (strcmp(oldname, name) == 0)
		return BATCH_UNCHANGED;
	if ((rc = db_run(im->db, "UPDATE areas SET name = ?, "
	    "updated = ? WHERE code = ?", "sss", name, im->now,
	    ac.code)) != GK_OK)
		return -rc;
	return juris_row(im, "area", ac.code, BATCH_UPDATED);
}

/* Optional non-negative count field: -1 when empty, -2 when bad. */
static long long
count_field(struct import *im, size_t i)
{
	const char *v, *why;
	char f[64];
	char q[DIAG_QUOTE_MAX];
	long long n;

	v = fold(recin_get(im->in, i), f);
	if (v == NULL || *v == '\0')
		return -1;
	if (util_parse_long(v, 0, 100000000, &n, &why) == -1) {
		bad(im, i, _("%s: %s; a whole number is wanted"),
		    diag_quote(q, sizeof q, v), why);
		return -2;
	}
	return n;
}

/* The village of a grid or unit: it must be in the database as a
 * village.  Returns 1 when it is, 0 after reporting, -status. */
static int
check_village(struct import *im, size_t field, const char *village12,
    const char *what)
{
	int rc;

	if (codeset_get(&im->villages, village12) >= 0)
		return 1;
	if ((rc = ask_alone(im)) < 0)
		return rc;
	if (rc == 0 && codeset_get(&im->villages, village12) >= 0)
		return 1;
	rc = area_level(im->db, village12);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		bad(im, field, _("%s: village or community %s is not in the "
		    "database; import it first (grid-define import areas)"),
		    what, village12);
		return 0;
	}
	if (rc != AREA_VILLAGE) {
		bad(im, field, _("%s: %s is a %s, not a village or community"),
		    what, village12, _(code_level_name(rc)));
		return 0;
	}
	codeset_put(&im->villages, village12, 1);
	return 1;
}

/* Urban flag of a village: 1, 0, or -1 unknown; below -1 a database
 * error: -1 - status. */
static int
village_urban(struct db *db, const char *village12)
{
	struct db_stmt *st;
	int urban = -1;

	int rc;

	st = db_prepare(db, "SELECT urban FROM areas WHERE code = ?");
	if (st == NULL)
		return -GK_SOFTWARE - 1;
	db_bind_text(st, 1, village12);
	if ((rc = db_step(st)) == DB_ROW && !db_isnull(st, 0))
		urban = (int)db_int(st, 0);
	db_reset(st);
	return rc < 0 ? rc - 1 : urban;
}

/* Write one grid: add, update or leave.  Returns BATCH_ADDED,
 * BATCH_UPDATED or BATCH_UNCHANGED; 0 with *retired set ("retired": a
 * retired grid, "kind": no kind for a new one); or -status. */
static int
put_grid(struct db *db, const char *now, const struct grid_code *gc,
    const char *name, const char *kind, const char *derived,
    long long households, long long population, const char **retired)
{
	struct grid_info gi;
	const char *newkind = kind != NULL ? kind : derived;
	int rc, same;

	*retired = NULL;
	/* Most grids of an import are new: insert first, look only on a
	 * clash (or when a new grid would have no kind). */
	if (newkind != NULL) {
		if ((rc = db_run(db, "INSERT INTO grids (code, village, name, "
		    "kind, households, population, status, created, updated) "
		    "VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?) "
		    "ON CONFLICT (code) DO NOTHING", "ssssNNss", gc->code,
		    gc->village, name, newkind, households, population, now,
		    now)) != GK_OK)
			return -rc;
		if (db_changes(db) > 0)
			return BATCH_ADDED;
	}
	rc = grid_lookup(db, gc->code, &gi);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		if (strcmp(gi.status, "retired") == 0) {
			*retired = "retired";
			return 0;
		}
		/* What a file does not give (no column, an empty cell) is
		 * left as it is: an import never erases with blanks. */
		same = strcmp(gi.name, name) == 0 &&
		    (kind == NULL || strcmp(gi.kind, kind) == 0) &&
		    (households < 0 || gi.households == households) &&
		    (population < 0 || gi.population == population);
		if (same)
			return BATCH_UNCHANGED;
		if ((rc = db_run(db, "UPDATE grids SET name = ?, "
		    "kind = coalesce(?, kind), "
		    "households = coalesce(?, households), "
		    "population = coalesce(?, population), updated = ? "
		    "WHERE code = ?", "ssNNss", name, kind, households,
		    population, now, gc->code)) != GK_OK)
			return -rc;
		return BATCH_UPDATED;
	}
	/* Not there, and no kind to give it. */
	if (newkind == NULL) {
		*retired = "kind";
		return 0;
	}
	diag_error(_("internal error: grid %s neither inserted nor found"),
	    gc->code);
	return -GK_SOFTWARE;
}

static int
import_grid(struct import *im)
{
	char f0[64];
	struct grid_code gc;
	const char *code, *name, *kindv, *kind = NULL, *why, *retired;
	char q[DIAG_QUOTE_MAX], expl[VOCAB_EXPLAIN_MAX];
	long long households, population;
	int ok = 1, rc, urban;

	code = fold(need(im, 0, &ok), f0);
	name = need(im, 1, &ok);
	households = count_field(im, 2);
	population = count_field(im, 3);
	kindv = recin_get(im->in, 4);
	if (households == -2 || population == -2)
		ok = 0;
	if (name != NULL && !check_name(im, 1, name))
		ok = 0;
	if (kindv != NULL && *kindv != '\0' &&
	    (kind = grid_kind(kindv)) == NULL) {
		bad(im, 4, "%s", vocab_explain(VOCAB_GRID_KIND, kindv, expl,
		    sizeof expl));
		ok = 0;
	}
	if (code == NULL)
		return 0;
	if (code_parse_grid(code, &gc, &why) == -1) {
		bad(im, 0, "%s: %s", diag_quote(q, sizeof q, code),
		    code_reason(code, why));
		return 0;
	}
	if ((rc = check_village(im, 0, gc.village, code)) != 1)
		return rc;
	if (!ok)
		return 0;
	/* A new grid's kind, when not given, follows its village. */
	if ((urban = codeset_get(&im->urban, gc.village) - 1) < -1) {
		if ((urban = village_urban(im->db, gc.village)) < -1)
			return urban + 1;
		codeset_put(&im->urban, gc.village, urban + 1);
	}
	/* A grid not in the table: added, counted as the statements are
	 * done (unless the operator may not add it: then asked now). */
	if (codeset_add(&im->known, gc.code) && (kind != NULL || urban >= 0) &&
	    juris_writable(gc.code)) {
		if ((rc = db_run_tally(im->db, batch_tally(im->b), "INSERT "
		    "INTO grids (code, village, name, kind, households, "
		    "population, status, created, updated) VALUES (?, ?, ?, ?, "
		    "?, ?, 'active', ?, ?) ON CONFLICT (code) DO NOTHING",
		    "ssssNNss", gc.code, gc.village, name, kind != NULL ? kind :
		    urban ? "urban" : "rural", households, population, im->now,
		    im->now)) != GK_OK)
			return -rc;
		return BATCH_TALLIED;
	}
	rc = put_grid(im->db, im->now, &gc, name, kind, urban < 0 ? NULL :
	    urban ? "urban" : "rural", households, population, &retired);
	if (rc == 0 && retired != NULL && strcmp(retired, "kind") == 0) {
		bad(im, 0, _("%s: village digits %s do not say urban "
		    "(001-199) or rural (200-399); give a kind column"),
		    code, gc.village + 9);
		return 0;
	}
	if (rc == 0 && retired != NULL) {
		bad(im, 0, _("grid %s is retired; a retired grid keeps its "
		    "code and history and is not brought back by an import"),
		    gc.code);
		return 0;
	}
	return juris_row(im, "grid", gc.code, rc);
}

/* The grid of a unit: in the database, active, in the unit's village.
 * Returns 1, 0 after reporting, or -status. */
static int
check_unit_grid(struct import *im, size_t field, const char *grid,
    const char *village12, char out[16])
{
	struct grid_code gc;
	struct grid_info gi;
	const char *why;
	char q[DIAG_QUOTE_MAX];
	int rc;

	if (code_parse_grid(grid, &gc, &why) == -1) {
		bad(im, field, "%s: %s", diag_quote(q, sizeof q, grid),
		    code_reason(grid, why));
		return 0;
	}
	memcpy(out, gc.code, 16);
	if (strcmp(gc.village, village12) != 0) {
		bad(im, field, _("grid %s belongs to village %s, not to %s"),
		    gc.code, gc.village, village12);
		return 0;
	}
	if (codeset_get(&im->grids, gc.code) >= 0)
		return 1;
	if ((rc = ask_alone(im)) < 0)
		return rc;
	if (rc == 0 && codeset_get(&im->grids, gc.code) >= 0)
		return 1;
	rc = grid_lookup(im->db, gc.code, &gi);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		bad(im, field, _("grid %s is not in the database; import it "
		    "first (grid-define import grids)"), gc.code);
		return 0;
	}
	if (strcmp(gi.status, "active") != 0) {
		bad(im, field, _("grid %s is retired"), gc.code);
		return 0;
	}
	codeset_put(&im->grids, gc.code, 1);
	return 1;
}

/*
 * Put a unit under a grid (or in none).  A unit in a grid loses its
 * "in no grid" row; a unit in no grid is only recorded when it has no
 * row at all.  With tally, the rows added are counted there and
 * BATCH_TALLIED returned (the statements may be sent ahead: db.h);
 * without, 1 for a change, 0 for none.  -status on an error.
 */
static int
put_unit(struct db *db, const char *village, const char *kind,
    const char *name, const char *grid, int *nulls, long long *tally)
{
	long long added = 0;
	int rc;

	if (grid == NULL) {
		if ((rc = db_run_tally(db, tally ? tally : &added,
		    "INSERT INTO units (village, kind, name, grid) SELECT ?, "
		    "?, ?, NULL WHERE NOT EXISTS (SELECT 1 FROM units WHERE "
		    "village = ? AND kind = ? AND name = ?)", "ssssss", village,
		    kind, name, village, kind, name)) != GK_OK)
			return -rc;
		/* Whether it was added or not, a unit in no grid may be
		 * there now: later rows look for one. */
		*nulls = 1;
	} else {
		if ((rc = db_run_tally(db, tally ? tally : &added, "INSERT "
		    "INTO units (village, kind, name, grid) VALUES (?, ?, ?, "
		    "?) ON CONFLICT DO NOTHING", "ssss", village, kind, name,
		    grid)) != GK_OK)
			return -rc;
		/* A bulk import into a table with no "in no grid" rows, the
		 * common case, skips the search for one; where there may
		 * be one, a unit placed in a grid is in none no more. */
		if (*nulls && (rc = db_run(db, "DELETE FROM units WHERE "
		    "village = ? AND kind = ? AND name = ? AND grid IS NULL",
		    "sss", village, kind, name)) != GK_OK)
			return -rc;
	}
	if (tally != NULL)
		return BATCH_TALLIED;
	if ((rc = db_flush(db)) != GK_OK)
		return -rc;
	return added > 0;
}

static int
import_unit(struct import *im)
{
	char f0[64], f3[64];
	struct area_code ac;
	const char *village, *kindv, *kind = NULL, *name, *grid, *why, *where;
	char q[DIAG_QUOTE_MAX], gridcode[16], expl[VOCAB_EXPLAIN_MAX];
	int ok = 1, rc;

	village = fold(need(im, 0, &ok), f0);
	kindv = need(im, 1, &ok);
	name = need(im, 2, &ok);
	grid = fold(recin_get(im->in, 3), f3);
	if (kindv != NULL && (kind = grid_unit_kind(kindv)) == NULL) {
		bad(im, 1, "%s", vocab_explain(VOCAB_UNIT_KIND, kindv, expl,
		    sizeof expl));
		ok = 0;
	}
	if (name != NULL && !check_name(im, 2, name))
		ok = 0;
	if (village == NULL)
		return 0;
	if (code_parse_area(village, &ac, &why) == -1) {
		bad(im, 0, "%s: %s", diag_quote(q, sizeof q, village),
		    code_reason(village, why));
		return 0;
	}
	if ((rc = check_village(im, 0, ac.code, village)) != 1)
		return rc;
	if (grid != NULL && *grid != '\0') {
		rc = check_unit_grid(im, 3, grid, ac.code, gridcode);
		if (rc != 1)
			return rc;
	} else
		grid = NULL;
	if (!ok)
		return 0;
	where = grid ? gridcode : ac.code;
	/* Counted as the statements are done, unless the operator may not
	 * change it: then whether it changes is asked at once. */
	if (juris_writable(where))
		return put_unit(im->db, ac.code, kind, name, grid ? gridcode :
		    NULL, &im->nulls, batch_tally(im->b));
	rc = put_unit(im->db, ac.code, kind, name, grid ? gridcode : NULL,
	    &im->nulls, NULL);
	if (rc < 0)
		return rc;
	return juris_row(im, "unit", where,
	    rc > 0 ? BATCH_ADDED : BATCH_UNCHANGED);
}

/* Whether any unit is recorded in no grid. */
static int
any_unplaced(struct db *db, int *nulls)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT 1 FROM units WHERE grid IS NULL LIMIT 1");
	if (st == NULL)
		return GK_SOFTWARE;
	rc = db_step(st);
	db_reset(st);
	if (rc < 0)
		return -rc;
	*nulls = rc;
	return GK_OK;
}

static const char *const table_names[] = { "areas", "grids", "units" };

/* Before the first row: the batch's reader; for units, whether any
 * unit is in no grid; for areas and grids, the codes there already. */
static int
import_start(struct batch *b, void *arg)
{
	struct import *im = arg;

	struct db_stmt *st;
	int rc;

	im->b = b;
	im->in = batch_in(b);
	if (im->row == import_unit)
		return any_unplaced(im->db, &im->nulls);
	st = db_prepare(im->db, im->row == import_area ? "SELECT code "
	    "FROM areas" : "SELECT code FROM grids");
	if (st == NULL)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW)
		(void)codeset_add(&im->known, db_text(st, 0));
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

static int
import_row(struct batch *b, void *arg)
{
	struct import *im = arg;

	return im->row(im);
}

int
grid_import(struct db *db, const struct config *cfg, enum grid_table table,
    const char *path, const struct recin_opts *opts, long long max_errors,
    int reveal, struct grid_import_stats *stats)
{
	static const struct recin_field area_fields[] = {
		{ "code", 1, NULL }, { "name", 1, NULL }, { "parent", 0, NULL },
	}, grid_fields[] = {
		{ "code", 1, NULL }, { "name", 1, NULL },
		{ "households", 0, NULL }, { "population", 0, NULL },
		{ "kind", 0, NULL },
	}, unit_fields[] = {
		{ "village", 1, NULL }, { "kind", 1, NULL },
		{ "name", 1, NULL }, { "grid", 1, NULL },
	};
	static const struct {
		const struct recin_field *f;
		size_t n;
		int (*row)(struct import *);
		const char *verb;
	} tables[] = {
		{ area_fields, 3, import_area, "import areas" },
		{ grid_fields, 5, import_grid, "import grids" },
		{ unit_fields, 4, import_unit, "import units" },
	};
	static const char *const all_there[] = {
		N_("areas are there"), N_("grids are there"),
		N_("units are there"),
	};
	struct recin_field fields[8];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct import im;
	size_t i, n = tables[table].n;
	int rc;

	memset(&im, 0, sizeof im);
	for (i = 0; i < n; i++) {
		fields[i] = tables[table].f[i];
		fields[i].aliases = config_aliases(cfg, fields[i].name);
	}
	im.db = db;
	im.row = tables[table].row;
	clock_format(clock_now(), im.now);
	def.verb = tables[table].verb;
	def.noun = table_names[table];
	def.nothing = N_("nothing imported");
	def.all_there = all_there[table];
	def.fields = fields;
	def.nfields = n;
	def.start = import_start;
	def.row = import_row;
	bo.max_errors = max_errors;
	bo.reveal = reveal;
	rc = batch_run(db, path, opts, &def, &bo, &im, &bs);
	codeset_free(&im.areas);
	codeset_free(&im.villages);
	codeset_free(&im.urban);
	codeset_free(&im.grids);
	codeset_free(&im.known);
	stats->rows = bs.rows;
	stats->added = bs.added;
	stats->updated = bs.updated;
	stats->unchanged = bs.unchanged;
	stats->bad = bs.bad;
	return rc;
}

/* Single changes: each one transaction with one audit row. */

/* Parse a grid code given on the command line. */
static int
arg_grid(const char *code, struct grid_code *gc)
{
	const char *why;
	char q[DIAG_QUOTE_MAX];

	if (code_parse_grid(code, gc, &why) == -1) {
		diag_error(_("grid code %s: %s"), diag_quote(q, sizeof q, code),
		    code_reason(code, why));
		return GK_DATAERR;
	}
	return GK_OK;
}

/* A village given on the command line must be one in the database. */
static int
arg_village(struct db *db, const char *code, struct area_code *ac)
{
	const char *why;
	char q[DIAG_QUOTE_MAX];
	int level;

	if (code_parse_area(code, ac, &why) == -1) {
		diag_error(_("village code %s: %s"),
		    diag_quote(q, sizeof q, code), code_reason(code, why));
		return GK_DATAERR;
	}
	level = area_level(db, ac->code);
	if (level < 0)
		return -level;
	if (level == 0) {
		diag_error(_("village or community %s is not in the database; "
		    "import it first (grid-define import areas)"), ac->code);
		return GK_DATAERR;
	}
	if (level != AREA_VILLAGE) {
		diag_error(_("%s is a %s, not a village or community"),
		    ac->code,
		    _(code_level_name(level)));
		return GK_DATAERR;
	}
	return GK_OK;
}

static int
arg_name(const char *name)
{
	char q[DIAG_QUOTE_MAX];

	if (*name == '\0') {
		diag_error(_("the name is empty"));
		return GK_DATAERR;
	}
	if (strlen(name) > NAME_MAX_BYTES || strpbrk(name, "\n\r\t")) {
		diag_error(_("name %s: too long or has a line break or tab"),
		    diag_quote(q, sizeof q, name));
		return GK_DATAERR;
	}
	return GK_OK;
}

int
grid_each_active(struct db *db,
    void (*fn)(void *arg, const char *code, const char *kind), void *arg)
{
	struct db_stmt *st;
	int rc;

	st = db_prepare(db, "SELECT code, kind FROM grids "
	    "WHERE status = 'active'");
	if (st == NULL)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW)
		fn(arg, db_text(st, 0), db_text(st, 1));
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

int
grid_lookup(struct db *db, const char *code, struct grid_info *out)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT code, village, name, kind, households, "
	    "population, status, created, retired FROM grids WHERE code = ?",
	    "s", code);
	if (rc != DB_ROW)
		return rc;
	snprintf(out->code, sizeof out->code, "%s", db_text(st, 0));
	snprintf(out->village, sizeof out->village, "%s", db_text(st, 1));
	snprintf(out->name, sizeof out->name, "%s", db_text(st, 2));
	snprintf(out->kind, sizeof out->kind, "%s", db_text(st, 3));
	out->households = db_isnull(st, 4) ? -1 : db_int(st, 4);
	out->population = db_isnull(st, 5) ? -1 : db_int(st, 5);
	snprintf(out->status, sizeof out->status, "%s", db_text(st, 6));
	snprintf(out->created, sizeof out->created, "%s", db_text(st, 7));
	snprintf(out->retired, sizeof out->retired, "%s", db_text(st, 8));
	db_reset(st);
	return 1;
}

int
grid_require(struct db *db, const char *code, int active,
    struct grid_info *out)
{
	int rc = grid_lookup(db, code, out);

	if (rc == 0)
		diag_error(_("grid %s is not in the database"), code);
	else if (rc == 1 && active && strcmp(out->status, "active") != 0) {
		diag_error(_("grid %s is retired"), code);
		rc = 0;
	}
	return rc;
}

int
grid_add(struct db *db, const char *code, const char *name,
    const struct grid_attrs *attrs)
{
	struct grid_code gc;
	struct area_code ac;
	struct grid_info gi;
	const char *kind = NULL, *retired;
	char now[CLOCK_ISO_MAX], expl[VOCAB_EXPLAIN_MAX];
	struct sb detail = SB_INIT;
	int rc, urban;

	if ((rc = arg_grid(code, &gc)) != GK_OK ||
	    (rc = arg_name(name)) != GK_OK)
		return rc;
	if (attrs->kind != NULL && (kind = grid_kind(attrs->kind)) == NULL) {
		diag_error(_("kind %s"), vocab_explain(VOCAB_GRID_KIND,
		    attrs->kind, expl, sizeof expl));
		return GK_DATAERR;
	}
	if ((rc = juris_write(NULL, "grid", gc.code)) != GK_OK)
		return rc;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = arg_village(db, gc.village, &ac)) != GK_OK)
		goto fail;
	rc = grid_lookup(db, gc.code, &gi);
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	if (rc == 1) {
		diag_error(_("grid %s already exists (%s, %s); use "
		    "\"grid-define rename\" to change its name"), gc.code,
		    gi.name, strcmp(gi.status, "retired") == 0 ? _("retired") :
		    _("active"));
		rc = GK_DATAERR;
		goto fail;
	}
	if (kind == NULL) {
		if ((urban = village_urban(db, gc.village)) < -1) {
			rc = -(urban + 1);
			goto fail;
		}
		if (urban < 0) {
			diag_error(_("grid %s: the village digits do not say "
			    "urban or rural; give --kind"), gc.code);
			rc = GK_DATAERR;
			goto fail;
		}
		kind = urban ? "urban" : "rural";
	}
	rc = put_grid(db, clock_format(clock_now(), now), &gc, name, kind,
	    kind, attrs->households, attrs->population, &retired);
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	phrase_add(&detail, PHRASE_GRID_ADDED, name, kind);
	rc = audit_commit(db, "add", gc.code, detail.buf);
	sb_release(&detail);
	return rc;
fail:
	db_rollback(db);
	return rc;
}

int
grid_rename(struct db *db, const char *code, const char *name)
{
	struct grid_code gc;
	struct grid_info gi;
	char now[CLOCK_ISO_MAX];
	struct sb detail = SB_INIT;
	int rc;

	if ((rc = arg_grid(code, &gc)) != GK_OK ||
	    (rc = arg_name(name)) != GK_OK)
		return rc;
	if ((rc = juris_write(NULL, "grid", gc.code)) != GK_OK)
		return rc;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = grid_require(db, gc.code, 0, &gi)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if (strcmp(gi.name, name) == 0) {
		db_rollback(db);
		diag_info(_("grid %s is already named %s"), gc.code, name);
		return GK_OK;
	}
	if ((rc = db_run(db, "UPDATE grids SET name = ?, updated = ? "
	    "WHERE code = ?", "sss", name, clock_format(clock_now(), now),
	    gc.code)) != GK_OK)
		goto fail;
	phrase_add(&detail, PHRASE_GRID_RENAMED, gi.name, name);
	rc = audit_commit(db, "rename", gc.code, detail.buf);
	sb_release(&detail);
	return rc;
fail:
	db_rollback(db);
	return rc;
}

/* The people serving a grid, for the refusal to retire it. */
static int
retire_serving(const struct staff_member *m, void *ctx)
{
	struct sb *who = ctx;

	sb_addf(who, _("%s%s (staff %lld, %s)"), who->len ? _(", ") : "",
	    m->name, m->id, vocab_say(VOCAB_ROLE, m->role));
	return 0;
}

int
grid_retire(struct db *db, const char *code)
{
	struct grid_code gc;
	struct grid_info gi;
	struct db_stmt *st;
	struct sb who = SB_INIT;
	char now[CLOCK_ISO_MAX];
	long long units;
	int rc;

	if ((rc = arg_grid(code, &gc)) != GK_OK)
		return rc;
	if ((rc = juris_write(NULL, "grid", gc.code)) != GK_OK)
		return rc;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = grid_require(db, gc.code, 0, &gi)) != 1) {
		rc = rc == 0 ? GK_DATAERR : -rc;
		goto fail;
	}
	if (strcmp(gi.status, "retired") == 0) {
		db_rollback(db);
		diag_info(_("grid %s is already retired"), gc.code);
		return GK_OK;
	}
	/* Nobody may be left serving a grid that is gone (Art. 10): the
	 * staff owner says who serves it. */
	if ((rc = staff_serving(db, gc.code, 0, retire_serving, &who)) !=
	    GK_OK)
		goto fail;
	if (who.len > 0) {
		diag_error(_("grid %s is still served by %s; transfer them or "
		    "record their leaving first (staff-hire transfer, "
		    "staff-hire leave)"), gc.code, who.buf);
		rc = GK_DATAERR;
		goto fail;
	}
	st = db_prepare(db, "SELECT count(*) FROM units WHERE grid = ?");
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto fail;
	}
	db_bind_text(st, 1, gc.code);
	if ((rc = db_step(st)) < 0) {
		rc = -rc;
		goto fail;
	}
	units = db_int(st, 0);
	db_reset(st);
	if (units > 0) {
		diag_error(ngettext("grid %s still has %lld unit; move it to "
		    "another grid first (grid-define unit move), so no area "
		    "is left blank", "grid %s still has %lld units; move them "
		    "to other grids first (grid-define unit move), so no area "
		    "is left blank", units), gc.code, units);
		rc = GK_DATAERR;
		goto fail;
	}
	clock_format(clock_now(), now);
	if ((rc = db_run(db, "UPDATE grids SET status = 'retired', "
	    "retired = ?, updated = ? WHERE code = ?", "sss", now, now,
	    gc.code)) != GK_OK)
		goto fail;
	sb_release(&who);
	return audit_commit(db, "retire", gc.code, gi.name);
fail:
	sb_release(&who);
	db_rollback(db);
	return rc;
}

/* Validate a unit given on the command line; grid may be NULL/"". */
static int
arg_unit(struct db *db, const char *village, const char *kindv,
    const char *name, const char *grid, struct area_code *ac,
    const char **kind, struct grid_code *gc)
{
	struct grid_info gi;
	char expl[VOCAB_EXPLAIN_MAX];
	int rc;

	if ((*kind = grid_unit_kind(kindv)) == NULL) {
		diag_error(_("kind %s"), vocab_explain(VOCAB_UNIT_KIND, kindv,
		    expl, sizeof expl));
		return GK_DATAERR;
	}
	if ((rc = arg_name(name)) != GK_OK ||
	    (rc = arg_village(db, village, ac)) != GK_OK)
		return rc;
	if (grid == NULL || *grid == '\0')
		return GK_OK;
	if ((rc = arg_grid(grid, gc)) != GK_OK)
		return rc;
	if (strcmp(gc->village, ac->code) != 0) {
		diag_error(_("grid %s belongs to village %s, not to %s"),
		    gc->code, gc->village, ac->code);
		return GK_DATAERR;
	}
	rc = grid_require(db, gc->code, 1, &gi);
	return rc == 1 ? GK_OK : rc == 0 ? GK_DATAERR : -rc;
}

int
grid_unit_add(struct db *db, const char *village, const char *kindv,
    const char *name, const char *grid)
{
	struct area_code ac;
	struct grid_code gc;
	const char *kind;
	int nulls = 1;	/* single changes always look */
	struct sb subject = SB_INIT;
	int rc;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	rc = arg_unit(db, village, kindv, name, grid, &ac, &kind, &gc);
	if (rc == GK_OK)
		rc = juris_write(NULL, "unit", grid && *grid ? gc.code :
		    ac.code);
	if (rc != GK_OK)
		goto fail;
	rc = put_unit(db, ac.code, kind, name, grid && *grid ? gc.code : NULL,
	    &nulls, NULL);
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	if (rc == 0) {
		db_rollback(db);
		diag_info(_("unit %s %s %s is already there"), ac.code,
		    vocab_say(VOCAB_UNIT_KIND, kind), name);
		return GK_OK;
	}
	phrase_add(&subject, PHRASE_SUBJ_UNIT, ac.code, kind, name);
	rc = audit_commit(db, "unit add", subject.buf,
	    grid && *grid ? gc.code : phrase_format(PHRASE_UNIT_NO_GRID, 1));
	sb_release(&subject);
	return rc;
fail:
	db_rollback(db);
	return rc;
}

int
grid_unit_move(struct db *db, const char *village, const char *kindv,
    const char *name, const char *grid)
{
	struct area_code ac;
	struct grid_code gc;
	struct db_stmt *st;
	const char *kind;
	char q[DIAG_QUOTE_MAX];
	int nulls = 1;	/* single changes always look */
	struct sb subject = SB_INIT, was = SB_INIT, detail = SB_INIT;
	int rc, n = 0;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	rc = arg_unit(db, village, kindv, name, grid, &ac, &kind, &gc);
	if (rc == GK_OK)
		rc = juris_write(NULL, "unit", grid && *grid ? gc.code :
		    ac.code);
	if (rc != GK_OK)
		goto fail;
	st = db_prepare(db, "SELECT grid FROM units WHERE village = ? "
	    "AND kind = ? AND name = ? ORDER BY grid");
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto fail;
	}
	db_bind_text(st, 1, ac.code);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, name);
	while ((rc = db_step(st)) == DB_ROW) {
		sb_addf(&was, "%s%s", n++ ? "," : "",
		    db_isnull(st, 0) ? phrase_format(PHRASE_NONE, 1) :
		    db_text(st, 0));
	}
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	if (n == 0) {
		diag_error(_("unit %s %s %s is not in the database; add it "
		    "with \"grid-define unit add\""), ac.code,
		    vocab_say(VOCAB_UNIT_KIND, kind),
		    diag_quote(q, sizeof q, name));
		rc = GK_DATAERR;
		goto fail;
	}
	/* Moved where it is already: unchanged, and nothing recorded. */
	if (n == 1 && strcmp(was.buf, grid && *grid ? gc.code : "none")
	    == 0) {
		diag_info(_("unit %s %s %s is in %s already: unchanged"),
		    ac.code, vocab_say(VOCAB_UNIT_KIND, kind),
		    diag_quote(q, sizeof q, name), was.buf);
		rc = GK_OK;
		goto fail;
	}
	if ((rc = db_run(db, "DELETE FROM units WHERE village = ? AND kind = ? "
	    "AND name = ?", "sss", ac.code, kind, name)) != GK_OK)
		goto fail;
	rc = put_unit(db, ac.code, kind, name, grid && *grid ? gc.code : NULL,
	    &nulls, NULL);
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	phrase_add(&subject, PHRASE_SUBJ_UNIT, ac.code, kind, name);
	phrase_add(&detail, PHRASE_UNIT_MOVED, was.buf, grid && *grid ?
	    gc.code : phrase_format(PHRASE_NONE, 1));
	rc = audit_commit(db, "unit move", subject.buf, detail.buf);
	sb_release(&subject);
	sb_release(&was);
	sb_release(&detail);
	return rc;
fail:
	sb_release(&was);
	db_rollback(db);
	return rc;
}

int
grid_area_exists(struct db *db, const char *code)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT 1 FROM areas WHERE code = ?", "s",
	    code);
	if (rc == DB_ROW)
		db_reset(st);
	return rc;
}

int
grid_sole_county(struct db *db, char county[7])
{
	struct db_stmt *st;
	int rc, n = 0;

	st = db_prepare(db, "SELECT code FROM areas WHERE level = 3 LIMIT 2");
	if (st == NULL)
		return -GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW)
		if (n++ == 0)
			snprintf(county, 7, "%.6s", db_text(st, 0));
	db_reset(st);
	if (rc < 0)
		return rc;
	return n == 1;
}
