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

/* idnum_check_char computes the check character of 17 digits. */
char idnum_check_char(const char *first17);

/*
 * idnum_parse validates s: 18 characters, digits with a final digit, X
 * or x; a birth date that exists and is not after today nor before
 * 1900; the right check character (the reason names the expected one).
 * A 15-digit number (the pre-1999 form) and Excel damage
 * ("1.40105E+17", "140105199001011000" from 15-digit rounding is only
 * caught by its check character) are named as such in *why.
 * Returns 0, or -1 with *why a reason; why_buf (n bytes) holds reasons
 * that need formatting.
 */
int idnum_parse(const char *s, gk_day today, struct idnum *out,
    char *why_buf, size_t n);

/* Age in whole years on the given day. */
int idnum_age(const struct idnum *id, gk_day on);

/* idnum_mask writes the first 6 and last 4 characters with 8 asterisks
 * between ("140105********1234"); anything that is not 18 characters is
 * masked whole but for its last 2.  buf needs IDNUM_MASKED_MAX bytes or
 * strlen(s)+1, whichever is larger. */
char *idnum_mask(const char *s, char *buf, size_t n);

#endif
