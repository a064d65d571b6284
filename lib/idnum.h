/*
 * idnum.h - resident identity numbers (GB 11643-1999).
 *
 * 18 characters: a 6-digit area code, an 8-digit birth date YYYYMMDD,
 * a 3-digit sequence (odd: male, even: female) and an ISO 7064
 * MOD 11-2 check character (0-9 or X): weights 7 9 10 5 8 4 2 1 6 3 7 9
 * 10 5 8 4 2, sum mod 11 = 0..10 maps to 1 0 X 9 8 7 6 5 4 3 2.
 */
#ifndef GRIDKIT_IDNUM_H
#define GRIDKIT_IDNUM_H

#include <stddef.h>

#include "clock.h"

struct idnum {
	char num[19];	/* normalised: upper-case X */
	gk_day birth;	/* the birth date */
	int male;	/* 1 male, 0 female */
};

#define IDNUM_MASKED_MAX 19
#define IDNUM_WHY_MAX 160

/* idnum_check_char computes the check character of 17 digits. */
char idnum_check_char(const char *first17);

/*
 * idnum_parse validates s: 18 characters, digits with a final digit, X
 * or x; the right check character (the reason names the expected one);
 * a birth date that exists, is not after today and gives an age of at
 * most 150 years (no fixed earliest year: the standard's own example
 * 440524188001010014 was born in 1880).  The check character is
 * checked before the date, since a typing error can fake a bad date.
 * A 15-digit number (the pre-1999 form) and Excel damage are named as
 * such: "1.40105E+17", and an 18-digit value ending in 000 whose check
 * fails (15-digit rounding: "140105198503071000"; one such number in
 * eleven passes the check and cannot be caught).  Returns 0 with *out
 * filled (an x made X), or -1 with a user-facing reason in why_buf (n
 * bytes, may be NULL when n is 0; IDNUM_WHY_MAX bytes hold any reason
 * but a long scientific-notation echo, which is cut) that does not
 * repeat the whole value:
 *	"has 17 characters, expected 18"
 *	"contains a non-digit character at position 7"
 *	"check character is 3, expected X (a typing error in one of ...)"
 *	"birth date 19900230 does not exist"
 */
int idnum_parse(const char *s, gk_day today, struct idnum *out,
    char *why_buf, size_t n);

/*
 * idnum_foreign_resident says whether a number that passes idnum_parse
 * is a foreign permanent resident ID card number of the 2023 form
 * (外国人永久居留身份证): 18 characters, the same check character,
 * and a leading 9, which no province code has.  Its holder is not a
 * Chinese citizen.  1 yes, 0 no.
 */
int idnum_foreign_resident(const struct idnum *id);

/*
 * idnum_province_name returns the name of the province-level division
 * of the first two digits of s, from the 34 provincial codes of
 * GB/T 2260 (the 31 provinces, autonomous regions and municipalities,
 * 71 Taiwan, 81 Hong Kong, 82 Macao) and 83, the prefix of the
 * residence permits of Taiwan residents; NULL when there is none.
 * County codes (digits 3-6) are not checked: old numbers keep the
 * codes of counties since merged or renamed.
 */
const char *idnum_province_name(const char *s);

/* Age in whole years on the given day (negative before the birth).  A
 * birthday counts from its own date; one on 29 February counts from
 * 1 March in a common year (born 2008-02-29: 18 on 2026-03-01). */
int idnum_age(const struct idnum *id, gk_day on);

/* idnum_mask writes the first 6 and last 4 characters with 8 asterisks
 * between ("140105********1234"); anything that is not 18 characters is
 * masked whole but for its last 2.  buf needs IDNUM_MASKED_MAX bytes or
 * strlen(s)+1, whichever is larger. */
char *idnum_mask(const char *s, char *buf, size_t n);

#endif
