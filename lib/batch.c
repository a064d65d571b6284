/*
 * batch.c - the one batch-import driver: read, check, report, stop,
 * roll back or audit and commit; and the rejects file.
 *
 * The rejects file is personal data and output promised only for a
 * batch that was kept, so it is written under a temporary name in its
 * own directory (mkstemp: mode 0600) and linked to its name after the
 * commit.  link() fails on an existing name, so an existing file (it
 * may be the spreadsheet itself) is never overwritten, even by a race
 * with another program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "batch.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "idnum.h"
#include "mask.h"
#include "phrase.h"
#include "recin.h"
#include "recout.h"
#include "status.h"
#include "util.h"

/* Longer runs of digits and separators are not one phone number. */
#define PHONE_SPAN_MAX 48

struct batch {
	struct db *db;				/* the connection */
	struct recin *in;			/* the records */
	const struct batch_def *def;		/* the importer */
	const struct batch_opts *opts;		/* this run */
	struct batch_stats stats;		/* counts */
	struct sb reasons;			/* the current row's problems */
	int row_bad;				/* batch_bad was called for it */
	unsigned long tallied;			/* rows BATCH_TALLIED */
	long long tally;			/* of which added */
	int quiet;				/* past max_errors: count only */
	/* The rejects file, under its temporary name until the commit. */
	char *tmp;				/* that name, or NULL: none */
	FILE *rejects_fp;			/* open on it */
	struct recout *rejects;			/* the CSV writer */
	struct recout_col *cols;		/* line, fields, reason */
	struct sb *shown;			/* a row's values as written */
	/* Problems said once: the same message for the same field. */
	struct batch_seen *seen;		/* each distinct one */
	size_t nseen;				/* how many */
	struct batch_seen *zeros;		/* per field: identity numbers
						   ending in 000 */
};

/* A problem met, and the rows it was met in. */
struct batch_seen {
	size_t field;				/* its field */
	char *text;				/* the message, as printed */
	unsigned long count;			/* rows */
	unsigned long first, last;		/* lines */
};

/* Distinct messages remembered; past this, each is printed. */
#define BATCH_SEEN_MAX 1024

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static size_t
digit_run(const char *s)
{
	size_t n = 0;

	while (is_digit((unsigned char)s[n]))
		n++;
	return n;
}

/* The length of an identity number at s (s[-1] no digit), or 0: 18
 * characters, the last may be X; inside quotes also 15 digits (the old
 * form) and 16 or 17 (one mistyped: personal data all the same). */
static size_t
idnum_shape(const char *s, int quoted)
{
	size_t d = digit_run(s);

	if (d == 17 && (s[17] == 'X' || s[17] == 'x'))
		return 18;
	if (d == 18 || (d >= 15 && d <= 17 && quoted))
		return d;
	return 0;
}

/* Whether the digits d[0..n) are a mobile number: 11 digits starting
 * 1, after an optional 86 or 0086. */
static int
mobile_digits(const char *d, size_t n)
{
	if (n == 15 && strncmp(d, "0086", 4) == 0)
		d += 4, n -= 4;
	else if (n == 13 && strncmp(d, "86", 2) == 0)
		d += 2, n -= 2;
	return n == 11 && d[0] == '1';
}

/*
 * The length of a phone number at s (s[-1] no digit), or 0.  Outside
 * quotes only its digits written together ("13800138000",
 * "+8613800138000"); inside quotes also with spaces, hyphens and
 * parentheses ("+86 138-0013-8000"), and landlines ("0351-7654321").
 */
static size_t
phone_shape(const char *s, int quoted)
{
	char span[PHONE_SPAN_MAX + 1], d[PHONE_SPAN_MAX + 1], canon[PHONE_MAX];
	const char *why;
	size_t i = *s == '+', n, len, nd = 0;

	n = digit_run(s + i);
	if (n > 0 && mobile_digits(s + i, n))
		return i + n;
	if (!quoted)
		return 0;
	for (len = i; len < PHONE_SPAN_MAX && s[len] != '\0' &&
	    (is_digit((unsigned char)s[len]) || strchr(" -()", s[len]) != NULL);
	    len++)
		if (is_digit((unsigned char)s[len]))
			d[nd++] = s[len];
	while (len > 0 && !is_digit((unsigned char)s[len - 1]))
		len--;
	if (nd < 10 || is_digit((unsigned char)s[len]))
		return 0;
	d[nd] = '\0';
	memcpy(span, s, len);
	span[len] = '\0';
	if (mobile_digits(d, nd) || phone_normalise(span, canon, sizeof canon,
	    &why) == 0)
		return len;
	return 0;
}

void
batch_mask(struct sb *out, const char *s, int quoted)
{
	char buf[PHONE_SPAN_MAX + 1], m[PHONE_SPAN_MAX + IDNUM_MASKED_MAX];
	const char *p = s;
	int q = quoted;
	size_t n;

	while (*p != '\0') {
		if (!quoted && *p == '"') {
			q = !q;
			sb_addc(out, *p++);
			continue;
		}
		if (q && !quoted && *p == '\\' && p[1] != '\0') {
			sb_addn(out, p, 2);
			p += 2;
			continue;
		}
		if ((p == s || !is_digit((unsigned char)p[-1])) &&
		    (is_digit((unsigned char)*p) || *p == '+' ||
		    (q && *p == '('))) {
			if ((n = idnum_shape(p, q)) > 0) {
				memcpy(buf, p, n);
				buf[n] = '\0';
				sb_adds(out, idnum_mask(buf, m, sizeof m));
				p += n;
				continue;
			}
			if ((n = phone_shape(p, q)) > 0) {
				memcpy(buf, p, n);
				buf[n] = '\0';
				sb_adds(out, mask_phone(buf, m, PHONE_MAX));
				p += n;
				continue;
			}
		}
		/* A run of digits is one token: never matched inside. */
		n = is_digit((unsigned char)*p) ? digit_run(p) : 1;
		sb_addn(out, p, n);
		p += n;
	}
}

/*
 * seen_before tells whether the same message for field i was printed
 * for an earlier row, and counts this row for it.
 */
static int
seen_before(struct batch *b, size_t i, const char *text)
{
	struct batch_seen *s;
	unsigned long line = recin_line(b->in);
	size_t k;

	for (k = 0; k < b->nseen; k++) {
		s = &b->seen[k];
		if (s->field == i && strcmp(s->text, text) == 0) {
			s->count++;
			s->last = line;
			return 1;
		}
	}
	if (b->nseen == BATCH_SEEN_MAX)
		return 0;
	if ((b->nseen & (b->nseen - 1)) == 0)
		b->seen = ereallocarray(b->seen, b->nseen ? b->nseen * 2 : 1,
		    sizeof *b->seen);
	s = &b->seen[b->nseen++];
	s->field = i;
	s->text = estrdup(text);
	s->count = 1;
	s->first = s->last = line;
	return 0;
}

/* The problems met in more than one row, summed up. */
static void
seen_summary(struct batch *b)
{
	struct batch_seen *s;
	size_t k;

	for (k = 0; k < b->nseen; k++) {
		s = &b->seen[k];
		if (s->count > 1)
			recin_at(b->in, 0, 0, 0, _("field \"%s\": the same "
			    "for %lu rows (lines %lu-%lu): %s"),
			    recin_header(b->in, s->field), s->count, s->first,
			    s->last, s->text);
		free(s->text);
	}
	free(b->seen);
	b->seen = NULL;
	b->nseen = 0;
}

/*
 * check_zeros warns about identity numbers that end in 000: what
 * Excel leaves of one it took for a number.  The first of a column is
 * warned about where it is, the others counted for zeros_summary.
 */
static void
check_zeros(struct batch *b)
{
	const char *v;
	struct batch_seen *z;
	size_t i, n = b->def->nfields;

	for (i = 0; i < n; i++) {
		if (b->def->pii == NULL || b->def->pii[i] != BATCH_PII_IDNUM ||
		    (v = recin_get(b->in, i)) == NULL || !recin_excel_zeros(v))
			continue;
		if (b->zeros == NULL)
			b->zeros = ecalloc(n, sizeof *b->zeros);
		z = &b->zeros[i];
		if (z->count++ == 0) {
			z->first = recin_line(b->in);
			recin_at(b->in, 1, recin_line(b->in), recin_col(b->in,
			    i), _("field \"%s\": ends in 000, as an identity "
			    "number does that went through Excel as a number "
			    "(it keeps 15 digits), even when its check "
			    "character fits; check it against the identity "
			    "card"), recin_header(b->in, i));
		}
		z->last = recin_line(b->in);
	}
}

static void
zeros_summary(struct batch *b)
{
	size_t i;

	for (i = 0; b->zeros != NULL && i < b->def->nfields; i++)
		if (b->zeros[i].count > 1)
			recin_at(b->in, 1, 0, 0, _("field \"%s\": %lu identity "
			    "numbers end in 000 (lines %lu-%lu); Excel may "
			    "have changed their last digits"),
			    recin_header(b->in, i), b->zeros[i].count,
			    b->zeros[i].first, b->zeros[i].last);
	free(b->zeros);
	b->zeros = NULL;
}

void
batch_vbad(struct batch *b, size_t i, const char *fmt, va_list ap)
{
	struct sb msg = SB_INIT, shown = SB_INIT, head = SB_INIT;
	const char *text = NULL, *header = recin_header(b->in, i);

	sb_vaddf(&msg, fmt, ap);
	text = msg.buf;
	if (!b->opts->reveal) {
		batch_mask(&shown, msg.buf, 0);
		batch_mask(&head, header, 1);
		text = shown.buf;
		header = head.buf;
	}
	b->row_bad = 1;
	if (b->reasons.len > 0)
		sb_adds(&b->reasons, "; ");
	sb_addf(&b->reasons, "%s: %s", header, text);
	if (!b->quiet && !seen_before(b, i, text))
		recin_at(b->in, 0, recin_line(b->in), recin_col(b->in, i),
		    _("field \"%s\": %s"), header, text);
	sb_release(&msg);
	sb_release(&shown);
	sb_release(&head);
}

void
batch_bad(struct batch *b, size_t i, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	batch_vbad(b, i, fmt, ap);
	va_end(ap);
}

const char *
batch_get(const struct batch *b, size_t i)
{
	return recin_get(b->in, i);
}

long long *
batch_tally(struct batch *b)
{
	return &b->tally;
}

struct recin *
batch_in(const struct batch *b)
{
	return b->in;
}

struct db *
batch_db(const struct batch *b)
{
	return b->db;
}

const char *
batch_name(const struct batch *b)
{
	return recin_name(b->in);
}

int
batch_reveal(const struct batch *b)
{
	return b->opts->reveal;
}

const struct batch_stats *
batch_stats(const struct batch *b)
{
	return &b->stats;
}

/* Start the rejects file under a temporary name beside its own. */
static int
rejects_open(struct batch *b)
{
	const char *path = b->opts->rejects;
	struct stat st;
	size_t i, n = b->def->nfields;
	int fd, e;

	/* Said before any work; link() says it again at the end if the
	 * name was taken meanwhile. */
	if (lstat(path, &st) == 0) {
		diag_error(_("%s exists already; give --rejects a new file "
		    "name"),
		    path);
		return GK_CANTCREAT;
	}
	if ((fd = util_tmp_beside(path, &b->tmp)) == -1 ||
	    (b->rejects_fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		diag_error(_("cannot create %s: %s"), path, strerror(e));
		if (fd != -1) {
			close(fd);
			unlink(b->tmp);
		}
		free(b->tmp);
		b->tmp = NULL;
		return GK_CANTCREAT;
	}
	b->cols = ecalloc(n + 2, sizeof *b->cols);
	b->shown = ecalloc(n + 2, sizeof *b->shown);
	b->cols[0].name = "line";
	b->cols[0].type = RC_INT;
	for (i = 0; i < n; i++) {
		b->cols[i + 1].name = b->def->fields[i].name;
		b->cols[i + 1].type = RC_STR;
	}
	b->cols[n + 1].name = "reason";
	b->cols[n + 1].type = RC_STR;
	for (i = 0; i < n + 2; i++)
		sb_init(&b->shown[i]);
	b->rejects = recout_new(b->rejects_fp, RECOUT_CSV, b->opts->excel,
	    b->cols, n + 2);
	return GK_OK;
}

/* Write the current row, masked unless revealed, with its reasons. */
static int
reject(struct batch *b)
{
	const char **v, *s;
	size_t i, n = b->def->nfields;
	enum batch_pii pii;
	int rc;

	v = ecalloc(n + 2, sizeof *v);
	sb_reset(&b->shown[0]);
	sb_addf(&b->shown[0], "%lu", recin_line(b->in));
	v[0] = b->shown[0].buf;
	for (i = 0; i < n; i++) {
		v[i + 1] = s = recin_get(b->in, i);
		if (s == NULL || b->opts->reveal)
			continue;
		pii = b->def->pii ? b->def->pii[i] : BATCH_PII_NONE;
		sb_reset(&b->shown[i + 1]);
		if (pii == BATCH_PII_IDNUM) {
			sb_grow(&b->shown[i + 1], strlen(s) + IDNUM_MASKED_MAX);
			idnum_mask(s, b->shown[i + 1].buf, strlen(s) +
			    IDNUM_MASKED_MAX);
		} else if (pii == BATCH_PII_PHONE) {
			sb_grow(&b->shown[i + 1], PHONE_MAX);
			mask_phone(s, b->shown[i + 1].buf, PHONE_MAX);
		} else
			batch_mask(&b->shown[i + 1], s, 1);
		v[i + 1] = b->shown[i + 1].buf;
	}
	v[n + 1] = b->reasons.buf;
	rc = recout_row(b->rejects, v);
	free(v);
	return rc;
}

/* Close the rejects file; GK_OK or GK_IOERR after reporting. */
static int
rejects_close(struct batch *b)
{
	int rc = GK_OK;

	if (b->rejects != NULL)
		rc = recout_finish(b->rejects);
	b->rejects = NULL;
	if (b->rejects_fp != NULL && fclose(b->rejects_fp) != 0 &&
	    rc == GK_OK) {
		diag_error(_("cannot write %s: %s"), b->opts->rejects,
		    strerror(errno));
		rc = GK_IOERR;
	}
	b->rejects_fp = NULL;
	return rc;
}

/* Give the written rejects file its name, never over another file. */
static int
rejects_publish(struct batch *b)
{
	const char *path = b->opts->rejects;
	int e;

	if (link(b->tmp, path) == 0)
		return GK_OK;
	e = errno;
#ifdef RENAME_NOREPLACE
	/* A file system without hard links may still rename safely. */
	if (e != EEXIST) {
		if (renameat2(AT_FDCWD, b->tmp, AT_FDCWD, path,
		    RENAME_NOREPLACE) == 0)
			return GK_OK;
		e = errno;
	}
#endif
	if (e == EEXIST)
		diag_error(_("%s exists already: it was created while the "
		    "batch ran; the rejected rows are not written to it"),
		    path);
	else
		diag_error(_("cannot create %s: %s"), path, strerror(e));
	return GK_CANTCREAT;
}

/* Remove the temporary name, whatever became of the file. */
static void
rejects_release(struct batch *b, size_t n)
{
	size_t i;

	rejects_close(b);
	if (b->tmp != NULL)
		unlink(b->tmp);
	free(b->tmp);
	b->tmp = NULL;
	if (b->shown != NULL)
		for (i = 0; i < n + 2; i++)
			sb_release(&b->shown[i]);
	free(b->shown);
	free(b->cols);
}

int
batch_run(struct db *db, const char *path, const struct recin_opts *in,
    const struct batch_def *def, const struct batch_opts *opts, void *arg,
    struct batch_stats *stats)
{
	struct batch b;
	struct sb detail = SB_INIT, what = SB_INIT;
	unsigned long errors0 = diag_errors();
	/* Progress for a person watching, never under cron or in a pipe. */
	int progress = isatty(STDERR_FILENO) && diag_level() >= DIAG_NORMAL;
	int rc, r, committed = 0, published = 0;

	memset(&b, 0, sizeof b);
	sb_init(&b.reasons);
	b.db = db;
	b.def = def;
	b.opts = opts;
	if ((rc = recin_open(&b.in, path, in)) != GK_OK)
		goto done;
	if ((rc = recin_bind(b.in, def->fields, def->nfields)) != GK_OK)
		goto done;
	/* A dry run writes no file either. */
	if (opts->rejects != NULL && db_dry_run(db))
		diag_info(_("dry run: no rejects file written"));
	else if (opts->rejects != NULL && (rc = rejects_open(&b)) != GK_OK)
		goto done;
	/* The messages and the output may show personal data in the
	 * clear: recorded first, in a transaction of its own, so it stays
	 * recorded whatever becomes of the batch. */
	if (opts->reveal) {
		phrase_add(&what, PHRASE_REVEAL_BATCH, def->verb);
		if ((rc = audit_reveal(db, recin_name(b.in), what.buf)) !=
		    GK_OK)
			goto done;
	}
	if ((rc = db_begin(db)) != GK_OK)
		goto done;
	if (def->start != NULL && (rc = def->start(&b, arg)) != GK_OK)
		goto done;

	while ((r = recin_next(b.in)) != 0) {
		if (r < 0) {
			rc = -r;
			break;
		}
		b.stats.rows++;
		if (progress && b.stats.rows % 65536 == 0) {
			fputc('\r', stderr);
			fprintf(stderr, _("%s: %s: %lu rows..."),
			    diag_prog(), _(def->noun), b.stats.rows);
		}
		sb_reset(&b.reasons);
		b.row_bad = 0;
		if (r == 1)
			check_zeros(&b);
		if (r == 2) {
			sb_addf(&b.reasons, _("malformed row: see the message "
			    "for line %lu"), recin_line(b.in));
			r = BATCH_BAD;
		} else if ((r = def->row(&b, arg)) < 0) {
			rc = -r;
			break;
		}
		if (r != BATCH_BAD && b.row_bad && opts->keep_going) {
			/* Kept and reported: a bug in the importer. */
			diag_error(_("%s: line %lu was taken though it is "
			    "bad; internal error"), recin_name(b.in),
			    recin_line(b.in));
			rc = GK_SOFTWARE;
			break;
		}
		if (r == BATCH_ADDED && !b.row_bad)
			b.stats.added++;
		else if (r == BATCH_UPDATED && !b.row_bad)
			b.stats.updated++;
		else if (r == BATCH_UNCHANGED && !b.row_bad)
			b.stats.unchanged++;
		else if (r == BATCH_TALLIED && !b.row_bad)
			b.tallied++;
		else {
			b.stats.bad++;
			if (b.rejects != NULL && (rc = reject(&b)) != GK_OK)
				break;
			if (b.stats.bad >= (unsigned long)opts->max_errors &&
			    !b.quiet) {
				if (!opts->keep_going) {
					diag_error(ngettext("%s: stopping "
					    "after %lu bad row (--max-errors "
					    "%lld)",
					    "%s: stopping after %lu bad rows "
					    "(--max-errors %lld)", b.stats.bad),
					    recin_name(b.in), b.stats.bad,
					    opts->max_errors);
					break;
				}
				diag_error(ngettext("%s: %lu row rejected; "
				    "not reporting more (--max-errors %lld)%s",
				    "%s: %lu rows rejected; not reporting more "
				    "(--max-errors %lld)%s", b.stats.bad),
				    recin_name(b.in), b.stats.bad,
				    opts->max_errors, opts->rejects ?
				    _("; all are in the rejects file") : "");
				b.quiet = 1;
			}
		}
	}
	if (progress && b.stats.rows >= 65536)
		fputs("\r\033[K", stderr);
	/* The rows whose statements were sent ahead, counted. */
	if (rc == GK_OK)
		rc = db_flush(db);
	b.stats.added += (unsigned long)b.tally;
	b.stats.unchanged += b.tallied - (unsigned long)b.tally;
	seen_summary(&b);
	zeros_summary(&b);
	if (rc == GK_OK && !opts->keep_going && (b.stats.bad > 0 ||
	    diag_errors() > errors0)) {
		diag_error(ngettext("%s: %lu bad row; %s",
		    "%s: %lu bad rows; %s",
		    b.stats.bad), recin_name(b.in), b.stats.bad,
		    _(def->nothing));
		rc = GK_DATAERR;
	}
	if (rc == GK_OK && def->end != NULL)
		rc = def->end(&b, arg);
	/* Written out before the commit: a full disk fails the batch. */
	if (rc == GK_OK)
		rc = rejects_close(&b);
	if (rc != GK_OK)
		goto done;
	if (opts->keep_going)
		phrase_addn(&detail, PHRASE_ROWS_REJECTED, b.stats.rows,
		    b.stats.rows, b.stats.added, b.stats.updated,
		    b.stats.unchanged, b.stats.bad);
	else
		phrase_addn(&detail, PHRASE_ROWS, b.stats.rows, b.stats.rows,
		    b.stats.added, b.stats.updated, b.stats.unchanged);
	/* A batch that changed nothing leaves nothing in the log. */
	if (b.stats.added + b.stats.updated > 0)
		rc = audit_commit(db, def->verb, recin_name(b.in), detail.buf);
	else
		rc = db_commit(db);
	if (rc != GK_OK)
		goto done;
	committed = !db_dry_run(db);
	if (committed && b.tmp != NULL && b.stats.bad > 0) {
		rc = rejects_publish(&b);
		published = rc == GK_OK;
	}
	/* A change was said by its audit row; a batch that changed
	 * nothing is said here. */
	if (b.stats.added + b.stats.updated == 0 && def->all_there != NULL &&
	    b.stats.unchanged == 1 && b.stats.bad == 0)
		diag_note(_("%s: its one row is there already; nothing "
		    "changed"),
		    recin_name(b.in));
	else if (b.stats.added + b.stats.updated == 0 &&
	    def->all_there != NULL && b.stats.unchanged > 0 &&
	    b.stats.bad == 0)
		diag_note(_("%s: all %lu %s already; nothing changed"),
		    recin_name(b.in), b.stats.unchanged, _(def->all_there));
	else if (b.stats.added + b.stats.updated == 0)
		diag_info(ngettext("%s: %lu row: %lu added, %lu updated, %lu "
		    "unchanged, %lu rejected%s", "%s: %lu rows: %lu added, %lu "
		    "updated, %lu unchanged, %lu rejected%s", b.stats.rows),
		    recin_name(b.in), b.stats.rows, b.stats.added,
		    b.stats.updated, b.stats.unchanged, b.stats.bad,
		    db_dry_run(db) ? _(" (dry run: nothing written)") : "");
	if (b.stats.bad > 0) {
		if (published)
			diag_note(ngettext("%s: %lu row rejected, written to "
			    "%s",
			    "%s: %lu rows rejected, written to %s",
			    b.stats.bad), recin_name(b.in), b.stats.bad,
			    opts->rejects);
		else
			diag_note(ngettext("%s: %lu row rejected",
			    "%s: %lu rows rejected", b.stats.bad),
			    recin_name(b.in), b.stats.bad);
		rc = gk_worst(rc, GK_FINDINGS);
	}
	/* What was kept is promised: the output for it comes last, and
	 * its failure is the command's. */
	if (committed && def->committed != NULL)
		rc = gk_worst(rc, def->committed(&b, arg));
done:
	seen_summary(&b);
	zeros_summary(&b);
	if (!committed)
		db_rollback(db);
	rejects_release(&b, def->nfields);
	*stats = b.stats;
	sb_release(&detail);
	sb_release(&what);
	sb_release(&b.reasons);
	recin_close(b.in);
	return rc;
}
