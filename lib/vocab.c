/*
 * vocab.c - the word lists, and the one way a word is looked up.
 *
 * The tables are written as people read them (canonical name, Chinese
 * name, other names).  On first use every name is folded once into a
 * key; a lookup folds its input the same way and compares keys.  Input
 * is mostly ASCII or already-folded Chinese, so the fold that costs an
 * allocation (utf8proc's NFKC) runs only when the cheap ones missed: the
 * answer is the same, because a folded key is its own fold.  So a value
 * is first looked up as it is (most are canonical or Chinese already),
 * then trimmed with ASCII lowered, then NFKC folded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

/* The longest name, as written and folded: a longer one is no name. */
#define WORD_MAX 256

static const struct vocab_entry roles[] = {
	{ "leader",	"网格长",	{ NULL },			0 },
	{ "full_time",	"专职网格员",	{ "专职", "full-time" },	1 },
	{ "part_time",	"兼职网格员",	{ "兼职", "part-time" },	2 },
	{ "assistant",	"网格助理",	{ "助理", "网格助理员" },		3 },
};

/* value is enum staff_stage; test_vocab holds the two equal. */
static const struct vocab_entry stages[] = {
	{ "announcement",  "发布公告",	{ "公告" },			0 },
	{ "registration",  "报名",	{ NULL },			1 },
	{ "qualification", "资格审查",	{ "资格复审" },			2 },
	{ "exam",	   "笔试面试",	{ "笔试", "面试", "考试" },	3 },
	{ "physical",	   "体检",	{ NULL },			4 },
	{ "political",	   "政审",	{ "考察政审" },			5 },
	{ "publicity",	   "公示",	{ NULL },			6 },
	{ "training",	   "岗前培训",	{ "培训" },			7 },
	{ "hired",	   "聘用",	{ "录用" },			8 },
};

/* A secondary vocational school ranks with senior high school, as
 * Chinese practice treats them. */
static const struct vocab_entry educations[] = {
	{ "primary",		"小学",	{ NULL },			1 },
	{ "junior_high",	"初中",	{ "初级中学" },			2 },
	{ "senior_high",	"高中",	{ "中专", "职高", "技校", "中职",
					  "secondary_vocational" },	3 },
	{ "junior_college",	"大专",	{ "专科", "高职", "大学专科",
					  "全日制大专" },		4 },
	{ "bachelor",		"本科",	{ "大学本科", "学士",
					  "全日制本科" },		5 },
	{ "master",		"硕士",	{ "研究生", "硕士研究生" },	6 },
	{ "doctorate",		"博士",	{ "博士研究生", "doctor" },	7 },
};

/* Drawing units, then the hazard points of Art. 4. */
static const struct vocab_entry unit_kinds[] = {
	{ "building",		"楼栋",		{ "楼宇", "小区" },	0 },
	{ "street",		"街巷",		{ "街路巷" },		0 },
	{ "villager_group",	"村民小组",	{ "村民组" },		0 },
	{ "natural_village",	"自然村",	{ NULL },		0 },
	{ "forest_road",	"林道",		{ "林区道路" },		1 },
	{ "field",		"农田",		{ "田" },		1 },
	{ "road",		"道路",		{ "路" },		1 },
	{ "well",		"水井",		{ "机井" },		1 },
	{ "mine",		"矿产",		{ "矿产资源" },		1 },
	{ "river",		"河流",		{ "河道" },		1 },
	{ "ravine",		"沟壑",		{ "沟" },		1 },
};

static const struct vocab_entry grid_kinds[] = {
	{ "urban", "城市", { "城镇", "社区", "城市社区", "城市网格",
	    "社区网格" },						1 },
	{ "rural", "农村", { "乡村", "村", "农村社区", "农村网格",
	    "村网格" },							0 },
	/* Schools, hospitals, industrial parks: a grid of its own inside
	 * a village or community, sized by the people in it. */
	{ "dedicated", "专属", { "专属网格",
	    "专属网格（学校、医院、园区）" },				2 },
};

static const struct vocab_entry leave_reasons[] = {
	{ "resign",	"辞职",	{ "离职" },			1 },
	{ "dismiss",	"辞退",	{ "解聘", "清退" },		2 },
	{ "transfer",	"调动",	{ "调离" },			3 },
	{ "retire",	"退休",	{ NULL },			4 },
	{ "death",	"死亡",	{ "去世", "病故" },		5 },
	{ "other",	"其他",	{ NULL },			6 },
};

static const struct vocab_entry train_levels[] = {
	{ "province",	"省级",		{ "省" },			1 },
	{ "city",	"市级",		{ "市" },			2 },
	{ "county",	"县级",		{ "县", "区县" },		3 },
	{ "township",	"乡镇级",	{ "乡镇", "街道", "乡" },	4 },
};

/* What spreadsheets and forms write in a yes/no column, and what YAML
 * writers write for a boolean; and what a 政治面貌 column (political
 * status) or a certificate column says, read as yes or no. */
static const struct vocab_entry flags[] = {
	{ "yes", "是", { "y", "true", "1", "有", "√", "on", "持证",
			 "中共党员", "中共预备党员", "预备党员" },	1 },
	{ "no",	 "否", { "n", "false", "0", "无", "×", "x", "off",
			 "未持证", "群众", "共青团员", "团员",
			 "无党派人士" },				0 },
};

static const struct vocab_entry nationalities[] = {
	{ "CN", "中国", { "CHN", "中华人民共和国", "China", "中国籍" },	0 },
};

static const struct vocab_entry sources[] = {
	{ "open",		"公开招聘",	{ "社会招聘", "招聘" },	1 },
	{ "two_committees",	"村两委",	{ "两委", "村（社区）两委",
						  "社区两委" },		2 },
	{ "graduate_plan",	"万人计划",	{ "乡村振兴万人计划",
						  "高校毕业生" },	3 },
	{ "other",		"其他",		{ NULL },		4 },
};

/* The official step names of Art. 13, and the verbs of case-route. */
static const struct vocab_entry case_steps[] = {
	{ "reported",	  "问题上报",	{ "上报", "report" },		1 },
	{ "filed",	  "案卷建立",	{ "立案", "file" },		2 },
	{ "assigned",	  "任务指派",	{ "指派", "assign" },		3 },
	{ "investigated", "调查落实",	{ "调查", "investigate" },	4 },
	{ "feedback",	  "处理反馈",	{ "反馈" },			5 },
	{ "closed",	  "结案归档",	{ "结案", "归档", "close" },	6 },
};

/* The four grades of the Emergency Response Law; grade I is the worst. */
static const struct vocab_entry severities[] = {
	{ "general",	   "一般",	{ "IV级", "一般事件" },		1 },
	{ "major",	   "较大",	{ "III级", "较大事件" },	2 },
	{ "serious",	   "重大",	{ "II级", "重大事件" },		3 },
	{ "extraordinary", "特别重大",	{ "I级", "特别重大事件" },	4 },
};

static const struct vocab_entry handling_levels[] = {
	{ "village",	"村级",		{ "村", "社区", "村（社区）" },	1 },
	{ "township",	"乡镇级",	{ "乡镇", "街道" },		2 },
	{ "county",	"县级",		{ "县", "区县" },		3 },
	{ "department",	"职能部门",	{ "部门" },			4 },
};

static const struct vocab_entry person_statuses[] = {
	{ "candidate",	"候选人",	{ "应聘" },	1 },
	{ "rejected",	"未通过",	{ "落选" },	2 },
	{ "staff",	"在岗",		{ "在职" },	3 },
	{ "left",	"离岗",		{ "离职" },	4 },
};

/* Where a case stands: being handled, closed, or refused (not filed). */
static const struct vocab_entry case_statuses[] = {
	{ "open",	"办理中",	{ "在办" },		1 },
	{ "closed",	"已办结",	{ "办结" },		2 },
	{ "refused",	"不予受理",	{ "不受理" },		3 },
};

/* What a row of a case's history did: the verbs of case-route, the
 * report that opened it, and what the cron job and extend did. */
static const struct vocab_entry case_actions[] = {
	{ "report",	 "上报",	{ NULL },		1 },
	{ "file",	 "立案",	{ NULL },		2 },
	{ "refuse",	 "不予受理",	{ NULL },		3 },
	{ "assign",	 "指派",	{ NULL },		4 },
	{ "investigate", "调查",	{ NULL },		5 },
	{ "feedback",	 "反馈",	{ NULL },		6 },
	{ "close",	 "结案",	{ NULL },		7 },
	{ "rework",	 "退回重办",	{ NULL },		8 },
	{ "transfer",	 "转办",	{ NULL },		9 },
	{ "handdown",	 "交下级办理",	{ NULL },		10 },
	{ "escalate",	 "提级办理",	{ NULL },		11 },
	{ "card",	 "亮牌督办",	{ NULL },		12 },
	{ "extend",	 "延期",	{ NULL },		13 },
};

/* How much a finding of a check counts: an error sets the exit
 * status, a warning only with --strict. */
static const struct vocab_entry finding_severities[] = {
	{ "error",	"错误",	{ NULL },	1 },
	{ "warning",	"警告",	{ NULL },	2 },
};

static const struct vocab_entry lights[] = {
	{ "green",	"绿灯",	{ "绿" },	1 },
	{ "yellow",	"黄灯",	{ "黄" },	2 },
	{ "red",	"红灯",	{ "红" },	3 },
};

static const struct vocab_entry cards[] = {
	{ "yellow",	"黄牌",	{ "黄牌督办", "黄" },	1 },
	{ "red",	"红牌",	{ "红牌督办", "红" },	2 },
};

/* Who reported an event: grid staff (a reporter named), or others. */
static const struct vocab_entry event_sources[] = {
	{ "grid",	"网格员",	{ "网格", "grid_staff" },	1 },
	{ "resident",	"群众",		{ "居民", "群众来访" },		2 },
	{ "centre",	"综治中心",	{ "中心", "center" },		3 },
	{ "department",	"职能部门",	{ "部门" },			4 },
	{ "hotline",	"热线",		{ "12345", "12345热线",
					  "市民热线" },			5 },
};

static const struct vocab_entry satisfactions[] = {
	{ "satisfied",	 "满意",	{ NULL },		3 },
	{ "basically",	 "基本满意",	{ "basically_satisfied" },	2 },
	{ "unsatisfied", "不满意",	{ "dissatisfied" },	1 },
};

#define TABLE(a) a, sizeof a / sizeof a[0]

static const struct vocab_def {
	const char *name;		/* in config keys */
	const char *what;		/* "not <what>" */
	const struct vocab_entry *e;	/* the table */
	size_t n;			/* its entries */
} defs[VOCAB_COUNT] = {
	[VOCAB_ROLE] = { "role", "a role", TABLE(roles) },
	[VOCAB_STAGE] = { "stage", "a stage", TABLE(stages) },
	[VOCAB_EDUCATION] = { "education", "an education level",
	    TABLE(educations) },
	[VOCAB_UNIT_KIND] = { "unit_kind", "a kind of unit",
	    TABLE(unit_kinds) },
	[VOCAB_GRID_KIND] = { "grid_kind", "a kind of grid",
	    TABLE(grid_kinds) },
	[VOCAB_LEAVE_REASON] = { "leave_reason", "a reason for leaving",
	    TABLE(leave_reasons) },
	[VOCAB_TRAIN_LEVEL] = { "training_level", "a training level",
	    TABLE(train_levels) },
	[VOCAB_FLAG] = { "flag", "yes or no", TABLE(flags) },
	[VOCAB_NATIONALITY] = { "nationality", "a nationality",
	    TABLE(nationalities) },
	[VOCAB_SOURCE] = { "source", "a source", TABLE(sources) },
	[VOCAB_CASE_STEP] = { "case_step", "a step", TABLE(case_steps) },
	[VOCAB_SEVERITY] = { "severity", "a severity", TABLE(severities) },
	[VOCAB_HANDLING_LEVEL] = { "handling_level", "a handling level",
	    TABLE(handling_levels) },
	[VOCAB_LIGHT] = { "light", "a light", TABLE(lights) },
	[VOCAB_CARD] = { "card", "a card colour", TABLE(cards) },
	[VOCAB_EVENT_SOURCE] = { "event_source", "a source of events",
	    TABLE(event_sources) },
	[VOCAB_SATISFACTION] = { "satisfaction", "a satisfaction",
	    TABLE(satisfactions) },
	[VOCAB_PERSON_STATUS] = { "person_status", "a status",
	    TABLE(person_statuses) },
	[VOCAB_CASE_STATUS] = { "case_status", "a case status",
	    TABLE(case_statuses) },
	[VOCAB_CASE_ACTION] = { "case_action", "an action on a case",
	    TABLE(case_actions) },
	[VOCAB_FINDING_SEVERITY] = { "finding_severity",
	    "a severity of a finding", TABLE(finding_severities) },
};

/* A folded name and the entry it means. */
struct key {
	char *fold;		/* owned */
	size_t len;		/* its bytes */
	size_t entry;		/* index into the table */
};

/* The keys of a vocabulary: the table's, then the configuration's. */
static struct keys {
	struct key *k;		/* keys */
	size_t n;		/* used */
	size_t cap;		/* allocated */
	size_t builtin;		/* the first builtin are the table's */
} keys[VOCAB_COUNT];

/*
 * fold writes the folded form of s into out (WORD_MAX bytes): blanks
 * cut off both ends, NFKC case folded.  Returns out, or NULL when s is
 * too long or not UTF-8.  "" when nothing is left.
 */
static char *
fold(const char *s, char *out)
{
	char buf[WORD_MAX], *p;
	utf8proc_uint8_t *f;
	size_t len = strlen(s);

	if (len >= sizeof buf)
		return NULL;
	memcpy(buf, s, len + 1);
	p = util_trim_blanks(buf);
	f = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)p);
	if (f == NULL)
		return NULL;
	len = strlen((char *)f);
	if (len >= WORD_MAX) {
		free(f);
		return NULL;
	}
	memcpy(out, f, len + 1);
	free(f);
	return out;
}

static void
add_key(struct keys *ks, const char *folded, size_t entry)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 32;
		ks->k = ereallocarray(ks->k, ks->cap, sizeof *ks->k);
	}
	ks->k[ks->n].fold = estrdup(folded);
	ks->k[ks->n].len = strlen(folded);
	ks->k[ks->n].entry = entry;
	ks->n++;
}

/* The keys of every table, made once. */
static void
prepare(void)
{
	static int ready;
	const struct vocab_entry *e;
	char f[WORD_MAX];
	size_t v, i, j;

	if (ready)
		return;
	ready = 1;
	for (v = 0; v < VOCAB_COUNT; v++) {
		for (i = 0; i < defs[v].n; i++) {
			e = &defs[v].e[i];
			add_key(&keys[v], fold(e->name, f), i);
			add_key(&keys[v], fold(e->zh, f), i);
			for (j = 0; j < VOCAB_ALIAS_MAX && e->alias[j]; j++)
				add_key(&keys[v], fold(e->alias[j], f), i);
		}
		keys[v].builtin = keys[v].n;
	}
}

/* The key a folded name (len bytes) is, or NULL. */
static const struct key *
match(enum vocab_id v, const char *folded, size_t len)
{
	const struct keys *ks = &keys[v];
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (ks->k[i].len == len &&
		    memcmp(ks->k[i].fold, folded, len) == 0)
			return &ks->k[i];
	return NULL;
}

const char *
vocab_name(enum vocab_id v)
{
	return defs[v].name;
}

const char *
vocab_what(enum vocab_id v)
{
	return defs[v].what;
}

size_t
vocab_count(enum vocab_id v)
{
	return defs[v].n;
}

const struct vocab_entry *
vocab_entry(enum vocab_id v, size_t i)
{
	return i < defs[v].n ? &defs[v].e[i] : NULL;
}

const struct vocab_entry *
vocab_find(enum vocab_id v, const char *s)
{
	char buf[WORD_MAX], *p, *q, f[WORD_MAX];
	const struct key *k;
	size_t len;
	int ascii = 1;

	if (s == NULL)
		return NULL;
	prepare();
	len = strlen(s);
	if ((k = match(v, s, len)) != NULL)
		return &defs[v].e[k->entry];
	if (len >= sizeof buf)
		return NULL;
	/* The cheap fold: blanks, and ASCII letters lower case. */
	memcpy(buf, s, len + 1);
	p = util_trim_blanks(buf);
	for (q = p; *q != '\0'; q++) {
		if ((unsigned char)*q >= 0x80)
			ascii = 0;
		else if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	}
	if ((k = match(v, p, (size_t)(q - p))) == NULL && !ascii &&
	    fold(p, f) != NULL)
		k = match(v, f, strlen(f));
	return k != NULL ? &defs[v].e[k->entry] : NULL;
}

const char *
vocab_zh(enum vocab_id v, const char *s)
{
	const struct vocab_entry *e = vocab_find(v, s);

	return e != NULL ? e->zh : s;
}

const char *
vocab_record(enum vocab_id v, const char *value)
{
	return i18n_records() && value != NULL && *value != '\0' ?
	    vocab_zh(v, value) : value;
}

const char *
vocab_say(enum vocab_id v, const char *value)
{
	return i18n_lang() == I18N_ZH && value != NULL && *value != '\0' ?
	    vocab_zh(v, value) : value;
}

const char *
vocab_word(const char *words, const char *value)
{
	size_t v;

	for (v = 0; v < VOCAB_COUNT; v++)
		if (defs[v].name != NULL && strcmp(defs[v].name, words) == 0)
			return *value != '\0' ? vocab_zh((enum vocab_id)v,
			    value) : value;
	return value;
}

char *
vocab_explain(enum vocab_id v, const char *value, char *buf, size_t n)
{
	struct sb sb = SB_INIT;
	char q[DIAG_QUOTE_MAX];
	size_t i;

	sb_addf(&sb, "%s: not %s (", diag_quote(q, sizeof q, value ? value :
	    ""), defs[v].what);
	for (i = 0; i < defs[v].n; i++)
		sb_addf(&sb, "%s%s %s", i > 0 ? ", " : "", defs[v].e[i].name,
		    defs[v].e[i].zh);
	sb_addc(&sb, ')');
	if (n > 0)
		snprintf(buf, n, "%s", sb.buf);
	sb_release(&sb);
	return buf;
}

void
vocab_reset(void)
{
	struct keys *ks;
	size_t v;

	prepare();
	for (v = 0; v < VOCAB_COUNT; v++) {
		ks = &keys[v];
		while (ks->n > ks->builtin)
			free(ks->k[--ks->n].fold);
	}
}

/* The vocabulary a "vocab.<name>.<member>" key is of, or -1. */
static int
vocab_of_key(const char *key, const char **member)
{
	const char *p = key + strlen("vocab."), *dot = strchr(p, '.');
	size_t v;

	if (dot == NULL)
		return -1;
	for (v = 0; v < VOCAB_COUNT; v++)
		if (strlen(defs[v].name) == (size_t)(dot - p) &&
		    strncmp(defs[v].name, p, (size_t)(dot - p)) == 0) {
			*member = dot + 1;
			return (int)v;
		}
	return -1;
}

/* Adds the names the list of key gives; 0, or -1 after reporting. */
static int
load_key(const struct config *cfg, const char *key)
{
	const char *const *list, *member, *origin = config_origin(cfg, key);
	const struct vocab_entry *e;
	const struct key *k;
	char f[WORD_MAX], q[DIAG_QUOTE_MAX], why[VOCAB_EXPLAIN_MAX];
	size_t i;
	int v, bad = 0;

	if ((v = vocab_of_key(key, &member)) < 0) {
		diag_error("%s: %s: no such vocabulary", origin, key);
		return -1;
	}
	for (i = 0; i < defs[v].n; i++)
		if (util_streq_icase(member, defs[v].e[i].name))
			break;
	if (i == defs[v].n) {
		diag_error("%s: %s: %s", origin, key, vocab_explain(v, member,
		    why, sizeof why));
		return -1;
	}
	e = &defs[v].e[i];
	for (list = config_list(cfg, key); *list != NULL; list++) {
		if (fold(*list, f) == NULL || *f == '\0') {
			diag_error("%s: %s: %s: not a name (empty, too long "
			    "or not UTF-8)", origin, key,
			    diag_quote(q, sizeof q, *list));
			bad = 1;
		} else if ((k = match(v, f, strlen(f))) == NULL)
			add_key(&keys[v], f, i);
		else if (k->entry != i) {
			diag_error("%s: %s: %s already means %s (%s), not %s",
			    origin, key, diag_quote(q, sizeof q, *list),
			    defs[v].e[k->entry].name, defs[v].e[k->entry].zh,
			    e->name);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

int
vocab_load_config(const struct config *cfg)
{
	const char *key, *value, *origin, *article;
	size_t i;
	int rc = GK_OK;

	vocab_reset();
	for (i = 0; config_entry(cfg, i, &key, &value, &origin, &article)
	    == 0; i++)
		if (strncmp(key, "vocab.", strlen("vocab.")) == 0 &&
		    load_key(cfg, key) != 0)
			rc = GK_CONFIG;
	if (rc != GK_OK)
		vocab_reset();
	return rc;
}
