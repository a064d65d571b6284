/*
 * staff-hire - candidates, the selection procedure, hiring, assignments,
 * leaving and training (Art. 5, 8-11, 14).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "clock.h"
#include "codes.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

enum {
	OPT_ACTIVE = 0x200,
	OPT_COUNTY,
	OPT_DATE,
	OPT_FAIL,
	OPT_GRID,
	OPT_HOURS,
	OPT_KEEP_GOING,
	OPT_LEVEL,
	OPT_ON,
	OPT_REASON,
	OPT_REJECTS,
	OPT_ROLE,
	OPT_STAGE,
	OPT_TOPIC,
	OPT_TOWNSHIP,
	OPT_VILLAGE,
	OPT_OPEN,
	OPT_NUMBER,
	OPT_ROUND
};

static const struct option longopts[] = {
	{ "active",	no_argument,	   NULL, OPT_ACTIVE },
	{ "county",	required_argument, NULL, OPT_COUNTY },
	{ "date",	required_argument, NULL, OPT_DATE },
	{ "fail",	no_argument,	   NULL, OPT_FAIL },
	{ "grid",	required_argument, NULL, OPT_GRID },
	{ "hours",	required_argument, NULL, OPT_HOURS },
	{ "keep-going",	no_argument,	   NULL, OPT_KEEP_GOING },
	{ "level",	required_argument, NULL, OPT_LEVEL },
	{ "on",		required_argument, NULL, OPT_ON },
	{ "reason",	required_argument, NULL, OPT_REASON },
	{ "rejects",	required_argument, NULL, OPT_REJECTS },
	{ "role",	required_argument, NULL, OPT_ROLE },
	{ "stage",	required_argument, NULL, OPT_STAGE },
	{ "topic",	required_argument, NULL, OPT_TOPIC },
	{ "township",	required_argument, NULL, OPT_TOWNSHIP },
	{ "village",	required_argument, NULL, OPT_VILLAGE },
	{ "open",	no_argument,	   NULL, OPT_OPEN },
	{ "number",	required_argument, NULL, OPT_NUMBER },
	{ "round",	required_argument, NULL, OPT_ROUND },
	{ NULL, 0, NULL, 0 }
};

/* The program's options, as given. */
static struct opts {
	int open;		/* --open */
	int active;		/* --active */
	int fail;		/* --fail */
	int keep_going;		/* --keep-going */
	const char *grid;	/* --grid */
	struct cli_scope scope;	/* --village, --township or --county */
	const char *role;	/* --role */
	const char *stage;	/* --stage */
	const char *reason;	/* --reason */
	const char *rejects;	/* --rejects */
	const char *on;		/* --on */
	const char *level;	/* --level */
	const char *date;	/* --date */
	const char *hours;	/* --hours */
	const char *topic;	/* --topic */
	const char *number;	/* --number */
	const char *round;	/* --round */
} o;

/* The kind of id staff-hire reads: "id" heads a listing, "staff" the
 * staff column of a training sheet. */
static const struct cli_idkind staff_ids = {
	N_("staff id"), N_("staff ids"),
	(const char *const []){ "id", "staff", "staff_id", "编号", "人员编号",
	    "工号", NULL },
	NULL
};

static int
option(struct cli *cli, int c, const char *arg)
{
	struct grid_code gc;
	char expl[VOCAB_EXPLAIN_MAX];
	const char *why;

	switch (c) {
	case OPT_OPEN:		o.open = 1; break;
	case OPT_ACTIVE:	o.active = 1; break;
	case OPT_FAIL:		o.fail = 1; break;
	case OPT_KEEP_GOING:	o.keep_going = 1; break;
	case OPT_GRID:
		if (code_parse_grid(arg, &gc, &why) == -1)
			return cli_usage_error(cli, _("--grid \"%s\": %s"), arg,
			    why);
		o.grid = arg;
		break;
	case OPT_ROLE:
		if (staff_role_parse(arg) == NULL)
			return cli_usage_error(cli, _("--role %s"),
			    vocab_explain(
			    VOCAB_ROLE, arg, expl, sizeof expl));
		o.role = arg;
		break;
	case OPT_STAGE:
		if (staff_stage_parse(arg) < 0)
			return cli_usage_error(cli, _("--stage %s"),
			    vocab_explain(
			    VOCAB_STAGE, arg, expl, sizeof expl));
		o.stage = arg;
		break;
	case OPT_REASON:	o.reason = arg; break;
	case OPT_REJECTS:	o.rejects = arg; break;
	case OPT_ON:		o.on = arg; break;
	case OPT_LEVEL:		o.level = arg; break;
	case OPT_DATE:		o.date = arg; break;
	case OPT_HOURS:		o.hours = arg; break;
	case OPT_TOPIC:		o.topic = arg; break;
	case OPT_NUMBER:	o.number = arg; break;
	case OPT_ROUND:		o.round = arg; break;
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		return cli_scope_take(cli, &o.scope, c, arg);
	default:
		return GK_USAGE;
	}
	return GK_OK;
}

static int
parse_stage(struct cli *cli, const char *s, int *stage)
{
	char expl[VOCAB_EXPLAIN_MAX];

	if (s == NULL)
		return cli_usage_error(cli, _("%s needs --stage STAGE"),
		    cli->argv[0]);
	if ((*stage = staff_stage_parse(s)) < 0)
		return cli_usage_error(cli, _("--stage %s"), vocab_explain(
		    VOCAB_STAGE, s, expl, sizeof expl));
	return GK_OK;
}

static int
do_apply(struct cli *cli, struct db *db)
{
	struct staff_apply_opts ao = { o.keep_going, o.rejects,
	    cli->max_errors, cli->reveal, o.round, cli->excel,
	    strcmp(cli->argv[0], "enrol") == 0 };
	struct staff_apply_stats stats;
	struct recout *w = NULL;
	int rc;

	if (o.rejects != NULL && !o.keep_going)
		return cli_usage_error(cli, _("--rejects goes with "
		    "--keep-going"));
	/* A person reads a table; a pipe gets one staff id per line. */
	if (cli->format_set || isatty(STDOUT_FILENO))
		w = cli_out(cli, staff_apply_cols, staff_apply_ncols);
	rc = staff_apply(db, cli->config, cli->argc > 1 ? cli->argv[1] : NULL,
	    &cli->input, &ao, w, stdout, &stats);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	return rc;
}

/* announce: a round opened by its announcement, with its posts. */
static int
do_announce(struct cli *cli, struct db *db)
{
	struct staff_round r;
	struct area_code ac;
	const char *why = _("not a county code");
	char county[16];

	if (o.number == NULL || o.date == NULL || o.scope.opt == NULL ||
	    o.scope.level != AREA_COUNTY)
		return cli_usage_error(cli, _("announce needs --number NUMBER, "
		    "--date DATE and --county CODE"));
	if (*o.number == '\0' || strlen(o.number) > 100 ||
	    strpbrk(o.number, "\t\r\n") != NULL)
		return cli_usage_error(cli, _("--number: one line of text, at "
		    "most 100 bytes"));
	if (day_parse(o.date, &r.announced, &why) == -1)
		return cli_usage_error(cli, _("--date \"%s\": %s"),
		    o.date, why);
	if (code_parse_area(o.scope.code, &ac, &why) == -1 ||
	    ac.level != AREA_COUNTY)
		return cli_usage_error(cli, _("--county \"%s\": %s"),
		    o.scope.code, why);
	r.number = o.number;
	r.county = code_short(ac.code, AREA_COUNTY, county);
	return staff_announce(db, cli->config, &r, cli->argc > 1 ?
	    cli->argv[1] : NULL, &cli->input, cli->max_errors);
}

static int
do_rounds(struct cli *cli, struct db *db)
{
	struct recout *w;
	int rc;

	w = cli_out(cli, staff_round_cols, staff_round_ncols);
	rc = staff_rounds(db, o.round, w);
	return cli_out_end(w, rc);
}

/* declare and score: sheets about people registered already. */
static int
do_sheet(struct cli *cli, struct db *db)
{
	struct staff_sheet_opts so = { cli->max_errors, cli->reveal };
	const char *path = cli->argc > 1 ? cli->argv[1] : NULL;

	if (strcmp(cli->verb->name, "declare") == 0)
		return staff_declare(db, cli->config, path, &cli->input, &so);
	if (strcmp(cli->verb->name, "contacts") == 0)
		return staff_contacts(db, cli->config, path, &cli->input, &so);
	return staff_score(db, cli->config, path, &cli->input, &so);
}

static int
do_advance(struct cli *cli, struct db *db)
{
	struct calendar *cal = NULL;
	long long *ids = NULL;
	size_t n;
	int rc, stage = -1;

	if (o.fail) {
		if (o.stage != NULL)
			return cli_usage_error(cli, _("advance --fail rejects "
			    "at the current stage: give no --stage"));
		if (o.reason == NULL || *o.reason == '\0')
			return cli_usage_error(cli, _("advance --fail needs "
			    "--reason TEXT"));
	} else {
		if ((rc = parse_stage(cli, o.stage, &stage)) != GK_OK)
			return rc;
		if (stage != STAGE_HIRED && (o.grid || o.role))
			return cli_usage_error(cli, _("--grid and --role go "
			    "with --stage hired"));
	}
	if ((rc = cli_ids(cli, &staff_ids, 1, &ids, &n)) != GK_OK)
		return rc;
	if ((rc = cli_ids_unique(&staff_ids, ids, n)) != GK_OK) {
		free(ids);
		return rc;
	}
	if (n == 0)
		return GK_OK;
	if (o.fail)
		rc = staff_fail(db, ids, n, o.reason);
	else if ((rc = cli_calendar(cli, &cal)) == GK_OK)
		rc = staff_advance(db, cli->config, cal, stage, ids, n,
		    o.grid, o.role);
	cal_free(cal);
	free(ids);
	return rc;
}

/* The filter of list and vacancies: one area, a role. */
static int
filter(struct cli *cli, struct staff_filter *f, char prefix[16])
{
	struct cli_scope scope = o.scope;
	int rc;

	/* --grid is also the grid of a hire; for a listing it is a place. */
	if (o.grid != NULL && (rc = cli_scope_option(cli, &scope, "--grid",
	    o.grid)) != GK_OK)
		return rc;
	if ((rc = cli_scope_prefix(cli, &scope, prefix)) != GK_OK)
		return rc;
	if (*prefix != '\0')
		f->area = prefix;
	if (o.role != NULL)
		f->role = staff_role_parse(o.role);
	return GK_OK;
}

static int
do_list(struct cli *cli, struct db *db)
{
	struct staff_filter f = { NULL, NULL, -1, o.active };
	struct recout *w;
	char prefix[16];
	int rc;

	if ((rc = filter(cli, &f, prefix)) != GK_OK)
		return rc;
	if (o.stage != NULL && (rc = parse_stage(cli, o.stage, &f.stage))
	    != GK_OK)
		return rc;
	w = cli_out(cli, staff_list_cols, staff_list_ncols);
	rc = staff_list(db, &f, cli->reveal, w);
	return cli_out_end(w, rc);
}

static int
do_vacancies(struct cli *cli, struct db *db)
{
	struct staff_filter f = { NULL, NULL, -1, o.open };
	struct recout *w;
	char prefix[16];
	int rc;

	if ((rc = filter(cli, &f, prefix)) != GK_OK)
		return rc;
	w = cli_out(cli, staff_vacancy_cols, staff_vacancy_ncols);
	rc = staff_vacancies(db, &f, w);
	return cli_out_end(w, rc);
}

static int
do_train(struct cli *cli, struct db *db)
{
	long long id;
	int rc;

	if (o.level == NULL && o.date == NULL && o.hours == NULL &&
	    o.topic == NULL) {
		return staff_train_import(db, cli->config, cli->argc > 1 ?
		    cli->argv[1] : NULL, &cli->input, cli->max_errors,
		    cli->reveal);
	}
	if ((rc = cli_id(cli, &staff_ids, &id)) != GK_OK)
		return rc;
	if (!o.level || !o.date || !o.hours || !o.topic)
		return cli_usage_error(cli, _("train ID needs --level, --date, "
		    "--hours and --topic"));
	return staff_train_one(db, id, o.level, o.date, o.hours, o.topic);
}


static int
do_rank(struct cli *cli, struct db *db)
{
	struct recout *w;
	int rc, stage = -1;

	if ((rc = parse_stage(cli, o.stage, &stage)) != GK_OK)
		return rc;
	w = cli_out(cli, staff_rank_cols, staff_rank_ncols);
	rc = staff_rank(db, cli->config, stage, o.round, w);
	return cli_out_end(w, rc);
}

static int
do_hire(struct cli *cli, struct db *db)
{
	long long id;
	int rc;

	if ((rc = cli_id(cli, &staff_ids, &id)) != GK_OK)
		return rc;
	return staff_hire(db, cli->config, id, o.grid, o.role);
}

/* assign and transfer. */
static int
do_assign(struct cli *cli, struct db *db)
{
	long long id;
	int rc;

	if ((rc = cli_id(cli, &staff_ids, &id)) != GK_OK)
		return rc;
	if (o.grid == NULL)
		return cli_usage_error(cli, _("%s needs --grid CODE"),
		    cli->verb->name);
	return staff_assign(db, cli->config, id, o.grid, o.role,
	    strcmp(cli->verb->name, "transfer") == 0);
}

static int
do_leave(struct cli *cli, struct db *db)
{
	const char *why;
	long long id;
	gk_day day;
	int rc;

	if ((rc = cli_id(cli, &staff_ids, &id)) != GK_OK)
		return rc;
	if (o.reason == NULL || o.on == NULL)
		return cli_usage_error(cli, _("leave needs --reason REASON and "
		    "--on DATE"));
	if (day_parse(o.on, &day, &why) == -1)
		return cli_usage_error(cli, _("--on \"%s\": %s"), o.on, why);
	return staff_leave(db, id, o.reason, day);
}

static int
do_show(struct cli *cli, struct db *db)
{
	long long id;
	FILE *fp;
	int rc;

	if ((rc = cli_id(cli, &staff_ids, &id)) != GK_OK ||
	    (rc = cli_doc(cli, &fp)) != GK_OK)
		return rc;
	return cli_doc_end(cli, staff_show(db, id, cli->reveal, cli->format,
	    fp));
}

#define AREA OPT_GRID, OPT_VILLAGE, OPT_TOWNSHIP, OPT_COUNTY

/* The verbs, in the order of the SYNOPSIS of staff-hire(1). */
static const struct cli_verb verbs[] = {
	{ "announce", do_announce, CLI_DB_WRITE,
	    (const int []){ OPT_NUMBER, OPT_DATE, OPT_COUNTY, 0 }, 0, 1,
	    "announce --number NUMBER --date DATE --county CODE [FILE|-]" },
	{ "rounds", do_rounds, CLI_DB_READ, (const int []){ OPT_ROUND, 0 },
	    0, 0, "rounds [--round NUMBER]" },
	{ "apply", do_apply, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_REJECTS, OPT_ROUND, 0 }, 0, 1,
	    "apply [--round NUMBER] [--keep-going] [--rejects FILE] [FILE|-]" },
	{ "enrol", do_apply, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_REJECTS, 0 }, 0, 1,
	    "enrol [--keep-going] [--rejects FILE] [FILE|-]" },
	{ "declare", do_sheet, CLI_DB_WRITE, NULL, 0, 1,
	    "declare [FILE|-]" },
	{ "score", do_sheet, CLI_DB_WRITE, NULL, 0, 1, "score [FILE|-]" },
	{ "contacts", do_sheet, CLI_DB_WRITE, NULL, 0, 1,
	    "contacts [FILE|-]" },
	{ "advance", do_advance, CLI_DB_WRITE,
	    (const int []){ OPT_STAGE, OPT_FAIL, OPT_REASON, OPT_GRID,
	    OPT_ROLE, 0 }, 0, -1,
	    "advance --stage STAGE [--grid CODE] [--role ROLE] [ID ...|-]\n"
	    "advance --fail --reason TEXT [ID ...|-]" },
	{ "rank", do_rank, CLI_DB_READ,
	    (const int []){ OPT_STAGE, OPT_ROUND, 0 }, 0, 0,
	    "rank --stage STAGE [--round NUMBER]" },
	{ "hire", do_hire, CLI_DB_WRITE,
	    (const int []){ OPT_GRID, OPT_ROLE, 0 }, 1, 1,
	    "hire ID [--grid CODE] [--role ROLE]" },
	{ "assign", do_assign, CLI_DB_WRITE,
	    (const int []){ OPT_GRID, OPT_ROLE, 0 }, 1, 1,
	    "assign ID --grid CODE [--role ROLE]" },
	{ "transfer", do_assign, CLI_DB_WRITE,
	    (const int []){ OPT_GRID, OPT_ROLE, 0 }, 1, 1,
	    "transfer ID --grid CODE [--role ROLE]" },
	{ "leave", do_leave, CLI_DB_WRITE,
	    (const int []){ OPT_REASON, OPT_ON, 0 }, 1, 1,
	    "leave ID --reason REASON --on DATE" },
	{ "list", do_list, CLI_DB_READ,
	    (const int []){ AREA, OPT_ROLE, OPT_STAGE, OPT_ACTIVE, 0 }, 0, 0,
	    "list [--grid CODE | --village CODE | --township CODE | "
	    "--county CODE] [--role ROLE] [--stage STAGE] [--active]" },
	{ "show", do_show, CLI_DB_READ, NULL, 1, 1, "show ID" },
	{ "vacancies", do_vacancies, CLI_DB_READ,
	    (const int []){ AREA, OPT_ROLE, OPT_OPEN, 0 }, 0, 0,
	    "vacancies [--grid CODE | --village CODE | --township CODE | "
	    "--county CODE] [--role ROLE] [--open]" },
	{ "train", do_train, CLI_DB_WRITE,
	    (const int []){ OPT_LEVEL, OPT_DATE, OPT_HOURS, OPT_TOPIC, 0 },
	    0, 1,
	    "train [FILE|-]\n"
	    "train ID --level LEVEL --date DATE --hours N --topic TEXT" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "staff-hire",
	.summary = N_("candidates, selection, hiring, assignments, leaving "
	    "and training (Art. 5, 8-11, 14)"),
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
	/* The staff policy must make sense before anyone is hired. */
	.config_checks = (cli_config_check *const []){ staff_check_config,
	    NULL },
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
