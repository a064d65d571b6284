/*
 * case-figures.h - a grid member's figures from the closed loop (Art.
 * 16: rewards and replacement go by performance): the cases they
 * handled, how many on time, and the supervision cards those cases
 * drew.  Part of the case module (case.h owns the case tables); the
 * SQL is here so roster-audit asks rather than reads.
 *
 * A member's cases are those assigned to them (case-route assign --to
 * ID: a history row "to staff ID") that were reported in the period.
 * A case is on time when it was closed without a supervision card; it
 * counts against the rate when it was closed with a card, or is still
 * open with a card or past its step's due time.  The on-time rate
 * (DESIGN.md) is on time / (closed + open overdue); cases still open
 * and within their time limit do not count either way.
 */
#ifndef GRIDKIT_CASE_FIGURES_H
#define GRIDKIT_CASE_FIGURES_H

#include "clock.h"

struct db;

struct case_figures {
	long long person;	/* the staff id */
	long long cases;	/* assigned to them in the period */
	long long closed;	/* of those, closed */
	long long on_time;	/* closed without a card */
	long long overdue;	/* open, with a card or past due */
	long long cards;	/* supervision cards on their cases */
};

/*
 * case_figures calls fn for each member with a case reported from
 * first to last (days) assigned to them, ordered by staff id, open
 * cases judged as of now.  fn returns GK_OK to go on, or a status that
 * stops the walk.  Returns GK_OK, or a status after reporting.
 */
int case_figures(struct db *db, gk_day first, gk_day last, gk_time now,
    int (*fn)(const struct case_figures *cf, void *arg), void *arg);

#endif
