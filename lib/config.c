/*
 * config.c - configuration: the table of keys, layered YAML files.
 *
 * A file is loaded whole into a libyaml document, then walked against
 * the table.  The walk only collects parsed changes; they are applied
 * when the whole file turned out good, so a bad file leaves nothing
 * half-merged behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "config.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

#ifndef GRIDKIT_SYSCONFDIR
#define GRIDKIT_SYSCONFDIR "/etc"
#endif

/* Bigger than any configuration file a person writes. */
#define CONFIG_FILE_MAX (16L * 1024 * 1024)
/* Keys longer than this get no "did you mean" suggestion. */
#define SUGGEST_KEY_MAX 128

struct config_decl {
	const char *key;		/* dotted path; "x.*": a wildcard map */
	enum config_type type;		/* of the value, or of each member */
	const char *str;		/* default of a string */
	long long num;			/* default of an int or a bool */
	long long lo;			/* smallest int allowed */
	long long hi;			/* largest int allowed */
	const char *const *list;	/* default of a list, or NULL: empty */
	const char *article;		/* "Art. 4", or NULL */
	const char *doc;		/* one line for people */
};

#define C_STR(k, d, art, doc) \
	{ k, CONFIG_STRING, d, 0, 0, 0, NULL, art, doc }
#define C_INT(k, d, lo, hi, art, doc) \
	{ k, CONFIG_INT, NULL, d, lo, hi, NULL, art, doc }
#define C_BOOL(k, d, art, doc) \
	{ k, CONFIG_BOOL, NULL, d, 0, 1, NULL, art, doc }
#define C_LIST(k, art, doc, ...) \
	{ k, CONFIG_LIST, NULL, 0, 0, 0, \
	    (const char *const[]){ __VA_ARGS__, NULL }, art, doc }
#define C_WILD(k, type, art, doc) \
	{ k, type, NULL, 0, 0, 0, NULL, art, doc }

#define DUTIES_MEMBER "宣传员、信息员、协管员、矛调员、服务员：" \
	"每日巡查走访，每周至少走遍网格一次"

/*
 * Every key gridkit knows, in the order --print-config shows them.  A
 * later program adds its keys here (and to etc/gridkit.yaml, which a
 * unit test holds equal to this table).
 */
static const struct config_decl decls[] = {
	C_STR("database", "", NULL,
	    "database file; empty: $XDG_DATA_HOME/gridkit/gridkit.db"),
	C_STR("calendar.dir", "", "Art. 13",
	    "directory of NNNN.cal working-day calendars; "
	    "empty: the installed ones"),
	C_STR("clock.utc_offset", "+08:00", NULL,
	    "local time zone offset; China has one, +08:00"),
	C_INT("input.max_errors", 50, 1, INT_MAX, NULL,
	    "bad rows reported before a batch gives up"),
	C_STR("output.language", "", NULL,
	    "language people read: zh or en; empty: from the locale "
	    "(LC_ALL, LC_MESSAGES, LANG)"),
	C_STR("input.encoding", "", NULL,
	    "encoding of text input without a byte order mark; "
	    "empty: UTF-8"),

	/* Art. 4 asks for grids of "appropriate scale" and gives no
	 * number: the sizes are local guidance, cited as such. */
	C_INT("grid.urban_households_min", 300, 0, INT_MAX, "local guidance",
	    "fewest households of an urban grid (warning only)"),
	C_INT("grid.urban_households_max", 500, 0, INT_MAX, "local guidance",
	    "most households of an urban grid (warning only)"),
	C_INT("grid.rural_households_min", 200, 0, INT_MAX, "local guidance",
	    "fewest households of a rural grid (warning only)"),
	C_INT("grid.rural_households_max", 400, 0, INT_MAX, "local guidance",
	    "most households of a rural grid (warning only)"),
	C_INT("grid.dedicated_population_min", 0, 0, INT_MAX,
	    "local guidance", "fewest people in a dedicated grid (school, "
	    "hospital, park); 0: no bound (warning only)"),
	C_INT("grid.dedicated_population_max", 0, 0, INT_MAX,
	    "local guidance", "most people in a dedicated grid; 0: no bound "
	    "(warning only)"),
	C_LIST("grid.linear_unit_kinds", "Art. 4",
	    "kinds of hazard point that run through several grids and may "
	    "be listed under each", "river", "ravine", "road", "forest_road"),

	C_STR("board.supervision_phone", "", "Art. 5",
	    "supervision phone printed on every grid's bulletin board"),
	C_STR("board.title", "网格公示牌", "Art. 5",
	    "title of the bulletin board"),
	C_STR("board.duties.leader", "负责网格日常管理，统筹网格员开展工作",
	    "Art. 6", "duties of a grid leader, on the board"),
	C_STR("board.duties.full_time", DUTIES_MEMBER, "Art. 6",
	    "duties of a full-time grid member, on the board"),
	C_STR("board.duties.part_time", DUTIES_MEMBER, "Art. 6",
	    "duties of a part-time grid member, on the board"),
	C_STR("board.duties.assistant", "协助网格员在职责范围内开展工作",
	    "Art. 6", "duties of a grid assistant, on the board"),

	C_INT("staff.min_age", 18, 0, 150, "Art. 9",
	    "youngest age in years at which a person may be hired"),
	C_STR("staff.nationality", "CN", "Art. 9",
	    "nationality required (ISO 3166 code)"),
	C_STR("staff.min_education.leader", "高中", "Art. 9",
	    "lowest education of a grid leader"),
	C_STR("staff.min_education.full_time", "高中", "Art. 9",
	    "lowest education of a full-time grid member"),
	C_STR("staff.min_education.part_time", "初中", "Art. 9",
	    "lowest education of a part-time grid member"),
	C_STR("staff.min_education.assistant", "初中", "Art. 9",
	    "lowest education of a grid assistant"),
	C_INT("staff.max_leaders_per_grid", 1, 1, INT_MAX, "Art. 5",
	    "grid leaders a grid may have"),
	C_BOOL("staff.rural_full_time", 1, "Art. 8",
	    "full-time members allowed in rural grids"),
	/* Art. 11 and Art. 10 name publicity and filling "in time", not
	 * their lengths: the numbers are local practice, cited as such. */
	C_INT("staff.publicity_days", 5, 0, 366, "local practice",
	    "working days a hire is publicised before training"),
	C_INT("staff.vacancy_days", 30, 1, 3660, "local practice",
	    "days within which a vacancy must be filled"),
	C_INT("staff.max_age", 0, 0, 150, "Art. 9",
	    "oldest age in years at which a person may apply; 0: none"),
	C_BOOL("staff.priority_by_count", 0, "Art. 9",
	    "among equal scores, more priority flags rank higher"),
	C_INT("staff.score.exam_percent", 50, 0, 100, "Art. 9",
	    "weight of the written exam in the total score"),
	C_INT("staff.score.interview_percent", 50, 0, 100, "Art. 9",
	    "weight of the interview in the total score"),
	C_BOOL("staff.publicity_count_first_day", 0, "Art. 11",
	    "the day publicity begins counts as its first day"),
	C_INT("staff.training_min_hours", 0, 0, 1000, "Art. 11",
	    "hours of job training recorded before a hire"),
	C_BOOL("staff.multiple_full_time", 0, "Art. 8",
	    "one person may hold more than one full-time post"),
	C_BOOL("staff.leader_and_member", 0, "Art. 5",
	    "one person may lead a grid and be a member of it"),
	C_BOOL("staff.part_time_beside_full_time", 0, "Art. 8",
	    "a full-time member may hold a part-time post too"),

	C_INT("training.min_per_year.province", 0, 0, 366, "Art. 14",
	    "province-level training sessions a year, at least"),
	C_INT("training.min_per_year.city", 0, 0, 366, "Art. 14",
	    "city-level training sessions a year, at least"),
	C_INT("training.min_per_year.county", 2, 0, 366, "Art. 14",
	    "county-level training sessions a year, at least"),
	C_INT("training.min_per_year.township", 3, 0, 366, "Art. 14",
	    "township-level training sessions a year, at least"),

	C_STR("case.categories", "", "Art. 7",
	    "the event taxonomy, a TSV file; empty: the installed one"),
	C_STR("case.deadlines", "", "Art. 13",
	    "the time limits of each step, a TSV file; empty: the installed "
	    "one"),
	C_INT("case.duplicate_days", 3, 0, 366, "Art. 13",
	    "days within which an event of the same grid and category joins "
	    "an open case (0: never)"),
	C_INT("case.max_extensions", 1, 0, 99, "Art. 13",
	    "approved extensions of a case's time limit, at most"),
	/* Art. 18: pay, less own insurance, not below the local minimum
	 * wage; Shanxi's monthly minimums by wage class (the provincial
	 * notices of 2017 and 2022).  Which class each county is in is
	 * the provincial notice's list: set it per county. */
	C_LIST("pay.min_wage", "Art. 18",
	    "monthly minimum wage: \"DATE AMOUNT...\" entries, yuan per "
	    "wage class (class 1 first), each in force from its date",
	    "2017-10-01 1700 1600 1500 1400", "2023-01-01 1980 1880 1780"),
	C_WILD("pay.wage_class.*", CONFIG_LIST, "Art. 18",
	    "wage class of a county (6-digit code): \"N\" or \"DATE N\" "
	    "entries"),
	C_STR("pay.rural_min", "500", "Art. 18",
	    "least a part-time member of a rural grid gets a month (yuan); "
	    "empty: not checked"),
	C_STR("pay.assistant_min", "", "Art. 18",
	    "least a grid assistant gets a month (yuan), set locally; "
	    "empty: not checked"),
	C_STR("pay.case_rate", "", "Art. 19",
	    "per-case subsidy (以案定补) for each case reported and closed "
	    "(yuan); empty: not checked"),
	/* Art. 6 says "at least once a week"; Art. 16 names performance
	 * but no figure: the thresholds are local practice. */
	C_INT("audit.visit_days", 7, 1, 366, "Art. 6",
	    "days a grid member may go without a recorded visit to their "
	    "grid"),
	C_INT("audit.on_time_percent", 80, 0, 100, "Art. 16",
	    "least on-time rate of a member's cases, in percent (0: not "
	    "checked)"),
	C_INT("audit.max_cards", 2, 0, 100000, "Art. 16",
	    "most supervision cards a member's cases may draw in a year"),

	C_LIST("columns.code", NULL, "header aliases of the code field",
	    "网格编码", "编码", "代码", "区划代码", "统计用区划代码"),
	C_LIST("columns.name", NULL, "header aliases of the name field",
	    "名称", "网格名称", "区划名称", "单元名称"),
	C_LIST("columns.person_name", NULL,
	    "header aliases of a person's name (the name field of staff)",
	    "姓名", "名字", "人员姓名"),
	C_LIST("columns.parent", NULL, "header aliases of the parent field",
	    "上级", "上级代码", "上级编码"),
	C_LIST("columns.households", NULL,
	    "header aliases of the households field", "户数", "住户数"),
	C_LIST("columns.population", NULL,
	    "header aliases of the population field", "人口", "人口数"),
	C_LIST("columns.kind", NULL, "header aliases of the kind field",
	    "类型", "类别", "网格类型", "单元类型"),
	C_LIST("columns.village", NULL, "header aliases of the village field",
	    "村", "社区", "村社区", "村（社区）", "所属村社区", "村代码",
	    "社区代码", "村（社区）代码"),
	C_LIST("columns.grid", NULL, "header aliases of the grid field",
	    "网格", "所属网格", "网格编码", "网格代码", "应聘网格",
	    "所属网格编码"),
	C_LIST("columns.id_number", NULL,
	    "header aliases of the id_number field",
	    "身份证号", "身份证号码", "公民身份号码", "证件号码"),
	C_LIST("columns.phone", NULL, "header aliases of the phone field",
	    "手机号", "手机", "联系电话", "电话", "手机号码"),
	C_LIST("columns.education", NULL,
	    "header aliases of the education field", "学历", "文化程度"),
	C_LIST("columns.role", NULL, "header aliases of the role field",
	    "岗位", "职务", "角色", "应聘岗位"),
	C_LIST("columns.nationality", NULL,
	    "header aliases of the nationality field", "国籍"),
	C_LIST("columns.source", NULL, "header aliases of the source field",
	    "来源"),
	C_LIST("columns.party_member", NULL,
	    "header aliases of the party_member field", "党员", "中共党员",
	    "政治面貌"),
	C_LIST("columns.veteran", NULL, "header aliases of the veteran field",
	    "退役军人"),
	C_LIST("columns.social_worker", NULL,
	    "header aliases of the social_worker field",
	    "社工证", "社会工作者"),
	C_LIST("columns.professional_title", NULL,
	    "header aliases of the professional_title field", "职称"),
	C_LIST("columns.subsistence", NULL,
	    "header aliases of the subsistence field", "低保"),
	C_LIST("columns.under_investigation", NULL,
	    "header aliases of the under_investigation field",
	    "在查", "被调查"),
	C_LIST("columns.penalized", NULL,
	    "header aliases of the penalized field", "受处罚", "刑事处罚"),
	C_LIST("columns.expelled", NULL, "header aliases of the expelled field",
	    "开除"),
	C_LIST("columns.posts", NULL, "header aliases of the posts field",
	    "人数", "名额", "招聘人数", "岗位数"),
	C_LIST("columns.exam", NULL, "header aliases of the exam field",
	    "笔试成绩", "笔试"),
	C_LIST("columns.interview", NULL,
	    "header aliases of the interview field", "面试成绩", "面试"),
	C_LIST("columns.work_phone", NULL,
	    "header aliases of the work_phone field", "工作电话", "办公电话",
	    "公开电话"),
	C_LIST("columns.photo", NULL, "header aliases of the photo field",
	    "照片", "相片"),
	C_LIST("columns.category", NULL,
	    "header aliases of the category field", "事件类型", "类别",
	    "问题类型"),
	C_LIST("columns.severity", NULL,
	    "header aliases of the severity field", "紧急程度", "等级",
	    "事件等级"),
	C_LIST("columns.title", NULL, "header aliases of the title field",
	    "标题", "事件标题"),
	C_LIST("columns.description", NULL,
	    "header aliases of the description field", "描述", "事件描述"),
	C_LIST("columns.location", NULL,
	    "header aliases of the location field", "地点", "发生地点"),
	C_LIST("columns.at", NULL, "header aliases of the at field",
	    "发生时间", "时间"),
	C_LIST("columns.reporter", NULL,
	    "header aliases of the reporter field", "上报人", "上报人编号"),
	C_LIST("columns.resolved", NULL,
	    "header aliases of the resolved field", "就地解决", "已解决"),
	C_LIST("columns.result", NULL, "header aliases of the result field",
	    "处理结果", "结果"),
	C_LIST("columns.notes", NULL, "header aliases of the notes field",
	    "备注", "走访情况"),
	C_LIST("columns.area", NULL, "header aliases of the area field",
	    "所属区划", "区划", "层级区划"),
	C_LIST("columns.categories", NULL,
	    "header aliases of the categories field", "负责事项", "事项类型"),
	C_LIST("columns.staff", NULL, "header aliases of the staff field",
	    "人员编号", "工号"),
	C_LIST("columns.county", NULL, "header aliases of the county field",
	    "县", "区县", "县区", "县代码", "县（市、区）"),
	C_LIST("columns.gross", NULL, "header aliases of the gross field",
	    "应发工资", "应发合计", "工资"),
	C_LIST("columns.insurance", NULL,
	    "header aliases of the insurance field (own contributions)",
	    "个人社保", "个人缴纳社保", "社保个人部分", "个人缴费"),
	C_LIST("columns.subsidy", NULL, "header aliases of the subsidy field",
	    "补贴", "补助"),
	C_LIST("columns.case_subsidy", NULL,
	    "header aliases of the case_subsidy field", "以案定补",
	    "案件补贴"),
	C_LIST("columns.accident_insurance", NULL,
	    "header aliases of the accident_insurance field", "意外险",
	    "意外伤害保险"),
	C_LIST("columns.level", NULL, "header aliases of the level field",
	    "级别", "培训级别"),
	C_LIST("columns.date", NULL, "header aliases of the date field",
	    "日期", "培训日期"),
	C_LIST("columns.hours", NULL, "header aliases of the hours field",
	    "学时", "时长"),
	C_LIST("columns.topic", NULL, "header aliases of the topic field",
	    "主题", "内容", "培训内容"),
	C_LIST("columns.since", NULL, "header aliases of the since field "
	    "(staff-hire enrol)", "任职日期", "入职日期", "任职时间", "上岗日期"),
	C_WILD("columns.*", CONFIG_LIST, NULL,
	    "header aliases of any other record field"),

	C_WILD("vocab.role.*", CONFIG_LIST, "Art. 5",
	    "more names of a role"),
	C_WILD("vocab.stage.*", CONFIG_LIST, "Art. 11",
	    "more names of a stage of the selection"),
	C_WILD("vocab.education.*", CONFIG_LIST, "Art. 9",
	    "more names of an education level"),
	C_WILD("vocab.unit_kind.*", CONFIG_LIST, "Art. 4",
	    "more names of a kind of unit"),
	C_WILD("vocab.grid_kind.*", CONFIG_LIST, "Art. 4",
	    "more names of urban or rural"),
	C_WILD("vocab.leave_reason.*", CONFIG_LIST, "Art. 10",
	    "more names of a reason for leaving"),
	C_WILD("vocab.training_level.*", CONFIG_LIST, "Art. 14",
	    "more names of a training level"),
	C_WILD("vocab.flag.*", CONFIG_LIST, NULL,
	    "more names of yes or no"),
	C_WILD("vocab.nationality.*", CONFIG_LIST, "Art. 9",
	    "more names of a nationality"),
	C_WILD("vocab.source.*", CONFIG_LIST, "Art. 8",
	    "more names of where a candidate comes from"),
	C_WILD("vocab.case_step.*", CONFIG_LIST, "Art. 13",
	    "more names of a step of a case"),
	C_WILD("vocab.severity.*", CONFIG_LIST, NULL,
	    "more names of a severity"),
	C_WILD("vocab.handling_level.*", CONFIG_LIST, "Art. 13",
	    "more names of a level that handles a case"),
	C_WILD("vocab.light.*", CONFIG_LIST, NULL,
	    "more names of a deadline light"),
	C_WILD("vocab.card.*", CONFIG_LIST, NULL,
	    "more names of a supervision card colour"),
	C_WILD("vocab.event_source.*", CONFIG_LIST, "Art. 6",
	    "more names of who reported an event"),
	C_WILD("vocab.satisfaction.*", CONFIG_LIST, "Art. 13",
	    "more names of residents' satisfaction with a result"),
	C_WILD("vocab.person_status.*", CONFIG_LIST, "Art. 11",
	    "more names of where a person stands: candidate, rejected, "
	    "staff, left"),
	C_WILD("vocab.case_status.*", CONFIG_LIST, "Art. 13",
	    "more names of where a case stands: open, closed, refused"),
	C_WILD("vocab.finding_severity.*", CONFIG_LIST, NULL,
	    "more names of how much a finding counts: error, warning"),
	C_WILD("vocab.case_action.*", CONFIG_LIST, "Art. 13",
	    "more names of what a row of a case's history did: report, "
	    "file, refuse, assign, investigate, feedback, close, rework, "
	    "transfer, handdown, escalate, card, extend"),

	/* Art. 20: an operator bound to areas acts only there
	 * (jurisdiction.h); a guard against mistakes, not a lock. */
	C_WILD("operators.*", CONFIG_LIST, "Art. 20",
	    "the areas an operator may act in: county, township or village "
	    "codes; an operator not named acts anywhere"),
	C_BOOL("jurisdiction.read_all", 0, "Art. 20",
	    "operators bound to areas may still read outside them"),
};
#define NDECLS (sizeof decls / sizeof decls[0])

struct cvalue {
	char *str;		/* a string, owned; NULL for other types */
	long long num;		/* an int, or a bool as 0 or 1 */
	char **list;		/* a NULL-terminated list, owned, or NULL */
};

struct centry {
	const struct config_decl *decl;	/* its row, or its wildcard's */
	char *key;			/* full dotted key, owned */
	struct cvalue v;		/* the value */
	char *text;			/* the value as text, owned */
	char *origin;			/* "default" or "file:line", owned */
};

struct config {
	struct centry *e;	/* entries in table order */
	size_t n;		/* entries used */
	size_t cap;		/* entries allocated */
};

/* A value a file sets, kept until the whole file has been checked. */
struct change {
	char *key;			/* full dotted key, owned */
	const struct config_decl *decl;	/* its row, or its wildcard's */
	struct cvalue v;		/* the parsed value, owned */
	unsigned long line;		/* of the key, 1-based */
	unsigned long col;		/* of the key, 1-based */
};

struct loader {
	const char *path;	/* the file, for messages and origins */
	yaml_document_t *doc;	/* the loaded document */
	struct change *ch;	/* the changes, in file order */
	size_t nch;		/* changes used */
	size_t cap;		/* changes allocated */
	unsigned long errors;	/* errors reported in this file */
	struct sb key;		/* the full key being walked */
};

static const char *const empty_list[] = { NULL };

static const char *
type_name(enum config_type t)
{
	switch (t) {
	case CONFIG_STRING:
		return _("a string");
	case CONFIG_INT:
		return _("an integer");
	case CONFIG_BOOL:
		return _("a boolean");
	case CONFIG_LIST:
		return _("a list");
	}
	return "?";
}

static void
value_release(struct cvalue *v)
{
	char **p;

	free(v->str);
	if (v->list != NULL) {
		for (p = v->list; *p != NULL; p++)
			free(*p);
		free(v->list);
	}
	v->str = NULL;
	v->list = NULL;
	v->num = 0;
}

static char *
value_text(enum config_type t, const struct cvalue *v)
{
	struct sb sb = SB_INIT;
	char **p;

	switch (t) {
	case CONFIG_STRING:
		sb_adds(&sb, v->str);
		break;
	case CONFIG_INT:
		sb_addf(&sb, "%lld", v->num);
		break;
	case CONFIG_BOOL:
		sb_adds(&sb, v->num ? "true" : "false");
		break;
	case CONFIG_LIST:
		for (p = v->list; *p != NULL; p++) {
			if (p != v->list)
				sb_adds(&sb, ", ");
			sb_adds(&sb, *p);
		}
		break;
	}
	return sb_detach(&sb);
}

static int
is_wildcard(const struct config_decl *d)
{
	size_t n = strlen(d->key);

	return n >= 2 && strcmp(d->key + n - 2, ".*") == 0;
}

/* The wildcard row that key is a member of ("columns.x" of "columns.*"):
 * the member name is not empty and has no dot. */
static const struct config_decl *
wildcard_of(const char *key)
{
	const char *dot = strrchr(key, '.');
	size_t i, plen;

	if (dot == NULL || dot[1] == '\0')
		return NULL;
	plen = (size_t)(dot - key);
	for (i = 0; i < NDECLS; i++) {
		if (is_wildcard(&decls[i]) &&
		    strlen(decls[i].key) == plen + 2 &&
		    strncmp(decls[i].key, key, plen + 1) == 0)
			return &decls[i];
	}
	return NULL;
}

/* The row that declares key, or its wildcard's. */
static const struct config_decl *
decl_of(const char *key)
{
	size_t i;

	for (i = 0; i < NDECLS; i++)
		if (!is_wildcard(&decls[i]) && strcmp(decls[i].key, key) == 0)
			return &decls[i];
	return wildcard_of(key);
}

/* Whether key is a map that holds declared keys ("grid", "board.duties",
 * "columns"). */
static int
is_section(const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < NDECLS; i++)
		if (strncmp(decls[i].key, key, n) == 0 &&
		    decls[i].key[n] == '.')
			return 1;
	return 0;
}

static long
find(const struct config *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->e[i].key, key) == 0)
			return (long)i;
	return -1;
}

static char **
list_dup(const char *const *src)
{
	size_t n = 0, i;
	char **l;

	while (src != NULL && src[n] != NULL)
		n++;
	l = ecalloc(n + 1, sizeof *l);
	for (i = 0; i < n; i++)
		l[i] = estrdup(src[i]);
	return l;
}

struct config *
config_new(void)
{
	struct config *c = ecalloc(1, sizeof *c);
	const struct config_decl *d;
	struct centry *e;
	size_t i;

	c->cap = NDECLS;
	c->e = ecalloc(c->cap, sizeof *c->e);
	for (i = 0; i < NDECLS; i++) {
		d = &decls[i];
		if (is_wildcard(d))
			continue;
		e = &c->e[c->n++];
		e->decl = d;
		e->key = estrdup(d->key);
		if (d->type == CONFIG_STRING)
			e->v.str = estrdup(d->str);
		else if (d->type == CONFIG_LIST)
			e->v.list = list_dup(d->list);
		else
			e->v.num = d->num;
		e->text = value_text(d->type, &e->v);
		e->origin = estrdup("default");
	}
	return c;
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->e[i].key);
		value_release(&c->e[i].v);
		free(c->e[i].text);
		free(c->e[i].origin);
	}
	free(c->e);
	free(c);
}

/*
 * Levenshtein distance of a and b, or SIZE_MAX when either is too long
 * to bother.  Only run on an error, over the table's few keys.
 */
static size_t
edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[SUGGEST_KEY_MAX + 1], i, j, diag, up, best;

	if (na > SUGGEST_KEY_MAX || nb > SUGGEST_KEY_MAX)
		return SIZE_MAX;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

/*
 * The declared key or section name closest to key, within 2 edits, or
 * NULL.  *len is its length (a section is a prefix of a table key).
 */
static const char *
suggest(const char *key, size_t *len)
{
	const char *best = NULL, *k;
	size_t bestd = 3, d, i, n, nkey = strlen(key);

	for (i = 0; i < NDECLS; i++) {
		k = decls[i].key;
		for (n = 0; ; n++) {
			if (k[n] != '.' && k[n] != '\0')
				continue;
			d = edit_distance(key, nkey, k, n);
			if (d < bestd) {
				best = k;
				bestd = d;
				*len = n;
			}
			if (k[n] == '\0' || strcmp(k + n, ".*") == 0)
				break;
		}
	}
	return best;
}

static yaml_node_t *
node(struct loader *ld, int index)
{
	return yaml_document_get_node(ld->doc, index);
}

/* A plain scalar YAML reads as null: empty, ~ or null. */
static int
is_null(const yaml_node_t *n)
{
	const char *s = (const char *)n->data.scalar.value;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* What a node is, for "wants X, got Y" messages. */
static const char *
describe(const yaml_node_t *n, char *buf, size_t size)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return _("a list");
	if (n->type == YAML_MAPPING_NODE)
		return _("a map");
	if (is_null(n))
		return _("nothing");
	return diag_quote(buf, size, (const char *)n->data.scalar.value);
}

static void
err_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
err_at(struct loader *ld, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	ld->errors++;
	va_start(ap, fmt);
	diag_vat(0, ld->path, n->start_mark.line + 1,
	    n->start_mark.column + 1, fmt, ap);
	va_end(ap);
}

/* A scalar with a NUL in it ("\0" in double quotes) cannot be a C
 * string; say so rather than cut it short. */
static int
has_nul(struct loader *ld, const yaml_node_t *n, const char *key)
{
	if (strlen((const char *)n->data.scalar.value) ==
	    n->data.scalar.length)
		return 0;
	err_at(ld, n, _("\"%s\" has a NUL character in its value"), key);
	return 1;
}

static int
parse_bool(const char *s, long long *out)
{
	const struct vocab_entry *e = vocab_find(VOCAB_FLAG, s);

	if (e == NULL)
		return -1;
	*out = e->value;
	return 0;
}

/* Parses the value node of key into v by the row's type.  Returns 0,
 * or -1 with the error reported. */
static int
parse_value(struct loader *ld, const struct config_decl *d, const char *key,
    yaml_node_t *val, struct cvalue *v)
{
	char buf[DIAG_QUOTE_MAX];
	const char *s, *why;
	yaml_node_item_t *it;
	yaml_node_t *item;
	size_t n = 0;

	if (d->type != CONFIG_LIST && val->type != YAML_SCALAR_NODE)
		goto wrong;
	s = val->type == YAML_SCALAR_NODE ?
	    (const char *)val->data.scalar.value : "";
	switch (d->type) {
	case CONFIG_STRING:
		if (has_nul(ld, val, key))
			return -1;
		v->str = estrdup(is_null(val) ? "" : s);
		return 0;
	case CONFIG_INT:
		/* strtoll would take a '+'; a config value has no need. */
		if (is_null(val) || *s == '+')
			goto wrong;
		if (util_parse_long(s, d->lo, d->hi, &v->num, &why) == 0)
			return 0;
		if (strcmp(why, "not a number") == 0)
			goto wrong;
		err_at(ld, val, _("\"%s\" wants an integer from %lld to %lld, "
		    "got %s"), key, d->lo, d->hi,
		    describe(val, buf, sizeof buf));
		return -1;
	case CONFIG_BOOL:
		if (is_null(val) || parse_bool(s, &v->num) == -1) {
			err_at(ld, val, _("\"%s\" wants a boolean "
			    "(true or false), got %s"), key,
			    describe(val, buf, sizeof buf));
			return -1;
		}
		return 0;
	case CONFIG_LIST:
		break;
	}

	if (val->type == YAML_MAPPING_NODE)
		goto wrong;
	if (val->type == YAML_SCALAR_NODE) {
		if (has_nul(ld, val, key))
			return -1;
		v->list = ecalloc(2, sizeof *v->list);
		if (*s != '\0' && !is_null(val))
			v->list[0] = estrdup(s);
		return 0;
	}
	v->list = ecalloc((size_t)(val->data.sequence.items.top -
	    val->data.sequence.items.start) + 1, sizeof *v->list);
	for (it = val->data.sequence.items.start;
	    it < val->data.sequence.items.top; it++) {
		item = node(ld, *it);
		if (item->type != YAML_SCALAR_NODE) {
			err_at(ld, item, _("\"%s\" wants a list of strings, "
			    "got %s in it"), key,
			    describe(item, buf, sizeof buf));
			goto bad;
		}
		if (is_null(item) || item->data.scalar.length == 0) {
			err_at(ld, item, _("\"%s\" has an empty item"), key);
			goto bad;
		}
		if (has_nul(ld, item, key))
			goto bad;
		v->list[n++] = estrdup((const char *)item->data.scalar.value);
	}
	return 0;

bad:
	value_release(v);
	return -1;
wrong:
	err_at(ld, val, _("\"%s\" wants %s, got %s"), key, type_name(d->type),
	    describe(val, buf, sizeof buf));
	return -1;
}

static void
add_change(struct loader *ld, const struct config_decl *d,
    const yaml_node_t *keynode, struct cvalue *v)
{
	struct change *ch;

	if (ld->nch == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 32;
		ld->ch = ereallocarray(ld->ch, ld->cap, sizeof *ld->ch);
	}
	ch = &ld->ch[ld->nch++];
	ch->key = estrdup(ld->key.buf);
	ch->decl = d;
	ch->v = *v;
	ch->line = keynode->start_mark.line + 1;
	ch->col = keynode->start_mark.column + 1;
}

/* A key of a mapping, with its place in the mapping for a stable sort. */
struct mkey {
	const char *s;		/* the key text */
	size_t i;		/* index of the pair */
};

static int
mkey_cmp(const void *a, const void *b)
{
	const struct mkey *x = a, *y = b;
	int r = strcmp(x->s, y->s);

	if (r != 0)
		return r;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * first[i] is set to the index of the first pair of the mapping with
 * the same key as pair i (i itself when it is the first).  Sorting
 * keeps a big mapping from costing n squared comparisons.
 */
static void
find_duplicates(struct loader *ld, yaml_node_t *map, size_t *first)
{
	yaml_node_pair_t *p = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - p), i, m = 0;
	struct mkey *k;
	yaml_node_t *kn;

	k = ecalloc(n, sizeof *k);
	for (i = 0; i < n; i++) {
		first[i] = i;
		kn = node(ld, p[i].key);
		if (kn->type == YAML_SCALAR_NODE) {
			k[m].s = (const char *)kn->data.scalar.value;
			k[m].i = i;
			m++;
		}
	}
	qsort(k, m, sizeof *k, mkey_cmp);
	for (i = 1; i < m; i++)
		if (strcmp(k[i].s, k[i - 1].s) == 0)
			first[k[i].i] = first[k[i - 1].i];
	free(k);
}

static void walk_map(struct loader *ld, yaml_node_t *map);

static void
walk_pair(struct loader *ld, yaml_node_t *kn, yaml_node_t *val)
{
	char buf[DIAG_QUOTE_MAX];
	const struct config_decl *d;
	struct cvalue v = { NULL, 0, NULL };
	const char *near;
	size_t nlen = 0;

	d = decl_of(ld->key.buf);
	if (d != NULL) {
		if (parse_value(ld, d, ld->key.buf, val, &v) == 0)
			add_change(ld, d, kn, &v);
		return;
	}
	if (is_section(ld->key.buf)) {
		if (val->type == YAML_MAPPING_NODE)
			walk_map(ld, val);
		else if (!is_null(val))
			err_at(ld, val, _("\"%s\" wants a map of keys, got %s"),
			    ld->key.buf, describe(val, buf, sizeof buf));
		return;
	}
	diag_quote(buf, sizeof buf, ld->key.buf);
	near = suggest(ld->key.buf, &nlen);
	if (near != NULL)
		err_at(ld, kn, _("unknown key %s (did you mean \"%.*s\"?)"),
		    buf,
		    (int)nlen, near);
	else
		err_at(ld, kn, _("unknown key %s"), buf);
}

static void
walk_map(struct loader *ld, yaml_node_t *map)
{
	char buf[DIAG_QUOTE_MAX];
	yaml_node_pair_t *p = map->data.mapping.pairs.start;
	size_t n = (size_t)(map->data.mapping.pairs.top - p), i;
	size_t plen = ld->key.len, *first;
	yaml_node_t *kn, *fk;

	first = ecalloc(n ? n : 1, sizeof *first);
	find_duplicates(ld, map, first);
	for (i = 0; i < n; i++) {
		kn = node(ld, p[i].key);
		sb_setlen(&ld->key, plen);
		if (kn->type != YAML_SCALAR_NODE) {
			err_at(ld, kn, _("a key must be a string, got %s"),
			    describe(kn, buf, sizeof buf));
			continue;
		}
		if (strlen((const char *)kn->data.scalar.value) !=
		    kn->data.scalar.length) {
			err_at(ld, kn, _("a key must not hold a NUL character"))
			    ;
			continue;
		}
		if (plen > 0)
			sb_addc(&ld->key, '.');
		sb_addn(&ld->key, (const char *)kn->data.scalar.value,
		    kn->data.scalar.length);
		if (first[i] != i) {
			fk = node(ld, p[first[i]].key);
			err_at(ld, kn, _("duplicate key %s (first at line "
			    "%lu)"),
			    diag_quote(buf, sizeof buf, ld->key.buf),
			    (unsigned long)fk->start_mark.line + 1);
			continue;
		}
		walk_pair(ld, kn, node(ld, p[i].value));
	}
	sb_setlen(&ld->key, plen);
	free(first);
}

/* An index into the changes, sorted by key then by place in the file. */
static int
change_cmp_ctx(const void *a, const void *b, void *ctx)
{
	const struct change *ch = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int r = strcmp(ch[x].key, ch[y].key);

	if (r != 0)
		return r;
	return x < y ? -1 : x > y;
}

/*
 * One file setting a key twice in two spellings ("grid:" with
 * "urban_households_min:" under it, and "grid.urban_households_min:")
 * is a duplicate the mapping check cannot see.
 */
static void
check_set_twice(struct loader *ld)
{
	char buf[DIAG_QUOTE_MAX];
	size_t *ix, i, first;
	struct change *ch;

	if (ld->nch < 2)
		return;
	ix = ecalloc(ld->nch, sizeof *ix);
	for (i = 0; i < ld->nch; i++)
		ix[i] = i;
	qsort_r(ix, ld->nch, sizeof *ix, change_cmp_ctx, ld->ch);
	for (first = 0, i = 1; i < ld->nch; i++) {
		if (strcmp(ld->ch[ix[i]].key, ld->ch[ix[first]].key) != 0) {
			first = i;
			continue;
		}
		ch = &ld->ch[ix[i]];
		ld->errors++;
		diag_at(ld->path, ch->line, ch->col,
		    _("duplicate key %s (first at line %lu)"),
		    diag_quote(buf, sizeof buf, ch->key),
		    ld->ch[ix[first]].line);
	}
	free(ix);
}

/* Adds an entry for a wildcard member the table does not name, after
 * the last entry of its map.  Returns its index. */
static size_t
add_member(struct config *c, const struct change *ch)
{
	size_t plen = strlen(ch->decl->key) - 1, at = c->n, i;
	struct centry *e;

	for (i = 0; i < c->n; i++)
		if (strncmp(c->e[i].key, ch->decl->key, plen) == 0)
			at = i + 1;
	if (c->n == c->cap) {
		c->cap = c->cap * 2 + 8;
		c->e = ereallocarray(c->e, c->cap, sizeof *c->e);
	}
	memmove(&c->e[at + 1], &c->e[at], (c->n - at) * sizeof *c->e);
	c->n++;
	e = &c->e[at];
	memset(e, 0, sizeof *e);
	e->decl = ch->decl;
	e->key = estrdup(ch->key);
	return at;
}

/* Moves every change of a good file into c. */
static void
commit(struct config *c, struct loader *ld)
{
	struct sb origin = SB_INIT;
	struct change *ch;
	struct centry *e;
	long found;
	size_t k, i;

	for (k = 0; k < ld->nch; k++) {
		ch = &ld->ch[k];
		found = find(c, ch->key);
		/* add_member may move c->e: index it only afterwards. */
		i = found >= 0 ? (size_t)found : add_member(c, ch);
		e = &c->e[i];
		value_release(&e->v);
		e->v = ch->v;
		memset(&ch->v, 0, sizeof ch->v);
		free(e->text);
		e->text = value_text(e->decl->type, &e->v);
		sb_reset(&origin);
		sb_addf(&origin, "%s:%lu", ld->path, ch->line);
		free(e->origin);
		e->origin = estrdup(origin.buf);
	}
	sb_release(&origin);
}

/* Line and column (1-based, in characters) of a byte offset of text. */
static void
offset_mark(const char *text, size_t len, size_t off, unsigned long *line,
    unsigned long *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

static void
syntax_error(struct loader *ld, const yaml_parser_t *p, const struct sb *text)
{
	unsigned long line, col;

	ld->errors++;
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		diag_error(_("%s: out of memory reading yaml"), ld->path);
		return;
	case YAML_READER_ERROR:
		offset_mark(text->buf, text->len, p->problem_offset, &line,
		    &col);
		diag_at(ld->path, line, col, _("%s (the file must be UTF-8)"),
		    p->problem ? p->problem : "unreadable text");
		return;
	default:
		break;
	}
	if (p->context != NULL)
		diag_at(ld->path, p->problem_mark.line + 1,
		    p->problem_mark.column + 1, _("%s, %s at line %lu:%lu"),
		    p->problem ? p->problem : "syntax error", p->context,
		    (unsigned long)p->context_mark.line + 1,
		    (unsigned long)p->context_mark.column + 1);
	else
		diag_at(ld->path, p->problem_mark.line + 1,
		    p->problem_mark.column + 1, "%s",
		    p->problem ? p->problem : "syntax error");
}

/*
 * Reads the whole of path into out.  A missing file when !must_exist
 * sets *missing and is no error.  Returns GK_OK or GK_CONFIG.
 */
/*
 * libyaml's scanner costs time in the square of the nesting of flow
 * collections ("[[[[...]]]]": 100 KB takes seconds); a configuration
 * nests a few levels.  Refuse deeper flow nesting before the parser
 * sees it, at the bracket that goes too deep.  Quoted scalars and
 * comments are passed over; a bracket inside a plain scalar counts, so
 * the limit is generous.
 */
#define FLOW_DEPTH_MAX 32

static int
flow_depth_ok(const char *path, const struct sb *text)
{
	unsigned long line = 1, col = 0;
	const char *p, *end = text->buf + text->len;
	char quote = 0;
	int depth = 0, comment = 0, prev_blank = 1;

	for (p = text->buf; p < end; p++) {
		col++;
		if (*p == '\n') {
			line++;
			col = 0;
			comment = 0;
			prev_blank = 1;
			continue;
		}
		if (comment)
			continue;
		if (quote != 0) {
			if (*p == '\\' && quote == '"' && p + 1 < end &&
			    p[1] != '\n') {
				p++;
				col++;
			} else if (*p == quote) {
				quote = 0;
			}
			continue;
		}
		if (*p == '#' && prev_blank) {
			comment = 1;
			continue;
		}
		prev_blank = *p == ' ' || *p == '\t';
		if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == '[' || *p == '{') {
			if (++depth > FLOW_DEPTH_MAX) {
				diag_at(path, line, col, _("nested more than "
				    "%d deep; a configuration needs a few "
				    "levels"),
				    FLOW_DEPTH_MAX);
				return 0;
			}
		} else if ((*p == ']' || *p == '}') && depth > 0)
			depth--;
	}
	return 1;
}

static int
read_file(const char *path, int must_exist, struct sb *out, int *missing)
{
	char q[DIAG_QUOTE_MAX];
	struct stat st;
	ssize_t r;
	int fd, status = GK_CONFIG;

	*missing = 0;
	diag_quote(q, sizeof q, path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		if ((errno == ENOENT || errno == ENOTDIR) && !must_exist) {
			*missing = 1;
			return GK_OK;
		}
		/* A directory on the way we may not search ($HOME of
		 * another user, a 0700 home under sudo): nobody can tell
		 * whether the file is there, and an optional file that
		 * cannot be seen is not there for us.  A file we can see
		 * but not read is an error. */
		if (errno == EACCES && !must_exist && stat(path, &st) == -1 &&
		    errno == EACCES) {
			diag_info(_("%s: not read (a directory on its path "
			    "cannot be searched)"), q);
			*missing = 1;
			return GK_OK;
		}
		diag_error(_("cannot open %s: %s"), q, strerror(errno));
		return GK_CONFIG;
	}
	if (fstat(fd, &st) == -1) {
		diag_error(_("cannot read %s: %s"), q, strerror(errno));
		goto cleanup;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_error(_("cannot read %s: %s"), q, strerror(EISDIR));
		goto cleanup;
	}
	for (;;) {
		sb_grow(out, 8192);
		r = read(fd, out->buf + out->len, out->cap - out->len - 1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_error(_("cannot read %s: %s"), q, strerror(errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		sb_setlen(out, out->len + (size_t)r);
		if (out->len > CONFIG_FILE_MAX) {
			diag_error(_("%s is too big for a configuration file"),
			    q);
			goto cleanup;
		}
	}
	status = GK_OK;
cleanup:
	close(fd);
	return status;
}

int
config_load_file(struct config *c, const char *path, int must_exist)
{
	struct sb text = SB_INIT;
	struct loader ld;
	yaml_parser_t parser;
	yaml_document_t doc, next;
	yaml_node_t *root, *second;
	char buf[DIAG_QUOTE_MAX];
	int missing, status, have_parser = 0, have_doc = 0;
	size_t i;

	memset(&ld, 0, sizeof ld);
	ld.path = path;
	sb_init(&ld.key);
	status = read_file(path, must_exist, &text, &missing);
	if (status != GK_OK || missing)
		goto cleanup;
	status = GK_CONFIG;
	if (!flow_depth_ok(path, &text))
		goto cleanup;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(_("%s: out of memory reading yaml"), path);
		goto cleanup;
	}
	have_parser = 1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text.buf,
	    text.len);
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_error(&ld, &parser, &text);
		goto cleanup;
	}
	have_doc = 1;
	ld.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL)
		goto done;
	if (!yaml_parser_load(&parser, &next)) {
		syntax_error(&ld, &parser, &text);
		goto cleanup;
	}
	second = yaml_document_get_root_node(&next);
	if (second != NULL)
		err_at(&ld, second, _("a second yaml document: a configuration "
		    "file holds one"));
	yaml_document_delete(&next);
	if (root->type == YAML_MAPPING_NODE)
		walk_map(&ld, root);
	else if (!is_null(root))
		err_at(&ld, root, _("the top level must be a map of keys, got "
		    "%s"),
		    describe(root, buf, sizeof buf));
done:
	check_set_twice(&ld);
	if (ld.errors == 0) {
		commit(c, &ld);
		status = GK_OK;
	}
cleanup:
	for (i = 0; i < ld.nch; i++) {
		free(ld.ch[i].key);
		value_release(&ld.ch[i].v);
	}
	free(ld.ch);
	sb_release(&ld.key);
	if (have_doc)
		yaml_document_delete(&doc);
	if (have_parser)
		yaml_parser_delete(&parser);
	sb_release(&text);
	return status;
}

int
config_load(struct config **out, const char *extra)
{
	struct config *c = config_new();
	struct sb user = SB_INIT;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int status;

	*out = NULL;
	status = config_load_file(c, GRIDKIT_SYSCONFDIR "/gridkit/gridkit.yaml",
	    0);
	/* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
	if (xdg != NULL && xdg[0] == '/')
		sb_addf(&user, "%s/gridkit/gridkit.yaml", xdg);
	else if (home != NULL && home[0] != '\0')
		sb_addf(&user, "%s/.config/gridkit/gridkit.yaml", home);
	if (user.len > 0)
		status = gk_worst(status, config_load_file(c, user.buf, 0));
	if (extra != NULL)
		status = gk_worst(status, config_load_file(c, extra, 1));
	sb_release(&user);
	if (status != GK_OK) {
		config_free(c);
		return status;
	}
	*out = c;
	return GK_OK;
}

/*
 * The value of key, checked against the type the caller wants; NULL for
 * a wildcard member nobody set (the caller uses the wildcard's default).
 * A key nobody declared, or the wrong type, is a bug in the caller.
 */
static const struct cvalue *
lookup(const struct config *c, const char *key, enum config_type t,
    const struct config_decl **decl)
{
	char q[DIAG_QUOTE_MAX];
	long i = find(c, key);

	*decl = i >= 0 ? c->e[i].decl : wildcard_of(key);
	if (*decl == NULL) {
		diag_error(_("config: key %s is not declared"),
		    diag_quote(q, sizeof q, key));
		abort();
	}
	if ((*decl)->type != t) {
		diag_error(_("config: key %s is %s, not %s"),
		    diag_quote(q, sizeof q, key), type_name((*decl)->type),
		    type_name(t));
		abort();
	}
	return i >= 0 ? &c->e[i].v : NULL;
}

const char *
config_str(const struct config *c, const char *key)
{
	const struct config_decl *d;
	const struct cvalue *v = lookup(c, key, CONFIG_STRING, &d);

	if (v != NULL)
		return v->str;
	return d->str != NULL ? d->str : "";
}

long long
config_int(const struct config *c, const char *key)
{
	const struct config_decl *d;
	const struct cvalue *v = lookup(c, key, CONFIG_INT, &d);

	return v != NULL ? v->num : d->num;
}

int
config_bool(const struct config *c, const char *key)
{
	const struct config_decl *d;
	const struct cvalue *v = lookup(c, key, CONFIG_BOOL, &d);

	return (v != NULL ? v->num : d->num) != 0;
}

const char *const *
config_list(const struct config *c, const char *key)
{
	const struct config_decl *d;
	const struct cvalue *v = lookup(c, key, CONFIG_LIST, &d);

	if (v != NULL)
		return (const char *const *)v->list;
	return d->list != NULL ? d->list : empty_list;
}

const char *const *
config_aliases(const struct config *c, const char *field)
{
	struct sb key = SB_INIT;
	const char *const *l;

	sb_addf(&key, "columns.%s", field);
	l = config_list(c, key.buf);
	sb_release(&key);
	return l;
}

const char *
config_origin(const struct config *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->e[i].key, key) == 0)
			return c->e[i].origin;
	return "default";
}

int
config_entry(const struct config *c, size_t i, const char **key,
    const char **value, const char **origin, const char **article)
{
	const struct centry *e;

	if (i >= c->n)
		return -1;
	e = &c->e[i];
	*key = e->key;
	*value = e->text;
	*origin = e->origin;
	*article = e->decl->article != NULL ? e->decl->article : "";
	return 0;
}
