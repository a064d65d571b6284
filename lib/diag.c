/*
 * diag.c - messages on standard error, in one format for all programs.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "util.h"

static const char *prog = "gridkit";
static int level = DIAG_NORMAL;
static unsigned long nerrors;

void
diag_init(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

const char *
diag_prog(void)
{
	return prog;
}

void
diag_set_level(int l)
{
	level = l;
}

int
diag_level(void)
{
	return level;
}

unsigned long
diag_errors(void)
{
	return nerrors;
}

static void vmsg(const char *, va_list) __attribute__((format(printf, 1, 0)));

static void
vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_error(const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *fmt, ...)
{
	va_list ap;

	if (level < DIAG_NORMAL)
		return;
	va_start(ap, fmt);
	fflush(stdout);
	fprintf(stderr, "%s: %s ", prog, _("warning:"));
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void
diag_note(const char *fmt, ...)
{
	va_list ap;

	if (level < DIAG_NORMAL)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
diag_info(const char *fmt, ...)
{
	va_list ap;

	if (level < DIAG_VERBOSE)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void
diag_vat(int warn, const char *file, unsigned long line, unsigned long col,
    const char *fmt, va_list ap)
{
	if (warn && level < DIAG_NORMAL)
		return;
	if (!warn)
		nerrors++;
	fflush(stdout);
	fprintf(stderr, "%s: %s", prog, file ? file : "-");
	if (line > 0)
		fprintf(stderr, ":%lu", line);
	if (line > 0 && col > 0)
		fprintf(stderr, ":%lu", col);
	fputs(": ", stderr);
	if (warn)
		fprintf(stderr, "%s ", _("warning:"));
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_at(const char *file, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(0, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warn_at(const char *file, unsigned long line, unsigned long col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(1, file, line, col, fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not valid. */
static size_t
u8len(const unsigned char *s, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		c = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		c = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Characters a reader cannot see, or cannot tell from a plain space. */
static int
invisible(unsigned long c)
{
	return c == 0x00A0 || c == 0x3000 || c == 0xFEFF || c == 0x200B ||
	    c == 0x200C || c == 0x200D || c == 0x2060 || c == 0x00AD ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

char *
diag_quote(char *buf, size_t n, const char *s)
{
	struct sb sb = SB_INIT;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	unsigned long c;
	size_t len, limit = 60;

	sb_addc(&sb, '"');
	while (*p != '\0' && limit > 0) {
		len = u8len(p, &c);
		if (len == 0) {
			sb_addf(&sb, "\\x%02X", *p);
			p++;
		} else if (c == '\t') {
			sb_adds(&sb, "\\t");
			p++;
		} else if (c == '\n') {
			sb_adds(&sb, "\\n");
			p++;
		} else if (c == '\r') {
			sb_adds(&sb, "\\r");
			p++;
		} else if (c == '"' || c == '\\') {
			sb_addc(&sb, '\\');
			sb_addc(&sb, (char)c);
			p++;
		} else if (c < 0x20 || c == 0x7F) {
			sb_addf(&sb, "\\x%02lX", c);
			p++;
		} else if (invisible(c)) {
			sb_addf(&sb, "\\u{%lX}", c);
			p += len;
		} else {
			sb_addn(&sb, (const char *)p, len);
			p += len;
		}
		limit--;
	}
	if (*p != '\0')
		sb_adds(&sb, "...");
	sb_addc(&sb, '"');
	snprintf(buf, n, "%s", sb.buf);
	sb_release(&sb);
	return buf;
}
