/*
 * db-pg.c - the PostgreSQL backend behind db.h, through libpq.
 *
 * db.c keeps what both backends share (the statement cache, the busy
 * budget, the public functions) and calls these when the database is
 * named by a connection string.  What differs from SQLite, and why:
 *
 *   - Writers queue on pg_advisory_xact_lock(DB_PG_LOCK) taken first in
 *     every write transaction, so that one writer holds the database
 *     for its whole batch, as BEGIN IMMEDIATE holds an SQLite file: two
 *     batches never interleave, counters read and bumped under it stay
 *     unique, and no serialization failure reaches a user.  The lock is
 *     per database (PostgreSQL keys advisory locks by database).
 *   - The busy budget becomes lock_timeout; running out is GK_TEMPFAIL
 *     (exit 75), as SQLITE_BUSY is.
 *   - A statement is prepared on the server at its first run, not at
 *     db_prepare: the values bound then tell the type of a parameter
 *     the server cannot infer ("? IS NULL").
 *   - Values come back as text; booleans ('t', 'f') are read as 1 and
 *     0, as SQLite gives them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "db-int.h"
#include "db-pg.h"
#include "diag.h"
#include "i18n.h"
#include "schema.h"
#include "status.h"
#include "util.h"

/* The advisory lock every write transaction takes: 0x47524944, "GRID",
 * written into the SQL text as the constant it is. */
#define DB_PG_LOCK "1196575044"

/* Type oids of pg_type.h (stable across releases). */
#define OID_BOOL	16
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_TEXT	25
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_NUMERIC	1700

/* Statements sent in a pipeline before their results are read: at most
 * this many, so that the results waiting for the client never fill the
 * socket's buffers while the client is still sending (libpq's blocking
 * mode would then wait on both sides). */
#define PG_PIPELINE_MAX 256

/* Rows of one INSERT ... VALUES (...) sent ahead are held and sent as
 * one statement of this many rows (fewer for a table of many columns):
 * a statement costs the server more than a row. */
#define PG_ROWS_MAX 64
/* INSERTs whose rows may be held at once where the caller allows it
 * (db_hold_tables: the case, its history row and its event, row after
 * row), sent INSERT by INSERT in the order each was first run in the
 * transaction: a child's row after its parent's. */
#define PG_HOLD_MAX 4

/* A statement sent in the pipeline, its result not read yet. */
struct pg_sent {
	const char *sql;		/* its text, for a message (the
					   statement cache's copy) */
	long long *tally;		/* its changed rows added here, or
					   NULL */
};

struct pg {
	PGconn *c;			/* the connection */
	unsigned nstmts;		/* statements named so far */
	long long changes;		/* rows the last command changed */
	struct pg_sent sent[PG_PIPELINE_MAX + PG_HOLD_MAX * PG_ROWS_MAX];
					/* in the pipeline */
	int nsent;			/* how many */
	struct db_stmt *holding[PG_HOLD_MAX]; /* statements whose rows
					   are held, in the order first
					   held (with db_hold_tables, for
					   the rest of the transaction) */
	int nholding;			/* how many */
	int failed;			/* a pipelined statement failed: its
					   status, until the rollback */
};

struct pg_stmt {
	char name[16];			/* the server's name for it */
	char *text;			/* the SQL with $N (owned) */
	int nparams;			/* the highest N */
	int prepared;			/* prepared on the server */
	char **vals;			/* bound values (owned), NULL: NULL */
	int *isint;			/* value i was bound as an integer */
	PGresult *res;			/* the rows of the last run */
	int row;			/* the current row, -1 before one */
	int ran;			/* res is this run's */
	/* An INSERT of one row of values, sent ahead, is held and sent
	 * with the rows after it as the same INSERT of many rows. */
	int shape;			/* 1 such an INSERT, 0 not, -1 not
					   looked at yet */
	struct db_stmt *many;		/* the INSERT of rows_per rows */
	int rows_per;			/* how many */
	char **held;			/* the values of the rows held
					   (rows_per * nparams, owned) */
	int nheld;			/* rows held */
	long long *tally;		/* theirs */
};

int
pg_is_conninfo(const char *name)
{
	PQconninfoOption *opts;
	const char *sp;

	if (strncmp(name, "postgresql://", 13) == 0 ||
	    strncmp(name, "postgres://", 11) == 0)
		return 1;
	/* keyword=value pairs that libpq takes, each keyword one it knows
	 * ("host", "dbname", "service"...): a file "notes=old.db" is still
	 * a file, and "./host=x" always is. */
	if (strchr(name, '=') == NULL)
		return 0;
	for (sp = name; *sp == ' '; sp++)
		;
	if (!(*sp >= 'a' && *sp <= 'z'))
		return 0;
	if ((opts = PQconninfoParse(name, NULL)) == NULL)
		return 0;
	PQconninfoFree(opts);
	return 1;
}

char *
pg_masked(const char *conninfo)
{
	PQconninfoOption *opts, *o;
	const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL;
	struct sb sb = SB_INIT;

	if ((opts = PQconninfoParse(conninfo, NULL)) == NULL)
		return estrdup("postgresql://(unreadable connection string)");
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || *o->val == '\0')
			continue;
		if (strcmp(o->keyword, "user") == 0)
			user = o->val;
		else if (strcmp(o->keyword, "host") == 0)
			host = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
		else if (strcmp(o->keyword, "dbname") == 0)
			dbname = o->val;
	}
	/* Only what names the database; a password, wherever it was, is
	 * never shown, nor any other option. */
	sb_adds(&sb, "postgresql://");
	if (user != NULL)
		sb_addf(&sb, "%s@", user);
	if (host != NULL)
		sb_adds(&sb, host);
	if (port != NULL)
		sb_addf(&sb, ":%s", port);
	sb_addf(&sb, "/%s", dbname != NULL ? dbname : "");
	PQconninfoFree(opts);
	return sb_detach(&sb);
}

int
pg_exists(const char *conninfo)
{
	PGconn *c = PQconnectdb(conninfo);
	PGresult *r;
	int there = 1;

	if (PQstatus(c) == CONNECTION_OK) {
		r = PQexec(c, "SELECT count(*) FROM pg_catalog.pg_tables "
		    "WHERE schemaname = current_schema()");
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
			there = strcmp(PQgetvalue(r, 0, 0), "0") != 0;
		PQclear(r);
	}
	PQfinish(c);
	return there;
}

/* Notices ("relation exists, skipping") are the server's, not ours. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * Report a failed result and map it to a status by its SQLSTATE: busy
 * (a lock not had in the budget, a deadlock or a serialization failure:
 * try again), a constraint, the disk or the connection, a read-only
 * database or a missing privilege, else an internal error with the SQL.
 */
static int
pg_fail(struct db *db, const PGresult *r, const char *what, const char *sql)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;

	if (msg == NULL)
		msg = PQerrorMessage(db->pg->c);
	if (state == NULL)
		state = "";
	what = _(what);
	if (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0 || strcmp(state, "57014") == 0) {
		diag_error(_("%s: database is busy (another program is writing "
		    "to it); try again"), db->path);
		return GK_TEMPFAIL;
	}
	if (strncmp(state, "23", 2) == 0) {
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_DATAERR;
	}
	if (strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0 ||
	    strncmp(state, "XX", 2) == 0 || strncmp(state, "08", 2) == 0 ||
	    *state == '\0') {
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_IOERR;
	}
	if (strcmp(state, "42501") == 0) {
		/* A row or table the role may not touch: row-level security
		 * per county (gridkit.5), the jurisdiction's own status. */
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_NOPERM;
	}
	if (strcmp(state, "25006") == 0 || strncmp(state, "28", 2) == 0) {
		diag_error(_("%s: %s: %s (is the file or its directory "
		    "read-only?)"), db->path, what, msg);
		return GK_UNAVAILABLE;
	}
	if (sql != NULL)
		diag_error("%s: internal error: %s: \"%s\": %s", db->path,
		    what, sql, msg);
	else
		diag_error("%s: internal error: %s: %s", db->path, what, msg);
	return GK_SOFTWARE;
}

static int send_held(struct db *db);
static void drop_held(struct pg *pg);

/*
 * Read the results of the statements sent in the pipeline, in order:
 * their changed rows into their tallies and into "the last command's";
 * the first that failed is reported (with its SQL) and its status kept
 * until the rollback, the ones after it were not run.  Then leave
 * pipeline mode.  Quietly: read and forget them (a rollback).
 */
static int
drain(struct db *db, int quietly)
{
	struct pg *pg = db->pg;
	PGresult *r;
	const char *ct;
	int i, rc = GK_OK;

	if (pg->nholding > 0) {
		if (quietly)
			drop_held(pg);
		else if ((rc = send_held(db)) != GK_OK)
			goto out;
	}
	if (PQpipelineStatus(pg->c) == PQ_PIPELINE_OFF)
		return pg->failed;
	if (PQpipelineSync(pg->c) != 1) {
		rc = pg_fail(db, NULL, N_("database error"), NULL);
		goto out;
	}
	for (i = 0; i < pg->nsent; i++) {
		if ((r = PQgetResult(pg->c)) == NULL) {
			if (rc == GK_OK)
				rc = pg_fail(db, NULL, N_("database error"),
				    NULL);
			goto out;
		}
		switch (PQresultStatus(r)) {
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			ct = PQcmdTuples(r);
			pg->changes = *ct != '\0' ? strtoll(ct, NULL, 10) : 0;
			if (pg->sent[i].tally != NULL)
				*pg->sent[i].tally += pg->changes;
			break;
		case PGRES_PIPELINE_ABORTED:
			break;
		default:
			if (rc == GK_OK && !quietly)
				rc = pg_fail(db, r, N_("database error"),
				    pg->sent[i].sql);
			else if (rc == GK_OK)
				rc = GK_SOFTWARE;
			break;
		}
		PQclear(r);
		/* Each statement's results end with a NULL. */
		while ((r = PQgetResult(pg->c)) != NULL)
			PQclear(r);
	}
	/* The sync's own result. */
	while ((r = PQgetResult(pg->c)) != NULL &&
	    PQresultStatus(r) != PGRES_PIPELINE_SYNC)
		PQclear(r);
	PQclear(r);
out:
	pg->nsent = 0;
	if (PQexitPipelineMode(pg->c) != 1 && rc == GK_OK)
		rc = pg_fail(db, NULL, N_("database error"), NULL);
	if (rc != GK_OK && !quietly)
		pg->failed = rc;
	return pg->failed;
}

int
pg_flush(struct db *db)
{
	return drain(db, 0);
}

/* Run sql, parameters none, rows none wanted; GK_OK or a status.  A
 * ROLLBACK forgets what failed in the pipeline; anything else waits
 * for it first. */
int
pg_simple(struct db *db, const char *sql, const char *what)
{
	PGresult *r;
	int rc;

	if (strcmp(sql, "ROLLBACK") == 0) {
		drain(db, 1);
		db->pg->failed = GK_OK;
	} else if ((rc = drain(db, 0)) != GK_OK)
		return rc;
	/* The end of a transaction ends the order of its held INSERTs. */
	if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
		drop_held(db->pg);
	r = PQexec(db->pg->c, sql);
	rc = GK_OK;

	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = pg_fail(db, r, what, sql);
	PQclear(r);
	return rc;
}

/* Run sql and read one integer of its one row into *v (0 for NULL). */
static int
pg_value(struct db *db, const char *sql, long long *v, const char *what)
{
	PGresult *r;
	int rc;

	*v = 0;
	if ((rc = drain(db, 0)) != GK_OK)
		return rc;
	r = PQexec(db->pg->c, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		rc = pg_fail(db, r, what, sql);
	else if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) {
		const char *t = PQgetvalue(r, 0, 0);

		*v = *t == 't' ? 1 : *t == 'f' ? 0 : strtoll(t, NULL, 10);
	}
	PQclear(r);
	return rc;
}

/* Set a run-time parameter, bound: for the transaction when local, else
 * for the session (SET and SET LOCAL take no parameters). */
static int
pg_setting(struct db *db, const char *name, const char *value, int local)
{
	static const char sql[] = "SELECT set_config($1, $2, $3)";
	const char *param[3] = { name, value, local ? "true" : "false" };
	PGresult *r;
	int rc;

	if ((rc = drain(db, 0)) != GK_OK)
		return rc;
	r = PQexecParams(db->pg->c, sql, 3, NULL, param, NULL, NULL, 0);
	rc = PQresultStatus(r) == PGRES_TUPLES_OK ? GK_OK :
	    pg_fail(db, r, N_("cannot configure"), sql);
	PQclear(r);
	return rc;
}

/*
 * Take the write lock within the busy budget: lock_timeout is what is
 * left of it (0 left: try once), and the wait is spent from it.
 */
static int
take_lock(struct db *db)
{
	long long left = db->busy_budget - db->busy_spent, got, t0;
	char ms[24];
	int rc;

	if (left < 1000) {
		if ((rc = pg_value(db, "SELECT pg_try_advisory_xact_lock("
		    DB_PG_LOCK ")", &got, N_("cannot lock the database")))
		    != GK_OK)
			return rc;
		if (!got) {
			diag_error(_("%s: database is busy (another program "
			    "is writing to it); try again"), db->path);
			return GK_TEMPFAIL;
		}
		return GK_OK;
	}
	snprintf(ms, sizeof ms, "%lld", left / 1000);
	if ((rc = pg_setting(db, "lock_timeout", ms, 1)) != GK_OK)
		return rc;
	t0 = db_now_us();
	rc = pg_simple(db, "SELECT pg_advisory_xact_lock(" DB_PG_LOCK ")",
	    N_("cannot lock the database"));
	db->busy_spent += db_now_us() - t0;
	return rc;
}

int
pg_begin(struct db *db, int write)
{
	int rc;

	if (!write)
		return pg_simple(db, "BEGIN ISOLATION LEVEL REPEATABLE READ",
		    N_("cannot start a transaction"));
	if ((rc = pg_simple(db, "BEGIN", N_("cannot start a transaction")))
	    != GK_OK)
		return rc;
	if ((rc = take_lock(db)) != GK_OK)
		pg_simple(db, "ROLLBACK", N_("cannot start a transaction"));
	return rc;
}

/* What a schema check reads. */
struct pg_state {
	long long tables;		/* tables in the schema */
	long long meta;			/* gridkit_meta is one of them */
	long long app;			/* it says 'application' 'gridkit' */
	long long version;		/* its 'schema_version' */
};

static int
read_state(struct db *db, struct pg_state *s)
{
	int rc;

	memset(s, 0, sizeof *s);
	/* Tables and the marker table's presence as one number (tables * 2
	 * + meta), then the marker and the version together: two round
	 * trips at every start of every command. */
	if ((rc = pg_value(db, "SELECT 2 * count(*) + "
	    "CAST(to_regclass('gridkit_meta') IS NOT NULL AS integer) "
	    "FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
	    &s->tables, N_("cannot read the database"))) != GK_OK)
		return rc;
	s->meta = s->tables % 2;
	s->tables /= 2;
	if (!s->meta)
		return GK_OK;
	if ((rc = pg_value(db, "SELECT 2 * coalesce(max(CASE WHEN key = "
	    "'schema_version' THEN CAST(value AS bigint) END), 0) + "
	    "coalesce(max(CASE WHEN key = 'application' AND value = "
	    "'gridkit' THEN 1 END), 0) FROM gridkit_meta", &s->version,
	    N_("cannot read the database"))) != GK_OK)
		return rc;
	s->app = s->version % 2;
	s->version /= 2;
	return GK_OK;
}

/* Refuse a database of another program or of a newer gridkit. */
static int
check_state(struct db *db, const struct pg_state *s)
{
	if (s->tables > 0 && !s->app) {
		diag_error(_("%s: not a gridkit database (a PostgreSQL "
		    "database of another program)"), db->path);
		return GK_UNAVAILABLE;
	}
	return db_judge_version(db, s->version, s->tables > 0 &&
	    s->version <= 0);
}

/* Apply migrations have+1 .. last, translated, in the transaction. */
static int
migrate(struct db *db, long long have)
{
	const char *const *s;
	char *sql;
	size_t v;
	int rc;

	for (s = schema_pg_compat; *s != NULL; s++)
		if ((rc = pg_simple(db, *s, N_("cannot apply the schema"))) !=
		    GK_OK)
			return rc;
	for (v = (size_t)have; v < schema_nmigrations; v++) {
		s = schema_pg_override(v);
		if (s == NULL)
			s = schema_migrations[v].sql;
		for (; *s != NULL; s++) {
			sql = schema_pg_ddl(*s);
			rc = pg_simple(db, sql, N_("cannot apply the schema"));
			free(sql);
			if (rc != GK_OK)
				return rc;
		}
		if (schema_migrations[v].data != NULL &&
		    (rc = schema_migrations[v].data(db)) != GK_OK)
			return rc;
	}
	return db_run(db, "UPDATE gridkit_meta SET value = ? "
	    "WHERE key = 'schema_version'", "L",
	    (long long)schema_nmigrations);
}

/* Bring a writer's database up to date, under the write lock, reading
 * the state again there (another program may have done it). */
static int
upgrade(struct db *db)
{
	struct pg_state s;
	int rc;

	if ((rc = pg_begin(db, 1)) != GK_OK)
		return rc;
	if ((rc = read_state(db, &s)) != GK_OK ||
	    (rc = check_state(db, &s)) != GK_OK)
		goto fail;
	if (s.version == (long long)schema_nmigrations) {
		pg_simple(db, "ROLLBACK", N_("cannot apply the schema"));
		return GK_OK;
	}
	if ((rc = migrate(db, s.version)) != GK_OK)
		goto fail;
	if ((rc = pg_simple(db, "COMMIT", N_("cannot apply the schema"))) !=
	    GK_OK)
		goto fail;
	if (s.version > 0)
		diag_info(_("%s: schema upgraded from version %lld to %zu"),
		    db->path, s.version, schema_nmigrations);
	return GK_OK;
fail:
	pg_simple(db, "ROLLBACK", N_("cannot apply the schema"));
	return rc;
}

/* Every table of the schema is there. */
static int
check_tables(struct db *db)
{
	const char *const *t;
	struct sb sql = SB_INIT;
	long long n;
	int rc;

	/* One look for all of them: the number of the first missing. */
	sb_adds(&sql, "SELECT CASE");
	for (n = 0, t = schema_tables; *t != NULL; t++, n++)
		sb_addf(&sql, " WHEN to_regclass('%s') IS NULL THEN %lld", *t,
		    n + 1);
	sb_adds(&sql, " ELSE 0 END");
	rc = pg_value(db, sql.buf, &n, N_("cannot read the database"));
	sb_release(&sql);
	if (rc != GK_OK)
		return rc;
	if (n > 0) {
		diag_error(_("%s: the database is damaged: table %s is "
		    "missing (changed outside gridkit?); restore a backup"),
		    db->path, schema_tables[n - 1]);
		return GK_IOERR;
	}
	return GK_OK;
}

/* libpq's message on one line: its line breaks and tabs as spaces,
 * no break at the end.  msg is libpq's buffer, changed in place. */
static char *
one_line(char *msg)
{
	char *p;
	size_t n = strlen(msg);

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return msg;
}

int
pg_open(struct db *db, const char *conninfo)
{
	struct pg_state s;
	char ms[24];
	int rc;

	db->pg = ecalloc(1, sizeof *db->pg);
	db->pg->c = PQconnectdb(conninfo);
	if (PQstatus(db->pg->c) != CONNECTION_OK) {
		/* libpq's words name the host, never the password. */
		diag_error(_("%s: cannot connect: %s"), db->path,
		    one_line(PQerrorMessage(db->pg->c)));
		return GK_UNAVAILABLE;
	}
	PQsetNoticeProcessor(db->pg->c, quiet, NULL);
	if (PQsetClientEncoding(db->pg->c, "UTF8") != 0) {
		diag_error(_("%s: cannot connect: %s"), db->path,
		    PQerrorMessage(db->pg->c));
		return GK_UNAVAILABLE;
	}
	/* A reader never writes, whatever it runs; statements wait for
	 * other programs' locks at most the busy budget. */
	snprintf(ms, sizeof ms, "%lld", db->busy_budget / 1000 > 0 ?
	    db->busy_budget / 1000 : 1);
	if ((rc = pg_setting(db, "lock_timeout", ms, 0)) != GK_OK ||
	    (db->mode == DB_READ && (rc = pg_setting(db,
	    "default_transaction_read_only", "on", 0)) != GK_OK))
		return rc;
	if ((rc = read_state(db, &s)) != GK_OK ||
	    (rc = check_state(db, &s)) != GK_OK)
		return rc;
	if (s.tables == 0 && db->mode != DB_WRITE) {
		diag_error(_("%s: no database here yet; a command that "
		    "writes creates one"), db->path);
		return GK_UNAVAILABLE;
	}
	if (s.version < (long long)schema_nmigrations) {
		if (db->mode == DB_READ) {
			diag_error(_("%s: database schema version %lld found; "
			    "this gridkit needs version %zu; a command that "
			    "writes upgrades it"), db->path, s.version,
			    schema_nmigrations);
			return GK_UNAVAILABLE;
		}
		if ((rc = upgrade(db)) != GK_OK)
			return rc;
	}
	return check_tables(db);
}

void
pg_close(struct db *db)
{
	if (db->pg == NULL)
		return;
	if (db->pg->c != NULL)
		PQfinish(db->pg->c);
	free(db->pg);
	db->pg = NULL;
}

/* Whether c may be part of a word of SQL. */
static int
wordc(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Translate SQLite's parameters to PostgreSQL's: "?N" is "$N", a bare
 * "?" the next number after the highest so far (SQLite's rule); text in
 * quotes and comments is left alone.  The type name "real" (4 bytes in
 * PostgreSQL, 8 in SQLite) becomes float8.
 */
static char *
translate(const char *sql, int *nparams)
{
	struct sb sb = SB_INIT;
	const char *p = sql, *q;
	long n;
	int max = 0;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			q = strchr(p + 1, *p);
			q = q != NULL ? q + 1 : p + strlen(p);
			sb_addn(&sb, p, (size_t)(q - p));
			p = q;
		} else if (p[0] == '-' && p[1] == '-') {
			q = p + strcspn(p, "\n");
			sb_addn(&sb, p, (size_t)(q - p));
			p = q;
		} else if (*p == '?') {
			p++;
			if (*p >= '0' && *p <= '9') {
				n = strtol(p, (char **)&q, 10);
				p = q;
			} else
				n = max + 1;
			if (n > max)
				max = (int)n;
			sb_addf(&sb, "$%ld", n);
		} else if ((*p == 'r' || *p == 'R') &&
		    strncasecmp(p, "real", 4) == 0 &&
		    (p == sql || !wordc(p[-1])) && !wordc(p[4])) {
			sb_adds(&sb, "float8");
			p += 4;
		} else
			sb_addc(&sb, *p++);
	}
	*nparams = max;
	return sb_detach(&sb);
}

int
pg_prepare(struct db_stmt *s)
{
	struct pg_stmt *p = ecalloc(1, sizeof *p);

	p->text = translate(s->sql, &p->nparams);
	snprintf(p->name, sizeof p->name, "g%u", s->db->pg->nstmts++);
	if (p->nparams > 0) {
		p->vals = ecalloc((size_t)p->nparams, sizeof *p->vals);
		p->isint = ecalloc((size_t)p->nparams, sizeof *p->isint);
	}
	p->row = -1;
	p->shape = -1;
	s->pst = p;
	return GK_OK;
}

void
pg_finalize(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst;

	if (p == NULL)
		return;
	if (s->db->pg != NULL && p->nheld > 0)
		drop_held(s->db->pg);
	free(p->held);
	if (p->many != NULL) {
		pg_finalize(p->many);
		free(p->many);
	}
	pg_clear(s);
	PQclear(p->res);
	free(p->vals);
	free(p->isint);
	free(p->text);
	free(p);
	s->pst = NULL;
}

int
pg_nparams(const struct db_stmt *s)
{
	return s->pst->nparams;
}

int
pg_bind(struct db_stmt *s, int i, const char *text, int is_int)
{
	struct pg_stmt *p = s->pst;

	if (i < 1 || i > p->nparams)
		return GK_SOFTWARE;
	free(p->vals[i - 1]);
	p->vals[i - 1] = text != NULL ? estrdup(text) : NULL;
	p->isint[i - 1] = is_int;
	return GK_OK;
}

void
pg_clear(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst;
	int i;

	for (i = 0; i < p->nparams; i++) {
		free(p->vals[i]);
		p->vals[i] = NULL;
		p->isint[i] = 0;
	}
}

/*
 * Prepare on the server: first with every type left to it; where it
 * cannot tell one (42P18, 42P08: "? IS NULL", a parameter alone in a select
 * list), again with the types of the values bound now.
 */
static int
server_prepare(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst;
	struct db *db = s->db;
	PGresult *r;
	Oid *types;
	const char *state;
	int i, rc = GK_OK, tx;

	if ((rc = drain(db, 0)) != GK_OK)
		return rc;
	/* In a transaction, a failed first try would abort it: the try
	 * is made under a savepoint (once per statement and connection). */
	tx = PQtransactionStatus(db->pg->c) == PQTRANS_INTRANS;
	if (tx && (rc = pg_simple(db, "SAVEPOINT gridkit_prepare",
	    N_("cannot prepare"))) != GK_OK)
		return rc;
	r = PQprepare(db->pg->c, p->name, p->text, p->nparams, NULL);
	if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		PQclear(r);
		p->prepared = 1;
		return tx ? pg_simple(db, "RELEASE gridkit_prepare",
		    N_("cannot prepare")) : GK_OK;
	}
	state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (state == NULL || (strcmp(state, "42P18") != 0 &&
	    strcmp(state, "42P08") != 0)) {
		rc = pg_fail(db, r, N_("cannot prepare"), s->sql);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	if (tx && (rc = pg_simple(db, "ROLLBACK TO gridkit_prepare; "
	    "RELEASE gridkit_prepare", N_("cannot prepare"))) != GK_OK)
		return rc;
	types = ecalloc((size_t)p->nparams, sizeof *types);
	for (i = 0; i < p->nparams; i++)
		types[i] = p->isint[i] ? OID_INT8 : OID_TEXT;
	r = PQprepare(db->pg->c, p->name, p->text, p->nparams, types);
	free(types);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		p->prepared = 1;
	else
		rc = pg_fail(db, r, N_("cannot prepare"), s->sql);
	PQclear(r);
	return rc;
}

int
pg_step(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst;
	struct db *db = s->db;
	const char *ct;
	int rc;

	if (!p->ran) {
		if ((rc = drain(db, 0)) != GK_OK ||
		    (!p->prepared && (rc = server_prepare(s)) != GK_OK))
			return -rc;
		PQclear(p->res);
		p->res = PQexecPrepared(db->pg->c, p->name, p->nparams,
		    (const char *const *)p->vals, NULL, NULL, 0);
		switch (PQresultStatus(p->res)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			break;
		default:
			rc = pg_fail(db, p->res, N_("database error"), s->sql);
			PQclear(p->res);
			p->res = NULL;
			return -rc;
		}
		ct = PQcmdTuples(p->res);
		if (*ct != '\0')
			db->pg->changes = strtoll(ct, NULL, 10);
		p->ran = 1;
		p->row = -1;
	}
	if (p->row + 1 < PQntuples(p->res)) {
		p->row++;
		return DB_ROW;
	}
	p->row = PQntuples(p->res);
	return DB_DONE;
}

void
pg_reset(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst;

	p->ran = 0;
	p->row = -1;
}

int
pg_ncols(const struct db_stmt *s)
{
	return s->pst->res != NULL ? PQnfields(s->pst->res) : -1;
}

/* The current row's value of col, or NULL when there is none. */
static const char *
value(struct db_stmt *s, int col)
{
	struct pg_stmt *p = s->pst;

	if (p->res == NULL || p->row < 0 || p->row >= PQntuples(p->res) ||
	    col < 0 || col >= PQnfields(p->res) ||
	    PQgetisnull(p->res, p->row, col))
		return NULL;
	return PQgetvalue(p->res, p->row, col);
}

const char *
pg_text(struct db_stmt *s, int col)
{
	const char *v = value(s, col);

	if (v == NULL)
		return "";
	if (PQftype(s->pst->res, col) == OID_BOOL)
		return *v == 't' ? "1" : "0";
	return v;
}

long long
pg_int(struct db_stmt *s, int col)
{
	const char *v = value(s, col);

	if (v == NULL)
		return 0;
	if (PQftype(s->pst->res, col) == OID_BOOL)
		return *v == 't';
	if (PQftype(s->pst->res, col) == OID_FLOAT8 ||
	    PQftype(s->pst->res, col) == OID_FLOAT4 ||
	    PQftype(s->pst->res, col) == OID_NUMERIC)
		return (long long)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

int
pg_isnull(struct db_stmt *s, int col)
{
	return value(s, col) == NULL;
}

int
pg_isnum(struct db_stmt *s, int col)
{
	Oid t;

	if (value(s, col) == NULL)
		return 0;
	t = PQftype(s->pst->res, col);
	return t == OID_INT8 || t == OID_INT4 || t == OID_INT2 ||
	    t == OID_FLOAT4 || t == OID_FLOAT8 || t == OID_NUMERIC ||
	    t == OID_BOOL;
}

double
pg_real(struct db_stmt *s, int col)
{
	const char *v = value(s, col);

	if (v == NULL)
		return 0;
	if (PQftype(s->pst->res, col) == OID_BOOL)
		return *v == 't';
	return strtod(v, NULL);
}

/* Enter pipeline mode, if not in it yet. */
static int
pipeline(struct db *db, const char *sql)
{
	if (PQpipelineStatus(db->pg->c) != PQ_PIPELINE_OFF ||
	    PQenterPipelineMode(db->pg->c) == 1)
		return GK_OK;
	return pg_fail(db, NULL, N_("database error"), sql);
}

/* Send the prepared statement name with n values; remember it as sql's
 * with tally.  GK_OK or a status (the connection is lost). */
static int
send_one(struct db *db, const char *name, int n, char *const *vals,
    const char *sql, long long *tally)
{
	struct pg *pg = db->pg;
	int rc;

	if ((rc = pipeline(db, sql)) != GK_OK)
		return rc;
	if (PQsendQueryPrepared(pg->c, name, n, (const char *const *)vals,
	    NULL, NULL, 0) != 1)
		return pg_fail(db, NULL, N_("database error"), sql);
	pg->sent[pg->nsent].sql = sql;
	pg->sent[pg->nsent].tally = tally;
	pg->nsent++;
	return GK_OK;
}

/* Forget the rows held. */
static void
drop_held(struct pg *pg)
{
	struct pg_stmt *p;
	int h, i;

	for (h = 0; h < pg->nholding; h++) {
		p = pg->holding[h]->pst;
		for (i = 0; i < p->nheld * p->nparams; i++) {
			free(p->held[i]);
			p->held[i] = NULL;
		}
		p->nheld = 0;
	}
	pg->nholding = 0;
}

/* Send the rows held, statement by statement in the order first held:
 * as the INSERT of many rows when there are that many, else each as the
 * INSERT of one. */
static int
send_held(struct db *db)
{
	struct db_stmt *s;
	struct pg_stmt *p;
	int h, i, rc = GK_OK;

	for (h = 0; h < db->pg->nholding && rc == GK_OK; h++) {
		s = db->pg->holding[h];
		p = s->pst;
		if (p->nheld == p->rows_per)
			rc = send_one(db, p->many->pst->name,
			    p->many->pst->nparams, p->held, s->sql, p->tally);
		else
			for (i = 0; i < p->nheld && rc == GK_OK; i++)
				rc = send_one(db, p->name, p->nparams, p->held +
				    (size_t)i * (size_t)p->nparams, s->sql,
				    p->tally);
	}
	/* The order stays for the transaction where tables are held
	 * together; else the next statement held starts anew. */
	h = db->pg->nholding;
	drop_held(db->pg);
	if (db->hold_tables && rc == GK_OK)
		db->pg->nholding = h;
	return rc;
}

/* The end of the parenthesis that opens at t: text in quotes skipped. */
static const char *
closing(const char *t)
{
	int depth = 0;

	for (; *t != '\0'; t++) {
		if (*t == '\'' || *t == '"') {
			const char *q = strchr(t + 1, *t);

			if (q == NULL)
				return NULL;
			t = q;
		} else if (*t == '(')
			depth++;
		else if (*t == ')' && --depth == 0)
			return t;
	}
	return NULL;
}

/*
 * Whether s is "INSERT INTO t (...) VALUES (...)" with every parameter
 * in its one row of values and nothing after it but "ON CONFLICT ... DO
 * NOTHING" (rows of one statement that clash with each other would fail
 * a DO UPDATE, and rows sent one by one do not); if so, make the same
 * INSERT of many rows, its parameters numbered on, row after row, and
 * prepare it with the types the first row's values tell.
 */
static int
make_many(struct db_stmt *s)
{
	struct pg_stmt *p = s->pst, *m;
	const char *v, *end, *t;
	struct sb sb = SB_INIT;
	int r, n = p->nparams, i, rc;

	p->shape = 0;
	if (n == 0 || strncmp(p->text, "INSERT INTO ", 12) != 0 ||
	    (v = strstr(p->text, " VALUES (")) == NULL ||
	    strstr(v + 1, " VALUES ") != NULL ||
	    (end = closing(v + 8)) == NULL ||
	    memchr(p->text, '$', (size_t)(v - p->text)) != NULL ||
	    strchr(end, '$') != NULL ||
	    (end[1] != '\0' && (strncmp(end + 1, " ON CONFLICT ", 13) != 0 ||
	    strcmp(end + strlen(end) - 11, " DO NOTHING") != 0)))
		return GK_OK;
	p->rows_per = PG_ROWS_MAX;
	if (p->rows_per * n > 65535)
		p->rows_per = 65535 / n;
	if (p->rows_per < 2)
		return GK_OK;
	sb_addn(&sb, p->text, (size_t)(v + 8 - p->text));
	for (r = 0; r < p->rows_per; r++) {
		if (r > 0)
			sb_adds(&sb, ", ");
		for (t = v + 8; t <= end; t++) {
			if (*t == '\'' || *t == '"') {
				const char *q = strchr(t + 1, *t);

				sb_addn(&sb, t, (size_t)(q - t + 1));
				t = q;
			} else if (*t == '$') {
				sb_addf(&sb, "$%ld", strtol(t + 1, (char **)&t,
				    10) + (long)r * n);
				t--;
			} else
				sb_addc(&sb, *t);
		}
	}
	sb_adds(&sb, end + 1);
	m = ecalloc(1, sizeof *m);
	m->text = sb_detach(&sb);
	m->nparams = p->rows_per * n;
	m->vals = ecalloc((size_t)m->nparams, sizeof *m->vals);
	m->isint = ecalloc((size_t)m->nparams, sizeof *m->isint);
	for (i = 0; i < m->nparams; i++)
		m->isint[i] = p->isint[i % n];
	m->row = -1;
	m->shape = 0;
	snprintf(m->name, sizeof m->name, "g%um", s->db->pg->nstmts++);
	p->many = ecalloc(1, sizeof *p->many);
	p->many->pst = m;
	p->many->sql = s->sql;
	p->many->db = s->db;
	if ((rc = server_prepare(p->many)) != GK_OK)
		return rc;
	p->held = ecalloc((size_t)m->nparams, sizeof *p->held);
	p->shape = 1;
	return GK_OK;
}

int
pg_send(struct db_stmt *s, long long *tally)
{
	struct pg_stmt *p = s->pst;
	struct db *db = s->db;
	struct pg *pg = db->pg;
	int h, i, rc = GK_OK;

	if (pg->failed != GK_OK)
		return pg->failed;
	if (!p->prepared)
		rc = server_prepare(s);
	if (rc == GK_OK && p->shape < 0)
		rc = make_many(s);
	if (rc != GK_OK)
		return rc;
	if (p->shape != 1) {
		/* Not held: after every row held before it. */
		if ((pg->nholding > 0 && (rc = send_held(db)) != GK_OK) ||
		    (rc = send_one(db, p->name, p->nparams, p->vals, s->sql,
		    tally)) != GK_OK)
			return pg->failed = rc;
	} else {
		/* Held: the values move to the rows held.  Rows counted
		 * elsewhere, another statement's (unless tables are held
		 * together), or a statement more than can be held: what is
		 * held is sent first. */
		for (h = 0; h < pg->nholding && pg->holding[h] != s; h++)
			;
		if (((h < pg->nholding && p->tally != tally && p->nheld > 0) ||
		    (h == pg->nholding && !db->hold_tables && h > 0) ||
		    h == PG_HOLD_MAX) && (rc = send_held(db)) != GK_OK)
			return pg->failed = rc;
		for (h = 0; h < pg->nholding && pg->holding[h] != s; h++)
			;
		if (h == PG_HOLD_MAX) {
			/* No room: this one goes alone, in its turn. */
			if ((rc = send_one(db, p->name, p->nparams, p->vals,
			    s->sql, tally)) != GK_OK)
				return pg->failed = rc;
			goto sent;
		}
		if (h == pg->nholding)
			pg->holding[pg->nholding++] = s;
		for (i = 0; i < p->nparams; i++) {
			p->held[p->nheld * p->nparams + i] = p->vals[i];
			p->vals[i] = NULL;
		}
		p->nheld++;
		p->tally = tally;
		if (p->nheld == p->rows_per && (rc = send_held(db)) != GK_OK)
			return pg->failed = rc;
	}
sent:
	if (pg->nsent >= PG_PIPELINE_MAX)
		return drain(db, 0);
	return GK_OK;
}

long long
pg_changes(struct db *db)
{
	/* An error met here is kept for the next call that can say it. */
	drain(db, 0);
	return db->pg->changes;
}
