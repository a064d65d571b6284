/*
 * db.c - the only door to SQLite.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "diag.h"
#include "schema.h"
#include "status.h"
#include "util.h"

/* "GRID": marks a file as a gridkit database (PRAGMA application_id). */
#define DB_APPLICATION_ID 0x47524944

struct db_stmt {
	sqlite3_stmt *st;		/* the prepared statement */
	const char *key;		/* the SQL text it was prepared from */
	struct db *db;			/* its connection */
	struct db_stmt *next;		/* the cache list */
};

struct db {
	sqlite3 *h;			/* the connection */
	char *path;			/* the file */
	struct db_stmt *stmts;		/* prepared statements, most recent first */
	int in_tx;			/* a transaction is open */
	int dry_run;			/* db_commit rolls back */
	enum db_mode mode;		/* read or write */
	char *program;			/* for the audit log */
	char *operator_name;		/* for the audit log */
};

char *
db_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct sb sb = SB_INIT;

	if (xdg != NULL && *xdg == '/')
		sb_addf(&sb, "%s/gridkit/gridkit.db", xdg);
	else if (home != NULL && *home != '\0')
		sb_addf(&sb, "%s/.local/share/gridkit/gridkit.db", home);
	else
		sb_adds(&sb, "gridkit.db");
	return sb_detach(&sb);
}

/* Create the directories above path, mode 0700, like mkdir -p. */
static int
make_parents(const char *path)
{
	char *p = estrdup(path), *s;
	int rc = GK_OK;

	for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			diag_error("cannot create directory \"%s\" for the "
			    "database: %s", p, strerror(errno));
			rc = GK_CANTCREAT;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* Report an SQLite failure and map it to a status. */
static int
db_fail(struct db *db, int code, const char *what)
{
	const char *msg = db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(code);

	switch (code & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		diag_error("%s: database is busy (another program is writing "
		    "to it); try again", db->path);
		return GK_TEMPFAIL;
	case SQLITE_CONSTRAINT:
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_DATAERR;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_IOERR;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		diag_error("%s: %s: %s (is the file or its directory "
		    "read-only?)", db->path, what, msg);
		return GK_UNAVAILABLE;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		diag_error("%s: not a gridkit database (%s)", db->path, msg);
		return GK_UNAVAILABLE;
	default:
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_SOFTWARE;
	}
}

static int
exec_sql(struct db *db, const char *sql, const char *what)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? GK_OK : db_fail(db, rc, what);
}

/* Read one integer from a PRAGMA or query; -1 after reporting. */
static long long
query_int(struct db *db, const char *sql, int *status)
{
	sqlite3_stmt *st;
	long long v = 0;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		*status = db_fail(db, rc, "cannot read the database");
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		*status = db_fail(db, rc, "cannot read the database");
	sqlite3_finalize(st);
	return *status == GK_OK ? v : -1;
}

/* Bring the schema from version `have` to the last migration. */
static int
migrate(struct db *db, long long have)
{
	char sql[64];
	size_t v;
	int rc;
	const char *const *s;

	if ((rc = exec_sql(db, "BEGIN IMMEDIATE", "cannot lock")) != GK_OK)
		return rc;
	for (v = (size_t)have; v < schema_nmigrations; v++) {
		for (s = schema_migrations[v]; *s != NULL; s++)
			if ((rc = exec_sql(db, *s, "cannot apply the schema"))
			    != GK_OK)
				goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	if ((rc = exec_sql(db, sql, "cannot mark the database")) != GK_OK)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %zu",
	    schema_nmigrations);
	if ((rc = exec_sql(db, sql, "cannot mark the database")) != GK_OK)
		goto fail;
	if ((rc = exec_sql(db, "COMMIT", "cannot apply the schema")) != GK_OK)
		goto fail;
	if (have > 0)
		diag_info("%s: schema upgraded from version %lld to %zu",
		    db->path, have, schema_nmigrations);
	return GK_OK;
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Refuse files that are not ours, then migrate. */
static int
check_schema(struct db *db)
{
	int status = GK_OK;
	long long appid, version, tables;

	appid = query_int(db, "PRAGMA application_id", &status);
	if (status != GK_OK)
		return status;
	version = query_int(db, "PRAGMA user_version", &status);
	if (status != GK_OK)
		return status;
	tables = query_int(db, "SELECT count(*) FROM sqlite_master", &status);
	if (status != GK_OK)
		return status;
	if (appid != DB_APPLICATION_ID && (appid != 0 || tables > 0)) {
		diag_error("%s: not a gridkit database (an SQLite database "
		    "of another program); point -d or GRIDKIT_DB at a gridkit "
		    "database", db->path);
		return GK_UNAVAILABLE;
	}
	if (version > (long long)schema_nmigrations) {
		diag_error("%s: database schema version %lld is newer than "
		    "this gridkit knows (%zu); upgrade gridkit", db->path,
		    version, schema_nmigrations);
		return GK_UNAVAILABLE;
	}
	if (version == 0 && tables == 0) {
		/* An empty file: a database only once something is written. */
		if (db->mode == DB_READ) {
			diag_error("%s: no database here yet (the file is "
			    "empty); create one with \"grid-define import "
			    "areas FILE\"", db->path);
			return GK_UNAVAILABLE;
		}
		/* Whoever made the empty file, the database is 0600. */
		if (strcmp(db->path, ":memory:") != 0 &&
		    chmod(db->path, 0600) == -1)
			diag_warn("%s: cannot make it private (mode 0600): %s",
			    db->path, strerror(errno));
	}
	if (version < (long long)schema_nmigrations)
		return migrate(db, version);
	return GK_OK;
}

int
db_open(struct db **out, const char *path, enum db_mode mode)
{
	struct db *db;
	struct stat sb;
	int fd, rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	/* Each program is one thread: no mutexes, no memory statistics.
	 * (Only possible before SQLite initialises; later calls fail
	 * harmlessly.) */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	db = ecalloc(1, sizeof *db);
	db->path = estrdup(path);
	db->mode = mode;
	db->program = estrdup("gridkit");
	db->operator_name = estrdup("unknown");

	if (strcmp(path, ":memory:") == 0) {
		/* A database that lives and dies with the process. */
	} else if (stat(path, &sb) == -1) {
		if (errno != ENOENT) {
			diag_error("%s: %s", path, strerror(errno));
			rc = GK_UNAVAILABLE;
			goto fail;
		}
		if (mode == DB_READ) {
			diag_error("%s: no database here yet; create one with "
			    "\"grid-define import areas FILE\", or point -d or "
			    "GRIDKIT_DB at an existing one", path);
			rc = GK_UNAVAILABLE;
			goto fail;
		}
		if ((rc = make_parents(path)) != GK_OK)
			goto fail;
		/* Create the file ourselves so it is 0600 whatever the umask;
		 * SQLite gives its journal files the same mode. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST) {
			diag_error("cannot create database \"%s\": %s", path,
			    strerror(errno));
			rc = GK_CANTCREAT;
			goto fail;
		}
		if (fd != -1)
			close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		diag_error("%s: is a directory, not a database file", path);
		rc = GK_UNAVAILABLE;
		goto fail;
	}

	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc, "cannot open the database");
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 0);
	sqlite3_busy_timeout(db->h, 5000);
	if ((rc = check_schema(db)) != GK_OK)
		goto fail;
	/* A reader needs none of this: WAL is a property of the file, set
	 * by the first writer, and the rest concerns writes.  Skipping it
	 * keeps the start of a read (cron, pipelines) short. */
	if (mode == DB_READ) {
		*out = db;
		return GK_OK;
	}
	if ((rc = exec_sql(db, "PRAGMA journal_mode = WAL",
	    "cannot set the journal mode")) != GK_OK)
		goto fail;
	if ((rc = exec_sql(db, "PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON", "cannot configure")) != GK_OK)
		goto fail;
	/* A bigger page cache keeps a large import's index pages in memory
	 * (16 MiB: well inside the 64 MiB a program may use). */
	if (mode == DB_WRITE && (rc = exec_sql(db, "PRAGMA cache_size = "
	    "-16384", "cannot configure")) != GK_OK)
		goto fail;
	*out = db;
	return GK_OK;
fail:
	db_close(db);
	return rc;
}

void
db_close(struct db *db)
{
	struct db_stmt *s, *next;

	if (db == NULL)
		return;
	for (s = db->stmts; s != NULL; s = next) {
		next = s->next;
		sqlite3_finalize(s->st);
		free(s);
	}
	if (db->h != NULL) {
		if (db->in_tx)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db->h);
	}
	free(db->path);
	free(db->program);
	free(db->operator_name);
	free(db);
}

void
db_set_actor(struct db *db, const char *program, const char *operator_name)
{
	free(db->program);
	free(db->operator_name);
	db->program = estrdup(program);
	db->operator_name = estrdup(operator_name);
}

const char *
db_program(const struct db *db)
{
	return db->program;
}

const char *
db_operator(const struct db *db)
{
	return db->operator_name;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms);
}

void
db_set_dry_run(struct db *db, int dry_run)
{
	db->dry_run = dry_run;
}

int
db_dry_run(const struct db *db)
{
	return db->dry_run;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_begin(struct db *db)
{
	int rc = exec_sql(db, "BEGIN IMMEDIATE", "cannot start a transaction");

	if (rc == GK_OK)
		db->in_tx = 1;
	return rc;
}

int
db_begin_read(struct db *db)
{
	int rc = exec_sql(db, "BEGIN", "cannot start a transaction");

	if (rc == GK_OK)
		db->in_tx = 1;
	return rc;
}

int
db_commit(struct db *db)
{
	int rc;

	if (db->dry_run) {
		db_rollback(db);
		diag_info("dry run: nothing written");
		return GK_OK;
	}
	rc = exec_sql(db, "COMMIT", "cannot commit");
	if (rc != GK_OK)
		db_rollback(db);
	else
		db->in_tx = 0;
	return rc;
}

int
db_commit_always(struct db *db)
{
	int dry = db->dry_run, rc;

	db->dry_run = 0;
	rc = db_commit(db);
	db->dry_run = dry;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	struct db_stmt *s, **prev;
	int rc;

	for (prev = &db->stmts; (s = *prev) != NULL; prev = &s->next)
		if (s->key == sql) {
			/* Move to the front: hot statements stay near. */
			*prev = s->next;
			s->next = db->stmts;
			db->stmts = s;
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			return s;
		}
	s = ecalloc(1, sizeof *s);
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->st, NULL);
	if (rc != SQLITE_OK) {
		diag_error("internal error: cannot prepare \"%s\": %s", sql,
		    sqlite3_errmsg(db->h));
		free(s);
		return NULL;
	}
	s->key = sql;
	s->db = db;
	s->next = db->stmts;
	db->stmts = s;
	return s;
}

void
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st->st, i);
	else
		sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT);
}

void
db_bind_int(struct db_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st->st, i, v);
}

void
db_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(st->st, i);
}

int
db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	rc = db_fail(st->db, rc, "database error");
	sqlite3_reset(st->st);
	return -rc;
}

int
db_exec(struct db_stmt *st)
{
	int rc;

	while ((rc = db_step(st)) == 1)
		;
	sqlite3_reset(st->st);
	return rc < 0 ? -rc : GK_OK;
}

/* Bind one argument per letter of types (see db_run); -1 for a bad
 * letter (a bug, reported). */
static int
vbind(struct db_stmt *st, const char *types, va_list ap)
{
	const char *t;
	long long v;
	int i;

	for (i = 0; types[i] != '\0'; i++) {
		switch (types[i]) {
		case 's':
			/* The caller's strings outlive the statement's use:
			 * no copy needed. */
			t = va_arg(ap, const char *);
			if (t == NULL)
				sqlite3_bind_null(st->st, i + 1);
			else
				sqlite3_bind_text(st->st, i + 1, t, -1,
				    SQLITE_STATIC);
			break;
		case 'i':
			db_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'L':
			db_bind_int(st, i + 1, va_arg(ap, long long));
			break;
		case 'N':
			v = va_arg(ap, long long);
			if (v < 0)
				db_bind_null(st, i + 1);
			else
				db_bind_int(st, i + 1, v);
			break;
		default:
			diag_error("internal error: bind type '%c'", types[i]);
			return -1;
		}
	}
	return 0;
}

int
db_run(struct db *db, const char *sql, const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	int rc;

	if (st == NULL)
		return GK_SOFTWARE;
	va_start(ap, types);
	rc = vbind(st, types, ap);
	va_end(ap);
	if (rc == -1)
		return GK_SOFTWARE;
	rc = db_exec(st);
	sqlite3_clear_bindings(st->st);
	return rc;
}

int
db_query(struct db *db, struct db_stmt **out, const char *sql,
    const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	int rc;

	*out = st;
	if (st == NULL)
		return -GK_SOFTWARE;
	va_start(ap, types);
	rc = vbind(st, types, ap);
	va_end(ap);
	if (rc == -1)
		return -GK_SOFTWARE;
	if ((rc = db_step(st)) != 1)
		db_reset(st);
	return rc;
}

const char *
db_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->st, col);

	return t ? (const char *)t : "";
}

long long
db_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

int
db_isnull(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

int
db_isnum(struct db_stmt *st, int col)
{
	int t = sqlite3_column_type(st->st, col);

	return t == SQLITE_INTEGER || t == SQLITE_FLOAT;
}

double
db_real(struct db_stmt *st, int col)
{
	return sqlite3_column_double(st->st, col);
}

void
db_reset(struct db_stmt *st)
{
	if (st != NULL)
		sqlite3_reset(st->st);
}

long long
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

long long
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}
