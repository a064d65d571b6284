/*
 * gridview_sql.h - the SQL of the grid listings (gridview.c), internal
 * to lib/: shared only with tests/unit/test_plans.c, which asks SQLite
 * for the plan of each and fails when one reads a whole big table.
 * Listings by area find their rows through the codes' keys: grids and
 * areas by their code, units by units_key (village, ...) or units_grid.
 */
#ifndef GRIDKIT_GRIDVIEW_SQL_H
#define GRIDKIT_GRIDVIEW_SQL_H

enum gridview_query {
	GRIDVIEW_GRIDS,		/* ?1 ?2 the code range, ?3 retired too */
	GRIDVIEW_AREAS,		/* ?1 ?2 the code range */
	GRIDVIEW_UNITS,		/* ?1 ?2 the village range */
	GRIDVIEW_GRID_UNITS,	/* ?1 the grid: its units, for show */
	GRIDVIEW_NQUERIES
};

/* The statements, by enum gridview_query. */
extern const char *const gridview_sql[GRIDVIEW_NQUERIES];

#endif
