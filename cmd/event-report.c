/*
 * event-report - events reported by grid staff and others, and patrol
 * visits (Art. 6, 7, 13(1)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "case.h"
#include "category.h"
#include "cli.h"
#include "codes.h"
#include "db.h"
#include "diag.h"
#include "event.h"
#include "status.h"
#include "util.h"

enum {
	OPT_AT = 0x200,
	OPT_CATEGORY,
	OPT_COUNTY,
	OPT_DATE,
	OPT_DESCRIPTION,
	OPT_FROM,
	OPT_GRID,
	OPT_HOUSEHOLDS,
	OPT_KEEP_GOING,
	OPT_LOCATION,
	OPT_NEW,
	OPT_NOTES,
	OPT_REJECTS,
	OPT_REPORTER,
	OPT_RESOLVED,
	OPT_RESULT,
	OPT_SEVERITY,
	OPT_SOURCE,
	OPT_STAFF,
	OPT_TITLE,
	OPT_TO,
	OPT_TOWNSHIP,
	OPT_VILLAGE
};

static const struct option longopts[] = {
	{ "at",		required_argument, NULL, OPT_AT },
	{ "category",	required_argument, NULL, OPT_CATEGORY },
	{ "county",	required_argument, NULL, OPT_COUNTY },
	{ "date",	required_argument, NULL, OPT_DATE },
	{ "description", required_argument, NULL, OPT_DESCRIPTION },
	{ "from",	required_argument, NULL, OPT_FROM },
	{ "grid",	required_argument, NULL, OPT_GRID },
	{ "households",	required_argument, NULL, OPT_HOUSEHOLDS },
	{ "keep-going",	no_argument,	   NULL, OPT_KEEP_GOING },
	{ "location",	required_argument, NULL, OPT_LOCATION },
	{ "new",	no_argument,	   NULL, OPT_NEW },
	{ "notes",	required_argument, NULL, OPT_NOTES },
	{ "rejects",	required_argument, NULL, OPT_REJECTS },
	{ "reporter",	required_argument, NULL, OPT_REPORTER },
	{ "resolved",	no_argument,	   NULL, OPT_RESOLVED },
	{ "result",	required_argument, NULL, OPT_RESULT },
	{ "severity",	required_argument, NULL, OPT_SEVERITY },
	{ "source",	required_argument, NULL, OPT_SOURCE },
	{ "staff",	required_argument, NULL, OPT_STAFF },
	{ "title",	required_argument, NULL, OPT_TITLE },
	{ "to",		required_argument, NULL, OPT_TO },
	{ "township",	required_argument, NULL, OPT_TOWNSHIP },
	{ "village",	required_argument, NULL, OPT_VILLAGE },
	{ NULL, 0, NULL, 0 }
};

/* The program's options, as given. */
static struct opts {
	const char *ev[EV_NFIELDS];	/* add: the event's fields */
	const char *vi[VI_NFIELDS];	/* visit add: the visit's fields */
	int force_new;			/* --new */
	int keep_going;			/* --keep-going */
	const char *rejects;		/* --rejects */
	struct cli_scope scope;		/* --village, --township, --county */
	const char *from, *to;		/* --from, --to */
} o;

static int
option(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case OPT_AT:		o.ev[EV_AT] = arg; break;
	case OPT_CATEGORY:	o.ev[EV_CATEGORY] = arg; break;
	case OPT_DESCRIPTION:	o.ev[EV_DESCRIPTION] = arg; break;
	case OPT_GRID:		o.ev[EV_GRID] = o.vi[VI_GRID] = arg; break;
	case OPT_LOCATION:	o.ev[EV_LOCATION] = arg; break;
	case OPT_REPORTER:	o.ev[EV_REPORTER] = arg; break;
	case OPT_RESOLVED:	o.ev[EV_RESOLVED] = "yes"; break;
	case OPT_RESULT:	o.ev[EV_RESULT] = arg; break;
	case OPT_SEVERITY:	o.ev[EV_SEVERITY] = arg; break;
	case OPT_SOURCE:	o.ev[EV_SOURCE] = arg; break;
	case OPT_TITLE:		o.ev[EV_TITLE] = arg; break;
	case OPT_STAFF:		o.vi[VI_STAFF] = arg; break;
	case OPT_DATE:		o.vi[VI_DATE] = arg; break;
	case OPT_HOUSEHOLDS:	o.vi[VI_HOUSEHOLDS] = arg; break;
	case OPT_NOTES:		o.vi[VI_NOTES] = arg; break;
	case OPT_NEW:		o.force_new = 1; break;
	case OPT_KEEP_GOING:	o.keep_going = 1; break;
	case OPT_REJECTS:	o.rejects = arg; break;
	case OPT_FROM:		o.from = arg; break;
	case OPT_TO:		o.to = arg; break;
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		return cli_scope_take(cli, &o.scope, c, arg);
	default:
		return GK_USAGE;
	}
	return GK_OK;
}

/* A person reads a table; a pipe gets one case number per line. */
static struct recout *
report_out(struct cli *cli)
{
	if (cli->format_set || isatty(STDOUT_FILENO))
		return cli_out(cli, event_report_cols, event_report_ncols);
	return NULL;
}

static int
do_add(struct cli *cli, struct db *db)
{
	struct event_opts eo = { o.force_new, 0, NULL, 0 };
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	int rc;

	if (o.ev[EV_RESOLVED] != NULL && o.ev[EV_RESULT] == NULL)
		return cli_usage_error(cli,
		    _("--resolved needs --result TEXT"));
	if (o.ev[EV_RESULT] != NULL && o.ev[EV_RESOLVED] == NULL)
		return cli_usage_error(cli, _("--result goes with --resolved"));
	if (o.ev[EV_REPORTER] != NULL && o.ev[EV_SOURCE] != NULL)
		return cli_usage_error(cli, _("give one of --reporter and "
		    "--source"));
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	w = report_out(cli);
	rc = event_add(db, &env, o.ev, &eo, w, stdout);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	case_env_close(&env, cal);
	return rc;
}

static int
do_import(struct cli *cli, struct db *db)
{
	struct event_opts eo = { o.force_new, o.keep_going, o.rejects,
	    cli->max_errors };
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	int rc;

	if (o.rejects != NULL && !o.keep_going)
		return cli_usage_error(cli,
		    _("--rejects goes with --keep-going"));
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	w = report_out(cli);
	rc = event_import(db, &env, cli->argc > 1 ? cli->argv[1] : "-",
	    &cli->input, &eo, w, stdout);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	case_env_close(&env, cal);
	return rc;
}

static int
do_categories(struct cli *cli, struct db *db)
{
	static const struct recout_col cols[] = {
		{ NC_("column", "id"), RC_STR },
		{ NC_("thing", "name"), RC_STR, NULL, "thing" },
		{ NC_("column", "parent"), RC_STR },
		{ NC_("column", "grid"), RC_BOOL, "flag" },
		{ NC_("column", "group"), RC_STR },
		{ NC_("column", "professional"), RC_BOOL, "flag" },
	};
	const struct category *c;
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	const char *v[6];
	size_t i;
	int rc;

	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	w = cli_out(cli, cols, 6);
	for (i = 0; rc == GK_OK && (c = taxonomy_at(env.tax, i)) != NULL;
	    i++) {
		v[0] = c->id;
		v[1] = c->name;
		v[2] = *c->parent ? c->parent : NULL;
		v[3] = c->grid ? "1" : "0";
		v[4] = c->group;
		v[5] = c->professional ? "1" : "0";
		rc = recout_row(w, v);
	}
	rc = cli_out_end(w, rc);
	case_env_close(&env, cal);
	return rc;
}

static int
do_visit(struct cli *cli, struct db *db)
{
	struct case_env env;
	struct calendar *cal;
	const char *sub = cli->argv[1];
	int rc;

	if (strcmp(sub, "add") == 0) {
		if (cli->argc > 2)
			return cli_usage_error(cli, _("visit add takes no "
			    "operands"));
		if (!o.vi[VI_STAFF] || !o.vi[VI_GRID] || !o.vi[VI_DATE])
			return cli_usage_error(cli, _("visit add needs --staff "
			    "ID, --grid CODE and --date DATE"));
		return visit_add(db, o.vi);
	}
	if (strcmp(sub, "import") == 0) {
		if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
			return rc;
		rc = visit_import(db, &env, cli->argc > 2 ? cli->argv[2] : "-",
		    &cli->input, cli->max_errors);
		case_env_close(&env, cal);
		return rc;
	}
	return cli_usage_error(cli, _("visit %s: not add or import"), sub);
}

/* The filter of list. */
static int
filter(struct cli *cli, struct event_filter *f, char lo[16], char hi[16])
{
	struct cli_scope scope = o.scope;
	const char *why;
	gk_day d;
	int rc;

	/* --grid is also the grid of an event; for list it is a place. */
	if (o.ev[EV_GRID] != NULL && (rc = cli_scope_option(cli, &scope,
	    "--grid", o.ev[EV_GRID])) != GK_OK)
		return rc;
	if ((rc = cli_scope_range(cli, &scope, lo, hi)) != GK_OK)
		return rc;
	if (cli_scope_some(lo)) {
		f->lo = lo;
		f->hi = hi;
	}
	if (o.from != NULL && day_parse(o.from, &d, &why) == -1)
		return cli_usage_error(cli,
		    _("--from \"%s\": %s"), o.from, why);
	if (o.to != NULL && day_parse(o.to, &d, &why) == -1)
		return cli_usage_error(cli, _("--to \"%s\": %s"), o.to, why);
	f->from = o.from;
	f->to = o.to;
	f->category = o.ev[EV_CATEGORY];
	if (o.ev[EV_REPORTER] != NULL && util_parse_long(o.ev[EV_REPORTER], 1,
	    1LL << 62, &f->reporter, &why) == -1)
		return cli_usage_error(cli, _("--reporter \"%s\": %s"),
		    o.ev[EV_REPORTER], why);
	if (o.vi[VI_STAFF] != NULL && util_parse_long(o.vi[VI_STAFF], 1,
	    1LL << 62, &f->reporter, &why) == -1)
		return cli_usage_error(cli, _("--staff \"%s\": %s"),
		    o.vi[VI_STAFF], why);
	return GK_OK;
}

static int
do_list(struct cli *cli, struct db *db)
{
	struct event_filter f = { 0 };
	const struct category *c;
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	char lo[16], hi[16];
	int rc, visits = strcmp(cli->argv[0], "visits") == 0;

	if ((rc = filter(cli, &f, lo, hi)) != GK_OK)
		return rc;
	if (visits) {
		w = cli_out(cli, visit_list_cols, visit_list_ncols);
		return cli_out_end(w, visit_list(db, &f, w));
	}
	/* The taxonomy: --category by id or Chinese name, and the
	 * categories by name for people. */
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	f.tax = env.tax;
	if (f.category != NULL) {
		if ((c = taxonomy_find(env.tax, f.category)) == NULL) {
			rc = cli_usage_error(cli, _("--category \"%s\": not a "
			    "category (event-report categories)"),
			    f.category);
			case_env_close(&env, cal);
			return rc;
		}
		f.category = c->id;
	}
	w = cli_out(cli, event_list_cols, event_list_ncols);
	rc = cli_out_end(w, event_list(db, &f, cli->reveal, w));
	case_env_close(&env, cal);
	return rc;
}

#define AREA OPT_GRID, OPT_VILLAGE, OPT_TOWNSHIP, OPT_COUNTY

/* The verbs, in the order of the SYNOPSIS of event-report(1). */
static const struct cli_verb verbs[] = {
	{ "add", do_add, CLI_DB_WRITE,
	    (const int []){ OPT_GRID, OPT_CATEGORY, OPT_SEVERITY, OPT_TITLE,
	    OPT_DESCRIPTION, OPT_LOCATION, OPT_AT, OPT_REPORTER, OPT_SOURCE,
	    OPT_RESOLVED, OPT_RESULT, OPT_NEW, 0 }, 0, 0,
	    "add --grid CODE --category CAT --severity SEV --title TEXT "
	    "[--description TEXT] [--location TEXT] [--at TIME] "
	    "[--reporter ID | --source SOURCE] [--resolved --result TEXT] "
	    "[--new]" },
	{ "import", do_import, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_REJECTS, OPT_NEW, 0 }, 0, 1,
	    "import [--keep-going] [--rejects FILE] [--new] [FILE|-]" },
	{ "categories", do_categories, CLI_DB_NONE, NULL, 0, 0,
	    "categories" },
	{ "visit", do_visit, CLI_DB_WRITE,
	    (const int []){ OPT_STAFF, OPT_GRID, OPT_DATE, OPT_HOUSEHOLDS,
	    OPT_NOTES, 0 }, 1, 2,
	    "visit add --staff ID --grid CODE --date DATE [--households N] "
	    "[--notes TEXT]\n"
	    "visit import [FILE|-]" },
	{ "list", do_list, CLI_DB_READ,
	    (const int []){ AREA, OPT_FROM, OPT_TO, OPT_CATEGORY,
	    OPT_REPORTER, 0 }, 0, 0,
	    "list [--grid CODE | --village CODE | --township CODE | "
	    "--county CODE] [--from DATE] [--to DATE] [--category CAT] "
	    "[--reporter ID]" },
	{ "visits", do_list, CLI_DB_READ,
	    (const int []){ AREA, OPT_FROM, OPT_TO, OPT_STAFF, 0 }, 0, 0,
	    "visits [--grid CODE | --village CODE | --township CODE | "
	    "--county CODE] [--from DATE] [--to DATE] [--staff ID]" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "event-report",
	.summary = "events reported by grid staff, and patrol visits "
	    "(Art. 6, 7, 13)",
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
