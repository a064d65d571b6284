/*
 * lunar.h - the Chinese calendar (农历) and the solar terms, computed.
 *
 * The traditional festivals that are public holidays (Spring Festival,
 * Qingming, Dragon Boat, Mid-Autumn) fall on lunar dates or on a solar
 * term, so a year whose State Council notice is not shipped needs them
 * computed.  The rules are those of GB/T 33661-2017 (农历的编算和颁行):
 * times are Beijing time (UTC+8); a month begins on the day of a new
 * moon; the month holding the winter solstice is the eleventh; when
 * thirteen months lie between one eleventh month and the next, the
 * first of them holding no principal term (中气) is a leap month and
 * takes the number of the month before it; every other month takes
 * its number from the principal term it holds.
 *
 * The astronomy is Meeus, Astronomical Algorithms (2nd ed.): new moons
 * from chapter 49 (within a minute of the true instant), the Sun's
 * apparent longitude from the VSOP87 series truncated in chapter 32
 * and Appendix III (about an arc second: seconds of time), Delta T from
 * the Espenak-Meeus polynomials.  tests/unit/test_lunar.c checks them
 * against published dates of the Spring Festival, Qingming, Dragon Boat
 * and Mid-Autumn festivals from 2000 to 2030.  Years outside
 * LUNAR_YEAR_MIN..MAX are refused: the new moon of 28 September 2057
 * falls ten seconds before Beijing midnight, closer than these series
 * can tell, so the range stops before it.
 */
#ifndef GRIDKIT_LUNAR_H
#define GRIDKIT_LUNAR_H

#include "clock.h"

#define LUNAR_YEAR_MIN 1950
#define LUNAR_YEAR_MAX 2056

/*
 * lunar_day sets *out to the Gregorian day of day `day` of the ordinary
 * (not leap) lunar month `month` of the lunar year that begins in
 * Gregorian year `year` (month 1 day 1 is that year's Spring Festival)
 * and returns 0; -1 when the year is out of range, the month is not
 * 1-12, or the month has no such day (day 30 of a short month).
 */
int lunar_day(int year, int month, int day, gk_day *out);

/*
 * lunar_solar_term sets *out to the Beijing day on which the Sun's
 * apparent longitude reaches `degrees` (a multiple of 15: 0 the vernal
 * equinox, 15 Qingming, 270 the winter solstice) in Gregorian year
 * `year` and returns 0; -1 when the year is out of range.
 */
int lunar_solar_term(int year, int degrees, gk_day *out);

/* The Julian Ephemeris Day of new moon number k (k = 0: 2000-01-06),
 * Meeus chapter 49; exposed for the tests. */
double lunar_new_moon_jde(long k);

/* The Sun's apparent longitude in degrees (0-360) at Julian Ephemeris
 * Day jde; exposed for the tests. */
double lunar_sun_longitude(double jde);

#endif
