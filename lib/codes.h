/*
 * codes.h - statistical division codes and grid codes.
 *
 * A division code (统计用区划代码) has 12 digits: 1-2 province, 3-4 city,
 * 5-6 county (GB/T 2260), 7-9 township (000-099 street, 100-199 town,
 * 200-299 township, 400-599 farms, parks and the like), 10-12 village
 * (001-199 residents' committee: urban community; 200-399 villagers'
 * committee: rural village), as the National Bureau of Statistics'
 * rules for statistical division codes (统计用区划代码和城乡划分代码编制
 * 规则, 2009) number them.  Those rules place the farms, mining areas
 * and parks run as government-enterprise units (政企合一单位) at the
 * township level, numbers 400-599; they define no village number above
 * 399, so such a code is refused.  It may be written with only its
 * significant digits: 2 (province), 4 (city), 6 (county), 9 (township)
 * or 12 (village).  The level is that of the last non-zero group.
 *
 * A grid code has 15 digits: the 12-digit village code and a 3-digit
 * sequence 001-999.
 *
 * Only the structure is checked here; membership in an official code
 * list is another matter.
 */
#ifndef GRIDKIT_CODES_H
#define GRIDKIT_CODES_H

#include <stddef.h>

enum area_level {
	AREA_PROVINCE = 1,
	AREA_CITY,
	AREA_COUNTY,
	AREA_TOWNSHIP,
	AREA_VILLAGE
};

struct area_code {
	char code[13];		/* 12 digits, zero padded */
	int level;		/* enum area_level */
	char parent[13];	/* the parent's 12 digits, "" for a province */
	int urban;		/* village: 1 residents', 0 villagers';
				   -1 not a village */
};

/*
 * code_parse_area reads a division code of 2, 4, 6, 9 or 12 digits
 * (surrounding white space is not allowed: callers trim).  A short code
 * is padded with zeros and its level taken from the padded code, so
 * "140100" is the city 1401.  Rejects non-digits (full-width digits
 * included), other lengths, a zero group followed by a non-zero one
 * (140000001000: a township with no county), and an unknown province.
 * Any non-zero township group is accepted (300-399 and 600-999 are rare
 * but exist).  A village group of 400-999 is refused: the rules define
 * none.  Returns 0, or -1 with *why a static reason (the caller shows
 * the value itself).
 */
int code_parse_area(const char *s, struct area_code *out, const char **why);

struct grid_code {
	char code[16];		/* 15 digits */
	char village[13];	/* the first 12 */
	int seq;		/* 1..999 */
};

/* code_parse_grid reads a 15-digit grid code whose first 12 digits are a
 * village-level division code and whose sequence is 001-999.  Returns 0,
 * or -1 with *why a static reason. */
int code_parse_grid(const char *s, struct grid_code *out, const char **why);

/* "province", "city", "county", "township", "village"; "unknown" for
 * any other level. */
const char *code_level_name(int level);

/* The code written with its significant digits only ("1401" for a city,
 * "140105001" for a township); buf needs 13 bytes. */
char *code_short(const char *code12, int level, char *buf);

/* code_range writes the codes of width digits that start with prefix
 * as an inclusive range: prefix padded with 0s (lo) and 9s (hi); lo and
 * hi need width + 1 bytes.  An empty prefix is every code. */
void code_range(const char *prefix, size_t width, char *lo, char *hi);

/* 1 when the 12-digit code a is b or lies under b; 0 otherwise, and
 * when either is not 12 digits or b is all zeros. */
int code_within(const char *a, const char *b);

#endif
