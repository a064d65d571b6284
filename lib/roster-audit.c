/*
 * roster-audit.c - the roster checked against Art. 5, 6, 8-10, 14, 16.
 *
 * The roster is read whole into memory first (a province's is some
 * 150,000 assignments of a few hundred bytes), from the database or a
 * file, so that a malformed file gives no finding at all; then the
 * rules run over it, person by person and grid by grid.  The tables of
 * other modules are asked through their owners: the staff tables
 * (roster-facts.h), grids (grid.h), visits (visit-last.h), cases
 * (case-figures.h).  Grids and people are matched through sorted arrays,
 * so the audit is n log n plus one index seek per member for the visits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-figures.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "findings.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "idnum.h"
#include "recin.h"
#include "roster-audit.h"
#include "roster-facts.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "visit-last.h"
#include "vocab.h"

static const char *const keys_age[] = { "staff.min_age", NULL };
static const char *const keys_nationality[] = { "staff.nationality", NULL };
static const char *const keys_education[] = { "staff.min_education.*",
	NULL };
static const char *const keys_vacancy[] = { "staff.vacancy_days", NULL };
static const char *const keys_visit[] = { "audit.visit_days", NULL };
static const char *const keys_training[] = { "training.min_per_year.*",
	NULL };
static const char *const keys_on_time[] = { "audit.on_time_percent",
	NULL };
static const char *const keys_cards[] = { "audit.max_cards", NULL };

const struct finding_rule roster_audit_rules[] = {
	{ "ART5-BOARD-PHONE", "Art. 5", FINDING_WARNING,
	    N_("every serving member has a public work phone for the "
	    "bulletin board"), NULL },
	{ "ART5-GRID-LEADER", "Art. 5", FINDING_ERROR,
	    N_("every active grid has a grid leader"), NULL },
	{ "ART6-WEEKLY-VISIT", "Art. 6", FINDING_WARNING,
	    N_("every grid member has a recorded visit to their grid in the "
	    "last days allowed"), keys_visit },
	{ "ART8-URBAN-FULLTIME", "Art. 8", FINDING_ERROR,
	    N_("every active urban grid has at least one full-time member"),
	    NULL },
	{ "ART9-AGE", "Art. 9", FINDING_ERROR,
	    N_("serving staff are at least the minimum age"), keys_age },
	{ "ART9-BAR", "Art. 9", FINDING_ERROR,
	    N_("no serving staff member has declared a bar (under "
	    "investigation, penalized, expelled)"), NULL },
	{ "ART9-EDUCATION", "Art. 9", FINDING_ERROR,
	    N_("serving staff have at least the education of their role"),
	    keys_education },
	{ "ART9-ID-NUMBER", "Art. 9", FINDING_ERROR,
	    N_("serving staff have a valid resident identity number "
	    "(real-name registration)"), NULL },
	{ "ART9-NATIONALITY", "Art. 9", FINDING_ERROR,
	    N_("serving staff are of the required nationality"),
	    keys_nationality },
	{ "ART10-VACANCY", "Art. 10", FINDING_ERROR,
	    N_("no vacancy stays open longer than the days allowed"),
	    keys_vacancy },
	{ "ART14-TRAINING", "Art. 14", FINDING_WARNING,
	    N_("staff serving a whole year attended the yearly minimum of "
	    "training sessions at each level"), keys_training },
	{ "ART16-CARDS", "Art. 16", FINDING_WARNING,
	    N_("the cases assigned to a member in the last year drew no "
	    "more supervision cards than allowed"), keys_cards },
	{ "ART16-ON-TIME", "Art. 16", FINDING_WARNING,
	    N_("a member's cases of the last year were handled on time at "
	    "least at the rate set"), keys_on_time },
	{ "ROSTER-RETIRED-GRID", "Art. 5", FINDING_ERROR,
	    N_("nobody serves a retired grid, or one not in the database"),
	    NULL },
	{ "ROSTER-TWO-GRIDS", "Art. 5", FINDING_ERROR,
	    N_("nobody serves two grids at once"), NULL },
};
const size_t roster_audit_nrules = sizeof roster_audit_rules /
    sizeof roster_audit_rules[0];

int
roster_audit_visit_late(gk_day last, gk_day as_of, int visit_days)
{
	return as_of - last > visit_days;
}

int
roster_audit_rate_low(long long on_time, long long counted, int percent)
{
	return counted > 0 && on_time * 100 < (long long)percent * counted;
}

/* What is known of a fact of a row. */
enum { UNKNOWN, KNOWN };

/* One assignment of the roster (a row of a file, or of the database). */
struct member {
	long long person;		/* staff id, or 0: none given */
	unsigned long line;		/* the file's line, 0 from the db */
	const char *name;
	const char *idnum;		/* as given ("" none), maybe masked */
	const char *work_phone;		/* the board's phone, or NULL */
	const char *education;		/* as given */
	const char *nationality;	/* canonical, or NULL: unknown */
	const char *grid;		/* 15 digits */
	const char *role;		/* canonical (static) */
	gk_day started;			/* -1 when unknown */
	int bars[ROSTER_NBARS];		/* 1 yes, 0 no, -1 not declared */
	unsigned char has_idnum;	/* KNOWN: idnum is a real number or
					   absent, not masked */
	unsigned char has_bars;		/* KNOWN: bars given */
	unsigned char has_phone;	/* KNOWN: work_phone given */
};

/* A grid, for the staffing rules. */
struct grid {
	char code[16];
	signed char urban;		/* 1 urban, 0 not, -1 unknown */
	unsigned char active;		/* 1 active */
	unsigned char named;		/* the roster names it */
	unsigned char in_db;		/* the database has it */
	unsigned leaders, full_time;	/* serving it */
};

/* Strings kept for the run, in big blocks freed at the end. */
struct block {
	struct block *next;
	size_t used, size;
	char buf[];
};

struct run {
	const struct config *cfg;
	struct findings *f;
	const struct roster_audit_opts *o;
	struct db *db;
	gk_day as_of;
	const char *file;		/* the file's name, or NULL: db */
	struct member *m;		/* the roster */
	size_t n, cap;
	struct grid *g;			/* grids, by code */
	size_t ng, capg;
	int have_grids_db;		/* g holds the database's grids */
	struct block *blocks;
	unsigned long bad;		/* bad rows of a file */
	size_t no_person;		/* rows with no staff id */
};

static const char *
keep(struct run *run, const char *s)
{
	size_t len;
	struct block *b;
	char *p;

	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	b = run->blocks;
	if (b == NULL || b->size - b->used < len) {
		size_t size = len > 65536 ? len : 65536;

		b = emalloc(sizeof *b + size);
		b->next = run->blocks;
		b->used = 0;
		b->size = size;
		run->blocks = b;
	}
	p = b->buf + b->used;
	memcpy(p, s, len);
	b->used += len;
	return p;
}

static struct member *
new_member(struct run *run)
{
	struct member *m;

	if (run->n == run->cap) {
		run->cap = run->cap ? 2 * run->cap : 1024;
		run->m = ereallocarray(run->m, run->cap, sizeof *run->m);
	}
	m = &run->m[run->n++];
	memset(m, 0, sizeof *m);
	m->started = -1;
	return m;
}

static const char *
canonical_nationality(const char *s)
{
	const struct vocab_entry *e;

	if (s == NULL || *s == '\0')
		return "";
	e = vocab_find(VOCAB_NATIONALITY, s);
	return e != NULL ? e->name : s;
}

/* The roster of the database. */
static int
db_member(const struct roster_fact *fa, void *arg)
{
	struct run *run = arg;
	struct member *m;
	const char *why;
	int i;

	/* A bound operator audits the staff of the jurisdiction. */
	if (!juris_readable(fa->grid))
		return GK_OK;
	m = new_member(run);
	m->person = fa->person;
	m->name = keep(run, fa->name);
	m->idnum = keep(run, fa->id_number);
	m->work_phone = keep(run, fa->work_phone);
	m->education = keep(run, fa->education);
	m->nationality = keep(run, canonical_nationality(fa->nationality));
	m->grid = keep(run, fa->grid);
	m->role = staff_role_parse(fa->role);
	if (m->role == NULL)
		m->role = keep(run, fa->role);
	if (day_parse(fa->started, &m->started, &why) == -1)
		m->started = -1;
	for (i = 0; i < ROSTER_NBARS; i++)
		m->bars[i] = fa->bars[i];
	m->has_idnum = m->has_bars = m->has_phone = KNOWN;
	return GK_OK;
}

/* The fields of a roster file. */
enum {
	F_ID, F_NAME, F_IDNUM, F_PHONE, F_WORK_PHONE, F_EDUCATION, F_GRID,
	F_ROLE, F_STATUS, F_STARTED, F_ENDED, F_NATIONALITY,
	F_INVESTIGATION, F_PENALIZED, F_EXPELLED, F_STAGE, F_APPLIED, NFIELDS
};
static const char *const field_names[NFIELDS] = {
	"id", "name", "id_number", "phone", "work_phone", "education", "grid",
	"role", "status", "started", "ended", "nationality",
	"under_investigation", "penalized", "expelled",
	/* Columns of `staff-hire list` an audit does not use, bound so
	 * that they are not warned about. */
	"stage", "applied"
};

/* Reports a bad field of the current record. */
static void
bad(struct recin *r, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
bad(struct recin *r, size_t i, const char *fmt, ...)
{
	struct sb msg = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	diag_at(recin_name(r), recin_field_line(r, i), recin_col(r, i),
	    _("field \"%s\": %s"), recin_header(r, i), msg.buf);
	sb_release(&msg);
}

static const char *
given(const struct recin *r, size_t i)
{
	const char *s = recin_get(r, i);

	return s != NULL && *s != '\0' ? s : NULL;
}

/* Fills what a file's row lacks from the database's record of the
 * person. */
static int
fill_from_db(const struct roster_fact *fa, void *arg)
{
	struct run *run = arg;
	struct member *m = &run->m[run->n - 1];
	int i;

	if (m->has_idnum != KNOWN) {
		m->idnum = keep(run, fa->id_number);
		m->has_idnum = KNOWN;
	}
	if (m->nationality == NULL)
		m->nationality = keep(run,
		    canonical_nationality(fa->nationality));
	if (m->has_bars != KNOWN) {
		for (i = 0; i < ROSTER_NBARS; i++)
			m->bars[i] = fa->bars[i];
		m->has_bars = KNOWN;
	}
	if (m->has_phone != KNOWN) {
		m->work_phone = keep(run, fa->work_phone);
		m->has_phone = KNOWN;
	}
	if (*m->education == '\0')
		m->education = keep(run, fa->education);
	return GK_OK;
}

/* Reads one record of a file; 0 taken, 1 passed over (not serving),
 * -1 bad (reported), or -status (above 1) of a database error. */
static int
read_row(struct run *run, struct recin *r)
{
	const struct vocab_entry *ve;
	struct member *m;
	struct grid_code gc;
	char buf[64], q[DIAG_QUOTE_MAX], expl[VOCAB_EXPLAIN_MAX];
	const char *s, *why, *role;
	long long id = 0;
	gk_day started = -1;
	int i, bars[ROSTER_NBARS], ok = 0, b;

	if ((s = given(r, F_STATUS)) != NULL) {
		ve = vocab_find(VOCAB_PERSON_STATUS, s);
		if (ve == NULL) {
			bad(r, F_STATUS, "%s", vocab_explain(
			    VOCAB_PERSON_STATUS, s, expl, sizeof expl));
			return -1;
		}
		if (strcmp(ve->name, "staff") != 0)
			return 1;
	}
	if (given(r, F_ENDED) != NULL)
		return 1;
	if ((s = given(r, F_ID)) != NULL) {
		util_fold_code(s, buf, sizeof buf);
		if (util_parse_long(buf, 1, 999999999999LL, &id, &why) == -1) {
			bad(r, F_ID, "%s: %s", diag_quote(q, sizeof q, s),
			    _(why));
			ok = -1;
		}
	}
	s = recin_get(r, F_ROLE);
	if (s == NULL || (role = staff_role_parse(s)) == NULL) {
		bad(r, F_ROLE, "%s", vocab_explain(VOCAB_ROLE, s ? s : "",
		    expl, sizeof expl));
		ok = -1;
		role = NULL;
	}
	s = recin_get(r, F_GRID);
	util_fold_code(s ? s : "", buf, sizeof buf);
	if (code_parse_grid(buf, &gc, &why) == -1) {
		bad(r, F_GRID, "%s: %s", diag_quote(q, sizeof q, s ? s : ""),
		    why);
		ok = -1;
	} else if (!juris_readable(gc.code)) {
		/* The rules would read the database outside the
		 * operator's jurisdiction about this row. */
		snprintf(q, sizeof q, "%s:%lu", recin_name(r), recin_line(r));
		return -juris_read(q, gc.code);
	}
	if ((s = given(r, F_STARTED)) != NULL &&
	    day_parse(s, &started, &why) == -1) {
		bad(r, F_STARTED, "%s: %s", diag_quote(q, sizeof q, s), why);
		ok = -1;
	}
	for (i = 0; i < ROSTER_NBARS; i++) {
		bars[i] = -1;
		if (recin_get(r, F_INVESTIGATION + i) == NULL)
			continue;
		if ((b = staff_flag_parse(recin_get(r, F_INVESTIGATION + i)))
		    == -1) {
			bad(r, F_INVESTIGATION + i, "%s", vocab_explain(
			    VOCAB_FLAG, recin_get(r, F_INVESTIGATION + i),
			    expl, sizeof expl));
			ok = -1;
		}
		bars[i] = b;
	}
	if (ok == -1)
		return -1;
	m = new_member(run);
	m->person = id;
	m->line = recin_line(r);
	m->name = keep(run, given(r, F_NAME) ? given(r, F_NAME) : "");
	s = given(r, F_IDNUM);
	util_fold_code(s ? s : "", buf, sizeof buf);
	m->idnum = keep(run, buf);
	m->has_idnum = recin_get(r, F_IDNUM) != NULL && strchr(buf, '*') ==
	    NULL ? KNOWN : UNKNOWN;
	if (recin_get(r, F_WORK_PHONE) != NULL) {
		m->work_phone = keep(run, given(r, F_WORK_PHONE));
		m->has_phone = KNOWN;
	}
	m->education = keep(run, given(r, F_EDUCATION) ?
	    given(r, F_EDUCATION) : "");
	if (recin_get(r, F_NATIONALITY) != NULL)
		m->nationality = keep(run, canonical_nationality(
		    recin_get(r, F_NATIONALITY)));
	m->grid = keep(run, gc.code);
	m->role = role;
	m->started = started;
	m->has_bars = recin_get(r, F_INVESTIGATION) != NULL ||
	    recin_get(r, F_PENALIZED) != NULL ||
	    recin_get(r, F_EXPELLED) != NULL ? KNOWN : UNKNOWN;
	for (i = 0; i < ROSTER_NBARS; i++)
		m->bars[i] = bars[i];
	if (run->db != NULL && id != 0 && (m->has_idnum != KNOWN ||
	    m->nationality == NULL || m->has_bars != KNOWN ||
	    m->has_phone != KNOWN || *m->education == '\0') &&
	    (i = roster_person(run->db, id, fill_from_db, run)) != GK_OK)
		return -i;
	return 0;
}

/* Aliases of a field with no columns.* key of its own: a Chinese
 * header as `staff-hire list` prints it for people. */
static const char *const alias_status[] = { "状态", "人员状态", NULL };
static const char *const alias_started[] = { "上岗日期", "上岗时间", NULL };
static const char *const alias_ended[] = { "离岗日期", "离岗时间", NULL };
static const char *const alias_stage[] = { "阶段", NULL };
static const char *const alias_applied[] = { "报名日期", NULL };

/* The aliases of the id field: those of the staff field and 编号. */
static const char *const *
id_aliases(const struct config *cfg, const char **buf, size_t n)
{
	const char *const *l = config_aliases(cfg, "staff");
	size_t k = 0;

	buf[k++] = "编号";
	for (; *l != NULL && k + 1 < n; l++)
		buf[k++] = *l;
	buf[k] = NULL;
	return buf;
}

static int
read_file(struct run *run)
{
	struct recin_field fields[NFIELDS];
	struct recin *r = NULL;
	const char *idal[64];
	size_t i;
	int rc;

	for (i = 0; i < NFIELDS; i++) {
		fields[i].name = field_names[i];
		fields[i].required = i == F_GRID || i == F_ROLE;
		switch (i) {
		case F_ID:
			fields[i].aliases = id_aliases(run->cfg, idal,
			    sizeof idal / sizeof idal[0]);
			break;
		case F_NAME:
			fields[i].aliases = config_aliases(run->cfg,
			    "person_name");
			break;
		case F_STATUS:
			fields[i].aliases = alias_status;
			break;
		case F_STARTED:
			fields[i].aliases = alias_started;
			break;
		case F_ENDED:
			fields[i].aliases = alias_ended;
			break;
		case F_STAGE:
			fields[i].aliases = alias_stage;
			break;
		case F_APPLIED:
			fields[i].aliases = alias_applied;
			break;
		default:
			fields[i].aliases = config_aliases(run->cfg,
			    field_names[i]);
		}
	}
	if ((rc = recin_open(&r, run->o->path, run->o->in)) != GK_OK)
		return rc;
	if ((rc = recin_bind(r, fields, NFIELDS)) != GK_OK)
		goto done;
	while ((rc = recin_next(r)) > 0) {
		int got;

		if (rc == 2)
			run->bad++;
		else if ((got = read_row(run, r)) == -1)
			run->bad++;
		else if (got < -1) {
			rc = got;
			break;
		}
		if (run->bad >= (unsigned long)run->o->max_errors) {
			diag_error(_("%s: %lu bad rows; stopped there"),
			    recin_name(r), run->bad);
			rc = 0;
			break;
		}
	}
	if (rc < 0)
		rc = -rc;
	else if (run->bad > 0) {
		diag_error(_("%s: %lu bad rows; nothing checked"),
		    recin_name(r), run->bad);
		rc = GK_DATAERR;
	} else
		rc = GK_OK;
done:
	run->file = keep(run, recin_name(r));
	recin_close(r);
	return rc;
}

/* The grids. */
static int
cmp_grid(const void *a, const void *b)
{
	return strcmp(((const struct grid *)a)->code,
	    ((const struct grid *)b)->code);
}

static struct grid *
add_grid(struct run *run, const char *code)
{
	struct grid *g;

	if (run->ng == run->capg) {
		run->capg = run->capg ? 2 * run->capg : 1024;
		run->g = ereallocarray(run->g, run->capg, sizeof *run->g);
	}
	g = &run->g[run->ng++];
	memset(g, 0, sizeof *g);
	snprintf(g->code, sizeof g->code, "%s", code);
	return g;
}

static int
db_grid(const char *code, const char *kind, const char *status, void *arg)
{
	struct run *run = arg;
	struct grid *g;

	if (!juris_readable(code))
		return GK_OK;
	g = add_grid(run, code);
	g->urban = strcmp(kind, "urban") == 0;
	g->active = strcmp(status, "active") == 0;
	g->in_db = 1;
	return GK_OK;
}

static struct grid *
find_grid(struct run *run, const char *code)
{
	struct grid key;

	if (run->ng == 0)
		return NULL;
	snprintf(key.code, sizeof key.code, "%s", code);
	return bsearch(&key, run->g, run->ng, sizeof *run->g, cmp_grid);
}

/* The grids of the database when there is one; else those the file
 * names, their kind from the village code (digits 10-12). */
static int
load_grids(struct run *run)
{
	struct area_code ac;
	struct grid *g;
	const char *why;
	char village[13];
	size_t i, k;
	int rc;

	if (run->db != NULL) {
		if ((rc = grid_each(run->db, db_grid, run)) != GK_OK)
			return rc;
		run->have_grids_db = 1;
		/* grid_each gives them by code: sorted already. */
		return GK_OK;
	}
	for (i = 0; i < run->n; i++) {
		g = add_grid(run, run->m[i].grid);
		memcpy(village, run->m[i].grid, 12);
		village[12] = '\0';
		g->urban = code_parse_area(village, &ac, &why) == 0 ?
		    (ac.urban >= 0 ? ac.urban : -1) : -1;
		g->active = 1;
	}
	if (run->ng > 1)
		qsort(run->g, run->ng, sizeof *run->g, cmp_grid);
	for (i = k = 0; i < run->ng; i++)
		if (k == 0 || strcmp(run->g[k - 1].code, run->g[i].code) != 0)
			run->g[k++] = run->g[i];
	run->ng = k;
	return GK_OK;
}

/* The subject of a member: the staff id, else the file's line. */
static const char *
subject(const struct run *run, const struct member *m, char *buf, size_t n)
{
	if (m->person != 0)
		snprintf(buf, n, "%lld", m->person);
	else
		snprintf(buf, n, "%s:%lu", run->file ? run->file : "-",
		    m->line);
	return buf;
}

/* Who a member is, for a detail sentence: "staff 17 (张伟)". */
static const char *
who(const struct run *run, const struct member *m, char *buf, size_t n)
{
	if (m->person != 0)
		snprintf(buf, n, P_("staff %lld (%s)"), m->person, m->name);
	else
		snprintf(buf, n, P_("%s (line %lu)"), m->name, m->line);
	return buf;
}

/* The rules about the person, on the first row of each. */
static void
check_person(struct run *run, const struct member *m)
{
	struct idnum id;
	char subj[96], w[256], why[IDNUM_WHY_MAX], vals[256], masked[64];
	const char *want = config_str(run->cfg, "staff.nationality");
	int age, min_age = (int)config_int(run->cfg, "staff.min_age");
	int valid = 0, i;
	static const char *const bar_names[ROSTER_NBARS] = {
		"under_investigation", "penalized", "expelled"
	};

	subject(run, m, subj, sizeof subj);
	who(run, m, w, sizeof w);
	if (m->has_idnum != KNOWN) {
		findings_skipped(run->f, "ART9-ID-NUMBER", _("identity "
		    "numbers are masked in the roster (list it with "
		    "--reveal, or give a database)"));
		findings_skipped(run->f, "ART9-AGE", _("identity numbers "
		    "are masked in the roster (list it with --reveal, or give "
		    "a database)"));
	} else if (*m->idnum == '\0') {
		findings_add(run->f, "ART9-ID-NUMBER", subj, "id_number=",
		    P_("%s has no identity number: register them under "
		    "their real name"), w);
	} else if (idnum_parse(m->idnum, run->as_of, &id, why,
	    sizeof why) == -1) {
		idnum_mask(m->idnum, masked, sizeof masked);
		snprintf(vals, sizeof vals, "id_number=%s", masked);
		findings_add(run->f, "ART9-ID-NUMBER", subj, vals,
		    P_("%s: identity number %s is not valid (%s): correct "
		    "it from their identity card"), w, masked, why);
	} else
		valid = 1;
	if (valid && (age = idnum_age(&id, run->as_of)) < min_age) {
		snprintf(vals, sizeof vals, "age=%d min_age=%d", age, min_age);
		findings_add(run->f, "ART9-AGE", subj, vals,
		    P_("%s is %d years old, under the minimum age of %d"),
		    w, age, min_age);
	}
	if (m->nationality == NULL)
		findings_skipped(run->f, "ART9-NATIONALITY", _("the roster "
		    "has no nationality column (give a database)"));
	else if (strcmp(m->nationality, canonical_nationality(want)) != 0 ||
	    (valid && idnum_foreign_resident(&id))) {
		snprintf(vals, sizeof vals, "nationality=%s required=%s",
		    *m->nationality ? m->nationality : "none",
		    canonical_nationality(want));
		findings_add(run->f, "ART9-NATIONALITY", subj, vals,
		    P_("%s: nationality %s, but %s is required"), w,
		    *m->nationality ? m->nationality : P_("not recorded"),
		    canonical_nationality(want));
	}
	if (m->has_bars != KNOWN)
		findings_skipped(run->f, "ART9-BAR", _("the roster has no "
		    "columns of the bars of Art. 9 (give a database)"));
	else {
		struct sb v = SB_INIT;

		for (i = 0; i < ROSTER_NBARS; i++)
			if (m->bars[i] == 1)
				sb_addf(&v, "%s%s=yes", v.len ? " " : "",
				    bar_names[i]);
		if (v.len > 0)
			findings_add(run->f, "ART9-BAR", subj, v.buf,
			    P_("%s has declared a bar of Art. 9 (%s): they "
			    "may not serve"), w, v.buf);
		sb_release(&v);
	}
	if (m->has_phone != KNOWN)
		findings_skipped(run->f, "ART5-BOARD-PHONE", _("the roster "
		    "has no work_phone column (give a database)"));
	else if (m->work_phone == NULL || *m->work_phone == '\0')
		findings_add(run->f, "ART5-BOARD-PHONE", subj, NULL,
		    P_("%s has no public work phone for the bulletin board: "
		    "record one (staff-hire contacts)"), w);
}

/* The rules about one assignment. */
static void
check_assignment(struct run *run, const struct member *m)
{
	char subj[96], w[256], vals[256], key[64];
	const char *min;
	struct grid *g;
	int have, need;

	subject(run, m, subj, sizeof subj);
	who(run, m, w, sizeof w);
	snprintf(key, sizeof key, "staff.min_education.%s", m->role);
	min = config_str(run->cfg, key);
	have = staff_education_parse(m->education);
	need = staff_education_parse(min);
	if (have < need) {
		snprintf(vals, sizeof vals, "role=%s education=%s min=%s",
		    m->role, *m->education ? m->education : "none", min);
		findings_add(run->f, "ART9-EDUCATION", subj, vals,
		    P_("%s: education %s is below %s, the least for a %s"),
		    w, *m->education ? m->education : P_("not recorded"),
		    min, vocab_record(VOCAB_ROLE, m->role));
	}
	g = find_grid(run, m->grid);
	if (g != NULL) {
		g->named = 1;
		g->leaders += strcmp(m->role, "leader") == 0;
		g->full_time += strcmp(m->role, "full_time") == 0;
	}
	if (!run->have_grids_db)
		findings_skipped(run->f, "ROSTER-RETIRED-GRID",
		    _("no database to look the grids up in"));
	else if (g == NULL || !g->active) {
		snprintf(vals, sizeof vals, "grid=%s status=%s", m->grid,
		    g == NULL ? "missing" : "retired");
		findings_add(run->f, "ROSTER-RETIRED-GRID", subj, vals,
		    g == NULL ? P_("%s serves grid %s, which is not in the "
		    "database") : P_("%s serves grid %s, which is retired: "
		    "end or move the assignment"), w, m->grid);
	}
}

/* The weekly visit of Art. 6, for grid members. */
static int
check_visit(struct run *run, const struct member *m)
{
	char subj[96], w[256], vals[256], d[DAY_ISO_MAX];
	int days = (int)config_int(run->cfg, "audit.visit_days");
	gk_day last = -1, ref;
	int rc;

	if (strcmp(m->role, "full_time") != 0 &&
	    strcmp(m->role, "part_time") != 0)
		return GK_OK;
	if (m->person == 0) {
		findings_skipped(run->f, "ART6-WEEKLY-VISIT", _("rows with "
		    "no staff id cannot be matched with visits"));
		return GK_OK;
	}
	if ((rc = visit_last(run->db, m->person, m->grid, run->as_of, &last))
	    < 0)
		return -rc;
	ref = rc == 1 ? last : -1;
	if (m->started > ref)
		ref = m->started;
	if (ref < 0 || !roster_audit_visit_late(ref, run->as_of, days))
		return GK_OK;
	subject(run, m, subj, sizeof subj);
	who(run, m, w, sizeof w);
	if (rc == 1) {
		day_format(last, d);
		snprintf(vals, sizeof vals, "grid=%s last_visit=%s days=%ld "
		    "visit_days=%d", m->grid, d, (long)(run->as_of - last),
		    days);
		findings_add(run->f, "ART6-WEEKLY-VISIT", subj, vals,
		    P_("%s last visited grid %s on %s, %ld days ago (at "
		    "least every %d days): record the visits or see to them"),
		    w, m->grid, d, (long)(run->as_of - last), days);
	} else {
		snprintf(vals, sizeof vals, "grid=%s last_visit=none "
		    "visit_days=%d", m->grid, days);
		findings_add(run->f, "ART6-WEEKLY-VISIT", subj, vals,
		    P_("%s has no recorded visit to grid %s (at least every "
		    "%d days): record the visits or see to them"), w,
		    m->grid, days);
	}
	return GK_OK;
}

/* One person of the roster, for the rules over a year. */
struct person {
	long long id;
	const struct member *m;		/* their first row */
	gk_day started;			/* their earliest start, or -1 */
	long long train[4];		/* sessions by level, province first */
	int seen;			/* case figures found */
	struct case_figures cf;
};

struct people {
	struct person *p;
	size_t n;
};

static int
cmp_person(const void *a, const void *b)
{
	const struct person *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static struct person *
find_person(struct people *pp, long long id)
{
	struct person key;

	key.id = id;
	return bsearch(&key, pp->p, pp->n, sizeof *pp->p, cmp_person);
}

static const char *const levels[4] = {
	"province", "city", "county", "township"
};

static int
add_training(long long person, const char *level, long long sessions,
    void *arg)
{
	struct person *p = find_person(arg, person);
	int i;

	if (p == NULL)
		return GK_OK;
	for (i = 0; i < 4; i++)
		if (strcmp(level, levels[i]) == 0)
			p->train[i] = sessions;
	return GK_OK;
}

static int
add_figures(const struct case_figures *cf, void *arg)
{
	struct person *p = find_person(arg, cf->person);

	if (p != NULL) {
		p->cf = *cf;
		p->seen = 1;
	}
	return GK_OK;
}

/* The year before the audit: 365 days ending on it. */
#define YEAR_DAYS 365

static int
check_year(struct run *run, struct people *pp)
{
	char subj[96], w[256], vals[256], key[64];
	gk_day first = run->as_of - YEAR_DAYS + 1;
	int pct = (int)config_int(run->cfg, "audit.on_time_percent");
	long long maxc = config_int(run->cfg, "audit.max_cards"), min;
	size_t i;
	int rc, l;

	if (findings_enabled(run->f, "ART14-TRAINING") &&
	    (rc = roster_training(run->db, first, run->as_of, add_training,
	    pp)) != GK_OK)
		return rc;
	if ((findings_enabled(run->f, "ART16-ON-TIME") ||
	    findings_enabled(run->f, "ART16-CARDS")) &&
	    (rc = case_figures(run->db, first, run->as_of, clock_now(),
	    add_figures, pp)) != GK_OK)
		return rc;
	for (i = 0; i < pp->n; i++) {
		struct person *p = &pp->p[i];

		subject(run, p->m, subj, sizeof subj);
		who(run, p->m, w, sizeof w);
		/* Only those who served the whole year owe its training. */
		for (l = 0; l < 4 && p->started >= 0 &&
		    p->started <= first; l++) {
			snprintf(key, sizeof key, "training.min_per_year.%s",
			    levels[l]);
			min = config_int(run->cfg, key);
			if (p->train[l] >= min)
				continue;
			snprintf(vals, sizeof vals, "level=%s sessions=%lld "
			    "min=%lld", levels[l], p->train[l], min);
			findings_add(run->f, "ART14-TRAINING", subj, vals,
			    P_("%s attended %lld %s-level training sessions "
			    "in the year, fewer than %lld"), w, p->train[l],
			    vocab_record(VOCAB_TRAIN_LEVEL, levels[l]), min);
		}
		if (!p->seen)
			continue;
		if (pct > 0 && roster_audit_rate_low(p->cf.on_time,
		    p->cf.closed + p->cf.overdue, pct)) {
			snprintf(vals, sizeof vals, "on_time=%lld counted=%lld "
			    "rate=%lld min=%d", p->cf.on_time,
			    p->cf.closed + p->cf.overdue, p->cf.on_time * 100 /
			    (p->cf.closed + p->cf.overdue), pct);
			findings_add(run->f, "ART16-ON-TIME", subj, vals,
			    P_("%s handled %lld of %lld cases on time in the "
			    "year, below %d%%"), w, p->cf.on_time,
			    p->cf.closed + p->cf.overdue, pct);
		}
		if (p->cf.cards > maxc) {
			snprintf(vals, sizeof vals, "cards=%lld max=%lld",
			    p->cf.cards, maxc);
			findings_add(run->f, "ART16-CARDS", subj, vals,
			    P_("the cases assigned to %s drew %lld supervision "
			    "cards in the year, more than %lld"), w,
			    p->cf.cards, maxc);
		}
	}
	return GK_OK;
}

static int
cmp_member(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if ((c = strcmp(x->grid, y->grid)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The rules over the people and their assignments. */
static int
check_members(struct run *run)
{
	struct people pp = { NULL, 0 };
	struct sb grids = SB_INIT;
	char subj[96], w[256];
	size_t i, j, k;
	int rc = GK_OK, ngrids;

	pp.p = ereallocarray(NULL, run->n ? run->n : 1, sizeof *pp.p);
	for (i = 0; i < run->n; i = j) {
		const struct member *m = &run->m[i];

		/* The rows of one person (each row is its own person when
		 * no staff id says who it is). */
		for (j = i + 1; m->person != 0 && j < run->n &&
		    run->m[j].person == m->person; j++)
			;
		check_person(run, m);
		sb_reset(&grids);
		ngrids = 0;
		for (k = i; k < j; k++) {
			check_assignment(run, &run->m[k]);
			if (k == i || strcmp(run->m[k].grid,
			    run->m[k - 1].grid) != 0) {
				sb_addf(&grids, "%s%s", ngrids ? "," : "",
				    run->m[k].grid);
				ngrids++;
			}
			if (run->db != NULL &&
			    findings_enabled(run->f, "ART6-WEEKLY-VISIT") &&
			    (rc = check_visit(run, &run->m[k])) != GK_OK)
				goto done;
		}
		if (ngrids > 1) {
			struct sb v = SB_INIT;

			sb_addf(&v, "grids=%s", grids.buf);
			findings_add(run->f, "ROSTER-TWO-GRIDS",
			    subject(run, m, subj, sizeof subj), v.buf,
			    P_("%s serves %d grids at once (%s): end all but "
			    "one assignment"), who(run, m, w, sizeof w),
			    ngrids, grids.buf);
			sb_release(&v);
		}
		if (m->person != 0) {
			struct person *p = &pp.p[pp.n++];

			memset(p, 0, sizeof *p);
			p->id = m->person;
			p->m = m;
			p->started = -1;
			for (k = i; k < j; k++)
				if (run->m[k].started >= 0 && (p->started < 0 ||
				    run->m[k].started < p->started))
					p->started = run->m[k].started;
		}
	}
	if (run->db == NULL) {
		findings_skipped(run->f, "ART6-WEEKLY-VISIT",
		    _("no database to find the visits in"));
		findings_skipped(run->f, "ART14-TRAINING",
		    _("no database to find the training in"));
		findings_skipped(run->f, "ART16-ON-TIME",
		    _("no database to find the cases in"));
		findings_skipped(run->f, "ART16-CARDS",
		    _("no database to find the cases in"));
	} else
		rc = check_year(run, &pp);
done:
	sb_release(&grids);
	free(pp.p);
	return rc;
}

/* The staffing of every grid checked (Art. 5, 8). */
static void
check_grids(struct run *run)
{
	size_t i;

	for (i = 0; i < run->ng; i++) {
		const struct grid *g = &run->g[i];

		if (!g->active || (run->file != NULL && !g->named))
			continue;
		if (g->leaders == 0)
			findings_add(run->f, "ART5-GRID-LEADER", g->code,
			    "leaders=0", P_("grid %s has no grid leader: "
			    "appoint one"), g->code);
		if (g->urban == 1 && g->full_time == 0)
			findings_add(run->f, "ART8-URBAN-FULLTIME", g->code,
			    "full_time=0", P_("urban grid %s has no "
			    "full-time grid member: hire or assign one"),
			    g->code);
	}
}

struct vac_run {
	struct run *run;
	int days;
};

static int
check_vacancy(const struct roster_vacancy *v, void *arg)
{
	struct vac_run *vr = arg;
	struct run *run = vr->run;
	char vals[192];
	const char *why;
	gk_day since;
	long open;

	if (!juris_readable(v->grid) ||
	    day_parse(v->since, &since, &why) == -1)
		return GK_OK;
	open = (long)(run->as_of - since);
	if (open <= vr->days)
		return GK_OK;
	snprintf(vals, sizeof vals, "role=%s since=%s days_open=%ld "
	    "vacancy_days=%d", v->role, v->since, open, vr->days);
	findings_add(run->f, "ART10-VACANCY", v->grid, vals,
	    P_("grid %s: the post of %s open since %s (%ld days, more than "
	    "%d): fill it"), v->grid, vocab_record(VOCAB_ROLE, v->role),
	    v->since, open, vr->days);
	return GK_OK;
}

int
roster_audit(struct db *db, const struct config *cfg,
    const struct roster_audit_opts *o, struct findings *f)
{
	struct run run;
	struct vac_run vr;
	struct block *b;
	int rc;

	memset(&run, 0, sizeof run);
	run.cfg = cfg;
	run.f = f;
	run.o = o;
	run.db = db;
	run.as_of = findings_as_of(f);
	if (o->path != NULL) {
		if ((rc = read_file(&run)) != GK_OK)
			goto done;
		if (run.n > 1)
			qsort(run.m, run.n, sizeof *run.m, cmp_member);
	} else if ((rc = roster_serving(db, run.as_of, db_member, &run)) !=
	    GK_OK)
		goto done;
	if ((rc = load_grids(&run)) != GK_OK)
		goto done;
	if ((rc = check_members(&run)) != GK_OK)
		goto done;
	check_grids(&run);
	if (db != NULL && findings_enabled(f, "ART10-VACANCY")) {
		vr.run = &run;
		vr.days = (int)config_int(cfg, "staff.vacancy_days");
		rc = roster_open_vacancies(db, run.as_of, check_vacancy, &vr);
	} else if (db == NULL)
		findings_skipped(f, "ART10-VACANCY",
		    _("no database to find the vacancies in"));
done:
	while ((b = run.blocks) != NULL) {
		run.blocks = b->next;
		free(b);
	}
	free(run.m);
	free(run.g);
	return rc;
}
