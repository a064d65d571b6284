/*
 * test_xlsx.c - Excel workbooks in, through recin: a workbook written
 * by libxlsxwriter as Excel writes them (shared strings, styles, a
 * hidden sheet), workbooks put together by hand as WPS and others
 * write them (inline strings, no cell references, prefixed names, the
 * 1904 date system), numbers and dates as Excel shows them, places
 * in messages, and files that are not workbooks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "capture.h"
#include "diag.h"
#include "recin.h"
#include "recout.h"
#include "status.h"
#include "util.h"
#include "xlsx.h"

static const char *const code_aliases[] = { "网格编码", "编码", NULL };
static const char *const name_aliases[] = { "名称", "姓名", NULL };
static const char *const id_aliases[] = { "身份证号", NULL };
static const char *const date_aliases[] = { "日期", NULL };
static const struct recin_field fields[] = {
	{ "code", 1, code_aliases },	/* 0 */
	{ "name", 1, name_aliases },	/* 1 */
	{ "id", 0, id_aliases },	/* 2 */
	{ "date", 0, date_aliases },	/* 3 */
};
#define NFIELDS (sizeof fields / sizeof fields[0])
enum { CODE, NAME, ID, DATE };


static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Default Extension=\"xml\" ContentType=\"application/"
    "xml\"/></Types>";

static const char workbook_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
    "2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>"
    "</Relationships>";

/* Cell formats: 0 general, 1 a date (custom 176), 2 text, 3 six
 * digits with leading zeros (custom 177). */
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\"><numFmts count=\"2\"><numFmt numFmtId=\"176\" "
    "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"177\" formatCode=\"000000\"/>"
    "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"176\"/>"
    "<xf numFmtId=\"49\"/><xf numFmtId=\"177\"/></cellXfs></styleSheet>";

/* put_zip writes a workbook of one sheet "Sheet1" by hand: the
 * workbook's attributes wbpr, the sheet's rows in sheetdata, with the
 * element prefix pfx ("" or "x:"). */
static void
put_zip(const char *path, const char *wbpr, const char *pfx,
    const char *sheetdata)
{
	struct { const char *name; char *text; } part[5];
	struct sb wb = SB_INIT, sh = SB_INIT;
	zip_source_t *src;
	zip_t *za;
	int err, i;

	sb_addf(&wb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<%sworkbook xmlns%s%.*s=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships\">"
	    "<%sworkbookPr %s/><%ssheets><%ssheet name=\"Sheet1\" "
	    "sheetId=\"1\" r:id=\"rId1\"/></%ssheets></%sworkbook>",
	    pfx, *pfx ? ":" : "", *pfx ? 1 : 0, pfx, pfx, wbpr, pfx, pfx,
	    pfx, pfx);
	sb_addf(&sh, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<%sworksheet xmlns%s%.*s=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><%ssheetData>%s</%ssheetData>"
	    "</%sworksheet>", pfx, *pfx ? ":" : "", *pfx ? 1 : 0, pfx, pfx,
	    sheetdata, pfx, pfx);
	part[0].name = "[Content_Types].xml";
	part[0].text = estrdup(content_types);
	part[1].name = "xl/workbook.xml";
	part[1].text = sb_detach(&wb);
	part[2].name = "xl/_rels/workbook.xml.rels";
	part[2].text = estrdup(workbook_rels);
	part[3].name = "xl/worksheets/sheet1.xml";
	part[3].text = sb_detach(&sh);
	part[4].name = "xl/styles.xml";
	part[4].text = estrdup(styles);
	unlink(path);
	za = zip_open(path, ZIP_CREATE | ZIP_EXCL, &err);
	assert_non_null(za);
	for (i = 0; i < 5; i++) {
		src = zip_source_buffer(za, part[i].text,
		    strlen(part[i].text), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, part[i].name, src, 0) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	for (i = 0; i < 5; i++)
		free(part[i].text);
}

static struct recin *
open_bound(const char *path, const char *sheet)
{
	struct recin_opts opts = { .sheet = sheet };
	struct recin *r;

	assert_int_equal(recin_open(&r, path, &opts), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_OK);
	return r;
}

/* A workbook as Excel writes it, through libxlsxwriter. */
static void
write_excel(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *notes, *ws;
	lxw_format *date, *text, *builtin;

	assert_non_null(wb);
	notes = workbook_add_worksheet(wb, "说明");
	ws = workbook_add_worksheet(wb, "花名册");
	worksheet_write_string(notes, 0, 0, "填表说明", NULL);
	worksheet_hide(notes);
	worksheet_activate(ws);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");

	worksheet_write_string(ws, 0, 0, "清徐县网格员花名册", NULL);
	worksheet_write_string(ws, 2, 0, "网格编码", NULL);
	worksheet_write_string(ws, 2, 1, "姓名", NULL);
	worksheet_write_string(ws, 2, 2, "身份证号", NULL);
	worksheet_write_string(ws, 2, 3, "日期", NULL);
	/* Row 4: a code typed as a number, an identity number that Excel
	 * made a number, a date. */
	worksheet_write_number(ws, 3, 0, 140121100001001.0, NULL);
	worksheet_write_string(ws, 3, 1, "张伟", NULL);
	worksheet_write_number(ws, 3, 2, 140121199001011234.0, NULL);
	worksheet_write_number(ws, 3, 3, 45000, date);
	/* Row 5: text cells, a built-in date format, a decimal. */
	worksheet_write_string(ws, 4, 0, "140121100001002", text);
	worksheet_write_string(ws, 4, 1, "李娜", NULL);
	worksheet_write_string(ws, 4, 2, "14012119950505234X", text);
	worksheet_write_number(ws, 4, 3, 45000.75, builtin);
	/* Row 6: a decimal and a boolean. */
	worksheet_write_number(ws, 5, 0, 3.5, NULL);
	worksheet_write_string(ws, 5, 1, "王强", NULL);
	worksheet_write_boolean(ws, 5, 3, 1, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void
test_xlsx__excel_workbook_first_visible_sheet_numbers_and_dates(void **st)
{
	struct recin *r;
	const char *err;

	write_excel("excel.xlsx");
	capture_start();
	r = open_bound("excel.xlsx", NULL);
	assert_string_equal(recin_format(r), "xlsx");

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 4);
	assert_string_equal(recin_get(r, CODE), "140121100001001");
	assert_string_equal(recin_get(r, NAME), "张伟");
	/* 15 digits kept, the rest as Excel rounded them: no 1.4e+17. */
	assert_string_equal(recin_get(r, ID), "140121199001011000");
	assert_string_equal(recin_get(r, DATE), "2023-03-15");
	assert_int_equal(recin_col(r, ID), 3);

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 5);
	assert_string_equal(recin_get(r, CODE), "140121100001002");
	assert_string_equal(recin_get(r, ID), "14012119950505234X");
	assert_string_equal(recin_get(r, DATE), "2023-03-15");

	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "3.5");
	assert_string_equal(recin_get(r, ID), "");
	assert_string_equal(recin_get(r, DATE), "TRUE");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
	err = capture_end();
	/* The title above the header, in the sheet named. */
	assert_non_null(strstr(err, "test: excel.xlsx:花名册!1:1: warning: "
	    "skipping \"清徐县网格员花名册\" above the header\n"));
	assert_non_null(strstr(err, "test: excel.xlsx:花名册!C4: warning: "
	    "a number of 18 digits, which Excel shows as 1.40121E+17"));

	/* The hidden sheet, by name. */
	capture_start();
	assert_int_equal(recin_open(&r, "excel.xlsx",
	    &(struct recin_opts){ .sheet = "说明" }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	recin_close(r);
	assert_int_equal(recin_open(&r, "excel.xlsx",
	    &(struct recin_opts){ .sheet = "Sheet9" }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	recin_close(r);
	err = capture_end();
	assert_non_null(strstr(err, "test: excel.xlsx:说明: the workbook has 2 "
	    "sheets; is the table on another one?\n"));
	assert_non_null(strstr(err, "test: excel.xlsx: no sheet \"Sheet9\" in "
	    "the workbook (it has \"说明\", \"花名册\")\n"));
}

static void
test_xlsx__wps_inline_strings_and_cells_without_references(void **st)
{
	struct recin *r;

	/* WPS writes inline strings; some writers leave out r=, others
	 * prefix every element. */
	put_zip("wps.xlsx", "", "x:",
	    "<x:row><x:c t=\"inlineStr\"><x:is><x:t>编码</x:t></x:is></x:c>"
	    "<x:c t=\"inlineStr\"><x:is><x:t>名称</x:t></x:is></x:c></x:row>"
	    "<x:row><x:c t=\"inlineStr\"><x:is><x:r><x:t>14012110</x:t>"
	    "</x:r><x:r><x:t>0001001</x:t></x:r><x:rPh><x:t>ignored</x:t>"
	    "</x:rPh></x:is></x:c><x:c t=\"inlineStr\"><x:is><x:t xml:space="
	    "\"preserve\"> 西街 &amp; 东街 </x:t></x:is></x:c></x:row>"
	    "<x:row r=\"5\"><x:c r=\"B5\" t=\"str\"><x:f>A1</x:f><x:v>公式"
	    "</x:v></x:c></x:row>");
	r = open_bound("wps.xlsx", NULL);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 2);
	assert_string_equal(recin_get(r, CODE), "140121100001001");
	assert_string_equal(recin_get(r, NAME), "西街 & 东街");
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 5);
	assert_string_equal(recin_get(r, CODE), "");
	assert_int_equal(recin_col(r, NAME), 2);
	assert_string_equal(recin_get(r, NAME), "公式");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
}

static void
test_xlsx__serial_dates_1900_leap_bug_and_1904(void **st)
{
	static const char rows[] =
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is>"
	    "</c><c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c>"
	    "<c r=\"C1\" t=\"inlineStr\"><is><t>date</t></is></c></row>"
	    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>x</v></c>"
	    "<c r=\"C2\" s=\"1\"><v>59</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\"><v>x</v></c>"
	    "<c r=\"C3\" s=\"1\"><v>60</v></c></row>"
	    "<row r=\"4\"><c r=\"A4\"><v>3</v></c><c r=\"B4\"><v>x</v></c>"
	    "<c r=\"C4\" s=\"1\"><v>61</v></c></row>"
	    "<row r=\"5\"><c r=\"A5\"><v>4</v></c><c r=\"B5\"><v>x</v></c>"
	    "<c r=\"C5\" s=\"2\"><v>32874</v></c></row>"
	    "<row r=\"6\"><c r=\"A6\" s=\"3\"><v>123</v></c><c r=\"B6\">"
	    "<v>x</v></c></row>";
	struct recin *r;

	put_zip("d1900.xlsx", "", "", rows);
	r = open_bound("d1900.xlsx", NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, DATE), "1900-02-28");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, DATE), "1900-02-29");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, DATE), "1900-03-01");
	/* A text-formatted (@) cell holding a number stays a number. */
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, DATE), "32874");
	/* A code kept with its leading zeros by a format of zeros. */
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "000123");
	recin_close(r);

	put_zip("d1904.xlsx", "date1904=\"1\"", "", rows);
	r = open_bound("d1904.xlsx", NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, DATE), "1904-02-29");
	recin_close(r);
}

static void
test_xlsx__errors_are_placed_as_excel_names_cells(void **st)
{
	struct recin *r;
	struct sb place = SB_INIT;
	const char *err;

	put_zip("bad.xlsx", "", "",
	    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is>"
	    "</c><c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
	    "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"E3\"><v>2</v></c>"
	    "</row>"
	    "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>9</v></c></row>");
	capture_start();
	r = open_bound("bad.xlsx", NULL);
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_next(r), -GK_DATAERR);
	recin_at(r, 0, 7, 3, "field \"%s\": bad", "x");
	recin_close(r);
	err = capture_end();
	assert_string_equal(err,
	    "test: bad.xlsx:Sheet1!E3: a value right of the table, whose "
	    "header ends at column B\n"
	    "test: bad.xlsx:Sheet1!A7: shared string 9 is not in the "
	    "workbook\n"
	    "test: bad.xlsx:Sheet1!C7: field \"x\": bad\n");

	xlsx_place(&place, "f.xlsx", "My Sheet", 3, 28);
	assert_string_equal(place.buf, "f.xlsx:'My Sheet'!AB3");
	sb_reset(&place);
	xlsx_place(&place, "f.xlsx", "Sheet1", 3, 0);
	assert_string_equal(place.buf, "f.xlsx:Sheet1!3:3");
	sb_release(&place);
}

static void
test_xlsx__not_a_workbook_says_what_it_is(void **st)
{
	static const char ole2[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
	struct recin *r;
	const char *err;
	FILE *fp;

	fp = fopen("old.xls", "wb");
	assert_non_null(fp);
	fwrite(ole2, 1, sizeof ole2 - 1, fp);
	fclose(fp);
	fp = fopen("text.csv", "wb");
	assert_non_null(fp);
	fputs("code,name\n1,x\n", fp);
	fclose(fp);
	write_excel("book.csv");	/* named as CSV, a workbook all the same */

	capture_start();
	assert_int_equal(recin_open(&r, "old.xls", NULL), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	recin_close(r);
	assert_int_equal(recin_open(&r, "book.csv",
	    &(struct recin_opts){ .format = "csv" }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	recin_close(r);
	assert_int_equal(recin_open(&r, "text.csv",
	    &(struct recin_opts){ .format = "xlsx" }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	recin_close(r);
	assert_int_equal(recin_open(&r, "text.csv",
	    &(struct recin_opts){ .sheet = "Sheet1" }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_USAGE);
	recin_close(r);
	err = capture_end();
	assert_non_null(strstr(err, "test: old.xls: this is an old Excel "
	    "workbook (.xls, Excel 97-2003)"));
	assert_non_null(strstr(err, "test: book.csv: this is an Excel "
	    "workbook (.xlsx), not CSV"));
	assert_non_null(strstr(err, "test: text.csv: not an Excel workbook"));
	assert_non_null(strstr(err, "test: text.csv: a sheet was asked for"));

	/* Without a forced format, the workbook named .csv is read. */
	capture_start();
	r = open_bound("book.csv", NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "张伟");
	recin_close(r);
	capture_end();
}

static void
test_xlsx__written_workbook_reads_back_with_text_kept(void **st)
{
	static const struct recout_col cols[] = {
		{ "code", RC_STR }, { "name", RC_STR }, { "id", RC_STR },
		{ "date", RC_INT },
	};
	const char *row1[] = {
		"0140121", "=1+1", "14012119900101123X", "7"
	};
	const char *row2[] = {
		"2", NULL, "140121199001011238", "12345678901234567"
	};
	struct recout *w;
	struct recin *r;
	struct stat sb;

	unlink("out.xlsx");
	w = recout_open_file("out.xlsx", RECOUT_XLSX, 0, cols, 4);
	assert_int_equal(recout_row(w, row1), GK_OK);
	assert_int_equal(recout_row(w, row2), GK_OK);
	assert_int_equal(access("out.xlsx", F_OK), -1);	/* not yet */
	assert_int_equal(recout_finish(w), GK_OK);
	assert_int_equal(stat("out.xlsx", &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	r = open_bound("out.xlsx", NULL);
	assert_int_equal(recin_next(r), 1);
	/* Text stays text: a leading zero, a formula-like value. */
	assert_string_equal(recin_get(r, CODE), "0140121");
	assert_string_equal(recin_get(r, NAME), "=1+1");
	assert_string_equal(recin_get(r, ID), "14012119900101123X");
	assert_string_equal(recin_get(r, DATE), "7");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "");
	assert_string_equal(recin_get(r, ID), "140121199001011238");
	/* Too long to be a number Excel keeps: text. */
	assert_string_equal(recin_get(r, DATE), "12345678901234567");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);

	/* Abandoned: no file at all. */
	w = recout_open_file("gone.xlsx", RECOUT_XLSX, 0, cols, 4);
	assert_int_equal(recout_row(w, row1), GK_OK);
	assert_int_equal(recout_end(w, 1), GK_OK);
	assert_int_equal(access("gone.xlsx", F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		  test_xlsx__excel_workbook_first_visible_sheet_numbers_and_dates),
		cmocka_unit_test(
		    test_xlsx__wps_inline_strings_and_cells_without_references),
		cmocka_unit_test(test_xlsx__serial_dates_1900_leap_bug_and_1904),
		cmocka_unit_test(
		    test_xlsx__errors_are_placed_as_excel_names_cells),
		cmocka_unit_test(test_xlsx__not_a_workbook_says_what_it_is),
		cmocka_unit_test(
		    test_xlsx__written_workbook_reads_back_with_text_kept),
	};

	diag_init("test");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
