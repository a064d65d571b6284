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
	/* Numbers joined as text: SQLite's 1 || 2 is '12'. */
	"CREATE OR REPLACE FUNCTION gridkit_cat(bigint, bigint) "
	"RETURNS text LANGUAGE sql IMMUTABLE AS "
	"'SELECT CAST($1 AS text) || CAST($2 AS text)'",
	"DO $$ BEGIN IF to_regoperator('||(bigint,bigint)') IS NULL THEN "
	"CREATE OPERATOR || (LEFTARG = bigint, RIGHTARG = bigint, "
	"FUNCTION = gridkit_cat); END IF; END $$",
	/* substr() of a number is of its text, as on SQLite. */
	"CREATE OR REPLACE FUNCTION substr(bigint, integer, integer) "
	"RETURNS text LANGUAGE sql IMMUTABLE AS "
	"'SELECT substr(CAST($1 AS text), $2, $3)'",
	"CREATE OR REPLACE FUNCTION substr(bigint, integer) "
	"RETURNS text LANGUAGE sql IMMUTABLE AS "
	"'SELECT substr(CAST($1 AS text), $2)'",
	/* group_concat(x, separator), for reading a database by hand as
	 * on SQLite. */
	"CREATE OR REPLACE FUNCTION gridkit_concat(text, anyelement, text) "
	"RETURNS text LANGUAGE sql IMMUTABLE AS "
	"'SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN "
	"CAST($2 AS text) ELSE $1 || $3 || CAST($2 AS text) END'",
	"CREATE OR REPLACE AGGREGATE group_concat(anyelement, text) "
	"(SFUNC = gridkit_concat, STYPE = text)",
	"CREATE OR REPLACE FUNCTION gridkit_concat(text, anyelement) "
	"RETURNS text LANGUAGE sql IMMUTABLE AS "
	"'SELECT gridkit_concat($1, $2, '','')'",
	"CREATE OR REPLACE AGGREGATE group_concat(anyelement) "
	"(SFUNC = gridkit_concat, STYPE = text)",
	NULL
};

/* Whether s starts with the word w (case as written). */
static int
word_at(const char *s, const char *w, const char *start)
{
	size_t n = strlen(w);
	char b, a;

	if (strncmp(s, w, n) != 0)
		return 0;
	b = s > start ? s[-1] : ' ';
	a = s[n];
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
	 * id + 1; past the largest id there is, one chosen at random), so that both number alike and a rolled-back batch
	 * leaves no gap: safe because every writer holds the write lock
	 * (db-pg.c).  It runs as the table's owner, so that it sees every
	 * row where row-level security shows a role only some (gridkit.5).
	 * The function names its table: a table renamed later needs its
	 * function made again. */
	n = strcspn(sql + 13, " (");
	if (rowid && n < sizeof table) {
		memcpy(table, sql + 13, n);
		table[n] = '\0';
		sb_addf(&sb, "; CREATE OR REPLACE FUNCTION gridkit_id_%s() "
		    "RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
		    "SET search_path FROM CURRENT AS $$ BEGIN "
		    "IF NEW.id IS NULL THEN "
		    "SELECT coalesce(max(id), 0) INTO NEW.id FROM %s; "
		    "IF NEW.id < 9223372036854775807 THEN NEW.id := NEW.id + 1; "
		    "ELSE LOOP "
		    "NEW.id := CAST(random() * 9.0e18 AS bigint) + 1; "
		    "EXIT WHEN NOT EXISTS (SELECT 1 FROM %s WHERE id = NEW.id); "
		    "END LOOP; END IF; END IF; RETURN NEW; END $$; "
		    "CREATE TRIGGER gridkit_id BEFORE INSERT ON %s FOR EACH ROW "
		    "EXECUTE FUNCTION gridkit_id_%s()", table, table, table,
		    table, table);
	}
	return sb_detach(&sb);
}
