/*
 * roster-facts.h - what an audit of the roster asks of the staff
 * family of tables (people, assignments, declarations, public_contacts,
 * vacancies, training): who serves where on a day with the facts of
 * Art. 5 and 9, one person's facts, the open vacancies and the
 * training sessions per person and level.
 *
 * Part of the staff family: the SQL is here, beside the other owners
 * of those tables (roster.c, roster-month.c), so no checker reads them
 * itself.  Every walk calls fn once per row with strings valid during
 * the call only; fn returns GK_OK to go on, or a status that stops the
 * walk and is returned.  Each returns GK_OK or a status after
 * reporting.
 */
#ifndef GRIDKIT_ROSTER_FACTS_H
#define GRIDKIT_ROSTER_FACTS_H

#include "clock.h"

struct db;

/* The bars of Art. 9, as declared: 1 yes, 0 no, -1 not declared. */
enum { ROSTER_BAR_INVESTIGATION, ROSTER_BAR_PENALIZED, ROSTER_BAR_EXPELLED,
	ROSTER_NBARS };

/* A person and, for the serving roster, one assignment of theirs. */
struct roster_fact {
	long long person;		/* the staff id */
	const char *id_number;		/* GB 11643, unmasked: the caller
					   masks */
	const char *name;		/* real name */
	const char *phone;		/* personal phone, unmasked */
	const char *work_phone;		/* public work phone, or NULL */
	const char *education;		/* as recorded */
	const char *nationality;	/* ISO 3166 code */
	int bars[ROSTER_NBARS];		/* as declared */
	const char *grid;		/* 15 digits ("" in roster_person) */
	const char *role;		/* canonical ("" in roster_person) */
	const char *started;		/* date ("" in roster_person) */
};

/*
 * roster_serving calls fn for every assignment in force on day (started
 * on or before it and not ended, or ended after it, as roster_month
 * counts), ordered by person, then grid and role.
 */
int roster_serving(struct db *db, gk_day day,
    int (*fn)(const struct roster_fact *f, void *arg), void *arg);

/* roster_person calls fn with the facts of person, when there is such
 * a person (nothing is called when there is not). */
int roster_person(struct db *db, long long person,
    int (*fn)(const struct roster_fact *f, void *arg), void *arg);

/* A vacancy still open on a day (Art. 10). */
struct roster_vacancy {
	const char *grid;		/* 15 digits */
	const char *role;		/* canonical */
	const char *since;		/* date it opened */
	const char *reason;		/* why: resign, transfer, ... */
	long long left_by;		/* who left, or 0 */
};

/* roster_open_vacancies calls fn for every vacancy open on day (opened
 * on or before it and not filled by it), oldest first. */
int roster_open_vacancies(struct db *db, gk_day day,
    int (*fn)(const struct roster_vacancy *v, void *arg), void *arg);

/* roster_training calls fn with the number of training sessions of
 * each person and level (canonical: province ... township) held from
 * first to last, ordered by person and level; a person with none is
 * not called. */
int roster_training(struct db *db, gk_day first, gk_day last,
    int (*fn)(long long person, const char *level, long long sessions,
    void *arg), void *arg);

#endif
