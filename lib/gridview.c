/*
 * gridview.c - looking at areas, grids and units: scope, list, show and
 * the bulletin board.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "audit.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "grid.h"
#include "mask.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

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
		return GK_OK;
	if (code_parse_area(code, &ac, &why) == -1) {
		diag_error("%s %s: %s", opt, diag_quote(q, sizeof q, code), why);
		return GK_USAGE;
	}
	if (level != 0 && ac.level != level) {
		diag_error("%s %s: that is a %s code, not a %s code", opt, code,
		    code_level_name(ac.level), code_level_name(level));
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
		diag_error("%s %s: no such %s in the database", opt, code,
		    code_level_name(ac.level));
		return GK_DATAERR;
	}
	code_short(ac.code, ac.level, scope->prefix);
	return GK_OK;
}

const struct recout_col grid_list_cols[] = {
	{ "code", RC_STR }, { "name", RC_STR }, { "village", RC_STR },
	{ "village_name", RC_STR }, { "kind", RC_STR },
	{ "households", RC_INT }, { "population", RC_INT },
	{ "units", RC_INT }, { "status", RC_STR },
};
const size_t grid_list_ncols = sizeof grid_list_cols /
    sizeof grid_list_cols[0];

const struct recout_col grid_area_cols[] = {
	{ "code", RC_STR }, { "name", RC_STR }, { "level", RC_STR },
	{ "parent", RC_STR }, { "kind", RC_STR }, { "grids", RC_INT },
};
const size_t grid_area_ncols = sizeof grid_area_cols /
    sizeof grid_area_cols[0];

const struct recout_col grid_unit_cols[] = {
	{ "village", RC_STR }, { "kind", RC_STR }, { "name", RC_STR },
	{ "grid", RC_STR }, { "hazard", RC_BOOL },
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

	while ((rc = db_step(st)) == 1) {
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

static const char *
area_fix(struct db_stmt *st, size_t col, char *buf)
{
	if (col == 2)
		return code_level_name((int)db_int(st, 2));
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

int
grid_list(struct db *db, enum grid_list_what what, struct grid_scope *scope,
    int all, struct recout *out)
{
	struct db_stmt *st;

	switch (what) {
	case LIST_GRIDS:
		st = db_prepare(db, "SELECT g.code, g.name, g.village, a.name, "
		    "g.kind, g.households, g.population, (SELECT count(*) "
		    "FROM units u WHERE u.grid = g.code), g.status "
		    "FROM grids g JOIN areas a ON a.code = g.village "
		    "WHERE g.code BETWEEN ? AND ? AND (? = 1 OR "
		    "g.status = 'active') ORDER BY g.code");
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 15, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		db_bind_int(st, 3, all);
		return rows_out(st, grid_list_ncols, out, NULL);
	case LIST_AREAS:
		st = db_prepare(db, "SELECT a.code, a.name, a.level, a.parent, "
		    "a.urban, (SELECT count(*) FROM grids g WHERE g.village = "
		    "a.code AND g.status = 'active') FROM areas a "
		    "WHERE a.code BETWEEN ? AND ? ORDER BY a.code");
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 12, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		return rows_out(st, grid_area_ncols, out, area_fix);
	case LIST_UNITS:
		st = db_prepare(db, "SELECT village, kind, name, grid, kind "
		    "FROM units WHERE village BETWEEN ? AND ? "
		    "ORDER BY village, kind, name, grid");
		if (st == NULL)
			return GK_SOFTWARE;
		code_range(scope->prefix, 12, scope->lo, scope->hi);
		db_bind_text(st, 1, scope->lo);
		db_bind_text(st, 2, scope->hi);
		return rows_out(st, grid_unit_ncols, out, unit_fix);
	}
	return GK_SOFTWARE;
}

/* One grid's attributes, loaded for show and board. */
struct grid_info {
	char code[16];			/* the grid */
	struct sb name;			/* its name */
	char village[13];		/* its village */
	char kind[8];			/* urban or rural */
	long long households;		/* -1 when unknown */
	long long population;		/* -1 when unknown */
	char status[16];		/* active or retired */
	char created[32];		/* when added */
	char retired[32];		/* when retired, or "" */
	struct sb place;		/* "山西省 太原市 ... 东于村" */
};

static void
info_release(struct grid_info *gi)
{
	sb_release(&gi->name);
	sb_release(&gi->place);
}

/* Load a grid; GK_DATAERR (reported) when there is none. */
static int
info_load(struct db *db, const char *code, struct grid_info *gi)
{
	struct grid_code gc;
	struct db_stmt *st;
	const char *why, *names[6];
	char q[DIAG_QUOTE_MAX], area[13];
	struct sb parts[6];
	int rc, n = 0, i;

	memset(gi, 0, sizeof *gi);
	sb_init(&gi->name);
	sb_init(&gi->place);
	if (code_parse_grid(code, &gc, &why) == -1) {
		diag_error("grid code %s: %s", diag_quote(q, sizeof q, code),
		    why);
		return GK_DATAERR;
	}
	st = db_prepare(db, "SELECT name, village, kind, households, "
	    "population, status, created, retired FROM grids WHERE code = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	db_bind_text(st, 1, gc.code);
	rc = db_step(st);
	if (rc <= 0) {
		if (rc == 0)
			diag_error("grid %s is not in the database", gc.code);
		return rc == 0 ? GK_DATAERR : -rc;
	}
	memcpy(gi->code, gc.code, sizeof gi->code);
	sb_adds(&gi->name, db_text(st, 0));
	snprintf(gi->village, sizeof gi->village, "%s", db_text(st, 1));
	snprintf(gi->kind, sizeof gi->kind, "%s", db_text(st, 2));
	gi->households = db_isnull(st, 3) ? -1 : db_int(st, 3);
	gi->population = db_isnull(st, 4) ? -1 : db_int(st, 4);
	snprintf(gi->status, sizeof gi->status, "%s", db_text(st, 5));
	snprintf(gi->created, sizeof gi->created, "%s", db_text(st, 6));
	snprintf(gi->retired, sizeof gi->retired, "%s", db_text(st, 7));
	db_reset(st);

	/* Walk up the area tree for the place names. */
	st = db_prepare(db, "SELECT name, parent FROM areas WHERE code = ?");
	if (st == NULL)
		return GK_SOFTWARE;
	snprintf(area, sizeof area, "%s", gi->village);
	while (n < 6 && *area != '\0') {
		db_bind_text(st, 1, area);
		if ((rc = db_step(st)) != 1)
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
		sb_addf(&gi->place, "%s%s", names[i], i ? " " : "");
		sb_release(&parts[i]);
	}
	return rc < 0 ? -rc : GK_OK;
}

/* The serving staff of a grid, leader first. */
static const char staff_sql[] = "SELECT a.role, p.name, p.phone, p.id "
    "FROM assignments a JOIN people p ON p.id = a.person "
    "WHERE a.grid = ? AND a.ended IS NULL ORDER BY CASE a.role "
    "WHEN 'leader' THEN 1 WHEN 'full_time' THEN 2 WHEN 'part_time' THEN 3 "
    "ELSE 4 END, p.id";

static void
json_count(json_t *o, const char *key, long long v)
{
	json_object_set_new(o, key, v < 0 ? json_null() : json_integer(v));
}

int
grid_show(struct db *db, const char *code, enum recout_format fmt,
    int reveal, FILE *fp)
{
	struct grid_info gi;
	struct db_stmt *st;
	json_t *o = NULL, *units = NULL, *u, *staff = NULL;
	char phone[PHONE_MAX];
	const char *ph;
	long long nunits = 0, nstaff = 0;
	int rc, json = fmt == RECOUT_JSON || fmt == RECOUT_JSONL;

	if ((rc = info_load(db, code, &gi)) != GK_OK)
		goto done;
	/* Recorded before anything is shown. */
	if (reveal && (rc = audit_reveal(db, gi.code, "staff phones shown "
	    "unmasked")) != GK_OK)
		goto done;
	if (json) {
		o = json_object();
		units = json_array();
		json_object_set_new(o, "code", json_string(gi.code));
		json_object_set_new(o, "name", json_string(gi.name.buf));
		json_object_set_new(o, "village", json_string(gi.village));
		json_object_set_new(o, "place", json_string(gi.place.buf));
		json_object_set_new(o, "kind", json_string(gi.kind));
		json_count(o, "households", gi.households);
		json_count(o, "population", gi.population);
		json_object_set_new(o, "status", json_string(gi.status));
		json_object_set_new(o, "created", json_string(gi.created));
		json_object_set_new(o, "retired", *gi.retired ?
		    json_string(gi.retired) : json_null());
	} else {
		fprintf(fp, "grid        %s\n", gi.code);
		fprintf(fp, "name        %s\n", gi.name.buf);
		fprintf(fp, "place       %s (%s)\n", gi.place.buf, gi.village);
		fprintf(fp, "kind        %s\n", gi.kind);
		if (gi.households >= 0)
			fprintf(fp, "households  %lld\n", gi.households);
		if (gi.population >= 0)
			fprintf(fp, "population  %lld\n", gi.population);
		fprintf(fp, "status      %s", gi.status);
		if (*gi.retired)
			fprintf(fp, " since %s", gi.retired);
		fprintf(fp, "\ncreated     %s\n", gi.created);
	}
	st = db_prepare(db, staff_sql);
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto done;
	}
	db_bind_text(st, 1, gi.code);
	staff = json ? json_array() : NULL;
	while ((rc = db_step(st)) == 1) {
		ph = reveal ? db_text(st, 2) :
		    mask_phone(db_text(st, 2), phone, sizeof phone);
		if (json) {
			u = json_object();
			json_object_set_new(u, "id", json_integer(db_int(st, 3)));
			json_object_set_new(u, "role",
			    json_string(db_text(st, 0)));
			json_object_set_new(u, "name",
			    json_string(db_text(st, 1)));
			json_object_set_new(u, "phone", json_string(ph));
			json_array_append_new(staff, u);
		} else {
			if (nstaff == 0)
				fprintf(fp, "staff\n");
			fprintf(fp, "  %-10s %s  %s  (staff %lld)\n",
			    db_text(st, 0), db_text(st, 1), ph, db_int(st, 3));
		}
		nstaff++;
	}
	db_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	if (!json && nstaff == 0)
		fprintf(fp, "staff       none serving\n");
	st = db_prepare(db, "SELECT kind, name FROM units WHERE grid = ? "
	    "ORDER BY kind, name");
	if (st == NULL) {
		rc = GK_SOFTWARE;
		goto done;
	}
	db_bind_text(st, 1, gi.code);
	while ((rc = db_step(st)) == 1) {
		if (json) {
			u = json_object();
			json_object_set_new(u, "kind",
			    json_string(db_text(st, 0)));
			json_object_set_new(u, "name",
			    json_string(db_text(st, 1)));
			json_object_set_new(u, "hazard", json_boolean(
			    grid_unit_is_hazard(db_text(st, 0))));
			json_array_append_new(units, u);
		} else {
			if (nunits == 0)
				fprintf(fp, "units\n");
			fprintf(fp, "  %-16s %s%s\n", db_text(st, 0),
			    db_text(st, 1), grid_unit_is_hazard(db_text(st, 0))
			    ? "  (hazard point)" : "");
		}
		nunits++;
	}
	db_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	rc = GK_OK;
	if (json) {
		json_object_set_new(o, "staff", staff);
		staff = NULL;
		json_object_set_new(o, "units", units);
		units = NULL;
		if (json_dumpf(o, fp, JSON_PRESERVE_ORDER |
		    (fmt == RECOUT_JSONL ? JSON_COMPACT : JSON_INDENT(2))) == -1)
			rc = GK_IOERR;
		fputc('\n', fp);
	} else if (nunits == 0)
		fprintf(fp, "units       none: the grid's extent is not "
		    "recorded\n");
done:
	json_decref(staff);
	json_decref(units);
	json_decref(o);
	info_release(&gi);
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

int
grid_board(struct db *db, const struct config *cfg, const char *code,
    int html, int reveal, FILE *fp)
{
	const struct vocab_entry *role;
	struct grid_info gi;
	struct db_stmt *st;
	struct sb key = SB_INIT, people = SB_INIT;
	char masked[PHONE_MAX];
	long long nstaff = 0;
	const char *title = config_str(cfg, "board.title");
	const char *phone = config_str(cfg, "board.supervision_phone");
	size_t i;
	int rc;

	if ((rc = info_load(db, code, &gi)) != GK_OK)
		goto done;
	if (reveal && (rc = audit_reveal(db, gi.code, "board printed with "
	    "phones unmasked")) != GK_OK)
		goto done;
	/* The team of Art. 5, one "role name phone" per line. */
	if ((st = db_prepare(db, staff_sql)) == NULL) {
		rc = GK_SOFTWARE;
		goto done;
	}
	db_bind_text(st, 1, gi.code);
	while ((rc = db_step(st)) == 1) {
		sb_addf(&people, "%s%s %s %s", nstaff++ ? "\n" : "",
		    staff_role_zh(db_text(st, 0)), db_text(st, 1), reveal ?
		    db_text(st, 2) : mask_phone(db_text(st, 2), masked,
		    sizeof masked));
	}
	db_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	rc = GK_OK;
	if (nstaff == 0)
		sb_adds(&people, "尚未登记");
	if (strcmp(gi.status, "active") != 0)
		diag_warn("grid %s is retired; its board should come down",
		    gi.code);
	if (!html) {
		fprintf(fp, "%s\n\n", title);
		fprintf(fp, "网格编码  %s\n", gi.code);
		fprintf(fp, "网格名称  %s\n", gi.name.buf);
		fprintf(fp, "所属区域  %s\n", gi.place.buf);
		{
			const char *line = people.buf, *nl;

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
		html_put(fp, gi.name.buf);
		fputs("</td></tr>\n<tr><th>所属区域</th><td>", fp);
		html_put(fp, gi.place.buf);
		fputs("</td></tr>\n<tr><th>网格人员</th><td>", fp);
		{
			const char *c;

			for (c = people.buf; *c != '\0'; c++) {
				if (*c == '\n') {
					fputs("<br>", fp);
					continue;
				}
				html_putc(fp, *c);
			}
		}
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
	sb_release(&people);
	sb_release(&key);
	info_release(&gi);
	return rc;
}
