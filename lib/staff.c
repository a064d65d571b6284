/*
 * staff.c - the staff wrappers of the vocabularies, and applications
 * (Art. 9): every row checked, all or nothing unless asked otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
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

/* Chinese nationality, however written, is "CN"; so is none. */
static const char *
nationality(const char *s)
{
	const struct vocab_entry *e;

	if (s == NULL || *s == '\0')
		return "CN";
	e = vocab_find(VOCAB_NATIONALITY, s);
	return e != NULL ? e->name : s;
}

/* The fields of an application, in the order of fields[] below. */
enum {
	F_NAME, F_IDNUM, F_PHONE, F_EDUCATION, F_GRID, F_ROLE,
	F_NATIONALITY, F_SOURCE,
	F_PARTY, F_VETERAN, F_SOCIAL, F_TITLE, F_SUBSISTENCE,
	F_INVESTIGATION, F_PENALIZED, F_EXPELLED,
	F_COUNT
};

static const struct recin_field apply_fields[F_COUNT] = {
	{ "name", 1, NULL }, { "id_number", 1, NULL }, { "phone", 1, NULL },
	{ "education", 1, NULL }, { "grid", 1, NULL }, { "role", 1, NULL },
	{ "nationality", 0, NULL }, { "source", 0, NULL },
	{ "party_member", 0, NULL }, { "veteran", 0, NULL },
	{ "social_worker", 0, NULL }, { "professional_title", 0, NULL },
	{ "subsistence", 0, NULL }, { "under_investigation", 0, NULL },
	{ "penalized", 0, NULL }, { "expelled", 0, NULL },
};

/* The bars of Art. 9, as the reason reads. */
static const char *const bars[] = {
	"under investigation for violating law or discipline",
	"under a criminal or public-security administrative penalty",
	"expelled from the party, public office or the army",
};

const struct recout_col staff_apply_cols[] = {
	{ "id", RC_INT }, { "name", RC_STR }, { "id_number", RC_STR },
	{ "grid", RC_STR }, { "role", RC_STR }, { "result", RC_STR },
};
const size_t staff_apply_ncols = NWORDS(staff_apply_cols);

/*
 * The active grids seen in a batch and their kind, so a province's
 * applications do not ask the database about the same grid thousands of
 * times.  Open addressing; bounded by the number of grids, not rows.
 */
struct grid_seen {
	char code[16];		/* "" for an empty slot */
	char kind[8];		/* urban or rural */
};

struct grid_cache {
	struct grid_seen *slot;	/* the table */
	size_t cap;		/* slots, a power of two */
	size_t n;		/* used */
};

static size_t
grid_hash(const char *code)
{
	size_t h = 5381;

	while (*code)
		h = h * 33 + (unsigned char)*code++;
	return h;
}

static struct grid_seen *
grid_cache_find(struct grid_cache *gc, const char *code)
{
	size_t i;

	if (gc->cap == 0)
		return NULL;
	for (i = grid_hash(code) & (gc->cap - 1); gc->slot[i].code[0] != '\0';
	    i = (i + 1) & (gc->cap - 1))
		if (strcmp(gc->slot[i].code, code) == 0)
			return &gc->slot[i];
	return NULL;
}

static void
grid_cache_add(struct grid_cache *gc, const char *code, const char *kind)
{
	struct grid_seen *old = gc->slot;
	size_t oldcap = gc->cap, i, j;

	if ((gc->n + 1) * 2 > gc->cap) {
		gc->cap = gc->cap ? gc->cap * 2 : 1024;
		gc->slot = ecalloc(gc->cap, sizeof *gc->slot);
		gc->n = 0;
		for (j = 0; j < oldcap; j++)
			if (old[j].code[0] != '\0')
				grid_cache_add(gc, old[j].code, old[j].kind);
		free(old);
	}
	for (i = grid_hash(code) & (gc->cap - 1); gc->slot[i].code[0] != '\0';
	    i = (i + 1) & (gc->cap - 1))
		;
	snprintf(gc->slot[i].code, sizeof gc->slot[i].code, "%s", code);
	snprintf(gc->slot[i].kind, sizeof gc->slot[i].kind, "%s", kind);
	gc->n++;
}

/* A registered row, as kept in the log until the commit. */
struct logged {
	long long id;		/* staff id */
	char result;		/* 'a' added, 'u' unchanged */
};

/* Where an application batch is. */
struct apply {
	struct db *db;				/* the connection */
	const struct config *cfg;		/* policy */
	struct recin *in;			/* the records */
	const struct staff_apply_opts *opts;	/* options */
	struct staff_apply_stats *stats;	/* counts */
	struct recin_field fields[F_COUNT];	/* bound fields */
	struct sb reasons;			/* the current row's problems */
	int quiet;				/* past max_errors: count only */
	gk_day today;				/* for ages */
	char now[CLOCK_ISO_MAX];		/* stamp */
	long long first_id;			/* ids from here are this batch's */
	FILE *log;				/* registered rows, to print after
						   the commit */
	struct recout *rejects;			/* --rejects writer */
	FILE *rejects_fp;			/* its file */
	struct grid_cache grids;		/* active grids seen */
	/* The policy, read once: a config lookup is a search. */
	long long min_age;			/* staff.min_age */
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

/* Report a problem with field i of the current row. */
static void __attribute__((format(printf, 3, 4)))
bad(struct apply *ap, size_t i, const char *fmt, ...)
{
	struct sb msg = SB_INIT;
	va_list va;

	va_start(va, fmt);
	sb_vaddf(&msg, fmt, va);
	va_end(va);
	if (ap->reasons.len > 0)
		sb_adds(&ap->reasons, "; ");
	sb_addf(&ap->reasons, "%s: %s", recin_header(ap->in, i), msg.buf);
	if (!ap->quiet)
		diag_at(recin_name(ap->in), recin_line(ap->in),
		    recin_col(ap->in, i), "field \"%s\": %s",
		    recin_header(ap->in, i), msg.buf);
	sb_release(&msg);
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

/* Look up the grid: 1 active (kind set), 0 after reporting, -status. */
static int
apply_grid(struct apply *ap, const char *v, char code[16], char kind[8])
{
	struct grid_seen *seen;
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
	if ((seen = grid_cache_find(&ap->grids, gc.code)) != NULL) {
		memcpy(kind, seen->kind, 8);
		return 1;
	}
	if ((rc = grid_lookup(ap->db, gc.code, &gi)) < 0)
		return rc;
	if (rc == 0) {
		bad(ap, F_GRID, "grid %s is not in the database", gc.code);
		return 0;
	}
	if (strcmp(gi.status, "active") != 0) {
		bad(ap, F_GRID, "grid %s is retired", gc.code);
		return 0;
	}
	memcpy(kind, gi.kind, 8);
	grid_cache_add(&ap->grids, gc.code, kind);
	return 1;
}

/*
 * An identity number already registered: the same person applying
 * again as before is unchanged (returns the id); anything else is
 * reported.  Returns the id, 0 when new, -1 after reporting, or
 * -1 - status on a database error.
 */
static long long
apply_existing(struct apply *ap, const char *idnum, const char *name,
    const char *grid, const char *role)
{
	struct db_stmt *st;
	char m[MASKED_MAX];
	long long id;
	int rc;

	st = db_prepare(ap->db, "SELECT id, name, grid, role, status "
	    "FROM people WHERE id_number = ?");
	if (st == NULL)
		return -1 - GK_SOFTWARE;
	db_bind_text(st, 1, idnum);
	rc = db_step(st);
	if (rc <= 0) {
		db_reset(st);
		return rc == 0 ? 0 : -1 + rc;
	}
	id = db_int(st, 0);
	if (id < ap->first_id && strcmp(db_text(st, 1), name) == 0 &&
	    strcmp(db_text(st, 2), grid) == 0 &&
	    strcmp(db_text(st, 3), role) == 0) {
		db_reset(st);
		return id;
	}
	masked_id(ap, idnum, m, sizeof m);
	if (id >= ap->first_id)
		bad(ap, F_IDNUM, "identity number %s appears earlier in this "
		    "file (staff id %lld, %s)", m, id, db_text(st, 1));
	else
		bad(ap, F_IDNUM, "identity number %s is already registered: "
		    "staff id %lld, %s, %s", m, id, db_text(st, 1),
		    db_text(st, 4));
	db_reset(st);
	return -1;
}

/* Note a registered row for the replay after the commit. */
static void
log_row(struct apply *ap, long long id, char result)
{
	struct logged l = { id, result };

	fwrite(&l, sizeof l, 1, ap->log);
}

/* Check one row and register it.  Returns 1 registered or unchanged,
 * 0 rejected (reported), -status. */
static int
apply_row(struct apply *ap)
{
	const char *v[F_COUNT], *role = NULL, *nat, *source = NULL, *why;
	char idbuf[IDNUM_WHY_MAX], m[MASKED_MAX], q[DIAG_QUOTE_MAX];
	char fid[MASKED_MAX], fphone[MASKED_MAX], fgrid[64];
	char phone[PHONE_MAX], grid[16] = "", kind[8] = "", key[64];
	char expl[VOCAB_EXPLAIN_MAX];
	const struct vocab_entry *src;
	struct idnum id;
	long long existing = 0, newid;
	int i, ok = 1, edu = 0, minedu, rc, flags[F_COUNT] = { 0 }, have_id = 0;

	sb_reset(&ap->reasons);
	for (i = 0; i < F_COUNT; i++)
		v[i] = recin_get(ap->in, (size_t)i);
	/* Numbers as typed: full-width digits, Excel's apostrophe. */
	if (v[F_IDNUM] != NULL)
		v[F_IDNUM] = util_fold_code(v[F_IDNUM], fid, sizeof fid);
	if (v[F_PHONE] != NULL)
		v[F_PHONE] = util_fold_code(v[F_PHONE], fphone, sizeof fphone);
	if (v[F_GRID] != NULL)
		v[F_GRID] = util_fold_code(v[F_GRID], fgrid, sizeof fgrid);
	for (i = F_NAME; i <= F_ROLE; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			bad(ap, (size_t)i, "empty; a value is required");
			ok = 0;
		}

	if (v[F_NAME] && *v[F_NAME] && (strlen(v[F_NAME]) > 100 ||
	    strpbrk(v[F_NAME], "\t\r\n") != NULL)) {
		bad(ap, F_NAME, "%s: too long or has a line break or tab",
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
				 * mask hides: its digits are masked too. */
				if (!ap->opts->reveal)
					mask_date(idbuf);
				bad(ap, F_IDNUM, "%s: %s", masked_id(ap,
				    v[F_IDNUM], m, sizeof m), idbuf);
			}
			ok = 0;
		} else if (idnum_age(&id, ap->today) < ap->min_age) {
			char day[DAY_ISO_MAX];

			bad(ap, F_IDNUM, "ineligible (Art. 9): %d years old on "
			    "%s; the minimum age is %lld",
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
				bad(ap, F_EDUCATION, "ineligible (Art. 9): %s is "
				    "below %s, the minimum for %s (%s)",
				    v[F_EDUCATION], config_str(ap->cfg, key),
				    role, key);
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
			bad(ap, F_ROLE, "full-time members are not taken in "
			    "rural grids here (staff.rural_full_time is off; "
			    "Art. 8)");
			ok = 0;
		}
	}
	nat = nationality(v[F_NATIONALITY]);
	if (strcmp(nat, ap->nationality) != 0) {
		bad(ap, F_NATIONALITY, "ineligible (Art. 9): nationality %s; "
		    "Chinese nationality is required",
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
		flags[i] = staff_flag_parse(v[i]);
		if (flags[i] < 0) {
			bad(ap, (size_t)i, "%s", vocab_explain(VOCAB_FLAG, v[i],
			    expl, sizeof expl));
			ok = 0;
		} else if (flags[i] && i >= F_INVESTIGATION) {
			bad(ap, (size_t)i, "barred (Art. 9): %s",
			    bars[i - F_INVESTIGATION]);
			ok = 0;
		}
	}
	/* A bad row may be a duplicate too: say so with the rest. */
	if (!ok) {
		if (have_id && *grid && role != NULL && v[F_NAME] &&
		    *v[F_NAME] && (existing = apply_existing(ap, id.num,
		    v[F_NAME], grid, role)) < -1)
			return (int)(existing + 1);
		return 0;
	}

	rc = db_run(ap->db, "INSERT INTO people (id_number, name, phone, "
	    "education, nationality, source, party_member, veteran, "
	    "social_worker, professional_title, subsistence, grid, role, "
	    "stage, stage_since, status, created, updated) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, 'registration', ?, 'candidate', ?, ?) "
	    "ON CONFLICT (id_number) DO NOTHING",
	    "ssssssiiiiissss" "s", id.num, v[F_NAME], phone,
	    staff_education_name(edu), nat, source, flags[F_PARTY],
	    flags[F_VETERAN], flags[F_SOCIAL], flags[F_TITLE],
	    flags[F_SUBSISTENCE], grid, role, ap->now, ap->now, ap->now);
	if (rc != GK_OK)
		return -rc;
	/* Most applicants are new: insert first, look only on a clash. */
	if (db_changes(ap->db) == 0) {
		existing = apply_existing(ap, id.num, v[F_NAME], grid, role);
		if (existing < -1)
			return (int)(existing + 1);
		if (existing <= 0)
			return 0;
		ap->stats->unchanged++;
		log_row(ap, existing, 'u');
		return 1;
	}
	newid = db_last_id(ap->db);
	ap->stats->added++;
	log_row(ap, newid, 'a');
	return 1;
}

/* Write the rejected row with its reasons to --rejects. */
static int
reject(struct apply *ap)
{
	const char *v[F_COUNT + 2];
	char line[32], m1[MASKED_MAX], m2[PHONE_MAX];
	size_t i;

	if (ap->rejects == NULL)
		return GK_OK;
	snprintf(line, sizeof line, "%lu", recin_line(ap->in));
	v[0] = line;
	for (i = 0; i < F_COUNT; i++)
		v[i + 1] = recin_get(ap->in, i);
	/* The rejects file is output too: masked unless revealed. */
	if (!ap->opts->reveal) {
		if (v[F_IDNUM + 1] != NULL)
			v[F_IDNUM + 1] = masked_id(ap, v[F_IDNUM + 1], m1,
			    sizeof m1);
		if (v[F_PHONE + 1] != NULL)
			v[F_PHONE + 1] = mask_phone(v[F_PHONE + 1], m2,
			    sizeof m2);
	}
	v[F_COUNT + 1] = ap->reasons.buf;
	return recout_row(ap->rejects, v);
}

static int
open_rejects(struct apply *ap)
{
	static struct recout_col cols[F_COUNT + 2];
	size_t i;
	int fd;

	cols[0].name = "line";
	cols[0].type = RC_INT;
	for (i = 0; i < F_COUNT; i++) {
		cols[i + 1].name = apply_fields[i].name;
		cols[i + 1].type = RC_STR;
	}
	cols[F_COUNT + 1].name = "reason";
	cols[F_COUNT + 1].type = RC_STR;
	/* Personal data: the file is the operator's alone.  An existing
	 * file is never overwritten: it may be the spreadsheet itself. */
	fd = open(ap->opts->rejects, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600);
	if (fd == -1 && errno == EEXIST) {
		diag_error("%s exists already; give --rejects a new file name",
		    ap->opts->rejects);
		return GK_CANTCREAT;
	}
	if (fd == -1 || (ap->rejects_fp = fdopen(fd, "w")) == NULL) {
		diag_error("cannot create %s: %m", ap->opts->rejects);
		if (fd != -1)
			close(fd);
		return GK_CANTCREAT;
	}
	ap->rejects = recout_new(ap->rejects_fp, RECOUT_CSV, 0, cols,
	    F_COUNT + 2);
	return GK_OK;
}

/* Print the registered rows, in input order, once they are committed. */
static int
replay(struct apply *ap, struct recout *out, FILE *ids)
{
	struct db_stmt *st;
	struct logged l;
	char m[MASKED_MAX];
	const char *v[6];
	int rc = GK_OK;

	rewind(ap->log);
	st = db_prepare(ap->db, "SELECT id, name, id_number, grid, role "
	    "FROM people WHERE id = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	while (rc == GK_OK && fread(&l, sizeof l, 1, ap->log) == 1) {
		if (out == NULL) {
			if (fprintf(ids, "%lld\n", l.id) < 0)
				rc = GK_IOERR;
			continue;
		}
		db_bind_int(st, 1, l.id);
		if ((rc = db_step(st)) != 1) {
			/* Committed rows are there; a failure is real. */
			rc = rc < 0 ? -rc : GK_SOFTWARE;
			break;
		}
		rc = GK_OK;
		v[0] = db_text(st, 0);
		v[1] = db_text(st, 1);
		v[2] = masked_id(ap, db_text(st, 2), m, sizeof m);
		v[3] = db_text(st, 3);
		v[4] = db_text(st, 4);
		v[5] = l.result == 'a' ? "added" : "unchanged";
		rc = recout_row(out, v);
		db_reset(st);
	}
	return rc;
}

int
staff_apply(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_apply_opts *opts,
    struct recout *out, FILE *ids, struct staff_apply_stats *stats)
{
	struct apply ap;
	struct db_stmt *st;
	struct sb detail = SB_INIT;
	size_t i;
	int rc, r;

	memset(stats, 0, sizeof *stats);
	memset(&ap, 0, sizeof ap);
	sb_init(&ap.reasons);
	ap.db = db;
	ap.cfg = cfg;
	ap.opts = opts;
	ap.stats = stats;
	ap.today = clock_today();
	ap.min_age = config_int(cfg, "staff.min_age");
	ap.nationality = config_str(cfg, "staff.nationality");
	ap.rural_full_time = config_bool(cfg, "staff.rural_full_time");
	for (i = 0; i < vocab_count(VOCAB_ROLE); i++) {
		char key[64];

		ap.min_edu[i] = min_education(cfg, vocab_entry(VOCAB_ROLE,
		    i)->name, key, sizeof key);
	}
	clock_format(clock_now(), ap.now);
	for (i = 0; i < F_COUNT; i++) {
		ap.fields[i] = apply_fields[i];
		/* A person's name has aliases of its own: 姓名, not
		 * 网格名称, which an application form may also have. */
		ap.fields[i].aliases = config_aliases(cfg, i == F_NAME ?
		    "person_name" : apply_fields[i].name);
	}
	/* Registered rows wait in a temporary file, not in memory, so a
	 * million-row batch stays small. */
	if ((ap.log = tmpfile()) == NULL) {
		diag_error("cannot create a temporary file: %m");
		return GK_CANTCREAT;
	}
	if ((rc = recin_open(&ap.in, path, in)) != GK_OK)
		goto done;
	if ((rc = recin_bind(ap.in, ap.fields, F_COUNT)) != GK_OK)
		goto done;
	/* A dry run writes no file either. */
	if (opts->rejects != NULL && db_dry_run(db))
		diag_info("dry run: no rejects file written");
	else if (opts->rejects != NULL && (rc = open_rejects(&ap)) != GK_OK)
		goto done;
	/* The messages and the output may show personal data in the
	 * clear: recorded first, in a transaction of its own, so it stays
	 * recorded whatever becomes of the batch. */
	if (opts->reveal && (rc = audit_reveal(db, recin_name(ap.in),
	    "apply: identity numbers and phones shown unmasked")) != GK_OK)
		goto done;
	if ((rc = db_begin(db)) != GK_OK)
		goto done;
	st = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM people");
	if (st == NULL || (r = db_step(st)) != 1) {
		rc = st == NULL || r == 0 ? GK_SOFTWARE : -r;
		goto done;
	}
	ap.first_id = db_int(st, 0);
	db_reset(st);

	while ((r = recin_next(ap.in)) != 0) {
		if (r < 0) {
			rc = -r;
			break;
		}
		stats->rows++;
		if (r == 2) {
			sb_reset(&ap.reasons);
			sb_addf(&ap.reasons, "malformed row: see the message "
			    "for line %lu", recin_line(ap.in));
		} else if ((r = apply_row(&ap)) < 0) {
			rc = -r;
			break;
		}
		if (r == 1)
			continue;
		stats->rejected++;
		if ((rc = reject(&ap)) != GK_OK)
			break;
		if (stats->rejected >= (unsigned long)opts->max_errors &&
		    !ap.quiet) {
			if (!opts->keep_going) {
				diag_error("%s: stopping after %lu bad rows "
				    "(--max-errors %lld)", recin_name(ap.in),
				    stats->rejected, opts->max_errors);
				break;
			}
			diag_error("%s: %lu rows rejected; not reporting "
			    "more (--max-errors %lld)%s", recin_name(ap.in),
			    stats->rejected, opts->max_errors,
			    opts->rejects ? "; all are in the rejects file" :
			    "");
			ap.quiet = 1;
		}
	}
	if (rc == GK_OK && stats->rejected > 0 && !opts->keep_going) {
		diag_error("%s: %lu bad row%s; nobody registered",
		    recin_name(ap.in), stats->rejected,
		    stats->rejected == 1 ? "" : "s");
		rc = GK_DATAERR;
	}
	if (rc != GK_OK)
		goto done;
	/* Everyone registered by this batch entered registration now: one
	 * statement for the whole batch rather than one a row. */
	if ((rc = db_run(db, "INSERT INTO stages (person, stage, outcome, at, "
	    "operator) SELECT id, 'registration', 'entered', ?, ? FROM people "
	    "WHERE id >= ? ORDER BY id", "ssL", ap.now, db_operator(db),
	    ap.first_id)) != GK_OK)
		goto done;
	sb_addf(&detail, "%lu rows: %lu added, %lu unchanged, %lu rejected",
	    stats->rows, stats->added, stats->unchanged, stats->rejected);
	/* A batch that changed nothing leaves nothing in the log. */
	if (stats->added > 0 && (rc = audit_record(db, "apply",
	    recin_name(ap.in), detail.buf)) != GK_OK)
		goto done;
	if ((rc = db_commit(db)) != GK_OK)
		goto done;
	if (stats->added == 0 && stats->unchanged > 0 &&
	    stats->rejected == 0)
		diag_note("%s: all %lu candidates are registered already; "
		    "nothing changed", recin_name(ap.in), stats->unchanged);
	else if (stats->added == 0)
		diag_info("%s: %s%s", recin_name(ap.in), detail.buf,
		    db_dry_run(db) ? " (dry run: nothing written)" : "");
	if (stats->rejected > 0) {
		diag_note("%s: %lu row%s rejected%s%s", recin_name(ap.in),
		    stats->rejected, stats->rejected == 1 ? "" : "s",
		    opts->rejects ? ", written to " : "",
		    opts->rejects ? opts->rejects : "");
		rc = GK_FINDINGS;
	}
	/* A dry run registered nobody: there are no ids to give. */
	if (!db_dry_run(db)) {
		r = replay(&ap, out, ids);
		rc = gk_worst(rc, r);
	}
done:
	if (rc != GK_OK && rc != GK_FINDINGS)
		db_rollback(db);
	if (ap.rejects != NULL)
		rc = gk_worst(rc, recout_finish(ap.rejects));
	if (ap.rejects_fp != NULL && fclose(ap.rejects_fp) != 0)
		rc = gk_worst(rc, GK_IOERR);
	/* The rejects file exists only when something was rejected. */
	if (ap.rejects_fp != NULL && stats->rejected == 0)
		unlink(opts->rejects);
	sb_release(&detail);
	sb_release(&ap.reasons);
	recin_close(ap.in);
	fclose(ap.log);
	free(ap.grids.slot);
	return rc;
}
