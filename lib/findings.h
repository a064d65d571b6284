/*
 * findings.h - compliance findings, the shape every checking program
 * (payroll-check, roster-audit) prints.
 *
 * A finding is a record: the rule that was broken (a stable id such as
 * ART18-MIN-WAGE), the article of the Measures it comes from, its
 * severity (error or warning), its subject (a staff id, a grid code, a
 * payroll line "pay.csv:12"), a detail sentence a person can act on, and
 * the values that broke the rule ("pay=1800.00 min_wage=1980.00").
 *
 * A program declares its rules in a table (struct finding_rule) and
 * hands it to findings_new; the options every checker shares are
 * handled here, once: the program puts FINDINGS_LONGOPTS in its long
 * options and FINDINGS_OPT_CODES in its verb's options, and passes the
 * codes findings_is_option recognises to findings_option.
 *
 *   --rules          list every rule, its article, severity and the
 *                    config values in force, and check nothing
 *   --only RULE,..   check these rules only
 *   --skip RULE,..   check all but these (unknown ids: usage error)
 *   --as-of DATE     the day the check is made as of (default today)
 *   --strict         warnings count for the exit status
 *   --baseline FILE  a previous run's TSV: print only findings that are
 *                    new since then, matched by rule, subject and
 *                    values (not by the wording of the detail)
 *
 * The checker adds findings as it finds them (findings_add); a finding
 * of a rule that is not checked (--only, --skip) is dropped, so a
 * checker may ask findings_enabled to save the work.  findings_end
 * sorts them by rule, subject and values (byte order, so two runs diff
 * cleanly), leaves out those of the baseline, prints them through
 * recout and says what the exit status is.
 *
 * Layering: findings uses recout, recin, config and diag; it knows no
 * rule and no table.
 */
#ifndef GRIDKIT_FINDINGS_H
#define GRIDKIT_FINDINGS_H

#include <getopt.h>
#include <stddef.h>

#include "clock.h"

struct cli;
struct config;

enum finding_severity {
	FINDING_ERROR,		/* counts for the exit status */
	FINDING_WARNING		/* counts only with --strict */
};

/* One rule of a checker: a row of its table. */
struct finding_rule {
	const char *id;			/* "ART18-MIN-WAGE": stable, upper case */
	const char *article;		/* "Art. 18" */
	enum finding_severity severity;
	const char *description;	/* one line, N_() marked */
	const char *const *keys;	/* the config keys it uses, NULL-ended,
					   or NULL; a key ending ".*" stands
					   for every member of the map */
};

/* The shared options, by code (within the program option range). */
enum {
	FINDINGS_OPT_RULES = 0x300,
	FINDINGS_OPT_ONLY,
	FINDINGS_OPT_SKIP,
	FINDINGS_OPT_AS_OF,
	FINDINGS_OPT_STRICT,
	FINDINGS_OPT_BASELINE
};

/* In a program's struct option table. */
#define FINDINGS_LONGOPTS \
	{ "rules",	no_argument,	   NULL, FINDINGS_OPT_RULES }, \
	{ "only",	required_argument, NULL, FINDINGS_OPT_ONLY }, \
	{ "skip",	required_argument, NULL, FINDINGS_OPT_SKIP }, \
	{ "as-of",	required_argument, NULL, FINDINGS_OPT_AS_OF }, \
	{ "strict",	no_argument,	   NULL, FINDINGS_OPT_STRICT }, \
	{ "baseline",	required_argument, NULL, FINDINGS_OPT_BASELINE }

/* In a verb's list of option codes. */
#define FINDINGS_OPT_CODES \
	FINDINGS_OPT_RULES, FINDINGS_OPT_ONLY, FINDINGS_OPT_SKIP, \
	FINDINGS_OPT_AS_OF, FINDINGS_OPT_STRICT, FINDINGS_OPT_BASELINE

/* The SYNOPSIS words of the shared options, for a verb's form. */
#define FINDINGS_SYNOPSIS "[--rules] [--only RULE,...] [--skip RULE,...] " \
	"[--as-of DATE] [--strict] [--baseline FILE]"

struct findings;

/* findings_new starts a set of findings of the n rules (the array must
 * outlive the set), every rule checked, as of today. */
struct findings *findings_new(const struct finding_rule *rules, size_t n);
void findings_free(struct findings *f);

/* findings_is_option: whether c is one of the shared option codes. */
int findings_is_option(int c);

/*
 * findings_option takes one of the shared options: GK_OK, or GK_USAGE
 * after reporting (cli_usage_error) an unknown rule id, a rule both
 * in --only and --skip, a bad date, an option given twice.
 */
int findings_option(struct findings *f, const struct cli *cli, int c,
    const char *arg);

/* findings_listing: --rules was given. */
int findings_listing(const struct findings *f);

/*
 * findings_rules prints the rule table (rule, article, severity, checked,
 * description, config: the keys with their values in force) to standard
 * output in the chosen format.  Returns GK_OK or GK_IOERR.
 */
int findings_rules(const struct findings *f, const struct cli *cli);

/* findings_as_of: --as-of, else today (clock_today). */
gk_day findings_as_of(const struct findings *f);

/* findings_enabled: whether rule id is checked (an unknown id is a
 * programming error: reported, and not checked). */
int findings_enabled(const struct findings *f, const char *id);

/*
 * findings_add adds a finding of rule id about subject, with values
 * (key=value pairs separated by spaces, NULL for none) and a detail
 * sentence formatted from fmt (already translated by the caller).
 * Dropped when the rule is not checked.  The strings are copied.
 */
void findings_add(struct findings *f, const char *id, const char *subject,
    const char *values, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * findings_skipped says, once per rule, that rule id could not be
 * checked and why (a note on standard error, which -q silences); a
 * rule not checked anyway says nothing.
 */
void findings_skipped(struct findings *f, const char *id, const char *why);

/*
 * findings_load_baseline reads --baseline, when given: a TSV (or any
 * format recin reads) with at least the columns rule, subject and values;
 * an empty file is a baseline of no findings.
 * GK_OK, or the status after reporting (GK_NOINPUT, GK_DATAERR).  Call
 * it before the check, so a bad baseline fails before any work.
 */
int findings_load_baseline(struct findings *f, const struct cli *cli);

/* How many findings were added so far (those not checked aside). */
size_t findings_count(const struct findings *f);

/*
 * findings_end sorts the findings by rule, subject and values, leaves
 * out those in the baseline, prints the rest to standard output in the
 * chosen format (columns rule, article, severity, subject, detail,
 * values; nothing at all when there are none, unless the format is
 * JSON: []), and with -v says on standard error how many there were.
 * Returns GK_FINDINGS when a printed finding is an error (with --strict:
 * when any was printed), GK_OK when none, GK_IOERR when writing failed.
 */
int findings_end(struct findings *f, const struct cli *cli);

/*
 * For tests and for findings_end: sort (stable order), the baseline
 * match, and the status of what is left.
 */
struct finding {
	const struct finding_rule *rule;	/* its rule */
	char *subject;				/* owned */
	char *detail;				/* owned */
	char *values;				/* owned, "" for none */
};
void findings_sort(struct findings *f);
/* findings_in_baseline: whether the baseline has a finding like fd. */
int findings_in_baseline(const struct findings *f, const struct finding *fd);
/* findings_get: the i-th finding, in order once sorted. */
const struct finding *findings_get(const struct findings *f, size_t i);
/* findings_baseline_add adds one key to the baseline (what loading a
 * baseline file does for each row). */
void findings_baseline_add(struct findings *f, const char *rule,
    const char *subject, const char *values);
/* findings_status: the exit status for the findings not in the
 * baseline, as findings_end returns it when writing succeeds. */
int findings_status(const struct findings *f);

#endif
