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
#include "staff.h"
#include "status.h"
#include "util.h"

static const char synopsis[] =
    "[options] apply [--keep-going] [--rejects FILE] [FILE|-]\n"
    "[options] advance --stage STAGE [--grid CODE] [--role ROLE] [ID ...|-]\n"
    "[options] advance --fail --reason TEXT [ID ...|-]\n"
    "[options] rank --stage STAGE\n"
    "[options] hire ID [--grid CODE] [--role ROLE]\n"
    "[options] assign ID --grid CODE [--role ROLE]\n"
    "[options] transfer ID --grid CODE [--role ROLE]\n"
    "[options] leave ID --reason REASON --on DATE\n"
    "[options] list [--grid CODE | --village CODE | --township CODE | "
    "--county CODE] [--role ROLE] [--stage STAGE] [--active]\n"
    "[options] show ID\n"
    "[options] vacancies [--grid CODE | --village CODE | --township CODE | "
    "--county CODE] [--role ROLE] [--open]\n"
    "[options] train [FILE|-]\n"
    "[options] train ID --level LEVEL --date DATE --hours N --topic TEXT";

enum {
	OPT_FIRST = 0x200,
	OPT_ACTIVE = OPT_FIRST,
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
	OPT_LAST
};

/* The options each verb takes, as bits (1 << (OPT_x - OPT_FIRST)). */
#define B(o) (1u << ((o) - OPT_FIRST))
#define AREA (B(OPT_GRID) | B(OPT_VILLAGE) | B(OPT_TOWNSHIP) | B(OPT_COUNTY))

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
	{ NULL, 0, NULL, 0 }
};

struct opts {
	struct cli *cli;	/* for messages */
	unsigned given;		/* the options given, as bits */
	int open;		/* --open */
	int active;		/* --active */
	int fail;		/* --fail */
	int keep_going;		/* --keep-going */
	const char *grid;	/* --grid */
	const char *area_opt;	/* --village, --township or --county */
	const char *area;	/* its code */
	int area_level;		/* its level */
	const char *role;	/* --role */
	const char *stage;	/* --stage */
	const char *reason;	/* --reason */
	const char *rejects;	/* --rejects */
	const char *on;		/* --on */
	const char *level;	/* --level */
	const char *date;	/* --date */
	const char *hours;	/* --hours */
	const char *topic;	/* --topic */
};

static int
option(void *ctx, int c, const char *arg)
{
	struct opts *o = ctx;

	if (c >= OPT_FIRST && c < OPT_LAST)
		o->given |= B(c);
	switch (c) {
	case OPT_OPEN:		o->open = 1; break;
	case OPT_ACTIVE:	o->active = 1; break;
	case OPT_FAIL:		o->fail = 1; break;
	case OPT_KEEP_GOING:	o->keep_going = 1; break;
	case OPT_GRID:		o->grid = arg; break;
	case OPT_ROLE:		o->role = arg; break;
	case OPT_STAGE:		o->stage = arg; break;
	case OPT_REASON:	o->reason = arg; break;
	case OPT_REJECTS:	o->rejects = arg; break;
	case OPT_ON:		o->on = arg; break;
	case OPT_LEVEL:		o->level = arg; break;
	case OPT_DATE:		o->date = arg; break;
	case OPT_HOURS:		o->hours = arg; break;
	case OPT_TOPIC:		o->topic = arg; break;
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		if (o->area_opt != NULL)
			return cli_usage_error(o->cli, "give one of --village, "
			    "--township and --county");
		o->area_opt = c == OPT_COUNTY ? "--county" :
		    c == OPT_TOWNSHIP ? "--township" : "--village";
		o->area_level = c == OPT_COUNTY ? AREA_COUNTY :
		    c == OPT_TOWNSHIP ? AREA_TOWNSHIP : AREA_VILLAGE;
		o->area = arg;
		break;
	default:
		return GK_USAGE;
	}
	return GK_OK;
}

/* One staff id operand. */
static int
one_id(struct cli *cli, long long *id)
{
	const char *why;

	if (cli->argc != 2)
		return cli_usage_error(cli, "%s: give one staff id",
		    cli->argv[0]);
	if (util_parse_long(cli->argv[1], 1, 9223372036854775807LL, id, &why)
	    == -1)
		return cli_usage_error(cli, "%s: \"%s\" is not a staff id",
		    cli->argv[0], cli->argv[1]);
	return GK_OK;
}

static int
parse_stage(struct cli *cli, const char *s, int *stage)
{
	if (s == NULL)
		return cli_usage_error(cli, "%s needs --stage STAGE",
		    cli->argv[0]);
	if ((*stage = staff_stage_parse(s)) < 0)
		return cli_usage_error(cli, "--stage \"%s\": not a stage "
		    "(announcement, registration, qualification, exam, "
		    "physical, political, publicity, training, hired)", s);
	return GK_OK;
}

static int
do_apply(struct cli *cli, struct db *db, struct opts *o)
{
	struct staff_apply_opts ao = { o->keep_going, o->rejects,
	    cli->max_errors, cli->reveal };
	struct staff_apply_stats stats;
	struct recout *w = NULL;
	int rc;

	if (cli->argc > 2)
		return cli_usage_error(cli, "apply: one file at a time");
	if (o->rejects != NULL && !o->keep_going)
		return cli_usage_error(cli, "--rejects goes with --keep-going");
	/* A person reads a table; a pipe gets one staff id per line. */
	if (cli->format_set || isatty(STDOUT_FILENO))
		w = cli_out(cli, staff_apply_cols, staff_apply_ncols);
	rc = staff_apply(db, cli->config, cli->argc > 1 ? cli->argv[1] : "-",
	    &cli->input, &ao, w, stdout, &stats);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	return rc;
}

static int
do_advance(struct cli *cli, struct db *db, struct opts *o)
{
	struct calendar *cal = NULL;
	long long *ids = NULL;
	size_t n;
	int rc, stage;

	if (o->fail) {
		if (o->stage != NULL)
			return cli_usage_error(cli, "advance --fail rejects at "
			    "the current stage: give no --stage");
		if (o->reason == NULL || *o->reason == '\0')
			return cli_usage_error(cli, "advance --fail needs "
			    "--reason TEXT");
	} else {
		if ((rc = parse_stage(cli, o->stage, &stage)) != GK_OK)
			return rc;
		if (stage != STAGE_HIRED && (o->grid || o->role))
			return cli_usage_error(cli, "--grid and --role go "
			    "with --stage hired");
	}
	if ((rc = cli_ids(cli, 1, &ids, &n)) != GK_OK)
		return rc;
	if ((rc = cli_ids_unique(ids, n)) != GK_OK) {
		free(ids);
		return rc;
	}
	if (n == 0)
		return GK_OK;
	if (o->fail)
		rc = staff_fail(db, ids, n, o->reason);
	else if ((rc = cli_calendar(cli, &cal)) == GK_OK)
		rc = staff_advance(db, cli->config, cal, stage, ids, n,
		    o->grid, o->role);
	cal_free(cal);
	free(ids);
	return rc;
}

/* The filter of list and vacancies: one area, a role. */
static int
filter(struct cli *cli, struct opts *o, struct staff_filter *f,
    char prefix[16])
{
	struct area_code ac;
	struct grid_code gc;
	const char *why;

	if (o->grid != NULL && o->area_opt != NULL)
		return cli_usage_error(cli, "give one of --grid, --village, "
		    "--township and --county");
	if (o->grid != NULL) {
		code_parse_grid(o->grid, &gc, &why);
		snprintf(prefix, 16, "%s", gc.code);
		f->area = prefix;
	} else if (o->area_opt != NULL) {
		if (code_parse_area(o->area, &ac, &why) == -1)
			return cli_usage_error(cli, "%s \"%s\": %s", o->area_opt,
			    o->area, why);
		if (ac.level != o->area_level)
			return cli_usage_error(cli, "%s \"%s\": a %s code, not a "
			    "%s code", o->area_opt, o->area,
			    code_level_name(ac.level),
			    code_level_name(o->area_level));
		code_short(ac.code, ac.level, prefix);
		f->area = prefix;
	}
	if (o->role != NULL)
		f->role = staff_role_parse(o->role);
	return GK_OK;
}

static int
do_list(struct cli *cli, struct db *db, struct opts *o)
{
	struct staff_filter f = { NULL, NULL, -1, o->active };
	struct recout *w;
	char prefix[16];
	int rc;

	if ((rc = filter(cli, o, &f, prefix)) != GK_OK)
		return rc;
	if (o->stage != NULL && (rc = parse_stage(cli, o->stage, &f.stage))
	    != GK_OK)
		return rc;
	w = cli_out(cli, staff_list_cols, staff_list_ncols);
	rc = staff_list(db, &f, cli->reveal, w);
	return cli_out_end(w, rc);
}

static int
do_vacancies(struct cli *cli, struct db *db, struct opts *o)
{
	struct staff_filter f = { NULL, NULL, -1, o->open };
	struct recout *w;
	char prefix[16];
	int rc;

	if (cli->argc != 1)
		return cli_usage_error(cli, "vacancies takes no operands");
	if ((rc = filter(cli, o, &f, prefix)) != GK_OK)
		return rc;
	w = cli_out(cli, staff_vacancy_cols, staff_vacancy_ncols);
	rc = staff_vacancies(db, &f, w);
	return cli_out_end(w, rc);
}

static int
do_train(struct cli *cli, struct db *db, struct opts *o)
{
	long long id;
	int rc;

	if (o->level == NULL && o->date == NULL && o->hours == NULL &&
	    o->topic == NULL) {
		if (cli->argc > 2)
			return cli_usage_error(cli, "train: one file at a time");
		return staff_train_import(db, cli->config, cli->argc > 1 ?
		    cli->argv[1] : "-", &cli->input, cli->max_errors);
	}
	if ((rc = one_id(cli, &id)) != GK_OK)
		return rc;
	if (!o->level || !o->date || !o->hours || !o->topic)
		return cli_usage_error(cli, "train ID needs --level, --date, "
		    "--hours and --topic");
	return staff_train_one(db, id, o->level, o->date, o->hours, o->topic);
}

/* The verbs: whether they write, and the options they take. */
static const struct verb {
	const char *name;	/* the verb */
	int write;		/* opens the database for writing */
	unsigned opts;		/* its own options, as bits */
} verbs[] = {
	{ "advance", 1, B(OPT_STAGE) | B(OPT_FAIL) | B(OPT_REASON) |
	    B(OPT_GRID) | B(OPT_ROLE) },
	{ "apply", 1, B(OPT_KEEP_GOING) | B(OPT_REJECTS) },
	{ "assign", 1, B(OPT_GRID) | B(OPT_ROLE) },
	{ "hire", 1, B(OPT_GRID) | B(OPT_ROLE) },
	{ "leave", 1, B(OPT_REASON) | B(OPT_ON) },
	{ "list", 0, AREA | B(OPT_ROLE) | B(OPT_STAGE) | B(OPT_ACTIVE) },
	{ "rank", 0, B(OPT_STAGE) },
	{ "show", 0, 0 },
	{ "train", 1, B(OPT_LEVEL) | B(OPT_DATE) | B(OPT_HOURS) |
	    B(OPT_TOPIC) },
	{ "transfer", 1, B(OPT_GRID) | B(OPT_ROLE) },
	{ "vacancies", 0, AREA | B(OPT_ROLE) | B(OPT_OPEN) },
};

/* Options given that the verb does not take are an error, not ignored;
 * a --grid or --role that cannot be one is one too. */
static int
check_options(struct cli *cli, const struct opts *o, const struct verb *v)
{
	struct grid_code gc;
	const char *why;
	unsigned extra = o->given & ~v->opts;
	int i;

	for (i = 0; i < OPT_LAST - OPT_FIRST; i++)
		if (extra & (1u << i))
			return cli_usage_error(cli, "--%s does not go with %s",
			    longopts[i].name, v->name);
	if (o->grid != NULL && code_parse_grid(o->grid, &gc, &why) == -1)
		return cli_usage_error(cli, "--grid \"%s\": %s", o->grid, why);
	if (o->role != NULL && staff_role_parse(o->role) == NULL)
		return cli_usage_error(cli, "--role \"%s\": not leader, "
		    "full_time, part_time or assistant", o->role);
	return GK_OK;
}

int
main(int argc, char *argv[])
{
	struct opts o = { 0 };
	struct cli_prog prog = {
		.name = "staff-hire",
		.synopsis = synopsis,
		.summary = "candidates, selection, hiring, assignments, leaving "
		    "and training (Art. 5, 8-11, 14)",
		.longopts = longopts,
		.option = option,
		.ctx = &o,
	};
	struct cli cli;
	struct db *db = NULL;
	const struct verb *v = NULL;
	const char *why;
	long long id;
	gk_day day;
	size_t i;
	int rc, stage;

	cli_init(&cli, &prog, argc, argv);
	o.cli = &cli;
	if ((rc = cli_parse(&cli)) != GK_OK)
		return cli_exit(&cli, rc);
	if (cli.argc == 0)
		return cli_exit(&cli, cli_usage_error(&cli, "no command given"));
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(cli.argv[0], verbs[i].name) == 0)
			v = &verbs[i];
	if (v == NULL)
		return cli_exit(&cli, cli_usage_error(&cli, "unknown command "
		    "\"%s\"", cli.argv[0]));
	if ((rc = check_options(&cli, &o, v)) != GK_OK)
		return cli_exit(&cli, rc);
	/* Showing personal data in the clear is recorded: that writes. */
	if ((rc = cli_open_db(&cli, &db, v->write || cli.reveal)) != GK_OK)
		return cli_exit(&cli, rc);

	if (strcmp(v->name, "apply") == 0)
		rc = do_apply(&cli, db, &o);
	else if (strcmp(v->name, "advance") == 0)
		rc = do_advance(&cli, db, &o);
	else if (strcmp(v->name, "rank") == 0) {
		if (cli.argc != 1)
			rc = cli_usage_error(&cli, "rank takes no operands");
		else if ((rc = parse_stage(&cli, o.stage, &stage)) == GK_OK) {
			struct recout *w = cli_out(&cli, staff_rank_cols,
			    staff_rank_ncols);

			rc = staff_rank(db, stage, w);
			rc = cli_out_end(w, rc);
		}
	} else if (strcmp(v->name, "hire") == 0) {
		if ((rc = one_id(&cli, &id)) == GK_OK)
			rc = staff_hire(db, cli.config, id, o.grid, o.role);
	} else if (strcmp(v->name, "assign") == 0 ||
	    strcmp(v->name, "transfer") == 0) {
		if ((rc = one_id(&cli, &id)) == GK_OK && o.grid == NULL)
			rc = cli_usage_error(&cli, "%s needs --grid CODE",
			    v->name);
		if (rc == GK_OK)
			rc = staff_assign(db, cli.config, id, o.grid, o.role,
			    strcmp(v->name, "transfer") == 0);
	} else if (strcmp(v->name, "leave") == 0) {
		if ((rc = one_id(&cli, &id)) == GK_OK &&
		    (o.reason == NULL || o.on == NULL))
			rc = cli_usage_error(&cli, "leave needs --reason REASON "
			    "and --on DATE");
		if (rc == GK_OK && day_parse(o.on, &day, &why) == -1)
			rc = cli_usage_error(&cli, "--on \"%s\": %s", o.on, why);
		if (rc == GK_OK)
			rc = staff_leave(db, id, o.reason, day);
	} else if (strcmp(v->name, "list") == 0)
		rc = cli.argc == 1 ? do_list(&cli, db, &o) :
		    cli_usage_error(&cli, "list takes no operands");
	else if (strcmp(v->name, "vacancies") == 0)
		rc = do_vacancies(&cli, db, &o);
	else if (strcmp(v->name, "show") == 0) {
		if ((rc = one_id(&cli, &id)) == GK_OK)
			rc = staff_show(db, id, cli.reveal, cli.format, stdout);
	} else
		rc = do_train(&cli, db, &o);
	db_close(db);
	return cli_exit(&cli, rc);
}
