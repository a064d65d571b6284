/*
 * visit-last.c - the last visit of a member to a grid.
 */
#include "db.h"
#include "status.h"
#include "visit-last.h"

int
visit_last(struct db *db, long long staff, const char *grid, gk_day day,
    gk_day *last)
{
	struct db_stmt *st;
	char d[DAY_ISO_MAX];
	const char *why;
	int rc, found = 0;

	day_format(day, d);
	rc = db_query(db, &st, "SELECT max(day) FROM visits WHERE staff = ? "
	    "AND grid = ? AND day <= ?", "Lss", staff, grid, d);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		found = !db_isnull(st, 0) &&
		    day_parse(db_text(st, 0), last, &why) == 0;
		db_reset(st);
	}
	return found;
}
