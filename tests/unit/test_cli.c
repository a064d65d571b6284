/*
 * test_cli.c - the shared options: parsing, the program's own options,
 * precedence of flags over the environment over the config.
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
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "diag.h"
#include "status.h"
#include "util.h"

static int seen_html;

static int
option(void *ctx, int c, const char *arg)
{
	if (c == 0x300) {
		seen_html = 1;
		return GK_OK;
	}
	return GK_USAGE;
}

static const struct option longopts[] = {
	{ "html", no_argument, NULL, 0x300 },
	{ NULL, 0, NULL, 0 }
};

static const struct cli_prog prog = {
	.name = "test-prog",
	.synopsis = "[options] verb",
	.summary = "a test",
	.longopts = longopts,
	.option = option,
};

/* Parse a NULL-terminated list of arguments. */
static int
parse(struct cli *cli, char **args)
{
	int argc = 0;

	while (args[argc] != NULL)
		argc++;
	cli_init(cli, &prog, argc, args);
	return cli_parse(cli);
}

static int
setup(void **state)
{
	/* No user or system config may leak into these tests. */
	setenv("XDG_CONFIG_HOME", "/nonexistent-gridkit-test", 1);
	unsetenv("GRIDKIT_DB");
	unsetenv("GRIDKIT_CONFIG");
	unsetenv("GRIDKIT_NOW");
	unsetenv("GRIDKIT_OPERATOR");
	seen_html = 0;
	return 0;
}

static void
test_cli__common_and_own_options_anywhere(void **state)
{
	char *args[] = { "test-prog", "verb", "-d", "x.db", "--html", "-n",
	    "--operator", "王", "-f", "json", "operand", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, args), GK_OK);
	assert_string_equal(cli.db_path, "x.db");
	assert_true(cli.dry_run);
	assert_true(seen_html);
	assert_string_equal(cli.operator_name, "王");
	assert_int_equal(cli.format, RECOUT_JSON);
	assert_int_equal(cli.argc, 2);
	assert_string_equal(cli.argv[0], "verb");
	assert_string_equal(cli.argv[1], "operand");
	config_free(cli.config);
}

static void
test_cli__flag_beats_environment_beats_config(void **state)
{
	char *flag[] = { "test-prog", "-d", "flag.db", NULL };
	char *none[] = { "test-prog", "-c", "cfg.yaml", NULL };
	struct cli cli;
	FILE *fp = fopen("cfg.yaml", "w");

	assert_non_null(fp);
	fputs("database: config.db\n", fp);
	fclose(fp);
	assert_int_equal(parse(&cli, none), GK_OK);
	assert_string_equal(cli.db_path, "config.db");
	config_free(cli.config);
	setenv("GRIDKIT_DB", "env.db", 1);
	assert_int_equal(parse(&cli, none), GK_OK);
	assert_string_equal(cli.db_path, "env.db");
	config_free(cli.config);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_string_equal(cli.db_path, "flag.db");
	config_free(cli.config);
	unsetenv("GRIDKIT_DB");
}

static void
test_cli__gridkit_now_pins_the_clock_and_now_wins(void **state)
{
	char *plain[] = { "test-prog", NULL };
	char *flag[] = { "test-prog", "--now", "2026-01-02T03:04:05+08:00",
	    NULL };
	struct cli cli;
	char buf[CLOCK_ISO_MAX];

	setenv("GRIDKIT_NOW", "2026-11-29T09:00:00+08:00", 1);
	assert_int_equal(parse(&cli, plain), GK_OK);
	assert_string_equal(clock_format(clock_now(), buf),
	    "2026-11-29T09:00:00+08:00");
	config_free(cli.config);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_string_equal(clock_format(clock_now(), buf),
	    "2026-01-02T03:04:05+08:00");
	config_free(cli.config);
	unsetenv("GRIDKIT_NOW");
}

static void
test_cli__bad_usage_is_64_and_help_is_done(void **state)
{
	char *bad[] = { "test-prog", "--bogus", NULL };
	char *missing[] = { "test-prog", "-d", NULL };
	char *fmt[] = { "test-prog", "-f", "xml", NULL };
	char *max[] = { "test-prog", "--max-errors", "0", NULL };
	char *now[] = { "test-prog", "--now", "yesterday", NULL };
	char *help[] = { "test-prog", "-h", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, bad), GK_USAGE);
	assert_int_equal(parse(&cli, missing), GK_USAGE);
	assert_int_equal(parse(&cli, fmt), GK_USAGE);
	assert_int_equal(parse(&cli, max), GK_USAGE);
	assert_int_equal(parse(&cli, now), GK_USAGE);
	config_free(cli.config);
	assert_int_equal(parse(&cli, help), CLI_DONE);
}

static void
test_cli__bad_config_is_78(void **state)
{
	char *args[] = { "test-prog", "-c", "bad.yaml", NULL };
	struct cli cli;
	FILE *fp = fopen("bad.yaml", "w");

	assert_non_null(fp);
	fputs("no_such_key: 1\n", fp);
	fclose(fp);
	assert_int_equal(parse(&cli, args), GK_CONFIG);
}

static void
test_cli__max_errors_defaults_from_config(void **state)
{
	char *args[] = { "test-prog", NULL };
	char *flag[] = { "test-prog", "--max-errors", "7", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, args), GK_OK);
	assert_int_equal(cli.max_errors,
	    config_int(cli.config, "input.max_errors"));
	config_free(cli.config);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_int_equal(cli.max_errors, 7);
	config_free(cli.config);
}

static void
test_cli__calendar_from_config_dir(void **state)
{
	char *args[] = { "test-prog", "-c", "cal.yaml", NULL };
	struct cli cli;
	struct calendar *cal;
	FILE *fp = fopen("cal.yaml", "w");

	assert_non_null(fp);
	fprintf(fp, "calendar:\n  dir: %s/etc/calendar\n",
	    getenv("GRIDKIT_TOP"));
	fclose(fp);
	assert_int_equal(parse(&cli, args), GK_OK);
	assert_int_equal(cli_calendar(&cli, &cal), GK_OK);
	/* 2026-02-14, a Saturday, was worked; 2026-02-16 was Spring
	 * Festival. */
	assert_true(cal_is_workday(cal, day_from_civil(2026, 2, 14)));
	assert_false(cal_is_workday(cal, day_from_civil(2026, 2, 16)));
	cal_free(cal);
	config_free(cli.config);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_cli__common_and_own_options_anywhere, setup),
		cmocka_unit_test_setup(test_cli__flag_beats_environment_beats_config, setup),
		cmocka_unit_test_setup(test_cli__gridkit_now_pins_the_clock_and_now_wins, setup),
		cmocka_unit_test_setup(test_cli__bad_usage_is_64_and_help_is_done, setup),
		cmocka_unit_test_setup(test_cli__bad_config_is_78, setup),
		cmocka_unit_test_setup(test_cli__max_errors_defaults_from_config, setup),
		cmocka_unit_test_setup(test_cli__calendar_from_config_dir, setup),
	};

	freopen("/dev/null", "w", stderr);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
