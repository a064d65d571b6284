/*
 * recin.h - records in: the only place input records are parsed.
 *
 * Reads CSV (RFC 4180: quoted fields, doubled quotes, embedded commas
 * and newlines, CRLF or LF), TSV (tab-separated, no quoting, a header
 * line) and JSON Lines (one object per line; string, integer, real,
 * boolean or null values) from a file or standard input, one record at
 * a time, so memory does not grow with the file.
 *
 * Encoding: UTF-8; a UTF-8 BOM is dropped; UTF-16LE/BE with a BOM (Excel
 * "Unicode Text") is transcoded; any iconv encoding (gb18030, gbk) with
 * opts.encoding.  Invalid UTF-8 is an error at file:line:col with a hint
 * to use --encoding gb18030.
 *
 * Format: opts.format "csv", "tsv" or "jsonl", or NULL to recognise it
 * from the content (a first non-blank character '{' means JSON Lines; a
 * header line with a tab and no comma, or more tabs than commas, means
 * TSV; otherwise CSV).
 *
 * Columns are matched by name (recin_bind): each wanted field has a
 * canonical name and aliases (Chinese headers such as 网格编码); header
 * cells are compared after trimming ASCII and full-width spaces, BOMs,
 * zero-width characters and a leading '*' (Excel template marker), and
 * after Unicode NFKC case folding, so "Code", "CODE" and "ｃｏｄｅ" all
 * match "code".
 *
 * Errors are reported on stderr through diag_at() with file:line:col and
 * returned as a status (GK_DATAERR, GK_NOINPUT, GK_IOERR).
 */
#ifndef GRIDKIT_RECIN_H
#define GRIDKIT_RECIN_H

#include <stddef.h>

struct recin;

struct recin_opts {
	const char *format;	/* "csv", "tsv", "jsonl" or NULL: by content */
	const char *encoding;	/* iconv name ("gb18030") or NULL: UTF-8 */
};

struct recin_field {
	const char *name;		/* canonical name, e.g. "code" */
	int required;			/* a missing column is an error */
	const char *const *aliases;	/* NULL-terminated, or NULL */
};

/*
 * recin_open opens path ("-" or NULL: standard input) for reading.
 * On success *out is a reader the caller frees with recin_close.
 * Returns GK_OK, GK_NOINPUT (cannot open), GK_USAGE (unknown format or
 * encoding name).
 */
int recin_open(struct recin **out, const char *path,
    const struct recin_opts *opts);

/*
 * recin_bind reads the header (CSV, TSV) and maps the n fields to
 * columns; for JSON Lines, keys are matched per record the same way.
 * A required field with no column, or two columns for one field, is
 * an error (GK_DATAERR) naming the column and the aliases tried.
 * Columns matching no field are ignored with a warning (once).
 * The fields array must outlive the reader.
 */
int recin_bind(struct recin *r, const struct recin_field *fields, size_t n);

/*
 * recin_next reads the next record.  Returns 1 for a record, 0 at end
 * of input, or -status on an error already reported (a syntax error
 * in the file, invalid encoding, a read error).  Blank lines are
 * skipped.  A CSV/TSV record with a different number of cells from the
 * header is an error at that line.
 */
int recin_next(struct recin *r);

/*
 * recin_get returns the value of field i (index into the bind array)
 * of the current record: NULL when the column is absent (or a JSON key
 * is missing or null), otherwise the text with surrounding ASCII white
 * space, full-width spaces and zero-width characters trimmed.  Valid
 * until the next recin_next.
 */
const char *recin_get(const struct recin *r, size_t i);

/* recin_col returns the 1-based column of field i in the current
 * record's first line (CSV/TSV), or 0 when unknown (JSON Lines). */
unsigned long recin_col(const struct recin *r, size_t i);

/* recin_header returns the header cell as written in the file that
 * field i was bound to (for messages: field "身份证号"), or the
 * canonical name when unknown. */
const char *recin_header(const struct recin *r, size_t i);

/* The file name for messages ("-" for standard input) and the line the
 * current record starts on. */
const char *recin_name(const struct recin *r);
unsigned long recin_line(const struct recin *r);

/* recin_format returns "csv", "tsv" or "jsonl" once known. */
const char *recin_format(const struct recin *r);

void recin_close(struct recin *r);

/*
 * recin_excel_damage tells whether a value that should be a long digit
 * string (a code, an identity number) looks like what Excel makes of
 * one: scientific notation ("1.40105E+17", "1.4E+14") or a number
 * whose last digits were rounded to zeros by its 15-digit precision
 * (an 18-character value ending "000" with n_expected 18 is only
 * suspicious, so it is not reported here).  Returns a static hint
 * sentence, or NULL when the value does not look damaged.
 */
const char *recin_excel_damage(const char *value);

#endif
