/*
 * clock.c - the time, pinned or real, and calendar dates.
 *
 * Dates convert with Howard Hinnant's days_from_civil and
 * civil_from_days (integer arithmetic over 400-year eras), so nothing
 * here depends on the C library's idea of the time zone: the local zone
 * is one fixed offset, which is exact for China.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "i18n.h"
#include "util.h"

static int offset_min = 480;	/* minutes east of UTC; Asia/Shanghai */
static int pinned;		/* 1 when pin_value holds the current time */
static gk_time pin_value;	/* the pinned time */

/* Division and remainder rounding towards minus infinity, so that
 * times before 1970 and negative offsets fall on the right day. */
static long long
floordiv(long long a, long long b)
{
	long long q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

gk_day
day_from_civil(int y, int m, int d)
{
	long long yy = (long long)y - (m <= 2);
	long long era = (yy >= 0 ? yy : yy - 399) / 400;
	long long yoe = yy - era * 400;				/* [0, 399] */
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */

	return (gk_day)(era * 146097 + doe - 719468);
}

void
day_to_civil(gk_day day, int *y, int *m, int *d)
{
	long long z = (long long)day + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

int
day_weekday(gk_day day)
{
	/* Day 0, 1970-01-01, was a Thursday. */
	return (int)(day + 3 - floordiv((long long)day + 3, 7) * 7) + 1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const unsigned char len[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && leap(y) ? 29 : len[m - 1];
}

int
day_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Reads exactly n ASCII digits at *p into *v and advances *p. */
static int
digits(const char **p, int n, int *v)
{
	const char *s = *p;
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	*p = s + n;
	return 0;
}

/* Reads one or two ASCII digits, no more. */
static int
digits12(const char **p, int *v)
{
	const char *s = *p;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	if (s[1] >= '0' && s[1] <= '9') {
		if (s[2] >= '0' && s[2] <= '9')
			return -1;
		return digits(p, 2, v);
	}
	return digits(p, 1, v);
}

static const char *
date_why(int y, int m)
{
	if (y < 1)
		return "year out of range (0001-9999)";
	if (m < 1 || m > 12)
		return "month out of range (01-12)";
	return "no such day in that month";
}

/*
 * Reads a zone "Z", "+HH:MM", "+HHMM" or "+HH" at *p.  Real offsets lie
 * between -12:00 and +14:00; anything past 18 hours is a typing error.
 */
static int
zone(const char **p, int *minutes, const char **why)
{
	const char *s = *p;
	int sign, hh, mm = 0;

	if (*s == 'Z') {
		*minutes = 0;
		*p = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		goto bad;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &hh) == -1)
		goto bad;
	if (*s == ':') {
		s++;
		if (digits(&s, 2, &mm) == -1)
			goto bad;
	} else if (*s >= '0' && *s <= '9') {
		if (digits(&s, 2, &mm) == -1)
			goto bad;
	}
	if (hh > 18 || mm > 59 || (hh == 18 && mm > 0)) {
		*why = _("zone offset out of range");
		return -1;
	}
	*minutes = sign * (hh * 60 + mm);
	*p = s;
	return 0;
bad:
	*why = _("bad zone offset (expected Z, +HH:MM or +HHMM)");
	return -1;
}

int
clock_parse(const char *s, gk_time *out, const char **why)
{
	const char *p = s;
	int y, m, d, hh = 0, mi = 0, ss = 0, off = offset_min;

	if (s == NULL || *s == '\0') {
		*why = _("empty time");
		return -1;
	}
	if (digits(&p, 4, &y) == -1 || *p++ != '-' ||
	    digits(&p, 2, &m) == -1 || *p++ != '-' ||
	    digits(&p, 2, &d) == -1)
		goto syntax;
	if (!day_valid(y, m, d)) {
		*why = date_why(y, m);
		return -1;
	}
	if (*p == 'T' || *p == ' ') {
		p++;
		if (digits(&p, 2, &hh) == -1 || *p++ != ':' ||
		    digits(&p, 2, &mi) == -1)
			goto syntax;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &ss) == -1)
				goto syntax;
		}
		if (hh > 23) {
			*why = _("hour out of range (00-23)");
			return -1;
		}
		if (mi > 59) {
			*why = _("minute out of range (00-59)");
			return -1;
		}
		if (ss > 59) {
			*why = _("second out of range (00-59)");
			return -1;
		}
		if (*p != '\0' && zone(&p, &off, why) == -1)
			return -1;
	}
	if (*p != '\0')
		goto syntax;
	*out = (gk_time)day_from_civil(y, m, d) * 86400 +
	    hh * 3600 + mi * 60 + ss - (gk_time)off * 60;
	return 0;
syntax:
	*why = _("not an ISO 8601 time (expected YYYY-MM-DD, "
	    "YYYY-MM-DDTHH:MM[:SS] and an optional zone Z or +HH:MM)");
	return -1;
}

void
clock_set_offset(int minutes)
{
	offset_min = minutes;
}

int
clock_offset(void)
{
	return offset_min;
}

int
clock_parse_offset(const char *s, int *minutes)
{
	const char *why;
	int m;

	if (s == NULL || zone(&s, &m, &why) == -1 || *s != '\0')
		return -1;
	*minutes = m;
	return 0;
}

int
clock_pin(const char *s, const char **why)
{
	gk_time t;

	if (s == NULL) {
		pinned = 0;
		return 0;
	}
	if (clock_parse(s, &t, why) == -1)
		return -1;
	pin_value = t;
	pinned = 1;
	return 0;
}

gk_time
clock_now(void)
{
	return pinned ? pin_value : (gk_time)time(NULL);
}

gk_day
clock_today(void)
{
	return clock_day(clock_now());
}

gk_day
clock_day(gk_time t)
{
	return (gk_day)floordiv(t + (gk_time)offset_min * 60, 86400);
}

gk_time
clock_midnight(gk_day d)
{
	return (gk_time)d * 86400 - (gk_time)offset_min * 60;
}

/* Two digits of n (0..99) at p. */
static void
two(char *p, int n)
{
	p[0] = (char)('0' + n / 10);
	p[1] = (char)('0' + n % 10);
}

char *
clock_format(gk_time t, char buf[CLOCK_ISO_MAX])
{
	gk_time local = t + (gk_time)offset_min * 60;
	long long day = floordiv(local, 86400);
	int sec = (int)(local - day * 86400);
	int off = offset_min < 0 ? -offset_min : offset_min;
	int y, m, d;

	day_to_civil((gk_day)day, &y, &m, &d);
	/* Only a year past 9999 overflows; cut short, it still reads as
	 * the nonsense it is.  The rest is written digit by digit: an
	 * import formats several times a row, and snprintf was an eighth
	 * of its instructions. */
	if (y < 0 || y > 9999) {
		if (snprintf(buf, CLOCK_ISO_MAX,
		    "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		    y, m, d, sec / 3600, sec / 60 % 60, sec % 60,
		    offset_min < 0 ? '-' : '+', off / 60 % 100, off % 60) < 0)
			buf[0] = '\0';
		return buf;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	two(buf + 5, m);
	buf[7] = '-';
	two(buf + 8, d);
	buf[10] = 'T';
	two(buf + 11, sec / 3600);
	buf[13] = ':';
	two(buf + 14, sec / 60 % 60);
	buf[16] = ':';
	two(buf + 17, sec % 60);
	buf[19] = offset_min < 0 ? '-' : '+';
	two(buf + 20, off / 60 % 100);
	buf[22] = ':';
	two(buf + 23, off % 60);
	buf[25] = '\0';
	return buf;
}

/*
 * The forms spreadsheets export.  A plain 5-digit number is most likely
 * a date cell Excel or WPS exported as its serial number (days since
 * 1899-12-30); saying so saves the user a puzzled search.
 */
int
day_parse(const char *s, gk_day *out, const char **why)
{
	static const char nian[] = "\xe5\xb9\xb4";	/* 年 */
	static const char yue[] = "\xe6\x9c\x88";	/* 月 */
	static const char ri[] = "\xe6\x97\xa5";	/* 日 */
	const char *p = s;
	size_t len;
	int y = 0, m = 0, d = 0;
	char sep;

	if (s == NULL || *s == '\0') {
		*why = _("empty date");
		return -1;
	}
	len = strlen(s);
	if (strspn(s, "0123456789") == len) {
		if (len == 5) {
			*why = _("looks like a spreadsheet date serial number; "
			    "format the column as a date and export again");
			return -1;
		}
		if (len != 8)
			goto syntax;
		digits(&p, 4, &y);
		digits(&p, 2, &m);
		digits(&p, 2, &d);
	} else {
		if (digits(&p, 4, &y) == -1)
			goto syntax;
		if (*p == '-' || *p == '/' || *p == '.') {
			sep = *p++;
			if (digits12(&p, &m) == -1 || *p++ != sep ||
			    digits12(&p, &d) == -1 || *p != '\0')
				goto syntax;
		} else if (strncmp(p, nian, 3) == 0) {
			p += 3;
			if (digits12(&p, &m) == -1 || strncmp(p, yue, 3) != 0)
				goto syntax;
			p += 3;
			if (digits12(&p, &d) == -1 || strcmp(p, ri) != 0)
				goto syntax;
		} else
			goto syntax;
	}
	if (!day_valid(y, m, d)) {
		*why = date_why(y, m);
		return -1;
	}
	*out = day_from_civil(y, m, d);
	return 0;
syntax:
	*why = _("not a date (expected YYYY-MM-DD)");
	return -1;
}

char *
day_format(gk_day day, char buf[DAY_ISO_MAX])
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	if (snprintf(buf, DAY_ISO_MAX, "%04d-%02d-%02d", y, m, d) < 0)
		buf[0] = '\0';
	return buf;
}
