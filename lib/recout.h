/*
 * recout.h - records out: the only place records are printed.
 *
 * Formats: an aligned table (the default on a terminal; display width
 * of CJK and other wide characters measured with utf8proc whatever the
 * locale; columns two spaces apart, RC_INT and RC_NUM right-aligned, no
 * trailing spaces; tabs, newlines and carriage returns in values shown
 * as \t \n \r and other control characters as \xNN, so a value cannot
 * move the cursor), TSV with a header line (the default when piped;
 * tabs, newlines, carriage returns and backslashes in values escaped as
 * \t \n \r \\), CSV (RFC 4180, quoted only where a field holds a comma,
 * quote, CR or LF or starts or ends with a space; LF line ends, CRLF in
 * Excel mode), JSON (an array with one object per line) and JSON Lines
 * (one compact object per line), through jansson, keys in column order,
 * UTF-8 as is (invalid bytes become U+FFFD).
 *
 * Excel mode (--excel, for csv and tsv): a UTF-8 BOM first, CRLF line
 * ends, and the formula-injection guard: a text value starting with
 * = + - @ TAB or CR gets a leading apostrophe.  Columns typed RC_INT or
 * RC_NUM whose value is a number are not guarded.
 *
 * A table buffers at most RECOUT_TABLE_ROWS rows to measure widths and
 * then streams with those widths (a wider value later pushes the rest
 * of its line right), so memory stays bounded.  NULL values print as
 * empty (JSON null).  In JSON an RC_INT value that is a 64-bit integer
 * becomes a JSON integer, an RC_NUM decimal a JSON real, an RC_BOOL
 * "1"/"0"/"true"/"false" (any case) a boolean; any other value a string.
 */
#ifndef GRIDKIT_RECOUT_H
#define GRIDKIT_RECOUT_H

#include <stdio.h>
#include <stddef.h>

#define RECOUT_TABLE_ROWS 2000

enum recout_format {
	RECOUT_TABLE,
	RECOUT_TSV,
	RECOUT_CSV,
	RECOUT_JSON,
	RECOUT_JSONL
};

enum recout_type {
	RC_STR,		/* text */
	RC_INT,		/* integer: a JSON number when it parses as one */
	RC_NUM,		/* decimal: a JSON number when it parses as one */
	RC_BOOL		/* "1"/"0" or "true"/"false": a JSON boolean */
};

struct recout_col {
	const char *name;	/* header and JSON key */
	enum recout_type type;
};

struct recout;

/*
 * recout_parse_format maps "table", "tsv", "csv", "json", "jsonl" to a
 * format.  Returns 0, or -1 for an unknown name.
 */
int recout_parse_format(const char *name, enum recout_format *out);

/* recout_default_format: table when fp is a terminal, TSV otherwise. */
enum recout_format recout_default_format(FILE *fp);

/*
 * recout_new starts output of records with the given columns (the array
 * must outlive the writer) to fp.  excel selects Excel mode.  The
 * header (table, TSV, CSV) is written with the first row, or by
 * recout_finish when there are no rows (JSON prints []).
 */
struct recout *recout_new(FILE *fp, enum recout_format fmt, int excel,
    const struct recout_col *cols, size_t ncols);

/*
 * recout_row writes one record: ncols values, NULL for none.  Returns 0,
 * or GK_IOERR when writing failed; the first failure is reported once
 * with diag_error, and every later call returns GK_IOERR at once.
 */
int recout_row(struct recout *w, const char *const *values);

/*
 * recout_finish flushes buffered rows, closes JSON and flushes fp (it
 * does not close it); frees w in every case (NULL is allowed).  Returns
 * 0, or GK_IOERR when writing failed at any point (reported once, as
 * for recout_row).
 */
int recout_finish(struct recout *w);

/*
 * recout_end is recout_finish, or with abandon set, the end of output
 * that failed: when nothing was printed yet nothing is (no header, no
 * empty JSON array), so a refused command prints nothing on stdout;
 * rows already given are still flushed.  Frees w; returns as
 * recout_finish.
 */
int recout_end(struct recout *w, int abandon);

/*
 * recout_width returns the display width of UTF-8 text s in terminal
 * columns (CJK wide characters count 2, combining marks and control
 * characters 0, a byte that is not valid UTF-8 1).
 */
size_t recout_width(const char *s);

#endif
