/*
 * util.c - memory, growable strings and number parsing.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "status.h"
#include "util.h"

char sb_empty[1];

static void
nomem(void)
{
	fputs("gridkit: out of memory\n", stderr);
	exit(GK_SOFTWARE);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
ecalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		nomem();
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		nomem();
	return p;
}

void *
ereallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		nomem();
	return erealloc(p, nmemb * size);
}

char *
estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}

char *
estrndup(const char *s, size_t n)
{
	char *p = emalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sb_init(struct sb *sb)
{
	sb->buf = sb_empty;
	sb->len = sb->cap = 0;
}

void
sb_grow(struct sb *sb, size_t extra)
{
	size_t need;

	/* A size that does not fit size_t cannot be allocated either. */
	if (extra > SIZE_MAX - 1 - sb->len)
		nomem();
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	if (sb->cap == 0) {
		sb->cap = need < 64 ? 64 : need;
		sb->buf = emalloc(sb->cap);
		sb->buf[0] = '\0';
		return;
	}
	while (sb->cap < need)
		sb->cap = sb->cap > SIZE_MAX / 2 ? need : sb->cap * 2;
	sb->buf = erealloc(sb->buf, sb->cap);
}

void
sb_addn(struct sb *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sb_adds(struct sb *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void
sb_addc(struct sb *sb, char c)
{
	sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void
sb_vaddf(struct sb *sb, const char *fmt, va_list ap)
{
	char tmp[256];
	va_list cp;
	int n;

	/* Most messages fit the stack buffer: format once. */
	va_copy(cp, ap);
	n = vsnprintf(tmp, sizeof tmp, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		sb_addn(sb, tmp, (size_t)n);
		return;
	}
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sb_reset(struct sb *sb)
{
	sb_setlen(sb, 0);
}

void
sb_setlen(struct sb *sb, size_t len)
{
	if (sb->cap == 0)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void
sb_release(struct sb *sb)
{
	if (sb->cap != 0)
		free(sb->buf);
	sb_init(sb);
}

char *
sb_detach(struct sb *sb)
{
	char *p = sb->cap != 0 ? sb->buf : estrdup("");

	sb_init(sb);
	return p;
}

int
util_parse_long(const char *s, long long min, long long max,
    long long *out, const char **why)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s)) {
		*why = _("not a number");
		return -1;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0') {
		*why = _("not a number");
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MIN) || v < min) {
		*why = _("too small");
		return -1;
	}
	if ((errno == ERANGE && v == LLONG_MAX) || v > max) {
		*why = _("too large");
		return -1;
	}
	*out = v;
	return 0;
}

int
util_parse_decimal(const char *s, double *out)
{
	const char *p = s;
	char *end;
	double v;

	/* Checked by hand: strtod also takes blanks, signs, exponents,
	 * hexadecimal, "inf" and "nan". */
	if (s == NULL || !isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return -1;
	/* The programs run in the C locale's LC_NUMERIC: '.' is the point. */
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

char *
util_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* The length of the blank at s (ASCII space, U+00A0, U+3000, U+FEFF,
 * U+200B-U+200D, U+2060), or 0. */
static size_t
blank_len(const unsigned char *s)
{
	if (isspace(*s))
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x8B && s[2] <= 0x8D)
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0)
		return 3;
	return 0;
}

char *
util_trim_blanks(char *s)
{
	unsigned char *p = (unsigned char *)s, *e, *q;
	size_t n;

	while ((n = blank_len(p)) > 0)
		p += n;
	/* Scan forward for the end of the last non-blank. */
	for (e = q = p; *q != '\0'; ) {
		if ((n = blank_len(q)) > 0) {
			q += n;
			continue;
		}
		q++;
		while ((*q & 0xC0) == 0x80)
			q++;
		e = q;
	}
	*e = '\0';
	return (char *)p;
}

int
util_name_eq(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;
	size_t n;

	for (;;) {
		while ((n = blank_len(p)) > 0)
			p += n;
		while ((n = blank_len(q)) > 0)
			q += n;
		if (*p != *q)
			return 0;
		if (*p == '\0')
			return 1;
		p++;
		q++;
	}
}

char *
util_fold_code(const char *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	if (n == 0)
		return buf;
	if (*p == '\'')
		p++;
	while (*p != '\0' && o + 1 < n) {
		/* U+FF01..U+FF5E are ASCII 0x21..0x7E, shifted. */
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 &&
		    p[2] <= 0xBF) {
			buf[o++] = (char)(p[2] - 0x81 + 0x21);
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 &&
		    p[2] <= 0x9E) {
			buf[o++] = (char)(p[2] - 0x80 + 0x60);
			p += 3;
		} else
			buf[o++] = (char)*p++;
	}
	buf[o] = '\0';
	return buf;
}

int
util_streq_icase(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

int
util_tmp_beside(const char *path, char **tmpname)
{
	const char *slash = strrchr(path, '/');
	struct sb tmp = SB_INIT;
	int fd, e;

	if (slash != NULL)
		sb_addn(&tmp, path, (size_t)(slash - path) + 1);
	sb_addf(&tmp, ".%s.XXXXXX", slash ? slash + 1 : path);
	/* mkstemp: mode 0600, whatever the umask. */
	if ((fd = mkostemp(tmp.buf, O_CLOEXEC)) == -1) {
		e = errno;
		sb_release(&tmp);
		*tmpname = NULL;
		errno = e;
		return -1;
	}
	*tmpname = sb_detach(&tmp);
	return fd;
}
