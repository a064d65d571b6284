/*
 * test_recout.c - records out in every format, Excel mode, display
 * widths, and write errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "recout.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* Output captured in memory. */
struct cap {
	char *buf;	/* what was written, NUL-terminated after close */
	size_t len;	/* its length */
	FILE *fp;	/* the stream writing into buf */
};

static void
cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
}

static void
cap_close(struct cap *c)
{
	assert_int_equal(fclose(c->fp), 0);
}

/* Writes rows (nrows x ncols values) in fmt and returns the output. */
static char *
render(enum recout_format fmt, int excel, const struct recout_col *cols,
    size_t ncols, const char *const *rows, size_t nrows)
{
	struct recout *w;
	struct cap c;
	size_t r;

	cap_open(&c);
	w = recout_new(c.fp, fmt, excel, cols, ncols);
	for (r = 0; r < nrows; r++)
		assert_int_equal(recout_row(w, rows + r * ncols), GK_OK);
	assert_int_equal(recout_finish(w), GK_OK);
	cap_close(&c);
	return c.buf;
}

static void
check_render(enum recout_format fmt, int excel, const struct recout_col *cols,
    size_t ncols, const char *const *rows, size_t nrows, const char *expect)
{
	char *out = render(fmt, excel, cols, ncols, rows, nrows);

	assert_string_equal(out, expect);
	free(out);
}

static const struct recout_col area_cols[] = {
	{ "code", RC_STR },
	{ "name", RC_STR },
	{ "staff", RC_INT },
	{ "pay", RC_NUM },
};

static const char *const area_rows[] = {
	"140105001001", "小店街道社区", "12", "1980.50",
	"14", "山西", "3", NULL,
	"x", "a\tb", NULL, "5",
};

static void
test_recout__parse_format_names(void **state)
{
	enum recout_format f;

	assert_int_equal(recout_parse_format("table", &f), 0);
	assert_int_equal(f, RECOUT_TABLE);
	assert_int_equal(recout_parse_format("tsv", &f), 0);
	assert_int_equal(f, RECOUT_TSV);
	assert_int_equal(recout_parse_format("csv", &f), 0);
	assert_int_equal(f, RECOUT_CSV);
	assert_int_equal(recout_parse_format("json", &f), 0);
	assert_int_equal(f, RECOUT_JSON);
	assert_int_equal(recout_parse_format("jsonl", &f), 0);
	assert_int_equal(f, RECOUT_JSONL);
	assert_int_equal(recout_parse_format("xml", &f), -1);
	assert_int_equal(recout_parse_format("", &f), -1);
}

static void
test_recout__default_format_is_tsv_off_a_terminal(void **state)
{
	FILE *fp = tmpfile();

	assert_non_null(fp);
	assert_int_equal(recout_default_format(fp), RECOUT_TSV);
	fclose(fp);
}

static void
test_recout__display_width(void **state)
{
	assert_int_equal(recout_width(""), 0);
	assert_int_equal(recout_width("grid"), 4);
	assert_int_equal(recout_width("网格员"), 6);
	assert_int_equal(recout_width("Ａ1"), 3);	/* full-width A */
	assert_int_equal(recout_width("e\xcc\x81"), 1);	/* e + acute */
	assert_int_equal(recout_width("a\xff" "b"), 3);	/* invalid byte */
	assert_int_equal(recout_width("\xe7\xbd"), 2);	/* cut short */
	assert_int_equal(recout_width("a\tb"), 2);
}

static void
test_recout__table_aligns_cjk_and_numbers(void **state)
{
	check_render(RECOUT_TABLE, 0, area_cols, 4, area_rows, 3,
	    "code          name          staff      pay\n"
	    "140105001001  小店街道社区     12  1980.50\n"
	    "14            山西              3\n"
	    "x             a\\tb                       5\n");
}

static void
test_recout__table_escapes_and_trims(void **state)
{
	static const struct recout_col cols[] = {
		{ "n", RC_INT },
		{ "note", RC_STR },
	};
	static const char *const rows[] = {
		"1", "two\nlines",
		"22", "back\\slash\r",
		"333", "",
		"4", "bell\a\x1b[2J",
		NULL, "trailing  ",
	};

	check_render(RECOUT_TABLE, 1, cols, 2, rows, 5,
	    "  n  note\n"
	    "  1  two\\nlines\n"
	    " 22  back\\slash\\r\n"
	    "333\n"
	    "  4  bell\\x07\\x1B[2J\n"
	    "     trailing\n");
}

static void
test_recout__table_streams_after_the_buffered_rows(void **state)
{
	static const struct recout_col cols[] = {
		{ "id", RC_STR },
		{ "v", RC_INT },
	};
	const char *row[2];
	struct recout *w;
	struct cap c;
	char *last;
	int i;

	cap_open(&c);
	w = recout_new(c.fp, RECOUT_TABLE, 0, cols, 2);
	row[0] = "abc";
	row[1] = "7";
	for (i = 0; i < RECOUT_TABLE_ROWS; i++)
		assert_int_equal(recout_row(w, row), GK_OK);
	/* The buffered rows are out: later rows are not held back. */
	assert_int_equal(fflush(c.fp), 0);
	assert_int_equal(c.len, (RECOUT_TABLE_ROWS + 1) * strlen("abc  7\n"));
	assert_memory_equal(c.buf, "id   v\nabc  7\n", 14);
	row[0] = "longer";
	row[1] = "12345";
	assert_int_equal(recout_row(w, row), GK_OK);
	row[0] = NULL;
	row[1] = NULL;
	assert_int_equal(recout_row(w, row), GK_OK);
	assert_int_equal(recout_finish(w), GK_OK);
	cap_close(&c);
	last = c.buf + (RECOUT_TABLE_ROWS + 1) * strlen("abc  7\n");
	assert_string_equal(last, "longer  12345\n\n");
	free(c.buf);
}

static void
test_recout__empty_output(void **state)
{
	check_render(RECOUT_TABLE, 0, area_cols, 4, NULL, 0,
	    "code  name  staff  pay\n");
	check_render(RECOUT_TSV, 0, area_cols, 4, NULL, 0,
	    "code\tname\tstaff\tpay\n");
	check_render(RECOUT_CSV, 0, area_cols, 4, NULL, 0,
	    "code,name,staff,pay\n");
	check_render(RECOUT_CSV, 1, area_cols, 4, NULL, 0,
	    "\xEF\xBB\xBF" "code,name,staff,pay\r\n");
	check_render(RECOUT_JSON, 0, area_cols, 4, NULL, 0, "[]\n");
	check_render(RECOUT_JSONL, 0, area_cols, 4, NULL, 0, "");
}

static void
test_recout__tsv_escapes(void **state)
{
	static const struct recout_col cols[] = {
		{ "a", RC_STR },
		{ "b\tc", RC_STR },
	};
	static const char *const rows[] = {
		"x\ty", "1\n2\r3",
		"back\\slash", NULL,
		"", "=1+1",
	};

	check_render(RECOUT_TSV, 0, cols, 2, rows, 3,
	    "a\tb\\tc\n"
	    "x\\ty\t1\\n2\\r3\n"
	    "back\\\\slash\t\n"
	    "\t=1+1\n");
}

static const struct recout_col guard_cols[] = {
	{ "s", RC_STR },
	{ "i", RC_INT },
	{ "d", RC_NUM },
};

static const char *const guard_rows[] = {
	"=SUM(A1:A9)", "-5", "-1.5e3",
	"+86 138", "+7", "+.5",
	"-5", "-x", "-",
	"@cmd", "=1", "1,5",
	"\tx", "12", "\rx",
	"a=b", NULL, "",
};

static void
test_recout__excel_tsv_has_bom_crlf_and_guard(void **state)
{
	check_render(RECOUT_TSV, 1, guard_cols, 3, guard_rows, 6,
	    "\xEF\xBB\xBF" "s\ti\td\r\n"
	    "'=SUM(A1:A9)\t-5\t-1.5e3\r\n"
	    "'+86 138\t+7\t+.5\r\n"
	    "'-5\t'-x\t'-\r\n"
	    "'@cmd\t'=1\t1,5\r\n"
	    "'\\tx\t12\t'\\rx\r\n"
	    "a=b\t\t\r\n");
}

static void
test_recout__csv_quotes_only_where_needed(void **state)
{
	static const struct recout_col cols[] = {
		{ "name", RC_STR },
		{ "note", RC_STR },
	};
	static const char *const rows[] = {
		"plain", "小店区",
		"a,b", "say \"hi\"",
		"two\nlines", "cr\rhere",
		" lead", "trail ",
		"", NULL,
		"in side", "=x",
	};

	check_render(RECOUT_CSV, 0, cols, 2, rows, 6,
	    "name,note\n"
	    "plain,小店区\n"
	    "\"a,b\",\"say \"\"hi\"\"\"\n"
	    "\"two\nlines\",\"cr\rhere\"\n"
	    "\" lead\",\"trail \"\n"
	    ",\n"
	    "in side,=x\n");
}

static void
test_recout__csv_single_empty_column_is_not_a_blank_line(void **state)
{
	static const struct recout_col cols[] = { { "v", RC_STR } };
	static const char *const rows[] = { "", NULL, "x" };

	check_render(RECOUT_CSV, 0, cols, 1, rows, 3,
	    "v\n\"\"\n\"\"\nx\n");
}

static void
test_recout__excel_csv_guards_and_quotes(void **state)
{
	check_render(RECOUT_CSV, 1, guard_cols, 3, guard_rows, 6,
	    "\xEF\xBB\xBF" "s,i,d\r\n"
	    "'=SUM(A1:A9),-5,-1.5e3\r\n"
	    "'+86 138,+7,+.5\r\n"
	    "'-5,'-x,'-\r\n"
	    "'@cmd,'=1,\"1,5\"\r\n"
	    "'\tx,12,\"'\rx\"\r\n"
	    "a=b,,\r\n");
}

static void
test_recout__excel_mode_is_ignored_for_json_and_table(void **state)
{
	static const struct recout_col cols[] = { { "v", RC_STR } };
	static const char *const rows[] = { "=x" };

	check_render(RECOUT_JSONL, 1, cols, 1, rows, 1, "{\"v\":\"=x\"}\n");
	check_render(RECOUT_TABLE, 1, cols, 1, rows, 1, "v\n=x\n");
}

static const struct recout_col json_cols[] = {
	{ "id_number", RC_STR },
	{ "n", RC_INT },
	{ "pay", RC_NUM },
	{ "ok", RC_BOOL },
	{ "名称", RC_STR },
};

static const char *const json_rows[] = {
	"14010519491231002X", "9223372036854775807", "1980.5", "1", "小店区",
	"140105194912310021", "-9223372036854775808", "0.1", "false", NULL,
	"x", "9223372036854775808", "1e999", "TRUE", "bad \xff byte",
	NULL, "12a", "1980", "yes", "tab\tquote\"",
	"", "", "", "", "",
};

static void
test_recout__json_array_one_object_per_line(void **state)
{
	check_render(RECOUT_JSON, 0, json_cols, 5, json_rows, 5,
	    "[\n"
	    "{\"id_number\": \"14010519491231002X\", \"n\": 9223372036854775807, "
	    "\"pay\": 1980.5, \"ok\": true, \"名称\": \"小店区\"},\n"
	    "{\"id_number\": \"140105194912310021\", "
	    "\"n\": -9223372036854775808, \"pay\": 0.1, \"ok\": false, "
	    "\"名称\": null},\n"
	    "{\"id_number\": \"x\", \"n\": \"9223372036854775808\", "
	    "\"pay\": \"1e999\", \"ok\": true, "
	    "\"名称\": \"bad \xEF\xBF\xBD byte\"},\n"
	    "{\"id_number\": null, \"n\": \"12a\", \"pay\": 1980.0, "
	    "\"ok\": \"yes\", \"名称\": \"tab\\tquote\\\"\"},\n"
	    "{\"id_number\": \"\", \"n\": \"\", \"pay\": \"\", \"ok\": \"\", "
	    "\"名称\": \"\"}\n"
	    "]\n");
}

static void
test_recout__jsonl_compact_lines(void **state)
{
	check_render(RECOUT_JSONL, 0, json_cols, 5, json_rows, 2,
	    "{\"id_number\":\"14010519491231002X\",\"n\":9223372036854775807,"
	    "\"pay\":1980.5,\"ok\":true,\"名称\":\"小店区\"}\n"
	    "{\"id_number\":\"140105194912310021\","
	    "\"n\":-9223372036854775808,\"pay\":0.1,\"ok\":false,"
	    "\"名称\":null}\n");
}

/* Writes many rows to /dev/full: some call must report the failure. */
static void
check_full_device(enum recout_format fmt, size_t nrows)
{
	static const char *const row[] = { "140105001001", "小店街道", "12",
	    "1980.5" };
	struct recout *w;
	FILE *fp;
	size_t r;
	int failed = 0, rc;

	fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	w = recout_new(fp, fmt, 0, area_cols, 4);
	for (r = 0; r < nrows; r++) {
		rc = recout_row(w, row);
		if (failed)
			assert_int_equal(rc, GK_IOERR);
		else if (rc != GK_OK) {
			assert_int_equal(rc, GK_IOERR);
			failed = 1;
		}
	}
	assert_int_equal(recout_finish(w), GK_IOERR);
	fclose(fp);
}

static void
test_recout__write_errors_are_reported(void **state)
{
	/* A few rows fail only at the final flush; many fail on the way. */
	check_full_device(RECOUT_TSV, 3);
	check_full_device(RECOUT_TSV, 100000);
	check_full_device(RECOUT_CSV, 100000);
	check_full_device(RECOUT_TABLE, 3);
	check_full_device(RECOUT_TABLE, 10000);
	check_full_device(RECOUT_JSON, 2);
	check_full_device(RECOUT_JSON, 100000);
	check_full_device(RECOUT_JSONL, 100000);
	check_full_device(RECOUT_JSON, 0);
	check_full_device(RECOUT_TSV, 0);
}

static void
test_recout__finish_accepts_null(void **state)
{
	assert_int_equal(recout_finish(NULL), GK_OK);
}

/* A document with every kind of field and column, for each format. */
static const struct recout_doc_col doc_cols[] = {
	{ "id", RC_INT, -1, NULL },		/* JSON only */
	{ "role", RC_STR, 9, NULL },
	{ "name", RC_STR, 0, NULL },
	{ "outcome", RC_STR, 0, NULL },
	{ "reason", RC_STR, 0, ": " },		/* a note */
	{ "hours", RC_NUM, 0, NULL },
	{ NULL, RC_STR, 0, NULL },		/* text only */
};

static const char *const doc_rows[] = {
	"1", "leader", "赵伟", "entered", NULL, "8", "(staff 1)",
	"2", "full_time", "曾平芳", "failed", "笔试\t不合格", "2.5",
	"(staff 2)",
	"3", "assistant", "Al", "passed", NULL, NULL, "(staff 3)",
};

static const struct recout_doc_col doc_unit_cols[] = {
	{ "kind", RC_STR, 15, NULL },
};

static char *
render_doc(enum recout_format fmt, int abandon)
{
	struct recout_doc *d;
	struct cap c;
	size_t r;

	cap_open(&c);
	d = recout_doc_new(c.fp, fmt);
	recout_doc_field(d, "code", "grid", RC_STR, "140121100001001");
	recout_doc_field(d, "name", "名称", RC_STR, "西街\n网格");
	recout_doc_field(d, "households", "households", RC_INT, NULL);
	recout_doc_field(d, "population", "population", RC_INT, "1310");
	recout_doc_field(d, "village", NULL, RC_STR, "140121100001");
	recout_doc_textf(d, "place", "%s (%s)", "清源镇", "140121100001");
	recout_doc_field(d, "flag", "flag", RC_BOOL, "1");
	recout_doc_table(d, "staff", "staff", doc_cols, 7, "none serving");
	for (r = 0; r < 3; r++)
		recout_doc_row(d, doc_rows + r * 7);
	recout_doc_table(d, "units", "units", doc_unit_cols, 1,
	    "none: unrecorded");
	recout_doc_table(d, "notes", "notes", doc_unit_cols, 1, NULL);
	assert_int_equal(recout_doc_end(d, abandon), GK_OK);
	cap_close(&c);
	return c.buf;
}

static void
check_doc(enum recout_format fmt, const char *expect)
{
	char *out = render_doc(fmt, 0);

	assert_string_equal(out, expect);
	free(out);
}

static void
test_recout__doc_text_aligns_labels_and_columns(void **state)
{
	/* The labels pad to "households", which has no value and is left
	 * out; columns pad to their widest value in display width or to
	 * their minimum; a note follows its cell unpadded and does not
	 * widen the column; NULL is "-"; JSON-only parts are not shown. */
	static const char expect[] =
	    "grid        140121100001001\n"
	    "名称        西街\\n网格\n"
	    "population  1310\n"
	    "place       清源镇 (140121100001)\n"
	    "flag        1\n"
	    "staff\n"
	    "  leader     赵伟    entered  8    (staff 1)\n"
	    "  full_time  曾平芳  failed: 笔试\\t不合格  2.5  (staff 2)\n"
	    "  assistant  Al      passed   -    (staff 3)\n"
	    "units       none: unrecorded\n";

	check_doc(RECOUT_TABLE, expect);
	check_doc(RECOUT_TSV, expect);
	check_doc(RECOUT_CSV, expect);
}

static void
test_recout__doc_json_is_one_typed_object(void **state)
{
	check_doc(RECOUT_JSON,
	    "{\n"
	    "  \"code\": \"140121100001001\",\n"
	    "  \"name\": \"西街\\n网格\",\n"
	    "  \"households\": null,\n"
	    "  \"population\": 1310,\n"
	    "  \"village\": \"140121100001\",\n"
	    "  \"flag\": true,\n"
	    "  \"staff\": [\n"
	    "    {\n"
	    "      \"id\": 1,\n"
	    "      \"role\": \"leader\",\n"
	    "      \"name\": \"赵伟\",\n"
	    "      \"outcome\": \"entered\",\n"
	    "      \"reason\": null,\n"
	    "      \"hours\": 8.0\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": 2,\n"
	    "      \"role\": \"full_time\",\n"
	    "      \"name\": \"曾平芳\",\n"
	    "      \"outcome\": \"failed\",\n"
	    "      \"reason\": \"笔试\\t不合格\",\n"
	    "      \"hours\": 2.5\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": 3,\n"
	    "      \"role\": \"assistant\",\n"
	    "      \"name\": \"Al\",\n"
	    "      \"outcome\": \"passed\",\n"
	    "      \"reason\": null,\n"
	    "      \"hours\": null\n"
	    "    }\n"
	    "  ],\n"
	    "  \"units\": [],\n"
	    "  \"notes\": []\n"
	    "}\n");
}

static void
test_recout__doc_jsonl_is_one_line(void **state)
{
	struct recout_doc *d;
	struct cap c;
	const char *row[1] = { "well" };

	cap_open(&c);
	d = recout_doc_new(c.fp, RECOUT_JSONL);
	recout_doc_field(d, "n", "n", RC_INT, "not a number");
	recout_doc_field(d, "bad", "bad", RC_STR, "a\xff" "b");
	recout_doc_textf(d, "text", "only %d", 1);
	recout_doc_table(d, "units", "units", doc_unit_cols, 1, NULL);
	recout_doc_row(d, row);
	recout_doc_table(d, NULL, "text only", doc_unit_cols, 1, NULL);
	recout_doc_row(d, row);
	assert_int_equal(recout_doc_end(d, 0), GK_OK);
	cap_close(&c);
	assert_string_equal(c.buf, "{\"n\":\"not a number\","
	    "\"bad\":\"a\xEF\xBF\xBD" "b\",\"units\":[{\"kind\":\"well\"}]}\n");
	free(c.buf);
}

static void
test_recout__doc_text_fields_and_tables_keep_their_order(void **state)
{
	static const struct recout_doc_col cols[] = {
		{ "k", RC_STR, 0, NULL },
		{ "v", RC_STR, 0, NULL },
	};
	static const char *const row[] = { "a", "  " };
	struct recout_doc *d;
	struct cap c;

	cap_open(&c);
	d = recout_doc_new(c.fp, RECOUT_TABLE);
	recout_doc_table(d, "t", "t", cols, 2, "never");
	recout_doc_row(d, row);
	recout_doc_field(d, NULL, "after", RC_STR, "bell\a");
	recout_doc_table(d, "json", NULL, cols, 2, "never");
	recout_doc_row(d, row);
	assert_int_equal(recout_doc_end(d, 0), GK_OK);
	cap_close(&c);
	assert_string_equal(c.buf, "t\n  a\nafter  bell\\x07\n");
	free(c.buf);
}

static void
test_recout__doc_abandoned_prints_nothing(void **state)
{
	char *out;

	out = render_doc(RECOUT_TABLE, 1);
	assert_string_equal(out, "");
	free(out);
	out = render_doc(RECOUT_JSON, 1);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(recout_doc_end(NULL, 0), GK_OK);
}

static void
test_recout__doc_write_errors_are_reported(void **state)
{
	enum recout_format fmts[] = { RECOUT_TABLE, RECOUT_JSON };
	struct recout_doc *d;
	FILE *fp;
	size_t i;

	for (i = 0; i < 2; i++) {
		fp = fopen("/dev/full", "w");
		if (fp == NULL)
			skip();
		d = recout_doc_new(fp, fmts[i]);
		recout_doc_field(d, "a", "a", RC_STR, "b");
		assert_int_equal(recout_doc_end(d, 0), GK_IOERR);
		fclose(fp);
	}
}

/*
 * People read the words of a vocabulary in their language (a table,
 * --excel, --lang); scripts get the canonical value (TSV, JSON), and a
 * value no entry names passes as it is.
 */
static void
test_recout__words_are_shown_to_people_in_their_language(void **state)
{
	static const struct recout_col cols[] = {
		{ "id", RC_INT }, { "stage", RC_STR, "stage" },
		{ "role", RC_STR, "role" },
	};
	static const char *const rows[] = {
		"1", "exam", "leader",
		"2", "written", "",
	};
	char *out;

	(void)state;
	recout_set_words(vocab_word);
	i18n_set(I18N_ZH, 0, NULL);
	out = render(RECOUT_TABLE, 0, cols, 3, rows, 2);
	assert_non_null(strstr(out, vocab_zh(VOCAB_STAGE, "exam")));
	assert_non_null(strstr(out, vocab_zh(VOCAB_ROLE, "leader")));
	assert_null(strstr(out, "leader"));
	assert_non_null(strstr(out, "written"));
	free(out);
	check_render(RECOUT_TSV, 0, cols, 3, rows, 2,
	    "id\tstage\trole\n1\texam\tleader\n2\twritten\t\n");
	out = render(RECOUT_CSV, 1, cols, 3, rows, 2);
	assert_non_null(strstr(out, vocab_zh(VOCAB_STAGE, "exam")));
	free(out);
	i18n_set(I18N_EN, 0, NULL);
	out = render(RECOUT_TABLE, 0, cols, 3, rows, 2);
	assert_non_null(strstr(out, "leader"));
	free(out);
	recout_set_words(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recout__parse_format_names),
		cmocka_unit_test(test_recout__default_format_is_tsv_off_a_terminal),
		cmocka_unit_test(test_recout__display_width),
		cmocka_unit_test(test_recout__table_aligns_cjk_and_numbers),
		cmocka_unit_test(test_recout__table_escapes_and_trims),
		cmocka_unit_test(test_recout__table_streams_after_the_buffered_rows),
		cmocka_unit_test(test_recout__empty_output),
		cmocka_unit_test(test_recout__tsv_escapes),
		cmocka_unit_test(test_recout__excel_tsv_has_bom_crlf_and_guard),
		cmocka_unit_test(test_recout__csv_quotes_only_where_needed),
		cmocka_unit_test(test_recout__csv_single_empty_column_is_not_a_blank_line),
		cmocka_unit_test(test_recout__excel_csv_guards_and_quotes),
		cmocka_unit_test(test_recout__excel_mode_is_ignored_for_json_and_table),
		cmocka_unit_test(test_recout__json_array_one_object_per_line),
		cmocka_unit_test(test_recout__jsonl_compact_lines),
		cmocka_unit_test(test_recout__write_errors_are_reported),
		cmocka_unit_test(test_recout__finish_accepts_null),
		cmocka_unit_test(test_recout__doc_text_aligns_labels_and_columns),
		cmocka_unit_test(test_recout__doc_json_is_one_typed_object),
		cmocka_unit_test(test_recout__doc_jsonl_is_one_line),
		cmocka_unit_test(test_recout__doc_text_fields_and_tables_keep_their_order),
		cmocka_unit_test(test_recout__doc_abandoned_prints_nothing),
		cmocka_unit_test(test_recout__doc_write_errors_are_reported),
		cmocka_unit_test(test_recout__words_are_shown_to_people_in_their_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
