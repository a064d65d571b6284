/*
 * xlsx.c - Excel workbooks read one row at a time: libzip for the
 * package, expat for its XML.
 *
 * The small parts (workbook, relationships, styles) and the shared
 * strings are read whole when the workbook is opened.  The sheet is
 * fed to expat in blocks; the end of a row suspends the parser
 * (XML_StopParser, resumable), which keeps its place in the block, and
 * the next xlsx_next resumes it.  Element names are compared without
 * their namespace prefix, since some writers use "x:row".
 */
#include <expat.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"
#include "xlsx.h"

#define XLSX_BLOCK	65536	/* bytes of XML fed to expat at a time */
#define XLSX_MAXCOL	16384	/* Excel's last column, XFD */
#define XLSX_DIGITS	15	/* significant digits Excel keeps */

/* What a cell format makes of a number. */
enum { NF_NUMBER, NF_DATE, NF_DATETIME, NF_TIME };

struct xlsx_sheetinfo {
	char *name;		/* as Excel shows it */
	char *rid;		/* relationship id, "rId1" */
	int hidden;		/* state="hidden" or "veryHidden" */
};

struct xlsx_rel {
	char *id;		/* "rId1" */
	char *target;		/* package path, "xl/worksheets/sheet1.xml" */
	char *type;		/* relationship type URI */
};

struct xlsx_fmt {
	long id;		/* numFmtId */
	int kind;		/* NF_* */
	int pad;		/* "000000": digits a whole number is shown in */
};

struct xlsx_longnum {
	unsigned long first;	/* row of the first long number, or 0 */
	unsigned long last;	/* row of the last */
	unsigned long count;	/* how many */
};

struct xlsx {
	char *name;			/* file name for messages */
	zip_t *za;			/* the package */
	struct xlsx_sheetinfo *sheets;	/* in workbook order */
	size_t nsheets;			/* how many */
	size_t cur;			/* the sheet read */
	struct xlsx_rel *rels;		/* the workbook's relationships */
	size_t nrels;			/* how many */
	int date1904;			/* the 1904 date system */

	struct sb sst;			/* shared strings, NUL-separated */
	size_t *sstoff;			/* offset of each in sst */
	size_t nsst;			/* how many */
	struct xlsx_fmt *fmts;		/* custom number formats */
	size_t nfmts;			/* how many */
	unsigned char *xfkind;		/* NF_* of each cell format */
	unsigned char *xfpad;		/* its zero padding, or 0 */
	size_t nxf;			/* how many */

	/* Reading a part: where the parser is. */
	int in_si, in_t, in_rph, in_xfs, in_c, in_v, in_is;
	struct sb text;			/* character data collected */

	/* The sheet, streamed. */
	zip_file_t *zf;			/* the sheet's XML */
	XML_Parser p;			/* its parser */
	char *block;			/* the block expat is parsing */
	int suspended;			/* at the end of a row */
	int final;			/* the last block was given */
	int done;			/* the sheet is read */
	int bad;			/* broken XML or data, reported */
	unsigned long lastrow;		/* row number of the last row */
	unsigned long lastcol;		/* column of the last cell */
	unsigned long ccol;		/* column of the current cell */
	char ctype[16];			/* its t attribute */
	long cstyle;			/* its s attribute */
	unsigned long row;		/* the row being built or current */
	struct sb rowtext;		/* its cells' text, NUL-separated */
	size_t *coloff;			/* offset in rowtext per column, or
					   SIZE_MAX */
	size_t ncols;			/* columns in the current row */
	size_t colcap;			/* coloff allocated */
	int rowready;			/* a row ended */
	struct xlsx_longnum *longnum;	/* per column, XLSX_MAXCOL + 1 */
};

static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

char *
xlsx_colname(unsigned long col, char *buf)
{
	char tmp[8];
	size_t n = 0, i;

	while (col > 0 && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

void
xlsx_place(struct sb *out, const char *name, const char *sheet,
    unsigned long row, unsigned long col)
{
	char letters[8];
	const char *s;
	int quote = 0;

	sb_addf(out, "%s:", name);
	for (s = sheet; *s != '\0'; s++)
		if ((unsigned char)*s < 0x80 && !(*s >= '0' && *s <= '9') &&
		    !(*s >= 'A' && *s <= 'Z') && !(*s >= 'a' && *s <= 'z') &&
		    *s != '_' && *s != '.')
			quote = 1;
	if (quote) {
		sb_addc(out, '\'');
		for (s = sheet; *s != '\0'; s++) {
			if (*s == '\'')
				sb_addc(out, '\'');
			sb_addc(out, *s);
		}
		sb_addc(out, '\'');
	} else
		sb_adds(out, sheet);
	if (row == 0)
		return;
	if (col == 0)
		sb_addf(out, "!%lu:%lu", row, row);
	else
		sb_addf(out, "!%s%lu", xlsx_colname(col, letters), row);
}

/* A warning or an error about a place in the sheet. */
static void __attribute__((format(printf, 5, 6)))
say(const struct xlsx *x, int warn, unsigned long row, unsigned long col,
    const char *fmt, ...)
{
	struct sb place = SB_INIT;
	va_list ap;

	xlsx_place(&place, x->name, x->nsheets > 0 ?
	    x->sheets[x->cur].name : "", row, col);
	va_start(ap, fmt);
	diag_vat(warn, place.buf, 0, 0, fmt, ap);
	va_end(ap);
	sb_release(&place);
}

/*
 * read_part parses the package part path with the handlers, x as the
 * user data.  A missing part is 0 when it is optional, else reported.
 * Returns 0 or -1 after reporting.
 */
static int
read_part(struct xlsx *x, const char *path, int required,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler chars)
{
	char *buf = NULL;
	zip_file_t *zf = NULL;
	XML_Parser p = NULL;
	zip_int64_t idx, n;
	int rc = -1;

	if ((idx = zip_name_locate(x->za, path, 0)) < 0 &&
	    (idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE)) < 0) {
		if (required)
			diag_error(_("%s: not an Excel workbook: it has no %s "
			    "(an .xlsx saved by Excel or WPS has)"), x->name,
			    path);
		return required ? -1 : 0;
	}
	if ((zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0)) == NULL) {
		diag_error(_("%s: cannot read %s in the workbook: %s"), x->name,
		    path, zip_strerror(x->za));
		return -1;
	}
	p = XML_ParserCreate(NULL);
	if (p == NULL)
		goto cleanup;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	if (chars != NULL)
		XML_SetCharacterDataHandler(p, chars);
	buf = emalloc(XLSX_BLOCK);
	do {
		if ((n = zip_fread(zf, buf, XLSX_BLOCK)) < 0) {
			diag_error(_("%s: cannot read %s in the workbook: %s"),
			    x->name, path, zip_file_strerror(zf));
			goto cleanup;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK) {
			diag_error(_("%s: %s in the workbook, line %lu: %s"),
			    x->name, path,
			    (unsigned long)XML_GetCurrentLineNumber(p),
			    XML_ErrorString(XML_GetErrorCode(p)));
			goto cleanup;
		}
	} while (n > 0);
	rc = 0;
cleanup:
	if (p != NULL)
		XML_ParserFree(p);
	if (zf != NULL)
		zip_fclose(zf);
	free(buf);
	return rc;
}

static void
collect(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;

	if (x->in_t || x->in_v)
		sb_addn(&x->text, s, (size_t)len);
}

/* The workbook: its sheets and date system. */
static void
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	struct xlsx_sheetinfo *s;
	const char *n = local(name), *v;

	if (strcmp(n, "sheet") == 0) {
		x->sheets = ereallocarray(x->sheets, x->nsheets + 1,
		    sizeof *x->sheets);
		s = &x->sheets[x->nsheets++];
		v = attr(atts, "name");
		s->name = estrdup(v != NULL ? v : "");
		v = attr(atts, "id");
		s->rid = estrdup(v != NULL ? v : "");
		v = attr(atts, "state");
		s->hidden = v != NULL && (strcmp(v, "hidden") == 0 ||
		    strcmp(v, "veryHidden") == 0);
	} else if (strcmp(n, "workbookPr") == 0) {
		v = attr(atts, "date1904");
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	}
}

static void
no_end(void *ud, const XML_Char *name)
{
}

static void
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	struct xlsx_rel *r;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
	const char *type = attr(atts, "Type");

	if (strcmp(local(name), "Relationship") != 0 || id == NULL ||
	    target == NULL)
		return;
	x->rels = ereallocarray(x->rels, x->nrels + 1, sizeof *x->rels);
	r = &x->rels[x->nrels++];
	r->id = estrdup(id);
	r->type = estrdup(type != NULL ? type : "");
	/* Targets are relative to xl/, or absolute in the package. */
	if (target[0] == '/')
		r->target = estrdup(target + 1);
	else {
		r->target = emalloc(strlen(target) + 4);
		memcpy(r->target, "xl/", 3);
		memcpy(r->target + 3, target, strlen(target) + 1);
	}
}

/* The target of the relationship whose type ends with suffix, or dflt. */
static const char *
rel_of_type(const struct xlsx *x, const char *suffix, const char *dflt)
{
	size_t i, n, k = strlen(suffix);

	for (i = 0; i < x->nrels; i++) {
		n = strlen(x->rels[i].type);
		if (n >= k && strcmp(x->rels[i].type + n - k, suffix) == 0)
			return x->rels[i].target;
	}
	return dflt;
}

/* The shared strings: <si> holds <t>, or runs <r><t>; <rPh> holds a
 * phonetic guide, which is no part of the text. */
static void
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		sb_reset(&x->text);
	} else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph)
		x->in_t = 1;
}

static void
sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if ((x->nsst & (x->nsst - 1)) == 0)
			x->sstoff = ereallocarray(x->sstoff, x->nsst ?
			    x->nsst * 2 : 1, sizeof *x->sstoff);
		x->sstoff[x->nsst++] = x->sst.len;
		sb_addn(&x->sst, x->text.buf, x->text.len);
		sb_addc(&x->sst, '\0');
	}
}

/* What a custom format code shows a number as: text in quotes,
 * escaped characters and [brackets] (colours, locales) aside, y or d
 * means a date, h or s (or m with them) a time. */
static int
code_kind(const char *code)
{
	int date = 0, time = 0;
	const char *s;

	for (s = code; *s != '\0'; s++) {
		if (strncasecmp(s, "general", 7) == 0) {
			s += 6;
			continue;
		}
		switch (*s) {
		case '"':
			while (s[1] != '\0' && s[1] != '"')
				s++;
			if (s[1] == '"')
				s++;
			break;
		case '\\':
		case '_':
		case '*':
			if (s[1] != '\0')
				s++;
			break;
		case '[':
			while (s[1] != '\0' && s[1] != ']')
				s++;
			break;
		case ';':
			/* The format of positive numbers says it. */
			goto decide;
		case 'y': case 'Y': case 'd': case 'D':
		case 'e':	/* era year in Chinese and Japanese formats */
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		default:
			break;
		}
	}
decide:
	if (date)
		return time ? NF_DATETIME : NF_DATE;
	return time ? NF_TIME : NF_NUMBER;
}

/* Excel's built-in formats, including the Chinese ones (27-36, 50-58). */
static int
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 ||
	    (id >= 50 && id <= 58))
		return NF_DATE;
	if (id == 22)
		return NF_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) ||
	    (id >= 45 && id <= 47))
		return NF_TIME;
	return NF_NUMBER;
}

static void
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name), *id = attr(atts, "numFmtId");
	const char *code = attr(atts, "formatCode");
	long fid = id != NULL ? strtol(id, NULL, 10) : 0;
	int kind, pad;
	size_t i;

	if (strcmp(n, "numFmt") == 0 && id != NULL && code != NULL) {
		x->fmts = ereallocarray(x->fmts, x->nfmts + 1,
		    sizeof *x->fmts);
		x->fmts[x->nfmts].id = fid;
		x->fmts[x->nfmts].kind = code_kind(code);
		/* Codes kept with their leading zeros: a format of zeros. */
		x->fmts[x->nfmts++].pad = strspn(code, "0") == strlen(code) &&
		    strlen(code) <= 30 ? (int)strlen(code) : 0;
	} else if (strcmp(n, "cellXfs") == 0)
		x->in_xfs = 1;
	else if (strcmp(n, "xf") == 0 && x->in_xfs) {
		kind = builtin_kind(fid);
		pad = 0;
		for (i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == fid) {
				kind = x->fmts[i].kind;
				pad = x->fmts[i].pad;
			}
		x->xfkind = erealloc(x->xfkind, x->nxf + 1);
		x->xfpad = erealloc(x->xfpad, x->nxf + 1);
		x->xfpad[x->nxf] = (unsigned char)pad;
		x->xfkind[x->nxf++] = (unsigned char)kind;
	}
}

static void
styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;

	if (strcmp(local(name), "cellXfs") == 0)
		x->in_xfs = 0;
}

/* Days from 1970-01-01 of a civil date, and back (H. Hinnant). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

/*
 * date_text writes the date or time a serial number stands for.  In
 * the 1900 system day 1 is 1900-01-01 and day 60 the 29 February 1900
 * that Lotus 1-2-3 believed in and Excel keeps; in the 1904 system day
 * 0 is 1904-01-01.  Returns 0, or -1 for a serial that is no date.
 */
static int
date_text(const struct xlsx *x, double v, int kind, struct sb *out)
{
	double whole = floor(v);
	long days = (long)whole, secs, z;
	unsigned m, d;
	long y;

	if (!isfinite(v) || v < 0 || v > 2958466.0)
		return -1;
	secs = lround((v - whole) * 86400.0);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (kind == NF_TIME) {
		sb_addf(out, "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
		return 0;
	}
	if (x->date1904)
		z = days_from_civil(1904, 1, 1) + days;
	else if (days == 0)
		return -1;
	else if (days == 60) {
		sb_adds(out, "1900-02-29");
		goto time;
	} else if (days < 60)
		z = days_from_civil(1899, 12, 31) + days;
	else
		z = days_from_civil(1899, 12, 30) + days;
	civil_from_days(z, &y, &m, &d);
	sb_addf(out, "%04ld-%02u-%02u", y, m, d);
time:
	if (kind == NF_DATETIME)
		sb_addf(out, " %02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
	return 0;
}

/*
 * num_text writes v with at most 15 significant digits, as Excel keeps
 * them, in plain decimal: 1.10101199003077E+17 is 110101199003077000.
 * Returns the number of digits before the point.
 */
static size_t
num_text(double v, struct sb *out)
{
	char tmp[64], digits[32];
	const char *s = tmp, *e;
	size_t nd = 0, i, intdigits;
	long exp = 0, point;

	snprintf(tmp, sizeof tmp, "%.*g", XLSX_DIGITS, v);
	if (strcmp(tmp, "-0") == 0)
		snprintf(tmp, sizeof tmp, "0");
	if ((e = strchr(tmp, 'e')) == NULL) {
		sb_adds(out, tmp);
		s = tmp + (*tmp == '-');
		return strcspn(s, ".");
	}
	exp = strtol(e + 1, NULL, 10);
	if (*s == '-') {
		sb_addc(out, '-');
		s++;
	}
	point = 0;
	for (; s < e; s++) {
		if (*s == '.') {
			point = (long)nd;
			continue;
		}
		if (nd < sizeof digits - 1)
			digits[nd++] = *s;
	}
	if (point == 0)
		point = (long)nd;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	point += exp;
	if (point <= 0) {
		sb_adds(out, "0.");
		for (i = 0; i < (size_t)-point; i++)
			sb_addc(out, '0');
		sb_addn(out, digits, nd);
		return 1;
	}
	intdigits = (size_t)point;
	for (i = 0; i < intdigits; i++)
		sb_addc(out, i < nd ? digits[i] : '0');
	if (intdigits < nd) {
		sb_addc(out, '.');
		sb_addn(out, digits + intdigits, nd - intdigits);
	}
	return intdigits;
}

static void
row_cell(struct xlsx *x, unsigned long col, const char *text, size_t len)
{
	size_t i;

	if (col > x->colcap) {
		x->coloff = ereallocarray(x->coloff, col + 16,
		    sizeof *x->coloff);
		x->colcap = col + 16;
	}
	for (i = x->ncols; i < col; i++)
		x->coloff[i] = SIZE_MAX;
	if (col > x->ncols)
		x->ncols = col;
	x->coloff[col - 1] = x->rowtext.len;
	sb_addn(&x->rowtext, text, len);
	sb_addc(&x->rowtext, '\0');
}

/* row_cell with zeros before the text. */
static void
row_cell_padded(struct xlsx *x, size_t zeros, const char *text, size_t len)
{
	struct sb tmp = SB_INIT;

	while (zeros-- > 0)
		sb_addc(&tmp, '0');
	sb_addn(&tmp, text, len);
	row_cell(x, x->ccol, tmp.buf, tmp.len);
	sb_release(&tmp);
}

/* A long number: its first in the column is said where it is. */
static void
long_number(struct xlsx *x, double v, size_t intdigits)
{
	struct xlsx_longnum *ln = &x->longnum[x->ccol];
	char shown[32], *e, *z;

	ln->count++;
	ln->last = x->row;
	if (ln->first != 0)
		return;
	ln->first = x->row;
	/* What Excel shows in a General column: 1.10101E+17. */
	snprintf(shown, sizeof shown, "%.5E", v);
	if ((e = strchr(shown, 'E')) != NULL) {
		for (z = e; z > shown && z[-1] == '0'; z--)
			;
		if (z > shown && z[-1] == '.')
			z--;
		memmove(z, e, strlen(e) + 1);
	}
	say(x, 1, x->row, x->ccol, _("a number of %zu digits, which Excel "
	    "shows as %s: Excel keeps 15 digits, so the last %zu may be "
	    "wrong; format the column as Text and type them again"),
	    intdigits, shown, intdigits - XLSX_DIGITS);
}

/* The text of the cell just read. */
static void
end_cell(struct xlsx *x)
{
	struct sb out = SB_INIT;
	const char *v = x->text.buf, *t = x->ctype;
	char *end;
	unsigned long idx;
	double num;
	size_t intdigits;
	int kind, pad;

	if (x->ccol == 0 || x->ccol > XLSX_MAXCOL)
		return;
	if (strcmp(t, "s") == 0) {
		idx = strtoul(v, &end, 10);
		if (end == v || *end != '\0' || idx >= x->nsst) {
			say(x, 0, x->row, x->ccol, _("shared string %s is not "
			    "in the workbook"), v);
			x->bad = 1;
			return;
		}
		v = x->sst.buf + x->sstoff[idx];
		row_cell(x, x->ccol, v, strlen(v));
		return;
	}
	if (strcmp(t, "b") == 0) {
		row_cell(x, x->ccol, strcmp(v, "1") == 0 ? "TRUE" : "FALSE",
		    strcmp(v, "1") == 0 ? 4 : 5);
		return;
	}
	if (strcmp(t, "d") == 0 && strlen(v) > 10 && v[10] == 'T' &&
	    strncmp(v + 11, "00:00:00", 8) == 0) {
		row_cell(x, x->ccol, v, 10);	/* an ISO 8601 date */
		return;
	}
	if ((*t != '\0' && strcmp(t, "n") != 0) || x->text.len == 0) {
		/* Strings (inline, formula results), errors, ISO dates. */
		row_cell(x, x->ccol, v, x->text.len);
		return;
	}
	num = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(num)) {
		row_cell(x, x->ccol, v, x->text.len);
		return;
	}
	kind = x->cstyle >= 0 && (size_t)x->cstyle < x->nxf ?
	    x->xfkind[x->cstyle] : NF_NUMBER;
	if (kind != NF_NUMBER && date_text(x, num, kind, &out) == 0) {
		row_cell(x, x->ccol, out.buf, out.len);
		sb_release(&out);
		return;
	}
	intdigits = num_text(num, &out);
	if (intdigits > XLSX_DIGITS)
		long_number(x, num, intdigits);
	pad = x->cstyle >= 0 && (size_t)x->cstyle < x->nxf ?
	    x->xfpad[x->cstyle] : 0;
	if (pad > 0 && num >= 0 && num == floor(num) && out.len < (size_t)pad) {
		/* Shown with its leading zeros: "000123". */
		row_cell_padded(x, (size_t)pad - out.len, out.buf, out.len);
		sb_release(&out);
		return;
	}
	row_cell(x, x->ccol, out.buf, out.len);
	sb_release(&out);
}

/* The column of a reference such as "C7", or 0. */
static unsigned long
ref_col(const char *ref)
{
	unsigned long col = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		col = col * 26 + (unsigned long)(*ref - 'A' + 1);
		if (col > XLSX_MAXCOL)
			return 0;
	}
	return col;
}

static void
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *n = local(name), *v;
	unsigned long u;
	char *end;

	if (strcmp(n, "row") == 0) {
		v = attr(atts, "r");
		u = v != NULL ? strtoul(v, &end, 10) : 0;
		x->row = u > x->lastrow ? u : x->lastrow + 1;
		x->lastrow = x->row;
		x->lastcol = 0;
		x->ncols = 0;
		sb_reset(&x->rowtext);
	} else if (strcmp(n, "c") == 0) {
		v = attr(atts, "r");
		u = v != NULL ? ref_col(v) : 0;
		x->ccol = u > 0 ? u : x->lastcol + 1;
		x->lastcol = x->ccol;
		v = attr(atts, "t");
		snprintf(x->ctype, sizeof x->ctype, "%s", v != NULL ? v : "");
		v = attr(atts, "s");
		x->cstyle = v != NULL ? strtol(v, NULL, 10) : -1;
		x->in_c = 1;
		sb_reset(&x->text);
	} else if (!x->in_c)
		return;
	else if (strcmp(n, "v") == 0)
		x->in_v = 1;
	else if (strcmp(n, "is") == 0)
		x->in_is = 1;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
	else if (strcmp(n, "t") == 0 && x->in_is && !x->in_rph)
		x->in_t = 1;
}

static void
sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *n = local(name);

	if (strcmp(n, "v") == 0)
		x->in_v = 0;
	else if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "is") == 0)
		x->in_is = 0;
	else if (strcmp(n, "c") == 0 && x->in_c) {
		x->in_c = x->in_v = x->in_t = x->in_is = x->in_rph = 0;
		end_cell(x);
	} else if (strcmp(n, "row") == 0 && x->ncols > 0) {
		x->rowready = 1;
		XML_StopParser(x->p, XML_TRUE);
	}
}

static int
pick_sheet(struct xlsx *x, const char *sheet)
{
	struct sb names = SB_INIT;
	char q[DIAG_QUOTE_MAX];
	size_t i;

	for (i = 0; i < x->nsheets; i++)
		if (sheet != NULL ? strcmp(x->sheets[i].name, sheet) == 0 :
		    !x->sheets[i].hidden)
			break;
	if (sheet != NULL && i == x->nsheets)
		for (i = 0; i < x->nsheets; i++)
			if (util_streq_icase(x->sheets[i].name, sheet))
				break;
	if (i < x->nsheets) {
		x->cur = i;
		return 0;
	}
	for (i = 0; i < x->nsheets; i++)
		sb_addf(&names, "%s%s", i ? ", " : "", diag_quote(q, sizeof q,
		    x->sheets[i].name));
	if (sheet != NULL)
		diag_error(_("%s: no sheet %s in the workbook (it has %s)"),
		    x->name, diag_quote(q, sizeof q, sheet), names.buf);
	else
		diag_error(_("%s: the workbook has no sheet that is not hidden "
		    "(it has %s); give --sheet NAME"), x->name, names.len ?
		    names.buf : "none");
	sb_release(&names);
	return -1;
}

int
xlsx_open(struct xlsx **out, const char *name, void *data, size_t len,
    const char *sheet)
{
	struct xlsx *x;
	zip_source_t *src;
	zip_error_t err;
	const char *path = NULL;
	zip_int64_t idx;
	size_t i;

	*out = NULL;
	x = ecalloc(1, sizeof *x);
	x->name = estrdup(name);
	sb_init(&x->sst);
	sb_init(&x->text);
	sb_init(&x->rowtext);
	zip_error_init(&err);
	src = zip_source_buffer_create(data, len, 1, &err);
	if (src == NULL) {
		free(data);
		goto bad_zip;
	}
	if ((x->za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		zip_source_free(src);
		goto bad_zip;
	}
	zip_error_fini(&err);
	if (read_part(x, "xl/workbook.xml", 1, wb_start, no_end, NULL) < 0 ||
	    read_part(x, "xl/_rels/workbook.xml.rels", 0, rels_start, no_end,
	    NULL) < 0)
		goto fail;
	if (x->nsheets == 0) {
		diag_error(_("%s: the workbook has no sheets"), x->name);
		goto fail;
	}
	if (pick_sheet(x, sheet) < 0)
		goto fail;
	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, x->sheets[x->cur].rid) == 0)
			path = x->rels[i].target;
	if (read_part(x, rel_of_type(x, "/sharedStrings",
	    "xl/sharedStrings.xml"), 0, sst_start, sst_end, collect) < 0 ||
	    read_part(x, rel_of_type(x, "/styles", "xl/styles.xml"), 0,
	    styles_start, styles_end, NULL) < 0)
		goto fail;
	x->in_t = x->in_si = x->in_rph = 0;
	if (path == NULL ||
	    ((idx = zip_name_locate(x->za, path, 0)) < 0 &&
	    (idx = zip_name_locate(x->za, path, ZIP_FL_NOCASE)) < 0)) {
		say(x, 0, 0, 0, _("the sheet's part %s is missing from the "
		    "workbook"), path != NULL ? path : _("(no relationship)"));
		goto fail;
	}
	if ((x->zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0)) == NULL) {
		say(x, 0, 0, 0, _("cannot read the sheet: %s"),
		    zip_strerror(x->za));
		goto fail;
	}
	if ((x->p = XML_ParserCreate(NULL)) == NULL) {
		diag_error(_("%s: out of memory for the XML parser"), x->name);
		goto fail;
	}
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->p, collect);
	x->block = emalloc(XLSX_BLOCK);
	x->longnum = ecalloc(XLSX_MAXCOL + 1, sizeof *x->longnum);
	*out = x;
	return GK_OK;

bad_zip:
	diag_error(_("%s: not a workbook that can be read: %s"), x->name,
	    zip_error_strerror(&err));
	zip_error_fini(&err);
fail:
	xlsx_close(x);
	return GK_DATAERR;
}

const char *
xlsx_sheet(const struct xlsx *x)
{
	return x->sheets[x->cur].name;
}

size_t
xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

/* At the end of the sheet: the long numbers not yet said, summed up. */
static void
longnum_summary(struct xlsx *x)
{
	struct xlsx_longnum *ln;
	char letters[8];
	size_t c;

	for (c = 1; c <= XLSX_MAXCOL; c++) {
		ln = &x->longnum[c];
		if (ln->count > 1)
			say(x, 1, 0, 0, _("column %s: %lu numbers of more than "
			    "15 digits in all (rows %lu-%lu); Excel may have "
			    "changed their last digits"),
			    xlsx_colname(c, letters), ln->count, ln->first,
			    ln->last);
	}
}

static int
xml_error(struct xlsx *x)
{
	say(x, 0, 0, 0, _("broken XML in the sheet, line %lu: %s"),
	    (unsigned long)XML_GetCurrentLineNumber(x->p),
	    XML_ErrorString(XML_GetErrorCode(x->p)));
	x->bad = 1;
	x->done = 1;
	return -GK_DATAERR;
}

int
xlsx_next(struct xlsx *x)
{
	enum XML_Status st;
	zip_int64_t n;

	x->rowready = 0;
	if (x->done)
		return x->bad ? -GK_DATAERR : 0;
	for (;;) {
		if (x->suspended) {
			x->suspended = 0;
			st = XML_ResumeParser(x->p);
		} else if (x->final) {
			break;
		} else {
			if ((n = zip_fread(x->zf, x->block, XLSX_BLOCK)) < 0) {
				say(x, 0, 0, 0, _("cannot read the sheet: %s"),
				    zip_file_strerror(x->zf));
				x->bad = x->done = 1;
				return -GK_DATAERR;
			}
			x->final = n == 0;
			st = XML_Parse(x->p, x->block, (int)n, x->final);
		}
		if (st == XML_STATUS_ERROR)
			return xml_error(x);
		if (x->bad) {
			x->done = 1;
			return -GK_DATAERR;
		}
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = 1;
			return 1;
		}
	}
	x->done = 1;
	longnum_summary(x);
	return 0;
}

unsigned long
xlsx_row(const struct xlsx *x)
{
	return x->row;
}

size_t
xlsx_ncols(const struct xlsx *x)
{
	return x->ncols;
}

const char *
xlsx_cell(const struct xlsx *x, size_t col)
{
	if (col == 0 || col > x->ncols || x->coloff[col - 1] == SIZE_MAX)
		return "";
	return x->rowtext.buf + x->coloff[col - 1];
}

void
xlsx_close(struct xlsx *x)
{
	size_t i;

	if (x == NULL)
		return;
	if (x->p != NULL)
		XML_ParserFree(x->p);
	if (x->zf != NULL)
		zip_fclose(x->zf);
	if (x->za != NULL)
		zip_discard(x->za);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].target);
		free(x->rels[i].type);
	}
	free(x->sheets);
	free(x->rels);
	free(x->sstoff);
	free(x->fmts);
	free(x->xfkind);
	free(x->xfpad);
	free(x->block);
	free(x->coloff);
	free(x->longnum);
	free(x->name);
	sb_release(&x->sst);
	sb_release(&x->text);
	sb_release(&x->rowtext);
	free(x);
}
