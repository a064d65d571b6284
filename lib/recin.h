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
 * after Unicode NFKC case folding, without the blanks inside them
 * ("姓　名" is 姓名, a header broken over two lines is one), so "Code",
 * "CODE" and "ｃｏｄｅ" all match "code".
 *
 * Framing, as the forms offices fill in have it: the lines above the
 * header in which no cell names a field (a title merged over the
 * table, 填报单位 and 填报日期 lines; up to 30 of them) are passed over
 * with a warning each, given once the header is found (lines before no
 * header at all may be data, and are not echoed).  Below the header, a
 * row whose first non-blank cell is a total (合计, 总计, 小计, 共计,
 * 累计, 总数) or starts a footer (制表人, 制表单位, 审核人, 填表人,
 * 负责人, 注：, 说明： and the like, followed by nothing, a colon or a
 * bracket) is passed over with a warning; so are, after a footer line,
 * lines of one non-blank cell (the footer's notes).  opts.skip passes
 * over the first lines (rows of a sheet) before any of this, keeping
 * the file's own line numbers.
 *
 * Excel workbooks (.xlsx) are read directly (xlsx.h says how cells
 * become text): the first sheet that is not hidden, or opts.sheet.  A
 * workbook is recognised by its content (a zip package) whatever its
 * name; an old .xls (an OLE2 file), or a workbook given where
 * opts.format forces a text format, is refused with a message saying
 * what it is and what to do.  In a workbook, a "line" is a row and a
 * column is a sheet column, and places are written
 * "file.xlsx:Sheet1!C7" (recin_at).
 *
 * A byte order mark beats opts.encoding: a file that starts with a
 * UTF-8 or UTF-16 BOM is read as what the BOM says, with a warning.
 *
 * Errors are reported on stderr through recin_at with file:line:col and
 * returned as a status (GK_DATAERR, GK_NOINPUT, GK_IOERR).
 */
#ifndef GRIDKIT_RECIN_H
#define GRIDKIT_RECIN_H

#include <stdarg.h>
#include <stddef.h>

struct recin;

struct recin_opts {
	const char *format;	/* "csv", "tsv", "jsonl", "xlsx" or NULL:
				   by content */
	const char *encoding;	/* iconv name ("gb18030") or NULL: UTF-8 */
	const char *sheet;	/* the sheet of a workbook, or NULL: the
				   first that is not hidden */
	unsigned long skip;	/* lines (rows of a sheet) passed over
				   before the header is looked for */
};

struct recin_field {
	const char *name;		/* canonical name, e.g. "code" */
	int required;			/* a missing column is an error */
	const char *const *aliases;	/* NULL-terminated, or NULL */
};

/*
 * recin_open opens path ("-" or NULL: standard input) for reading.
 * NULL means no file was named: it is refused when standard input is a
 * terminal, where "-" reads it.
 * On success *out is a reader the caller frees with recin_close.
 * Returns GK_OK, GK_NOINPUT (cannot open), GK_USAGE (unknown format or
 * encoding name, or NULL and a terminal).
 */
int recin_open(struct recin **out, const char *path,
    const struct recin_opts *opts);

/*
 * recin_bind reads the header (CSV, TSV) and maps the n fields to
 * columns; for JSON Lines, keys are matched per record the same way.
 * Call it once, before recin_next; it recognises the format first when
 * opts.format was NULL.  A required field with no column, or two
 * columns for one field, is an error (GK_DATAERR) naming the column
 * and the aliases tried; every such problem in the header is reported
 * before it returns.  Columns matching no field, and JSON keys
 * matching none, are ignored with a warning (once each); empty header
 * cells are ignored silently.  A JSON line without a required key is
 * not an error here: recin_get returns NULL, and the caller says what
 * is missing.  Input with no header line (empty, or only empty lines)
 * is GK_DATAERR, unless the format was forced to "jsonl".  May also
 * return GK_IOERR.  The fields array must outlive the reader.
 */
int recin_bind(struct recin *r, const struct recin_field *fields, size_t n);

/*
 * recin_next reads the next record.  Returns
 *
 *   1  a record: recin_get and friends describe it;
 *   0  end of input;
 *   2  a malformed record that was skipped and already reported (a
 *      CSV/TSV row with a different number of cells from the header,
 *      a JSON line that is not valid JSON or not an object, a JSON
 *      value that is an array or object, two keys for one field);
 *      reading can go on, so a caller can report every bad row;
 *  -status  a fatal error, already reported (GK_DATAERR: a quoted
 *      field still open at the end of the input, reported at the line
 *      where its quote opened; invalid UTF-8, a NUL byte or a byte
 *      sequence invalid in the encoding; a record over 64 MiB.
 *      GK_IOERR: a read error).  Every later call returns it again.
 *
 * recin_bind must have succeeded first.  Skipped silently: empty lines
 * and rows whose cells are all empty (what Excel writes for formatted
 * but empty rows, ",,,"); a line of white space is a record.  A record
 * starts on the line it is reported at and may span lines (newlines
 * inside quotes).  LF, CRLF and a lone CR all end a line.
 *
 * CSV leniency, like Excel: a quote inside an unquoted field is kept
 * literally (12"3 is 12"3), and text after a closing quote is kept
 * ("ab"c is abc).  TSV has no quoting at all.
 */
int recin_next(struct recin *r);

/*
 * recin_get returns the value of field i (index into the bind array)
 * of the current record: NULL when the column is absent (or a JSON key
 * is missing or null), otherwise the text with surrounding ASCII white
 * space, full-width spaces (U+3000), no-break spaces (U+00A0), BOMs
 * and zero-width characters trimmed ("" for an empty cell).  JSON
 * values: strings as they are, integers in decimal (exact to 64 bits),
 * reals in the shortest form that reads back the same, true and false
 * as "true" and "false".  Valid until the next recin_next.
 */
const char *recin_get(const struct recin *r, size_t i);

/*
 * recin_col returns the 1-based column, in characters, where the cell
 * of field i starts (its opening quote, if quoted) in the line it
 * starts on, and recin_field_line that line: they differ from
 * recin_line only for a field after a newline inside quotes.  For JSON
 * Lines, or an absent column, recin_col is 0 and recin_field_line is
 * recin_line.
 */
unsigned long recin_col(const struct recin *r, size_t i);
unsigned long recin_field_line(const struct recin *r, size_t i);

/* recin_header returns the header cell as written in the file that
 * field i was bound to, blanks around it trimmed (for messages: field
 * "身份证号"); for JSON Lines the key in the current record; or the
 * canonical name when unknown. */
const char *recin_header(const struct recin *r, size_t i);

/* The file name for messages ("-" for standard input) and the line the
 * current record starts on. */
const char *recin_name(const struct recin *r);
unsigned long recin_line(const struct recin *r);

/* recin_format returns "csv", "tsv", "jsonl" or "xlsx" once known. */
const char *recin_format(const struct recin *r);

void recin_close(struct recin *r);

/*
 * recin_at reports an error (warn 0, counted by diag_errors) or a
 * warning (warn 1) about a place in r's input: "file:line:col: ..."
 * for text (line or col 0 leaves it out), "file.xlsx:Sheet1!C7: ..."
 * for a workbook (col 0: the row, "Sheet1!7:7"; line 0: the sheet).
 */
void recin_at(const struct recin *r, int warn, unsigned long line,
    unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void recin_vat(const struct recin *r, int warn, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/*
 * recin_excel_damage tells whether a value that should be a long digit
 * string (a code, an identity number) looks like what Excel makes of
 * one: scientific notation ("1.40105E+17", "1.4E+14") or a number
 * whose last digits were rounded to zeros by its 15-digit precision.
 * Only the first is reported here: an 18-digit value ending "000" is
 * merely suspicious.  Recognised: digits, an optional decimal point or
 * comma (locales that write one) and digits, E or e, an optional sign,
 * digits ("1.40105E+17", "1,40105E+17", "1E17").  Returns a static hint
 * sentence, or NULL when the value does not look damaged (or is NULL).
 */
const char *recin_excel_damage(const char *value);

/*
 * recin_excel_zeros tells whether value is 18 digits ending in 000:
 * what Excel, which keeps 15 digits, leaves of an identity number it
 * took for a number, whether or not the check character happens to
 * fit.  Merely suspicious (one real number in a thousand ends so):
 * for a warning, not an error.
 */
int recin_excel_zeros(const char *value);

#endif
