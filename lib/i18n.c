/*
 * i18n.c - the language people read.
 */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

#ifndef GRIDKIT_LOCALEDIR
#define GRIDKIT_LOCALEDIR "/usr/local/share/locale"
#endif

static enum i18n_lang lang = I18N_EN;
static int forced;

int
i18n_parse(const char *s, enum i18n_lang *out)
{
	if (util_streq_icase(s, "zh") || strcmp(s, "中文") == 0 ||
	    ((s[0] == 'z' || s[0] == 'Z') && (s[1] == 'h' || s[1] == 'H') &&
	    (s[2] == '_' || s[2] == '-' || s[2] == '.'))) {
		*out = I18N_ZH;
		return 0;
	}
	if (util_streq_icase(s, "en") || strcmp(s, "English") == 0 ||
	    strcmp(s, "英文") == 0 || util_streq_icase(s, "C") ||
	    util_streq_icase(s, "POSIX") ||
	    ((s[0] == 'e' || s[0] == 'E') && (s[1] == 'n' || s[1] == 'N') &&
	    (s[2] == '_' || s[2] == '-' || s[2] == '.')) ||
	    strncmp(s, "C.", 2) == 0) {
		*out = I18N_EN;
		return 0;
	}
	return -1;
}

enum i18n_lang
i18n_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;

	/* POSIX: the first of these that is set and not empty decides. */
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return strncmp(v, "zh", 2) == 0 ? I18N_ZH : I18N_EN;
	}
	return I18N_EN;
}

void
i18n_set(enum i18n_lang l, int f, const char *localedir)
{
	lang = l;
	forced = f;
	bindtextdomain(GRIDKIT_DOMAIN, localedir ? localedir :
	    GRIDKIT_LOCALEDIR);
	/* The catalogue is UTF-8 and so is what we print, whatever the
	 * (C) character type locale would make of it. */
	bind_textdomain_codeset(GRIDKIT_DOMAIN, "UTF-8");
	textdomain(GRIDKIT_DOMAIN);
	if (l == I18N_ZH) {
		/* gettext ignores LANGUAGE in the C locale; C.UTF-8 is
		 * built into glibc, so this needs no generated locale. */
		setenv("LANGUAGE", "zh_CN", 1);
		/* The C library's own messages (strerror) too: in the C
		 * character type locale they would come out as "???". */
		bind_textdomain_codeset("libc", "UTF-8");
		if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
			setlocale(LC_MESSAGES, "C.utf8");
	} else {
		setlocale(LC_MESSAGES, "C");
	}
}

enum i18n_lang
i18n_lang(void)
{
	return lang;
}

int
i18n_people(int for_people)
{
	return lang == I18N_ZH && (for_people || forced);
}

static int records_people;

void
i18n_set_records(int people)
{
	records_people = people;
}

const char *
i18n_record(const char *s)
{
	return records_people ? dgettext(GRIDKIT_DOMAIN, s) : s;
}

const char *
i18n_nrecord(const char *s, const char *p, unsigned long n)
{
	if (records_people)
		return dngettext(GRIDKIT_DOMAIN, s, p, n);
	return n == 1 ? s : p;
}

int
i18n_records(void)
{
	return records_people;
}

const char *
i18n_cgettext(const char *ctx, const char *s)
{
	char buf[256];
	size_t n = strlen(ctx), m = strlen(s);

	if (lang == I18N_EN || n + m + 2 > sizeof buf)
		return s;
	memcpy(buf, ctx, n);
	buf[n] = '\004';
	memcpy(buf + n + 1, s, m + 1);
	/* gettext returns its argument when there is no translation:
	 * buf, on this stack. */
	return i18n_pgettext(buf, s);
}

const char *
i18n_pgettext(const char *ctxid, const char *s)
{
	const char *t = dgettext(GRIDKIT_DOMAIN, ctxid);

	return t == ctxid ? s : t;
}
