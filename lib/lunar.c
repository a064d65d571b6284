/*
 * lunar.c - the Chinese calendar and the solar terms, computed.
 *
 * A lunar year is worked out whole, from the winter solstice before it
 * to the one after, and the last one asked for is kept: the holidays of
 * a year ask for three dates of the same lunar year.
 */
#include <math.h>
#include <string.h>

#include "lunar.h"
#include "util.h"

#define PI 3.14159265358979323846
#define RAD(d) ((d) * PI / 180.0)
#define JD_UNIX_EPOCH 2440587.5		/* 1970-01-01T00:00Z */
#define TROPICAL_YEAR 365.2422
#define SYNODIC_MONTH 29.530588861

/* Delta T = TT - UT in seconds, Espenak and Meeus (NASA, 2006). */
static double
delta_t(double y)
{
	double t;

	if (y < 1961) {
		t = y - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	}
	if (y < 1986) {
		t = y - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	}
	if (y < 2005) {
		t = y - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t +
		    0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
		    0.00002373599 * t * t * t * t * t;
	}
	if (y < 2050) {
		t = y - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	t = (y - 1820) / 100;
	return -20 + 32 * t * t - 0.5628 * (2150 - y);
}

/* The Beijing date of a Julian Ephemeris Day. */
static gk_day
beijing_day(double jde)
{
	double y = 2000 + (jde - 2451545.0) / 365.25;
	double jd = jde - delta_t(y) / 86400.0 + 8.0 / 24.0;

	return (gk_day)floor(jd - JD_UNIX_EPOCH);
}

double
lunar_new_moon_jde(long k)
{
	/* Meeus chapter 49: the mean new moon, then the periodic terms
	 * of the new moon and the planetary terms A1-A14. */
	static const double a_coef[14] = {
		0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062,
		0.000060, 0.000056, 0.000047, 0.000042, 0.000040, 0.000037,
		0.000035, 0.000023
	};
	static const double a_base[14][2] = {
		{ 299.77, 0.107408 }, { 251.88, 0.016321 },
		{ 251.83, 26.651886 }, { 349.42, 36.412478 },
		{ 84.66, 18.206239 }, { 141.74, 53.303771 },
		{ 207.14, 2.453732 }, { 154.84, 7.306860 },
		{ 34.52, 27.261239 }, { 207.19, 0.121824 },
		{ 291.34, 1.844379 }, { 161.72, 24.198154 },
		{ 239.56, 25.513099 }, { 331.55, 3.592518 }
	};
	double kk = (double)k, t = kk / 1236.85, t2 = t * t, t3 = t2 * t,
	    t4 = t3 * t, jde, e, m, mp, f, om, c, a;
	int i;

	jde = 2451550.09766 + SYNODIC_MONTH * kk + 0.00015437 * t2 -
	    0.000000150 * t3 + 0.00000000073 * t4;
	e = 1 - 0.002516 * t - 0.0000074 * t2;
	m = RAD(2.5534 + 29.10535670 * kk - 0.0000014 * t2 -
	    0.00000011 * t3);
	mp = RAD(201.5643 + 385.81693528 * kk + 0.0107582 * t2 +
	    0.00001238 * t3 - 0.000000058 * t4);
	f = RAD(160.7108 + 390.67050284 * kk - 0.0016118 * t2 -
	    0.00000227 * t3 + 0.000000011 * t4);
	om = RAD(124.7746 - 1.56375588 * kk + 0.0020672 * t2 +
	    0.00000215 * t3);
	c = -0.40720 * sin(mp) + 0.17241 * e * sin(m) +
	    0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f) +
	    0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) +
	    0.00208 * e * e * sin(2 * m) - 0.00111 * sin(mp - 2 * f) -
	    0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m) -
	    0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) +
	    0.00038 * e * sin(m - 2 * f) - 0.00024 * e * sin(2 * mp - m) -
	    0.00017 * sin(om) - 0.00007 * sin(mp + 2 * m) +
	    0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) +
	    0.00003 * sin(mp + m - 2 * f) + 0.00003 * sin(2 * mp + 2 * f) -
	    0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f) -
	    0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) +
	    0.00002 * sin(4 * mp);
	for (i = 0; i < 14; i++) {
		a = a_base[i][0] + a_base[i][1] * kk;
		if (i == 0)
			a -= 0.009173 * t2;
		c += a_coef[i] * sin(RAD(a));
	}
	return jde + c;
}

/*
 * The Earth's heliocentric longitude, VSOP87 (Bretagnon and Francou,
 * 1988) as truncated in Meeus, Appendix III: series L0..L5 of terms
 * A cos(B + C tau), A in 1e-8 radians, tau in Julian millennia from
 * J2000.0.  About one arc second, two seconds of time at a solar term.
 */
struct vsop { double a, b, c; };

static const struct vsop earth_l0[] = {
	{ 175347046, 0, 0 }, { 3341656, 4.6692568, 6283.0758500 },
	{ 34894, 4.62610, 12566.15170 }, { 3497, 2.7441, 5753.3849 },
	{ 3418, 2.8289, 3.5231 }, { 3136, 3.6277, 77713.7715 },
	{ 2676, 4.4181, 7860.4194 }, { 2343, 6.1352, 3930.2097 },
	{ 1324, 0.7425, 11506.7698 }, { 1273, 2.0371, 529.6910 },
	{ 1199, 1.1096, 1577.3435 }, { 990, 5.233, 5884.927 },
	{ 902, 2.045, 26.298 }, { 857, 3.508, 398.149 },
	{ 780, 1.179, 5223.694 }, { 753, 2.533, 5507.553 },
	{ 505, 4.583, 18849.228 }, { 492, 4.205, 775.523 },
	{ 357, 2.920, 0.067 }, { 317, 5.849, 11790.629 },
	{ 284, 1.899, 796.298 }, { 271, 0.315, 10977.079 },
	{ 243, 0.345, 5486.778 }, { 206, 4.806, 2544.314 },
	{ 205, 1.869, 5573.143 }, { 202, 2.458, 6069.777 },
	{ 156, 0.833, 213.299 }, { 132, 3.411, 2942.463 },
	{ 126, 1.083, 20.775 }, { 115, 0.645, 0.980 },
	{ 103, 0.636, 4694.003 }, { 102, 0.976, 15720.839 },
	{ 102, 4.267, 7.114 }, { 99, 6.21, 2146.17 },
	{ 98, 0.68, 155.42 }, { 86, 5.98, 161000.69 },
	{ 85, 1.30, 6275.96 }, { 85, 3.67, 71430.70 },
	{ 80, 1.81, 17260.15 }, { 79, 3.04, 12036.46 },
	{ 75, 1.76, 5088.63 }, { 74, 3.50, 3154.69 },
	{ 74, 4.68, 801.82 }, { 70, 0.83, 9437.76 },
	{ 62, 3.98, 8827.39 }, { 61, 1.82, 7084.90 },
	{ 57, 2.78, 6286.60 }, { 56, 4.39, 14143.50 },
	{ 56, 3.47, 6279.55 }, { 52, 0.19, 12139.55 },
	{ 52, 1.33, 1748.02 }, { 51, 0.28, 5856.48 },
	{ 49, 0.49, 1194.45 }, { 41, 5.37, 8429.24 },
	{ 41, 2.40, 19651.05 }, { 39, 6.17, 10447.39 },
	{ 37, 6.04, 10213.29 }, { 37, 2.57, 1059.38 },
	{ 36, 1.71, 2352.87 }, { 36, 1.78, 6812.77 },
	{ 33, 0.59, 17789.85 }, { 30, 0.44, 83996.85 },
	{ 30, 2.74, 1349.87 }, { 25, 3.16, 4690.48 },
};
static const struct vsop earth_l1[] = {
	{ 628331966747.0, 0, 0 }, { 206059, 2.678235, 6283.075850 },
	{ 4303, 2.6351, 12566.1517 }, { 425, 1.590, 3.523 },
	{ 119, 5.796, 26.298 }, { 109, 2.966, 1577.344 },
	{ 93, 2.59, 18849.23 }, { 72, 1.14, 529.69 },
	{ 68, 1.87, 398.15 }, { 67, 4.41, 5507.55 },
	{ 59, 2.89, 5223.69 }, { 56, 2.17, 155.42 },
	{ 45, 0.40, 796.30 }, { 36, 0.47, 775.52 },
	{ 29, 2.65, 7.11 }, { 21, 5.34, 0.98 },
	{ 19, 1.85, 5486.78 }, { 19, 4.97, 213.30 },
	{ 17, 2.99, 6275.96 }, { 16, 0.03, 2544.31 },
	{ 16, 1.43, 2146.17 }, { 15, 1.21, 10977.08 },
	{ 12, 2.83, 1748.02 }, { 12, 3.26, 5088.63 },
	{ 12, 5.27, 1194.45 }, { 12, 2.08, 4694.00 },
	{ 11, 0.77, 553.57 }, { 10, 1.30, 6286.60 },
	{ 10, 4.24, 1349.87 }, { 9, 2.70, 242.73 },
	{ 9, 5.64, 951.72 }, { 8, 5.30, 2352.87 },
	{ 6, 2.65, 9437.76 }, { 6, 4.67, 4690.48 },
};
static const struct vsop earth_l2[] = {
	{ 52919, 0, 0 }, { 8720, 1.0721, 6283.0758 },
	{ 309, 0.867, 12566.152 }, { 27, 0.05, 3.52 },
	{ 16, 5.19, 26.30 }, { 16, 3.68, 155.42 },
	{ 10, 0.76, 18849.23 }, { 9, 2.06, 77713.77 },
	{ 7, 0.83, 775.52 }, { 5, 4.66, 1577.34 },
	{ 4, 1.03, 7.11 }, { 4, 3.44, 5573.14 },
	{ 3, 5.14, 796.30 }, { 3, 6.05, 5507.55 },
	{ 3, 1.19, 242.73 }, { 3, 6.12, 529.69 },
	{ 3, 0.31, 398.15 }, { 3, 2.28, 553.57 },
	{ 2, 4.38, 5223.69 }, { 2, 3.75, 0.98 },
};
static const struct vsop earth_l3[] = {
	{ 289, 5.844, 6283.076 }, { 35, 0, 0 },
	{ 17, 5.49, 12566.15 }, { 3, 5.20, 155.42 },
	{ 1, 4.72, 3.52 }, { 1, 5.30, 18849.23 },
	{ 1, 5.97, 242.73 },
};
static const struct vsop earth_l4[] = {
	{ 114, 3.142, 0 }, { 8, 4.13, 6283.08 }, { 1, 3.84, 12566.15 },
};
static const struct vsop earth_l5[] = {
	{ 1, 3.14, 0 },
};

#define SERIES(s) { s, sizeof s / sizeof s[0] }

static const struct {
	const struct vsop *t;
	size_t n;
} earth_l[] = {
	SERIES(earth_l0), SERIES(earth_l1), SERIES(earth_l2),
	SERIES(earth_l3), SERIES(earth_l4), SERIES(earth_l5),
};

double
lunar_sun_longitude(double jde)
{
	/* Meeus chapter 25, the higher accuracy: the Earth's VSOP87
	 * longitude turned round, reduced to FK5, then nutation in
	 * longitude (chapter 22) and aberration. */
	double tau = (jde - 2451545.0) / 365250, t = tau * 10, l = 0, p = 1,
	    sum, om, ls, lm, m, r, lambda;
	size_t i, j;

	for (i = 0; i < sizeof earth_l / sizeof earth_l[0]; i++) {
		sum = 0;
		for (j = 0; j < earth_l[i].n; j++)
			sum += earth_l[i].t[j].a *
			    cos(earth_l[i].t[j].b + earth_l[i].t[j].c * tau);
		l += sum * p;
		p *= tau;
	}
	lambda = l / 1e8 * 180.0 / PI + 180.0;
	lambda -= 0.09033 / 3600;
	om = RAD(125.04452 - 1934.136261 * t);
	ls = RAD(280.4665 + 36000.7698 * t);
	lm = RAD(218.3165 + 481267.8813 * t);
	lambda += (-17.20 * sin(om) - 1.32 * sin(2 * ls) -
	    0.23 * sin(2 * lm) + 0.21 * sin(2 * om)) / 3600;
	m = RAD(357.52911 + 35999.05029 * t);
	r = 1.000140 - 0.016708 * cos(m) - 0.000141 * cos(2 * m);
	lambda -= 20.4898 / 3600 / r;
	lambda = fmod(lambda, 360.0);
	return lambda < 0 ? lambda + 360.0 : lambda;
}

/* The instant (JDE) the Sun reaches longitude deg, starting the search
 * at jde; the longitude grows about 360/365.2422 degrees a day, so a few
 * Newton steps settle it below a second. */
static double
sun_reaches(double deg, double jde)
{
	double d;
	int i;

	for (i = 0; i < 8; i++) {
		d = fmod(deg - lunar_sun_longitude(jde), 360.0);
		if (d < -180)
			d += 360;
		else if (d >= 180)
			d -= 360;
		jde += d * TROPICAL_YEAR / 360.0;
		if (fabs(d) < 1e-7)
			break;
	}
	return jde;
}

/* A first guess of when the Sun reaches deg in Gregorian year year:
 * about 20 March plus the share of the year; the terms from 285 degrees
 * (小寒, early January) to 345 fall early in the year. */
static double
term_guess(int year, int deg)
{
	double jd = day_from_civil(year, 3, 20) + JD_UNIX_EPOCH;

	jd += deg / 360.0 * TROPICAL_YEAR;
	if (deg >= 285)
		jd -= TROPICAL_YEAR;
	return jd;
}

int
lunar_solar_term(int year, int degrees, gk_day *out)
{
	if (year < LUNAR_YEAR_MIN || year > LUNAR_YEAR_MAX)
		return -1;
	degrees %= 360;
	if (degrees < 0)
		degrees += 360;
	*out = beijing_day(sun_reaches(degrees, term_guess(year, degrees)));
	return 0;
}

/* The months of one lunar year: from the eleventh month that holds the
 * winter solstice before the year to the next eleventh month. */
struct lunar_year {
	int year;		/* Gregorian year of its Spring Festival */
	int n;			/* months in start, 12 or 13, plus the next */
	gk_day start[15];	/* first day of each month; [n] the next 11th */
	int number[15];		/* 1..12 */
	int leap[15];		/* 1 for the leap month */
};

static void
work_out(int year, struct lunar_year *ly)
{
	double ws1, ws2, zq;
	gk_day ws1d, ws2d, zqd[13];
	long k;
	int i, j, leap_at = -1, num;

	memset(ly, 0, sizeof *ly);
	ly->year = year;
	ws1 = sun_reaches(270, term_guess(year - 1, 270));
	ws2 = sun_reaches(270, term_guess(year, 270));
	ws1d = beijing_day(ws1);
	ws2d = beijing_day(ws2);
	/* The new moon that begins the month of the first solstice. */
	k = (long)floor((ws1 - 2451550.09766) / SYNODIC_MONTH) + 1;
	while (beijing_day(lunar_new_moon_jde(k)) > ws1d)
		k--;
	for (i = 0; i < 15; i++)
		ly->start[i] = beijing_day(lunar_new_moon_jde(k + i));
	/* start[0] is the 11th month; the next 11th is the month that
	 * holds the second solstice: 12 or 13 months later. */
	j = ly->start[13] <= ws2d ? 13 : 12;
	ly->n = j;
	if (j == 13) {
		/* The principal terms from the solstice on, each 30 degrees
		 * further; the first month holding none is the leap month. */
		zqd[0] = ws1d;
		zq = ws1;
		for (i = 1; i < 13; i++) {
			zq = sun_reaches(270 + 30 * i, zq + 30.4);
			zqd[i] = beijing_day(zq);
		}
		for (i = 1; i < 13 && leap_at < 0; i++) {
			int held = 0, z;

			for (z = 0; z < 13; z++)
				if (zqd[z] >= ly->start[i] &&
				    zqd[z] < ly->start[i + 1])
					held = 1;
			if (!held)
				leap_at = i;
		}
	}
	num = 11;
	for (i = 0; i <= j; i++) {
		if (i == leap_at) {
			ly->leap[i] = 1;
			ly->number[i] = num;
			continue;
		}
		if (i > 0)
			num = num % 12 + 1;
		ly->number[i] = num;
	}
}

int
lunar_day(int year, int month, int day, gk_day *out)
{
	static struct lunar_year cache;
	int i, first = -1;

	if (year < LUNAR_YEAR_MIN || year > LUNAR_YEAR_MAX ||
	    month < 1 || month > 12 || day < 1 || day > 30)
		return -1;
	if (cache.year != year)
		work_out(year, &cache);
	/* Month 1 is the first month numbered 1 after the 11th and 12th;
	 * months 11 and 12 asked for are those at the end of the year. */
	for (i = 1; i < cache.n; i++)
		if (cache.number[i] == 1 && !cache.leap[i]) {
			first = i;
			break;
		}
	if (first < 0)
		return -1;
	for (i = first; i < cache.n; i++)
		if (cache.number[i] == month && !cache.leap[i])
			break;
	if (i >= cache.n) {
		/* The 11th and 12th months of this lunar year begin the
		 * next computed span. */
		struct lunar_year next;

		work_out(year + 1, &next);
		for (i = 0; i < next.n; i++)
			if (next.number[i] == month && !next.leap[i])
				break;
		if (i >= next.n || day > next.start[i + 1] - next.start[i])
			return -1;
		*out = next.start[i] + day - 1;
		return 0;
	}
	if (day > cache.start[i + 1] - cache.start[i])
		return -1;
	*out = cache.start[i] + day - 1;
	return 0;
}
