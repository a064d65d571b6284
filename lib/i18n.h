/*
 * i18n.h - the language people read.
 *
 * Messages, table headers and the values of the vocabularies are
 * written in English in the source and translated with GNU gettext
 * (po/zh_CN.po, built into locale/zh_CN/LC_MESSAGES/gridkit.mo and
 * installed under share/locale).  The language is decided once, by the
 * driver: --lang, else the configuration's output.language, else the
 * environment (LC_ALL, LC_MESSAGES, LANG: zh... is Chinese).
 *
 * It works where no Chinese locale is generated (Debian's default has
 * only C, C.UTF-8 and POSIX): gridkit never asks the C library for the
 * zh_CN locale.  For Chinese it sets LC_MESSAGES alone to the built-in
 * C.UTF-8 and names the catalogue with LANGUAGE; everything else stays
 * in the C locale, so numbers parse the same everywhere.
 *
 * What people read is translated; what scripts read is not.  Messages
 * on standard error follow the language always.  Records follow it on
 * a terminal (the table format), with --excel, or when --lang is given;
 * TSV, CSV and JSON Lines for scripts keep the canonical English names
 * and values whatever the locale, and JSON keys never change.
 */
#ifndef GRIDKIT_I18N_H
#define GRIDKIT_I18N_H

#include <libintl.h>

#define GRIDKIT_DOMAIN "gridkit"

/* A message: translated when printed.  N_ marks a string for the
 * catalogue where it is defined and translated later with _(). */
#define _(s) gettext(s)
#define N_(s) (s)
/* A string in a context ("column", "value"), for short words that mean
 * different things in different places. */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s, s)
#define NC_(ctx, s) (s)
/* Text inside a record (the detail of a finding): translated when the
 * records are for people (i18n_set_records), kept canonical for
 * scripts. */
#define P_(s) i18n_record(s)
/* The same with a plural: s for n == 1, p otherwise, in English. */
#define PN_(s, p, n) i18n_nrecord(s, p, n)

enum i18n_lang {
	I18N_EN,
	I18N_ZH
};

/*
 * i18n_parse reads a language name: "zh", "zh_CN", "zh-CN", "中文",
 * "en", "en_US"... (case aside).  Returns 0, or -1 when it is neither.
 */
int i18n_parse(const char *s, enum i18n_lang *out);

/* i18n_env: the language of the environment (LC_ALL, else LC_MESSAGES,
 * else LANG; Chinese when the first one set begins with "zh"). */
enum i18n_lang i18n_env(void);

/*
 * i18n_set makes lang the language of messages, with the catalogues in
 * localedir (NULL: the compiled-in one).  forced: the user asked for it
 * (--lang), so records for scripts follow it too.
 */
void i18n_set(enum i18n_lang lang, int forced, const char *localedir);

enum i18n_lang i18n_lang(void);

/* i18n_people: whether records written as fmt_for_people (a table,
 * --excel) or not are in the people's language: Chinese headers and
 * values. */
int i18n_people(int for_people);

/* i18n_set_records says whether the records of this command are read
 * by people (the driver: i18n_people of its format); i18n_record
 * translates s only then.  The attribute lets the compiler check a
 * translated format against its arguments. */
void i18n_set_records(int people);
const char *i18n_record(const char *s) __attribute__((format_arg(1)));
const char *i18n_nrecord(const char *s, const char *p, unsigned long n)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
int i18n_records(void);		/* whether records are for people */

/* The translation of s in context: ctxid is ctx "\004" s. */
const char *i18n_pgettext(const char *ctxid, const char *s);

/* The same for a context and a string known at run time (a column
 * name): the translation, or s itself. */
const char *i18n_cgettext(const char *ctx, const char *s);

#endif
