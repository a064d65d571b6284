/*
 * diag.h - messages on standard error.
 *
 * Every message has the form "program: message" or, for a place in an
 * input file, "program: file:line:col: message" (col and line are
 * 1-based; 0 leaves them out).  Messages are lower case with no final
 * period.  Library code reports through these functions and returns a
 * status; it never exits.
 *
 * diag_warn and diag_info honour the verbosity set by -q and -v:
 * quiet silences warnings, info needs -v.  Errors are always printed.
 */
#ifndef GRIDKIT_DIAG_H
#define GRIDKIT_DIAG_H

#include <stdarg.h>

enum diag_level { DIAG_QUIET = -1, DIAG_NORMAL = 0, DIAG_VERBOSE = 1 };

void diag_init(const char *argv0);	/* sets the program name (basename) */
const char *diag_prog(void);
void diag_set_level(int level);
int diag_level(void);

void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note the user should see unless -q: "program: message". */
void diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A message about a place in a file; file may be NULL (then "-"). */
void diag_at(const char *file, unsigned long line, unsigned long col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_warn_at(const char *file, unsigned long line, unsigned long col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_vat(int warn, const char *file, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* Number of diag_error/diag_at messages printed so far. */
unsigned long diag_errors(void);

/*
 * diag_quote writes s into buf (size n) between double quotes, with
 * control characters, invisible spaces and invalid UTF-8 escaped
 * (\t, \n, \r, \xNN, \u{3000}), truncated with "..." after 60
 * characters.  A buffer of DIAG_QUOTE_MAX bytes always holds the result.
 * Returns buf.
 */
#define DIAG_QUOTE_MAX 640
char *diag_quote(char *buf, size_t n, const char *s);

#endif
