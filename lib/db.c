/*
 * db.c - the only door to the database: SQLite here, PostgreSQL through
 * db-pg.c when the name is a connection string.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db-int.h"
#include "db-pg.h"
#include "diag.h"
#include "i18n.h"
#include "schema.h"
#include "status.h"
#include "util.h"

/* "GRID": marks a file as a gridkit database (PRAGMA application_id). */
#define DB_APPLICATION_ID 0x47524944

/* The default busy budget of a connection, in milliseconds. */
#define DB_BUSY_MS 5000

/* The budget of connections opened from now on (--wait). */
static int default_busy_ms = DB_BUSY_MS;

/* What a schema check reads from a file. */
struct db_state {
	long long appid;		/* PRAGMA application_id */
	long long version;		/* PRAGMA user_version */
	long long tables;		/* rows of sqlite_master */
};

int
db_is_server(const char *name)
{
	return pg_is_conninfo(name);
}

char *
db_display_name(const char *name)
{
	return pg_is_conninfo(name) ? pg_masked(name) : estrdup(name);
}

int
db_exists(const char *name)
{
	struct stat sb;

	if (pg_is_conninfo(name))
		return pg_exists(name);
	return !(stat(name, &sb) == -1 && errno == ENOENT);
}

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
			diag_error(_("cannot create directory \"%s\" for the "
			    "database: %s"), p, strerror(errno));
			rc = GK_CANTCREAT;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/*
 * Report an SQLite failure and map it to a status.  what says what was
 * being done; sql is the statement, or NULL.  Anything that is not the
 * database's state or the machine's is a bug: "internal error", with
 * the SQL and SQLite's words, so the exit 70 can be traced.
 */
static int
db_fail(struct db *db, int code, const char *what, const char *sql)
{
	const char *msg = db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(code);

	what = _(what);
	switch (code & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		diag_error(_("%s: database is busy (another program is writing "
		    "to it); try again"), db->path);
		return GK_TEMPFAIL;
	case SQLITE_CONSTRAINT:
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_DATAERR;
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
		/* The file is damaged or cannot be read: what SQLite said,
		 * not a guess that the file is someone else's. */
		diag_error("%s: %s: %s", db->path, what, msg);
		return GK_IOERR;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		diag_error(_("%s: %s: %s (is the file or its directory "
		    "read-only?)"), db->path, what, msg);
		return GK_UNAVAILABLE;
	case SQLITE_NOTADB:
		diag_error(_("%s: not a gridkit database (%s)"), db->path, msg);
		return GK_UNAVAILABLE;
	default:
		if (sql != NULL)
			diag_error("%s: internal error: %s: \"%s\": %s",
			    db->path, what, sql, msg);
		else
			diag_error("%s: internal error: %s: %s", db->path,
			    what, msg);
		return GK_SOFTWARE;
	}
}

static int
exec_sql(struct db *db, const char *sql, const char *what)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? GK_OK : db_fail(db, rc, what, sql);
}

/* Microseconds on a clock that does not jump. */
long long
db_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * The busy handler: wait a little and try again while the connection's
 * budget lasts.  The budget is spent across statements, so a command
 * behind a writer that keeps taking the lock gives up after the budget
 * in all, not after the budget for each statement.  The steps are short
 * (SQLite's own handler sleeps up to 100 ms) so that a lock released
 * between another program's transactions is seen soon.
 */
static int
busy_wait(void *arg, int n)
{
	static const int step_us[] = { 1000, 2000, 2000, 5000, 5000, 10000 };
	struct db *db = arg;
	long long left = db->busy_budget - db->busy_spent, want, t0;
	struct timespec ts;

	if (left <= 0)
		return 0;
	want = step_us[n < 6 ? n : 5];
	if (want > left)
		want = left;
	ts.tv_sec = want / 1000000;
	ts.tv_nsec = (want % 1000000) * 1000;
	t0 = db_now_us();
	nanosleep(&ts, NULL);
	db->busy_spent += db_now_us() - t0;
	return 1;
}

/*
 * Put the file in WAL mode (a no-op when it is).  Leaving a rollback
 * journal needs the file to itself, and SQLite gives up at once, not
 * through the busy handler, when another program holds it at the same
 * moment: so try again here, from the same budget.
 */
static int
set_wal(struct db *db)
{
	static const char sql[] = "PRAGMA journal_mode = WAL";
	int rc, n = 0;

	while ((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) == SQLITE_BUSY
	    && busy_wait(db, n++))
		;
	return rc == SQLITE_OK ? GK_OK :
	    db_fail(db, rc, N_("cannot set the journal mode"), sql);
}

/* Read what the schema checks need, in one statement: one snapshot,
 * never half before and half after another program's upgrade. */
static int
read_state(struct db *db, struct db_state *s)
{
	static const char sql[] = "SELECT (SELECT application_id FROM "
	    "pragma_application_id), (SELECT user_version FROM "
	    "pragma_user_version), (SELECT count(*) FROM sqlite_master)";
	sqlite3_stmt *st;
	int rc, status = GK_OK;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, N_("cannot read the database"), sql);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->appid = sqlite3_column_int64(st, 0);
		s->version = sqlite3_column_int64(st, 1);
		s->tables = sqlite3_column_int64(st, 2);
	} else
		status = db_fail(db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc,
		    "cannot read the database", sql);
	sqlite3_finalize(st);
	return status;
}

/* Refuse a file of another program or of a newer gridkit. */
static int
check_state(struct db *db, const struct db_state *s)
{
	if (s->appid != DB_APPLICATION_ID && (s->appid != 0 || s->tables > 0)) {
		diag_error(_("%s: not a gridkit database (an SQLite database "
		    "of another program)"), db->path);
		return GK_UNAVAILABLE;
	}
	/* A version below 0, or 0 with gridkit's tables in the file, was
	 * set by hand: migrating from it would run nothing, or run again
	 * what is there. */
	return db_judge_version(db, s->version, s->version < 0 ||
	    (s->version == 0 && s->appid == DB_APPLICATION_ID &&
	    s->tables > 0));
}

int
db_judge_version(const struct db *db, long long version, int damaged)
{
	if (damaged) {
		diag_error(_("%s: the database is damaged: schema version "
		    "%lld (changed outside gridkit?); restore a backup"),
		    db->path, version);
		return GK_IOERR;
	}
	if (version > (long long)schema_nmigrations) {
		diag_error(_("%s: database schema version %lld is newer than "
		    "this gridkit knows (%zu); upgrade gridkit"), db->path,
		    version, schema_nmigrations);
		return GK_UNAVAILABLE;
	}
	return GK_OK;
}

/* Report every row PRAGMA foreign_key_check gives (up to a few);
 * GK_OK when there are none. */
static int
check_foreign_keys(struct db *db)
{
	static const char sql[] = "PRAGMA foreign_key_check";
	sqlite3_stmt *st;
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, N_("cannot check foreign keys"), sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ < 5)
			diag_error(_("%s: after the upgrade, row %lld of table "
			    "%s refers to a missing row of %s"), db->path,
			    (long long)sqlite3_column_int64(st, 1),
			    (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 2));
	}
	if (rc != SQLITE_DONE)
		n = -db_fail(db, rc, N_("cannot check foreign keys"), sql);
	sqlite3_finalize(st);
	if (n < 0)
		return -n;
	if (n > 0) {
		diag_error(ngettext("%s: %d broken foreign key; the upgrade "
		    "is rolled back and the database left as it was",
		    "%s: %d broken foreign keys; the upgrade is rolled back "
		    "and the database left as it was", (unsigned long)n),
		    db->path, n);
		return GK_UNAVAILABLE;
	}
	return GK_OK;
}

/* Apply migrations have+1 .. last inside the caller's transaction. */
static int
migrate(struct db *db, long long have)
{
	const struct schema_migration *m;
	const char *const *s;
	char sql[64];
	size_t v;
	int rc;

	for (v = (size_t)have; v < schema_nmigrations; v++) {
		m = &schema_migrations[v];
		for (s = m->sql; *s != NULL; s++)
			if ((rc = exec_sql(db, *s,
			    N_("cannot apply the schema"))) != GK_OK)
				return rc;
		if (m->data != NULL && (rc = m->data(db)) != GK_OK)
			return rc;
	}
	if ((rc = db_run(db, "UPDATE gridkit_meta SET value = ? "
	    "WHERE key = 'schema_version'", "L",
	    (long long)schema_nmigrations)) != GK_OK)
		return rc;
	if ((rc = check_foreign_keys(db)) != GK_OK)
		return rc;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    DB_APPLICATION_ID);
	if ((rc = exec_sql(db, sql, N_("cannot mark the database"))) !=
	    GK_OK)
		return rc;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %zu",
	    schema_nmigrations);
	return exec_sql(db, sql, N_("cannot mark the database"));
}

/*
 * Bring a writer's database up to date.  The state read before is only
 * a hint: under the write lock it is read again, so that of several
 * programs opening one old (or new) database at once, one migrates and
 * the others find it done.
 */
static int
upgrade(struct db *db)
{
	struct db_state s;
	int rc;

	/* Foreign keys off while migrating (outside the transaction: the
	 * pragma does nothing inside one), so that a migration may rebuild
	 * a table that others refer to (create, copy, drop, rename);
	 * migrate() checks them all at the end, and db_open turns them on
	 * after. */
	if ((rc = exec_sql(db, "PRAGMA foreign_keys = OFF",
	    N_("cannot configure"))) != GK_OK)
		return rc;
	if ((rc = exec_sql(db, "BEGIN IMMEDIATE", N_("cannot lock the "
	    "database"))) != GK_OK)
		return rc;
	if ((rc = read_state(db, &s)) != GK_OK ||
	    (rc = check_state(db, &s)) != GK_OK)
		goto fail;
	if (s.version == (long long)schema_nmigrations) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return GK_OK;
	}
	if ((rc = migrate(db, s.version)) != GK_OK)
		goto fail;
	if ((rc = exec_sql(db, "COMMIT", N_("cannot apply the schema"))) !=
	    GK_OK)
		goto fail;
	if (s.version > 0)
		diag_info(_("%s: schema upgraded from version %lld to %zu"),
		    db->path, s.version, schema_nmigrations);
	return GK_OK;
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* The marker and the version in gridkit_meta must agree with the
 * pragmas (from schema version 3 on). */
static int
check_meta(struct db *db, long long version)
{
	struct db_stmt *st;
	char want[32];
	int rc, app = 0, ver = 0;

	rc = db_query(db, &st, "SELECT key, value FROM gridkit_meta WHERE key "
	    "IN ('application', 'schema_version')", "");
	snprintf(want, sizeof want, "%lld", version);
	for (; rc == DB_ROW; rc = db_step(st)) {
		if (strcmp(db_text(st, 0), "application") == 0)
			app = strcmp(db_text(st, 1), "gridkit") == 0;
		else
			ver = strcmp(db_text(st, 1), want) == 0;
	}
	db_reset(st);
	if (rc < 0)
		return -rc;
	if (!app || !ver) {
		diag_error(_("%s: not a gridkit database (table gridkit_meta "
		    "does not say gridkit schema version %lld)"), db->path,
		    version);
		return GK_UNAVAILABLE;
	}
	return GK_OK;
}

/* Every table of the schema is there: a table dropped with the sqlite3
 * shell is a damaged database, said at once, not an internal error in
 * the middle of a command. */
static int
check_tables(struct db *db)
{
	struct db_stmt *st;
	const char *const *t;
	unsigned long long seen = 0;
	size_t n = 0, i;
	int rc;

	/* One look at the schema for all of them: this runs at every
	 * start of every command. */
	for (t = schema_tables; *t != NULL; t++)
		n++;
	if (n > 64) {
		diag_error("%s: internal error: more than 64 tables to check",
		    db->path);
		return GK_SOFTWARE;
	}
	rc = db_query(db, &st, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table'", "");
	for (; rc == DB_ROW; rc = db_step(st))
		for (i = 0; i < n; i++)
			if (strcmp(db_text(st, 0), schema_tables[i]) == 0)
				seen |= 1ULL << i;
	if (rc < 0)
		return -rc;
	db_reset(st);
	for (i = 0; i < n; i++)
		if (!(seen & 1ULL << i)) {
			diag_error(_("%s: the database is damaged: table %s is "
			    "missing (changed outside gridkit?); restore a "
			    "backup"), db->path, schema_tables[i]);
			return GK_IOERR;
		}
	return GK_OK;
}

/* Refuse files that are not ours; a writer migrates, a reader only
 * checks. */
static int
check_schema(struct db *db)
{
	struct db_state s;
	int rc;

	if ((rc = read_state(db, &s)) != GK_OK ||
	    (rc = check_state(db, &s)) != GK_OK)
		return rc;
	if (s.version == 0 && s.tables == 0) {
		/* An empty file: a database only once something is written. */
		if (db->mode != DB_WRITE) {
			diag_error(_("%s: no database here yet (the file is "
			    "empty); a command that writes creates one"),
			    db->path);
			return GK_UNAVAILABLE;
		}
		/* Whoever made the empty file, the database is 0600. */
		if (strcmp(db->path, ":memory:") != 0 &&
		    chmod(db->path, 0600) == -1)
			diag_warn(_("%s: cannot make it private (mode "
			    "0600): %s"),
			    db->path, strerror(errno));
	}
	if (s.version < (long long)schema_nmigrations) {
		if (db->mode == DB_READ) {
			diag_error(_("%s: database schema version %lld found; "
			    "this gridkit needs version %zu; a command that "
			    "writes upgrades it"), db->path, s.version,
			    schema_nmigrations);
			return GK_UNAVAILABLE;
		}
		/* WAL before the upgrade, so that readers of a database
		 * being upgraded do not wait. */
		if ((rc = set_wal(db)) != GK_OK)
			return rc;
		if ((rc = upgrade(db)) != GK_OK)
			return rc;
		s.version = (long long)schema_nmigrations;
	}
	if ((rc = check_meta(db, s.version)) != GK_OK)
		return rc;
	return check_tables(db);
}

int
db_open(struct db **out, const char *path, enum db_mode mode)
{
	struct db *db;
	struct stat sb;
	int fd, rc, flags = SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	/* Each program is one thread: no mutexes, no memory statistics.
	 * (Only possible before SQLite initialises; later calls fail
	 * harmlessly.) */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* A path is a file name, never a URI (Debian's SQLite takes
	 * "file:..." as one unless told not to). */
	sqlite3_config(SQLITE_CONFIG_URI, 0);
	db = ecalloc(1, sizeof *db);
	db->mode = mode;
	db->busy_budget = (long long)default_busy_ms * 1000;
	db->program = estrdup("gridkit");
	db->operator_name = estrdup("unknown");
	if (pg_is_conninfo(path)) {
		/* Messages name it without its password. */
		db->path = pg_masked(path);
		if ((rc = pg_open(db, path)) != GK_OK)
			goto fail;
		*out = db;
		return GK_OK;
	}
	db->path = estrdup(path);

	if (strcmp(path, ":memory:") == 0) {
		/* A database that lives and dies with the process. */
		if (mode == DB_READ)
			db->mode = mode = DB_WRITE;
	} else if (stat(path, &sb) == -1) {
		if (errno != ENOENT) {
			diag_error("%s: %s", path, strerror(errno));
			rc = GK_UNAVAILABLE;
			goto fail;
		}
		if (mode != DB_WRITE) {
			diag_error(_("%s: no database here yet; a command that "
			    "writes creates one"), path);
			rc = GK_UNAVAILABLE;
			goto fail;
		}
		if ((rc = make_parents(path)) != GK_OK)
			goto fail;
		/* Create the file ourselves so it is 0600 whatever the umask;
		 * SQLite gives its journal files the same mode. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST) {
			diag_error(_("cannot create database \"%s\": %s"), path,
			    strerror(errno));
			rc = GK_CANTCREAT;
			goto fail;
		}
		if (fd != -1)
			close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		diag_error(_("%s: is a directory, not a database file"), path);
		rc = GK_UNAVAILABLE;
		goto fail;
	} else {
		/* Personal data (Art. 20): a file others may read, or one
		 * somebody else made, is said, not silently adopted. */
		if ((sb.st_mode & 0077) != 0)
			diag_warn(_("%s: others may read this database of "
			    "personal data (mode %04o); chmod 600 it"), path,
			    (unsigned)(sb.st_mode & 07777));
		if (sb.st_uid != geteuid())
			diag_warn(_("%s: the database belongs to another user "
			    "(uid %lu)"), path, (unsigned long)sb.st_uid);
	}

	flags |= mode == DB_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc, N_("cannot open the database"), NULL);
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 0);
	sqlite3_busy_handler(db->h, busy_wait, db);
	if ((rc = check_schema(db)) != GK_OK)
		goto fail;
	/* A reader needs none of this: WAL is a property of the file, set
	 * by the first writer, and the rest concerns writes.  Skipping it
	 * keeps the start of a read (cron, pipelines) short. */
	if (mode == DB_READ) {
		*out = db;
		return GK_OK;
	}
	if ((rc = set_wal(db)) != GK_OK)
		goto fail;
	if ((rc = exec_sql(db, "PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON", N_("cannot configure"))) != GK_OK)
		goto fail;
	/* A bigger page cache keeps a large import's index pages in memory
	 * (16 MiB: well inside the 64 MiB a program may use). */
	if ((rc = exec_sql(db, "PRAGMA cache_size = -16384",
	    N_("cannot configure"))) != GK_OK)
		goto fail;
	*out = db;
	return GK_OK;
fail:
	db_close(db);
	return rc;
}

static void forget(struct db *db);

void
db_close(struct db *db)
{
	struct db_stmt *s, *next;
	size_t b;

	if (db == NULL)
		return;
	for (b = 0; b < DB_NBUCKETS; b++)
		for (s = db->stmts[b]; s != NULL; s = next) {
			next = s->next;
			if (s->pst != NULL)
				pg_finalize(s);
			else
				sqlite3_finalize(s->st);
			free(s->sql);
			free(s);
		}
	if (db->h != NULL) {
		if (db->in_tx)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(db->h);
	}
	if (db->pg != NULL) {
		if (db->in_tx)
			pg_simple(db, "ROLLBACK", N_("cannot roll back"));
		pg_close(db);
	}
	forget(db);
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
db_set_default_busy_timeout(int ms)
{
	default_busy_ms = ms > 0 ? ms : 0;
}

void
db_set_busy_timeout(struct db *db, int ms)
{
	db->busy_budget = ms > 0 ? (long long)ms * 1000 : 0;
	db->busy_spent = 0;
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

/* Forget what the transaction remembered. */
static void
forget(struct db *db)
{
	struct db_memo *m, *next;

	int i;

	for (m = db->memo; m != NULL; m = next) {
		next = m->next;
		for (i = 0; i < m->nargs; i++)
			free(m->args[i]);
		free(m->key);
		free(m->value);
		free(m);
	}
	db->memo = NULL;
	db->hold_tables = 0;
}

void
db_hold_tables(struct db *db)
{
	if (db->in_tx && db->mode != DB_READ)
		db->hold_tables = 1;
}

/* The memo of key, made when missing. */
static struct db_memo *
memo_of(struct db *db, const char *key)
{
	struct db_memo *m;

	for (m = db->memo; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	m = ecalloc(1, sizeof *m);
	m->key = estrdup(key);
	m->next = db->memo;
	db->memo = m;
	return m;
}

int
db_tx_defer(struct db *db, const char *key, const char *sql,
    const char *types, ...)
{
	struct db_memo *m;
	const char *t;
	va_list ap;
	int i, n = (int)strlen(types);

	if (!db->in_tx || db->mode == DB_READ || n > DB_DEFER_MAX ||
	    strspn(types, "sL") != (size_t)n) {
		diag_error("%s: internal error: \"%s\" deferred as \"%s\" "
		    "outside a write transaction or with bad letters",
		    db->path, sql, types);
		return GK_SOFTWARE;
	}
	m = memo_of(db, key);
	for (i = 0; i < m->nargs; i++)
		free(m->args[i]);
	m->sql = sql;
	m->nargs = n;
	va_start(ap, types);
	for (i = 0; i < n; i++) {
		m->isint[i] = types[i] == 'L';
		if (m->isint[i]) {
			m->ints[i] = va_arg(ap, long long);
			m->args[i] = NULL;
		} else {
			t = va_arg(ap, const char *);
			m->args[i] = t != NULL ? estrdup(t) : NULL;
		}
	}
	va_end(ap);
	return GK_OK;
}

/* Run the statements deferred to the commit, the first deferred first. */
static int
run_deferred(struct db *db)
{
	struct db_memo *m, *order[64];
	struct db_stmt *st;
	int n = 0, i, j, rc = GK_OK;

	for (m = db->memo; m != NULL; m = m->next)
		if (m->sql != NULL) {
			if (n == 64) {
				diag_error("%s: internal error: more than 64 "
				    "statements deferred", db->path);
				return GK_SOFTWARE;
			}
			order[n++] = m;
		}
	for (i = n - 1; i >= 0 && rc == GK_OK; i--) {
		m = order[i];
		if ((st = db_prepare(db, m->sql)) == NULL)
			return GK_SOFTWARE;
		for (j = 0; j < m->nargs && rc == GK_OK; j++)
			rc = m->isint[j] ? db_bind_int(st, j + 1, m->ints[j]) :
			    db_bind_text(st, j + 1, m->args[j]);
		if (rc == GK_OK)
			rc = db_exec(st);
		else
			db_reset(st);
	}
	return rc;
}

const char *
db_tx_recall(struct db *db, const char *key)
{
	struct db_memo *m;

	if (!db->in_tx || db->mode == DB_READ)
		return NULL;
	for (m = db->memo; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m->value;
	return NULL;
}

void
db_tx_remember(struct db *db, const char *key, const char *value)
{
	struct db_memo *m;

	if (!db->in_tx || db->mode == DB_READ)
		return;
	m = memo_of(db, key);
	free(m->value);
	m->value = estrdup(value);
}

int
db_begin(struct db *db)
{
	int rc = db->pg ? pg_begin(db, 1) : exec_sql(db, "BEGIN IMMEDIATE",
	    N_("cannot start a transaction"));

	if (rc == GK_OK)
		db->in_tx = 1;
	return rc;
}

int
db_begin_read(struct db *db)
{
	int rc = db->pg ? pg_begin(db, 0) : exec_sql(db, "BEGIN",
	    N_("cannot start a transaction"));

	if (rc == GK_OK)
		db->in_tx = 1;
	return rc;
}

int
db_commit(struct db *db)
{
	int rc;

	rc = run_deferred(db);
	if (db->dry_run) {
		/* What a real run would meet, a dry run meets too. */
		if (rc == GK_OK)
			rc = db_flush(db);
		db_rollback(db);
		if (rc == GK_OK)
			diag_info(_("dry run: nothing written"));
		return rc;
	}
	if (rc == GK_OK)
		rc = db->pg ? pg_simple(db, "COMMIT", N_("cannot commit")) :
		    exec_sql(db, "COMMIT", N_("cannot commit"));
	if (rc != GK_OK)
		db_rollback(db);
	else {
		db->in_tx = 0;
		forget(db);
	}
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
	if (db->in_tx && db->pg != NULL)
		pg_simple(db, "ROLLBACK", N_("cannot roll back"));
	else if (db->in_tx)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
	forget(db);
}

/* FNV-1a: the statement cache's hash of an SQL text. */
static unsigned long
sql_hash(const char *sql)
{
	unsigned long h = 2166136261UL;

	for (; *sql != '\0'; sql++)
		h = ((h ^ (unsigned char)*sql) * 16777619UL) & 0xffffffffUL;
	return h;
}

/* A cached statement, ready to bind, and the guess for next time. */
static struct db_stmt *
ready(struct db_stmt *s, struct db_stmt **hint, const char *sql)
{
	if (s->pst != NULL) {
		pg_reset(s);
		pg_clear(s);
	} else {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
	}
	s->bad_bind = 0;
	s->asked = sql;
	*hint = s;
	return s;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql)
{
	struct db_stmt **hint = &db->hints[((uintptr_t)sql >> 3) % DB_NHINTS];
	unsigned long h;
	struct db_stmt *s, **bucket, **prev;
	const char *tail;
	int rc;

	/* The same text at the same place: the key is still the text. */
	if ((s = *hint) != NULL && s->asked == sql && strcmp(s->sql, sql) == 0)
		return ready(s, hint, sql);
	h = sql_hash(sql);
	bucket = &db->stmts[h % DB_NBUCKETS];
	for (prev = bucket; (s = *prev) != NULL; prev = &s->next)
		if (s->hash == h && strcmp(s->sql, sql) == 0) {
			/* To the front of its chain: hot statements stay
			 * near. */
			*prev = s->next;
			s->next = *bucket;
			*bucket = s;
			return ready(s, hint, sql);
		}
	s = ecalloc(1, sizeof *s);
	if (db->pg != NULL) {
		/* Translated now, prepared on the server at its first run. */
		s->sql = estrdup(sql);
		s->hash = h;
		s->db = db;
		pg_prepare(s);
		goto cached;
	}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->st, &tail);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, N_("cannot prepare"), sql);
		free(s);
		return NULL;
	}
	tail += strspn(tail, " \t\n;");
	if (s->st == NULL || *tail != '\0') {
		diag_error("%s: internal error: not one statement: \"%s\"",
		    db->path, sql);
		sqlite3_finalize(s->st);
		free(s);
		return NULL;
	}
	s->sql = estrdup(sql);
	s->hash = h;
	s->db = db;
cached:
	s->next = *bucket;
	*bucket = s;
	s->asked = sql;
	*hint = s;
	return s;
}

/* Check a bind's result: GK_OK, or GK_SOFTWARE after reporting, with
 * the statement marked so that it does not run. */
static int
bound(struct db_stmt *st, int i, int rc)
{
	if (rc == SQLITE_OK)
		return GK_OK;
	st->bad_bind = 1;
	diag_error("%s: internal error: cannot bind parameter %d of \"%s\": "
	    "%s", st->db->path, i, st->sql, st->pst != NULL ?
	    "no such parameter" : sqlite3_errstr(rc));
	return GK_SOFTWARE;
}

int
db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (st->pst != NULL)
		return bound(st, i, pg_bind(st, i, s, 0) == GK_OK ? SQLITE_OK :
		    SQLITE_RANGE);
	if (s == NULL)
		return bound(st, i, sqlite3_bind_null(st->st, i));
	return bound(st, i, sqlite3_bind_text(st->st, i, s, -1,
	    SQLITE_TRANSIENT));
}

int
db_bind_int(struct db_stmt *st, int i, long long v)
{
	char buf[24];

	if (st->pst != NULL) {
		snprintf(buf, sizeof buf, "%lld", v);
		return bound(st, i, pg_bind(st, i, buf, 1) == GK_OK ?
		    SQLITE_OK : SQLITE_RANGE);
	}
	return bound(st, i, sqlite3_bind_int64(st->st, i, v));
}

int
db_bind_null(struct db_stmt *st, int i)
{
	if (st->pst != NULL)
		return db_bind_text(st, i, NULL);
	return bound(st, i, sqlite3_bind_null(st->st, i));
}

int
db_step(struct db_stmt *st)
{
	int rc;

	if (st->bad_bind) {
		diag_error("%s: internal error: \"%s\" not run: a value could "
		    "not be bound", st->db->path, st->sql);
		db_reset(st);
		return -GK_SOFTWARE;
	}
	if (st->pst != NULL)
		return pg_step(st);
	rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	/* sqlite3_reset returns the error again, with its message. */
	rc = db_fail(st->db, sqlite3_reset(st->st), N_("database error"),
	    st->sql);
	return -rc;
}

int
db_exec(struct db_stmt *st)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW)
		;
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

/* vbind for PostgreSQL: the same letters, through the binds. */
static int
pg_vbind(struct db_stmt *st, const char *types, va_list ap)
{
	const char *t;
	long long v;
	int i, rc = GK_OK;

	for (i = 0; types[i] != '\0' && rc == GK_OK; i++) {
		switch (types[i]) {
		case 's':
			t = va_arg(ap, const char *);
			rc = db_bind_text(st, i + 1, t);
			break;
		case 'i':
			rc = db_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'L':
			rc = db_bind_int(st, i + 1, va_arg(ap, long long));
			break;
		case 'N':
			v = va_arg(ap, long long);
			rc = v < 0 ? db_bind_null(st, i + 1) :
			    db_bind_int(st, i + 1, v);
			break;
		default:
			diag_error("%s: internal error: bind type '%c' for "
			    "\"%s\"", st->db->path, types[i], st->sql);
			return GK_SOFTWARE;
		}
	}
	return rc;
}

/* Forget a statement's values. */
static void
clear_bindings(struct db_stmt *st)
{
	if (st->pst != NULL)
		pg_clear(st);
	else
		sqlite3_clear_bindings(st->st);
}

/* Bind one argument per letter of types (see db_run); GK_OK, or
 * GK_SOFTWARE after reporting a letter count that is not the
 * statement's parameter count, a bad letter or a failed bind. */
static int
vbind(struct db_stmt *st, const char *types, va_list ap)
{
	const char *t;
	long long v;
	int i, n = (int)strlen(types), want;

	want = st->pst != NULL ? pg_nparams(st) :
	    sqlite3_bind_parameter_count(st->st);
	if (n != want) {
		diag_error("%s: internal error: %d value%s (\"%s\") for %d "
		    "parameter%s in \"%s\"", st->db->path, n, n == 1 ? "" : "s",
		    types, want, want == 1 ? "" : "s", st->sql);
		return GK_SOFTWARE;
	}
	if (st->pst != NULL)
		return pg_vbind(st, types, ap);
	for (i = 0; i < n; i++) {
		switch (types[i]) {
		case 's':
			/* The caller's strings outlive the statement's use:
			 * no copy needed. */
			t = va_arg(ap, const char *);
			if (t == NULL)
				v = sqlite3_bind_null(st->st, i + 1);
			else
				v = sqlite3_bind_text(st->st, i + 1, t, -1,
				    SQLITE_STATIC);
			break;
		case 'i':
			v = sqlite3_bind_int64(st->st, i + 1, va_arg(ap, int));
			break;
		case 'L':
			v = sqlite3_bind_int64(st->st, i + 1,
			    va_arg(ap, long long));
			break;
		case 'N':
			v = va_arg(ap, long long);
			if (v < 0)
				v = sqlite3_bind_null(st->st, i + 1);
			else
				v = sqlite3_bind_int64(st->st, i + 1, v);
			break;
		default:
			diag_error("%s: internal error: bind type '%c' for "
			    "\"%s\"", st->db->path, types[i], st->sql);
			return GK_SOFTWARE;
		}
		if (bound(st, i + 1, (int)v) != GK_OK)
			return GK_SOFTWARE;
	}
	return GK_OK;
}

/* db_run and db_run_tally: in a write transaction on PostgreSQL the
 * statement is sent without waiting (pipelined); else run now. */
static int
vrun(struct db *db, long long *tally, const char *sql, const char *types,
    va_list ap)
{
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (st == NULL)
		return GK_SOFTWARE;
	if ((rc = vbind(st, types, ap)) != GK_OK) {
		clear_bindings(st);
		return rc;
	}
	if (st->pst != NULL && db->in_tx && db->mode != DB_READ)
		rc = pg_send(st, tally);
	else {
		rc = db_exec(st);
		if (rc == GK_OK && tally != NULL)
			*tally += db_changes(db);
	}
	clear_bindings(st);
	return rc;
}

int
db_run(struct db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vrun(db, NULL, sql, types, ap);
	va_end(ap);
	return rc;
}

int
db_run_tally(struct db *db, long long *tally, const char *sql,
    const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vrun(db, tally, sql, types, ap);
	va_end(ap);
	return rc;
}

int
db_flush(struct db *db)
{
	return db->pg != NULL ? pg_flush(db) : GK_OK;
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
	if (rc != GK_OK) {
		clear_bindings(st);
		return -rc;
	}
	if ((rc = db_step(st)) != DB_ROW)
		db_reset(st);
	return rc;
}

int
db_insert_id(struct db *db, long long *id, const char *sql,
    const char *types, ...)
{
	struct db_stmt *st = db_prepare(db, sql);
	va_list ap;
	int rc;

	*id = 0;
	if (st == NULL)
		return GK_SOFTWARE;
	if (st->pst == NULL && sqlite3_column_count(st->st) != 1) {
		diag_error("%s: internal error: \"%s\" does not end in "
		    "RETURNING id", db->path, sql);
		return GK_SOFTWARE;
	}
	va_start(ap, types);
	rc = vbind(st, types, ap);
	va_end(ap);
	if (rc != GK_OK)
		goto done;
	rc = db_step(st);
	if (st->pst != NULL && rc >= 0 && pg_ncols(st) != 1) {
		diag_error("%s: internal error: \"%s\" does not end in "
		    "RETURNING id", db->path, sql);
		rc = -GK_SOFTWARE;
	}
	if (rc == DB_ROW) {
		*id = db_int(st, 0);
		rc = db_step(st);
		if (rc == DB_ROW) {
			diag_error("%s: internal error: \"%s\" inserted more "
			    "than one row", db->path, sql);
			rc = -GK_SOFTWARE;
		}
	}
	rc = rc < 0 ? -rc : GK_OK;
done:
	db_reset(st);
	clear_bindings(st);
	return rc;
}

const char *
db_text(struct db_stmt *st, int col)
{
	const unsigned char *t;

	if (st->pst != NULL)
		return pg_text(st, col);
	t = sqlite3_column_text(st->st, col);

	return t ? (const char *)t : "";
}

long long
db_int(struct db_stmt *st, int col)
{
	if (st->pst != NULL)
		return pg_int(st, col);
	return sqlite3_column_int64(st->st, col);
}

int
db_isnull(struct db_stmt *st, int col)
{
	if (st->pst != NULL)
		return pg_isnull(st, col);
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

int
db_isnum(struct db_stmt *st, int col)
{
	int t;

	if (st->pst != NULL)
		return pg_isnum(st, col);
	t = sqlite3_column_type(st->st, col);

	return t == SQLITE_INTEGER || t == SQLITE_FLOAT;
}

double
db_real(struct db_stmt *st, int col)
{
	if (st->pst != NULL)
		return pg_real(st, col);
	return sqlite3_column_double(st->st, col);
}

void
db_reset(struct db_stmt *st)
{
	if (st != NULL && st->pst != NULL)
		pg_reset(st);
	else if (st != NULL)
		sqlite3_reset(st->st);
}

int
db_backup(struct db *db, const char *path)
{
	char *tmp = NULL;
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	int fd, rc = GK_OK, src;

	if (db->pg != NULL) {
		diag_error(_("%s: a PostgreSQL database is backed up with "
		    "pg_dump, not by gridkit"), db->path);
		return GK_UNAVAILABLE;
	}
	if (access(path, F_OK) == 0) {
		diag_error(_("%s: already exists; a backup never overwrites "
		    "a file"), path);
		return GK_CANTCREAT;
	}
	if (db->dry_run)
		return GK_OK;
	if ((fd = util_tmp_beside(path, &tmp)) == -1) {
		diag_error(_("cannot create %s: %s"), path, strerror(errno));
		return GK_CANTCREAT;
	}
	close(fd);
	if ((src = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE,
	    NULL)) != SQLITE_OK) {
		diag_error(_("cannot create %s: %s"), path,
		    sqlite3_errstr(src));
		rc = GK_CANTCREAT;
		goto done;
	}
	/* The whole database in one step: one read transaction, so one
	 * snapshot, however long it takes. */
	b = sqlite3_backup_init(dst, "main", db->h, "main");
	if (b == NULL) {
		diag_error(_("cannot back up to %s: %s"), path,
		    sqlite3_errmsg(dst));
		rc = GK_IOERR;
		goto done;
	}
	src = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (src != SQLITE_DONE) {
		rc = src == SQLITE_BUSY || src == SQLITE_LOCKED ? GK_TEMPFAIL :
		    GK_IOERR;
		diag_error(_("cannot back up to %s: %s"), path,
		    sqlite3_errstr(src));
		goto done;
	}
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		diag_error(_("%s: the copy does not check out: %s"), path,
		    st ? (const char *)sqlite3_column_text(st, 0) :
		    sqlite3_errmsg(dst));
		rc = GK_IOERR;
		goto done;
	}
done:
	sqlite3_finalize(st);
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && rc == GK_OK) {
		diag_error(_("cannot back up to %s: %s"), path,
		    sqlite3_errmsg(dst));
		rc = GK_IOERR;
	}
	/* Complete and checked: now it may have its name, if nobody took
	 * the name meanwhile. */
	if (rc == GK_OK && link(tmp, path) == -1) {
		diag_error(_("cannot create %s: %s"), path, strerror(errno));
		rc = GK_CANTCREAT;
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

long long
db_changes(struct db *db)
{
	if (db->pg != NULL)
		return pg_changes(db);
	return sqlite3_changes64(db->h);
}
