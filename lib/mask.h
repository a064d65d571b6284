/*
 * mask.h - phone numbers: validation, normalisation and masking
 * (Art. 20: personal data is masked on output unless revealed).
 */
#ifndef GRIDKIT_MASK_H
#define GRIDKIT_MASK_H

#include <stddef.h>

#define PHONE_MAX 32

/*
 * phone_normalise checks s and writes its canonical form to buf: a
 * mainland mobile number as 11 digits starting 13-19 (a "+86", "86" or
 * "0086" prefix and spaces or hyphens dropped: "+86 138-0013-8000" ->
 * "13800138000"), a landline as "0351-1234567" (area code 3-4 digits
 * with the 0: 010 and 02x have 3, 03xx-09xx 4; number 7-8 digits not
 * starting 0 or 1; optional "-ext" of 1-6 digits, written after a hyphen
 * or after 转; "0351-7654321", "(0351)7654321", "03517654321" and
 * "+86 351 7654321" are all "0351-7654321"), or a service number of 3-6
 * digits starting 1 or 9 ("110", "12345", "96156").  Surrounding blanks
 * are ignored.  Returns 0, or -1 with *why a static reason ("mobile
 * numbers have 11 digits, this has 10", "contains a letter", ...).  A
 * buf of PHONE_MAX bytes always has room.
 */
int phone_normalise(const char *s, char *buf, size_t n, const char **why);

/*
 * mask_phone masks a phone number for output: a mobile number as its
 * first 3 and last 4 digits (138****8000), a landline as its area code
 * and last 4 digits (0351-***4567, an extension kept: 0351-***4567-802),
 * a service number is shown as is; each in its canonical form, whatever
 * the way s is written.  Anything else is all asterisks but the last 2
 * characters; NULL or "" gives "".  buf needs PHONE_MAX bytes (a smaller
 * one gets fewer asterisks).  Returns buf.
 */
char *mask_phone(const char *s, char *buf, size_t n);

#endif
