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
 * A third kind of grid, dedicated (专属网格: a school, a hospital, an
 * industrial park).  The kind's CHECK is a column constraint, so the
 * column is replaced: added with the wider CHECK, filled, the old one
 * dropped (its CHECK goes with it), the new one renamed.  Every step is
 * plain ALTER TABLE, which PostgreSQL takes as well, and no table is
 * rebuilt under the foreign keys that point at grids.  The column now
 * comes last and has a default, which every INSERT overrides.  The
 * check is written as comparisons: an IN list of three costs SQLite a
 * temporary table at every insert (test_plans).
 */
static const char *const v_grid_kind_dedicated[] = {
	"ALTER TABLE grids ADD COLUMN kind_new TEXT NOT NULL DEFAULT 'rural' "
	"CHECK (kind_new = 'urban' OR kind_new = 'rural' OR "
	"kind_new = 'dedicated')",
	"UPDATE grids SET kind_new = kind",
	"ALTER TABLE grids DROP COLUMN kind",
	"ALTER TABLE grids RENAME COLUMN kind_new TO kind",
	NULL
};

/*
 * Recruitment rounds, applications, declarations, scores and public
 * contacts (Art. 5, 9-11): staff-hire.  New tables keyed by person
 * rather than columns of people, so this migration is whole in itself.
 */
static const char *const v_staff_rounds[] = {
	/* A round is opened by its announcement (Art. 11): number, date,
	 * county; its posts are grid x role x count. */
	"CREATE TABLE rounds ("
	"  id        INTEGER PRIMARY KEY,"
	"  number    TEXT NOT NULL UNIQUE,"	/* the announcement's number */
	"  announced TEXT NOT NULL,"		/* date */
	"  county    TEXT NOT NULL,"		/* 6-digit county code */
	"  title     TEXT,"
	"  created   TEXT NOT NULL)",
	"CREATE TABLE round_posts ("
	"  round     INTEGER NOT NULL REFERENCES rounds (id),"
	"  grid      TEXT NOT NULL REFERENCES grids (code),"
	"  role      TEXT NOT NULL,"
	"  posts     INTEGER NOT NULL CHECK (posts > 0),"
	"  PRIMARY KEY (round, grid, role))",

	/*
	 * Every application a person made; the person's row holds the
	 * procedure of the latest one (stage, status), which its
	 * application keeps too, so a round's outcome stays when the
	 * person applies again.  round NULL: an
	 * application made while no round was recorded.  Scores of the
	 * written exam and interview (Art. 9 "under equal conditions"),
	 * and the end of publicity fixed when it began (Art. 11).
	 */
	"CREATE TABLE applications ("
	"  id        INTEGER PRIMARY KEY,"
	"  person    INTEGER NOT NULL REFERENCES people (id),"
	"  round     INTEGER REFERENCES rounds (id),"
	"  grid      TEXT NOT NULL,"
	"  role      TEXT NOT NULL,"
	"  applied   TEXT NOT NULL,"		/* time */
	"  exam      REAL,"
	"  interview REAL,"
	"  publicity_end TEXT,"			/* date, last day counted */
	"  stage     TEXT NOT NULL,"		/* as people's, kept with it */
	"  status    TEXT NOT NULL,"
	"  UNIQUE (person, round))",
	"CREATE INDEX applications_round ON applications (round)",
	"CREATE INDEX applications_person ON applications (person)",
	"INSERT INTO applications (person, round, grid, role, applied, stage, "
	"status) SELECT id, NULL, grid, role, created, stage, status "
	"FROM people ORDER BY id",

	/* The bars of Art. 9 as declared: 'yes', 'no', or NULL (no row)
	 * for not declared. */
	"CREATE TABLE declarations ("
	"  person    INTEGER PRIMARY KEY REFERENCES people (id),"
	"  under_investigation TEXT CHECK (under_investigation = 'yes' OR"
	"            under_investigation = 'no'),"
	"  penalized TEXT CHECK (penalized = 'yes' OR penalized = 'no'),"
	"  expelled  TEXT CHECK (expelled = 'yes' OR expelled = 'no'),"
	"  updated   TEXT NOT NULL)",

	/* What the bulletin board shows of a member (Art. 5): public. */
	"CREATE TABLE public_contacts ("
	"  person    INTEGER PRIMARY KEY REFERENCES people (id),"
	"  work_phone TEXT,"
	"  photo     TEXT)",
	NULL
};

/*
 * Scale: listings by stage and status use an index, and no insert into
 * people or training builds a temporary table.  SQLite codes a CHECK
 * (x IN (...)) of more than two values as a temporary table filled
 * again for every row written (40% of a batch registration); the same
 * check written as comparisons costs nothing.  SQLite cannot change a
 * CHECK in place, so both tables are rebuilt: made anew, copied with
 * their ids, dropped, renamed, their indexes made again (foreign keys
 * are off while db.c migrates; it checks them after).  The other CHECK
 * ... IN lists have two values, which SQLite codes as comparisons.
 */
static const char *const v_scale_checks[] = {
	"CREATE TABLE people_v4 ("
	"  id           INTEGER PRIMARY KEY,"
	"  id_number    TEXT NOT NULL UNIQUE,"
	"  name         TEXT NOT NULL,"
	"  phone        TEXT NOT NULL,"
	"  education    TEXT NOT NULL,"
	"  nationality  TEXT NOT NULL,"
	"  source       TEXT,"
	"  party_member INTEGER NOT NULL DEFAULT 0,"
	"  veteran      INTEGER NOT NULL DEFAULT 0,"
	"  social_worker INTEGER NOT NULL DEFAULT 0,"
	"  professional_title INTEGER NOT NULL DEFAULT 0,"
	"  subsistence  INTEGER NOT NULL DEFAULT 0,"
	"  grid         TEXT NOT NULL,"
	"  role         TEXT NOT NULL,"
	"  stage        TEXT NOT NULL,"
	"  stage_since  TEXT NOT NULL,"
	"  status       TEXT NOT NULL CHECK (status = 'candidate' OR"
	"               status = 'rejected' OR status = 'staff' OR"
	"               status = 'left'),"
	"  created      TEXT NOT NULL,"
	"  updated      TEXT NOT NULL)",
	"INSERT INTO people_v4 (id, id_number, name, phone, education, "
	"nationality, source, party_member, veteran, social_worker, "
	"professional_title, subsistence, grid, role, stage, stage_since, "
	"status, created, updated) "
	"SELECT id, id_number, name, phone, education, nationality, source, "
	"party_member, veteran, social_worker, professional_title, "
	"subsistence, grid, role, stage, stage_since, status, created, "
	"updated FROM people ORDER BY id",
	"DROP TABLE people",
	"ALTER TABLE people_v4 RENAME TO people",
	"CREATE INDEX people_grid ON people (grid)",
	/* rank, list --stage, list --active: by status, then stage.  New
	 * rows share both, so the index grows at its end. */
	"CREATE INDEX people_status ON people (status, stage)",

	"CREATE TABLE training_v4 ("
	"  id       INTEGER PRIMARY KEY,"
	"  person   INTEGER NOT NULL REFERENCES people (id),"
	"  level    TEXT NOT NULL CHECK (level = 'province' OR"
	"           level = 'city' OR level = 'county' OR"
	"           level = 'township'),"
	"  day      TEXT NOT NULL,"
	"  hours    REAL NOT NULL,"
	"  topic    TEXT NOT NULL,"
	"  UNIQUE (person, level, day, topic))",
	"INSERT INTO training_v4 (id, person, level, day, hours, topic) "
	"SELECT id, person, level, day, hours, topic FROM training ORDER BY id",
	"DROP TABLE training",
	"ALTER TABLE training_v4 RENAME TO training",
	NULL
};

/*
 * Events and cases (Art. 6, 7, 12, 13): event-report and case-route.
 * Times are ISO 8601 text in the configured offset, compared as text.
 */
static const char *const v_events_cases[] = {
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
	"             CHECK (status = 'open' OR status = 'closed' OR"
	"             status = 'refused'),"
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

/*
 * The county's controls over the loop (Art. 13(4), 15): the access list
 * (access.c) and the archive chain.  An access-list entry is never
 * deleted: a withdrawal ends it (withdrawn_on, the first day it is no
 * longer in force).  audit gets the chain column case_history has had
 * since migration 7: rows written from this migration on are chained
 * (chain.h); the rows before it stay as they were, unchained.
 */
static const char *const v_access_chain[] = {
	"CREATE TABLE access_list ("
	"  id         INTEGER PRIMARY KEY,"
	"  county     TEXT NOT NULL,"		/* 6 digits */
	"  category   TEXT NOT NULL,"		/* canonical id */
	"  reason     TEXT NOT NULL,"		/* why it is included */
	"  standard   TEXT NOT NULL,"		/* the standard of the work */
	"  exit_procedure TEXT NOT NULL,"
	"  approved_by TEXT NOT NULL,"		/* the approving body */
	"  approved_on TEXT NOT NULL,"		/* date, first day in force */
	"  withdrawn_on TEXT,"			/* date, first day not */
	"  withdraw_reason TEXT,"
	"  created    TEXT NOT NULL,"
	"  operator   TEXT NOT NULL)",
	"CREATE INDEX access_list_key ON access_list (county, category, "
	"approved_on)",
	"ALTER TABLE audit ADD COLUMN chain TEXT",
	NULL
};

const char *const schema_tables[] = {
	"areas", "grids", "units", "audit", "people", "stages",
	"assignments", "vacancies", "training", "gridkit_meta", "rounds",
	"round_posts", "applications", "declarations", "public_contacts",
	"cases", "case_counters", "case_history", "events", "visits",
	"departments", "access_list",
	NULL
};

const struct schema_migration schema_migrations[] = {
	{ v1, NULL },
	{ v2, NULL },
	{ v3, NULL },
	{ v_grid_kind_dedicated, NULL },
	{ v_staff_rounds, NULL },
	{ v_scale_checks, NULL },
	{ v_events_cases, NULL },
	{ v_access_chain, NULL },
};
const size_t schema_nmigrations =
    sizeof schema_migrations / sizeof schema_migrations[0];
