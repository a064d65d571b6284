/*
 * cli.c - the options, environment and skeleton every program shares.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "audit.h"
#include "batch.h"
#include "calendar.h"
#include "cli.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "phrase.h"
#include "recout.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* Long-only common options get codes above the character range;
 * programs give theirs codes from 0x200 (cli.h). */
enum {
	OPT_NOW = 0x100,
	OPT_OPERATOR,
	OPT_REVEAL,
	OPT_EXCEL,
	OPT_INPUT_FORMAT,
	OPT_ENCODING,
	OPT_MAX_ERRORS,
	OPT_PRINT_CONFIG,
	OPT_ALLOW_EMPTY,
	OPT_LANG,
	OPT_WAIT,
	/* The options of log, the verb every program gets. */
	OPT_LOG_ALL,
	OPT_LOG_SINCE,
	OPT_LOG_UNTIL,
	OPT_LOG_SUBJECT,
	OPT_LOG_VERB,
	OPT_SHEET,
	OPT_SKIP
};

static const char common_short[] = "c:d:f:hno:qvV";

static const struct option common_long[] = {
	{ "allow-empty",	no_argument,	   NULL, OPT_ALLOW_EMPTY },
	{ "config",		required_argument, NULL, 'c' },
	{ "db",			required_argument, NULL, 'd' },
	{ "dry-run",		no_argument,	   NULL, 'n' },
	{ "encoding",		required_argument, NULL, OPT_ENCODING },
	{ "excel",		no_argument,	   NULL, OPT_EXCEL },
	{ "format",		required_argument, NULL, 'f' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "input-format",	required_argument, NULL, OPT_INPUT_FORMAT },
	{ "lang",		required_argument, NULL, OPT_LANG },
	{ "max-errors",		required_argument, NULL, OPT_MAX_ERRORS },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "operator",		required_argument, NULL, OPT_OPERATOR },
	{ "output",		required_argument, NULL, 'o' },
	{ "print-config",	no_argument,	   NULL, OPT_PRINT_CONFIG },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "reveal",		no_argument,	   NULL, OPT_REVEAL },
	{ "sheet",		required_argument, NULL, OPT_SHEET },
	{ "skip",		required_argument, NULL, OPT_SKIP },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ "wait",		required_argument, NULL, OPT_WAIT },
};
#define NCOMMON (sizeof common_long / sizeof common_long[0])

/* Placed after the program's own options: a program option of the same
 * name (grid-define list --all) wins in getopt, and log takes the
 * option by its name whatever its code. */
static const struct option log_long[] = {
	{ "all",		no_argument,	   NULL, OPT_LOG_ALL },
	{ "since",		required_argument, NULL, OPT_LOG_SINCE },
	{ "subject",		required_argument, NULL, OPT_LOG_SUBJECT },
	{ "until",		required_argument, NULL, OPT_LOG_UNTIL },
	{ "verb",		required_argument, NULL, OPT_LOG_VERB },
};
#define NLOG (sizeof log_long / sizeof log_long[0])

static int run_log(struct cli *cli, struct db *db);
static void set_lang(enum i18n_lang lang, int forced);

static const int log_opts[] = {
	OPT_LOG_ALL, OPT_LOG_SINCE, OPT_LOG_UNTIL, OPT_LOG_SUBJECT,
	OPT_LOG_VERB, 0
};

/* Every program reads its own audit rows with gridkit, not with the
 * sqlite3 shell: the driver adds this verb to every verb table. */
static const struct cli_verb log_verb = {
	"log", run_log, CLI_DB_READ, log_opts, 0, 0,
	"log [--all] [--since TIME] [--until TIME] [--subject TEXT] "
	"[--operator NAME] [--verb VERB]"
};

static int run_backup(struct cli *cli, struct db *db);

/* A copy of the live database, never with cp (cli.h). */
static const struct cli_verb backup_verb = {
	"backup", run_backup, CLI_DB_EXISTING, NULL, 1, 1, "backup FILE"
};

/* The verbs every program has, after its own. */
static const struct cli_verb *const driver_verbs[] = {
	&log_verb, &backup_verb, NULL
};

int
cli_main(const struct cli_prog *prog, int argc, char **argv)
{
	struct cli cli;
	struct db *db = NULL;
	int rc;

	cli_init(&cli, prog, argc, argv);
	if ((rc = cli_parse(&cli)) != GK_OK)
		return cli_exit(&cli, rc);
	if (cli.verb->db != CLI_DB_NONE &&
	    (rc = cli_open_db(&cli, &db, cli.verb->db)) != GK_OK)
		return cli_exit(&cli, rc);
	rc = cli.verb->run(&cli, db);
	rc = cli_close_db(&cli, db, cli.verb->db, rc);
	return cli_exit(&cli, rc);
}

int
cli_close_db(struct cli *cli, struct db *db, enum cli_db mode, int rc)
{
	/* A refusal of the jurisdiction is recorded once what the command
	 * did is rolled back, by a connection that may write. */
	if (rc == GK_NOPERM && db != NULL && (mode != CLI_DB_READ ||
	    cli->reveal))
		rc = gk_worst(rc, juris_record(db, cli->verb->name));
	db_close(db);
	return rc;
}

void
cli_init(struct cli *cli, const struct cli_prog *prog, int argc, char **argv)
{
	memset(cli, 0, sizeof *cli);
	cli->prog = prog;
	cli->argc = argc;
	cli->argv = argv;
	cli->max_errors = -1;
	diag_init(prog->name);
}

/* Print the forms of one verb, the first line led by "usage:" when
 * *first is set (and then cleared). */
static void
verb_usage(const struct cli *cli, const struct cli_verb *v, int *first,
    FILE *fp)
{
	const char *s = v->synopsis, *nl;
	/* TRANSLATORS: the first word of a usage message; the lines below
	 * it are indented by its display width. */
	const char *word = _("usage:");
	int pad = (int)recout_width(word);

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		fprintf(fp, "%*s %s %s %.*s\n", *first ? 0 : pad,
		    *first ? word : "", cli->prog->name, _("[options]"),
		    (int)(nl - s), s);
		*first = 0;
		s = *nl ? nl + 1 : nl;
	}
}

static void
full_usage(const struct cli *cli, FILE *fp)
{
	const struct cli_verb *v;
	int first = 1;

	const struct cli_verb *const *dv;

	for (v = cli->prog->verbs; v->name != NULL; v++)
		verb_usage(cli, v, &first, fp);
	for (dv = driver_verbs; *dv != NULL; dv++)
		verb_usage(cli, *dv, &first, fp);
}

void
cli_usage(const struct cli *cli, FILE *fp)
{
	int first = 1;

	if (cli->verb != NULL)
		verb_usage(cli, cli->verb, &first, fp);
	else
		full_usage(cli, fp);
}

static void
help(const struct cli *cli)
{
	printf("%s - %s\n\n", cli->prog->name, _(cli->prog->summary));
	full_usage(cli, stdout);
	printf(_("\ncommon options:\n"
	    "  -d, --db FILE          database (GRIDKIT_DB)\n"
	    "  -c, --config FILE      configuration file (GRIDKIT_CONFIG)\n"
	    "  -f, --format FMT       table, tsv, csv, json, jsonl or xlsx\n"
	    "  -o, --output FILE      records to FILE (needed for xlsx)\n"
	    "      --excel            csv/tsv for Excel: BOM, CRLF, formula "
	    "guard\n"
	    "      --input-format FMT csv, tsv, jsonl or xlsx (default: by "
	    "content)\n"
	    "      --encoding NAME    input encoding, e.g. gb18030\n"
	    "      --sheet NAME       the sheet of an .xlsx workbook to read\n"
	    "      --skip N           pass over the first N lines of the "
	    "input\n"
	    "      --max-errors N     bad rows to report before giving up\n"
	    "      --allow-empty      no ids on standard input is not an "
	    "error\n"
	    "  -n, --dry-run          do everything but write\n"
	    "  -q, --quiet            no warnings\n"
	    "  -v, --verbose          say what was done\n"
	    "      --now TIME         pin the clock (GRIDKIT_NOW)\n"
	    "      --operator NAME    who is acting, for the audit log "
	    "(GRIDKIT_OPERATOR)\n"
	    "      --reveal           show identity numbers and phones "
	    "unmasked (audited)\n"
	    "      --print-config     show the configuration and where each "
	    "value comes from\n"
	    "      --lang zh|en       the language of messages and records "
	    "(output.language)\n"
	    "      --wait SECS        how long to wait in all for another "
	    "writer (5)\n"
	    "  -h, --help             this help\n"
	    "  -V, --version          the version\n"
	    "\nSee %s(1).\n"), cli->prog->name);
}

int
cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fflush(stdout);
	fprintf(stderr, "%s: ", cli->prog->name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	cli_usage(cli, stderr);
	return GK_USAGE;
}

/* Keep the first usage error met while scanning the options; it is
 * reported once the verb, and so the usage to print, is known. */
static void __attribute__((format(printf, 2, 3)))
defer_error(struct sb *err, const char *fmt, ...)
{
	va_list ap;

	if (err->len > 0)
		return;
	va_start(ap, fmt);
	sb_vaddf(err, fmt, ap);
	va_end(ap);
}

/* An operator's name goes into every audit row: printable UTF-8 of a
 * sensible length, or why not. */
static const char *
bad_operator(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t len = strlen(s);

	if (len > 100)
		return _("longer than 100 bytes");
	while (*p != '\0') {
		n = utf8proc_iterate(p, -1, &cp);
		if (n < 0)
			return _("not UTF-8 text");
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return _("control characters are not allowed");
		p += n;
	}
	return NULL;
}

/* A database is a file named by its path.  SQLite would take
 * "file:x.db?mode=memory" as a URI and ":memory:" or "" as no file at
 * all, and a write there would succeed and keep nothing.  Returns why
 * path is refused, or NULL. */
static const char *
bad_db_path(const char *path)
{
	if (db_is_server(path))
		return NULL;
	if (*path == '\0')
		return _("an empty name names no file");
	if (strcmp(path, ":memory:") == 0)
		return _("a database in memory would keep nothing; name a "
		    "file");
	if (strncasecmp(path, "file:", 5) == 0)
		return _("an SQLite URI, not a file name; name the file "
		    "(./file:... if that is really its name)");
	return NULL;
}

static void
set_operator(struct cli *cli, const char *arg)
{
	const char *env = getenv("GRIDKIT_OPERATOR");
	struct passwd *pw;

	if (arg != NULL) {
		cli->operator_name = arg;
		return;
	}
	if (env != NULL && *env != '\0') {
		cli->operator_name = env;
		return;
	}
	pw = getpwuid(getuid());
	if (pw != NULL)
		snprintf(cli->login, sizeof cli->login, "%s", pw->pw_name);
	else
		snprintf(cli->login, sizeof cli->login, "uid %ld",
		    (long)getuid());
	cli->operator_name = cli->login;
}

/* Print the configuration as records: key, value, origin, article. */
static int
print_config(struct cli *cli)
{
	static const struct recout_col cols[] = {
		{ NC_("column", "key"), RC_STR },
		{ NC_("column", "value"), RC_STR },
		{ NC_("column", "origin"), RC_STR },
		{ NC_("column", "article"), RC_STR },
	};
	struct recout *w = cli_out(cli, cols, 4);
	const char *v[4];
	char *shown;
	size_t i;
	int rc = GK_OK;

	for (i = 0; config_entry(cli->config, i, &v[0], &v[1], &v[2], &v[3])
	    == 0 && rc == GK_OK; i++) {
		/* A connection string is shown without its password. */
		shown = strcmp(v[0], "database") == 0 ?
		    db_display_name(v[1]) : NULL;
		if (shown != NULL)
			v[1] = shown;
		rc = recout_row(w, v);
		free(shown);
	}
	return cli_out_end(w, rc);
}

/* The name of a program option for messages, found by its code: the
 * order of the option table does not matter. */
static void
option_name(const struct cli_prog *p, int code, char *buf, size_t n)
{
	size_t i;

	for (i = 0; p->longopts != NULL && p->longopts[i].name != NULL; i++)
		if (p->longopts[i].val == code) {
			snprintf(buf, n, "--%s", p->longopts[i].name);
			return;
		}
	for (i = 0; i < NLOG; i++)
		if (log_long[i].val == code) {
			snprintf(buf, n, "--%s", log_long[i].name);
			return;
		}
	snprintf(buf, n, "-%c", code);
}

/* The code log knows an option of its own by: a program option of the
 * same name stands for it (getopt found the program's first). */
static int
log_code(const struct cli_prog *p, int code)
{
	size_t i, j;

	for (i = 0; p->longopts != NULL && p->longopts[i].name != NULL; i++)
		if (p->longopts[i].val == code)
			for (j = 0; j < NLOG; j++)
				if (strcmp(p->longopts[i].name,
				    log_long[j].name) == 0)
					return log_long[j].val;
	return code;
}

static int
takes(const struct cli_prog *p, const struct cli_verb *v, int code)
{
	const int *o;

	if (v == &log_verb)
		code = log_code(p, code);
	for (o = v->opts; o != NULL && *o != 0; o++)
		if (*o == code)
			return 1;
	return 0;
}

/* Refuse an option of another verb, saying which verbs it goes with. */
static int
refuse_option(const struct cli *cli, int code)
{
	const struct cli_verb *v;
	char name[64];
	struct sb with = SB_INIT;
	size_t n = 0, i = 0;
	int rc;

	const struct cli_verb *last = &log_verb;

	for (v = cli->prog->verbs; ; v++) {
		if (v->name == NULL)
			v = last;
		n += takes(cli->prog, v, code);
		if (v == last)
			break;
	}
	for (v = cli->prog->verbs; ; v++) {
		if (v->name == NULL)
			v = last;
		if (takes(cli->prog, v, code)) {
			if (i > 0)
				sb_adds(&with, i == n - 1 ? " and " : ", ");
			sb_adds(&with, v->name);
			i++;
		}
		if (v == last)
			break;
	}
	option_name(cli->prog, code, name, sizeof name);
	rc = cli_usage_error(cli, _("%s does not go with %s (it goes with %s)"),
	    name, cli->verb->name, with.buf);
	sb_release(&with);
	return rc;
}

/* After the options: the verb, the options it takes, its operands. */
static int
verb(struct cli *cli)
{
	const struct cli_prog *p = cli->prog;
	const struct cli_verb *v = cli->verb;
	size_t i;
	int rc;

	if (cli->argc == 0)
		return cli_usage_error(cli, _("no command given"));
	if (v == NULL)
		return cli_usage_error(cli, _("unknown command \"%s\""),
		    cli->argv[0]);
	/* An option of another command is an error, never ignored. */
	for (i = 0; i < cli->ngiven; i++)
		if (!takes(p, v, cli->given[i].code))
			return refuse_option(cli, cli->given[i].code);
	if (cli->argc - 1 < v->min)
		return cli_usage_error(cli, _("%s: too few operands"), v->name);
	if (v->max >= 0 && cli->argc - 1 > v->max)
		return cli_usage_error(cli, _("%s: unexpected operand \"%s\""),
		    v->name, cli->argv[v->max + 1]);
	if (p->trim_operands)
		for (i = 1; i < (size_t)cli->argc; i++)
			cli->argv[i] = util_trim_blanks(cli->argv[i]);
	/* log reads its options itself, by name. */
	for (i = 0; p->option != NULL && v != &log_verb && i < cli->ngiven;
	    i++)
		if ((rc = p->option(cli, cli->given[i].code,
		    cli->given[i].arg)) != GK_OK)
			return rc;
	return GK_OK;
}

/* The format a file name asks for: .xlsx, .csv, .json, .jsonl, else
 * TSV. */
static enum recout_format
format_of_name(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return RECOUT_TSV;
	if (util_streq_icase(dot, ".xlsx"))
		return RECOUT_XLSX;
	if (util_streq_icase(dot, ".csv"))
		return RECOUT_CSV;
	if (util_streq_icase(dot, ".json"))
		return RECOUT_JSON;
	if (util_streq_icase(dot, ".jsonl"))
		return RECOUT_JSONL;
	return RECOUT_TSV;
}

int
cli_parse(struct cli *cli)
{
	const struct cli_prog *p = cli->prog;
	const struct cli_verb *v;
	struct option *longopts;
	struct sb shortopts = SB_INIT, err = SB_INIT;
	cli_config_check *const *check;
	size_t nprog = 0, i;
	const char *arg_now = NULL, *arg_operator = NULL, *why, *env;
	const char *arg_format = NULL, *arg_max_errors = NULL;
	const char *arg_lang = NULL;
	enum i18n_lang lang;
	const char *arg_skip = NULL, *arg_wait = NULL;
	long long n;
	int c, rc = GK_OK, verbosity = 0, quiet = 0, offset;

	/* Messages follow the environment until --lang or the
	 * configuration says otherwise. */
	set_lang(i18n_env(), 0);
	for (i = 0; p->longopts != NULL && p->longopts[i].name != NULL; i++)
		nprog++;
	/* The program's own options first: getopt takes the first of a
	 * name, so a program may give a common name its own meaning
	 * (payroll-check --skip RULE,... over the input's --skip N). */
	longopts = ecalloc(NCOMMON + nprog + NLOG + 1, sizeof *longopts);
	if (nprog > 0)
		memcpy(longopts, p->longopts, nprog * sizeof *longopts);
	memcpy(longopts + nprog, common_long, sizeof common_long);
	memcpy(longopts + nprog + NCOMMON, log_long, sizeof log_long);
	/* A leading ':' makes getopt tell a missing value (':') from an
	 * unknown option ('?'). */
	sb_addc(&shortopts, ':');
	sb_adds(&shortopts, common_short);
	if (p->shortopts != NULL)
		sb_adds(&shortopts, p->shortopts);
	cli->given = ecalloc((size_t)cli->argc + 1, sizeof *cli->given);
	cli->ngiven = 0;

	/* Options may follow the verb and operands (GNU permutation):
	 * "grid-define check --village CODE".  Errors wait until the
	 * whole line is read, so that the usage shown is the verb's. */
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(cli->argc, cli->argv, shortopts.buf,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cli->config_path = optarg;
			break;
		case 'd':
			cli->db_path = optarg;
			break;
		case 'f':
			arg_format = optarg;
			break;
		case 'h':
			if (err.len > 0)
				break;
			help(cli);
			rc = CLI_DONE;
			goto done;
		case 'n':
			cli->dry_run = 1;
			break;
		case 'o':
			if (*optarg == '\0')
				defer_error(&err, _("-o needs a file name"));
			cli->output = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			verbosity++;
			break;
		case 'V':
			if (err.len > 0)
				break;
			printf("%s (gridkit) %s\n", p->name, GRIDKIT_VERSION);
			rc = CLI_DONE;
			goto done;
		case OPT_NOW:
			arg_now = optarg;
			break;
		case OPT_OPERATOR:
			if (*optarg == '\0')
				defer_error(&err, _("--operator needs a name"));
			arg_operator = optarg;
			break;
		case OPT_REVEAL:
			cli->reveal = 1;
			break;
		case OPT_EXCEL:
			cli->excel = 1;
			break;
		case OPT_INPUT_FORMAT:
			if (strcmp(optarg, "csv") != 0 &&
			    strcmp(optarg, "tsv") != 0 &&
			    strcmp(optarg, "jsonl") != 0 &&
			    strcmp(optarg, "xlsx") != 0)
				defer_error(&err, _("unknown input format "
				    "\"%s\" (csv, tsv, jsonl or xlsx)"),
				    optarg);
			cli->input.format = optarg;
			break;
		case OPT_ENCODING:
			cli->input.encoding = optarg;
			break;
		case OPT_MAX_ERRORS:
			arg_max_errors = optarg;
			break;
		case OPT_SHEET:
			if (*optarg == '\0')
				defer_error(&err, _("--sheet needs a name"));
			cli->input.sheet = optarg;
			break;
		case OPT_SKIP:
			arg_skip = optarg;
			break;
		case OPT_PRINT_CONFIG:
			cli->print_config = 1;
			break;
		case OPT_ALLOW_EMPTY:
			cli->allow_empty = 1;
			break;
		case OPT_LANG:
			arg_lang = optarg;
			break;
		case OPT_WAIT:
			arg_wait = optarg;
			break;
		case '?':
			if (optopt != 0 && optopt < 0x100)
				defer_error(&err, _("unknown option \"-%c\""),
				    optopt);
			else
				defer_error(&err, _("unknown option \"%s\""),
				    cli->argv[optind - 1]);
			break;
		case ':':
			defer_error(&err, _("option \"%s\" needs a value"),
			    cli->argv[optind - 1]);
			break;
		default:
			/* The program's own: taken once the verb is known. */
			cli->given[cli->ngiven].code = c;
			cli->given[cli->ngiven++].arg = optarg;
			break;
		}
	}
	cli->argc -= optind;
	cli->argv += optind;
	for (v = p->verbs; cli->argc > 0 && v->name != NULL; v++)
		if (strcmp(cli->argv[0], v->name) == 0)
			cli->verb = v;
	for (i = 0; cli->verb == NULL && cli->argc > 0 &&
	    driver_verbs[i] != NULL; i++)
		if (strcmp(cli->argv[0], driver_verbs[i]->name) == 0)
			cli->verb = driver_verbs[i];
	/* A program of one verb runs it without its name: the name takes
	 * the slot before the operands (an option, or the program name),
	 * so that argv[0] is the verb as for every other program. */
	if (cli->verb == NULL && p->default_verb) {
		cli->verb = &p->verbs[0];
		cli->argv--;
		cli->argc++;
		cli->argv[0] = (char *)cli->verb->name;
	}

	if (quiet && verbosity > 0)
		defer_error(&err, _("-q and -v contradict each other"));
	if (err.len > 0) {
		rc = cli_usage_error(cli, "%s", err.buf);
		goto done;
	}
	if (arg_format != NULL) {
		if (recout_parse_format(arg_format, &cli->format) == -1) {
			rc = cli_usage_error(cli, _("unknown format \"%s\" "
			    "(table, tsv, csv, json, jsonl or xlsx)"),
			    arg_format);
			goto done;
		}
		cli->format_set = 1;
	}
	if (arg_max_errors != NULL) {
		if (util_parse_long(arg_max_errors, 1, 1000000, &n, &why)
		    == -1) {
			rc = cli_usage_error(cli, _("--max-errors \"%s\": %s"),
			    arg_max_errors, why);
			goto done;
		}
		cli->max_errors = n;
	}

	if (arg_lang != NULL) {
		if (i18n_parse(arg_lang, &lang) == -1) {
			rc = cli_usage_error(cli, _("unknown language \"%s\" "
			    "(zh or en)"), arg_lang);
			goto done;
		}
		set_lang(lang, 1);
	}
	if (arg_skip != NULL) {
		if (util_parse_long(arg_skip, 0, 1000000, &n, &why) == -1) {
			rc = cli_usage_error(cli, _("--skip \"%s\": %s"),
			    arg_skip, why);
			goto done;
		}
		cli->input.skip = (unsigned long)n;
	}

	if (arg_wait != NULL) {
		if (util_parse_long(arg_wait, 0, 86400, &n, &why) == -1) {
			rc = cli_usage_error(cli, _("--wait \"%s\": %s "
			    "(seconds, 0 to 86400)"), arg_wait, why);
			goto done;
		}
		/* The budget of every connection the command opens,
		 * its opening included (db.h). */
		db_set_default_busy_timeout((int)(n * 1000));
	}

	diag_set_level(quiet ? DIAG_QUIET : verbosity > 0 ? DIAG_VERBOSE :
	    DIAG_NORMAL);

	if (cli->config_path == NULL && (env = getenv("GRIDKIT_CONFIG"))
	    != NULL && *env != '\0')
		cli->config_path = env;
	if ((rc = config_load(&cli->config, cli->config_path)) != GK_OK)
		goto done;
	/* People read the words of the vocabularies in their language. */
	recout_set_words(vocab_word);
	if (arg_lang == NULL && *config_str(cli->config, "output.language")) {
		if (i18n_parse(config_str(cli->config, "output.language"),
		    &lang) == -1) {
			diag_error(_("%s: output.language \"%s\": not zh "
			    "or en"),
			    config_origin(cli->config, "output.language"),
			    config_str(cli->config, "output.language"));
			rc = GK_CONFIG;
			goto done;
		}
		set_lang(lang, 0);
	}
	/* Every program reads the words of every vocabulary, with the
	 * names the config adds. */
	if ((rc = vocab_load_config(cli->config)) != GK_OK)
		goto done;
	if ((rc = juris_check_config(cli->config)) != GK_OK)
		goto done;
	/* The program's policy must make sense before it acts on it. */
	for (check = p->config_checks; check != NULL && *check != NULL;
	    check++)
		if ((rc = (*check)(cli->config)) != GK_OK)
			goto done;
	if (clock_parse_offset(config_str(cli->config, "clock.utc_offset"),
	    &offset) == -1) {
		diag_error(_("%s: clock.utc_offset \"%s\": not an offset like "
		    "+08:00"), config_origin(cli->config, "clock.utc_offset"),
		    config_str(cli->config, "clock.utc_offset"));
		rc = GK_CONFIG;
		goto done;
	}
	clock_set_offset(offset);

	if (arg_now == NULL && (env = getenv("GRIDKIT_NOW")) != NULL &&
	    *env != '\0')
		arg_now = env;
	if (arg_now != NULL && clock_pin(arg_now, &why) == -1) {
		/* The variable is the environment's, not the command
		 * line's: a configuration error, not a usage one. */
		if (getenv("GRIDKIT_NOW") == arg_now) {
			diag_error(_("GRIDKIT_NOW \"%s\": %s"), arg_now, why);
			rc = GK_CONFIG;
		} else
			rc = cli_usage_error(cli, _("--now \"%s\": %s"),
			    arg_now,
			    why);
		goto done;
	}
	cli->now = arg_now;
	set_operator(cli, arg_operator);
	cli->operator_given = arg_operator;
	if ((why = bad_operator(cli->operator_name)) != NULL) {
		if (arg_operator != NULL)
			rc = cli_usage_error(cli, _("--operator: %s"), why);
		else {
			diag_error(_("GRIDKIT_OPERATOR: %s"), why);
			rc = GK_CONFIG;
		}
		goto done;
	}

	juris_bind(cli->config, cli->operator_name);

	if (cli->db_path != NULL) {
		if ((why = bad_db_path(cli->db_path)) != NULL) {
			rc = cli_usage_error(cli, "-d \"%s\": %s", cli->db_path,
			    why);
			goto done;
		}
	} else if ((env = getenv("GRIDKIT_DB")) != NULL && *env != '\0') {
		cli->db_path = env;
		if ((why = bad_db_path(env)) != NULL) {
			diag_error(_("GRIDKIT_DB \"%s\": %s"), env, why);
			rc = GK_CONFIG;
			goto done;
		}
	} else if (*config_str(cli->config, "database")) {
		cli->db_path = config_str(cli->config, "database");
		if ((why = bad_db_path(cli->db_path)) != NULL) {
			diag_error(_("%s: database \"%s\": %s"), config_origin(
			    cli->config, "database"), cli->db_path, why);
			rc = GK_CONFIG;
			goto done;
		}
	}
	if (cli->max_errors < 0)
		cli->max_errors = config_int(cli->config, "input.max_errors");
	if (cli->input.encoding == NULL &&
	    *config_str(cli->config, "input.encoding") != '\0')
		cli->input.encoding = config_str(cli->config, "input.encoding");
	if (!cli->format_set && cli->output != NULL)
		cli->format = format_of_name(cli->output);
	else if (!cli->format_set)
		cli->format = recout_default_format(stdout);
	if (cli->format == RECOUT_XLSX && cli->output == NULL) {
		rc = cli_usage_error(cli, _("-f xlsx writes a workbook to a "
		    "file: give -o FILE"));
		goto done;
	}
	/* Without -f, --excel is for the CSV a command writes besides
	 * (the rejects file) and for CSV or TSV output. */
	if (cli->excel && cli->format_set && cli->format != RECOUT_CSV &&
	    cli->format != RECOUT_TSV) {
		rc = cli_usage_error(cli, _("--excel goes with -f csv or "
		    "-f tsv"));
		goto done;
	}
	/* The text inside records follows whom they are for, as their
	 * headers do (recout). */
	i18n_set_records(cli->format != RECOUT_JSON &&
	    cli->format != RECOUT_JSONL &&
	    i18n_people(cli->format == RECOUT_TABLE || cli->excel));

	if (cli->print_config) {
		rc = print_config(cli);
		if (rc == GK_OK)
			rc = CLI_DONE;
		goto done;
	}
	rc = verb(cli);
done:
	free(longopts);
	sb_release(&shortopts);
	sb_release(&err);
	return rc;
}

int
cli_open_db(struct cli *cli, struct db **out, enum cli_db mode)
{
	char *shown;
	const char *path;
	char *def = NULL;
	enum db_mode dm = mode == CLI_DB_WRITE ? DB_WRITE :
	    mode == CLI_DB_EXISTING ? DB_WRITE_EXISTING : DB_READ;
	int rc;

	if (cli->db_path == NULL)
		def = db_default_path();
	path = cli->db_path ? cli->db_path : def;
	/* Showing personal data in the clear is recorded in the database,
	 * so a reader with --reveal opens it for writing; but a reader
	 * never creates one. */
	if (mode == CLI_DB_READ && cli->reveal)
		dm = DB_WRITE_EXISTING;
	/* A dry run writes nothing, not even a new database: it checks
	 * against an empty one in memory. */
	if (mode == CLI_DB_WRITE && cli->dry_run && !db_exists(path)) {
		shown = db_display_name(path);
		diag_info(_("%s: no database yet; the dry run uses an empty "
		    "one in memory"), shown);
		free(shown);
		path = ":memory:";
	}
	rc = db_open(out, path, dm);
	free(def);
	if (rc != GK_OK)
		return rc;
	db_set_actor(*out, cli->prog->name, cli->operator_name);
	db_set_dry_run(*out, cli->dry_run);
	return GK_OK;
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Data that ships with the programs, found beside the program: in a
 * build tree (build), then in an installed tree moved to another prefix
 * (installed, relative to bin, as git's RUNTIME_PREFIX), then where it
 * was installed (fallback).  Sets path; returns path->buf. */
static const char *
beside_exe(struct sb *path, const char *build, const char *installed,
    const char *fallback)
{
	const char *rel[2];
	char exe[4096], *slash;
	ssize_t n;
	size_t i;

	rel[0] = build;
	rel[1] = installed;
	sb_reset(path);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < 2; i++) {
			sb_reset(path);
			sb_addf(path, "%s/%s", exe, rel[i]);
			if (is_dir(path->buf))
				return path->buf;
		}
	}
	sb_reset(path);
	sb_adds(path, fallback);
	return path->buf;
}

int
cli_calendar(const struct cli *cli, struct calendar **out)
{
	const char *dir = config_str(cli->config, "calendar.dir");
	struct sb path = SB_INIT;
	int rc;

	if (*dir == '\0')
		dir = beside_exe(&path, "etc/calendar",
		    "../share/gridkit/calendar", GRIDKIT_SHAREDIR "/calendar");
	rc = cal_load_dir(out, dir);
	sb_release(&path);
	return rc;
}

/* The message catalogues, found as the calendars are. */
static void
set_lang(enum i18n_lang lang, int forced)
{
	struct sb path = SB_INIT;

	i18n_set(lang, forced, beside_exe(&path, "locale", "../share/locale",
	    GRIDKIT_LOCALEDIR));
	sb_release(&path);
}

void
cli_datafile(const struct cli *cli, const char *key, const char *sub,
    const char *name, struct sb *out)
{
	const char *file = config_str(cli->config, key);
	struct sb build = SB_INIT, installed = SB_INIT, fallback = SB_INIT;

	sb_reset(out);
	if (*file != '\0') {
		sb_adds(out, file);
		return;
	}
	sb_addf(&build, "etc/%s", sub);
	sb_addf(&installed, "../share/gridkit/%s", sub);
	sb_addf(&fallback, "%s/%s", GRIDKIT_SHAREDIR, sub);
	beside_exe(out, build.buf, installed.buf, fallback.buf);
	sb_addf(out, "/%s", name);
	sb_release(&build);
	sb_release(&installed);
	sb_release(&fallback);
}

/* Parse one id of kind: 0, or -1 when s is none. */
static int
parse_id(const struct cli_idkind *kind, const char *s, long long *id)
{
	const char *why;

	if (kind->parse != NULL)
		return kind->parse(s, id);
	return util_parse_long(s, 1, INT64_MAX, id, &why);
}

/* Append the id in s, or report it at where:line:1 (line 0: an
 * operand). */
static int
add_id(const struct cli_idkind *kind, const char *s, const char *where,
    unsigned long line, long long **ids, size_t *n, size_t *cap)
{
	char q[DIAG_QUOTE_MAX];
	long long v;

	if (parse_id(kind, s, &v) == -1) {
		if (line > 0)
			diag_at(where, line, 1, _("%s is not a %s"),
			    diag_quote(q, sizeof q, s), _(kind->name));
		else
			diag_error(_("%s is not a %s"),
			    diag_quote(q, sizeof q, s), _(kind->name));
		return -1;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*ids = ereallocarray(*ids, *cap, sizeof **ids);
	}
	(*ids)[(*n)++] = v;
	return 0;
}

static int
is_header(const struct cli_idkind *kind, const char *field)
{
	const char *const *h;

	for (h = kind->headers; h != NULL && *h != NULL; h++)
		if (util_streq_icase(field, *h))
			return 1;
	return 0;
}

int
cli_ids(struct cli *cli, const struct cli_idkind *kind, int first,
    long long **ids, size_t *n)
{
	char *line = NULL, *field;
	size_t cap = 0, len = 0;
	unsigned long lineno = 0, bad = 0;
	ssize_t got;
	int i;

	*ids = NULL;
	*n = 0;
	if (cli->argc > first && !(cli->argc == first + 1 &&
	    strcmp(cli->argv[first], "-") == 0)) {
		for (i = first; i < cli->argc; i++)
			if (add_id(kind, cli->argv[i], NULL, 0, ids, n, &cap)
			    == -1)
				bad++;
		if (bad == 0)
			return GK_OK;
		free(*ids);
		*ids = NULL;
		*n = 0;
		return GK_USAGE;
	}
	/* Nobody types ids at a prompt that does not say it waits: a
	 * forgotten pipe is a usage error, not a hang.  "-" asks for it. */
	if (cli->argc <= first && isatty(STDIN_FILENO))
		return cli_usage_error(cli, _("%s: no %s given, and standard "
		    "input is a terminal"), cli->argv[0], _(kind->names));
	while ((got = getline(&line, &len, stdin)) != -1) {
		lineno++;
		field = line;
		/* The first field of a TSV or CSV line, as a listing or its
		 * --excel export gives it: a BOM and quotes dropped. */
		if (lineno == 1 && memcmp(field, "\xEF\xBB\xBF", 3) == 0)
			field += 3;
		field[strcspn(field, "\t,\r\n")] = '\0';
		field = util_trim(field);
		if (field[0] == '"' && field[1] != '\0' &&
		    field[strlen(field) - 1] == '"') {
			field[strlen(field) - 1] = '\0';
			field++;
		}
		if (*field == '\0')
			continue;
		/* The header of a listing piped in. */
		if (lineno == 1 && is_header(kind, field))
			continue;
		if (add_id(kind, field, "-", lineno, ids, n, &cap) == -1 &&
		    ++bad >= (unsigned long)cli->max_errors)
			break;
	}
	free(line);
	if (ferror(stdin) || bad > 0) {
		if (ferror(stdin))
			diag_error(_("error reading standard input: %s"),
			    strerror(errno));
		free(*ids);
		*ids = NULL;
		*n = 0;
		return ferror(stdin) ? GK_IOERR : GK_DATAERR;
	}
	/* A step of a pipeline that got nothing, because the step before
	 * it failed or found nobody, must stop the pipeline: "set -e"
	 * sees only the last command of a pipeline. */
	if (*n == 0 && !cli->allow_empty) {
		diag_error(_("no %s on standard input"), _(kind->names));
		return GK_NOINPUT;
	}
	if (*n == 0)
		diag_info(_("no %s on standard input; nothing to do"),
		    _(kind->names));
	return GK_OK;
}

int
cli_id(const struct cli *cli, const struct cli_idkind *kind, long long *id)
{
	if (cli->argc != 2)
		return cli_usage_error(cli, _("%s: give one %s"), cli->argv[0],
		    _(kind->name));
	if (parse_id(kind, cli->argv[1], id) == -1)
		return cli_usage_error(cli, _("%s: \"%s\" is not a %s"),
		    cli->argv[0], cli->argv[1], _(kind->name));
	return GK_OK;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int
cli_ids_unique(const struct cli_idkind *kind, const long long *ids, size_t n)
{
	long long *sorted;
	size_t i;
	int rc = GK_OK;

	if (n < 2)
		return GK_OK;
	sorted = ereallocarray(NULL, n, sizeof *sorted);
	memcpy(sorted, ids, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_ll);
	for (i = 1; i < n; i++)
		if (sorted[i] == sorted[i - 1] && (i < 2 ||
		    sorted[i - 2] != sorted[i])) {
			diag_error(_("%s %lld is given more than once"),
			    _(kind->name), sorted[i]);
			rc = GK_USAGE;
		}
	free(sorted);
	return rc;
}

struct recout *
cli_out(const struct cli *cli, const struct recout_col *cols, size_t ncols)
{
	if (cli->output != NULL)
		return recout_open_file(cli->output, cli->format, cli->excel,
		    cols, ncols);
	return recout_new(stdout, cli->format, cli->excel, cols, ncols);
}

int
cli_out_end(struct recout *w, int rc)
{
	return gk_worst(rc, recout_end(w, rc != GK_OK && rc != GK_FINDINGS));
}

int
cli_doc(struct cli *cli, FILE **fp)
{
	struct stat st;
	int fd;

	*fp = stdout;
	if (cli->format == RECOUT_XLSX)
		return cli_usage_error(cli, _("%s prints one record, as a "
		    "table or as JSON; -f xlsx is for listings"), cli->argv[0]);
	if (cli->output == NULL)
		return GK_OK;
	/* A device, a pipe or a symbolic link (-o /dev/stdout) is written
	 * into, never replaced, as records are (recout_open_file). */
	if (lstat(cli->output, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((cli->doc_fp = fopen(cli->output, "w")) == NULL) {
			diag_error(_("cannot write %s: %s"), cli->output,
			    strerror(errno));
			return GK_CANTCREAT;
		}
		*fp = cli->doc_fp;
		return GK_OK;
	}
	if ((fd = util_tmp_beside(cli->output, &cli->doc_tmp)) == -1 ||
	    (cli->doc_fp = fdopen(fd, "w")) == NULL) {
		diag_error(_("cannot create %s: %s"), cli->output,
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(cli->doc_tmp);
		}
		free(cli->doc_tmp);
		cli->doc_tmp = NULL;
		return GK_CANTCREAT;
	}
	*fp = cli->doc_fp;
	return GK_OK;
}

int
cli_doc_end(struct cli *cli, int rc)
{
	int failed;

	if (cli->doc_fp == NULL)
		return rc;
	/* Written in place (a device, a pipe): nothing to sync or rename. */
	failed = fflush(cli->doc_fp) != 0 || ferror(cli->doc_fp) ||
	    (cli->doc_tmp != NULL && fsync(fileno(cli->doc_fp)) != 0);
	if (fclose(cli->doc_fp) != 0)
		failed = 1;
	cli->doc_fp = NULL;
	if (failed)
		diag_error(_("error writing %s: %s"), cli->output,
		    strerror(errno));
	if (cli->doc_tmp == NULL)
		return failed ? gk_worst(rc, GK_IOERR) : rc;
	if (failed || (rc != GK_OK && rc != GK_FINDINGS) ||
	    rename(cli->doc_tmp, cli->output) != 0) {
		if (!failed && rc == GK_OK) {
			diag_error(_("cannot create %s: %s"), cli->output,
			    strerror(errno));
			rc = GK_CANTCREAT;
		}
		unlink(cli->doc_tmp);
	}
	free(cli->doc_tmp);
	cli->doc_tmp = NULL;
	return failed ? gk_worst(rc, GK_IOERR) : rc;
}

int
cli_parse_count(const struct cli *cli, const char *opt, const char *arg,
    long long *out)
{
	const char *why;

	if (util_parse_long(arg, 0, 100000000, out, &why) == -1)
		return cli_usage_error(cli, "%s \"%s\": %s", opt, arg, why);
	return GK_OK;
}

int
cli_exit(struct cli *cli, int status)
{
	if (status == CLI_DONE)
		status = GK_OK;
	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		/* Said once: the writer that failed first has spoken. */
		if (errno != EPIPE && status != GK_IOERR)
			diag_error(_("error writing standard output: %s"),
			    strerror(errno));
		status = gk_worst(status, GK_IOERR);
	}
	cli_release(cli);
	return status;
}

void
cli_release(struct cli *cli)
{
	config_free(cli->config);
	cli->config = NULL;
	juris_release();
	free(cli->given);
	cli->given = NULL;
	cli->ngiven = 0;
}

/* log: the audit rows of this program (or of all, --all), oldest first,
 * with the personal data in subjects and details masked. */
struct log_out {
	struct recout *w;
	int reveal;
	struct sb subject, detail;	/* as shown, masked */
	struct sb said_subject, said_detail;	/* as people read them */
};

static int
log_row(void *ctx, const struct audit_row *r)
{
	struct log_out *lo = ctx;
	char id[24];
	const char *v[7];
	const char *subject = r->subject, *detail = r->detail;

	snprintf(id, sizeof id, "%lld", r->id);
	sb_reset(&lo->subject);
	sb_reset(&lo->detail);
	/* Kept in English; people read them in their language
	 * (phrase.h), scripts as kept. */
	if (i18n_records()) {
		sb_reset(&lo->said_subject);
		sb_reset(&lo->said_detail);
		phrase_say(&lo->said_subject, "@subject", r->subject);
		phrase_say(&lo->said_detail, r->verb, r->detail);
		subject = lo->said_subject.buf;
		detail = lo->said_detail.buf;
	}
	if (lo->reveal) {
		sb_adds(&lo->subject, subject);
		sb_adds(&lo->detail, detail);
	} else {
		batch_mask(&lo->subject, subject, 0);
		batch_mask(&lo->detail, detail, 0);
	}
	v[0] = id;
	v[1] = r->at;
	v[2] = r->operator_name;
	v[3] = r->program;
	v[4] = i18n_records() ? phrase_verb(r->verb) : r->verb;
	v[5] = lo->subject.buf ? lo->subject.buf : "";
	v[6] = lo->detail.buf ? lo->detail.buf : "";
	return recout_row(lo->w, v);
}

/* --since and --until: a time, or a date meaning its whole day (until
 * the end of it). */
static int
log_time(const struct cli *cli, const char *opt, const char *arg, int end,
    gk_time *out)
{
	const char *why;
	gk_day d;

	if (day_parse(arg, &d, &why) == 0) {
		*out = clock_midnight(end ? d + 1 : d);
		return GK_OK;
	}
	if (clock_parse(arg, out, &why) == -1)
		return cli_usage_error(cli, "%s \"%s\": %s", opt, arg, why);
	return GK_OK;
}

static int
run_log(struct cli *cli, struct db *db)
{
	static const struct recout_col cols[] = {
		{ NC_("column",
		    "id"), RC_INT }, { NC_("column", "at"), RC_STR },
		{ NC_("column", "operator"), RC_STR },
		{ NC_("column", "program"), RC_STR },
		{ NC_("column", "verb"), RC_STR },
		{ NC_("column", "subject"), RC_STR },
		{ NC_("column", "detail"), RC_STR },
	};
	struct audit_filter f = { 0 };
	struct log_out lo = { NULL, cli->reveal, SB_INIT, SB_INIT, SB_INIT,
	    SB_INIT };
	struct sb subject = SB_INIT;
	const char *arg;
	size_t i;
	int rc = GK_OK, all = 0;

	f.program = cli->prog->name;
	f.operator_name = cli->operator_given;
	for (i = 0; i < cli->ngiven && rc == GK_OK; i++) {
		arg = cli->given[i].arg;
		switch (log_code(cli->prog, cli->given[i].code)) {
		case OPT_LOG_ALL:
			all = 1;
			break;
		case OPT_LOG_SINCE:
			f.has_since = 1;
			rc = log_time(cli, "--since", arg, 0, &f.since);
			break;
		case OPT_LOG_UNTIL:
			f.has_until = 1;
			rc = log_time(cli, "--until", arg, 1, &f.until);
			break;
		/* As kept, or as a table shows it (phrase.h). */
		case OPT_LOG_SUBJECT:
			sb_reset(&subject);
			phrase_canon(&subject, "@subject", arg);
			f.subject = subject.buf;
			break;
		case OPT_LOG_VERB:
			f.verb = phrase_verb_canon(arg);
			break;
		}
	}
	if (all)
		f.program = NULL;
	if (rc != GK_OK || (cli->reveal && (rc = audit_reveal(db, all ?
	    "log --all" : "log", "audit subjects and details shown "
	    "unmasked")) != GK_OK)) {
		sb_release(&subject);
		return rc;
	}
	lo.w = cli_out(cli, cols, sizeof cols / sizeof cols[0]);
	rc = audit_list(db, &f, log_row, &lo);
	sb_release(&subject);
	sb_release(&lo.subject);
	sb_release(&lo.detail);
	sb_release(&lo.said_subject);
	sb_release(&lo.said_detail);
	return cli_out_end(lo.w, rc);
}

/* backup FILE: the database as one snapshot, 0600, then its record in
 * the log: no record without a copy, and no copy left without its
 * record (the writer's lock is not held while a big file is copied). */
static int
run_backup(struct cli *cli, struct db *db)
{
	const char *path = cli->argv[1];
	int rc;

	if ((rc = db_backup(db, path)) != GK_OK)
		return rc;
	if ((rc = db_begin(db)) == GK_OK)
		rc = audit_commit(db, "backup", path, "a copy of the whole "
		    "database");
	if (rc != GK_OK && !cli->dry_run && unlink(path) == 0)
		diag_error(_("%s: removed again, since the backup could not be "
		    "recorded"), path);
	return rc;
}

int
cli_scope_option(const struct cli *cli, struct cli_scope *s, const char *opt,
    const char *arg)
{
	static const struct {
		const char *opt;
		int level;
	} places[] = {
		{ "--grid", 0 }, { "--village", AREA_VILLAGE },
		{ "--township", AREA_TOWNSHIP }, { "--county", AREA_COUNTY },
	};
	size_t i;

	for (i = 0; i < sizeof places / sizeof places[0]; i++)
		if (strcmp(opt, places[i].opt) == 0)
			break;
	if (i == sizeof places / sizeof places[0]) {
		diag_error(_("internal error: %s is not a place option"), opt);
		return GK_SOFTWARE;
	}
	if (s->opt != NULL)
		return cli_usage_error(cli, _("%s and %s: give one place"),
		    s->opt, places[i].opt);
	s->opt = places[i].opt;
	s->level = places[i].level;
	s->code = arg;
	return GK_OK;
}

int
cli_scope_take(const struct cli *cli, struct cli_scope *s, int code,
    const char *arg)
{
	char name[64];

	option_name(cli->prog, code, name, sizeof name);
	return cli_scope_option(cli, s, name, arg);
}

int
cli_scope_prefix(const struct cli *cli, const struct cli_scope *s,
    char prefix[16])
{
	struct area_code ac;
	struct grid_code gc;
	const char *why;

	*prefix = '\0';
	/* The operator's jurisdiction narrows a listing of everything
	 * and refuses one outside it. */
	if (s->opt == NULL)
		return juris_scope(prefix);
	if (s->level == 0) {
		if (code_parse_grid(s->code, &gc, &why) == -1)
			return cli_usage_error(cli, "%s \"%s\": %s", s->opt,
			    s->code, why);
		snprintf(prefix, 16, "%s", gc.code);
		return juris_scope(prefix);
	}
	if (code_parse_area(s->code, &ac, &why) == -1)
		return cli_usage_error(cli, "%s \"%s\": %s", s->opt, s->code,
		    why);
	if (ac.level != s->level)
		return cli_usage_error(cli, _("%s \"%s\": a %s code, not a %s "
		    "code"), s->opt, s->code, _(code_level_name(ac.level)),
		    _(code_level_name(s->level)));
	code_short(ac.code, ac.level, prefix);
	return juris_scope(prefix);
}

int
cli_scope_range(const struct cli *cli, const struct cli_scope *s,
    char lo[16], char hi[16])
{
	char prefix[16];
	int rc;

	if ((rc = cli_scope_prefix(cli, s, prefix)) != GK_OK)
		return rc;
	code_range(prefix, 15, lo, hi);
	return GK_OK;
}

int
cli_scope_some(const char lo[16])
{
	return strspn(lo, "0") < 15;
}

int
cli_open_db_if_there(struct cli *cli, struct db **out, const char *missing)
{
	char *def = NULL, *shown;
	const char *path;
	int rc = GK_OK;

	*out = NULL;
	if (cli->db_path == NULL)
		def = db_default_path();
	path = cli->db_path != NULL ? cli->db_path : def;
	if (!db_exists(path)) {
		shown = db_display_name(path);
		diag_info(_("%s: no database: %s"), shown, missing);
		free(shown);
	} else
		rc = cli_open_db(cli, out, CLI_DB_READ);
	free(def);
	return rc;
}
