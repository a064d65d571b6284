/*
 * test_cli.c - the shared skeleton: parsing, the program's own options
 * and verbs, precedence of flags over the environment over the config,
 * usage, the id reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "diag.h"
#include "status.h"
#include "util.h"

#define OPT_HTML 0x300
#define OPT_ZETA 0x301		/* declared first, coded last */
#define OPT_LATE 0x302		/* declared last */

static int seen_html;
static int checks_run;
static int ran;

static int
option(struct cli *cli, int c, const char *arg)
{
	if (c == OPT_HTML) {
		seen_html = 1;
		return GK_OK;
	}
	return c == OPT_ZETA || c == OPT_LATE ? GK_OK : GK_USAGE;
}

static const struct option longopts[] = {
	{ "zeta", no_argument, NULL, OPT_ZETA },
	{ "html", no_argument, NULL, OPT_HTML },
	{ "late", required_argument, NULL, OPT_LATE },
	{ NULL, 0, NULL, 0 }
};

static int
check_ok(const struct config *cfg)
{
	checks_run++;
	return GK_OK;
}

static int
run(struct cli *cli, struct db *db)
{
	ran++;
	return db == NULL ? GK_DATAERR : GK_SOFTWARE;
}

static const struct cli_verb verbs[] = {
	{ "verb", run, CLI_DB_NONE, (const int []){ OPT_HTML, 0 }, 0, 1,
	    "verb [--html] [X]" },
	{ "other", run, CLI_DB_NONE, (const int []){ OPT_LATE, OPT_ZETA, 0 },
	    1, 2, "other A [B] [--late N]\nother --zeta A" },
	{ "third", run, CLI_DB_NONE, (const int []){ OPT_LATE, 0 }, 0, 0,
	    "third" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "test-prog",
	.summary = "a test",
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
	.config_checks = (cli_config_check *const []){ check_ok, check_ok,
	    NULL },
};

/* Standard error of what follows goes to the file err.txt. */
static void
catch_stderr(void)
{
	fflush(stderr);
	assert_non_null(freopen("err.txt", "w", stderr));
}

/* The text caught since catch_stderr; stderr goes back to /dev/null. */
static char *
caught(void)
{
	static char buf[4096];
	FILE *fp;
	size_t n;

	fflush(stderr);
	assert_non_null(freopen("/dev/null", "w", stderr));
	fp = fopen("err.txt", "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

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
	checks_run = 0;
	ran = 0;
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
	cli_release(&cli);
}

static void
test_cli__flag_beats_environment_beats_config(void **state)
{
	char *flag[] = { "test-prog", "-d", "flag.db", "verb", NULL };
	char *none[] = { "test-prog", "-c", "cfg.yaml", "verb", NULL };
	struct cli cli;
	FILE *fp = fopen("cfg.yaml", "w");

	assert_non_null(fp);
	fputs("database: config.db\n", fp);
	fclose(fp);
	assert_int_equal(parse(&cli, none), GK_OK);
	assert_string_equal(cli.db_path, "config.db");
	cli_release(&cli);
	setenv("GRIDKIT_DB", "env.db", 1);
	assert_int_equal(parse(&cli, none), GK_OK);
	assert_string_equal(cli.db_path, "env.db");
	cli_release(&cli);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_string_equal(cli.db_path, "flag.db");
	cli_release(&cli);
	unsetenv("GRIDKIT_DB");
}

static void
test_cli__gridkit_now_pins_the_clock_and_now_wins(void **state)
{
	char *plain[] = { "test-prog", "verb", NULL };
	char *flag[] = { "test-prog", "--now", "2026-01-02T03:04:05+08:00",
	    "verb", NULL };
	struct cli cli;
	char buf[CLOCK_ISO_MAX];

	setenv("GRIDKIT_NOW", "2026-11-29T09:00:00+08:00", 1);
	assert_int_equal(parse(&cli, plain), GK_OK);
	assert_string_equal(clock_format(clock_now(), buf),
	    "2026-11-29T09:00:00+08:00");
	cli_release(&cli);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_string_equal(clock_format(clock_now(), buf),
	    "2026-01-02T03:04:05+08:00");
	cli_release(&cli);
	unsetenv("GRIDKIT_NOW");
}

static void
test_cli__bad_usage_is_64_and_help_is_done(void **state)
{
	char *bad[] = { "test-prog", "--bogus", NULL };
	char *missing[] = { "test-prog", "-d", NULL };
	char *fmt[] = { "test-prog", "-f", "xml", NULL };
	char *max[] = { "test-prog", "--max-errors", "0", NULL };
	char *now[] = { "test-prog", "--now", "yesterday", "verb", NULL };
	char *help[] = { "test-prog", "-h", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, bad), GK_USAGE);
	cli_release(&cli);
	assert_int_equal(parse(&cli, missing), GK_USAGE);
	cli_release(&cli);
	assert_int_equal(parse(&cli, fmt), GK_USAGE);
	cli_release(&cli);
	assert_int_equal(parse(&cli, max), GK_USAGE);
	cli_release(&cli);
	cli_release(&cli);
	assert_int_equal(parse(&cli, now), GK_USAGE);
	cli_release(&cli);
	assert_int_equal(parse(&cli, help), CLI_DONE);
	cli_release(&cli);
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
	assert_int_equal(checks_run, 0);
	cli_release(&cli);
}

static void
test_cli__max_errors_defaults_from_config(void **state)
{
	char *args[] = { "test-prog", "verb", NULL };
	char *flag[] = { "test-prog", "--max-errors", "7", "verb", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, args), GK_OK);
	assert_int_equal(cli.max_errors,
	    config_int(cli.config, "input.max_errors"));
	cli_release(&cli);
	assert_int_equal(parse(&cli, flag), GK_OK);
	assert_int_equal(cli.max_errors, 7);
	cli_release(&cli);
}

static void
test_cli__calendar_from_config_dir(void **state)
{
	char *args[] = { "test-prog", "-c", "cal.yaml", "verb", NULL };
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
	cli_release(&cli);
}

static void
test_cli__config_checks_of_the_program_run_once_loaded(void **state)
{
	char *args[] = { "test-prog", "verb", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, args), GK_OK);
	assert_int_equal(checks_run, 2);
	cli_release(&cli);
}

static void
test_cli__verb_is_picked_and_its_options_applied(void **state)
{
	char *args[] = { "test-prog", "--html", "verb", "x", NULL };
	struct cli cli;

	assert_int_equal(parse(&cli, args), GK_OK);
	assert_ptr_equal(cli.verb, &verbs[0]);
	assert_true(seen_html);
	assert_int_equal(cli.argc, 2);
	cli_release(&cli);
}

static void
test_cli__option_of_another_verb_is_named_by_its_code(void **state)
{
	char *late[] = { "test-prog", "verb", "--late", "3", NULL };
	char *zeta[] = { "test-prog", "third", "--zeta", NULL };
	struct cli cli;
	char *err;

	catch_stderr();
	assert_int_equal(parse(&cli, late), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_non_null(strstr(err, "test-prog: --late does not go with verb "
	    "(it goes with other and third)\n"));
	assert_false(seen_html);
	catch_stderr();
	assert_int_equal(parse(&cli, zeta), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_non_null(strstr(err, "--zeta does not go with third (it goes "
	    "with other)\n"));
}

static void
test_cli__usage_error_shows_the_verb_usage_only(void **state)
{
	char *few[] = { "test-prog", "other", NULL };
	char *many[] = { "test-prog", "verb", "a", "b", NULL };
	char *bad[] = { "test-prog", "other", "a", "--bogus", NULL };
	struct cli cli;
	char *err;

	catch_stderr();
	assert_int_equal(parse(&cli, few), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_string_equal(err, "test-prog: other: too few operands\n"
	    "usage: test-prog [options] other A [B] [--late N]\n"
	    "       test-prog [options] other --zeta A\n");
	catch_stderr();
	assert_int_equal(parse(&cli, many), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_string_equal(err, "test-prog: verb: unexpected operand \"b\"\n"
	    "usage: test-prog [options] verb [--html] [X]\n");
	/* Even an unknown option, met before the verb is known. */
	catch_stderr();
	assert_int_equal(parse(&cli, bad), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_non_null(strstr(err, "unknown option \"--bogus\"\nusage: "
	    "test-prog [options] other A"));
	assert_null(strstr(err, "verb [--html]"));
}

static void
test_cli__no_or_unknown_verb_shows_every_form(void **state)
{
	char *none[] = { "test-prog", NULL };
	char *unknown[] = { "test-prog", "nosuch", NULL };
	struct cli cli;
	char *err;

	catch_stderr();
	assert_int_equal(parse(&cli, none), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_non_null(strstr(err, "no command given\n"));
	assert_non_null(strstr(err, "usage: test-prog [options] verb"));
	assert_non_null(strstr(err, "       test-prog [options] third\n"));
	catch_stderr();
	assert_int_equal(parse(&cli, unknown), GK_USAGE);
	cli_release(&cli);
	err = caught();
	assert_non_null(strstr(err, "unknown command \"nosuch\"\n"));
	assert_non_null(strstr(err, "other --zeta A\n"));
}

/* Run cli_main in a child (it closes stdout) and return its status. */
static int
run_main(char **args)
{
	pid_t pid;
	int argc = 0, status;

	while (args[argc] != NULL)
		argc++;
	fflush(NULL);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0)
		_exit(cli_main(&prog, argc, args) + (ran == 1 ? 0 : 100));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void
test_cli__main_dispatches_and_returns_the_handler_status(void **state)
{
	char *args[] = { "test-prog", "verb", NULL };
	char *bad[] = { "test-prog", "third", "x", NULL };

	/* run: GK_DATAERR with no database, as CLI_DB_NONE asks. */
	assert_int_equal(run_main(args), GK_DATAERR);
	/* A usage error runs no handler. */
	assert_int_equal(run_main(bad), GK_USAGE + 100);
}

static const char *const test_headers[] = { "id", "编号", NULL };
static const struct cli_idkind test_ids = {
	"test id", "test ids", test_headers, NULL
};

/* Read ids for "verb" from stdin holding text. */
static int
read_ids(const char *text, int allow_empty, long long **ids, size_t *n)
{
	char *args[] = { "test-prog", "verb", NULL };
	struct cli cli;
	FILE *fp = fopen("ids.txt", "w");
	int rc;

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_non_null(freopen("ids.txt", "r", stdin));
	assert_int_equal(parse(&cli, args), GK_OK);
	cli.allow_empty = allow_empty;
	rc = cli_ids(&cli, &test_ids, 1, ids, n);
	cli_release(&cli);
	return rc;
}

static void
test_cli__ids_from_stdin_skip_a_header_and_locate_bad_ones(void **state)
{
	long long *ids;
	size_t n;
	char *err;

	assert_int_equal(read_ids("\xEF\xBB\xBF编号,name\n3,a\n\n\"4\"\t\n",
	    0, &ids, &n), GK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 3);
	assert_int_equal(ids[1], 4);
	free(ids);
	assert_int_equal(read_ids("ID\n5\n", 0, &ids, &n), GK_OK);
	assert_int_equal(n, 1);
	free(ids);
	catch_stderr();
	assert_int_equal(read_ids("1\n2\nx\n", 0, &ids, &n), GK_DATAERR);
	err = caught();
	assert_null(ids);
	assert_string_equal(err, "test-prog: -:3:1: \"x\" is not a test id\n");
}

static void
test_cli__no_ids_on_stdin_is_66_unless_allowed(void **state)
{
	long long *ids;
	size_t n;
	char *err;

	catch_stderr();
	assert_int_equal(read_ids("id\n\n", 0, &ids, &n), GK_NOINPUT);
	err = caught();
	assert_string_equal(err, "test-prog: no test ids on standard input\n");
	assert_int_equal(read_ids("", 1, &ids, &n), GK_OK);
	assert_int_equal(n, 0);
	free(ids);
}

static void
test_cli__one_id_operand(void **state)
{
	char *good[] = { "test-prog", "verb", "42", NULL };
	char *bad[] = { "test-prog", "verb", "4x", NULL };
	struct cli cli;
	long long id;

	assert_int_equal(parse(&cli, good), GK_OK);
	assert_int_equal(cli_id(&cli, &test_ids, &id), GK_OK);
	assert_int_equal(id, 42);
	cli_release(&cli);
	assert_int_equal(parse(&cli, bad), GK_OK);
	catch_stderr();
	assert_int_equal(cli_id(&cli, &test_ids, &id), GK_USAGE);
	assert_non_null(strstr(caught(), "verb: \"4x\" is not a test id\n"));
	cli_release(&cli);
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
		cmocka_unit_test_setup(test_cli__config_checks_of_the_program_run_once_loaded, setup),
		cmocka_unit_test_setup(test_cli__verb_is_picked_and_its_options_applied, setup),
		cmocka_unit_test_setup(test_cli__option_of_another_verb_is_named_by_its_code, setup),
		cmocka_unit_test_setup(test_cli__usage_error_shows_the_verb_usage_only, setup),
		cmocka_unit_test_setup(test_cli__no_or_unknown_verb_shows_every_form, setup),
		cmocka_unit_test_setup(test_cli__main_dispatches_and_returns_the_handler_status, setup),
		cmocka_unit_test_setup(test_cli__ids_from_stdin_skip_a_header_and_locate_bad_ones, setup),
		cmocka_unit_test_setup(test_cli__no_ids_on_stdin_is_66_unless_allowed, setup),
		cmocka_unit_test_setup(test_cli__one_id_operand, setup),
	};

	freopen("/dev/null", "w", stderr);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
