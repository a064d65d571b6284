/*
 * case-route - the six-step closed loop of cases: filing, assignment,
 * handling, feedback, closing, transfer, escalation, deadlines and the
 * cron job that escalates what runs late (Art. 12, 13).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "case.h"
#include "cli.h"
#include "codes.h"
#include "db.h"
#include "diag.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

enum {
	OPT_CARD = 0x200,
	OPT_COUNTY,
	OPT_DUE_WITHIN,
	OPT_GRID,
	OPT_KEEP_GOING,
	OPT_LEVEL,
	OPT_LIGHT,
	OPT_NOTE,
	OPT_OPEN,
	OPT_OVERDUE,
	OPT_REASON,
	OPT_RESULT,
	OPT_SATISFACTION,
	OPT_STEP,
	OPT_TO,
	OPT_TOWNSHIP,
	OPT_VILLAGE,
	OPT_WAIT
};

static const struct option longopts[] = {
	{ "card",	required_argument, NULL, OPT_CARD },
	{ "county",	required_argument, NULL, OPT_COUNTY },
	{ "due-within",	required_argument, NULL, OPT_DUE_WITHIN },
	{ "grid",	required_argument, NULL, OPT_GRID },
	{ "keep-going",	no_argument,	   NULL, OPT_KEEP_GOING },
	{ "level",	required_argument, NULL, OPT_LEVEL },
	{ "light",	required_argument, NULL, OPT_LIGHT },
	{ "note",	required_argument, NULL, OPT_NOTE },
	{ "open",	no_argument,	   NULL, OPT_OPEN },
	{ "overdue",	no_argument,	   NULL, OPT_OVERDUE },
	{ "reason",	required_argument, NULL, OPT_REASON },
	{ "result",	required_argument, NULL, OPT_RESULT },
	{ "satisfaction", required_argument, NULL, OPT_SATISFACTION },
	{ "step",	required_argument, NULL, OPT_STEP },
	{ "to",		required_argument, NULL, OPT_TO },
	{ "township",	required_argument, NULL, OPT_TOWNSHIP },
	{ "village",	required_argument, NULL, OPT_VILLAGE },
	{ "wait",	required_argument, NULL, OPT_WAIT },
	{ NULL, 0, NULL, 0 }
};

/* The program's options, as given. */
static struct opts {
	int keep_going;		/* --keep-going */
	int overdue;		/* --overdue */
	int open;		/* --open */
	const char *to;		/* --to */
	const char *reason;	/* --reason */
	const char *note;	/* --note */
	const char *result;	/* --result */
	const char *satisfaction; /* --satisfaction, canonical */
	const char *grid;	/* --grid */
	struct cli_scope scope;	/* --grid, --village, --township, --county */
	int step;		/* --step, 1-6 */
	int level;		/* --level, 1-4 */
	int light;		/* --light */
	int card;		/* --card */
	long long due_within;	/* --due-within, or -1 */
	long long wait;		/* --wait seconds, or -1 */
} o = { .due_within = -1, .wait = -1 };

/* Case numbers, as operands or one per line on standard input. */
static const struct cli_idkind case_ids = {
	N_("case number"), N_("case numbers"),
	(const char *const []){ "case", "case_id", "case_number", "案件编号",
	    "案卷编号", "编号", NULL },
	case_number_parse
};

static int
vocab_opt(struct cli *cli, const char *opt, enum vocab_id v, const char *arg,
    int *out)
{
	const struct vocab_entry *e = vocab_find(v, arg);
	char expl[VOCAB_EXPLAIN_MAX];

	if (e == NULL)
		return cli_usage_error(cli, "%s %s", opt, vocab_explain(v, arg,
		    expl, sizeof expl));
	*out = e->value;
	return GK_OK;
}

static int
option(struct cli *cli, int c, const char *arg)
{
	const struct vocab_entry *e;
	char expl[VOCAB_EXPLAIN_MAX];
	const char *why;
	long long n;

	switch (c) {
	case OPT_KEEP_GOING:	o.keep_going = 1; break;
	case OPT_OVERDUE:	o.overdue = 1; break;
	case OPT_OPEN:		o.open = 1; break;
	case OPT_TO:		o.to = arg; break;
	case OPT_REASON:	o.reason = arg; break;
	case OPT_NOTE:		o.note = arg; break;
	case OPT_RESULT:	o.result = arg; break;
	case OPT_SATISFACTION:
		if ((e = vocab_find(VOCAB_SATISFACTION, arg)) == NULL)
			return cli_usage_error(cli, _("--satisfaction %s"),
			    vocab_explain(VOCAB_SATISFACTION, arg, expl,
			    sizeof expl));
		o.satisfaction = e->name;
		break;
	case OPT_STEP:
		return vocab_opt(cli, "--step", VOCAB_CASE_STEP, arg, &o.step);
	case OPT_LEVEL:
		return vocab_opt(cli, "--level", VOCAB_HANDLING_LEVEL, arg,
		    &o.level);
	case OPT_LIGHT:
		return vocab_opt(cli, "--light", VOCAB_LIGHT, arg, &o.light);
	case OPT_CARD:
		return vocab_opt(cli, "--card", VOCAB_CARD, arg, &o.card);
	case OPT_DUE_WITHIN:
		if (util_parse_long(arg, 0, 366, &o.due_within, &why) == -1)
			return cli_usage_error(cli, _("--due-within \"%s\": %s "
			    "(working days, 0 to 366)"), arg, why);
		break;
	case OPT_WAIT:
		if (util_parse_long(arg, 0, 86400, &n, &why) == -1)
			return cli_usage_error(cli, _("--wait \"%s\": %s "
			    "(seconds, 0 to 86400)"), arg, why);
		o.wait = n;
		break;
	case OPT_GRID:
	case OPT_COUNTY:
	case OPT_TOWNSHIP:
	case OPT_VILLAGE:
		return cli_scope_take(cli, &o.scope, c, arg);
	default:
		return GK_USAGE;
	}
	return GK_OK;
}

/* What each verb of the loop is, by name. */
static enum case_verb
verb_of(const char *name)
{
	static const char *const names[CASE_NVERBS] = {
		"file", "refuse", "assign", "investigate", "feedback",
		"close", "rework", "transfer", "handdown", "escalate"
	};
	int i;

	for (i = 0; i < CASE_NVERBS; i++)
		if (strcmp(names[i], name) == 0)
			return (enum case_verb)i;
	return CASE_NVERBS;
}

static int
need(struct cli *cli, const char *value, const char *what)
{
	if (value == NULL || *value == '\0')
		return cli_usage_error(cli,
		    _("%s needs %s"), cli->argv[0], what);
	return GK_OK;
}

static int do_overdue(struct cli *cli, struct db *db);

/* Every move of the loop: file, refuse, assign, ... */
static int
do_move(struct cli *cli, struct db *db)
{
	struct case_move m = { 0 };
	struct case_env env;
	struct calendar *cal;
	long long *ids = NULL;
	size_t n;
	int rc = GK_OK;

	m.verb = verb_of(cli->argv[0]);
	if (m.verb == CASE_ESCALATE && o.overdue)
		return do_overdue(cli, db);
	if (o.wait >= 0)
		return cli_usage_error(cli, _("--wait goes with escalate "
		    "--overdue"));
	switch (m.verb) {
	case CASE_REFUSE:
	case CASE_REWORK:
	case CASE_ESCALATE:
		rc = need(cli, o.reason, "--reason TEXT");
		break;
	case CASE_ASSIGN:
		rc = need(cli, o.to, "--to STAFF_ID|CENTRE|DEPT");
		break;
	case CASE_TRANSFER:
		rc = need(cli, o.to, "--to DEPT");
		break;
	case CASE_FEEDBACK:
		rc = need(cli, o.result, "--result TEXT");
		break;
	default:
		break;
	}
	if (rc != GK_OK)
		return rc;
	m.to = o.to;
	m.reason = o.reason;
	m.note = o.note;
	m.result = o.result;
	m.satisfaction = o.satisfaction;
	m.keep_going = o.keep_going;
	if ((rc = cli_ids(cli, &case_ids, 1, &ids, &n)) != GK_OK)
		return rc;
	if ((rc = cli_ids_unique(&case_ids, ids, n)) != GK_OK || n == 0) {
		free(ids);
		return rc;
	}
	if ((rc = case_env_open(&env, cli, &cal)) == GK_OK) {
		rc = case_move(db, &env, &m, ids, n);
		case_env_close(&env, cal);
	}
	free(ids);
	return rc;
}

/* escalate --overdue: the cron job. */
static int
do_overdue(struct cli *cli, struct db *db)
{
	struct sb sum = SB_INIT;
	struct case_escalate_stats st;
	struct case_env env;
	struct calendar *cal;
	struct recout *w = NULL;
	int rc;

	if (cli->argc > 1)
		return cli_usage_error(cli,
		    _("escalate --overdue takes no case "
		    "numbers"));
	if (o.reason != NULL || o.keep_going)
		return cli_usage_error(cli, _("escalate --overdue takes no "
		    "--reason or --keep-going"));
	if (o.wait >= 0)
		db_set_busy_timeout(db, (int)(o.wait * 1000));
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	/* Silent on success: only a dry run shows what it would do. */
	if (cli->dry_run)
		w = cli_out(cli, case_escalate_cols, case_escalate_ncols);
	rc = case_escalate(db, &env, w, &st);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	/* What changed was said with its audit row; a run that changed
	 * nothing says so here, so that -v always gives one line. */
	if (rc == GK_OK && st.yellow + st.red == 0) {
		case_escalate_summary(&st, 1, &sum);
		diag_info("%s", sum.buf);
		sb_release(&sum);
	}
	case_env_close(&env, cal);
	return rc;
}

static int
do_show(struct cli *cli, struct db *db)
{
	struct case_env env;
	struct calendar *cal;
	long long id;
	FILE *fp;
	int rc;

	if ((rc = cli_id(cli, &case_ids, &id)) != GK_OK)
		return rc;
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	if ((fp = cli_doc_open(cli, &rc)) != NULL)
		rc = cli_doc_end(cli, fp, case_show(db, &env, id, cli->format,
		    fp));
	case_env_close(&env, cal);
	return rc;
}

static int
do_list(struct cli *cli, struct db *db)
{
	struct case_filter f = { 0 };
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	char lo[16], hi[16];
	int rc;

	if ((rc = cli_scope_range(cli, &o.scope, lo, hi)) != GK_OK)
		return rc;
	if (o.scope.opt != NULL) {
		f.lo = lo;
		f.hi = hi;
	}
	f.step = o.step;
	f.level = o.level;
	f.overdue = o.overdue;
	f.due_within = (int)o.due_within;
	f.light = o.light;
	f.card = o.card;
	f.open = o.open;
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	w = cli_out(cli, case_list_cols, case_list_ncols);
	rc = case_list(db, &env, &f, w);
	rc = cli_out_end(w, rc);
	case_env_close(&env, cal);
	return rc;
}

/* departments: the list only reads, so the database is opened here in
 * the mode of the subcommand (a read-only file lists). */
static int
do_departments(struct cli *cli, struct db *db)
{
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	int list = strcmp(cli->argv[1], "list") == 0, rc;

	if (!list && strcmp(cli->argv[1], "import") != 0)
		return cli_usage_error(cli, _("departments %s: not import or "
		    "list"), cli->argv[1]);
	if (list && cli->argc > 2)
		return cli_usage_error(cli, _("departments list takes no "
		    "operands"));
	if ((rc = cli_open_db(cli, &db, list ? CLI_DB_READ : CLI_DB_WRITE)) !=
	    GK_OK)
		return rc;
	if (list) {
		w = cli_out(cli, case_dept_cols, case_dept_ncols);
		rc = cli_out_end(w, case_dept_list(db, w));
	} else if ((rc = case_env_open(&env, cli, &cal)) == GK_OK) {
		rc = case_dept_import(db, &env, cli->argc > 2 ? cli->argv[2] :
		    "-", &cli->input, cli->max_errors);
		case_env_close(&env, cal);
	}
	db_close(db);
	return rc;
}

#define AREA OPT_GRID, OPT_VILLAGE, OPT_TOWNSHIP, OPT_COUNTY
#define IDS "[--keep-going] [ID ...|-]"

/* The verbs, in the order of the SYNOPSIS of case-route(1). */
static const struct cli_verb verbs[] = {
	{ "file", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, 0 }, 0, -1,
	    "file [--note TEXT] " IDS },
	{ "refuse", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_REASON, 0 }, 0, -1,
	    "refuse --reason TEXT " IDS },
	{ "assign", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_TO, 0 }, 0, -1,
	    "assign --to STAFF_ID|CENTRE|DEPT [--note TEXT] " IDS },
	{ "investigate", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, 0 }, 0, -1,
	    "investigate [--note TEXT] " IDS },
	{ "feedback", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_RESULT,
	    OPT_SATISFACTION, 0 }, 0, -1,
	    "feedback --result TEXT [--satisfaction SAT] " IDS },
	{ "close", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, 0 }, 0, -1,
	    "close [--note TEXT] " IDS },
	{ "rework", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_REASON, 0 }, 0, -1,
	    "rework --reason TEXT " IDS },
	{ "transfer", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_TO, 0 }, 0, -1,
	    "transfer --to DEPT [--note TEXT] " IDS },
	{ "handdown", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, 0 }, 0, -1,
	    "handdown [--note TEXT] " IDS },
	{ "escalate", do_move, CLI_DB_WRITE,
	    (const int []){ OPT_KEEP_GOING, OPT_NOTE, OPT_REASON, OPT_OVERDUE,
	    OPT_WAIT, 0 }, 0, -1,
	    "escalate --reason TEXT " IDS "\n"
	    "escalate --overdue [--wait SECS]" },
	{ "show", do_show, CLI_DB_READ, NULL, 1, 1, "show ID" },
	{ "list", do_list, CLI_DB_READ,
	    (const int []){ AREA, OPT_STEP, OPT_LEVEL, OPT_OVERDUE,
	    OPT_DUE_WITHIN, OPT_LIGHT, OPT_CARD, OPT_OPEN, 0 }, 0, 0,
	    "list [--grid CODE | --village CODE | --township CODE | "
	    "--county CODE] [--step STEP] [--level LEVEL] [--open] "
	    "[--overdue] [--due-within DAYS] [--light LIGHT] [--card CARD]" },
	{ "departments", do_departments, CLI_DB_NONE, NULL, 1, 2,
	    "departments import [FILE|-]\n"
	    "departments list" },
	{ .name = NULL }
};

static const struct cli_prog prog = {
	.name = "case-route",
	.summary = "the six-step closed loop of cases, deadlines and "
	    "escalation (Art. 12, 13)",
	.verbs = verbs,
	.longopts = longopts,
	.option = option,
};

int
main(int argc, char *argv[])
{
	return cli_main(&prog, argc, argv);
}
