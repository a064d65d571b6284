/*
 * case-stats.h - the figures of Art. 16 over the cases of the closed
 * loop: part of the case module (case.h), reading cases and
 * case_history.
 *
 * For every group (everything, or by handling centre, township of the
 * grid, staff member assigned, or category) of the cases reported in a
 * period: the cases by status and step; the on-time rate, cases closed
 * on time / (closed + open overdue), where a case is closed on time
 * when it left every step by that step's due time; the median and 90th
 * percentile (nearest rank) of the working days spent at each step 1
 * to 5; the escalations to the township and to the county; yellow and
 * red supervision cards; cases resolved on the spot; and the residents'
 * satisfaction at feedback.
 */
#ifndef GRIDKIT_CASE_STATS_H
#define GRIDKIT_CASE_STATS_H

#include <stddef.h>

#include "recout.h"

struct case_env;
struct db;

enum case_stats_by {
	CASE_STATS_ALL,		/* one row */
	CASE_STATS_CENTRE,	/* the centre or department handling it */
	CASE_STATS_TOWNSHIP,	/* the township of its grid */
	CASE_STATS_STAFF,	/* the staff member it was assigned to */
	CASE_STATS_CATEGORY	/* its category */
};

/* case_stats_by_parse reads "centre", "township", "staff" or
 * "category" (or their Chinese names): 0, or -1. */
int case_stats_by_parse(const char *s, int *out);

struct case_stats_opts {
	const char *from, *to;	/* reported on or after, on or before
				   (dates), or NULL */
	const char *area;	/* grid code prefix, or NULL */
	int by;			/* enum case_stats_by */
};

extern const struct recout_col case_stats_cols[];
extern const size_t case_stats_ncols;

/*
 * case_stats writes one record per group, in the order of the group
 * keys.  Memory grows with the history rows of the period (a float per
 * row, for the percentiles).  GK_OK or a status after reporting.
 */
int case_stats(struct db *db, const struct case_env *env,
    const struct case_stats_opts *o, struct recout *out);

/*
 * case_stats_html writes the same figures as one self-contained HTML
 * page to a new file path (mode 0600), for the centre's weekly meeting:
 * inline SVG bar charts of the on-time rate of each group and of the
 * cases of each township, and the table, with Chinese headers when
 * the language is Chinese; no scripts, nothing from the network.
 * GK_OK or a status after reporting.
 */
int case_stats_html(struct db *db, const struct case_env *env,
    const struct case_stats_opts *o, const char *path);

#endif
