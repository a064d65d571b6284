/*
 * cli.h - the options, environment and skeleton every program shares.
 *
 * Every program's main() looks the same:
 *
 *	struct cli cli;
 *	cli_init(&cli, &prog, argc, argv);
 *	if ((rc = cli_parse(&cli)) != GK_OK)	   options, -h, -V, config
 *		return cli_exit(&cli, rc);
 *	... the work, through lib/ ...
 *	return cli_exit(&cli, rc);		   stdout checked, freed
 *
 * The common options (DESIGN.md section 3): -d/--db FILE, -c/--config
 * FILE, -f/--format FMT, -n/--dry-run, -q/--quiet, -v/--verbose,
 * --now TIME, --operator NAME, --reveal, --excel, --input-format FMT,
 * --encoding NAME, --max-errors N, --print-config, -h/--help,
 * -V/--version.  Environment: GRIDKIT_DB, GRIDKIT_CONFIG, GRIDKIT_NOW,
 * GRIDKIT_OPERATOR.  Precedence: flag > environment > config > default.
 *
 * A program adds its own options through struct cli_prog: extra short
 * option letters, extra long options, and a handler.
 */
#ifndef GRIDKIT_CLI_H
#define GRIDKIT_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "recout.h"
#include "recin.h"

struct config;
struct db;

/* Returned by cli_parse when -h, -V or --print-config did the work. */
#define CLI_DONE (-1)

struct cli_prog {
	const char *name;		/* "grid-define" */
	const char *synopsis;		/* the man page SYNOPSIS, one form per
					   line, without the program name */
	const char *summary;		/* one line: what the program does */
	const char *shortopts;		/* the program's own short options */
	const struct option *longopts;	/* its own long options, {0} ended */
	/* Handles one of the program's own options; returns GK_OK or
	 * GK_USAGE (after reporting). */
	int (*option)(void *ctx, int c, const char *arg);
	void *ctx;
};

struct cli {
	const struct cli_prog *prog;	/* the program */
	int argc;			/* operands left after cli_parse */
	char **argv;			/* the operands */
	const char *db_path;		/* -d, GRIDKIT_DB, config, or NULL */
	const char *config_path;	/* -c or GRIDKIT_CONFIG, or NULL */
	const char *now;		/* --now or GRIDKIT_NOW, or NULL */
	const char *operator_name;	/* --operator, GRIDKIT_OPERATOR, login */
	enum recout_format format;	/* -f, else by whether stdout is a tty */
	int format_set;			/* -f was given */
	int excel;			/* --excel */
	int dry_run;			/* -n */
	int reveal;			/* --reveal: show personal data */
	int print_config;		/* --print-config */
	long long max_errors;		/* --max-errors, else input.max_errors */
	struct recin_opts input;	/* --input-format, --encoding */
	struct config *config;		/* loaded by cli_parse */
	char login[64];			/* storage for the login name */
};

void cli_init(struct cli *cli, const struct cli_prog *prog, int argc,
    char **argv);

/*
 * cli_parse parses the options (the program's through prog->option),
 * loads the config, pins the clock, sets the verbosity.  -h prints the
 * usage to stdout, -V the version, --print-config the configuration:
 * each then returns CLI_DONE.  Errors are reported; returns GK_USAGE or
 * GK_CONFIG.  On GK_OK, cli->argc/argv hold the operands.
 */
int cli_parse(struct cli *cli);

/* cli_usage prints "usage: prog FORM" lines to fp. */
void cli_usage(const struct cli *cli, FILE *fp);

/* cli_usage_error reports a usage error, prints the usage to stderr and
 * returns GK_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * cli_open_db opens the database named by -d, GRIDKIT_DB, the config or
 * the default path; write: create it when missing (a read-only command
 * passes 0 and gets GK_UNAVAILABLE for a missing database).  On GK_OK
 * *out is open with the operator and program set for the audit log.
 */
int cli_open_db(struct cli *cli, struct db **out, int write);

/*
 * cli_calendar loads the working-day calendars from calendar.dir in the
 * config; when that is empty, from etc/calendar beside the program (a
 * build tree), else from the installed GRIDKIT_SHAREDIR/calendar.  On
 * GK_OK *out is a calendar to free with cal_free.
 */
struct calendar;
int cli_calendar(const struct cli *cli, struct calendar **out);

/*
 * cli_ids collects staff ids: the operands from cli->argv[first] on, or,
 * when there are none or the only one is "-", one per line from
 * standard input (the first field of a TSV or CSV line, so the output of
 * a listing can be piped in; a header line such as "id" is skipped).
 * On GK_OK *ids (freed by the caller) holds *n ids in order; a bad id
 * is reported with its place and gives GK_DATAERR (GK_USAGE for an
 * operand).
 */
int cli_ids(struct cli *cli, int first, long long **ids, size_t *n);

/* cli_ids_unique refuses ids given twice, naming them: GK_USAGE. */
int cli_ids_unique(const long long *ids, size_t n);

/* cli_out starts record output on stdout in the chosen format. */
struct recout *cli_out(const struct cli *cli, const struct recout_col *cols,
    size_t ncols);

/* cli_out_end ends record output begun with cli_out for a command
 * whose status is rc: a failed command that printed nothing yet prints
 * nothing.  Returns the worse of rc and the output's own status. */
int cli_out_end(struct recout *w, int rc);

/* cli_parse_count reads a non-negative count option (--households). */
int cli_parse_count(const struct cli *cli, const char *opt, const char *arg,
    long long *out);

/*
 * cli_exit flushes and closes stdout (a write error, a full disk, is
 * reported and turns a success into GK_IOERR), frees what cli_parse
 * loaded, and returns the exit status for main() to return.  A CLI_DONE
 * status becomes 0.
 */
int cli_exit(struct cli *cli, int status);

#endif
