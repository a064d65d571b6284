/*
 * recout.h - records out: the only place records are printed.
 *
 * Formats: an aligned table (the default on a terminal; display width
 * of CJK and other wide characters measured with utf8proc whatever the
 * locale), TSV with a header line (the default when piped; tabs,
 * newlines and backslashes in values escaped as \t \n \\), CSV
 * (RFC 4180, quoted only where needed), JSON (one array of objects) and
 * JSON Lines (one object per line), through jansson.
 *
 * Excel mode (--excel, for csv and tsv): a UTF-8 BOM first, CRLF line
 * ends, and the formula-injection guard: a text value starting with
 * = + - @ TAB or CR gets a leading apostrophe.  Columns typed RC_INT or
 * RC_NUM whose value is a number are not guarded.
 *
 * A table buffers at most RECOUT_TABLE_ROWS rows to measure widths and
 * then streams, so memory stays bounded.  NULL values print as empty
 * (JSON null).
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

/* recout_row writes one record: ncols values, NULL for none.
 * Returns 0, or GK_IOERR when writing failed. */
int recout_row(struct recout *w, const char *const *values);

/* recout_finish flushes buffered rows and closes JSON; frees w.
 * Returns 0, or GK_IOERR when writing failed. */
int recout_finish(struct recout *w);

/*
 * recout_width returns the display width of UTF-8 text s in terminal
 * columns (CJK wide characters count 2, combining marks 0).
 */
size_t recout_width(const char *s);

#endif
