/*
 * cli.h - the options, environment and skeleton every program shares.
 *
 * A program declares what it is, and one driver runs it.  Its main() is
 *
 *	int
 *	main(int argc, char *argv[])
 *	{
 *		return cli_main(&prog, argc, argv);
 *	}
 *
 * where prog (struct cli_prog) names the program, its own options, its
 * config checks and its table of verbs (struct cli_verb): each verb's
 * handler, how it opens the database, the program options it takes (by
 * option code), how many operands it takes and its SYNOPSIS forms.
 * cli_main parses the options (the common ones and the program's, in
 * any order around the verb and its operands, as GNU getopt permutes
 * them), loads the configuration and runs the program's checks on it,
 * picks the verb, refuses an option that belongs to another verb and a
 * wrong number of operands, opens the database in the verb's mode, runs
 * the handler, closes the database and checks standard output.
 *
 * The common options (DESIGN.md section 3): -d/--db FILE, -c/--config
 * FILE, -f/--format FMT, -o/--output FILE, -n/--dry-run, -q/--quiet, -v/--verbose,
 * --now TIME, --operator NAME, --reveal, --excel, --input-format FMT,
 * --encoding NAME, --max-errors N, --allow-empty, --print-config,
 * --wait SECS (the busy budget of the whole command, db.h), -h/--help,
 * -V/--version.  The operator is bound to the jurisdiction the
 * configuration gives them (jurisdiction.h).  Environment: GRIDKIT_DB, GRIDKIT_CONFIG,
 * GRIDKIT_NOW, GRIDKIT_OPERATOR.  Precedence: flag > environment >
 * config > default.
 *
 * Usage: -h prints every form of every verb; a usage error about a verb
 * prints that verb's forms only, one about no verb or an unknown one
 * every form.  The forms are the man page SYNOPSIS, line for line (a
 * test holds them to it).
 *
 * This module knows no domain: what a program's configuration must
 * satisfy, it says through cli_prog.config_checks.
 */
#ifndef GRIDKIT_CLI_H
#define GRIDKIT_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>

#include "i18n.h"
#include "recout.h"
#include "recin.h"

struct cli;
struct config;
struct db;

/* Returned by cli_parse when -h, -V or --print-config did the work. */
#define CLI_DONE (-1)

/* How a verb opens the database. */
enum cli_db {
	CLI_DB_NONE,		/* it needs none: its handler gets NULL */
	CLI_DB_READ,		/* it must exist; never created, and opened
				   for writing only for the audit row of a
				   --reveal */
	CLI_DB_WRITE,		/* created with its schema when missing */
	CLI_DB_EXISTING		/* it must exist; opened for writing (an
				   audit row), never created */
};

/* One verb of a program: a row of its table. */
struct cli_verb {
	const char *name;	/* "advance" */
	/* Does the work, once the options and operand count are checked:
	 * cli->argv[0] is the verb, cli->argv[1..argc-1] its operands; db
	 * is open in the verb's mode (NULL for CLI_DB_NONE) and closed by
	 * the driver.  Returns a status (status.h). */
	int (*run)(struct cli *cli, struct db *db);
	enum cli_db db;		/* how it opens the database */
	const int *opts;	/* the program options it takes, by option
				   code, 0-ended; NULL for none */
	int min, max;		/* operands after the verb; max -1: any */
	const char *synopsis;	/* its SYNOPSIS form(s) from the verb on,
				   without "[options]", one per line */
};

/* A check of the configuration, run once it is loaded: GK_OK, or
 * GK_CONFIG after reporting with the file and line of the value. */
typedef int cli_config_check(const struct config *cfg);

struct cli_prog {
	const char *name;		/* "grid-define" */
	const char *summary;		/* one line: what the program does */
	const struct cli_verb *verbs;	/* its verbs in SYNOPSIS order,
					   ended by a NULL name */
	const char *shortopts;		/* the program's own short options */
	const struct option *longopts;	/* its own long options, {0} ended;
					   codes above 0xff and below 0x10000,
					   never those of the common options
					   (0x100 to 0x1ff) */
	/* Takes one of the program's own options, in command-line order,
	 * once the verb is known (cli->verb) and the option is known to
	 * be one of the verb's; returns GK_OK or a status after reporting
	 * (cli_usage_error).  NULL when the program has no options. */
	int (*option)(struct cli *cli, int c, const char *arg);
	cli_config_check *const *config_checks; /* NULL-ended; NULL for
					   none */
	int trim_operands;		/* blanks around the operands are
					   trimmed (codes and names pasted
					   from a spreadsheet) */
	int default_verb;		/* the first verb runs when the first
					   operand names no verb: a program
					   of one verb ("payroll-check
					   FILE"); its SYNOPSIS forms leave
					   the verb's name out */
};

/* A program option as given: its code and its value (or NULL). */
struct cli_optarg {
	int code;			/* the option code (struct option.val) */
	const char *arg;		/* its value, or NULL */
};

struct cli {
	const struct cli_prog *prog;	/* the program */
	const struct cli_verb *verb;	/* the verb, once known, else NULL */
	int argc;			/* the verb and its operands, after
					   cli_parse */
	char **argv;			/* argv[0] is the verb */
	const char *db_path;		/* -d, GRIDKIT_DB, config, or NULL */
	const char *config_path;	/* -c or GRIDKIT_CONFIG, or NULL */
	const char *now;		/* --now or GRIDKIT_NOW, or NULL */
	const char *operator_name;	/* --operator, GRIDKIT_OPERATOR, login */
	const char *operator_given;	/* --operator alone, or NULL (log
					   filters by it) */
	enum recout_format format;	/* -f, else by whether stdout is a tty */
	int format_set;			/* -f was given */
	const char *output;		/* -o: records go to this file */
	char *doc_tmp;			/* cli_doc's file until it is whole */
	FILE *doc_fp;			/* and its stream */
	int excel;			/* --excel */
	int dry_run;			/* -n */
	int reveal;			/* --reveal: show personal data */
	int allow_empty;		/* --allow-empty: no ids on stdin is
					   not an error */
	int print_config;		/* --print-config */
	long long max_errors;		/* --max-errors, else input.max_errors */
	struct recin_opts input;	/* --input-format, --encoding */
	struct config *config;		/* loaded by cli_parse */
	struct cli_optarg *given;	/* the program options given */
	size_t ngiven;			/* how many */
	char login[64];			/* storage for the login name */
};

/*
 * cli_main runs the program prog with argc and argv as main() got them
 * and returns the exit status for main() to return: cli_init,
 * cli_parse, cli_open_db in the verb's mode, the verb's handler,
 * db_close, cli_exit.
 */
int cli_main(const struct cli_prog *prog, int argc, char **argv);

void cli_init(struct cli *cli, const struct cli_prog *prog, int argc,
    char **argv);

/*
 * cli_parse parses the options, loads the config and runs the
 * program's checks on it, pins the clock, sets the verbosity, picks the
 * verb, refuses options of other verbs and a wrong number of operands,
 * and hands the program's options to prog->option.  -h prints the
 * usage to stdout, -V the version, --print-config the configuration:
 * each then returns CLI_DONE.  Errors are reported; returns GK_USAGE,
 * GK_CONFIG or what prog->option returned.  On GK_OK, cli->verb is set
 * and cli->argc/argv hold the verb and its operands.
 */
int cli_parse(struct cli *cli);

/* cli_usage prints "usage: prog [options] FORM" lines to fp: the forms
 * of cli->verb when it is known, else every form. */
void cli_usage(const struct cli *cli, FILE *fp);

/* cli_usage_error reports a usage error, prints the usage (cli_usage)
 * to stderr and returns GK_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * cli_open_db opens the database named by -d, GRIDKIT_DB, the config or
 * the default path, in mode (not CLI_DB_NONE).  CLI_DB_WRITE creates
 * it when missing (in a dry run it uses an empty one in memory
 * instead); CLI_DB_READ refuses a missing one with GK_UNAVAILABLE, and
 * with --reveal opens an existing one for writing, for the audit row.
 * On GK_OK *out is open with the operator and program set for the audit
 * log.
 */
int cli_open_db(struct cli *cli, struct db **out, enum cli_db mode);

/*
 * cli_close_db closes db (NULL: nothing), opened in mode, after a
 * command whose status is rc: a refusal of the operator's jurisdiction
 * (GK_NOPERM) is first recorded in the audit log (juris_record) when
 * the connection may write.  Returns rc, or worse when the record
 * failed.
 */
int cli_close_db(struct cli *cli, struct db *db, enum cli_db mode, int rc);

/*
 * cli_open_db_if_there opens the database for reading when there is
 * one (the checkers, whose input may come from a file): a database file
 * that is not there yet leaves *out NULL after saying so on standard
 * error with what then goes unchecked (missing, a sentence), and
 * returns GK_OK; one that is there must open (cli_open_db).
 */
int cli_open_db_if_there(struct cli *cli, struct db **out,
    const char *missing);

/*
 * cli_calendar loads the working-day calendars from calendar.dir in the
 * config; when that is empty, from the first directory that exists of
 * etc/calendar beside the program (a build tree), ../share/gridkit/
 * calendar beside it (an installed tree, wherever it was moved to) and
 * the compiled-in GRIDKIT_SHAREDIR/calendar.  On GK_OK *out is a
 * calendar to free with cal_free.
 */
struct calendar;
int cli_calendar(const struct cli *cli, struct calendar **out);

/*
 * cli_datafile writes into out the path of a shipped data file: the
 * config key's value when set, else name in the shipped directory sub
 * found as cli_calendar finds the calendars ("case", "categories.tsv":
 * etc/case/categories.tsv in a build tree, SHAREDIR/case/... when
 * installed).
 */
struct sb;
void cli_datafile(const struct cli *cli, const char *key, const char *sub,
    const char *name, struct sb *out);

/* A kind of identifier that commands take as operands or read from
 * standard input: staff ids today, case numbers next. */
struct cli_idkind {
	const char *name;		/* "staff id", for messages */
	const char *names;		/* "staff ids" */
	const char *const *headers;	/* first-line words to skip (the
					   header of a listing piped in),
					   NULL-ended; compared ignoring
					   ASCII case */
	/* Parses one id; 0, or -1 when s is none.  NULL: a whole number
	 * from 1. */
	int (*parse)(const char *s, long long *id);
};

/*
 * cli_ids collects ids of kind: the operands from cli->argv[first] on,
 * or, when there are none or the only one is "-", one per line from
 * standard input (the first field of a TSV or CSV line, quotes and a
 * BOM dropped, so a listing can be piped in; blank lines and a header
 * first line are skipped).  With no operands and a terminal on standard
 * input it does not wait for typing: a usage error.  On GK_OK *ids
 * (freed by the caller) holds *n ids in order.  A bad id is reported
 * with its place (-:3:1 on standard input) and gives GK_DATAERR
 * (GK_USAGE for an operand); a read error GK_IOERR.  Standard input
 * with no id at all is GK_NOINPUT, so that a pipeline after a refused
 * step stops, unless --allow-empty was given: then GK_OK with *n 0.
 */
int cli_ids(struct cli *cli, const struct cli_idkind *kind, int first,
    long long **ids, size_t *n);

/* cli_id reads the one operand of a verb that takes one id of kind;
 * GK_USAGE after reporting when there is not exactly one or it is not
 * an id. */
int cli_id(const struct cli *cli, const struct cli_idkind *kind,
    long long *id);

/* cli_ids_unique refuses ids given twice, naming them: GK_USAGE. */
int cli_ids_unique(const struct cli_idkind *kind, const long long *ids,
    size_t n);

/* cli_out starts record output in the chosen format: on stdout, or
 * with -o to that file (recout_open_file: written whole or not at
 * all, mode 0600). */
struct recout *cli_out(const struct cli *cli, const struct recout_col *cols,
    size_t ncols);

/* cli_out_end ends record output begun with cli_out for a command
 * whose status is rc: a failed command that printed nothing yet prints
 * nothing.  Returns the worse of rc and the output's own status. */
int cli_out_end(struct recout *w, int rc);

/*
 * cli_doc starts a document (show, board) for a command: *fp is stdout,
 * or with -o a file of that name, written whole by cli_doc_end or not
 * at all, mode 0600.  A document is text or JSON, no workbook: -f xlsx
 * is a usage error.  GK_OK, GK_USAGE or GK_CANTCREAT.
 */
int cli_doc(struct cli *cli, FILE **fp);

/* cli_doc_end ends the document of a command whose status is rc; the
 * worse of rc and the file's own status. */
int cli_doc_end(struct cli *cli, int rc);

/*
 * Where a listing looks: one of --grid, --village, --township and
 * --county (a program takes those it has).  cli_scope_option takes one
 * as it is given, by its name ("--village"; its level follows from it)
 * and refuses a second; cli_scope_take does the same for the program
 * option of that code, as the program's option callback gets it;
 * cli_scope_prefix checks the code is
 * one of that level and writes the prefix of the grid codes inside it
 * ("" when none was given), cli_scope_range the range of 15-digit grid
 * codes it spans.  GK_OK or a usage error.
 */
struct cli_scope {
	const char *opt;		/* "--village" ..., NULL: none given */
	int level;			/* 0 a grid, else enum area_level */
	const char *code;		/* as given */
};
int cli_scope_option(const struct cli *cli, struct cli_scope *s,
    const char *opt, const char *arg);
int cli_scope_take(const struct cli *cli, struct cli_scope *s, int code,
    const char *arg);
int cli_scope_prefix(const struct cli *cli, const struct cli_scope *s,
    char prefix[16]);
int cli_scope_range(const struct cli *cli, const struct cli_scope *s,
    char lo[16], char hi[16]);
/* cli_scope_some says whether the range cli_scope_range wrote narrows
 * anything: a place was given, or the operator's jurisdiction
 * (jurisdiction.h) narrowed a listing of everything to its area. */
int cli_scope_some(const char lo[16]);

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

/* cli_release frees what cli_parse loaded and leaves stdout alone (for
 * tests; cli_exit calls it). */
void cli_release(struct cli *cli);

#endif
