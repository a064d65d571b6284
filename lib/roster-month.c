/*
 * roster-month.c - who was staff in a month.
 */
#include <string.h>

#include "db.h"
#include "roster-month.h"
#include "status.h"

int
roster_month(struct db *db, gk_day first, gk_day last,
    int (*fn)(const struct roster_month_row *row, void *arg), void *arg)
{
	struct roster_month_row row;
	struct db_stmt *st;
	char from[DAY_ISO_MAX], to[DAY_ISO_MAX];
	int rc;

	day_format(first, from);
	day_format(last, to);
	st = db_prepare(db, "SELECT p.id, p.id_number, p.name, a.role, a.grid, "
	    "g.kind, substr(a.grid, 1, 6) FROM assignments a "
	    "JOIN people p ON p.id = a.person "
	    "JOIN grids g ON g.code = a.grid "
	    "WHERE a.started <= ?2 AND (a.ended IS NULL OR a.ended > ?1) "
	    "ORDER BY p.id, a.grid, a.role");
	if (st == NULL)
		return GK_SOFTWARE;
	if (db_bind_text(st, 1, from) != GK_OK ||
	    db_bind_text(st, 2, to) != GK_OK)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&row, 0, sizeof row);
		row.person = db_int(st, 0);
		row.id_number = db_text(st, 1);
		row.name = db_text(st, 2);
		row.role = db_text(st, 3);
		row.grid = db_text(st, 4);
		row.kind = db_text(st, 5);
		row.county = db_text(st, 6);
		if ((rc = fn(&row, arg)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	}
	return rc < 0 ? -rc : GK_OK;
}
