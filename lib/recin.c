/*
 * recin.c - records in: CSV, TSV and JSON Lines, streamed.
 *
 * The input is read in 64 KiB blocks into one buffer and parsed in
 * place: a record's cells are NUL-terminated where they lie, quoted
 * cells unescaped by shifting their bytes left inside their own span,
 * so a record costs no allocation and no copy of unquoted text.  When
 * a record runs past the end of the buffer, the record is moved to the
 * front and the scanner resumes from saved state; the buffer only
 * grows when one record does not fit, so memory follows the longest
 * record, never the file.  Other encodings are transcoded by iconv
 * from a second fixed block into the same buffer.
 *
 * The scanners look at each byte through a class table; only
 * delimiters, line ends, quotes, NUL and bytes of multibyte characters
 * stop the inner loops.  A multibyte character is validated where it
 * stops them, which also keeps the character count needed for
 * columns in messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "diag.h"
#include "i18n.h"
#include "recin.h"
#include "status.h"
#include "util.h"
#include "xlsx.h"

#define RECIN_BUFSZ	65536		/* read block and first buffer size */
#define RECIN_MAXREC	(64UL << 20)	/* longest record accepted */
#define RECIN_MAXXLSX	(512UL << 20)	/* largest workbook read */
#define RECIN_MAXFRAME	30		/* lines looked at for the header */
#define RECIN_JKEYS	512		/* JSON key cache slots (power of 2) */
#define RECIN_JKEYMAX	256		/* JSON keys remembered at most */
#define RECIN_NONE	SIZE_MAX	/* no value in voff/koff */

enum { FMT_UNKNOWN, FMT_CSV, FMT_TSV, FMT_JSONL, FMT_XLSX };

/* Scanner states, saved when a record runs past the buffered data. */
enum {
	ST_REC,		/* between records */
	ST_FIELD,	/* at the start of a cell */
	ST_UNQ,		/* in an unquoted cell (or after a closing quote) */
	ST_QUO,		/* in a quoted cell */
	ST_QEND,	/* just after a quote inside a quoted cell */
	ST_JL		/* in a JSON line */
};

/* Scanner results besides -status. */
enum { SCAN_EOF = 0, SCAN_REC = 1, SCAN_MORE = 3 };

/* fill() result for a byte sequence iconv rejected (not yet reported). */
#define FILL_DECERR	(-1)

/* Byte classes in the scanner tables; 0 is ordinary text. */
enum { C_TEXT, C_DELIM, C_QUOTE, C_LF, C_CR, C_NUL, C_HIGH };

struct recin_cell {
	size_t off;		/* value start, from the record start */
	size_t len;		/* value length in bytes */
	unsigned long line;	/* line the cell starts on */
	unsigned long col;	/* character column the cell starts at */
};

struct recin_alias {
	char *norm;		/* normalised name or alias (free()) */
	size_t field;		/* index into the bind array */
};

struct recin_jkey {
	char *key;		/* JSON key as written; NULL: free slot */
	long field;		/* bound field, or -1: ignored */
};

struct recin {
	char *name;		/* file name for messages ("-": stdin) */
	struct xlsx *xl;	/* the workbook, for FMT_XLSX */
	char *sheet;		/* the sheet asked for, or NULL */
	unsigned long skip;	/* lines passed over before the header */
	int footer;		/* a footer line was met below the table */
	int fd;			/* input */
	int ownfd;		/* fd is ours to close */
	int fmt;		/* FMT_* */
	int quoting;		/* CSV quotes are special */
	unsigned char delim;	/* ',' or '\t' */
	unsigned char unq[256];	/* classes outside quotes (JSON: lines) */
	unsigned char quo[256];	/* classes inside quotes */

	iconv_t cd;		/* transcoder to UTF-8, or (iconv_t)-1 */
	char *enc;		/* its source encoding, for messages */
	char *raw;		/* RECIN_BUFSZ bytes not yet transcoded */
	size_t rawlen;		/* bytes in raw */
	int rdeof;		/* read() has returned 0 (transcoding) */
	int decerr;		/* 1: iconv rejected decbyte; 2: truncated */
	unsigned char decbyte;	/* first byte iconv rejected */

	char *buf;		/* UTF-8 text; cap + 1 bytes (sentinel) */
	size_t cap;		/* capacity before the sentinel byte */
	size_t end;		/* bytes of text; buf[end] is NUL */
	size_t pos;		/* next byte to scan */
	size_t rs;		/* start of the current record */
	size_t dst;		/* where the current cell's next byte goes */
	size_t ls;		/* start of the current physical line */
	size_t cont;		/* UTF-8 continuation bytes in ls..pos */
	size_t jlen;		/* length of the current JSON line */
	int st;			/* ST_* */
	int skiplf;		/* a CR ended the last line: skip one LF */
	int eof;		/* no text will follow buf[end] */
	int started;		/* BOM and encoding looked at */
	int utf16;		/* UTF-16 with a BOM: Excel "Unicode Text" */
	int fatal;		/* status of a fatal error, or 0 */
	int have;		/* a record is current */
	unsigned long line;	/* physical line at pos */
	unsigned long recline;	/* line the current record starts on */

	struct recin_cell *cells; /* cells of the current record */
	size_t ncells;		/* cells in use */
	size_t cellcap;		/* cells allocated */

	const struct recin_field *fields; /* the bind array (caller's) */
	size_t nfields;		/* its length */
	int bound;		/* recin_bind was called */
	struct recin_alias *alias; /* normalised names of all fields */
	size_t nalias;		/* entries in alias */
	long *colof;		/* header column of each field, or -1 */
	size_t ncols;		/* cells in the header */
	struct sb hdr;		/* header cells as written, NUL-ended */
	size_t *hdroff;		/* offset in hdr of each header cell */
	const char **val;	/* value of each field, or NULL */

	struct sb vals;		/* JSON: values and keys of the record */
	size_t *voff;		/* JSON: offset in vals of each value */
	size_t *koff;		/* JSON: offset in vals of each key */
	const char **kname;	/* JSON: key each field came from */
	struct recin_jkey *jkeys; /* JSON: key cache, RECIN_JKEYS slots */
	size_t njkeys;		/* keys in the cache */
};

void
recin_vat(const struct recin *r, int warn, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
{
	struct sb place = SB_INIT;

	if (r->xl == NULL) {
		diag_vat(warn, r->name, line, col, fmt, ap);
		return;
	}
	xlsx_place(&place, r->name, xlsx_sheet(r->xl), line, col);
	diag_vat(warn, place.buf, 0, 0, fmt, ap);
	sb_release(&place);
}

void
recin_at(const struct recin *r, int warn, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	recin_vat(r, warn, line, col, fmt, ap);
	va_end(ap);
}

/* Messages about a place in the input: an error, or a warning. */
#define rat recin_at

#define gb_hint _("if the file is GB18030 or GBK (Excel and WPS in " \
    "Chinese Windows save so), try --encoding gb18030")

/*
 * u8_seq returns the length of the valid UTF-8 sequence starting with
 * the byte >= 0x80 at p, 0 if it is invalid, or -1 when e cuts it
 * short (more input may complete it).
 */
static inline int
u8_seq(const unsigned char *p, const unsigned char *e)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t avail = (size_t)(e - p);
	int n, i;

	if (c < 0xC2)
		return 0;
	else if (c < 0xE0)
		n = 2;
	else if (c < 0xF0) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c < 0xF5) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (avail < 2)
		return -1;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++) {
		if (avail <= (size_t)i)
			return -1;
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	}
	return n;
}

/*
 * The characters trimmed from values and header cells: ASCII white
 * space, U+00A0, U+3000, U+FEFF, U+200B-U+200D and U+2060.  blank_head
 * returns the length of one at p, blank_tail of one ending at e.
 */
static inline size_t
blank_head(const unsigned char *p, const unsigned char *e)
{
	size_t n = (size_t)(e - p);

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r');
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n < 3)
		return 0;
	if ((p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
	    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	    (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x8B && p[2] <= 0x8D) ||
	    (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0))
		return 3;
	return 0;
}

static inline size_t
blank_tail(const unsigned char *s, const unsigned char *e)
{
	size_t n = (size_t)(e - s);

	if (n == 0)
		return 0;
	if (e[-1] < 0x80)
		return e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r');
	if (n >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
		return 2;
	if (n >= 3 && blank_head(e - 3, e) == 3)
		return 3;
	return 0;
}

/* trim cuts blanks off both ends of s (len bytes, in place) and
 * NUL-terminates it; returns the new start. */
static char *
trim(char *s, size_t len)
{
	unsigned char *p = (unsigned char *)s, *e = p + len;
	size_t n;

	while ((n = blank_head(p, e)) > 0)
		p += n;
	while ((n = blank_tail(p, e)) > 0)
		e -= n;
	*e = '\0';
	return (char *)p;
}

/*
 * norm_name returns s (len bytes of UTF-8) in the form names are
 * compared in: blanks and a leading '*' (or full-width '＊', the
 * required-column mark of Excel templates) cut off, then NFKC case
 * folded, then every blank left inside taken out.  The result is
 * malloc'd (free()), or NULL when nothing is left.
 */
static char *
norm_name(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	char *copy, *out;
	size_t n;

	while ((n = blank_head(p, e)) > 0)
		p += n;
	while ((n = blank_tail(p, e)) > 0)
		e -= n;
	if (p < e && *p == '*')
		p++;
	else if (e - p >= 3 && memcmp(p, "\xEF\xBC\x8A", 3) == 0)
		p += 3;
	while ((n = blank_head(p, e)) > 0)
		p += n;
	if (p == e)
		return NULL;
	copy = estrndup((const char *)p, (size_t)(e - p));
	out = (char *)utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)copy);
	if (out == NULL)	/* not UTF-8 (a bad alias): compare as is */
		return copy;
	free(copy);
	/* Blanks inside are no part of a name: forms space out short
	 * headers ("姓　名") and break long ones in the cell ("身份证号
	 * (18位)" on two lines); NFKC made the wide spaces ASCII. */
	for (p = (const unsigned char *)out, copy = out; *p != '\0'; p++)
		if (*p != ' ' && (*p < '\t' || *p > '\r'))
			*copy++ = (char)*p;
	*copy = '\0';
	if (*out == '\0') {	/* only ignorable characters */
		free(out);
		return NULL;
	}
	return out;
}

/* alias_of returns the index of the alias a normalised name is, or -1. */
static long
alias_of(const struct recin *r, const char *norm)
{
	size_t i;

	for (i = 0; i < r->nalias; i++)
		if (strcmp(r->alias[i].norm, norm) == 0)
			return (long)i;
	return -1;
}

/*
 * match_alias finds the alias a header names: as written, or else
 * without a unit or note in brackets at its end ("户数（户）",
 * "身份证号(18位)"), which spreadsheets add.  Returns the alias index
 * (its priority: a field's own name first, then its aliases in order),
 * or -1.
 */
static long
match_alias(const struct recin *r, const char *norm)
{
	size_t len = strlen(norm);
	char *cut;
	long a;

	if ((a = alias_of(r, norm)) >= 0 || len < 2 || norm[len - 1] != ')')
		return a;
	/* NFKC folding made full-width brackets ASCII. */
	cut = estrndup(norm, len);
	while (len > 0 && cut[len - 1] != '(')
		len--;
	if (len > 1) {
		cut[len - 1] = '\0';
		while (len > 1 && cut[len - 2] == ' ')
			cut[--len - 1] = '\0';
		a = alias_of(r, cut);
	}
	free(cut);
	return a;
}

/* match returns the field a normalised name stands for, or -1. */
static long
match(const struct recin *r, const char *norm)
{
	long a = match_alias(r, norm);

	return a < 0 ? -1 : (long)r->alias[a].field;
}

static void
set_tables(struct recin *r)
{
	int c;

	memset(r->unq, C_TEXT, sizeof r->unq);
	memset(r->quo, C_TEXT, sizeof r->quo);
	for (c = 0x80; c < 256; c++)
		r->unq[c] = r->quo[c] = C_HIGH;
	r->unq[0] = r->quo[0] = C_NUL;
	r->unq['\n'] = r->quo['\n'] = C_LF;
	if (r->fmt == FMT_JSONL)
		return;
	r->delim = r->fmt == FMT_TSV ? '\t' : ',';
	/* Excel's "Unicode Text" (UTF-16 with a BOM) quotes tab-separated
	 * cells that hold tabs, line breaks or quotes; plain TSV does not. */
	r->quoting = r->fmt == FMT_CSV || (r->fmt == FMT_TSV && r->utf16);
	r->unq['\r'] = C_CR;
	r->unq[r->delim] = C_DELIM;
	r->quo['"'] = C_QUOTE;
}

/* Character column of buffer offset off in the current line. */
static unsigned long
col_at(const struct recin *r, size_t off)
{
	if (r->st == ST_REC)
		return 1;
	return (unsigned long)(off - r->ls - r->cont + 1);
}

/*
 * grow makes room for at least a quarter block after the text, moving
 * the part still needed to the front first.  Returns 0 or -status.
 */
static int
grow(struct recin *r)
{
	size_t keep = r->st == ST_REC ? r->pos : r->rs;
	size_t ncap;

	if (keep > 0) {
		memmove(r->buf, r->buf + keep, r->end - keep);
		r->end -= keep;
		r->pos -= keep;
		if (r->st == ST_REC)
			r->rs = r->ls = r->dst = r->pos;
		else {
			r->rs -= keep;
			r->ls -= keep;
			r->dst -= keep;
		}
		r->buf[r->end] = '\0';
	}
	if (r->cap - r->end >= RECIN_BUFSZ / 4)
		return 0;
	ncap = r->cap * 2;
	if (ncap > RECIN_MAXREC) {
		if (r->st == ST_QUO && r->ncells > 0)
			rat(r, 0, r->cells[r->ncells - 1].line,
			    r->cells[r->ncells - 1].col, _("quoted field runs "
			    "on for more than %lu MiB; is its closing quote "
			    "missing?"), RECIN_MAXREC >> 20);
		else
			rat(r, 0, r->recline, 0, _("record longer than "
			    "%lu MiB"), RECIN_MAXREC >> 20);
		return -GK_DATAERR;
	}
	r->buf = erealloc(r->buf, ncap + 1);
	r->cap = ncap;
	return 0;
}

static ssize_t
read_some(struct recin *r, char *p, size_t n)
{
	char q[DIAG_QUOTE_MAX];
	ssize_t got;

	do
		got = read(r->fd, p, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		diag_error(_("cannot read %s: %s"), diag_quote(q, sizeof q,
		    r->name), strerror(errno));
	return got;
}

/*
 * fill appends text to the buffer.  Returns the bytes added, 0 at the
 * end of the input, FILL_DECERR when iconv rejected the input there
 * (reported by the caller, who knows the line), or -status.
 */
static int
fill(struct recin *r)
{
	char *in, *out;
	size_t inleft, outleft, rc, got;
	ssize_t n;
	int e, g;

	if (r->decerr)
		return FILL_DECERR;
	if ((g = grow(r)) < 0)
		return g;
	if (r->cd == (iconv_t)-1) {
		n = read_some(r, r->buf + r->end, r->cap - r->end);
		if (n < 0)
			return -GK_IOERR;
		r->end += (size_t)n;
		r->buf[r->end] = '\0';
		return (int)n;
	}
	for (;;) {
		if (r->rawlen > 0) {
			in = r->raw;
			inleft = r->rawlen;
			out = r->buf + r->end;
			outleft = r->cap - r->end;
			rc = iconv(r->cd, &in, &inleft, &out, &outleft);
			e = errno;
			got = (size_t)(out - (r->buf + r->end));
			r->end += got;
			r->buf[r->end] = '\0';
			memmove(r->raw, in, inleft);
			r->rawlen = inleft;
			if (rc == (size_t)-1 && e == EILSEQ) {
				r->decerr = 1;
				r->decbyte = (unsigned char)r->raw[0];
				return got > 0 ? (int)got : FILL_DECERR;
			}
			if (got > 0)
				return (int)got;
			if (rc == (size_t)-1 && e == E2BIG) {
				diag_error(_("iconv: no room to convert"));
				return -GK_SOFTWARE;
			}
		}
		if (r->rdeof) {
			if (r->rawlen > 0) {
				r->decerr = 2;
				return FILL_DECERR;
			}
			return 0;
		}
		n = read_some(r, r->raw + r->rawlen, RECIN_BUFSZ - r->rawlen);
		if (n < 0)
			return -GK_IOERR;
		if (n == 0)
			r->rdeof = 1;
		r->rawlen += (size_t)n;
	}
}

static int
decode_error(struct recin *r)
{
	if (r->decerr == 1)
		rat(r, 0, r->line, col_at(r, r->pos), _("invalid byte "
		    "0x%02X for encoding \"%s\""), r->decbyte, r->enc);
	else
		rat(r, 0, r->line, col_at(r, r->pos), _("incomplete "
		    "character at the end of the input for encoding \"%s\""),
		    r->enc);
	return -GK_DATAERR;
}

/* Reads until n bytes of text are buffered or the input ends; an
 * iconv error is left for the scanner to meet and report. */
static int
fill_to(struct recin *r, size_t n)
{
	int rc;

	while (r->end - r->pos < n && !r->eof) {
		rc = fill(r);
		if (rc == FILL_DECERR)
			return 0;
		if (rc < 0)
			return rc;
		if (rc == 0)
			r->eof = 1;
	}
	return 0;
}

/*
 * sniff tells by its first bytes what the input is: 1 for a zip
 * package (an .xlsx workbook) to be read as one, 0 for text, or
 * -status after saying what a file is that cannot be read as asked.
 */
static int
sniff(struct recin *r, const unsigned char *b, size_t n)
{
	static const char *const fmtname[] = { "", "CSV", "TSV",
	    "JSON Lines", "" };

	if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0) {
		if (r->fmt == FMT_UNKNOWN || r->fmt == FMT_XLSX)
			return 1;
		rat(r, 0, 0, 0, _("this is an Excel workbook (.xlsx), not %s; "
		    "it is read as a workbook when no input format is "
		    "forced, or save it from Excel as CSV UTF-8"),
		    fmtname[r->fmt]);
		return -GK_DATAERR;
	}
	if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
	    == 0) {
		rat(r, 0, 0, 0, _("this is an old Excel workbook (.xls, Excel "
		    "97-2003) or a password-protected one, which cannot be "
		    "read; open it in Excel or WPS and save it as an Excel "
		    "workbook (.xlsx) without a password, or as CSV UTF-8"));
		return -GK_DATAERR;
	}
	if (r->fmt == FMT_XLSX) {
		rat(r, 0, 0, 0, _("not an Excel workbook (.xlsx): it is not a "
		    "zip package"));
		return -GK_DATAERR;
	}
	if (r->sheet != NULL) {
		rat(r, 0, 0, 0, _("a sheet was asked for, but this is %s, not "
		    "an Excel workbook"), n == 0 ? "empty" : "text");
		return -GK_USAGE;
	}
	return 0;
}

/*
 * open_xlsx reads the whole input, the n bytes at b first, and opens
 * it as a workbook: a zip package is read from its end, so standard
 * input cannot be streamed.  Returns 0 or -status.
 */
static int
open_xlsx(struct recin *r, const unsigned char *b, size_t n)
{
	struct sb all = SB_INIT;
	ssize_t got;
	int rc;

	sb_addn(&all, (const char *)b, n);
	for (;;) {
		if (all.len > RECIN_MAXXLSX) {
			rat(r, 0, 0, 0, _("workbook larger than %lu MiB"),
			    RECIN_MAXXLSX >> 20);
			sb_release(&all);
			return -GK_DATAERR;
		}
		sb_grow(&all, RECIN_BUFSZ);
		got = read_some(r, all.buf + all.len, RECIN_BUFSZ);
		if (got < 0) {
			sb_release(&all);
			return -GK_IOERR;
		}
		if (got == 0)
			break;
		sb_setlen(&all, all.len + (size_t)got);
	}
	/* Text encodings mean nothing to a workbook: its XML says. */
	if (r->cd != (iconv_t)-1) {
		iconv_close(r->cd);
		r->cd = (iconv_t)-1;
	}
	n = all.len;
	if ((rc = xlsx_open(&r->xl, r->name, sb_detach(&all), n,
	    r->sheet)) != GK_OK)
		return -rc;
	r->fmt = FMT_XLSX;
	r->eof = 1;
	return 0;
}

/*
 * bom_beats_encoding: a byte order mark says what the file is,
 * whatever --encoding or the configuration says: a UTF-8 or UTF-16
 * export read as GB18030 would be garbled.  The first bytes are in
 * r->raw, not yet transcoded.  Returns 0 or -status.
 */
static int
bom_beats_encoding(struct recin *r)
{
	const unsigned char *b = (const unsigned char *)r->raw;
	const char *enc = NULL;

	if (r->rawlen >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
		diag_warn(_("%s: the file starts with a UTF-8 byte order "
		    "mark; reading it as UTF-8, not %s"), r->name, r->enc);
		iconv_close(r->cd);
		r->cd = (iconv_t)-1;
		memcpy(r->buf, r->raw, r->rawlen);
		r->end = r->rawlen;
		r->buf[r->end] = '\0';
		r->rawlen = 0;
		return 0;
	}
	if (r->rawlen >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		enc = "UTF-16LE";
	else if (r->rawlen >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		enc = "UTF-16BE";
	if (enc == NULL || util_streq_icase(r->enc, enc))
		return 0;
	diag_warn(_("%s: the file starts with a UTF-16 byte order mark; "
	    "reading it as %s, not %s"), r->name, enc, r->enc);
	iconv_close(r->cd);
	if ((r->cd = iconv_open("UTF-8", enc)) == (iconv_t)-1) {
		diag_error(_("cannot convert from %s: %s"),
		    enc, strerror(errno));
		return -GK_SOFTWARE;
	}
	free(r->enc);
	r->enc = estrdup(enc);
	r->utf16 = 1;
	return 0;
}

/*
 * start looks at the first bytes: a UTF-16 BOM switches to transcoding
 * (unless an encoding was given), and a UTF-8 BOM, written or produced
 * by transcoding, is dropped.
 */
static int
start(struct recin *r)
{
	const unsigned char *b;
	const char *enc;
	ssize_t n;
	int rc;

	r->started = 1;
	/* The first bytes say what the file is, before any transcoding. */
	if (r->cd != (iconv_t)-1) {
		while (r->rawlen < 8 && !r->rdeof) {
			n = read_some(r, r->raw + r->rawlen,
			    RECIN_BUFSZ - r->rawlen);
			if (n < 0)
				return -GK_IOERR;
			r->rdeof = n == 0;
			r->rawlen += (size_t)n;
		}
		b = (const unsigned char *)r->raw;
		if ((rc = sniff(r, b, r->rawlen)) != 0)
			return rc < 0 ? rc : open_xlsx(r, b, r->rawlen);
		if ((rc = bom_beats_encoding(r)) < 0)
			return rc;
	} else {
		if ((rc = fill_to(r, 8)) < 0)
			return rc;
		b = (const unsigned char *)r->buf;
		if ((rc = sniff(r, b, r->end)) != 0)
			return rc < 0 ? rc : open_xlsx(r, b, r->end);
	}
	if ((rc = fill_to(r, 3)) < 0)
		return rc;
	b = (const unsigned char *)r->buf;
	if (r->cd == (iconv_t)-1 && r->end >= 2 &&
	    ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		enc = b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		r->utf16 = 1;
		r->cd = iconv_open("UTF-8", enc);
		if (r->cd == (iconv_t)-1) {
			diag_error(_("cannot convert from %s: %s"), enc,
			    strerror(errno));
			return -GK_SOFTWARE;
		}
		r->enc = estrdup(enc);
		r->raw = emalloc(RECIN_BUFSZ);
		memcpy(r->raw, r->buf, r->end);
		r->rawlen = r->end;
		r->rdeof = r->eof;
		r->eof = 0;
		r->end = 0;
		r->buf[0] = '\0';
		if ((rc = fill_to(r, 3)) < 0)
			return rc;
	}
	if (r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = r->rs = r->ls = r->dst = 3;
	return 0;
}

/*
 * detect recognises the format from the first line: '{' first means
 * JSON Lines; more tabs than commas, TSV; else CSV.
 */
static int
detect(struct recin *r)
{
	size_t i = 0, commas = 0, tabs = 0;
	int seen = 0, rc;
	unsigned char c;

	for (;;) {
		for (; r->pos + i < r->end; i++) {
			c = (unsigned char)r->buf[r->pos + i];
			if (!seen) {
				if (c == ' ' || c == '\r' || c == '\n')
					continue;
				if (c == '{') {
					r->fmt = FMT_JSONL;
					return 0;
				}
				if (c == '[') {
					rat(r, 0, r->line, 0, _("a JSON array; "
					    "give JSON Lines, one object a "
					    "line, as -f jsonl writes"));
					return -GK_DATAERR;
				}
				seen = 1;
			}
			if (c == '\n')
				goto decide;
			if (c == ',')
				commas++;
			else if (c == '\t')
				tabs++;
		}
		if (r->eof)
			break;
		rc = fill(r);
		if (rc == FILL_DECERR)
			break;
		if (rc < 0)
			return rc;
		if (rc == 0)
			r->eof = 1;
	}
decide:
	r->fmt = tabs > commas ? FMT_TSV : FMT_CSV;
	return 0;
}

static inline struct recin_cell *
cell_new(struct recin *r, size_t off)
{
	struct recin_cell *c;

	if (r->ncells == r->cellcap) {
		r->cellcap = r->cellcap ? r->cellcap * 2 : 32;
		r->cells = ereallocarray(r->cells, r->cellcap,
		    sizeof *r->cells);
	}
	c = &r->cells[r->ncells++];
	c->off = off - r->rs;
	c->len = 0;
	c->line = r->line;
	c->col = (unsigned long)(off - r->ls - r->cont + 1);
	return c;
}

static inline void
cell_end(struct recin *r, unsigned char *b, unsigned char *d)
{
	struct recin_cell *c = &r->cells[r->ncells - 1];

	c->len = (size_t)(d - (b + r->rs + c->off));
	*d = '\0';
}

/*
 * csv_scan scans CSV or TSV from the saved state to the end of a
 * record.  Returns SCAN_REC with the cells in r->cells, SCAN_EOF,
 * SCAN_MORE when it needs more text (state saved), or -status.
 */
static int
csv_scan(struct recin *r)
{
	const unsigned char *unq = r->unq, *quo = r->quo;
	unsigned char *b = (unsigned char *)r->buf;
	unsigned char *p = b + r->pos, *e = b + r->end, *d = b + r->dst;
	struct recin_cell *c;
	int n;

	switch (r->st) {
	case ST_FIELD:
		goto field;
	case ST_UNQ:
		goto unq;
	case ST_QUO:
		goto quo;
	case ST_QEND:
		goto qend;
	default:
		break;
	}
	for (;;) {
		if (p == e) {
			if (!r->eof)
				goto more;
			r->pos = (size_t)(p - b);
			return SCAN_EOF;
		}
		if (*p == '\n') {
			if (!r->skiplf)
				r->line++;
			r->skiplf = 0;
			p++;
			continue;
		}
		r->skiplf = 0;
		if (*p != '\r')
			break;
		r->line++;
		r->skiplf = 1;
		p++;
	}
	r->rs = r->ls = (size_t)(p - b);
	r->cont = 0;
	r->recline = r->line;
	r->ncells = 0;

field:
	r->st = ST_FIELD;
	if (p == e && !r->eof)
		goto more;
	c = cell_new(r, (size_t)(p - b));
	d = p;
	if (*p == '"' && r->quoting) {
		c->off++;
		d = ++p;
		goto quo;
	}

unq:
	r->st = ST_UNQ;
	for (;;) {
		if (d == p) {
			while (!unq[*p])
				p++;
			d = p;
		} else {
			while (!unq[*p])
				*d++ = *p++;
		}
		if (p == e) {
			if (!r->eof)
				goto more;
			cell_end(r, b, d);
			goto done;
		}
		switch (unq[*p]) {
		case C_DELIM:
			cell_end(r, b, d);
			p++;
			goto field;
		case C_LF:
		case C_CR:
			goto eol;
		case C_NUL:
			goto nul;
		default:
			n = u8_seq(p, e);
			if (n < 0 && !r->eof)
				goto more;
			if (n <= 0)
				goto badutf8;
			r->cont += (size_t)n - 1;
			if (d != p)
				memmove(d, p, (size_t)n);
			d += n;
			p += n;
		}
	}

quo:
	r->st = ST_QUO;
	for (;;) {
		if (d == p) {
			while (!quo[*p])
				p++;
			d = p;
		} else {
			while (!quo[*p])
				*d++ = *p++;
		}
		if (p == e) {
			if (!r->eof)
				goto more;
			c = &r->cells[r->ncells - 1];
			rat(r, 0, c->line, c->col, _("quoted field is not "
			    "closed before the end of the input"));
			return -GK_DATAERR;
		}
		switch (quo[*p]) {
		case C_QUOTE:
			p++;
			goto qend;
		case C_LF:
			*d++ = *p++;
			r->line++;
			r->ls = (size_t)(p - b);
			r->cont = 0;
			break;
		case C_NUL:
			goto nul;
		default:
			n = u8_seq(p, e);
			if (n < 0 && !r->eof)
				goto more;
			if (n <= 0)
				goto badutf8;
			r->cont += (size_t)n - 1;
			if (d != p)
				memmove(d, p, (size_t)n);
			d += n;
			p += n;
		}
	}

qend:
	r->st = ST_QEND;
	if (p == e) {
		if (!r->eof)
			goto more;
		cell_end(r, b, d);
		goto done;
	}
	if (*p == '"') {
		*d++ = *p++;
		goto quo;
	}
	if (*p == r->delim) {
		cell_end(r, b, d);
		p++;
		goto field;
	}
	if (*p == '\n' || *p == '\r')
		goto eol;
	goto unq;	/* text after the closing quote is kept */

eol:
	r->skiplf = *p == '\r';	/* before cell_end may overwrite it */
	cell_end(r, b, d);
	r->line++;
	p++;
done:
	r->pos = (size_t)(p - b);
	r->st = ST_REC;
	return SCAN_REC;

more:
	r->pos = (size_t)(p - b);
	/* d means something only inside a cell; elsewhere it may be left
	 * over from an earlier record, before the part grow() keeps. */
	r->dst = r->st == ST_REC || r->st == ST_FIELD ? r->pos :
	    (size_t)(d - b);
	return SCAN_MORE;

nul:
	rat(r, 0, r->line, col_at(r, (size_t)(p - b)), _("NUL byte in "
	    "the input; if the file is UTF-16 without a byte order mark, try "
	    "--encoding utf-16le"));
	return -GK_DATAERR;

badutf8:
	rat(r, 0, r->line, col_at(r, (size_t)(p - b)), _("invalid UTF-8 "
	    "byte 0x%02X; %s"), *p, gb_hint);
	return -GK_DATAERR;
}

/* Like csv_scan for JSON Lines: a record is a line that is not blank,
 * [rs, rs + jlen). */
static int
jl_scan(struct recin *r)
{
	unsigned char *b = (unsigned char *)r->buf;
	unsigned char *p = b + r->pos, *e = b + r->end, *q;
	const unsigned char *cls = r->unq;
	int n;

	if (r->st == ST_JL)
		goto line;
next:
	for (;;) {
		if (p == e) {
			if (!r->eof)
				goto more;
			r->pos = (size_t)(p - b);
			return SCAN_EOF;
		}
		if (*p != '\n')
			break;
		r->line++;
		p++;
	}
	r->rs = r->ls = (size_t)(p - b);
	r->cont = 0;
	r->recline = r->line;
	r->st = ST_JL;
line:
	for (;;) {
		while (!cls[*p])
			p++;
		if (p == e) {
			if (!r->eof)
				goto more;
			break;
		}
		if (cls[*p] == C_LF)
			break;
		if (cls[*p] == C_NUL) {
			rat(r, 0, r->line, col_at(r, (size_t)(p - b)),
			    _("NUL byte in the input"));
			return -GK_DATAERR;
		}
		n = u8_seq(p, e);
		if (n < 0 && !r->eof)
			goto more;
		if (n <= 0) {
			rat(r, 0, r->line, col_at(r, (size_t)(p - b)),
			    _("invalid UTF-8 byte 0x%02X; %s"), *p, gb_hint);
			return -GK_DATAERR;
		}
		r->cont += (size_t)n - 1;
		p += n;
	}
	r->jlen = (size_t)(p - b) - r->rs;
	if (p < e) {
		p++;
		r->line++;
	}
	r->st = ST_REC;
	for (q = b + r->rs; q < b + r->rs + r->jlen; q++)
		if (*q != ' ' && *q != '\t' && *q != '\r')
			break;
	if (q == b + r->rs + r->jlen)
		goto next;
	r->pos = (size_t)(p - b);
	return SCAN_REC;

more:
	r->pos = (size_t)(p - b);
	return SCAN_MORE;
}

/*
 * xlsx_scan makes the next row of the workbook the current record: its
 * cells laid in the buffer one after the other, each at its column
 * (empty ones for columns without a cell, up to the header's width),
 * line and column being the row and column in the sheet.
 */
static int
xlsx_scan(struct recin *r)
{
	struct recin_cell *c;
	const char *v;
	size_t n, j, len, total = 0;
	int rc;

	if ((rc = xlsx_next(r->xl)) <= 0)
		return rc < 0 ? rc : SCAN_EOF;
	n = xlsx_ncols(r->xl);
	if (n < r->ncols)
		n = r->ncols;
	for (j = 1; j <= n; j++)
		total += strlen(xlsx_cell(r->xl, j)) + 1;
	if (total > r->cap) {
		r->buf = erealloc(r->buf, total + 1);
		r->cap = total;
	}
	if (n > r->cellcap) {
		r->cellcap = n;
		r->cells = ereallocarray(r->cells, n, sizeof *r->cells);
	}
	r->rs = 0;
	r->recline = r->line = xlsx_row(r->xl);
	total = 0;
	for (j = 0; j < n; j++) {
		v = xlsx_cell(r->xl, j + 1);
		len = strlen(v);
		c = &r->cells[j];
		c->off = total;
		c->len = len;
		c->line = r->recline;
		c->col = (unsigned long)j + 1;
		memcpy(r->buf + total, v, len + 1);
		total += len + 1;
	}
	r->ncells = n;
	r->end = total;
	return SCAN_REC;
}

/* read_record scans the next record, reading as needed.  Returns
 * SCAN_REC, SCAN_EOF or -status (reported). */
static int
read_record(struct recin *r)
{
	int rc;

	for (;;) {
		if (r->fmt == FMT_XLSX)
			rc = xlsx_scan(r);
		else
			rc = r->fmt == FMT_JSONL ? jl_scan(r) : csv_scan(r);
		/* --skip N: records starting on the first N lines. */
		if (rc == SCAN_REC && r->recline <= r->skip)
			continue;
		if (rc != SCAN_MORE)
			return rc;
		rc = fill(r);
		if (rc == FILL_DECERR)
			return decode_error(r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			r->eof = 1;
	}
}

/* cell_blank tells whether a cell holds only blanks (spaces, full-width
 * spaces, zero-width characters). */
static int
cell_blank(const struct recin *r, const struct recin_cell *c)
{
	const unsigned char *p = (const unsigned char *)r->buf + r->rs + c->off;
	const unsigned char *e = p + c->len;
	size_t n;

	while ((n = blank_head(p, e)) > 0)
		p += n;
	return p == e;
}

/* all_empty tells whether every cell of the record is blank: a row
 * Excel writes for formatted but empty cells (",,,"), or one of spaces. */
static int
all_empty(const struct recin *r)
{
	size_t i;

	for (i = 0; i < r->ncells; i++)
		if (r->cells[i].len > 0 && !cell_blank(r, &r->cells[i]))
			return 0;
	return 1;
}

int
recin_open(struct recin **out, const char *path,
    const struct recin_opts *opts)
{
	char q[DIAG_QUOTE_MAX];
	const char *format = opts ? opts->format : NULL;
	const char *enc = opts ? opts->encoding : NULL;
	struct recin *r;
	struct stat st;
	iconv_t cd = (iconv_t)-1;
	int fmt = FMT_UNKNOWN, fd = -1, ownfd = 0, e, rc = GK_OK;

	*out = NULL;
	if (format == NULL)
		fmt = FMT_UNKNOWN;
	else if (strcmp(format, "csv") == 0)
		fmt = FMT_CSV;
	else if (strcmp(format, "tsv") == 0)
		fmt = FMT_TSV;
	else if (strcmp(format, "jsonl") == 0)
		fmt = FMT_JSONL;
	else if (strcmp(format, "xlsx") == 0)
		fmt = FMT_XLSX;
	else {
		diag_error(_("unknown input format %s (expected csv, tsv, "
		    "jsonl or xlsx)"), diag_quote(q, sizeof q, format));
		rc = GK_USAGE;
		goto cleanup;
	}
	if (enc != NULL && !util_streq_icase(enc, "utf-8") &&
	    !util_streq_icase(enc, "utf8")) {
		cd = iconv_open("UTF-8", enc);
		if (cd == (iconv_t)-1) {
			e = errno;
			if (e == EINVAL)
				diag_error(_("unknown encoding %s (iconv -l "
				    "lists the names)"),
				    diag_quote(q, sizeof q, enc));
			else
				diag_error(_("cannot convert from %s: %s"),
				    diag_quote(q, sizeof q, enc), strerror(e));
			rc = GK_USAGE;
			goto cleanup;
		}
	}
	if (path == NULL || strcmp(path, "-") == 0) {
		fd = fileno(stdin);
		/* No file named and nothing piped in: a prompt that does not
		 * say it waits would hang the clerk.  "-" asks for it. */
		if (path == NULL && isatty(fd)) {
			diag_error(_("no input file given, and standard input "
			    "is a terminal (name a file, pipe the rows in, "
			    "or give - to type them)"));
			rc = GK_USAGE;
			goto cleanup;
		}
		path = "-";
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		ownfd = fd >= 0;
		if (fd < 0 || (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))) {
			diag_error(_("cannot open %s: %s"),
			    diag_quote(q, sizeof q,
			    path), fd < 0 ? strerror(errno) : "is a directory");
			rc = GK_NOINPUT;
			goto cleanup;
		}
	}

	r = ecalloc(1, sizeof *r);
	r->name = estrdup(path);
	r->sheet = opts && opts->sheet ? estrdup(opts->sheet) : NULL;
	r->skip = opts ? opts->skip : 0;
	r->fd = fd;
	r->ownfd = ownfd;
	r->fmt = fmt;
	r->cd = cd;
	if (cd != (iconv_t)-1) {
		r->enc = estrdup(enc);
		r->raw = emalloc(RECIN_BUFSZ);
	}
	r->cap = RECIN_BUFSZ;
	r->buf = emalloc(r->cap + 1);
	r->buf[0] = '\0';
	r->line = 1;
	r->st = ST_REC;
	sb_init(&r->hdr);
	sb_init(&r->vals);
	*out = r;

cleanup:
	if (rc != GK_OK) {
		if (ownfd)
			close(fd);
		if (cd != (iconv_t)-1)
			iconv_close(cd);
	}
	return rc;
}

static void
add_alias(struct recin *r, size_t field, const char *name)
{
	char *norm = norm_name(name, strlen(name));

	if (norm == NULL)
		return;
	r->alias = ereallocarray(r->alias, r->nalias + 1, sizeof *r->alias);
	r->alias[r->nalias].norm = norm;
	r->alias[r->nalias].field = field;
	r->nalias++;
}

static void
report_missing(const struct recin *r, size_t i)
{
	const struct recin_field *f = &r->fields[i];
	struct sb also = SB_INIT;
	size_t k;

	for (k = 0; f->aliases != NULL && f->aliases[k] != NULL; k++) {
		sb_adds(&also, k == 0 ? _(" (also accepted: ") : _(", "));
		sb_adds(&also, f->aliases[k]);
	}
	if (also.len > 0)
		sb_addc(&also, ')');
	rat(r, 0, r->recline, 0, _("missing column \"%s\"%s"), f->name,
	    also.buf);
	sb_release(&also);
}

/*
 * names_a_field tells whether a cell of the current record names a
 * field: the header.  Rows above it that do not (a title merged over
 * the table, 填报单位 and 填报日期 lines) are framing; framing_text
 * gives their non-blank cells joined by spaces for the warning.
 */
static int
names_a_field(const struct recin *r)
{
	const struct recin_cell *c;
	const char *base = r->buf + r->rs;
	char *norm;
	size_t j;
	int named = 0;

	if (r->nfields == 0)
		return 1;
	for (j = 0; j < r->ncells && !named; j++) {
		c = &r->cells[j];
		if ((norm = norm_name(base + c->off, c->len)) == NULL)
			continue;
		named = match(r, norm) >= 0;
		free(norm);
	}
	return named;
}

static void
framing_text(const struct recin *r, struct sb *out)
{
	const struct recin_cell *c;
	char *copy, *t;
	size_t j, start = out->len;

	for (j = 0; j < r->ncells; j++) {
		c = &r->cells[j];
		copy = estrndup(r->buf + r->rs + c->off, c->len);
		t = trim(copy, c->len);
		if (*t != '\0') {
			if (out->len > start)
				sb_addc(out, ' ');
			sb_adds(out, t);
		}
		free(copy);
	}
}

/*
 * Rows below the header that are no records: totals (合计 in the
 * first non-blank cell) and the footer a form ends with (制表人：...,
 * 审核人, 注：...).  These are words of the form, not values of a
 * vocabulary: the parser's own.
 */
static const char *const total_words[] = {
	"合计", "总计", "小计", "共计", "累计", "总数", NULL
};
static const char *const footer_words[] = {
	"制表单位", "制表人", "制表日期", "制表时间", "审核人", "审核",
	"审批人", "填表人", "填表日期", "填报人", "填报单位", "填报日期",
	"负责人", "单位负责人", "主要负责人", "分管领导", "联系人",
	"注", "说明", "备注", "填表说明", NULL
};

/* blanks_out copies s (len bytes) without any blank in it: "合 计" is
 * 合计.  Returns the copy (free()). */
static char *
blanks_out(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	struct sb out = SB_INIT;
	size_t n;

	while (p < e) {
		if ((n = blank_head(p, e)) > 0) {
			p += n;
			continue;
		}
		sb_addc(&out, (char)*p++);
	}
	return sb_detach(&out);
}

/*
 * below_table tells whether the current record is a total (1) or a
 * footer line (2) rather than a record, with the word that says so in
 * *word (static).  A footer word must end the cell or be followed by a
 * colon or a bracket ("制表人：王芳", "制表单位（盖章）").
 */
static int
below_table(const struct recin *r, const char **word)
{
	const struct recin_cell *c = NULL;
	const char *const *w;
	char *text, *after;
	size_t j, n;
	int kind = 0;

	for (j = 0; j < r->ncells; j++)
		if (!cell_blank(r, &r->cells[j])) {
			c = &r->cells[j];
			break;
		}
	if (c == NULL)
		return 0;
	text = blanks_out(r->buf + r->rs + c->off, c->len);
	for (w = total_words; *w != NULL && kind == 0; w++) {
		n = strlen(*w);
		if (strncmp(text, *w, n) == 0 && (text[n] == '\0' ||
		    text[n] == ':' || strncmp(text + n, "\xEF\xBC\x9A", 3) ==
		    0)) {
			kind = 1;
			*word = *w;
		}
	}
	for (w = footer_words; *w != NULL && kind == 0; w++) {
		n = strlen(*w);
		if (strncmp(text, *w, n) != 0)
			continue;
		after = text + n;
		if (*after == '\0' || *after == ':' || *after == '(' ||
		    strncmp(after, "\xEF\xBC\x9A", 3) == 0 ||
		    strncmp(after, "\xEF\xBC\x88", 3) == 0) {
			kind = 2;
			*word = *w;
		}
	}
	free(text);
	return kind;
}

/* nonblank_cells counts the cells of the record that are not blank. */
static size_t
nonblank_cells(const struct recin *r)
{
	size_t j, n = 0;

	for (j = 0; j < r->ncells; j++)
		n += !cell_blank(r, &r->cells[j]);
	return n;
}

/*
 * bind_header maps the current record, the header, to the fields.  Two
 * columns for one field: the one whose name ranks first (the field's
 * own name, then its aliases in order) is taken and the other ignored
 * with a warning ("手机号" before "联系电话"); the same name twice is an
 * error.  A header in which no column names a field is no header: the
 * file is refused without echoing the line, which may be personal data.
 */
static int
bind_header(struct recin *r)
{
	char q[DIAG_QUOTE_MAX], q2[DIAG_QUOTE_MAX];
	const struct recin_cell *c;
	char *base = r->buf + r->rs, *t, *norm;
	long *rank;
	size_t i, j, named = 0;
	long a, f, old;
	int bad = 0;

	r->ncols = r->ncells;
	r->hdroff = ereallocarray(NULL, r->ncols, sizeof *r->hdroff);
	rank = ereallocarray(NULL, r->nfields ? r->nfields : 1, sizeof *rank);
	for (i = 0; i < r->nfields; i++)
		rank[i] = -1;
	for (j = 0; j < r->ncols; j++) {
		c = &r->cells[j];
		t = trim(base + c->off, c->len);
		r->hdroff[j] = r->hdr.len;
		sb_adds(&r->hdr, t);
		sb_addc(&r->hdr, '\0');
		if ((norm = norm_name(t, strlen(t))) == NULL)
			continue;
		a = match_alias(r, norm);
		free(norm);
		if (a >= 0)
			named++;
	}
	if (named == 0 && r->nfields > 0) {
		rat(r, 0, r->recline, 0, _("line %lu is not a header: no "
		    "column is named for a field (such as \"%s\"); the file "
		    "needs a header line"), r->recline, r->fields[0].name);
		free(rank);
		return GK_DATAERR;
	}
	for (j = 0; j < r->ncols; j++) {
		c = &r->cells[j];
		t = r->hdr.buf + r->hdroff[j];
		if ((norm = norm_name(t, strlen(t))) == NULL)
			continue;
		a = match_alias(r, norm);
		free(norm);
		if (a < 0) {
			rat(r, 1, c->line, c->col, _("ignoring column "
			    "%s"), diag_quote(q, sizeof q, t));
			continue;
		}
		f = (long)r->alias[a].field;
		if ((old = r->colof[f]) < 0) {
			r->colof[f] = (long)j;
			rank[f] = a;
		} else if (a == rank[f]) {
			rat(r, 0, c->line, c->col, _("column %s "
			    "duplicates column %ld for \"%s\""), diag_quote(q,
			    sizeof q, t), old + 1, r->fields[f].name);
			bad = 1;
		} else {
			/* The better name wins; the other is said. */
			if (a < rank[f]) {
				r->colof[f] = (long)j;
				rank[f] = a;
			}
			rat(r, 1, c->line, c->col, _("columns %s and "
			    "%s both give \"%s\"; using %s"), diag_quote(q,
			    sizeof q, r->hdr.buf + r->hdroff[old]),
			    diag_quote(q2, sizeof q2, t), r->fields[f].name,
			    r->hdr.buf + r->hdroff[r->colof[f]]);
		}
	}
	free(rank);
	for (i = 0; i < r->nfields; i++) {
		if (r->fields[i].required && r->colof[i] < 0) {
			report_missing(r, i);
			bad = 1;
		}
	}
	return bad ? GK_DATAERR : GK_OK;
}

int
recin_bind(struct recin *r, const struct recin_field *fields, size_t n)
{
	char q[DIAG_QUOTE_MAX];
	struct sb framing = SB_INIT;
	const char *p;
	unsigned long first, line;
	size_t i, k, skipped;
	int rc = SCAN_REC;

	if (r->bound) {
		diag_error(_("recin_bind: called twice"));
		return GK_SOFTWARE;
	}
	r->bound = 1;
	r->fields = fields;
	r->nfields = n;
	r->colof = ereallocarray(NULL, n ? n : 1, sizeof *r->colof);
	r->val = ecalloc(n ? n : 1, sizeof *r->val);
	r->kname = ecalloc(n ? n : 1, sizeof *r->kname);
	r->voff = ereallocarray(NULL, n ? n : 1, sizeof *r->voff);
	r->koff = ereallocarray(NULL, n ? n : 1, sizeof *r->koff);
	for (i = 0; i < n; i++) {
		r->colof[i] = -1;
		add_alias(r, i, fields[i].name);
		for (k = 0; fields[i].aliases && fields[i].aliases[k]; k++)
			add_alias(r, i, fields[i].aliases[k]);
	}

	if ((rc = start(r)) < 0 ||
	    (r->fmt == FMT_UNKNOWN && (rc = detect(r)) < 0)) {
		r->fatal = -rc;
		return -rc;
	}
	set_tables(r);
	if (r->fmt == FMT_JSONL) {
		r->jkeys = ecalloc(RECIN_JKEYS, sizeof *r->jkeys);
		return GK_OK;
	}
	do {
		rc = read_record(r);
		if (rc < 0) {
			r->fatal = -rc;
			return -rc;
		}
		if (rc == SCAN_EOF) {
			rat(r, 0, 0, 0, _("empty input, expected a header "
			    "line"));
			r->fatal = GK_DATAERR;
			return GK_DATAERR;
		}
	} while (all_empty(r));
	/* The framing above the header is passed over, a warning for each
	 * line; the warnings wait until a header is found, since lines
	 * before no header at all may be personal data. */
	first = r->recline;
	for (skipped = 0; !names_a_field(r); skipped++) {
		if (skipped == RECIN_MAXFRAME)
			break;
		sb_addf(&framing, "%lu", r->recline);
		sb_addc(&framing, '\0');
		framing_text(r, &framing);
		sb_addc(&framing, '\0');
		do {
			rc = read_record(r);
			if (rc < 0) {
				sb_release(&framing);
				r->fatal = -rc;
				return -rc;
			}
		} while (rc != SCAN_EOF && all_empty(r));
		if (rc == SCAN_EOF)
			break;
	}
	if (skipped == RECIN_MAXFRAME || rc == SCAN_EOF) {
		rat(r, 0, first, 0, _("line %lu is not a header: no column is "
		    "named for a field (such as \"%s\"), there or in the "
		    "lines after it; the file needs a header line"), first,
		    r->fields[0].name);
		if (r->xl != NULL && xlsx_nsheets(r->xl) > 1)
			rat(r, 0, 0, 0, _("the workbook has %zu sheets; is the "
			    "table on another one?"), xlsx_nsheets(r->xl));
		sb_release(&framing);
		r->fatal = GK_DATAERR;
		return GK_DATAERR;
	}
	for (p = framing.buf; p < framing.buf + framing.len;
	    p += strlen(p) + 1) {
		line = strtoul(p, NULL, 10);
		p += strlen(p) + 1;
		rat(r, 1, line, 0, _("skipping %s above the header"),
		    diag_quote(q, sizeof q, p));
	}
	sb_release(&framing);
	return bind_header(r);
}

/* jkey_field returns the field a JSON key is bound to, or -1; an
 * unknown key is warned about the first time it is seen. */
static long
jkey_field(struct recin *r, const char *key)
{
	char q[DIAG_QUOTE_MAX];
	struct recin_jkey *k;
	const unsigned char *s;
	uint32_t h = 2166136261u;
	char *norm;
	long f;
	int blank;

	for (s = (const unsigned char *)key; *s; s++)
		h = (h ^ *s) * 16777619u;
	for (;;) {
		k = &r->jkeys[h & (RECIN_JKEYS - 1)];
		if (k->key == NULL)
			break;
		if (strcmp(k->key, key) == 0)
			return k->field;
		h++;
	}
	norm = norm_name(key, strlen(key));
	blank = norm == NULL;
	f = blank ? -1 : match(r, norm);
	free(norm);
	/* Past the limit, keys are matched every time and not warned
	 * about again; only a generated file has that many. */
	if (r->njkeys >= RECIN_JKEYMAX)
		return f;
	k->key = estrdup(key);
	k->field = f;
	r->njkeys++;
	if (f < 0 && !blank)
		rat(r, 1, r->recline, 0, _("ignoring key %s"),
		    diag_quote(q, sizeof q, key));
	return f;
}

static void
add_real(struct sb *sb, double v)
{
	char tmp[64];
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(tmp, sizeof tmp, "%.17g", v);
	sb_adds(sb, tmp);
}

static const char *
json_kind(const json_t *v)
{
	return json_is_object(v) ? _("an object") : json_is_array(v) ?
	    _("an array") : _("a value");
}

/* Skip JSON white space. */
static const char *
jl_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return p;
}

/* A JSON string without escapes at p (the quote): its end (the closing
 * quote), or NULL for anything else. */
static const char *
jl_plain(const char *p, const char *end)
{
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\' || (unsigned char)*p < 0x20)
			return NULL;
	return p < end ? p : NULL;
}

/* The field values of the line, parsed by jl_fast or jl_record. */
static void
jl_values(struct recin *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		if (r->voff[i] == RECIN_NONE) {
			r->val[i] = r->kname[i] = NULL;
			continue;
		}
		r->kname[i] = r->vals.buf + r->koff[i];
		r->val[i] = trim(r->vals.buf + r->voff[i],
		    strlen(r->vals.buf + r->voff[i]));
	}
}

/*
 * The common line, read without building a JSON tree: one flat object
 * of known keys with text values and no escapes (the line is valid
 * UTF-8 already).  1 done, 0 for anything else -- another value, an
 * escape, an unknown or repeated key, bad JSON -- which jl_record reads
 * and reports as it always has.  jansson took a fifth of an import's
 * instructions.
 */
static int
jl_fast(struct recin *r, const char *line, size_t len)
{
	const char *p = line, *end = line + len, *q;
	size_t i, koff;
	long f;

	sb_reset(&r->vals);
	for (i = 0; i < r->nfields; i++)
		r->voff[i] = r->koff[i] = RECIN_NONE;
	p = jl_ws(p, end);
	if (p >= end || *p++ != '{')
		return 0;
	for (;;) {
		p = jl_ws(p, end);
		if ((q = jl_plain(p, end)) == NULL)
			return 0;
		koff = r->vals.len;
		sb_addn(&r->vals, p + 1, (size_t)(q - p - 1));
		sb_addc(&r->vals, '\0');
		if ((f = jkey_field(r, r->vals.buf + koff)) < 0 ||
		    r->koff[f] != RECIN_NONE)
			return 0;
		p = jl_ws(q + 1, end);
		if (p >= end || *p++ != ':')
			return 0;
		p = jl_ws(p, end);
		if ((q = jl_plain(p, end)) == NULL)
			return 0;
		r->koff[f] = koff;
		r->voff[f] = r->vals.len;
		sb_addn(&r->vals, p + 1, (size_t)(q - p - 1));
		sb_addc(&r->vals, '\0');
		p = jl_ws(q + 1, end);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p >= end || *p++ != '}')
			return 0;
		break;
	}
	if (jl_ws(p, end) != end)
		return 0;
	jl_values(r);
	return 1;
}

/* jl_record parses the current JSON line into the field values.
 * Returns 1, or 2 for a line that was reported and skipped. */
static int
jl_record(struct recin *r)
{
	char q[DIAG_QUOTE_MAX], q2[DIAG_QUOTE_MAX];
	const char *line = r->buf + r->rs, *key;
	json_error_t err;
	json_t *root, *v;
	size_t i, col;
	long f;
	int rc = 1;

	if (jl_fast(r, line, r->jlen))
		return 1;
	root = json_loadb(line, r->jlen, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		rat(r, 0, r->recline, err.column > 0 ?
		    (unsigned long)err.column : 0, _("invalid JSON: %s"),
		    err.text);
		return 2;
	}
	if (!json_is_object(root)) {
		for (col = 0; line[col] == ' ' || line[col] == '\t'; col++)
			;
		rat(r, 0, r->recline, (unsigned long)col + 1,
		    _("expected a JSON object, found %s"), json_kind(root));
		json_decref(root);
		return 2;
	}
	sb_reset(&r->vals);
	for (i = 0; i < r->nfields; i++)
		r->voff[i] = r->koff[i] = RECIN_NONE;
	json_object_foreach(root, key, v) {
		if ((f = jkey_field(r, key)) < 0 || json_is_null(v))
			continue;
		if (r->koff[f] != RECIN_NONE) {
			rat(r, 0, r->recline, 0, _("key %s duplicates key "
			    "%s for \"%s\""), diag_quote(q, sizeof q, key),
			    diag_quote(q2, sizeof q2, r->vals.buf + r->koff[f]),
			    r->fields[f].name);
			rc = 2;
			break;
		}
		if (json_is_object(v) || json_is_array(v)) {
			rat(r, 0, r->recline, 0, _("key %s: expected text, "
			    "a number, true or false, found %s"), diag_quote(q,
			    sizeof q, key), json_kind(v));
			rc = 2;
			break;
		}
		r->koff[f] = r->vals.len;
		sb_adds(&r->vals, key);
		sb_addc(&r->vals, '\0');
		r->voff[f] = r->vals.len;
		if (json_is_string(v))
			sb_addn(&r->vals, json_string_value(v),
			    json_string_length(v));
		else if (json_is_integer(v))
			sb_addf(&r->vals, "%" JSON_INTEGER_FORMAT,
			    json_integer_value(v));
		else if (json_is_real(v))
			add_real(&r->vals, json_real_value(v));
		else
			sb_adds(&r->vals, json_is_true(v) ? "true" : "false");
		sb_addc(&r->vals, '\0');
	}
	json_decref(root);
	if (rc != 1)
		return rc;
	jl_values(r);
	return 1;
}

int
recin_next(struct recin *r)
{
	char *base;
	const struct recin_cell *c;
	const char *word;
	char letters[8];
	size_t i;
	int rc, kind;

	r->have = 0;
	if (r->fatal)
		return -r->fatal;
	if (!r->bound) {
		diag_error(_("recin_next: recin_bind was not called"));
		r->fatal = GK_SOFTWARE;
		return -GK_SOFTWARE;
	}
	for (;;) {
		rc = read_record(r);
		if (rc < 0) {
			r->fatal = -rc;
			return rc;
		}
		if (rc == SCAN_EOF)
			return 0;
		if (r->fmt == FMT_JSONL) {
			rc = jl_record(r);
			r->have = rc == 1;
			return rc;
		}
		if (all_empty(r))
			continue;
		/* Totals and the footer are the form's, not records. */
		if ((kind = below_table(r, &word)) == 1)
			rat(r, 1, r->recline, 0, _("skipping a total row (%s)"),
			    word);
		else if (kind == 2)
			rat(r, 1, r->recline, 0, _("skipping a footer line "
			    "(%s)"),
			    word);
		else if (r->footer && nonblank_cells(r) == 1)
			rat(r, 1, r->recline, 0, _("skipping a line of the "
			    "footer"));
		else
			break;
		r->footer |= kind == 2;
	}
	/* Blank cells past the header's last column are what spreadsheets
	 * leave after a table; they are no data. */
	while (r->ncells > r->ncols &&
	    cell_blank(r, &r->cells[r->ncells - 1]))
		r->ncells--;
	if (r->ncells != r->ncols && r->fmt == FMT_XLSX) {
		/* A sheet's rows are padded to the header: only a cell
		 * right of it can be too many. */
		rat(r, 0, r->recline, (unsigned long)r->ncells, _("a value "
		    "right of the table, whose header ends at column %s"),
		    xlsx_colname(r->ncols, letters));
		return 2;
	}
	if (r->ncells != r->ncols) {
		rat(r, 0, r->recline, 0, _("%zu fields, expected %zu "
		    "(the header has %zu columns)"), r->ncells, r->ncols,
		    r->ncols);
		return 2;
	}
	base = r->buf + r->rs;
	for (i = 0; i < r->nfields; i++) {
		if (r->colof[i] < 0) {
			r->val[i] = NULL;
			continue;
		}
		c = &r->cells[r->colof[i]];
		r->val[i] = trim(base + c->off, c->len);
	}
	r->have = 1;
	return 1;
}

const char *
recin_get(const struct recin *r, size_t i)
{
	if (!r->have || i >= r->nfields)
		return NULL;
	return r->val[i];
}

unsigned long
recin_col(const struct recin *r, size_t i)
{
	if (!r->have || i >= r->nfields || r->fmt == FMT_JSONL ||
	    r->colof[i] < 0)
		return 0;
	return r->cells[r->colof[i]].col;
}

unsigned long
recin_field_line(const struct recin *r, size_t i)
{
	if (!r->have || i >= r->nfields || r->fmt == FMT_JSONL ||
	    r->colof[i] < 0)
		return r->recline;
	return r->cells[r->colof[i]].line;
}

const char *
recin_header(const struct recin *r, size_t i)
{
	if (i >= r->nfields)
		return NULL;
	if (r->fmt == FMT_JSONL) {
		if (r->have && r->kname[i] != NULL)
			return r->kname[i];
	} else if (r->colof != NULL && r->colof[i] >= 0)
		return r->hdr.buf + r->hdroff[r->colof[i]];
	return r->fields[i].name;
}

const char *
recin_name(const struct recin *r)
{
	return r->name;
}

unsigned long
recin_line(const struct recin *r)
{
	return r->recline;
}

const char *
recin_format(const struct recin *r)
{
	switch (r->fmt) {
	case FMT_CSV:
		return "csv";
	case FMT_TSV:
		return "tsv";
	case FMT_JSONL:
		return "jsonl";
	case FMT_XLSX:
		return "xlsx";
	default:
		return NULL;
	}
}

void
recin_close(struct recin *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->ownfd)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	xlsx_close(r->xl);
	free(r->sheet);
	for (i = 0; i < r->nalias; i++)
		free(r->alias[i].norm);
	if (r->jkeys != NULL)
		for (i = 0; i < RECIN_JKEYS; i++)
			free(r->jkeys[i].key);
	free(r->jkeys);
	free(r->alias);
	free(r->name);
	free(r->enc);
	free(r->raw);
	free(r->buf);
	free(r->cells);
	free(r->colof);
	free(r->hdroff);
	free(r->val);
	free(r->voff);
	free(r->koff);
	free(r->kname);
	sb_release(&r->hdr);
	sb_release(&r->vals);
	free(r);
}

/*
 * A number Excel showed in scientific notation and saved so: digits,
 * an optional decimal point or comma and digits, E, an optional sign,
 * digits.  The digits past the 6th or so are gone for good.
 */
const char *
recin_excel_damage(const char *value)
{
	const unsigned char *s = (const unsigned char *)value;
	const unsigned char *d;

	if (s == NULL)
		return NULL;
	for (d = s; *s >= '0' && *s <= '9'; s++)
		;
	if (s == d)
		return NULL;
	if (*s == '.' || *s == ',') {
		for (d = ++s; *s >= '0' && *s <= '9'; s++)
			;
		if (s == d)
			return NULL;
	}
	if (*s != 'E' && *s != 'e')
		return NULL;
	s++;
	if (*s == '+' || *s == '-')
		s++;
	for (d = s; *s >= '0' && *s <= '9'; s++)
		;
	if (s == d || *s != '\0')
		return NULL;
	return _("looks like a number Excel converted to scientific "
	    "notation; format the column as Text in Excel and export again");
}

/* Eighteen digits ending in 000: what Excel leaves of an identity
 * number it read as a number. */
int
recin_excel_zeros(const char *value)
{
	size_t n;

	if (value == NULL)
		return 0;
	n = strspn(value, "0123456789");
	return n == 18 && value[n] == '\0' && strcmp(value + 15, "000") == 0;
}
