/*
 * sheets.c - sheets about people already registered: declarations of
 * the bars and nationality (Art. 9) and exam and interview scores.
 *
 * A row names its person by staff id or identity number (either; both
 * must agree), and by name when the sheet has one, so a mistyped
 * number cannot record someone else's answer.  All or nothing through
 * batch_run, like every import.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "idnum.h"
#include "jurisdiction.h"
#include "mask.h"
#include "recin.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* The fields that name a person, first in every sheet here. */
enum { S_STAFF, S_IDNUM, S_NAME, S_FIRST };

/* The person a row names by name and phone, when the sheet gives no
 * staff id or identity number: their staff id, 0 after reporting, or
 * -status.  Names are compared blanks aside (util_name_eq). */
/* The fields that name a person in the sheets of this file. */
static const struct staff_who sheet_who = { S_STAFF, S_IDNUM, S_NAME,
	STAFF_WHO_NONE };

static long long
person_by_phone(struct batch *b, const struct staff_who *w, const char *vn,
    const char *vp)
{
	char fp[64], phone[PHONE_MAX], m[PHONE_MAX * 2], q[DIAG_QUOTE_MAX];
	const char *why;
	struct db_stmt *st;
	struct sb ids = SB_INIT;
	long long id = 0;
	int rc, n = 0;

	vp = util_fold_code(vp, fp, sizeof fp);
	if (phone_normalise(vp, phone, sizeof phone, &why) == -1) {
		batch_bad(b, w->phone, "%s: %s", batch_reveal(b) ? vp :
		    mask_phone(vp, m, sizeof m), why);
		return 0;
	}
	st = db_prepare(batch_db(b), "SELECT id, name FROM people WHERE "
	    "phone = ? ORDER BY id");
	if (st == NULL)
		return -GK_SOFTWARE;
	db_bind_text(st, 1, phone);
	while ((rc = db_step(st)) == DB_ROW)
		if (util_name_eq(vn, db_text(st, 1))) {
			id = db_int(st, 0);
			sb_addf(&ids, "%s%lld", n++ ? ", " : "", id);
		}
	db_reset(st);
	if (rc < 0) {
		sb_release(&ids);
		return rc;
	}
	if (batch_reveal(b))
		snprintf(m, sizeof m, "%s", phone);
	else
		mask_phone(phone, m, sizeof m);
	if (n == 0)
		batch_bad(b, w->name, _("nobody registered is named %s with "
		    "phone %s"), diag_quote(q, sizeof q, vn), m);
	else if (n > 1)
		batch_bad(b, w->name, _("%s with phone %s is more than one "
		    "person (staff ids %s); give the staff id or the identity "
		    "number"), diag_quote(q, sizeof q, vn), m, ids.buf);
	sb_release(&ids);
	return n == 1 ? id : 0;
}

static long long
sheet_person(struct batch *b, const struct staff_who *who)
{
	const char *vs = batch_get(b, who->staff);
	const char *vi = batch_get(b, who->id_number);
	const char *vn = batch_get(b, who->name), *w;
	const char *vp = who->phone != STAFF_WHO_NONE ?
	    batch_get(b, who->phone) : NULL;
	char fs[64], fi[64], num[64], q[DIAG_QUOTE_MAX];
	struct db_stmt *st;
	long long id = 0, byid = 0;
	size_t i;
	int rc;

	if (vs != NULL && *vs != '\0') {
		vs = util_fold_code(vs, fs, sizeof fs);
		if (util_parse_long(vs, 1, INT64_MAX, &id, &w) == -1) {
			batch_bad(b, who->staff, _("%s: not a staff id"),
			    diag_quote(q, sizeof q, vs));
			return 0;
		}
	}
	if (vi != NULL && *vi != '\0') {
		vi = util_fold_code(vi, fi, sizeof fi);
		snprintf(num, sizeof num, "%s", vi);
		for (i = 0; num[i] != '\0'; i++)
			if (num[i] == 'x')
				num[i] = 'X';
		rc = db_query(batch_db(b), &st, "SELECT id FROM people WHERE "
		    "id_number = ?", "s", num);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			batch_bad(b, who->id_number, _("%s: nobody registered "
			    "has this "
			    "identity number"), diag_quote(q, sizeof q, num));
			return 0;
		}
		byid = db_int(st, 0);
		db_reset(st);
		if (id != 0 && id != byid) {
			batch_bad(b, who->id_number, _("staff id %lld has "
			    "another identity number (this one is staff id "
			    "%lld)"), id,
			    byid);
			return 0;
		}
		id = byid;
	}
	if (id == 0 && vn != NULL && *vn != '\0' && vp != NULL && *vp != '\0')
		return person_by_phone(b, who, vn, vp);
	if (id == 0) {
		batch_bad(b, who->staff, who->phone != STAFF_WHO_NONE ?
		    _("empty; a staff id, an identity number, or a name and a "
		    "phone is required") : _("empty; a staff id or an identity "
		    "number is required"));
		return 0;
	}
	rc = db_query(batch_db(b), &st, "SELECT name FROM people WHERE id = ?",
	    "L", id);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		batch_bad(b, who->staff, _("staff id %lld: no such person"),
		    id);
		return 0;
	}
	if (vn != NULL && *vn != '\0' && !util_name_eq(vn, db_text(st, 0))) {
		batch_bad(b, who->name, _("staff id %lld is %s, not %s"), id,
		    db_text(st, 0), diag_quote(q, sizeof q, vn));
		db_reset(st);
		return 0;
	}
	db_reset(st);
	return id;
}

long long
staff_sheet_person(struct batch *b, const struct staff_who *who)
{
	struct db_stmt *st;
	char grid[16];
	long long id = sheet_person(b, who);
	int rc;

	if (id <= 0)
		return id;
	/* Only an operator of the person's grid writes about them: the
	 * one they serve in, else the one they applied for. */
	rc = db_query(batch_db(b), &st, "SELECT coalesce((SELECT grid FROM "
	    "assignments WHERE person = people.id AND ended IS NULL ORDER BY "
	    "id DESC LIMIT 1), grid) FROM people WHERE id = ?", "L", id);
	if (rc <= 0)
		return rc < 0 ? rc : -GK_SOFTWARE;
	snprintf(grid, sizeof grid, "%s", db_text(st, 0));
	db_reset(st);
	if ((rc = juris_write_row(b, "staff", grid)) != GK_OK)
		return -rc;
	return id;
}

/* Bind the fields of a sheet: the three that name a person, then
 * names[0..n); aliases from the config. */
static void
sheet_fields(const struct config *cfg, struct recin_field *f,
    const char *const *names, size_t n)
{
	static const char *const who[S_FIRST] = { "staff", "id_number",
	    "name" };
	size_t i;

	for (i = 0; i < S_FIRST + n; i++) {
		f[i].name = i < S_FIRST ? who[i] : names[i - S_FIRST];
		f[i].required = 0;
		f[i].aliases = config_aliases(cfg, i == S_NAME ? "person_name" :
		    f[i].name);
	}
}

/* The fields of a declaration, after the person's. */
enum { D_NATIONALITY = S_FIRST, D_INVESTIGATION, D_PENALIZED, D_EXPELLED,
	D_COUNT };

static int
declare_row(struct batch *b, void *arg)
{
	const struct vocab_entry *e;
	const char *v, *nat = NULL, *val[3] = { NULL, NULL, NULL };
	char expl[VOCAB_EXPLAIN_MAX];
	struct db_stmt *st;
	long long id;
	int i, f, given = 0, had = 0, changed = 0, bars_changed = 0, rc;
	const char *old[3] = { NULL, NULL, NULL };
	char oldbuf[3][4], now[CLOCK_ISO_MAX];

	(void)arg;
	if ((id = staff_sheet_person(b, &sheet_who)) <= 0)
		return (int)id;
	if ((v = batch_get(b, D_NATIONALITY)) != NULL && *v != '\0') {
		e = vocab_find(VOCAB_NATIONALITY, v);
		nat = e != NULL ? e->name : v;
		given++;
	}
	for (i = 0; i < 3; i++) {
		v = batch_get(b, (size_t)(D_INVESTIGATION + i));
		if (v == NULL || *v == '\0')
			continue;
		if ((f = staff_flag_parse(v)) < 0) {
			batch_bad(b, (size_t)(D_INVESTIGATION + i), "%s",
			    vocab_explain(VOCAB_FLAG, v, expl, sizeof expl));
			return BATCH_BAD;
		}
		val[i] = f ? "yes" : "no";
		given++;
	}
	if (given == 0) {
		batch_bad(b, D_NATIONALITY, _("nothing declared: give the "
		    "nationality or a bar of Art. 9"));
		return BATCH_BAD;
	}
	if (nat != NULL) {
		rc = db_query(batch_db(b), &st, "SELECT nationality FROM people "
		    "WHERE id = ?", "L", id);
		if (rc < 0)
			return rc;
		had = *db_text(st, 0) != '\0';
		changed = strcmp(db_text(st, 0), nat) != 0;
		db_reset(st);
		if (changed && (rc = db_run(batch_db(b), "UPDATE people SET "
		    "nationality = ? WHERE id = ?", "sL", nat, id)) != GK_OK)
			return -rc;
	}
	rc = db_query(batch_db(b), &st, "SELECT under_investigation, "
	    "penalized, expelled FROM declarations WHERE person = ?", "L", id);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		for (i = 0; i < 3; i++)
			if (!db_isnull(st, i)) {
				snprintf(oldbuf[i], sizeof oldbuf[i], "%s",
				    db_text(st, i));
				old[i] = oldbuf[i];
				had = 1;
			}
		db_reset(st);
	}
	for (i = 0; i < 3; i++) {
		if (val[i] == NULL)
			val[i] = old[i];
		else if (old[i] == NULL || strcmp(old[i], val[i]) != 0)
			bars_changed = 1;
	}
	changed |= bars_changed;
	if (bars_changed && (rc = db_run(batch_db(b), "INSERT INTO declarations "
	    "(person, under_investigation, penalized, expelled, updated) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (person) DO "
	    "UPDATE SET under_investigation = excluded.under_investigation, "
	    "penalized = excluded.penalized, expelled = excluded.expelled, "
	    "updated = excluded.updated", "Lssss", id, val[0], val[1],
	    val[2], clock_format(clock_now(), now))) != GK_OK)
		return -rc;
	return !changed ? BATCH_UNCHANGED : had ? BATCH_UPDATED : BATCH_ADDED;
}

int
staff_declare(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_sheet_opts *opts)
{
	static const char *const names[] = { "nationality",
	    "under_investigation", "penalized", "expelled" };
	static const enum batch_pii pii[D_COUNT] = {
		[S_IDNUM] = BATCH_PII_IDNUM,
	};
	struct recin_field fields[D_COUNT];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;

	sheet_fields(cfg, fields, names, D_COUNT - S_FIRST);
	def.verb = "declare";
	def.noun = "declarations";
	def.nothing = N_("nothing declared");
	def.all_there = N_("declarations are recorded");
	def.fields = fields;
	def.nfields = D_COUNT;
	def.pii = pii;
	def.row = declare_row;
	bo.max_errors = opts->max_errors;
	bo.reveal = opts->reveal;
	return batch_run(db, path, in, &def, &bo, NULL, &bs);
}

/* The fields of a results sheet, after the person's. */
enum { R_EXAM = S_FIRST, R_INTERVIEW, R_COUNT };

/* A score: -1 when absent, else the value (0 to 1000); -2 after
 * reporting. */
static double
score_value(struct batch *b, size_t i)
{
	const char *v = batch_get(b, i);
	char q[DIAG_QUOTE_MAX], f[64];
	double d;

	if (v == NULL || *v == '\0')
		return -1;
	v = util_fold_code(v, f, sizeof f);
	if (util_parse_decimal(v, &d) == -1 || d > 1000) {
		batch_bad(b, i, _("%s: a score is a number from 0 to 1000"),
		    diag_quote(q, sizeof q, v));
		return -2;
	}
	return d;
}

static int
score_row(struct batch *b, void *arg)
{
	struct db_stmt *st;
	double exam, interview;
	char num[32];
	long long id, app;
	int rc, stage, had, same;

	(void)arg;
	if ((id = staff_sheet_person(b, &sheet_who)) <= 0)
		return (int)id;
	if ((exam = score_value(b, R_EXAM)) == -2 ||
	    (interview = score_value(b, R_INTERVIEW)) == -2)
		return BATCH_BAD;
	if (exam < 0 && interview < 0) {
		batch_bad(b, R_EXAM, _("no score: give the exam, the interview "
		    "or both"));
		return BATCH_BAD;
	}
	rc = db_query(batch_db(b), &st, "SELECT p.stage, p.status, a.id, "
	    "a.exam, a.interview FROM people p JOIN applications a ON a.id = "
	    "(SELECT max(x.id) FROM applications x WHERE x.person = p.id) "
	    "WHERE p.id = ?", "L", id);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		batch_bad(b, S_STAFF, _("staff id %lld has no application"),
		    id);
		return BATCH_BAD;
	}
	stage = staff_stage_parse(db_text(st, 0));
	if (stage < STAGE_EXAM || strcmp(db_text(st, 1), "staff") == 0 ||
	    strcmp(db_text(st, 1), "left") == 0) {
		batch_bad(b, S_STAFF, _("staff id %lld is %s at %s: scores are "
		    "recorded from the written exam and interview on (Art. "
		    "11)"),
		    id, vocab_say(VOCAB_PERSON_STATUS, db_text(st, 1)),
		    vocab_say(VOCAB_STAGE, db_text(st, 0)));
		db_reset(st);
		return BATCH_BAD;
	}
	app = db_int(st, 2);
	had = !db_isnull(st, 3) || !db_isnull(st, 4);
	same = (exam < 0 || (!db_isnull(st, 3) && db_real(st, 3) == exam)) &&
	    (interview < 0 || (!db_isnull(st, 4) &&
	    db_real(st, 4) == interview));
	db_reset(st);
	if (same)
		return BATCH_UNCHANGED;
	if (exam >= 0) {
		snprintf(num, sizeof num, "%.17g", exam);
		if ((rc = db_run(batch_db(b), "UPDATE applications SET exam = "
		    "CAST(? AS REAL) WHERE id = ?", "sL", num, app)) != GK_OK)
			return -rc;
	}
	if (interview >= 0) {
		snprintf(num, sizeof num, "%.17g", interview);
		if ((rc = db_run(batch_db(b), "UPDATE applications SET "
		    "interview = CAST(? AS REAL) WHERE id = ?", "sL", num,
		    app)) != GK_OK)
			return -rc;
	}
	return had ? BATCH_UPDATED : BATCH_ADDED;
}

int
staff_score(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_sheet_opts *opts)
{
	static const char *const names[] = { "exam", "interview" };
	static const enum batch_pii pii[R_COUNT] = {
		[S_IDNUM] = BATCH_PII_IDNUM,
	};
	struct recin_field fields[R_COUNT];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;

	sheet_fields(cfg, fields, names, R_COUNT - S_FIRST);
	def.verb = "score";
	def.noun = "scores";
	def.nothing = N_("no score recorded");
	def.all_there = N_("scores are recorded");
	def.fields = fields;
	def.nfields = R_COUNT;
	def.pii = pii;
	def.row = score_row;
	bo.max_errors = opts->max_errors;
	bo.reveal = opts->reveal;
	return batch_run(db, path, in, &def, &bo, NULL, &bs);
}

/* The fields of the public contacts, after the person's. */
enum { C_PHONE = S_FIRST, C_PHOTO, C_COUNT };

static int
contacts_row(struct batch *b, void *arg)
{
	const char *vp = batch_get(b, C_PHONE), *vf = batch_get(b, C_PHOTO);
	const char *why, *old[2] = { NULL, NULL };
	char phone[PHONE_MAX], q[DIAG_QUOTE_MAX], oldbuf[2][1024];
	struct db_stmt *st;
	long long id;
	int rc, i, had = 0;

	(void)arg;
	if ((id = staff_sheet_person(b, &sheet_who)) <= 0)
		return (int)id;
	if ((vp == NULL || *vp == '\0') && (vf == NULL || *vf == '\0')) {
		batch_bad(b, C_PHONE, _("nothing given: a work phone, a photo "
		    "or both"));
		return BATCH_BAD;
	}
	if (vp != NULL && *vp != '\0') {
		if (phone_normalise(vp, phone, sizeof phone, &why) == -1) {
			batch_bad(b, C_PHONE, "%s: %s", diag_quote(q, sizeof q,
			    vp), why);
			return BATCH_BAD;
		}
		vp = phone;
	} else
		vp = NULL;
	if (vf != NULL && *vf != '\0') {
		if (strlen(vf) > 1000 || strpbrk(vf, "\t\r\n") != NULL) {
			batch_bad(b, C_PHOTO, _("a photo is a file path on one "
			    "line, at most 1000 bytes"));
			return BATCH_BAD;
		}
	} else
		vf = NULL;
	rc = db_query(batch_db(b), &st, "SELECT work_phone, photo FROM "
	    "public_contacts WHERE person = ?", "L", id);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		had = 1;
		for (i = 0; i < 2; i++)
			if (!db_isnull(st, i)) {
				snprintf(oldbuf[i], sizeof oldbuf[i], "%s",
				    db_text(st, i));
				old[i] = oldbuf[i];
			}
		db_reset(st);
	}
	if ((vp == NULL || (old[0] && strcmp(vp, old[0]) == 0)) &&
	    (vf == NULL || (old[1] && strcmp(vf, old[1]) == 0)))
		return BATCH_UNCHANGED;
	rc = db_run(batch_db(b), "INSERT INTO public_contacts (person, "
	    "work_phone, photo) VALUES (?1, ?2, ?3) ON CONFLICT (person) DO "
	    "UPDATE SET work_phone = coalesce(?2, public_contacts.work_phone), "
	    "photo = coalesce(?3, public_contacts.photo)", "Lss", id, vp, vf);
	if (rc != GK_OK)
		return -rc;
	return had ? BATCH_UPDATED : BATCH_ADDED;
}

int
staff_contacts(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_sheet_opts *opts)
{
	static const char *const names[] = { "work_phone", "photo" };
	static const enum batch_pii pii[C_COUNT] = {
		[S_IDNUM] = BATCH_PII_IDNUM,
	};
	struct recin_field fields[C_COUNT];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;

	sheet_fields(cfg, fields, names, C_COUNT - S_FIRST);
	def.verb = "contacts";
	def.noun = "contacts";
	def.nothing = N_("no contact recorded");
	def.all_there = N_("contacts are recorded");
	def.fields = fields;
	def.nfields = C_COUNT;
	def.pii = pii;
	def.row = contacts_row;
	bo.max_errors = opts->max_errors;
	bo.reveal = opts->reveal;
	return batch_run(db, path, in, &def, &bo, NULL, &bs);
}
