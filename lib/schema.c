/*
 * schema.c - the database schema.
 *
 * Codes are TEXT, not INTEGER: they are identifiers with significant
 * leading digits, compared and range-scanned as strings.  Times are
 * ISO 8601 text with an offset.
 */
#include <stddef.h>

#include "schema.h"

static const char *const v1[] = {
	/* Administrative areas: province to village/community (Art. 4). */
	"CREATE TABLE areas ("
	"  code     TEXT PRIMARY KEY,"	/* 12 digits, zero padded */
	"  name     TEXT NOT NULL,"
	"  level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
	"  parent   TEXT REFERENCES areas (code),"
	"  urban    INTEGER,"		/* villages: 1 community, 0 village */
	"  created  TEXT NOT NULL,"
	"  updated  TEXT NOT NULL)",
	"CREATE INDEX areas_parent ON areas (parent)",

	/* Grids, each inside one village or community (Art. 4, 5). */
	"CREATE TABLE grids ("
	"  code       TEXT PRIMARY KEY,"	/* 15 digits */
	"  village    TEXT NOT NULL REFERENCES areas (code),"
	"  name       TEXT NOT NULL,"
	"  kind       TEXT NOT NULL CHECK (kind IN ('urban', 'rural')),"
	"  households INTEGER,"
	"  population INTEGER,"
	"  status     TEXT NOT NULL DEFAULT 'active'"
	"             CHECK (status IN ('active', 'retired')),"
	"  created    TEXT NOT NULL,"
	"  updated    TEXT NOT NULL,"
	"  retired    TEXT)",
	"CREATE INDEX grids_village ON grids (village)",

	/*
	 * Units grids are drawn from, and hazard points (Art. 4).  A unit is
	 * (village, kind, name); one row per grid it is listed under, so an
	 * overlap is kept as listed for the check to report; grid NULL is a
	 * unit known but in no grid (only while it has no other row).
	 */
	"CREATE TABLE units ("
	"  id       INTEGER PRIMARY KEY,"
	"  village  TEXT NOT NULL REFERENCES areas (code),"
	"  kind     TEXT NOT NULL,"
	"  name     TEXT NOT NULL,"
	"  grid     TEXT REFERENCES grids (code))",
	"CREATE UNIQUE INDEX units_key ON units (village, kind, name, grid)",
	"CREATE INDEX units_grid ON units (grid)",

	/* Who changed what, when. */
	"CREATE TABLE audit ("
	"  id       INTEGER PRIMARY KEY,"
	"  at       TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  program  TEXT NOT NULL,"
	"  verb     TEXT NOT NULL,"
	"  subject  TEXT NOT NULL,"
	"  detail   TEXT NOT NULL)",
	"CREATE INDEX audit_subject ON audit (subject)",
	NULL
};

const char *const *const schema_migrations[] = { v1 };
const size_t schema_nmigrations =
    sizeof schema_migrations / sizeof schema_migrations[0];
