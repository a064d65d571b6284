/*
 * category.h - the event taxonomy (Art. 7): what a grid member may
 * report, read from a TSV file that ships in etc/case/categories.tsv
 * (gridkit(5)) and that a county may replace (case.categories).
 *
 * Columns: id (ASCII, "hazard.fire"), name (Chinese, "消防安全隐患"),
 * parent (an id listed before it, or empty), grid (yes/no: whether
 * grid staff may handle it), group (the deadline group of
 * deadline.h), professional (yes/no: administrative law enforcement
 * or professional work, never for grid staff, Art. 15).  A category is
 * named by its id or its Chinese name, compared ASCII case-insensitively.
 */
#ifndef GRIDKIT_CATEGORY_H
#define GRIDKIT_CATEGORY_H

#include <stddef.h>

struct category {
	char *id;		/* "hazard.fire" */
	char *name;		/* "消防安全隐患" */
	char *parent;		/* "hazard", or "" */
	char *group;		/* deadline group: "hazard" */
	int grid;		/* grid staff may handle it */
	int professional;	/* law enforcement or professional work */
};

struct taxonomy;

/*
 * taxonomy_load reads the taxonomy at path.  Every bad row is reported
 * (file:line:col: field "X": reason): an empty or repeated id or name,
 * a parent not listed before, a flag that is not yes or no.  Returns
 * GK_OK with *out set (free with taxonomy_free), GK_NOINPUT when the
 * file cannot be read, or GK_CONFIG.
 */
int taxonomy_load(struct taxonomy **out, const char *path);
void taxonomy_free(struct taxonomy *t);

/* The category s names (id or Chinese name), or NULL. */
const struct category *taxonomy_find(const struct taxonomy *t,
    const char *s);

/* The number of categories, and category i in file order (NULL past
 * the end). */
size_t taxonomy_count(const struct taxonomy *t);
const struct category *taxonomy_at(const struct taxonomy *t, size_t i);

/* taxonomy_explain writes into buf why s is refused, with a few valid
 * ids, and returns buf. */
char *taxonomy_explain(const struct taxonomy *t, const char *s, char *buf,
    size_t n);

#endif
