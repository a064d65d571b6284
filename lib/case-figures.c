/*
 * case-figures.c - a member's cases: on time, overdue, cards.
 *
 * The assignments are read from the case history (the case row keeps
 * only its current assignee, which an escalation clears), one row per
 * assignment, and folded per member in memory: a member's cases are a
 * few hundred a year at most, a province's some millions.
 */
#include <stdlib.h>
#include <string.h>

#include "case-figures.h"
#include "db.h"
#include "status.h"
#include "util.h"

/* One case assigned to one member. */
struct handled {
	long long person;
	long long id;
	int closed;		/* 1 closed */
	int late;		/* closed with a card, or open overdue */
	int open_overdue;	/* open and overdue */
	long long cards;
};

static int
cmp_handled(const void *a, const void *b)
{
	const struct handled *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The staff id of a history note "to staff 12" or "to staff 12: ...";
 * 0 for anything else. */
static long long
note_staff(const char *note)
{
	long long id = 0;
	const char *p;

	if (strncmp(note, "to staff ", 9) != 0)
		return 0;
	for (p = note + 9; *p >= '0' && *p <= '9'; p++) {
		if (id > 99999999999LL)
			return 0;
		id = id * 10 + (*p - '0');
	}
	return *p == '\0' || *p == ':' ? id : 0;
}

int
case_figures(struct db *db, gk_day first, gk_day last, gk_time now,
    int (*fn)(const struct case_figures *cf, void *arg), void *arg)
{
	struct db_stmt *st;
	struct handled *h = NULL;
	struct case_figures cf;
	char lo[DAY_ISO_MAX], hi[DAY_ISO_MAX], at[CLOCK_ISO_MAX];
	size_t n = 0, cap = 0, i;
	int rc;

	day_format(first, lo);
	day_format(last + 1, hi);
	clock_format(now, at);
	st = db_prepare(db, "SELECT h.note, c.id, c.status, c.cards, "
	    "c.due FROM case_history h JOIN cases c ON c.id = h.case_id "
	    "WHERE h.action = 'assign' AND h.note LIKE 'to staff %' "
	    "AND c.reported >= ?1 AND c.reported < ?2");
	if (st == NULL)
		return GK_SOFTWARE;
	if (db_bind_text(st, 1, lo) != GK_OK ||
	    db_bind_text(st, 2, hi) != GK_OK)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		long long person = note_staff(db_text(st, 0));
		const char *status = db_text(st, 2);
		struct handled *x;

		if (person == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			h = ereallocarray(h, cap, sizeof *h);
		}
		x = &h[n++];
		x->person = person;
		x->id = db_int(st, 1);
		x->cards = db_int(st, 3);
		x->closed = strcmp(status, "closed") == 0;
		x->open_overdue = strcmp(status, "open") == 0 &&
		    (x->cards > 0 || (!db_isnull(st, 4) &&
		    strcmp(db_text(st, 4), at) < 0));
		x->late = x->closed ? x->cards > 0 : x->open_overdue;
	}
	if (rc < 0) {
		free(h);
		return -rc;
	}
	if (n > 1)
		qsort(h, n, sizeof *h, cmp_handled);
	rc = GK_OK;
	memset(&cf, 0, sizeof cf);
	for (i = 0; i < n && rc == GK_OK; i++) {
		/* A case assigned to the same member twice counts once. */
		if (i > 0 && h[i].person == h[i - 1].person &&
		    h[i].id == h[i - 1].id)
			continue;
		if (cf.person != h[i].person) {
			if (cf.person != 0)
				rc = fn(&cf, arg);
			memset(&cf, 0, sizeof cf);
			cf.person = h[i].person;
		}
		cf.cases++;
		cf.closed += h[i].closed;
		cf.on_time += h[i].closed && !h[i].late;
		cf.overdue += h[i].open_overdue;
		cf.cards += h[i].cards;
	}
	if (rc == GK_OK && cf.person != 0)
		rc = fn(&cf, arg);
	free(h);
	return rc;
}
