/*
 * case.c - cases, their moves, deadlines and the cron escalation.
 *
 * A case row carries what the cron job and the listings need without a
 * join: its step, level, handling area, due time and light inputs.  The
 * history keeps every move; nothing is ever deleted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "batch.h"
#include "calendar.h"
#include "case.h"
#include "category.h"
#include "cli.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "deadline.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "phrase.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

#define SEQ_MOD 10000000LL		/* 7 digits of sequence */
#define YEAR_MOD 10000LL		/* 4 digits of year */

char *
case_number_format(long long id, char buf[CASE_NUMBER_MAX])
{
	long long seq = id % SEQ_MOD, year = id / SEQ_MOD % YEAR_MOD;

	snprintf(buf, CASE_NUMBER_MAX, "%06lld-%04lld-%07lld",
	    id / SEQ_MOD / YEAR_MOD, year, seq);
	return buf;
}

int
case_number_parse(const char *s, long long *id)
{
	char d[18];
	size_t i, j = 0;
	const char *why;
	long long v;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-' && (i == 6 || i == 11) && j == (i == 6 ? 6 :
		    10))
			continue;
		if (s[i] < '0' || s[i] > '9' || j == 17)
			return -1;
		d[j++] = s[i];
	}
	d[j] = '\0';
	if (j != 17 || util_parse_long(d, 1, INT64_MAX, &v, &why) == -1)
		return -1;
	if (v % SEQ_MOD == 0 || v / SEQ_MOD % YEAR_MOD == 0)
		return -1;
	*id = v;
	return 0;
}

int
case_env_load(struct case_env *env, const struct config *cfg,
    struct calendar *cal, const char *categories, const char *deadlines)
{
	struct taxonomy *t = NULL;
	struct deadlines *d = NULL;
	int rc;

	env->cfg = cfg;
	env->cal = cal;
	env->tax = NULL;
	env->dl = NULL;
	rc = taxonomy_load(&t, categories);
	if (deadline_load(&d, deadlines) != GK_OK)
		rc = GK_CONFIG;
	if (rc != GK_OK) {
		taxonomy_free(t);
		deadline_free(d);
		return GK_CONFIG;
	}
	env->tax = t;
	env->dl = d;
	return GK_OK;
}

void
case_env_release(struct case_env *env)
{
	taxonomy_free((struct taxonomy *)env->tax);
	deadline_free((struct deadlines *)env->dl);
	env->tax = NULL;
	env->dl = NULL;
}

/* The names of levels, 1 to 3, and of a department (4). */
static const char *
level_name(int level)
{
	const struct vocab_entry *e;
	size_t i;

	for (i = 0; (e = vocab_entry(VOCAB_HANDLING_LEVEL, i)) != NULL; i++)
		if (e->value == level)
			return e->name;
	return "unknown";
}

static const char *
step_name(int step)
{
	const struct vocab_entry *e = vocab_entry(VOCAB_CASE_STEP,
	    (size_t)(step - 1));

	return e != NULL ? e->name : "unknown";
}

static const char *
step_zh(int step)
{
	const struct vocab_entry *e = vocab_entry(VOCAB_CASE_STEP,
	    (size_t)(step - 1));

	return e != NULL ? e->zh : "";
}

/* The step as a message names it: "filed (案卷建立)", or in Chinese
 * "案卷建立".  Returns buf. */
static char *
step_say(int step, char *buf, size_t n)
{
	if (i18n_lang() == I18N_ZH)
		snprintf(buf, n, "%s", step_zh(step));
	else
		snprintf(buf, n, "%s (%s)", step_name(step), step_zh(step));
	return buf;
}

/* The 12-digit code of the centre of a grid at level 1 to 3. */
static void
area_of(const char *grid, int level, char area[13])
{
	static const int digits[] = { 12, 12, 9, 6 };
	int n = digits[level < 1 || level > 3 ? 0 : level];

	memcpy(area, grid, (size_t)n);
	memset(area + n, '0', (size_t)(12 - n));
	area[12] = '\0';
}

/* The significant digits of a handling area, for messages. */
static char *
area_short(const char *area, int level, char buf[13])
{
	return code_short(area, level == 1 ? AREA_VILLAGE : level == 2 ?
	    AREA_TOWNSHIP : AREA_COUNTY, buf);
}

/* A case as a move sees it. */
struct kase {
	long long id;			/* the case number */
	char grid[16];			/* its grid */
	char category[128];		/* canonical id */
	char severity[16];		/* canonical */
	char status[12];		/* open, closed, refused */
	int step;			/* 1-6 */
	int level;			/* 1-3 */
	char area[13];			/* the centre handling it */
	char dept[64];			/* a department, or "" */
	char assignee[80];		/* "staff 12", "centre ...", "" */
	char step_since[CLOCK_ISO_MAX];	/* when it reached its step */
	char due[CLOCK_ISO_MAX];	/* due time, or "" */
	char limit[16];			/* "3d", "4h", or "" */
	char escalate_at[CLOCK_ISO_MAX];/* or "" */
	int stint;			/* moves so far */
	int cards;			/* cards so far */
	char card[8];			/* the last card, or "" */
};

static void
copy(char *dst, size_t n, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;

	/* Not snprintf: the cron job copies a dozen fields a case, and
	 * snprintf was an eighth of its instructions. */
	if (len >= n)
		len = n - 1;
	memcpy(dst, s != NULL ? s : "", len);
	dst[len] = '\0';
}

/* The columns of a case as kase_read reads them. */
#define KASE_COLS "id, grid, category, severity, status, step, level, " \
	"area, dept, assignee, step_since, due, limit_text, escalate_at, " \
	"stint, cards, card"

/* The case on the current row of st (KASE_COLS) into k. */
static void
kase_read(struct db_stmt *st, struct kase *k)
{
	memset(k, 0, sizeof *k);
	k->id = db_int(st, 0);
	copy(k->grid, sizeof k->grid, db_text(st, 1));
	copy(k->category, sizeof k->category, db_text(st, 2));
	copy(k->severity, sizeof k->severity, db_text(st, 3));
	copy(k->status, sizeof k->status, db_text(st, 4));
	k->step = (int)db_int(st, 5);
	k->level = (int)db_int(st, 6);
	copy(k->area, sizeof k->area, db_text(st, 7));
	copy(k->dept, sizeof k->dept, db_text(st, 8));
	copy(k->assignee, sizeof k->assignee, db_text(st, 9));
	copy(k->step_since, sizeof k->step_since, db_text(st, 10));
	copy(k->due, sizeof k->due, db_text(st, 11));
	copy(k->limit, sizeof k->limit, db_text(st, 12));
	copy(k->escalate_at, sizeof k->escalate_at, db_text(st, 13));
	k->stint = (int)db_int(st, 14);
	k->cards = (int)db_int(st, 15);
	copy(k->card, sizeof k->card, db_text(st, 16));
}

/* Load case id: 1, 0 none, -status. */
static int
load(struct db *db, long long id, struct kase *k)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT " KASE_COLS " FROM cases WHERE id = ?",
	    "L", id);
	if (rc != DB_ROW)
		return rc;
	kase_read(st, k);
	db_reset(st);
	return 1;
}

/* The deadline group of a category; "other" for one the taxonomy no
 * longer has. */
static const char *
group_of(const struct case_env *env, const char *category)
{
	const struct category *c = taxonomy_find(env->tax, category);

	return c != NULL ? c->group : "other";
}

/* Set the due time of k's step, started at now. */
static void
set_due(const struct case_env *env, struct kase *k, gk_time now)
{
	struct deadline_limit l;

	clock_format(now, k->step_since);
	k->due[0] = k->limit[0] = k->escalate_at[0] = '\0';
	if (strcmp(k->status, "open") != 0 || k->step >= 6)
		return;
	if (!deadline_find(env->dl, group_of(env, k->category), k->severity,
	    *k->dept ? "department" : level_name(k->level), k->step, &l))
		return;
	clock_format(deadline_due(env->cal, &l, now), k->due);
	deadline_format_limit(&l, k->limit);
	copy(k->escalate_at, sizeof k->escalate_at, k->due);
}

static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Write k back. */
static int
save(struct db *db, const struct kase *k, const char *result,
    const char *satisfaction, gk_time now)
{
	char at[CLOCK_ISO_MAX];

	clock_format(now, at);
	return db_run(db, "UPDATE cases SET status = ?, step = ?, level = ?, "
	    "area = ?, dept = ?, assignee = ?, step_since = ?, due = ?, "
	    "limit_text = ?, escalate_at = ?, stint = ?, cards = ?, card = ?, "
	    "result = coalesce(?, result), "
	    "satisfaction = coalesce(?, satisfaction), "
	    "closed = CASE WHEN ? = 'open' THEN NULL ELSE coalesce(closed, ?) "
	    "END, updated = ? WHERE id = ?", "siisssssssiissssssL",
	    k->status, k->step, k->level, k->area, nz(k->dept),
	    nz(k->assignee), k->step_since, nz(k->due), nz(k->limit),
	    nz(k->escalate_at), k->stint, k->cards, nz(k->card), result,
	    satisfaction, k->status, at, at, k->id);
}

/* Escalated cases written back by one UPDATE: so many, and the values
 * of each: the id, what escalation changes, the time. */
#define SAVE_ROWS 64
#define SAVE_COLS 13
#define SAVE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define SAVE_4 SAVE_ROW ", " SAVE_ROW ", " SAVE_ROW ", " SAVE_ROW
#define SAVE_16 SAVE_4 ", " SAVE_4 ", " SAVE_4 ", " SAVE_4

/* SAVE_ROWS rows of values, columns named column1... as SQLite and
 * PostgreSQL both name them. */
static const char save_many_sql[] = "UPDATE cases SET "
    "level = CAST(v.column2 AS BIGINT), area = v.column3, "
    "dept = v.column4, assignee = v.column5, step_since = v.column6, "
    "due = v.column7, limit_text = v.column8, escalate_at = v.column9, "
    "stint = CAST(v.column10 AS BIGINT), cards = CAST(v.column11 AS BIGINT), "
    "card = v.column12, updated = v.column13 "
    "FROM (VALUES " SAVE_16 ", " SAVE_16 ", " SAVE_16 ", " SAVE_16 ") AS v "
    "WHERE cases.id = CAST(v.column1 AS BIGINT)";

/* Write back n cases escalated at now, SAVE_ROWS an UPDATE; the rows
 * short of a whole one bound to no case (id 0). */
static int
save_escalated(struct db *db, const struct kase *ks, size_t n, gk_time now)
{
	char at[CLOCK_ISO_MAX];
	struct db_stmt *st;
	const struct kase *k;
	size_t done, r;
	int rc = GK_OK, p;

	clock_format(now, at);
	for (done = 0; rc == GK_OK && done < n; done += SAVE_ROWS) {
		if ((st = db_prepare(db, save_many_sql)) == NULL)
			return GK_SOFTWARE;
		for (r = 0; r < SAVE_ROWS; r++) {
			p = (int)r * SAVE_COLS;
			if (done + r >= n) {
				db_bind_int(st, p + 1, 0);
				continue;
			}
			k = &ks[done + r];
			db_bind_int(st, p + 1, k->id);
			db_bind_int(st, p + 2, k->level);
			db_bind_text(st, p + 3, k->area);
			db_bind_text(st, p + 4, nz(k->dept));
			db_bind_text(st, p + 5, nz(k->assignee));
			db_bind_text(st, p + 6, k->step_since);
			db_bind_text(st, p + 7, nz(k->due));
			db_bind_text(st, p + 8, nz(k->limit));
			db_bind_text(st, p + 9, nz(k->escalate_at));
			db_bind_int(st, p + 10, k->stint);
			db_bind_int(st, p + 11, k->cards);
			db_bind_text(st, p + 12, nz(k->card));
			db_bind_text(st, p + 13, at);
		}
		rc = db_exec(st);
	}
	return rc;
}

/* A history row for k as it is now. */
static int
history(struct db *db, const struct kase *k, const char *action,
    const char *card, const char *note, gk_time now)
{
	char at[CLOCK_ISO_MAX];

	struct case_history_row r;

	clock_format(now, at);
	r.case_id = k->id;
	r.at = at;
	r.action = action;
	r.step = k->step;
	r.level = k->level;
	r.area = k->area;
	r.dept = nz(k->dept);
	r.card = card;
	r.note = note;
	r.due = nz(k->due);
	r.operator_name = db_operator(db);
	return case_history_insert(db, &r);
}

int
case_open(struct db *db, const struct case_env *env,
    const struct case_new *cn, long long *id)
{
	static const char *const actions[] = { "file", "assign",
	    "investigate", "feedback", "close" };
	struct db_stmt *st;
	struct kase k;
	char at[CLOCK_ISO_MAX], county[7], key[48], val[24];
	const char *last;
	long long seq;
	int y, m, d, rc, i;

	day_to_civil(clock_day(cn->reported), &y, &m, &d);
	snprintf(county, sizeof county, "%.6s", cn->grid);
	/*
	 * The counter is moved and read back once a transaction, under the
	 * write lock (not RETURNING last: SQLite 3.40 runs RETURNING
	 * through a scratch table, a tenth of an import's instructions).
	 * After that this writer alone moves it: the numbers are counted
	 * here and the last one written once, at the commit
	 * (db_tx_defer), not an UPDATE of the same row a case.
	 */
	snprintf(key, sizeof key, "case_counters %s %d", county, y);
	if ((last = db_tx_recall(db, key)) != NULL)
		seq = strtoll(last, NULL, 10) + 1;
	else {
		if ((rc = db_run(db, "INSERT INTO case_counters (county, year, "
		    "last) VALUES (?, ?, 1) ON CONFLICT (county, year) DO "
		    "UPDATE SET last = case_counters.last + 1", "si", county,
		    y)) != GK_OK)
			return rc;
		rc = db_query(db, &st, "SELECT last FROM case_counters WHERE "
		    "county = ? AND year = ?", "si", county, y);
		if (rc < 0)
			return -rc;
		if (rc == DB_NONE) {
			diag_error("internal error: no case number for %s %d",
			    county, y);
			return GK_SOFTWARE;
		}
		seq = db_int(st, 0);
		db_reset(st);
	}
	snprintf(val, sizeof val, "%lld", seq);
	db_tx_remember(db, key, val);
	if ((rc = db_tx_defer(db, key, "UPDATE case_counters SET last = ? "
	    "WHERE county = ? AND year = ?", "LsL", seq, county,
	    (long long)y)) != GK_OK)
		return rc;
	if (seq >= SEQ_MOD) {
		diag_error(_("county %s: more than %lld cases in %d"), county,
		    SEQ_MOD - 1, y);
		return GK_DATAERR;
	}
	memset(&k, 0, sizeof k);
	k.id = (strtoll(county, NULL, 10) * YEAR_MOD + y) * SEQ_MOD + seq;
	copy(k.grid, sizeof k.grid, cn->grid);
	copy(k.category, sizeof k.category, cn->category);
	copy(k.severity, sizeof k.severity, cn->severity);
	copy(k.status, sizeof k.status, "open");
	k.step = 1;
	k.level = 1;
	k.stint = 1;
	area_of(cn->grid, 1, k.area);
	set_due(env, &k, cn->reported);
	clock_format(cn->reported, at);
	if ((rc = db_run(db, "INSERT INTO cases (id, grid, category, severity, "
	    "title, step, level, area, step_since, due, limit_text, "
	    "escalate_at, reported, updated) VALUES (?, ?, ?, ?, ?, 1, 1, ?, "
	    "?, ?, ?, ?, ?, ?)", "Lsssssssssss", k.id, k.grid, k.category,
	    k.severity, cn->title, k.area, k.step_since, nz(k.due),
	    nz(k.limit), nz(k.escalate_at), at, at)) != GK_OK)
		return rc;
	if ((rc = history(db, &k, "report", NULL, NULL, cn->reported)) !=
	    GK_OK)
		return rc;
	if (cn->result != NULL) {
		/* Resolved on the spot: every step stamped at once. */
		for (i = 0; i < 5 && rc == GK_OK; i++) {
			k.step = i + 2;
			if (k.step == 6)
				copy(k.status, sizeof k.status, "closed");
			/* Each row with the time limit of its own step. */
			set_due(env, &k, cn->reported);
			rc = history(db, &k, actions[i], NULL, i == 3 ?
			    cn->result : "resolved on the spot (Art. 13(1))",
			    cn->reported);
		}
		k.stint = 6;
		set_due(env, &k, cn->reported);
		if (rc == GK_OK)
			rc = save(db, &k, cn->result, NULL, cn->reported);
		if (rc == GK_OK)
			rc = db_run(db, "UPDATE cases SET on_spot = 1 WHERE "
			    "id = ?", "L", k.id);
		if (rc != GK_OK)
			return rc;
	}
	*id = k.id;
	return GK_OK;
}

int
case_find_duplicate(struct db *db, const struct case_env *env,
    const char *grid, const char *category, gk_time at, long long *id)
{
	long long days = config_int(env->cfg, "case.duplicate_days");
	char from[CLOCK_ISO_MAX], to[CLOCK_ISO_MAX];
	struct db_stmt *st;
	int rc;

	if (days == 0)
		return 0;
	clock_format(at - days * 86400, from);
	clock_format(at, to);
	rc = db_query(db, &st, "SELECT id FROM cases WHERE grid = ? AND "
	    "category = ? AND reported >= ? AND reported <= ? AND "
	    "status = 'open' ORDER BY reported DESC, id DESC LIMIT 1", "ssss",
	    grid, category, from, to);
	if (rc == DB_ROW) {
		*id = db_int(st, 0);
		db_reset(st);
	}
	return rc;
}

static const char *const verb_names[CASE_NVERBS] = {
	"file", "refuse", "assign", "investigate", "feedback", "close",
	"rework", "transfer", "handdown", "escalate"
};

/* The moves legal for k now, as a bit set of enum case_verb. */
static unsigned
allowed(const struct kase *k)
{
	unsigned a = 0;

	if (strcmp(k->status, "open") != 0)
		return 0;
	switch (k->step) {
	case 1: a = 1u << CASE_FILE | 1u << CASE_REFUSE; break;
	case 2: a = 1u << CASE_ASSIGN | 1u << CASE_TRANSFER |
		    1u << CASE_HANDDOWN; break;
	case 3: a = 1u << CASE_INVESTIGATE | 1u << CASE_TRANSFER |
		    1u << CASE_HANDDOWN; break;
	case 4: a = 1u << CASE_FEEDBACK; break;
	case 5: a = 1u << CASE_CLOSE | 1u << CASE_REWORK; break;
	}
	if (k->step <= 4 && k->level < 3)
		a |= 1u << CASE_ESCALATE;
	if (k->level == 1 && !*k->dept)
		a &= ~(1u << CASE_HANDDOWN);
	return a;
}

/* Whether m leaves k where it is already. */
static int
already(const struct kase *k, enum case_verb v)
{
	if (v == CASE_REFUSE)
		return strcmp(k->status, "refused") == 0;
	if (strcmp(k->status, "refused") == 0)
		return 0;
	return (v == CASE_FILE && k->step == 2) ||
	    (v == CASE_INVESTIGATE && k->step == 4) ||
	    (v == CASE_FEEDBACK && k->step == 5) ||
	    (v == CASE_CLOSE && k->step == 6);
}

/* Report an illegal move. */
static void
refuse_move(const struct kase *k, enum case_verb v)
{
	char num[CASE_NUMBER_MAX], step[64];
	struct sb sb = SB_INIT;
	unsigned a = allowed(k);
	int i;

	for (i = 0; i < CASE_NVERBS; i++)
		if (a & 1u << i)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", verb_names[i]);
	step_say(k->step, step, sizeof step);
	if (strcmp(k->status, "open") == 0)
		diag_error(_("case %s: at step %s: cannot %s; allowed now: %s"),
		    case_number_format(k->id, num), step, verb_names[v],
		    sb.len ? sb.buf : _("none"));
	else
		diag_error(_("case %s: at step %s, %s: cannot %s; allowed now: "
		    "%s"), case_number_format(k->id, num), step,
		    vocab_say(VOCAB_CASE_STATUS, k->status), verb_names[v],
		    sb.len ? sb.buf : _("none"));
	sb_release(&sb);
}

/* The access list in force today (Art. 15; access.h): GK_OK, or
 * GK_DATAERR with why. */
static int
case_access_permitted(struct db *db, const struct case_env *env,
    long long id, const char *category, char *why, size_t n)
{
	char county[24], day[DAY_ISO_MAX];
	int rc;

	snprintf(county, sizeof county, "%06lld", id / SEQ_MOD / YEAR_MOD);
	day_format(clock_today(), day);
	rc = access_permits(db, env->tax, county, category, day, why, n);
	return rc == 1 ? GK_OK : rc == 0 ? GK_DATAERR : -rc;
}

int
case_assign_permitted(struct db *db, const struct case_env *env,
    long long id, const char *category, const char *kind, const char *to,
    char *why, size_t n)
{
	const struct category *c = taxonomy_find(env->tax, category);

	if (strcmp(kind, "staff") != 0 || c == NULL)
		return GK_OK;
	if (c->professional) {
		snprintf(why, n, _("category %s (%s) is administrative law "
		    "enforcement or professional work, never given to grid "
		    "staff (Art. 15)"), c->id, c->name);
		return GK_DATAERR;
	}
	if (!c->grid) {
		snprintf(why, n, _("category %s (%s) is not handled by grid "
		    "staff (the taxonomy's grid column; Art. 15)"), c->id,
		    c->name);
		return GK_DATAERR;
	}
	return case_access_permitted(db, env, id, category, why, n);
}

/* Whether a department owning cats (space-separated) owns category. */
static int
owns(const char *cats, const char *category)
{
	const char *p = cats;
	size_t n;

	if (*cats == '\0')
		return 1;
	while (*p != '\0') {
		n = strcspn(p, " ");
		if (n > 0 && strncmp(p, category, n) == 0 &&
		    (category[n] == '\0' || category[n] == '.'))
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

/* A department for k: 1 when it is of k's level and owns its category,
 * 0 with why set, -status. */
static int
find_dept(struct db *db, const struct kase *k, const char *code, char *why,
    size_t n)
{
	char num[CASE_NUMBER_MAX], a[13];
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT area, categories FROM departments "
	    "WHERE code = ?", "s", code);
	if (rc < 0)
		return rc;
	if (rc == DB_NONE) {
		snprintf(why, n, _("no department %s (case-route departments "
		    "list)"), code);
		return 0;
	}
	if (strcmp(db_text(st, 0), k->area) != 0) {
		snprintf(why, n, _("department %s belongs to %s, not to the "
		    "%s centre %s handling case %s (Art. 13(2): a department "
		    "of the same level)"), code, db_text(st, 0),
		    level_name(k->level), area_short(k->area, k->level, a),
		    case_number_format(k->id, num));
		db_reset(st);
		return 0;
	}
	if (!owns(db_text(st, 1), k->category)) {
		snprintf(why, n, _("department %s does not own category %s"),
		    code, k->category);
		db_reset(st);
		return 0;
	}
	db_reset(st);
	return 1;
}

/* Where assign --to points: a department, a centre, or staff.  Sets
 * k's assignee (and dept); 1, 0 with why, -status. */
static int
assign_to(struct db *db, const struct case_env *env, struct kase *k,
    const char *to, char *why, size_t n)
{
	struct area_code ac;
	const char *w, *kind;
	char num[CASE_NUMBER_MAX], a[13];
	long long staff;
	int rc;

	if ((rc = find_dept(db, k, to, why, n)) < 0)
		return rc;
	if (rc == 1) {
		kind = "department";
		copy(k->dept, sizeof k->dept, to);
		snprintf(k->assignee, sizeof k->assignee, "department %s", to);
	} else if (strlen(to) >= 6 && code_parse_area(to, &ac, &w) == 0) {
		kind = "centre";
		if (ac.level < AREA_COUNTY || !code_within(ac.code, k->area)) {
			snprintf(why, n, _("centre %s is not within the %s %s "
			    "handling case %s"), to, level_name(k->level),
			    area_short(k->area, k->level, a),
			    case_number_format(k->id, num));
			return 0;
		}
		if (!code_within(k->area, ac.code) &&
		    strncmp(k->grid, ac.code, strlen(code_short(ac.code,
		    ac.level, a))) != 0) {
			snprintf(why, n,
			    _("centre %s is not on the way to grid "
			    "%s of case %s"), to, k->grid,
			    case_number_format(k->id, num));
			return 0;
		}
		snprintf(k->assignee, sizeof k->assignee, "centre %s",
		    code_short(ac.code, ac.level, a));
	} else if (util_parse_long(to, 1, INT64_MAX, &staff, &w) == 0) {
		kind = "staff";
		area_short(k->area, k->level, a);
		if ((rc = staff_serves(db, staff, a, clock_today())) < 0)
			return rc;
		if (rc == 0) {
			snprintf(why, n,
			    _("staff %lld does not serve a grid of "
			    "the %s %s handling case %s today (Art. 13: a case "
			    "goes to staff of its area)"), staff,
			    level_name(k->level), a,
			    case_number_format(k->id, num));
			return 0;
		}
		snprintf(k->assignee, sizeof k->assignee, "staff %lld", staff);
	} else {
		snprintf(why, n, _("--to %s: not a staff id, a centre's area "
		    "code or a department code"), to);
		return 0;
	}
	if (case_assign_permitted(db, env, k->id, k->category, kind, to, why,
	    n) != GK_OK)
		return 0;
	return 1;
}

/*
 * Whether the cron job has escalated k from its step at its level
 * before: 1, 0, or -status.  Its history row keeps the step and the
 * level it went to (action "escalate" with a card), or the county it
 * stayed at (action "card").
 */
static int
escalated_before(struct db *db, const struct kase *k)
{
	struct db_stmt *st;
	int rc;

	rc = db_query(db, &st, "SELECT 1 FROM case_history WHERE case_id = ? "
	    "AND step = ? AND card IS NOT NULL AND ((action = 'escalate' AND "
	    "level = ?) OR (action = 'card' AND level = ?)) LIMIT 1", "Lii"
	    "i", k->id, k->step, k->level + 1, k->level);
	if (rc == DB_ROW)
		db_reset(st);
	return rc == DB_ROW ? 1 : rc < 0 ? rc : 0;
}

/* One move on one case: 1 done, 0 unchanged, 2 refused (reported),
 * -status. */
static int
move_one(struct db *db, const struct case_env *env, const struct case_move *m,
    long long id, gk_time now)
{
	char num[CASE_NUMBER_MAX], why[1024], note[1536], residents[128];
	const char *result = NULL, *sat = NULL, *hnote = m->note;
	struct kase k;
	int rc;

	if ((rc = load(db, id, &k)) < 0)
		return rc;
	if (rc == 0) {
		diag_error(_("case %s: no such case"),
		    case_number_format(id, num));
		return 2;
	}
	if ((rc = juris_write(NULL, case_number_format(id, num), k.grid))
	    != GK_OK)
		return -rc;
	if (already(&k, m->verb)) {
		diag_info(_("case %s: %s already"), case_number_format(id, num),
		    m->verb == CASE_REFUSE ? vocab_say(VOCAB_CASE_STATUS,
		    "refused") : vocab_say(VOCAB_CASE_STEP, step_name(k.step)));
		return 0;
	}
	if (!(allowed(&k) & 1u << m->verb)) {
		refuse_move(&k, m->verb);
		return 2;
	}
	why[0] = '\0';
	switch (m->verb) {
	case CASE_FILE:
		k.step = 2;
		break;
	case CASE_REFUSE:
		copy(k.status, sizeof k.status, "refused");
		hnote = m->reason;
		break;
	case CASE_ASSIGN:
		if ((rc = assign_to(db, env, &k, m->to, why, sizeof why)) < 0)
			return rc;
		if (rc == 0) {
			diag_error(_("case %s: cannot assign: %s"),
			    case_number_format(id, num), why);
			return 2;
		}
		k.step = 3;
		phrase_put(note, sizeof note, m->note ? PHRASE_TO_NOTE :
		    PHRASE_TO, k.assignee, m->note);
		hnote = note;
		break;
	case CASE_INVESTIGATE:
		k.step = 4;
		break;
	case CASE_FEEDBACK:
		k.step = 5;
		result = m->result;
		sat = m->satisfaction;
		phrase_put(residents, sizeof residents, PHRASE_RESIDENTS,
		    sat ? sat : "");
		snprintf(note, sizeof note, "%s%s%s", m->result,
		    sat ? "; " : "", sat ? residents : "");
		hnote = note;
		break;
	case CASE_CLOSE:
		k.step = 6;
		copy(k.status, sizeof k.status, "closed");
		break;
	case CASE_REWORK:
		/* The feedback was not accepted: step 4 is done again. */
		k.step = 3;
		hnote = m->reason;
		break;
	case CASE_TRANSFER:
		if ((rc = find_dept(db, &k, m->to, why, sizeof why)) < 0)
			return rc;
		if (rc == 0) {
			diag_error(_("case %s: cannot transfer: %s"),
			    case_number_format(id, num), why);
			return 2;
		}
		copy(k.dept, sizeof k.dept, m->to);
		snprintf(k.assignee, sizeof k.assignee, "department %s",
		    m->to);
		k.step = 3;
		phrase_put(note, sizeof note, m->note ? PHRASE_TO_NOTE :
		    PHRASE_TO, k.assignee, m->note);
		hnote = note;
		break;
	case CASE_HANDDOWN:
		if (*k.dept)
			k.dept[0] = '\0';
		else
			k.level--;
		area_of(k.grid, k.level, k.area);
		k.assignee[0] = '\0';
		k.step = 2;
		break;
	case CASE_ESCALATE:
		k.level++;
		area_of(k.grid, k.level, k.area);
		k.dept[0] = k.assignee[0] = '\0';
		hnote = m->reason;
		break;
	default:
		return -GK_SOFTWARE;
	}
	k.stint++;
	set_due(env, &k, now);
	if (*k.escalate_at && (rc = escalated_before(db, &k)) != 0) {
		if (rc < 0)
			return rc;
		/* Back at a step and level the cron job escalated from
		 * once (handed down, reworked): it has its due time, but
		 * the cron job does not escalate it a second time. */
		k.escalate_at[0] = '\0';
	}
	if ((rc = save(db, &k, result, sat, now)) != GK_OK ||
	    (rc = history(db, &k, verb_names[m->verb], NULL, hnote, now)) !=
	    GK_OK)
		return -rc;
	return 1;
}

int
case_move(struct db *db, const struct case_env *env,
    const struct case_move *m, const long long *ids, size_t n)
{
	char num[CASE_NUMBER_MAX];
	struct sb detail = SB_INIT, subj = SB_INIT;
	gk_time now = clock_now();
	unsigned long done = 0, bad = 0;
	size_t i;
	int rc = GK_OK, r;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	for (i = 0; i < n; i++) {
		r = move_one(db, env, m, ids[i], now);
		if (r < 0) {
			db_rollback(db);
			sb_release(&detail);
			return -r;
		}
		if (r == 2)
			bad++;
		if (r == 1) {
			done++;
			if (detail.len < 4000)
				sb_addf(&detail, "%s%s", detail.len ? " " : "",
				    case_number_format(ids[i], num));
		}
	}
	if (bad > 0 && !m->keep_going) {
		db_rollback(db);
		diag_error(
		    _("%lu of %zu cases refused; nothing changed"), bad, n);
		sb_release(&detail);
		return GK_DATAERR;
	}
	if (done == 0) {
		db_rollback(db);
		sb_release(&detail);
		return bad > 0 ? GK_FINDINGS : GK_OK;
	}
	if (done == 1) {
		phrase_add(&subj, PHRASE_SUBJ_CASE, detail.buf);
		sb_reset(&detail);
	} else {
		phrase_addn(&subj, PHRASE_SUBJ_CASES, done, done);
	}
	if (m->reason != NULL || m->to != NULL) {
		sb_adds(&detail, detail.len ? "; " : "");
		if (m->to != NULL)
			phrase_add(&detail, PHRASE_TO, m->to);
		else
			sb_adds(&detail, m->reason);
	}
	rc = audit_commit(db, verb_names[m->verb], subj.buf, detail.buf);
	sb_release(&subj);
	sb_release(&detail);
	if (rc == GK_OK && bad > 0) {
		diag_error(_("%lu of %zu cases refused; the other %lu moved"),
		    bad, n, done);
		rc = GK_FINDINGS;
	}
	return rc;
}

/* Listings. */

const struct recout_col case_list_cols[] = {
	{ NC_("column", "case"), RC_STR },
	{ NC_("column", "status"), RC_STR, "case_status" },
	{ NC_("column", "step"), RC_STR, "case_step" },
	{ NC_("column", "level"), RC_STR, "handling_level" },
	{ NC_("column", "handler"), RC_STR },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "category"), RC_STR },
	{ NC_("column", "severity"), RC_STR, "severity" },
	{ NC_("column", "title"), RC_STR },
	{ NC_("column", "due"), RC_STR },
	{ NC_("column", "light"), RC_STR, "light" },
	{ NC_("column", "card"), RC_STR, "card" },
	{ NC_("column", "assignee"), RC_STR },
};
const size_t case_list_ncols = sizeof case_list_cols /
    sizeof case_list_cols[0];

/* The light of an open case with a due time; 0 when it has none. */
static int
light_of(const struct case_env *env, const char *since, const char *due,
    const char *limit, gk_time now)
{
	struct deadline_limit l;
	gk_time s, d;
	const char *why;

	if (*due == '\0' || deadline_parse_limit(limit, &l) == -1 ||
	    clock_parse(since, &s, &why) == -1 ||
	    clock_parse(due, &d, &why) == -1)
		return 0;
	return deadline_light(env->cal, &l, s, d, now);
}

static const char *
light_name(int light)
{
	const struct vocab_entry *e = light > 0 ?
	    vocab_entry(VOCAB_LIGHT, (size_t)(light - 1)) : NULL;

	return e != NULL ? e->name : NULL;
}

/* Text kept in English (an assignee, a note: phrase.h), as the records
 * of this command show it: in the people's language when they are for
 * people, else as kept.  The result lives in sb. */
static const char *
record_said(struct sb *sb, const char *verb, const char *kept)
{
	if (kept == NULL || !i18n_records())
		return kept;
	sb_reset(sb);
	phrase_say(sb, verb, kept);
	return sb->buf;
}

/* A category as the records show it: its name for people, else its
 * id. */
static const char *
category_record(const struct case_env *env, const char *id)
{
	const struct category *c;

	if (!i18n_records() || (c = taxonomy_find(env->tax, id)) == NULL)
		return id;
	return c->name;
}

/* A limit ("3d", "24h") as the records show it. */
static const char *
limit_record(const char *limit, char *buf, size_t n)
{
	struct deadline_limit l;

	if (limit == NULL || !i18n_records() ||
	    deadline_parse_limit(limit, &l) == -1)
		return limit;
	snprintf(buf, n, l.hours ? PN_("%d hour", "%d hours",
	    (unsigned long)l.amount) : PN_("%d working day",
	    "%d working days", (unsigned long)l.amount), l.amount);
	return buf;
}

int
case_list(struct db *db, const struct case_env *env,
    const struct case_filter *f, struct recout *out)
{
	static const char *const sql[2] = {
	    "SELECT id, status, step, level, area, dept, grid, category, "
	    "severity, title, step_since, due, limit_text, card, assignee "
	    "FROM cases WHERE grid BETWEEN ? AND ? AND (? = 0 OR step = ?) "
	    "AND (? = 0 OR status = 'open') ORDER BY id",
	    "SELECT id, status, step, level, area, dept, grid, category, "
	    "severity, title, step_since, due, limit_text, card, assignee "
	    "FROM cases WHERE due < ? AND status = 'open' AND "
	    "(? = 0 OR step = ?) ORDER BY due, id"
	};
	char num[CASE_NUMBER_MAX], nowt[CLOCK_ISO_MAX], cutoff[CLOCK_ISO_MAX];
	char hand[80];
	struct sb said = SB_INIT;
	const char *v[13], *lo = f->lo ? f->lo : "", *hi = f->hi ? f->hi :
	    "~";
	struct db_stmt *st;
	gk_time now = clock_now();
	struct deadline_limit l = { 0, 0 };
	int rc, light, level, open = f->open || f->overdue ||
	    f->due_within >= 0 || f->light;

	clock_format(now, nowt);
	cutoff[0] = '\0';
	if (f->due_within >= 0) {
		l.amount = f->due_within;
		clock_format(f->due_within == 0 ?
		    clock_midnight(clock_today() + 1) :
		    deadline_due(env->cal, &l, now), cutoff);
	}
	st = db_prepare(db, sql[f->overdue ? 1 : 0]);
	if (st == NULL)
		return GK_SOFTWARE;
	/* Overdue cases are few, whatever the size of the area: they are
	 * read by their due time (cases_due) and the area is checked here,
	 * so that a township's overdue cases are not a scan of its cases. */
	if (f->overdue) {
		db_bind_text(st, 1, nowt);
		db_bind_int(st, 2, f->step);
		db_bind_int(st, 3, f->step);
	} else {
		db_bind_text(st, 1, lo);
		db_bind_text(st, 2, hi);
		db_bind_int(st, 3, f->step);
		db_bind_int(st, 4, f->step);
		db_bind_int(st, 5, open);
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (f->overdue && (strcmp(db_text(st, 6), lo) < 0 ||
		    strcmp(db_text(st, 6), hi) > 0))
			continue;
		level = db_isnull(st, 5) ? (int)db_int(st, 3) : 4;
		if (f->level && f->level != level)
			continue;
		light = strcmp(db_text(st, 1), "open") == 0 ? light_of(env,
		    db_text(st, 10), db_text(st, 11), db_text(st, 12), now) :
		    0;
		if (f->light && f->light != light)
			continue;
		if (f->card && (db_isnull(st, 13) || vocab_find(VOCAB_CARD,
		    db_text(st, 13))->value != f->card))
			continue;
		if (*cutoff && (db_isnull(st, 11) ||
		    strcmp(db_text(st, 11), cutoff) > 0))
			continue;
		if (level == 4)
			snprintf(hand, sizeof hand, "%s", db_text(st, 5));
		else
			area_short(db_text(st, 4), level, hand);
		v[0] = case_number_format(db_int(st, 0), num);
		v[1] = db_text(st, 1);
		v[2] = step_name((int)db_int(st, 2));
		v[3] = level_name(level);
		v[4] = hand;
		v[5] = db_text(st, 6);
		v[6] = category_record(env, db_text(st, 7));
		v[7] = db_text(st, 8);
		v[8] = db_text(st, 9);
		v[9] = db_isnull(st, 11) ? NULL : db_text(st, 11);
		v[10] = light_name(light);
		v[11] = db_isnull(st, 13) ? NULL : db_text(st, 13);
		v[12] = db_isnull(st, 14) ? NULL : record_said(&said, "@who",
		    db_text(st, 14));
		if ((rc = recout_row(out, v)) != 0) {
			rc = -rc;
			break;
		}
	}
	db_reset(st);
	sb_release(&said);
	return rc < 0 ? -rc : GK_OK;
}

int
case_show(struct db *db, const struct case_env *env, long long id,
    enum recout_format fmt, FILE *fp)
{
	static const struct recout_doc_col ecols[] = {
		{ "event", RC_INT, 0, NULL }, { "occurred", RC_STR, 0, NULL },
		{ "reporter", RC_STR, 0, NULL }, { "title", RC_STR, 0, NULL },
		{ "duplicate", RC_BOOL, -1, NULL },
	};
	static const struct recout_doc_col hcols[] = {
		{ "at", RC_STR, 25, NULL }, { "action", RC_STR, 11, NULL },
		{ "step", RC_STR, 12, NULL }, { "level", RC_STR, 8, NULL },
		{ "area", RC_STR, 0, NULL }, { "card", RC_STR, -1, NULL },
		{ "note", RC_STR, 0, ": " }, { "operator", RC_STR, -1, NULL },
	};
	char num[CASE_NUMBER_MAX], a[13], buf[64], evn[24], lim[64];
	const char *v[8], *action;
	struct sb said = SB_INIT;
	struct recout_doc *doc;
	struct db_stmt *st;
	struct kase k;
	int rc, light;

	if ((rc = load(db, id, &k)) <= 0) {
		if (rc == 0)
			diag_error(_("case %s: no such case"),
			    case_number_format(id, num));
		return rc == 0 ? GK_DATAERR : -rc;
	}
	if ((rc = juris_read(NULL, k.grid)) != GK_OK)
		return rc;
	rc = db_query(db, &st, "SELECT title, reported, closed, result, "
	    "satisfaction, on_spot FROM cases WHERE id = ?", "L", id);
	if (rc != DB_ROW)
		return rc < 0 ? -rc : GK_SOFTWARE;
	/* JSON keys and values canonical; the text for people in their
	 * language (the values as vocab_record gives them). */
	doc = recout_doc_new(fp, fmt);
	recout_doc_field(doc, "case", P_("case"), RC_STR,
	    case_number_format(id, num));
	recout_doc_field(doc, "title", P_("title"), RC_STR, db_text(st, 0));
	recout_doc_field(doc, "status", P_("status"), RC_STR,
	    vocab_record(VOCAB_CASE_STATUS, k.status));
	recout_doc_field(doc, "step", NULL, RC_STR, step_name(k.step));
	if (i18n_records())
		recout_doc_textf(doc, P_("step"), "%d %s", k.step,
		    step_zh(k.step));
	else
		recout_doc_textf(doc, "step", "%d %s (%s)", k.step,
		    step_name(k.step), step_zh(k.step));
	recout_doc_field(doc, "level", NULL, RC_STR, level_name(k.level));
	recout_doc_field(doc, "area", NULL, RC_STR, area_short(k.area,
	    k.level, a));
	snprintf(buf, sizeof buf, P_("%s centre %s"),
	    vocab_record(VOCAB_HANDLING_LEVEL, level_name(k.level)), a);
	if (*k.dept)
		recout_doc_textf(doc, P_("handled by"), P_("%s, department %s"),
		    buf, k.dept);
	else
		recout_doc_textf(doc, P_("handled by"), "%s", buf);
	recout_doc_field(doc, "department", NULL, RC_STR, nz(k.dept));
	recout_doc_field(doc, "assignee", P_("assignee"), RC_STR,
	    record_said(&said, "@who", nz(k.assignee)));
	recout_doc_field(doc, "grid", P_("grid"), RC_STR, k.grid);
	recout_doc_field(doc, "category", P_("category"), RC_STR,
	    category_record(env, k.category));
	recout_doc_field(doc, "severity", P_("severity"), RC_STR,
	    vocab_record(VOCAB_SEVERITY, k.severity));
	recout_doc_field(doc, "reported", P_("reported"), RC_STR,
	    db_text(st, 1));
	recout_doc_field(doc, "due", P_("due"), RC_STR, nz(k.due));
	recout_doc_field(doc, "limit", P_("limit"), RC_STR,
	    limit_record(nz(k.limit), lim, sizeof lim));
	light = strcmp(k.status, "open") == 0 ? light_of(env, k.step_since,
	    k.due, k.limit, clock_now()) : 0;
	recout_doc_field(doc, "light", P_("light"), RC_STR,
	    vocab_record(VOCAB_LIGHT, light_name(light)));
	recout_doc_field(doc, "card", P_("card"), RC_STR,
	    vocab_record(VOCAB_CARD, nz(k.card)));
	snprintf(buf, sizeof buf, "%d", k.cards);
	recout_doc_field(doc, "cards", P_("cards"), RC_INT, buf);
	recout_doc_field(doc, "on_spot", NULL, RC_BOOL, db_int(st, 5) ? "1" :
	    "0");
	recout_doc_field(doc, "result", P_("result"), RC_STR,
	    db_isnull(st, 3) ? NULL : db_text(st, 3));
	recout_doc_field(doc, "satisfaction", P_("satisfaction"), RC_STR,
	    db_isnull(st, 4) ? NULL : vocab_record(VOCAB_SATISFACTION,
	    db_text(st, 4)));
	recout_doc_field(doc, "closed", P_("closed"), RC_STR,
	    db_isnull(st, 2) ? NULL : db_text(st, 2));
	db_reset(st);

	recout_doc_table(doc, "events", P_("events"), ecols, 5, P_("none"));
	st = db_prepare(db, "SELECT id, occurred, reporter, source, title, "
	    "duplicate FROM events WHERE case_id = ? ORDER BY id");
	if (st == NULL) {
		recout_doc_end(doc, 1);
		sb_release(&said);
		return GK_SOFTWARE;
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(evn, sizeof evn, "%lld", db_int(st, 0));
		snprintf(buf, sizeof buf, "%s", db_isnull(st, 2) ?
		    vocab_record(VOCAB_EVENT_SOURCE, db_text(st, 3)) :
		    db_text(st, 2));
		v[0] = evn;
		v[1] = db_text(st, 1);
		v[2] = buf;
		v[3] = db_text(st, 4);
		v[4] = db_int(st, 5) ? "1" : "0";
		recout_doc_row(doc, v);
	}
	db_reset(st);
	if (rc < 0) {
		recout_doc_end(doc, 1);
		sb_release(&said);
		return -rc;
	}
	recout_doc_table(doc, "history", P_("history"), hcols, 8, NULL);
	st = db_prepare(db, "SELECT at, action, step, level, area, card, note, "
	    "operator, dept FROM case_history WHERE case_id = ? ORDER BY id");
	if (st == NULL) {
		recout_doc_end(doc, 1);
		sb_release(&said);
		return GK_SOFTWARE;
	}
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		int lv = (int)db_int(st, 3);

		action = db_text(st, 1);
		v[0] = db_text(st, 0);
		v[1] = vocab_record(VOCAB_CASE_ACTION, action);
		v[2] = vocab_record(VOCAB_CASE_STEP,
		    step_name((int)db_int(st, 2)));
		v[3] = vocab_record(VOCAB_HANDLING_LEVEL, level_name(lv));
		v[4] = db_isnull(st, 8) ? area_short(db_text(st, 4), lv, a) :
		    db_text(st, 8);
		v[5] = db_isnull(st, 5) ? NULL : vocab_record(VOCAB_CARD,
		    db_text(st, 5));
		v[6] = db_isnull(st, 6) ? NULL : record_said(&said, action,
		    db_text(st, 6));
		v[7] = db_text(st, 7);
		recout_doc_row(doc, v);
	}
	db_reset(st);
	sb_release(&said);
	if (rc < 0) {
		recout_doc_end(doc, 1);
		return -rc;
	}
	return recout_doc_end(doc, 0);
}

/* The cron job. */

const struct recout_col case_escalate_cols[] = {
	{ NC_("column", "case"), RC_STR },
	{ NC_("column", "step"), RC_STR, "case_step" },
	{ NC_("column", "due"), RC_STR },
	{ NC_("column", "from"), RC_STR },
	{ NC_("column", "to"), RC_STR },
	{ NC_("column", "card"), RC_STR, "card" },
};
const size_t case_escalate_ncols = sizeof case_escalate_cols /
    sizeof case_escalate_cols[0];

void
case_escalate_summary(const struct case_escalate_stats *st, int people,
    struct sb *out)
{
	struct sb kept = SB_INIT;

	/* For people in their language; for the audit row as it is. */
	phrase_add(&kept, PHRASE_ESCALATED, st->up[1], st->up[2], st->stay,
	    st->yellow, st->red, st->skipped);
	if (people)
		phrase_say(out, "escalate --overdue", kept.buf);
	else
		sb_adds(out, kept.buf);
	sb_release(&kept);
}

/* Overdue cases read and escalated at a time: one query for so many,
 * not one a case (on PostgreSQL each is a round trip). */
#define ESCALATE_CHUNK 256

/* The cases WHERE id IN (ESCALATE_CHUNK placeholders), in the order of
 * their due times. */
#define CHUNK_4 "?, ?, ?, ?"
#define CHUNK_16 CHUNK_4 ", " CHUNK_4 ", " CHUNK_4 ", " CHUNK_4
#define CHUNK_64 CHUNK_16 ", " CHUNK_16 ", " CHUNK_16 ", " CHUNK_16
static const char chunk_sql[] = "SELECT " KASE_COLS " FROM cases "
    "WHERE id IN (" CHUNK_64 ", " CHUNK_64 ", " CHUNK_64 ", " CHUNK_64 ") "
    "ORDER BY escalate_at, id";

/* Escalate the overdue case k (or give it its red card at the county):
 * k changed and its history row written, one row of out; the caller
 * writes k back (save).  GK_OK or a status. */
static int
escalate_one(struct db *db, const struct case_env *env, struct kase *k,
    gk_time now, struct recout *out, struct case_escalate_stats *stats)
{
	char num[CASE_NUMBER_MAX], from[80], to[80], note[256], a[13];
	char due[CLOCK_ISO_MAX];
	const char *v[6], *card;
	int rc;

	if ((rc = juris_write(NULL, case_number_format(k->id, num),
	    k->grid)) != GK_OK)
		return rc;
	copy(due, sizeof due, k->due);
	snprintf(from, sizeof from, "%s %s%s%s", level_name(k->level),
	    area_short(k->area, k->level, a), *k->dept ? " " : "", k->dept);
	card = k->cards == 0 && k->level < 3 ? "yellow" : "red";
	snprintf(note, sizeof note, "overdue at step %s (due %s) at the %s",
	    step_name(k->step), due, from);
	k->cards++;
	copy(k->card, sizeof k->card, card);
	if (k->level < 3) {
		stats->up[k->level]++;
		k->level++;
		area_of(k->grid, k->level, k->area);
		k->dept[0] = k->assignee[0] = '\0';
		k->stint++;
		set_due(env, k, now);
		snprintf(to, sizeof to, "%s %s", level_name(k->level),
		    area_short(k->area, k->level, a));
	} else {
		/* The county is the top: a red card, and it stays; its due
		 * time stands, the cron job is done with it. */
		stats->stay++;
		k->escalate_at[0] = '\0';
		snprintf(to, sizeof to, "%s", from);
	}
	if (*card == 'y')
		stats->yellow++;
	else
		stats->red++;
	/* Its history row; the case itself is written by the caller. */
	if ((rc = history(db, k, k->escalate_at[0] ? "escalate" : "card", card,
	    note, now)) != GK_OK)
		return rc;
	if (out == NULL)
		return GK_OK;
	v[0] = case_number_format(k->id, num);
	v[1] = step_name(k->step);
	v[2] = due;
	v[3] = from;
	v[4] = to;
	v[5] = card;
	return recout_row(out, v);
}

int
case_escalate(struct db *db, const struct case_env *env, struct recout *out,
    struct case_escalate_stats *stats)
{
	char nowt[CLOCK_ISO_MAX], note[256];
	struct kase *ks;
	struct db_stmt *st;
	struct sb detail = SB_INIT;
	gk_time now = clock_now();
	long long *ids = NULL;
	size_t n = 0, cap = 0, done, got, i;
	int rc;

	memset(stats, 0, sizeof *stats);
	clock_format(now, nowt);
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	/* The overdue cases' ids first, in the order of their due times;
	 * then the cases, ESCALATE_CHUNK at a time, each by its key: the
	 * rows escalated before leave nothing to step over. */
	st = db_prepare(db, "SELECT id FROM cases WHERE escalate_at IS NOT "
	    "NULL AND escalate_at < ? ORDER BY escalate_at, id");
	if (st == NULL) {
		db_rollback(db);
		return GK_SOFTWARE;
	}
	db_bind_text(st, 1, nowt);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = ereallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = db_int(st, 0);
	}
	db_reset(st);
	rc = rc < 0 ? -rc : GK_OK;
	ks = ereallocarray(NULL, ESCALATE_CHUNK, sizeof *ks);
	for (done = 0; rc == GK_OK && done < n; done += got) {
		if ((st = db_prepare(db, chunk_sql)) == NULL) {
			rc = GK_SOFTWARE;
			break;
		}
		for (i = 0; i < ESCALATE_CHUNK; i++)
			db_bind_int(st, (int)i + 1, done + i < n ?
			    ids[done + i] : 0);
		for (got = 0; got < ESCALATE_CHUNK &&
		    (rc = db_step(st)) == DB_ROW; got++)
			kase_read(st, &ks[got]);
		db_reset(st);
		rc = rc < 0 ? -rc : GK_OK;
		/* In the order asked for, every one there. */
		for (i = 0; rc == GK_OK && i < ESCALATE_CHUNK &&
		    done + i < n; i++)
			if (i >= got || ks[i].id != ids[done + i]) {
				diag_error("internal error: overdue case %lld "
				    "not read back", ids[done + i]);
				rc = GK_SOFTWARE;
			}
		for (i = 0; rc == GK_OK && i < got; i++)
			rc = escalate_one(db, env, &ks[i], now, out, stats);
		/* The history rows first (one INSERT of many rows on
		 * PostgreSQL, db.h), then the cases, many an UPDATE. */
		if (rc == GK_OK)
			rc = save_escalated(db, ks, got, now);
	}
	free(ks);
	free(ids);
	if (rc != GK_OK) {
		db_rollback(db);
		return rc;
	}
	if (diag_level() > 0) {
		rc = db_query(db, &st, "SELECT count(*) FROM cases WHERE "
		    "status = 'open' AND escalate_at IS NULL AND due < ?", "s",
		    nowt);
		if (rc == DB_ROW) {
			stats->skipped = (unsigned long)db_int(st, 0);
			db_reset(st);
		}
	}
	if (n == 0) {
		db_rollback(db);
		return GK_OK;
	}
	/* The audit row's detail is the -v summary: one line. */
	case_escalate_summary(stats, 0, &detail);
	snprintf(note, sizeof note, "%zu overdue cases", n);
	rc = audit_commit(db, "escalate --overdue", note, detail.buf);
	sb_release(&detail);
	return rc;
}

/* Departments. */

struct dept_arg {
	const struct case_env *env;	/* the taxonomy */
};

static int
dept_row(struct batch *b, void *arg)
{
	struct dept_arg *da = arg;
	const struct category *c;
	struct area_code ac;
	struct db_stmt *st;
	struct sb cats = SB_INIT;
	const char *v[4], *why, *p;
	char q[DIAG_QUOTE_MAX], one[256], fold[32];
	size_t i, len;
	int rc, result;

	for (i = 0; i < 4; i++)
		v[i] = batch_get(b, i);
	for (i = 0; i < 3; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			batch_bad(b, i, _("empty; a value is required"));
			return BATCH_BAD;
		}
	if (strlen(v[0]) > 60 || strpbrk(v[0], " \t")) {
		batch_bad(b, 0, _("%s: a code has no blanks and at most 60 "
		    "bytes"), diag_quote(q, sizeof q, v[0]));
		return BATCH_BAD;
	}
	if (code_parse_area(util_fold_code(v[2], fold, sizeof fold), &ac,
	    &why) == -1 || ac.level < AREA_COUNTY) {
		batch_bad(b, 2, "%s: %s", diag_quote(q, sizeof q, v[2]),
		    why != NULL && ac.level >= AREA_COUNTY ? why :
		    "not the code of a county, township or village");
		return BATCH_BAD;
	}
	if ((rc = grid_area_exists(batch_db(b), ac.code)) < 0)
		return rc;
	if (rc == 0) {
		batch_bad(b, 2, _("area %s is not in the database"), fold);
		return BATCH_BAD;
	}
	if ((rc = juris_write_row(b, "department", ac.code)) != GK_OK)
		return -rc;
	for (p = v[3] ? v[3] : ""; *p != '\0'; p += len) {
		p += strspn(p, " ,;、，");
		len = strcspn(p, " ,;、，");
		if (len == 0)
			break;
		snprintf(one, sizeof one, "%.*s", (int)len, p);
		if ((c = taxonomy_find(da->env->tax, one)) == NULL) {
			batch_bad(b, 3, "%s", taxonomy_explain(da->env->tax,
			    one, one, sizeof one));
			sb_release(&cats);
			return BATCH_BAD;
		}
		sb_addf(&cats, "%s%s", cats.len ? " " : "", c->id);
	}
	rc = db_query(batch_db(b), &st, "SELECT name, area, categories FROM "
	    "departments WHERE code = ?", "s", v[0]);
	if (rc < 0) {
		sb_release(&cats);
		return rc;
	}
	if (rc == DB_ROW) {
		result = strcmp(db_text(st, 0), v[1]) == 0 &&
		    strcmp(db_text(st, 1), ac.code) == 0 &&
		    strcmp(db_text(st, 2), cats.len ? cats.buf : "") == 0 ?
		    BATCH_UNCHANGED : BATCH_UPDATED;
		db_reset(st);
	} else
		result = BATCH_ADDED;
	if (result != BATCH_UNCHANGED &&
	    (rc = db_run(batch_db(b), "INSERT INTO departments (code, name, "
	    "area, categories) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO "
	    "UPDATE SET name = excluded.name, area = excluded.area, "
	    "categories = excluded.categories", "ssss", v[0], v[1], ac.code,
	    cats.len ? cats.buf : "")) != GK_OK)
		result = -rc;
	sb_release(&cats);
	return result;
}

int
case_dept_import(struct db *db, const struct case_env *env, const char *path,
    const struct recin_opts *in, long long max_errors)
{
	static const char *const names[4] = { "code", "name", "area",
	    "categories" };
	struct recin_field fields[4];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct dept_arg da = { env };
	int i;

	for (i = 0; i < 4; i++) {
		fields[i].name = names[i];
		fields[i].required = i < 3;
		fields[i].aliases = config_aliases(env->cfg, names[i]);
	}
	def.verb = "import departments";
	def.noun = N_("departments");
	def.nothing = N_("nothing imported");
	def.all_there = N_("departments are there");
	def.fields = fields;
	def.nfields = 4;
	def.row = dept_row;
	bo.max_errors = max_errors;
	return batch_run(db, path, in, &def, &bo, &da, &bs);
}

const struct recout_col case_dept_cols[] = {
	{ NC_("column", "code"), RC_STR },
	{ NC_("thing", "name"), RC_STR, NULL, "thing" },
	{ NC_("column", "area"), RC_STR },
	{ NC_("column", "level"), RC_STR, "handling_level" },
	{ NC_("column", "categories"), RC_STR },
};
const size_t case_dept_ncols = sizeof case_dept_cols /
    sizeof case_dept_cols[0];

int
case_dept_list(struct db *db, struct recout *out)
{
	struct area_code ac;
	struct db_stmt *st;
	const char *v[5], *why;
	char a[13];
	int rc;

	st = db_prepare(db, "SELECT code, name, area, categories FROM "
	    "departments ORDER BY area, code");
	if (st == NULL)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		if (code_parse_area(db_text(st, 2), &ac, &why) == -1)
			ac.level = AREA_COUNTY;
		v[0] = db_text(st, 0);
		v[1] = db_text(st, 1);
		v[2] = code_short(db_text(st, 2), ac.level, a);
		v[3] = code_level_name(ac.level);
		v[4] = db_text(st, 3);
		if ((rc = recout_row(out, v)) != 0) {
			rc = -rc;
			break;
		}
	}
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

int
case_env_open(struct case_env *env, const struct cli *cli,
    struct calendar **cal)
{
	struct sb cats = SB_INIT, dl = SB_INIT;
	int rc;

	*cal = NULL;
	if ((rc = cli_calendar(cli, cal)) != GK_OK)
		return rc;
	cli_datafile(cli, "case.categories", "case", "categories.tsv", &cats);
	cli_datafile(cli, "case.deadlines", "case", "deadlines.tsv", &dl);
	rc = case_env_load(env, cli->config, *cal, cats.buf, dl.buf);
	sb_release(&cats);
	sb_release(&dl);
	if (rc != GK_OK) {
		cal_free(*cal);
		*cal = NULL;
	}
	return rc;
}

void
case_env_close(struct case_env *env, struct calendar *cal)
{
	case_env_release(env);
	cal_free(cal);
}

int
case_extend(struct db *db, const struct case_env *env, long long id,
    int days, const char *reason, const char *approved_by)
{
	long long max = config_int(env->cfg, "case.max_extensions");
	char num[CASE_NUMBER_MAX], note[1536], old[CLOCK_ISO_MAX], step[64];
	struct db_stmt *st;
	struct kase k;
	const char *why;
	gk_time due, now = clock_now();
	long long done;
	int rc;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	case_number_format(id, num);
	if ((rc = load(db, id, &k)) <= 0) {
		db_rollback(db);
		if (rc == 0)
			diag_error(_("case %s: no such case"), num);
		return rc == 0 ? GK_DATAERR : -rc;
	}
	if ((rc = juris_write(NULL, num, k.grid)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	if (strcmp(k.status, "open") != 0 || *k.due == '\0' ||
	    clock_parse(k.due, &due, &why) == -1) {
		db_rollback(db);
		diag_error(_("case %s: at step %s, %s: no time limit to "
		    "extend"), num, step_say(k.step, step, sizeof step),
		    vocab_say(VOCAB_CASE_STATUS, k.status));
		return GK_DATAERR;
	}
	rc = db_query(db, &st, "SELECT count(*) FROM case_history WHERE "
	    "case_id = ? AND action = 'extend'", "L", id);
	if (rc != DB_ROW) {
		db_rollback(db);
		return rc < 0 ? -rc : GK_SOFTWARE;
	}
	done = db_int(st, 0);
	db_reset(st);
	if (done >= max) {
		db_rollback(db);
		diag_error(_("case %s: %lld of at most %lld extensions used "
		    "already (case.max_extensions)"), num, done, max);
		return GK_DATAERR;
	}
	/* The due time is the end of a day for a limit in working days:
	 * the new one is the end of the days-th working day after that
	 * day (after the day of an hourly due time). */
	copy(old, sizeof old, k.due);
	clock_format(clock_midnight(cal_add_workdays(env->cal,
	    clock_day(due - 1), days) + 1), k.due);
	copy(k.escalate_at, sizeof k.escalate_at, k.due);
	phrase_put(note, sizeof note, PHRASE_EXTENDED_NOTE,
	    (unsigned long)days, k.due, old, reason, approved_by);
	if ((rc = save(db, &k, NULL, NULL, now)) != GK_OK ||
	    (rc = history(db, &k, "extend", NULL, note, now)) != GK_OK) {
		db_rollback(db);
		return rc;
	}
	phrase_put(note, sizeof note, PHRASE_EXTENDED, (unsigned long)days,
	    k.due, approved_by);
	return audit_commit(db, "extend", num, note);
}
