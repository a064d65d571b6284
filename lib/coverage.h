/*
 * coverage.h - the coverage check of Art. 4: complete coverage, no
 * overlap, no blank area, hazards inside grids.
 *
 * Findings are records (rule, subject, detail, severity):
 *
 *	blank-area	error	a unit in no active grid
 *	overlap		error	a unit listed under two or more active grids
 *	uncovered	error	a village or community with no active grid
 *	hazard-outside	error	a hazard point in no active grid
 *	grid-code	error	a grid whose code does not start with its
 *				village's, or whose village is not a village
 *	empty-grid	warning	an active grid with no units drawn into it
 *	grid-kind	warning	an urban grid in a village or the reverse
 *	unit-kind	warning	a villager group or natural village in an
 *				urban community grid or a dedicated grid
 *	size		warning	households (people, for a dedicated grid)
 *				outside the configured local guidance
 *
 * A hazard point of a kind in grid.linear_unit_kinds (rivers, ravines,
 * roads, forest roads) may be listed under several grids: no overlap.
 *
 * Findings come out in this order: uncovered villages; then the unit
 * findings (blank-area, hazard-outside, overlap) in unit order, so the
 * findings of one village stay together; then the grid findings rule by
 * rule, each in code order.
 */
#ifndef GRIDKIT_COVERAGE_H
#define GRIDKIT_COVERAGE_H

#include "recout.h"

struct config;
struct db;
struct grid_scope;

extern const struct recout_col coverage_cols[];
extern const size_t coverage_ncols;

struct coverage_counts {
	unsigned long errors;	/* error-level findings */
	unsigned long warnings;	/* warning-level findings */
};

/* coverage_check writes the findings in scope to out.  Returns GK_OK
 * (whatever was found: the counts tell) or a status after reporting. */
int coverage_check(struct db *db, const struct config *cfg,
    struct grid_scope *scope, struct recout *out,
    struct coverage_counts *counts);

#endif
