/*
 * roster_sql.h - the SQL of the staff listings (roster.c), internal to
 * lib/: shared only with tests/unit/test_plans.c, which asks SQLite for
 * the plan of each and fails when one reads a whole big table.
 *
 * Every listing filtered by area, stage or status finds its rows
 * through an index: by area, the grid (people_grid, assignments_grid);
 * by stage or status, people_status (status, stage).  A listing of
 * everything reads everything, through the same statements.
 */
#ifndef GRIDKIT_ROSTER_SQL_H
#define GRIDKIT_ROSTER_SQL_H

enum roster_query {
	/* staff_list: ?1 ?2 the grid range, ?3 the role or NULL, ?4 the
	 * stage or NULL, ?5 serving staff only (0/1); one statement per
	 * way in: by area (or nothing), by stage, serving staff. */
	ROSTER_LIST_AREA,
	ROSTER_LIST_STAGE,
	ROSTER_LIST_ACTIVE,
	/* staff_rank: ?1 the stage, ?2 ?3 the exam and interview weights
	 * (percent), ?4 flags counted (0/1), ?5 the round's number or
	 * NULL. */
	ROSTER_RANK,
	/* staff_vacancies: ?1 ?2 the grid range, ?3 ?4 the role or NULL,
	 * ?5 open ones only (0/1). */
	ROSTER_VACANCIES,
	/* staff_serving: ?1 the grid. */
	ROSTER_SERVING,
	ROSTER_NQUERIES
};

/* The statements, by enum roster_query. */
extern const char *const roster_sql[ROSTER_NQUERIES];

#endif
