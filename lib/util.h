/*
 * util.h - memory, growable strings and number parsing.
 *
 * Functions whose name starts with 'e' (emalloc, estrdup, ...) end the
 * process with status 70 when memory runs out; that is the only way
 * library code ever exits, because nothing sensible can follow.
 */
#ifndef GRIDKIT_UTIL_H
#define GRIDKIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

void *emalloc(size_t n);
void *ecalloc(size_t nmemb, size_t size);
void *erealloc(void *p, size_t n);
void *ereallocarray(void *p, size_t nmemb, size_t size);
char *estrdup(const char *s);
char *estrndup(const char *s, size_t n);

/*
 * struct sb - a growable NUL-terminated string.  SB_INIT gives an empty
 * string whose buf is never NULL.  Growing past SIZE_MAX is running out
 * of memory (exit 70, as emalloc).  sb_release frees the memory and
 * leaves an empty string; sb_reset empties it and keeps the memory;
 * sb_detach hands buf to the caller (who frees it).
 */
struct sb {
	char *buf;	/* always NUL-terminated */
	size_t len;	/* bytes before the NUL */
	size_t cap;	/* bytes allocated; 0 while buf is the static "" */
};
extern char sb_empty[];
#define SB_INIT { sb_empty, 0, 0 }

void sb_init(struct sb *sb);
void sb_grow(struct sb *sb, size_t extra);
void sb_addn(struct sb *sb, const char *s, size_t n);
void sb_adds(struct sb *sb, const char *s);
void sb_addc(struct sb *sb, char c);
void sb_addf(struct sb *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void sb_reset(struct sb *sb);
void sb_setlen(struct sb *sb, size_t len);
void sb_release(struct sb *sb);
char *sb_detach(struct sb *sb);

/*
 * util_parse_long parses all of s as a base-10 integer in [min, max]
 * (strtonum(3) style).  Returns 0, or -1 with *why set to a static
 * reason ("not a number", "too small", "too large").
 */
int util_parse_long(const char *s, long long min, long long max,
    long long *out, const char **why);

/*
 * util_parse_decimal parses all of s as a plain unsigned decimal number:
 * digits, then optionally a point and more digits ("2", "1.5", "0.5").
 * No blanks, sign, exponent, hexadecimal, "inf" or "nan"; fold
 * full-width digits first (util_fold_code).  Returns 0 with *out set, or
 * -1 when s is not such a number or does not fit a double.
 */
int util_parse_decimal(const char *s, double *out);

/* util_trim returns s with leading and trailing ASCII white space cut
 * off, in place. */
char *util_trim(char *s);

/* util_trim_blanks cuts off both ends of s, in place, the blanks a
 * spreadsheet or a copy-paste brings: ASCII white space, no-break and
 * full-width spaces, zero-width characters and byte order marks. */
char *util_trim_blanks(char *s);

/*
 * util_fold_code writes to buf (n bytes) a code, number or phone typed
 * the way Chinese input methods and spreadsheets give them: full-width
 * digits, letters, '+', '-' and '.' made ASCII ("１４０１２１" ->
 * "140121"), and a leading apostrophe, Excel's "keep as text" mark,
 * dropped.  Anything else is copied as it is.  Returns buf (cut short
 * when n is too small).
 */
char *util_fold_code(const char *s, char *buf, size_t n);

/* util_name_eq tells whether two names are the same person's name as
 * typed in different sheets: equal but for the blanks anywhere in them
 * (util_trim_blanks' blanks: "王　芳" is "王芳").  1 or 0. */
int util_name_eq(const char *a, const char *b);

/* util_streq_icase compares ASCII case-insensitively. */
int util_streq_icase(const char *a, const char *b);

/*
 * util_tmp_beside creates a temporary file in the directory of path,
 * named .NAME.XXXXXX after it, mode 0600 whatever the umask, and sets
 * *tmpname (to free) to its name: the file descriptor, or -1 with errno
 * set.  Renamed to path once whole, a file is never seen half-written.
 */
int util_tmp_beside(const char *path, char **tmpname);

#include "banned.h"

#endif
