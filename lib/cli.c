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
#include "staff.h"
#include "status.h"
#include "util.h"

/* Long-only common options get codes above the character range. */
enum {
	OPT_NOW = 0x100,
	OPT_OPERATOR,
	OPT_REVEAL,
	OPT_EXCEL,
	OPT_INPUT_FORMAT,
	OPT_ENCODING,
	OPT_MAX_ERRORS,
	OPT_PRINT_CONFIG
};

static const char common_short[] = "c:d:f:hnqvV";

static const struct option common_long[] = {
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

void
cli_usage(const struct cli *cli, FILE *fp)
{
	const char *s = cli->prog->synopsis, *nl;
	int first = 1;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		fprintf(fp, "%s %s %.*s\n", first ? "usage:" : "      ",
		    cli->prog->name, (int)(nl - s), s);
		first = 0;
		s = *nl ? nl + 1 : nl;
	}
}

static void
help(const struct cli *cli)
{
	printf("%s - %s\n\n", cli->prog->name, cli->prog->summary);
	cli_usage(cli, stdout);
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

int
cli_parse(struct cli *cli)
{
	const struct cli_prog *p = cli->prog;
	struct option *longopts;
	struct sb shortopts = SB_INIT;
	size_t nprog = 0, i;
	const char *arg_now = NULL, *arg_operator = NULL, *why, *env;
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

	/* Options may follow the verb and operands (GNU permutation):
	 * "grid-define check --village CODE". */
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
			if (recout_parse_format(optarg, &cli->format) == -1) {
				rc = cli_usage_error(cli, "unknown format \"%s\" "
				    "(table, tsv, csv, json or jsonl)", optarg);
				goto done;
			}
			cli->format_set = 1;
			break;
		case 'h':
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
			printf("%s (gridkit) %s\n", p->name, GRIDKIT_VERSION);
			rc = CLI_DONE;
			goto done;
		case OPT_NOW:
			arg_now = optarg;
			break;
		case OPT_OPERATOR:
			if (*optarg == '\0') {
				rc = cli_usage_error(cli, "--operator needs a "
				    "name");
				goto done;
			}
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
			    strcmp(optarg, "jsonl") != 0) {
				rc = cli_usage_error(cli, "unknown input format "
				    "\"%s\" (csv, tsv or jsonl)", optarg);
				goto done;
			}
			cli->input.format = optarg;
			break;
		case OPT_ENCODING:
			cli->input.encoding = optarg;
			break;
		case OPT_MAX_ERRORS:
			if (util_parse_long(optarg, 1, 1000000, &n, &why)
			    == -1) {
				rc = cli_usage_error(cli, "--max-errors \"%s\": "
				    "%s", optarg, why);
				goto done;
			}
			cli->max_errors = n;
			break;
		case OPT_PRINT_CONFIG:
			cli->print_config = 1;
			break;
		case '?':
			if (optopt != 0 && optopt < 0x100)
				rc = cli_usage_error(cli, "unknown option "
				    "\"-%c\"", optopt);
			else
				rc = cli_usage_error(cli, "unknown option "
				    "\"%s\"", cli->argv[optind - 1]);
			goto done;
		case ':':
			rc = cli_usage_error(cli, "option \"%s\" needs a "
			    "value", cli->argv[optind - 1]);
			goto done;
		default:
			if (p->option == NULL ||
			    (rc = p->option(p->ctx, c, optarg)) != GK_OK)
				goto done;
			break;
		}
	}
	cli->argc -= optind;
	cli->argv += optind;

	diag_set_level(quiet ? DIAG_QUIET : verbosity > 0 ? DIAG_VERBOSE :
	    DIAG_NORMAL);

	if (cli->config_path == NULL && (env = getenv("GRIDKIT_CONFIG"))
	    != NULL && *env != '\0')
		cli->config_path = env;
	if ((rc = config_load(&cli->config, cli->config_path)) != GK_OK)
		goto done;
	/* The policy must make sense before any program acts on it. */
	if ((rc = staff_check_config(cli->config)) != GK_OK)
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
	}
done:
	free(longopts);
	sb_release(&shortopts);
	return rc;
}

int
cli_open_db(struct cli *cli, struct db **out, int write)
{
	char *def = NULL;
	int rc;

	struct stat sb;
	const char *path;

	if (cli->db_path == NULL)
		def = db_default_path();
	path = cli->db_path ? cli->db_path : def;
	/* A dry run writes nothing, not even a new database: it checks
	 * against an empty one in memory. */
	if (write && cli->dry_run && stat(path, &sb) == -1 && errno == ENOENT) {
		diag_info("%s: no database yet; the dry run uses an empty one "
		    "in memory", path);
		path = ":memory:";
	}
	rc = db_open(out, path, write ? DB_WRITE : DB_READ);
	free(def);
	if (rc != GK_OK)
		return rc;
	db_set_actor(*out, cli->prog->name, cli->operator_name);
	db_set_dry_run(*out, cli->dry_run);
	return GK_OK;
}

int
cli_calendar(const struct cli *cli, struct calendar **out)
{
	const char *dir = config_str(cli->config, "calendar.dir");
	char exe[4096], *slash;
	struct sb path = SB_INIT;
	struct stat sb;
	ssize_t n;
	int rc;

	if (*dir == '\0') {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = '\0';
			if ((slash = strrchr(exe, '/')) != NULL)
				*slash = '\0';
			sb_addf(&path, "%s/etc/calendar", exe);
		}
		if (path.len == 0 || stat(path.buf, &sb) == -1 ||
		    !S_ISDIR(sb.st_mode)) {
			sb_reset(&path);
			sb_adds(&path, GRIDKIT_SHAREDIR "/calendar");
		}
		dir = path.buf;
	}
	rc = cal_load_dir(out, dir);
	sb_release(&path);
	return rc;
}

/* Append the id in s (which names its place for messages). */
static int
add_id(const char *s, const char *where, unsigned long line,
    long long **ids, size_t *n, size_t *cap)
{
	const char *why;
	char q[DIAG_QUOTE_MAX];
	long long v;

	if (util_parse_long(s, 1, INT64_MAX, &v, &why) == -1) {
		if (line > 0)
			diag_at(where, line, 1, "%s is not a staff id",
			    diag_quote(q, sizeof q, s));
		else
			diag_error("%s is not a staff id",
			    diag_quote(q, sizeof q, s));
		return -1;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*ids = ereallocarray(*ids, *cap, sizeof **ids);
	}
	(*ids)[(*n)++] = v;
	return 0;
}

int
cli_ids(struct cli *cli, int first, long long **ids, size_t *n)
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
			if (add_id(cli->argv[i], NULL, 0, ids, n, &cap) == -1)
				bad++;
		if (bad == 0)
			return GK_OK;
		free(*ids);
		*ids = NULL;
		*n = 0;
		return GK_USAGE;
	}
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
		if (lineno == 1 && (strcmp(field, "id") == 0 ||
		    strcmp(field, "staff") == 0 ||
		    strcmp(field, "staff_id") == 0))
			continue;
		if (add_id(field, "-", lineno, ids, n, &cap) == -1 &&
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
	if (*n == 0)
		diag_warn("no staff ids given");
	return GK_OK;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int
cli_ids_unique(const long long *ids, size_t n)
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
			diag_error("staff id %lld is given more than once",
			    sorted[i]);
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
	config_free(cli->config);
	cli->config = NULL;
	return status;
}
