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

/* The program's options, as given. */
static struct opts {
	int all;			/* --all */
	int html;			/* --html */
	struct cli_scope scope;		/* --county, --township, --village */
	struct grid_attrs attrs;	/* --kind, --households, --population */
} o = { .attrs = { NULL, -1, -1 } };

static int
option(struct cli *cli, int c, const char *arg)
{
	switch (c) {
	case OPT_ALL:
		o.all = 1;
		return GK_OK;
	case OPT_HTML:
		o.html = 1;
		return GK_OK;
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		return cli_scope_take(cli, &o.scope, c, arg);
	case OPT_KIND:
		o.attrs.kind = arg;
		return GK_OK;
	case OPT_HOUSEHOLDS:
		return cli_parse_count(cli, "--households", arg,
		    &o.attrs.households);
	case OPT_POPULATION:
		return cli_parse_count(cli, "--population", arg,
		    &o.attrs.population);
	}
	return GK_USAGE;
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
	    cli->argc > 2 ? cli->argv[2] : NULL, &cli->input, cli->max_errors,
	    cli->reveal, &stats);
}

static int
do_check(struct cli *cli, struct db *db)
{
	struct grid_scope scope;
	struct coverage_counts counts;
	struct recout *w;
	int rc;

	rc = grid_scope_parse(db, o.scope.opt, o.scope.code,
	    o.scope.level, &scope);
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
do_list(struct cli *cli, struct db *db)
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
	rc = grid_scope_parse(db, o.scope.opt, o.scope.code,
	    o.scope.level, &scope);
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
	rc = grid_list(db, what, &scope, o.all, w);
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

static int
do_add(struct cli *cli, struct db *db)
{
	return grid_add(db, cli->argv[1], cli->argv[2], &o.attrs);
}

static int
do_rename(struct cli *cli, struct db *db)
{
	return grid_rename(db, cli->argv[1], cli->argv[2]);
}

static int
do_retire(struct cli *cli, struct db *db)
{
	return grid_retire(db, cli->argv[1]);
}

static int
do_show(struct cli *cli, struct db *db)
{
	FILE *fp;
	int rc;

	if ((fp = cli_doc_open(cli, &rc)) == NULL)
		return rc;
	return cli_doc_end(cli, fp, grid_show(db, cli->argv[1], cli->format,
	    cli->reveal, fp));
}

static int
do_board(struct cli *cli, struct db *db)
{
	FILE *fp;
	int rc;

	if ((fp = cli_doc_open(cli, &rc)) == NULL)
		return rc;
	return cli_doc_end(cli, fp, grid_board(db, cli->config, cli->argv[1],
	    o.html, cli->reveal, fp));
}

#define SCOPE OPT_COUNTY, OPT_TOWNSHIP, OPT_VILLAGE

/* The verbs, in the order of the SYNOPSIS of grid-define(1). */
static const struct cli_verb verbs[] = {
	{ "import", do_import, CLI_DB_WRITE, NULL, 1, 2,
	    "import areas|grids|units [FILE|-]" },
	{ "add", do_add, CLI_DB_WRITE,
	    (const int []){ OPT_KIND, OPT_HOUSEHOLDS, OPT_POPULATION, 0 },
	    2, 2, "add CODE NAME [--kind urban|rural|dedicated] "
	    "[--households N] [--population N]" },
	{ "rename", do_rename, CLI_DB_WRITE, NULL, 2, 2, "rename CODE NAME" },
	{ "retire", do_retire, CLI_DB_WRITE, NULL, 1, 1, "retire CODE" },
	{ "unit", do_unit, CLI_DB_WRITE, NULL, 1, 5,
	    "unit add VILLAGE KIND NAME [GRID]\n"
	    "unit move VILLAGE KIND NAME GRID|none" },
	{ "check", do_check, CLI_DB_READ, (const int []){ SCOPE, 0 }, 0, 0,
	    "check [--county CODE | --township CODE | --village CODE]" },
	{ "list", do_list, CLI_DB_READ, (const int []){ OPT_ALL, SCOPE, 0 },
	    0, 1, "list [grids|areas|units] [--all] [--county CODE | "
	    "--township CODE | --village CODE]" },
	{ "show", do_show, CLI_DB_READ, NULL, 1, 1, "show CODE" },
	{ "board", do_board, CLI_DB_READ, (const int []){ OPT_HTML, 0 }, 1, 1,
	    "board CODE [--html]" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "grid-define",
	.summary = "administrative areas, grids, units and coverage "
	    "(Art. 4, 5)",
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
	.config_checks = (cli_config_check *const []){ grid_check_config,
	    NULL },
	/* Names and codes pasted from a spreadsheet bring blanks along;
	 * they are trimmed as in an import, or " 1号楼" and "1号楼" would
	 * be two units. */
	.trim_operands = 1,
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
