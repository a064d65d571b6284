/*
 * idnum.c - resident identity numbers (GB 11643-1999).
 *
 * Most bad identity numbers in a county's spreadsheets are not typing
 * errors but Excel's doing: a long number shown as 1.40105E+17, or kept
 * to 15 significant digits so the last three read 000.  The reasons
 * given here name that damage, because the fix (format the column as
 * Text) is not one a user would guess.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "idnum.h"
#include "util.h"

static const unsigned char weight[17] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};

char
idnum_check_char(const char *first17)
{
	static const char map[] = "10X98765432";
	unsigned sum = 0;
	int i;

	for (i = 0; i < 17; i++)
		sum += (unsigned)(first17[i] - '0') * weight[i];
	return map[sum % 11];
}

static int
isdigit_ascii(int c)
{
	return c >= '0' && c <= '9';
}

/* A number the way Excel shows a long one: "1.40105E+17", "1E+17". */
static int
scientific(const char *s)
{
	const char *p = s;

	if (!isdigit_ascii(*p++))
		return 0;
	if (*p == '.') {
		p++;
		if (!isdigit_ascii(*p))
			return 0;
		while (isdigit_ascii(*p))
			p++;
	}
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+')
		p++;
	if (!isdigit_ascii(*p))
		return 0;
	while (isdigit_ascii(*p))
		p++;
	return *p == '\0';
}

/* Characters, not bytes, so a full-width digit counts as one. */
static size_t
u8count(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
fail(char *why_buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *why_buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (why_buf != NULL && n > 0) {
		va_start(ap, fmt);
		vsnprintf(why_buf, n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
idnum_parse(const char *s, gk_day today, struct idnum *out,
    char *why_buf, size_t n)
{
	char num[19], date[9];
	size_t len, i, pos;
	int y, m, d, ty, tm, td, age;
	char want;

	if (s == NULL || *s == '\0')
		return fail(why_buf, n, _("is empty"));
	if (scientific(s))
		return fail(why_buf, n, _("looks like a number Excel converted "
		    "to scientific notation (%s); format the column as Text "
		    "and export again"), s);
	len = u8count(s);
	if (len == 15 && strspn(s, "0123456789") == 15)
		return fail(why_buf, n, _("15-digit identity numbers (issued "
		    "before 1999) must be converted to 18 digits"));
	if (len != 18)
		return fail(why_buf, n, ngettext("has %zu character, expected "
		    "18", "has %zu characters, expected 18", len), len);
	for (i = 0, pos = 1; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (!isdigit_ascii(s[i]) &&
		    !(pos == 18 && (s[i] == 'X' || s[i] == 'x')))
			return fail(why_buf, n, _("contains a non-digit "
			    "character at position %zu"), pos);
		pos++;
	}
	memcpy(num, s, 18);
	num[18] = '\0';
	if (num[17] == 'x')
		num[17] = 'X';

	/*
	 * The check character first: a typing error anywhere can also
	 * make the birth date look wrong, and the check names it better.
	 */
	want = idnum_check_char(num);
	if (num[17] != want) {
		if (strcmp(num + 15, "000") == 0)
			return fail(why_buf, n, _("check character is %c, "
			    "expected %c (Excel keeps only 15 significant "
			    "digits: the last three digits were probably "
			    "lost)"), num[17], want);
		return fail(why_buf, n, _("check character is %c, expected %c "
		    "(a typing error in one of the 18 characters?)"),
		    num[17], want);
	}

	memcpy(date, num + 6, 8);
	date[8] = '\0';
	y = (num[6] - '0') * 1000 + (num[7] - '0') * 100 +
	    (num[8] - '0') * 10 + (num[9] - '0');
	m = (num[10] - '0') * 10 + (num[11] - '0');
	d = (num[12] - '0') * 10 + (num[13] - '0');
	if (!day_valid(y, m, d))
		return fail(why_buf, n, _("birth date %s does not exist"),
		    date);
	if (day_from_civil(y, m, d) > today)
		return fail(why_buf, n, _("birth date %s is in the future"),
		    date);
	day_to_civil(today, &ty, &tm, &td);
	age = ty - y - (tm < m || (tm == m && td < d));
	if (age > 150)
		return fail(why_buf, n, _("birth date %s is more than 150 "
		    "years ago"), date);

	memcpy(out->num, num, sizeof out->num);
	out->birth = day_from_civil(y, m, d);
	out->male = (num[16] - '0') % 2;
	return 0;
}

/*
 * Whole years, counting a birthday as reached on its date.  Someone
 * born on 29 February reaches it on 1 March in a common year: 28
 * February is still before the birthday.
 */
int
idnum_age(const struct idnum *id, gk_day on)
{
	int by, bm, bd, y, m, d;

	day_to_civil(id->birth, &by, &bm, &bd);
	day_to_civil(on, &y, &m, &d);
	return y - by - (m < bm || (m == bm && d < bd));
}

char *
idnum_mask(const char *s, char *buf, size_t n)
{
	size_t len, chars, i, k = 0, seen = 0;

	if (n == 0)
		return buf;
	len = strlen(s);
	chars = u8count(s);
	if (len == 18 && chars == 18) {
		snprintf(buf, n, "%.6s********%s", s, s + 14);
		return buf;
	}
	/* Whole characters: the last two are shown as they are. */
	for (i = 0; i < len && k + 1 < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			seen++;
		if (seen + 2 > chars)
			buf[k++] = s[i];
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			buf[k++] = '*';
	}
	buf[k] = '\0';
	return buf;
}

int
idnum_foreign_resident(const struct idnum *id)
{
	return id->num[0] == '9';
}

/* GB/T 2260, the province-level codes, and 83 of the residence permits
 * of Taiwan residents (港澳台居民居住证: 810000, 820000, 830000). */
static const struct {
	char code[3];		/* two digits */
	const char *name;	/* its Chinese name */
} provinces[] = {
	{ "11", "北京市" }, { "12", "天津市" }, { "13", "河北省" },
	{ "14", "山西省" }, { "15", "内蒙古自治区" }, { "21", "辽宁省" },
	{ "22", "吉林省" }, { "23", "黑龙江省" }, { "31", "上海市" },
	{ "32", "江苏省" }, { "33", "浙江省" }, { "34", "安徽省" },
	{ "35", "福建省" }, { "36", "江西省" }, { "37", "山东省" },
	{ "41", "河南省" }, { "42", "湖北省" }, { "43", "湖南省" },
	{ "44", "广东省" }, { "45", "广西壮族自治区" }, { "46", "海南省" },
	{ "50", "重庆市" }, { "51", "四川省" }, { "52", "贵州省" },
	{ "53", "云南省" }, { "54", "西藏自治区" }, { "61", "陕西省" },
	{ "62", "甘肃省" }, { "63", "青海省" }, { "64", "宁夏回族自治区" },
	{ "65", "新疆维吾尔自治区" }, { "71", "台湾省" },
	{ "81", "香港特别行政区" }, { "82", "澳门特别行政区" },
	{ "83", "台湾居民居住证" },
};

const char *
idnum_province_name(const char *s)
{
	size_t i;

	if (s == NULL || !isdigit_ascii(s[0]) || !isdigit_ascii(s[1]))
		return NULL;
	for (i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
		if (provinces[i].code[0] == s[0] && provinces[i].code[1] == s[1])
			return provinces[i].name;
	return NULL;
}
