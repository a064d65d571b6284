/*
 * db-pg.h - the PostgreSQL backend behind db.h (libpq), called by db.c
 * only: db.c keeps the statement cache, the busy budget and the public
 * functions, and hands a connection whose name is a PostgreSQL
 * connection string to these.
 *
 * Statements: "?" and "?N" become "$N" once per statement text (the
 * cache key stays the text asked for); the statement is prepared on the
 * server at its first run, with every parameter's type left to the
 * server, or, where the server cannot tell one ("? IS NULL"), with the
 * types of the values bound then.  Values travel as text.
 *
 * Transactions: a write transaction takes pg_advisory_xact_lock on one
 * fixed key first, so writers queue as BEGIN IMMEDIATE queues them on
 * SQLite; the wait is bounded by the connection's busy budget
 * (lock_timeout), after which the command fails with GK_TEMPFAIL.
 */
#ifndef GRIDKIT_DB_PG_H
#define GRIDKIT_DB_PG_H

struct db;
struct db_stmt;

/* Whether name is a PostgreSQL connection string: a postgresql:// or
 * postgres:// URI, or keyword=value pairs ("host=... dbname=..."). */
int pg_is_conninfo(const char *name);
/* The connection string as messages show it: no password, no option
 * but the user, host, port and database.  Caller frees. */
char *pg_masked(const char *conninfo);

/* Whether the database has tables; 1 too when it cannot be reached. */
int pg_exists(const char *conninfo);
/* Connect db (db->path already masked) and check or migrate the
 * schema as db->mode says; GK_OK or a status after reporting. */
int pg_open(struct db *db, const char *conninfo);
void pg_close(struct db *db);

int pg_begin(struct db *db, int write);
/* Run sql (COMMIT, ROLLBACK) with no parameters; GK_OK or a status. */
int pg_simple(struct db *db, const char *sql, const char *what);

int pg_prepare(struct db_stmt *s);
void pg_finalize(struct db_stmt *s);
int pg_nparams(const struct db_stmt *s);
/* Bind parameter i (1-based) to text (NULL: SQL NULL); is_int says the
 * value is an integer, for a parameter whose type only the value
 * tells.  GK_OK or GK_SOFTWARE. */
int pg_bind(struct db_stmt *s, int i, const char *text, int is_int);
void pg_clear(struct db_stmt *s);
int pg_step(struct db_stmt *s);
void pg_reset(struct db_stmt *s);
/* Columns of the last run, or -1 before one. */
int pg_ncols(const struct db_stmt *s);
const char *pg_text(struct db_stmt *s, int col);
long long pg_int(struct db_stmt *s, int col);
int pg_isnull(struct db_stmt *s, int col);
int pg_isnum(struct db_stmt *s, int col);
double pg_real(struct db_stmt *s, int col);
long long pg_changes(struct db *db);
/*
 * Pipelining: pg_send sends the statement s, bound, without waiting for
 * its result (in a write transaction, where the caller wants no rows);
 * its changed rows are added to *tally (when not NULL) once read.  Every
 * other call reads the results first, so what it sees includes them;
 * pg_flush only reads them.  A pipelined statement that failed is
 * reported when its result is read and its status returned by that call
 * and every one after it until the rollback.
 */
int pg_send(struct db_stmt *s, long long *tally);
int pg_flush(struct db *db);

#endif
