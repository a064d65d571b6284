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

/* The Civil Code, Art. 201: the day publicity begins is not counted. */
static void
test_staff__publicity_ends_after_working_days(void **state)
{
	struct calendar *cal;
	struct config *cfg = config_new();
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/etc/calendar", getenv("GRIDKIT_TOP"));
	assert_int_equal(cal_load_dir(&cal, dir), GK_OK);
	/* Tue 29 Sep 2026 is not counted: 30 Sep; 8, 9 Oct; Sat 10 Oct
	 * (worked); Mon 12 Oct. */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 9, 29)), day_from_civil(2026, 10, 12));
	/* Begun on a holiday: counting starts on the next working day,
	 * 8 Oct: 8, 9, 10, 12, 13. */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 10, 3)), day_from_civil(2026, 10, 13));
	/* Fri 13 Feb 2026, before Spring Festival: Sat 14 (worked); 24,
	 * 25, 26, 27 after the holiday. */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 2, 13)), day_from_civil(2026, 2, 27));
	cal_free(cal);
	config_free(cfg);
}

/* staff.publicity_count_first_day: a county that counts the first day. */
static void
test_staff__publicity_counting_the_first_day(void **state)
{
	struct calendar *cal;
	struct config *cfg = config_new();
	char dir[4096];
	FILE *fp;

	fp = fopen("firstday.yaml", "w");
	assert_non_null(fp);
	fputs("staff:\n  publicity_count_first_day: true\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(config_load_file(cfg, "firstday.yaml", 1), GK_OK);
	remove("firstday.yaml");
	snprintf(dir, sizeof dir, "%s/etc/calendar", getenv("GRIDKIT_TOP"));
	assert_int_equal(cal_load_dir(&cal, dir), GK_OK);
	/* Tue 29 Sep 2026: 29, 30 Sep; 8, 9 Oct; Sat 10 Oct (worked). */
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 9, 29)), day_from_civil(2026, 10, 10));
	assert_int_equal(staff_publicity_end(cfg, cal,
	    day_from_civil(2026, 10, 3)), day_from_civil(2026, 10, 13));
	/* Fri 13 Feb 2026: 13; Sat 14 (worked); 24, 25, 26. */
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
		cmocka_unit_test(test_staff__publicity_counting_the_first_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
