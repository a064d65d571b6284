/*
 * grid-each.c - every grid, for a walk over all of them (roster-audit:
 * every urban grid has a full-time member, every grid a leader).  Part
 * of the grid module.
 */
#include "db.h"
#include "grid.h"
#include "status.h"

int
grid_each(struct db *db, int (*fn)(const char *code, const char *kind,
    const char *status, void *arg), void *arg)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_prepare(db, "SELECT code, kind, status FROM grids "
	    "ORDER BY code")) == NULL)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = fn(db_text(st, 0), db_text(st, 1), db_text(st, 2),
		    arg)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	return rc < 0 ? -rc : GK_OK;
}
