/*
 * test_codeset.c - the codes a batch has looked up: kept with their
 * values through growth, replaced, bounded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>

#include "codeset.h"

static void
test_codeset__codes_are_kept_with_their_values_as_it_grows(void **state)
{
	struct codeset cs = CODESET_INIT;
	char code[16];
	int i;

	assert_int_equal(codeset_get(&cs, "140121100001"), -1);
	for (i = 0; i < 50000; i++) {
		snprintf(code, sizeof code, "140121%09d", i * 7);
		codeset_put(&cs, code, i % 3);
	}
	assert_int_equal(cs.n, 50000);
	for (i = 0; i < 50000; i++) {
		snprintf(code, sizeof code, "140121%09d", i * 7);
		assert_int_equal(codeset_get(&cs, code), i % 3);
		snprintf(code, sizeof code, "140121%09d", i * 7 + 1);
		assert_int_equal(codeset_get(&cs, code), -1);
	}
	/* A code put again keeps one slot and takes the new value. */
	codeset_put(&cs, "140121000000007", 9);
	assert_int_equal(codeset_get(&cs, "140121000000007"), 9);
	assert_int_equal(cs.n, 50000);
	codeset_free(&cs);
	assert_int_equal(codeset_get(&cs, "140121000000007"), -1);
	codeset_put(&cs, "14", 0);
	assert_int_equal(codeset_get(&cs, "14"), 0);
	codeset_free(&cs);
}

static void
test_codeset__empty_and_overlong_codes_are_not_kept(void **state)
{
	struct codeset cs = CODESET_INIT;

	codeset_put(&cs, "", 1);
	codeset_put(&cs, "14012110000100112345", 1);
	assert_int_equal(cs.n, 0);
	assert_int_equal(codeset_get(&cs, ""), -1);
	assert_int_equal(codeset_get(&cs, "14012110000100112345"), -1);
	codeset_put(&cs, "140121100001001", 1);
	assert_int_equal(codeset_get(&cs, "140121100001001"), 1);
	codeset_free(&cs);
}

static void
test_codeset__past_its_bound_it_starts_again(void **state)
{
	struct codeset cs = CODESET_INIT;
	char code[16];
	unsigned long i;

	for (i = 0; i < CODESET_MAX; i++) {
		snprintf(code, sizeof code, "%lu", i);
		codeset_put(&cs, code, 1);
	}
	assert_int_equal(cs.n, CODESET_MAX);
	codeset_put(&cs, "new", 2);
	assert_int_equal(cs.n, 1);
	assert_int_equal(codeset_get(&cs, "new"), 2);
	assert_int_equal(codeset_get(&cs, "0"), -1);
	codeset_free(&cs);
}

/* codeset_add says "new" only while the set has every code it was
 * given: an identity number kept, then the same again, then none once
 * the set has forgotten or refused one. */
static void
test_codeset__add_says_new_only_while_nothing_is_forgotten(void **state)
{
	struct codeset cs = CODESET_INIT;
	char code[16];
	unsigned long i;

	(void)state;
	assert_int_equal(codeset_add(&cs, "140121199001011234"), 1);
	assert_int_equal(codeset_add(&cs, "140121199001011234"), 0);
	assert_int_equal(codeset_add(&cs, "14012119900101123X"), 1);
	/* Too long to keep: from now on absence proves nothing. */
	assert_int_equal(codeset_add(&cs, "14012110000100112345"), 0);
	assert_int_equal(codeset_add(&cs, "140121199001015678"), 0);
	assert_int_equal(codeset_get(&cs, "140121199001015678"), 1);
	codeset_free(&cs);
	assert_int_equal(codeset_add(&cs, "140121199001015678"), 1);
	for (i = 0; i < CODESET_MAX; i++) {
		snprintf(code, sizeof code, "%lu", i);
		codeset_put(&cs, code, 1);
	}
	/* Past the bound: every code forgotten, none new any more. */
	assert_int_equal(codeset_add(&cs, "new"), 0);
	assert_int_equal(codeset_add(&cs, "0"), 0);
	codeset_free(&cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codeset__codes_are_kept_with_their_values_as_it_grows),
		cmocka_unit_test(test_codeset__empty_and_overlong_codes_are_not_kept),
		cmocka_unit_test(test_codeset__past_its_bound_it_starts_again),
		cmocka_unit_test(test_codeset__add_says_new_only_while_nothing_is_forgotten),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
