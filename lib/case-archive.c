/*
 * case-archive.c - the archive chain of the case history (Art. 13(4)):
 * every history row hashed as it is written, the chain verified, and
 * closed cases exported with their hashes for offline verification.
 * Part of the case module (case.h): the only SQL on case_history
 * outside case.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "audit.h"
#include "case.h"
#include "chain.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"

void
case_history_encode(struct sb *enc, const struct case_history_row *r)
{
	chain_add_int(enc, r->case_id);
	chain_add_text(enc, r->at);
	chain_add_text(enc, r->action);
	chain_add_int(enc, r->step);
	chain_add_int(enc, r->level);
	chain_add_text(enc, r->area);
	chain_add_text(enc, r->dept);
	chain_add_text(enc, r->card);
	chain_add_text(enc, r->note);
	chain_add_text(enc, r->due);
	chain_add_text(enc, r->operator_name);
}

int
case_history_insert(struct db *db, const struct case_history_row *r)
{
	char hash[CHAIN_HEX];
	struct sb enc = SB_INIT;
	int rc;

	/* After the last row by the primary key: one seek, whatever the
	 * size of the table. */
	case_history_encode(&enc, r);
	rc = chain_next(db, "SELECT chain FROM case_history ORDER BY id "
	    "DESC LIMIT 1", &enc, hash);
	sb_release(&enc);
	if (rc != GK_OK)
		return rc;
	return db_run(db, "INSERT INTO case_history (case_id, at, action, "
	    "step, level, area, dept, card, note, due, operator, chain) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "Lssiisssssss",
	    r->case_id, r->at, r->action, r->step, r->level, r->area, r->dept,
	    r->card, r->note, r->due, r->operator_name, hash);
}

/* The columns of a history row as the statements below read them,
 * from column 0 on: id, case_id, at, action, step, level, area, dept,
 * card, note, due, operator, chain. */
#define HISTORY_COLS "h.id, h.case_id, h.at, h.action, h.step, h.level, " \
	"h.area, h.dept, h.card, h.note, h.due, h.operator, h.chain"

static const char *
col(struct db_stmt *st, int i)
{
	return db_isnull(st, i) ? NULL : db_text(st, i);
}

static void
history_row(struct db_stmt *st, struct case_history_row *r)
{
	r->case_id = db_int(st, 1);
	r->at = col(st, 2);
	r->action = col(st, 3);
	r->step = (int)db_int(st, 4);
	r->level = (int)db_int(st, 5);
	r->area = col(st, 6);
	r->dept = col(st, 7);
	r->card = col(st, 8);
	r->note = col(st, 9);
	r->due = col(st, 10);
	r->operator_name = col(st, 11);
}

int
case_verify(struct db *db)
{
	char prev[CHAIN_HEX], hash[CHAIN_HEX], num[CASE_NUMBER_MAX];
	struct case_history_row r;
	struct sb enc = SB_INIT;
	struct db_stmt *st;
	unsigned long long n = 0, na = 0;
	int rc, rc2, started = 0, bad = 0;

	if ((rc = db_begin_read(db)) != GK_OK)
		return rc;
	st = db_prepare(db, "SELECT " HISTORY_COLS " FROM case_history h "
	    "ORDER BY h.id");
	if (st == NULL) {
		db_rollback(db);
		return GK_SOFTWARE;
	}
	snprintf(prev, sizeof prev, "%s", chain_genesis);
	while ((rc = db_step(st)) == DB_ROW) {
		/* Rows written before the chain began (schema 8) have none;
		 * from the first hash on, every row has one. */
		if (!started && db_isnull(st, 12))
			continue;
		started = 1;
		n++;
		history_row(st, &r);
		sb_reset(&enc);
		case_history_encode(&enc, &r);
		if ((rc = chain_hash(prev, enc.buf, enc.len, hash)) != GK_OK) {
			rc = -rc;
			break;
		}
		if (db_isnull(st, 12) || strcmp(db_text(st, 12), hash) != 0) {
			diag_error(_("case history row %lld (case %s, %s at "
			    "%s): %s: the row was altered, inserted, or a row "
			    "before it deleted (Art. 13(4))"), db_int(st, 0),
			    case_number_format(r.case_id, num),
			    r.action ? r.action : "", r.at ? r.at : "",
			    db_isnull(st, 12) ? _("no hash") :
			    _("hash does not match"));
			bad = 1;
			break;
		}
		snprintf(prev, sizeof prev, "%s", db_text(st, 12));
	}
	db_reset(st);
	sb_release(&enc);
	if (rc < 0) {
		db_rollback(db);
		return -rc;
	}
	rc2 = audit_verify(db, &na);
	db_rollback(db);
	diag_info(_("%llu case history rows and %llu audit rows verified"),
	    n, na);
	if (bad)
		return rc2 == GK_OK ? GK_FINDINGS : rc2;
	return rc2;
}

/* Open the archive's output: path 0600 whatever the umask, or stdout. */
static FILE *
open_out(const char *path)
{
	FILE *fp;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || fchmod(fd, 0600) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		diag_error(_("%s: cannot create: %s"), path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	return fp;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* Write one line and add it to the file's digest: 0, or -1. */
static int
put_line(FILE *fp, struct chain_sum *sum, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	size_t n;
	int rc = 0;

	json_decref(o);
	if (s == NULL)
		return -1;
	n = strlen(s);
	if (fwrite(s, 1, n, fp) != n || putc('\n', fp) == EOF)
		rc = -1;
	chain_sum_add(sum, s, n);
	chain_sum_add(sum, "\n", 1);
	free(s);
	return rc;
}

/* The history of case id, each row with the hash of the row before it
 * in the whole chain, as a JSON array; *rows counts them.  NULL after
 * reporting. */
static json_t *
case_rows(struct db *db, long long id, unsigned long long *rows)
{
	struct db_stmt *st;
	json_t *a = json_array(), *h;
	int rc;

	st = db_prepare(db, "SELECT " HISTORY_COLS ", (SELECT p.chain FROM "
	    "case_history p WHERE p.id < h.id ORDER BY p.id DESC LIMIT 1) "
	    "FROM case_history h WHERE h.case_id = ? ORDER BY h.id");
	if (st == NULL) {
		json_decref(a);
		return NULL;
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		h = json_object();
		json_object_set_new(h, "id", json_integer(db_int(st, 0)));
		json_object_set_new(h, "case_id", json_integer(db_int(st, 1)));
		json_object_set_new(h, "at", jstr(col(st, 2)));
		json_object_set_new(h, "action", jstr(col(st, 3)));
		json_object_set_new(h, "step", json_integer(db_int(st, 4)));
		json_object_set_new(h, "level", json_integer(db_int(st, 5)));
		json_object_set_new(h, "area", jstr(col(st, 6)));
		json_object_set_new(h, "dept", jstr(col(st, 7)));
		json_object_set_new(h, "card", jstr(col(st, 8)));
		json_object_set_new(h, "note", jstr(col(st, 9)));
		json_object_set_new(h, "due", jstr(col(st, 10)));
		json_object_set_new(h, "operator", jstr(col(st, 11)));
		json_object_set_new(h, "prev", jstr(col(st, 13) ? col(st, 13) :
		    chain_genesis));
		json_object_set_new(h, "chain", jstr(col(st, 12)));
		json_array_append_new(a, h);
		(*rows)++;
	}
	db_reset(st);
	if (rc < 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

int
case_archive(struct db *db, const struct case_archive_opts *o)
{
	char num[CASE_NUMBER_MAX], now[CLOCK_ISO_MAX], hash[CHAIN_HEX];
	unsigned long long ncases = 0, nrows = 0;
	struct chain_sum *sum;
	struct db_stmt *st;
	json_t *c, *h, *t;
	FILE *fp;
	int rc = GK_OK, more;

	if ((sum = chain_sum_new()) == NULL)
		return GK_UNAVAILABLE;
	if ((fp = open_out(o->path)) == NULL) {
		chain_sum_end(sum, hash);
		return GK_CANTCREAT;
	}
	if ((rc = db_begin_read(db)) != GK_OK)
		goto cleanup;
	st = db_prepare(db, "SELECT id, grid, category, severity, title, "
	    "status, reported, closed, result, satisfaction, on_spot, cards "
	    "FROM cases WHERE status = 'closed' "
	    "AND (?1 IS NULL OR substr(closed, 1, 10) >= ?1) "
	    "AND (?2 IS NULL OR substr(closed, 1, 10) <= ?2) "
	    "AND (?3 IS NULL OR substr(grid, 1, length(?3)) = ?3) "
	    "ORDER BY id");
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto cleanup;
	}
	if (o->from != NULL)
		db_bind_text(st, 1, o->from);
	if (o->to != NULL)
		db_bind_text(st, 2, o->to);
	if (o->township != NULL)
		db_bind_text(st, 3, o->township);
	while ((more = db_step(st)) == DB_ROW) {
		if ((h = case_rows(db, db_int(st, 0), &nrows)) == NULL) {
			more = -GK_SOFTWARE;
			break;
		}
		c = json_object();
		json_object_set_new(c, "case", json_string(
		    case_number_format(db_int(st, 0), num)));
		json_object_set_new(c, "id", json_integer(db_int(st, 0)));
		json_object_set_new(c, "grid", jstr(col(st, 1)));
		json_object_set_new(c, "category", jstr(col(st, 2)));
		json_object_set_new(c, "severity", jstr(col(st, 3)));
		json_object_set_new(c, "title", jstr(col(st, 4)));
		json_object_set_new(c, "status", jstr(col(st, 5)));
		json_object_set_new(c, "reported", jstr(col(st, 6)));
		json_object_set_new(c, "closed", jstr(col(st, 7)));
		json_object_set_new(c, "result", jstr(col(st, 8)));
		json_object_set_new(c, "satisfaction", jstr(col(st, 9)));
		json_object_set_new(c, "on_spot", json_boolean(db_int(st,
		    10)));
		json_object_set_new(c, "cards", json_integer(db_int(st, 11)));
		json_object_set_new(c, "history", h);
		if (put_line(fp, sum, c) == -1) {
			more = -GK_IOERR;
			break;
		}
		ncases++;
	}
	db_reset(st);
	db_rollback(db);
	if (more < 0) {
		rc = -more;
		goto cleanup;
	}
	/* The last line: what the file holds and the SM3 of every byte
	 * before it, so that a changed byte anywhere is found. */
	clock_format(clock_now(), now);
	t = json_object();
	json_object_set_new(t, "created", json_string(now));
	json_object_set_new(t, "from", jstr(o->from));
	json_object_set_new(t, "to", jstr(o->to));
	json_object_set_new(t, "township", jstr(o->township));
	json_object_set_new(t, "cases", json_integer((json_int_t)ncases));
	json_object_set_new(t, "rows", json_integer((json_int_t)nrows));
	rc = chain_sum_end(sum, hash);
	sum = NULL;
	if (rc != GK_OK) {
		json_decref(t);
		goto cleanup;
	}
	json_object_set_new(t, "sm3", json_string(hash));
	c = json_object();
	json_object_set_new(c, "archive", t);
	if ((sum = chain_sum_new()) == NULL) {
		json_decref(c);
		rc = GK_UNAVAILABLE;
		goto cleanup;
	}
	if (put_line(fp, sum, c) == -1)
		rc = GK_IOERR;
	diag_info(_("archived %llu closed cases, %llu history rows"), ncases,
	    nrows);
cleanup:
	if (sum != NULL)
		chain_sum_end(sum, hash);
	if (fp != stdout) {
		if (fclose(fp) == EOF && rc == GK_OK)
			rc = GK_IOERR;
		if (rc == GK_IOERR)
			diag_error(_("%s: cannot write: %s"), o->path,
			    strerror(errno));
		if (rc != GK_OK)
			unlink(o->path);
	} else if (fflush(fp) == EOF && rc == GK_OK)
		rc = GK_IOERR;
	return rc;
}

/* A row of an archive file, for the links between rows. */
struct link {
	long long id;			/* history row id */
	char prev[CHAIN_HEX];		/* the hash before it */
	char chain[CHAIN_HEX];		/* its own */
	unsigned long line;		/* where */
};

static int
link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The text of member k of o, or NULL (absent, null or not text). */
static const char *
jtext(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Check one case line: 0, or -1 with why set. */
static int
check_case(json_t *c, struct link **links, size_t *n, size_t *cap,
    unsigned long line, unsigned long long *rows, char *why, size_t whyn)
{
	char hash[CHAIN_HEX], num[CASE_NUMBER_MAX];
	struct case_history_row r;
	struct sb enc = SB_INIT;
	json_t *h, *e;
	const char *prev, *chain;
	size_t i;

	h = json_object_get(c, "history");
	if (!json_is_array(h) || !json_is_integer(json_object_get(c, "id"))) {
		snprintf(why, whyn, "%s", _("not a case of an archive"));
		return -1;
	}
	case_number_format(json_integer_value(json_object_get(c, "id")), num);
	json_array_foreach(h, i, e) {
		r.case_id = json_integer_value(json_object_get(e, "case_id"));
		r.at = jtext(e, "at");
		r.action = jtext(e, "action");
		r.step = (int)json_integer_value(json_object_get(e, "step"));
		r.level = (int)json_integer_value(json_object_get(e, "level"));
		r.area = jtext(e, "area");
		r.dept = jtext(e, "dept");
		r.card = jtext(e, "card");
		r.note = jtext(e, "note");
		r.due = jtext(e, "due");
		r.operator_name = jtext(e, "operator");
		prev = jtext(e, "prev");
		chain = jtext(e, "chain");
		sb_reset(&enc);
		case_history_encode(&enc, &r);
		if (prev == NULL || chain == NULL || !chain_is_hash(prev) ||
		    chain_hash(prev, enc.buf, enc.len, hash) != GK_OK ||
		    strcmp(hash, chain) != 0 ||
		    r.case_id != json_integer_value(json_object_get(c, "id"))) {
			snprintf(why, whyn, _("case %s, history row %lld: hash "
			    "does not match"), num, (long long)
			    json_integer_value(json_object_get(e, "id")));
			sb_release(&enc);
			return -1;
		}
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 256;
			*links = ereallocarray(*links, *cap, sizeof **links);
		}
		(*links)[*n].id = json_integer_value(json_object_get(e, "id"));
		snprintf((*links)[*n].prev, CHAIN_HEX, "%s", prev);
		snprintf((*links)[*n].chain, CHAIN_HEX, "%s", chain);
		(*links)[*n].line = line;
		(*n)++;
		(*rows)++;
	}
	sb_release(&enc);
	return 0;
}

int
case_verify_file(const char *path)
{
	char why[512], hash[CHAIN_HEX];
	struct link *links = NULL;
	size_t n = 0, cap = 0, i, len = 0;
	unsigned long long rows = 0, cases = 0;
	unsigned long line = 0, bad = 0;
	struct chain_sum *sum;
	json_error_t err;
	json_t *o, *t = NULL;
	char *buf = NULL;
	ssize_t got;
	FILE *fp;
	int rc = GK_OK;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_error(_("%s: cannot open: %s"), path, strerror(errno));
		return GK_NOINPUT;
	}
	if ((sum = chain_sum_new()) == NULL) {
		fclose(fp);
		return GK_UNAVAILABLE;
	}
	while (!bad && (got = getline(&buf, &len, fp)) != -1) {
		line++;
		if (t != NULL) {
			snprintf(why, sizeof why, "%s", _("a line after the "
			    "archive's summary line"));
			bad = line;
			break;
		}
		o = json_loadb(buf, (size_t)got, 0, &err);
		if (o == NULL) {
			snprintf(why, sizeof why, _("not JSON: %s"), err.text);
			bad = line;
			break;
		}
		if ((t = json_object_get(o, "archive")) != NULL) {
			json_incref(t);
			json_decref(o);
			continue;
		}
		chain_sum_add(sum, buf, (size_t)got);
		if (check_case(o, &links, &n, &cap, line, &rows, why,
		    sizeof why) == -1)
			bad = line;
		cases++;
		json_decref(o);
	}
	if (ferror(fp)) {
		diag_error(_("%s: cannot read: %s"), path, strerror(errno));
		rc = GK_IOERR;
	}
	fclose(fp);
	free(buf);
	if (chain_sum_end(sum, hash) != GK_OK && rc == GK_OK)
		rc = GK_SOFTWARE;
	if (!bad && rc == GK_OK) {
		if (t == NULL) {
			snprintf(why, sizeof why, "%s", _("no summary line at "
			    "the end: the file is cut short"));
			bad = line + 1;
		} else if (jtext(t, "sm3") == NULL ||
		    strcmp(jtext(t, "sm3"), hash) != 0 ||
		    json_integer_value(json_object_get(t, "rows")) !=
		    (json_int_t)rows ||
		    json_integer_value(json_object_get(t, "cases")) !=
		    (json_int_t)cases) {
			snprintf(why, sizeof why, "%s", _("the summary's SM3 or "
			    "counts do not match the lines before it: the file "
			    "was changed"));
			bad = line;
		}
	}
	/* Rows next to each other in the chain, both in the file: the
	 * later one's prev is the earlier one's hash. */
	if (!bad && rc == GK_OK && n > 1) {
		qsort(links, n, sizeof *links, link_cmp);
		for (i = 1; i < n && !bad; i++)
			if (links[i].id == links[i - 1].id + 1 &&
			    strcmp(links[i].prev, links[i - 1].chain) != 0) {
				snprintf(why, sizeof why, _("history row %lld "
				    "does not follow row %lld of line %lu in "
				    "the chain"), links[i].id, links[i - 1].id,
				    links[i - 1].line);
				bad = links[i].line;
			}
	}
	free(links);
	json_decref(t);
	if (rc != GK_OK)
		return rc;
	if (bad) {
		diag_error("%s:%lu: %s", path, bad, why);
		return GK_FINDINGS;
	}
	diag_info(_("%s: %llu cases, %llu history rows verified"), path, cases,
	    rows);
	return GK_OK;
}
