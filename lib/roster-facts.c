/*
 * roster-facts.c - the staff tables as an audit of the roster reads
 * them.
 */
#include <string.h>

#include "db.h"
#include "roster-facts.h"
#include "status.h"

/* The columns of a person, from people p, declarations d and
 * public_contacts c. */
#define PERSON_COLS \
	"p.id, p.id_number, p.name, p.phone, c.work_phone, p.education, " \
	"p.nationality, d.under_investigation, d.penalized, d.expelled "
#define PERSON_JOINS \
	"LEFT JOIN declarations d ON d.person = p.id " \
	"LEFT JOIN public_contacts c ON c.person = p.id "

static int
bar(struct db_stmt *st, int col)
{
	if (db_isnull(st, col))
		return -1;
	return strcmp(db_text(st, col), "yes") == 0;
}

static const char *
text_or_null(struct db_stmt *st, int col)
{
	return db_isnull(st, col) || *db_text(st, col) == '\0' ? NULL :
	    db_text(st, col);
}

/* Reads the person columns (0-9) of the current row into f. */
static void
read_person(struct db_stmt *st, struct roster_fact *f)
{
	int i;

	memset(f, 0, sizeof *f);
	f->person = db_int(st, 0);
	f->id_number = db_text(st, 1);
	f->name = db_text(st, 2);
	f->phone = db_text(st, 3);
	f->work_phone = text_or_null(st, 4);
	f->education = db_text(st, 5);
	f->nationality = db_text(st, 6);
	for (i = 0; i < ROSTER_NBARS; i++)
		f->bars[i] = bar(st, 7 + i);
	f->grid = f->role = f->started = "";
}

int
roster_serving(struct db *db, gk_day day,
    int (*fn)(const struct roster_fact *f, void *arg), void *arg)
{
	struct roster_fact f;
	struct db_stmt *st;
	char d[DAY_ISO_MAX];
	int rc;

	day_format(day, d);
	st = db_prepare(db, "SELECT " PERSON_COLS ", a.grid, a.role, "
	    "a.started FROM assignments a JOIN people p ON p.id = a.person "
	    PERSON_JOINS "WHERE a.started <= ?1 AND (a.ended IS NULL OR "
	    "a.ended > ?1) ORDER BY p.id, a.grid, a.role");
	if (st == NULL)
		return GK_SOFTWARE;
	if (db_bind_text(st, 1, d) != GK_OK)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		read_person(st, &f);
		f.grid = db_text(st, 10);
		f.role = db_text(st, 11);
		f.started = db_text(st, 12);
		if ((rc = fn(&f, arg)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	}
	return rc < 0 ? -rc : GK_OK;
}

int
roster_person(struct db *db, long long person,
    int (*fn)(const struct roster_fact *f, void *arg), void *arg)
{
	struct roster_fact f;
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT " PERSON_COLS "FROM people p "
	    PERSON_JOINS "WHERE p.id = ?", "L", person);
	if (rc < 0)
		return -rc;
	if (rc != DB_ROW)
		return GK_OK;
	read_person(st, &f);
	rc = fn(&f, arg);
	db_reset(st);
	return rc;
}

int
roster_open_vacancies(struct db *db, gk_day day,
    int (*fn)(const struct roster_vacancy *v, void *arg), void *arg)
{
	struct roster_vacancy v;
	struct db_stmt *st;
	char d[DAY_ISO_MAX];
	int rc;

	day_format(day, d);
	st = db_prepare(db, "SELECT grid, role, since, reason, person "
	    "FROM vacancies WHERE since <= ?1 AND (filled IS NULL OR "
	    "filled > ?1) ORDER BY since, id");
	if (st == NULL)
		return GK_SOFTWARE;
	if (db_bind_text(st, 1, d) != GK_OK)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		v.grid = db_text(st, 0);
		v.role = db_text(st, 1);
		v.since = db_text(st, 2);
		v.reason = db_text(st, 3);
		v.left_by = db_isnull(st, 4) ? 0 : db_int(st, 4);
		if ((rc = fn(&v, arg)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	}
	return rc < 0 ? -rc : GK_OK;
}

int
roster_training(struct db *db, gk_day first, gk_day last,
    int (*fn)(long long person, const char *level, long long sessions,
    void *arg), void *arg)
{
	struct db_stmt *st;
	char lo[DAY_ISO_MAX], hi[DAY_ISO_MAX];
	int rc;

	day_format(first, lo);
	day_format(last, hi);
	st = db_prepare(db, "SELECT person, level, count(*) FROM training "
	    "WHERE day BETWEEN ?1 AND ?2 GROUP BY person, level "
	    "ORDER BY person, level");
	if (st == NULL)
		return GK_SOFTWARE;
	if (db_bind_text(st, 1, lo) != GK_OK ||
	    db_bind_text(st, 2, hi) != GK_OK)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW)
		if ((rc = fn(db_int(st, 0), db_text(st, 1), db_int(st, 2),
		    arg)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	return rc < 0 ? -rc : GK_OK;
}
