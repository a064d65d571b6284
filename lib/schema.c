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

/* Staff (Art. 5, 8-11, 14): staff-hire. */
static const char *const v2[] = {
	/*
	 * Everyone who applied: candidates, staff and those who left.  The
	 * id is the stable staff id printed by staff-hire.  Flags are 0/1.
	 * grid has no foreign key: staff_apply checks that the grid is in
	 * the database and active before it writes the row, and grids are
	 * never deleted (they retire); the key's lookup, a random read of
	 * the grids table for every applicant, was a fifth of a province's
	 * registration.  Assignments, which say where people serve, keep
	 * theirs.
	 */
	"CREATE TABLE people ("
	"  id           INTEGER PRIMARY KEY,"
	"  id_number    TEXT NOT NULL UNIQUE,"	/* GB 11643, upper-case X */
	"  name         TEXT NOT NULL,"
	"  phone        TEXT NOT NULL,"		/* normalised */
	"  education    TEXT NOT NULL,"		/* canonical level name */
	"  nationality  TEXT NOT NULL,"
	"  source       TEXT,"			/* open, two_committees, ... */
	"  party_member INTEGER NOT NULL DEFAULT 0,"
	"  veteran      INTEGER NOT NULL DEFAULT 0,"
	"  social_worker INTEGER NOT NULL DEFAULT 0,"
	"  professional_title INTEGER NOT NULL DEFAULT 0,"
	"  subsistence  INTEGER NOT NULL DEFAULT 0,"
	"  grid         TEXT NOT NULL,"		/* applied for */
	"  role         TEXT NOT NULL,"		/* applied for */
	"  stage        TEXT NOT NULL,"		/* last stage reached */
	"  stage_since  TEXT NOT NULL,"		/* when it was reached */
	"  status       TEXT NOT NULL CHECK (status IN"
	"               ('candidate', 'rejected', 'staff', 'left')),"
	"  created      TEXT NOT NULL,"
	"  updated      TEXT NOT NULL)",
	"CREATE INDEX people_grid ON people (grid)",

	/*
	 * Every stage a person entered or failed, in order (Art. 11).
	 * person has no foreign key: a stage row is only ever written in the
	 * transaction that writes or loads its person, and people are never
	 * deleted; the check would cost a tenth of a batch registration.
	 */
	"CREATE TABLE stages ("
	"  id       INTEGER PRIMARY KEY,"
	"  person   INTEGER NOT NULL,"
	"  stage    TEXT NOT NULL,"
	"  outcome  TEXT NOT NULL CHECK (outcome IN ('entered', 'failed')),"
	"  at       TEXT NOT NULL,"
	"  reason   TEXT,"
	"  operator TEXT NOT NULL)",
	"CREATE INDEX stages_person ON stages (person)",

	/* Who serves which grid in which role, from when to when. */
	"CREATE TABLE assignments ("
	"  id       INTEGER PRIMARY KEY,"
	"  person   INTEGER NOT NULL REFERENCES people (id),"
	"  grid     TEXT NOT NULL REFERENCES grids (code),"
	"  role     TEXT NOT NULL,"
	"  started  TEXT NOT NULL,"	/* date */
	"  ended    TEXT,"		/* date, NULL while serving */
	"  end_reason TEXT)",
	"CREATE INDEX assignments_person ON assignments (person)",
	"CREATE INDEX assignments_grid ON assignments (grid, role)",

	/* Posts left open by leaving or transfer (Art. 10). */
	"CREATE TABLE vacancies ("
	"  id       INTEGER PRIMARY KEY,"
	"  grid     TEXT NOT NULL REFERENCES grids (code),"
	"  role     TEXT NOT NULL,"
	"  since    TEXT NOT NULL,"	/* date */
	"  reason   TEXT NOT NULL,"
	"  person   INTEGER REFERENCES people (id),"	/* who left */
	"  filled   TEXT,"		/* date, NULL while open */
	"  filled_by INTEGER REFERENCES people (id))",
	"CREATE INDEX vacancies_grid ON vacancies (grid, role, filled)",

	/* Training sessions per person (Art. 14). */
	"CREATE TABLE training ("
	"  id       INTEGER PRIMARY KEY,"
	"  person   INTEGER NOT NULL REFERENCES people (id),"
	"  level    TEXT NOT NULL CHECK (level IN"
	"           ('province', 'city', 'county', 'township')),"
	"  day      TEXT NOT NULL,"	/* date */
	"  hours    REAL NOT NULL,"
	"  topic    TEXT NOT NULL,"
	"  UNIQUE (person, level, day, topic))",
	NULL
};

/*
 * The schema version and the gridkit marker in a table every backend
 * can hold (PRAGMA user_version and application_id are SQLite's).  The
 * door (db.c) keeps 'schema_version' equal to the version it migrated
 * to; later migrations need not touch it.
 */
static const char *const v3[] = {
	"CREATE TABLE gridkit_meta ("
	"  key      TEXT PRIMARY KEY,"
	"  value    TEXT NOT NULL)",
	"INSERT INTO gridkit_meta (key, value) VALUES ('application', "
	"'gridkit')",
	"INSERT INTO gridkit_meta (key, value) VALUES ('schema_version', "
	"'3')",
	NULL
};

/*
 * Events and cases (Art. 6, 7, 12, 13): event-report and case-route.
 * Times are ISO 8601 text in the configured offset, compared as text.
 */
static const char *const v4[] = {
	/*
	 * A case: the six-step closed loop of one matter.  id is the case
	 * number <county>-<year>-<seq> packed as county * 10^11 + year *
	 * 10^7 + seq, so that it is both the key and the printed number;
	 * seq comes from case_counters, never from max(id).  step 1..6 is
	 * the last step done; level 1 village, 2 township, 3 county centre;
	 * area the 12-digit code of the centre handling it; dept a
	 * department of that level, or NULL.  due is the time the current
	 * step must be left by; escalate_at is due while the cron job still
	 * has to look at the case, NULL once closed or once the overdue step
	 * has been escalated (the partial index keeps the cron job off the
	 * rest).  stint counts the moves: an escalation is for one stint.
	 */
	"CREATE TABLE cases ("
	"  id         INTEGER PRIMARY KEY,"
	"  grid       TEXT NOT NULL,"
	"  category   TEXT NOT NULL,"
	"  severity   TEXT NOT NULL,"
	"  title      TEXT NOT NULL,"
	"  status     TEXT NOT NULL DEFAULT 'open'"
	"             CHECK (status IN ('open', 'closed', 'refused')),"
	"  step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 6),"
	"  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
	"  area       TEXT NOT NULL,"
	"  dept       TEXT,"
	"  assignee   TEXT,"		/* staff id, centre or department */
	"  step_since TEXT NOT NULL,"
	"  due        TEXT,"
	"  limit_text TEXT,"		/* "3d" working days, "4h" hours */
	"  escalate_at TEXT,"
	"  stint      INTEGER NOT NULL DEFAULT 1,"
	"  cards      INTEGER NOT NULL DEFAULT 0,"
	"  card       TEXT,"		/* the last card: yellow, red */
	"  on_spot    INTEGER NOT NULL DEFAULT 0,"	/* Art. 13(1) */
	"  result     TEXT,"
	"  satisfaction TEXT,"
	"  reported   TEXT NOT NULL,"
	"  closed     TEXT,"
	"  updated    TEXT NOT NULL)",
	"CREATE INDEX cases_escalate ON cases (escalate_at)"
	"  WHERE escalate_at IS NOT NULL",
	"CREATE INDEX cases_grid ON cases (grid, category, reported)",
	"CREATE INDEX cases_area ON cases (area, step)",
	"CREATE INDEX cases_due ON cases (due) WHERE due IS NOT NULL",

	/* The last sequence number given per county and year. */
	"CREATE TABLE case_counters ("
	"  county     TEXT NOT NULL,"
	"  year       INTEGER NOT NULL,"
	"  last       INTEGER NOT NULL,"
	"  PRIMARY KEY (county, year))",

	/*
	 * Every step of every case, in order: what happened, at which level,
	 * by whom.  chain is left for the archive's hash chain (Art. 13(4)).
	 */
	"CREATE TABLE case_history ("
	"  id         INTEGER PRIMARY KEY,"
	"  case_id    INTEGER NOT NULL REFERENCES cases (id),"
	"  at         TEXT NOT NULL,"
	"  action     TEXT NOT NULL,"
	"  step       INTEGER NOT NULL,"
	"  level      INTEGER NOT NULL,"
	"  area       TEXT NOT NULL,"
	"  dept       TEXT,"
	"  card       TEXT,"
	"  note       TEXT,"
	"  due        TEXT,"
	"  operator   TEXT NOT NULL,"
	"  chain      TEXT)",
	"CREATE INDEX case_history_case ON case_history (case_id)",

	/* What a grid member reported (Art. 6, 7); each is in one case. */
	"CREATE TABLE events ("
	"  id         INTEGER PRIMARY KEY,"
	"  case_id    INTEGER NOT NULL REFERENCES cases (id),"
	"  duplicate  INTEGER NOT NULL DEFAULT 0,"	/* linked to an open case */
	"  grid       TEXT NOT NULL,"
	"  category   TEXT NOT NULL,"
	"  severity   TEXT NOT NULL,"
	"  title      TEXT NOT NULL,"
	"  description TEXT,"
	"  location   TEXT,"
	"  occurred   TEXT NOT NULL,"
	"  reported   TEXT NOT NULL,"
	"  reporter   INTEGER,"		/* staff id, or NULL */
	"  source     TEXT NOT NULL,"	/* grid, resident, centre, ... */
	"  resolved   INTEGER NOT NULL DEFAULT 0,"
	"  result     TEXT,"
	"  operator   TEXT NOT NULL)",
	"CREATE INDEX events_case ON events (case_id)",
	"CREATE INDEX events_grid ON events (grid, occurred)",
	"CREATE INDEX events_reporter ON events (reporter)",

	/* Patrol visits (Art. 6: the whole grid at least once a week). */
	"CREATE TABLE visits ("
	"  id         INTEGER PRIMARY KEY,"
	"  staff      INTEGER NOT NULL,"
	"  grid       TEXT NOT NULL,"
	"  day        TEXT NOT NULL,"
	"  households INTEGER,"
	"  notes      TEXT,"
	"  operator   TEXT NOT NULL,"
	"  UNIQUE (staff, grid, day))",
	"CREATE INDEX visits_grid ON visits (grid, day)",

	/* Functional departments of a level (Art. 13(2)). */
	"CREATE TABLE departments ("
	"  code       TEXT PRIMARY KEY,"
	"  name       TEXT NOT NULL,"
	"  area       TEXT NOT NULL,"	/* 12 digits: the level it is of */
	"  categories TEXT NOT NULL DEFAULT '')",	/* space-separated */
	"CREATE INDEX departments_area ON departments (area)",
	NULL
};

const struct schema_migration schema_migrations[] = {
	{ v1, NULL },
	{ v2, NULL },
	{ v3, NULL },
	{ v4, NULL },
};
const size_t schema_nmigrations =
    sizeof schema_migrations / sizeof schema_migrations[0];
