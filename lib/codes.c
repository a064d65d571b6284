/*
 * codes.c - statistical division codes and grid codes.
 */
#include <stdio.h>
#include <string.h>

#include "codes.h"
#include "i18n.h"
#include "util.h"

/* Where each group of a 12-digit code starts and ends (one past). */
static const int group_end[] = { 2, 4, 6, 9, 12 };

static const char *const level_names[] = {
	N_("province"), N_("city"), N_("county"), N_("township"),
	N_("village")
};

/* Why a group that is zero while a later one is not is refused, by
 * group; a zero province is caught earlier as an unknown province. */
static const char *const gap_why[] = {
	NULL,
	"city digits 3-4 are 00 but later digits are not",
	"county digits 5-6 are 00 but later digits are not",
	"township digits 7-9 are 000 but village digits are not",
};

static int
group_zero(const char *code12, int g)
{
	int i;

	for (i = g == 0 ? 0 : group_end[g - 1]; i < group_end[g]; i++)
		if (code12[i] != '0')
			return 0;
	return 1;
}

static int
group_value(const char *code12, int g)
{
	int i, v = 0;

	for (i = g == 0 ? 0 : group_end[g - 1]; i < group_end[g]; i++)
		v = v * 10 + (code12[i] - '0');
	return v;
}

/* Province codes of GB/T 2260, Taiwan, Hong Kong and Macao included. */
static int
known_province(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) ||
	    (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
	    (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
	    p == 71 || p == 81 || p == 82;
}

/* Counts the leading ASCII digits of s; *rest is what follows them. */
static size_t
count_digits(const char *s, const char **rest)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	*rest = s + n;
	return n;
}

/*
 * Any non-zero township group is accepted: 300-399 and 600-999 are
 * outside the usual ranges but a few real codes use them, and the
 * official code list, when loaded, is the judge of membership.  The
 * village group is held to the rules (codes.h): 001-199 or 200-399.
 */
int
code_parse_area(const char *s, struct area_code *out, const char **why)
{
	const char *rest;
	size_t n;
	int g, last, v;

	if (s == NULL || *s == '\0') {
		*why = _("empty division code");
		return -1;
	}
	n = count_digits(s, &rest);
	if (*rest != '\0') {
		*why = _("contains a non-digit character");
		return -1;
	}
	if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) {
		*why = _("a division code has 2, 4, 6, 9 or 12 digits");
		return -1;
	}
	memset(out->code, '0', 12);
	memcpy(out->code, s, n);
	out->code[12] = '\0';
	if (!known_province(group_value(out->code, 0))) {
		*why = _("unknown province code (digits 1-2)");
		return -1;
	}
	last = 0;
	for (g = 1; g < 5; g++) {
		if (group_zero(out->code, g))
			continue;
		if (group_zero(out->code, g - 1)) {
			*why = gap_why[g - 1];
			return -1;
		}
		last = g;
	}
	out->level = AREA_PROVINCE + last;
	out->urban = -1;
	if (out->level == AREA_VILLAGE) {
		/* The rules define no village-level number above 399. */
		v = group_value(out->code, 4);
		if (v > 399) {
			*why = _("village digits 10-12 are neither 001-199 (a "
			    "residents' committee) nor 200-399 (a villagers' "
			    "committee), the only numbers the statistical "
			    "division code rules give them");
			return -1;
		}
		out->urban = v <= 199;
	}
	if (last == 0)
		out->parent[0] = '\0';
	else {
		memcpy(out->parent, out->code, 13);
		memset(out->parent + group_end[last - 1], '0',
		    (size_t)(12 - group_end[last - 1]));
	}
	return 0;
}

int
code_parse_grid(const char *s, struct grid_code *out, const char **why)
{
	static const char *const not_village[] = {
		N_("the first 12 digits are a province, not a village or "
		    "community"),
		N_("the first 12 digits are a city, not a village or "
		    "community"),
		N_("the first 12 digits are a county, not a village or "
		    "community"),
		N_("the first 12 digits are a township, not a village or "
		    "community"),
	};
	struct area_code area;
	const char *rest;
	size_t n;

	if (s == NULL || *s == '\0') {
		*why = _("empty grid code");
		return -1;
	}
	n = count_digits(s, &rest);
	if (*rest != '\0') {
		*why = _("contains a non-digit character");
		return -1;
	}
	if (n != 15) {
		*why = _("a grid code has 15 digits");
		return -1;
	}
	memcpy(out->village, s, 12);
	out->village[12] = '\0';
	if (code_parse_area(out->village, &area, why) == -1)
		return -1;
	if (area.level != AREA_VILLAGE) {
		*why = _(not_village[area.level - 1]);
		return -1;
	}
	out->seq = (s[12] - '0') * 100 + (s[13] - '0') * 10 + (s[14] - '0');
	if (out->seq == 0) {
		*why = _("grid sequence 000: sequences run from 001 to 999");
		return -1;
	}
	memcpy(out->code, s, 16);
	return 0;
}

const char *
code_level_name(int level)
{
	if (level < AREA_PROVINCE || level > AREA_VILLAGE)
		return "unknown";
	return level_names[level - AREA_PROVINCE];
}

char *
code_short(const char *code12, int level, char *buf)
{
	int n = 12;

	if (level >= AREA_PROVINCE && level <= AREA_VILLAGE)
		n = group_end[level - AREA_PROVINCE];
	snprintf(buf, 13, "%.*s", n, code12);
	return buf;
}

int
code_within(const char *a, const char *b)
{
	const char *rest;
	int g, last = -1;

	if (count_digits(a, &rest) != 12 || *rest != '\0' ||
	    count_digits(b, &rest) != 12 || *rest != '\0')
		return 0;
	for (g = 0; g < 5; g++)
		if (!group_zero(b, g))
			last = g;
	if (last == -1)
		return 0;
	return memcmp(a, b, (size_t)group_end[last]) == 0;
}

void
code_range(const char *prefix, size_t width, char *lo, char *hi)
{
	size_t n = strlen(prefix), i;

	if (n > width)
		n = width;
	memcpy(lo, prefix, n);
	memcpy(hi, prefix, n);
	for (i = n; i < width; i++) {
		lo[i] = '0';
		hi[i] = '9';
	}
	lo[width] = hi[width] = '\0';
}
