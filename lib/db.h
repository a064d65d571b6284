/*
 * db.h - the database: the only door to SQLite, and to PostgreSQL
 * (db-pg.c) when the database is named by a connection string.
 *
 * Every other module talks to the database through these functions and
 * portable SQL, so that a PostgreSQL backend is one more module, not a
 * rewrite.  Statements are prepared once and cached for the life of the
 * connection, keyed by their SQL text; values are always bound, never
 * formatted into SQL.
 *
 * Opening: a command that writes (DB_WRITE, DB_WRITE_EXISTING) brings
 * the schema up to date.  Migrations are keyed by the schema version;
 * the version is read again under the write lock (BEGIN IMMEDIATE)
 * before anything is migrated, so any number of programs may open, and
 * create, one database at once.  A command that reads (DB_READ) opens
 * the file read-only and never changes it: a database with an older
 * schema is refused with GK_UNAVAILABLE, saying that a command that
 * writes upgrades it.  A newer schema is refused in every mode.  The
 * file is marked as gridkit's twice: PRAGMA application_id (for
 * file(1)) and the row 'application' = 'gridkit' of table gridkit_meta
 * (for a backend with no such pragma), which also holds
 * 'schema_version' in step with PRAGMA user_version.  WAL journal,
 * synchronous=FULL (these are legal records), foreign keys on.  Files
 * are created mode 0600 in directories created 0700.
 *
 * Waiting: a connection waits for other programs' locks at most its
 * busy budget (db_set_busy_timeout, 5000 ms by default) summed over all
 * its statements, then fails with GK_TEMPFAIL: the budget is for the
 * whole command, not for each statement.
 *
 * Writes: db_begin (BEGIN IMMEDIATE, so a second writer waits or fails
 * at once with GK_TEMPFAIL rather than half-way), the work, then
 * db_commit, which rolls back instead in a dry run.  Every write
 * command records what it changed with audit_record (audit.h).  New
 * rows get their id from db_insert_id (INSERT ... RETURNING id), never
 * by arithmetic on ids.
 *
 * Errors are reported here (diag.h) and returned as a status:
 * GK_TEMPFAIL busy, GK_DATAERR a constraint, GK_IOERR a full disk, an
 * I/O error or a damaged file (with SQLite's words), GK_UNAVAILABLE not
 * a gridkit database, read-only, wrong schema, GK_SOFTWARE a bug in the
 * SQL or its use ("internal error: ", the SQL and SQLite's message).
 *
 * Row-reading functions (db_step, db_query) share one convention:
 *
 *	DB_ROW		a row is ready to read
 *	DB_DONE		no more rows (DB_NONE, the same value, for a
 *			lookup that found nothing)
 *	-status		negative: an error, reported already
 *
 * so "while ((rc = db_step(st)) == DB_ROW)" reads them all and
 * "rc < 0 ? -rc : GK_OK" gives the status after the loop.
 */
#ifndef GRIDKIT_DB_H
#define GRIDKIT_DB_H

#include <stddef.h>

struct db;
struct db_stmt;

/* What a row-reading function returns when it does not fail. */
#define DB_ROW	1	/* a row is ready */
#define DB_DONE	0	/* no more rows */
#define DB_NONE	0	/* no row at all: the lookup found nothing */

enum db_mode {
	DB_READ,		/* must exist; opened read-only, never migrated */
	DB_WRITE,		/* created with its schema when missing */
	DB_WRITE_EXISTING	/* must exist; read-write, migrated, never
				 * created (a reading command that records
				 * an audit row) */
};

/*
 * Whether name is a PostgreSQL connection string (a postgresql:// URI,
 * or keyword=value pairs such as "host=... dbname=..."), which db_open
 * connects to, rather than the path of an SQLite file.
 */
int db_is_server(const char *name);
/* name as messages and --print-config show it: a connection string
 * without its password or options, a path as it is.  Caller frees. */
char *db_display_name(const char *name);
/* Whether there is a database at name: a file, or a PostgreSQL database
 * with tables (one that cannot be reached counts as there, for db_open
 * to say why). */
int db_exists(const char *name);

/* The default path: $XDG_DATA_HOME/gridkit/gridkit.db, else
 * $HOME/.local/share/gridkit/gridkit.db.  Caller frees. */
char *db_default_path(void);

/*
 * db_open opens (or in DB_WRITE mode creates) the database at path; in
 * the two write modes it brings its schema up to date.  The path
 * ":memory:" is a database in memory only, gone when closed (a dry run
 * against no database).  Returns GK_OK with *out set, or, after
 * reporting the reason: GK_UNAVAILABLE (not a gridkit database, missing
 * or empty when it must exist, an older schema in DB_READ mode, a newer
 * schema, a read-only file or directory for a writer, foreign keys
 * broken by an upgrade), GK_IOERR (a damaged file or an I/O error),
 * GK_TEMPFAIL (locked longer than the busy budget), GK_CANTCREAT
 * (cannot create the file or its directory).  *out is NULL on failure.
 */
int db_open(struct db **out, const char *path, enum db_mode mode);
void db_close(struct db *db);

/* Who and what the audit rows name. */
void db_set_actor(struct db *db, const char *program, const char *operator_name);
/* The busy budget: how long the connection may wait for other
 * programs' locks, in all, over every statement from now on, before a
 * statement fails with GK_TEMPFAIL (5000 ms from db_open by default; 0
 * fails at once).  Each call starts a new budget. */
void db_set_busy_timeout(struct db *db, int ms);
/* The busy budget of every connection opened from now on, its opening
 * (the schema check, a migration) included: --wait. */
void db_set_default_busy_timeout(int ms);
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
 * db_prepare returns the statement for sql (one statement), prepared on
 * first use and cached by its text for the life of the connection: the
 * same text gives the same statement, wherever the text lives.  The
 * statement is reset and its bindings cleared, ready to bind.  NULL
 * after reporting an internal error (a bug in the SQL, or more than one
 * statement in it).
 */
struct db_stmt *db_prepare(struct db *db, const char *sql);

/*
 * Bind parameter i (1-based); the text is copied.  A NULL text binds
 * SQL NULL.  GK_OK, or GK_SOFTWARE after reporting (no parameter i, out
 * of memory); a failed bind also makes the statement's next db_step
 * fail with -GK_SOFTWARE, so an unchecked bind cannot run the statement
 * with a value missing.
 */
int db_bind_text(struct db_stmt *st, int i, const char *s);
int db_bind_int(struct db_stmt *st, int i, long long v);
int db_bind_null(struct db_stmt *st, int i);

/*
 * db_step runs one step: DB_ROW, DB_DONE, or -status after reporting
 * (GK_TEMPFAIL busy, GK_DATAERR constraint, GK_IOERR disk full, I/O or
 * a damaged file, GK_SOFTWARE otherwise); on an error the statement is
 * reset.
 */
int db_step(struct db_stmt *st);

/* db_exec runs a statement that returns no rows to completion and
 * resets it; returns GK_OK or a status. */
int db_exec(struct db_stmt *st);

/*
 * db_run prepares (cached) sql, binds one argument per letter of types
 * and runs it to completion: 's' a string (NULL binds NULL), 'i' an
 * int, 'L' a long long, 'N' a long long that binds NULL when negative
 * (an optional count).  For INSERT, UPDATE and DELETE.  The number of
 * letters must be the statement's number of parameters
 * (sqlite3_bind_parameter_count: "?1" used twice counts once); a
 * mismatch, a bad letter or a failed bind is an internal error
 * (GK_SOFTWARE, reported with the SQL) and nothing runs.  Returns GK_OK
 * or a status after reporting.
 */
int db_run(struct db *db, const char *sql, const char *types, ...);

/*
 * db_run_tally runs as db_run does and adds the number of rows the
 * statement changed to *tally: what an import counts (rows added) without
 * asking db_changes after each row.  On PostgreSQL, in a write
 * transaction, db_run and db_run_tally send the statement without
 * waiting for it (a pipeline, so a million rows are not a million round
 * trips): *tally is up to date, and an error of the statement reported
 * and returned, by the next call that reads anything (db_step,
 * db_query, db_insert_id, db_changes, db_flush, db_commit).  On SQLite
 * both run at once.
 */
int db_run_tally(struct db *db, long long *tally, const char *sql,
    const char *types, ...);
/* Wait for the statements sent ahead (db_run_tally); GK_OK, or the
 * status of the first that failed, reported. */
int db_flush(struct db *db);

/*
 * On PostgreSQL the rows of an INSERT ... VALUES sent ahead (db_run)
 * one after another are sent as one INSERT of many rows: what a server
 * does a statement costs more than what it does a row.  Any other
 * statement sends them first, so the order of the writes is kept.
 * db_hold_tables relaxes that for the rest of the write transaction, for
 * a writer that inserts, row after row, a parent and then its children
 * (a case, its history row, its event): the rows of up to 4 INSERTs are
 * held at once and sent INSERT by INSERT, in the order each INSERT was
 * first run in the transaction.  The caller promises that no row is the
 * parent of a row of an INSERT it ran first.  Nothing on SQLite.
 */
void db_hold_tables(struct db *db);

/*
 * db_query prepares sql, binds as db_run does (and checks as it does)
 * and steps once: DB_ROW with a row to read through *st (db_reset it
 * when done), DB_NONE for no row, or -status after reporting; on
 * DB_NONE and errors the statement is reset already.  The strings
 * bound must live until the reset.
 */
int db_query(struct db *db, struct db_stmt **st, const char *sql,
    const char *types, ...);

/*
 * db_insert_id runs an INSERT that ends in "RETURNING id" (SQLite 3.35
 * or later, and PostgreSQL), bound as db_run binds, and sets *id to the
 * id of the row it inserted, or to 0 when it inserted none (INSERT OR
 * IGNORE, ON CONFLICT DO NOTHING: ids are positive).  This is how a new
 * row's id is known: not max(id) + 1, not a count from a first id, not
 * the connection's last insert rowid.  Returns GK_OK, or a status after
 * reporting; a statement that returns no column, or more than one row,
 * is an internal error.  For example:
 *
 *	rc = db_insert_id(db, &id, "INSERT INTO stages (person, stage, "
 *	    "outcome, at, operator) VALUES (?, ?, 'entered', ?, ?) "
 *	    "RETURNING id", "Lsss", person, stage, at, operator);
 */
int db_insert_id(struct db *db, long long *id, const char *sql,
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

/*
 * db_backup copies the database, as one consistent snapshot taken while
 * writers go on (SQLite's online backup), to a new file path, mode 0600
 * whatever the umask.  The copy is written under a temporary name in
 * the same directory and linked to path only when complete and checked
 * (PRAGMA quick_check), so path never holds half a copy, and an
 * existing path is never overwritten (GK_CANTCREAT).  A dry run checks
 * the name and copies nothing.  Returns GK_OK or a status after
 * reporting.
 */
int db_backup(struct db *db, const char *path);

/*
 * What a writer knows while it holds the write lock and nobody else can
 * change until it lets go (the head of a hash chain, say): a value
 * remembered by key for the rest of the write transaction and forgotten
 * when it ends, committed or not.  db_tx_recall gives the
 * value, or NULL when there is none or no write transaction;
 * db_tx_remember does nothing outside one.
 */
const char *db_tx_recall(struct db *db, const char *key);
void db_tx_remember(struct db *db, const char *key, const char *value);

/*
 * db_tx_defer runs sql, bound as db_run binds (the letters 's' and 'L',
 * at most 8), once, when the write transaction commits (before the
 * commit; a dry run runs it before it rolls back, so that it meets what
 * a real run would), in place of what was deferred under the same key
 * before: the last word on a row the writer changes again and again (a
 * counter), written once instead of at every change.  Forgotten on a
 * rollback.  GK_OK, or GK_SOFTWARE for a bad letter or outside a write
 * transaction.
 */
int db_tx_defer(struct db *db, const char *key, const char *sql,
    const char *types, ...);

/* Rows changed by the last INSERT, UPDATE or DELETE. */
long long db_changes(struct db *db);

/* The actor set by db_set_actor, for the audit log. */
const char *db_program(const struct db *db);
const char *db_operator(const struct db *db);

#endif
