/*
 * db.h - the database: the only door to SQLite.
 *
 * Every other module talks to the database through these functions and
 * portable SQL, so that a PostgreSQL backend is one more module, not a
 * rewrite.  Statements are prepared once and cached for the life of the
 * connection; values are always bound, never formatted into SQL.
 *
 * Opening applies the schema: migrations are keyed by the schema version
 * (PRAGMA user_version), so a database made by an older build opens in a
 * newer one; a newer database in an older build is refused.  The file is
 * marked with a gridkit application id, and a file that is not a gridkit
 * database is refused with GK_UNAVAILABLE.  WAL journal, synchronous=FULL
 * (these are legal records), foreign keys on, a busy timeout.  Files are
 * created mode 0600 in directories created 0700.
 *
 * Writes: db_begin (BEGIN IMMEDIATE, so a second writer waits or fails
 * at once with GK_TEMPFAIL rather than half-way), the work, then
 * db_commit, which rolls back instead in a dry run.  Every write
 * command records what it changed with audit_record (audit.h).
 */
#ifndef GRIDKIT_DB_H
#define GRIDKIT_DB_H

#include <stddef.h>

struct db;
struct db_stmt;


enum db_mode {
	DB_READ,	/* the database must exist */
	DB_WRITE	/* created with its schema when missing */
};

/* The default path: $XDG_DATA_HOME/gridkit/gridkit.db, else
 * $HOME/.local/share/gridkit/gridkit.db.  Caller frees. */
char *db_default_path(void);

/*
 * db_open opens (or in DB_WRITE mode creates) the database at path and
 * brings its schema up to date.  The path ":memory:" is a database in
 * memory only, gone when closed (a dry run against no database).  Returns GK_OK with *out set, or
 * GK_UNAVAILABLE (not a gridkit database, missing in DB_READ mode,
 * newer schema, directory not writable), GK_TEMPFAIL (locked),
 * GK_CANTCREAT (cannot create the file or its directory); the reason is
 * reported.
 */
int db_open(struct db **out, const char *path, enum db_mode mode);
void db_close(struct db *db);

/* Who and what the audit rows name. */
void db_set_actor(struct db *db, const char *program, const char *operator_name);
/* How long a statement waits for another writer's lock before failing
 * with GK_TEMPFAIL (default 5000 ms). */
void db_set_busy_timeout(struct db *db, int ms);
/* In a dry run, db_commit rolls back. */
void db_set_dry_run(struct db *db, int dry_run);
int db_dry_run(const struct db *db);
const char *db_path(const struct db *db);

int db_begin(struct db *db);		/* BEGIN IMMEDIATE */
/* A read transaction: a consistent snapshot for several queries;
 * end it with db_rollback. */
int db_begin_read(struct db *db);
int db_commit(struct db *db);		/* COMMIT, or ROLLBACK in a dry run */
/* COMMIT even in a dry run: for the record of a disclosure, which
 * happens whether or not the command's changes are kept. */
int db_commit_always(struct db *db);
void db_rollback(struct db *db);	/* safe to call with no transaction */

/*
 * db_prepare returns the statement for sql, prepared on first use and
 * cached by the address of sql (pass string literals).  The statement is
 * reset and its bindings cleared, ready to bind.  NULL after reporting
 * an error (a bug in the SQL).
 */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/* Bind parameter i (1-based).  A NULL text binds SQL NULL. */
void db_bind_text(struct db_stmt *st, int i, const char *s);
void db_bind_int(struct db_stmt *st, int i, long long v);
void db_bind_null(struct db_stmt *st, int i);

/*
 * db_step runs one step: 1 for a row, 0 when done, or -status after
 * reporting (GK_TEMPFAIL busy, GK_DATAERR constraint, GK_IOERR disk
 * full or I/O, GK_SOFTWARE otherwise).
 */
int db_step(struct db_stmt *st);

/* db_exec runs a statement that returns no rows to completion and
 * resets it; returns GK_OK or a status. */
int db_exec(struct db_stmt *st);

/*
 * db_run prepares (cached) sql, binds one argument per letter of types
 * and runs it to completion: 's' a string (NULL binds NULL), 'i' an
 * int, 'L' a long long, 'N' a long long that binds NULL when negative
 * (an optional count).  For INSERT, UPDATE and DELETE.  Returns GK_OK
 * or a status after reporting.
 */
int db_run(struct db *db, const char *sql, const char *types, ...);

/*
 * db_query prepares sql, binds as db_run does and steps once: 1 with a
 * row to read through *st (db_reset it when done), 0 for no row, or
 * -status after reporting; on 0 and errors the statement is reset
 * already.  The strings bound must live until the reset.
 */
int db_query(struct db *db, struct db_stmt **st, const char *sql,
    const char *types, ...);

/* Column access on the current row; text is "" for NULL unless asked
 * with db_isnull.  Valid until the next step or reset. */
const char *db_text(struct db_stmt *st, int col);
long long db_int(struct db_stmt *st, int col);
int db_isnull(struct db_stmt *st, int col);
/* Whether a column holds a number (integer or real), and its value. */
int db_isnum(struct db_stmt *st, int col);
double db_real(struct db_stmt *st, int col);

void db_reset(struct db_stmt *st);

/* The rowid of the last INSERT. */
long long db_last_id(struct db *db);

/* Rows changed by the last INSERT, UPDATE or DELETE. */
long long db_changes(struct db *db);

/* The actor set by db_set_actor, for the audit log. */
const char *db_program(const struct db *db);
const char *db_operator(const struct db *db);

#endif
