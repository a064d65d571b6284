/*
 * test_recin.c - CSV, TSV and JSON Lines in: quoting, line numbers,
 * encodings, header matching, errors that stop and errors that do not,
 * and streaming of a large file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <iconv.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "diag.h"
#include "recin.h"
#include "status.h"
#include "util.h"

static const char *const code_aliases[] = { "网格编码", "编码", NULL };
static const char *const name_aliases[] = { "名称", "姓名", NULL };
static const struct recin_field fields[] = {
	{ "code", 1, code_aliases },	/* 0 */
	{ "name", 1, name_aliases },	/* 1 */
	{ "note", 0, NULL },		/* 2 */
};
#define NFIELDS (sizeof fields / sizeof fields[0])
enum { CODE, NAME, NOTE };


static void
put_file(const char *path, const char *bytes, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
put_text(const char *path, const char *text)
{
	put_file(path, text, strlen(text));
}

/* to_enc converts UTF-8 text to another encoding with iconv. */
static char *
to_enc(const char *text, const char *enc, size_t *outlen)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	size_t inleft = strlen(text), cap = inleft * 4 + 16, outleft = cap;
	char *in = (char *)text, *out, *buf;

	assert_true(cd != (iconv_t)-1);
	buf = out = malloc(cap);
	assert_non_null(buf);
	assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft),
	    (size_t)-1);
	iconv_close(cd);
	*outlen = cap - outleft;
	return buf;
}

static struct recin *
open_bound(const char *path, const char *format, const char *encoding)
{
	struct recin_opts opts = { .format = format, .encoding = encoding };
	struct recin *r;

	assert_int_equal(recin_open(&r, path, &opts), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_OK);
	return r;
}

static void
test_recin__csv_quotes_commas_newlines_and_line_numbers(void **state)
{
	struct recin *r;

	put_text("in.csv",
	    "code,name,note\r\n"
	    "1,\"Zhang, San\",\"say \"\"hi\"\"\"\r\n"
	    "2,\"line one\nline two\",x\r\n"
	    "3,plain,\"multi\n\nline\"\n"
	    "4,\"\",last");
	r = open_bound("in.csv", NULL, NULL);
	assert_string_equal(recin_format(r), "csv");

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 2);
	assert_string_equal(recin_get(r, CODE), "1");
	assert_string_equal(recin_get(r, NAME), "Zhang, San");
	assert_string_equal(recin_get(r, NOTE), "say \"hi\"");
	assert_int_equal(recin_col(r, NAME), 3);
	assert_int_equal(recin_col(r, NOTE), 16);

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 3);
	assert_string_equal(recin_get(r, NAME), "line one\nline two");
	assert_string_equal(recin_get(r, NOTE), "x");
	assert_int_equal(recin_field_line(r, NOTE), 4);
	assert_int_equal(recin_col(r, NOTE), 11);
	assert_int_equal(recin_field_line(r, CODE), 3);

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 5);
	assert_string_equal(recin_get(r, NOTE), "multi\n\nline");

	/* The last line has no newline. */
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 8);
	assert_string_equal(recin_get(r, CODE), "4");
	assert_string_equal(recin_get(r, NAME), "");
	assert_string_equal(recin_get(r, NOTE), "last");

	assert_int_equal(recin_next(r), 0);
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
}

static void
test_recin__line_ends_blank_lines_and_lenient_quotes(void **state)
{
	struct recin *r;

	/* CRLF, LF, a lone CR, blank lines, an Excel row of empty cells. */
	put_text("in.csv",
	    "code,name\r\n"
	    "\r\n"
	    "a,12\"3\n"
	    "\n"
	    ",\r"
	    "b,\"ab\"c\r\n"
	    "c,\" x \u3000\xE2\x80\x8B\"\r\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 3);
	assert_string_equal(recin_get(r, NAME), "12\"3");
	assert_null(recin_get(r, NOTE));	/* no such column */
	assert_int_equal(recin_col(r, NOTE), 0);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 6);
	assert_string_equal(recin_get(r, NAME), "abc");
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 7);
	assert_string_equal(recin_get(r, NAME), "x");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
}

static void
test_recin__drops_utf8_bom_and_trims_values(void **state)
{
	struct recin *r;

	put_text("in.csv", "\xEF\xBB\xBF" "code,name,note\n"
	    " 140105 ,\xE3\x80\x80张三\xC2\xA0,\xEF\xBB\xBF\xE2\x81\xA0\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_string_equal(recin_header(r, CODE), "code");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "140105");
	assert_string_equal(recin_get(r, NAME), "张三");
	assert_string_equal(recin_get(r, NOTE), "");
	assert_int_equal(recin_col(r, CODE), 1);
	assert_int_equal(recin_col(r, NAME), 10);
	recin_close(r);
}

static void
test_recin__utf16le_with_bom_is_transcoded(void **state)
{
	struct recin *r;
	size_t len;
	char *bytes;

	/* Excel "Unicode Text": UTF-16LE with a BOM, tab-separated. */
	bytes = to_enc("\xEF\xBB\xBF" "网格编码\t名称\r\n"
	    "140105001001001\t张三\r\n", "UTF-16LE", &len);
	assert_memory_equal(bytes, "\xFF\xFE", 2);
	put_file("in.txt", bytes, len);
	free(bytes);
	r = open_bound("in.txt", NULL, NULL);
	assert_string_equal(recin_format(r), "tsv");
	assert_string_equal(recin_header(r, NAME), "名称");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "140105001001001");
	assert_string_equal(recin_get(r, NAME), "张三");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);

	bytes = to_enc("\xEF\xBB\xBF" "code,name\n1,李四\n", "UTF-16BE", &len);
	put_file("be.csv", bytes, len);
	free(bytes);
	r = open_bound("be.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "李四");
	recin_close(r);
}

static void
test_recin__gb18030_with_encoding_and_without(void **state)
{
	/* "网格" in GB18030 is CD F8 B8 F1. */
	static const char gb[] = "code,name\n1,\xCD\xF8\xB8\xF1\n";
	struct recin *r;
	const char *err;

	put_text("gb.csv", gb);
	r = open_bound("gb.csv", NULL, "gb18030");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "网格");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);

	r = open_bound("gb.csv", "csv", "GBK");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "网格");
	recin_close(r);

	/* Read as UTF-8, the first byte of "网" is reported. */
	r = open_bound("gb.csv", NULL, NULL);
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_string_equal(err, "test: gb.csv:2:3: invalid UTF-8 byte 0xCD; "
	    "if the file is GB18030 or GBK (Excel and WPS in Chinese Windows "
	    "save so), try --encoding gb18030\n");
	recin_close(r);

	/* A byte GB18030 has no use for, at its line and column. */
	put_text("bad.csv", "code,name\n1,\xCD\xF8\n2,a\xFF\n");
	r = open_bound("bad.csv", NULL, "GB2312");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "网");
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_non_null(strstr(err, "bad.csv:3:4: invalid byte 0xFF"));
	recin_close(r);
	r = open_bound("bad.csv", NULL, "gb18030");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "网");
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_string_equal(err, "test: bad.csv:3:4: invalid byte 0xFF for "
	    "encoding \"gb18030\"\n");
	recin_close(r);
}

static void
test_recin__invalid_utf8_and_nul_at_line_and_column(void **state)
{
	struct recin *r;
	const char *err;

	put_text("in.csv", "code,name\n1,a\nabc,中\xC4x\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_non_null(strstr(err, "test: in.csv:3:6: invalid UTF-8 byte "
	    "0xC4; if the file is GB18030"));
	recin_close(r);

	put_file("nul.csv", "code,name\n1,\"a\0\"\n", 17);
	r = open_bound("nul.csv", NULL, NULL);
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_non_null(strstr(err, "nul.csv:2:5: NUL byte in the input"));
	recin_close(r);
}

static void
test_recin__chinese_headers_match_through_aliases(void **state)
{
	struct recin *r;
	const char *err;

	/* A '*' required mark, a full-width space, a BOM and a zero-width
	 * space around the names; 备注 is no field of ours. */
	put_text("in.csv", "*网格编码,\xE3\x80\x80\xEF\xBB\xBF名称\xE2\x80\x8B,"
	    "备注,\n140105,张三,x,\n");
	capture_start();
	r = open_bound("in.csv", NULL, NULL);
	err = capture_end();
	assert_string_equal(err,
	    "test: in.csv:1:13: warning: ignoring column \"备注\"\n");
	assert_string_equal(recin_header(r, CODE), "*网格编码");
	assert_string_equal(recin_header(r, NAME), "名称");
	assert_string_equal(recin_header(r, NOTE), "note");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "140105");
	assert_string_equal(recin_get(r, NAME), "张三");
	assert_null(recin_get(r, NOTE));
	recin_close(r);
}

static void
test_recin__header_match_ignores_case_and_width(void **state)
{
	struct recin *r;

	put_text("in.csv", "CODE,\xEF\xBC\xAE\xEF\xBD\x81\xEF\xBD\x8D\xEF"
	    "\xBD\x85, Note \n1,2,3\n");	/* CODE,Ｎａｍｅ, Note */
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "1");
	assert_string_equal(recin_get(r, NAME), "2");
	assert_string_equal(recin_get(r, NOTE), "3");
	recin_close(r);

	/* Spaced out, or broken over two lines in the cell. */
	put_text("in.csv", "\"网格\n编码（15位）\",名\xE3\x80\x80称\n1,2\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "1");
	assert_string_equal(recin_get(r, NAME), "2");
	recin_close(r);
}

static void
test_recin__missing_and_duplicate_columns_are_errors(void **state)
{
	struct recin *r;
	const char *err;

	put_text("miss.csv", "名称,other\n");
	assert_int_equal(recin_open(&r, "miss.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	err = capture_end();
	assert_string_equal(err,
	    "test: miss.csv:1:4: warning: ignoring column \"other\"\n"
	    "test: miss.csv:1: missing column \"code\" "
	    "(also accepted: 网格编码, 编码)\n");
	recin_close(r);

	put_text("dup.csv", "code,name,Name\n");
	assert_int_equal(recin_open(&r, "dup.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	err = capture_end();
	assert_string_equal(err, "test: dup.csv:1:11: column \"Name\" "
	    "duplicates column 2 for \"name\"\n");
	recin_close(r);

	/* Two names for one field: the better-ranked one is used. */
	put_text("two.csv", "名称,code,name\n甲,1,乙\n");
	assert_int_equal(recin_open(&r, "two.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_OK);
	err = capture_end();
	assert_string_equal(err, "test: two.csv:1:9: warning: columns "
	    "\"名称\" and \"name\" both give \"name\"; using name\n");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "乙");
	recin_close(r);

	/* A header with a unit in brackets still names its field. */
	put_text("unit.csv", "编码（代码）,名称\n7,丙\n");
	assert_int_equal(recin_open(&r, "unit.csv", NULL), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_OK);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "7");
	recin_close(r);

	/* Data where the header should be is refused, not echoed. */
	put_text("nohdr.csv", "140105199001011234,13800138000\n");
	assert_int_equal(recin_open(&r, "nohdr.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	err = capture_end();
	assert_null(strstr(err, "13800138000"));
	assert_non_null(strstr(err, "line 1 is not a header"));
	recin_close(r);
}

static void
test_recin__wrong_field_count_is_reported_and_reading_goes_on(void **state)
{
	struct recin *r;
	const char *err;

	put_text("in.csv", "code,name,note\n1,a,x\n2,b,x,extra\n3,c,x\n4,d\n"
	    "5,e,x");
	r = open_bound("in.csv", NULL, NULL);
	capture_start();
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_line(r), 3);
	assert_null(recin_get(r, CODE));
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "3");
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "5");
	assert_int_equal(recin_next(r), 0);
	err = capture_end();
	assert_string_equal(err,
	    "test: in.csv:3: 4 fields, expected 3 (the header has 3 columns)\n"
	    "test: in.csv:5: 2 fields, expected 3 (the header has 3 columns)\n");
	recin_close(r);
}

static void
test_recin__unterminated_quote_reported_where_it_opened(void **state)
{
	struct recin *r;
	const char *err;

	put_text("in.csv", "code,name\n1,ok\n2,\"never closed\n3,x\n4,y\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	capture_start();
	assert_int_equal(recin_next(r), -GK_DATAERR);
	assert_int_equal(recin_next(r), -GK_DATAERR);
	err = capture_end();
	assert_string_equal(err, "test: in.csv:3:3: quoted field is not closed "
	    "before the end of the input\n");
	recin_close(r);
}

static void
test_recin__recognises_tsv_and_csv_by_content(void **state)
{
	struct recin *r;

	put_text("in.tsv", "code\tname\tnote\n1\tZhang, San\t\"q\"\n");
	r = open_bound("in.tsv", NULL, NULL);
	assert_string_equal(recin_format(r), "tsv");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "Zhang, San");
	assert_string_equal(recin_get(r, NOTE), "\"q\"");
	assert_int_equal(recin_col(r, NOTE), 14);
	recin_close(r);

	put_text("in.csv", "\n\ncode,name,note,\t\n1,a\tb,c,\n");
	r = open_bound("in.csv", NULL, NULL);
	assert_string_equal(recin_format(r), "csv");
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 4);
	assert_string_equal(recin_get(r, NAME), "a\tb");
	recin_close(r);

	/* Forced: a comma-separated file read as TSV has one column. */
	put_text("forced.txt", "code,name\n");
	assert_int_equal(recin_open(&r, "forced.txt",
	    &(struct recin_opts){ .format = "tsv" }), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	capture_end();
	assert_string_equal(recin_format(r), "tsv");
	recin_close(r);
}

static void
test_recin__jsonl_values_nulls_missing_keys_and_bad_lines(void **state)
{
	struct recin *r;
	const char *err;

	put_text("in.jsonl",
	    "{\"code\": 140105001001001001, \"name\": null}\n"
	    "\n"
	    "{\"网格编码\": \"x\", \"名称\": \" 李四 \", \"extra\": 1}\r\n"
	    "{\"code\": 1.5, \"name\": true, \"note\": false, \"extra\": 2}\n"
	    "[1]\n"
	    "{\"code\": \"a\", \"name\":}\n"
	    "{\"code\": \"a\", \"编码\": \"b\"}\n"
	    "{\"code\": 0.1, \"name\": [], \"note\": -7}\n"
	    "  {\"code\": 1e300}");
	capture_start();
	r = open_bound("in.jsonl", NULL, NULL);
	assert_string_equal(recin_format(r), "jsonl");

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 1);
	assert_string_equal(recin_get(r, CODE), "140105001001001001");
	assert_null(recin_get(r, NAME));	/* null */
	assert_null(recin_get(r, NOTE));	/* missing */
	assert_string_equal(recin_header(r, NOTE), "note");
	assert_int_equal(recin_col(r, CODE), 0);

	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 3);
	assert_string_equal(recin_get(r, CODE), "x");
	assert_string_equal(recin_get(r, NAME), "李四");
	assert_string_equal(recin_header(r, CODE), "网格编码");

	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "1.5");
	assert_string_equal(recin_get(r, NAME), "true");
	assert_string_equal(recin_get(r, NOTE), "false");

	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_line(r), 5);
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_next(r), 2);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "1e+300");
	assert_int_equal(recin_line(r), 9);
	assert_int_equal(recin_next(r), 0);
	err = capture_end();
	assert_string_equal(err,
	    "test: in.jsonl:3: warning: ignoring key \"extra\"\n"
	    "test: in.jsonl:5:1: expected a JSON object, found an array\n"
	    "test: in.jsonl:6:22: invalid JSON: unexpected token near '}'\n"
	    "test: in.jsonl:7: key \"编码\" duplicates key \"code\" for "
	    "\"code\"\n"
	    "test: in.jsonl:8: key \"name\": expected text, a number, true "
	    "or false, found an array\n");
	recin_close(r);
}

/* Lines of text values only are read without a JSON tree; whatever
 * else they hold is read and refused exactly as before. */
static void
test_recin__jsonl_plain_lines_and_their_edges(void **state)
{
	struct recin *r;
	const char *err;

	put_text("plain.jsonl",
	    "{\"code\":\"a1\",\"name\":\"张三\"}\n"
	    " { \"code\" : \"a2\" ,\t\"note\": \" x \" }  \r\n"
	    "{\"code\": \"\\u7f51\\\"q\", \"name\": \"b\"}\n"
	    "{\"code\": \"a3\", \"code\": \"a4\"}\n"
	    "{\"code\": \"a5\"} x\n"
	    "{\"code\": \"a6\",}\n"
	    "{\"code\": \"a7\", \"other\": \"1\", \"other\": \"2\"}\n"
	    "{\"code\": \"a8\"\n");
	capture_start();
	r = open_bound("plain.jsonl", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "a1");
	assert_string_equal(recin_get(r, NAME), "张三");
	assert_null(recin_get(r, NOTE));
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, CODE), "a2");
	assert_string_equal(recin_get(r, NOTE), "x");
	assert_null(recin_get(r, NAME));
	assert_int_equal(recin_next(r), 1);		/* escapes */
	assert_string_equal(recin_get(r, CODE), "网\"q");
	assert_int_equal(recin_next(r), 2);		/* duplicate key */
	assert_int_equal(recin_next(r), 2);		/* after the object */
	assert_int_equal(recin_next(r), 2);		/* trailing comma */
	assert_int_equal(recin_next(r), 2);		/* unknown, twice */
	assert_int_equal(recin_next(r), 2);		/* not closed */
	assert_int_equal(recin_next(r), 0);
	err = capture_end();
	assert_non_null(strstr(err, "plain.jsonl:4:"));
	assert_non_null(strstr(err, "plain.jsonl:5:"));
	assert_non_null(strstr(err, "plain.jsonl:6:"));
	assert_non_null(strstr(err, "plain.jsonl:7:"));
	assert_non_null(strstr(err, "plain.jsonl:8:"));
	recin_close(r);
}

static void
test_recin__empty_input_and_bad_options(void **state)
{
	struct recin *r;
	const char *err;

	put_text("empty.csv", "");
	put_text("blank.csv", "\n\r\n,,\n");
	assert_int_equal(recin_open(&r, "empty.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	err = capture_end();
	assert_string_equal(err,
	    "test: empty.csv: empty input, expected a header line\n");
	recin_close(r);
	assert_int_equal(recin_open(&r, "blank.csv", NULL), GK_OK);
	capture_start();
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_DATAERR);
	capture_end();
	recin_close(r);

	/* Forced JSON Lines: an empty input is no records. */
	r = open_bound("empty.csv", "jsonl", NULL);
	assert_int_equal(recin_next(r), 0);
	recin_close(r);

	capture_start();
	assert_int_equal(recin_open(&r, "empty.csv",
	    &(struct recin_opts){ .encoding = "no-such-encoding" }), GK_USAGE);
	assert_null(r);
	assert_int_equal(recin_open(&r, "empty.csv",
	    &(struct recin_opts){ .format = "xls" }), GK_USAGE);
	assert_int_equal(recin_open(&r, "no-such-file.csv", NULL), GK_NOINPUT);
	err = capture_end();
	assert_non_null(strstr(err, "test: unknown encoding "
	    "\"no-such-encoding\""));
	assert_non_null(strstr(err, "test: unknown input format \"xls\""));
	assert_non_null(strstr(err, "test: cannot open \"no-such-file.csv\""));
}

static void
test_recin__dash_reads_standard_input(void **state)
{
	struct recin *r;

	put_text("stdin.csv", "code,name\n7,王五\n");
	assert_non_null(freopen("stdin.csv", "r", stdin));
	r = open_bound("-", NULL, NULL);
	assert_string_equal(recin_name(r), "-");
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "王五");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
}

/*
 * Records whose quotes, doubled quotes, CRLF and multibyte characters
 * fall across the first 64 KiB read are parsed as if they did not.
 */
static void
test_recin__records_straddling_the_read_block(void **state)
{
	static const char tail[] = "9,\"a\"\"b,网\",\"c\r\nd\"\r\n";
	struct recin *r;
	struct sb sb = SB_INIT;
	size_t k, fill;

	for (k = 0; k < sizeof tail + 2; k++) {
		sb_reset(&sb);
		sb_adds(&sb, "code,name,note\n1,");
		fill = 65536 - k - sb.len - 3;
		while (fill-- > 0)
			sb_addc(&sb, 'x');
		sb_adds(&sb, ",y\n");
		sb_adds(&sb, tail);
		put_file("in.csv", sb.buf, sb.len);
		r = open_bound("in.csv", NULL, NULL);
		assert_int_equal(recin_next(r), 1);
		assert_string_equal(recin_get(r, NOTE), "y");
		assert_int_equal(recin_next(r), 1);
		assert_int_equal(recin_line(r), 3);
		assert_string_equal(recin_get(r, NAME), "a\"b,网");
		assert_string_equal(recin_get(r, NOTE), "c\r\nd");
		assert_int_equal(recin_col(r, NOTE), 12);
		assert_int_equal(recin_next(r), 0);
		recin_close(r);
	}
	sb_release(&sb);
}

static void
test_recin__a_record_longer_than_the_buffer(void **state)
{
	struct recin *r;
	struct sb sb = SB_INIT;
	size_t i;

	sb_adds(&sb, "code,name\n1,\"");
	for (i = 0; i < 300000; i++)
		sb_adds(&sb, i % 1000 == 500 ? "\"\"\n" : "格");
	sb_adds(&sb, "\"\n2,b\n");
	put_file("in.csv", sb.buf, sb.len);
	r = open_bound("in.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(strlen(recin_get(r, NAME)), 299700 * 3 + 300 * 2);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 303);
	assert_string_equal(recin_get(r, NAME), "b");
	recin_close(r);
	sb_release(&sb);
}

/* Bytes in use from malloc, small and mmap'd blocks alike. */
static size_t
heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

/* 200,000 rows stream through with memory that does not follow. */
static void
test_recin__large_file_streams_to_the_end(void **state)
{
	struct recin *r;
	FILE *fp;
	size_t before, after;
	long i, n = 0, sum = 0;
	long long v;
	const char *why;

	fp = fopen("big.csv", "w");
	assert_non_null(fp);
	fprintf(fp, "网格编码,姓名,note\r\n");
	for (i = 0; i < 200000; i++)
		fprintf(fp, "%ld,\"张三, %ld\",%s\r\n", i, i,
		    i % 7 == 0 ? "\"two\nlines\"" : "plain");
	assert_int_equal(fclose(fp), 0);

	before = heap_in_use();
	r = open_bound("big.csv", NULL, NULL);
	while (recin_next(r) == 1) {
		assert_int_equal(util_parse_long(recin_get(r, CODE), 0,
		    1000000, &v, &why), 0);
		sum += v;
		n++;
	}
	assert_int_equal(recin_line(r), 200000 + 200000 / 7 + 2);
	after = heap_in_use();
	assert_true(after < before + (1 << 20));
	recin_close(r);
	assert_int_equal(n, 200000);
	assert_int_equal(sum, 199999L * 200000 / 2);
}

static void
test_recin__excel_scientific_notation_is_recognised(void **state)
{
	assert_non_null(recin_excel_damage("1.40105E+17"));
	assert_non_null(recin_excel_damage("1.40105e+14"));
	assert_non_null(recin_excel_damage("1.4E+14"));
	assert_non_null(recin_excel_damage("1,40105E+17"));
	assert_non_null(recin_excel_damage("1E17"));
	assert_null(recin_excel_damage("140105198001010011"));
	assert_null(recin_excel_damage("14010519800101001X"));
	assert_null(recin_excel_damage("1.5"));
	assert_null(recin_excel_damage("E+17"));
	assert_null(recin_excel_damage("1.4E"));
	assert_null(recin_excel_damage("1.E+5"));
	assert_null(recin_excel_damage("1.4E+14x"));
	assert_null(recin_excel_damage(""));
	assert_null(recin_excel_damage(NULL));
	assert_non_null(strstr(recin_excel_damage("1.4E+14"),
	    "format the column as Text"));
}

static void
test_recin__framing_rows_totals_and_footers_are_passed_over(void **state)
{
	struct recin *r;
	const char *err;

	put_text("form.csv",
	    "清徐县网格划分表,,\n"				/* 1 */
	    "填报单位：清源镇,,填报日期：2026-11-01\n"	/* 2 */
	    "\n"
	    "编码,名称,note\n"				/* 4 */
	    "1,一网格,\n"
	    "小 计,,\n"					/* 6 */
	    "2,二网格,x\n"
	    ",合计：,2\n"					/* 8 */
	    "制表人：王芳,,审核人：李娜\n"			/* 9 */
	    "注：,,\n"					/* 10 */
	    "1. 编码为15位,,\n");				/* 11 */
	capture_start();
	r = open_bound("form.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 5);
	assert_string_equal(recin_get(r, CODE), "1");
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 7);
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
	err = capture_end();
	assert_string_equal(err,
	    "test: form.csv:1: warning: skipping \"清徐县网格划分表\" above "
	    "the header\n"
	    "test: form.csv:2: warning: skipping \"填报单位：清源镇 "
	    "填报日期：2026-11-01\" above the header\n"
	    "test: form.csv:6: warning: skipping a total row (小计)\n"
	    "test: form.csv:8: warning: skipping a total row (合计)\n"
	    "test: form.csv:9: warning: skipping a footer line (制表人)\n"
	    "test: form.csv:10: warning: skipping a footer line (注)\n"
	    "test: form.csv:11: warning: skipping a line of the footer\n");

	/* --skip: the lines named are not looked at, and the line
	 * numbers stay the file's. */
	capture_start();
	assert_int_equal(recin_open(&r, "form.csv",
	    &(struct recin_opts){ .skip = 3 }), GK_OK);
	assert_int_equal(recin_bind(r, fields, NFIELDS), GK_OK);
	assert_int_equal(recin_next(r), 1);
	assert_int_equal(recin_line(r), 5);
	recin_close(r);
	err = capture_end();
	assert_null(strstr(err, "above the header"));

	/* A line of data before a line that looks like a footer is
	 * still data: only the first non-blank cell says. */
	put_text("data.csv", "code,name\n审核,王芳\n3,合计\n");
	capture_start();
	r = open_bound("data.csv", NULL, NULL);
	assert_int_equal(recin_next(r), 1);
	assert_string_equal(recin_get(r, NAME), "合计");
	assert_int_equal(recin_next(r), 0);
	recin_close(r);
	err = capture_end();
	assert_non_null(strstr(err, "data.csv:2: warning: skipping a footer "
	    "line (审核)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_recin__csv_quotes_commas_newlines_and_line_numbers),
		cmocka_unit_test(
		    test_recin__line_ends_blank_lines_and_lenient_quotes),
		cmocka_unit_test(test_recin__drops_utf8_bom_and_trims_values),
		cmocka_unit_test(test_recin__utf16le_with_bom_is_transcoded),
		cmocka_unit_test(
		    test_recin__gb18030_with_encoding_and_without),
		cmocka_unit_test(
		    test_recin__invalid_utf8_and_nul_at_line_and_column),
		cmocka_unit_test(
		    test_recin__chinese_headers_match_through_aliases),
		cmocka_unit_test(
		    test_recin__header_match_ignores_case_and_width),
		cmocka_unit_test(
		    test_recin__missing_and_duplicate_columns_are_errors),
		cmocka_unit_test(
		    test_recin__wrong_field_count_is_reported_and_reading_goes_on),
		cmocka_unit_test(
		    test_recin__unterminated_quote_reported_where_it_opened),
		cmocka_unit_test(test_recin__recognises_tsv_and_csv_by_content),
		cmocka_unit_test(
		    test_recin__jsonl_values_nulls_missing_keys_and_bad_lines),
		cmocka_unit_test(test_recin__jsonl_plain_lines_and_their_edges),
		cmocka_unit_test(test_recin__empty_input_and_bad_options),
		cmocka_unit_test(test_recin__dash_reads_standard_input),
		cmocka_unit_test(test_recin__records_straddling_the_read_block),
		cmocka_unit_test(test_recin__a_record_longer_than_the_buffer),
		cmocka_unit_test(test_recin__large_file_streams_to_the_end),
		cmocka_unit_test(
		    test_recin__excel_scientific_notation_is_recognised),
		cmocka_unit_test(
		 test_recin__framing_rows_totals_and_footers_are_passed_over),
	};

	diag_init("test");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
