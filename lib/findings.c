/*
 * findings.c - compliance findings: the shared options, the order, the
 * baseline and the output of every checker.
 *
 * The baseline is kept as sorted "rule\tsubject\tvalues" keys and
 * searched with bsearch: a nightly run with a large baseline stays
 * n log n.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "config.h"
#include "diag.h"
#include "findings.h"
#include "recin.h"
#include "recout.h"
#include "status.h"
#include "util.h"

struct findings {
	const struct finding_rule *rules;	/* the checker's table */
	size_t nrules;				/* its rows */
	unsigned char *checked;			/* per rule: checked */
	unsigned char *noted;			/* per rule: skip noted */
	int listing;				/* --rules */
	int strict;				/* --strict */
	int only_given, skip_given;		/* --only, --skip seen */
	gk_day as_of;				/* --as-of, or -1: today */
	const char *baseline_path;		/* --baseline, or NULL */
	struct finding *v;			/* the findings */
	size_t n, cap;				/* used, allocated */
	char **base;				/* baseline keys, sorted */
	size_t nbase, capbase;			/* used, allocated */
	int base_sorted;			/* base is sorted */
};

struct findings *
findings_new(const struct finding_rule *rules, size_t n)
{
	struct findings *f = ecalloc(1, sizeof *f);
	size_t i;

	f->rules = rules;
	f->nrules = n;
	f->checked = ecalloc(n ? n : 1, 1);
	f->noted = ecalloc(n ? n : 1, 1);
	for (i = 0; i < n; i++)
		f->checked[i] = 1;
	f->as_of = -1;
	return f;
}

void
findings_free(struct findings *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].subject);
		free(f->v[i].detail);
		free(f->v[i].values);
	}
	for (i = 0; i < f->nbase; i++)
		free(f->base[i]);
	free(f->base);
	free(f->v);
	free(f->checked);
	free(f->noted);
	free(f);
}

int
findings_is_option(int c)
{
	return c >= FINDINGS_OPT_RULES && c <= FINDINGS_OPT_BASELINE;
}

static long
rule_index(const struct findings *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nrules; i++)
		if (strcmp(f->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Marks the rules listed in arg (comma-separated, blanks and case
 * aside) in mark; a usage error for an unknown one. */
static int
rule_list(const struct findings *f, const struct cli *cli, const char *opt,
    const char *arg, unsigned char *mark)
{
	char *copy = estrdup(arg), *p = copy, *next, *q;
	long i;
	int rc = GK_OK;

	for (; p != NULL && rc == GK_OK; p = next) {
		next = strchr(p, ',');
		if (next != NULL)
			*next++ = '\0';
		p = util_trim(p);
		for (q = p; *q != '\0'; q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
		if (*p == '\0')
			continue;
		if ((i = rule_index(f, p)) < 0)
			rc = cli_usage_error(cli, _("%s: unknown rule \"%s\" "
			    "(--rules lists them)"), opt, p);
		else
			mark[i] = 1;
	}
	free(copy);
	return rc;
}

int
findings_option(struct findings *f, const struct cli *cli, int c,
    const char *arg)
{
	unsigned char *mark;
	const char *why;
	size_t i;
	int rc;

	switch (c) {
	case FINDINGS_OPT_RULES:
		f->listing = 1;
		return GK_OK;
	case FINDINGS_OPT_STRICT:
		f->strict = 1;
		return GK_OK;
	case FINDINGS_OPT_AS_OF:
		if (day_parse(arg, &f->as_of, &why) == -1)
			return cli_usage_error(cli, "--as-of \"%s\": %s", arg,
			    why);
		return GK_OK;
	case FINDINGS_OPT_BASELINE:
		f->baseline_path = arg;
		return GK_OK;
	case FINDINGS_OPT_ONLY:
	case FINDINGS_OPT_SKIP:
		if (f->only_given || f->skip_given)
			return cli_usage_error(cli, _("give one --only or one "
			    "--skip, with the rules separated by commas"));
		mark = ecalloc(f->nrules ? f->nrules : 1, 1);
		rc = rule_list(f, cli, c == FINDINGS_OPT_ONLY ? "--only" :
		    "--skip", arg, mark);
		if (rc == GK_OK)
			for (i = 0; i < f->nrules; i++)
				f->checked[i] = c == FINDINGS_OPT_ONLY ?
				    mark[i] : !mark[i];
		free(mark);
		if (c == FINDINGS_OPT_ONLY)
			f->only_given = 1;
		else
			f->skip_given = 1;
		return rc;
	}
	return GK_USAGE;
}

int
findings_listing(const struct findings *f)
{
	return f->listing;
}

gk_day
findings_as_of(const struct findings *f)
{
	return f->as_of >= 0 ? f->as_of : clock_today();
}

int
findings_enabled(const struct findings *f, const char *id)
{
	long i = rule_index(f, id);

	if (i < 0) {
		diag_error("internal error: no rule \"%s\"", id);
		return 0;
	}
	return f->checked[i];
}

static const char *
severity_name(enum finding_severity s)
{
	return s == FINDING_ERROR ? "error" : "warning";
}

/* The value of key in force, as text; a map ("x.*") lists its members
 * as member=value. */
static void
key_value(const struct config *cfg, const char *key, struct sb *out)
{
	const char *k, *value, *origin, *article;
	size_t i, len = strlen(key);
	int map = len >= 2 && strcmp(key + len - 2, ".*") == 0, n = 0;

	for (i = 0; config_entry(cfg, i, &k, &value, &origin, &article) == 0;
	    i++) {
		if (map ? strncmp(k, key, len - 1) != 0 || k[len - 1] == '\0' :
		    strcmp(k, key) != 0)
			continue;
		if (map) {
			sb_adds(out, n++ ? ", " : "");
			sb_addf(out, "%s=%s", k + len - 1, value);
		} else {
			sb_adds(out, value);
			return;
		}
	}
	if (map && n == 0)
		sb_adds(out, _("(none set)"));
}

int
findings_rules(const struct findings *f, const struct cli *cli)
{
	static const struct recout_col cols[] = {
		{ NC_("column", "rule"), RC_STR },
		{ NC_("column", "article"), RC_STR },
		{ NC_("column", "severity"), RC_STR, "finding_severity" },
		{ NC_("column", "checked"), RC_BOOL, "flag" },
		{ NC_("column", "description"), RC_STR },
		{ NC_("column", "config"), RC_STR },
	};
	struct recout *w = cli_out(cli, cols, sizeof cols / sizeof cols[0]);
	struct sb conf = SB_INIT;
	const char *const *k;
	const char *v[6];
	size_t i;
	int rc = GK_OK;

	for (i = 0; i < f->nrules && rc == GK_OK; i++) {
		const struct finding_rule *r = &f->rules[i];

		sb_reset(&conf);
		for (k = r->keys; k != NULL && *k != NULL; k++) {
			if (k != r->keys)
				sb_adds(&conf, "; ");
			sb_addf(&conf, "%s=", *k);
			key_value(cli->config, *k, &conf);
		}
		v[0] = r->id;
		v[1] = r->article;
		v[2] = severity_name(r->severity);
		v[3] = f->checked[i] ? "true" : "false";
		v[4] = _(r->description);
		v[5] = conf.buf;
		rc = recout_row(w, v);
	}
	sb_release(&conf);
	return cli_out_end(w, rc);
}

void
findings_add(struct findings *f, const char *id, const char *subject,
    const char *values, const char *fmt, ...)
{
	struct sb detail = SB_INIT;
	struct finding *fd;
	va_list ap;
	long i = rule_index(f, id);

	if (i < 0) {
		diag_error("internal error: no rule \"%s\"", id);
		return;
	}
	if (!f->checked[i])
		return;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->v = ereallocarray(f->v, f->cap, sizeof *f->v);
	}
	va_start(ap, fmt);
	sb_vaddf(&detail, fmt, ap);
	va_end(ap);
	fd = &f->v[f->n++];
	fd->rule = &f->rules[i];
	fd->subject = estrdup(subject != NULL ? subject : "");
	fd->values = estrdup(values != NULL ? values : "");
	fd->detail = detail.cap ? sb_detach(&detail) : estrdup("");
}

void
findings_skipped(struct findings *f, const char *id, const char *why)
{
	long i = rule_index(f, id);

	if (i < 0 || !f->checked[i] || f->noted[i])
		return;
	f->noted[i] = 1;
	diag_note(_("rule %s not checked: %s"), id, why);
}

size_t
findings_count(const struct findings *f)
{
	return f->n;
}

const struct finding *
findings_get(const struct findings *f, size_t i)
{
	return i < f->n ? &f->v[i] : NULL;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	if ((c = strcmp(x->subject, y->subject)) != 0)
		return c;
	if ((c = strcmp(x->values, y->values)) != 0)
		return c;
	return strcmp(x->detail, y->detail);
}

void
findings_sort(struct findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_finding);
}

static char *
base_key(const char *rule, const char *subject, const char *values)
{
	struct sb k = SB_INIT;

	sb_addf(&k, "%s\t%s\t%s", rule, subject, values != NULL ? values : "");
	return sb_detach(&k);
}

void
findings_baseline_add(struct findings *f, const char *rule,
    const char *subject, const char *values)
{
	if (f->nbase == f->capbase) {
		f->capbase = f->capbase ? 2 * f->capbase : 64;
		f->base = ereallocarray(f->base, f->capbase, sizeof *f->base);
	}
	f->base[f->nbase++] = base_key(rule, subject, values);
	f->base_sorted = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
findings_in_baseline(const struct findings *f, const struct finding *fd)
{
	struct findings *mf = (struct findings *)f;
	char *key;
	int found;

	if (f->nbase == 0)
		return 0;
	if (!f->base_sorted) {
		qsort(mf->base, mf->nbase, sizeof *mf->base, cmp_str);
		mf->base_sorted = 1;
	}
	key = base_key(fd->rule->id, fd->subject, fd->values);
	found = bsearch(&key, f->base, f->nbase, sizeof *f->base, cmp_str)
	    != NULL;
	free(key);
	return found;
}

int
findings_load_baseline(struct findings *f, const struct cli *cli)
{
	static const struct recin_field fields[] = {
		{ "rule", 1, NULL },
		{ "subject", 1, NULL },
		{ "values", 0, NULL },
		/* The other columns of a run's output, not compared. */
		{ "article", 0, NULL },
		{ "severity", 0, NULL },
		{ "detail", 0, NULL },
	};
	struct recin *r = NULL;
	struct stat st;
	int rc;

	if (f->baseline_path == NULL || f->listing)
		return GK_OK;
	if (strcmp(f->baseline_path, "-") == 0)
		return cli_usage_error(cli, _("--baseline needs a file, not "
		    "standard input"));
	/* An empty file is a baseline of no findings: the first night of
	 * a job that appends what it prints. */
	if (stat(f->baseline_path, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size == 0)
		return GK_OK;
	if ((rc = recin_open(&r, f->baseline_path, &cli->input)) != GK_OK)
		return rc;
	if ((rc = recin_bind(r, fields, sizeof fields / sizeof fields[0]))
	    != GK_OK)
		goto done;
	while ((rc = recin_next(r)) > 0) {
		if (rc == 2) {
			rc = -GK_DATAERR;
			break;
		}
		findings_baseline_add(f, recin_get(r, 0), recin_get(r, 1),
		    recin_get(r, 2));
	}
	rc = rc < 0 ? -rc : GK_OK;
done:
	recin_close(r);
	return rc;
}

int
findings_status(const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (findings_in_baseline(f, &f->v[i]))
			continue;
		if (f->strict || f->v[i].rule->severity == FINDING_ERROR)
			return GK_FINDINGS;
	}
	return GK_OK;
}

int
findings_end(struct findings *f, const struct cli *cli)
{
	static const struct recout_col cols[] = {
		{ NC_("column", "rule"), RC_STR },
		{ NC_("column", "article"), RC_STR },
		{ NC_("column", "severity"), RC_STR, "finding_severity" },
		{ NC_("column", "subject"), RC_STR },
		{ NC_("column", "detail"), RC_STR },
		{ NC_("column", "values"), RC_STR },
	};
	struct recout *w = NULL;
	const char *v[6];
	size_t i, shown = 0, errors = 0, old = 0;
	int rc = GK_OK;

	findings_sort(f);
	for (i = 0; i < f->n && rc == GK_OK; i++) {
		const struct finding *fd = &f->v[i];

		if (findings_in_baseline(f, fd)) {
			old++;
			continue;
		}
		if (w == NULL)
			w = cli_out(cli, cols, sizeof cols / sizeof cols[0]);
		v[0] = fd->rule->id;
		v[1] = fd->rule->article;
		v[2] = severity_name(fd->rule->severity);
		v[3] = fd->subject;
		v[4] = fd->detail;
		v[5] = fd->values;
		rc = recout_row(w, v);
		shown++;
		errors += fd->rule->severity == FINDING_ERROR;
	}
	/* JSON always prints a document, [] for none. */
	if (w == NULL && (cli->format == RECOUT_JSON))
		w = cli_out(cli, cols, sizeof cols / sizeof cols[0]);
	if (w != NULL)
		rc = cli_out_end(w, rc);
	if (rc != GK_OK)
		return rc;
	diag_info(_("%zu findings (%zu errors, %zu warnings); %zu in the "
	    "baseline left out"), shown, errors, shown - errors, old);
	return findings_status(f);
}
