/*
 * access.c - the access list (Art. 15).
 *
 * In force on day D: approved_on <= D and (withdrawn_on is NULL or
 * withdrawn_on > D); dates are YYYY-MM-DD text, compared as text.
 */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "batch.h"
#include "category.h"
#include "clock.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "status.h"
#include "util.h"

/* Refusals: why is set, 0 returned.  The checks of an entry, shared
 * by add and import: 1 fine, 0 with why, -status.  *c gets the
 * category. */
static int
check(struct db *db, const struct taxonomy *tax, const char *county,
    const char *category, const char *day, const struct category **c,
    char *why, size_t n)
{
	char area[13], buf[256];
	const char *w;
	gk_day d;
	size_t i;
	int rc;

	for (i = 0; county[i] >= '0' && county[i] <= '9'; i++)
		;
	if (i != 6 || county[i] != '\0') {
		snprintf(why, n, _("county \"%s\": not a 6-digit county code"),
		    county);
		return 0;
	}
	snprintf(area, sizeof area, "%s000000", county);
	if ((rc = grid_area_exists(db, area)) <= 0) {
		if (rc == 0)
			snprintf(why, n, _("county %s is not in the database"),
			    county);
		return rc;
	}
	if ((*c = taxonomy_find(tax, category)) == NULL) {
		snprintf(why, n, "%s", taxonomy_explain(tax, category, buf,
		    sizeof buf));
		return 0;
	}
	if ((*c)->professional) {
		snprintf(why, n, _("category %s (%s) is administrative law "
		    "enforcement or professional work, never on the access "
		    "list (Art. 15)"), (*c)->id, (*c)->name);
		return 0;
	}
	if (!(*c)->grid) {
		snprintf(why, n, _("category %s (%s) is not handled by grid "
		    "staff (the taxonomy's grid column), never on the access "
		    "list (Art. 15)"), (*c)->id, (*c)->name);
		return 0;
	}
	if (day != NULL && day_parse(day, &d, &w) == -1) {
		snprintf(why, n, _("date \"%s\": %s"), day, w);
		return 0;
	}
	return 1;
}

/* Put e on the list: BATCH_ADDED, BATCH_UNCHANGED, BATCH_BAD with why,
 * or -status. */
static int
put(struct db *db, const struct taxonomy *tax, const struct access_entry *e,
    char *why, size_t n)
{
	const struct category *c;
	struct db_stmt *st;
	char now[CLOCK_ISO_MAX];
	int rc, same;

	if ((rc = check(db, tax, e->county, e->category, e->approved_on, &c,
	    why, n)) <= 0)
		return rc < 0 ? rc : BATCH_BAD;
	rc = db_query(db, &st, "SELECT reason, standard, exit_procedure, "
	    "approved_by, approved_on FROM access_list WHERE county = ? AND "
	    "category = ? AND withdrawn_on IS NULL ORDER BY id DESC LIMIT 1",
	    "ss", e->county, c->id);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		same = strcmp(db_text(st, 0), e->reason) == 0 &&
		    strcmp(db_text(st, 1), e->standard) == 0 &&
		    strcmp(db_text(st, 2), e->exit_procedure) == 0 &&
		    strcmp(db_text(st, 3), e->approved_by) == 0 &&
		    strcmp(db_text(st, 4), e->approved_on) == 0;
		if (!same)
			snprintf(why, n, _("category %s (%s) is on the access "
			    "list of county %s already, approved by %s on %s; "
			    "withdraw it first (Art. 15)"), c->id, c->name,
			    e->county, db_text(st, 3), db_text(st, 4));
		db_reset(st);
		return same ? BATCH_UNCHANGED : BATCH_BAD;
	}
	if ((rc = juris_write(NULL, "access list", e->county)) != GK_OK)
		return -rc;
	clock_format(clock_now(), now);
	rc = db_run(db, "INSERT INTO access_list (county, category, reason, "
	    "standard, exit_procedure, approved_by, approved_on, created, "
	    "operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssssssss",
	    e->county, c->id, e->reason, e->standard, e->exit_procedure,
	    e->approved_by, e->approved_on, now, db_operator(db));
	return rc != GK_OK ? -rc : BATCH_ADDED;
}

int
access_add(struct db *db, const struct taxonomy *tax,
    const struct access_entry *e)
{
	char why[1024], subj[160];
	int rc;

	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	rc = put(db, tax, e, why, sizeof why);
	if (rc != BATCH_ADDED) {
		db_rollback(db);
		if (rc == BATCH_BAD)
			diag_error("%s", why);
		else if (rc == BATCH_UNCHANGED)
			diag_info(_("access list: %s of county %s is there "
			    "already"), e->category, e->county);
		return rc < 0 ? -rc : rc == BATCH_BAD ? GK_DATAERR : GK_OK;
	}
	snprintf(subj, sizeof subj, "%s %s", e->county, e->category);
	return audit_commit(db, "access add", subj, e->approved_by);
}

int
access_withdraw(struct db *db, const struct taxonomy *tax,
    const char *county, const char *category, const char *day,
    const char *reason)
{
	const struct category *c;
	struct db_stmt *st;
	char why[1024], subj[160];
	long long id;
	int rc;

	if ((rc = juris_write(NULL, "access list", county)) != GK_OK)
		return rc;
	if ((rc = db_begin(db)) != GK_OK)
		return rc;
	if ((rc = check(db, tax, county, category, day, &c, why,
	    sizeof why)) <= 0)
		goto refused;
	rc = db_query(db, &st, "SELECT id, approved_on FROM access_list "
	    "WHERE county = ? AND category = ? AND withdrawn_on IS NULL",
	    "ss", county, c->id);
	if (rc < 0)
		goto refused;
	if (rc == DB_NONE) {
		/* The same withdrawal again changes nothing. */
		rc = db_query(db, &st, "SELECT 1 FROM access_list WHERE "
		    "county = ? AND category = ? AND withdrawn_on = ? AND "
		    "withdraw_reason = ?", "ssss", county, c->id, day, reason);
		if (rc == DB_ROW) {
			db_reset(st);
			db_rollback(db);
			return GK_OK;
		}
		snprintf(why, sizeof why, _("category %s (%s) is not on the "
		    "access list of county %s: nothing to withdraw"), c->id,
		    c->name, county);
		rc = rc < 0 ? rc : 0;
		goto refused;
	}
	id = db_int(st, 0);
	if (strcmp(day, db_text(st, 1)) < 0) {
		snprintf(why, sizeof why, _("category %s: withdrawn on %s, "
		    "before it was approved on %s"), c->id, day,
		    db_text(st, 1));
		db_reset(st);
		rc = 0;
		goto refused;
	}
	db_reset(st);
	if ((rc = db_run(db, "UPDATE access_list SET withdrawn_on = ?, "
	    "withdraw_reason = ? WHERE id = ?", "ssL", day, reason, id)) !=
	    GK_OK) {
		db_rollback(db);
		return rc;
	}
	snprintf(subj, sizeof subj, "%s %s", county, c->id);
	return audit_commit(db, "access withdraw", subj, reason);
refused:
	db_rollback(db);
	if (rc < 0)
		return -rc;
	diag_error("%s", why);
	return GK_DATAERR;
}

/* Import. */

struct import_arg {
	const struct taxonomy *tax;	/* the categories */
	const char *county;		/* --county, or NULL */
};

static int
import_row(struct batch *b, void *arg)
{
	struct import_arg *ia = arg;
	struct access_entry e;
	char why[1024];
	const char *v[7];
	size_t i;
	int rc;

	for (i = 0; i < 7; i++)
		v[i] = batch_get(b, i);
	if (v[0] == NULL || *v[0] == '\0')
		v[0] = ia->county;
	for (i = 0; i < 7; i++)
		if (v[i] == NULL || *v[i] == '\0') {
			batch_bad(b, i, _("empty; a value is required"));
			return BATCH_BAD;
		}
	e.county = v[0];
	e.category = v[1];
	e.reason = v[2];
	e.standard = v[3];
	e.exit_procedure = v[4];
	e.approved_by = v[5];
	e.approved_on = v[6];
	rc = put(batch_db(b), ia->tax, &e, why, sizeof why);
	if (rc == BATCH_BAD)
		batch_bad(b, 1, "%s", why);
	return rc;
}

int
access_import(struct db *db, const struct taxonomy *tax, const char *county,
    const char *path, const struct recin_opts *in, long long max_errors)
{
	static const char *const names[7] = { "county", "category",
	    "reason", "standard", "exit", "approved_by", "approved_on" };
	static const char *const a0[] = { "县", "县区", "县代码", NULL };
	static const char *const a1[] = { "事项", "类别", "事项类别", NULL };
	static const char *const a2[] = { "纳入理由", "理由", NULL };
	static const char *const a3[] = { "工作标准", "标准", NULL };
	static const char *const a4[] = { "退出程序", "exit_procedure", NULL };
	static const char *const a5[] = { "审批机关", "批准机关", NULL };
	static const char *const a6[] = { "审批日期", "批准日期", NULL };
	static const char *const *const aliases[7] = { a0, a1, a2, a3, a4,
	    a5, a6 };
	struct recin_field fields[7];
	struct batch_def def = { 0 };
	struct batch_opts bo = { 0 };
	struct batch_stats bs;
	struct import_arg ia = { tax, county };
	int i;

	for (i = 0; i < 7; i++) {
		fields[i].name = names[i];
		fields[i].required = i > 0;
		fields[i].aliases = aliases[i];
	}
	def.verb = "import access list";
	def.noun = N_("access list entries");
	def.nothing = N_("nothing imported");
	def.all_there = N_("access list entries are there");
	def.fields = fields;
	def.nfields = 7;
	def.row = import_row;
	bo.max_errors = max_errors;
	return batch_run(db, path, in, &def, &bo, &ia, &bs);
}

const struct recout_col access_cols[] = {
	{ NC_("column", "county"), RC_STR },
	{ NC_("column", "category"), RC_STR },
	{ NC_("thing", "name"), RC_STR, NULL, "thing" },
	{ NC_("column", "approved_by"), RC_STR },
	{ NC_("column", "approved_on"), RC_STR },
	{ NC_("column", "withdrawn_on"), RC_STR },
	{ NC_("column", "reason"), RC_STR },
	{ NC_("column", "standard"), RC_STR },
	{ NC_("column", "exit"), RC_STR },
	{ NC_("column", "withdraw_reason"), RC_STR },
};
const size_t access_ncols = sizeof access_cols / sizeof access_cols[0];

int
access_list(struct db *db, const struct taxonomy *tax, const char *county,
    const char *day, struct recout *out)
{
	const struct category *c;
	struct db_stmt *st;
	const char *v[10];
	int rc, i;

	st = db_prepare(db, "SELECT county, category, approved_by, "
	    "approved_on, withdrawn_on, reason, standard, exit_procedure, "
	    "withdraw_reason FROM access_list "
	    "WHERE (?1 IS NULL OR county = ?1) AND (?2 IS NULL OR "
	    "(approved_on <= ?2 AND (withdrawn_on IS NULL OR "
	    "withdrawn_on > ?2))) ORDER BY county, category, id");
	if (st == NULL)
		return GK_SOFTWARE;
	if (county != NULL)
		db_bind_text(st, 1, county);
	if (day != NULL)
		db_bind_text(st, 2, day);
	while ((rc = db_step(st)) == DB_ROW) {
		c = taxonomy_find(tax, db_text(st, 1));
		v[0] = db_text(st, 0);
		v[1] = db_text(st, 1);
		v[2] = c != NULL ? c->name : NULL;
		for (i = 2; i < 9; i++)
			v[i + 1] = db_isnull(st, i) ? NULL : db_text(st, i);
		if ((rc = recout_row(out, v)) != 0) {
			rc = -rc;
			break;
		}
	}
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

int
access_permits(struct db *db, const struct taxonomy *tax, const char *county,
    const char *category, const char *day, char *why, size_t n)
{
	const struct category *c = taxonomy_find(tax, category), *k;
	struct db_stmt *st;
	int rc;

	/* The category or one of its parents on the list in force. */
	for (k = c; k != NULL; k = *k->parent ? taxonomy_find(tax,
	    k->parent) : NULL) {
		rc = db_query(db, &st, "SELECT 1 FROM access_list WHERE "
		    "county = ? AND category = ? AND approved_on <= ? AND "
		    "(withdrawn_on IS NULL OR withdrawn_on > ?) LIMIT 1",
		    "ssss", county, k->id, day, day);
		if (rc < 0)
			return rc;
		if (rc == DB_ROW) {
			db_reset(st);
			return 1;
		}
	}
	snprintf(why, n, _("category %s (%s) is not on the access list "
	    "(准入清单) of county %s in force on %s: not given to grid staff "
	    "(Art. 15; case-route access add)"), category, c != NULL ?
	    c->name : "", county, day);
	return 0;
}
