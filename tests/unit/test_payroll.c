/*
 * test_payroll.c - amounts read exactly in fen, the minimum wage and
 * wage classes in force on a day.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "payroll.h"
#include "status.h"

static void
test_payroll__amounts_are_exact_fen(void **state)
{
	static const struct { const char *s; long long fen; } good[] = {
		{ "1980", 198000 }, { "1980.5", 198050 }, { "1980.05", 198005 },
		{ "1,980.00", 198000 }, { "12,345,678.9", 1234567890 },
		{ "0.01", 1 }, { ".5", 50 }, { "7.", 700 }, { "１９８０", 198000 },
		{ "0.29", 29 }, { "1.15", 115 },
	};
	static const char *const bad[] = { "", "-1", "-0.01", "abc", "1e3",
		"1980.001", "19,80", ",198", "1,9800", "1.2.3", "1 980", ".",
		"99999999999999", "0x10", NULL };
	char buf[PAYROLL_FEN_MAX];
	const char *why;
	long long fen;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		fen = -1;
		if (payroll_parse_fen(good[i].s, &fen, &why) != 0)
			fail_msg("\"%s\" refused: %s", good[i].s, why);
		assert_int_equal(fen, good[i].fen);
	}
	for (i = 0; bad[i] != NULL; i++)
		if (payroll_parse_fen(bad[i], &fen, &why) != -1)
			fail_msg("\"%s\" taken as %lld", bad[i], fen);
	assert_int_equal(payroll_parse_fen("-5", &fen, &why), -1);
	assert_string_equal(why, "negative");
	assert_int_equal(payroll_parse_fen("1.234", &fen, &why), -1);
	assert_string_equal(why, "more than two decimals (fen)");
	assert_string_equal(payroll_fen_format(198005, buf), "1980.05");
	assert_string_equal(payroll_fen_format(7, buf), "0.07");
}

static struct config *
load(const char *text)
{
	struct config *c = config_new();
	FILE *fp = fopen("p.yaml", "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(config_load_file(c, "p.yaml", 1), GK_OK);
	return c;
}

static void
test_payroll__min_wage_in_force_on_a_day(void **state)
{
	struct config *c = config_new();
	long long fen;

	/* The shipped Shanxi figures. */
	assert_int_equal(payroll_min_wage(c, day_from_civil(2022, 12, 31), 4,
	    &fen), 0);
	assert_int_equal(fen, 140000);
	assert_int_equal(payroll_min_wage(c, day_from_civil(2023, 1, 1), 1,
	    &fen), 0);
	assert_int_equal(fen, 198000);
	assert_int_equal(payroll_min_wage(c, day_from_civil(2023, 1, 1), 3,
	    &fen), 0);
	assert_int_equal(fen, 178000);
	/* Three classes from 2023: no class 4, nothing before 2017-10. */
	assert_int_equal(payroll_min_wage(c, day_from_civil(2023, 1, 1), 4,
	    &fen), -1);
	assert_int_equal(payroll_min_wage(c, day_from_civil(2017, 9, 30), 1,
	    &fen), -1);
	config_free(c);
}

static void
test_payroll__wage_class_history_and_config_checks(void **state)
{
	struct config *c = load("pay:\n  wage_class:\n"
	    "    \"140121\": [\"2017-10-01 2\", \"2023-01-01 1\"]\n"
	    "    \"140105\": 3\n");
	int cls = 0;

	assert_int_equal(payroll_check_config(c), GK_OK);
	assert_int_equal(payroll_wage_class(c, "140121",
	    day_from_civil(2022, 12, 1), &cls), 0);
	assert_int_equal(cls, 2);
	assert_int_equal(payroll_wage_class(c, "140121",
	    day_from_civil(2023, 1, 1), &cls), 0);
	assert_int_equal(cls, 1);
	assert_int_equal(payroll_wage_class(c, "140121",
	    day_from_civil(2017, 9, 1), &cls), -1);
	assert_int_equal(payroll_wage_class(c, "140105",
	    day_from_civil(2001, 1, 1), &cls), 0);
	assert_int_equal(cls, 3);
	assert_int_equal(payroll_wage_class(c, "140106",
	    day_from_civil(2026, 1, 1), &cls), -1);
	config_free(c);

	assert_non_null(freopen("/dev/null", "w", stderr));
	c = load("pay:\n  min_wage: [\"2023-01-01 1980 abc\"]\n");
	assert_int_equal(payroll_check_config(c), GK_CONFIG);
	config_free(c);
	c = load("pay:\n  wage_class:\n    \"140121\": [\"2023-02-30 1\"]\n");
	assert_int_equal(payroll_check_config(c), GK_CONFIG);
	config_free(c);
	c = load("pay:\n  case_rate: \"1.234\"\n");
	assert_int_equal(payroll_check_config(c), GK_CONFIG);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payroll__amounts_are_exact_fen),
		cmocka_unit_test(test_payroll__min_wage_in_force_on_a_day),
		cmocka_unit_test(
		    test_payroll__wage_class_history_and_config_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
