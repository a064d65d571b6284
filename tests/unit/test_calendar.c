/*
 * test_calendar.c - the working-day calendar: the shipped 2025 and 2026
 * files, make-up working days, years without a file, parse errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "diag.h"
#include "status.h"
#include "util.h"

#define CAPTURE "stderr.txt"

static char captured[8192];	/* what the last capture saw on stderr */

/* Sends stderr to a file until capture_end; returns the saved fd. */
static int
capture_begin(void)
{
	int fd, saved;

	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	fd = open(CAPTURE, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_true(dup2(fd, 2) == 2);
	close(fd);
	return saved;
}

static const char *
capture_end(int saved)
{
	FILE *f;
	size_t n;

	fflush(stderr);
	assert_true(dup2(saved, 2) == 2);
	close(saved);
	f = fopen(CAPTURE, "r");
	assert_non_null(f);
	n = fread(captured, 1, sizeof captured - 1, f);
	captured[n] = '\0';
	fclose(f);
	return captured;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static const char *
shipped_dir(void)
{
	static char buf[4096];
	const char *top = getenv("GRIDKIT_TOP");

	if (top == NULL)
		fail_msg("GRIDKIT_TOP is not set (run through scripts/run-tests)");
	snprintf(buf, sizeof buf, "%s/etc/calendar", top);
	return buf;
}

static struct calendar *
shipped(void)
{
	struct calendar *c;

	assert_int_equal(cal_load_dir(&c, shipped_dir()), GK_OK);
	return c;
}

static gk_day
D(int y, int m, int d)
{
	return day_from_civil(y, m, d);
}

static void
assert_day(gk_day got, int y, int m, int d)
{
	char a[DAY_ISO_MAX], b[DAY_ISO_MAX];

	if (got != D(y, m, d))
		fail_msg("got %s, expected %s", day_format(got, a),
		    day_format(D(y, m, d), b));
}

static void
test_calendar__shipped_files_load_without_warnings(void **state)
{
	struct calendar *c;
	int years[4], saved;

	saved = capture_begin();
	assert_int_equal(cal_load_dir(&c, shipped_dir()), GK_OK);
	assert_string_equal(capture_end(saved), "");
	assert_int_equal(cal_years(c, years, 4), 2);
	assert_int_equal(years[0], 2025);
	assert_int_equal(years[1], 2026);
	cal_free(c);
}

/*
 * The 2026 Spring Festival: 2/14 (Sat) is worked, 2/15 to 2/23 are
 * holidays, 2/28 (Sat) is worked.  Five working days after Friday 2/13
 * are 2/14 (1), then past the holidays 2/24 (2), 2/25 (3), 2/26 (4) and
 * 2/27 (5).
 */
static void
test_calendar__spring_festival_2026_with_makeup_days(void **state)
{
	struct calendar *c = shipped();
	gk_day d;

	assert_day(cal_add_workdays(c, D(2026, 2, 13), 5), 2026, 2, 27);
	assert_day(cal_add_workdays(c, D(2026, 2, 13), 1), 2026, 2, 14);
	assert_day(cal_add_workdays(c, D(2026, 2, 14), 1), 2026, 2, 24);
	assert_day(cal_add_workdays(c, D(2026, 2, 27), 1), 2026, 2, 28);
	assert_day(cal_add_workdays(c, D(2026, 2, 28), 1), 2026, 3, 2);
	assert_day(cal_add_workdays(c, D(2026, 2, 13), 0), 2026, 2, 13);
	assert_day(cal_add_workdays(c, D(2026, 2, 15), 0), 2026, 2, 24);
	assert_day(cal_add_workdays(c, D(2026, 2, 27), -5), 2026, 2, 13);
	assert_day(cal_add_workdays(c, D(2026, 2, 24), -1), 2026, 2, 14);

	assert_true(cal_is_workday(c, D(2026, 2, 14)));
	for (d = D(2026, 2, 15); d <= D(2026, 2, 23); d++)
		assert_false(cal_is_workday(c, d));
	assert_true(cal_is_workday(c, D(2026, 2, 28)));
	assert_false(cal_is_workday(c, D(2026, 3, 1)));	/* a Sunday */

	assert_int_equal(cal_workdays_between(c, D(2026, 2, 13),
	    D(2026, 2, 27)), 5);
	assert_int_equal(cal_workdays_between(c, D(2026, 2, 27),
	    D(2026, 2, 13)), -5);
	assert_int_equal(cal_workdays_between(c, D(2026, 2, 14),
	    D(2026, 2, 14)), 0);
	assert_int_equal(cal_workdays_between(c, D(2026, 2, 14),
	    D(2026, 2, 23)), 0);

	assert_string_equal(cal_note(c, D(2026, 2, 17)), "春节 Spring Festival");
	assert_non_null(strstr(cal_note(c, D(2026, 2, 14)), "调休"));
	assert_null(cal_note(c, D(2026, 2, 25)));
	cal_free(c);
}

/*
 * 2025: 10/1 to 10/8 off, Sunday 9/28 and Saturday 10/11 worked.  So
 * after Friday 9/26 comes 9/28, after 9/30 comes 10/9, after 10/10
 * comes 10/11 and after that Monday 10/13.
 */
static void
test_calendar__national_day_2025(void **state)
{
	struct calendar *c = shipped();

	assert_day(cal_add_workdays(c, D(2025, 9, 26), 1), 2025, 9, 28);
	assert_day(cal_add_workdays(c, D(2025, 9, 28), 1), 2025, 9, 29);
	assert_day(cal_add_workdays(c, D(2025, 9, 30), 1), 2025, 10, 9);
	assert_day(cal_add_workdays(c, D(2025, 10, 10), 1), 2025, 10, 11);
	assert_day(cal_add_workdays(c, D(2025, 10, 11), 1), 2025, 10, 13);
	/* 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13. */
	assert_int_equal(cal_workdays_between(c, D(2025, 9, 27),
	    D(2025, 10, 13)), 7);
	assert_int_equal(cal_workdays_between(c, D(2025, 10, 13),
	    D(2025, 9, 27)), -7);
	assert_non_null(strstr(cal_note(c, D(2025, 10, 6)), "中秋"));
	cal_free(c);
}

/*
 * The arithmetic agrees with counting day by day over cal_is_workday,
 * for every start from December 2024 to January 2027 (both ends in
 * years without a file) and spans both ways.
 */
static void
test_calendar__arithmetic_matches_counting_day_by_day(void **state)
{
	struct calendar *c = shipped();
	gk_day d, e, want;
	long k, between;
	int n, saved;

	saved = capture_begin();
	for (d = D(2024, 12, 1); d <= D(2027, 1, 31); d++) {
		/* n == 0 and forwards. */
		e = d;
		while (!cal_is_workday(c, e))
			e++;
		assert_int_equal(cal_add_workdays(c, d, 0), e);
		for (n = 1, e = d; n <= 40; n++) {
			do
				e++;
			while (!cal_is_workday(c, e));
			assert_int_equal(cal_add_workdays(c, d, n), e);
		}
		for (n = -1, e = d; n >= -40; n--) {
			do
				e--;
			while (!cal_is_workday(c, e));
			assert_int_equal(cal_add_workdays(c, d, n), e);
		}
		for (k = -70, between = 0; k <= 0; k++)
			if (k < 0 && cal_is_workday(c, d + k + 1))
				between++;
		/* between counts (d - 70, d]. */
		assert_int_equal(cal_workdays_between(c, d - 70, d), between);
		assert_int_equal(cal_workdays_between(c, d, d - 70), -between);
	}
	want = 0;
	for (d = D(2025, 1, 1); d <= D(2026, 12, 31); d++)
		want += cal_is_workday(c, d);
	assert_int_equal(cal_workdays_between(c, D(2024, 12, 31),
	    D(2026, 12, 31)), want);
	capture_end(saved);
	cal_free(c);
}

static void
test_calendar__year_without_file_counts_weekends_and_warns_once(void **state)
{
	struct calendar *c = shipped();
	char want[4200];
	const char *err;
	int saved;

	saved = capture_begin();
	assert_true(cal_is_workday(c, D(2027, 1, 1)));		/* Friday */
	assert_false(cal_is_workday(c, D(2027, 1, 2)));		/* Saturday */
	assert_true(cal_is_workday(c, D(2027, 10, 1)));		/* Friday */
	assert_day(cal_add_workdays(c, D(2026, 12, 31), 1), 2027, 1, 1);
	assert_day(cal_add_workdays(c, D(2026, 12, 31), 3), 2027, 1, 5);
	/* January 2027: four whole weeks and Friday 29th. */
	assert_int_equal(cal_workdays_between(c, D(2026, 12, 31),
	    D(2027, 1, 31)), 21);
	assert_null(cal_note(c, D(2027, 1, 1)));
	err = capture_end(saved);

	assert_int_equal(count(err, "no working-day calendar for 2027"), 1);
	snprintf(want, sizeof want, "warning: no working-day calendar for "
	    "2027 (wanted %s/2027.cal); counting weekends only\n",
	    shipped_dir());
	assert_non_null(strstr(err, want));
	assert_int_equal(count(err, "\n"), 1);
	cal_free(c);
}

struct bad_case {
	const char *name;	/* file to write */
	const char *text;	/* its contents */
	const char *message;	/* expected on stderr */
};

static void
test_calendar__parse_errors_name_their_line(void **state)
{
	static const struct bad_case cases[] = {
		{ "bad.cal", "year 2026\nholliday 2026-01-01 x\n",
		    "bad.cal:2: unknown directive \"holliday\" (expected "
		    "year, holiday or workday)" },
		{ "bad.cal", "year 2026\n\nholiday 2026-02-30 x\n",
		    "bad.cal:3: bad date \"2026-02-30\": no such day in that "
		    "month" },
		{ "bad.cal", "# 2026\nyear 2026\nholiday 2025-12-31 x\n",
		    "bad.cal:3: date \"2025-12-31\" is outside year 2026" },
		{ "bad.cal", "year 2026\nholiday 2026-12-31..2027-01-01 x\n",
		    "bad.cal:2: date \"2027-01-01\" is outside year 2026" },
		{ "bad.cal", "year 2026\nholiday 2026-02-23..2026-02-15 x\n",
		    "bad.cal:2: range 2026-02-23..2026-02-15 ends before it "
		    "starts" },
		{ "bad.cal", "year 2026\nholiday 2026-02-15..2026-02-23 x\n"
		    "# comment\nworkday 2026-02-21 y\n",
		    "bad.cal:4: 2026-02-21 is both a holiday and a working "
		    "day (see line 2)" },
		{ "bad.cal", "# no year\nholiday 2026-01-01 x\n",
		    "bad.cal:2: missing 'year' line before the first entry" },
		{ "bad.cal", "# nothing but comments\n\n",
		    "bad.cal: missing 'year' line" },
		{ "bad.cal", "year 2026\nyear 2027\n",
		    "bad.cal:2: a second 'year' line" },
		{ "bad.cal", "year twenty\n",
		    "bad.cal:1: bad year \"twenty\": not a number" },
		{ "bad.cal", "year 2026\nworkday\n",
		    "bad.cal:2: missing date after 'workday'" },
		{ "2025.cal", "year 2026\n",
		    "2025.cal:1: year 2026 does not match the file name" },
	};
	struct calendar *c;
	const char *err;
	size_t i;
	int saved, st;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_file(cases[i].name, cases[i].text);
		c = cal_new();
		saved = capture_begin();
		st = cal_load_file(c, cases[i].name);
		err = capture_end(saved);
		if (st != GK_CONFIG || strstr(err, cases[i].message) == NULL)
			fail_msg("case %zu: status %d, stderr \"%s\", "
			    "wanted \"%s\"", i, st, err, cases[i].message);
		assert_int_equal(cal_years(c, NULL, 0), 0);
		cal_free(c);
		unlink(cases[i].name);
	}
}

static void
test_calendar__every_error_of_a_file_is_reported(void **state)
{
	struct calendar *c = cal_new();
	const char *err;
	int saved;

	write_file("bad.cal", "year 2026\nholiday 2026-02-30\nfoo\n"
	    "holiday 2026-03-01..2026-02-01\n");
	saved = capture_begin();
	assert_int_equal(cal_load_file(c, "bad.cal"), GK_CONFIG);
	err = capture_end(saved);
	assert_non_null(strstr(err, "bad.cal:2: "));
	assert_non_null(strstr(err, "bad.cal:3: "));
	assert_non_null(strstr(err, "bad.cal:4: "));
	cal_free(c);
}

static void
test_calendar__workday_on_a_weekday_is_a_warning(void **state)
{
	struct calendar *c = cal_new();
	const char *err;
	int saved;

	write_file("odd.cal", "year 2026\n\nworkday 2026-02-16 x\n");
	saved = capture_begin();
	assert_int_equal(cal_load_file(c, "odd.cal"), GK_OK);
	err = capture_end(saved);
	assert_non_null(strstr(err, "odd.cal:3: warning: 'workday' "
	    "2026-02-16 is a Monday, a working day anyway"));
	assert_true(cal_is_workday(c, D(2026, 2, 16)));
	cal_free(c);
}

static void
test_calendar__load_dir_ignores_other_names(void **state)
{
	struct calendar *c;
	const char *err;
	int years[4], saved;

	assert_int_equal(mkdir("cal", 0700), 0);
	write_file("cal/2026.cal", "year 2026\nholiday 2026-01-01 元旦\n");
	write_file("cal/2026.cal.bak", "garbage\n");
	write_file("cal/123.cal", "garbage\n");
	write_file("cal/20266.cal", "garbage\n");
	write_file("cal/README", "garbage\n");
	assert_int_equal(cal_load_dir(&c, "cal"), GK_OK);
	assert_int_equal(cal_years(c, years, 4), 1);
	assert_int_equal(years[0], 2026);
	assert_false(cal_is_workday(c, D(2026, 1, 1)));
	assert_true(cal_is_workday(c, D(2026, 1, 2)));
	cal_free(c);

	write_file("cal/2025.cal", "year 2025\nholiday 2025-02-30\n");
	saved = capture_begin();
	assert_int_equal(cal_load_dir(&c, "cal"), GK_CONFIG);
	err = capture_end(saved);
	assert_null(c);
	assert_non_null(strstr(err, "cal/2025.cal:2: bad date"));

	saved = capture_begin();
	assert_int_equal(cal_load_dir(&c, "no-such-dir"), GK_CONFIG);
	err = capture_end(saved);
	assert_null(c);
	assert_non_null(strstr(err, "\"no-such-dir\": cannot read"));
}

static void
test_calendar__missing_file_and_duplicate_year(void **state)
{
	struct calendar *c = cal_new();
	const char *err;
	int saved;

	saved = capture_begin();
	assert_int_equal(cal_load_file(c, "absent.cal"), GK_NOINPUT);
	err = capture_end(saved);
	assert_non_null(strstr(err, "\"absent.cal\": No such file"));

	write_file("a.cal", "year 2026\n");
	write_file("b.cal", "year 2026\n");
	assert_int_equal(cal_load_file(c, "a.cal"), GK_OK);
	saved = capture_begin();
	assert_int_equal(cal_load_file(c, "b.cal"), GK_CONFIG);
	err = capture_end(saved);
	assert_non_null(strstr(err, "b.cal: year 2026 is already loaded "
	    "from \"a.cal\""));
	assert_int_equal(cal_years(c, NULL, 0), 1);
	cal_free(c);
}

/* Years loaded out of order and with a gap still add up, and the
 * warning for the gap names the directory of the first file. */
static void
test_calendar__years_loaded_out_of_order(void **state)
{
	struct calendar *c = cal_new();
	const char *err;
	int saved;

	assert_int_equal(mkdir("y", 0700), 0);
	write_file("y/2030.cal", "year 2030\nholiday 2030-01-01 x\n");
	write_file("y/2028.cal", "year 2028\nholiday 2028-01-03 x\n");
	assert_int_equal(cal_load_file(c, "y/2030.cal"), GK_OK);
	assert_int_equal(cal_load_file(c, "y/2028.cal"), GK_OK);
	saved = capture_begin();
	/* 2028-01-01 to 2030-01-02 hold 523 weekdays (counted with
	 * Python's datetime); less Monday 2028-01-03 and Tuesday
	 * 2030-01-01. */
	assert_int_equal(cal_workdays_between(c, D(2027, 12, 31),
	    D(2030, 1, 2)), 523 - 2);
	err = capture_end(saved);
	assert_non_null(strstr(err, "(wanted y/2029.cal)"));
	assert_int_equal(count(err, "warning:"), 1);
	cal_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_calendar__shipped_files_load_without_warnings),
		cmocka_unit_test(
		    test_calendar__spring_festival_2026_with_makeup_days),
		cmocka_unit_test(test_calendar__national_day_2025),
		cmocka_unit_test(
		    test_calendar__arithmetic_matches_counting_day_by_day),
		cmocka_unit_test(
		    test_calendar__year_without_file_counts_weekends_and_warns_once),
		cmocka_unit_test(test_calendar__parse_errors_name_their_line),
		cmocka_unit_test(test_calendar__every_error_of_a_file_is_reported),
		cmocka_unit_test(
		    test_calendar__workday_on_a_weekday_is_a_warning),
		cmocka_unit_test(test_calendar__load_dir_ignores_other_names),
		cmocka_unit_test(test_calendar__missing_file_and_duplicate_year),
		cmocka_unit_test(test_calendar__years_loaded_out_of_order),
	};

	diag_init("test_calendar");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
