/*
 * deadline.c - time limits, due times and lights.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "deadline.h"
#include "diag.h"
#include "recin.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

struct row {
	char *group;		/* a group, or "*" */
	char *severity;		/* canonical */
	char *level;		/* village ... department, or "*" */
	int step;		/* 1-5, or 0 for "*" */
	struct deadline_limit limit;
};

struct deadlines {
	struct row *r;		/* rows, in file order */
	size_t n, cap;
};

int
deadline_parse_limit(const char *s, struct deadline_limit *out)
{
	char num[16];
	size_t n = s ? strlen(s) : 0;
	long long v;
	const char *why;

	if (n < 2 || n > 5 || (s[n - 1] != 'd' && s[n - 1] != 'h'))
		return -1;
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (util_parse_long(num, 1, 9999, &v, &why) == -1)
		return -1;
	out->amount = (int)v;
	out->hours = s[n - 1] == 'h';
	return 0;
}

char *
deadline_format_limit(const struct deadline_limit *l, char buf[16])
{
	snprintf(buf, 16, "%d%c", l->amount, l->hours ? 'h' : 'd');
	return buf;
}

void
deadline_free(struct deadlines *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->r[i].group);
		free(d->r[i].severity);
		free(d->r[i].level);
	}
	free(d->r);
	free(d);
}

int
deadline_load(struct deadlines **out, const char *path)
{
	static const struct recin_field fields[] = {
		{ "group", 1, NULL }, { "severity", 1, NULL },
		{ "level", 1, NULL }, { "step", 1, NULL },
		{ "limit", 1, NULL }, { "source", 0, NULL },
	};
	struct recin_opts ro = { "tsv", NULL };
	const struct vocab_entry *sev, *lev, *st;
	char expl[VOCAB_EXPLAIN_MAX];
	struct deadline_limit l;
	struct deadlines *d;
	struct recin *r;
	const char *v[5];
	int rc, bad = 0;
	size_t i;

	*out = NULL;
	if ((rc = recin_open(&r, path, &ro)) != GK_OK)
		return GK_CONFIG;
	if (recin_bind(r, fields, 6) != GK_OK) {
		recin_close(r);
		return GK_CONFIG;
	}
	d = ecalloc(1, sizeof *d);
	while ((rc = recin_next(r)) == 1 || rc == 2) {
		if (rc == 2) {
			bad++;
			continue;
		}
		for (i = 0; i < 5; i++)
			v[i] = recin_get(r, i);
		lev = st = NULL;
		expl[0] = '\0';
		if ((sev = vocab_find(VOCAB_SEVERITY, v[1])) == NULL) {
			i = 1;
			vocab_explain(VOCAB_SEVERITY, v[1], expl, sizeof expl);
		} else if (strcmp(v[2], "*") != 0 &&
		    (lev = vocab_find(VOCAB_HANDLING_LEVEL, v[2])) == NULL) {
			i = 2;
			vocab_explain(VOCAB_HANDLING_LEVEL, v[2], expl,
			    sizeof expl);
		} else if (strcmp(v[3], "*") != 0 &&
		    ((st = vocab_find(VOCAB_CASE_STEP, v[3])) == NULL ||
		    st->value == 6)) {
			i = 3;
			snprintf(expl, sizeof expl, "\"%s\": not a step that "
			    "has a limit (reported, filed, assigned, "
			    "investigated, feedback, or *)", v[3]);
		} else if (deadline_parse_limit(v[4], &l) == -1) {
			i = 4;
			snprintf(expl, sizeof expl, "\"%s\": not a limit "
			    "(Nd working days or Nh hours, N from 1 to 9999)",
			    v[4]);
		} else if (*v[0] == '\0') {
			i = 0;
			snprintf(expl, sizeof expl, "empty; a group or *");
		}
		if (expl[0] != '\0') {
			diag_at(recin_name(r), recin_line(r), recin_col(r, i),
			    "field \"%s\": %s", recin_header(r, i), expl);
			bad++;
			continue;
		}
		if (d->n == d->cap) {
			d->cap = d->cap ? 2 * d->cap : 64;
			d->r = ereallocarray(d->r, d->cap, sizeof *d->r);
		}
		d->r[d->n].group = estrdup(v[0]);
		d->r[d->n].severity = estrdup(sev->name);
		d->r[d->n].level = estrdup(lev ? lev->name : "*");
		d->r[d->n].step = st ? st->value : 0;
		d->r[d->n].limit = l;
		d->n++;
	}
	recin_close(r);
	if (rc < 0 || bad > 0) {
		deadline_free(d);
		return GK_CONFIG;
	}
	*out = d;
	return GK_OK;
}

int
deadline_find(const struct deadlines *d, const char *group,
    const char *severity, const char *level, int step,
    struct deadline_limit *out)
{
	int best = -1, score;
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct row *r = &d->r[i];

		if (strcmp(r->severity, severity) != 0)
			continue;
		if (strcmp(r->group, "*") != 0 && strcmp(r->group, group) != 0)
			continue;
		if (strcmp(r->level, "*") != 0 && strcmp(r->level, level) != 0)
			continue;
		if (r->step != 0 && r->step != step)
			continue;
		score = 4 * (strcmp(r->group, "*") != 0) +
		    2 * (strcmp(r->level, "*") != 0) + (r->step != 0);
		/* The later of two equal rows wins: a county appends. */
		if (score >= best) {
			best = score;
			*out = r->limit;
		}
	}
	return best >= 0;
}

gk_time
deadline_due(struct calendar *cal, const struct deadline_limit *l,
    gk_time start)
{
	if (l->hours)
		return start + (gk_time)l->amount * 3600;
	return clock_midnight(cal_add_workdays(cal, clock_day(start),
	    l->amount) + 1);
}

gk_time
deadline_worktime(struct calendar *cal, gk_time a, gk_time b)
{
	gk_day da, db;
	gk_time t = 0;

	if (b <= a)
		return 0;
	da = clock_day(a);
	db = clock_day(b);
	if (da == db)
		return cal_is_workday(cal, da) ? b - a : 0;
	if (cal_is_workday(cal, da))
		t += clock_midnight(da + 1) - a;
	if (db - da > 1)
		t += (gk_time)cal_workdays_between(cal, da, db - 1) * 86400;
	if (cal_is_workday(cal, db))
		t += b - clock_midnight(db);
	return t;
}

enum deadline_light
deadline_light(struct calendar *cal, const struct deadline_limit *l,
    gk_time start, gk_time due, gk_time now)
{
	gk_time used, total;

	if (now > due)
		return LIGHT_RED;
	if (l->hours) {
		used = now - start;
		total = due - start;
	} else {
		used = deadline_worktime(cal, start, now);
		total = deadline_worktime(cal, start, due);
	}
	/* Integers, so that exactly 70% is yellow. */
	if (total > 0 && used * 10 >= total * 7)
		return LIGHT_YELLOW;
	return LIGHT_GREEN;
}
