/*
 * phrase.c - text kept in English, read by people in their language.
 *
 * A kept text is matched against the English formats of the phrases
 * that may have written it; the values it holds are taken out and put
 * into the translation of the format that fits.  The formats use only
 * %lu (a count: digits) and %s (text, at least one byte), so that
 * matching needs no printf: a count takes the longest run of digits
 * that lets the rest fit, text the shortest.  The translations may
 * give their values in another order (%2$s).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "phrase.h"
#include "util.h"
#include "vocab.h"

/* A format with its plural, for xgettext (-kNN_:1,2) and the table. */
#define NN_(s, p) s, p

/*
 * What each value of a phrase is, one letter a conversion: n a count,
 * t text shown as kept, d a code (digits only, shown as kept); p, g, w, l text said again as a phrase of the
 * class @who, @grid, @where, or a list of @item joined by ", "; a
 * capital a word of a vocabulary (vocab_of).
 */
static const struct phrase {
	const char *verb;	/* its rows' verb, NULL any, "@..." a class */
	const char *en;		/* the English format, as kept */
	const char *plural;	/* its plural, or NULL */
	const char *kinds;	/* what each value is, above */
} phrases[PHRASE_COUNT] = {
	[PHRASE_ROWS] = { NULL,
	    NN_("%lu row: %lu added, %lu updated, %lu unchanged",
	    "%lu rows: %lu added, %lu updated, %lu unchanged"), "nnnn" },
	[PHRASE_ROWS_REJECTED] = { NULL,
	    NN_("%lu row: %lu added, %lu updated, %lu unchanged, %lu rejected",
	    "%lu rows: %lu added, %lu updated, %lu unchanged, %lu rejected"),
	    "nnnnn" },
	[PHRASE_MOVED] = { "advance", N_("%lu moved to %s"), NULL, "nS" },
	[PHRASE_REJECTED] = { "reject", N_("%lu rejected: %s"), NULL, "nt" },
	[PHRASE_HIRED] = { "hire", N_("%s hired into %s as %s"), NULL,
	    "ttR" },
	[PHRASE_ASSIGNED] = { "assign", N_("%s assigned to %s as %s"), NULL,
	    "ttR" },
	[PHRASE_TRANSFERRED] = { "transfer",
	    N_("%s transferred to %s as %s"), NULL, "ttR" },
	[PHRASE_LEFT] = { "leave", N_("%s left on %s (%s)"), NULL, "ttL" },
	[PHRASE_VACANCIES] = { "leave",
	    NN_("%lu vacancy", "%lu vacancies"), "n" },
	/* TRANSLATORS: a training: its level, day, hours and topic. */
	[PHRASE_TRAINED] = { "train", N_("%s %s %sh %s"), NULL, "Tttt" },
	[PHRASE_GRID_ADDED] = { "add", N_("name %s, %s"), NULL, "tK" },
	[PHRASE_GRID_RENAMED] = { "rename", N_("name %s -> %s"), NULL,
	    "tt" },
	[PHRASE_UNIT_NO_GRID] = { "unit add", N_("in no grid"), NULL, "" },
	[PHRASE_UNIT_MOVED] = { "unit move", N_("%s -> %s"), NULL, "gg" },
	/* TRANSLATORS: no grid, where a unit was or goes. */
	[PHRASE_NONE] = { "@grid", N_("none"), NULL, "" },
	[PHRASE_VISIT] = { "visit", N_("visit %s on %s"), NULL, "tt" },
	[PHRASE_TO_NOTE] = { NULL, N_("to %s: %s"), NULL, "pt" },
	[PHRASE_TO] = { NULL, N_("to %s"), NULL, "p" },
	[PHRASE_ESCALATED] = { "escalate --overdue",
	    N_("escalated %lu from village to township, %lu from township to "
	    "county; %lu red at the county, staying; cards: %lu yellow, %lu "
	    "red; %lu overdue already escalated"), NULL, "nnnnnn" },
	[PHRASE_OVERDUE_AT] = { NULL,
	    N_("overdue at step %s (due %s) at the %s"), NULL, "Ctw" },
	[PHRASE_EXTENDED] = { "extend",
	    N_("%lu working days to %s; approved by %s"), NULL, "ntt" },
	[PHRASE_EXTENDED_NOTE] = { "extend",
	    N_("%lu working days, due %s instead of %s: %s (approved by %s)"),
	    NULL, "ntttt" },
	[PHRASE_ON_THE_SPOT] = { NULL, N_("resolved on the spot (Art. 13(1))"),
	    NULL, "" },
	[PHRASE_RESIDENTS] = { NULL, N_("residents: %s"), NULL, "F" },
	/* TRANSLATORS: a handling level and the code of its centre. */
	[PHRASE_WHERE] = { "@where", N_("%s %s"), NULL, "Ht" },
	[PHRASE_WHO_STAFF] = { "@who", N_("staff %s"), NULL, "t" },
	[PHRASE_WHO_CENTRE] = { "@who", N_("centre %s"), NULL, "t" },
	[PHRASE_WHO_DEPT] = { "@who", N_("department %s"), NULL, "t" },
	[PHRASE_REVEAL_PHONES] = { "reveal", N_("staff phones shown unmasked"),
	    NULL, "" },
	[PHRASE_REVEAL_LISTED] = { "reveal", N_("listed unmasked"), NULL, "" },
	[PHRASE_REVEAL_SHOWN] = { "reveal", N_("shown unmasked"), NULL, "" },
	[PHRASE_REVEAL_LOG] = { "reveal",
	    N_("audit subjects and details shown unmasked"), NULL, "" },
	[PHRASE_REVEAL_BATCH] = { "reveal",
	    N_("%s: identity numbers and phones shown unmasked"), NULL, "t" },
	[PHRASE_REVEAL_ROSTER] = { "reveal", N_("roster shown unmasked"),
	    NULL, "" },
	[PHRASE_REVEAL_ROSTER_OF] = { "reveal",
	    N_("roster shown unmasked, %s"), NULL, "l" },
	[PHRASE_ITEM_AREA] = { "@item", N_("area %s"), NULL, "t" },
	[PHRASE_ITEM_ROLE] = { "@item", N_("role %s"), NULL, "R" },
	[PHRASE_ITEM_STAGE] = { "@item", N_("stage %s"), NULL, "S" },
	[PHRASE_BACKUP] = { "backup", N_("a copy of the whole database"),
	    NULL, "" },
	[PHRASE_SUBJ_STAFF_MORE] = { "@subject", N_("staff %s and %lu more"),
	    NULL, "tn" },
	[PHRASE_SUBJ_STAFF] = { "@subject", N_("staff %s"), NULL, "t" },
	[PHRASE_SUBJ_CASE] = { "@subject", N_("case %s"), NULL, "t" },
	[PHRASE_SUBJ_CASES] = { "@subject", NN_("%lu case", "%lu cases"),
	    "n" },
	[PHRASE_SUBJ_OVERDUE] = { "@subject", N_("%lu overdue cases"), NULL,
	    "n" },
	/* TRANSLATORS: the subject of an audit row: the events listed. */
	[PHRASE_SUBJ_EVENTS] = { "@subject", N_("events"), NULL, "" },
	/* TRANSLATORS: the subject of an audit row: the roster shown. */
	[PHRASE_SUBJ_ROSTER] = { "@subject", N_("roster"), NULL, "" },
	/* TRANSLATORS: a unit: its village, kind and name. */
	[PHRASE_SUBJ_UNIT] = { "@subject", N_("%s/%s/%s"), NULL, "dUt" },
};

/* The verbs of the audit log, for the catalogue: what each program
 * records (audit_commit, audit_record, audit_reveal, batch_def). */
static const char *const verbs[] = {
	NC_("audit verb", "import areas"), NC_("audit verb", "import grids"),
	NC_("audit verb", "import units"), NC_("audit verb", "add"),
	NC_("audit verb", "rename"), NC_("audit verb", "retire"),
	NC_("audit verb", "unit add"), NC_("audit verb", "unit move"),
	NC_("audit verb", "backup"), NC_("audit verb", "reveal"),
	NC_("audit verb", "announce"), NC_("audit verb", "apply"),
	NC_("audit verb", "enrol"), NC_("audit verb", "declare"),
	NC_("audit verb", "score"), NC_("audit verb", "contacts"),
	NC_("audit verb", "advance"), NC_("audit verb", "reject"),
	NC_("audit verb", "hire"), NC_("audit verb", "assign"),
	NC_("audit verb", "transfer"), NC_("audit verb", "leave"),
	NC_("audit verb", "train"), NC_("audit verb", "import events"),
	NC_("audit verb", "import visits"), NC_("audit verb", "visit"),
	NC_("audit verb", "report"), NC_("audit verb", "file"),
	NC_("audit verb", "refuse"), NC_("audit verb", "investigate"),
	NC_("audit verb", "feedback"), NC_("audit verb", "close"),
	NC_("audit verb", "rework"), NC_("audit verb", "handdown"),
	NC_("audit verb", "escalate"),
	NC_("audit verb", "escalate --overdue"),
	NC_("audit verb", "extend"), NC_("audit verb", "import departments"),
	NC_("audit verb", "import access list"),
	NC_("audit verb", "access add"), NC_("audit verb", "access withdraw"),
};

const char *
phrase_verb(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(verbs[i], verb) == 0)
			return i18n_cgettext("audit verb", verb);
	return verb;
}

const char *
phrase_verb_canon(const char *shown)
{
	size_t i;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(i18n_cgettext("audit verb", verbs[i]), shown) == 0)
			return verbs[i];
	return shown;
}

#define MAXARGS 8

/* The values a kept text gave a format: where each begins, its bytes. */
struct caps {
	const char *s[MAXARGS];
	size_t len[MAXARGS];
};

/* The conversion at f ('%'): its argument (pos, -1 the next one) and
 * whether it is a count.  Returns what follows it. */
static const char *
conv(const char *f, int *pos, int *count)
{
	const char *p = ++f;
	int n = 0;

	*pos = -1;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	if (*p == '$' && p > f) {
		*pos = n - 1;
		f = p + 1;
	}
	f += strspn(f, "-#0 +'0123456789.");
	f += strspn(f, "hlLqjzt");
	*count = *f != 's';
	return *f != '\0' ? f + 1 : f;
}

/* Whether s is all of format f from its i-th conversion on. */
static int
match(const char *f, const char *s, struct caps *c, int i)
{
	size_t k, len;
	int pos, count, slot;

	for (;;) {
		if (*f == '\0')
			return *s == '\0';
		if (f[0] == '%' && f[1] == '%') {
			if (*s != '%')
				return 0;
			f += 2;
			s++;
		} else if (*f == '%') {
			break;
		} else {
			if (*f != *s)
				return 0;
			f++;
			s++;
		}
	}
	f = conv(f, &pos, &count);
	slot = pos >= 0 ? pos : i;
	if (slot < 0 || slot >= MAXARGS)
		return 0;
	c->s[slot] = s;
	if (count) {
		for (k = strspn(s, "0123456789"); k > 0; k--) {
			c->len[slot] = k;
			if (match(f, s + k, c, i + 1))
				return 1;
		}
		return 0;
	}
	len = strlen(s);
	for (k = 1; k <= len; k++) {
		c->len[slot] = k;
		if (match(f, s + k, c, i + 1))
			return 1;
	}
	return 0;
}

/* The vocabulary a capital of kinds names, or -1. */
static int
vocab_of(char k)
{
	switch (k) {
	case 'C':
		return VOCAB_CASE_STEP;
	case 'F':
		return VOCAB_SATISFACTION;
	case 'H':
		return VOCAB_HANDLING_LEVEL;
	case 'K':
		return VOCAB_GRID_KIND;
	case 'L':
		return VOCAB_LEAVE_REASON;
	case 'R':
		return VOCAB_ROLE;
	case 'S':
		return VOCAB_STAGE;
	case 'T':
		return VOCAB_TRAIN_LEVEL;
	case 'U':
		return VOCAB_UNIT_KIND;
	}
	return -1;
}

static int say_one(struct sb *out, const char *verb, const char *s,
    int back);

/* Whether the values c holds for the codes of ph are digits only. */
static int
codes(const struct phrase *ph, const struct caps *c)
{
	size_t i;

	for (i = 0; i < MAXARGS && ph->kinds[i] != '\0'; i++)
		if (ph->kinds[i] == 'd' && strspn(c->s[i], "0123456789") <
		    c->len[i])
			return 0;
	return 1;
}

/* Value k of kind kind, as people read it; back: as it is kept, from
 * what people read. */
static void
say_value(struct sb *out, char kind, const char *s, size_t len, int back)
{
	static const char *const classes[] = { "@who", "@grid", "@where" };
	/* TRANSLATORS: between the items of a list inside a phrase. */
	const char *sep = _(", "), *from = back ? sep : ", ";
	const struct vocab_entry *ve;
	char *v = emalloc(len + 1), *p, *e;
	int voc = vocab_of(kind);

	memcpy(v, s, len);
	v[len] = '\0';
	if (voc >= 0 && back) {
		ve = vocab_find((enum vocab_id)voc, v);
		sb_adds(out, ve != NULL ? ve->name : v);
	} else if (voc >= 0) {
		sb_adds(out, vocab_say((enum vocab_id)voc, v));
	} else if (kind == 'p' || kind == 'g' || kind == 'w') {
		if (!say_one(out, classes[kind == 'p' ? 0 : kind == 'g' ? 1 :
		    2], v, back))
			sb_adds(out, v);
	} else if (kind == 'l') {
		for (p = v; p != NULL; p = e != NULL ? e + strlen(from) :
		    NULL) {
			if ((e = strstr(p, from)) != NULL)
				*e = '\0';
			if (p != v)
				sb_adds(out, back ? ", " : sep);
			if (!say_one(out, "@item", p, back))
				sb_adds(out, p);
		}
	} else {
		sb_adds(out, v);
	}
	free(v);
}

/* The translation of phrase ph with the values c holds; back: its
 * English. */
static void
say_phrase(struct sb *out, const struct phrase *ph, const struct caps *c,
    int back)
{
	size_t nargs = strlen(ph->kinds), i;
	unsigned long n = 0;
	const char *t;
	int pos, count, next = 0, a;

	for (i = 0; i < nargs; i++)
		if (ph->kinds[i] == 'n') {
			n = strtoul(c->s[i], NULL, 10);
			break;
		}
	if (back)
		t = ph->plural != NULL && n != 1 ? ph->plural : ph->en;
	else
		t = ph->plural != NULL ? ngettext(ph->en, ph->plural, n) :
		    gettext(ph->en);
	while (*t != '\0') {
		if (t[0] == '%' && t[1] == '%') {
			sb_addc(out, '%');
			t += 2;
			continue;
		}
		if (*t != '%') {
			sb_addc(out, *t++);
			continue;
		}
		t = conv(t, &pos, &count);
		a = pos >= 0 ? pos : next++;
		if (a >= 0 && (size_t)a < nargs)
			say_value(out, ph->kinds[a], c->s[a], c->len[a],
			    back);
	}
}

/* Say s when a phrase of verb (a class, or NULL: any) fits all of it:
 * 1, else 0 and out unchanged.  back: s is what people read, said
 * again as it is kept. */
static int
say_one(struct sb *out, const char *verb, const char *s, int back)
{
	const struct phrase *ph;
	const char *one, *other;
	struct caps c;
	size_t i;

	for (i = 0; i < PHRASE_COUNT; i++) {
		ph = &phrases[i];
		if (ph->verb != NULL && (verb == NULL ||
		    strcmp(ph->verb, verb) != 0))
			continue;
		if (ph->verb == NULL && verb != NULL && *verb == '@')
			continue;
		one = ph->en;
		other = ph->plural;
		if (back && ph->plural != NULL) {
			one = ngettext(ph->en, ph->plural, 1);
			other = ngettext(ph->en, ph->plural, 2);
		} else if (back) {
			one = gettext(ph->en);
		}
		memset(&c, 0, sizeof c);
		if ((match(one, s, &c, 0) || (other != NULL &&
		    match(other, s, &c, 0))) && codes(ph, &c)) {
			say_phrase(out, ph, &c, back);
			return 1;
		}
	}
	return 0;
}

void
phrase_say(struct sb *out, const char *verb, const char *kept)
{
	struct sb part = SB_INIT, said = SB_INIT;
	const char *p, *e;
	int any = 0;

	if (kept == NULL || *kept == '\0')
		return;
	/* Long lists (the numbers of many cases) are no phrase. */
	if (strlen(kept) > 4096) {
		sb_adds(out, kept);
		return;
	}
	if (say_one(out, verb, kept, 0))
		return;
	for (p = kept; p != NULL; p = e != NULL ? e + 2 : NULL) {
		e = strstr(p, "; ");
		sb_reset(&part);
		sb_addn(&part, p, e != NULL ? (size_t)(e - p) : strlen(p));
		if (p != kept)
			sb_adds(&said, "\001");
		if (say_one(&said, verb, part.buf, 0))
			any = 1;
		else
			sb_adds(&said, part.buf);
	}
	/* The parts joined again, in the reader's way when a phrase was
	 * said; as kept otherwise. */
	for (p = said.buf; *p != '\0'; p++) {
		if (*p != '\001')
			sb_addc(out, *p);
		else
			/* TRANSLATORS: between the parts of a detail of
			 * the audit log or a note of a case's history. */
			sb_adds(out, any ? _("; ") : "; ");
	}
	sb_release(&part);
	sb_release(&said);
}

void
phrase_canon(struct sb *out, const char *verb, const char *shown)
{
	if (shown == NULL || strlen(shown) > 4096 ||
	    !say_one(out, verb, shown, 1))
		sb_adds(out, shown != NULL ? shown : "");
}

/* The arguments of phrase_add: each conversion of fmt, from ap. */
static void
add_va(struct sb *sb, const char *fmt, va_list ap)
{
	const char *f = fmt;
	char num[32];
	int pos, count;

	while (*f != '\0') {
		if (f[0] == '%' && f[1] == '%') {
			sb_addc(sb, '%');
			f += 2;
		} else if (*f != '%') {
			sb_addc(sb, *f++);
		} else {
			f = conv(f, &pos, &count);
			if (count) {
				snprintf(num, sizeof num, "%lu",
				    va_arg(ap, unsigned long));
				sb_adds(sb, num);
			} else {
				sb_adds(sb, va_arg(ap, const char *));
			}
		}
	}
}

const char *
phrase_format(enum phrase_id id, unsigned long n)
{
	const struct phrase *ph = &phrases[id];

	return ph->plural != NULL && n != 1 ? ph->plural : ph->en;
}

void
phrase_add(struct sb *sb, enum phrase_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	add_va(sb, phrases[id].en, ap);
	va_end(ap);
}

char *
phrase_put(char *buf, size_t n, enum phrase_id id, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, id);
	add_va(&sb, phrases[id].en, ap);
	va_end(ap);
	if (n > 0)
		snprintf(buf, n, "%s", sb.buf);
	sb_release(&sb);
	return buf;
}

void
phrase_addn(struct sb *sb, enum phrase_id id, unsigned long n, ...)
{
	va_list ap;

	va_start(ap, n);
	add_va(sb, phrase_format(id, n), ap);
	va_end(ap);
}
