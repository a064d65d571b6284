/*
 * payroll.h - a month's payroll checked against the Measures (Art.
 * 17-19): what payroll-check does.
 *
 * The payroll is a file of records (CSV, TSV, JSON Lines; columns by
 * name with the aliases of the config): staff or id_number, name, role,
 * county or grid, gross, insurance, subsidy, case_subsidy,
 * accident_insurance.  Amounts are yuan with at most two decimals,
 * parsed exactly into fen (payroll_parse_fen), never through floating
 * point.  The file is read whole before anything is checked: a file
 * with a bad line is refused (GK_DATAERR) with every bad line located,
 * and no finding is made from it.
 *
 * The rules (payroll_rules) are checked with findings.h.  The minimum
 * wage comes from the config: pay.min_wage (a list of "DATE AMOUNT..."
 * entries, one amount per wage class, each in force from its date) and
 * pay.wage_class.<county> (the county's class, "N" or "DATE N" entries).
 * The figures in force on the first day of the month apply to the
 * whole month.  A county paid full-time wages that has no class is a
 * configuration error naming the key (GK_CONFIG), never a pass.
 */
#ifndef GRIDKIT_PAYROLL_H
#define GRIDKIT_PAYROLL_H

#include <stddef.h>

#include "clock.h"
#include "findings.h"

struct config;
struct db;
struct recin_opts;

/* The rules payroll-check checks, in --rules order. */
extern const struct finding_rule payroll_rules[];
extern const size_t payroll_nrules;

/* Longest text of an amount from payroll_fen_format. */
#define PAYROLL_FEN_MAX 32

/*
 * payroll_parse_fen reads an amount of yuan exactly into fen: digits,
 * optionally grouped by commas in threes ("1,980.00"), optionally a
 * point and one or two decimals; full-width digits are folded.  Returns
 * 0, or -1 with *why a static reason (empty, negative, not a number,
 * more than two decimals, too large).
 */
int payroll_parse_fen(const char *s, long long *fen, const char **why);

/* payroll_fen_format writes fen as yuan with two decimals ("1980.00"). */
char *payroll_fen_format(long long fen, char buf[PAYROLL_FEN_MAX]);

/*
 * payroll_min_wage gives the monthly minimum wage of wage class cls in
 * force on day, from pay.min_wage.  Returns 0; -1 when no entry is in
 * force on that day or it has no class cls.
 */
int payroll_min_wage(const struct config *cfg, gk_day day, int cls,
    long long *fen);

/* payroll_wage_class gives the wage class of county (6 digits) on day,
 * from pay.wage_class.<county>: 0, or -1 when none is set for that day. */
int payroll_wage_class(const struct config *cfg, const char *county,
    gk_day day, int *cls);

/* payroll_check_config checks the pay.* keys (a cli_config_check):
 * GK_OK, or GK_CONFIG after reporting each bad value with its origin. */
int payroll_check_config(const struct config *cfg);

/*
 * The count of cases person reported and closed from first to last, for
 * the per-case subsidy (以案定补, Art. 19): 0 with *n set, or -1 when
 * the database has no cases to count (the case tables are not there):
 * the rule is then skipped with a notice.
 */
int payroll_case_count(struct db *db, long long person, gk_day first,
    gk_day last, long long *n);

/* How a payroll is checked. */
struct payroll_opts {
	const char *path;		/* the file, "-" or NULL: stdin */
	const struct recin_opts *in;	/* --input-format, --encoding */
	long long max_errors;		/* bad lines reported, at most */
	int year, month;		/* the month of the payroll */
	int reveal;			/* identity numbers unmasked */
};

/*
 * payroll_check reads the payroll and adds the findings of the rules
 * checked to f.  db is the database to compare with (active staff,
 * cases), or NULL: the rules that need it are skipped with a notice.
 * Returns GK_OK (whatever was found), or the status after reporting:
 * GK_NOINPUT, GK_DATAERR (bad lines or columns: every one reported),
 * GK_CONFIG (a county with no wage class, no minimum wage in force),
 * GK_IOERR, or a database error.
 */
int payroll_check(struct db *db, const struct config *cfg,
    const struct payroll_opts *o, struct findings *f);

#endif
