/*
 * test_codes.c - division codes and grid codes, with real Shanxi codes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "util.h"

static void
check_area(const char *s, const char *code, int level, const char *parent,
    int urban)
{
	struct area_code a;
	const char *why = NULL;

	assert_int_equal(code_parse_area(s, &a, &why), 0);
	assert_string_equal(a.code, code);
	assert_int_equal(a.level, level);
	assert_string_equal(a.parent, parent);
	assert_int_equal(a.urban, urban);
}

static void
check_bad_area(const char *s, const char *expect)
{
	struct area_code a;
	const char *why = NULL;

	assert_int_equal(code_parse_area(s, &a, &why), -1);
	assert_non_null(why);
	assert_string_equal(why, expect);
}

static void
test_codes__levels_of_shanxi_codes(void **state)
{
	/* 山西省, 太原市, 小店区 */
	check_area("14", "140000000000", AREA_PROVINCE, "", -1);
	check_area("1401", "140100000000", AREA_CITY, "140000000000", -1);
	check_area("140105", "140105000000", AREA_COUNTY, "140100000000", -1);
	/* 小店街道 (a street), 清徐县清源镇 (a town) */
	check_area("140105001", "140105001000", AREA_TOWNSHIP,
	    "140105000000", -1);
	check_area("140121100", "140121100000", AREA_TOWNSHIP,
	    "140121000000", -1);
	/* A community (residents' committee) and a village (villagers'). */
	check_area("140105001001", "140105001001", AREA_VILLAGE,
	    "140105001000", 1);
	check_area("140121100201", "140121100201", AREA_VILLAGE,
	    "140121100000", 0);
}

static void
test_codes__level_comes_from_the_padded_code(void **state)
{
	/* A city written with 6 or 12 digits is still a city. */
	check_area("140100", "140100000000", AREA_CITY, "140000000000", -1);
	check_area("140100000000", "140100000000", AREA_CITY,
	    "140000000000", -1);
	check_area("140000000000", "140000000000", AREA_PROVINCE, "", -1);
	check_area("1400", "140000000000", AREA_PROVINCE, "", -1);
}

static void
test_codes__village_groups_and_odd_townships(void **state)
{
	struct area_code a;
	struct grid_code g;
	const char *why;

	check_area("140105001199", "140105001199", AREA_VILLAGE,
	    "140105001000", 1);
	check_area("140121100399", "140121100399", AREA_VILLAGE,
	    "140121100000", 0);
	/* 400-999: the division code rules define no such village. */
	assert_int_equal(code_parse_area("140121100400", &a, &why), -1);
	assert_non_null(strstr(why, "neither 001-199"));
	assert_int_equal(code_parse_area("140121100999", &a, &why), -1);
	assert_int_equal(code_parse_grid("140121100400001", &g, &why), -1);
	assert_non_null(strstr(why, "200-399 (a villagers' committee)"));
	/* Township groups outside the usual ranges exist. */
	check_area("140121300", "140121300000", AREA_TOWNSHIP,
	    "140121000000", -1);
	check_area("140121650201", "140121650201", AREA_VILLAGE,
	    "140121650000", 0);
}

static void
test_codes__every_province_and_no_other(void **state)
{
	static const int valid[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32,
	    33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
	    61, 62, 63, 64, 65, 71, 81, 82 };
	struct area_code a;
	const char *why;
	char s[16];
	size_t k = 0;
	int p, ok;

	for (p = 0; p < 100; p++) {
		snprintf(s, sizeof s, "%02d", p);
		ok = code_parse_area(s, &a, &why) == 0;
		if (k < sizeof valid / sizeof valid[0] && valid[k] == p) {
			assert_true(ok);
			k++;
		} else {
			assert_false(ok);
			assert_string_equal(why,
			    "unknown province code (digits 1-2)");
		}
	}
	assert_int_equal(k, sizeof valid / sizeof valid[0]);
}

static void
test_codes__rejects_malformed_codes(void **state)
{
	struct area_code a;
	const char *why;

	check_bad_area("", "empty division code");
	assert_int_equal(code_parse_area(NULL, &a, &why), -1);
	check_bad_area("1401O5", "contains a non-digit character");
	check_bad_area(" 140105", "contains a non-digit character");
	check_bad_area("140105 ", "contains a non-digit character");
	/* Full-width digits, as a Chinese input method types them. */
	check_bad_area("\xef\xbc\x91\xef\xbc\x94", "contains a non-digit character");
	check_bad_area("1", "a division code has 2, 4, 6, 9 or 12 digits");
	check_bad_area("14010", "a division code has 2, 4, 6, 9 or 12 digits");
	check_bad_area("1401050011", "a division code has 2, 4, 6, 9 or 12 digits");
	check_bad_area("1401050010010", "a division code has 2, 4, 6, 9 or 12 digits");
	check_bad_area("00", "unknown province code (digits 1-2)");
	check_bad_area("990105001001", "unknown province code (digits 1-2)");
	check_bad_area("140005", "city digits 3-4 are 00 but later digits are not");
	check_bad_area("140000001000",
	    "county digits 5-6 are 00 but later digits are not");
	check_bad_area("140105000001",
	    "township digits 7-9 are 000 but village digits are not");
}

static void
test_codes__grid_codes(void **state)
{
	struct grid_code g;
	const char *why = NULL;

	assert_int_equal(code_parse_grid("140121100201001", &g, &why), 0);
	assert_string_equal(g.code, "140121100201001");
	assert_string_equal(g.village, "140121100201");
	assert_int_equal(g.seq, 1);
	assert_int_equal(code_parse_grid("140105001001999", &g, &why), 0);
	assert_int_equal(g.seq, 999);
}

static void
check_bad_grid(const char *s, const char *expect)
{
	struct grid_code g;
	const char *why = NULL;

	assert_int_equal(code_parse_grid(s, &g, &why), -1);
	assert_non_null(why);
	assert_string_equal(why, expect);
}

static void
test_codes__grid_rejections(void **state)
{
	check_bad_grid("", "empty grid code");
	check_bad_grid("14012110020100", "a grid code has 15 digits");
	check_bad_grid("1401211002010011", "a grid code has 15 digits");
	check_bad_grid("140121100201", "a grid code has 15 digits");
	check_bad_grid("140121100201-01", "contains a non-digit character");
	check_bad_grid("140121100201000",
	    "grid sequence 000: sequences run from 001 to 999");
	check_bad_grid("140105001000001",
	    "the first 12 digits are a township, not a village or community");
	check_bad_grid("140105000000001",
	    "the first 12 digits are a county, not a village or community");
	check_bad_grid("140100000000001",
	    "the first 12 digits are a city, not a village or community");
	check_bad_grid("140000000000001",
	    "the first 12 digits are a province, not a village or community");
	check_bad_grid("140105000001001",
	    "township digits 7-9 are 000 but village digits are not");
	check_bad_grid("990121100201001", "unknown province code (digits 1-2)");
}

static void
test_codes__short_form_and_level_names(void **state)
{
	char buf[13];

	assert_string_equal(code_short("140000000000", AREA_PROVINCE, buf),
	    "14");
	assert_string_equal(code_short("140100000000", AREA_CITY, buf), "1401");
	assert_string_equal(code_short("140105000000", AREA_COUNTY, buf),
	    "140105");
	assert_string_equal(code_short("140105001000", AREA_TOWNSHIP, buf),
	    "140105001");
	assert_string_equal(code_short("140105001001", AREA_VILLAGE, buf),
	    "140105001001");
	assert_string_equal(code_short("140105001001", 0, buf),
	    "140105001001");
	assert_string_equal(code_level_name(AREA_PROVINCE), "province");
	assert_string_equal(code_level_name(AREA_CITY), "city");
	assert_string_equal(code_level_name(AREA_COUNTY), "county");
	assert_string_equal(code_level_name(AREA_TOWNSHIP), "township");
	assert_string_equal(code_level_name(AREA_VILLAGE), "village");
	assert_string_equal(code_level_name(0), "unknown");
	assert_string_equal(code_level_name(6), "unknown");
}

static void
test_codes__within(void **state)
{
	assert_true(code_within("140121100201", "140000000000"));
	assert_true(code_within("140121100201", "140100000000"));
	assert_true(code_within("140121100201", "140121000000"));
	assert_true(code_within("140121100201", "140121100000"));
	assert_true(code_within("140121100201", "140121100201"));
	assert_true(code_within("140100000000", "140100000000"));
	assert_false(code_within("140105001001", "140121000000"));
	assert_false(code_within("140121100202", "140121100201"));
	/* The parent is not within its child. */
	assert_false(code_within("140121000000", "140121100000"));
	assert_false(code_within("130121100201", "140000000000"));
	assert_false(code_within("1401", "140000000000"));
	assert_false(code_within("140121100201", "14"));
	assert_false(code_within("140121100201", "000000000000"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes__levels_of_shanxi_codes),
		cmocka_unit_test(test_codes__level_comes_from_the_padded_code),
		cmocka_unit_test(test_codes__village_groups_and_odd_townships),
		cmocka_unit_test(test_codes__every_province_and_no_other),
		cmocka_unit_test(test_codes__rejects_malformed_codes),
		cmocka_unit_test(test_codes__grid_codes),
		cmocka_unit_test(test_codes__grid_rejections),
		cmocka_unit_test(test_codes__short_form_and_level_names),
		cmocka_unit_test(test_codes__within),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
