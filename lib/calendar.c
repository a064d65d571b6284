/*
 * calendar.c - the working-day calendar.
 *
 * Deadlines over millions of cases ask this module, so no question
 * costs more than a handful of divisions.  Each loaded year keeps a
 * byte per day (holiday, make-up working day or ordinary) and a running
 * count of its corrections to the plain Monday-to-Friday rule: a
 * holiday on a weekday takes one working day away, a worked weekend day
 * adds one.  The number of working days up to a day is then the number
 * of weekdays up to it, found by arithmetic on whole weeks, plus the
 * corrections of the loaded years before it.  Counting the working days
 * between two days is two such lookups whatever the span, and finding
 * the n-th working day after a day is a binary search over them.
 *
 * A year with no file gets the statutory holidays computed (see
 * statutory() below) the first time a question touches it, and is
 * then kept like a loaded one.  Adding a year changes the running
 * counts of the years after it, so the arithmetic that spans years
 * first makes sure every year it reads is there, or starts again when
 * one was added under it.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "diag.h"
#include "i18n.h"
#include "lunar.h"
#include "status.h"
#include "util.h"

enum { DAY_PLAIN, DAY_HOLIDAY, DAY_WORKDAY };

struct cal_year {
	int year;			/* the year of the file */
	gk_day jan1;			/* day number of 1 January */
	int ndays;			/* 365 or 366 */
	unsigned char kind[366];	/* DAY_* per day of the year */
	uint16_t note[366];		/* index into notes plus 1; 0 none */
	int16_t cum[366];		/* corrections up to and with the day */
	char **notes;			/* the names of the entries */
	size_t nnotes;			/* entries in notes */
	char *path;			/* the file it came from; NULL:
					   computed from the regulation */
};

struct cal_slot {
	struct cal_year *y;		/* the year's data, or NULL */
	long before;			/* corrections of loaded years before */
};

struct calendar {
	struct cal_slot *slot;		/* one per year from lo to hi */
	int lo, hi;			/* years slot covers; lo > hi: none */
	long total;			/* corrections of all loaded years */
	char *dir;			/* where year files are expected */
	int *warned;			/* years already warned about */
	size_t nwarned;			/* entries in warned */
	int last_warned;		/* the most recent of them, or 0 */
	unsigned long added;		/* years inserted so far */
};

/* The years whose statutory holidays can be computed: the regulation
 * as revised in 1999 was in force from 2000, and the lunar calendar is
 * computed up to LUNAR_YEAR_MAX. */
#define STATUTORY_MIN 2000
#define STATUTORY_MAX LUNAR_YEAR_MAX

static const char *const weekday_name[] = {
	"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday"
};

struct calendar *
cal_new(void)
{
	struct calendar *c = ecalloc(1, sizeof *c);

	c->lo = 1;
	c->hi = 0;
	return c;
}

static void
year_free(struct cal_year *y)
{
	size_t i;

	if (y == NULL)
		return;
	for (i = 0; i < y->nnotes; i++)
		free(y->notes[i]);
	free(y->notes);
	free(y->path);
	free(y);
}

void
cal_free(struct calendar *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = c->lo; i <= c->hi; i++)
		year_free(c->slot[i - c->lo].y);
	free(c->slot);
	free(c->dir);
	free(c->warned);
	free(c);
}

static int
year_of(gk_day d)
{
	int y, m, dd;

	day_to_civil(d, &y, &m, &dd);
	return y;
}

static struct cal_year *
find(const struct calendar *c, int year)
{
	if (year < c->lo || year > c->hi)
		return NULL;
	return c->slot[year - c->lo].y;
}

/* The warning for a year without a file, once per year. */
static void
missing(struct calendar *c, int year)
{
	size_t i;

	if (year == c->last_warned)
		return;
	for (i = 0; i < c->nwarned; i++)
		if (c->warned[i] == year) {
			c->last_warned = year;
			return;
		}
	c->warned = ereallocarray(c->warned, c->nwarned + 1,
	    sizeof *c->warned);
	c->warned[c->nwarned++] = year;
	c->last_warned = year;
	if (year >= STATUTORY_MIN && year <= STATUTORY_MAX)
		diag_warn(_("no working-day calendar for %d (wanted "
		    "%s%s%d.cal); counting the statutory holidays of the national "
		    "regulation, make-up working days unknown until the "
		    "State Council notice is added"), year,
		    c->dir ? c->dir : "", c->dir ? "/" : "", year);
	else
		diag_warn(_("no working-day calendar for %d (wanted "
		    "%s%s%d.cal); counting weekends only"), year, c->dir ? c->dir : "",
		    c->dir ? "/" : "", year);
}

static struct cal_year *ensure(struct calendar *c, int year);

/* Warns about every year from the year of a to the year of b without
 * a file. */
static void
check_span(struct calendar *c, gk_day a, gk_day b)
{
	int y, ya = year_of(a), yb = year_of(b);

	for (y = ya; y <= yb; y++) {
		const struct cal_year *cy = ensure(c, y);

		if (cy == NULL || cy->path == NULL)
			missing(c, y);
	}
}

static int
plain_workday(gk_day d)
{
	return day_weekday(d) <= 5;
}

static void insert(struct calendar *c, struct cal_year *y);
static void finish(struct cal_year *y);
static struct cal_year *statutory(int year);

/* The year's data, computed from the regulation when no file gave it
 * and the year is one that can be computed; NULL otherwise. */
static struct cal_year *
ensure(struct calendar *c, int year)
{
	struct cal_year *y = find(c, year);

	if (y != NULL || year < STATUTORY_MIN || year > STATUTORY_MAX)
		return y;
	if ((y = statutory(year)) == NULL)
		return NULL;
	finish(y);
	insert(c, y);
	c->added++;
	return y;
}

/* Makes sure every computable year from ya to yb is there. */
static void
ensure_span(struct calendar *c, int ya, int yb)
{
	int y;

	if (ya < STATUTORY_MIN)
		ya = STATUTORY_MIN;
	if (yb > STATUTORY_MAX)
		yb = STATUTORY_MAX;
	for (y = ya; y <= yb; y++)
		ensure(c, y);
}

int
cal_is_workday(struct calendar *c, gk_day d)
{
	struct cal_year *y;
	int year = year_of(d);

	if ((y = ensure(c, year)) == NULL || y->path == NULL)
		missing(c, year);
	if (y == NULL)
		return plain_workday(d);
	switch (y->kind[d - y->jan1]) {
	case DAY_HOLIDAY:
		return 0;
	case DAY_WORKDAY:
		return 1;
	default:
		return plain_workday(d);
	}
}

const char *
cal_note(struct calendar *c, gk_day d)
{
	struct cal_year *y = ensure(c, year_of(d));
	unsigned i;

	if (y == NULL || (i = y->note[d - y->jan1]) == 0)
		return NULL;
	return y->notes[i - 1];
}

/*
 * Working days up to and with d, counted from an arbitrary origin, so
 * only differences mean anything.  Day -3, 1969-12-29, was a Monday;
 * whole weeks since then give five weekdays each.
 */
static long
workdays_upto(struct calendar *c, gk_day d)
{
	long k = d + 3, w, r, n;
	const struct cal_slot *s;
	int year = year_of(d);

	ensure(c, year);
	w = k >= 0 ? k / 7 : -((-k + 6) / 7);
	r = k - 7 * w;
	n = 5 * w + (r < 5 ? r + 1 : 5);
	if (c->lo > c->hi)
		return n;
	if (year < c->lo)
		return n;
	if (year > c->hi)
		return n + c->total;
	s = &c->slot[year - c->lo];
	n += s->before;
	if (s->y != NULL)
		n += s->y->cum[d - s->y->jan1];
	return n;
}

long
cal_workdays_between(struct calendar *c, gk_day a, gk_day b)
{
	if (a == b)
		return 0;
	if (b < a)
		return -cal_workdays_between(c, b, a);
	check_span(c, a + 1, b);
	ensure_span(c, year_of(a), year_of(b));
	return workdays_upto(c, b) - workdays_upto(c, a);
}

/*
 * The smallest day x with workdays_upto(x) >= target is a working day
 * and the one wanted.  For n >= 1 it is the n-th after d; for n == 0,
 * d or the next; for n < 0, the -n-th before d.  The span to search is
 * found by doubling a first guess of 7/5 calendar days per working day,
 * which always ends because years without a file have weekdays.
 */
gk_day
cal_add_workdays(struct calendar *c, gk_day d, int n)
{
	long target, step, an = n < 0 ? -(long)n : n;
	gk_day lo, hi, mid;
	unsigned long added;

again:
	added = c->added;
	step = an * 7 / 5 + 16;
	if (n > 0)
		target = workdays_upto(c, d) + n;
	else
		target = workdays_upto(c, d - 1) + n + 1;
	if (n >= 0) {
		lo = d - 1;
		hi = d + step;
		while (workdays_upto(c, hi) < target) {
			lo = hi;
			step *= 2;
			hi = d + step;
		}
	} else {
		hi = d - 1;
		lo = d - 1 - step;
		while (workdays_upto(c, lo) >= target) {
			hi = lo;
			step *= 2;
			lo = d - 1 - step;
		}
	}
	/* Invariant: workdays_upto(lo) < target <= workdays_upto(hi). */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (workdays_upto(c, mid) >= target)
			hi = mid;
		else
			lo = mid;
	}
	/* A year computed on the way moved the counts: all years the
	 * search touched are there now, so once more settles it. */
	if (added != c->added)
		goto again;
	if (n > 0)
		check_span(c, d + 1, hi);
	else if (n == 0)
		check_span(c, d, hi);
	else
		check_span(c, hi, d - 1);
	return hi;
}

size_t
cal_years(const struct calendar *c, int *years, size_t n)
{
	size_t k = 0;
	int i;

	for (i = c->lo; i <= c->hi; i++)
		if (c->slot[i - c->lo].y != NULL &&
		    c->slot[i - c->lo].y->path != NULL) {
			if (k < n)
				years[k] = i;
			k++;
		}
	return k;
}

/* Makes room for year in the slot table and recounts the corrections
 * before each year. */
static void
insert(struct calendar *c, struct cal_year *y)
{
	struct cal_slot *s;
	int lo, hi, i;
	long sum = 0;

	if (c->lo > c->hi) {
		lo = hi = y->year;
	} else {
		lo = y->year < c->lo ? y->year : c->lo;
		hi = y->year > c->hi ? y->year : c->hi;
	}
	s = ecalloc((size_t)(hi - lo + 1), sizeof *s);
	for (i = c->lo; i <= c->hi; i++)
		s[i - lo] = c->slot[i - c->lo];
	/* A file replaces the year computed before it was loaded. */
	year_free(s[y->year - lo].y);
	s[y->year - lo].y = y;
	free(c->slot);
	c->slot = s;
	c->lo = lo;
	c->hi = hi;
	for (i = lo; i <= hi; i++) {
		s[i - lo].before = sum;
		if (s[i - lo].y != NULL)
			sum += s[i - lo].y->cum[s[i - lo].y->ndays - 1];
	}
	c->total = sum;
}

/* The state of one file being read. */
struct parse {
	const char *path;		/* for messages */
	unsigned long line;		/* the current line */
	int status;			/* GK_OK or GK_CONFIG */
	int name_year;			/* the year of an NNNN.cal name, or 0 */
	struct cal_year *y;		/* the year once its line is read */
	int year_line_missing;		/* reported already */
	unsigned long where[366];	/* the line that set each day */
};

static void
perr(struct parse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
perr(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(0, p->path, p->line, 0, fmt, ap);
	va_end(ap);
	p->status = GK_CONFIG;
}

/* Splits off the first word of s (ASCII blanks end it); returns the
 * rest with leading blanks skipped. */
static char *
word(char *s)
{
	char *e = s + strcspn(s, " \t");

	if (*e == '\0')
		return e;
	*e++ = '\0';
	return e + strspn(e, " \t");
}

static void
do_year(struct parse *p, char *arg)
{
	char q[DIAG_QUOTE_MAX];
	const char *why;
	long long v;
	char *rest;

	rest = word(arg);
	if (p->y != NULL) {
		perr(p, "a second 'year' line");
		return;
	}
	if (util_parse_long(arg, 1, 9999, &v, &why) == -1 || *rest != '\0') {
		perr(p, "bad year %s: %s", diag_quote(q, sizeof q, arg),
		    *rest != '\0' ? "unexpected text after it" : why);
		return;
	}
	if (p->name_year != 0 && v != p->name_year) {
		perr(p, "year %lld does not match the file name", v);
		return;
	}
	p->y = ecalloc(1, sizeof *p->y);
	p->y->year = (int)v;
	p->y->jan1 = day_from_civil((int)v, 1, 1);
	p->y->ndays = (int)(day_from_civil((int)v + 1, 1, 1) - p->y->jan1);
}

static int
parse_date(struct parse *p, const char *s, gk_day *d)
{
	char q[DIAG_QUOTE_MAX];
	const char *why;

	if (day_parse(s, d, &why) == -1) {
		perr(p, "bad date %s: %s", diag_quote(q, sizeof q, s), why);
		return -1;
	}
	if (year_of(*d) != p->y->year) {
		perr(p, "date %s is outside year %d",
		    diag_quote(q, sizeof q, s), p->y->year);
		return -1;
	}
	return 0;
}

static void
do_entry(struct parse *p, int kind, const char *directive, char *arg)
{
	struct cal_year *y = p->y;
	char buf[DAY_ISO_MAX];
	char *rest, *dots;
	gk_day first, last, d;
	unsigned note = 0;
	int i, wd, said = 0;

	if (y == NULL) {
		if (!p->year_line_missing)
			perr(p, "missing 'year' line before the first entry");
		p->year_line_missing = 1;
		p->status = GK_CONFIG;
		return;
	}
	rest = word(arg);
	if (*arg == '\0') {
		perr(p, "missing date after '%s'", directive);
		return;
	}
	if ((dots = strstr(arg, "..")) != NULL) {
		*dots = '\0';
		if (parse_date(p, arg, &first) == -1 ||
		    parse_date(p, dots + 2, &last) == -1)
			return;
		if (last < first) {
			perr(p, "range %s..%s ends before it starts", arg,
			    dots + 2);
			return;
		}
	} else {
		if (parse_date(p, arg, &first) == -1)
			return;
		last = first;
	}
	if (*rest != '\0') {
		if (y->nnotes >= UINT16_MAX) {
			perr(p, "too many entries");
			return;
		}
		y->notes = ereallocarray(y->notes, y->nnotes + 1,
		    sizeof *y->notes);
		y->notes[y->nnotes++] = estrdup(rest);
		note = (unsigned)y->nnotes;
	}
	/* One message per entry is enough to find the line to fix. */
	for (d = first; d <= last; d++) {
		i = (int)(d - y->jan1);
		if (y->kind[i] != DAY_PLAIN && y->kind[i] != kind) {
			if (!said)
				perr(p, "%s is both a holiday and a working "
				    "day (see line %lu)", day_format(d, buf),
				    p->where[i]);
			said = 1;
			continue;
		}
		wd = day_weekday(d);
		if (kind == DAY_WORKDAY && wd <= 5 && !said) {
			diag_warn_at(p->path, p->line, 0, "'workday' %s is a "
			    "%s, a working day anyway", day_format(d, buf),
			    weekday_name[wd]);
			said = 1;
		}
		if (y->kind[i] == DAY_PLAIN) {
			y->kind[i] = (unsigned char)kind;
			y->note[i] = (uint16_t)note;
			p->where[i] = p->line;
		}
	}
}

/* The running count of corrections, once the year is read. */
static void
finish(struct cal_year *y)
{
	int i, sum = 0, plain;

	for (i = 0; i < y->ndays; i++) {
		plain = plain_workday(y->jan1 + i);
		if (y->kind[i] == DAY_HOLIDAY && plain)
			sum--;
		else if (y->kind[i] == DAY_WORKDAY && !plain)
			sum++;
		y->cum[i] = (int16_t)sum;
	}
}

/* The year in a name "NNNN.cal" (the last path component), or 0. */
static int
name_year(const char *path)
{
	const char *b = strrchr(path, '/');
	int i, v = 0;

	b = b ? b + 1 : path;
	if (strlen(b) != 8 || strcmp(b + 4, ".cal") != 0)
		return 0;
	for (i = 0; i < 4; i++) {
		if (b[i] < '0' || b[i] > '9')
			return 0;
		v = v * 10 + (b[i] - '0');
	}
	return v;
}

int
cal_load_file(struct calendar *c, const char *path)
{
	struct parse *p = NULL;
	struct cal_year *old;
	char q[DIAG_QUOTE_MAX];
	char *line = NULL, *s, *arg;
	size_t cap = 0;
	FILE *f;
	int status = GK_OK;

	if ((f = fopen(path, "r")) == NULL) {
		diag_error("%s: %s", diag_quote(q, sizeof q, path),
		    strerror(errno));
		return GK_NOINPUT;
	}
	p = ecalloc(1, sizeof *p);
	p->path = path;
	p->name_year = name_year(path);
	while (getline(&line, &cap, f) != -1) {
		p->line++;
		/* Editors on Windows start a UTF-8 file with a BOM. */
		if (p->line == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			memmove(line, line + 3, strlen(line + 3) + 1);
		s = line + strcspn(line, "#");
		*s = '\0';
		s = util_trim(line);
		if (*s == '\0')
			continue;
		arg = word(s);
		if (strcmp(s, "year") == 0)
			do_year(p, arg);
		else if (strcmp(s, "holiday") == 0)
			do_entry(p, DAY_HOLIDAY, s, arg);
		else if (strcmp(s, "workday") == 0)
			do_entry(p, DAY_WORKDAY, s, arg);
		else
			perr(p, "unknown directive %s (expected year, "
			    "holiday or workday)", diag_quote(q, sizeof q, s));
	}
	if (ferror(f)) {
		diag_error("%s: %s", diag_quote(q, sizeof q, path),
		    strerror(errno));
		status = GK_NOINPUT;
		goto cleanup;
	}
	if (p->y == NULL && !p->year_line_missing) {
		diag_at(path, 0, 0, _("missing 'year' line"));
		p->status = GK_CONFIG;
	}
	if (p->y != NULL && (old = find(c, p->y->year)) != NULL &&
	    old->path != NULL) {
		diag_at(path, 0, 0, _("year %d is already loaded from %s"),
		    p->y->year, diag_quote(q, sizeof q, old->path));
		p->status = GK_CONFIG;
	}
	if ((status = p->status) != GK_OK)
		goto cleanup;
	finish(p->y);
	p->y->path = estrdup(path);
	insert(c, p->y);
	p->y = NULL;
	if (c->dir == NULL) {
		s = strrchr(path, '/');
		c->dir = s ? estrndup(path, (size_t)(s - path)) : estrdup(".");
	}
cleanup:
	if (p->y != NULL)
		year_free(p->y);
	free(p);
	free(line);
	fclose(f);
	return status;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cal_load_dir(struct calendar **out, const char *dir)
{
	struct calendar *c = NULL;
	struct dirent *e;
	struct sb path = SB_INIT;
	char q[DIAG_QUOTE_MAX];
	char **names = NULL;
	size_t n = 0, i;
	DIR *dp;
	int status = GK_OK;

	*out = NULL;
	if ((dp = opendir(dir)) == NULL) {
		diag_error(_("%s: cannot read the calendar directory: %s"),
		    diag_quote(q, sizeof q, dir), strerror(errno));
		return GK_CONFIG;
	}
	while ((e = readdir(dp)) != NULL) {
		if (name_year(e->d_name) == 0)
			continue;
		names = ereallocarray(names, n + 1, sizeof *names);
		names[n++] = estrdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, cmpstr);
	c = cal_new();
	c->dir = estrdup(dir);
	for (i = 0; i < n; i++) {
		sb_reset(&path);
		sb_addf(&path, "%s/%s", dir, names[i]);
		status = gk_worst(status, cal_load_file(c, path.buf));
	}
	if (status == GK_NOINPUT)
		status = GK_CONFIG;
	if (status == GK_OK) {
		*out = c;
		c = NULL;
	}
	cal_free(c);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sb_release(&path);
	return status;
}

/*
 * The statutory holidays of a year, from the State Council's Regulation
 * on National Annual Festivals and Memorial Days (全国年节及纪念日放假
 * 办法) in the revision in force that year:
 *
 *	from 2025 (2024 revision): New Year 1 day, Spring Festival 4 (the
 *	eve to the 3rd day of the first month), Qingming 1, Labour Day 2
 *	(1-2 May), Dragon Boat 1, Mid-Autumn 1, National Day 3 (1-3 Oct);
 *	2014-2024 (2013 revision): Spring Festival 3 (1st to 3rd day),
 *	Labour Day 1;
 *	2008-2013 (2007 revision): Spring Festival 3 (the eve to the 2nd
 *	day), Labour Day 1;
 *	2000-2007 (1999 revision): New Year 1, Spring Festival 3 (1st to
 *	3rd day), Labour Day 3, National Day 3; no Qingming, Dragon Boat
 *	or Mid-Autumn holiday.
 *
 * Art. 6 of the regulation: a holiday of all citizens that falls on a
 * Saturday or Sunday is made up on a working day (补假).  Which one the
 * regulation does not say; the yearly notice does, and has always
 * chosen days at or next to the festival.  Here each such day, and
 * each day two festivals share (Mid-Autumn on 1 October), gives the
 * first Monday to Friday after the festival that is not a holiday
 * already.  The number of working days of the year then equals the
 * notice's (the make-up weekend days it adds balance the bridging days
 * it gives); which days are worked in exchange (调休) only the notice
 * can say, so the caller warns.
 */
struct festival {
	const char *note;		/* its name */
	const char *in_lieu;		/* the note of a day given for it */
	gk_day first;			/* its first day */
	int ndays;			/* its length */
	int owed;			/* days falling on a day off anyway */
};

static unsigned
add_note(struct cal_year *y, const char *text)
{
	y->notes = ereallocarray(y->notes, y->nnotes + 1, sizeof *y->notes);
	y->notes[y->nnotes++] = estrdup(text);
	return (unsigned)y->nnotes;
}

static struct cal_year *
statutory(int year)
{
	struct festival f[7];
	struct cal_year *y;
	gk_day sf, qm, db, ma, d;
	size_t nf = 0, i;
	unsigned note;
	int k, idx;

	if (lunar_day(year, 1, 1, &sf) == -1 ||
	    lunar_solar_term(year, 15, &qm) == -1 ||
	    lunar_day(year, 5, 5, &db) == -1 ||
	    lunar_day(year, 8, 15, &ma) == -1)
		return NULL;
	memset(f, 0, sizeof f);
	f[nf++] = (struct festival){ "元旦 New Year's Day",
	    "元旦补假 New Year's Day made up",
	    day_from_civil(year, 1, 1), 1, 0 };
	f[nf++] = (struct festival){ "春节 Spring Festival",
	    "春节补假 Spring Festival made up",
	    year >= 2025 || (year >= 2008 && year < 2014) ? sf - 1 : sf,
	    year >= 2025 ? 4 : 3, 0 };
	if (year >= 2008)
		f[nf++] = (struct festival){ "清明节 Qingming Festival",
		    "清明节补假 Qingming Festival made up", qm, 1, 0 };
	f[nf++] = (struct festival){ "劳动节 Labour Day",
	    "劳动节补假 Labour Day made up", day_from_civil(year, 5, 1),
	    year >= 2025 ? 2 : year >= 2008 ? 1 : 3, 0 };
	if (year >= 2008) {
		f[nf++] = (struct festival){ "端午节 Dragon Boat Festival",
		    "端午节补假 Dragon Boat Festival made up", db, 1, 0 };
		f[nf++] = (struct festival){ "中秋节 Mid-Autumn Festival",
		    "中秋节补假 Mid-Autumn Festival made up", ma, 1, 0 };
	}
	f[nf++] = (struct festival){ "国庆节 National Day",
	    "国庆节补假 National Day made up", day_from_civil(year, 10, 1),
	    3, 0 };

	y = ecalloc(1, sizeof *y);
	y->year = year;
	y->jan1 = day_from_civil(year, 1, 1);
	y->ndays = (int)(day_from_civil(year + 1, 1, 1) - y->jan1);
	for (i = 0; i < nf; i++) {
		note = add_note(y, f[i].note);
		for (d = f[i].first; d < f[i].first + f[i].ndays; d++) {
			idx = (int)(d - y->jan1);
			if (!plain_workday(d) || y->kind[idx] == DAY_HOLIDAY)
				f[i].owed++;
			if (y->kind[idx] == DAY_HOLIDAY)
				continue;
			y->kind[idx] = DAY_HOLIDAY;
			y->note[idx] = (uint16_t)note;
		}
	}
	for (i = 0; i < nf; i++) {
		if (f[i].owed == 0)
			continue;
		note = add_note(y, f[i].in_lieu);
		d = f[i].first + f[i].ndays;
		for (k = f[i].owed; k > 0 && d < y->jan1 + y->ndays; d++) {
			idx = (int)(d - y->jan1);
			if (!plain_workday(d) || y->kind[idx] != DAY_PLAIN)
				continue;
			y->kind[idx] = DAY_HOLIDAY;
			y->note[idx] = (uint16_t)note;
			k--;
		}
	}
	return y;
}
