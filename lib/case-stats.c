/*
 * case-stats.c - the figures of Art. 16.
 *
 * One pass over the history of the cases asked for, case by case (the
 * cases' key, then case_history_case), into groups kept in a sorted
 * array: the working time of each step needs the calendar, which SQL
 * has not, and the percentiles need the values.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case.h"
#include "case-stats.h"
#include "clock.h"
#include "db.h"
#include "deadline.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"

int
case_stats_by_parse(const char *s, int *out)
{
	static const struct {
		const char *name, *zh;
		int by;
	} w[] = {
		{ "centre", "中心", CASE_STATS_CENTRE },
		{ "center", "受理中心", CASE_STATS_CENTRE },
		{ "township", "乡镇", CASE_STATS_TOWNSHIP },
		{ "staff", "网格员", CASE_STATS_STAFF },
		{ "category", "类别", CASE_STATS_CATEGORY },
	};
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (util_streq_icase(s, w[i].name) || strcmp(s, w[i].zh) == 0) {
			*out = w[i].by;
			return 0;
		}
	return -1;
}

const struct recout_col case_stats_cols[] = {
	{ NC_("column", "group"), RC_STR },
	{ NC_("column", "cases"), RC_INT },
	{ NC_("column", "open"), RC_INT },
	{ NC_("column", "closed"), RC_INT },
	{ NC_("column", "refused"), RC_INT },
	{ NC_("column", "at_reported"), RC_INT },
	{ NC_("column", "at_filed"), RC_INT },
	{ NC_("column", "at_assigned"), RC_INT },
	{ NC_("column", "at_investigated"), RC_INT },
	{ NC_("column", "at_feedback"), RC_INT },
	{ NC_("column", "closed_on_time"), RC_INT },
	{ NC_("column", "open_overdue"), RC_INT },
	{ NC_("column", "on_time_rate"), RC_NUM },
	{ NC_("column", "median_reported"), RC_NUM },
	{ NC_("column", "p90_reported"), RC_NUM },
	{ NC_("column", "median_filed"), RC_NUM },
	{ NC_("column", "p90_filed"), RC_NUM },
	{ NC_("column", "median_assigned"), RC_NUM },
	{ NC_("column", "p90_assigned"), RC_NUM },
	{ NC_("column", "median_investigated"), RC_NUM },
	{ NC_("column", "p90_investigated"), RC_NUM },
	{ NC_("column", "median_feedback"), RC_NUM },
	{ NC_("column", "p90_feedback"), RC_NUM },
	{ NC_("column", "to_township"), RC_INT },
	{ NC_("column", "to_county"), RC_INT },
	{ NC_("column", "yellow_cards"), RC_INT },
	{ NC_("column", "red_cards"), RC_INT },
	{ NC_("column", "on_spot"), RC_INT },
	{ NC_("column", "satisfied"), RC_INT },
	{ NC_("column", "basically"), RC_INT },
	{ NC_("column", "unsatisfied"), RC_INT },
	{ NC_("column", "satisfaction_rate"), RC_NUM },
};
const size_t case_stats_ncols = sizeof case_stats_cols /
    sizeof case_stats_cols[0];

/* Working days spent at one step, for the percentiles. */
struct times {
	float *v;		/* values */
	size_t n, cap;
};

/* One group's figures. */
struct group {
	char *key;			/* what it is grouped by */
	unsigned long cases, open, closed, refused;
	unsigned long at[6];		/* open cases at steps 1-5 */
	unsigned long on_time, overdue;
	struct times t[5];		/* steps 1-5 */
	unsigned long up[2];		/* to township, to county */
	unsigned long yellow, red, on_spot;
	unsigned long sat[3];		/* satisfied, basically, unsatisfied */
};

struct groups {
	struct group *g;		/* sorted by key */
	size_t n, cap;
};

static struct group *
group_get(struct groups *gs, const char *key)
{
	size_t lo = 0, hi = gs->n, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(gs->g[mid].key, key);
		if (c == 0)
			return &gs->g[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? 2 * gs->cap : 64;
		gs->g = ereallocarray(gs->g, gs->cap, sizeof *gs->g);
	}
	memmove(&gs->g[lo + 1], &gs->g[lo], (gs->n - lo) * sizeof *gs->g);
	memset(&gs->g[lo], 0, sizeof gs->g[lo]);
	gs->g[lo].key = estrdup(key);
	gs->n++;
	return &gs->g[lo];
}

static void
times_add(struct times *t, double v)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = ereallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n++] = (float)v;
}

static int
float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile p (0 < p <= 100) into buf, or NULL when
 * there are no values. */
static const char *
percentile(struct times *t, int p, char buf[24])
{
	size_t r;

	if (t->n == 0)
		return NULL;
	qsort(t->v, t->n, sizeof *t->v, float_cmp);
	r = (t->n * (size_t)p + 99) / 100;
	snprintf(buf, 24, "%.1f", t->v[r == 0 ? 0 : r - 1]);
	return buf;
}

static const char *
ratio(unsigned long a, unsigned long b, char buf[24])
{
	if (b == 0)
		return NULL;
	snprintf(buf, 24, "%.1f", 100.0 * (double)a / (double)b);
	return buf;
}

/* One case's history as read, row by row. */
struct hist {
	gk_time at;		/* when */
	int step;		/* the step it left the case at */
	gk_time due;		/* the due time it set, or 0 */
};

static int
parse_time(const char *s, gk_time *t)
{
	const char *why;

	return s != NULL && clock_parse(s, t, &why) == 0 ? 0 : -1;
}

/* The group key of the current row. */
static void
key_of(struct db_stmt *st, int by, char *buf, size_t n)
{
	const char *a;

	switch (by) {
	case CASE_STATS_CENTRE:
		if (!db_isnull(st, 9))
			snprintf(buf, n, "%s", db_text(st, 9));
		else {
			/* The area's significant digits by its level. */
			a = db_text(st, 8);
			snprintf(buf, n, "%.*s", db_int(st, 7) == 1 ? 12 :
			    db_int(st, 7) == 2 ? 9 : 6, a);
		}
		break;
	case CASE_STATS_TOWNSHIP:
		snprintf(buf, n, "%.9s", db_text(st, 1));
		break;
	case CASE_STATS_STAFF:
		a = db_isnull(st, 10) ? "" : db_text(st, 10);
		snprintf(buf, n, "%s", strncmp(a, "staff ", 6) == 0 ? a + 6 :
		    P_("none"));
		break;
	case CASE_STATS_CATEGORY:
		snprintf(buf, n, "%s", db_text(st, 2));
		break;
	default:
		snprintf(buf, n, "%s", P_("all"));
	}
}

/* Read the cases o asks for into gs, grouped by by: GK_OK or a status
 * after reporting (gs holds what was read either way). */
static int
collect(struct db *db, const struct case_env *env,
    const struct case_stats_opts *o, int by, struct groups *gs)
{
	char key[160];
	struct hist *h = NULL;
	size_t nh = 0, caph = 0, i, k;
	struct db_stmt *st;
	struct group *g = NULL;
	gk_time now = clock_now(), t, due;
	long long cur = 0;
	int rc, late = 0, open = 0, lv;

	if ((rc = db_begin_read(db)) != GK_OK)
		return rc;
	st = db_prepare(db, "SELECT c.id, c.grid, c.category, c.status, "
	    "c.step, c.on_spot, c.satisfaction, c.level, c.area, c.dept, "
	    "c.assignee, c.due, h.at, h.action, h.step, h.level, h.card, "
	    "h.due FROM cases c JOIN case_history h ON h.case_id = c.id "
	    "WHERE (?1 IS NULL OR substr(c.reported, 1, 10) >= ?1) "
	    "AND (?2 IS NULL OR substr(c.reported, 1, 10) <= ?2) "
	    "AND (?3 IS NULL OR substr(c.grid, 1, length(?3)) = ?3) "
	    "ORDER BY c.id, h.id");
	if (st == NULL) {
		db_rollback(db);
		return GK_SOFTWARE;
	}
	if (o->from != NULL)
		db_bind_text(st, 1, o->from);
	if (o->to != NULL)
		db_bind_text(st, 2, o->to);
	if (o->area != NULL && *o->area)
		db_bind_text(st, 3, o->area);
	for (;;) {
		rc = db_step(st);
		/* A case ends: the time at each step, and whether it
		 * was late. */
		if ((rc != DB_ROW || db_int(st, 0) != cur) && g != NULL) {
			for (i = 0; i + 1 < nh; i++)
				if (h[i].due && h[i + 1].at > h[i].due)
					late = 1;
			/* A stint at a step runs from the first row at it
			 * to the first row at another (an extension or an
			 * escalation keeps the step). */
			for (i = 0; i < nh; i = k) {
				for (k = i + 1; k < nh && h[k].step ==
				    h[i].step; k++)
					;
				if (k < nh && h[i].step >= 1 && h[i].step <= 5)
					times_add(&g->t[h[i].step - 1],
					    (double)deadline_worktime(env->cal,
					    h[i].at, h[k].at) / 86400.0);
			}
			if (open && nh > 0 && h[nh - 1].due &&
			    now > h[nh - 1].due)
				g->overdue++;
			else if (!open && g != NULL && late == 0 && nh > 0 &&
			    h[nh - 1].step == 6)
				g->on_time++;
			g = NULL;
		}
		if (rc != DB_ROW)
			break;
		if (db_int(st, 0) != cur) {
			cur = db_int(st, 0);
			key_of(st, by, key, sizeof key);
			g = group_get(gs, key);
			g->cases++;
			open = strcmp(db_text(st, 3), "open") == 0;
			late = 0;
			nh = 0;
			if (open) {
				g->open++;
				lv = (int)db_int(st, 4);
				if (lv >= 1 && lv <= 5)
					g->at[lv - 1]++;
			} else if (strcmp(db_text(st, 3), "closed") == 0)
				g->closed++;
			else
				g->refused++;
			if (db_int(st, 5))
				g->on_spot++;
			if (!db_isnull(st, 6)) {
				if (strcmp(db_text(st, 6), "satisfied") == 0)
					g->sat[0]++;
				else if (strcmp(db_text(st, 6),
				    "basically") == 0)
					g->sat[1]++;
				else
					g->sat[2]++;
			}
		}
		if (nh == caph) {
			caph = caph ? 2 * caph : 16;
			h = ereallocarray(h, caph, sizeof *h);
		}
		if (parse_time(db_text(st, 12), &t) == -1)
			continue;
		h[nh].at = t;
		h[nh].step = (int)db_int(st, 14);
		h[nh].due = parse_time(db_isnull(st, 17) ? NULL :
		    db_text(st, 17), &due) == 0 ? due : 0;
		nh++;
		if (strcmp(db_text(st, 13), "escalate") == 0) {
			lv = (int)db_int(st, 15);
			if (lv == 2 || lv == 3)
				g->up[lv - 2]++;
		}
		if (!db_isnull(st, 16)) {
			if (strcmp(db_text(st, 16), "yellow") == 0)
				g->yellow++;
			else
				g->red++;
		}
	}
	db_reset(st);
	db_rollback(db);
	free(h);
	return rc < 0 ? -rc : GK_OK;
}

static void
groups_release(struct groups *gs)
{
	size_t i, k;

	for (i = 0; i < gs->n; i++) {
		for (k = 0; k < 5; k++)
			free(gs->g[i].t[k].v);
		free(gs->g[i].key);
	}
	free(gs->g);
	gs->g = NULL;
	gs->n = gs->cap = 0;
}

/* The values of g's record, in the order of case_stats_cols, into v
 * (pointing into b and cnt, or NULL for none). */
static void
values(struct group *g, const char *v[32], char b[12][24], char cnt[20][24])
{
	unsigned long c[] = { g->cases, g->open, g->closed, g->refused,
	    g->at[0], g->at[1], g->at[2], g->at[3], g->at[4], g->on_time,
	    g->overdue };
	unsigned long c2[] = { g->up[0], g->up[1], g->yellow, g->red,
	    g->on_spot, g->sat[0], g->sat[1], g->sat[2] };
	size_t k;

	v[0] = g->key;
	for (k = 0; k < 11; k++) {
		snprintf(cnt[k], sizeof cnt[k], "%lu", c[k]);
		v[1 + k] = cnt[k];
	}
	v[12] = ratio(g->on_time, g->closed + g->overdue, b[0]);
	for (k = 0; k < 5; k++) {
		v[13 + 2 * k] = percentile(&g->t[k], 50, b[1 + 2 * k]);
		v[14 + 2 * k] = percentile(&g->t[k], 90, b[2 + 2 * k]);
	}
	for (k = 0; k < 8; k++) {
		snprintf(cnt[11 + k], sizeof cnt[11 + k], "%lu", c2[k]);
		v[23 + k] = cnt[11 + k];
	}
	v[31] = ratio(g->sat[0] + g->sat[1], g->sat[0] + g->sat[1] +
	    g->sat[2], b[11]);
}

int
case_stats(struct db *db, const struct case_env *env,
    const struct case_stats_opts *o, struct recout *out)
{
	char b[12][24], cnt[20][24];
	const char *v[32];
	struct groups gs = { 0 };
	size_t i;
	int rc;

	if ((rc = collect(db, env, o, o->by, &gs)) == GK_OK)
		for (i = 0; i < gs.n && rc == GK_OK; i++) {
			values(&gs.g[i], v, b, cnt);
			if (recout_row(out, v) != 0)
				rc = GK_IOERR;
		}
	groups_release(&gs);
	return rc;
}

/* HTML: text escaped. */
static void
html_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: putc(*s, fp);
		}
}

/* A column's header for people. */
static const char *
header(const char *name)
{
	char id[96];

	snprintf(id, sizeof id, "column\004%s", name);
	return i18n_pgettext(id, name);
}

/*
 * One horizontal bar chart as inline SVG: a bar per label, value[i]
 * of max, the value written after it with unit; a negative value is
 * none (no bar, "-").
 */
static void
svg_bars(FILE *fp, const char *title, char *const *label,
    const double *value, size_t n, double max, const char *unit)
{
	size_t i;
	double w;

	fprintf(fp, "<h2>");
	html_text(fp, title);
	fprintf(fp, "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"720\" height=\"%zu\" role=\"img\">\n", 24 * n + 10);
	for (i = 0; i < n; i++) {
		w = max > 0 && value[i] > 0 ? 440.0 * value[i] / max : 0;
		fprintf(fp, "<text x=\"170\" y=\"%zu\" text-anchor=\"end\" "
		    "font-size=\"13\">", 24 * i + 20);
		html_text(fp, label[i]);
		fprintf(fp, "</text><rect x=\"180\" y=\"%zu\" width=\"%.1f\" "
		    "height=\"16\" fill=\"#3b7dd8\"/><text x=\"%.1f\" y=\"%zu\" "
		    "font-size=\"13\">", 24 * i + 7, w, 186 + w, 24 * i + 20);
		if (value[i] < 0)
			fputs("-", fp);
		else
			fprintf(fp, "%.1f%s", value[i], unit);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

int
case_stats_html(struct db *db, const struct case_env *env,
    const struct case_stats_opts *o, const char *path)
{
	struct groups gs = { 0 }, gt = { 0 };
	char now[CLOCK_ISO_MAX], **label = NULL, b[12][24], cnt[20][24];
	const char *v[32];
	double *value = NULL;
	FILE *fp = NULL;
	size_t i, k;
	int rc, fd = -1;

	if ((rc = collect(db, env, o, o->by, &gs)) != GK_OK ||
	    (rc = collect(db, env, o, CASE_STATS_TOWNSHIP, &gt)) != GK_OK)
		goto cleanup;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || fchmod(fd, 0600) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		diag_error(_("%s: cannot create: %s"), path, strerror(errno));
		rc = GK_CANTCREAT;
		goto cleanup;
	}
	fd = -1;
	clock_format(clock_now(), now);
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", fp);
	html_text(fp, _("Cases of the closed loop: the figures of Art. 16"));
	fputs("</title>\n<style>body{font-family:sans-serif;margin:2em}"
	    "table{border-collapse:collapse;font-size:13px}"
	    "td,th{border:1px solid #999;padding:2px 6px}"
	    "td{text-align:right}td:first-child{text-align:left}"
	    "</style>\n</head>\n<body>\n<h1>", fp);
	html_text(fp, _("Cases of the closed loop: the figures of Art. 16"));
	fputs("</h1>\n<p>", fp);
	fprintf(fp, _("Reported from %s to %s; as of %s."),
	    o->from ? o->from : "-", o->to ? o->to : "-", now);
	fputs("</p>\n", fp);
	label = ecalloc(gs.n + gt.n + 1, sizeof *label);
	value = ecalloc(gs.n + gt.n + 1, sizeof *value);
	for (i = 0; i < gs.n; i++) {
		label[i] = gs.g[i].key;
		value[i] = gs.g[i].closed + gs.g[i].overdue > 0 ?
		    100.0 * (double)gs.g[i].on_time /
		    (double)(gs.g[i].closed + gs.g[i].overdue) : -1;
	}
	svg_bars(fp, header("on_time_rate"), label, value, gs.n, 100, "%");
	for (i = 0; i < gt.n; i++) {
		label[i] = gt.g[i].key;
		value[i] = (double)gt.g[i].cases;
	}
	{
		double max = 0;

		for (i = 0; i < gt.n; i++)
			if (value[i] > max)
				max = value[i];
		svg_bars(fp, _("Cases by township"), label, value, gt.n, max,
		    "");
	}
	/* The table: the records of case_stats, for people. */
	fputs("<h2>", fp);
	html_text(fp, _("The figures"));
	fputs("</h2>\n<table>\n<tr>", fp);
	for (i = 0; i < case_stats_ncols; i++) {
		fputs("<th>", fp);
		html_text(fp, header(case_stats_cols[i].name));
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
	for (i = 0; i < gs.n; i++) {
		values(&gs.g[i], v, b, cnt);
		fputs("<tr>", fp);
		for (k = 0; k < case_stats_ncols; k++) {
			fputs("<td>", fp);
			html_text(fp, v[k] != NULL ? v[k] : "");
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n</body>\n</html>\n", fp);
cleanup:
	free(label);
	free(value);
	groups_release(&gs);
	groups_release(&gt);
	if (fd != -1)
		close(fd);
	if (fp != NULL && fclose(fp) == EOF && rc == GK_OK) {
		diag_error(_("%s: cannot write: %s"), path, strerror(errno));
		rc = GK_IOERR;
	}
	if (rc != GK_OK && fp != NULL)
		unlink(path);
	return rc;
}
