/*
 * test_util.c - growable strings, number parsing, quoting for messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

static void
test_util__sb_grow_past_size_max_is_out_of_memory(void **state)
{
	struct sb sb = SB_INIT;
	pid_t pid;
	int st;

	sb_adds(&sb, "x");
	/* The child must exit 70, not wrap around and write past buf. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fclose(stderr);
		sb_grow(&sb, SIZE_MAX);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 70);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fclose(stderr);
		sb_grow(&sb, SIZE_MAX - 1);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 70);
	sb_release(&sb);
}

static void
test_util__parse_decimal_takes_plain_numbers_only(void **state)
{
	static const char *const bad[] = { "", " 2", "2 ", "+2", "-2", "2.",
	    ".5", "1e1", "0x1p3", "0x10", "inf", "nan", "INF", "1,5", "1.5.2",
	    "１", "1" "0000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    NULL };
	char buf[16];
	double v;
	size_t i;

	assert_int_equal(util_parse_decimal("2", &v), 0);
	assert_true(v == 2);
	assert_int_equal(util_parse_decimal("1.5", &v), 0);
	assert_true(v == 1.5);
	assert_int_equal(util_parse_decimal("0.5", &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(util_parse_decimal("007", &v), 0);
	assert_true(v == 7);
	assert_int_equal(util_parse_decimal(util_fold_code("１．５", buf,
	    sizeof buf), &v), 0);
	assert_true(v == 1.5);
	for (i = 0; bad[i] != NULL; i++) {
		v = -1;
		if (util_parse_decimal(bad[i], &v) != -1)
			fail_msg("\"%s\" was taken as %g", bad[i], v);
		assert_true(v == -1);
	}
	assert_int_equal(util_parse_decimal(NULL, &v), -1);
}

static void
test_util__name_eq_leaves_out_blanks(void **state)
{
	(void)state;
	assert_true(util_name_eq("王芳", "王芳"));
	assert_true(util_name_eq("王\xe3\x80\x80芳", "王芳"));
	assert_true(util_name_eq(" 王 芳\xc2\xa0", "王芳"));
	assert_true(util_name_eq("", ""));
	assert_false(util_name_eq("王芳", "王方"));
	assert_false(util_name_eq("王芳", "王芳芳"));
	assert_false(util_name_eq("王芳", ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__sb_grows_and_formats),
		cmocka_unit_test(test_util__parse_long_rejects_junk_and_range),
		cmocka_unit_test(test_util__quote_escapes_invisible_characters),
		cmocka_unit_test(test_util__sb_grow_past_size_max_is_out_of_memory),
		cmocka_unit_test(test_util__parse_decimal_takes_plain_numbers_only),
		cmocka_unit_test(test_util__name_eq_leaves_out_blanks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
