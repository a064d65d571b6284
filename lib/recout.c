/*
 * recout.c - records out: table, TSV, CSV, JSON and JSON Lines.
 *
 * Every row is built in one reused line buffer and handed to stdio with
 * one fwrite, so TSV and CSV cost no allocation per row; only JSON goes
 * through jansson, with one object reused for every row.  Workbooks
 * are written by libxlsxwriter in its constant-memory mode, a row at a
 * time, to a temporary file that is renamed into place at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "diag.h"
#include "i18n.h"
#include "recout.h"
#include "status.h"
#include "util.h"

/* How people read a word of a vocabulary (recout_set_words). */
static const char *(*words_fn)(const char *words, const char *value);

struct recout {
	FILE *fp;			/* where records go; the caller's */
	enum recout_format fmt;		/* output format */
	int excel;			/* Excel mode (CSV and TSV only) */
	const struct recout_col *cols;	/* the columns; the caller's */
	size_t ncols;			/* number of columns */
	const char **head;		/* the header of each column: its name,
					   or its translation for people */
	int people;			/* headers and words for people */
	const char **shown;		/* a row's values as people read them */
	const char *eol;		/* line end: "\n" or "\r\n" */
	int started;			/* BOM, header or "[" written */
	int failed;			/* a write failed; nothing more is tried */
	unsigned long nrows;		/* rows written or held */
	struct sb line;			/* the line being built, reused */
	struct sb tmp;			/* scratch for one value, reused */
	size_t *width;			/* table: display width per column */
	struct sb held;			/* table: held cells, NUL-terminated */
	size_t nheld;			/* table: rows in held */
	int streaming;			/* table: widths fixed, rows go out */
	json_t *obj;			/* JSON: the object reused per row */
	size_t jflags;			/* JSON: jansson dump flags */
	int failstatus;			/* what a failure returns: GK_IOERR,
					   GK_CANTCREAT */
	char *path;			/* file output: its name, or NULL */
	char *tmpname;			/* the temporary name written, or
					   NULL: path written directly */
	int copy;			/* path is no regular file (a
					   device, a pipe, a link):
					   tmpname is copied into it */
	lxw_workbook *wb;		/* xlsx: the workbook */
	lxw_worksheet *ws;		/* xlsx: its one sheet */
	lxw_format *textfmt;		/* xlsx: text cells ("@") */
	lxw_format *headfmt;		/* xlsx: the header row */
	lxw_row_t xrow;			/* xlsx: the next row */
};

int
recout_parse_format(const char *name, enum recout_format *out)
{
	static const struct {
		const char *name;	/* as given to -f */
		enum recout_format fmt;	/* what it selects */
	} names[] = {
		{ "table", RECOUT_TABLE },
		{ "tsv", RECOUT_TSV },
		{ "csv", RECOUT_CSV },
		{ "json", RECOUT_JSON },
		{ "jsonl", RECOUT_JSONL },
		{ "xlsx", RECOUT_XLSX },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

enum recout_format
recout_default_format(FILE *fp)
{
	return isatty(fileno(fp)) ? RECOUT_TABLE : RECOUT_TSV;
}

size_t
recout_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t w = 0;
	int cw;

	while (*p != '\0') {
		if (*p < 0x80) {
			w += (*p >= 0x20 && *p != 0x7F);
			p++;
			continue;
		}
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			w++;
			p++;
			continue;
		}
		cw = utf8proc_charwidth(c);
		if (cw > 0)
			w += (size_t)cw;
		p += n;
	}
	return w;
}

/* Strict syntax checks: what Excel and JSON may take as a number. */
static int
is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
is_decimal(const char *s)
{
	int digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static int
is_number(enum recout_type type, const char *s)
{
	if (type == RC_INT)
		return is_int(s);
	if (type == RC_NUM)
		return is_decimal(s);
	return 0;
}

/*
 * A spreadsheet runs a cell starting with one of these as a formula (or
 * hides the character), so Excel mode turns it into text.
 */
static int
needs_guard(const struct recout *w, size_t i, const char *s)
{
	if (!w->excel || strchr("=+-@\t\r", *s) == NULL || *s == '\0')
		return 0;
	return !is_number(w->cols[i].type, s);
}

static void
fail(struct recout *w)
{
	int e = errno;

	if (w->failed)
		return;
	w->failed = 1;
	diag_error(_("cannot write output: %s"),
	    e != 0 ? strerror(e) : "write error");
}

static void
put(struct recout *w, const char *buf, size_t len)
{
	if (w->failed)
		return;
	errno = 0;
	if ((len > 0 && fwrite(buf, 1, len, w->fp) != len) || ferror(w->fp))
		fail(w);
}

static void
put_line(struct recout *w)
{
	put(w, w->line.buf, w->line.len);
	sb_reset(&w->line);
}

/* Appends s with \t \n \r (and \\ for TSV) escaped; tables also escape
 * other control characters so a value cannot drive the terminal. */
static void
add_escaped(struct sb *sb, const char *s, int table)
{
	const char *special = table ?
	    "\t\n\r\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
	    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
	    "\x7f" : "\\\t\n\r";
	size_t n;
	char hex[5];

	for (;;) {
		n = strcspn(s, special);
		sb_addn(sb, s, n);
		s += n;
		if (*s == '\0')
			return;
		switch (*s) {
		case '\t':
			sb_addn(sb, "\\t", 2);
			break;
		case '\n':
			sb_addn(sb, "\\n", 2);
			break;
		case '\r':
			sb_addn(sb, "\\r", 2);
			break;
		case '\\':
			sb_addn(sb, "\\\\", 2);
			break;
		default:
			snprintf(hex, sizeof hex, "\\x%02X", (unsigned char)*s);
			sb_addn(sb, hex, 4);
			break;
		}
		s++;
	}
}

/* Appends s as one CSV field, quoted only where RFC 4180 needs it or a
 * reader would lose a leading or trailing space. */
static void
add_csv(struct recout *w, const char *s, int guard)
{
	size_t len = strlen(s);
	const char *q;
	int quote;

	quote = s[strcspn(s, ",\"\r\n")] != '\0' ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' ')) ||
	    (len == 0 && w->ncols == 1);	/* else the line is blank */
	if (!quote) {
		if (guard)
			sb_addc(&w->line, '\'');
		sb_addn(&w->line, s, len);
		return;
	}
	sb_addc(&w->line, '"');
	if (guard)
		sb_addc(&w->line, '\'');
	while ((q = strchr(s, '"')) != NULL) {
		sb_addn(&w->line, s, (size_t)(q - s) + 1);
		sb_addc(&w->line, '"');
		s = q + 1;
	}
	sb_adds(&w->line, s);
	sb_addc(&w->line, '"');
}

/* The BOM and the header line of TSV and CSV, or the "[" of JSON. */
static void
start(struct recout *w)
{
	size_t i;

	w->started = 1;
	if (w->fmt == RECOUT_XLSX)
		return;		/* row_xlsx writes the header */
	if (w->excel && (w->fmt == RECOUT_CSV || w->fmt == RECOUT_TSV))
		sb_adds(&w->line, "\xEF\xBB\xBF");
	switch (w->fmt) {
	case RECOUT_TSV:
	case RECOUT_CSV:
		for (i = 0; i < w->ncols; i++) {
			if (i > 0)
				sb_addc(&w->line, w->fmt == RECOUT_TSV ?
				    '\t' : ',');
			if (w->fmt == RECOUT_TSV)
				add_escaped(&w->line, w->head[i], 0);
			else
				add_csv(w, w->head[i], 0);
		}
		sb_adds(&w->line, w->eol);
		break;
	case RECOUT_JSON:
		sb_addc(&w->line, '[');
		break;
	default:
		break;
	}
	put_line(w);
}

static int
right_aligned(const struct recout *w, size_t i)
{
	return w->cols[i].type == RC_INT || w->cols[i].type == RC_NUM;
}

/* Appends one table cell of display width cw padded to the column. */
static void
add_cell(struct recout *w, size_t i, const char *s, size_t len, size_t cw)
{
	size_t pad = w->width[i] > cw ? w->width[i] - cw : 0;

	if (i > 0)
		sb_addn(&w->line, "  ", 2);
	if (right_aligned(w, i)) {
		sb_grow(&w->line, pad);
		memset(w->line.buf + w->line.len, ' ', pad);
		sb_setlen(&w->line, w->line.len + pad);
		sb_addn(&w->line, s, len);
	} else {
		sb_addn(&w->line, s, len);
		if (i + 1 < w->ncols) {
			sb_grow(&w->line, pad);
			memset(w->line.buf + w->line.len, ' ', pad);
			sb_setlen(&w->line, w->line.len + pad);
		}
	}
}

static void
end_table_line(struct recout *w)
{
	size_t len = w->line.len;

	while (len > 0 && w->line.buf[len - 1] == ' ')
		len--;
	sb_setlen(&w->line, len);
	sb_addc(&w->line, '\n');
	put_line(w);
}

/* Prints the header and the held rows; later rows stream. */
static void
flush_table(struct recout *w)
{
	const char *p;
	size_t i, r, len;

	for (i = 0; i < w->ncols; i++) {
		sb_reset(&w->tmp);
		add_escaped(&w->tmp, w->head[i], 1);
		add_cell(w, i, w->tmp.buf, w->tmp.len,
		    recout_width(w->tmp.buf));
	}
	end_table_line(w);
	p = w->held.buf;
	for (r = 0; r < w->nheld; r++) {
		for (i = 0; i < w->ncols; i++) {
			len = strlen(p);
			add_cell(w, i, p, len, recout_width(p));
			p += len + 1;
		}
		end_table_line(w);
	}
	sb_release(&w->held);
	w->nheld = 0;
	w->streaming = 1;
}

static void
row_table(struct recout *w, const char *const *values)
{
	size_t i, cw, before;

	if (w->streaming) {
		for (i = 0; i < w->ncols; i++) {
			sb_reset(&w->tmp);
			if (values[i] != NULL)
				add_escaped(&w->tmp, values[i], 1);
			add_cell(w, i, w->tmp.buf, w->tmp.len,
			    recout_width(w->tmp.buf));
		}
		end_table_line(w);
		return;
	}
	for (i = 0; i < w->ncols; i++) {
		before = w->held.len;
		if (values[i] != NULL)
			add_escaped(&w->held, values[i], 1);
		cw = recout_width(w->held.buf + before);
		if (cw > w->width[i])
			w->width[i] = cw;
		sb_addc(&w->held, '\0');
	}
	if (++w->nheld == RECOUT_TABLE_ROWS)
		flush_table(w);
}

static void
row_text(struct recout *w, const char *const *values)
{
	const char *s;
	size_t i;
	int guard;

	for (i = 0; i < w->ncols; i++) {
		s = values[i] != NULL ? values[i] : "";
		guard = needs_guard(w, i, s);
		if (w->fmt == RECOUT_TSV) {
			if (i > 0)
				sb_addc(&w->line, '\t');
			if (guard)
				sb_addc(&w->line, '\'');
			add_escaped(&w->line, s, 0);
		} else {
			if (i > 0)
				sb_addc(&w->line, ',');
			add_csv(w, s, guard);
		}
	}
	sb_adds(&w->line, w->eol);
	put_line(w);
}

/* Like the e* allocators of util.h: jansson out of memory ends the
 * process, since nothing sensible can follow. */
static json_t *
ejson(json_t *v)
{
	if (v == NULL) {
		diag_error(_("out of memory"));
		exit(GK_SOFTWARE);
	}
	return v;
}

/* A JSON string; jansson refuses invalid UTF-8, which becomes U+FFFD. */
static json_t *
json_text(struct sb *tmp, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	json_t *v;

	if ((v = json_string(s)) != NULL)
		return v;
	sb_reset(tmp);
	while (*p != '\0') {
		n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			sb_adds(tmp, "\xEF\xBF\xBD");
			p++;
		} else {
			sb_addn(tmp, (const char *)p, (size_t)n);
			p += n;
		}
	}
	return json_stringn_nocheck(tmp->buf, tmp->len);
}

/* A JSON value of type for s; tmp is scratch. */
static json_t *
json_value(struct sb *tmp, enum recout_type type, const char *s)
{
	long long ll;
	double d;
	char *end;

	if (s == NULL)
		return json_null();
	switch (type) {
	case RC_INT:
		if (is_int(s)) {
			errno = 0;
			ll = strtoll(s, &end, 10);
			if (errno == 0 && *end == '\0')
				return json_integer(ll);
		}
		break;
	case RC_NUM:
		if (is_decimal(s)) {
			d = strtod(s, &end);
			if (*end == '\0' && isfinite(d))
				return json_real(d);
		}
		break;
	case RC_BOOL:
		if (strcmp(s, "1") == 0 || util_streq_icase(s, "true"))
			return json_true();
		if (strcmp(s, "0") == 0 || util_streq_icase(s, "false"))
			return json_false();
		break;
	case RC_STR:
		break;
	}
	return json_text(tmp, s);
}

static void
row_json(struct recout *w, const char *const *values)
{
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if (json_object_set_new(w->obj, w->cols[i].name,
		    ejson(json_value(&w->tmp, w->cols[i].type, values[i]))) != 0)
			ejson(NULL);
	if (w->fmt == RECOUT_JSON) {
		sb_adds(&w->line, w->nrows == 0 ? "\n" : ",\n");
		put_line(w);
	}
	if (w->failed)
		return;
	errno = 0;
	if (json_dumpf(w->obj, w->fp, w->jflags) != 0 || ferror(w->fp)) {
		fail(w);
		return;
	}
	if (w->fmt == RECOUT_JSONL) {
		sb_addc(&w->line, '\n');
		put_line(w);
	}
}

static void release(struct recout *w);

/* The column widths of a workbook: the header's, at least 10 and at
 * most 40 characters wide, and 20 for identity numbers and the like,
 * which a narrow column would hide. */
static double
xlsx_width(const struct recout_col *col)
{
	size_t n = recout_width(col->name) + 2;

	if (col->type == RC_STR && n < 20)
		n = 20;
	if (n < 10)
		n = 10;
	return (double)(n > 40 ? 40 : n);
}

static void
xlsx_fail(struct recout *w, lxw_error e)
{
	if (w->failed)
		return;
	w->failed = 1;
	diag_error(_("cannot write %s: %s"), w->path, lxw_strerror(e));
}

/* The header row, in bold, frozen above the rows. */
static void
xlsx_start(struct recout *w)
{
	lxw_error e;
	size_t i;

	for (i = 0; i < w->ncols; i++)
		if ((e = worksheet_write_string(w->ws, 0, (lxw_col_t)i,
		    w->cols[i].name, w->headfmt)) != LXW_NO_ERROR)
			xlsx_fail(w, e);
	w->xrow = 1;
}

/*
 * row_xlsx writes a row: text as text cells in a column formatted as
 * Text, so that Excel neither reads a code, an identity number or a
 * phone as a number nor changes it when it is edited; a number column's
 * value as a number when it is one Excel keeps exactly (at most 15
 * digits), else as text.
 */
static void
row_xlsx(struct recout *w, const char *const *values)
{
	const char *v;
	lxw_error e;
	size_t i, digits;
	double d;
	char *end;

	if (w->xrow == 0)
		xlsx_start(w);
	for (i = 0; i < w->ncols && !w->failed; i++) {
		if ((v = values[i]) == NULL || *v == '\0')
			continue;
		digits = strspn(v + (*v == '-'), "0123456789.");
		if (is_number(w->cols[i].type, v) && digits <= 15 &&
		    (d = strtod(v, &end), *end == '\0') && isfinite(d))
			e = worksheet_write_number(w->ws, w->xrow, (lxw_col_t)i,
			    d, NULL);
		else if (w->cols[i].type == RC_BOOL &&
		    (strcmp(v, "1") == 0 || util_streq_icase(v, "true") ||
		    strcmp(v, "0") == 0 || util_streq_icase(v, "false")))
			e = worksheet_write_boolean(w->ws, w->xrow,
			    (lxw_col_t)i, *v == '1' || *v == 't' || *v == 'T',
			    NULL);
		else
			e = worksheet_write_string(w->ws, w->xrow, (lxw_col_t)i,
			    v, w->textfmt);
		if (e != LXW_NO_ERROR)
			xlsx_fail(w, e);
	}
	w->xrow++;
}

/* Copy the file from into to, which exists and is no regular file (a
 * workbook to /dev/stdout): 0, or -1 with errno set. */
static int
copy_into(const char *from, const char *to)
{
	char buf[65536];
	FILE *in, *out;
	size_t n;
	int e = 0;

	if ((in = fopen(from, "rb")) == NULL)
		return -1;
	if ((out = fopen(to, "wb")) == NULL) {
		e = errno;
		fclose(in);
		errno = e;
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			e = errno;
			break;
		}
	if (ferror(in) && e == 0)
		e = errno != 0 ? errno : EIO;
	fclose(in);
	errno = 0;
	if ((fclose(out) != 0 || errno != 0) && e == 0)
		e = errno != 0 ? errno : EIO;
	errno = e;
	return e != 0 ? -1 : 0;
}

/* The end of output to a file: the workbook or file closed and
 * renamed into place, or with abandon, removed. */
static int
end_file(struct recout *w, int abandon)
{
	lxw_error e;
	int rc;

	if (w->fmt == RECOUT_XLSX && w->wb != NULL) {
		if (!abandon && !w->failed && w->xrow == 0)
			xlsx_start(w);
		if ((e = workbook_close(w->wb)) != LXW_NO_ERROR && !abandon)
			xlsx_fail(w, e);
		w->wb = NULL;
	} else if (w->fp != NULL) {
		if (!abandon && !w->failed) {
			if (!w->started)
				start(w);
			if (w->fmt == RECOUT_TABLE && !w->streaming)
				flush_table(w);
			if (w->fmt == RECOUT_JSON) {
				sb_adds(&w->line, w->nrows == 0 ? "]\n" :
				    "\n]\n");
				put_line(w);
			}
		}
		errno = 0;
		if ((fclose(w->fp) != 0 || errno != 0) && !abandon &&
		    !w->failed)
			fail(w);
		w->fp = NULL;
	}
	if (!abandon && !w->failed && w->tmpname != NULL &&
	    (w->copy ? copy_into(w->tmpname, w->path) :
	    rename(w->tmpname, w->path)) != 0) {
		diag_error(_("cannot write %s: %s"), w->path, strerror(errno));
		w->failed = 1;
		w->failstatus = w->copy ? GK_IOERR : GK_CANTCREAT;
	}
	if ((abandon || w->failed) && w->tmpname != NULL)
		unlink(w->tmpname);
	rc = abandon ? GK_OK : w->failed ? w->failstatus : GK_OK;
	release(w);
	return rc;
}

struct recout *
recout_open_file(const char *path, enum recout_format fmt, int excel,
    const struct recout_col *cols, size_t ncols)
{
	lxw_workbook_options opt = { .constant_memory = 1 };
	struct recout *w;
	struct stat st;
	size_t i;
	int fd;

	w = recout_new(NULL, fmt, excel, cols, ncols);
	w->path = estrdup(path);
	/* A device, a pipe or a symbolic link (-o /dev/stdout) is written,
	 * never replaced: text straight into it, a workbook made aside and
	 * copied in.  Only a regular file is made aside and renamed. */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (fmt != RECOUT_XLSX) {
			if ((w->fp = fopen(path, "w")) == NULL) {
				diag_error(_("cannot write %s: %s"), path,
				    strerror(errno));
				w->failed = 1;
				w->failstatus = GK_CANTCREAT;
			}
			return w;
		}
		const char *dir = getenv("TMPDIR");
		struct sb aside = SB_INIT;

		w->copy = 1;
		sb_addf(&aside, "%s/gridkit.xlsx", dir != NULL && *dir != '\0' ?
		    dir : "/tmp");
		fd = util_tmp_beside(aside.buf, &w->tmpname);
		sb_release(&aside);
	} else {
		/* mkstemp: mode 0600, whatever the umask; the workbook
		 * writer reopens the same file, which keeps its mode. */
		fd = util_tmp_beside(path, &w->tmpname);
	}
	if (fd == -1) {
		diag_error(_("cannot create %s: %s"), path, strerror(errno));
		w->failed = 1;
		w->failstatus = GK_CANTCREAT;
		return w;
	}
	if (fmt != RECOUT_XLSX) {
		if ((w->fp = fdopen(fd, "w")) == NULL) {
			diag_error(_("cannot create %s: %s"), path,
			    strerror(errno));
			close(fd);
			unlink(w->tmpname);
			w->failed = 1;
			w->failstatus = GK_CANTCREAT;
		}
		return w;
	}
	close(fd);
	if ((w->wb = workbook_new_opt(w->tmpname, &opt)) == NULL ||
	    (w->ws = workbook_add_worksheet(w->wb, NULL)) == NULL) {
		diag_error(_("cannot create %s"), path);
		unlink(w->tmpname);
		w->failed = 1;
		w->failstatus = GK_CANTCREAT;
		return w;
	}
	w->textfmt = workbook_add_format(w->wb);
	format_set_num_format(w->textfmt, "@");
	w->headfmt = workbook_add_format(w->wb);
	format_set_bold(w->headfmt);
	format_set_num_format(w->headfmt, "@");
	for (i = 0; i < ncols; i++)
		worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i,
		    xlsx_width(&cols[i]), cols[i].type == RC_STR ?
		    w->textfmt : NULL);
	worksheet_freeze_panes(w->ws, 1, 0);
	return w;
}

struct recout *
recout_new(FILE *fp, enum recout_format fmt, int excel,
    const struct recout_col *cols, size_t ncols)
{
	struct recout *w = ecalloc(1, sizeof *w);
	size_t i;

	w->fp = fp;
	w->fmt = fmt;
	w->failstatus = GK_IOERR;
	if (fmt == RECOUT_XLSX && fp != NULL) {
		diag_error(_("a workbook can only be written to a file"));
		w->failed = 1;
	}
	w->excel = excel && (fmt == RECOUT_CSV || fmt == RECOUT_TSV);
	w->cols = cols;
	w->ncols = ncols;
	w->eol = w->excel ? "\r\n" : "\n";
	sb_init(&w->line);
	sb_init(&w->tmp);
	sb_init(&w->held);
	/* Headers people read are in their language; JSON keys and the
	 * headers of files for scripts stay as they are (i18n.h). */
	w->people = fmt != RECOUT_JSON && fmt != RECOUT_JSONL &&
	    i18n_people(fmt == RECOUT_TABLE || w->excel);
	w->head = ecalloc(ncols + 1, sizeof *w->head);
	for (i = 0; i < ncols; i++)
		w->head[i] = w->people ? i18n_cgettext(cols[i].ctx ?
		    cols[i].ctx : "column", cols[i].name) :
		    cols[i].name;
	for (i = 0; w->people && words_fn != NULL && i < ncols; i++)
		if (cols[i].words != NULL && w->shown == NULL)
			w->shown = ecalloc(ncols + 1, sizeof *w->shown);
	if (fmt == RECOUT_TABLE) {
		w->width = ecalloc(ncols, sizeof *w->width);
		for (i = 0; i < ncols; i++) {
			add_escaped(&w->tmp, w->head[i], 1);
			w->width[i] = recout_width(w->tmp.buf);
			sb_reset(&w->tmp);
		}
	}
	if (fmt == RECOUT_JSON || fmt == RECOUT_JSONL) {
		w->obj = ejson(json_object());
		w->jflags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
		    (fmt == RECOUT_JSONL ? JSON_COMPACT : 0);
	}
	return w;
}

void
recout_set_words(const char *(*fn)(const char *words, const char *value))
{
	words_fn = fn;
}

int
recout_row(struct recout *w, const char *const *values)
{
	size_t i;

	if (w->failed)
		return w->failstatus;
	/* The words of a vocabulary, as people read them. */
	if (w->shown != NULL) {
		for (i = 0; i < w->ncols; i++)
			w->shown[i] = w->cols[i].words != NULL &&
			    values[i] != NULL ? words_fn(w->cols[i].words,
			    values[i]) : values[i];
		values = w->shown;
	}
	if (!w->started)
		start(w);
	switch (w->fmt) {
	case RECOUT_XLSX:
		row_xlsx(w, values);
		break;
	case RECOUT_TABLE:
		row_table(w, values);
		break;
	case RECOUT_TSV:
	case RECOUT_CSV:
		row_text(w, values);
		break;
	case RECOUT_JSON:
	case RECOUT_JSONL:
		row_json(w, values);
		break;
	}
	w->nrows++;
	return w->failed ? w->failstatus : GK_OK;
}

int
recout_finish(struct recout *w)
{
	return recout_end(w, 0);
}

int
recout_end(struct recout *w, int abandon)
{
	int rc;

	if (w == NULL)
		return GK_OK;
	if (w->path != NULL)
		return end_file(w, abandon);
	if (abandon && !w->started) {
		/* Nothing printed yet: print nothing at all. */
	} else if (abandon && w->fmt == RECOUT_TABLE && !w->streaming) {
		flush_table(w);
		fflush(w->fp);
	} else if (!w->failed) {
		if (!w->started)
			start(w);
		if (w->fmt == RECOUT_TABLE && !w->streaming)
			flush_table(w);
		if (w->fmt == RECOUT_JSON) {
			sb_adds(&w->line, w->nrows == 0 ? "]\n" : "\n]\n");
			put_line(w);
		}
		errno = 0;
		if (!w->failed && (fflush(w->fp) != 0 || ferror(w->fp)))
			fail(w);
	}
	rc = w->failed ? w->failstatus : GK_OK;
	release(w);
	return rc;
}

/* Frees the writer. */
static void
release(struct recout *w)
{
	sb_release(&w->line);
	sb_release(&w->tmp);
	sb_release(&w->held);
	free(w->width);
	free(w->head);
	free(w->shown);
	if (w->obj != NULL)
		json_decref(w->obj);
	free(w->path);
	free(w->tmpname);
	free(w);
}

/*
 * Documents.  JSON is built as the fields and rows come; text is held
 * as items until the end, because a label is padded to the widest
 * label, which may come last.
 */
struct doc_item {
	char *label;			/* field label or table title */
	char *value;			/* field value (escaped) or a table's
					   empty text; NULL: none */
	const struct recout_doc_col *cols; /* table: the caller's columns;
					   NULL for a field */
	size_t ncols;			/* table: number of columns */
	struct sb cells;		/* table: every cell as a flag byte,
					   'v' or 'n' (NULL), its escaped
					   text and a NUL */
	size_t nrows;			/* table: rows held in cells */
};

struct recout_doc {
	FILE *fp;			/* where it goes; the caller's */
	int json;			/* JSON or JSON Lines, else text */
	size_t jflags;			/* JSON: jansson dump flags */
	json_t *root;			/* JSON: the document */
	json_t *table;			/* JSON: the latest table's array, or
					   NULL when it has no key */
	const struct recout_doc_col *cols; /* the latest table's columns */
	size_t ncols;			/* and their number */
	struct doc_item *items;		/* text: fields and tables */
	size_t nitems;			/* text: items held */
	size_t alloc;			/* text: items allocated */
	int intable;			/* text: the last item takes rows */
	struct sb tmp;			/* scratch */
};

struct recout_doc *
recout_doc_new(FILE *fp, enum recout_format fmt)
{
	struct recout_doc *d = ecalloc(1, sizeof *d);

	d->fp = fp;
	d->json = fmt == RECOUT_JSON || fmt == RECOUT_JSONL;
	/* A document in text has no reader but a person: its labels and
	 * the words in it are in the people's language, in a pipe too. */
	if (!d->json)
		i18n_set_records(i18n_people(1));
	sb_init(&d->tmp);
	if (d->json) {
		d->root = ejson(json_object());
		d->jflags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
		    (fmt == RECOUT_JSONL ? JSON_COMPACT : JSON_INDENT(2));
	}
	return d;
}

/* A new text item labelled label, value s (escaped) or NULL. */
static struct doc_item *
doc_item(struct recout_doc *d, const char *label, const char *s)
{
	struct doc_item *it;

	if (d->nitems == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 16;
		d->items = ereallocarray(d->items, d->alloc, sizeof *d->items);
	}
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof *it);
	it->label = estrdup(label);
	sb_init(&it->cells);
	if (s != NULL) {
		sb_reset(&d->tmp);
		add_escaped(&d->tmp, s, 1);
		it->value = estrdup(d->tmp.buf);
	}
	return it;
}

void
recout_doc_field(struct recout_doc *d, const char *key, const char *label,
    enum recout_type type, const char *value)
{
	if (d->json) {
		if (key != NULL && json_object_set_new(d->root, key,
		    ejson(json_value(&d->tmp, type, value))) != 0)
			ejson(NULL);
		return;
	}
	d->intable = 0;
	if (label != NULL)
		doc_item(d, label, value);
}

void
recout_doc_textf(struct recout_doc *d, const char *label, const char *fmt,
    ...)
{
	struct sb v = SB_INIT;
	va_list ap;

	if (d->json)
		return;
	va_start(ap, fmt);
	sb_vaddf(&v, fmt, ap);
	va_end(ap);
	recout_doc_field(d, NULL, label, RC_STR, v.buf);
	sb_release(&v);
}

void
recout_doc_table(struct recout_doc *d, const char *key, const char *title,
    const struct recout_doc_col *cols, size_t ncols, const char *empty)
{
	struct doc_item *it;

	d->cols = cols;
	d->ncols = ncols;
	if (d->json) {
		d->table = NULL;
		if (key == NULL)
			return;
		d->table = ejson(json_array());
		if (json_object_set_new(d->root, key, d->table) != 0)
			ejson(NULL);
		return;
	}
	d->intable = title != NULL;
	if (title == NULL)
		return;
	it = doc_item(d, title, empty);
	it->cols = cols;
	it->ncols = ncols;
}

void
recout_doc_row(struct recout_doc *d, const char *const *values)
{
	struct doc_item *it;
	json_t *o;
	size_t i;

	if (d->json) {
		if (d->table == NULL)
			return;
		o = ejson(json_object());
		for (i = 0; i < d->ncols; i++)
			if (d->cols[i].key != NULL && json_object_set_new(o,
			    d->cols[i].key, ejson(json_value(&d->tmp,
			    d->cols[i].type, values[i]))) != 0)
				ejson(NULL);
		if (json_array_append_new(d->table, o) != 0)
			ejson(NULL);
		return;
	}
	if (!d->intable)
		return;
	it = &d->items[d->nitems - 1];
	for (i = 0; i < it->ncols; i++) {
		sb_addc(&it->cells, values[i] != NULL ? 'v' : 'n');
		if (values[i] != NULL)
			add_escaped(&it->cells, values[i], 1);
		sb_addc(&it->cells, '\0');
	}
	it->nrows++;
}

/* Whether column i of a document table is printed as text, and whether
 * it is a note joined to the column before. */
static int
doc_shown(const struct doc_item *it, size_t i)
{
	return it->cols[i].width >= 0;
}

static int
doc_note(const struct doc_item *it, size_t i)
{
	return doc_shown(it, i) && it->cols[i].join != NULL;
}

/* Whether cell i of a row (cell[], NULL for none) has a note after it. */
static int
doc_noted(const struct doc_item *it, const char *const *cell, size_t i)
{
	for (i++; i < it->ncols; i++)
		if (doc_shown(it, i))
			return doc_note(it, i) && cell[i] != NULL;
	return 0;
}

/* Reads the next row of it from *p into cell[]. */
static void
doc_cells(const struct doc_item *it, const char **p, const char **cell)
{
	size_t i;

	for (i = 0; i < it->ncols; i++) {
		cell[i] = **p == 'v' ? *p + 1 : NULL;
		*p += strlen(*p) + 1;
	}
}

static void
doc_pad(struct sb *out, size_t have, size_t want)
{
	for (; have < want; have++)
		sb_addc(out, ' ');
}

static void
doc_eol(struct sb *out)
{
	size_t len = out->len;

	while (len > 0 && out->buf[len - 1] == ' ')
		len--;
	sb_setlen(out, len);
	sb_addc(out, '\n');
}

static void
doc_table_text(const struct doc_item *it, size_t lw, struct sb *out)
{
	const char **cell = ecalloc(it->ncols, sizeof *cell), *p, *v;
	size_t *width = ecalloc(it->ncols, sizeof *width), i, r, w;
	int first;

	if (it->nrows == 0) {
		if (it->value != NULL) {
			sb_adds(out, it->label);
			doc_pad(out, recout_width(it->label), lw);
			sb_adds(out, it->value);
			doc_eol(out);
		}
		goto done;
	}
	for (i = 0; i < it->ncols; i++)
		width[i] = it->cols[i].width > 0 ? (size_t)it->cols[i].width : 0;
	for (p = it->cells.buf, r = 0; r < it->nrows; r++) {
		doc_cells(it, &p, cell);
		for (i = 0; i < it->ncols; i++) {
			if (!doc_shown(it, i) || doc_note(it, i) ||
			    doc_noted(it, cell, i))
				continue;
			w = recout_width(cell[i] != NULL ? cell[i] : "-");
			if (w > width[i])
				width[i] = w;
		}
	}
	sb_adds(out, it->label);
	sb_addc(out, '\n');
	for (p = it->cells.buf, r = 0; r < it->nrows; r++) {
		doc_cells(it, &p, cell);
		sb_adds(out, "  ");
		first = 1;
		for (i = 0; i < it->ncols; i++) {
			if (!doc_shown(it, i))
				continue;
			if (doc_note(it, i)) {
				if (cell[i] != NULL) {
					sb_adds(out, it->cols[i].join);
					sb_adds(out, cell[i]);
				}
				continue;
			}
			if (!first)
				sb_adds(out, "  ");
			first = 0;
			v = cell[i] != NULL ? cell[i] : "-";
			sb_adds(out, v);
			if (!doc_noted(it, cell, i))
				doc_pad(out, recout_width(v), width[i]);
		}
		doc_eol(out);
	}
done:
	free(width);
	free(cell);
}

/* The whole document as text. */
static void
doc_text(const struct recout_doc *d, struct sb *out)
{
	const struct doc_item *it;
	size_t i, w, lw = 0;

	for (i = 0; i < d->nitems; i++)
		if ((w = recout_width(d->items[i].label)) > lw)
			lw = w;
	lw += 2;
	for (i = 0; i < d->nitems; i++) {
		it = &d->items[i];
		if (it->cols != NULL) {
			doc_table_text(it, lw, out);
		} else if (it->value != NULL) {
			sb_adds(out, it->label);
			doc_pad(out, recout_width(it->label), lw);
			sb_adds(out, it->value);
			doc_eol(out);
		}
	}
}

int
recout_doc_end(struct recout_doc *d, int abandon)
{
	struct sb out = SB_INIT;
	size_t i;
	int rc = GK_OK, failed;

	if (d == NULL)
		return GK_OK;
	if (!abandon) {
		errno = 0;
		if (d->json) {
			failed = json_dumpf(d->root, d->fp, d->jflags) != 0 ||
			    fputc('\n', d->fp) == EOF;
		} else {
			doc_text(d, &out);
			failed = out.len > 0 &&
			    fwrite(out.buf, 1, out.len, d->fp) != out.len;
		}
		if (failed || fflush(d->fp) != 0 || ferror(d->fp)) {
			diag_error(_("cannot write output: %s"),
			    errno != 0 ? strerror(errno) : "write error");
			rc = GK_IOERR;
		}
	}
	for (i = 0; i < d->nitems; i++) {
		free(d->items[i].label);
		free(d->items[i].value);
		sb_release(&d->items[i].cells);
	}
	free(d->items);
	sb_release(&out);
	sb_release(&d->tmp);
	if (d->root != NULL)
		json_decref(d->root);
	free(d);
	return rc;
}
