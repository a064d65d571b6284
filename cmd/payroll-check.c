/*
 * payroll-check - compliance findings over a month's pay (Art. 17-19).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "findings.h"
#include "payroll.h"
#include "status.h"
#include "util.h"

enum {
	OPT_MONTH = 0x200
};

static const struct option longopts[] = {
	{ "month",	required_argument, NULL, OPT_MONTH },
	FINDINGS_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static struct findings *fs;	/* the findings of this run */
static int year, month;		/* --month, or 0 */

static struct findings *
findings(void)
{
	if (fs == NULL)
		fs = findings_new(payroll_rules, payroll_nrules);
	return fs;
}

static int
option(struct cli *cli, int c, const char *arg)
{
	gk_day d;
	char buf[16];
	const char *why;
	int y, m, day;

	if (findings_is_option(c))
		return findings_option(findings(), cli, c, arg);
	if (c != OPT_MONTH)
		return GK_USAGE;
	snprintf(buf, sizeof buf, "%s-01", arg);
	if (strlen(arg) != 7 || day_parse(buf, &d, &why) == -1)
		return cli_usage_error(cli, _("--month \"%s\": not a month "
		    "(YYYY-MM)"), arg);
	day_to_civil(d, &y, &m, &day);
	year = y;
	month = m;
	return GK_OK;
}

static int
do_check(struct cli *cli, struct db *unused)
{
	struct findings *f = findings();
	struct payroll_opts o;
	struct db *db = NULL;
	int rc, d;

	if (findings_listing(f)) {
		rc = findings_rules(f, cli);
		goto done;
	}
	memset(&o, 0, sizeof o);
	o.path = cli->argc > 1 ? cli->argv[1] : NULL;
	o.in = &cli->input;
	o.max_errors = cli->max_errors;
	if (year != 0) {
		o.year = year;
		o.month = month;
	} else
		day_to_civil(findings_as_of(f), &o.year, &o.month, &d);
	if ((rc = findings_load_baseline(f, cli)) != GK_OK)
		goto done;
	if ((rc = cli_open_db_if_there(cli, &db, _("staff and cases are "
	    "not compared"))) != GK_OK)
		goto done;
	rc = payroll_check(db, cli->config, &o, f);
	db_close(db);
	if (rc == GK_OK)
		rc = findings_end(f, cli);
done:
	findings_free(f);
	fs = NULL;
	return rc;
}

static const struct cli_verb verbs[] = {
	{ "check", do_check, CLI_DB_NONE,
	    (const int []){ OPT_MONTH, FINDINGS_OPT_CODES, 0 }, 0, 1,
	    "[--month YYYY-MM] " FINDINGS_SYNOPSIS " [FILE|-]" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "payroll-check",
	.summary = N_("compliance findings over a month's pay (Art. 17-19)"),
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
	.config_checks = (cli_config_check *const []){ payroll_check_config,
	    NULL },
	.default_verb = 1,
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
