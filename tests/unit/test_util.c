/*
 * test_util.c - growable strings, number parsing, quoting for messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static void
test_util__sb_grows_and_formats(void **state)
{
	struct sb sb = SB_INIT;
	int i;

	assert_string_equal(sb.buf, "");
	for (i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i % 10);
	assert_int_equal(sb.len, 2000);
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	sb_reset(&sb);
	assert_string_equal(sb.buf, "");
	sb_adds(&sb, "网格");
	assert_int_equal(sb.len, 6);
	sb_release(&sb);
	assert_int_equal(sb.cap, 0);
}

static void
test_util__parse_long_rejects_junk_and_range(void **state)
{
	long long v;
	const char *why;

	assert_int_equal(util_parse_long("42", 0, 100, &v, &why), 0);
	assert_int_equal(v, 42);
	assert_int_equal(util_parse_long("-1", 0, 100, &v, &why), -1);
	assert_string_equal(why, "too small");
	assert_int_equal(util_parse_long("101", 0, 100, &v, &why), -1);
	assert_string_equal(why, "too large");
	assert_int_equal(util_parse_long("4x", 0, 100, &v, &why), -1);
	assert_string_equal(why, "not a number");
	assert_int_equal(util_parse_long("", 0, 100, &v, &why), -1);
	assert_int_equal(util_parse_long(" 4", 0, 100, &v, &why), -1);
	assert_int_equal(util_parse_long("99999999999999999999", 0,
	    INT64_MAX, &v, &why), -1);
}

static void
test_util__quote_escapes_invisible_characters(void **state)
{
	char buf[DIAG_QUOTE_MAX];

	assert_string_equal(diag_quote(buf, sizeof buf, "a\tb"), "\"a\\tb\"");
	assert_string_equal(diag_quote(buf, sizeof buf, "网格\xe3\x80\x80"),
	    "\"网格\\u{3000}\"");
	assert_string_equal(diag_quote(buf, sizeof buf, "\xff"),
	    "\"\\xFF\"");
	assert_string_equal(diag_quote(buf, sizeof buf, "say \"hi\""),
	    "\"say \\\"hi\\\"\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__sb_grows_and_formats),
		cmocka_unit_test(test_util__parse_long_rejects_junk_and_range),
		cmocka_unit_test(test_util__quote_escapes_invisible_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
