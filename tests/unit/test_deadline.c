/*
 * test_deadline.c - time limits, due times and lights on the shipped
 * working-day calendar: weekends, the 2026 National Day holiday and its
 * make-up days, hour limits, the 70% boundary; the shipped deadline
 * table; case numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "clock.h"
#include "deadline.h"
#include "diag.h"
#include "status.h"

static struct calendar *
shipped(void)
{
	char buf[4096];
	const char *top = getenv("GRIDKIT_TOP");
	struct calendar *c;

	if (top == NULL)
		fail_msg("GRIDKIT_TOP is not set (run through scripts/run-tests)");
	snprintf(buf, sizeof buf, "%s/etc/calendar", top);
	assert_int_equal(cal_load_dir(&c, buf), GK_OK);
	return c;
}

static gk_time
t(const char *s)
{
	const char *why;
	gk_time v;

	assert_int_equal(clock_parse(s, &v, &why), 0);
	return v;
}

static void
assert_time(gk_time v, const char *want)
{
	char buf[CLOCK_ISO_MAX];

	assert_string_equal(clock_format(v, buf), want);
}

static void
test_deadline__working_days_skip_the_weekend(void **state)
{
	struct calendar *c = shipped();
	struct deadline_limit one = { 1, 0 }, three = { 3, 0 };

	/* Friday: the next working day is Monday, due at its end. */
	assert_time(deadline_due(c, &one, t("2026-11-27T10:00")),
	    "2026-12-01T00:00:00+08:00");
	assert_time(deadline_due(c, &three, t("2026-11-27T10:00")),
	    "2026-12-03T00:00:00+08:00");
	/* Reported on a Saturday: Monday is still the first. */
	assert_time(deadline_due(c, &one, t("2026-11-28T23:00")),
	    "2026-12-01T00:00:00+08:00");
	cal_free(c);
}

static void
test_deadline__national_day_2026_and_its_makeup_days(void **state)
{
	struct calendar *c = shipped();
	struct deadline_limit one = { 1, 0 }, three = { 3, 0 };

	/* 1-7 October are holidays: the day after 30 September that is
	 * worked is 8 October. */
	assert_time(deadline_due(c, &one, t("2026-09-30T15:00")),
	    "2026-10-09T00:00:00+08:00");
	/* 8, 9 and Saturday 10 October, a make-up working day. */
	assert_time(deadline_due(c, &three, t("2026-09-30T15:00")),
	    "2026-10-11T00:00:00+08:00");
	/* Sunday 20 September is worked. */
	assert_time(deadline_due(c, &one, t("2026-09-19T10:00")),
	    "2026-09-21T00:00:00+08:00");
	/* Mid-Autumn, 25-27 September, then 28, 29 and 30 worked. */
	assert_time(deadline_due(c, &three, t("2026-09-24T09:00")),
	    "2026-10-01T00:00:00+08:00");
	cal_free(c);
}

static void
test_deadline__hour_limits_ignore_holidays(void **state)
{
	struct calendar *c = shipped();
	struct deadline_limit four = { 4, 1 };

	assert_time(deadline_due(c, &four, t("2026-10-03T22:00")),
	    "2026-10-04T02:00:00+08:00");
	cal_free(c);
}

static void
test_deadline__yellow_at_exactly_seventy_percent(void **state)
{
	struct calendar *c = shipped();
	struct deadline_limit ten = { 10, 1 }, one = { 1, 0 };
	gk_time s = t("2026-11-30T00:00"), due;

	due = deadline_due(c, &ten, s);
	assert_int_equal(deadline_light(c, &ten, s, due,
	    t("2026-11-30T06:59:59")), LIGHT_GREEN);
	assert_int_equal(deadline_light(c, &ten, s, due,
	    t("2026-11-30T07:00:00")), LIGHT_YELLOW);
	assert_int_equal(deadline_light(c, &ten, s, due,
	    t("2026-11-30T10:00:00")), LIGHT_YELLOW);
	assert_int_equal(deadline_light(c, &ten, s, due,
	    t("2026-11-30T10:00:01")), LIGHT_RED);

	/* One working day from Monday: Monday and Tuesday, 48 working
	 * hours; 70% is 33.6 hours: Tuesday 09:36. */
	due = deadline_due(c, &one, s);
	assert_time(due, "2026-12-02T00:00:00+08:00");
	assert_int_equal(deadline_light(c, &one, s, due,
	    t("2026-12-01T09:35:59")), LIGHT_GREEN);
	assert_int_equal(deadline_light(c, &one, s, due,
	    t("2026-12-01T09:36:00")), LIGHT_YELLOW);

	/* From Friday: the weekend uses none of the limit. */
	s = t("2026-11-27T00:00");
	due = deadline_due(c, &one, s);
	assert_int_equal(deadline_light(c, &one, s, due,
	    t("2026-11-29T23:59:59")), LIGHT_GREEN);
	assert_int_equal(deadline_light(c, &one, s, due,
	    t("2026-11-30T09:36:00")), LIGHT_YELLOW);
	assert_int_equal(deadline_worktime(c, s, t("2026-11-30T00:00")),
	    86400);
	cal_free(c);
}

static void
test_deadline__the_most_specific_row_wins(void **state)
{
	char path[4096], buf[16];
	const char *top = getenv("GRIDKIT_TOP");
	struct deadlines *d;
	struct deadline_limit l;

	assert_non_null(top);
	snprintf(path, sizeof path, "%s/etc/case/deadlines.tsv", top);
	assert_int_equal(deadline_load(&d, path), GK_OK);
	assert_true(deadline_find(d, "dispute", "general", "village", 3, &l));
	assert_string_equal(deadline_format_limit(&l, buf), "5d");
	assert_true(deadline_find(d, "hazard", "general", "village", 3, &l));
	assert_string_equal(deadline_format_limit(&l, buf), "3d");
	assert_true(deadline_find(d, "dispute", "general", "department", 3,
	    &l));
	assert_string_equal(deadline_format_limit(&l, buf), "10d");
	assert_true(deadline_find(d, "other", "extraordinary", "county", 1,
	    &l));
	assert_string_equal(deadline_format_limit(&l, buf), "2h");
	assert_false(deadline_find(d, "other", "general", "county", 6, &l));
	deadline_free(d);
}

static void
test_deadline__bad_rows_refuse_the_table(void **state)
{
	struct deadlines *d;
	FILE *fp = fopen("bad.tsv", "w");

	assert_non_null(fp);
	fputs("group\tseverity\tlevel\tstep\tlimit\n"
	    "*\tgeneral\t*\tfiled\t1d\n"
	    "*\tmild\t*\tfiled\t1d\n"
	    "*\tgeneral\t*\tclosed\t1d\n"
	    "*\tgeneral\t*\tfiled\t1w\n", fp);
	fclose(fp);
	assert_int_equal(deadline_load(&d, "bad.tsv"), GK_CONFIG);
	assert_null(d);
}

static void
test_deadline__case_numbers_read_back(void **state)
{
	char buf[CASE_NUMBER_MAX];
	long long id;

	assert_int_equal(case_number_parse("140121-2026-0000042", &id), 0);
	assert_string_equal(case_number_format(id, buf),
	    "140121-2026-0000042");
	assert_int_equal(case_number_parse("14012120260000042", &id), 0);
	assert_string_equal(case_number_format(id, buf),
	    "140121-2026-0000042");
	assert_int_equal(case_number_parse("140121-2026-0000000", &id), -1);
	assert_int_equal(case_number_parse("140121-2026-000004", &id), -1);
	assert_int_equal(case_number_parse("1401212-026-0000042", &id), -1);
	assert_int_equal(case_number_parse("42", &id), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline__working_days_skip_the_weekend),
		cmocka_unit_test(
		    test_deadline__national_day_2026_and_its_makeup_days),
		cmocka_unit_test(test_deadline__hour_limits_ignore_holidays),
		cmocka_unit_test(
		    test_deadline__yellow_at_exactly_seventy_percent),
		cmocka_unit_test(test_deadline__the_most_specific_row_wins),
		cmocka_unit_test(test_deadline__bad_rows_refuse_the_table),
		cmocka_unit_test(test_deadline__case_numbers_read_back),
	};

	diag_init("test_deadline");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
