/*
 * gen-province - write a synthetic province in gridkit's import formats.
 *
 *   gen-province [-v] [-s SCALE] [-c N] [-o DIR | DIR]
 *
 * Writes DIR/areas.csv (code,name), DIR/grids.csv
 * (code,name,households,population) and DIR/units.csv
 * (village,kind,name,grid) for grid-define import, and
 * DIR/candidates.csv (name,id_number,phone,education,grid,role,
 * party_member,veteran,social_worker,professional_title,subsistence)
 * for staff-hire apply.  At scale 1: the
 * province 14, its 11 cities, 117 counties, ~1,400 townships and
 * streets, 28,000 villages and communities (about a quarter urban),
 * 80,000 grids and 2,000,000 units.  SCALE multiplies the villages,
 * grids and units (-s 0.01 is a small province for quick runs); the
 * cities, counties and townships stay.  Candidates: 150,000 at scale 1,
 * scaled the same way, or exactly N with -c N (-c 1000000 for a big
 * batch on a small province).
 *
 * The output is a function of SCALE and N only: a fixed-seed PRNG of
 * its own (splitmix64) and integer arithmetic throughout, so every run,
 * on every machine, writes the same bytes.  The candidates have a seed
 * of their own, so -c changes candidates.csv alone, and a smaller
 * batch is the head of a bigger one.  Codes follow the statistical division
 * code: township group 001-099 streets, 100-199 towns, 200-299
 * townships; village group 001-199 residents' committees (urban
 * communities), 200-399 villagers' committees (rural villages); grid
 * code = village code + 001...  Parents come before their children in
 * areas.csv; every unit is listed once, in one grid of its own village;
 * every village has a grid and every grid a unit.
 *
 * Every candidate passes staff-hire's checks: an 18-digit identity
 * number (GB 11643) with its grid's county as area code, a real birth
 * date giving an age of 20 to 55 on 2026-11-29, a sequence number
 * counted per county and birth date so that no number repeats, and the
 * right check character; a mobile number 13x-19x; an education of at
 * least senior high school (the minimum for leaders and full-time
 * members); an existing grid; flags 是/否.
 *
 * Plain C11, no dependencies.  Exit 0, 64 usage, 73 cannot create
 * output, 74 write error, 71 out of memory.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define EX_USAGE	64
#define EX_OSERR	71
#define EX_CANTCREAT	73
#define EX_IOERR	74

/* At scale 1. */
#define N_VILLAGES	28000
#define N_GRIDS		80000
#define N_UNITS		2000000
#define N_CANDIDATES	150000
#define MAX_CANDIDATES	100000000

static const char *prog = "gen-province";

/* ---- PRNG: splitmix64, fixed seed ---- */

static uint64_t rng_state = 0x5348414e58492d31ULL;	/* "SHANXI-1" */

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static long
rnd(long lo, long hi)
{
	return lo + (long)(rng() % (uint64_t)(hi - lo + 1));
}

/* ---- names ---- */

/* Characters common in North China place names, 3 UTF-8 bytes each. */
static const char chars[] =
    "东西南北中上下前后大小新老石马王李张刘杨赵黄周吴郭高田河"
    "沟峪坪庄堡寨泉山岭川平安康宁和兴旺盛丰泰福寿永长青红白金"
    "龙凤柳桃杏梨枣槐松柏桑榆古城关营屯沙水清源阳晋汾云卫武文"
    "德义仁礼信明光华荣昌隆宝家樊韩冯阎梁曹解霍侯苗段薛孟董裴"
    "朝晖瑞祥顺利春秋";
#define NCHARS ((sizeof chars - 1) / 3)
#define NPAIRS (NCHARS * NCHARS)

/* Append character i of the list to p; returns the new end. */
static char *
putch(char *p, size_t i)
{
	memcpy(p, chars + 3 * (i % NCHARS), 3);
	return p + 3;
}

/* A two-character stem from a pair index. */
static char *
putpair(char *p, size_t idx)
{
	idx %= NPAIRS;
	p = putch(p, idx / NCHARS);
	return putch(p, idx % NCHARS);
}

static char *
putstr(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* A random two-character stem followed by suffix, into buf. */
static void
name2(char *buf, const char *suffix)
{
	char *p = putpair(buf, (size_t)rng());

	p = putstr(p, suffix);
	*p = '\0';
}

/* Chinese numeral for 1..99 ("一", "十二", "三十"); plain digits above. */
static char *
putnum(char *p, long n)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };

	if (n < 1 || n > 99)
		return p + snprintf(p, 24, "%ld", n);
	if (n >= 20)
		p = putstr(p, d[n / 10]);
	if (n >= 10)
		p = putstr(p, "十");
	return putstr(p, d[n % 10]);
}

/*
 * The k-th distinct stem of a sequence: (off + k * step) mod NPAIRS with
 * step coprime to NPAIRS visits every pair once before repeating, so
 * stems are unique within a (village, kind) for k < NPAIRS; beyond that
 * a number is appended.
 */
#define PAIR_STEP 7919			/* prime, larger than any factor */

static char *
putstem(char *p, uint32_t off, long k)
{
	p = putpair(p, (off + (uint64_t)k * PAIR_STEP) % NPAIRS);
	if (k >= (long)NPAIRS)
		p += snprintf(p, 24, "%ld", k / (long)NPAIRS);
	return p;
}

/* ---- the structure ---- */

/* Shanxi's cities and how many districts, counties and county-level
 * cities each has (GB/T 2260 order; 117 county-level divisions). */
static const struct {
	const char *name;
	int districts, counties, cities;
} cities[] = {
	{ "太原市", 6, 3, 1 },
	{ "大同市", 4, 6, 0 },
	{ "阳泉市", 3, 2, 0 },
	{ "长治市", 4, 8, 0 },
	{ "晋城市", 1, 4, 1 },
	{ "朔州市", 2, 3, 1 },
	{ "晋中市", 2, 8, 1 },
	{ "运城市", 1, 10, 2 },
	{ "忻州市", 1, 12, 1 },
	{ "临汾市", 1, 14, 2 },
	{ "吕梁市", 1, 10, 2 },
};
#define NCITIES (sizeof cities / sizeof cities[0])

enum tkind { STREET, TOWN, TOWNSHIP };

struct township {
	char code[10];			/* 9 digits */
	char name[32];
	enum tkind kind;
	int county;			/* index into counties */
	long weight;			/* share of the villages */
	long nurban, nrural;		/* villages allotted */
};

struct county {
	char code[7];			/* 6 digits */
	char name[32];
	int city;			/* index into cities */
};

struct village {
	char code[13];			/* 12 digits */
	char name[32];
	int urban;
	int county;			/* index into counties */
	long ngrids;			/* allotted */
};

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(EX_OSERR);
	}
	return p;
}

/*
 * Share total among n slots in proportion to w[] (integers), the
 * rounding spread by cumulative floors: out[i] = floor(total * W_i / W)
 * - floor(total * W_{i-1} / W).  Exact sum, no floating point.
 */
static void
apportion(long total, const long *w, long *out, size_t n)
{
	uint64_t sum = 0, cum = 0, prev = 0, cur;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (uint64_t)w[i];
	for (i = 0; i < n; i++) {
		cum += (uint64_t)w[i];
		cur = sum ? (uint64_t)total * cum / sum : 0;
		out[i] = (long)(cur - prev);
		prev = cur;
	}
}

/* ---- output ---- */

struct out {
	FILE *f;
	char path[4096];
};

static void
out_open(struct out *o, const char *dir, const char *file)
{
	static char buf[3][1 << 20];
	static int nbuf;

	if ((size_t)snprintf(o->path, sizeof o->path, "%s/%s", dir, file) >=
	    sizeof o->path) {
		fprintf(stderr, "%s: %s: path too long\n", prog, dir);
		exit(EX_USAGE);
	}
	o->f = fopen(o->path, "w");
	if (o->f == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog, o->path, strerror(errno));
		exit(EX_CANTCREAT);
	}
	setvbuf(o->f, buf[nbuf++ % 3], _IOFBF, sizeof buf[0]);
}

static void
out_close(struct out *o)
{
	if (ferror(o->f) | fclose(o->f)) {
		fprintf(stderr, "%s: %s: write error: %s\n", prog, o->path,
		    strerror(errno));
		exit(EX_IOERR);
	}
}

/* ---- units ---- */

/* Unit kinds (gridkit's canonical names) and how their names look. */
enum ukind {
	U_BUILDING, U_STREET, U_GROUP, U_NATURAL,
	U_FOREST_ROAD, U_FIELD, U_ROAD, U_WELL, U_MINE, U_RIVER, U_RAVINE,
	NUKINDS
};

static const char *const ukind_name[NUKINDS] = {
	"building", "street", "villager_group", "natural_village",
	"forest_road", "field", "road", "well", "mine", "river", "ravine",
};

/* Rural mix, per mille: villager groups, natural villages, hazards. */
static const int rural_mix[NUKINDS] = {
	0, 0, 500, 200,
	25, 80, 60, 50, 15, 30, 40,
};

static const char *const street_sfx[] = { "街", "路", "巷", "大街" };
static const char *const natural_sfx[] = { "庄", "沟", "坪", "峪", "湾",
    "堡", "岭" };
static const char *const field_sfx[] = { "农田", "滩地", "梯田", "果园" };
static const char *const mine_sfx[] = { "煤矿", "铝土矿", "铁矿",
    "石料厂" };

#define PICK(a, i) ((a)[(size_t)(i) % (sizeof (a) / sizeof (a)[0])])

/* Name of the k-th unit (0-based) of a kind in a village. */
static void
unit_name(char *buf, enum ukind kind, long k, uint32_t off)
{
	char *p = buf;

	switch (kind) {
	case U_BUILDING:
		p += snprintf(p, 32, "%ld号楼", k + 1);
		break;
	case U_STREET:
		p = putstem(p, off, k);
		p = putstr(p, PICK(street_sfx, off + (uint32_t)k));
		break;
	case U_GROUP:
		p = putstr(p, "第");
		p = putnum(p, k + 1);
		p = putstr(p, "村民小组");
		break;
	case U_NATURAL:
		p = putstem(p, off, k);
		p = putstr(p, PICK(natural_sfx, off + (uint32_t)k));
		break;
	case U_FOREST_ROAD:
		p = putstem(p, off, k);
		p = putstr(p, "林道");
		break;
	case U_FIELD:
		p = putstem(p, off, k);
		p = putstr(p, PICK(field_sfx, off + (uint32_t)k));
		break;
	case U_ROAD:
		p = putstem(p, off, k);
		p = putstr(p, "道路");
		break;
	case U_WELL:
		p += snprintf(p, 32, "%ld号井", k + 1);
		break;
	case U_MINE:
		p = putstem(p, off, k);
		p = putstr(p, PICK(mine_sfx, off + (uint32_t)k));
		break;
	case U_RIVER:
		p = putstem(p, off, k);
		p = putstr(p, "河段");
		break;
	case U_RAVINE:
		p = putstem(p, off, k);
		p = putstr(p, "沟");
		break;
	case NUKINDS:
		break;
	}
	*p = '\0';
}

static enum ukind
pick_kind(int urban, long j)
{
	long r, acc = 0;
	int k;

	if (j == 0)			/* grids are drawn by these */
		return urban ? U_BUILDING : U_GROUP;
	r = rnd(0, 999);
	if (urban)
		return r < 850 ? U_BUILDING : U_STREET;
	for (k = 0; k < NUKINDS; k++) {
		acc += rural_mix[k];
		if (r < acc)
			return (enum ukind)k;
	}
	return U_GROUP;
}

/* ---- candidates ---- */

/* Surnames, the most common first (picked with a skew towards the
 * front), and characters of given names; 3 UTF-8 bytes each. */
static const char surnames[] =
    "王李张刘杨赵郭武陈吴高郝任冯韩贾田梁孙马周胡朱宋"
    "薛段乔闫侯杜秦曹程康温范白许郑谢董史吕姚卫苗贺牛常";
static const char given[] =
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍"
    "红建国志文斌鹏飞宇浩然晓东丹俊辉慧婷雪梅海燕林峰亮琳晨"
    "瑞欣怡子涵雨轩佳宁凯博鑫波宏云春生保利永福荣晋";
#define NSURNAMES ((sizeof surnames - 1) / 3)
#define NGIVEN ((sizeof given - 1) / 3)

static char *
putsub(char *p, const char *list, size_t i)
{
	memcpy(p, list + 3 * i, 3);
	return p + 3;
}

/* Days since 1970-01-01 of a civil date, and back (proleptic
 * Gregorian; H. Hinnant's algorithms). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* GB 11643 check character of the first 17 digits. */
static char
check_char(const char *s)
{
	static const int wt[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
	    10, 5, 8, 4, 2 };
	unsigned sum = 0;
	int i;

	for (i = 0; i < 17; i++)
		sum += (unsigned)(s[i] - '0') * (unsigned)wt[i];
	return "10X98765432"[sum % 11];
}

/* Ages 20 to 55 on 2026-11-29: born 1970-11-30 to 2006-11-29. */
#define BORN_FIRST	days_from_civil(1970, 11, 30)
#define BORN_LAST	days_from_civil(2006, 11, 29)
#define SEQ_STEP	337		/* coprime to 1000: seq digits spread */

static const char *const roles[] = { "leader", "full_time", "part_time",
    "assistant" };
/* Per mille: urban grids are staffed by full-time members, rural
 * grids mostly by part-time ones (Art. 8). */
static const int role_urban[] = { 100, 600, 100, 200 };
static const int role_rural[] = { 100, 150, 550, 200 };
/* All at least senior high school, the strictest minimum. */
static const char *const educations[] = { "高中", "中专", "大专", "本科",
    "硕士" };
static const int edu_mix[] = { 200, 150, 350, 270, 30 };

/* Index into a per-mille mix. */
static size_t
pick(const int *mix, size_t n)
{
	long r = rnd(0, 999), acc = 0;
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		acc += mix[i];
		if (r < acc)
			return i;
	}
	return n - 1;
}

static const char *
flag(long per_mille)
{
	return rnd(0, 999) < per_mille ? "是" : "否";
}

/*
 * Write n candidates for the ng grids of the nv villages.  Identity
 * numbers are distinct: the sequence number counts up per county and
 * birth date (seq[county][day], permuted by SEQ_STEP), and a day whose
 * 1,000 numbers are used up is drawn again.
 */
static void
write_candidates(const char *dir, const struct village *vil, long nv,
    long ng, size_t ncty, long n)
{
	struct out cand;
	long ndays = BORN_LAST - BORN_FIRST + 1, born_first = BORN_FIRST;
	long *gvil, *gnum, k, v, g, j, day, y, m, d, pre, num;
	unsigned short *seq;
	const char *fl[5];
	char name[32], id[32], *p;
	size_t role, edu, cty;
	int tries;

	/* The candidates' own seed: the province files stay as they were. */
	rng_state = 0x47524944535441ULL;	/* "GRIDSTA" */
	gvil = xcalloc((size_t)ng, sizeof *gvil);
	gnum = xcalloc((size_t)ng, sizeof *gnum);
	for (v = 0, g = 0; v < nv; v++)
		for (j = 0; j < vil[v].ngrids; j++, g++) {
			gvil[g] = v;
			gnum[g] = j + 1;
		}
	seq = xcalloc(ncty * (size_t)ndays, sizeof *seq);

	out_open(&cand, dir, "candidates.csv");
	fputs("name,id_number,phone,education,grid,role,party_member,"
	    "veteran,social_worker,professional_title,subsistence\n",
	    cand.f);
	for (k = 0; k < n; k++) {
		g = rnd(0, ng - 1);
		v = gvil[g];
		cty = (size_t)vil[v].county;

		/* A two- or three-character name. */
		pre = rnd(0, NSURNAMES - 1);	/* skewed: the product */
		pre *= rnd(1, NSURNAMES);	/* of two draws */
		p = putsub(name, surnames, (size_t)pre / NSURNAMES);
		if (rnd(0, 9) < 7)
			p = putsub(p, given, (size_t)rnd(0, NGIVEN - 1));
		p = putsub(p, given, (size_t)rnd(0, NGIVEN - 1));
		*p = '\0';

		/* Birth dates peak in the middle of the range. */
		for (tries = 0;; tries++) {
			day = rnd(0, ndays - 1);
			day = (day + rnd(0, ndays - 1)) / 2;
			if (seq[cty * (size_t)ndays + (size_t)day] < 1000)
				break;
			if (tries > 1000) {
				fprintf(stderr, "%s: too many candidates for "
				    "one county's identity numbers\n", prog);
				exit(EX_USAGE);
			}
		}
		civil_from_days(born_first + day, &y, &m, &d);
		snprintf(id, sizeof id, "%.6s%04ld%02ld%02ld%03ld",
		    vil[v].code, y, m, d,
		    (seq[cty * (size_t)ndays + (size_t)day]++ * SEQ_STEP +
		    day) % 1000);
		id[17] = check_char(id);
		id[18] = '\0';

		/* One call per line: argument order is unspecified in C. */
		role = pick(vil[v].urban ? role_urban : role_rural, 4);
		edu = pick(edu_mix, 5);
		pre = rnd(3, 9);
		num = rnd(0, 999999999);
		fl[0] = flag(role == 0 ? 600 : 300);	/* party member */
		fl[1] = flag(60);			/* veteran */
		fl[2] = flag(100);			/* social worker */
		fl[3] = flag(80);			/* professional title */
		fl[4] = flag(20);			/* subsistence */
		fprintf(cand.f, "%s,%s,1%ld%09ld,%s,%s%03ld,%s,%s,%s,%s,%s,"
		    "%s\n", name, id, pre, num, educations[edu], vil[v].code,
		    gnum[g], roles[role], fl[0], fl[1], fl[2], fl[3], fl[4]);
	}
	out_close(&cand);
	free(seq);
	free(gnum);
	free(gvil);
}

/* ---- main ---- */

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s [-v] [-s SCALE] [-c N] [-o DIR | DIR]\n",
	    prog);
}

static double
parse_scale(const char *s)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(d > 0) || d > 5) {
		fprintf(stderr, "%s: -s \"%s\": a scale above 0 and at most 5 "
		    "is wanted\n", prog, s);
		exit(EX_USAGE);
	}
	return d;
}

static long
parse_count(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 ||
	    n > MAX_CANDIDATES) {
		fprintf(stderr, "%s: -c \"%s\": a number of candidates from 0 "
		    "to %d is wanted\n", prog, s, MAX_CANDIDATES);
		exit(EX_USAGE);
	}
	return n;
}

static long
scaled(long n, double scale, long min)
{
	long v = (long)((double)n * scale + 0.5);

	return v < min ? min : v;
}

int
main(int argc, char **argv)
{
	struct county *cty;
	struct township *tsp;
	struct village *vil;
	struct out areas, grids, units;
	const char *dir = NULL;
	double scale = 1.0;
	long nv, ng, nu, nc = -1, *w, *alloc, *gunits, *gh;
	long nurban = 0, nhazard = 0, carry_u = 0, carry_r = 0;
	size_t ncty = 0, ntsp = 0, i, j, c, t, v, g;
	int verbose = 0;
	char name[128], code[16];

	for (i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "-v") == 0) {
			verbose = 1;
		} else if (strcmp(a, "-s") == 0 && i + 1 < (size_t)argc) {
			scale = parse_scale(argv[++i]);
		} else if (strcmp(a, "-c") == 0 && i + 1 < (size_t)argc) {
			nc = parse_count(argv[++i]);
		} else if (strcmp(a, "-o") == 0 && i + 1 < (size_t)argc &&
		    dir == NULL) {
			dir = argv[++i];
		} else if (a[0] != '-' && dir == NULL) {
			dir = a;
		} else {
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (dir == NULL) {
		usage(stderr);
		return EX_USAGE;
	}
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
		return EX_CANTCREAT;
	}

	nv = scaled(N_VILLAGES, scale, 1);
	ng = scaled(N_GRIDS, scale, nv);
	nu = scaled(N_UNITS, scale, ng);
	if (nc < 0)
		nc = scaled(N_CANDIDATES, scale, 0);

	/* Counties. */
	cty = xcalloc(200, sizeof *cty);
	tsp = xcalloc(200 * 40, sizeof *tsp);
	for (c = 0; c < NCITIES; c++) {
		int kinds[3] = { cities[c].districts, cities[c].counties,
		    cities[c].cities };
		int first[3] = { 2, 21, 81 }, k, n;

		for (k = 0; k < 3; k++) {
			for (n = 0; n < kinds[k]; n++) {
				struct county *q = &cty[ncty];
				long ns, nt, nx, m, seq;

				snprintf(q->code, sizeof q->code,
				    "14%02d%02d", (int)c + 1, first[k] + n);
				name2(q->name, k == 0 ? "区" : k == 1 ? "县" :
				    "市");
				q->city = (int)c;
				/* Streets, towns, townships of this county. */
				ns = k == 0 ? rnd(5, 10) : k == 1 ? rnd(1, 2) :
				    rnd(2, 5);
				nt = k == 0 ? rnd(0, 2) : k == 1 ? rnd(5, 9) :
				    rnd(4, 8);
				nx = k == 0 ? 0 : k == 1 ? rnd(3, 6) :
				    rnd(1, 4);
				for (m = 0; m < ns + nt + nx; m++) {
					struct township *s = &tsp[ntsp++];

					s->kind = m < ns ? STREET :
					    m < ns + nt ? TOWN : TOWNSHIP;
					seq = s->kind == STREET ? 1 + m :
					    s->kind == TOWN ? 100 + (m - ns) :
					    200 + (m - ns - nt);
					snprintf(s->code, sizeof s->code,
					    "%s%03d", q->code, (int)(seq % 1000));
					name2(s->name, s->kind == STREET ?
					    "街道" : s->kind == TOWN ? "镇" :
					    "乡");
					s->county = (int)ncty;
					s->weight = s->kind == STREET ?
					    rnd(600, 1000) : rnd(800, 1300);
				}
				ncty++;
			}
		}
	}

	/* Villages over townships, then urban or rural within each. */
	w = xcalloc(ntsp, sizeof *w);
	alloc = xcalloc(ntsp, sizeof *alloc);
	for (t = 0; t < ntsp; t++)
		w[t] = tsp[t].weight;
	apportion(nv, w, alloc, ntsp);
	for (t = 0; t < ntsp; t++) {
		struct township *s = &tsp[t];
		long n = alloc[t], pm, u, r;

		/* per mille urban: streets all, towns a few, townships rare */
		pm = s->kind == STREET ? 1000 : s->kind == TOWN ? 70 : 10;
		u = (n * pm + rnd(0, 999)) / 1000 + carry_u;
		r = n - (u - carry_u) + carry_r;
		carry_u = u > 199 ? u - 199 : 0;
		carry_r = r > 200 ? r - 200 : 0;
		s->nurban = u - carry_u;
		s->nrural = r - carry_r;
	}
	if (carry_u || carry_r) {
		/* the last townships are full: give the rest to any room */
		for (t = 0; t < ntsp && (carry_u || carry_r); t++) {
			long room = 199 - tsp[t].nurban;

			room = room < carry_u ? room : carry_u;
			tsp[t].nurban += room;
			carry_u -= room;
			room = 200 - tsp[t].nrural;
			room = room < carry_r ? room : carry_r;
			tsp[t].nrural += room;
			carry_r -= room;
		}
	}
	vil = xcalloc((size_t)nv, sizeof *vil);
	free(w);
	free(alloc);

	/* Areas, parents first; villages collected for the grids. */
	out_open(&areas, dir, "areas.csv");
	fputs("code,name\n14,山西省\n", areas.f);
	v = 0;
	t = 0;
	for (c = 0; c < NCITIES; c++) {
		fprintf(areas.f, "14%02d,%s\n", (int)c + 1, cities[c].name);
		for (i = 0; i < ncty; i++) {
			if (cty[i].city != (int)c)
				continue;
			fprintf(areas.f, "%s,%s\n", cty[i].code, cty[i].name);
			for (; t < ntsp && tsp[t].county == (int)i; t++) {
				struct township *s = &tsp[t];
				long k, seq;

				fprintf(areas.f, "%s,%s\n", s->code, s->name);
				for (k = 0, seq = 0; k < s->nurban +
				    s->nrural; k++) {
					struct village *q = &vil[v++];
					int urban = k < s->nurban;
					long left;

					/* codes mostly consecutive, a gap
					 * now and then where there is room */
					if (k == s->nurban)
						seq = 199;
					left = urban ? 199 - seq -
					    (s->nurban - k) :
					    399 - seq - (s->nurban +
					    s->nrural - k);
					seq += 1 + (left > 0 &&
					    rnd(0, 9) == 0);
					snprintf(q->code, sizeof q->code,
					    "%s%03d", s->code, (int)(seq % 1000));
					name2(q->name, urban ? "社区" : "村");
					q->urban = urban;
					q->county = s->county;
					nurban += urban;
					fprintf(areas.f, "%s,%s\n", q->code,
					    q->name);
				}
			}
		}
	}
	out_close(&areas);

	/* Grids: one per village, the rest by size (communities bigger). */
	w = xcalloc((size_t)nv, sizeof *w);
	alloc = xcalloc((size_t)nv, sizeof *alloc);
	for (v = 0; v < (size_t)nv; v++)
		w[v] = vil[v].urban ? rnd(2500, 6500) : rnd(400, 1800);
	apportion(ng - nv, w, alloc, (size_t)nv);
	for (v = 0; v < (size_t)nv; v++) {
		vil[v].ngrids = 1 + alloc[v];
		if (vil[v].ngrids > 999) {
			fprintf(stderr, "%s: scale too large: more than 999 "
			    "grids in a village\n", prog);
			return EX_USAGE;
		}
	}
	free(w);
	free(alloc);

	/* Units per grid: one each, the rest by size. */
	w = xcalloc((size_t)ng, sizeof *w);
	gunits = xcalloc((size_t)ng, sizeof *gunits);
	gh = xcalloc((size_t)ng, sizeof *gh);
	for (v = 0, g = 0; v < (size_t)nv; v++)
		for (j = 0; j < (size_t)vil[v].ngrids; j++, g++) {
			gh[g] = vil[v].urban ? rnd(250, 520) : rnd(200, 400);
			w[g] = gh[g] * (vil[v].urban ? 3 : 2) +
			    rnd(0, 400);
		}
	apportion(nu - ng, w, gunits, (size_t)ng);
	free(w);

	out_open(&grids, dir, "grids.csv");
	fputs("code,name,households,population\n", grids.f);
	for (v = 0, g = 0; v < (size_t)nv; v++)
		for (j = 0; j < (size_t)vil[v].ngrids; j++, g++)
			fprintf(grids.f, "%s%03zu,%s第%zu网格,%ld,%ld\n",
			    vil[v].code, j + 1, vil[v].name, j + 1, gh[g],
			    gh[g] * rnd(230, 320) / 100);
	out_close(&grids);

	out_open(&units, dir, "units.csv");
	fputs("village,kind,name,grid\n", units.f);
	for (v = 0, g = 0; v < (size_t)nv; v++) {
		long count[NUKINDS] = { 0 };
		uint32_t off[NUKINDS];
		int k;

		for (k = 0; k < NUKINDS; k++)
			off[k] = (uint32_t)(rng() % NPAIRS);
		for (j = 0; j < (size_t)vil[v].ngrids; j++, g++) {
			long n = 1 + gunits[g], m;

			snprintf(code, sizeof code, "%s%03d", vil[v].code,
			    (int)((j + 1) % 1000));
			for (m = 0; m < n; m++) {
				enum ukind kind = pick_kind(vil[v].urban, m);

				unit_name(name, kind, count[kind]++,
				    off[kind]);
				nhazard += kind >= U_FOREST_ROAD;
				fprintf(units.f, "%s,%s,%s,%s\n", vil[v].code,
				    ukind_name[kind], name, code);
			}
		}
	}
	out_close(&units);

	write_candidates(dir, vil, nv, ng, ncty, nc);

	if (verbose)
		fprintf(stderr, "%s: scale %g: 1 province, %zu cities, %zu "
		    "counties, %zu townships, %ld villages (%ld urban), %ld "
		    "grids, %ld units (%ld hazard points), %ld candidates in "
		    "%s\n", prog, scale, (size_t)NCITIES, ncty, ntsp, nv,
		    nurban, ng, nu, nhazard, nc, dir);
	free(gunits);
	free(gh);
	free(vil);
	free(tsp);
	free(cty);
	return 0;
}
