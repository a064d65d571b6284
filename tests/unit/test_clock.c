/*
 * test_clock.c - day numbers, weekdays, parsing and formatting times
 * and dates, the pinned clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "util.h"

static int
setup(void **state)
{
	clock_set_offset(480);
	clock_pin(NULL, NULL);
	return 0;
}

/* Month lengths written out, not computed the way clock.c does. */
static int
test_month_len(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return len[m - 1];
}

/*
 * Walks every day from 1900-01-01 to 2100-12-31 one at a time, so the
 * expected day number and weekday come from counting, not from the
 * formula under test.  1900-01-01 is day -25567 (70 years of 365 days
 * and 17 leap days, 1904 to 1968, before 1970) and was a Monday.
 */
static void
test_clock__day_numbers_round_trip_1900_to_2100(void **state)
{
	gk_day expect = -25567, day;
	int y, m, d, wd = 1, yy, mm, dd;

	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= test_month_len(y, m); d++) {
				day = day_from_civil(y, m, d);
				assert_int_equal(day, expect);
				day_to_civil(day, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				assert_int_equal(day_weekday(day), wd);
				expect++;
				wd = wd % 7 + 1;
			}
	/* 2101-01-01 follows 73414 days after 1900-01-01. */
	assert_int_equal(expect, -25567 + 73414);
}

static void
test_clock__known_days_and_weekdays(void **state)
{
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(day_weekday(0), 4);			/* Thursday */
	assert_int_equal(day_from_civil(1969, 12, 31), -1);
	/* 56 years to 2026 (14 leap days) is 20454, then 304 days to
	 * 1 November and 28 more. */
	assert_int_equal(day_from_civil(2026, 11, 29), 20454 + 304 + 28);
	assert_int_equal(day_weekday(day_from_civil(2026, 11, 29)), 7);
	assert_int_equal(day_weekday(day_from_civil(2026, 2, 17)), 2);
	assert_int_equal(day_weekday(day_from_civil(2000, 1, 1)), 6);
	assert_int_equal(day_from_civil(2000, 3, 1) -
	    day_from_civil(2000, 2, 28), 2);
	assert_int_equal(day_from_civil(1600, 1, 1), -135140);
}

static void
test_clock__leap_years(void **state)
{
	assert_true(day_valid(2000, 2, 29));
	assert_false(day_valid(1900, 2, 29));
	assert_false(day_valid(2100, 2, 29));
	assert_true(day_valid(2024, 2, 29));
	assert_false(day_valid(2026, 2, 29));
	assert_false(day_valid(2026, 4, 31));
	assert_false(day_valid(2026, 13, 1));
	assert_false(day_valid(2026, 0, 1));
	assert_false(day_valid(2026, 1, 0));
	assert_false(day_valid(0, 1, 1));
	assert_true(day_valid(2026, 12, 31));
}

static void
test_clock__parse_forms_and_offsets(void **state)
{
	gk_time t, u;
	const char *why;
	char buf[CLOCK_ISO_MAX], day[DAY_ISO_MAX];

	assert_int_equal(clock_parse("2026-11-29T00:30:00+08:00", &t, &why),
	    0);
	assert_int_equal(clock_parse("2026-11-28T16:30:00Z", &u, &why), 0);
	assert_int_equal(t, u);
	assert_int_equal(u, (gk_time)day_from_civil(2026, 11, 28) * 86400 +
	    16 * 3600 + 30 * 60);
	/* Still the 28th in UTC, already the 29th in China. */
	assert_string_equal(day_format(clock_day(t), day), "2026-11-29");
	assert_string_equal(clock_format(t, buf),
	    "2026-11-29T00:30:00+08:00");

	assert_int_equal(clock_parse("2026-11-29 00:30", &u, &why), 0);
	assert_int_equal(t, u);
	assert_int_equal(clock_parse("2026-11-29T00:30+0800", &u, &why), 0);
	assert_int_equal(t, u);
	assert_int_equal(clock_parse("2026-11-28T11:30:00-05:00", &u, &why),
	    0);
	assert_int_equal(t, u);
	assert_int_equal(clock_parse("2026-11-29", &u, &why), 0);
	assert_int_equal(u, clock_midnight(day_from_civil(2026, 11, 29)));
	assert_int_equal(u, t - 30 * 60);
}

static void
test_clock__parse_rejects_impossible_times(void **state)
{
	static const char *bad[] = {
		"", "2026-11-29T25:00", "2026-11-29T24:00", "2026-11-29T08:60",
		"2026-11-29T08:00:60", "2026-02-30", "2026-13-01T00:00",
		"2026-11-29T8:00", "2026-11-29T08:00+8", "2026-11-29T08:00+19:00",
		"2026-11-29T08:00:00.5", "2026-11-29x", "26-11-29", "2026/11/29",
		"2026-11-29T", "2026-11-29T08:00 ", "2026-11-29Z",
	};
	gk_time t;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (clock_parse(bad[i], &t, &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(clock_parse("2026-11-29T25:00", &t, &why), -1);
	assert_string_equal(why, "hour out of range (00-23)");
	assert_int_equal(clock_parse("2026-02-30", &t, &why), -1);
	assert_string_equal(why, "no such day in that month");
}

static void
test_clock__format_with_other_offsets(void **state)
{
	gk_time t;
	const char *why;
	char buf[CLOCK_ISO_MAX], day[DAY_ISO_MAX];

	assert_int_equal(clock_parse("2026-11-29T02:15:07Z", &t, &why), 0);
	clock_set_offset(-300);
	assert_string_equal(clock_format(t, buf),
	    "2026-11-28T21:15:07-05:00");
	assert_string_equal(day_format(clock_day(t), day), "2026-11-28");
	assert_int_equal(clock_midnight(clock_day(t)),
	    t - (21 * 3600 + 15 * 60 + 7));
	clock_set_offset(-570);		/* -09:30, Marquesas */
	assert_string_equal(clock_format(t, buf),
	    "2026-11-28T16:45:07-09:30");
	clock_set_offset(0);
	assert_string_equal(clock_format(t, buf),
	    "2026-11-29T02:15:07+00:00");
	assert_string_equal(clock_format(-1, buf),
	    "1969-12-31T23:59:59+00:00");
	assert_int_equal(clock_day(-1), -1);
	clock_set_offset(480);
	assert_string_equal(clock_format(t, buf),
	    "2026-11-29T10:15:07+08:00");
}

static void
test_clock__parse_offset(void **state)
{
	int m;

	assert_int_equal(clock_parse_offset("+08:00", &m), 0);
	assert_int_equal(m, 480);
	assert_int_equal(clock_parse_offset("-0330", &m), 0);
	assert_int_equal(m, -210);
	assert_int_equal(clock_parse_offset("Z", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(clock_parse_offset("+8", &m), -1);
	assert_int_equal(clock_parse_offset("08:00", &m), -1);
	assert_int_equal(clock_parse_offset("+08:00x", &m), -1);
	assert_int_equal(clock_parse_offset("+08:60", &m), -1);
	assert_int_equal(clock_parse_offset("", &m), -1);
}

static void
test_clock__pin_and_unpin(void **state)
{
	const char *why;
	char buf[CLOCK_ISO_MAX], day[DAY_ISO_MAX];
	gk_time before;

	assert_int_equal(clock_pin("2026-11-29T23:59:59+08:00", &why), 0);
	assert_string_equal(clock_format(clock_now(), buf),
	    "2026-11-29T23:59:59+08:00");
	assert_string_equal(day_format(clock_today(), day), "2026-11-29");
	assert_int_equal(clock_pin("2026-11-29T23:59:60", &why), -1);
	assert_non_null(why);
	/* A failed pin keeps the time pinned before. */
	assert_string_equal(day_format(clock_today(), day), "2026-11-29");

	before = (gk_time)time(NULL);
	assert_int_equal(clock_pin(NULL, &why), 0);
	assert_true(clock_now() >= before);
	assert_true(clock_now() != clock_midnight(day_from_civil(2026, 11, 29))
	    + 86399);
}

static void
test_clock__day_parse_spreadsheet_forms(void **state)
{
	static const char *good[] = {
		"2026-03-01", "2026/3/1", "2026-3-1", "20260301",
		"2026年3月1日", "2026.3.1", "2026/03/01", "2026年03月01日", "2026-03-1",
	};
	gk_day want = day_from_civil(2026, 3, 1), d;
	const char *why;
	char buf[DAY_ISO_MAX];
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		d = 0;
		if (day_parse(good[i], &d, &why) != 0)
			fail_msg("rejected \"%s\": %s", good[i], why);
		assert_int_equal(d, want);
	}
	assert_int_equal(day_parse("2024-02-29", &d, &why), 0);
	assert_string_equal(day_format(d, buf), "2024-02-29");
	assert_string_equal(day_format(day_from_civil(1, 1, 1), buf),
	    "0001-01-01");
}

static void
test_clock__day_parse_rejects_junk(void **state)
{
	static const char *bad[] = {
		"2026-13-01", "2026-1-1x", "", "2026-02-29", "2026-3/1",
		"2026/3-1", "2026-001-01", "2026-3-", "202603011", "2026031",
		" 2026-03-01", "2026-03-01 ", "2026年3月1", "2026年3-1日",
		"2026.3-1", "0000-01-01", "46082", "2026-00-10", "2026-1-32",
		"x2026-01-01", "2026-03-01T00:00",
	};
	gk_day d;
	const char *why;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (day_parse(bad[i], &d, &why) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_non_null(why);
	}
	assert_int_equal(day_parse("2026-13-01", &d, &why), -1);
	assert_string_equal(why, "month out of range (01-12)");
	assert_int_equal(day_parse("", &d, &why), -1);
	assert_string_equal(why, "empty date");
	assert_int_equal(day_parse("2026-1-1x", &d, &why), -1);
	assert_string_equal(why, "not a date (expected YYYY-MM-DD)");
	assert_int_equal(day_parse("46082", &d, &why), -1);
	assert_non_null(strstr(why, "serial number"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock__day_numbers_round_trip_1900_to_2100),
		cmocka_unit_test(test_clock__known_days_and_weekdays),
		cmocka_unit_test(test_clock__leap_years),
		cmocka_unit_test_setup(test_clock__parse_forms_and_offsets,
		    setup),
		cmocka_unit_test_setup(
		    test_clock__parse_rejects_impossible_times, setup),
		cmocka_unit_test_setup(test_clock__format_with_other_offsets,
		    setup),
		cmocka_unit_test(test_clock__parse_offset),
		cmocka_unit_test_setup(test_clock__pin_and_unpin, setup),
		cmocka_unit_test(test_clock__day_parse_spreadsheet_forms),
		cmocka_unit_test(test_clock__day_parse_rejects_junk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
