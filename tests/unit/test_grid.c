/*
 * test_grid.c - areas, grids and units through the library: kinds,
 * imports all or nothing, idempotence, and the coverage counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "coverage.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "recout.h"
#include "status.h"
#include "util.h"

static struct config *cfg;
static const struct recin_opts plain = { .format = NULL };

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static struct db *
fresh(const char *path)
{
	struct db *db;

	unlink(path);
	assert_int_equal(db_open(&db, path, DB_WRITE), GK_OK);
	db_set_actor(db, "test_grid", "tester");
	return db;
}

static void
county(struct db *db)
{
	struct grid_import_stats st;

	write_file("areas.csv", "code,name\n14,山西省\n1401,太原市\n"
	    "140121,清徐县\n140121100,清源镇\n140121100001,西街社区\n"
	    "140121100201,东于村\n");
	write_file("grids.csv", "code,name,households\n"
	    "140121100001001,西街一,400\n140121100201001,东于一,300\n");
	write_file("units.csv", "village,kind,name,grid\n"
	    "140121100001,楼栋,1号楼,140121100001001\n"
	    "140121100201,村民小组,一组,140121100201001\n"
	    "140121100201,well,机井,140121100201001\n");
	assert_int_equal(grid_import(db, cfg, GRID_AREAS, "areas.csv", &plain,
	    50, 0, &st), GK_OK);
	assert_int_equal(st.added, 6);
	assert_int_equal(grid_import(db, cfg, GRID_GRIDS, "grids.csv", &plain,
	    50, 0, &st), GK_OK);
	assert_int_equal(st.added, 2);
	assert_int_equal(grid_import(db, cfg, GRID_UNITS, "units.csv", &plain,
	    50, 0, &st), GK_OK);
	assert_int_equal(st.added, 3);
}

/* Findings of a check over everything, counted. */
static struct coverage_counts
check(struct db *db)
{
	struct coverage_counts counts;
	struct grid_scope scope;
	struct recout *w;
	FILE *fp = fopen("/dev/null", "w");

	assert_int_equal(grid_scope_parse(db, NULL, NULL, 0, &scope), GK_OK);
	w = recout_new(fp, RECOUT_TSV, 0, coverage_cols, coverage_ncols);
	assert_int_equal(coverage_check(db, cfg, &scope, w, &counts), GK_OK);
	assert_int_equal(recout_finish(w), GK_OK);
	fclose(fp);
	return counts;
}

static void
test_grid__unit_kinds_in_english_and_chinese(void **state)
{
	assert_string_equal(grid_unit_kind("building"), "building");
	assert_string_equal(grid_unit_kind("Building"), "building");
	assert_string_equal(grid_unit_kind("楼栋"), "building");
	assert_string_equal(grid_unit_kind("村民小组"), "villager_group");
	assert_string_equal(grid_unit_kind("沟壑"), "ravine");
	assert_string_equal(grid_unit_kind("矿产"), "mine");
	assert_null(grid_unit_kind("castle"));
	assert_true(grid_unit_is_hazard("well"));
	assert_true(grid_unit_is_hazard("forest_road"));
	assert_false(grid_unit_is_hazard("natural_village"));
}

static void
test_grid__reimport_changes_nothing(void **state)
{
	struct db *db = fresh("re.db");
	struct grid_import_stats st;

	county(db);
	assert_int_equal(grid_import(db, cfg, GRID_UNITS, "units.csv", &plain,
	    50, 0, &st), GK_OK);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(grid_import(db, cfg, GRID_GRIDS, "grids.csv", &plain,
	    50, 0, &st), GK_OK);
	assert_int_equal(st.unchanged, 2);
	db_close(db);
}

static void
test_grid__a_bad_row_rolls_back_the_good_ones(void **state)
{
	struct db *db = fresh("bad.db");
	struct grid_import_stats st;
	struct coverage_counts c;

	county(db);
	write_file("mixed.csv", "code,name\n140121100201002,东于二\n"
	    "140121100201003,\n");
	assert_int_equal(grid_import(db, cfg, GRID_GRIDS, "mixed.csv", &plain,
	    50, 0, &st), GK_DATAERR);
	assert_int_equal(st.bad, 1);
	c = check(db);
	/* 140121100201002 would have been an empty grid: it is not there. */
	assert_int_equal(c.warnings, 0);
	db_close(db);
}

static void
test_grid__max_errors_stops_reading(void **state)
{
	struct db *db = fresh("max.db");
	struct grid_import_stats st;

	county(db);
	write_file("many.csv", "code,name\nx,a\ny,b\nz,c\nw,d\n");
	assert_int_equal(grid_import(db, cfg, GRID_GRIDS, "many.csv", &plain,
	    2, 0, &st), GK_DATAERR);
	assert_int_equal(st.bad, 2);
	assert_int_equal(st.rows, 2);
	db_close(db);
}

static void
test_grid__check_counts_each_defect(void **state)
{
	struct db *db = fresh("check.db");
	struct coverage_counts c;

	county(db);
	c = check(db);
	assert_int_equal(c.errors, 0);
	assert_int_equal(c.warnings, 0);
	/* A blank area, an overlap, a hazard outside: three errors. */
	assert_int_equal(grid_unit_add(db, "140121100201", "villager_group",
	    "二组", NULL), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "river", "潇河",
	    ""), GK_OK);
	assert_int_equal(grid_add(db, "140121100201002", "东于二",
	    &(struct grid_attrs){ NULL, 300, -1 }), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "villager_group",
	    "一组", "140121100201002"), GK_OK);
	c = check(db);
	assert_int_equal(c.errors, 3);
	/* Moving mends; the emptied grid is no warning: it kept 一组. */
	assert_int_equal(grid_unit_move(db, "140121100201", "villager_group",
	    "二组", "140121100201002"), GK_OK);
	assert_int_equal(grid_unit_move(db, "140121100201", "villager_group",
	    "一组", "140121100201001"), GK_OK);
	assert_int_equal(grid_unit_move(db, "140121100201", "河流", "潇河",
	    "140121100201001"), GK_OK);
	c = check(db);
	assert_int_equal(c.errors, 0);
	assert_int_equal(c.warnings, 0);
	/* Retiring a grid that still has units is refused. */
	assert_int_equal(grid_retire(db, "140121100201002"), GK_DATAERR);
	db_close(db);
}

/*
 * Art. 4: a river crossing two grids is listed under both and is no
 * overlap, a well so listed is; a villager group in an urban or a
 * dedicated grid is a warning, in a rural grid it is not.
 */
static void
test_grid__linear_hazards_and_unit_kinds(void **state)
{
	struct db *db = fresh("linear.db");
	struct coverage_counts c;
	struct config *own;

	county(db);
	assert_int_equal(grid_add(db, "140121100201002", "东于二",
	    &(struct grid_attrs){ NULL, 300, -1 }), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "villager_group",
	    "二组", "140121100201002"), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "river", "潇河",
	    "140121100201001"), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "河流", "潇河",
	    "140121100201002"), GK_OK);
	c = check(db);
	assert_int_equal(c.errors, 0);
	assert_true(grid_unit_is_linear(cfg, "river"));
	assert_false(grid_unit_is_linear(cfg, "well"));
	assert_int_equal(grid_unit_add(db, "140121100201", "well", "机井",
	    "140121100201002"), GK_OK);
	c = check(db);
	assert_int_equal(c.errors, 1);
	/* Without rivers among the linear kinds, the river overlaps. */
	write_file("nolinear.yaml", "grid:\n  linear_unit_kinds: [道路]\n");
	own = config_new();
	assert_int_equal(config_load_file(own, "nolinear.yaml", 1), GK_OK);
	assert_int_equal(grid_check_config(own), GK_OK);
	assert_false(grid_unit_is_linear(own, "river"));
	assert_true(grid_unit_is_linear(own, "road"));
	config_free(own);
	write_file("badlinear.yaml", "grid:\n  linear_unit_kinds: [楼栋]\n");
	own = config_new();
	assert_int_equal(config_load_file(own, "badlinear.yaml", 1), GK_OK);
	assert_int_equal(grid_check_config(own), GK_CONFIG);
	config_free(own);

	assert_true(grid_unit_draws_rural("villager_group"));
	assert_false(grid_unit_draws_rural("building"));
	c = check(db);
	assert_int_equal(c.warnings, 0);
	assert_int_equal(grid_unit_add(db, "140121100001", "natural_village",
	    "西庄", "140121100001001"), GK_OK);
	c = check(db);
	assert_int_equal(c.warnings, 1);
	assert_int_equal(grid_add(db, "140121100201003", "东于小学",
	    &(struct grid_attrs){ "专属网格", -1, 400 }), GK_OK);
	assert_int_equal(grid_unit_add(db, "140121100201", "villager_group",
	    "校组", "140121100201003"), GK_OK);
	c = check(db);
	/* The new one, and no grid-kind or size warning for the
	 * dedicated grid in a village. */
	assert_int_equal(c.warnings, 2);
	db_close(db);
}

static void
test_grid__lookup_reads_a_grid_and_require_refuses(void **state)
{
	struct db *db = fresh("lookup.db");
	struct grid_info gi;

	county(db);
	assert_int_equal(grid_lookup(db, "140121100001001", &gi), 1);
	assert_string_equal(gi.code, "140121100001001");
	assert_string_equal(gi.village, "140121100001");
	assert_string_equal(gi.name, "西街一");
	assert_string_equal(gi.status, "active");
	assert_int_equal(gi.households, 400);
	assert_int_equal(gi.population, -1);
	assert_string_equal(gi.retired, "");
	assert_int_equal(grid_lookup(db, "140121100001009", &gi), 0);
	assert_int_equal(grid_require(db, "140121100001009", 0, &gi), 0);
	/* A retired grid exists, but is not active. */
	assert_int_equal(grid_add(db, "140121100201002", "东于二",
	    &(struct grid_attrs){ "rural", -1, 12 }), GK_OK);
	assert_int_equal(grid_retire(db, "140121100201002"), GK_OK);
	assert_int_equal(grid_require(db, "140121100201002", 1, &gi), 0);
	assert_int_equal(grid_require(db, "140121100201002", 0, &gi), 1);
	assert_string_equal(gi.status, "retired");
	assert_string_equal(gi.kind, "rural");
	assert_int_equal(gi.population, 12);
	assert_string_not_equal(gi.retired, "");
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid__unit_kinds_in_english_and_chinese),
		cmocka_unit_test(test_grid__reimport_changes_nothing),
		cmocka_unit_test(test_grid__a_bad_row_rolls_back_the_good_ones),
		cmocka_unit_test(test_grid__max_errors_stops_reading),
		cmocka_unit_test(test_grid__check_counts_each_defect),
		cmocka_unit_test(test_grid__lookup_reads_a_grid_and_require_refuses),
		cmocka_unit_test(test_grid__linear_hazards_and_unit_kinds),
	};
	const char *why;
	int rc;

	diag_set_level(DIAG_QUIET);
	freopen("/dev/null", "w", stderr);
	clock_pin("2026-11-29T09:00:00+08:00", &why);
	cfg = config_new();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	config_free(cfg);
	return rc;
}
