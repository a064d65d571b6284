/*
 * test_plans.c - scale: every listing filtered by area, stage or
 * status finds its rows through an index (EXPLAIN QUERY PLAN shows no
 * full SCAN of a big table, nor an automatic index built from one), in
 * a new database and in one upgraded from schema version 2; and no
 * insert into a big table builds a temporary table for its checks
 * (EXPLAIN shows no OpenEphemeral).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "diag.h"
#include "gridview_sql.h"
#include "roster_sql.h"
#include "status.h"
#include "util.h"

/* The tables that grow with a province: a full scan of one is a bug. */
static const char *const big[] = {
	"people", "assignments", "stages", "units", "training", NULL
};

/* Words after a table name that are not its alias. */
static const char *const keywords[] = {
	"where", "join", "on", "left", "inner", "cross", "natural", "order",
	"group", "union", "limit", "using", "indexed", "not", NULL
};

static int
in_list(const char *const *list, const char *w, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && strncasecmp(*list, w, n) == 0)
			return 1;
	return 0;
}

/* The next word of s at or after *p: its start, its length in *n. */
static const char *
word(const char **p, size_t *n)
{
	const char *s = *p, *w;

	while (*s != '\0' && !isalnum((unsigned char)*s) && *s != '_')
		s++;
	for (w = s; isalnum((unsigned char)*s) || *s == '_'; s++)
		;
	*p = s;
	*n = (size_t)(s - w);
	return *n ? w : NULL;
}

/*
 * Whether name, the table or alias a plan says it scans, is a big table
 * or an alias of one in sql ("FROM people p", "JOIN assignments AS a").
 */
static int
is_big(const char *sql, const char *name, size_t len)
{
	const char *p = sql, *w, *t;
	size_t n, tn;
	int after_from = 0;

	if (in_list(big, name, len))
		return 1;
	while ((w = word(&p, &n)) != NULL) {
		if (after_from && in_list(big, w, n)) {
			t = word(&p, &tn);
			if (t != NULL && tn == 2 && strncasecmp(t, "as", 2) == 0)
				t = word(&p, &tn);
			if (t != NULL && !in_list(keywords, t, tn) &&
			    tn == len && strncmp(t, name, len) == 0)
				return 1;
			after_from = 0;
			continue;
		}
		after_from = (n == 4 && strncasecmp(w, "from", 4) == 0) ||
		    (n == 4 && strncasecmp(w, "join", 4) == 0);
	}
	return 0;
}

/* The number of full scans of big tables in the plan of sql, each
 * reported with the plan line. */
static int
full_scans(struct db *db, const char *what, const char *sql)
{
	struct sb q = SB_INIT;
	struct db_stmt *st;
	const char *d, *p, *w;
	size_t n;
	int rc, scans = 0;

	sb_addf(&q, "EXPLAIN QUERY PLAN %s", sql);
	st = db_prepare(db, q.buf);
	assert_non_null(st);
	while ((rc = db_step(st)) == DB_ROW) {
		/* "SCAN t", or "SEARCH t USING AUTOMATIC ... INDEX", an
		 * index SQLite builds for the statement by reading all of t. */
		d = db_text(st, 3);
		if (strncmp(d, "SCAN ", 5) != 0 && (strncmp(d, "SEARCH ", 7)
		    != 0 || strstr(d, " USING AUTOMATIC ") == NULL))
			continue;
		p = d + (*d == 'S' && d[1] == 'C' ? 5 : 7);
		if ((w = word(&p, &n)) != NULL && is_big(sql, w, n)) {
			print_error("%s reads a whole big table: %s\n", what, d);
			scans++;
		}
	}
	assert_int_equal(rc, DB_DONE);
	db_reset(st);
	sb_release(&q);
	return scans;
}

static const char *const names[ROSTER_NQUERIES] = {
	"roster by area", "roster by stage", "roster of serving staff",
	"rank", "vacancies", "serving staff of a grid",
};

static const char *const grid_names[GRIDVIEW_NQUERIES] = {
	"grids by area", "areas by area", "units by area", "units of a grid",
};

static void
no_listing_scans(struct db *db)
{
	int i, scans = 0;

	for (i = 0; i < ROSTER_NQUERIES; i++) {
		assert_non_null(roster_sql[i]);
		scans += full_scans(db, names[i], roster_sql[i]);
	}
	for (i = 0; i < GRIDVIEW_NQUERIES; i++) {
		assert_non_null(gridview_sql[i]);
		scans += full_scans(db, grid_names[i], gridview_sql[i]);
	}
	assert_int_equal(scans, 0);
}

static struct db *
fresh(const char *path)
{
	struct db *db;

	unlink(path);
	assert_int_equal(db_open(&db, path, DB_WRITE), GK_OK);
	return db;
}

static void
test_plans__the_check_finds_a_full_scan(void **state)
{
	struct db *db = fresh("scan.db");

	/* Neither name nor phone has an index: both read every person. */
	assert_int_equal(full_scans(db, "by name", "SELECT id FROM people "
	    "WHERE name = ?"), 1);
	assert_int_equal(full_scans(db, "by phone", "SELECT p.id FROM "
	    "grids g JOIN people AS p ON p.phone = g.name"), 1);
	assert_int_equal(full_scans(db, "by id", "SELECT name FROM people "
	    "WHERE id = ?"), 0);
	db_close(db);
}

static void
test_plans__every_listing_uses_an_index_in_a_new_database(void **state)
{
	struct db *db = fresh("new.db");

	no_listing_scans(db);
	db_close(db);
}

/* A database of the second release (tests/fixtures/schema-v2.sql),
 * upgraded by a writer. */
static void
test_plans__every_listing_uses_an_index_in_an_upgraded_database(void **state)
{
	const char *top = getenv("GRIDKIT_TOP");
	char file[4096], *sql;
	sqlite3 *h;
	struct db *db;
	FILE *fp;
	long n;

	snprintf(file, sizeof file, "%s/tests/fixtures/schema-v2.sql",
	    top ? top : "../../..");
	fp = fopen(file, "r");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	sql = malloc((size_t)n + 1);
	assert_non_null(sql);
	assert_int_equal(fread(sql, 1, (size_t)n, fp), (size_t)n);
	sql[n] = '\0';
	fclose(fp);
	unlink("v2.db");
	assert_int_equal(sqlite3_open("v2.db", &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	free(sql);

	assert_int_equal(db_open(&db, "v2.db", DB_WRITE_EXISTING), GK_OK);
	no_listing_scans(db);
	db_close(db);
}

/* The opcodes of the program SQLite makes of sql that build a
 * temporary table. */
static int
ephemeral(struct db *db, const char *sql)
{
	struct sb q = SB_INIT;
	struct db_stmt *st;
	int rc, n = 0;

	sb_addf(&q, "EXPLAIN %s", sql);
	st = db_prepare(db, q.buf);
	assert_non_null(st);
	while ((rc = db_step(st)) == DB_ROW)
		if (strcmp(db_text(st, 1), "OpenEphemeral") == 0)
			n++;
	assert_int_equal(rc, DB_DONE);
	db_reset(st);
	if (n > 0)
		print_error("builds a temporary table: %s\n", sql);
	sb_release(&q);
	return n;
}

static void
test_plans__no_insert_into_a_big_table_builds_a_temporary_table(void **state)
{
	struct db *db = fresh("insert.db");

	/* The check itself: an IN list of four builds one. */
	assert_int_equal(ephemeral(db, "SELECT 1 WHERE ? IN ('a', 'b', 'c', "
	    "'d')"), 1);
	assert_int_equal(ephemeral(db, "INSERT INTO people (id_number, name, "
	    "phone, education, nationality, source, grid, role, stage, "
	    "stage_since, status, created, updated) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, 'registration', ?, 'candidate', ?, ?) "
	    "ON CONFLICT (id_number) DO NOTHING"), 0);
	assert_int_equal(ephemeral(db, "UPDATE people SET status = ? "
	    "WHERE id = ?"), 0);
	assert_int_equal(ephemeral(db, "INSERT INTO stages (person, stage, "
	    "outcome, at, operator) VALUES (?, ?, 'entered', ?, ?)"), 0);
	assert_int_equal(ephemeral(db, "INSERT INTO training (person, level, "
	    "day, hours, topic) VALUES (?, ?, ?, ?, ?)"), 0);
	assert_int_equal(ephemeral(db, "INSERT INTO assignments (person, grid, "
	    "role, started) VALUES (?, ?, ?, ?)"), 0);
	assert_int_equal(ephemeral(db, "INSERT INTO units (village, kind, "
	    "name, grid) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"), 0);
	assert_int_equal(ephemeral(db, "INSERT INTO grids (code, village, "
	    "name, kind, status, created, updated) VALUES (?, ?, ?, ?, "
	    "'active', ?, ?)"), 0);
	/* And the checks still refuse what they refused. */
	assert_int_equal(db_run(db, "INSERT INTO people (id_number, name, "
	    "phone, education, nationality, grid, role, stage, stage_since, "
	    "status, created, updated) VALUES ('1', 'n', 'p', 'e', 'CN', "
	    "'g', 'r', 's', 't', 'hired', 'c', 'u')", ""), GK_DATAERR);
	assert_int_equal(db_run(db, "INSERT INTO people (id_number, name, "
	    "phone, education, nationality, grid, role, stage, stage_since, "
	    "status, created, updated) VALUES ('1', 'n', 'p', 'e', 'CN', "
	    "'g', 'r', 's', 't', 'left', 'c', 'u')", ""), GK_OK);
	assert_int_equal(db_run(db, "INSERT INTO training (person, level, "
	    "day, hours, topic) VALUES (1, 'village', 'd', 1, 't')", ""),
	    GK_DATAERR);
	assert_int_equal(db_run(db, "INSERT INTO training (person, level, "
	    "day, hours, topic) VALUES (1, 'township', 'd', 1, 't')", ""),
	    GK_OK);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plans__the_check_finds_a_full_scan),
		cmocka_unit_test(test_plans__every_listing_uses_an_index_in_a_new_database),
		cmocka_unit_test(test_plans__every_listing_uses_an_index_in_an_upgraded_database),
		cmocka_unit_test(test_plans__no_insert_into_a_big_table_builds_a_temporary_table),
	};

	diag_set_level(DIAG_QUIET);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
