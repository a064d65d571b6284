/*
 * test_idnum.c - resident identity numbers: check character, the
 * reasons given for bad ones (Excel damage included), age, masking.
 *
 * The check characters of the made-up numbers below were computed
 * separately (a Python one-liner over the GB 11643 weights).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "clock.h"
#include "idnum.h"
#include "util.h"

static gk_day
today(void)
{
	return day_from_civil(2026, 11, 29);
}

static void
test_idnum__published_examples_are_valid(void **state)
{
	struct idnum id;
	char why[IDNUM_WHY_MAX] = "";
	int y, m, d;

	assert_int_equal(idnum_check_char("11010519491231002"), 'X');
	assert_int_equal(idnum_check_char("44052418800101001"), '4');

	if (idnum_parse("11010519491231002X", today(), &id, why,
	    sizeof why) != 0)
		fail_msg("rejected: %s", why);
	assert_string_equal(id.num, "11010519491231002X");
	assert_int_equal(id.birth, day_from_civil(1949, 12, 31));
	assert_int_equal(id.male, 0);

	/* Born in 1880: no fixed earliest year, 146 years old here. */
	if (idnum_parse("440524188001010014", today(), &id, why,
	    sizeof why) != 0)
		fail_msg("rejected: %s", why);
	day_to_civil(id.birth, &y, &m, &d);
	assert_int_equal(y, 1880);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	assert_int_equal(id.male, 1);
	assert_int_equal(idnum_age(&id, today()), 146);
}

/* A foreign permanent resident ID card of the 2023 form passes the
 * check of GB 11643 but is told apart by its leading 9; a province
 * code is one of GB/T 2260's or 83, and nothing else. */
static void
test_idnum__foreign_resident_and_province(void **state)
{
	struct idnum id;
	char num[19], why[IDNUM_WHY_MAX] = "";

	memcpy(num, "93614019900101123", 17);
	num[17] = idnum_check_char(num);
	num[18] = '\0';
	if (idnum_parse(num, today(), &id, why, sizeof why) != 0)
		fail_msg("rejected: %s", why);
	assert_int_equal(idnum_foreign_resident(&id), 1);
	assert_null(idnum_province_name(num));
	assert_int_equal(idnum_parse("11010519491231002X", today(), &id,
	    why, sizeof why), 0);
	assert_int_equal(idnum_foreign_resident(&id), 0);
	assert_string_equal(idnum_province_name("140105"), "山西省");
	assert_string_equal(idnum_province_name("650102"),
	    "新疆维吾尔自治区");
	assert_non_null(idnum_province_name("810000"));
	assert_non_null(idnum_province_name("830000"));
	assert_null(idnum_province_name("100105"));
	assert_null(idnum_province_name("240105"));
	assert_null(idnum_province_name("660105"));
	assert_null(idnum_province_name("840000"));
	assert_null(idnum_province_name("1"));
}

static void
test_idnum__lower_case_x_is_normalised(void **state)
{
	struct idnum id;
	char why[IDNUM_WHY_MAX];

	assert_int_equal(idnum_parse("11010519491231002x", today(), &id, why,
	    sizeof why), 0);
	assert_string_equal(id.num, "11010519491231002X");
}

static void
test_idnum__sex_from_the_sequence(void **state)
{
	struct idnum id;
	char why[IDNUM_WHY_MAX];

	assert_int_equal(idnum_parse("140105199001011238", today(), &id, why,
	    sizeof why), 0);
	assert_int_equal(id.male, 1);
	assert_int_equal(idnum_parse("140105199001011246", today(), &id, why,
	    sizeof why), 0);
	assert_int_equal(id.male, 0);
}

struct reject {
	const char *in;		/* the value */
	const char *why;	/* the whole reason expected */
};

static void
test_idnum__each_rejection_has_its_reason(void **state)
{
	static const struct reject cases[] = {
		{ "110105194912310021", "check character is 1, expected X "
		    "(a typing error in one of the 18 characters?)" },
		{ "11010519491231002", "has 17 characters, expected 18" },
		{ "11010519491231002X1", "has 19 characters, expected 18" },
		{ "1", "has 1 character, expected 18" },
		{ "", "is empty" },
		{ "110105491231002", "15-digit identity numbers (issued "
		    "before 1999) must be converted to 18 digits" },
		{ "110105A9491231002X", "contains a non-digit character at "
		    "position 7" },
		{ "X10105194912310020", "contains a non-digit character at "
		    "position 1" },
		/* A full-width digit is one character, not three bytes. */
		{ "\xef\xbc\x91" "10105194912310020", "contains a non-digit "
		    "character at position 1" },
		{ "1101051949123100 X", "contains a non-digit character at "
		    "position 17" },
		{ "140105199002300015", "birth date 19900230 does not exist" },
		{ "140105203001010015", "birth date 20300101 is in the "
		    "future" },
		{ "140105185001010019", "birth date 18500101 is more than "
		    "150 years ago" },
		{ "1.40105E+17", "looks like a number Excel converted to "
		    "scientific notation (1.40105E+17); format the column as "
		    "Text and export again" },
		{ "1.40105e+17", "looks like a number Excel converted to "
		    "scientific notation (1.40105e+17); format the column as "
		    "Text and export again" },
		{ "140105198503071000", "check character is 0, expected 9 "
		    "(Excel keeps only 15 significant digits: the last three "
		    "digits were probably lost)" },
	};
	struct idnum id;
	char why[IDNUM_WHY_MAX];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		why[0] = '\0';
		if (idnum_parse(cases[i].in, today(), &id, why,
		    sizeof why) != -1)
			fail_msg("accepted \"%s\"", cases[i].in);
		if (strcmp(why, cases[i].why) != 0)
			fail_msg("\"%s\": got \"%s\", expected \"%s\"",
			    cases[i].in, why, cases[i].why);
	}
	/* No buffer for the reason is allowed. */
	assert_int_equal(idnum_parse("1", today(), &id, NULL, 0), -1);
	/* A short buffer is cut, never overrun. */
	assert_int_equal(idnum_parse("1", today(), &id, why, 4), -1);
	assert_string_equal(why, "has");
}

static void
test_idnum__age_around_the_18th_birthday(void **state)
{
	struct idnum id;
	char why[IDNUM_WHY_MAX];

	assert_int_equal(idnum_parse("140105200811291230", today(), &id, why,
	    sizeof why), 0);
	assert_int_equal(idnum_age(&id, day_from_civil(2026, 11, 28)), 17);
	assert_int_equal(idnum_age(&id, day_from_civil(2026, 11, 29)), 18);
	assert_int_equal(idnum_age(&id, day_from_civil(2027, 11, 28)), 18);
	assert_int_equal(idnum_age(&id, day_from_civil(2008, 11, 29)), 0);
	assert_int_equal(idnum_age(&id, day_from_civil(2008, 11, 28)), -1);

	/* Born on 29 February: 18 on 1 March of the common year 2026. */
	assert_int_equal(idnum_parse("140105200802291247", today(), &id, why,
	    sizeof why), 0);
	assert_int_equal(idnum_age(&id, day_from_civil(2026, 2, 28)), 17);
	assert_int_equal(idnum_age(&id, day_from_civil(2026, 3, 1)), 18);
	assert_int_equal(idnum_age(&id, day_from_civil(2028, 2, 28)), 19);
	assert_int_equal(idnum_age(&id, day_from_civil(2028, 2, 29)), 20);
}

static void
test_idnum__born_today_is_not_in_the_future(void **state)
{
	struct idnum id;
	char why[IDNUM_WHY_MAX];

	/* 2030-01-01 is in the future on 2026-11-29 but not on itself. */
	assert_int_equal(idnum_parse("140105203001010015",
	    day_from_civil(2030, 1, 1), &id, why, sizeof why), 0);
	assert_int_equal(idnum_parse("140105203001010015",
	    day_from_civil(2029, 12, 31), &id, why, sizeof why), -1);
}

static void
test_idnum__masking(void **state)
{
	char buf[64];

	assert_string_equal(idnum_mask("140105199001011238", buf, sizeof buf),
	    "140105********1238");
	assert_string_equal(idnum_mask("11010519491231002X", buf,
	    IDNUM_MASKED_MAX), "110105********002X");
	assert_string_equal(idnum_mask("110105491231002", buf, sizeof buf),
	    "*************02");
	assert_string_equal(idnum_mask("1.40105E+17", buf, sizeof buf),
	    "*********17");
	assert_string_equal(idnum_mask("12", buf, sizeof buf), "12");
	assert_string_equal(idnum_mask("", buf, sizeof buf), "");
	/* Characters, not bytes: UTF-8 is never cut in the middle. */
	assert_string_equal(idnum_mask("张三丰", buf, sizeof buf), "*三丰");
	assert_string_equal(idnum_mask("11010519491231002", buf, 6), "*****");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idnum__published_examples_are_valid),
		cmocka_unit_test(test_idnum__foreign_resident_and_province),
		cmocka_unit_test(test_idnum__lower_case_x_is_normalised),
		cmocka_unit_test(test_idnum__sex_from_the_sequence),
		cmocka_unit_test(test_idnum__each_rejection_has_its_reason),
		cmocka_unit_test(test_idnum__age_around_the_18th_birthday),
		cmocka_unit_test(test_idnum__born_today_is_not_in_the_future),
		cmocka_unit_test(test_idnum__masking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
