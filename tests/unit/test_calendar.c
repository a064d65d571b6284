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

/*
 * 2027 has no file: its statutory holidays are computed.  The dates are
 * those of the regulation: New Year's Day Friday 1 January; Spring
 * Festival eve Friday 5 February to the third day Monday 8 February
 * (the festival is 6 February 2027 in published tables), its Saturday
 * and Sunday made up on Tuesday 9 and Wednesday 10; Qingming Monday
 * 5 April; Labour Day Saturday 1 and Sunday 2 May, made up on 3 and 4
 * May; Dragon Boat Wednesday 9 June; Mid-Autumn Wednesday 15 September;
 * National Day Friday 1 to Sunday 3 October, made up on 4 and 5
 * October.  One warning says make-up working days are unknown.
 */
static void
test_calendar__year_without_notice_counts_statutory_holidays(void **state)
{
	static const int off[][2] = {
		{ 1, 1 }, { 2, 5 }, { 2, 8 }, { 2, 9 }, { 2, 10 }, { 4, 5 },
		{ 5, 3 }, { 5, 4 }, { 6, 9 }, { 9, 15 }, { 10, 1 }, { 10, 4 },
		{ 10, 5 },
	};
	struct calendar *c = shipped();
	char want[4400];
	const char *err;
	size_t i;
	int saved, weekdays = 0;
	gk_day d;

	saved = capture_begin();
	for (i = 0; i < sizeof off / sizeof off[0]; i++)
		if (cal_is_workday(c, D(2027, off[i][0], off[i][1])))
			fail_msg("2027-%02d-%02d counted as a working day",
			    off[i][0], off[i][1]);
	assert_true(cal_is_workday(c, D(2027, 2, 4)));		/* Thursday */
	assert_true(cal_is_workday(c, D(2027, 2, 11)));		/* Thursday */
	assert_true(cal_is_workday(c, D(2027, 10, 6)));		/* Wednesday */
	assert_false(cal_is_workday(c, D(2027, 1, 2)));		/* Saturday */
	assert_string_equal(cal_note(c, D(2027, 1, 1)), "元旦 New Year's Day");
	assert_string_equal(cal_note(c, D(2027, 2, 9)),
	    "春节补假 Spring Festival made up");
	assert_null(cal_note(c, D(2027, 2, 11)));
	assert_day(cal_add_workdays(c, D(2026, 12, 31), 1), 2027, 1, 4);
	/* January 2027: 21 weekdays less New Year's Day. */
	assert_int_equal(cal_workdays_between(c, D(2026, 12, 31),
	    D(2027, 1, 31)), 20);
	/* The year: 261 weekdays less the 13 weekdays off above. */
	for (d = D(2027, 1, 1); d <= D(2027, 12, 31); d++)
		weekdays += day_weekday(d) <= 5;
	assert_int_equal(weekdays, 261);
	assert_int_equal(cal_workdays_between(c, D(2026, 12, 31),
	    D(2027, 12, 31)), 261 - 13);
	err = capture_end(saved);

	assert_int_equal(count(err, "no working-day calendar for 2027"), 1);
	snprintf(want, sizeof want, "warning: no working-day calendar for "
	    "2027 (wanted %s/2027.cal); counting the statutory holidays of "
	    "the national regulation, make-up working days unknown until "
	    "the State Council notice is added\n", shipped_dir());
	assert_non_null(strstr(err, want));
	assert_int_equal(count(err, "\n"), 1);
	cal_free(c);
}

/*
 * Computed without the files, 2025 and 2026 have as many working days
 * as the State Council notices give them (the shipped files): the
 * bridging days a notice adds are balanced by the weekend days it
 * makes working days.  2024 (11 statutory days, the 2013 revision)
 * likewise has the 251 working days of its notice.
 */
static void
test_calendar__computed_years_match_the_notices(void **state)
{
	struct calendar *file = shipped(), *none = cal_new();
	int y, saved;

	saved = capture_begin();
	for (y = 2025; y <= 2026; y++)
		assert_int_equal(cal_workdays_between(none, D(y - 1, 12, 31),
		    D(y, 12, 31)), cal_workdays_between(file,
		    D(y - 1, 12, 31), D(y, 12, 31)));
	assert_int_equal(cal_workdays_between(none, D(2024, 12, 31),
	    D(2025, 12, 31)), 248);
	assert_int_equal(cal_workdays_between(none, D(2023, 12, 31),
	    D(2024, 12, 31)), 251);
	/* Mid-Autumn on National Day (2020-10-01) owes a day as well. */
	assert_false(cal_is_workday(none, D(2020, 10, 6)));
	assert_true(cal_is_workday(none, D(2020, 10, 7)));
	capture_end(saved);
	cal_free(file);
	cal_free(none);
}

/* A file loaded after a year was computed replaces it. */
static void
test_calendar__file_replaces_computed_year(void **state)
{
	struct calendar *c = cal_new();
	int saved;

	saved = capture_begin();
	assert_false(cal_is_workday(c, D(2027, 1, 1)));
	capture_end(saved);
	write_file("2027.cal", "year 2027\nholiday 2027-01-04 x\n");
	assert_int_equal(cal_load_file(c, "2027.cal"), GK_OK);
	assert_true(cal_is_workday(c, D(2027, 1, 1)));
	assert_false(cal_is_workday(c, D(2027, 1, 4)));
	assert_int_equal(cal_years(c, NULL, 0), 1);
	cal_free(c);
}

/* Past the years the lunar calendar is computed for, weekends only,
 * with the old warning. */
static void
test_calendar__year_past_the_computed_range_counts_weekends(void **state)
{
	struct calendar *c = cal_new();
	const char *err;
	int saved;

	saved = capture_begin();
	assert_true(cal_is_workday(c, D(2057, 1, 1)));		/* Monday */
	assert_int_equal(cal_workdays_between(c, D(2056, 12, 31),
	    D(2057, 12, 31)), 261);
	err = capture_end(saved);
	assert_non_null(strstr(err, "no working-day calendar for 2057 "
	    "(wanted 2057.cal); counting weekends only"));
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
	write_file("y/2060.cal", "year 2060\nholiday 2060-01-01 x\n");
	write_file("y/2058.cal", "year 2058\nholiday 2058-01-03 x\n");
	assert_int_equal(cal_load_file(c, "y/2060.cal"), GK_OK);
	assert_int_equal(cal_load_file(c, "y/2058.cal"), GK_OK);
	saved = capture_begin();
	/* 2058-01-01 to 2060-01-02 hold 524 weekdays (counted with
	 * Python's datetime); less Thursday 2058-01-03 and Thursday
	 * 2060-01-01.  2059 is past the computed years: weekends only. */
	assert_int_equal(cal_workdays_between(c, D(2057, 12, 31),
	    D(2060, 1, 2)), 524 - 2);
	err = capture_end(saved);
	assert_non_null(strstr(err, "(wanted y/2059.cal)"));
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
		    test_calendar__year_without_notice_counts_statutory_holidays),
		cmocka_unit_test(test_calendar__computed_years_match_the_notices),
		cmocka_unit_test(test_calendar__file_replaces_computed_year),
		cmocka_unit_test(
		    test_calendar__year_past_the_computed_range_counts_weekends),
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
