/*
 * gridview.c - looking at areas, grids and units: scope, list, show and
 * the bulletin board.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "gridview_sql.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* The operator's jurisdiction over a scope (jurisdiction.h): narrowed
 * to it when none was given, refused outside it. */
static int
juris_scope_grid(struct grid_scope *scope)
{
	char prefix[16];
	int rc;

	snprintf(prefix, sizeof prefix, "%s", scope->prefix);
	if ((rc = juris_scope(prefix)) == GK_OK)
		snprintf(scope->prefix, sizeof scope->prefix, "%.12s",
		    prefix);
	return rc;
}

int
grid_scope_parse(struct db *db, const char *opt, const char *code, int level,
    struct grid_scope *scope)
{
	struct area_code ac;
	struct db_stmt *st;
	const char *why;
	char q[DIAG_QUOTE_MAX];
	int rc;

	memset(scope, 0, sizeof *scope);
	if (code == NULL)
		return juris_scope_grid(scope);
	if (code_parse_area(code, &ac, &why) == -1) {
		diag_error("%s %s: %s", opt, diag_quote(q, sizeof q, code), why);
		return GK_USAGE;
	}
	if (level != 0 && ac.level != level) {
		diag_error(_("%s %s: that is a %s code, not a %s code"),
		    opt, code,
		    _(code_level_name(ac.level)), _(code_level_name(level)));
		return GK_USAGE;
	}
	st = db_prepare(db, "SELECT 1 FROM areas WHERE code = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, ac.code);
	rc = db_step(st);
	db_reset(st);
	if (rc < 0)
		return -rc;
	if (rc == 0) {
		diag_error(_("%s %s: no such %s in the database"), opt, code,
		    _(code_level_name(ac.level)));
		return GK_DATAERR;
	}
	code_short(ac.code, ac.level, scope->prefix);
	return juris_scope_grid(scope);
}

const struct recout_col grid_list_cols[] = {
	{ NC_("column", "code"), RC_STR },
	{ NC_("thing", "name"), RC_STR, NULL, "thing" },
	{ NC_("column", "village"), RC_STR },
	{ NC_("column", "village_name"), RC_STR },
	{ NC_("column", "kind"), RC_STR, "grid_kind" },
	{ NC_("column", "households"), RC_INT },
	{ NC_("column", "population"), RC_INT },
	{ NC_("column", "units"), RC_INT },
	{ NC_("column", "status"), RC_STR },
};
const size_t grid_list_ncols = sizeof grid_list_cols /
    sizeof grid_list_cols[0];

const struct recout_col grid_area_cols[] = {
	{ NC_("column", "code"), RC_STR },
	{ NC_("thing", "name"), RC_STR, NULL, "thing" },
	{ NC_("column", "level"), RC_STR },
	{ NC_("column", "parent"), RC_STR },
	{ NC_("column", "kind"), RC_STR, "grid_kind" },
	{ NC_("column", "grids"), RC_INT },
};
const size_t grid_area_ncols = sizeof grid_area_cols /
    sizeof grid_area_cols[0];

const struct recout_col grid_unit_cols[] = {
	{ NC_("column", "village"), RC_STR },
	{ NC_("column", "kind"), RC_STR, "unit_kind" },
	{ NC_("thing", "name"), RC_STR, NULL, "thing" },
	{ NC_("column", "grid"), RC_STR },
	{ NC_("column", "hazard"), RC_BOOL, "flag" },
};
const size_t grid_unit_ncols = sizeof grid_unit_cols /
    sizeof grid_unit_cols[0];

/* Write every row of st as a record of n text columns; NULLs stay
 * NULL. */
static int
rows_out(struct db_stmt *st, size_t n, struct recout *out,
    const char *(*fix)(struct db_stmt *, size_t, char *))
{
	const char *v[16], *f;
	char buf[64];
	size_t i;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		for (i = 0; i < n; i++) {
			v[i] = db_isnull(st, (int)i) ? NULL :
			    db_text(st, (int)i);
			f = fix != NULL ? fix(st, i, buf) : NULL;
			if (f != NULL)
				v[i] = f;
		}
		if ((rc = recout_row(out, v)) != GK_OK) {
			db_reset(st);
			return rc;
		}
	}
	db_reset(st);
	return rc < 0 ? -rc : GK_OK;
}

/* A grid's status as the records show it. */
static const char *
grid_fix(struct db_stmt *st, size_t col, char *buf)
{
	(void)buf;
	if (col == 8)
		return strcmp(db_text(st, 8), "retired") == 0 ?
		    P_("retired") : P_("active");
	return NULL;
}

static const char *
area_fix(struct db_stmt *st, size_t col, char *buf)
{
	if (col == 2)
		return P_(code_level_name((int)db_int(st, 2)));
	if (col == 4 && !db_isnull(st, 4))
		return db_int(st, 4) ? "urban" : "rural";
	return NULL;
}

static const char *
unit_fix(struct db_stmt *st, size_t col, char *buf)
{
	if (col == 4)
		return grid_unit_is_hazard(db_text(st, 1)) ? "true" : "false";
	return NULL;
}

const char *const gridview_sql[GRIDVIEW_NQUERIES] = {
	[GRIDVIEW_GRIDS] = "SELECT g.code, g.name, g.village, a.name, "
	    "g.kind, g.households, g.population, (SELECT count(*) "
	    "FROM units u WHERE u.grid = g.code), g.status "
	    "FROM grids g JOIN areas a ON a.code = g.village "
	    "WHERE g.code BETWEEN ? AND ? AND (? = 1 OR "
	    "g.status = 'active') ORDER BY g.code",
	[GRIDVIEW_AREAS] = "SELECT a.code, a.name, a.level, a.parent, "
	    "a.urban, (SELECT count(*) FROM grids g WHERE g.village = "
	    "a.code AND g.status = 'active') FROM areas a "
	    "WHERE a.code BETWEEN ? AND ? ORDER BY a.code",
	[GRIDVIEW_UNITS] = "SELECT village, kind, name, grid, kind "
	    "FROM units WHERE village BETWEEN ? AND ? "
	    "ORDER BY village, kind, name, grid",
	/* (Parenthesised: clang asks whether a concatenation in an array
	 * initialiser is a missing comma.) */
	[GRIDVIEW_GRID_UNITS] = ("SELECT kind, name FROM units WHERE "
	    "grid = ? ORDER BY kind, name"),
};

int
grid_list(struct db *db, enum grid_list_what what, struct grid_scope *scope,
    int all, struct recout *out)
{
	struct db_stmt *st;

	switch (what) {
	case LIST_GRIDS:
		st = db_prepare(db, gridview_sql[GRIDVIEW_GRIDS]);
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 15, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		db_bind_int(st, 3, all);
		return rows_out(st, grid_list_ncols, out, grid_fix);
	case LIST_AREAS:
		st = db_prepare(db, gridview_sql[GRIDVIEW_AREAS]);
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 12, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		return rows_out(st, grid_area_ncols, out, area_fix);
	case LIST_UNITS:
		st = db_prepare(db, gridview_sql[GRIDVIEW_UNITS]);
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 12, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		return rows_out(st, grid_unit_ncols, out, unit_fix);
	}
	return GK_SOFTWARE;
}

/*
 * A grid for show and board: its attributes, and its place in the area
 * tree ("山西省 太原市 ... 东于村") in place.  GK_DATAERR (reported) when
 * there is no such grid.
 */
static int
view_load(struct db *db, const char *code, struct grid_info *gi,
    struct sb *place)
{
	struct grid_code gc;
	struct db_stmt *st;
	const char *why, *names[6];
	char q[DIAG_QUOTE_MAX], area[13];
	struct sb parts[6];
	int rc, n = 0, i;

	if (code_parse_grid(code, &gc, &why) == -1) {
		diag_error(_("grid code %s: %s"), diag_quote(q, sizeof q, code),
		    why);
		return GK_DATAERR;
	}
	if ((rc = juris_read(NULL, gc.code)) != GK_OK)
		return rc;
	if ((rc = grid_require(db, gc.code, 0, gi)) != 1)
		return rc == 0 ? GK_DATAERR : -rc;

	/* Walk up the area tree for the place names. */
	st = db_prepare(db, "SELECT name, parent FROM areas WHERE code = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	snprintf(area, sizeof area, "%s", gi->village);
	while (n < 6 && *area != '\0') {
		db_bind_text(st, 1, area);
		if ((rc = db_step(st)) != DB_ROW)
			break;
		sb_init(&parts[n]);
		sb_adds(&parts[n], db_text(st, 0));
		names[n] = parts[n].buf;
		snprintf(area, sizeof area, "%s", db_text(st, 1));
		n++;
		db_reset(st);
	}
	db_reset(st);
	for (i = n - 1; i >= 0; i--) {
		sb_addf(place, "%s%s", names[i], i ? " " : "");
		sb_release(&parts[i]);
	}
	return rc < 0 ? -rc : GK_OK;
}

/* How grid_show prints the serving staff and the units. */
static const struct recout_doc_col show_staff_cols[] = {
	{ "id", RC_INT, -1, NULL },
	{ "role", RC_STR, 9, NULL },
	{ "name", RC_STR, 0, NULL },
	{ "phone", RC_STR, 0, NULL },
	{ NULL, RC_STR, 0, NULL },		/* "(staff 12)" */
};

static const struct recout_doc_col show_unit_cols[] = {
	{ "kind", RC_STR, 15, NULL },
	{ "name", RC_STR, 0, NULL },
	{ "hazard", RC_BOOL, -1, NULL },
	{ NULL, RC_STR, 0, "  " },		/* "(hazard point)" */
};

static int
show_member(const struct staff_member *m, void *ctx)
{
	char id[32], tag[48];
	const char *v[5];

	snprintf(id, sizeof id, "%lld", m->id);
	snprintf(tag, sizeof tag, P_("(staff %lld)"), m->id);
	v[0] = id;
	v[1] = vocab_record(VOCAB_ROLE, m->role);
	v[2] = m->name;
	v[3] = m->phone;
	v[4] = tag;
	recout_doc_row(ctx, v);
	return 0;
}

/* A count as text, NULL when unknown (-1). */
static const char *
count_text(long long v, char buf[32])
{
	if (v < 0)
		return NULL;
	snprintf(buf, 32, "%lld", v);
	return buf;
}

int
grid_show(struct db *db, const char *code, enum recout_format fmt,
    int reveal, FILE *fp)
{
	struct grid_info gi;
	struct recout_doc *doc = NULL;
	struct sb place = SB_INIT;
	struct db_stmt *st;
	const char *v[4];
	char n1[32], n2[32];
	int rc, hazard;

	if ((rc = view_load(db, code, &gi, &place)) != GK_OK)
		goto done;
	/* Recorded before anything is shown. */
	if (reveal && (rc = audit_reveal(db, gi.code, "staff phones shown "
	    "unmasked")) != GK_OK)
		goto done;
	doc = recout_doc_new(fp, fmt);
	recout_doc_field(doc, "code", P_("grid"), RC_STR, gi.code);
	recout_doc_field(doc, "name", P_("name"), RC_STR, gi.name);
	recout_doc_field(doc, "village", NULL, RC_STR, gi.village);
	recout_doc_field(doc, "place", NULL, RC_STR, place.buf);
	recout_doc_textf(doc, P_("place"), "%s (%s)", place.buf, gi.village);
	recout_doc_field(doc, "kind", P_("kind"), RC_STR,
	    vocab_record(VOCAB_GRID_KIND, gi.kind));
	recout_doc_field(doc, "households", P_("households"), RC_INT,
	    count_text(gi.households, n1));
	recout_doc_field(doc, "population", P_("population"), RC_INT,
	    count_text(gi.population, n2));
	recout_doc_field(doc, "status", NULL, RC_STR, gi.status);
	if (*gi.retired)
		recout_doc_textf(doc, P_("status"), P_("%s since %s"),
		    P_("retired"), gi.retired);
	else
		recout_doc_textf(doc, P_("status"), "%s",
		    strcmp(gi.status, "retired") == 0 ? P_("retired") :
		    P_("active"));
	recout_doc_field(doc, "created", P_("created"), RC_STR, gi.created);
	recout_doc_field(doc, "retired", NULL, RC_STR,
	    *gi.retired ? gi.retired : NULL);

	recout_doc_table(doc, "staff", P_("staff"), show_staff_cols,
	    sizeof show_staff_cols / sizeof show_staff_cols[0],
	    P_("none serving"));
	if ((rc = staff_serving(db, gi.code, reveal, show_member, doc))
	    != GK_OK)
		goto done;

	recout_doc_table(doc, "units", P_("units"), show_unit_cols,
	    sizeof show_unit_cols / sizeof show_unit_cols[0],
	    P_("none: the grid's extent is not recorded"));
	st = db_prepare(db, gridview_sql[GRIDVIEW_GRID_UNITS]);
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto done;
	}
	db_bind_text(st, 1, gi.code);
	while ((rc = db_step(st)) == DB_ROW) {
		hazard = grid_unit_is_hazard(db_text(st, 0));
		v[0] = vocab_record(VOCAB_UNIT_KIND, db_text(st, 0));
		v[1] = db_text(st, 1);
		v[2] = hazard ? "true" : "false";
		v[3] = hazard ? P_("(hazard point)") : NULL;
		recout_doc_row(doc, v);
	}
	db_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	rc = recout_doc_end(doc, 0);
	doc = NULL;
done:
	recout_doc_end(doc, 1);
	sb_release(&place);
	return rc;
}

/* HTML text: escape & < > " '. */
static void
html_putc(FILE *fp, char c)
{
	switch (c) {
	case '&':
		fputs("&amp;", fp);
		break;
	case '<':
		fputs("&lt;", fp);
		break;
	case '>':
		fputs("&gt;", fp);
		break;
	case '"':
		fputs("&quot;", fp);
		break;
	case '\'':
		fputs("&#39;", fp);
		break;
	default:
		fputc(c, fp);
	}
}

static void
html_put(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		html_putc(fp, *s);
}

/* The team on the board, as text and as HTML. */
struct board_team {
	struct sb text;		/* one "role name work-phone" a line */
	struct sb html;		/* the same, escaped, with the photos */
	const char *grid;	/* for warnings */
};

static void
sb_html(struct sb *sb, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addf(sb, "%c", *s);
		}
}

/*
 * The team of Art. 5 on the board: names, photos, public work phones
 * and duties are public by law, and printed in full; the personal
 * mobile and the identity number never are.  A member without a
 * public phone or photo is a warning, not silence.
 */
static int
board_member(const struct staff_member *m, void *ctx)
{
	struct board_team *t = ctx;

	sb_addf(&t->text, "%s%s %s%s%s", t->text.len ? "\n" : "",
	    staff_role_zh(m->role), m->name, m->work_phone ? " " : "",
	    m->work_phone ? m->work_phone : "");
	if (t->html.len)
		sb_adds(&t->html, "<br>\n");
	if (m->photo != NULL) {
		sb_adds(&t->html, "<img src=\"");
		sb_html(&t->html, m->photo);
		sb_adds(&t->html, "\" alt=\"");
		sb_html(&t->html, m->name);
		sb_adds(&t->html, "\" height=\"120\"> ");
	}
	sb_html(&t->html, staff_role_zh(m->role));
	sb_adds(&t->html, " ");
	sb_html(&t->html, m->name);
	if (m->work_phone != NULL) {
		sb_adds(&t->html, " ");
		sb_html(&t->html, m->work_phone);
	}
	if (m->work_phone == NULL || m->photo == NULL)
		diag_warn(_("grid %s: %s (staff %lld) has no public %s on the "
		    "board (staff-hire contacts; Art. 5)"), t->grid, m->name,
		    m->id, m->work_phone == NULL && m->photo == NULL ?
		    _("work phone or photo") : m->work_phone == NULL ?
		    _("work phone") : _("photo"));
	return 0;
}

int
grid_board(struct db *db, const struct config *cfg, const char *code,
    int html, int reveal, FILE *fp)
{
	const struct vocab_entry *role;
	struct grid_info gi;
	struct sb key = SB_INIT, place = SB_INIT;
	struct board_team team = { SB_INIT, SB_INIT, NULL };
	const char *title = config_str(cfg, "board.title");
	const char *phone = config_str(cfg, "board.supervision_phone");
	size_t i;
	int rc;

	if ((rc = view_load(db, code, &gi, &place)) != GK_OK)
		goto done;
	/* Nothing personal is on a board: --reveal changes nothing. */
	(void)reveal;
	team.grid = gi.code;
	if ((rc = staff_serving(db, gi.code, 0, board_member, &team))
	    != GK_OK)
		goto done;
	if (team.text.len == 0) {
		sb_adds(&team.text, "尚未登记");
		sb_adds(&team.html, "尚未登记");
	}
	if (*phone == '\0')
		diag_warn(_("grid %s: the board has no supervision phone "
		    "(board.supervision_phone; Art. 5)"), gi.code);
	if (strcmp(gi.status, "active") != 0)
		diag_warn(_("grid %s is retired; its board should come down"),
		    gi.code);
	if (!html) {
		fprintf(fp, "%s\n\n", title);
		fprintf(fp, "网格编码  %s\n", gi.code);
		fprintf(fp, "网格名称  %s\n", gi.name);
		fprintf(fp, "所属区域  %s\n", place.buf);
		{
			const char *line = team.text.buf, *nl;

			fputs("网格人员", fp);
			do {
				nl = strchr(line, '\n');
				fprintf(fp, "  %.*s\n", nl ? (int)(nl - line) :
				    (int)strlen(line), line);
				line = nl ? nl + 1 : NULL;
				if (line)
					fputs("        ", fp);
			} while (line != NULL);
		}
		fprintf(fp, "\n职责\n");
		for (i = 0; (role = vocab_entry(VOCAB_ROLE, i)) != NULL; i++) {
			sb_reset(&key);
			sb_addf(&key, "board.duties.%s", role->name);
			fprintf(fp, "  %s：%s\n", role->zh,
			    config_str(cfg, key.buf));
		}
		fprintf(fp, "\n监督电话  %s\n", *phone ? phone : "（未设置）");
	} else {
		fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<title>", fp);
		html_put(fp, title);
		fputs(" ", fp);
		html_put(fp, gi.code);
		fputs("</title>\n<style>\n"
		    "body { font-family: sans-serif; margin: 2em; }\n"
		    "table { border-collapse: collapse; width: 100%; }\n"
		    "th, td { border: 1px solid #333; padding: 0.4em 0.8em; "
		    "text-align: left; }\n"
		    "th { width: 8em; background: #eee; }\n"
		    "h1 { text-align: center; }\n"
		    "@media print { body { margin: 0; } }\n"
		    "</style>\n</head>\n<body>\n<h1>", fp);
		html_put(fp, title);
		fputs("</h1>\n<table>\n<tr><th>网格编码</th><td>", fp);
		html_put(fp, gi.code);
		fputs("</td></tr>\n<tr><th>网格名称</th><td>", fp);
		html_put(fp, gi.name);
		fputs("</td></tr>\n<tr><th>所属区域</th><td>", fp);
		html_put(fp, place.buf);
		fputs("</td></tr>\n<tr><th>网格人员</th><td>", fp);
		fputs(team.html.buf, fp);
		fputs("</td></tr>\n", fp);
		for (i = 0; (role = vocab_entry(VOCAB_ROLE, i)) != NULL; i++) {
			sb_reset(&key);
			sb_addf(&key, "board.duties.%s", role->name);
			fputs("<tr><th>", fp);
			html_put(fp, role->zh);
			fputs("职责</th><td>", fp);
			html_put(fp, config_str(cfg, key.buf));
			fputs("</td></tr>\n", fp);
		}
		fputs("<tr><th>监督电话</th><td>", fp);
		html_put(fp, *phone ? phone : "（未设置）");
		fputs("</td></tr>\n</table>\n</body>\n</html>\n", fp);
	}
	if (ferror(fp))
		rc = GK_IOERR;
done:
	sb_release(&team.text);
	sb_release(&team.html);
	sb_release(&key);
	sb_release(&place);
	return rc;
}
