/*
 * event.c - events and visits.
 *
 * One check serves the command line and the batch (ev_check), so that
 * a row of a file and an event given with options are held to the
 * same rules and refused with the same words.
 */
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "audit.h"
#include "batch.h"
#include "case.h"
#include "category.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "event.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "phrase.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

const char *const event_field_names[EV_NFIELDS] = {
	"grid", "category", "severity", "title", "description", "location",
	"at", "reporter", "source", "resolved", "result"
};

/* The options event_add takes its fields from, for messages. */
static const char *const event_options[EV_NFIELDS] = {
	"--grid", "--category", "--severity", "--title", "--description",
	"--location", "--at", "--reporter", "--source", "--resolved",
	"--result"
};

/* An event, checked. */
struct ev {
	char grid[16];			/* 15 digits */
	const struct category *cat;	/* its category */
	const char *severity;		/* canonical */
	const char *title;		/* what */
	const char *description;	/* or NULL */
	const char *location;		/* or NULL */
	gk_time at;			/* when it happened */
	long long reporter;		/* staff id, or 0 */
	const char *source;		/* canonical */
	const char *result;		/* resolved on the spot: the result;
					   NULL: open */
};

/* A free-text value: 0, or -1 with why. */
static int
text_ok(const char *s, size_t max, int lines, char *why, size_t n)
{
	if (strlen(s) > max) {
		snprintf(why, n, _("longer than %zu bytes"), max);
		return -1;
	}
	if (!lines && strpbrk(s, "\r\n") != NULL) {
		snprintf(why, n, _("has a line break"));
		return -1;
	}
	return 0;
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/*
 * Whether the last refusal of ev_check or visit_check was about what the
 * database holds (a grid missing or retired, a reporter not serving),
 * which is bad data (65), rather than about how a value is written,
 * which on the command line is a usage error (64).
 */
static int refused_fact;

/*
 * The grids an import has found active, so that a million events of a
 * thousand grids look each grid up once: the grids do not change while
 * the import holds the write lock.  Direct-mapped by the code; a clash
 * only costs a look-up.
 */
#define GRID_MEMO 4093		/* a prime */
struct grid_memo {
	char code[GRID_MEMO][16];	/* active grids; "" for none */
};

/* Whether grid code is active: 1 yes, 0 no (why set), -status. */
static int
grid_active(struct db *db, struct grid_memo *memo, const char *code,
    char *why, size_t n)
{
	struct grid_info gi;
	char *slot = NULL;
	int rc;

	if (memo != NULL) {
		slot = memo->code[strtoull(code, NULL, 10) % GRID_MEMO];
		if (strcmp(slot, code) == 0)
			return 1;
	}
	if ((rc = grid_lookup(db, code, &gi)) < 0)
		return rc;
	if (rc == 0 || strcmp(gi.status, "active") != 0) {
		snprintf(why, n, rc == 0 ? _("grid %s is not in the database") :
		    _("grid %s is retired"), code);
		return 0;
	}
	if (slot != NULL)
		memcpy(slot, code, 16);
	return 1;
}

/*
 * Check the fields v into e: 0; -1 with *field and why set; or
 * -1 - status on a database error.  memo: an import's grids, or NULL.
 */
static int
ev_check(struct db *db, const struct case_env *env, struct grid_memo *memo,
    const char *const v[EV_NFIELDS], struct ev *e, int *field, char *why,
    size_t n)
{
	const struct vocab_entry *ve;
	struct grid_code gc;
	char q[DIAG_QUOTE_MAX], fold[64], day[DAY_ISO_MAX];
	const char *w;
	int rc, i;

	memset(e, 0, sizeof *e);
	refused_fact = 0;
	for (i = 0; i < EV_TITLE + 1; i++)
		if (empty(v[i])) {
			*field = i;
			snprintf(why, n, _("empty; a value is required"));
			return -1;
		}
	*field = EV_GRID;
	if (code_parse_grid(util_fold_code(v[EV_GRID], fold, sizeof fold), &gc,
	    &w) == -1) {
		snprintf(why, n, "%s: %s", diag_quote(q, sizeof q,
		    v[EV_GRID]), recin_excel_damage(v[EV_GRID]) ?
		    recin_excel_damage(v[EV_GRID]) : w);
		return -1;
	}
	if ((rc = grid_active(db, memo, gc.code, why, n)) < 0)
		return -1 + rc;
	if (rc == 0) {
		refused_fact = 1;
		return -1;
	}
	snprintf(e->grid, sizeof e->grid, "%s", gc.code);
	*field = EV_CATEGORY;
	if ((e->cat = taxonomy_find(env->tax, v[EV_CATEGORY])) == NULL) {
		taxonomy_explain(env->tax, v[EV_CATEGORY], why, n);
		return -1;
	}
	*field = EV_SEVERITY;
	if ((ve = vocab_find(VOCAB_SEVERITY, v[EV_SEVERITY])) == NULL) {
		vocab_explain(VOCAB_SEVERITY, v[EV_SEVERITY], why, n);
		return -1;
	}
	e->severity = ve->name;
	for (i = EV_TITLE; i <= EV_LOCATION; i++) {
		*field = i;
		if (v[i] != NULL && text_ok(v[i], i == EV_DESCRIPTION ? 4000 :
		    200, i == EV_DESCRIPTION, why, n) == -1)
			return -1;
	}
	e->title = v[EV_TITLE];
	e->description = empty(v[EV_DESCRIPTION]) ? NULL : v[EV_DESCRIPTION];
	e->location = empty(v[EV_LOCATION]) ? NULL : v[EV_LOCATION];
	*field = EV_AT;
	e->at = clock_now();
	if (!empty(v[EV_AT])) {
		if (clock_parse(v[EV_AT], &e->at, &w) == -1) {
			snprintf(why, n, "%s: %s", diag_quote(q, sizeof q,
			    v[EV_AT]), w);
			return -1;
		}
		if (e->at > clock_now()) {
			snprintf(why, n, _("%s is in the future"), v[EV_AT]);
			return -1;
		}
	}
	*field = EV_SOURCE;
	ve = NULL;
	if (!empty(v[EV_SOURCE]) &&
	    (ve = vocab_find(VOCAB_EVENT_SOURCE, v[EV_SOURCE])) == NULL) {
		vocab_explain(VOCAB_EVENT_SOURCE, v[EV_SOURCE], why, n);
		return -1;
	}
	if (!empty(v[EV_REPORTER])) {
		*field = EV_REPORTER;
		if (util_parse_long(util_fold_code(v[EV_REPORTER], fold,
		    sizeof fold), 1, INT64_MAX, &e->reporter, &w) == -1) {
			snprintf(why, n, _("%s: not a staff id"), diag_quote(q,
			    sizeof q, v[EV_REPORTER]));
			return -1;
		}
		if (ve != NULL && ve->value != 1) {
			*field = EV_SOURCE;
			snprintf(why, n,
			    _("a reporter is grid staff: the source "
			    "is grid, not %s"), ve->name);
			return -1;
		}
		/* Art. 6: a grid member reports from the grid they serve. */
		if ((rc = staff_serves(db, e->reporter, e->grid,
		    clock_day(e->at))) < 0)
			return -1 + rc;
		if (rc == 0) {
			snprintf(why, n,
			    _("staff %lld does not serve grid %s on "
			    "%s (Art. 6: grid staff report from the grid they "
			    "serve)"), e->reporter, e->grid,
			    day_format(clock_day(e->at), day));
			refused_fact = 1;
			return -1;
		}
		e->source = "grid";
	} else {
		if (ve == NULL) {
			*field = EV_REPORTER;
			snprintf(why, n,
			    _("empty; give a reporter (a staff id) "
			    "or a source (resident, centre, department, "
			    "hotline)"));
			return -1;
		}
		if (ve->value == 1) {
			snprintf(why, n, _("source grid needs a reporter (a "
			    "staff id)"));
			return -1;
		}
		e->source = ve->name;
	}
	*field = EV_RESOLVED;
	if (!empty(v[EV_RESOLVED])) {
		if ((ve = vocab_find(VOCAB_FLAG, v[EV_RESOLVED])) == NULL) {
			vocab_explain(VOCAB_FLAG, v[EV_RESOLVED], why, n);
			return -1;
		}
		if (ve->value == 1) {
			*field = EV_RESULT;
			if (empty(v[EV_RESULT])) {
				snprintf(why, n,
				    _("empty; an event resolved on "
				    "the spot needs its result"));
				return -1;
			}
			if (text_ok(v[EV_RESULT], 2000, 1, why, n) == -1)
				return -1;
			e->result = v[EV_RESULT];
		}
	}
	return 0;
}

/*
 * What became of a run of events: n events with consecutive ids whose
 * cases have consecutive numbers and the same fate.  A batch keeps these
 * until its commit, when they are printed; events of one county and
 * year opening cases in a row make one run, so memory stays flat
 * however long the batch.
 */
struct done {
	long long event;	/* the first event's id; 0 until read
				   (done_fill) */
	long long case_id;	/* its case */
	long long n;		/* events in the run */
	int how;		/* 0 opened, 1 joined, 2 closed on the spot */
};

struct done_list {
	struct done *d;		/* in input order */
	size_t n, cap;
	long long before;	/* the last event's id before the first */
};

/* Run n events of how from case_id on, the first one event (0: not
 * read yet), after the others. */
static void
done_push(struct done_list *dl, long long event, long long case_id,
    long long n, int how)
{
	struct done *last = dl->n > 0 ? &dl->d[dl->n - 1] : NULL;

	if (last != NULL && last->how == how && how != 1 &&
	    last->case_id + last->n == case_id &&
	    ((last->event == 0 && event == 0) ||
	    (last->event != 0 && last->event + last->n == event))) {
		last->n += n;
		return;
	}
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? 2 * dl->cap : 16;
		dl->d = ereallocarray(dl->d, dl->cap, sizeof *dl->d);
	}
	dl->d[dl->n].event = event;
	dl->d[dl->n].case_id = case_id;
	dl->d[dl->n].n = n;
	dl->d[dl->n++].how = how;
}

static void
done_add(struct done_list *dl, const struct done *d)
{
	done_push(dl, d->event, d->case_id, 1, d->how);
}

/* Before the first event: the id of the last event there. */
static int
done_start(struct db *db, struct done_list *dl)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT coalesce(max(id), 0) FROM events", "");
	if (rc != DB_ROW)
		return rc < 0 ? -rc : GK_SOFTWARE;
	dl->before = db_int(st, 0);
	db_reset(st);
	return GK_OK;
}

/* The next event's id after *after, read 65,536 at a time: DB_ROW with
 * *after its id, DB_DONE, or -status. */
static int
next_id(struct db_stmt *st, long long *after, int *open)
{
	int rc;

	if (*open) {
		if ((rc = db_step(st)) == DB_ROW) {
			*after = db_int(st, 0);
			return DB_ROW;
		}
		db_reset(st);
		*open = 0;
		if (rc < 0)
			return rc;
	}
	if (db_bind_int(st, 1, *after) != GK_OK)
		return -GK_SOFTWARE;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc;
	}
	*open = 1;
	*after = db_int(st, 0);
	return DB_ROW;
}

/*
 * After the last event, before the commit: the ids of the events not
 * read back yet.  Under the write lock, the events after the last one
 * there before are this batch's, in the order written: read them in
 * order, many at a time (a query for 65,536, not one an event).  Past
 * the largest id there can be, ids are chosen at random (SQLite's rule,
 * kept on PostgreSQL): each is asked for by its case, the one event a
 * case opened by this batch has.  done_push joins the ids that follow
 * one another into runs again.
 */
static int
done_fill(struct db *db, struct done_list *dl)
{
	struct done_list out = { NULL, 0, 0, dl->before };
	const struct done *d;
	struct db_stmt *st;
	long long after = dl->before, k, id = 0;
	size_t i;
	int rc = DB_ROW, open = 0, by_case = dl->before == LLONG_MAX;

	st = db_prepare(db, by_case ? "SELECT id FROM events WHERE "
	    "case_id = ?" : "SELECT id FROM events WHERE id > ? ORDER BY id "
	    "LIMIT 65536");
	if (st == NULL)
		return GK_SOFTWARE;
	for (i = 0; i < dl->n && rc == DB_ROW; i++) {
		d = &dl->d[i];
		for (k = 0; k < d->n && rc == DB_ROW; k++) {
			if (by_case && d->event != 0)
				id = d->event + k;
			else if (by_case) {
				db_bind_int(st, 1, d->case_id + k);
				if ((rc = db_step(st)) == DB_ROW)
					id = db_int(st, 0);
				db_reset(st);
			} else if ((rc = next_id(st, &after, &open)) == DB_ROW)
				id = after;
			if (rc == DB_ROW && d->event != 0 && d->event + k != id) {
				diag_error("internal error: event %lld read "
				    "back as %lld", d->event + k, id);
				rc = -GK_SOFTWARE;
			} else if (rc == DB_DONE) {
				diag_error("internal error: %s",
				    "an event written is not there");
				rc = -GK_SOFTWARE;
			}
			if (rc == DB_ROW)
				done_push(&out, id, d->case_id + k, 1, d->how);
		}
	}
	if (open)
		db_reset(st);
	if (rc != DB_ROW) {
		free(out.d);
		return -rc;
	}
	free(dl->d);
	*dl = out;
	return GK_OK;
}

/* Write a checked event: its case and its row.  0, or -status. */
static int
ev_put(struct db *db, const struct case_env *env, const struct ev *e,
    const struct event_opts *opts, struct done_list *dl)
{
	struct case_new cn;
	struct done d = { 0, 0, 1, 0 };
	char at[CLOCK_ISO_MAX], now[CLOCK_ISO_MAX], num[CASE_NUMBER_MAX];
	int rc;

	if (e->result == NULL && !opts->force_new) {
		rc = case_find_duplicate(db, env, e->grid, e->cat->id, e->at,
		    &d.case_id);
		if (rc < 0)
			return rc;
		d.how = rc == 1;
	}
	if (!d.how) {
		cn.grid = e->grid;
		cn.category = e->cat->id;
		cn.group = e->cat->group;
		cn.severity = e->severity;
		cn.title = e->title;
		cn.reported = e->at;
		cn.result = e->result;
		if ((rc = case_open(db, env, &cn, &d.case_id)) != GK_OK)
			return -rc;
		d.how = e->result != NULL ? 2 : 0;
	}
	clock_format(e->at, at);
	clock_format(clock_now(), now);
	if (d.how == 1) {
		rc = db_insert_id(db, &d.event, "INSERT INTO events (case_id, "
		    "duplicate, grid, category, severity, title, description, "
		    "location, occurred, reported, reporter, source, resolved, "
		    "result, operator) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?, ?, ?) RETURNING id", "LssssssssNsiss", d.case_id,
		    e->grid, e->cat->id, e->severity, e->title,
		    e->description, e->location, at, now, e->reporter > 0 ?
		    e->reporter : -1, e->source, e->result != NULL, e->result,
		    db_operator(db));
		if (rc != GK_OK)
			return -rc;
	} else {
		/*
		 * The first event of a new case is read back with the
		 * others at the end, under the write lock: not INSERT ...
		 * RETURNING, which SQLite 3.40 runs through a scratch table
		 * (a tenth of an import's instructions), and not a query
		 * an event (a round trip each on PostgreSQL).
		 */
		rc = db_run(db, "INSERT INTO events (case_id, duplicate, grid, "
		    "category, severity, title, description, location, "
		    "occurred, reported, reporter, source, resolved, result, "
		    "operator) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?)", "LssssssssNsiss", d.case_id, e->grid, e->cat->id,
		    e->severity, e->title, e->description, e->location, at,
		    now, e->reporter > 0 ? e->reporter : -1, e->source,
		    e->result != NULL, e->result, db_operator(db));
		if (rc != GK_OK)
			return -rc;
		/* Its id is read with the others' at the end (done_fill). */
		d.event = 0;
	}
	if (d.how == 1)
		diag_note(
		    _("event %lld: likely duplicate of open case %s (same "
		    "grid and category within %lld days): joined to it; --new "
		    "opens a case"), d.event, case_number_format(d.case_id,
		    num), config_int(env->cfg, "case.duplicate_days"));
	done_add(dl, &d);
	return 0;
}

const struct recout_col event_report_cols[] = {
	{ NC_("column", "event"), RC_INT },
	{ NC_("column", "case"), RC_STR },
	{ NC_("column", "status"), RC_STR },
};
const size_t event_report_ncols = sizeof event_report_cols /
    sizeof event_report_cols[0];

/* Print what became of each event, once committed. */
static int
done_print(const struct done_list *dl, struct recout *out, FILE *ids)
{
	static const char *const how[3] = { N_("opened"), N_("joined"),
	    N_("closed on the spot") };
	char num[CASE_NUMBER_MAX], ev[24];
	const char *v[3];
	long long k;
	size_t i;
	int rc;

	for (i = 0; i < dl->n; i++)
		for (k = 0; k < dl->d[i].n; k++) {
			case_number_format(dl->d[i].case_id + k, num);
			if (out == NULL) {
				/* A joined event opened no case to move on,
				 * and one settled on the spot is closed
				 * already: the pipe gets the cases the next
				 * step has to file. */
				if (dl->d[i].how == 0 &&
				    fprintf(ids, "%s\n", num) < 0)
					return GK_IOERR;
				continue;
			}
			snprintf(ev, sizeof ev, "%lld", dl->d[i].event + k);
			v[0] = ev;
			v[1] = num;
			v[2] = P_(how[dl->d[i].how]);
			if ((rc = recout_row(out, v)) != 0)
				return rc;
		}
	return GK_OK;
}

int
event_add(struct db *db, const struct case_env *env,
    const char *const v[EV_NFIELDS], const struct event_opts *opts,
    struct recout *out, FILE *ids)
{
	struct done_list dl = { NULL, 0, 0, 0 };
	char why[2048], num[CASE_NUMBER_MAX];
	struct ev e;
	int rc, field;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = done_start(db, &dl)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	rc = ev_check(db, env, NULL, v, &e, &field, why, sizeof why);
	if (rc < 0) {
		db_rollback(db);
		if (rc < -1)
			return -1 - rc;
		diag_error("%s: %s", event_options[field], why);
		return refused_fact ? GK_DATAERR : GK_USAGE;
	}
	if ((rc = juris_write(NULL, "grid", e.grid)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	if ((rc = ev_put(db, env, &e, opts, &dl)) < 0 ||
	    (rc = -done_fill(db, &dl)) < 0) {
		db_rollback(db);
		free(dl.d);
		return -rc;
	}
	rc = audit_commit(db, "report", case_number_format(dl.d[0].case_id,
	    num), e.title);
	if (rc == GK_OK && !db_dry_run(db))
		rc = done_print(&dl, out, ids);
	free(dl.d);
	return rc;
}

/* The import. */
struct imp {
	const struct case_env *env;	/* taxonomy, deadlines */
	const struct event_opts *opts;	/* force_new */
	struct done_list dl;		/* what each row did */
	struct recout *out;		/* or NULL */
	FILE *ids;			/* case numbers */
	struct grid_memo *memo;		/* the grids found active */
};

static int
imp_row(struct batch *b, void *arg)
{
	struct imp *im = arg;
	const char *v[EV_NFIELDS];
	char why[2048];
	struct ev e;
	int rc, field, i;

	for (i = 0; i < EV_NFIELDS; i++)
		v[i] = batch_get(b, (size_t)i);
	rc = ev_check(batch_db(b), im->env, im->memo, v, &e, &field, why,
	    sizeof why);
	if (rc < -1)
		return 1 + rc;
	if (rc == -1) {
		batch_bad(b, (size_t)field, "%s", why);
		return BATCH_BAD;
	}
	if ((rc = juris_write_row(b, "grid", e.grid)) != GK_OK)
		return -rc;
	if ((rc = ev_put(batch_db(b), im->env, &e, im->opts, &im->dl)) < 0)
		return rc;
	return BATCH_ADDED;
}

static int
imp_start(struct batch *b, void *arg)
{
	struct imp *im = arg;

	/* Each event writes its case, then the case's history, then the
	 * event: parents before children (db_hold_tables). */
	db_hold_tables(batch_db(b));
	return done_start(batch_db(b), &im->dl);
}

static int
imp_end(struct batch *b, void *arg)
{
	struct imp *im = arg;

	return done_fill(batch_db(b), &im->dl);
}

static int
imp_committed(struct batch *b, void *arg)
{
	struct imp *im = arg;

	return done_print(&im->dl, im->out, im->ids);
}

int
event_import(struct db *db, const struct case_env *env, const char *path,
    const struct recin_opts *in, const struct event_opts *opts,
    struct recout *out, FILE *ids)
{
	struct recin_field fields[EV_NFIELDS];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct imp im = { env, opts, { NULL, 0, 0, 0 }, out, ids, NULL };
	int i, rc;

#ifdef M_TRIM_THRESHOLD
	/*
	 * SQLite 3.40 runs INSERT ... RETURNING through a scratch table it
	 * allocates and frees for every row; glibc then gives the heap's top
	 * back to the kernel and takes it again each time, a third of an
	 * import's time in brk() and TLB flushes.  Keep freed memory.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
	for (i = 0; i < EV_NFIELDS; i++) {
		fields[i].name = event_field_names[i];
		fields[i].required = i <= EV_TITLE;
		fields[i].aliases = config_aliases(env->cfg,
		    event_field_names[i]);
	}
	def.verb = "import events";
	def.noun = N_("events");
	def.nothing = N_("nothing reported");
	def.fields = fields;
	def.nfields = EV_NFIELDS;
	def.start = imp_start;
	def.row = imp_row;
	def.end = imp_end;
	def.committed = imp_committed;
	bo.max_errors = opts->max_errors;
	bo.keep_going = opts->keep_going;
	bo.rejects = opts->rejects;
	im.memo = ecalloc(1, sizeof *im.memo);
	rc = batch_run(db, path, in, &def, &bo, &im, &bs);
	free(im.memo);
	free(im.dl.d);
	return rc;
}

/* Visits. */

/* Check a visit: 0, -1 with field and why, -1 - status. */
static int
visit_check(struct db *db, const char *const v[VI_NFIELDS], long long *staff,
    char grid[16], char day[DAY_ISO_MAX], long long *households, int *field,
    char *why, size_t n)
{
	struct grid_code gc;
	char q[DIAG_QUOTE_MAX], fold[64];
	const char *w;
	gk_day d;
	int rc, i;

	refused_fact = 0;
	for (i = 0; i < 3; i++)
		if (empty(v[i])) {
			*field = i;
			snprintf(why, n, _("empty; a value is required"));
			return -1;
		}
	*field = VI_STAFF;
	if (util_parse_long(util_fold_code(v[VI_STAFF], fold, sizeof fold), 1,
	    INT64_MAX, staff, &w) == -1) {
		snprintf(why, n,
		    _("%s: not a staff id"), diag_quote(q, sizeof q,
		    v[VI_STAFF]));
		return -1;
	}
	*field = VI_GRID;
	if (code_parse_grid(util_fold_code(v[VI_GRID], fold, sizeof fold), &gc,
	    &w) == -1) {
		snprintf(why, n, "%s: %s", diag_quote(q, sizeof q, v[VI_GRID]),
		    w);
		return -1;
	}
	snprintf(grid, 16, "%s", gc.code);
	*field = VI_DATE;
	if (day_parse(v[VI_DATE], &d, &w) == -1) {
		snprintf(why, n, "%s: %s", diag_quote(q, sizeof q, v[VI_DATE]),
		    w);
		return -1;
	}
	if (d > clock_today()) {
		snprintf(why, n, _("%s is in the future"), v[VI_DATE]);
		return -1;
	}
	day_format(d, day);
	*field = VI_HOUSEHOLDS;
	*households = -1;
	if (!empty(v[VI_HOUSEHOLDS]) && util_parse_long(util_fold_code(
	    v[VI_HOUSEHOLDS], fold, sizeof fold), 0, 100000, households,
	    &w) == -1) {
		snprintf(why, n, _("%s: households %s"), diag_quote(q, sizeof q,
		    v[VI_HOUSEHOLDS]), w);
		return -1;
	}
	*field = VI_NOTES;
	if (!empty(v[VI_NOTES]) && text_ok(v[VI_NOTES], 2000, 1, why, n) == -1)
		return -1;
	*field = VI_STAFF;
	if ((rc = staff_serves(db, *staff, grid, d)) < 0)
		return -1 + rc;
	if (rc == 0) {
		snprintf(why, n, _("staff %lld does not serve grid %s on %s "
		    "(Art. 6: grid staff patrol the grid they serve)"), *staff,
		    grid, day);
		refused_fact = 1;
		return -1;
	}
	return 0;
}

/* Insert a checked visit: 1 added, 0 there already, -status. */
static int
visit_put(struct db *db, long long staff, const char *grid, const char *day,
    long long households, const char *notes)
{
	int rc;

	rc = db_run(db, "INSERT INTO visits (staff, grid, day, households, "
	    "notes, operator) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
	    "LssNss", staff, grid, day, households, empty(notes) ? NULL :
	    notes, db_operator(db));
	if (rc != GK_OK)
		return -rc;
	return db_changes(db) > 0;
}

int
visit_add(struct db *db, const char *const v[VI_NFIELDS])
{
	static const char *const opt[VI_NFIELDS] = { "--staff", "--grid",
	    "--date", "--households", "--notes" };
	char grid[16], day[DAY_ISO_MAX], why[1024], subj[64];
	struct sb said = SB_INIT;
	long long staff, households;
	int rc, field;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	rc = visit_check(db, v, &staff, grid, day, &households, &field, why,
	    sizeof why);
	if (rc < 0) {
		db_rollback(db);
		if (rc < -1)
			return -1 - rc;
		diag_error("%s: %s", opt[field], why);
		return refused_fact ? GK_DATAERR : GK_USAGE;
	}
	if ((rc = juris_write(NULL, "grid", grid)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	if ((rc = visit_put(db, staff, grid, day, households,
	    v[VI_NOTES])) < 0) {
		db_rollback(db);
		return -rc;
	}
	if (rc == 0) {
		db_rollback(db);
		diag_info(
		    _("staff %lld: the visit of grid %s on %s is recorded "
		    "already"), staff, grid, day);
		return GK_OK;
	}
	snprintf(subj, sizeof subj, "staff %lld", staff);
	phrase_add(&said, PHRASE_VISIT, grid, day);
	rc = audit_commit(db, "visit", subj, said.buf);
	sb_release(&said);
	return rc;
}

static int
visit_row(struct batch *b, void *arg)
{
	const char *v[VI_NFIELDS];
	char grid[16], day[DAY_ISO_MAX], why[1024];
	long long staff, households;
	int rc, field, i;

	for (i = 0; i < VI_NFIELDS; i++)
		v[i] = batch_get(b, (size_t)i);
	rc = visit_check(batch_db(b), v, &staff, grid, day, &households,
	    &field, why, sizeof why);
	if (rc < -1)
		return 1 + rc;
	if (rc == -1) {
		batch_bad(b, (size_t)field, "%s", why);
		return BATCH_BAD;
	}
	if ((rc = juris_write_row(b, "grid", grid)) != GK_OK)
		return -rc;
	if ((rc = visit_put(batch_db(b), staff, grid, day, households,
	    v[VI_NOTES])) < 0)
		return rc;
	return rc ? BATCH_ADDED : BATCH_UNCHANGED;
}

int
visit_import(struct db *db, const struct case_env *env, const char *path,
    const struct recin_opts *in, long long max_errors)
{
	static const char *const names[VI_NFIELDS] = { "staff", "grid",
	    "date", "households", "notes" };
	struct recin_field fields[VI_NFIELDS];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	int i;

	for (i = 0; i < VI_NFIELDS; i++) {
		fields[i].name = names[i];
		fields[i].required = i < 3;
		fields[i].aliases = config_aliases(env->cfg, names[i]);
	}
	def.verb = "import visits";
	def.noun = N_("visits");
	def.nothing = N_("nothing recorded");
	def.all_there = N_("visits are recorded");
	def.fields = fields;
	def.nfields = VI_NFIELDS;
	def.row = visit_row;
	bo.max_errors = max_errors;
	return batch_run(db, path, in, &def, &bo, NULL, &bs);
}

/* Listings. */

const struct recout_col event_list_cols[] = {
	{ NC_("column", "event"), RC_INT },
	{ NC_("column", "case"), RC_STR },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "category"), RC_STR },
	{ NC_("column", "severity"), RC_STR, "severity" },
	{ NC_("column", "occurred"), RC_STR },
	{ NC_("column", "reporter"), RC_STR },
	{ NC_("column", "source"), RC_STR, "event_source" },
	{ NC_("column", "resolved"), RC_BOOL, "flag" },
	{ NC_("column", "duplicate"), RC_BOOL, "flag" },
	{ NC_("column", "title"), RC_STR },
	{ NC_("column", "location"), RC_STR },
	{ NC_("column", "description"), RC_STR },
};
const size_t event_list_ncols = sizeof event_list_cols /
    sizeof event_list_cols[0];

const struct recout_col visit_list_cols[] = {
	{ NC_("column", "visit"), RC_INT },
	{ NC_("column", "staff"), RC_INT },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "date"), RC_STR },
	{ NC_("column", "households"), RC_INT },
	{ NC_("column", "notes"), RC_STR },
};
const size_t visit_list_ncols = sizeof visit_list_cols /
    sizeof visit_list_cols[0];

/* The bounds of a filter's dates as times. */
static void
bounds(const struct event_filter *f, char lo[CLOCK_ISO_MAX],
    char hi[CLOCK_ISO_MAX])
{
	const char *why;
	gk_day d;

	snprintf(lo, CLOCK_ISO_MAX, "%s", "");
	snprintf(hi, CLOCK_ISO_MAX, "%s", "~");
	if (f->from != NULL && day_parse(f->from, &d, &why) == 0)
		clock_format(clock_midnight(d), lo);
	if (f->to != NULL && day_parse(f->to, &d, &why) == 0)
		clock_format(clock_midnight(d + 1) - 1, hi);
}

int
event_list(struct db *db, const struct event_filter *f, int reveal,
    struct recout *out)
{
	char lo[CLOCK_ISO_MAX], hi[CLOCK_ISO_MAX], num[CASE_NUMBER_MAX];
	char ev[24], rep[24];
	struct sb title = SB_INIT, loc = SB_INIT, desc = SB_INIT;
	const struct category *c;
	const char *v[13], *cat = f->category ? f->category : "";
	struct db_stmt *st;
	int rc;

	if (reveal && (rc = audit_reveal(db, phrase_format(PHRASE_SUBJ_EVENTS,
	    1), phrase_format(PHRASE_REVEAL_LISTED, 1))) != GK_OK)
		return rc;
	bounds(f, lo, hi);
	st = db_prepare(db, "SELECT id, case_id, grid, category, severity, "
	    "occurred, reporter, source, resolved, duplicate, title, location, "
	    "description FROM events WHERE grid BETWEEN ?1 AND ?2 AND occurred BETWEEN ?3 "
	    "AND ?4 AND (?5 = '' OR category = ?5 OR substr(category, 1, "
	    "length(?5) + 1) = ?5 || '.') AND (?6 = 0 OR reporter = ?6) "
	    "ORDER BY id");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, f->lo ? f->lo : "");
	db_bind_text(st, 2, f->hi ? f->hi : "~");
	db_bind_text(st, 3, lo);
	db_bind_text(st, 4, hi);
	db_bind_text(st, 5, cat);
	db_bind_int(st, 6, f->reporter);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(ev, sizeof ev, "%lld", db_int(st, 0));
		snprintf(rep, sizeof rep, "%s", db_text(st, 6));
		sb_reset(&title);
		sb_reset(&loc);
		sb_reset(&desc);
		if (reveal) {
			sb_adds(&title, db_text(st, 10));
			sb_adds(&loc, db_text(st, 11));
			sb_adds(&desc, db_text(st, 12));
		} else {
			batch_mask(&title, db_text(st, 10), 0);
			batch_mask(&loc, db_text(st, 11), 0);
			batch_mask(&desc, db_text(st, 12), 0);
		}
		v[0] = ev;
		v[1] = case_number_format(db_int(st, 1), num);
		v[2] = db_text(st, 2);
		/* A category by its name for people, as case-route
		 * lists it; its id for scripts. */
		v[3] = db_text(st, 3);
		if (i18n_records() && f->tax != NULL &&
		    (c = taxonomy_find(f->tax, v[3])) != NULL)
			v[3] = c->name;
		v[4] = db_text(st, 4);
		v[5] = db_text(st, 5);
		v[6] = db_isnull(st, 6) ? NULL : rep;
		v[7] = db_text(st, 7);
		v[8] = db_int(st, 8) ? "1" : "0";
		v[9] = db_int(st, 9) ? "1" : "0";
		v[10] = title.buf;
		v[11] = db_isnull(st, 11) ? NULL : loc.buf;
		v[12] = db_isnull(st, 12) ? NULL : desc.buf;
		if ((rc = recout_row(out, v)) != 0) {
			rc = -rc;
			break;
		}
	}
	db_reset(st);
	sb_release(&title);
	sb_release(&loc);
	sb_release(&desc);
	return rc < 0 ? -rc : GK_OK;
}

int
visit_list(struct db *db, const struct event_filter *f, struct recout *out)
{
	char vi[24], staff[24], hh[24], lo[DAY_ISO_MAX], hi[DAY_ISO_MAX];
	struct sb notes = SB_INIT;
	const char *v[6];
	struct db_stmt *st;
	int rc;

	snprintf(lo, sizeof lo, "%s", f->from ? f->from : "");
	snprintf(hi, sizeof hi, "%s", f->to ? f->to : "~");
	st = db_prepare(db, "SELECT id, staff, grid, day, households, notes "
	    "FROM visits WHERE grid BETWEEN ? AND ? AND day BETWEEN ? AND ? "
	    "AND (?5 = 0 OR staff = ?5) ORDER BY day, grid, staff");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, f->lo ? f->lo : "");
	db_bind_text(st, 2, f->hi ? f->hi : "~");
	db_bind_text(st, 3, lo);
	db_bind_text(st, 4, hi);
	db_bind_int(st, 5, f->reporter);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(vi, sizeof vi, "%lld", db_int(st, 0));
		snprintf(staff, sizeof staff, "%lld", db_int(st, 1));
		snprintf(hh, sizeof hh, "%lld", db_int(st, 4));
		sb_reset(&notes);
		batch_mask(&notes, db_text(st, 5), 0);
		v[0] = vi;
		v[1] = staff;
		v[2] = db_text(st, 2);
		v[3] = db_text(st, 3);
		v[4] = db_isnull(st, 4) ? NULL : hh;
		v[5] = db_isnull(st, 5) ? NULL : notes.buf;
		if ((rc = recout_row(out, v)) != 0) {
			rc = -rc;
			break;
		}
	}
	db_reset(st);
	sb_release(&notes);
	return rc < 0 ? -rc : GK_OK;
}
