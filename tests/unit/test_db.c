/*
 * test_db.c - the database door: creation, refusal of foreign files,
 * migrations, transactions, dry runs, the statement cache, the audit log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "audit.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "schema.h"
#include "status.h"
#include "util.h"

/* Run SQL on a file directly, outside gridkit, to set up a case. */
static void
raw(const char *path, const char *sql)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static long long
count(struct db *db, const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	long long n;

	assert_non_null(st);
	assert_int_equal(db_step(st), 1);
	n = db_int(st, 0);
	db_reset(st);
	return n;
}

static void
test_db__creates_file_0600_in_new_directories_0700(void **state)
{
	struct db *db;
	struct stat sb;

	unlink("a/b/new.db");
	assert_int_equal(db_open(&db, "a/b/new.db", DB_WRITE), GK_OK);
	db_close(db);
	assert_int_equal(stat("a/b/new.db", &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat("a/b", &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
}

static void
test_db__read_mode_does_not_create(void **state)
{
	struct db *db;

	assert_int_equal(db_open(&db, "missing.db", DB_READ), GK_UNAVAILABLE);
	assert_null(db);
	assert_int_equal(access("missing.db", F_OK), -1);
}

static void
test_db__refuses_files_that_are_not_gridkit_databases(void **state)
{
	struct db *db;
	FILE *fp;

	fp = fopen("text.db", "w");
	assert_non_null(fp);
	fputs("this is not a database, but it is long enough to look "
	    "like a header of one if nobody checked it properly\n", fp);
	fclose(fp);
	assert_int_equal(db_open(&db, "text.db", DB_WRITE), GK_UNAVAILABLE);
	unlink("other.db");
	raw("other.db", "CREATE TABLE t (x)");
	assert_int_equal(db_open(&db, "other.db", DB_WRITE), GK_UNAVAILABLE);
}

static void
test_db__migrates_an_older_database_and_refuses_a_newer(void **state)
{
	struct db *db;
	char sql[64];

	/* An older gridkit's database: marked, but at version 0. */
	unlink("old.db");
	raw("old.db", "PRAGMA application_id = 1196575044");
	assert_int_equal(db_open(&db, "old.db", DB_WRITE), GK_OK);
	assert_int_equal(count(db, "PRAGMA user_version"),
	    (long long)schema_nmigrations);
	assert_int_equal(count(db, "SELECT count(*) FROM areas"), 0);
	db_close(db);
	/* Opening again changes nothing. */
	assert_int_equal(db_open(&db, "old.db", DB_READ), GK_OK);
	db_close(db);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %zu",
	    schema_nmigrations + 1);
	raw("old.db", sql);
	assert_int_equal(db_open(&db, "old.db", DB_READ), GK_UNAVAILABLE);
}

static void
test_db__a_version_1_database_is_brought_up_to_date_keeping_its_data(void **state)
{
	struct db *db;
	sqlite3 *h;
	const char *const *sql;

	/* What the first release made: schema 1 and an area in it. */
	unlink("v1.db");
	assert_int_equal(sqlite3_open("v1.db", &h), SQLITE_OK);
	for (sql = schema_migrations[0]; *sql != NULL; sql++)
		assert_int_equal(sqlite3_exec(h, *sql, NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA application_id = 1196575044;"
	    "PRAGMA user_version = 1; INSERT INTO areas (code, name, level, "
	    "created, updated) VALUES ('140000000000', '山西省', 1, 't', 't')",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(db_open(&db, "v1.db", DB_READ), GK_OK);
	assert_int_equal(count(db, "PRAGMA user_version"),
	    (long long)schema_nmigrations);
	assert_true(schema_nmigrations >= 2);
	assert_int_equal(count(db, "SELECT count(*) FROM areas"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM people"), 0);
	db_close(db);
}

static void
test_db__dry_run_commits_nothing(void **state)
{
	struct db *db;

	unlink("dry.db");
	assert_int_equal(db_open(&db, "dry.db", DB_WRITE), GK_OK);
	db_set_actor(db, "test_db", "tester");
	db_set_dry_run(db, 1);
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(audit_record(db, "test", "subject", "detail"), GK_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 1);
	assert_int_equal(db_commit(db), GK_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 0);
	db_set_dry_run(db, 0);
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(audit_record(db, "test", "subject", "detail"), GK_OK);
	assert_int_equal(db_commit(db), GK_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 1);
	db_close(db);
}

static void
test_db__audit_row_names_actor_and_pinned_time(void **state)
{
	static const char sql[] = "SELECT at, operator, program, verb, "
	    "subject, detail FROM audit";
	struct db *db;
	struct db_stmt *st;
	const char *why;

	unlink("audit.db");
	assert_int_equal(clock_pin("2026-11-29T09:30:00+08:00", &why), 0);
	assert_int_equal(db_open(&db, "audit.db", DB_WRITE), GK_OK);
	db_set_actor(db, "grid-define", "王主任");
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(audit_record(db, "retire", "140121100201001",
	    "东于一网格"), GK_OK);
	assert_int_equal(db_commit(db), GK_OK);
	st = db_prepare(db, sql);
	assert_int_equal(db_step(st), 1);
	assert_string_equal(db_text(st, 0), "2026-11-29T09:30:00+08:00");
	assert_string_equal(db_text(st, 1), "王主任");
	assert_string_equal(db_text(st, 2), "grid-define");
	assert_string_equal(db_text(st, 3), "retire");
	assert_string_equal(db_text(st, 4), "140121100201001");
	assert_string_equal(db_text(st, 5), "东于一网格");
	db_reset(st);
	db_close(db);
	clock_pin(NULL, &why);
}

static void
test_db__statements_are_cached_by_sql(void **state)
{
	static const char sql[] = "SELECT 1";
	struct db *db;
	struct db_stmt *a, *b;

	unlink("cache.db");
	assert_int_equal(db_open(&db, "cache.db", DB_WRITE), GK_OK);
	a = db_prepare(db, sql);
	assert_int_equal(db_step(a), 1);
	b = db_prepare(db, sql);	/* reset, ready again */
	assert_ptr_equal(a, b);
	assert_int_equal(db_step(b), 1);
	assert_int_equal(db_int(b, 0), 1);
	db_close(db);
}

static void
test_db__a_held_lock_fails_with_tempfail(void **state)
{
	struct db *a, *b;

	unlink("lock.db");
	assert_int_equal(db_open(&a, "lock.db", DB_WRITE), GK_OK);
	assert_int_equal(db_open(&b, "lock.db", DB_WRITE), GK_OK);
	db_set_busy_timeout(b, 50);
	assert_int_equal(db_begin(a), GK_OK);
	assert_int_equal(db_begin(b), GK_TEMPFAIL);
	db_rollback(a);
	assert_int_equal(db_begin(b), GK_OK);
	db_rollback(b);
	db_close(a);
	db_close(b);
}

static void
test_db__constraint_violation_is_dataerr(void **state)
{
	static const char ins[] = "INSERT INTO areas (code, name, level, "
	    "parent, created, updated) VALUES ('140100000000', 'x', 2, "
	    "'140000000000', 't', 't')";
	struct db *db;

	unlink("fk.db");
	assert_int_equal(db_open(&db, "fk.db", DB_WRITE), GK_OK);
	/* The parent does not exist: foreign keys are on. */
	assert_int_equal(db_exec(db_prepare(db, ins)), GK_DATAERR);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db__creates_file_0600_in_new_directories_0700),
		cmocka_unit_test(test_db__read_mode_does_not_create),
		cmocka_unit_test(test_db__refuses_files_that_are_not_gridkit_databases),
		cmocka_unit_test(test_db__migrates_an_older_database_and_refuses_a_newer),
		cmocka_unit_test(test_db__a_version_1_database_is_brought_up_to_date_keeping_its_data),
		cmocka_unit_test(test_db__dry_run_commits_nothing),
		cmocka_unit_test(test_db__audit_row_names_actor_and_pinned_time),
		cmocka_unit_test(test_db__statements_are_cached_by_sql),
		cmocka_unit_test(test_db__a_held_lock_fails_with_tempfail),
		cmocka_unit_test(test_db__constraint_violation_is_dataerr),
	};

	diag_set_level(DIAG_QUIET);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
