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
	RECOUT_JSONL,
	RECOUT_XLSX	/* a workbook: recout_open_file only */
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
	const char *words;	/* NULL, or the vocabulary its values come
				   from ("stage"): people read them in
				   their language (recout_set_words) */
	const char *ctx;	/* NULL, or the context of the header's
				   translation when the name means
				   something else here than in "column":
				   "thing": the "name" of a place or a
				   category (名称), not of a person (姓名) */
};

/*
 * recout_set_words sets how a value of a word list is shown to people
 * (i18n_people: a table, --excel, --lang): fn(words, value) returns the
 * word in the people's language, or value.  Records for scripts and
 * JSON keep the canonical value.  The driver sets it (vocab_word).
 */
void recout_set_words(const char *(*fn)(const char *words,
    const char *value));

struct recout;

/*
 * recout_parse_format maps "table", "tsv", "csv", "json", "jsonl",
 * "xlsx" to a format.  Returns 0, or -1 for an unknown name.
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
 * recout_open_file starts output of records to the file path, in any
 * format, RECOUT_XLSX included: an Excel workbook of one sheet, the
 * header row in bold and frozen, text columns formatted as Text and
 * their values written as text cells (so Excel cannot turn a code, an
 * identity number or a phone into a number), RC_INT and RC_NUM values
 * of at most 15 digits as numbers, RC_BOOL as booleans.  The file is
 * written under a temporary name beside path (".NAME.XXXXXX", mode
 * 0600) and renamed to path by recout_finish, replacing a file of that
 * name; recout_end with abandon removes it, so a failed command leaves
 * no file.  Never NULL: when the file cannot be made, that is reported
 * and every later call returns GK_CANTCREAT.
 */
struct recout *recout_open_file(const char *path, enum recout_format fmt,
    int excel, const struct recout_col *cols, size_t ncols);

/*
 * recout_row writes one record: ncols values, NULL for none.  Returns 0,
 * or GK_IOERR when writing failed; the first failure is reported once
 * with diag_error, and every later call returns GK_IOERR at once
 * (GK_CANTCREAT for a file recout_open_file could not make).
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

/*
 * Documents: what a show verb prints about one thing, as fields (a
 * label and a value) and tables (a title and rows) in the order given.
 *
 * As text (every format but JSON and JSON Lines): one field a line,
 * its label padded with spaces to two more than the widest label or
 * title of the document, then the value; a field whose value is NULL
 * is left out (its label still counts for the width).  A table is its
 * title on a line of its own, then one line per row indented by two
 * spaces, no heading, columns two spaces apart, each padded to its
 * widest value (display width, as recout_width) but at least to its
 * minimum width, always left-aligned, NULL shown as "-", no trailing
 * spaces.  A table without rows is its title and its empty text on one
 * line, as a field, or nothing when the empty text is NULL.  Values are
 * escaped as in an aligned table, so none can move the cursor.
 *
 * As JSON: one object, each field a member (NULL is null), each table
 * an array of objects, keys in the order given, numbers and booleans
 * typed as records are (RC_INT, RC_NUM, RC_BOOL), UTF-8 as is (invalid
 * bytes become U+FFFD); indented by two spaces for RECOUT_JSON, on one
 * line for RECOUT_JSONL; a newline after it.
 *
 * Text and JSON need not say the same: a field or column with no label
 * or title is JSON only, one with no key text only, so a show can print
 * "status  retired since ..." for two JSON members.  Nothing is printed
 * before recout_doc_end, so a show that fails half-way prints nothing.
 */
struct recout_doc;

/* A column of a document's table. */
struct recout_doc_col {
	const char *key;	/* JSON key, or NULL: text only */
	enum recout_type type;	/* JSON type; text is left-aligned */
	int width;		/* text: minimum display width; -1: JSON only */
	const char *join;	/* text: NULL, or the separator that joins this
				   column to the one before as its note
				   ("failed: reason"); a cell with a note is
				   not padded and does not widen its column;
				   a NULL note prints nothing */
};

/* recout_doc_new starts a document to fp in fmt. */
struct recout_doc *recout_doc_new(FILE *fp, enum recout_format fmt);

/*
 * recout_doc_field adds a field: key its JSON key (NULL: text only),
 * label its text label (NULL: JSON only), value NULL for none.  The
 * strings are copied.
 */
void recout_doc_field(struct recout_doc *d, const char *key,
    const char *label, enum recout_type type, const char *value);

/* recout_doc_textf adds a text-only field whose value is formatted. */
void recout_doc_textf(struct recout_doc *d, const char *label,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * recout_doc_table starts a table: key its JSON key (NULL: text only),
 * title its text title (NULL: JSON only), the columns (the array must
 * outlive the document), empty the text printed after the title when
 * there are no rows (NULL: nothing).  Rows go to the latest table.
 */
void recout_doc_table(struct recout_doc *d, const char *key,
    const char *title, const struct recout_doc_col *cols, size_t ncols,
    const char *empty);

/* recout_doc_row adds a row of ncols values (NULL for none), copied. */
void recout_doc_row(struct recout_doc *d, const char *const *values);

/*
 * recout_doc_end prints the document and flushes fp (it does not close
 * it), or with abandon set prints nothing; frees d in every case (NULL
 * is allowed).  Returns 0, or GK_IOERR when writing failed (reported
 * once with diag_error).
 */
int recout_doc_end(struct recout_doc *d, int abandon);

#endif
