/*
 * staff.c - the staff wrappers of the vocabularies, and applications
 * (Art. 9): every row checked, all or nothing unless asked otherwise.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "codes.h"
#include "codeset.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "idnum.h"
#include "mask.h"
#include "recin.h"
#include "recout.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

#define NWORDS(a) (sizeof a / sizeof a[0])

int
staff_stage_parse(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_STAGE, s);

	return e != NULL ? e->value : -1;
}

const char *
staff_stage_name(int stage)
{
	return stage >= 0 && stage < STAGE_COUNT ?
	    vocab_entry(VOCAB_STAGE, (size_t)stage)->name : "?";
}

const char *
staff_stage_zh(int stage)
{
	return stage >= 0 && stage < STAGE_COUNT ?
	    vocab_entry(VOCAB_STAGE, (size_t)stage)->zh : "?";
}

const char *
staff_role_parse(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_ROLE, s);

	return e != NULL ? e->name : NULL;
}

const char *
staff_role_zh(const char *role)
{
	return vocab_zh(VOCAB_ROLE, role);
}

int
staff_education_parse(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_EDUCATION, s);

	return e != NULL ? e->value : 0;
}

const char *
staff_education_name(int rank)
{
	return rank >= 1 && (size_t)rank <= vocab_count(VOCAB_EDUCATION) ?
	    vocab_entry(VOCAB_EDUCATION, (size_t)rank - 1)->name : "?";
}

int
staff_check_config(const struct config *cfg)
{
	const char *role;
	char key[64], expl[VOCAB_EXPLAIN_MAX];
	size_t i;
	int rc = GK_OK;

	for (i = 0; i < vocab_count(VOCAB_ROLE); i++) {
		role = vocab_entry(VOCAB_ROLE, i)->name;
		snprintf(key, sizeof key, "staff.min_education.%s", role);
		if (staff_education_parse(config_str(cfg, key)) == 0) {
			diag_error("%s: %s: %s", config_origin(cfg, key), key,
			    vocab_explain(VOCAB_EDUCATION, config_str(cfg,
			    key), expl, sizeof expl));
			rc = GK_CONFIG;
		}
	}
	return rc;
}

int
staff_flag_parse(const char *s)
{
	const struct vocab_entry *e;

	if (s == NULL || *s == '\0')
		return 0;
	e = vocab_find(VOCAB_FLAG, s);
	return e != NULL ? e->value : -1;
}

/* Chinese nationality, however written, is "CN"; none is "", not
 * recorded (Art. 9: a missing column is no nationality). */
static const char *
nationality(const char *s)
{
	const struct vocab_entry *e;

	if (s == NULL || *s == '\0')
		return "";
	e = vocab_find(VOCAB_NATIONALITY, s);
	return e != NULL ? e->name : s;
}

/* The fields of an application, in the order of fields[] below. */
enum {
	F_NAME, F_IDNUM, F_PHONE, F_EDUCATION, F_GRID, F_ROLE,
	F_NATIONALITY, F_SOURCE,
	F_PARTY, F_VETERAN, F_SOCIAL, F_TITLE, F_SUBSISTENCE,
	F_INVESTIGATION, F_PENALIZED, F_EXPELLED,
	F_COUNT,
	F_SINCE = F_COUNT,	/* enrol only: serving since */
	F_ALL
};

static const struct recin_field apply_fields[F_ALL] = {
	{ "name", 1, NULL }, { "id_number", 1, NULL }, { "phone", 1, NULL },
	{ "education", 1, NULL }, { "grid", 1, NULL }, { "role", 1, NULL },
	{ "nationality", 0, NULL }, { "source", 0, NULL },
	{ "party_member", 0, NULL }, { "veteran", 0, NULL },
	{ "social_worker", 0, NULL }, { "professional_title", 0, NULL },
	{ "subsistence", 0, NULL }, { "under_investigation", 0, NULL },
	{ "penalized", 0, NULL }, { "expelled", 0, NULL },
	{ "since", 1, NULL },
};

/* The bars of Art. 9, as the reason reads. */
static const char *const bars[] = {
	N_("under investigation for violating law or discipline"),
	N_("has received a criminal or public-security administrative "
	    "penalty"),
	N_("expelled from the party, public office or the army"),
};

const struct recout_col staff_apply_cols[] = {
	{ NC_("column", "id"), RC_INT },
	{ NC_("column", "name"), RC_STR },
	{ NC_("column", "id_number"), RC_STR },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "role"), RC_STR, "role" },
	{ NC_("column", "result"), RC_STR },
};
const size_t staff_apply_ncols = NWORDS(staff_apply_cols);

/*
 * Registered rows, kept in input order until the commit as runs of
 * consecutive staff ids, each id one the database returned: a batch of
 * new people is one run whatever its size, so nothing is written to a
 * temporary file that a full disk could lose.
 */
struct run {
	long long first;	/* the first staff id */
	long long n;		/* ids first .. first + n - 1 */
	int added;		/* 1 added by this batch, 0 unchanged, 2
				   applying again in a later round */
};

struct runs {
	struct run *run;	/* the runs */
	size_t n, cap;		/* used, allocated */
};

/* The line a person registered by this batch was on: a refused batch
 * writes no staff id, so its messages name the line. */
struct apply_line {
	long long id;		/* staff id, within the transaction */
	unsigned long line;	/* the line (row) of the file */
};

/* Where an application batch is. */
struct apply {
	struct db *db;				/* the connection */
	const struct config *cfg;		/* policy */
	struct batch *b;			/* the batch (batch.h) */
	struct recin *in;			/* its records */
	const struct staff_apply_opts *opts;	/* options */
	struct recin_field fields[F_ALL];	/* bound fields */
	gk_day today;				/* for ages */
	char now[CLOCK_ISO_MAX];		/* stamp */
	struct runs rows;			/* registered, in input order */
	struct runs added;			/* added, by staff id */
	struct runs again;			/* applying again */
	struct apply_line *lines;		/* the line of each row added
						   or taken again, in order */
	size_t nlines, caplines;		/* used, allocated */
	long long round;			/* the round's id, 0: none */
	int added_sorted;			/* added is in ascending order */
	struct recout *out;			/* after the commit: a table, */
	FILE *ids;				/* or the staff ids alone */
	struct codeset grids;			/* active grids seen: their kind,
						   as grid_kinds[] numbers it */
	unsigned long asked;			/* grids asked about alone */
	/* The identity numbers in people when the batch began and those
	 * added since: a candidate not among them is new, and is added
	 * without asking; its staff id is read back later, with the
	 * others' (resolve). */
	struct codeset known;
	long long last_id;			/* the last staff id there */
	unsigned long *pending;			/* lines added, ids not read */
	size_t npending, cappending;
	int warned;				/* missing columns said */
	/* The policy, read once: a config lookup is a search. */
	long long min_age;			/* staff.min_age */
	long long max_age;			/* staff.max_age, 0: none */
	const char *nationality;		/* staff.nationality */
	int rural_full_time;			/* staff.rural_full_time */
	int min_edu[4];				/* staff.min_education.*,
						   by role (vocab value) */
};

/* The minimum education of a role, and its config key. */
static int
min_education(const struct config *cfg, const char *role, char *key,
    size_t n)
{
	snprintf(key, n, "staff.min_education.%s", role);
	return staff_education_parse(config_str(cfg, key));
}

/* Report a problem with field i of the current row: the batch's one
 * reporter. */
static void __attribute__((format(printf, 3, 4)))
bad(struct apply *ap, size_t i, const char *fmt, ...)
{
	va_list va;

	va_start(va, fmt);
	batch_vbad(ap->b, i, fmt, va);
	va_end(va);
}

/* Room for a masked value in messages: what is longer is cut. */
#define MASKED_MAX 128

/* The masked form of a value for messages: personal data never leaves
 * in the clear unless revealed.  Any input fits buf (MASKED_MAX bytes):
 * an overlong one is cut first, between whole characters. */
static const char *
masked_id(const struct apply *ap, const char *s, char *buf, size_t n)
{
	char cut[MASKED_MAX];
	size_t len = strlen(s);

	if (len >= n || len >= sizeof cut) {
		len = (n < sizeof cut ? n : sizeof cut) - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		memcpy(cut, s, len);
		cut[len] = '\0';
		s = cut;
	}
	if (ap->opts->reveal) {
		snprintf(buf, n, "%s", s);
		return buf;
	}
	return idnum_mask(s, buf, n);
}

/* mask_date masks, in place, every run of exactly eight digits (a
 * birth date YYYYMMDD) of a message. */
static void
mask_date(char *s)
{
	size_t n;

	while (*s != '\0') {
		n = strspn(s, "0123456789");
		if (n == 8)
			memset(s, '*', 8);
		s += n > 0 ? n : 1;
	}
}

/* Whether the birth date in an identity number, digits 7 to 14, could
 * be a date: a date that cannot be is nobody's, so a message may show
 * it (a typing error is found faster when it is seen). */
static int
birth_possible(const char *num)
{
	int y, m, d;

	if (strlen(num) != 18 || strspn(num, "0123456789") < 14)
		return 1;
	y = (num[6] - '0') * 1000 + (num[7] - '0') * 100 +
	    (num[8] - '0') * 10 + (num[9] - '0');
	m = (num[10] - '0') * 10 + (num[11] - '0');
	d = (num[12] - '0') * 10 + (num[13] - '0');
	return day_valid(y, m, d);
}

/* The kinds of grid, numbered for the codeset of grids seen. */
static const char *const grid_kinds[] = { "rural", "urban", "dedicated" };

static int
grid_kind_number(const char *kind)
{
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(kind, grid_kinds[i]) == 0)
			return i;
	return 0;
}

static void
known_grid(void *arg, const char *code, const char *kind)
{
	codeset_put(arg, code, grid_kind_number(kind));
}

/* Look up the grid: 1 active (kind set), 0 after reporting, -status. */
static int
apply_grid(struct apply *ap, const char *v, char code[16],
    char kind[16])
{
	struct grid_code gc;
	struct grid_info gi;
	const char *why, *hint;
	char q[DIAG_QUOTE_MAX];
	int rc;

	if (code_parse_grid(v, &gc, &why) == -1) {
		hint = recin_excel_damage(v);
		bad(ap, F_GRID, "%s: %s", diag_quote(q, sizeof q, v),
		    hint ? hint : why);
		return 0;
	}
	memcpy(code, gc.code, 16);
	if ((rc = juris_write_row(ap->b, "grid", gc.code)) != GK_OK)
		return -rc;
	/* Each grid is asked about once a batch. */
	if ((rc = codeset_get(&ap->grids, gc.code)) >= 0) {
		snprintf(kind, 16, "%s", grid_kinds[rc]);
		return 1;
	}
	/* Past 64 grids, all the active ones at once. */
	if (ap->asked++ == 64) {
		if ((rc = grid_each_active(ap->db, known_grid, &ap->grids)) !=
		    GK_OK)
			return -rc;
		if ((rc = codeset_get(&ap->grids, gc.code)) >= 0) {
			snprintf(kind, 16, "%s", grid_kinds[rc]);
			return 1;
		}
	}
	if ((rc = grid_lookup(ap->db, gc.code, &gi)) < 0)
		return rc;
	if (rc == 0) {
		bad(ap, F_GRID, _("grid %s is not in the database"), gc.code);
		return 0;
	}
	if (strcmp(gi.status, "active") != 0) {
		bad(ap, F_GRID, _("grid %s is retired"), gc.code);
		return 0;
	}
	memcpy(kind, gi.kind, 16);
	codeset_put(&ap->grids, gc.code, grid_kind_number(kind));
	return 1;
}

/* Append id to rs, in the last run when it follows it. */
static void
runs_add(struct runs *rs, long long id, int added)
{
	struct run *last = rs->n > 0 ? &rs->run[rs->n - 1] : NULL;

	if (last != NULL && last->added == added && id == last->first +
	    last->n) {
		last->n++;
		return;
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->run = ereallocarray(rs->run, rs->cap, sizeof *rs->run);
	}
	rs->run[rs->n].first = id;
	rs->run[rs->n].n = 1;
	rs->run[rs->n++].added = added;
}

/* A person's row as apply adds it. */
#define PEOPLE_INSERT "INSERT INTO people (id_number, name, phone, " \
	"education, nationality, source, party_member, veteran, " \
	"social_worker, professional_title, subsistence, grid, role, " \
	"stage, stage_since, status, created, updated) VALUES (?, ?, ?, ?, " \
	"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) " \
	"ON CONFLICT (id_number) DO NOTHING"

/* Note a registered row, on line of the file, for the replay after the
 * commit. */
static void
log_row_at(struct apply *ap, long long id, int added, unsigned long line)
{
	runs_add(&ap->rows, id, added);
	if (added != 0) {
		if (ap->nlines == ap->caplines) {
			ap->caplines = ap->caplines ? ap->caplines * 2 : 64;
			ap->lines = ereallocarray(ap->lines, ap->caplines,
			    sizeof *ap->lines);
		}
		ap->lines[ap->nlines].id = id;
		ap->lines[ap->nlines++].line = line;
	}
	if (added == 2) {
		runs_add(&ap->again, id, 1);
		return;
	}
	if (!added)
		return;
	if (ap->added.n > 0 && id <= ap->added.run[ap->added.n - 1].first +
	    ap->added.run[ap->added.n - 1].n - 1)
		ap->added_sorted = 0;
	runs_add(&ap->added, id, 1);
	if (id > ap->last_id)
		ap->last_id = id;
}

static void
log_row(struct apply *ap, long long id, int added)
{
	log_row_at(ap, id, added, recin_line(ap->in));
}

/*
 * The staff ids of the candidates added without asking, read back in
 * one query: under the write lock, the people after the last staff id
 * known are the ones this batch added since, in the order added (ids
 * are the largest + 1; past the largest there can be, they are chosen
 * at random, and apply asks for each).  Before anything that needs an
 * id of this batch, and at its end.
 */
static int
resolve(struct apply *ap)
{
	struct db_stmt *st;
	size_t i = 0;
	int rc = DB_DONE;

	if (ap->npending == 0)
		return GK_OK;
	st = db_prepare(ap->db, "SELECT id FROM people WHERE id > ? "
	    "ORDER BY id LIMIT ?");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_int(st, 1, ap->last_id);
	db_bind_int(st, 2, (long long)ap->npending);
	while (i < ap->npending && (rc = db_step(st)) == DB_ROW)
		log_row_at(ap, db_int(st, 0), 1, ap->pending[i++]);
	db_reset(st);
	if (rc < 0)
		return -rc;
	if (i < ap->npending) {
		diag_error("internal error: %zu of %zu candidates added are "
		    "not there", ap->npending - i, ap->npending);
		return GK_SOFTWARE;
	}
	ap->npending = 0;
	return GK_OK;
}

/* The line of the file that registered staff id, or 0. */
static unsigned long
line_of(const struct apply *ap, long long id)
{
	size_t i;

	for (i = 0; i < ap->nlines; i++)
		if (ap->lines[i].id == id)
			return ap->lines[i].line;
	return 0;
}

/* Whether staff id is one this batch added, or took again. */
static int
added_here(const struct apply *ap, long long id)
{
	size_t lo = 0, hi = ap->added.n, mid;
	const struct run *r;

	for (lo = 0; lo < ap->again.n; lo++) {
		r = &ap->again.run[lo];
		if (id >= r->first && id < r->first + r->n)
			return 1;
	}
	lo = 0;

	if (!ap->added_sorted) {
		for (lo = 0; lo < ap->added.n; lo++) {
			r = &ap->added.run[lo];
			if (id >= r->first && id < r->first + r->n)
				return 1;
		}
		return 0;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = &ap->added.run[mid];
		if (id < r->first)
			hi = mid;
		else if (id >= r->first + r->n)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* A declaration as stored: "yes", "no", or NULL for not declared. */
static const char *
decl_word(int flag)
{
	return flag < 0 ? NULL : flag ? "yes" : "no";
}

/*
 * An identity number already registered: the same person applying
 * again as before, in the same round, is unchanged (returns the id); a
 * person rejected or gone applying in a later round applies again
 * (*again set, returns the id); anything else is reported.  Returns
 * the id, 0 when new, -1 after reporting, or -1 - status on a database
 * error.
 */
static long long
apply_existing(struct apply *ap, const char *idnum, const char *name,
    const char *grid, const char *role, int *again)
{
	struct db_stmt *st;
	char m[MASKED_MAX];
	long long id, latest;
	int rc, here, inround;

	*again = 0;
	st = db_prepare(ap->db, "SELECT p.id, p.name, p.grid, p.role, "
	    "p.status, coalesce((SELECT round FROM applications a WHERE "
	    "a.person = p.id ORDER BY a.id DESC LIMIT 1), 0), "
	    "EXISTS (SELECT 1 FROM applications b WHERE b.person = p.id AND "
	    "b.round = ?) FROM people p WHERE p.id_number = ?");
	if (st == NULL)
		return -1 - GK_SOFTWARE;
	db_bind_int(st, 1, ap->round);
	db_bind_text(st, 2, idnum);
	rc = db_step(st);
	if (rc <= 0) {
		db_reset(st);
		return rc == 0 ? 0 : -1 + rc;
	}
	id = db_int(st, 0);
	latest = db_int(st, 5);
	inround = (int)db_int(st, 6);
	here = added_here(ap, id);
	if (!here && latest == ap->round && strcmp(db_text(st, 1), name) == 0
	    && strcmp(db_text(st, 2), grid) == 0 &&
	    strcmp(db_text(st, 3), role) == 0) {
		db_reset(st);
		return id;
	}
	if (!here && ap->round != 0 && !inround &&
	    (strcmp(db_text(st, 4), "rejected") == 0 ||
	    strcmp(db_text(st, 4), "left") == 0)) {
		db_reset(st);
		*again = 1;
		return id;
	}
	masked_id(ap, idnum, m, sizeof m);
	if (here)
		bad(ap, F_IDNUM, _("identity number %s appears earlier in this "
		    "file, on line %lu (%s)"), m, line_of(ap, id),
		    db_text(st, 1));
	else if (ap->round != 0 && inround)
		bad(ap, F_IDNUM, _("identity number %s has applied in round %s "
		    "already: staff id %lld, %s, %s"), m, ap->opts->round, id,
		    db_text(st, 1), vocab_say(VOCAB_PERSON_STATUS,
		    db_text(st, 4)));
	else
		bad(ap, F_IDNUM, _("identity number %s is already registered: "
		    "staff id %lld, %s, %s%s"), m, id, db_text(st, 1),
		    vocab_say(VOCAB_PERSON_STATUS, db_text(st, 4)),
		    strcmp(db_text(st, 4), "rejected") == 0 ||
		    strcmp(db_text(st, 4), "left") == 0 ? _("; they may apply "
		    "again in a later round (--round)") : "");
	db_reset(st);
	return -1;
}

/*
 * A person rejected or gone applies again in this round: their record
 * takes the new application's data, and they start again at
 * registration, with a new application and the declarations of this
 * row (a bar not declared now is not declared).  GK_OK or a status.
 */
static int
apply_again(struct apply *ap, long long id, const char *const *v,
    const char *phone, int edu, const char *nat, const char *source,
    const int *flags, const char *grid, const char *role)
{
	int rc;

	rc = db_run(ap->db, "UPDATE people SET name = ?, phone = ?, "
	    "education = ?, nationality = ?, source = ?, party_member = ?, "
	    "veteran = ?, social_worker = ?, professional_title = ?, "
	    "subsistence = ?, grid = ?, role = ?, stage = 'registration', "
	    "stage_since = ?, status = 'candidate', updated = ? WHERE id = ?",
	    "sssssiiiiissssL", v[F_NAME], phone, staff_education_name(edu),
	    nat, source, flags[F_PARTY], flags[F_VETERAN], flags[F_SOCIAL],
	    flags[F_TITLE], flags[F_SUBSISTENCE], grid, role, ap->now,
	    ap->now, id);
	if (rc == GK_OK)
		rc = db_run(ap->db, "INSERT INTO stages (person, stage, outcome, "
		    "at, operator) VALUES (?, 'registration', 'entered', ?, ?)",
		    "Lss", id, ap->now, db_operator(ap->db));
	if (rc == GK_OK)
		rc = db_run(ap->db, "INSERT INTO applications (person, round, "
		    "grid, role, applied, stage, status) VALUES (?, ?, ?, ?, ?, "
		    "'registration', 'candidate')", "LLsss", id, ap->round,
		    grid, role, ap->now);
	if (rc == GK_OK)
		rc = db_run(ap->db, "INSERT INTO declarations (person, "
		    "under_investigation, penalized, expelled, updated) VALUES "
		    "(?, ?, ?, ?, ?) ON CONFLICT (person) DO UPDATE SET "
		    "under_investigation = excluded.under_investigation, "
		    "penalized = excluded.penalized, expelled = "
		    "excluded.expelled, updated = excluded.updated", "Lssss", id,
		    decl_word(flags[F_INVESTIGATION]),
		    decl_word(flags[F_PENALIZED]), decl_word(flags[F_EXPELLED]),
		    ap->now);
	return rc;
}

/* A column as a message names it: its first Chinese header when the
 * messages are Chinese (国籍), else its English name. */
static const char *
column_say(const struct recin_field *f)
{
	if (i18n_lang() == I18N_ZH && f->aliases != NULL &&
	    f->aliases[0] != NULL)
		return f->aliases[0];
	return f->name;
}

/*
 * The columns of Art. 9 a sheet lacks are said once, with what becomes
 * of its rows: registered, but nobody not declared passes the political
 * review, nor anyone with no nationality the qualification review.
 */
static void
missing_columns(struct apply *ap, const char *const v[F_COUNT])
{
	struct sb miss = SB_INIT;
	int i, n = 0;

	if (ap->warned)
		return;
	for (i = F_NATIONALITY; i <= F_EXPELLED; i++)
		if (v[i] == NULL && (i == F_NATIONALITY ||
		    i >= F_INVESTIGATION))
			sb_addf(&miss, "%s%s", n++ ? _(", ") : "",
			    column_say(&ap->fields[i]));
	if (n > 0) {
		ap->warned = 1;
		diag_warn(_("%s: no column %s: its rows are registered as not "
		    "declared, and pass no review until staff-hire declare "
		    "records them (Art. 9)"), batch_name(ap->b), miss.buf);
	}
	sb_release(&miss);
}

/* The day serving staff began, checked into since (DAY_ISO_MAX
 * bytes): 1, or 0 reported. */
static int
enrol_since(struct apply *ap, const char *v, char *since)
{
	char q[DIAG_QUOTE_MAX];
	const char *why;
	gk_day day;

	if (v == NULL || *v == '\0') {
		bad(ap, F_SINCE, _("empty; the day they began serving is "
		    "required"));
		return 0;
	}
	if (day_parse(v, &day, &why) == -1) {
		bad(ap, F_SINCE, "%s: %s", diag_quote(q, sizeof q, v), why);
		return 0;
	}
	if (day > ap->today) {
		bad(ap, F_SINCE, _("%s is in the future"), v);
		return 0;
	}
	day_format(day, since);
	return 1;
}

/*
 * An identity number already registered, met by enrol: unchanged when
 * they serve that grid in that role since that day, as a second run of
 * the same file finds them; else the row is bad.  bad: the row is bad
 * already, only the duplicate is said.  Returns BATCH_UNCHANGED,
 * BATCH_BAD (reported) or -status.
 */
static int
enrol_existing(struct apply *ap, const char *idnum, const char *grid,
    const char *role, const char *since, int isbad)
{
	struct db_stmt *st;
	char m[MASKED_MAX];
	long long id;
	unsigned long line;
	int rc, same;

	rc = db_query(ap->db, &st, "SELECT p.id, p.name, p.status, EXISTS "
	    "(SELECT 1 FROM assignments a WHERE a.person = p.id AND a.grid = ? "
	    "AND a.role = ? AND a.started = ? AND a.ended IS NULL) FROM "
	    "people p WHERE p.id_number = ?", "ssss", grid, role, since, idnum);
	if (rc <= 0)
		return rc < 0 ? rc : isbad ? BATCH_BAD : -GK_SOFTWARE;
	id = db_int(st, 0);
	same = strcmp(db_text(st, 2), "staff") == 0 && db_int(st, 3);
	line = line_of(ap, id);
	masked_id(ap, idnum, m, sizeof m);
	if (line != 0)
		bad(ap, F_IDNUM, _("identity number %s appears earlier in this "
		    "file, on line %lu (%s)"), m, line, db_text(st, 1));
	else if (!same || isbad)
		bad(ap, F_IDNUM, _("identity number %s is already registered: "
		    "staff id %lld, %s, %s%s"), m, id, db_text(st, 1),
		    vocab_say(VOCAB_PERSON_STATUS, db_text(st, 2)), "");
	db_reset(st);
	if (line != 0 || !same || isbad)
		return BATCH_BAD;
	log_row(ap, id, 0);
	return BATCH_UNCHANGED;
}

/* Whether grid may have one more leader (Art. 5), the holder of idnum
 * aside (a second run): 1, 0 reported, or -status. */
static int
enrol_leaders(struct apply *ap, const char *grid, const char *idnum)
{
	struct db_stmt *st;
	long long leaders, max;
	int rc;

	rc = db_query(ap->db, &st, "SELECT count(*) FROM assignments a JOIN "
	    "people p ON p.id = a.person WHERE a.grid = ? AND a.role = "
	    "'leader' AND a.ended IS NULL AND p.id_number <> ?", "ss", grid,
	    idnum);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	leaders = db_int(st, 0);
	db_reset(st);
	max = config_int(ap->cfg, "staff.max_leaders_per_grid");
	if (leaders < max)
		return 1;
	bad(ap, F_ROLE, ngettext("grid %s has %lld leader already; the "
	    "limit is %lld (staff.max_leaders_per_grid; Art. 5)",
	    "grid %s has %lld leaders already; the limit is %lld "
	    "(staff.max_leaders_per_grid; Art. 5)", leaders), grid, leaders,
	    max);
	return 0;
}

/* Check one row and register it.  Returns BATCH_ADDED,
 * BATCH_UNCHANGED, BATCH_BAD (reported), or -status. */
static int
apply_row(struct apply *ap)
{
	const char *v[F_ALL], *role = NULL, *nat, *source = NULL, *why;
	char idbuf[IDNUM_WHY_MAX], m[MASKED_MAX], q[DIAG_QUOTE_MAX];
	char fid[MASKED_MAX], fphone[MASKED_MAX], fgrid[64];
	char phone[PHONE_MAX], grid[16] = "", kind[16] = "", key[64];
	char expl[VOCAB_EXPLAIN_MAX];
	const struct vocab_entry *src;
	struct idnum id;
	struct db_stmt *st;
	long long existing = 0, newid;
	int i, ok = 1, edu = 0, minedu, rc, flags[F_COUNT] = { 0 }, have_id = 0;
	int again, fresh;
	char since[DAY_ISO_MAX] = "";

	for (i = 0; i < F_COUNT; i++)
		v[i] = recin_get(ap->in, (size_t)i);
	v[F_SINCE] = ap->opts->enrol ? recin_get(ap->in, F_SINCE) : NULL;
	if (ap->opts->enrol && !enrol_since(ap, v[F_SINCE], since))
		ok = 0;
	/* Numbers as typed: full-width digits, Excel's apostrophe. */
	if (v[F_IDNUM] != NULL)
		v[F_IDNUM] = util_fold_code(v[F_IDNUM], fid, sizeof fid);
	if (v[F_PHONE] != NULL)
		v[F_PHONE] = util_fold_code(v[F_PHONE], fphone, sizeof fphone);
	if (v[F_GRID] != NULL)
		v[F_GRID] = util_fold_code(v[F_GRID], fgrid, sizeof fgrid);
	for (i = F_NAME; i <= F_ROLE; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			bad(ap, (size_t)i, _("empty; a value is required"));
			ok = 0;
		}

	if (v[F_NAME] && *v[F_NAME] && (strlen(v[F_NAME]) > 100 ||
	    strpbrk(v[F_NAME], "\t\r\n") != NULL)) {
		bad(ap, F_NAME, _("%s: too long or has a line break or tab"),
		    diag_quote(q, sizeof q, v[F_NAME]));
		ok = 0;
	}
	if (v[F_IDNUM] && *v[F_IDNUM]) {
		if (idnum_parse(v[F_IDNUM], ap->today, &id, idbuf,
		    sizeof idbuf) == -1) {
			/* Excel's damage is no identity number: its hint
			 * quotes it. */
			if (recin_excel_damage(v[F_IDNUM]) != NULL)
				bad(ap, F_IDNUM, "%s", idbuf);
			else {
				/* The reason would show the birth date the
				 * mask hides: its digits are masked too,
				 * unless no one can have been born then. */
				if (!ap->opts->reveal &&
				    birth_possible(v[F_IDNUM]))
					mask_date(idbuf);
				bad(ap, F_IDNUM, "%s: %s", masked_id(ap,
				    v[F_IDNUM], m, sizeof m), idbuf);
			}
			ok = 0;
		} else if (idnum_foreign_resident(&id)) {
			bad(ap, F_IDNUM, _("ineligible (Art. 9): %s is the "
			    "number of a foreign permanent resident ID card "
			    "(2023 form, leading 9), not a Chinese citizen's "
			    "identity number"),
			    masked_id(ap, id.num, m, sizeof m));
			ok = 0;
		} else if (idnum_province_name(id.num) == NULL) {
			bad(ap, F_IDNUM, _("%s: area code %.6s: %.2s is no "
			    "province-level code of GB/T 2260"),
			    masked_id(ap, id.num, m, sizeof m), id.num, id.num);
			ok = 0;
		} else if (ap->max_age > 0 &&
		    idnum_age(&id, ap->today) > ap->max_age) {
			char day[DAY_ISO_MAX];

			bad(ap, F_IDNUM, _("ineligible (staff.max_age; Art. "
			    "9): %d years old on %s; the upper age here is "
			    "%lld"),
			    idnum_age(&id, ap->today),
			    day_format(ap->today, day), ap->max_age);
			ok = 0;
		} else if (idnum_age(&id, ap->today) < ap->min_age) {
			char day[DAY_ISO_MAX];

			bad(ap, F_IDNUM, _("ineligible (Art. 9): %d years old "
			    "on %s; the minimum age is %lld"),
			    idnum_age(&id, ap->today),
			    day_format(ap->today, day), ap->min_age);
			ok = 0;
		} else
			have_id = 1;
	}
	if (v[F_PHONE] && *v[F_PHONE] &&
	    phone_normalise(v[F_PHONE], phone, sizeof phone, &why) == -1) {
		if (recin_excel_damage(v[F_PHONE]) != NULL)
			bad(ap, F_PHONE, "%s", recin_excel_damage(v[F_PHONE]));
		else if (ap->opts->reveal)
			bad(ap, F_PHONE, "%s: %s",
			    diag_quote(q, sizeof q, v[F_PHONE]), why);
		else
			bad(ap, F_PHONE, "%s: %s", mask_phone(v[F_PHONE], q,
			    sizeof q), why);
		ok = 0;
	}
	if (v[F_ROLE] && *v[F_ROLE] &&
	    (role = staff_role_parse(v[F_ROLE])) == NULL) {
		bad(ap, F_ROLE, "%s", vocab_explain(VOCAB_ROLE, v[F_ROLE], expl,
		    sizeof expl));
		ok = 0;
	}
	if (v[F_EDUCATION] && *v[F_EDUCATION]) {
		edu = staff_education_parse(v[F_EDUCATION]);
		if (edu == 0) {
			bad(ap, F_EDUCATION, "%s", vocab_explain(VOCAB_EDUCATION,
			    v[F_EDUCATION], expl, sizeof expl));
			ok = 0;
		} else if (role != NULL) {
			minedu = ap->min_edu[vocab_find(VOCAB_ROLE, role)->value];
			snprintf(key, sizeof key, "staff.min_education.%s",
			    role);
			if (edu < minedu) {
				bad(ap, F_EDUCATION, _("ineligible (Art. 9): "
				    "%s is below %s, the minimum for %s (%s)"),
				    v[F_EDUCATION], config_str(ap->cfg, key),
				    vocab_say(VOCAB_ROLE, role), key);
				ok = 0;
			}
		}
	}
	if (v[F_GRID] && *v[F_GRID]) {
		rc = apply_grid(ap, v[F_GRID], grid, kind);
		if (rc < 0)
			return rc;
		if (rc == 0)
			ok = 0;
		else if (role != NULL && strcmp(role, "full_time") == 0 &&
		    strcmp(kind, "rural") == 0 &&
		    !ap->rural_full_time) {
			bad(ap, F_ROLE, _("full-time members are not taken in "
			    "rural grids here (staff.rural_full_time is off; "
			    "Art. 8)"));
			ok = 0;
		}
	}
	if (ap->round != 0 && *grid && role != NULL) {
		rc = db_query(ap->db, &st, "SELECT 1 FROM round_posts WHERE "
		    "round = ? AND grid = ? AND role = ?", "Lss", ap->round,
		    grid, role);
		if (rc < 0)
			return rc;
		if (rc == 1)
			db_reset(st);
		else {
			bad(ap, F_ROLE, _("round %s announced no %s post in "
			    "grid %s"),
			    ap->opts->round, vocab_say(VOCAB_ROLE, role), grid);
			ok = 0;
		}
	}
	if (!ap->opts->enrol)
		missing_columns(ap, v);
	nat = nationality(v[F_NATIONALITY]);
	if (*nat != '\0' && strcmp(nat, ap->nationality) != 0) {
		bad(ap, F_NATIONALITY, _("ineligible (Art. 9): nationality %s; "
		    "Chinese nationality is required"),
		    diag_quote(q, sizeof q, nat));
		ok = 0;
	}
	if (v[F_SOURCE] && *v[F_SOURCE]) {
		if ((src = vocab_find(VOCAB_SOURCE, v[F_SOURCE])) == NULL) {
			bad(ap, F_SOURCE, "%s", vocab_explain(VOCAB_SOURCE,
			    v[F_SOURCE], expl, sizeof expl));
			ok = 0;
		} else
			source = src->name;
	}
	for (i = F_PARTY; i <= F_EXPELLED; i++) {
		/* A bar left empty is not declared, not "no". */
		if (i >= F_INVESTIGATION && (v[i] == NULL || *v[i] == '\0')) {
			flags[i] = -1;
			continue;
		}
		flags[i] = staff_flag_parse(v[i]);
		if (flags[i] < 0) {
			bad(ap, (size_t)i, "%s", vocab_explain(VOCAB_FLAG, v[i],
			    expl, sizeof expl));
			ok = 0;
		} else if (flags[i] && i >= F_INVESTIGATION) {
			bad(ap, (size_t)i, _("barred (Art. 9): %s"),
			    _(bars[i - F_INVESTIGATION]));
			ok = 0;
		}
	}
	/* A bad row may be a duplicate too: say so with the rest. */
	if (!ok && (rc = resolve(ap)) != GK_OK)
		return -rc;
	if (!ok) {
		if (ap->opts->enrol)
			return have_id ? enrol_existing(ap, id.num, grid, role,
			    since, 1) : 0;
		if (have_id && *grid && role != NULL && v[F_NAME] &&
		    *v[F_NAME] && (existing = apply_existing(ap, id.num,
		    v[F_NAME], grid, role, &again)) < -1)
			return (int)(existing + 1);
		return 0;
	}

	/* Art. 5: no more leaders in a grid than the limit, those of this
	 * file included. */
	if (ap->opts->enrol && strcmp(role, "leader") == 0 &&
	    (rc = enrol_leaders(ap, grid, id.num)) != 1)
		return rc < 0 ? rc : BATCH_BAD;

	/* A candidate new to people, as most are: added without asking,
	 * its staff id read back with the others' (resolve). */
	fresh = codeset_add(&ap->known, id.num);
	if (fresh && ap->last_id < LLONG_MAX && !ap->opts->enrol &&
	    flags[F_INVESTIGATION] < 0 &&
	    flags[F_PENALIZED] < 0 && flags[F_EXPELLED] < 0) {
		if ((rc = db_run(ap->db, PEOPLE_INSERT, "ssssssiiiiisssssss",
		    id.num, v[F_NAME], phone, staff_education_name(edu), nat,
		    source, flags[F_PARTY], flags[F_VETERAN], flags[F_SOCIAL],
		    flags[F_TITLE], flags[F_SUBSISTENCE], grid, role,
		    "registration", ap->now, "candidate", ap->now, ap->now)) !=
		    GK_OK)
			return -rc;
		if (ap->npending == ap->cappending) {
			ap->cappending = ap->cappending ? 2 * ap->cappending :
			    64;
			ap->pending = ereallocarray(ap->pending,
			    ap->cappending, sizeof *ap->pending);
		}
		ap->pending[ap->npending++] = recin_line(ap->in);
		return BATCH_ADDED;
	}
	/* Anything else sees the staff ids of the rows before it. */
	if ((rc = resolve(ap)) != GK_OK)
		return -rc;
	/* Staff serving already are hired since the day they began, with
	 * no selection stage made up for them. */
	rc = db_run(ap->db, PEOPLE_INSERT, "ssssssiiiiisssssss", id.num, v[F_NAME], phone,
	    staff_education_name(edu), nat, source, flags[F_PARTY],
	    flags[F_VETERAN], flags[F_SOCIAL], flags[F_TITLE],
	    flags[F_SUBSISTENCE], grid, role, ap->opts->enrol ? "hired" :
	    "registration", ap->opts->enrol ? since : ap->now,
	    ap->opts->enrol ? "staff" : "candidate", ap->now, ap->now);
	if (rc != GK_OK)
		return -rc;
	/*
	 * The new id is read back by the identity number, unique, under
	 * the write lock: never worked out (max + 1, ids from a first
	 * one), so another writer or a sequence cannot mix batches.  Not
	 * INSERT ... RETURNING: SQLite 3.40 runs it through a temporary
	 * table, 28% more instructions for the whole of apply against 5%.
	 */
	rc = db_changes(ap->db) == 0 ? 0 : db_query(ap->db, &st,
	    "SELECT id FROM people WHERE id_number = ?", "s", id.num);
	if (rc < 0)
		return rc;
	/* Most applicants are new: insert first, look only on a clash. */
	if (rc == 0 && ap->opts->enrol)
		return enrol_existing(ap, id.num, grid, role, since, 0);
	if (rc == 0) {
		existing = apply_existing(ap, id.num, v[F_NAME], grid, role,
		    &again);
		if (existing < -1)
			return (int)(existing + 1);
		if (existing <= 0)
			return BATCH_BAD;
		if (again) {
			if ((rc = apply_again(ap, existing, v, phone, edu, nat,
			    source, flags, grid, role)) != GK_OK)
				return -rc;
			log_row(ap, existing, 2);
			return BATCH_UPDATED;
		}
		log_row(ap, existing, 0);
		return BATCH_UNCHANGED;
	}
	newid = db_int(st, 0);
	db_reset(st);
	if ((flags[F_INVESTIGATION] >= 0 || flags[F_PENALIZED] >= 0 ||
	    flags[F_EXPELLED] >= 0) && (rc = db_run(ap->db, "INSERT INTO "
	    "declarations (person, under_investigation, penalized, expelled, "
	    "updated) VALUES (?, ?, ?, ?, ?)", "Lssss", newid,
	    decl_word(flags[F_INVESTIGATION]), decl_word(flags[F_PENALIZED]),
	    decl_word(flags[F_EXPELLED]), ap->now)) != GK_OK)
		return -rc;
	if (ap->opts->enrol && (rc = db_run(ap->db, "INSERT INTO assignments "
	    "(person, grid, role, started) VALUES (?, ?, ?, ?)", "Lsss", newid,
	    grid, role, since)) != GK_OK)
		return -rc;
	log_row(ap, newid, 1);
	return BATCH_ADDED;
}

/* The batch's reader, before the first row. */
static int
apply_start(struct batch *b, void *arg)
{
	struct apply *ap = arg;

	struct db_stmt *st;
	int rc;

	ap->b = b;
	ap->in = batch_in(b);
	if (ap->opts->enrol)
		return GK_OK;
	st = db_prepare(ap->db, "SELECT id_number, id FROM people");
	if (st == NULL)
		return GK_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		(void)codeset_add(&ap->known, db_text(st, 0));
		if (db_int(st, 1) > ap->last_id)
			ap->last_id = db_int(st, 1);
	}
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

static int
apply_one(struct batch *b, void *arg)
{
	return apply_row(arg);
}

/* Everyone registered by this batch entered registration now: one
 * statement for each run of new staff ids rather than one a row. */
static int
apply_end(struct batch *b, void *arg)
{
	struct apply *ap = arg;
	const struct run *r;
	size_t i;
	int rc = resolve(ap);

	for (i = 0; rc == GK_OK && i < ap->added.n; i++) {
		r = &ap->added.run[i];
		rc = db_run(ap->db, "INSERT INTO stages (person, stage, outcome, "
		    "at, operator) SELECT id, 'registration', 'entered', ?, ? "
		    "FROM people WHERE id BETWEEN ? AND ? ORDER BY id", "ssLL",
		    ap->now, db_operator(ap->db), r->first, r->first + r->n - 1);
		if (rc == GK_OK)
			rc = db_run(ap->db, "INSERT INTO applications (person, "
			    "round, grid, role, applied, stage, status) SELECT id, "
			    "?, grid, role, created, 'registration', 'candidate' "
			    "FROM people WHERE id BETWEEN ? AND ? ORDER BY id",
			    "NLL", ap->round ? ap->round : -1, r->first,
			    r->first + r->n - 1);
	}
	return rc;
}

/* Print the registered rows, in input order, once they are committed:
 * every one, or a status after reporting.  Staff ids that were kept
 * but not printed would leave a pipeline with nobody to advance. */
static int
apply_replay(struct batch *b, void *arg)
{
	struct apply *ap = arg;
	struct db_stmt *st = NULL;
	const struct run *r;
	char m[MASKED_MAX];
	const char *v[6];
	long long id;
	size_t i;
	int rc = GK_OK;

	if (ap->out != NULL && (st = db_prepare(ap->db, "SELECT id, name, "
	    "id_number, grid, role FROM people WHERE id = ?")) == NULL)
		return GK_SOFTWARE;
	for (i = 0; rc == GK_OK && i < ap->rows.n; i++) {
		r = &ap->rows.run[i];
		for (id = r->first; rc == GK_OK && id < r->first + r->n;
		    id++) {
			if (ap->out == NULL) {
				if (fprintf(ap->ids, "%lld\n", id) < 0)
					rc = GK_IOERR;
				continue;
			}
			db_bind_int(st, 1, id);
			if ((rc = db_step(st)) != DB_ROW) {
				/* Committed rows are there; a failure is
				 * real. */
				if (rc == 0)
					diag_error(_("staff id %lld is not in "
					    "the database after the commit"),
					    id);
				rc = rc < 0 ? -rc : GK_SOFTWARE;
				db_reset(st);
				break;
			}
			v[0] = db_text(st, 0);
			v[1] = db_text(st, 1);
			v[2] = masked_id(ap, db_text(st, 2), m, sizeof m);
			v[3] = db_text(st, 3);
			v[4] = db_text(st, 4);
			v[5] = r->added == 2 ? P_("applied again") :
			    r->added ? P_("added") : P_("unchanged");
			rc = recout_row(ap->out, v);
			db_reset(st);
		}
	}
	if (ap->out == NULL && (rc != GK_OK || fflush(ap->ids) == EOF ||
	    ferror(ap->ids))) {
		if (errno != EPIPE)
			diag_error(_("cannot write the staff ids of %s: %s; "
			    "they are registered all the same"),
			    batch_name(b), strerror(errno));
		rc = gk_worst(rc, GK_IOERR);
	}
	return rc;
}

int
staff_apply(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_apply_opts *opts,
    struct recout *out, FILE *ids, struct staff_apply_stats *stats)
{
	static const enum batch_pii pii[F_ALL] = {
		[F_IDNUM] = BATCH_PII_IDNUM, [F_PHONE] = BATCH_PII_PHONE,
	};
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct apply ap;
	size_t i;
	int rc;

	memset(&ap, 0, sizeof ap);
	ap.db = db;
	ap.cfg = cfg;
	ap.opts = opts;
	ap.out = out;
	ap.ids = ids;
	ap.added_sorted = 1;
	ap.today = clock_today();
	ap.min_age = config_int(cfg, "staff.min_age");
	ap.max_age = config_int(cfg, "staff.max_age");
	ap.nationality = config_str(cfg, "staff.nationality");
	ap.rural_full_time = config_bool(cfg, "staff.rural_full_time");
	for (i = 0; i < vocab_count(VOCAB_ROLE); i++) {
		char key[64];

		ap.min_edu[i] = min_education(cfg, vocab_entry(VOCAB_ROLE,
		    i)->name, key, sizeof key);
	}
	clock_format(clock_now(), ap.now);
	/* Applications belong to a round once rounds are recorded, and
	 * come after its announcement (Art. 11). */
	if (opts->enrol) {
		/* Serving staff were selected before the record: no round. */
	} else if (opts->round != NULL) {
		gk_day announced;
		char day[DAY_ISO_MAX];

		if ((rc = staff_round_find(db, opts->round, &ap.round,
		    &announced)) <= 0)
			return rc == 0 ? GK_DATAERR : -rc;
		if (ap.today < announced) {
			diag_error(_("round %s is announced on %s; nobody "
			    "applies before its announcement (Art. 11)"),
			    opts->round,
			    day_format(announced, day));
			return GK_DATAERR;
		}
	} else if ((rc = staff_rounds_exist(db)) != 0) {
		if (rc < 0)
			return -rc;
		diag_error(_("rounds are recorded: an application belongs to "
		    "one (give --round NUMBER; staff-hire rounds lists them)"));
		return GK_USAGE;
	}
	for (i = 0; i < F_ALL; i++) {
		ap.fields[i] = apply_fields[i];
		/* A person's name has aliases of its own: 姓名, not
		 * 网格名称, which an application form may also have. */
		ap.fields[i].aliases = config_aliases(cfg, i == F_NAME ?
		    "person_name" : apply_fields[i].name);
	}
	def.verb = opts->enrol ? "enrol" : "apply";
	def.noun = opts->enrol ? "staff" : "applications";
	def.nothing = opts->enrol ? N_("nobody enrolled") :
	    N_("nobody registered");
	def.all_there = opts->enrol ? N_("staff are enrolled") :
	    N_("candidates are registered");
	def.fields = ap.fields;
	def.nfields = opts->enrol ? F_ALL : F_COUNT;
	def.pii = pii;
	def.start = apply_start;
	def.row = apply_one;
	/* Serving staff enter no stage of a selection they never went
	 * through here, and have no application. */
	def.end = opts->enrol ? NULL : apply_end;
	def.committed = apply_replay;
	bo.max_errors = opts->max_errors;
	bo.keep_going = opts->keep_going;
	bo.rejects = opts->rejects;
	bo.reveal = opts->reveal;
	bo.excel = opts->excel;
	rc = batch_run(db, path, in, &def, &bo, &ap, &bs);
	stats->rows = bs.rows;
	stats->added = bs.added;
	stats->unchanged = bs.unchanged;
	stats->again = bs.updated;
	stats->rejected = bs.bad;
	free(ap.rows.run);
	free(ap.added.run);
	free(ap.again.run);
	free(ap.lines);
	free(ap.pending);
	codeset_free(&ap.grids);
	codeset_free(&ap.known);
	return rc;
}
