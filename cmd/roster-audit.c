/*
 * roster-audit - compliance findings over the roster (Art. 5, 6, 8-10,
 * 14, 16).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "findings.h"
#include "roster-audit.h"
#include "staff.h"
#include "status.h"

static const struct option longopts[] = {
	FINDINGS_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static struct findings *fs;	/* the findings of this run */

static struct findings *
findings(void)
{
	if (fs == NULL)
		fs = findings_new(roster_audit_rules, roster_audit_nrules);
	return fs;
}

static int
option(struct cli *cli, int c, const char *arg)
{
	if (findings_is_option(c))
		return findings_option(findings(), cli, c, arg);
	return GK_USAGE;
}

static int
do_audit(struct cli *cli, struct db *unused)
{
	struct findings *f = findings();
	struct roster_audit_opts o;
	struct db *db = NULL;
	int rc;

	if (findings_listing(f)) {
		rc = findings_rules(f, cli);
		goto done;
	}
	memset(&o, 0, sizeof o);
	o.path = cli->argc > 1 ? cli->argv[1] : NULL;
	o.in = &cli->input;
	o.max_errors = cli->max_errors;
	if ((rc = findings_load_baseline(f, cli)) != GK_OK)
		goto done;
	/* The roster of the database needs one; a file's only for the
	 * rules that look further. */
	if (o.path == NULL)
		rc = cli_open_db(cli, &db, CLI_DB_READ);
	else
		rc = cli_open_db_if_there(cli, &db, _("the rules on visits, "
		    "training, cases, vacancies and grids are not checked"));
	if (rc != GK_OK)
		goto done;
	rc = roster_audit(db, cli->config, &o, f);
	db_close(db);
	if (rc == GK_OK)
		rc = findings_end(f, cli);
done:
	findings_free(f);
	fs = NULL;
	return rc;
}

static const struct cli_verb verbs[] = {
	{ "audit", do_audit, CLI_DB_NONE,
	    (const int []){ FINDINGS_OPT_CODES, 0 }, 0, 1,
	    FINDINGS_SYNOPSIS " [FILE|-]" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "roster-audit",
	.summary = "compliance findings over the roster (Art. 5, 6, 8-10, "
	    "14, 16)",
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
	.config_checks = (cli_config_check *const []){ staff_check_config,
	    NULL },
	.default_verb = 1,
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
