/*
 * test_db.c - the database door: creation, refusal of foreign and
 * damaged files, read-only opening, migrations (frozen, upgraded from
 * fixtures made by old releases), many programs opening at once,
 * transactions, dry runs, the statement cache, bind checks, ids of new
 * rows, the busy budget, the audit log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
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

/* An integer from a file read directly, outside gridkit. */
static long long
raw_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* Standard error goes to a file while a case runs, to check messages. */
static int saved_stderr = -1;

static void
capture_stderr(void)
{
	FILE *fp;

	fflush(stderr);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	fp = fopen("stderr.txt", "w");
	assert_non_null(fp);
	assert_true(dup2(fileno(fp), 2) == 2);
	fclose(fp);
}

/* Restore standard error; return what was written (caller frees). */
static char *
captured(void)
{
	FILE *fp;
	char *buf = calloc(1, 65536);

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	assert_non_null(buf);
	fp = fopen("stderr.txt", "r");
	assert_non_null(fp);
	fread(buf, 1, 65535, fp);
	fclose(fp);
	return buf;
}

/* Make path a database from a fixture of tests/fixtures, as SQL. */
static void
load_fixture(const char *path, const char *name)
{
	const char *top = getenv("GRIDKIT_TOP");
	char file[4096], *sql;
	FILE *fp;
	long n;

	snprintf(file, sizeof file, "%s/tests/fixtures/%s",
	    top ? top : "../../..", name);
	fp = fopen(file, "r");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	sql = calloc(1, (size_t)n + 1);
	assert_non_null(sql);
	assert_int_equal(fread(sql, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	unlink(path);
	raw(path, sql);
	free(sql);
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
test_db__a_damaged_database_is_an_io_error_not_a_foreign_file(void **state)
{
	struct db *db;
	char junk[512], *err;
	FILE *fp;

	unlink("damaged.db");
	assert_int_equal(db_open(&db, "damaged.db", DB_WRITE), GK_OK);
	db_close(db);
	/* Scribble over page 1 after the 100-byte header: the schema. */
	memset(junk, 0x5a, sizeof junk);
	fp = fopen("damaged.db", "r+");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 100, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, sizeof junk, fp), sizeof junk);
	fclose(fp);
	capture_stderr();
	assert_int_equal(db_open(&db, "damaged.db", DB_READ), GK_IOERR);
	assert_int_equal(db_open(&db, "damaged.db", DB_WRITE), GK_IOERR);
	err = captured();
	assert_non_null(strstr(err, "malformed"));
	assert_null(strstr(err, "not a gridkit database"));
	free(err);
	/* A text file stays what it is: not a database at all. */
	capture_stderr();
	assert_int_equal(db_open(&db, "text.db", DB_READ), GK_UNAVAILABLE);
	err = captured();
	assert_non_null(strstr(err, "text.db: not a gridkit database"));
	free(err);
}

static void
test_db__migrates_an_older_database_and_refuses_a_newer(void **state)
{
	struct db *db;
	char sql[64];

	/* An older gridkit's database: marked, but at version 0. */
	unlink("old.db");
	raw("old.db", "PRAGMA application_id = 1196575044");
	/* Empty: nothing to read yet. */
	assert_int_equal(db_open(&db, "old.db", DB_READ), GK_UNAVAILABLE);
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
	assert_int_equal(db_open(&db, "old.db", DB_WRITE), GK_UNAVAILABLE);
}

/*
 * Each released migration's text, hashed: a released migration is
 * frozen.  If this fails, a released migration was edited: undo the
 * edit and write a new migration instead.  The hash is SHA-256 of the
 * statements, each followed by a newline.  A new release adds its line.
 */
static void
test_db__released_migrations_are_frozen(void **state)
{
	static const char *const released[] = {
		/* 1 */ "79bf0e586a62ab8ab6f134d6f269c2432ac146c73a1198a4146262e35afcf289",
		/* 2 */ "0ecb70481e85e57845036883311ae1129acbe4d2e01cd86756ff8e3ed10387f9",
		/* 3 */ "bb22141d52416ca613b856b3b4c576c747f6944796fa1de98ec0b94bddf3349a",
		/* 4 */ "3b96e51b1ed71960011b9419ee1cbc9744e9cb2c9c4d1d40eba876ed71a70548",
		/* 5 */ "913b9485a60740c693c21f0b761eb1deae160aa842f5f17d01ee06f4ecb969f3",
		/* 6 */ "4ba321386bb354d25b43115800f51c5752ecb8006b879fac6f8be149c78a7cfa",
		/* 7 */ "cf14277eda0cbe67401dfbfc44adc667addd632ed433c5aa1a63ac741fe1d998",
		/* 8 */ "e522c92ac28697197ba313112670b900d51ee37093ceb9a52a03c74c09cdd372",
	};
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len, i;
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	const char *const *s;
	EVP_MD_CTX *ctx;
	size_t v;
	int bad = 0;

	assert_true(schema_nmigrations >= sizeof released / sizeof *released);
	for (v = 0; v < sizeof released / sizeof *released; v++) {
		ctx = EVP_MD_CTX_new();
		assert_non_null(ctx);
		assert_int_equal(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
		for (s = schema_migrations[v].sql; *s != NULL; s++) {
			EVP_DigestUpdate(ctx, *s, strlen(*s));
			EVP_DigestUpdate(ctx, "\n", 1);
		}
		assert_int_equal(EVP_DigestFinal_ex(ctx, md, &len), 1);
		EVP_MD_CTX_free(ctx);
		for (i = 0; i < len; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		if (strcmp(hex, released[v]) != 0) {
			print_error("migration %zu was released and is frozen, "
			    "but its text has changed (sha256 %s); write a new "
			    "migration instead\n", v + 1, hex);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* The rows of every table of a fixture, before and after an upgrade. */
static const char *const fixture_tables[] = {
	"areas", "grids", "units", "audit",
	"people", "stages", "assignments", "vacancies", "training", NULL
};

static void
upgrade_fixture(const char *name, long long version, int tables)
{
	long long before[16];
	char sql[128], *err;
	struct db *db;
	int i;

	load_fixture("fixture.db", name);
	assert_int_equal(raw_int("fixture.db", "PRAGMA user_version"), version);
	for (i = 0; i < tables; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s",
		    fixture_tables[i]);
		before[i] = raw_int("fixture.db", sql);
		assert_true(before[i] > 0);
	}
	/* A reader refuses it, saying what to do, and changes nothing. */
	capture_stderr();
	assert_int_equal(db_open(&db, "fixture.db", DB_READ), GK_UNAVAILABLE);
	err = captured();
	snprintf(sql, sizeof sql, "database schema version %lld found; this "
	    "gridkit needs version %zu; a command that writes upgrades it",
	    version, schema_nmigrations);
	assert_non_null(strstr(err, sql));
	free(err);
	assert_int_equal(raw_int("fixture.db", "PRAGMA user_version"), version);
	/* A writer upgrades it, keeping every row. */
	assert_int_equal(db_open(&db, "fixture.db", DB_WRITE_EXISTING), GK_OK);
	db_close(db);
	assert_int_equal(raw_int("fixture.db", "PRAGMA user_version"),
	    (long long)schema_nmigrations);
	for (i = 0; i < tables; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s",
		    fixture_tables[i]);
		assert_int_equal(raw_int("fixture.db", sql), before[i]);
	}
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM "
	    "gridkit_meta WHERE key = 'application' AND value = 'gridkit'"), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM gridkit_meta WHERE "
	    "key = 'schema_version' AND value = '%zu'", schema_nmigrations);
	assert_int_equal(raw_int("fixture.db", sql), 1);
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM grids "
	    "WHERE code = '140121100001002' AND status = 'retired'"), 1);
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM units "
	    "WHERE name = '西街' AND grid = '140121100001001'"), 1);
	/* And now it reads. */
	assert_int_equal(db_open(&db, "fixture.db", DB_READ), GK_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM areas"), 8);
	db_close(db);
}

static void
test_db__a_version_1_database_of_the_first_release_is_upgraded_keeping_its_data(void **state)
{
	upgrade_fixture("schema-v1.sql", 1, 4);
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM people"),
	    0);
}

static void
test_db__a_version_2_database_of_the_second_release_is_upgraded_keeping_its_data(void **state)
{
	upgrade_fixture("schema-v2.sql", 2, 9);
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM people "
	    "WHERE id = 2 AND name = '李娜' AND status = 'left'"), 1);
	assert_int_equal(raw_int("fixture.db", "SELECT count(*) FROM "
	    "vacancies WHERE person = 2 AND filled IS NULL"), 1);
}

static void
test_db__an_upgrade_that_leaves_a_broken_foreign_key_is_rolled_back(void **state)
{
	struct db *db;
	char *err;

	load_fixture("brokenfk.db", "schema-v1.sql");
	/* A grid whose village is not there (foreign keys were off). */
	raw("brokenfk.db", "INSERT INTO grids (code, village, name, kind, "
	    "created, updated) VALUES ('149999999999001', '149999999999', "
	    "'x', 'rural', 't', 't')");
	capture_stderr();
	assert_int_equal(db_open(&db, "brokenfk.db", DB_WRITE), GK_UNAVAILABLE);
	err = captured();
	assert_non_null(strstr(err, "of table grids refers to a missing row "
	    "of areas"));
	assert_non_null(strstr(err, "rolled back"));
	free(err);
	assert_int_equal(raw_int("brokenfk.db", "PRAGMA user_version"), 1);
	assert_int_equal(raw_int("brokenfk.db", "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'people'"), 0);
}

static void
test_db__a_marker_that_does_not_say_gridkit_is_refused(void **state)
{
	struct db *db;

	unlink("meta.db");
	assert_int_equal(db_open(&db, "meta.db", DB_WRITE), GK_OK);
	db_close(db);
	raw("meta.db", "UPDATE gridkit_meta SET value = '2' "
	    "WHERE key = 'schema_version'");
	assert_int_equal(db_open(&db, "meta.db", DB_READ), GK_UNAVAILABLE);
	raw("meta.db", "UPDATE gridkit_meta SET value = '3' "
	    "WHERE key = 'schema_version'; UPDATE gridkit_meta SET "
	    "value = 'other' WHERE key = 'application'");
	assert_int_equal(db_open(&db, "meta.db", DB_READ), GK_UNAVAILABLE);
}

static void
test_db__reading_opens_read_only_and_changes_nothing(void **state)
{
	struct db *db;
	struct stat a, b;

	load_fixture("ro.db", "schema-v2.sql");
	assert_int_equal(db_open(&db, "ro.db", DB_WRITE), GK_OK);
	db_close(db);
	assert_int_equal(stat("ro.db", &a), 0);
	assert_int_equal(db_open(&db, "ro.db", DB_READ), GK_OK);
	/* A reader cannot write, even by mistake. */
	assert_int_equal(db_run(db, "DELETE FROM areas", ""), GK_UNAVAILABLE);
	db_close(db);
	assert_int_equal(stat("ro.db", &b), 0);
	assert_int_equal(a.st_size, b.st_size);
	assert_int_equal(a.st_mtime, b.st_mtime);
	assert_int_equal(raw_int("ro.db", "SELECT count(*) FROM areas"), 8);
}

static void
test_db__a_wal_database_reads_with_and_without_its_wal_files(void **state)
{
	struct db *w, *r;

	unlink("wal.db");
	assert_int_equal(db_open(&w, "wal.db", DB_WRITE), GK_OK);
	db_set_actor(w, "test_db", "tester");
	assert_int_equal(db_begin(w), GK_OK);
	assert_int_equal(audit_record(w, "test", "s", "d"), GK_OK);
	assert_int_equal(db_commit(w), GK_OK);
	/* The writer is open: -wal and -shm exist, the row is in the WAL. */
	assert_int_equal(access("wal.db-wal", F_OK), 0);
	assert_int_equal(access("wal.db-shm", F_OK), 0);
	assert_int_equal(db_open(&r, "wal.db", DB_READ), GK_OK);
	assert_int_equal(count(r, "SELECT count(*) FROM audit"), 1);
	db_close(r);
	db_close(w);
	/* The last writer closed: SQLite removed them. */
	assert_int_equal(access("wal.db-wal", F_OK), -1);
	assert_int_equal(access("wal.db-shm", F_OK), -1);
	assert_int_equal(raw_int("wal.db", "PRAGMA journal_mode = WAL") , 0);
	assert_int_equal(db_open(&r, "wal.db", DB_READ), GK_OK);
	assert_int_equal(count(r, "SELECT count(*) FROM audit"), 1);
	db_close(r);
}

/*
 * n children open path at the same moment (they wait on a pipe the
 * parent closes) and write one audit row each; returns how many failed.
 */
static int
open_at_once(const char *path, int n)
{
	int fd[2], i, status, failed = 0;
	pid_t pid;
	char c;

	assert_int_equal(pipe(fd), 0);
	for (i = 0; i < n; i++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct db *db;
			int rc;

			close(fd[1]);
			if (read(fd[0], &c, 1) != 0)
				_exit(99);
			rc = db_open(&db, path, DB_WRITE);
			if (rc == GK_OK) {
				db_set_actor(db, "test_db", "child");
				if ((rc = db_begin(db)) == GK_OK &&
				    (rc = audit_record(db, "open", path, "at "
				    "once")) == GK_OK)
					rc = db_commit(db);
				db_close(db);
			}
			_exit(rc);
		}
	}
	close(fd[0]);
	close(fd[1]);	/* go */
	for (i = 0; i < n; i++) {
		assert_true(wait(&status) > 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	return failed;
}

static void
test_db__sixteen_programs_create_one_new_database_at_once(void **state)
{
	int round;

	for (round = 0; round < 5; round++) {
		unlink("many.db");
		unlink("many.db-wal");
		unlink("many.db-shm");
		assert_int_equal(open_at_once("many.db", 16), 0);
		assert_int_equal(raw_int("many.db", "SELECT count(*) FROM "
		    "audit"), 16);
		assert_int_equal(raw_int("many.db", "PRAGMA user_version"),
		    (long long)schema_nmigrations);
	}
}

static void
test_db__sixteen_programs_upgrade_one_version_1_database_at_once(void **state)
{
	int round;

	for (round = 0; round < 5; round++) {
		unlink("many1.db-wal");
		unlink("many1.db-shm");
		load_fixture("many1.db", "schema-v1.sql");
		assert_int_equal(open_at_once("many1.db", 16), 0);
		assert_int_equal(raw_int("many1.db", "SELECT count(*) FROM "
		    "audit"), 6 + 16);
		assert_int_equal(raw_int("many1.db", "PRAGMA user_version"),
		    (long long)schema_nmigrations);
	}
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
test_db__statements_are_cached_by_sql_text_not_by_address(void **state)
{
	static const char sql[] = "SELECT 1";
	char buf[64];
	struct db *db;
	struct db_stmt *a, *b, *c;

	unlink("cache.db");
	assert_int_equal(db_open(&db, "cache.db", DB_WRITE), GK_OK);
	a = db_prepare(db, sql);
	assert_int_equal(db_step(a), DB_ROW);
	b = db_prepare(db, sql);	/* reset, ready again */
	assert_ptr_equal(a, b);
	assert_int_equal(db_step(b), DB_ROW);
	assert_int_equal(db_int(b, 0), 1);
	/* The same text elsewhere is the same statement ... */
	snprintf(buf, sizeof buf, "SELECT %d", 1);
	assert_ptr_equal(db_prepare(db, buf), a);
	/* ... and other text at the same address is another. */
	snprintf(buf, sizeof buf, "SELECT %d", 2);
	c = db_prepare(db, buf);
	assert_ptr_not_equal(c, a);
	assert_int_equal(db_step(c), DB_ROW);
	assert_int_equal(db_int(c, 0), 2);
	/* The address is only a guess: the text there decides. */
	snprintf(buf, sizeof buf, "SELECT %d", 1);
	assert_ptr_equal(db_prepare(db, buf), a);
	assert_ptr_equal(db_prepare(db, sql), a);
	snprintf(buf, sizeof buf, "SELECT %d", 2);
	assert_ptr_equal(db_prepare(db, buf), c);
	/* Two statements in one text are a bug. */
	assert_null(db_prepare(db, "SELECT 1; SELECT 2"));
	db_close(db);
}

static void
test_db__a_type_string_that_does_not_match_the_parameters_fails_loudly(void **state)
{
	static const char ins[] = "INSERT INTO audit (at, operator, program, "
	    "verb, subject, detail) VALUES (?, ?, ?, ?, ?, ?)";
	struct db *db;
	struct db_stmt *st;
	char *err;

	unlink("bind.db");
	assert_int_equal(db_open(&db, "bind.db", DB_WRITE), GK_OK);
	capture_stderr();
	assert_int_equal(db_run(db, ins, "sssss", "a", "b", "c", "d", "e"),
	    GK_SOFTWARE);
	assert_int_equal(db_query(db, &st, "SELECT ?1 + ?1", "LL", 1LL, 2LL),
	    -GK_SOFTWARE);
	assert_int_equal(db_run(db, ins, "sssssx", "a", "b", "c", "d", "e",
	    "f"), GK_SOFTWARE);
	st = db_prepare(db, "SELECT ?");
	assert_int_equal(db_bind_int(st, 2, 7), GK_SOFTWARE);
	assert_int_equal(db_step(st), -GK_SOFTWARE);
	assert_int_equal(db_run(db, "SELECT nosuchfunction(1)", ""),
	    GK_SOFTWARE);
	err = captured();
	assert_non_null(strstr(err, "internal error: 5 values (\"sssss\") "
	    "for 6 parameters in \"INSERT INTO audit"));
	assert_non_null(strstr(err, "internal error: 2 values (\"LL\") for "
	    "1 parameter in \"SELECT ?1 + ?1\""));
	assert_non_null(strstr(err, "bind type 'x'"));
	assert_non_null(strstr(err, "cannot bind parameter 2 of \"SELECT ?\""));
	assert_non_null(strstr(err, "internal error: cannot prepare: \"SELECT "
	    "nosuchfunction(1)\": no such function: nosuchfunction"));
	free(err);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 0);
	/* A reused parameter counts once. */
	assert_int_equal(db_query(db, &st, "SELECT ?1 + ?1", "L", 2LL), DB_ROW);
	assert_int_equal(db_int(st, 0), 4);
	db_reset(st);
	assert_int_equal(db_query(db, &st, "SELECT 1 WHERE 0", ""), DB_NONE);
	db_close(db);
}

static void
test_db__insert_id_gives_the_new_rows_id(void **state)
{
	static const char ins[] = "INSERT INTO gridkit_meta (key, value) "
	    "VALUES (?, ?) ON CONFLICT (key) DO NOTHING RETURNING rowid";
	struct db *db;
	long long id, id2;

	unlink("id.db");
	assert_int_equal(db_open(&db, "id.db", DB_WRITE), GK_OK);
	db_set_actor(db, "test_db", "tester");
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(db_insert_id(db, &id, "INSERT INTO audit (at, "
	    "operator, program, verb, subject, detail) VALUES ('t', 'o', "
	    "'p', 'v', ?, 'd') RETURNING id", "s", "first"), GK_OK);
	assert_true(id > 0);
	assert_int_equal(db_insert_id(db, &id2, "INSERT INTO audit (at, "
	    "operator, program, verb, subject, detail) VALUES ('t', 'o', "
	    "'p', 'v', ?, 'd') RETURNING id", "s", "second"), GK_OK);
	assert_true(id2 > id);
	assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
	    "subject = 'second'"), 1);
	/* Nothing inserted: 0. */
	assert_int_equal(db_insert_id(db, &id, ins, "ss", "k", "v"), GK_OK);
	assert_true(id > 0);
	assert_int_equal(db_insert_id(db, &id, ins, "ss", "k", "w"), GK_OK);
	assert_int_equal(id, 0);
	/* No RETURNING: a bug. */
	assert_int_equal(db_insert_id(db, &id, "INSERT INTO gridkit_meta "
	    "(key, value) VALUES ('x', 'y')", ""), GK_SOFTWARE);
	db_rollback(db);
	db_close(db);
}

static long long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
test_db__the_busy_wait_is_one_budget_for_the_whole_command(void **state)
{
	struct db *a, *b;
	long long t;
	int fd[2], status;
	pid_t pid;
	char c;

	unlink("budget.db");
	assert_int_equal(db_open(&a, "budget.db", DB_WRITE), GK_OK);
	assert_int_equal(db_open(&b, "budget.db", DB_WRITE), GK_OK);
	db_set_busy_timeout(b, 300);
	assert_int_equal(db_begin(a), GK_OK);
	t = ms_now();
	assert_int_equal(db_begin(b), GK_TEMPFAIL);
	assert_true(ms_now() - t >= 290);
	/* The budget is spent: the next statement does not wait again. */
	t = ms_now();
	assert_int_equal(db_begin(b), GK_TEMPFAIL);
	assert_true(ms_now() - t < 150);
	db_rollback(a);
	assert_int_equal(db_begin(b), GK_OK);
	db_rollback(b);
	db_close(a);
	/* A new budget, and a lock another program frees within it is
	 * taken: the child holds it for 200 ms. */
	db_set_busy_timeout(b, 5000);
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		if (db_open(&a, "budget.db", DB_WRITE) != GK_OK ||
		    db_begin(a) != GK_OK || write(fd[1], "x", 1) != 1)
			_exit(1);
		usleep(200000);
		db_rollback(a);
		db_close(a);
		_exit(0);
	}
	close(fd[1]);
	assert_int_equal(read(fd[0], &c, 1), 1);	/* it holds the lock */
	close(fd[0]);
	t = ms_now();
	assert_int_equal(db_begin(b), GK_OK);
	assert_true(ms_now() - t >= 100);
	db_rollback(b);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	db_close(b);
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

/* A connection string is PostgreSQL's; everything else is a file, and
 * no password is ever shown. */
static void
test_db__a_connection_string_is_a_server_shown_without_its_password(
    void **state)
{
	static const char *const servers[] = {
		"postgresql://clerk@db/county", "postgres://db/county",
		"host=db dbname=county", "dbname=county", "service=county",
	};
	static const char *const files[] = {
		"gridkit.db", "/srv/gridkit/gridkit.db", "./a=b.db",
		"dir/x=y", "=x", "Host=db", "postgresql:/x", "notes=old.db",
		"./host=x",
	};
	char *shown;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof servers / sizeof *servers; i++)
		assert_true(db_is_server(servers[i]));
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		assert_false(db_is_server(files[i]));
		shown = db_display_name(files[i]);
		assert_string_equal(shown, files[i]);
		free(shown);
	}
	shown = db_display_name("postgresql://clerk:s3cret@db.example:5433/"
	    "county?sslmode=require&password=other");
	assert_string_equal(shown, "postgresql://clerk@db.example:5433/county");
	free(shown);
	shown = db_display_name("host=db dbname=county password='s3 cret' "
	    "user=clerk");
	assert_string_equal(shown, "postgresql://clerk@db/county");
	free(shown);
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

/* The count of case_counters rows with last = n, for county 140121. */
static long long
counter_is(struct db *db, long long n)
{
	struct db_stmt *st;
	long long v = -1;

	if (db_query(db, &st, "SELECT count(*) FROM case_counters WHERE "
	    "county = '140121' AND last = ?", "L", n) == DB_ROW) {
		v = db_int(st, 0);
		db_reset(st);
	}
	return v;
}

/*
 * What a write transaction remembers is forgotten when it ends; a
 * statement deferred to the commit runs once, the last one deferred
 * under its key, and not at all on a rollback; a dry run runs it (and
 * meets its errors) before it rolls back.  db_run_tally counts rows.
 */
static void
test_db__remembered_and_deferred_last_one_transaction(void **state)
{
	static const char upd[] = "UPDATE case_counters SET last = ? "
	    "WHERE county = ? AND year = ?";
	struct db *db;
	long long added = 0;

	(void)state;
	unlink("memo.db");
	assert_int_equal(db_open(&db, "memo.db", DB_WRITE), GK_OK);
	assert_null(db_tx_recall(db, "k"));
	db_tx_remember(db, "k", "outside");
	assert_null(db_tx_recall(db, "k"));
	assert_int_equal(db_tx_defer(db, "k", upd, "LsL", 1LL, "140121",
	    2026LL), GK_SOFTWARE);

	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(db_run_tally(db, &added, "INSERT INTO case_counters "
	    "(county, year, last) VALUES ('140121', 2026, 0) ON CONFLICT DO "
	    "NOTHING", ""), GK_OK);
	assert_int_equal(db_run_tally(db, &added, "INSERT INTO case_counters "
	    "(county, year, last) VALUES ('140121', 2026, 0) ON CONFLICT DO "
	    "NOTHING", ""), GK_OK);
	assert_int_equal(db_flush(db), GK_OK);
	assert_int_equal(added, 1);
	db_tx_remember(db, "k", "one");
	db_tx_remember(db, "k", "two");
	assert_string_equal(db_tx_recall(db, "k"), "two");
	assert_int_equal(db_tx_defer(db, "c", upd, "LsL", 5LL, "140121",
	    2026LL), GK_OK);
	assert_int_equal(db_tx_defer(db, "c", upd, "LsL", 7LL, "140121",
	    2026LL), GK_OK);
	/* Not run before the commit. */
	assert_int_equal(counter_is(db, 0), 1);
	assert_int_equal(db_commit(db), GK_OK);
	assert_int_equal(counter_is(db, 7), 1);
	assert_null(db_tx_recall(db, "k"));

	/* Rolled back: neither remembered nor run. */
	assert_int_equal(db_begin(db), GK_OK);
	db_tx_remember(db, "k", "three");
	assert_int_equal(db_tx_defer(db, "c", upd, "LsL", 9LL, "140121",
	    2026LL), GK_OK);
	db_rollback(db);
	assert_null(db_tx_recall(db, "k"));
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(db_commit(db), GK_OK);
	assert_int_equal(counter_is(db, 7), 1);

	/* A dry run runs it, then keeps nothing; its error is met. */
	db_set_dry_run(db, 1);
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(db_tx_defer(db, "c", upd, "LsL", 11LL, "140121",
	    2026LL), GK_OK);
	assert_int_equal(db_commit(db), GK_OK);
	assert_int_equal(counter_is(db, 7), 1);
	assert_int_equal(db_begin(db), GK_OK);
	assert_int_equal(db_tx_defer(db, "c", "UPDATE case_counters SET "
	    "last = NULL WHERE county = ?", "s", "140121"), GK_OK);
	assert_int_equal(db_commit(db), GK_DATAERR);
	db_set_dry_run(db, 0);
	assert_int_equal(counter_is(db, 7), 1);
	db_close(db);
}

/*
 * A database changed outside gridkit is said to be damaged at open (74),
 * not met as an internal error later: a table dropped, a schema version
 * set below 0, or set to 0 over gridkit's tables (which would have
 * "migrated" by running nothing, or everything again).
 */
static void
test_db__tampered_schemas_are_damaged_databases(void **state)
{
	struct db *db;
	char *err;

	(void)state;
	unlink("t1.db");
	assert_int_equal(db_open(&db, "t1.db", DB_WRITE), GK_OK);
	db_close(db);
	raw("t1.db", "DROP TABLE units");
	capture_stderr();
	assert_int_equal(db_open(&db, "t1.db", DB_READ), GK_IOERR);
	assert_int_equal(db_open(&db, "t1.db", DB_WRITE), GK_IOERR);
	err = captured();
	assert_non_null(strstr(err, "table units is missing"));
	free(err);

	unlink("t2.db");
	assert_int_equal(db_open(&db, "t2.db", DB_WRITE), GK_OK);
	db_close(db);
	raw("t2.db", "PRAGMA user_version = -1");
	capture_stderr();
	assert_int_equal(db_open(&db, "t2.db", DB_WRITE), GK_IOERR);
	raw("t2.db", "PRAGMA user_version = 0");
	assert_int_equal(db_open(&db, "t2.db", DB_WRITE), GK_IOERR);
	err = captured();
	assert_non_null(strstr(err, "schema version -1"));
	assert_non_null(strstr(err, "schema version 0"));
	free(err);
	/* Nothing was "upgraded" on the way. */
	assert_int_equal(raw_int("t2.db", "PRAGMA user_version"), 0);
}

/* schema_tables names exactly the tables the migrations make. */
static void
test_db__schema_tables_are_the_tables_the_migrations_make(void **state)
{
	struct db *db;
	struct db_stmt *st;
	const char *const *t;
	size_t listed = 0, made = 0;
	int rc, found;

	(void)state;
	assert_int_equal(db_open(&db, ":memory:", DB_WRITE), GK_OK);
	for (t = schema_tables; *t != NULL; t++)
		listed++;
	st = db_prepare(db, "SELECT name FROM sqlite_master WHERE type = "
	    "'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'");
	assert_non_null(st);
	while ((rc = db_step(st)) == DB_ROW) {
		made++;
		found = 0;
		for (t = schema_tables; *t != NULL; t++)
			found |= strcmp(*t, db_text(st, 0)) == 0;
		if (!found)
			print_error("table %s is not in schema_tables\n",
			    db_text(st, 0));
		assert_true(found);
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(made, listed);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_db__creates_file_0600_in_new_directories_0700),
		cmocka_unit_test(test_db__read_mode_does_not_create),
		cmocka_unit_test(test_db__refuses_files_that_are_not_gridkit_databases),
		cmocka_unit_test(test_db__a_damaged_database_is_an_io_error_not_a_foreign_file),
		cmocka_unit_test(test_db__migrates_an_older_database_and_refuses_a_newer),
		cmocka_unit_test(test_db__released_migrations_are_frozen),
		cmocka_unit_test(test_db__tampered_schemas_are_damaged_databases),
		cmocka_unit_test(test_db__schema_tables_are_the_tables_the_migrations_make),
		cmocka_unit_test(test_db__a_version_1_database_of_the_first_release_is_upgraded_keeping_its_data),
		cmocka_unit_test(test_db__a_version_2_database_of_the_second_release_is_upgraded_keeping_its_data),
		cmocka_unit_test(test_db__an_upgrade_that_leaves_a_broken_foreign_key_is_rolled_back),
		cmocka_unit_test(test_db__a_marker_that_does_not_say_gridkit_is_refused),
		cmocka_unit_test(test_db__reading_opens_read_only_and_changes_nothing),
		cmocka_unit_test(test_db__a_wal_database_reads_with_and_without_its_wal_files),
		cmocka_unit_test(test_db__sixteen_programs_create_one_new_database_at_once),
		cmocka_unit_test(test_db__sixteen_programs_upgrade_one_version_1_database_at_once),
		cmocka_unit_test(test_db__dry_run_commits_nothing),
		cmocka_unit_test(test_db__audit_row_names_actor_and_pinned_time),
		cmocka_unit_test(test_db__statements_are_cached_by_sql_text_not_by_address),
		cmocka_unit_test(test_db__a_type_string_that_does_not_match_the_parameters_fails_loudly),
		cmocka_unit_test(test_db__insert_id_gives_the_new_rows_id),
		cmocka_unit_test(test_db__the_busy_wait_is_one_budget_for_the_whole_command),
		cmocka_unit_test(test_db__a_held_lock_fails_with_tempfail),
		cmocka_unit_test(test_db__constraint_violation_is_dataerr),
		cmocka_unit_test(test_db__remembered_and_deferred_last_one_transaction),
		cmocka_unit_test(
		    test_db__a_connection_string_is_a_server_shown_without_its_password),
	};

	diag_set_level(DIAG_QUIET);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
