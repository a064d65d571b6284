/*
 * test_findings.c - the shared shape of compliance findings: order,
 * baseline, --only and --skip, exit status.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "findings.h"
#include "status.h"

static const struct finding_rule rules[] = {
	{ "B-RULE", "Art. 2", FINDING_ERROR, "b", NULL },
	{ "A-RULE", "Art. 1", FINDING_WARNING, "a", NULL },
	{ "C-RULE", "Art. 3", FINDING_ERROR, "c", NULL },
};
#define NRULES (sizeof rules / sizeof rules[0])

static int
run(struct cli *cli, struct db *db)
{
	return GK_OK;
}

static const struct cli_verb verbs[] = {
	{ "check", run, CLI_DB_NONE, NULL, 0, 1, "[X]" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "test-findings",
	.summary = "a test",
	.verbs = verbs,
};

static void
cli_for(struct cli *cli)
{
	static char *argv[] = { "test-findings", NULL };

	cli_init(cli, &prog, 1, argv);
	cli->verb = &verbs[0];
}

static void
test_findings__sorted_by_rule_subject_values(void **state)
{
	struct findings *f = findings_new(rules, NRULES);
	const struct finding *fd;

	findings_add(f, "C-RULE", "9", "x=1", "detail %d", 1);
	findings_add(f, "A-RULE", "2", "x=2", "d");
	findings_add(f, "A-RULE", "10", "x=1", "d");
	findings_add(f, "A-RULE", "2", "x=1", "d");
	findings_add(f, "B-RULE", "1", NULL, "d");
	findings_sort(f);
	assert_int_equal(findings_count(f), 5);
	fd = findings_get(f, 0);
	assert_string_equal(fd->rule->id, "A-RULE");
	assert_string_equal(fd->subject, "10");
	fd = findings_get(f, 1);
	assert_string_equal(fd->subject, "2");
	assert_string_equal(fd->values, "x=1");
	assert_string_equal(findings_get(f, 2)->values, "x=2");
	assert_string_equal(findings_get(f, 3)->rule->id, "B-RULE");
	assert_string_equal(findings_get(f, 3)->values, "");
	fd = findings_get(f, 4);
	assert_string_equal(fd->rule->id, "C-RULE");
	assert_string_equal(fd->detail, "detail 1");
	assert_null(findings_get(f, 5));
	findings_free(f);
}

static void
test_findings__baseline_matches_rule_subject_values_not_detail(void **state)
{
	struct findings *f = findings_new(rules, NRULES);

	findings_add(f, "B-RULE", "1", "pay=1.00", "said one way");
	findings_add(f, "B-RULE", "1", "pay=2.00", "said one way");
	findings_add(f, "B-RULE", "2", "pay=1.00", "said one way");
	findings_baseline_add(f, "B-RULE", "1", "pay=1.00");
	findings_baseline_add(f, "C-RULE", "2", "pay=1.00");
	findings_baseline_add(f, "B-RULE", "3", NULL);
	assert_true(findings_in_baseline(f, findings_get(f, 0)));
	assert_false(findings_in_baseline(f, findings_get(f, 1)));
	assert_false(findings_in_baseline(f, findings_get(f, 2)));
	assert_int_equal(findings_status(f), GK_FINDINGS);
	findings_free(f);

	/* Everything in the baseline: nothing new, status 0. */
	f = findings_new(rules, NRULES);
	findings_add(f, "B-RULE", "1", "pay=1.00", "reworded");
	findings_baseline_add(f, "B-RULE", "1", "pay=1.00");
	assert_int_equal(findings_status(f), GK_OK);
	findings_free(f);
}

static void
test_findings__only_and_skip_choose_rules(void **state)
{
	struct findings *f = findings_new(rules, NRULES);
	struct cli cli;

	cli_for(&cli);
	assert_non_null(freopen("/dev/null", "w", stderr));
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_ONLY,
	    "a-rule, C-RULE"), GK_OK);
	assert_true(findings_enabled(f, "A-RULE"));
	assert_false(findings_enabled(f, "B-RULE"));
	assert_true(findings_enabled(f, "C-RULE"));
	findings_add(f, "B-RULE", "1", NULL, "dropped");
	assert_int_equal(findings_count(f), 0);
	/* Only one of --only and --skip. */
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_SKIP, "A-RULE"),
	    GK_USAGE);
	findings_free(f);

	f = findings_new(rules, NRULES);
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_SKIP, "B-RULE"),
	    GK_OK);
	assert_true(findings_enabled(f, "A-RULE"));
	assert_false(findings_enabled(f, "B-RULE"));
	findings_free(f);

	f = findings_new(rules, NRULES);
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_SKIP,
	    "B-RULE,NO-SUCH"), GK_USAGE);
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_AS_OF,
	    "2026-02-30"), GK_USAGE);
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_AS_OF,
	    "2026-02-28"), GK_OK);
	assert_int_equal(findings_as_of(f), day_from_civil(2026, 2, 28));
	findings_free(f);
	cli_release(&cli);
}

static void
test_findings__status_errors_count_warnings_only_strict(void **state)
{
	struct findings *f = findings_new(rules, NRULES);
	struct cli cli;

	cli_for(&cli);
	assert_int_equal(findings_status(f), GK_OK);
	findings_add(f, "A-RULE", "1", NULL, "a warning");
	assert_int_equal(findings_status(f), GK_OK);
	assert_int_equal(findings_option(f, &cli, FINDINGS_OPT_STRICT, NULL),
	    GK_OK);
	assert_int_equal(findings_status(f), GK_FINDINGS);
	findings_free(f);

	f = findings_new(rules, NRULES);
	findings_add(f, "C-RULE", "1", NULL, "an error");
	assert_int_equal(findings_status(f), GK_FINDINGS);
	findings_free(f);
	cli_release(&cli);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findings__sorted_by_rule_subject_values),
		cmocka_unit_test(
		    test_findings__baseline_matches_rule_subject_values_not_detail),
		cmocka_unit_test(test_findings__only_and_skip_choose_rules),
		cmocka_unit_test(
		    test_findings__status_errors_count_warnings_only_strict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
