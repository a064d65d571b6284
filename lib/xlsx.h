/*
 * xlsx.h - Excel workbooks (.xlsx, as Excel and WPS write them) read
 * one row at a time; recin is its only caller.
 *
 * The package is opened with libzip from memory (so standard input
 * works), its XML read with expat: the workbook (sheet names, the 1904
 * date flag), its relationships (where each sheet is), the shared
 * strings and the cell formats.  The sheet itself is streamed: the
 * parser is suspended at the end of each row, so memory follows the
 * shared strings and the longest row, not the sheet.
 *
 * A cell's text is what Excel shows in it, as far as data goes: shared
 * and inline strings (rich text joined, phonetic guides left out) as
 * they are; numbers in plain decimal with at most 15 significant
 * digits, the precision Excel keeps, and never in scientific notation
 * (an identity number stored as a number gives its 18 digits, the last
 * ones as Excel rounded them), with its leading zeros in a format of
 * zeros ("000000": 123 is 000123); a number in a date or time format as
 * YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or HH:MM:SS (the 1900 date system
 * with its fictitious 29 February 1900, or the 1904 one when the
 * workbook says so); TRUE and FALSE; formula results as cached; error
 * values such as #N/A as they are.  A number with more than 15 digits
 * before the point is warned about, since Excel has lost its last
 * digits: the first in each column with its place, the others counted
 * once the sheet is read.
 *
 * Places are written "file.xlsx:Sheet1!C7" (xlsx_place).
 */
#ifndef GRIDKIT_XLSX_H
#define GRIDKIT_XLSX_H

#include <stddef.h>

struct sb;
struct xlsx;

/*
 * xlsx_open opens the workbook in data (len bytes; xlsx_open takes it
 * over and frees it with free()), name its file name for messages, and
 * picks the sheet named sheet, or the first that is not hidden when
 * sheet is NULL.  Returns GK_OK with *out set, or GK_DATAERR after
 * reporting (not a workbook, a damaged one, no such sheet: the
 * message lists the sheets there are).
 */
int xlsx_open(struct xlsx **out, const char *name, void *data, size_t len,
    const char *sheet);

/* The name of the sheet being read. */
const char *xlsx_sheet(const struct xlsx *x);

/* How many sheets the workbook has (hidden ones included). */
size_t xlsx_nsheets(const struct xlsx *x);

/*
 * xlsx_next reads the next row that has a cell.  Returns 1 with the
 * row described by xlsx_row, xlsx_ncols and xlsx_cell; 0 at the end of
 * the sheet (when the warnings about long numbers are summed up); or
 * -GK_DATAERR after reporting broken XML.
 */
int xlsx_next(struct xlsx *x);

/* The row number (1-based) of the current row. */
unsigned long xlsx_row(const struct xlsx *x);

/* Columns up to the last cell of the current row (1 for column A). */
size_t xlsx_ncols(const struct xlsx *x);

/* The text of column col (1-based) of the current row; "" for a
 * column without a cell.  Valid until the next xlsx_next. */
const char *xlsx_cell(const struct xlsx *x, size_t col);

void xlsx_close(struct xlsx *x);

/*
 * xlsx_place appends to out where a cell is: "name:Sheet1!C7"; with
 * col 0 the whole row, "name:Sheet1!7:7"; with row 0 the sheet.  A
 * sheet name other than letters, digits, '_' and '.' is quoted as
 * Excel does ('My Sheet'!C7).
 */
void xlsx_place(struct sb *out, const char *name, const char *sheet,
    unsigned long row, unsigned long col);

/* xlsx_colname writes the letters of column col (1: "A", 27: "AA")
 * to buf (at least 8 bytes); returns buf. */
char *xlsx_colname(unsigned long col, char *buf);

#endif
