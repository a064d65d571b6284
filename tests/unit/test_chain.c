/*
 * test_chain.c - the archive chain: the canonical encoding of
 * gridkit(5), SM3 against known values (GB/T 32905-2016's "abc", and
 * values computed by openssl dgst -sm3), and the encoding of a case
 * history row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "case.h"
#include "chain.h"
#include "util.h"

static void
test_chain__encoding_is_length_colon_bytes_comma_and_null_is_dash(void **state)
{
	struct sb enc = SB_INIT;

	chain_add_text(&enc, "abc");
	chain_add_text(&enc, NULL);
	chain_add_int(&enc, 42);
	chain_add_text(&enc, "");
	chain_add_text(&enc, "中文");	/* bytes, not characters */
	chain_add_text(&enc, "a,b:1\n");
	chain_add_int(&enc, -7);
	assert_string_equal(enc.buf, "3:abc,-,2:42,0:,6:中文,6:a,b:1\n,2:-7,");
	sb_release(&enc);
}

static void
test_chain__sm3_of_abc_is_the_standard_s_example(void **state)
{
	struct chain_sum *s = chain_sum_new();
	char out[CHAIN_HEX];

	assert_non_null(s);
	chain_sum_add(s, "ab", 2);
	chain_sum_add(s, "c", 1);
	assert_int_equal(chain_sum_end(s, out), 0);
	assert_string_equal(out, "66c7f0f462eeedd9d1f2d46bdc10e4e2"
	    "4167c4875cf2f7a2297da02b8f4ba8e0");
}

static void
test_chain__hash_is_sm3_of_the_previous_hex_and_the_encoding(void **state)
{
	struct sb enc = SB_INIT;
	char out[CHAIN_HEX];

	/* printf '%064d' 0 | openssl dgst -sm3 */
	assert_int_equal(chain_hash(NULL, "", 0, out), 0);
	assert_string_equal(out, "cd4aaa5958b6b4c16918b157c2721a72"
	    "67e95b99f7199fb591549211a55e3725");
	assert_true(chain_is_hash(out));
	/* printf '%064d3:abc,-,2:42,' 0 | openssl dgst -sm3 */
	chain_add_text(&enc, "abc");
	chain_add_text(&enc, NULL);
	chain_add_int(&enc, 42);
	assert_int_equal(chain_hash(chain_genesis, enc.buf, enc.len, out), 0);
	assert_string_equal(out, "60bd8cb9aadf5c1f309824d1295b747b"
	    "4b5baa5764692651c592a77e8d48e009");
	sb_release(&enc);
}

static void
test_chain__a_hash_is_64_lower_case_hex_digits(void **state)
{
	assert_true(chain_is_hash(chain_genesis));
	assert_false(chain_is_hash("abc"));
	assert_false(chain_is_hash("CD4AAA5958B6B4C16918B157C2721A72"
	    "67E95B99F7199FB591549211A55E3725"));
	assert_false(chain_is_hash("cd4aaa5958b6b4c16918b157c2721a72"
	    "67e95b99f7199fb591549211a55e37250"));
}

static void
test_chain__a_history_row_is_encoded_in_the_order_of_gridkit_5(void **state)
{
	struct case_history_row r = {
		14012120260000042LL, "2026-11-29T09:00:00+08:00", "assign",
		3, 2, "140121100000", NULL, "yellow", "请核实", NULL, "tester"
	};
	struct sb enc = SB_INIT;
	char out[CHAIN_HEX];

	case_history_encode(&enc, &r);
	assert_string_equal(enc.buf, "17:14012120260000042,"
	    "25:2026-11-29T09:00:00+08:00,6:assign,1:3,1:2,12:140121100000,"
	    "-,6:yellow,9:请核实,-,6:tester,");
	/* printf '%064d%s' 0 "$enc" | openssl dgst -sm3 */
	assert_int_equal(chain_hash(NULL, enc.buf, enc.len, out), 0);
	assert_string_equal(out, "fb7d3aee3a3b037e92b63c528eff070a"
	    "a4a4b232177e7ef7c57cd3946107ca5c");
	sb_release(&enc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain__encoding_is_length_colon_bytes_comma_and_null_is_dash),
		cmocka_unit_test(test_chain__sm3_of_abc_is_the_standard_s_example),
		cmocka_unit_test(test_chain__hash_is_sm3_of_the_previous_hex_and_the_encoding),
		cmocka_unit_test(test_chain__a_hash_is_64_lower_case_hex_digits),
		cmocka_unit_test(test_chain__a_history_row_is_encoded_in_the_order_of_gridkit_5),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	chain_release();
	return rc;
}
