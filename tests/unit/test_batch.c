/*
 * test_batch.c - the batch-import driver: counts, all or nothing,
 * max-errors, keep-going, the rejects file written only after the
 * commit and never over a file, dry runs, and the one reporter that
 * masks identity and phone numbers whatever the column.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "db.h"
#include "diag.h"
#include "recin.h"
#include "status.h"
#include "util.h"

static const struct recin_opts plain = { .format = NULL };
static const struct recin_field fields[] = { { "value", 1, NULL } };

/* What the test importer does, and what it saw. */
struct seen {
	int committed;		/* calls of the committed callback */
	int end_status;		/* what end returns */
};

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static char *
read_file(const char *path)
{
	struct sb sb = SB_INIT;
	char buf[4096];
	size_t n;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		sb_addn(&sb, buf, n);
	fclose(fp);
	return sb_detach(&sb);
}

static struct db *
fresh(void)
{
	struct db *db;

	unlink("batch.db");
	unlink("batch.db-wal");
	unlink("batch.db-shm");
	assert_int_equal(db_open(&db, "batch.db", DB_WRITE), GK_OK);
	db_set_actor(db, "test_batch", "tester");
	assert_int_equal(db_run(db, "CREATE TABLE t (v TEXT PRIMARY KEY)",
	    ""), GK_OK);
	return db;
}

static long long
count(struct db *db, const char *sql)
{
	struct db_stmt *st;
	long long n;

	assert_int_equal(db_query(db, &st, sql, ""), 1);
	n = db_int(st, 0);
	db_reset(st);
	return n;
}

/* Files in the current directory whose name starts with prefix. */
static int
files_starting(const char *prefix)
{
	DIR *d = opendir(".");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

/* Standard error into a file while f runs: what the reporter said. */
static int saved_fd = -1;

static void
capture(void)
{
	int fd = open("err.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd != -1);
	fflush(stderr);
	saved_fd = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
captured(void)
{
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	return read_file("err.txt");
}

/* The test importer: "bad..." is bad, "fail" a database error, else
 * the value is put in t. */
static int
row(struct batch *b, void *arg)
{
	const char *v = batch_get(b, 0);
	char q[DIAG_QUOTE_MAX];
	int rc;

	if (strncmp(v, "bad", 3) == 0) {
		batch_bad(b, 0, "%s: bad", diag_quote(q, sizeof q, v));
		return BATCH_BAD;
	}
	if (strcmp(v, "fail") == 0)
		return -GK_IOERR;
	if ((rc = db_run(batch_db(b), "INSERT INTO t (v) VALUES (?) "
	    "ON CONFLICT DO NOTHING", "s", v)) != GK_OK)
		return -rc;
	return db_changes(batch_db(b)) > 0 ? BATCH_ADDED : BATCH_UNCHANGED;
}

static int
end(struct batch *b, void *arg)
{
	struct seen *s = arg;

	return s->end_status;
}

static int
committed(struct batch *b, void *arg)
{
	struct seen *s = arg;

	s->committed++;
	return GK_OK;
}

static const struct batch_def def = {
	"test import", "values", "nothing imported", "values are there",
	fields, 1, NULL, NULL, row, end, committed
};

static int
run(struct db *db, const char *path, const struct batch_opts *o,
    struct seen *s, struct batch_stats *st)
{
	return batch_run(db, path, &plain, &def, o, s, st);
}

static void
test_batch__counts_and_commits_a_good_batch_with_one_audit_row(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 0, NULL, 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };

	write_file("good.csv", "value\na\nb\nc\n");
	assert_int_equal(run(db, "good.csv", &o, &s, &st), GK_OK);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.added, 3);
	assert_int_equal(st.bad, 0);
	assert_int_equal(s.committed, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
	    "verb = 'test import' AND subject = 'good.csv' AND detail = "
	    "'3 rows: 3 added, 0 updated, 0 unchanged'"), 1);
	/* Again: nothing changed, nothing recorded. */
	assert_int_equal(run(db, "good.csv", &o, &s, &st), GK_OK);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.added, 0);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 1);
	db_close(db);
}

static void
test_batch__any_bad_row_rolls_back_reported_at_its_place(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 0, NULL, 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };
	char *err;

	write_file("bad.csv", "x,VALUE\n1,a\n2,bad 13800138000\n");
	capture();
	assert_int_equal(run(db, "bad.csv", &o, &s, &st), GK_DATAERR);
	err = captured();
	assert_non_null(err);
	/* The header as written; the phone in a quoted value masked. */
	assert_non_null(strstr(err, "bad.csv:3:3: field \"VALUE\": "
	    "\"bad 138****8000\": bad\n"));
	assert_null(strstr(err, "13800138000"));
	assert_non_null(strstr(err, "bad.csv: 1 bad row; nothing imported"));
	assert_int_equal(st.rows, 2);
	assert_int_equal(st.bad, 1);
	assert_int_equal(s.committed, 0);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 0);
	free(err);
	db_close(db);
}

static void
test_batch__stops_after_max_errors(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 2, 0, NULL, 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };
	char *err;

	write_file("many.csv", "value\nbad1\nbad2\nbad3\nbad4\n");
	capture();
	assert_int_equal(run(db, "many.csv", &o, &s, &st), GK_DATAERR);
	err = captured();
	assert_int_equal(st.bad, 2);
	assert_int_equal(st.rows, 2);
	assert_non_null(strstr(err, "stopping after 2 bad rows"));
	assert_null(strstr(err, "bad3"));
	free(err);
	db_close(db);
}

static void
test_batch__keep_going_writes_rejects_after_the_commit(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 1, "rej.csv", 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };
	struct stat sb;
	char *text;

	unlink("rej.csv");
	write_file("mixed.csv", "value\na\nbad 140121199001011238\nb\n");
	capture();
	assert_int_equal(run(db, "mixed.csv", &o, &s, &st), GK_FINDINGS);
	free(captured());
	assert_int_equal(st.added, 2);
	assert_int_equal(st.bad, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 2);
	assert_int_equal(stat("rej.csv", &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	text = read_file("rej.csv");
	assert_non_null(strstr(text, "line,value,reason\n"));
	/* Masked in the value and in the reason: no column is safe. */
	assert_non_null(strstr(text, "3,bad 140121********1238,"));
	assert_null(strstr(text, "140121199001011238"));
	assert_int_equal(files_starting(".rej.csv."), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
	    "detail = '3 rows: 2 added, 0 updated, 0 unchanged, "
	    "1 rejected'"), 1);
	free(text);
	db_close(db);
}

static void
test_batch__a_failed_batch_leaves_no_rejects_file_and_the_retry_works(
    void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 1, "retry.csv", 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };

	unlink("retry.csv");
	write_file("fails.csv", "value\nbad1\na\nfail\n");
	assert_int_equal(run(db, "fails.csv", &o, &s, &st), GK_IOERR);
	assert_int_equal(access("retry.csv", F_OK), -1);
	assert_int_equal(files_starting(".retry.csv."), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 0);
	/* A batch that fails at its end fails the same way. */
	s.end_status = GK_TEMPFAIL;
	write_file("ok.csv", "value\nbad1\na\n");
	assert_int_equal(run(db, "ok.csv", &o, &s, &st), GK_TEMPFAIL);
	assert_int_equal(access("retry.csv", F_OK), -1);
	assert_int_equal(files_starting(".retry.csv."), 0);
	assert_int_equal(s.committed, 0);
	/* The retry may use the same name. */
	s.end_status = GK_OK;
	assert_int_equal(run(db, "ok.csv", &o, &s, &st), GK_FINDINGS);
	assert_int_equal(access("retry.csv", F_OK), 0);
	assert_int_equal(files_starting(".retry.csv."), 0);
	assert_int_equal(s.committed, 1);
	db_close(db);
}

static void
test_batch__an_existing_rejects_file_is_refused_and_kept(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 1, "mine.csv", 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };
	char *text, *err;

	write_file("mine.csv", "the spreadsheet\n");
	write_file("ok.csv", "value\nbad1\na\n");
	capture();
	assert_int_equal(run(db, "ok.csv", &o, &s, &st), GK_CANTCREAT);
	err = captured();
	assert_non_null(strstr(err, "mine.csv exists already"));
	text = read_file("mine.csv");
	assert_string_equal(text, "the spreadsheet\n");
	assert_int_equal(files_starting(".mine.csv."), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 0);
	free(text);
	free(err);
	db_close(db);
}

static void
test_batch__a_dry_run_keeps_nothing_and_writes_no_rejects(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 1, "dry.csv", 0, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };

	unlink("dry.csv");
	db_set_dry_run(db, 1);
	write_file("ok.csv", "value\nbad1\na\n");
	capture();
	assert_int_equal(run(db, "ok.csv", &o, &s, &st), GK_FINDINGS);
	free(captured());
	assert_int_equal(st.added, 1);
	assert_int_equal(s.committed, 0);
	assert_int_equal(access("dry.csv", F_OK), -1);
	assert_int_equal(files_starting(".dry.csv."), 0);
	db_set_dry_run(db, 0);
	assert_int_equal(count(db, "SELECT count(*) FROM t"), 0);
	db_close(db);
}

static void
test_batch__reveal_shows_values_and_is_recorded(void **state)
{
	struct db *db = fresh();
	struct batch_opts o = { 10, 0, NULL, 1, 0 };
	struct batch_stats st;
	struct seen s = { 0, GK_OK };
	char *err;

	write_file("rev.csv", "value\nbad 13800138000\n");
	capture();
	assert_int_equal(run(db, "rev.csv", &o, &s, &st), GK_DATAERR);
	err = captured();
	assert_non_null(strstr(err, "\"bad 13800138000\": bad"));
	assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
	    "verb = 'reveal' AND subject = 'rev.csv'"), 1);
	free(err);
	db_close(db);
}

static void
expect_mask(const char *in, int quoted, const char *want)
{
	struct sb sb = SB_INIT;

	batch_mask(&sb, in, quoted);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

static void
test_batch__mask_hides_identity_and_phone_shapes(void **state)
{
	/* In a quoted value: every shape, whatever the column. */
	expect_mask("field \"grid\": \"140121199001011238\": bad", 0,
	    "field \"grid\": \"140121********1238\": bad");
	expect_mask("\"14012119900101123x\"", 0, "\"140121********123x\"");
	expect_mask("\"140121900101123\"", 0, "\"*************23\"");
	expect_mask("\"14012119900101123\"", 0, "\"***************23\"");
	expect_mask("\"+86 138-0013-8000\": not a role", 0,
	    "\"138****8000\": not a role");
	expect_mask("\"手机13800138000\"", 0, "\"手机138****8000\"");
	expect_mask("\"0351-7654321\"", 0, "\"0351-***4321\"");
	expect_mask("\"a\\\"13800138000\"", 0, "\"a\\\"138****8000\"");
	/* What is no such number stays. */
	expect_mask("\"2026-11-29\" is not a date", 0,
	    "\"2026-11-29\" is not a date");
	expect_mask("\"140121100001\": a village", 0,
	    "\"140121100001\": a village");
	expect_mask("\"1234567890123456789\"", 0, "\"1234567890123456789\"");
	/* Outside quotes a grid code (15 digits) is a grid code; the
	 * unmistakable shapes are masked all the same. */
	expect_mask("grid 140121100099001 is not in the database", 0,
	    "grid 140121100099001 is not in the database");
	expect_mask("staff id 2 is 李娜, not 140121199001011238", 0,
	    "staff id 2 is 李娜, not 140121********1238");
	expect_mask("call 13800138000 or 8613900139001", 0,
	    "call 138****8000 or 139****9001");
	expect_mask("stopping after 12 bad rows (--max-errors 100000)", 0,
	    "stopping after 12 bad rows (--max-errors 100000)");
	/* A cell's value counts as quoted. */
	expect_mask("140121900101123", 1, "*************23");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_batch__counts_and_commits_a_good_batch_with_one_audit_row),
		cmocka_unit_test(
		    test_batch__any_bad_row_rolls_back_reported_at_its_place),
		cmocka_unit_test(test_batch__stops_after_max_errors),
		cmocka_unit_test(
		    test_batch__keep_going_writes_rejects_after_the_commit),
		cmocka_unit_test(
		    test_batch__a_failed_batch_leaves_no_rejects_file_and_the_retry_works),
		cmocka_unit_test(
		    test_batch__an_existing_rejects_file_is_refused_and_kept),
		cmocka_unit_test(
		    test_batch__a_dry_run_keeps_nothing_and_writes_no_rejects),
		cmocka_unit_test(test_batch__reveal_shows_values_and_is_recorded),
		cmocka_unit_test(test_batch__mask_hides_identity_and_phone_shapes),
	};

	diag_init("test_batch");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
