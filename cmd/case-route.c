/*
 * case-route - the six-step closed loop of cases: filing, assignment,
 * handling, feedback, closing, transfer, escalation, deadlines and the
 * cron job that escalates what runs late (Art. 12, 13).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "calendar.h"
#include "case.h"
#include "case-stats.h"
#include "cli.h"
#include "codes.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

enum {
	OPT_ALL = 0x200,
	OPT_APPROVED_BY,
	OPT_APPROVED_ON,
	OPT_BY,
	OPT_CARD,
	OPT_CATEGORY,
	OPT_COUNTY,
	OPT_DAYS,
	OPT_DUE_WITHIN,
	OPT_EXIT,
	OPT_FILE,
	OPT_FROM,
	OPT_GRID,
	OPT_HTML,
	OPT_KEEP_GOING,
	OPT_LEVEL,
	OPT_LIGHT,
	OPT_NOTE,
	OPT_ON,
	OPT_OPEN,
	OPT_OVERDUE,
	OPT_REASON,
	OPT_RESULT,
	OPT_SATISFACTION,
	OPT_STANDARD,
	OPT_STEP,
	OPT_TO,
	OPT_TOWNSHIP,
	OPT_VILLAGE
};

static const struct option longopts[] = {
	{ "all",	no_argument,	   NULL, OPT_ALL },
	{ "approved-by", required_argument, NULL, OPT_APPROVED_BY },
	{ "approved-on", required_argument, NULL, OPT_APPROVED_ON },
	{ "by",		required_argument, NULL, OPT_BY },
	{ "card",	required_argument, NULL, OPT_CARD },
	{ "category",	required_argument, NULL, OPT_CATEGORY },
	{ "county",	required_argument, NULL, OPT_COUNTY },
	{ "days",	required_argument, NULL, OPT_DAYS },
	{ "due-within",	required_argument, NULL, OPT_DUE_WITHIN },
	{ "exit",	required_argument, NULL, OPT_EXIT },
	{ "file",	required_argument, NULL, OPT_FILE },
	{ "from",	required_argument, NULL, OPT_FROM },
	{ "grid",	required_argument, NULL, OPT_GRID },
	{ "html",	required_argument, NULL, OPT_HTML },
	{ "keep-going",	no_argument,	   NULL, OPT_KEEP_GOING },
	{ "level",	required_argument, NULL, OPT_LEVEL },
	{ "light",	required_argument, NULL, OPT_LIGHT },
	{ "note",	required_argument, NULL, OPT_NOTE },
	{ "on",		required_argument, NULL, OPT_ON },
	{ "open",	no_argument,	   NULL, OPT_OPEN },
	{ "overdue",	no_argument,	   NULL, OPT_OVERDUE },
	{ "reason",	required_argument, NULL, OPT_REASON },
	{ "result",	required_argument, NULL, OPT_RESULT },
	{ "satisfaction", required_argument, NULL, OPT_SATISFACTION },
	{ "standard",	required_argument, NULL, OPT_STANDARD },
	{ "step",	required_argument, NULL, OPT_STEP },
	{ "to",		required_argument, NULL, OPT_TO },
	{ "township",	required_argument, NULL, OPT_TOWNSHIP },
	{ "village",	required_argument, NULL, OPT_VILLAGE },
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
	int all;		/* --all */
	const char *approved_by; /* --approved-by */
	const char *approved_on; /* --approved-on, a date */
	int by;			/* --by, enum case_stats_by */
	const char *category;	/* --category */
	long long days;		/* --days, or 0 */
	const char *exit;	/* --exit */
	const char *file;	/* --file */
	const char *from;	/* --from, a date */
	const char *html;	/* --html FILE */
	const char *on;		/* --on, a date */
	const char *standard;	/* --standard */
} o = { .due_within = -1 };

/* A date option: YYYY-MM-DD. */
static int
date_opt(struct cli *cli, const char *opt, const char *arg, const char **out)
{
	const char *why;
	gk_day d;

	if (day_parse(arg, &d, &why) == -1)
		return cli_usage_error(cli, "%s \"%s\": %s", opt, arg, why);
	*out = arg;
	return GK_OK;
}

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
	case OPT_ALL:		o.all = 1; break;
	case OPT_APPROVED_BY:	o.approved_by = arg; break;
	case OPT_APPROVED_ON:
		return date_opt(cli, "--approved-on", arg, &o.approved_on);
	case OPT_ON:
		return date_opt(cli, "--on", arg, &o.on);
	case OPT_FROM:
		return date_opt(cli, "--from", arg, &o.from);
	case OPT_BY:
		if (case_stats_by_parse(arg, &o.by) == -1)
			return cli_usage_error(cli, _("--by \"%s\": not centre, "
			    "township, staff or category"), arg);
		break;
	case OPT_CATEGORY:	o.category = arg; break;
	case OPT_DAYS:
		if (util_parse_long(arg, 1, 366, &o.days, &why) == -1)
			return cli_usage_error(cli, _("--days \"%s\": %s "
			    "(working days, 1 to 366)"), arg, why);
		break;
	case OPT_EXIT:		o.exit = arg; break;
	case OPT_FILE:		o.file = arg; break;
	case OPT_HTML:		o.html = arg; break;
	case OPT_STANDARD:	o.standard = arg; break;
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
	if ((rc = cli_doc(cli, &fp)) == GK_OK)
		rc = cli_doc_end(cli, case_show(db, &env, id, cli->format, fp));
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
	if (cli_scope_some(lo)) {
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
	return cli_close_db(cli, db, list ? CLI_DB_READ : CLI_DB_WRITE, rc);
}

/* The county of the access list: --county, or the database's only
 * one.  GK_OK, or a usage error. */
static int
access_county(struct cli *cli, struct db *db, char county[7], int need)
{
	char prefix[16];
	int rc;

	if (o.scope.opt != NULL) {
		if (o.scope.level != AREA_COUNTY)
			return cli_usage_error(cli, _("%s: the access list is "
			    "the county's; give --county CODE"), o.scope.opt);
		if ((rc = cli_scope_prefix(cli, &o.scope, prefix)) != GK_OK)
			return rc;
		snprintf(county, 7, "%.6s", prefix);
		return GK_OK;
	}
	if ((rc = grid_sole_county(db, county)) < 0)
		return -rc;
	if (rc == 0 && need)
		return cli_usage_error(cli, _("access %s needs --county CODE "
		    "(the database holds no county or several)"),
		    cli->argv[1]);
	if (rc == 0)
		county[0] = '\0';
	return GK_OK;
}

/* access add|withdraw|list|import: the access list (Art. 15). */
static int
do_access(struct cli *cli, struct db *db)
{
	const char *sub = cli->argv[1];
	struct access_entry e;
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	char county[7], today[DAY_ISO_MAX];
	int rc, add = strcmp(sub, "add") == 0;

	if (!add && strcmp(sub, "withdraw") != 0 && strcmp(sub, "list") != 0 &&
	    strcmp(sub, "import") != 0)
		return cli_usage_error(cli, _("access %s: not add, withdraw, "
		    "list or import"), sub);
	if ((add || strcmp(sub, "list") == 0) && cli->argc > 2)
		return cli_usage_error(cli, _("access %s takes no operands"),
		    sub);
	if (strcmp(sub, "withdraw") == 0 && cli->argc != 3)
		return cli_usage_error(cli, _("access withdraw takes one "
		    "category"));
	if (add && ((rc = need(cli, o.category, "--category CAT")) != GK_OK ||
	    (rc = need(cli, o.reason, "--reason TEXT")) != GK_OK ||
	    (rc = need(cli, o.standard, "--standard TEXT")) != GK_OK ||
	    (rc = need(cli, o.exit, "--exit TEXT")) != GK_OK ||
	    (rc = need(cli, o.approved_by, "--approved-by BODY")) != GK_OK ||
	    (rc = need(cli, o.approved_on, "--approved-on DATE")) != GK_OK))
		return rc;
	if (strcmp(sub, "withdraw") == 0 &&
	    ((rc = need(cli, o.on, "--on DATE")) != GK_OK ||
	    (rc = need(cli, o.reason, "--reason TEXT")) != GK_OK))
		return rc;
	if ((rc = access_county(cli, db, county, strcmp(sub, "list") != 0 &&
	    strcmp(sub, "import") != 0)) != GK_OK)
		return rc;
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	if (add) {
		e.county = county;
		e.category = o.category;
		e.reason = o.reason;
		e.standard = o.standard;
		e.exit_procedure = o.exit;
		e.approved_by = o.approved_by;
		e.approved_on = o.approved_on;
		rc = access_add(db, env.tax, &e);
	} else if (strcmp(sub, "withdraw") == 0)
		rc = access_withdraw(db, env.tax, county, cli->argv[2], o.on,
		    o.reason);
	else if (strcmp(sub, "import") == 0)
		rc = access_import(db, env.tax, *county ? county : NULL,
		    cli->argc > 2 ? cli->argv[2] : "-", &cli->input,
		    cli->max_errors);
	else {
		if (o.all && o.on != NULL) {
			case_env_close(&env, cal);
			return cli_usage_error(cli, _("--all and --on: give "
			    "one"));
		}
		day_format(clock_today(), today);
		w = cli_out(cli, access_cols, access_ncols);
		rc = access_list(db, env.tax, *county ? county : NULL, o.all ?
		    NULL : o.on ? o.on : today, w);
		rc = cli_out_end(w, rc);
	}
	case_env_close(&env, cal);
	return rc;
}

/* extend ID --days N --reason TEXT --approved-by NAME. */
static int
do_extend(struct cli *cli, struct db *db)
{
	struct case_env env;
	struct calendar *cal;
	long long id;
	int rc;

	if ((rc = cli_id(cli, &case_ids, &id)) != GK_OK)
		return rc;
	if (o.days == 0)
		return cli_usage_error(cli, _("extend needs --days N"));
	if ((rc = need(cli, o.reason, "--reason TEXT")) != GK_OK ||
	    (rc = need(cli, o.approved_by, "--approved-by NAME")) != GK_OK)
		return rc;
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	rc = case_extend(db, &env, id, (int)o.days, o.reason, o.approved_by);
	case_env_close(&env, cal);
	return rc;
}

/* verify [--file FILE]: the chain, in the database or in an archive. */
static int
do_verify(struct cli *cli, struct db *db)
{
	int rc;

	/* An archive file is checked without the database. */
	if (o.file != NULL)
		return case_verify_file(o.file);
	if ((rc = cli_open_db(cli, &db, CLI_DB_READ)) != GK_OK)
		return rc;
	rc = case_verify(db);
	db_close(db);
	return rc;
}

/* --to DATE of archive and stats. */
static int
to_date(struct cli *cli, const char **out)
{
	*out = NULL;
	if (o.to == NULL)
		return GK_OK;
	return date_opt(cli, "--to", o.to, out);
}

static int
do_archive(struct cli *cli, struct db *db)
{
	struct case_archive_opts ao = { 0 };
	char prefix[16];
	int rc;

	if ((rc = to_date(cli, &ao.to)) != GK_OK)
		return rc;
	if ((rc = cli_scope_prefix(cli, &o.scope, prefix)) != GK_OK)
		return rc;
	ao.township = *prefix ? prefix : NULL;
	ao.from = o.from;
	ao.path = cli->output;
	return case_archive(db, &ao);
}

static int
do_stats(struct cli *cli, struct db *db)
{
	struct case_stats_opts so = { 0 };
	struct case_env env;
	struct calendar *cal;
	struct recout *w;
	char prefix[16];
	int rc;

	if ((rc = to_date(cli, &so.to)) != GK_OK)
		return rc;
	if ((rc = cli_scope_prefix(cli, &o.scope, prefix)) != GK_OK)
		return rc;
	so.area = *prefix ? prefix : NULL;
	so.from = o.from;
	so.by = o.by;
	if (o.html != NULL && cli->output != NULL)
		return cli_usage_error(cli, _("--html FILE and -o: give one"));
	if ((rc = case_env_open(&env, cli, &cal)) != GK_OK)
		return rc;
	if (o.html != NULL)
		rc = case_stats_html(db, &env, &so, o.html);
	else {
		w = cli_out(cli, case_stats_cols, case_stats_ncols);
		rc = case_stats(db, &env, &so, w);
		rc = cli_out_end(w, rc);
	}
	case_env_close(&env, cal);
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
	    0 }, 0, -1,
	    "escalate --reason TEXT " IDS "\n"
	    "escalate --overdue" },
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
	{ "access", do_access, CLI_DB_WRITE,
	    (const int []){ OPT_CATEGORY, OPT_REASON, OPT_STANDARD, OPT_EXIT,
	    OPT_APPROVED_BY, OPT_APPROVED_ON, OPT_COUNTY, OPT_ON, OPT_ALL, 0 },
	    1, 2,
	    "access add --category CAT --reason TEXT --standard TEXT "
	    "--exit TEXT --approved-by BODY --approved-on DATE "
	    "[--county CODE]\n"
	    "access withdraw --on DATE --reason TEXT [--county CODE] CAT\n"
	    "access list [--on DATE | --all] [--county CODE]\n"
	    "access import [--county CODE] [FILE|-]" },
	{ "extend", do_extend, CLI_DB_WRITE,
	    (const int []){ OPT_DAYS, OPT_REASON, OPT_APPROVED_BY, 0 }, 1, 1,
	    "extend --days N --reason TEXT --approved-by NAME ID" },
	{ "verify", do_verify, CLI_DB_NONE, (const int []){ OPT_FILE, 0 }, 0,
	    0, "verify [--file FILE]" },
	{ "archive", do_archive, CLI_DB_READ,
	    (const int []){ OPT_FROM, OPT_TO, OPT_TOWNSHIP, OPT_COUNTY, 0 }, 0,
	    0, "archive [--from DATE] [--to DATE] [--township CODE | "
	    "--county CODE] [-o FILE]" },
	{ "stats", do_stats, CLI_DB_READ,
	    (const int []){ OPT_BY, OPT_FROM, OPT_TO, OPT_HTML, AREA, 0 }, 0,
	    0, "stats [--by centre|township|staff|category] [--from DATE] "
	    "[--to DATE] [--township CODE | --county CODE] [--html FILE]" },
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
