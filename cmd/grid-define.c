/*
 * grid-define - administrative areas, grids, units and their coverage
 * (Art. 4, 5).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "coverage.h"
#include "db.h"
#include "grid.h"
#include "status.h"
#include "util.h"

static const char synopsis[] =
    "[options] import areas|grids|units [FILE|-]\n"
    "[options] add CODE NAME [--kind urban|rural] [--households N] "
    "[--population N]\n"
    "[options] rename CODE NAME\n"
    "[options] retire CODE\n"
    "[options] unit add VILLAGE KIND NAME [GRID]\n"
    "[options] unit move VILLAGE KIND NAME GRID|none\n"
    "[options] check [--county CODE | --township CODE | --village CODE]\n"
    "[options] list [grids|areas|units] [--all] [--county CODE | "
    "--township CODE | --village CODE]\n"
    "[options] show CODE\n"
    "[options] board CODE [--html]";

enum {
	OPT_ALL = 0x200,
	OPT_COUNTY,
	OPT_HOUSEHOLDS,
	OPT_HTML,
	OPT_KIND,
	OPT_POPULATION,
	OPT_TOWNSHIP,
	OPT_VILLAGE
};

static const struct option longopts[] = {
	{ "all",	no_argument,	   NULL, OPT_ALL },
	{ "county",	required_argument, NULL, OPT_COUNTY },
	{ "households",	required_argument, NULL, OPT_HOUSEHOLDS },
	{ "html",	no_argument,	   NULL, OPT_HTML },
	{ "kind",	required_argument, NULL, OPT_KIND },
	{ "population",	required_argument, NULL, OPT_POPULATION },
	{ "township",	required_argument, NULL, OPT_TOWNSHIP },
	{ "village",	required_argument, NULL, OPT_VILLAGE },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	struct cli *cli;		/* for messages */
	int all;			/* --all */
	int html;			/* --html */
	const char *scope_opt;		/* "--county" ... */
	const char *scope_code;		/* its code */
	int scope_level;		/* its level */
	struct grid_attrs attrs;	/* --kind, --households, --population */
	int attrs_set;			/* one of those was given */
};

static int
option(void *ctx, int c, const char *arg)
{
	struct opts *o = ctx;

	switch (c) {
	case OPT_ALL:
		o->all = 1;
		return GK_OK;
	case OPT_HTML:
		o->html = 1;
		return GK_OK;
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		if (o->scope_opt != NULL)
			return cli_usage_error(o->cli, "give one of --county, "
			    "--township and --village");
		o->scope_opt = c == OPT_COUNTY ? "--county" :
		    c == OPT_TOWNSHIP ? "--township" : "--village";
		o->scope_level = c == OPT_COUNTY ? AREA_COUNTY :
		    c == OPT_TOWNSHIP ? AREA_TOWNSHIP : AREA_VILLAGE;
		o->scope_code = arg;
		return GK_OK;
	case OPT_KIND:
		o->attrs.kind = arg;
		o->attrs_set = 1;
		return GK_OK;
	case OPT_HOUSEHOLDS:
		o->attrs_set = 1;
		return cli_parse_count(o->cli, "--households", arg,
		    &o->attrs.households);
	case OPT_POPULATION:
		o->attrs_set = 1;
		return cli_parse_count(o->cli, "--population", arg,
		    &o->attrs.population);
	}
	return GK_USAGE;
}

/* Operand count check: between min and max operands after the verb. */
static int
operands(struct cli *cli, int min, int max)
{
	if (cli->argc - 1 < min)
		return cli_usage_error(cli, "%s: too few operands",
		    cli->argv[0]);
	if (cli->argc - 1 > max)
		return cli_usage_error(cli, "%s: unexpected operand \"%s\"",
		    cli->argv[0], cli->argv[max + 1]);
	return GK_OK;
}

static int
do_import(struct cli *cli, struct db *db)
{
	struct grid_import_stats stats;
	enum grid_table table;
	const char *what = cli->argv[1];

	if (strcmp(what, "areas") == 0)
		table = GRID_AREAS;
	else if (strcmp(what, "grids") == 0)
		table = GRID_GRIDS;
	else if (strcmp(what, "units") == 0)
		table = GRID_UNITS;
	else
		return cli_usage_error(cli, "import: \"%s\" is not areas, "
		    "grids or units", what);
	return grid_import(db, cli->config, table,
	    cli->argc > 2 ? cli->argv[2] : "-", &cli->input, cli->max_errors,
	    &stats);
}

static int
do_check(struct cli *cli, struct db *db, struct opts *o)
{
	struct grid_scope scope;
	struct coverage_counts counts;
	struct recout *w;
	int rc;

	rc = grid_scope_parse(db, o->scope_opt, o->scope_code,
	    o->scope_level, &scope);
	if (rc != GK_OK)
		return rc;
	w = cli_out(cli, coverage_cols, coverage_ncols);
	rc = coverage_check(db, cli->config, &scope, w, &counts);
	rc = cli_out_end(w, rc);
	if (rc == GK_OK && counts.errors > 0)
		rc = GK_FINDINGS;
	return rc;
}

static int
do_list(struct cli *cli, struct db *db, struct opts *o)
{
	struct grid_scope scope;
	struct recout *w;
	enum grid_list_what what = LIST_GRIDS;
	const char *arg = cli->argc > 1 ? cli->argv[1] : "grids";
	int rc;

	if (strcmp(arg, "grids") == 0)
		what = LIST_GRIDS;
	else if (strcmp(arg, "areas") == 0)
		what = LIST_AREAS;
	else if (strcmp(arg, "units") == 0)
		what = LIST_UNITS;
	else
		return cli_usage_error(cli, "list: \"%s\" is not grids, areas "
		    "or units", arg);
	rc = grid_scope_parse(db, o->scope_opt, o->scope_code,
	    o->scope_level, &scope);
	if (rc != GK_OK)
		return rc;
	switch (what) {
	case LIST_GRIDS:
		w = cli_out(cli, grid_list_cols, grid_list_ncols);
		break;
	case LIST_AREAS:
		w = cli_out(cli, grid_area_cols, grid_area_ncols);
		break;
	default:
		w = cli_out(cli, grid_unit_cols, grid_unit_ncols);
		break;
	}
	rc = grid_list(db, what, &scope, o->all, w);
	return cli_out_end(w, rc);
}

static int
do_unit(struct cli *cli, struct db *db)
{
	const char *verb = cli->argc > 1 ? cli->argv[1] : "";
	const char *grid;

	if (strcmp(verb, "add") == 0) {
		if (cli->argc < 5 || cli->argc > 6)
			return cli_usage_error(cli, "unit add: give VILLAGE "
			    "KIND NAME and, if it is in one, GRID");
		return grid_unit_add(db, cli->argv[2], cli->argv[3],
		    cli->argv[4], cli->argc > 5 ? cli->argv[5] : NULL);
	}
	if (strcmp(verb, "move") == 0) {
		if (cli->argc != 6)
			return cli_usage_error(cli, "unit move: give VILLAGE "
			    "KIND NAME and GRID (or none)");
		grid = strcmp(cli->argv[5], "none") == 0 ? NULL : cli->argv[5];
		return grid_unit_move(db, cli->argv[2], cli->argv[3],
		    cli->argv[4], grid);
	}
	return cli_usage_error(cli, "unit: \"%s\" is not add or move", verb);
}

/* Which verbs write, and how many operands each takes after the verb. */
static const struct verb {
	const char *name;	/* the verb */
	int write;		/* opens the database for writing */
	int min, max;		/* operands after the verb */
} verbs[] = {
	{ "add",	1, 2, 2 },
	{ "board",	0, 1, 1 },
	{ "check",	0, 0, 0 },
	{ "import",	1, 1, 2 },
	{ "list",	0, 0, 1 },
	{ "rename",	1, 2, 2 },
	{ "retire",	1, 1, 1 },
	{ "show",	0, 1, 1 },
	{ "unit",	1, 1, 5 },
};

int
main(int argc, char *argv[])
{
	struct opts o = { .attrs = { NULL, -1, -1 } };
	struct cli_prog prog = {
		.name = "grid-define",
		.synopsis = synopsis,
		.summary = "administrative areas, grids, units and coverage "
		    "(Art. 4, 5)",
		.longopts = longopts,
		.option = option,
		.ctx = &o,
	};
	struct cli cli;
	struct db *db = NULL;
	const struct verb *v = NULL;
	size_t i;
	int rc;

	cli_init(&cli, &prog, argc, argv);
	o.cli = &cli;
	if ((rc = cli_parse(&cli)) != GK_OK)
		return cli_exit(&cli, rc);
	if (cli.argc == 0) {
		rc = cli_usage_error(&cli, "no command given");
		return cli_exit(&cli, rc);
	}
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(cli.argv[0], verbs[i].name) == 0)
			v = &verbs[i];
	if (v == NULL) {
		rc = cli_usage_error(&cli, "unknown command \"%s\"",
		    cli.argv[0]);
		return cli_exit(&cli, rc);
	}
	if ((rc = operands(&cli, v->min, v->max)) != GK_OK)
		return cli_exit(&cli, rc);
	/* Names and codes pasted from a spreadsheet bring blanks along;
	 * they are trimmed here as in an import, or " 1号楼" and "1号楼"
	 * would be two units. */
	for (i = 1; i < (size_t)cli.argc; i++)
		cli.argv[i] = util_trim_blanks(cli.argv[i]);
	if (o.attrs_set && strcmp(v->name, "add") != 0) {
		rc = cli_usage_error(&cli, "--kind, --households and "
		    "--population go with add");
		return cli_exit(&cli, rc);
	}
	if (o.scope_opt != NULL && strcmp(v->name, "check") != 0 &&
	    strcmp(v->name, "list") != 0) {
		rc = cli_usage_error(&cli, "%s goes with check and list",
		    o.scope_opt);
		return cli_exit(&cli, rc);
	}
	/* An option of another command is an error, never ignored. */
	if ((o.all && strcmp(v->name, "list") != 0) ||
	    (o.html && strcmp(v->name, "board") != 0)) {
		rc = cli_usage_error(&cli, "%s goes with %s", o.all ? "--all" :
		    "--html", o.all ? "list" : "board");
		return cli_exit(&cli, rc);
	}
	/* Showing staff phones in the clear is recorded: that writes. */
	if ((rc = cli_open_db(&cli, &db, v->write || cli.reveal)) != GK_OK)
		return cli_exit(&cli, rc);

	if (strcmp(v->name, "import") == 0)
		rc = do_import(&cli, db);
	else if (strcmp(v->name, "add") == 0)
		rc = grid_add(db, cli.argv[1], cli.argv[2], &o.attrs);
	else if (strcmp(v->name, "rename") == 0)
		rc = grid_rename(db, cli.argv[1], cli.argv[2]);
	else if (strcmp(v->name, "retire") == 0)
		rc = grid_retire(db, cli.argv[1]);
	else if (strcmp(v->name, "unit") == 0)
		rc = do_unit(&cli, db);
	else if (strcmp(v->name, "check") == 0)
		rc = do_check(&cli, db, &o);
	else if (strcmp(v->name, "list") == 0)
		rc = do_list(&cli, db, &o);
	else if (strcmp(v->name, "show") == 0)
		rc = grid_show(db, cli.argv[1], cli.format, cli.reveal, stdout);
	else
		rc = grid_board(db, cli.config, cli.argv[1], o.html, cli.reveal,
		    stdout);
	db_close(db);
	return cli_exit(&cli, rc);
}
