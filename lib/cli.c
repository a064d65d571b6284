/*
 * cli.c - the options, environment and skeleton every program shares.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "diag.h"
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
	OPT_ALLOW_EMPTY
};

static const char common_short[] = "c:d:f:hnqvV";

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
	{ "max-errors",		required_argument, NULL, OPT_MAX_ERRORS },
	{ "now",		required_argument, NULL, OPT_NOW },
	{ "operator",		required_argument, NULL, OPT_OPERATOR },
	{ "print-config",	no_argument,	   NULL, OPT_PRINT_CONFIG },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "reveal",		no_argument,	   NULL, OPT_REVEAL },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		no_argument,	   NULL, 'V' },
};
#define NCOMMON (sizeof common_long / sizeof common_long[0])

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
	db_close(db);
	return cli_exit(&cli, rc);
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

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		fprintf(fp, "%s %s [options] %.*s\n", *first ? "usage:" :
		    "      ", cli->prog->name, (int)(nl - s), s);
		*first = 0;
		s = *nl ? nl + 1 : nl;
	}
}

static void
full_usage(const struct cli *cli, FILE *fp)
{
	const struct cli_verb *v;
	int first = 1;

	for (v = cli->prog->verbs; v->name != NULL; v++)
		verb_usage(cli, v, &first, fp);
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
	printf("%s - %s\n\n", cli->prog->name, cli->prog->summary);
	full_usage(cli, stdout);
	printf("\ncommon options:\n"
	    "  -d, --db FILE          database (GRIDKIT_DB)\n"
	    "  -c, --config FILE      configuration file (GRIDKIT_CONFIG)\n"
	    "  -f, --format FMT       table, tsv, csv, json or jsonl\n"
	    "      --excel            csv/tsv for Excel: BOM, CRLF, formula "
	    "guard\n"
	    "      --input-format FMT csv, tsv or jsonl (default: by "
	    "content)\n"
	    "      --encoding NAME    input encoding, e.g. gb18030\n"
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
	    "  -h, --help             this help\n"
	    "  -V, --version          the version\n"
	    "\nSee %s(1).\n", cli->prog->name);
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
		{ "key", RC_STR }, { "value", RC_STR },
		{ "origin", RC_STR }, { "article", RC_STR },
	};
	struct recout *w = cli_out(cli, cols, 4);
	const char *v[4];
	size_t i;
	int rc = GK_OK;

	for (i = 0; config_entry(cli->config, i, &v[0], &v[1], &v[2], &v[3])
	    == 0 && rc == GK_OK; i++)
		rc = recout_row(w, v);
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
	snprintf(buf, n, "-%c", code);
}

static int
takes(const struct cli_verb *v, int code)
{
	const int *o;

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

	for (v = cli->prog->verbs; v->name != NULL; v++)
		n += takes(v, code);
	for (v = cli->prog->verbs; v->name != NULL; v++) {
		if (!takes(v, code))
			continue;
		if (i > 0)
			sb_adds(&with, i == n - 1 ? " and " : ", ");
		sb_adds(&with, v->name);
		i++;
	}
	option_name(cli->prog, code, name, sizeof name);
	rc = cli_usage_error(cli, "%s does not go with %s (it goes with %s)",
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
		return cli_usage_error(cli, "no command given");
	if (v == NULL)
		return cli_usage_error(cli, "unknown command \"%s\"",
		    cli->argv[0]);
	/* An option of another command is an error, never ignored. */
	for (i = 0; i < cli->ngiven; i++)
		if (!takes(v, cli->given[i].code))
			return refuse_option(cli, cli->given[i].code);
	if (cli->argc - 1 < v->min)
		return cli_usage_error(cli, "%s: too few operands", v->name);
	if (v->max >= 0 && cli->argc - 1 > v->max)
		return cli_usage_error(cli, "%s: unexpected operand \"%s\"",
		    v->name, cli->argv[v->max + 1]);
	if (p->trim_operands)
		for (i = 1; i < (size_t)cli->argc; i++)
			cli->argv[i] = util_trim_blanks(cli->argv[i]);
	for (i = 0; p->option != NULL && i < cli->ngiven; i++)
		if ((rc = p->option(cli, cli->given[i].code,
		    cli->given[i].arg)) != GK_OK)
			return rc;
	return GK_OK;
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
	long long n;
	int c, rc = GK_OK, verbosity = 0, quiet = 0, offset;

	for (i = 0; p->longopts != NULL && p->longopts[i].name != NULL; i++)
		nprog++;
	longopts = ecalloc(NCOMMON + nprog + 1, sizeof *longopts);
	memcpy(longopts, common_long, sizeof common_long);
	if (nprog > 0)
		memcpy(longopts + NCOMMON, p->longopts,
		    nprog * sizeof *longopts);
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
				defer_error(&err, "--operator needs a name");
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
			    strcmp(optarg, "jsonl") != 0)
				defer_error(&err, "unknown input format \"%s\" "
				    "(csv, tsv or jsonl)", optarg);
			cli->input.format = optarg;
			break;
		case OPT_ENCODING:
			cli->input.encoding = optarg;
			break;
		case OPT_MAX_ERRORS:
			arg_max_errors = optarg;
			break;
		case OPT_PRINT_CONFIG:
			cli->print_config = 1;
			break;
		case OPT_ALLOW_EMPTY:
			cli->allow_empty = 1;
			break;
		case '?':
			if (optopt != 0 && optopt < 0x100)
				defer_error(&err, "unknown option \"-%c\"",
				    optopt);
			else
				defer_error(&err, "unknown option \"%s\"",
				    cli->argv[optind - 1]);
			break;
		case ':':
			defer_error(&err, "option \"%s\" needs a value",
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

	if (err.len > 0) {
		rc = cli_usage_error(cli, "%s", err.buf);
		goto done;
	}
	if (arg_format != NULL) {
		if (recout_parse_format(arg_format, &cli->format) == -1) {
			rc = cli_usage_error(cli, "unknown format \"%s\" "
			    "(table, tsv, csv, json or jsonl)", arg_format);
			goto done;
		}
		cli->format_set = 1;
	}
	if (arg_max_errors != NULL) {
		if (util_parse_long(arg_max_errors, 1, 1000000, &n, &why)
		    == -1) {
			rc = cli_usage_error(cli, "--max-errors \"%s\": %s",
			    arg_max_errors, why);
			goto done;
		}
		cli->max_errors = n;
	}

	diag_set_level(quiet ? DIAG_QUIET : verbosity > 0 ? DIAG_VERBOSE :
	    DIAG_NORMAL);

	if (cli->config_path == NULL && (env = getenv("GRIDKIT_CONFIG"))
	    != NULL && *env != '\0')
		cli->config_path = env;
	if ((rc = config_load(&cli->config, cli->config_path)) != GK_OK)
		goto done;
	/* Every program reads the words of every vocabulary, with the
	 * names the config adds. */
	if ((rc = vocab_load_config(cli->config)) != GK_OK)
		goto done;
	/* The program's policy must make sense before it acts on it. */
	for (check = p->config_checks; check != NULL && *check != NULL;
	    check++)
		if ((rc = (*check)(cli->config)) != GK_OK)
			goto done;
	if (clock_parse_offset(config_str(cli->config, "clock.utc_offset"),
	    &offset) == -1) {
		diag_error("%s: clock.utc_offset \"%s\": not an offset like "
		    "+08:00", config_origin(cli->config, "clock.utc_offset"),
		    config_str(cli->config, "clock.utc_offset"));
		rc = GK_CONFIG;
		goto done;
	}
	clock_set_offset(offset);

	if (arg_now == NULL && (env = getenv("GRIDKIT_NOW")) != NULL &&
	    *env != '\0')
		arg_now = env;
	if (arg_now != NULL && clock_pin(arg_now, &why) == -1) {
		rc = cli_usage_error(cli, "%s \"%s\": %s",
		    getenv("GRIDKIT_NOW") == arg_now ? "GRIDKIT_NOW" : "--now",
		    arg_now, why);
		goto done;
	}
	cli->now = arg_now;
	set_operator(cli, arg_operator);

	if (cli->db_path == NULL && (env = getenv("GRIDKIT_DB")) != NULL &&
	    *env != '\0')
		cli->db_path = env;
	if (cli->db_path == NULL && *config_str(cli->config, "database"))
		cli->db_path = config_str(cli->config, "database");
	if (cli->max_errors < 0)
		cli->max_errors = config_int(cli->config, "input.max_errors");
	if (!cli->format_set)
		cli->format = recout_default_format(stdout);
	if (cli->excel && cli->format != RECOUT_CSV &&
	    cli->format != RECOUT_TSV) {
		rc = cli_usage_error(cli, "--excel goes with -f csv or -f tsv");
		goto done;
	}

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
	struct stat sb;
	const char *path;
	char *def = NULL;
	enum db_mode dm = mode == CLI_DB_WRITE ? DB_WRITE : DB_READ;
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
	if (mode == CLI_DB_WRITE && cli->dry_run && stat(path, &sb) == -1 &&
	    errno == ENOENT) {
		diag_info("%s: no database yet; the dry run uses an empty one "
		    "in memory", path);
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

/*
 * The shipped data directory sub ("calendar", "case") into path: etc/sub
 * beside the program (a build tree), ../share/gridkit/sub beside it (an
 * installed tree, wherever it was moved to: git's RUNTIME_PREFIX), else
 * the compiled-in fallback (GRIDKIT_SHAREDIR "/sub", written out whole
 * so that the programs carry it for check-install to find), or
 * GRIDKIT_SHAREDIR/sub when fallback is NULL.
 */
static void
shipped_dir(const char *sub, const char *fallback, struct sb *path)
{
	static const char *const beside[] = { "etc", "../share/gridkit" };
	char exe[4096], *slash;
	ssize_t n;
	size_t i;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
			sb_reset(path);
			sb_addf(path, "%s/%s/%s", exe, beside[i], sub);
			if (is_dir(path->buf))
				return;
		}
	}
	sb_reset(path);
	if (fallback != NULL)
		sb_adds(path, fallback);
	else
		sb_addf(path, "%s/%s", GRIDKIT_SHAREDIR, sub);
}

int
cli_calendar(const struct cli *cli, struct calendar **out)
{
	const char *dir = config_str(cli->config, "calendar.dir");
	struct sb path = SB_INIT;
	int rc;

	if (*dir == '\0') {
		shipped_dir("calendar", GRIDKIT_SHAREDIR "/calendar", &path);
		dir = path.buf;
	}
	rc = cal_load_dir(out, dir);
	sb_release(&path);
	return rc;
}

void
cli_datafile(const struct cli *cli, const char *key, const char *sub,
    const char *name, struct sb *out)
{
	const char *file = config_str(cli->config, key);

	sb_reset(out);
	if (*file != '\0') {
		sb_adds(out, file);
		return;
	}
	shipped_dir(sub, NULL, out);
	sb_addf(out, "/%s", name);
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
			diag_at(where, line, 1, "%s is not a %s",
			    diag_quote(q, sizeof q, s), kind->name);
		else
			diag_error("%s is not a %s",
			    diag_quote(q, sizeof q, s), kind->name);
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
		return cli_usage_error(cli, "%s: no %s given, and standard "
		    "input is a terminal", cli->argv[0], kind->names);
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
			diag_error("error reading standard input: %s",
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
		diag_error("no %s on standard input", kind->names);
		return GK_NOINPUT;
	}
	if (*n == 0)
		diag_info("no %s on standard input; nothing to do",
		    kind->names);
	return GK_OK;
}

int
cli_id(const struct cli *cli, const struct cli_idkind *kind, long long *id)
{
	if (cli->argc != 2)
		return cli_usage_error(cli, "%s: give one %s", cli->argv[0],
		    kind->name);
	if (parse_id(kind, cli->argv[1], id) == -1)
		return cli_usage_error(cli, "%s: \"%s\" is not a %s",
		    cli->argv[0], cli->argv[1], kind->name);
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
			diag_error("%s %lld is given more than once",
			    kind->name, sorted[i]);
			rc = GK_USAGE;
		}
	free(sorted);
	return rc;
}

struct recout *
cli_out(const struct cli *cli, const struct recout_col *cols, size_t ncols)
{
	return recout_new(stdout, cli->format, cli->excel, cols, ncols);
}

int
cli_out_end(struct recout *w, int rc)
{
	return gk_worst(rc, recout_end(w, rc != GK_OK && rc != GK_FINDINGS));
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
			diag_error("error writing standard output: %s",
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
	free(cli->given);
	cli->given = NULL;
	cli->ngiven = 0;
}
