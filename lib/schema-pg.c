/*
 * schema-pg.c - the schema on PostgreSQL: the one place where the
 * migrations of schema.c are translated (schema.h says what is not
 * portable as written, and why).
 */
#include <stddef.h>
#include <string.h>

#include "schema.h"
#include "util.h"

/*
 * Migrations PostgreSQL runs otherwise, by index.  Migration 6 rebuilt
 * people and training to write their CHECK ... IN lists as comparisons,
 * an SQLite cost PostgreSQL does not have; dropping people would also
 * take the foreign keys that point at it.  There only its new index is
 * made.
 */
static const char *const pg_scale_checks[] = {
	"CREATE INDEX people_status ON people (status, stage)",
	NULL
};

const char *const *
schema_pg_override(size_t v)
{
	return v == 5 ? pg_scale_checks : NULL;
}

/*
 * What the SQL of the modules takes from SQLite that PostgreSQL lacks,
 * made on PostgreSQL before every upgrade (CREATE OR REPLACE: run again
 * by each newer gridkit).  sum() of a comparison: SQLite's comparisons
 * are integers 0 and 1; like SQLite's sum, NULL when every value is.
 */
const char *const schema_pg_compat[] = {
	"CREATE OR REPLACE FUNCTION gridkit_sum_bool(bigint, boolean) "
	"RETURNS bigint LANGUAGE sql IMMUTABLE AS "
	"'SELECT CASE WHEN $2 IS NULL THEN $1 "
	"ELSE coalesce($1, 0) + CAST($2 AS integer) END'",
	"CREATE OR REPLACE AGGREGATE sum(boolean) "
	"(SFUNC = gridkit_sum_bool, STYPE = bigint)",
	NULL
};

/* Whether s starts with the word w (case as written). */
static int
word_at(const char *s, const char *w, const char *start)
{
	size_t n = strlen(w);
	char b = s > start ? s[-1] : ' ', a = s[n];

	if (strncmp(s, w, n) != 0)
		return 0;
	return !(b == '_' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
	    || (b >= '0' && b <= '9')) && !(a == '_' || (a >= 'a' && a <= 'z')
	    || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9'));
}

/*
 * Translate one statement of a migration.  In CREATE TABLE and ALTER
 * TABLE: "id INTEGER PRIMARY KEY" (SQLite's rowid) is a 64-bit key
 * numbered by a trigger as SQLite numbers it, or as given; INTEGER is BIGINT (SQLite's integers are
 * 64 bits); REAL is DOUBLE PRECISION; TEXT compares bytes (COLLATE "C"),
 * as SQLite does, so codes sort and range-scan alike.  Other statements
 * are as written.  Text in quotes is never touched.  Caller frees.
 */
char *
schema_pg_ddl(const char *sql)
{
	struct sb sb = SB_INIT;
	const char *p = sql, *q;
	char table[64];
	int rowid = 0;
	size_t n;

	if (strncmp(sql, "CREATE TABLE", 12) != 0 &&
	    strncmp(sql, "ALTER TABLE", 11) != 0)
		return estrdup(sql);
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			q = strchr(p + 1, *p);
			q = q != NULL ? q + 1 : p + strlen(p);
			sb_addn(&sb, p, (size_t)(q - p));
			p = q;
		} else if (word_at(p, "id", sql) && strncmp(p + 2 +
		    strspn(p + 2, " "), "INTEGER PRIMARY KEY", 19) == 0) {
			sb_adds(&sb, "id BIGINT PRIMARY KEY");
			p += 2 + strspn(p + 2, " ") + 19;
			rowid = 1;
		} else if (word_at(p, "INTEGER", sql)) {
			sb_adds(&sb, "BIGINT");
			p += 7;
		} else if (word_at(p, "REAL", sql)) {
			sb_adds(&sb, "DOUBLE PRECISION");
			p += 4;
		} else if (word_at(p, "TEXT", sql)) {
			sb_adds(&sb, "TEXT COLLATE \"C\"");
			p += 4;
		} else
			sb_addc(&sb, *p++);
	}
	/* The table's ids as SQLite gives them (rowid.html: the largest
	 * id + 1), so that both number alike and a rolled-back batch
	 * leaves no gap: safe because every writer holds the write lock
	 * (db-pg.c).  The function names its table: a table renamed
	 * later needs its function made again. */
	n = strcspn(sql + 13, " (");
	if (rowid && n < sizeof table) {
		memcpy(table, sql + 13, n);
		table[n] = '\0';
		sb_addf(&sb, "; CREATE OR REPLACE FUNCTION gridkit_id_%s() "
		    "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
		    "IF NEW.id IS NULL THEN SELECT coalesce(max(id), 0) + 1 "
		    "INTO NEW.id FROM %s; END IF; RETURN NEW; END $$; "
		    "CREATE TRIGGER gridkit_id BEFORE INSERT ON %s FOR EACH ROW "
		    "EXECUTE FUNCTION gridkit_id_%s()", table, table, table,
		    table);
	}
	return sb_detach(&sb);
}
