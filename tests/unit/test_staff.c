/*
 * test_staff.c - the vocabularies of staff records and the publicity
 * clock of Art. 11.
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
#include "clock.h"
#include "config.h"
#include "diag.h"
#include "staff.h"
#include "status.h"
#include "util.h"

static void
test_staff__stages_in_order_with_chinese_names(void **state)
{
	assert_int_equal(staff_stage_parse("registration"),
	    STAGE_REGISTRATION);
	assert_int_equal(staff_stage_parse("公示"), STAGE_PUBLICITY);
	assert_int_equal(staff_stage_parse("Training"), STAGE_TRAINING);
	assert_int_equal(staff_stage_parse("政审"), STAGE_POLITICAL);
	assert_int_equal(staff_stage_parse("interview"), -1);
	assert_true(STAGE_QUALIFICATION < STAGE_EXAM &&
	    STAGE_EXAM < STAGE_PHYSICAL && STAGE_PHYSICAL < STAGE_POLITICAL &&
	    STAGE_POLITICAL < STAGE_PUBLICITY &&
	    STAGE_PUBLICITY < STAGE_TRAINING && STAGE_TRAINING < STAGE_HIRED);
	assert_string_equal(staff_stage_name(STAGE_HIRED), "hired");
	assert_string_equal(staff_stage_zh(STAGE_EXAM), "笔试面试");
}

static void
test_staff__roles_education_and_flags(void **state)
{
	assert_string_equal(staff_role_parse("网格长"), "leader");
	assert_string_equal(staff_role_parse("专职网格员"), "full_time");
	assert_string_equal(staff_role_parse("part-time"), "part_time");
	assert_null(staff_role_parse("网格员"));
	assert_string_equal(staff_role_zh("assistant"), "网格助理");
	/* 中专 ranks with 高中; 大专 above both. */
	assert_int_equal(staff_education_parse("中专"),
	    staff_education_parse("高中"));
	assert_true(staff_education_parse("大专") >
	    staff_education_parse("高中"));
	assert_true(staff_education_parse("初中") <
	    staff_education_parse("高中"));
	assert_int_equal(staff_education_parse("博士"), 7);
	assert_int_equal(staff_education_parse("幼儿园"), 0);
	assert_int_equal(staff_flag_parse("是"), 1);
	assert_int_equal(staff_flag_parse("否"), 0);
	assert_int_equal(staff_flag_parse("TRUE"), 1);
	assert_int_equal(staff_flag_parse(""), 0);
	assert_int_equal(staff_flag_parse(NULL), 0);
	assert_int_equal(staff_flag_parse("maybe"), -1);
}

static void
test_staff__publicity_ends_after_working_days(void **state)
{
	struct calendar *cal;
	struct config *cfg = config_new();
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/etc/calendar", getenv("GRIDKIT_TOP"));
	assert_int_equal(cal_load_dir(&cal, dir), GK_OK);
	/* Tue 29 Sep 2026: 29, 30 Sep; 8, 9 Oct; Sat 10 Oct (worked). */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 9, 29)), day_from_civil(2026, 10, 10));
	/* Entered on a holiday: counting starts on the next working day,
	 * 8 Oct: 8, 9, 10, 12, 13. */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 10, 3)), day_from_civil(2026, 10, 13));
	/* Fri 13 Feb 2026, before Spring Festival: 13; Sat 14 (worked);
	 * 24, 25, 26 after the holiday. */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 2, 13)), day_from_civil(2026, 2, 26));
	cal_free(cal);
	config_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_staff__stages_in_order_with_chinese_names),
		cmocka_unit_test(test_staff__roles_education_and_flags),
		cmocka_unit_test(test_staff__publicity_ends_after_working_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
