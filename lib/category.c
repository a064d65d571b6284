/*
 * category.c - the event taxonomy, read once per command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "category.h"
#include "diag.h"
#include "recin.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

struct taxonomy {
	struct category *c;	/* the categories, in file order */
	size_t n;		/* how many */
	size_t cap;		/* allocated */
};

const struct category *
taxonomy_find(const struct taxonomy *t, const char *s)
{
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (util_streq_icase(s, t->c[i].id) ||
		    strcmp(s, t->c[i].name) == 0)
			return &t->c[i];
	return NULL;
}

size_t
taxonomy_count(const struct taxonomy *t)
{
	return t->n;
}

const struct category *
taxonomy_at(const struct taxonomy *t, size_t i)
{
	return i < t->n ? &t->c[i] : NULL;
}

char *
taxonomy_explain(const struct taxonomy *t, const char *s, char *buf,
    size_t n)
{
	char q[DIAG_QUOTE_MAX];
	struct sb sb = SB_INIT;
	size_t i, shown = 0;

	sb_addf(&sb, "%s: not a category (", diag_quote(q, sizeof q, s));
	for (i = 0; i < t->n && shown < 8; i++) {
		if (*t->c[i].parent != '\0')
			continue;
		sb_addf(&sb, "%s%s %s", shown ? ", " : "", t->c[i].id,
		    t->c[i].name);
		shown++;
	}
	sb_adds(&sb, "; event-report categories lists them all)");
	snprintf(buf, n, "%s", sb.buf);
	sb_release(&sb);
	return buf;
}

void
taxonomy_free(struct taxonomy *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->c[i].id);
		free(t->c[i].name);
		free(t->c[i].parent);
		free(t->c[i].group);
	}
	free(t->c);
	free(t);
}

/* A yes/no cell: 0, 1, or -1 after reporting. */
static int
flag(struct recin *r, size_t i)
{
	const struct vocab_entry *e;
	const char *v = recin_get(r, i);
	char expl[VOCAB_EXPLAIN_MAX];

	if (v == NULL || *v == '\0')
		return 0;
	if ((e = vocab_find(VOCAB_FLAG, v)) != NULL)
		return e->value;
	diag_at(recin_name(r), recin_field_line(r, i), recin_col(r, i),
	    "field \"%s\": %s", recin_header(r, i),
	    vocab_explain(VOCAB_FLAG, v, expl, sizeof expl));
	return -1;
}

int
taxonomy_load(struct taxonomy **out, const char *path)
{
	static const struct recin_field fields[] = {
		{ "id", 1, NULL }, { "name", 1, NULL }, { "parent", 1, NULL },
		{ "grid", 1, NULL }, { "group", 1, NULL },
		{ "professional", 0, NULL },
	};
	struct recin_opts ro = { "tsv", NULL };
	struct taxonomy *t;
	struct category *c;
	struct recin *r;
	const char *v[6];
	int rc, bad = 0, g, p;
	size_t i;

	*out = NULL;
	if ((rc = recin_open(&r, path, &ro)) != GK_OK)
		return rc == GK_NOINPUT ? GK_CONFIG : rc;
	if ((rc = recin_bind(r, fields, 6)) != GK_OK) {
		recin_close(r);
		return GK_CONFIG;
	}
	t = ecalloc(1, sizeof *t);
	while ((rc = recin_next(r)) == 1 || rc == 2) {
		if (rc == 2) {
			bad++;
			continue;
		}
		for (i = 0; i < 6; i++)
			v[i] = recin_get(r, i);
		for (i = 0; i < 5; i++)
			if (i != 2 && (v[i] == NULL || *v[i] == '\0')) {
				diag_at(recin_name(r), recin_line(r),
				    recin_col(r, i), "field \"%s\": empty",
				    recin_header(r, i));
				bad++;
				break;
			}
		if (i < 5)
			continue;
		if (taxonomy_find(t, v[0]) || taxonomy_find(t, v[1])) {
			diag_at(recin_name(r), recin_line(r), 1,
			    "category %s (%s) is listed twice", v[0], v[1]);
			bad++;
			continue;
		}
		if (v[2] != NULL && *v[2] != '\0' &&
		    taxonomy_find(t, v[2]) == NULL) {
			diag_at(recin_name(r), recin_line(r), recin_col(r, 2),
			    "field \"%s\": parent %s is not listed before it",
			    recin_header(r, 2), v[2]);
			bad++;
			continue;
		}
		if ((g = flag(r, 3)) < 0 || (p = flag(r, 5)) < 0) {
			bad++;
			continue;
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 64;
			t->c = ereallocarray(t->c, t->cap, sizeof *t->c);
		}
		c = &t->c[t->n++];
		c->id = estrdup(v[0]);
		c->name = estrdup(v[1]);
		c->parent = estrdup(v[2] ? v[2] : "");
		c->group = estrdup(v[4]);
		c->grid = g;
		c->professional = p;
	}
	recin_close(r);
	if (rc < 0 || bad > 0 || t->n == 0) {
		if (rc >= 0 && bad == 0)
			diag_error("%s: no categories", path);
		taxonomy_free(t);
		return GK_CONFIG;
	}
	*out = t;
	return GK_OK;
}
