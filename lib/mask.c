/*
 * mask.c - phone numbers: validation, normalisation and masking.
 *
 * A number is read as groups of digits split by spaces, hyphens and
 * parentheses, because the split a person wrote tells an area code from
 * the number and the number from an extension better than any digit
 * count can.
 */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "mask.h"
#include "util.h"

#define PHONE_INPUT_MAX 64	/* longer input is not a phone number */
#define PHONE_GROUPS 8		/* digit groups a number may be written in */

struct phone {
	char d[PHONE_INPUT_MAX + 2];	/* the digits, from d[1] (room for a 0) */
	size_t off;			/* where the digits start in d */
	size_t len;			/* number of digits */
	size_t glen[PHONE_GROUPS];	/* digits in each group */
	int gdash[PHONE_GROUPS];	/* a hyphen came before the group */
	size_t ngroups;			/* groups in use */
	int plus;			/* written with a leading + */
	char ext[PHONE_INPUT_MAX];	/* digits after 转, "" for none */
};

static const char *const mobile_len_why[] = {
	"mobile numbers have 11 digits, this has 7",
	"mobile numbers have 11 digits, this has 8",
	"mobile numbers have 11 digits, this has 9",
	"mobile numbers have 11 digits, this has 10",
	"mobile numbers have 11 digits",
	"mobile numbers have 11 digits, this has 12",
	"mobile numbers have 11 digits, this has 13",
	"mobile numbers have 11 digits, this has 14",
	"mobile numbers have 11 digits, this has 15",
};

/* Splits s into digit groups; "转" starts the extension. */
static int
split(const char *s, struct phone *p, const char **why)
{
	const unsigned char *c = (const unsigned char *)s;
	size_t e = 0;
	int in_group = 0, dash = 0, in_ext = 0;

	memset(p, 0, sizeof *p);
	p->off = 1;
	while (*c == ' ' || *c == '\t')
		c++;
	if (*c == '+') {
		p->plus = 1;
		c++;
	}
	for (; *c != '\0'; c++) {
		if (*c >= '0' && *c <= '9') {
			if (in_ext) {
				p->ext[e++] = (char)*c;
				continue;
			}
			if (!in_group) {
				if (p->ngroups == PHONE_GROUPS) {
					*why = _("too many groups of digits for "
					    "a phone number");
					return -1;
				}
				p->gdash[p->ngroups++] = dash;
				in_group = 1;
				dash = 0;
			}
			p->d[1 + p->len++] = (char)*c;
			p->glen[p->ngroups - 1]++;
		} else if (*c == ' ' || *c == '\t' || *c == '-' ||
		    *c == '(' || *c == ')') {
			if (in_ext && *c != ' ' && *c != '\t') {
				*why = _("an extension after 转 is digits only");
				return -1;
			}
			in_group = 0;
			dash |= *c == '-';
		} else if (c[0] == 0xE8 && c[1] == 0xBD && c[2] == 0xAC &&
		    !in_ext) {
			in_ext = 1;
			c += 2;
		} else if ((*c >= 'a' && *c <= 'z') ||
		    (*c >= 'A' && *c <= 'Z')) {
			*why = _("contains a letter");
			return -1;
		} else if (*c == '+') {
			*why = _("a + may only start the number");
			return -1;
		} else {
			*why = _("contains a character that is not a digit, "
			    "space, hyphen or parenthesis");
			return -1;
		}
	}
	if (in_ext && e == 0) {
		*why = _("no extension after 转");
		return -1;
	}
	if (p->len == 0) {
		*why = _("no digits in the phone number");
		return -1;
	}
	return 0;
}

/* Drops n leading digits (a country code). */
static void
drop(struct phone *p, size_t n)
{
	size_t i;

	p->off += n;
	p->len -= n;
	while (n > 0) {
		if (p->glen[0] > n) {
			p->glen[0] -= n;
			break;
		}
		n -= p->glen[0];
		for (i = 1; i < p->ngroups; i++) {
			p->glen[i - 1] = p->glen[i];
			p->gdash[i - 1] = p->gdash[i];
		}
		p->ngroups--;
	}
	p->gdash[0] = 0;
}

/*
 * Drops the +86, 0086 or 86 country code; a bare 86 only when it stands
 * alone or leads a mobile number, since other digit strings start with
 * 86 too.  Returns 1 when a country code was dropped, -1 for another
 * country.
 */
static int
country(struct phone *p)
{
	const char *d = p->d + p->off;

	if (p->plus) {
		if (p->len < 2 || d[0] != '8' || d[1] != '6')
			return -1;
		drop(p, 2);
	} else if (p->len > 4 && strncmp(d, "0086", 4) == 0)
		drop(p, 4);
	else if (p->len > 2 && d[0] == '8' && d[1] == '6' &&
	    ((p->glen[0] == 2 && p->ngroups > 1) ||
	    (p->len == 13 && d[2] == '1')))
		drop(p, 2);
	else
		return 0;
	/* Dialled from abroad, a landline drops its leading 0 (Beijing's
	 * 10 is the one area code starting 1, and no mobile starts 10). */
	d = p->d + p->off;
	if (p->len > 1 && d[0] != '0' && (d[0] != '1' || d[1] == '0')) {
		p->d[--p->off] = '0';
		p->len++;
		p->glen[0]++;
	}
	return 1;
}

static int
landline(struct phone *p, char *buf, size_t n, const char **why)
{
	const char *d = p->d + p->off;
	size_t area, got, g, used;
	const char *ext = p->ext;
	char dashext[PHONE_INPUT_MAX];

	if (d[1] == '0') {
		*why = _("only mainland China numbers (+86) are accepted");
		return -1;
	}
	if (d[1] == '1' && d[2] >= '3' && p->len == 12) {
		*why = _("a mobile number takes no leading 0");
		return -1;
	}
	if (d[1] == '1' && d[2] != '0') {
		*why = _("area codes starting with 01 are only 010");
		return -1;
	}
	if (p->ngroups > 1 && (p->glen[0] == 3 || p->glen[0] == 4))
		area = p->glen[0];
	else if (p->ngroups > 1 && p->glen[0] < 3) {
		*why = _("an area code has 3 or 4 digits with its 0");
		return -1;
	} else
		area = d[1] == '1' || d[1] == '2' ? 3 : 4;
	if (area == 3 && d[1] != '1' && d[1] != '2') {
		*why = _("3-digit area codes are 010 and 020 to 029");
		return -1;
	}
	if (area == 4 && (d[1] == '1' || d[1] == '2')) {
		*why = d[1] == '1' ? "the area code 010 has 3 digits" :
		    "area codes starting with 02 have 3 digits";
		return -1;
	}
	if (p->glen[0] < area) {
		*why = _("a landline number has 7 or 8 digits after the "
		    "area code");
		return -1;
	}

	/*
	 * The number runs to the first group boundary at 7 or 8 digits;
	 * a last group after a hyphen is then an extension.
	 */
	got = p->glen[0] - area;
	for (g = 1; got < 7 && g < p->ngroups; g++)
		got += p->glen[g];
	used = area + got;
	if (got < 7 || got > 8) {
		*why = _("a landline number has 7 or 8 digits after the "
		    "area code");
		return -1;
	}
	if (g < p->ngroups) {
		if (g + 1 != p->ngroups || !p->gdash[g] || *ext != '\0') {
			*why = _("a landline number has 7 or 8 digits after "
			    "the area code");
			return -1;
		}
		snprintf(dashext, sizeof dashext, "%.*s", (int)p->glen[g],
		    d + used);
		ext = dashext;
	}
	if (d[area] == '0' || d[area] == '1') {
		*why = _("a local number does not start with 0 or 1");
		return -1;
	}
	if (strlen(ext) > 6) {
		*why = _("an extension has at most 6 digits");
		return -1;
	}
	if ((size_t)snprintf(buf, n, "%.*s-%.*s%s%s", (int)area, d, (int)got,
	    d + area, *ext != '\0' ? "-" : "", ext) >= n) {
		*why = _("no room for the phone number");
		return -1;
	}
	return 0;
}

int
phone_normalise(const char *s, char *buf, size_t n, const char **why)
{
	struct phone p;
	const char *d;
	int cc;

	if (s == NULL || *s == '\0') {
		*why = _("empty phone number");
		return -1;
	}
	if (strlen(s) > PHONE_INPUT_MAX) {
		*why = _("too long for a phone number");
		return -1;
	}
	if (split(s, &p, why) == -1)
		return -1;
	if ((cc = country(&p)) == -1) {
		*why = _("only mainland China numbers (+86) are accepted");
		return -1;
	}
	d = p.d + p.off;
	if (p.len < 3) {
		*why = _("too short for a phone number");
		return -1;
	}
	if (d[0] == '0')
		return landline(&p, buf, n, why);
	if (*p.ext != '\0') {
		*why = _("only a landline has an extension");
		return -1;
	}
	if (d[0] == '1' && p.len == 11) {
		if (d[1] < '3') {
			*why = _("mobile numbers start with 13 to 19");
			return -1;
		}
	} else if ((d[0] == '1' || d[0] == '9') && p.len <= 6 && !cc) {
		/* A service number: 110, 12345, 95588, 96156. */
	} else if (d[0] == '1') {
		*why = p.len >= 7 && p.len <= 15 ? mobile_len_why[p.len - 7] :
		    "mobile numbers have 11 digits";
		return -1;
	} else if (p.len == 7 || p.len == 8) {
		*why = _("a landline number needs its area code (0351-...)");
		return -1;
	} else {
		*why = _("not a mobile, landline or service number");
		return -1;
	}
	if ((size_t)snprintf(buf, n, "%.*s", (int)p.len, d) >= n) {
		*why = _("no room for the phone number");
		return -1;
	}
	return 0;
}

/* Appends k asterisks at buf[*at], leaving room for the NUL and tail. */
static void
stars(char *buf, size_t n, size_t *at, size_t k, size_t tail)
{
	while (k-- > 0 && *at + tail + 1 < n)
		buf[(*at)++] = '*';
}

char *
mask_phone(const char *s, char *buf, size_t n)
{
	char canon[PHONE_MAX];
	const char *why, *num, *ext, *tail;
	size_t at = 0, chars = 0, numlen, k;
	const char *c;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (s == NULL || *s == '\0')
		return buf;
	if (phone_normalise(s, canon, sizeof canon, &why) == 0) {
		if (canon[0] == '1' && strlen(canon) == 11) {
			snprintf(buf, n, "%.3s****%s", canon, canon + 7);
		} else if (canon[0] == '0') {
			num = strchr(canon, '-') + 1;
			ext = strchr(num, '-');
			numlen = ext != NULL ? (size_t)(ext - num) : strlen(num);
			snprintf(buf, n, "%.*s-", (int)(num - canon - 1), canon);
			at = strlen(buf);
			stars(buf, n, &at, numlen - 4, 0);
			snprintf(buf + at, n - at, "%.4s%s", num + numlen - 4,
			    ext != NULL ? ext : "");
		} else
			snprintf(buf, n, "%s", canon);
		return buf;
	}

	/* Not a number we know: only the last 2 characters show. */
	tail = s + strlen(s);
	for (k = 0; k < 2 && tail > s; k++) {
		do
			tail--;
		while (tail > s && ((unsigned char)*tail & 0xC0) == 0x80);
	}
	for (c = s; c < tail; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80;
	stars(buf, n, &at, chars, strlen(tail));
	snprintf(buf + at, n - at, "%s", tail);
	return buf;
}
