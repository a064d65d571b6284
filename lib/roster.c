/*
 * roster.c - looking at staff: the roster, one person, the ranking of
 * candidates; and training records (Art. 14).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "batch.h"
#include "clock.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "idnum.h"
#include "mask.h"
#include "phrase.h"
#include "recin.h"
#include "roster_sql.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* The roster: for people (a table, --excel: the 花名册 the leadership
 * opens in Excel) the headers are Chinese and the words of the
 * vocabularies their Chinese names; for scripts, canonical. */
const struct recout_col staff_list_cols[] = {
	{ NC_("column", "id"), RC_INT },
	{ NC_("column", "name"), RC_STR },
	{ NC_("column", "id_number"), RC_STR },
	{ NC_("column", "phone"), RC_STR },
	{ NC_("column", "education"), RC_STR, "education" },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "role"), RC_STR, "role" },
	{ NC_("column", "stage"), RC_STR, "stage" },
	{ NC_("column", "status"), RC_STR, "person_status" },
	{ NC_("column", "applied"), RC_STR },
	{ NC_("column", "started"), RC_STR },
	{ NC_("column", "ended"), RC_STR },
};
const size_t staff_list_ncols = sizeof staff_list_cols /
    sizeof staff_list_cols[0];

/* Personal data as printed: masked unless revealed. */
static const char *
shown_id(const char *s, int reveal, char *buf, size_t n)
{
	return reveal ? s : idnum_mask(s, buf, n);
}

static const char *
shown_phone(const char *s, int reveal, char *buf, size_t n)
{
	return reveal ? s : mask_phone(s, buf, n);
}

/*
 * The roster: one row per assignment being served; a person serving
 * none (a candidate, one who left) has one row with their last
 * assignment or, never hired, the grid and role applied for.  Each
 * statement is the union of those three; what differs is how each
 * part finds its people (roster_sql.h), and the filters after the
 * union are the same in all three.
 */
/* The day of a person's latest application (applications_person). */
#define APPLIED \
	"substr(coalesce((SELECT max(x.applied) FROM applications x " \
	"WHERE x.person = p.id), p.created), 1, 10)"
#define LIST_SERVING \
	"SELECT p.id AS id, p.name AS name, p.id_number AS id_number, " \
	"p.phone AS phone, p.education AS education, a.grid AS grid, " \
	"a.role AS role, p.stage AS stage, p.status AS status, " \
	APPLIED " AS applied, a.started AS started, " \
	"a.ended AS ended FROM assignments a JOIN people p ON p.id = a.person "
#define LIST_NEVER \
	"SELECT p.id, p.name, p.id_number, p.phone, p.education, p.grid, " \
	"p.role, p.stage, p.status, " APPLIED ", NULL, NULL " \
	"FROM people p "
#define LIST_LAST \
	"SELECT p.id, p.name, p.id_number, p.phone, p.education, a.grid, " \
	"a.role, p.stage, p.status, " APPLIED ", a.started, " \
	"a.ended FROM assignments a JOIN people p ON p.id = a.person "
/* Of a person p: no assignment at all; a is the last one; none is
 * being served. */
#define NO_ASSIGNMENT \
	"NOT EXISTS (SELECT 1 FROM assignments y WHERE y.person = p.id)"
#define IS_LAST \
	"a.id = (SELECT max(x.id) FROM assignments x WHERE x.person = p.id)"
#define NONE_SERVED \
	"NOT EXISTS (SELECT 1 FROM assignments y WHERE y.person = p.id " \
	"AND y.ended IS NULL)"
#define LIST_FILTER \
	") r WHERE r.grid BETWEEN ?1 AND ?2 " \
	"AND (CAST(?3 AS TEXT) IS NULL OR r.role = ?3) " \
	"AND (CAST(?4 AS TEXT) IS NULL OR (r.stage = ?4 AND r.status IN " \
	"('candidate', 'staff'))) " \
	"AND (?5 = 0 OR r.status = 'staff') ORDER BY r.id, r.grid"
/* Those in the procedure at stage ?4; serving staff. */
#define AT_STAGE "p.stage = ?4 AND p.status IN ('candidate', 'staff')"
#define SERVING "p.status = 'staff'"

const char *const roster_sql[ROSTER_NQUERIES] = {
	[ROSTER_LIST_AREA] = "SELECT * FROM ("
	    LIST_SERVING "WHERE a.grid BETWEEN ?1 AND ?2 AND a.ended IS NULL "
	    "UNION ALL "
	    LIST_NEVER "WHERE p.grid BETWEEN ?1 AND ?2 AND " NO_ASSIGNMENT " "
	    "UNION ALL "
	    LIST_LAST "WHERE a.grid BETWEEN ?1 AND ?2 AND a.ended IS NOT NULL "
	    "AND " IS_LAST " AND " NONE_SERVED
	    LIST_FILTER,
	[ROSTER_LIST_STAGE] = "SELECT * FROM ("
	    LIST_SERVING "AND a.ended IS NULL WHERE " AT_STAGE " "
	    "UNION ALL "
	    LIST_NEVER "WHERE " AT_STAGE " AND " NO_ASSIGNMENT " "
	    "UNION ALL "
	    LIST_LAST "AND " IS_LAST " WHERE " AT_STAGE " AND " NONE_SERVED
	    LIST_FILTER,
	[ROSTER_LIST_ACTIVE] = "SELECT * FROM ("
	    LIST_SERVING "AND a.ended IS NULL WHERE " SERVING " "
	    "UNION ALL "
	    LIST_NEVER "WHERE " SERVING " AND " NO_ASSIGNMENT " "
	    "UNION ALL "
	    LIST_LAST "AND " IS_LAST " WHERE " SERVING " AND " NONE_SERVED
	    LIST_FILTER,
	/* Score first (weights ?2 ?3 in percent); the priority flags only
	 * break ties, by their number when ?4 is 1; ?5 a round's number. */
	/* Ordered outside: PostgreSQL orders by an output column's name,
	 * not by an expression on it. */
	[ROSTER_RANK] = "SELECT * FROM (SELECT p.grid, p.role, p.id, p.name, "
	    "CASE WHEN a.exam IS NULL AND a.interview IS NULL THEN NULL ELSE "
	    "(coalesce(a.exam, 0) * CAST(?2 AS REAL) + "
	    "coalesce(a.interview, 0) * CAST(?3 AS REAL)) / 100 END AS total, "
	    "a.exam, a.interview, party_member + professional_title + "
	    "social_worker + veteran + subsistence AS flags, party_member, "
	    "professional_title, social_worker, veteran, subsistence "
	    "FROM people p LEFT JOIN applications a ON a.id = "
	    "(SELECT max(x.id) FROM applications x WHERE x.person = p.id) "
	    "WHERE p.status = 'candidate' AND p.stage = ?1 AND "
	    "(CAST(?5 AS TEXT) IS NULL OR a.round = (SELECT id FROM rounds "
	    "WHERE number = ?5))) ranked "
	    "ORDER BY grid, role, total IS NULL, total DESC, "
	    "CASE WHEN ?4 = 1 THEN flags WHEN flags > 0 THEN 1 ELSE 0 END "
	    "DESC, id",
	[ROSTER_VACANCIES] = "SELECT grid, role, since, reason, person, "
	    "filled, filled_by FROM vacancies WHERE grid BETWEEN ?1 AND ?2 "
	    "AND (CAST(?3 AS TEXT) IS NULL OR role = ?4) "
	    "AND (?5 = 0 OR filled IS NULL) ORDER BY since, id",
	[ROSTER_SERVING] = "SELECT a.role, p.name, p.phone, p.id, "
	    "c.work_phone, c.photo "
	    "FROM assignments a JOIN people p ON p.id = a.person "
	    "LEFT JOIN public_contacts c ON c.person = p.id "
	    "WHERE a.grid = ?1 AND a.ended IS NULL ORDER BY CASE a.role "
	    "WHEN 'leader' THEN 1 WHEN 'full_time' THEN 2 "
	    "WHEN 'part_time' THEN 3 ELSE 4 END, p.id",
};

int
staff_list(struct db *db, const struct staff_filter *f, int reveal,
    struct recout *out)
{
	struct db_stmt *st;
	struct sb detail = SB_INIT;
	char lo[16], hi[16], m1[64], m2[PHONE_MAX];
	const char *v[12];
	int rc, c;

	code_range(f->area ? f->area : "", 15, lo, hi);
	/* Recorded before anything is shown: a disclosure that cannot be
	 * recorded (a read-only database, a lock) does not happen. */
	if (reveal) {
		struct sb items = SB_INIT;

		if (f->area)
			phrase_add(&items, PHRASE_ITEM_AREA, f->area);
		if (f->role) {
			sb_adds(&items, items.len ? ", " : "");
			phrase_add(&items, PHRASE_ITEM_ROLE, f->role);
		}
		if (f->stage >= 0) {
			sb_adds(&items, items.len ? ", " : "");
			phrase_add(&items, PHRASE_ITEM_STAGE,
			    staff_stage_name(f->stage));
		}
		if (items.len)
			phrase_add(&detail, PHRASE_REVEAL_ROSTER_OF, items.buf);
		else
			phrase_add(&detail, PHRASE_REVEAL_ROSTER);
		sb_release(&items);
		rc = audit_reveal(db, phrase_format(PHRASE_SUBJ_ROSTER, 1),
		    detail.buf);
		sb_release(&detail);
		if (rc != GK_OK)
			return rc;
	}
	/* By area when one is given (or none at all), else by stage, else
	 * by status: each way in has its index (roster_sql.h). */
	st = db_prepare(db, roster_sql[f->area != NULL || (f->stage < 0 &&
	    !f->active) ? ROSTER_LIST_AREA : f->stage >= 0 ?
	    ROSTER_LIST_STAGE : ROSTER_LIST_ACTIVE]);
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_text(st, 3, f->role);
	db_bind_text(st, 4, f->stage >= 0 ? staff_stage_name(f->stage) : NULL);
	db_bind_int(st, 5, f->active);
	while ((rc = db_step(st)) == DB_ROW) {
		for (c = 0; c < 12; c++)
			v[c] = db_isnull(st, c) ? NULL : db_text(st, c);
		v[2] = shown_id(v[2], reveal, m1, sizeof m1);
		v[3] = shown_phone(v[3], reveal, m2, sizeof m2);
		if ((rc = recout_row(out, v)) != GK_OK)
			break;
	}
	db_reset(st);
	return rc < 0 ? -rc : rc;
}

const struct recout_col staff_vacancy_cols[] = {
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "role"), RC_STR, "role" },
	{ NC_("column", "since"), RC_STR },
	{ NC_("column", "reason"), RC_STR, "leave_reason" },
	{ NC_("column", "left_by"), RC_INT },
	{ NC_("column", "filled"), RC_STR },
	{ NC_("column", "filled_by"), RC_INT },
	{ NC_("column", "days_open"), RC_INT },
};
const size_t staff_vacancy_ncols = sizeof staff_vacancy_cols /
    sizeof staff_vacancy_cols[0];

int
staff_vacancies(struct db *db, const struct staff_filter *f,
    struct recout *out)
{
	struct db_stmt *st;
	char lo[16], hi[16], days[24];
	const char *v[8], *why;
	gk_day since, until;
	int rc, c;

	code_range(f->area ? f->area : "", 15, lo, hi);
	st = db_prepare(db, roster_sql[ROSTER_VACANCIES]);
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_text(st, 3, f->role);
	db_bind_text(st, 4, f->role);
	db_bind_int(st, 5, f->active);
	while ((rc = db_step(st)) == DB_ROW) {
		for (c = 0; c < 7; c++)
			v[c] = db_isnull(st, c) ? NULL : db_text(st, c);
		until = clock_today();
		if (day_parse(v[2], &since, &why) == -1 ||
		    (v[5] != NULL && day_parse(v[5], &until, &why) == -1))
			v[7] = NULL;
		else {
			snprintf(days, sizeof days, "%ld", until > since ?
			    (long)(until - since) : 0L);
			v[7] = days;
		}
		if ((rc = recout_row(out, v)) != GK_OK)
			break;
	}
	db_reset(st);
	return rc < 0 ? -rc : rc;
}

const struct recout_col staff_rank_cols[] = {
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "role"), RC_STR, "role" },
	{ NC_("column", "rank"), RC_INT },
	{ NC_("column", "id"), RC_INT },
	{ NC_("column", "name"), RC_STR },
	{ NC_("column", "score"), RC_NUM },
	{ NC_("column", "exam"), RC_NUM },
	{ NC_("column", "interview"), RC_NUM },
	{ NC_("column", "priority"), RC_INT },
	{ NC_("column", "party_member"), RC_BOOL, "flag" },
	{ NC_("column", "professional_title"), RC_BOOL, "flag" },
	{ NC_("column", "social_worker"), RC_BOOL, "flag" },
	{ NC_("column", "veteran"), RC_BOOL, "flag" },
	{ NC_("column", "subsistence"), RC_BOOL, "flag" },
};
const size_t staff_rank_ncols = sizeof staff_rank_cols /
    sizeof staff_rank_cols[0];

/* A number of the ranking as printed: "" for none. */
static const char *
rank_num(struct db_stmt *st, int col, char *buf, size_t n)
{
	if (db_isnull(st, col))
		return NULL;
	snprintf(buf, n, "%g", db_real(st, col));
	return buf;
}

/*
 * Score first (Art. 9: priority "under equal conditions"); the flags
 * only break ties: any flag before none, or, with
 * staff.priority_by_count, more flags first.
 */
int
staff_rank(struct db *db, const struct config *cfg, int stage,
    const char *round, struct recout *out)
{
	struct db_stmt *st;
	char grid[16] = "", role[16] = "", rank[24], prio[8];
	char total[32], exam[32], interview[32];
	const char *v[14];
	char ep[8], ip[8];
	long long n = 0;
	int rc, c;

	snprintf(ep, sizeof ep, "%lld", config_int(cfg,
	    "staff.score.exam_percent"));
	snprintf(ip, sizeof ip, "%lld", config_int(cfg,
	    "staff.score.interview_percent"));
	st = db_prepare(db, roster_sql[ROSTER_RANK]);
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, staff_stage_name(stage));
	db_bind_text(st, 2, ep);
	db_bind_text(st, 3, ip);
	db_bind_int(st, 4, config_bool(cfg, "staff.priority_by_count"));
	db_bind_text(st, 5, round);
	while ((rc = db_step(st)) == DB_ROW) {
		/* A bound operator ranks the candidates of the
		 * jurisdiction (jurisdiction.h). */
		if (!juris_readable(db_text(st, 0)))
			continue;
		if (strcmp(grid, db_text(st, 0)) != 0 ||
		    strcmp(role, db_text(st, 1)) != 0) {
			snprintf(grid, sizeof grid, "%s", db_text(st, 0));
			snprintf(role, sizeof role, "%s", db_text(st, 1));
			n = 0;
		}
		snprintf(rank, sizeof rank, "%lld", ++n);
		snprintf(prio, sizeof prio, "%lld", db_int(st, 7));
		v[0] = grid;
		v[1] = role;
		v[2] = rank;
		v[3] = db_text(st, 2);
		v[4] = db_text(st, 3);
		v[5] = rank_num(st, 4, total, sizeof total);
		v[6] = rank_num(st, 5, exam, sizeof exam);
		v[7] = rank_num(st, 6, interview, sizeof interview);
		v[8] = prio;
		for (c = 8; c < 13; c++)
			v[c + 1] = db_int(st, c) ? "true" : "false";
		if ((rc = recout_row(out, v)) != GK_OK)
			break;
	}
	db_reset(st);
	return rc < 0 ? -rc : rc;
}

/* The flags a person has, in the order of Art. 9. */
static void
priority_flags(struct db_stmt *st, int col, struct sb *out)
{
	static const char *const names[] = { N_("party member"),
	    N_("professional title"), N_("social-work certificate"),
	    N_("veteran"), N_("subsistence allowance") };
	int i, n = 0;

	for (i = 0; i < 5; i++)
		if (db_int(st, col + i))
			sb_addf(out, "%s%s", n++ ? P_(", ") : "",
			    P_(names[i]));
	if (n == 0)
		sb_adds(out, P_("none"));
}

/*
 * The lists of staff_show: one query each, keyed by the person, a table
 * of the document under a title that is also its JSON key.
 */
struct section {
	const char *title;		/* text title, and JSON key */
	const char *sql;		/* one parameter: the person */
	size_t ncols;			/* columns of the query */
	struct recout_doc_col cols[9];	/* how they print */
};

static const struct section sections[] = {
	{ N_("stages"),
	    "SELECT at, stage, outcome, reason, operator FROM stages "
	    "WHERE person = ? ORDER BY id", 5,
	    { { "at", RC_STR, 25, NULL }, { "stage", RC_STR, 13, NULL },
	      { "outcome", RC_STR, 7, NULL }, { "reason", RC_STR, 0, ": " },
	      { "operator", RC_STR, 0, NULL } } },
	{ N_("assignments"), "SELECT grid, role, started, ended, end_reason "
	    "FROM assignments WHERE person = ? ORDER BY started, id", 5,
	    { { "grid", RC_STR, 15, NULL }, { "role", RC_STR, 10, NULL },
	      { "started", RC_STR, 10, NULL }, { "ended", RC_STR, 10, NULL },
	      { "end_reason", RC_STR, 0, NULL } } },
	{ N_("applications"), "SELECT coalesce(r.number, '-'), a.grid, a.role, "
	    "substr(a.applied, 1, 10), a.exam, a.interview, a.publicity_end, "
	    "a.stage, a.status FROM applications a LEFT JOIN rounds r ON "
	    "r.id = a.round WHERE a.person = ? ORDER BY a.id", 9,
	    { { "round", RC_STR, 0, NULL }, { "grid", RC_STR, 15, NULL },
	      { "role", RC_STR, 10, NULL }, { "applied", RC_STR, 10, NULL },
	      { "exam", RC_NUM, 0, NULL }, { "interview", RC_NUM, 0, NULL },
	      { "publicity_end", RC_STR, 0, NULL },
	      { "stage", RC_STR, 0, NULL }, { "status", RC_STR, 0, NULL } } },
	{ N_("training"), "SELECT day, level, hours, topic FROM training "
	    "WHERE person = ? ORDER BY day, id", 4,
	    { { "date", RC_STR, 10, NULL }, { "level", RC_STR, 9, NULL },
	      { "hours", RC_NUM, 5, NULL }, { "topic", RC_STR, 0, NULL } } },
};

/* A value of a section as people read it: the words of its column's
 * vocabulary, by the column's key. */
static const char *
section_word(const char *key, const char *v)
{
	static const struct {
		const char *key;
		enum vocab_id vocab;
	} keyed[] = {
		{ "stage", VOCAB_STAGE }, { "role", VOCAB_ROLE },
		{ "status", VOCAB_PERSON_STATUS },
		{ "level", VOCAB_TRAIN_LEVEL },
		{ "end_reason", VOCAB_LEAVE_REASON },
	};
	size_t i;

	if (key == NULL || v == NULL)
		return v;
	if (strcmp(key, "outcome") == 0)
		return strcmp(v, "failed") == 0 ? P_("failed") : P_("entered");
	for (i = 0; i < sizeof keyed / sizeof keyed[0]; i++)
		if (strcmp(key, keyed[i].key) == 0)
			return vocab_record(keyed[i].vocab, v);
	return v;
}

/* Add one section to the document: GK_OK or a status. */
static int
section(struct db *db, const struct section *sec, long long id,
    struct recout_doc *doc)
{
	struct db_stmt *st = db_prepare(db, sec->sql);
	const char *v[9];
	char num[9][32];
	size_t c;
	int rc;

	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_int(st, 1, id);
	recout_doc_table(doc, sec->title, P_(sec->title), sec->cols,
	    sec->ncols, NULL);
	while ((rc = db_step(st)) == DB_ROW) {
		for (c = 0; c < sec->ncols; c++) {
			if (db_isnum(st, (int)c)) {
				snprintf(num[c], sizeof num[c], "%g",
				    db_real(st, (int)c));
				v[c] = num[c];
			} else
				v[c] = db_isnull(st, (int)c) ? NULL :
				    section_word(sec->cols[c].key,
				    db_text(st, (int)c));
		}
		recout_doc_row(doc, v);
	}
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

/* The bars of Art. 9 as declared, one field each: yes, no, or not
 * declared. */
static int
show_declared(struct db *db, long long id, struct recout_doc *doc)
{
	static const char *const key[3] = { "under_investigation",
	    "penalized", "expelled" };
	static const char *const title[3] = { N_("under investigation"),
	    N_("penalized"), N_("expelled") };
	struct db_stmt *st;
	int rc, i;

	rc = db_query(db, &st, "SELECT under_investigation, penalized, "
	    "expelled FROM declarations WHERE person = ?", "L", id);
	if (rc < 0)
		return -rc;
	for (i = 0; i < 3; i++)
		recout_doc_field(doc, key[i], P_(title[i]), RC_STR,
		    rc == DB_ROW && !db_isnull(st, i) ?
		    vocab_record(VOCAB_FLAG, db_text(st, i)) :
		    P_("not declared"));
	if (rc == DB_ROW)
		db_reset(st);
	return GK_OK;
}

int
staff_show(struct db *db, long long id, int reveal, enum recout_format fmt,
    FILE *fp)
{
	struct recout_doc *doc = NULL;
	struct db_stmt *st;
	struct sb prio = SB_INIT, subj = SB_INIT;
	char m1[64], m2[PHONE_MAX], when[DAY_ISO_MAX], num[32];
	struct idnum idn;
	size_t i;
	int rc;

	if (reveal) {
		st = db_prepare(db, "SELECT grid FROM people WHERE id = ?");
		if (st == NULL)
			return GK_SOFTWARE;
		db_bind_int(st, 1, id);
		rc = db_step(st);
		/* Nothing is disclosed outside the jurisdiction. */
		if (rc == DB_ROW && juris_read(NULL, db_text(st, 0)) != GK_OK)
			rc = -GK_NOPERM;
		db_reset(st);
		if (rc == 0)
			diag_error(_("staff id %lld: no such person"), id);
		if (rc <= 0)
			return rc == 0 ? GK_DATAERR : -rc;
		sb_addf(&subj, "staff %lld", id);
		rc = audit_reveal(db, subj.buf,
		    phrase_format(PHRASE_REVEAL_SHOWN, 1));
		sb_release(&subj);
		if (rc != GK_OK)
			return rc;
	}
	st = db_prepare(db, "SELECT id, name, id_number, phone, education, "
	    "nationality, source, grid, role, stage, status, "
	    "(SELECT max(x.applied) FROM applications x WHERE "
	    "x.person = people.id), "
	    "party_member, professional_title, social_worker, veteran, "
	    "subsistence FROM people WHERE id = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc <= 0) {
		if (rc == 0)
			diag_error(_("staff id %lld: no such person"), id);
		return rc == 0 ? GK_DATAERR : -rc;
	}
	if ((rc = juris_read(NULL, db_text(st, 7))) != GK_OK) {
		db_reset(st);
		return rc;
	}
	doc = recout_doc_new(fp, fmt);
	priority_flags(st, 12, &prio);
	snprintf(num, sizeof num, "%lld", id);
	recout_doc_field(doc, "id", P_("staff id"), RC_INT, num);
	recout_doc_field(doc, "name", P_("name"), RC_STR, db_text(st, 1));
	recout_doc_field(doc, "id_number", P_("id number"), RC_STR,
	    shown_id(db_text(st, 2), reveal, m1, sizeof m1));
	if (reveal && idnum_parse(db_text(st, 2), clock_today(), &idn, NULL,
	    0) == 0)
		recout_doc_textf(doc, P_("born"), P_("%s, %s, %d years old"),
		    day_format(idn.birth, when), idn.male ? P_("male") :
		    P_("female"), idnum_age(&idn, clock_today()));
	recout_doc_field(doc, "phone", P_("phone"), RC_STR,
	    shown_phone(db_text(st, 3), reveal, m2, sizeof m2));
	recout_doc_field(doc, "education", P_("education"), RC_STR,
	    vocab_record(VOCAB_EDUCATION, db_text(st, 4)));
	recout_doc_field(doc, "nationality", P_("nationality"), RC_STR,
	    db_text(st, 5));
	recout_doc_field(doc, "source", P_("source"), RC_STR,
	    db_isnull(st, 6) ? NULL : vocab_record(VOCAB_SOURCE,
	    db_text(st, 6)));
	recout_doc_field(doc, "applied_grid", NULL, RC_STR, db_text(st, 7));
	recout_doc_field(doc, "applied_role", NULL, RC_STR, db_text(st, 8));
	recout_doc_field(doc, "stage", NULL, RC_STR, db_text(st, 9));
	recout_doc_field(doc, "status", NULL, RC_STR, db_text(st, 10));
	recout_doc_field(doc, "priority", P_("priority"), RC_STR, prio.buf);
	if ((rc = show_declared(db, id, doc)) != GK_OK) {
		db_reset(st);
		recout_doc_end(doc, 1);
		sb_release(&prio);
		return rc;
	}
	/* Staff enrolled as serving already never applied here. */
	if (!db_isnull(st, 11))
		recout_doc_textf(doc, P_("applied"), P_("%s as %s on %.10s"),
		    db_text(st, 7), vocab_record(VOCAB_ROLE, db_text(st, 8)),
		    db_text(st, 11));
	recout_doc_textf(doc, P_("status"), P_("%s, at %s"),
	    vocab_record(VOCAB_PERSON_STATUS, db_text(st, 10)),
	    vocab_record(VOCAB_STAGE, db_text(st, 9)));
	db_reset(st);

	rc = GK_OK;
	for (i = 0; i < sizeof sections / sizeof sections[0] && rc == GK_OK;
	    i++)
		rc = section(db, &sections[i], id, doc);
	if (rc == GK_OK)
		rc = recout_doc_end(doc, 0);
	else
		recout_doc_end(doc, 1);
	sb_release(&prio);
	return rc;
}

/* The serving staff of a grid, leader first. */
int
staff_serving(struct db *db, const char *grid, int reveal,
    int (*fn)(const struct staff_member *m, void *ctx), void *ctx)
{
	struct staff_member m;
	struct db_stmt *st;
	char phone[PHONE_MAX];
	int rc;

	st = db_prepare(db, roster_sql[ROSTER_SERVING]);
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, grid);
	while ((rc = db_step(st)) == DB_ROW) {
		m.role = db_text(st, 0);
		m.name = db_text(st, 1);
		m.phone = shown_phone(db_text(st, 2), reveal, phone,
		    sizeof phone);
		m.id = db_int(st, 3);
		m.work_phone = db_isnull(st, 4) ? NULL : db_text(st, 4);
		m.photo = db_isnull(st, 5) ? NULL : db_text(st, 5);
		if ((rc = fn(&m, ctx)) != 0)
			break;
	}
	db_reset(st);
	return rc < 0 ? -rc : rc;
}

/* Whether a person serves a grid under prefix on a day. */
int
staff_serves(struct db *db, long long id, const char *prefix, gk_day day)
{
	char d[DAY_ISO_MAX];
	struct db_stmt *st;
	int rc;

	day_format(day, d);
	rc = db_query(db, &st, "SELECT 1 FROM assignments WHERE person = ? "
	    "AND substr(grid, 1, length(?)) = ? AND started <= ? AND "
	    "(ended IS NULL OR ended > ?)", "Lssss", id, prefix, prefix, d, d);
	if (rc == DB_ROW)
		db_reset(st);
	return rc;
}

/* Training levels of Art. 14. */
static const char *
train_level(const char *s)
{
	const struct vocab_entry *e = vocab_find(VOCAB_TRAIN_LEVEL, s);

	return e != NULL ? e->name : NULL;
}

/* One training record, checked. */
struct train {
	long long person;	/* staff id */
	const char *level;	/* canonical level */
	char day[DAY_ISO_MAX];	/* the date */
	char hours[32];		/* decimal hours as text */
	const char *topic;	/* what it was about */
};

/*
 * Check the five values (staff, level, date, hours, topic) and, when
 * v[5] is given, that it is the person's name: a mistyped staff id
 * must not credit someone else.  Returns 0, -1 with *field and why set,
 * or -1 - status on a database error.
 */
static int
train_check(struct db *db, const char *const v[6], struct train *t,
    int *field, char *why, size_t n)
{
	struct db_stmt *st;
	const char *w;
	char q[DIAG_QUOTE_MAX];
	long long id;
	gk_day day;
	double h;
	int rc, i;

	for (i = 0; i < 5; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			*field = i;
			snprintf(why, n, "%s", _("empty; a value is required"));
			return -1;
		}
	*field = 0;
	if (util_parse_long(v[0], 1, INT64_MAX, &id, &w) == -1) {
		snprintf(why, n, _("%s: not a staff id"),
		    diag_quote(q, sizeof q, v[0]));
		return -1;
	}
	st = db_prepare(db, "SELECT status, name, coalesce((SELECT grid FROM "
	    "assignments WHERE person = people.id AND ended IS NULL ORDER BY "
	    "id DESC LIMIT 1), grid) FROM people WHERE id = ?");
	if (st == NULL)
		return -1 - GK_SOFTWARE;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc < 0)
		return -1 + rc;
	if (rc == 0 || strcmp(db_text(st, 0), "rejected") == 0) {
		snprintf(why, n, rc == 0 ? _("staff id %lld: no such person") :
		    _("staff id %lld: a rejected candidate"), id);
		db_reset(st);
		return -1;
	}
	/* Only an operator of the person's grid records their training
	 * (jurisdiction.h). */
	if ((rc = juris_write(NULL, "staff", db_text(st, 2))) != GK_OK) {
		db_reset(st);
		return -1 - rc;
	}
	if (v[5] != NULL && *v[5] != '\0' && strcmp(v[5], db_text(st, 1))
	    != 0) {
		*field = 5;
		snprintf(why, n, _("staff id %lld is %s, not %s"), id,
		    db_text(st, 1), v[5]);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	t->person = id;
	*field = 1;
	if ((t->level = train_level(v[1])) == NULL) {
		vocab_explain(VOCAB_TRAIN_LEVEL, v[1], why, n);
		return -1;
	}
	*field = 2;
	if (day_parse(v[2], &day, &w) == -1) {
		snprintf(why, n, "%s: %s", diag_quote(q, sizeof q, v[2]), w);
		return -1;
	}
	if (day > clock_today()) {
		snprintf(why, n, _("%s is in the future"), v[2]);
		return -1;
	}
	day_format(day, t->day);
	*field = 3;
	if (util_parse_decimal(v[3], &h) == -1 || !(h > 0 && h <= 1000)) {
		snprintf(why, n, _("%s: hours must be a number above 0 and "
		    "at most 1000"), diag_quote(q, sizeof q, v[3]));
		return -1;
	}
	snprintf(t->hours, sizeof t->hours, "%g", h);
	*field = 4;
	if (strlen(v[4]) > 200 || strpbrk(v[4], "\t\r\n")) {
		snprintf(why, n, "%s", _("the topic is too long or has a line "
		    "break"));
		return -1;
	}
	t->topic = v[4];
	return 0;
}

/* Insert a checked record: 1 added, 0 already there, -status. */
static int
train_put(struct db *db, const struct train *t)
{
	int rc;

	if ((rc = db_run(db, "INSERT INTO training (person, level, day, hours, "
	    "topic) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", "Lssss",
	    t->person, t->level, t->day, t->hours, t->topic)) != GK_OK)
		return -rc;
	return db_changes(db) > 0;
}

/* The fields of a training sheet: the person (a staff id, an identity
 * number, or a name and a phone: a sign-in sheet has no staff ids),
 * then what the training was. */
enum { T_STAFF, T_LEVEL, T_DATE, T_HOURS, T_TOPIC, T_NAME, T_IDNUM,
	T_PHONE, T_COUNT };

/* One record of a training import: checked, then recorded. */
static int
train_row(struct batch *b, void *arg)
{
	static const struct staff_who who = { T_STAFF, T_IDNUM, T_NAME,
		T_PHONE };
	struct train t;
	const char *v[6];
	char why[512], idtext[24], fhours[64];
	long long id;
	int r, field, i;

	(void)arg;
	if ((id = staff_sheet_person(b, &who)) < 0)
		return (int)id;
	if (id == 0)
		return BATCH_BAD;
	snprintf(idtext, sizeof idtext, "%lld", id);
	v[0] = idtext;
	for (i = 1; i < 5; i++)
		v[i] = batch_get(b, (size_t)i);
	v[5] = NULL;
	if (v[3] != NULL)
		v[3] = util_fold_code(v[3], fhours, sizeof fhours);
	r = train_check(batch_db(b), v, &t, &field, why, sizeof why);
	if (r < -1)
		return 1 + r;
	if (r == -1) {
		batch_bad(b, (size_t)field, "%s", why);
		return BATCH_BAD;
	}
	if ((r = train_put(batch_db(b), &t)) < 0)
		return r;
	return r > 0 ? BATCH_ADDED : BATCH_UNCHANGED;
}

int
staff_train_import(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *opts, long long max_errors, int reveal)
{
	static const char *const names[T_COUNT] = { "staff", "level", "date",
	    "hours", "topic", "name", "id_number", "phone" };
	struct recin_field fields[T_COUNT];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	int i;

	for (i = 0; i < T_COUNT; i++) {
		fields[i].name = names[i];
		fields[i].required = i >= T_LEVEL && i <= T_TOPIC;
		fields[i].aliases = config_aliases(cfg, i == T_NAME ?
		    "person_name" : names[i]);
	}
	def.verb = "train";
	def.noun = "training";
	def.nothing = N_("nothing recorded");
	def.all_there = N_("training records are there");
	def.fields = fields;
	def.nfields = T_COUNT;
	def.row = train_row;
	bo.max_errors = max_errors;
	bo.reveal = reveal;
	return batch_run(db, path, opts, &def, &bo, NULL, &bs);
}

int
staff_train_one(struct db *db, long long id, const char *level,
    const char *day, const char *hours, const char *topic)
{
	static const char *const opt[5] = { "staff", "--level", "--date",
	    "--hours", "--topic" };
	struct train t;
	struct sb detail = SB_INIT, subj = SB_INIT;
	const char *v[6];
	char idtext[24], why[512];
	int rc, r, field;

	snprintf(idtext, sizeof idtext, "%lld", id);
	v[0] = idtext;
	v[1] = level;
	v[2] = day;
	v[3] = hours;
	v[4] = topic;
	v[5] = NULL;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	r = train_check(db, v, &t, &field, why, sizeof why);
	if (r < 0) {
		db_rollback(db);
		if (r < -1)
			return -1 - r;
		if (field == 0)
			diag_error("%s", why);
		else
			diag_error("%s: %s", opt[field], why);
		return field == 0 ? GK_DATAERR : GK_USAGE;
	}
	if ((r = train_put(db, &t)) < 0) {
		db_rollback(db);
		return -r;
	}
	if (r == 0) {
		db_rollback(db);
		diag_note(_("staff %lld: that training is recorded already"),
		    id);
		return GK_OK;
	}
	sb_addf(&subj, "staff %lld", id);
	phrase_add(&detail, PHRASE_TRAINED, t.level, t.day, t.hours, t.topic);
	rc = audit_commit(db, "train", subj.buf, detail.buf);
	sb_release(&subj);
	sb_release(&detail);
	return rc;
}
