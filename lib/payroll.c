/*
 * payroll.c - a month's payroll checked against Art. 17-19.
 *
 * The whole file is read and checked for form first, into memory (a
 * province's payroll is some 150,000 lines of a few dozen bytes), so
 * that a malformed file gives no finding at all; then the lines are
 * matched with who was staff that month, and the rules run.  Lines and
 * staff are matched through sorted arrays, so the check is n log n.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "findings.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "idnum.h"
#include "payroll.h"
#include "recin.h"
#include "roster-month.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* Over a billion yuan on one line is not a wage. */
#define FEN_MAX 100000000000LL

static const char *const keys_min_wage[] = { "pay.min_wage",
	"pay.wage_class.*", NULL };
static const char *const keys_rural[] = { "pay.rural_min", NULL };
static const char *const keys_assistant[] = { "pay.assistant_min", NULL };
static const char *const keys_case[] = { "pay.case_rate", NULL };

const struct finding_rule payroll_rules[] = {
	{ "ART18-MIN-WAGE", "Art. 18", FINDING_ERROR,
	    N_("full-time pay less own insurance is at least the monthly "
	    "minimum wage of the county's wage class"), keys_min_wage },
	{ "ART18-RURAL-MIN", "Art. 18", FINDING_ERROR,
	    N_("a part-time member of a rural grid gets at least the rural "
	    "minimum a month (gross plus subsidy)"), keys_rural },
	{ "ART18-ASSISTANT-MIN", "Art. 18", FINDING_ERROR,
	    N_("a grid assistant gets at least the local figure, when one is "
	    "set (gross plus subsidy)"), keys_assistant },
	{ "ART19-ACCIDENT-INSURANCE", "Art. 19", FINDING_WARNING,
	    N_("accident insurance is in place for everyone paid"), NULL },
	{ "ART19-CASE-SUBSIDY", "Art. 19", FINDING_ERROR,
	    N_("the per-case subsidy is the cases reported and closed that "
	    "month times the rate"), keys_case },
	{ "PAY-DUPLICATE", "Art. 17", FINDING_ERROR,
	    N_("nobody is paid twice in one payroll"), NULL },
	{ "PAY-NOT-STAFF", "Art. 17", FINDING_ERROR,
	    N_("everyone paid was active staff that month"), NULL },
	{ "PAY-STAFF-UNPAID", "Art. 17", FINDING_WARNING,
	    N_("active staff of the counties in the payroll are paid"), NULL },
};
const size_t payroll_nrules = sizeof payroll_rules / sizeof payroll_rules[0];

int
payroll_parse_fen(const char *s, long long *fen, const char **why)
{
	char buf[64];
	const char *p;
	long long yuan = 0, cents = 0;
	int digits = 0, group = -1, decimals = 0;

	if (s == NULL || *s == '\0') {
		*why = "empty";
		return -1;
	}
	util_fold_code(s, buf, sizeof buf);
	p = buf;
	if (*p == '-') {
		*why = "negative";
		return -1;
	}
	if (*p == '+')
		p++;
	for (; *p != '\0' && *p != '.'; p++) {
		if (*p == ',') {
			/* Commas group the digits in threes: 1,980 and
			 * 12,345,678, never 19,80 or ,198. */
			if (digits == 0 || (group >= 0 ? group != 3 :
			    digits > 3)) {
				*why = "not a number (misplaced comma)";
				return -1;
			}
			group = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p)) {
			*why = "not a number";
			return -1;
		}
		if (yuan > FEN_MAX / 100) {
			*why = "too large";
			return -1;
		}
		yuan = yuan * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (group >= 0 && group != 3) {
		*why = "not a number (misplaced comma)";
		return -1;
	}
	if (*p == '.') {
		for (p++; *p != '\0'; p++) {
			if (!isdigit((unsigned char)*p)) {
				*why = "not a number";
				return -1;
			}
			if (++decimals > 2) {
				*why = "more than two decimals (fen)";
				return -1;
			}
			cents = cents * 10 + (*p - '0');
		}
		if (decimals == 0 && digits == 0) {
			*why = "not a number";
			return -1;
		}
		if (decimals == 1)
			cents *= 10;
	}
	if (digits == 0 && decimals == 0) {
		*why = "not a number";
		return -1;
	}
	if (yuan * 100 + cents > FEN_MAX) {
		*why = "too large";
		return -1;
	}
	*fen = yuan * 100 + cents;
	return 0;
}

char *
payroll_fen_format(long long fen, char buf[PAYROLL_FEN_MAX])
{
	snprintf(buf, PAYROLL_FEN_MAX, "%s%lld.%02lld", fen < 0 ? "-" : "",
	    (fen < 0 ? -fen : fen) / 100, (fen < 0 ? -fen : fen) % 100);
	return buf;
}

/* Splits s at blanks into at most max words, in buf; returns the count,
 * or -1 when there are more. */
static int
split(const char *s, char *buf, size_t n, char **w, int max)
{
	char *p;
	int k = 0;

	snprintf(buf, n, "%s", s);
	for (p = buf; ; ) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		if (k == max)
			return -1;
		w[k++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
	}
	return k;
}

#define MAX_CLASSES 8

/* One entry of pay.min_wage. */
struct wage_entry {
	gk_day from;			/* in force from */
	int nclasses;			/* classes it gives */
	long long fen[MAX_CLASSES];	/* class 1 first */
};

/* Parses an entry "DATE AMOUNT ..."; -1 with *why. */
static int
parse_wage(const char *s, struct wage_entry *e, const char **why)
{
	char buf[256], *w[MAX_CLASSES + 2];
	int k, i;

	if ((k = split(s, buf, sizeof buf, w, MAX_CLASSES + 1)) < 0) {
		*why = "more than 8 wage classes";
		return -1;
	}
	if (k < 2) {
		*why = "expected a date and one amount per wage class";
		return -1;
	}
	if (day_parse(w[0], &e->from, why) == -1)
		return -1;
	e->nclasses = k - 1;
	for (i = 1; i < k; i++)
		if (payroll_parse_fen(w[i], &e->fen[i - 1], why) == -1)
			return -1;
	return 0;
}

/* Parses a class entry "N" or "DATE N"; from is 0 (always) for "N". */
static int
parse_class(const char *s, gk_day *from, int *cls, const char **why)
{
	char buf[128], *w[3];
	long long n;
	int k;

	if ((k = split(s, buf, sizeof buf, w, 2)) < 1) {
		*why = "expected a class or a date and a class";
		return -1;
	}
	*from = 0;
	if (k == 2 && day_parse(w[0], from, why) == -1)
		return -1;
	if (util_parse_long(w[k - 1], 1, MAX_CLASSES, &n, why) == -1)
		return -1;
	*cls = (int)n;
	return 0;
}

int
payroll_min_wage(const struct config *cfg, gk_day day, int cls,
    long long *fen)
{
	const char *const *l = config_list(cfg, "pay.min_wage");
	struct wage_entry e, best = { 0, 0, { 0 } };
	const char *why;
	int found = 0;

	for (; *l != NULL; l++)
		if (parse_wage(*l, &e, &why) == 0 && e.from <= day &&
		    (!found || e.from >= best.from)) {
			best = e;
			found = 1;
		}
	if (!found || cls < 1 || cls > best.nclasses)
		return -1;
	*fen = best.fen[cls - 1];
	return 0;
}

int
payroll_wage_class(const struct config *cfg, const char *county,
    gk_day day, int *cls)
{
	char key[64];
	const char *const *l;
	const char *why;
	gk_day from, best = -1;
	int c;

	snprintf(key, sizeof key, "pay.wage_class.%s", county);
	for (l = config_list(cfg, key); *l != NULL; l++)
		if (parse_class(*l, &from, &c, &why) == 0 && from <= day &&
		    from >= best) {
			best = from;
			*cls = c;
		}
	return best >= 0 ? 0 : -1;
}

static int
amount_key(const struct config *cfg, const char *key, long long *fen)
{
	const char *s = config_str(cfg, key), *why;

	*fen = 0;
	if (*s == '\0')
		return 0;
	if (payroll_parse_fen(s, fen, &why) == -1) {
		diag_error(_("%s: %s \"%s\": %s"), config_origin(cfg, key), key,
		    s, why);
		return -1;
	}
	return 0;
}

int
payroll_check_config(const struct config *cfg)
{
	const char *const *l;
	const char *k, *value, *origin, *article, *why;
	struct wage_entry e;
	long long fen;
	gk_day from;
	size_t i;
	int rc = GK_OK, cls;

	for (l = config_list(cfg, "pay.min_wage"); *l != NULL; l++)
		if (parse_wage(*l, &e, &why) == -1) {
			diag_error(_("%s: pay.min_wage \"%s\": %s"),
			    config_origin(cfg, "pay.min_wage"), *l, why);
			rc = GK_CONFIG;
		}
	for (i = 0; config_entry(cfg, i, &k, &value, &origin, &article) == 0;
	    i++) {
		if (strncmp(k, "pay.wage_class.", 15) != 0)
			continue;
		if (strlen(k + 15) != 6 || strspn(k + 15, "0123456789") != 6) {
			diag_error(_("%s: %s: not a 6-digit county code"),
			    origin, k);
			rc = GK_CONFIG;
			continue;
		}
		for (l = config_list(cfg, k); *l != NULL; l++)
			if (parse_class(*l, &from, &cls, &why) == -1) {
				diag_error(_("%s: %s \"%s\": %s"), origin, k,
				    *l, why);
				rc = GK_CONFIG;
			}
	}
	if (amount_key(cfg, "pay.rural_min", &fen) == -1 ||
	    amount_key(cfg, "pay.assistant_min", &fen) == -1 ||
	    amount_key(cfg, "pay.case_rate", &fen) == -1)
		rc = GK_CONFIG;
	return rc;
}

int
payroll_case_count(struct db *db, long long person, gk_day first,
    gk_day last, long long *n)
{
	struct db_stmt *st;
	char lo[DAY_ISO_MAX], hi[DAY_ISO_MAX];
	int rc;

	/* Cases this person reported (the first event of the case) and
	 * closed in the month, settled on the spot or through the loop
	 * (以案定补, Art. 19).  Times are text with the configured offset;
	 * a day's prefix bounds them. */
	day_format(first, lo);
	day_format(last + 1, hi);
	rc = db_query(db, &st, "SELECT count(DISTINCT c.id) FROM events e "
	    "JOIN cases c ON c.id = e.case_id WHERE e.reporter = ? AND "
	    "c.status = 'closed' AND c.closed >= ? AND c.closed < ? AND "
	    "e.id = (SELECT min(x.id) FROM events x WHERE x.case_id = c.id)",
	    "Lss", person, lo, hi);
	if (rc < 0)
		return -1;
	*n = rc == DB_ROW ? db_int(st, 0) : 0;
	db_reset(st);
	return 0;
}

/* The fields of a payroll, in bind order. */
enum {
	F_STAFF, F_IDNUM, F_NAME, F_ROLE, F_COUNTY, F_GRID, F_GROSS, F_INS,
	F_SUB, F_CASE, F_ACC, NFIELDS
};
static const char *const field_names[NFIELDS] = {
	"staff", "id_number", "name", "role", "county", "grid", "gross",
	"insurance", "subsidy", "case_subsidy", "accident_insurance"
};

/* One line of the payroll, once read. */
struct line {
	unsigned long lineno;		/* where it starts */
	unsigned long county_col;	/* column of its county cell, or 0 */
	long long staff;		/* staff id, or 0 */
	char idnum[19];			/* normalised, or "" */
	const char *role;		/* canonical (static) */
	char county[7];			/* or "" */
	int kind;			/* 1 urban, 0 rural, 2 dedicated,
					   -1 unknown */
	long long gross, ins, sub, casesub;	/* fen */
	int acc;			/* accident insurance: 1 yes, 0 no */
	long long person;		/* matched staff id, or 0 */
};

/* One person of the roster of the month (their first assignment). */
struct staffer {
	long long person;
	char idnum[19];
	char county[7];
	char role[16];
	int kind;
	int paid;			/* some line matched */
};

/* A county's minimum wage in the month, once looked up. */
struct county_wage {
	char county[7];			/* "" for a free slot */
	int status;			/* GK_OK, or GK_CONFIG: reported */
	int cls;			/* its wage class */
	long long minw;			/* the minimum wage, fen */
};
#define WAGE_SLOTS 4096

struct run {
	const struct config *cfg;
	int noperm;			/* a line outside the jurisdiction */
	struct findings *f;
	const struct payroll_opts *o;
	const char *file;		/* for messages */
	struct line *l;			/* the lines */
	size_t n, cap;
	struct staffer *s;		/* the roster, by person */
	size_t ns, caps;
	struct staffer **byid;		/* the roster, by identity number */
	unsigned long bad;		/* bad lines */
	gk_day first, last;		/* the month */
	struct county_wage *wages;	/* WAGE_SLOTS, or NULL */
};

/* Reports a bad field of the current record. */
static void
bad(struct run *run, struct recin *r, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
bad(struct run *run, struct recin *r, size_t i, const char *fmt, ...)
{
	struct sb m = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&m, fmt, ap);
	va_end(ap);
	diag_at(recin_name(r), recin_field_line(r, i), recin_col(r, i),
	    _("field \"%s\": %s"), recin_header(r, i), m.buf);
	sb_release(&m);
}

static int
amount(struct run *run, struct recin *r, size_t i, int required,
    long long *fen)
{
	const char *s = recin_get(r, i), *why;
	char q[DIAG_QUOTE_MAX];

	*fen = 0;
	if (s == NULL || *s == '\0') {
		if (!required)
			return 0;
		bad(run, r, i, _("empty: an amount is needed"));
		return -1;
	}
	if (payroll_parse_fen(s, fen, &why) == -1) {
		bad(run, r, i, "%s: %s", diag_quote(q, sizeof q, s), _(why));
		return -1;
	}
	return 0;
}

/* Reads and checks one record into a line; -1 when it is bad. */
static int
read_line(struct run *run, struct recin *r, struct line *ln)
{
	const char *s, *why;
	char q[DIAG_QUOTE_MAX], whybuf[IDNUM_WHY_MAX], buf[64];
	struct idnum id;
	struct grid_code gc;
	struct area_code ac;
	const struct vocab_entry *ve;
	long long fen;
	int ok = 0;

	memset(ln, 0, sizeof *ln);
	ln->lineno = recin_line(r);
	ln->kind = -1;
	if ((s = recin_get(r, F_STAFF)) != NULL && *s != '\0') {
		util_fold_code(s, buf, sizeof buf);
		if (util_parse_long(buf, 1, 999999999999LL, &ln->staff, &why)
		    == -1) {
			bad(run, r, F_STAFF, "%s: %s",
			    diag_quote(q, sizeof q, s), _(why));
			ok = -1;
		}
	}
	if ((s = recin_get(r, F_IDNUM)) != NULL && *s != '\0') {
		util_fold_code(s, buf, sizeof buf);
		if (idnum_parse(buf, clock_today(), &id, whybuf,
		    sizeof whybuf) == -1) {
			bad(run, r, F_IDNUM, "%s", whybuf);
			ok = -1;
		} else
			memcpy(ln->idnum, id.num, sizeof ln->idnum);
	}
	if (ln->staff == 0 && ln->idnum[0] == '\0' && ok == 0) {
		bad(run, r, recin_get(r, F_STAFF) != NULL ? F_STAFF : F_IDNUM,
		    _("empty: a staff id or an identity number is needed"));
		ok = -1;
	}
	s = recin_get(r, F_ROLE);
	if (s == NULL || (ln->role = staff_role_parse(s)) == NULL) {
		char expl[VOCAB_EXPLAIN_MAX];

		bad(run, r, F_ROLE, "%s", vocab_explain(VOCAB_ROLE,
		    s != NULL ? s : "", expl, sizeof expl));
		ok = -1;
	}
	if ((s = recin_get(r, F_GRID)) != NULL && *s != '\0') {
		util_fold_code(s, buf, sizeof buf);
		if (code_parse_grid(buf, &gc, &why) == -1) {
			bad(run, r, F_GRID, "%s: %s",
			    diag_quote(q, sizeof q, s), why);
			ok = -1;
		} else {
			memcpy(ln->county, gc.code, 6);
			ln->county[6] = '\0';
			if (code_parse_area(gc.village, &ac, &why) == 0 &&
			    ac.urban >= 0)
				ln->kind = ac.urban ? 1 : 0;
		}
	}
	if ((s = recin_get(r, F_COUNTY)) != NULL && *s != '\0') {
		ln->county_col = recin_col(r, F_COUNTY);
		util_fold_code(s, buf, sizeof buf);
		if (strlen(buf) != 6 || strspn(buf, "0123456789") != 6) {
			bad(run, r, F_COUNTY, _("%s: not a 6-digit county "
			    "code"), diag_quote(q, sizeof q, s));
			ok = -1;
		} else if (ln->county[0] != '\0' &&
		    strcmp(ln->county, buf) != 0) {
			bad(run, r, F_COUNTY, _("%s: the grid is in county %s"),
			    diag_quote(q, sizeof q, s), ln->county);
			ok = -1;
		} else
			memcpy(ln->county, buf, 7);
	}
	/* The checks would read the database about the line: only inside
	 * the operator's jurisdiction (jurisdiction.h). */
	if (ln->county[0] != '\0' && !juris_readable(ok == 0 &&
	    recin_get(r, F_GRID) != NULL && *recin_get(r, F_GRID) != '\0' ?
	    gc.code : ln->county)) {
		snprintf(q, sizeof q, "%s:%lu", recin_name(r), recin_line(r));
		juris_read(q, recin_get(r, F_GRID) != NULL &&
		    *recin_get(r, F_GRID) != '\0' ? gc.code : ln->county);
		run->noperm = 1;
		ok = -1;
	}
	if (amount(run, r, F_GROSS, 1, &ln->gross) == -1)
		ok = -1;
	if (amount(run, r, F_INS, 0, &ln->ins) == -1)
		ok = -1;
	if (amount(run, r, F_SUB, 0, &ln->sub) == -1)
		ok = -1;
	if (amount(run, r, F_CASE, 0, &ln->casesub) == -1)
		ok = -1;
	s = recin_get(r, F_ACC);
	if (s != NULL && *s != '\0') {
		if ((ve = vocab_find(VOCAB_FLAG, s)) != NULL)
			ln->acc = ve->value;
		else if (payroll_parse_fen(s, &fen, &why) == 0)
			ln->acc = fen > 0;
		else {
			bad(run, r, F_ACC, _("%s: not yes, no or an amount"),
			    diag_quote(q, sizeof q, s));
			ok = -1;
		}
	}
	return ok;
}

/* Reads the whole payroll; GK_DATAERR after reporting every bad line. */
static int
read_payroll(struct run *run, int *has_acc)
{
	struct recin_field fields[NFIELDS];
	struct recin *r = NULL;
	size_t i;
	int rc;

	for (i = 0; i < NFIELDS; i++) {
		fields[i].name = field_names[i];
		fields[i].required = i == F_ROLE || i == F_GROSS;
		fields[i].aliases = config_aliases(run->cfg, i == F_NAME ?
		    "person_name" : field_names[i]);
	}
	if ((rc = recin_open(&r, run->o->path, run->o->in)) != GK_OK)
		return rc;
	run->file = recin_name(r);
	if ((rc = recin_bind(r, fields, NFIELDS)) != GK_OK)
		goto done;
	*has_acc = 0;
	while ((rc = recin_next(r)) > 0) {
		if (rc == 2) {
			run->bad++;
		} else {
			if (run->n == run->cap) {
				run->cap = run->cap ? 2 * run->cap : 1024;
				run->l = ereallocarray(run->l, run->cap,
				    sizeof *run->l);
			}
			if (read_line(run, r, &run->l[run->n]) == -1)
				run->bad++;
			else
				run->n++;
			if (recin_get(r, F_ACC) != NULL)
				*has_acc = 1;
		}
		if (run->bad >= (unsigned long)run->o->max_errors) {
			diag_error(_("%s: %lu bad lines; stopped there"),
			    recin_name(r), run->bad);
			rc = 0;
			break;
		}
	}
	if (rc < 0)
		rc = -rc;
	else if (run->noperm)
		rc = GK_NOPERM;
	else if (run->bad > 0) {
		diag_error(_("%s: %lu bad lines; nothing checked"),
		    recin_name(r), run->bad);
		rc = GK_DATAERR;
	} else
		rc = GK_OK;
done:
	/* The name is needed after the reader is gone. */
	run->file = estrdup(recin_name(r));
	recin_close(r);
	return rc;
}

static int
cmp_staffer(const void *a, const void *b)
{
	const struct staffer *x = a, *y = b;

	return x->person < y->person ? -1 : x->person > y->person;
}

static int
cmp_byid(const void *a, const void *b)
{
	return strcmp((*(struct staffer *const *)a)->idnum,
	    (*(struct staffer *const *)b)->idnum);
}

static int
add_staffer(const struct roster_month_row *row, void *arg)
{
	struct run *run = arg;
	struct staffer *s;

	/* Ordered by person: the first assignment stands for them.  A
	 * bound operator checks the staff of the jurisdiction. */
	if ((run->ns > 0 && run->s[run->ns - 1].person == row->person) ||
	    !juris_readable(row->grid))
		return GK_OK;
	if (run->ns == run->caps) {
		run->caps = run->caps ? 2 * run->caps : 1024;
		run->s = ereallocarray(run->s, run->caps, sizeof *run->s);
	}
	s = &run->s[run->ns++];
	memset(s, 0, sizeof *s);
	s->person = row->person;
	snprintf(s->idnum, sizeof s->idnum, "%s", row->id_number);
	snprintf(s->county, sizeof s->county, "%s", row->county);
	snprintf(s->role, sizeof s->role, "%s", row->role);
	s->kind = strcmp(row->kind, "urban") == 0 ? 1 :
	    strcmp(row->kind, "rural") == 0 ? 0 : 2;
	return GK_OK;
}

static struct staffer *
find_staffer(struct run *run, const struct line *ln)
{
	struct staffer key, *kp = &key, **pp;

	if (ln->staff != 0) {
		key.person = ln->staff;
		return bsearch(&key, run->s, run->ns, sizeof *run->s,
		    cmp_staffer);
	}
	snprintf(key.idnum, sizeof key.idnum, "%s", ln->idnum);
	pp = bsearch(&kp, run->byid, run->ns, sizeof *run->byid, cmp_byid);
	return pp != NULL ? *pp : NULL;
}

/* The subject of a line: its staff id, else its identity number
 * (masked unless revealed). */
static const char *
subject(const struct run *run, const struct line *ln, char *buf, size_t n)
{
	if (ln->person != 0 || ln->staff != 0)
		snprintf(buf, n, "%lld", ln->person ? ln->person : ln->staff);
	else if (run->o->reveal)
		snprintf(buf, n, "%s", ln->idnum);
	else
		idnum_mask(ln->idnum, buf, n);
	return buf;
}

static int
load_roster(struct run *run, struct db *db)
{
	size_t i;
	int rc;

	if ((rc = roster_month(db, run->first, run->last, add_staffer, run))
	    != GK_OK)
		return rc;
	run->byid = ereallocarray(NULL, run->ns ? run->ns : 1,
	    sizeof *run->byid);
	for (i = 0; i < run->ns; i++)
		run->byid[i] = &run->s[i];
	qsort(run->byid, run->ns, sizeof *run->byid, cmp_byid);
	return GK_OK;
}

/* A line's identity for PAY-DUPLICATE: the matched person, else what it
 * gives. */
static int
cmp_ident(const struct line *x, const struct line *y)
{
	long long a = x->person ? x->person : x->staff;
	long long b = y->person ? y->person : y->staff;

	if (a != b)
		return a < b ? -1 : 1;
	if (a != 0)
		return 0;
	return strcmp(x->idnum, y->idnum);
}

static int
cmp_line_ident(const void *a, const void *b)
{
	const struct line *x = *(struct line *const *)a;
	const struct line *y = *(struct line *const *)b;
	int c = cmp_ident(x, y);

	if (c != 0)
		return c;
	return x->lineno < y->lineno ? -1 : x->lineno > y->lineno;
}

static void
check_duplicates(struct run *run)
{
	struct line **p;
	char subj[64], vals[128];
	size_t i, j;

	if (!findings_enabled(run->f, "PAY-DUPLICATE") || run->n < 2)
		return;
	p = ereallocarray(NULL, run->n, sizeof *p);
	for (i = 0; i < run->n; i++)
		p[i] = &run->l[i];
	qsort(p, run->n, sizeof *p, cmp_line_ident);
	for (i = 1; i < run->n; i++) {
		if (cmp_ident(p[i - 1], p[i]) != 0)
			continue;
		/* Find the first line of this person. */
		for (j = i - 1; j > 0 && cmp_ident(p[j - 1], p[i]) == 0; j--)
			;
		snprintf(vals, sizeof vals, "line=%lu first_line=%lu",
		    p[i]->lineno, p[j]->lineno);
		findings_add(run->f, "PAY-DUPLICATE",
		    subject(run, p[i], subj, sizeof subj), vals,
		    _("paid on line %lu and again on line %lu of %s: "
		    "remove one of the lines"), p[j]->lineno, p[i]->lineno,
		    run->file);
	}
	free(p);
}

/* Counties paid in the payroll, sorted, for PAY-STAFF-UNPAID. */
static int
cmp_county(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
check_unpaid(struct run *run)
{
	char (*counties)[7], subj[32], vals[96];
	size_t i, nc = 0;

	if (!findings_enabled(run->f, "PAY-STAFF-UNPAID"))
		return;
	counties = ereallocarray(NULL, run->n ? run->n : 1, sizeof *counties);
	for (i = 0; i < run->n; i++)
		if (run->l[i].county[0] != '\0')
			memcpy(counties[nc++], run->l[i].county, 7);
	qsort(counties, nc, sizeof *counties, cmp_county);
	for (i = 0; i < run->ns; i++) {
		const struct staffer *s = &run->s[i];

		if (s->paid || bsearch(s->county, counties, nc,
		    sizeof *counties, cmp_county) == NULL)
			continue;
		snprintf(subj, sizeof subj, "%lld", s->person);
		snprintf(vals, sizeof vals, "county=%s role=%s", s->county,
		    s->role);
		findings_add(run->f, "PAY-STAFF-UNPAID", subj, vals,
		    _("staff %lld (%s, county %s) was active staff in "
		    "%04d-%02d and is not in the payroll"), s->person,
		    vocab_record(VOCAB_ROLE, s->role), s->county, run->o->year,
		    run->o->month);
	}
	free(counties);
}

/* The wage class and minimum wage of a county in the month, looked up
 * in the config once per county (a payroll has a few hundred counties
 * and a hundred thousand lines), a missing one reported once.
 * GK_OK, or GK_CONFIG. */
static int
county_wage(struct run *run, const char *county, int *cls, long long *minw)
{
	struct county_wage *w;
	size_t h = (size_t)strtol(county, NULL, 10) & (WAGE_SLOTS - 1);

	if (run->wages == NULL)
		run->wages = ecalloc(WAGE_SLOTS, sizeof *run->wages);
	/* Open addressing: at most WAGE_SLOTS - 1 counties (a province
	 * has some 120). */
	for (w = &run->wages[h]; w->county[0] != '\0' &&
	    strcmp(w->county, county) != 0;
	    w = &run->wages[h = (h + 1) & (WAGE_SLOTS - 1)])
		;
	if (w->county[0] == '\0') {
		memcpy(w->county, county, 7);
		w->status = GK_OK;
		if (payroll_wage_class(run->cfg, county, run->first,
		    &w->cls) == -1) {
			diag_error(_("county %s is paid full-time wages but "
			    "has no wage class in force on %04d-%02d-01: set "
			    "pay.wage_class.%s"), county, run->o->year,
			    run->o->month, county);
			w->status = GK_CONFIG;
		} else if (payroll_min_wage(run->cfg, run->first, w->cls,
		    &w->minw) == -1) {
			diag_error(_("no minimum wage of class %d in force on "
			    "%04d-%02d-01: see pay.min_wage (%s) and "
			    "pay.wage_class.%s"), w->cls, run->o->year,
			    run->o->month, config_origin(run->cfg,
			    "pay.min_wage"), county);
			w->status = GK_CONFIG;
		}
	}
	*cls = w->cls;
	*minw = w->minw;
	return w->status;
}

static int
check_lines(struct run *run, struct db *db, int has_acc)
{
	char subj[64], vals[256], a[PAYROLL_FEN_MAX], b[PAYROLL_FEN_MAX];
	size_t i, nokind = 0;
	long long rural_min, assistant_min, case_rate, minw, cases;
	int rc = GK_OK, st, cls, cases_ok = 1;

	amount_key(run->cfg, "pay.rural_min", &rural_min);
	amount_key(run->cfg, "pay.assistant_min", &assistant_min);
	amount_key(run->cfg, "pay.case_rate", &case_rate);
	if (!has_acc)
		findings_skipped(run->f, "ART19-ACCIDENT-INSURANCE",
		    _("the payroll has no accident_insurance column"));
	if (case_rate > 0 && db == NULL)
		findings_skipped(run->f, "ART19-CASE-SUBSIDY",
		    _("no database to count the cases in"));
	for (i = 0; i < run->n; i++) {
		struct line *ln = &run->l[i];

		subject(run, ln, subj, sizeof subj);
		if (!strcmp(ln->role, "full_time") &&
		    findings_enabled(run->f, "ART18-MIN-WAGE")) {
			/* Paid but not staff (PAY-NOT-STAFF): nothing
			 * says where they work. */
			if (ln->county[0] == '\0' && db != NULL &&
			    ln->person == 0)
				continue;
			if (ln->county[0] == '\0') {
				diag_at(run->file, ln->lineno, ln->county_col,
				    _("a full-time member with no county "
				    "(give a county or grid column)"));
				rc = gk_worst(rc, GK_DATAERR);
				continue;
			}
			if ((st = county_wage(run, ln->county, &cls, &minw))
			    != GK_OK) {
				rc = gk_worst(rc, st);
				continue;
			}
			if (ln->gross - ln->ins < minw) {
				snprintf(vals, sizeof vals, "county=%s class=%d "
				    "pay=%s min_wage=%s", ln->county, cls,
				    payroll_fen_format(ln->gross - ln->ins, a),
				    payroll_fen_format(minw, b));
				findings_add(run->f, "ART18-MIN-WAGE", subj,
				    vals, _("line %lu: full-time pay less own "
				    "insurance is %s yuan, below the minimum "
				    "wage of %s yuan (county %s, class %d): "
				    "raise the pay"), ln->lineno, a, b,
				    ln->county, cls);
			}
		}
		if (!strcmp(ln->role, "part_time") && rural_min > 0) {
			if (ln->kind == -1)
				nokind++;
			else if (ln->kind == 0 &&
			    ln->gross + ln->sub < rural_min) {
				snprintf(vals, sizeof vals, "pay=%s rural_min=%s",
				    payroll_fen_format(ln->gross + ln->sub, a),
				    payroll_fen_format(rural_min, b));
				findings_add(run->f, "ART18-RURAL-MIN", subj,
				    vals, _("line %lu: a part-time member of a "
				    "rural grid gets %s yuan, below %s yuan a "
				    "month: raise the subsidy"), ln->lineno,
				    a, b);
			}
		}
		if (!strcmp(ln->role, "assistant") && assistant_min > 0 &&
		    ln->gross + ln->sub < assistant_min) {
			snprintf(vals, sizeof vals, "pay=%s assistant_min=%s",
			    payroll_fen_format(ln->gross + ln->sub, a),
			    payroll_fen_format(assistant_min, b));
			findings_add(run->f, "ART18-ASSISTANT-MIN", subj, vals,
			    _("line %lu: a grid assistant gets %s yuan, below "
			    "the local %s yuan: raise the subsidy"),
			    ln->lineno, a, b);
		}
		if (has_acc && !ln->acc)
			findings_add(run->f, "ART19-ACCIDENT-INSURANCE", subj,
			    NULL, _("line %lu: no accident insurance: insure "
			    "them"), ln->lineno);
		if (case_rate > 0 && db != NULL && cases_ok && ln->person &&
		    findings_enabled(run->f, "ART19-CASE-SUBSIDY")) {
			if (payroll_case_count(db, ln->person, run->first,
			    run->last, &cases) == -1) {
				findings_skipped(run->f, "ART19-CASE-SUBSIDY",
				    _("the database has no cases to count"));
				cases_ok = 0;
			} else if (ln->casesub != cases * case_rate) {
				snprintf(vals, sizeof vals, "case_subsidy=%s "
				    "cases=%lld expected=%s",
				    payroll_fen_format(ln->casesub, a), cases,
				    payroll_fen_format(cases * case_rate, b));
				findings_add(run->f, "ART19-CASE-SUBSIDY", subj,
				    vals, _("line %lu: per-case subsidy %s "
				    "yuan, but %lld cases reported and closed "
				    "give %s yuan: correct it"), ln->lineno, a,
				    cases, b);
			}
		}
	}
	if (nokind > 0) {
		char why[160];

		snprintf(why, sizeof why, _("%zu part-time lines with no grid "
		    "kind (give a grid column, or a database)"), nokind);
		findings_skipped(run->f, "ART18-RURAL-MIN", why);
	}
	return rc;
}

int
payroll_check(struct db *db, const struct config *cfg,
    const struct payroll_opts *o, struct findings *f)
{
	struct run run;
	struct staffer *s;
	char subj[64];
	size_t i;
	int rc, has_acc = 0;

	memset(&run, 0, sizeof run);
	run.cfg = cfg;
	run.f = f;
	run.o = o;
	run.first = day_from_civil(o->year, o->month, 1);
	run.last = (o->month == 12 ? day_from_civil(o->year + 1, 1, 1) :
	    day_from_civil(o->year, o->month + 1, 1)) - 1;
	if ((rc = read_payroll(&run, &has_acc)) != GK_OK)
		goto done;
	if (db != NULL) {
		if ((rc = load_roster(&run, db)) != GK_OK)
			goto done;
		for (i = 0; i < run.n; i++) {
			struct line *ln = &run.l[i];

			if ((s = find_staffer(&run, ln)) == NULL) {
				findings_add(f, "PAY-NOT-STAFF",
				    subject(&run, ln, subj, sizeof subj), NULL,
				    _("line %lu: paid, but not active staff in "
				    "%04d-%02d: check who this is"), ln->lineno,
				    o->year, o->month);
				continue;
			}
			s->paid = 1;
			ln->person = s->person;
			if (ln->county[0] == '\0')
				memcpy(ln->county, s->county, 7);
			if (ln->kind == -1)
				ln->kind = s->kind;
		}
		check_unpaid(&run);
	} else {
		findings_skipped(f, "PAY-NOT-STAFF", _("no database"));
		findings_skipped(f, "PAY-STAFF-UNPAID", _("no database"));
	}
	check_duplicates(&run);
	rc = check_lines(&run, db, has_acc);
done:
	free(run.l);
	free(run.s);
	free(run.byid);
	free(run.wages);
	free((char *)run.file);
	return rc;
}
