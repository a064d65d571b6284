/*
 * db-int.h - inside the door: the connection and statement structures
 * shared by db.c (SQLite, the statement cache, the public functions)
 * and db-pg.c (the PostgreSQL backend db.c dispatches to).  No other
 * module includes this.
 */
#ifndef GRIDKIT_DB_INT_H
#define GRIDKIT_DB_INT_H

#include <sqlite3.h>

#include "db.h"

/* The statement cache: a hash table of chains, by SQL text. */
#define DB_NBUCKETS 128
/* Before it, a guess by the address of the text, checked against the
 * text: most SQL is a literal asked for again and again, and comparing
 * it costs less than hashing it. */
#define DB_NHINTS 61

struct pg;			/* db-pg.c: a PostgreSQL connection */

/* A value remembered for the rest of a write transaction, or a
 * statement deferred to its commit (db_tx_defer). */
#define DB_DEFER_MAX 8
struct db_memo {
	char *key;			/* owned */
	char *value;			/* owned, or NULL */
	const char *sql;		/* deferred: the caller's literal */
	int nargs;			/* its values */
	char *args[DB_DEFER_MAX];	/* owned; NULL binds NULL */
	long long ints[DB_DEFER_MAX];	/* where isint */
	int isint[DB_DEFER_MAX];
	struct db_memo *next;		/* the newest first */
};
struct pg_stmt;			/* db-pg.c: a statement of one */

struct db_stmt {
	sqlite3_stmt *st;		/* the prepared statement (SQLite) */
	struct pg_stmt *pst;		/* or its PostgreSQL twin */
	char *sql;			/* its text, the cache key (owned) */
	unsigned long hash;		/* hash of sql */
	const char *asked;		/* where the text it was last asked
					   for lay: only a hint */
	int bad_bind;			/* a bind failed: db_step refuses */
	struct db *db;			/* its connection */
	struct db_stmt *next;		/* the bucket's chain */
};

struct db {
	sqlite3 *h;			/* the connection (SQLite) */
	struct pg *pg;			/* or the PostgreSQL one */
	char *path;			/* the file, or the masked
					   connection string */
	struct db_stmt *stmts[DB_NBUCKETS]; /* prepared statements */
	struct db_stmt *hints[DB_NHINTS]; /* by the address of the text */
	int in_tx;			/* a transaction is open */
	int dry_run;			/* db_commit rolls back */
	int hold_tables;		/* db_hold_tables: this
					   transaction */
	enum db_mode mode;		/* read or write */
	long long busy_budget;		/* µs the connection may wait */
	long long busy_spent;		/* µs it has waited so far */
	struct db_memo *memo;		/* db_tx_remember's, this
					   transaction's */
	char *program;			/* for the audit log */
	char *operator_name;		/* for the audit log */
};

/* db.c: microseconds on a clock that does not jump. */
long long db_now_us(void);

/* The verdict on the schema version a database holds, the same on
 * every backend: GK_IOERR when the caller found it damaged (set by
 * hand), GK_UNAVAILABLE when newer than this build, else GK_OK; said. */
int db_judge_version(const struct db *db, long long version, int damaged);

#endif
