/*
 * schema.h - the database schema, as a list of migrations.
 *
 * Migration N brings a database from schema version N-1 to N: its SQL
 * statements, in order, then its C step for data, if it has one, all
 * in the one transaction db_open runs them in (db.h), followed by
 * PRAGMA foreign_key_check.  A migration is frozen once released: a
 * change is a new migration.  tests/unit/test_db.c holds a hash of the
 * text of every released migration and fails when one is edited, and
 * upgrades databases made by the programs of old releases
 * (tests/fixtures/schema-vN.sql).  A C step is not hashed: it must be
 * frozen by hand, and may use only what db.h offers.
 *
 * Released: 1 (areas, grids, units, audit), 2 (staff), 3 (gridkit_meta),
 * 4 (dedicated grids), 5 (recruitment rounds), 6 (checks as comparisons,
 * people_status), 7 (events, visits, cases, case_counters, case_history,
 * departments).
 *
 * What is portable, honestly.  Written so that PostgreSQL takes it
 * unchanged: TEXT, CHECK, NOT NULL, DEFAULT, REFERENCES, UNIQUE,
 * CREATE INDEX, the gridkit_meta table (where a backend keeps the
 * schema version and the gridkit marker), and the statements db.h
 * runs (INSERT ... RETURNING, ON CONFLICT ... DO UPDATE).  Not portable
 * as written, to be translated by a PostgreSQL backend:
 *   - "id INTEGER PRIMARY KEY" is SQLite's rowid alias, numbered by
 *     SQLite; PostgreSQL needs "id BIGINT GENERATED ALWAYS AS IDENTITY"
 *     (and its INTEGER is 32 bits; SQLite's is 64).
 *   - REAL is a 4-byte float in PostgreSQL (8 bytes in SQLite): training
 *     hours want DOUBLE PRECISION or NUMERIC there.
 *   - Flags are INTEGER 0/1, not BOOLEAN; PostgreSQL keeps them as
 *     integers, but "WHERE flag" must be "WHERE flag <> 0" there.
 *   - SQLite's types are affinities: a TEXT column stores what it is
 *     given; PostgreSQL refuses a value of the wrong type.
 *   - Codes are compared and range-scanned as text; SQLite compares
 *     bytes, PostgreSQL by its collation unless COLLATE "C" is given.
 *   - PRAGMA application_id and user_version are SQLite's alone; they
 *     are kept in step with gridkit_meta for file(1) and for speed.
 *   - A CHECK changed by rebuilding its table (create a copy with the
 *     new check, copy the rows, drop, rename) is SQLite's way, which
 *     has no ALTER TABLE ... DROP CONSTRAINT; PostgreSQL would alter
 *     the constraint, and needs no such change: its IN list costs no
 *     temporary table.
 */
#ifndef GRIDKIT_SCHEMA_H
#define GRIDKIT_SCHEMA_H

#include <stddef.h>

struct db;

struct schema_migration {
	const char *const *sql;		/* statements, NULL-terminated */
	/* A step for data after the SQL, or NULL: GK_OK or a status
	 * after reporting (which rolls the whole upgrade back). */
	int (*data)(struct db *db);
};

/* The migrations; index 0 is migration 1, and schema_nmigrations is the
 * schema version of a database brought up to date. */
extern const struct schema_migration schema_migrations[];
extern const size_t schema_nmigrations;

/* The tables of a database brought up to date, NULL-terminated: db_open
 * refuses a database that lacks one (dropped outside gridkit), and
 * tests/unit/test_db.c holds this list to what the migrations make.  A
 * migration that adds or drops a table changes it. */
extern const char *const schema_tables[];

/* PostgreSQL (schema-pg.c, the one place the schema is translated):
 * the statements that replace migration v+1 there, or NULL to run its
 * own; and one statement as PostgreSQL takes it (caller frees). */
const char *const *schema_pg_override(size_t v);
char *schema_pg_ddl(const char *sql);
/* Statements made before every upgrade on PostgreSQL: the functions
 * the modules' SQL takes from SQLite, NULL-terminated. */
extern const char *const schema_pg_compat[];

#endif
