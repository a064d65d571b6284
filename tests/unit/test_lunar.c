/*
 * test_lunar.c - the Chinese calendar and the solar terms, computed
 * (lib/lunar.c), against published dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "diag.h"
#include "lunar.h"

/*
 * The festivals of 2000-2030, none of them from lib/lunar.c: the Spring
 * Festival as published (the Fact Monster table of Chinese New Year
 * dates 2000-2030 gives the same days); the Dragon Boat (5th day of the
 * 5th month) and Mid-Autumn (15th day of the 8th month) festivals from
 * the Hong Kong Observatory's Gregorian-lunar conversion tables as
 * Debian's python3-lunardate carries them; Qingming, the day the Sun
 * reaches 15 degrees, in Beijing time, from the PyEphem ephemeris
 * (Debian's python3-ephem).  Among them: the Dragon Boat festival on
 * 25 June in 2001 and 2020, the latest of the century, and Mid-Autumn
 * on National Day in 2001 and 2020.
 */
static const struct {
	int year;
	const char *spring, *qingming, *dragon_boat, *mid_autumn;
} published[] = {
	{ 2000, "2000-02-05", "2000-04-04", "2000-06-06", "2000-09-12" },
	{ 2001, "2001-01-24", "2001-04-05", "2001-06-25", "2001-10-01" },
	{ 2002, "2002-02-12", "2002-04-05", "2002-06-15", "2002-09-21" },
	{ 2003, "2003-02-01", "2003-04-05", "2003-06-04", "2003-09-11" },
	{ 2004, "2004-01-22", "2004-04-04", "2004-06-22", "2004-09-28" },
	{ 2005, "2005-02-09", "2005-04-05", "2005-06-11", "2005-09-18" },
	{ 2006, "2006-01-29", "2006-04-05", "2006-05-31", "2006-10-06" },
	{ 2007, "2007-02-18", "2007-04-05", "2007-06-19", "2007-09-25" },
	{ 2008, "2008-02-07", "2008-04-04", "2008-06-08", "2008-09-14" },
	{ 2009, "2009-01-26", "2009-04-04", "2009-05-28", "2009-10-03" },
	{ 2010, "2010-02-14", "2010-04-05", "2010-06-16", "2010-09-22" },
	{ 2011, "2011-02-03", "2011-04-05", "2011-06-06", "2011-09-12" },
	{ 2012, "2012-01-23", "2012-04-04", "2012-06-23", "2012-09-30" },
	{ 2013, "2013-02-10", "2013-04-04", "2013-06-12", "2013-09-19" },
	{ 2014, "2014-01-31", "2014-04-05", "2014-06-02", "2014-09-08" },
	{ 2015, "2015-02-19", "2015-04-05", "2015-06-20", "2015-09-27" },
	{ 2016, "2016-02-08", "2016-04-04", "2016-06-09", "2016-09-15" },
	{ 2017, "2017-01-28", "2017-04-04", "2017-05-30", "2017-10-04" },
	{ 2018, "2018-02-16", "2018-04-05", "2018-06-18", "2018-09-24" },
	{ 2019, "2019-02-05", "2019-04-05", "2019-06-07", "2019-09-13" },
	{ 2020, "2020-01-25", "2020-04-04", "2020-06-25", "2020-10-01" },
	{ 2021, "2021-02-12", "2021-04-04", "2021-06-14", "2021-09-21" },
	{ 2022, "2022-02-01", "2022-04-05", "2022-06-03", "2022-09-10" },
	{ 2023, "2023-01-22", "2023-04-05", "2023-06-22", "2023-09-29" },
	{ 2024, "2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17" },
	{ 2025, "2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06" },
	{ 2026, "2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25" },
	{ 2027, "2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15" },
	{ 2028, "2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03" },
	{ 2029, "2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22" },
	{ 2030, "2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12" },
};

static void
assert_iso(gk_day got, const char *want, const char *what, int year)
{
	char buf[DAY_ISO_MAX];

	if (strcmp(day_format(got, buf), want) != 0)
		fail_msg("%s %d: got %s, published %s", what, year, buf, want);
}

static void
test_lunar__festivals_2000_to_2030_match_published_dates(void **state)
{
	size_t i;
	gk_day d;

	for (i = 0; i < sizeof published / sizeof published[0]; i++) {
		int y = published[i].year;

		assert_int_equal(lunar_day(y, 1, 1, &d), 0);
		assert_iso(d, published[i].spring, "Spring Festival", y);
		assert_int_equal(lunar_solar_term(y, 15, &d), 0);
		assert_iso(d, published[i].qingming, "Qingming", y);
		assert_int_equal(lunar_day(y, 5, 5, &d), 0);
		assert_iso(d, published[i].dragon_boat, "Dragon Boat", y);
		assert_int_equal(lunar_day(y, 8, 15, &d), 0);
		assert_iso(d, published[i].mid_autumn, "Mid-Autumn", y);
	}
}

/* Meeus, Astronomical Algorithms, example 49.a: the new moon of
 * February 1977, k = -283, is at JDE 2443192.65118. */
static void
test_lunar__new_moon_of_meeus_example(void **state)
{
	assert_true(fabs(lunar_new_moon_jde(-283) - 2443192.65118) < 1e-4);
}

/*
 * Leap months come out where the tables have them: 2023 had a leap
 * second month (闰二月), so its 3rd month began on 20 April (lunardate:
 * LunarDate(2023, 3, 1) is 2023-04-20); 2033, the "2033 problem" of
 * the old rules, has its leap month after the 11th under GB/T
 * 33661-2017, so the 12th month begins on 20 January 2034 and the
 * Spring Festival of 2034 is 19 February.
 */
static void
test_lunar__leap_months(void **state)
{
	gk_day d;

	assert_int_equal(lunar_day(2023, 3, 1, &d), 0);
	assert_iso(d, "2023-04-20", "3rd month", 2023);
	assert_int_equal(lunar_day(2034, 1, 1, &d), 0);
	assert_iso(d, "2034-02-19", "Spring Festival", 2034);
	assert_int_equal(lunar_day(2033, 12, 1, &d), 0);
	assert_iso(d, "2034-01-20", "12th month", 2033);
}

static void
test_lunar__out_of_range_and_impossible_days_are_refused(void **state)
{
	gk_day d = 12345;

	assert_int_equal(lunar_day(LUNAR_YEAR_MAX + 1, 1, 1, &d), -1);
	assert_int_equal(lunar_day(LUNAR_YEAR_MIN - 1, 1, 1, &d), -1);
	assert_int_equal(lunar_solar_term(LUNAR_YEAR_MAX + 1, 15, &d), -1);
	assert_int_equal(lunar_day(2026, 13, 1, &d), -1);
	assert_int_equal(lunar_day(2026, 1, 31, &d), -1);
	assert_int_equal(d, 12345);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_lunar__festivals_2000_to_2030_match_published_dates),
		cmocka_unit_test(test_lunar__new_moon_of_meeus_example),
		cmocka_unit_test(test_lunar__leap_months),
		cmocka_unit_test(
		    test_lunar__out_of_range_and_impossible_days_are_refused),
	};

	diag_init("test_lunar");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
