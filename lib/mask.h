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
 * mainland mobile number as 11 digits (a "+86", "86" or "0086" prefix and
 * spaces or hyphens dropped: "138 0013 8000" -> "13800138000"), a
 * landline as "0351-1234567" (area code 3-4 digits with the 0, number 7-8
 * digits, optional "-ext"), or a service number of 5-6 digits ("12345").
 * Returns 0, or -1 with *why a static reason.
 */
int phone_normalise(const char *s, char *buf, size_t n, const char **why);

/*
 * mask_phone masks a phone number for output: a mobile number as its
 * first 3 and last 4 digits (138****8000), a landline as its area code
 * and last 4 digits (0351-***4567), a service number is shown as is;
 * anything else all asterisks but the last 2 characters.  buf needs
 * PHONE_MAX bytes.
 */
char *mask_phone(const char *s, char *buf, size_t n);

#endif
