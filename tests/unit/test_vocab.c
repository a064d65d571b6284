/*
 * test_vocab.c - every word list: canonical, Chinese and other names,
 * the one fold, the generated message for a miss, and the names the
 * configuration adds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "staff.h"
#include "status.h"
#include "util.h"
#include "vocab.h"

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static char *
read_all(const char *path)
{
	struct sb sb = SB_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_detach(&sb);
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("wanted \"%s\" in:\n%s", needle, hay);
}

/* The canonical name s means in v, or NULL. */
static const char *
canon(enum vocab_id v, const char *s)
{
	const struct vocab_entry *e = vocab_find(v, s);

	return e != NULL ? e->name : NULL;
}

/* The value of the entry s means in v; fails when none. */
static int
value(enum vocab_id v, const char *s)
{
	const struct vocab_entry *e = vocab_find(v, s);

	if (e == NULL)
		fail_msg("\"%s\" is not in %s", s, vocab_name(v));
	return e->value;
}

static void
assert_explains(enum vocab_id v, const char *s, const char *want)
{
	char buf[VOCAB_EXPLAIN_MAX];

	assert_null(vocab_find(v, s));
	assert_string_equal(vocab_explain(v, s, buf, sizeof buf), want);
}

/*
 * Loads text as path into a fresh configuration and hands it to
 * vocab_load_config; returns its status (or the loader's, when the file
 * itself is refused), and in *err what was said on standard error.
 */
static int
load_vocab(const char *path, const char *text, char **err)
{
	struct config *c = config_new();
	int saved, fd, rc;

	write_file(path, text);
	fflush(stderr);
	saved = dup(2);
	fd = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
	rc = config_load_file(c, path, 1);
	if (rc == GK_OK)
		rc = vocab_load_config(c);
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	*err = read_all("stderr.txt");
	config_free(c);
	return rc;
}

static void
test_vocab__every_name_means_its_own_entry(void **state)
{
	const struct vocab_entry *e;
	char buf[VOCAB_EXPLAIN_MAX], want[256];
	size_t v, i, j;
	const char *p;

	for (v = 0; v < VOCAB_COUNT; v++) {
		assert_true(vocab_count(v) > 0);
		assert_null(vocab_entry(v, vocab_count(v)));
		/* A value as long as any quoted one still leaves room. */
		vocab_explain(v, "一二三四五六七八九十一二三四五六七八九十"
		    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		    "一二三四五六七八九十一二三", buf, sizeof buf);
		assert_true(strlen(buf) < sizeof buf - 1);
		assert_int_equal(buf[strlen(buf) - 1], ')');
		for (i = 0; (e = vocab_entry(v, i)) != NULL; i++) {
			/* Canonical names are ASCII, without blanks. */
			for (p = e->name; *p != '\0'; p++)
				assert_true(*p > ' ' && *p < 0x7f);
			assert_ptr_equal(vocab_find(v, e->name), e);
			assert_ptr_equal(vocab_find(v, e->zh), e);
			for (j = 0; j < VOCAB_ALIAS_MAX && e->alias[j]; j++)
				if (vocab_find(v, e->alias[j]) != e)
					fail_msg("%s: \"%s\" does not mean %s",
					    vocab_name(v), e->alias[j],
					    e->name);
			/* The message names every entry. */
			snprintf(want, sizeof want, "%s %s", e->name, e->zh);
			assert_contains(buf, want);
		}
	}
}

static void
test_vocab__office_words(void **state)
{
	assert_string_equal(canon(VOCAB_ROLE, "网格助理员"), "assistant");
	assert_string_equal(canon(VOCAB_EDUCATION, "大学专科"),
	    "junior_college");
	assert_string_equal(canon(VOCAB_EDUCATION, "全日制本科"), "bachelor");
	assert_string_equal(canon(VOCAB_UNIT_KIND, "小区"), "building");
	/* 政治面貌 read as party member or not; a certificate held. */
	assert_int_equal(value(VOCAB_FLAG, "中共党员"), 1);
	assert_int_equal(value(VOCAB_FLAG, "中共预备党员"), 1);
	assert_int_equal(value(VOCAB_FLAG, "群众"), 0);
	assert_int_equal(value(VOCAB_FLAG, "共青团员"), 0);
	assert_int_equal(value(VOCAB_FLAG, "持证"), 1);
	assert_int_equal(value(VOCAB_FLAG, "未持证"), 0);
}

static void
test_vocab__roles(void **state)
{
	size_t i;

	assert_string_equal(canon(VOCAB_ROLE, "leader"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "网格长"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "专职"), "full_time");
	assert_string_equal(canon(VOCAB_ROLE, "part-time"), "part_time");
	assert_string_equal(vocab_zh(VOCAB_ROLE, "assistant"), "网格助理");
	assert_string_equal(vocab_zh(VOCAB_ROLE, "助理"), "网格助理");
	assert_string_equal(vocab_zh(VOCAB_ROLE, "boss"), "boss");
	assert_int_equal(value(VOCAB_ROLE, "兼职网格员"), 2);
	/* A role's value is its place: staff.c keeps per-role policy so. */
	for (i = 0; i < vocab_count(VOCAB_ROLE); i++)
		assert_int_equal(vocab_entry(VOCAB_ROLE, i)->value, (int)i);
	assert_explains(VOCAB_ROLE, "网格员", "\"网格员\": not a role (leader "
	    "网格长, full_time 专职网格员, part_time 兼职网格员, assistant 网格助理)");
	/* The public wrappers agree. */
	assert_string_equal(staff_role_parse("Full_Time"), "full_time");
	assert_null(staff_role_parse("网格员"));
	assert_string_equal(staff_role_zh("leader"), "网格长");
}

static void
test_vocab__one_fold_for_case_width_and_blanks(void **state)
{
	char big[600];

	assert_string_equal(canon(VOCAB_ROLE, "LEADER"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "ＬＥＡＤＥＲ"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "Ｆｕｌｌ－Ｔｉｍｅ"),
	    "full_time");
	assert_string_equal(canon(VOCAB_ROLE, " leader\t"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "\u3000网格长\u00a0"), "leader");
	assert_string_equal(canon(VOCAB_ROLE, "\ufeff网格长"), "leader");
	/* The table's full-width brackets match half-width ones. */
	assert_string_equal(canon(VOCAB_SOURCE, "村(社区)两委"),
	    "two_committees");
	assert_string_equal(canon(VOCAB_SOURCE, "村（社区）两委"),
	    "two_committees");
	/* Roman numerals fold to letters. */
	assert_string_equal(canon(VOCAB_SEVERITY, "Ⅳ级"), "general");
	assert_string_equal(canon(VOCAB_SEVERITY, "iv级"), "general");
	assert_null(vocab_find(VOCAB_ROLE, NULL));
	assert_null(vocab_find(VOCAB_ROLE, ""));
	assert_null(vocab_find(VOCAB_ROLE, "   "));
	assert_null(vocab_find(VOCAB_ROLE, "lead\xff"));
	assert_null(vocab_find(VOCAB_ROLE, "lea der"));
	memset(big, ' ', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big + 200, "leader", 6);
	assert_null(vocab_find(VOCAB_ROLE, big));
}

static void
test_vocab__stages_in_the_order_of_art_11(void **state)
{
	static const int order[] = { STAGE_ANNOUNCEMENT, STAGE_REGISTRATION,
	    STAGE_QUALIFICATION, STAGE_EXAM, STAGE_PHYSICAL,
	    STAGE_POLITICAL, STAGE_PUBLICITY, STAGE_TRAINING, STAGE_HIRED };
	size_t i;

	assert_int_equal(vocab_count(VOCAB_STAGE), STAGE_COUNT);
	for (i = 0; i < STAGE_COUNT; i++)
		assert_int_equal(vocab_entry(VOCAB_STAGE, i)->value, order[i]);
	assert_int_equal(value(VOCAB_STAGE, "资格审查"), STAGE_QUALIFICATION);
	assert_int_equal(value(VOCAB_STAGE, "Publicity"), STAGE_PUBLICITY);
	assert_int_equal(value(VOCAB_STAGE, "录用"), STAGE_HIRED);
	assert_string_equal(staff_stage_name(STAGE_PHYSICAL), "physical");
	assert_string_equal(staff_stage_zh(STAGE_ANNOUNCEMENT), "发布公告");
	assert_string_equal(staff_stage_name(STAGE_COUNT), "?");
	assert_int_equal(staff_stage_parse("面试"), STAGE_EXAM);
	assert_int_equal(staff_stage_parse("interview"), -1);
	assert_explains(VOCAB_STAGE, "interview", "\"interview\": not a stage "
	    "(announcement 发布公告, registration 报名, qualification 资格审查, "
	    "exam 笔试面试, physical 体检, political 政审, publicity 公示, "
	    "training 岗前培训, hired 聘用)");
}

static void
test_vocab__education_ranked(void **state)
{
	assert_int_equal(value(VOCAB_EDUCATION, "primary"), 1);
	assert_int_equal(value(VOCAB_EDUCATION, "中专"),
	    value(VOCAB_EDUCATION, "高中"));
	assert_int_equal(value(VOCAB_EDUCATION, "大专"), 4);
	assert_int_equal(value(VOCAB_EDUCATION, "Doctor"), 7);
	assert_int_equal(staff_education_parse("本科"), 5);
	assert_int_equal(staff_education_parse("幼儿园"), 0);
	assert_string_equal(staff_education_name(6), "master");
	assert_string_equal(staff_education_name(8), "?");
	assert_explains(VOCAB_EDUCATION, "高级中学", "\"高级中学\": not an "
	    "education level (primary 小学, junior_high 初中, senior_high 高中, "
	    "junior_college 大专, bachelor 本科, master 硕士, doctorate 博士)");
}

static void
test_vocab__unit_and_grid_kinds(void **state)
{
	assert_string_equal(canon(VOCAB_UNIT_KIND, "楼宇"), "building");
	assert_int_equal(value(VOCAB_UNIT_KIND, "building"), 0);
	assert_int_equal(value(VOCAB_UNIT_KIND, "机井"), 1);
	assert_int_equal(value(VOCAB_UNIT_KIND, "沟壑"), 1);
	assert_int_equal(value(VOCAB_UNIT_KIND, "自然村"), 0);
	assert_explains(VOCAB_UNIT_KIND, "castle", "\"castle\": not a kind of "
	    "unit (building 楼栋, street 街巷, villager_group 村民小组, "
	    "natural_village 自然村, forest_road 林道, field 农田, road 道路, "
	    "well 水井, mine 矿产, river 河流, ravine 沟壑)");
	assert_string_equal(canon(VOCAB_GRID_KIND, "城镇"), "urban");
	assert_string_equal(canon(VOCAB_GRID_KIND, "村"), "rural");
	assert_string_equal(canon(VOCAB_GRID_KIND, "Rural"), "rural");
	assert_int_equal(value(VOCAB_GRID_KIND, "urban"), 1);
	/* The names offices write on their sheets (issue 8). */
	assert_string_equal(canon(VOCAB_GRID_KIND, "城市网格"), "urban");
	assert_string_equal(canon(VOCAB_GRID_KIND, "农村网格"), "rural");
	assert_string_equal(canon(VOCAB_GRID_KIND, "专属网格"), "dedicated");
	assert_string_equal(canon(VOCAB_GRID_KIND, "专属"), "dedicated");
	assert_int_equal(value(VOCAB_GRID_KIND, "dedicated"), 2);
	assert_explains(VOCAB_GRID_KIND, "suburb", "\"suburb\": not a kind of "
	    "grid (urban 城市, rural 农村, dedicated 专属)");
}

static void
test_vocab__leave_reasons_and_training_levels(void **state)
{
	assert_string_equal(canon(VOCAB_LEAVE_REASON, "离职"), "resign");
	assert_string_equal(canon(VOCAB_LEAVE_REASON, "解聘"), "dismiss");
	assert_string_equal(canon(VOCAB_LEAVE_REASON, "病故"), "death");
	assert_string_equal(canon(VOCAB_LEAVE_REASON, "Retire"), "retire");
	assert_explains(VOCAB_LEAVE_REASON, "fired", "\"fired\": not a reason "
	    "for leaving (resign 辞职, dismiss 辞退, transfer 调动, retire 退休, "
	    "death 死亡, other 其他)");
	assert_string_equal(canon(VOCAB_TRAIN_LEVEL, "街道"), "township");
	assert_string_equal(canon(VOCAB_TRAIN_LEVEL, "省"), "province");
	assert_int_equal(value(VOCAB_TRAIN_LEVEL, "区县"), 3);
	assert_explains(VOCAB_TRAIN_LEVEL, "national", "\"national\": not a "
	    "training level (province 省级, city 市级, county 县级, township "
	    "乡镇级)");
}

static void
test_vocab__yes_and_no(void **state)
{
	static const char *const yes[] = { "是", "yes", "Y", "true", "1",
	    "有", "√", "on", "ＹＥＳ" };
	static const char *const no[] = { "否", "No", "n", "FALSE", "0", "无",
	    "×", "x", "off" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		assert_int_equal(value(VOCAB_FLAG, yes[i]), 1);
		assert_int_equal(staff_flag_parse(yes[i]), 1);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		assert_int_equal(value(VOCAB_FLAG, no[i]), 0);
		assert_int_equal(staff_flag_parse(no[i]), 0);
	}
	/* An empty cell is no to a form, and nothing to the vocabulary. */
	assert_int_equal(staff_flag_parse(""), 0);
	assert_int_equal(staff_flag_parse(NULL), 0);
	assert_int_equal(staff_flag_parse("maybe"), -1);
	assert_explains(VOCAB_FLAG, "maybe", "\"maybe\": not yes or no (yes 是, "
	    "no 否)");
}

static void
test_vocab__nationality_and_source(void **state)
{
	assert_string_equal(canon(VOCAB_NATIONALITY, "中华人民共和国"), "CN");
	assert_string_equal(canon(VOCAB_NATIONALITY, "china"), "CN");
	assert_string_equal(canon(VOCAB_NATIONALITY, "cn"), "CN");
	assert_explains(VOCAB_NATIONALITY, "JP", "\"JP\": not a nationality "
	    "(CN 中国)");
	assert_string_equal(canon(VOCAB_SOURCE, "社会招聘"), "open");
	assert_string_equal(canon(VOCAB_SOURCE, "乡村振兴万人计划"),
	    "graduate_plan");
	assert_explains(VOCAB_SOURCE, "friend", "\"friend\": not a source "
	    "(open 公开招聘, two_committees 村两委, graduate_plan 万人计划, "
	    "other 其他)");
}

static void
test_vocab__case_steps_severities_levels_lights_cards(void **state)
{
	assert_int_equal(vocab_count(VOCAB_CASE_STEP), 6);
	assert_int_equal(value(VOCAB_CASE_STEP, "问题上报"), 1);
	assert_int_equal(value(VOCAB_CASE_STEP, "filed"), 2);
	assert_int_equal(value(VOCAB_CASE_STEP, "assign"), 3);
	assert_int_equal(value(VOCAB_CASE_STEP, "调查落实"), 4);
	assert_int_equal(value(VOCAB_CASE_STEP, "反馈"), 5);
	assert_int_equal(value(VOCAB_CASE_STEP, "结案归档"), 6);
	assert_explains(VOCAB_CASE_STEP, "done", "\"done\": not a step "
	    "(reported 问题上报, filed 案卷建立, assigned 任务指派, "
	    "investigated 调查落实, feedback 处理反馈, closed 结案归档)");
	assert_int_equal(value(VOCAB_SEVERITY, "一般"), 1);
	assert_int_equal(value(VOCAB_SEVERITY, "较大"), 2);
	assert_int_equal(value(VOCAB_SEVERITY, "Serious"), 3);
	assert_int_equal(value(VOCAB_SEVERITY, "特别重大"), 4);
	assert_int_equal(value(VOCAB_SEVERITY, "Ⅰ级"), 4);
	assert_explains(VOCAB_SEVERITY, "minor", "\"minor\": not a severity "
	    "(general 一般, major 较大, serious 重大, extraordinary 特别重大)");
	assert_int_equal(value(VOCAB_HANDLING_LEVEL, "村(社区)"), 1);
	assert_int_equal(value(VOCAB_HANDLING_LEVEL, "乡镇"), 2);
	assert_int_equal(value(VOCAB_HANDLING_LEVEL, "county"), 3);
	assert_int_equal(value(VOCAB_HANDLING_LEVEL, "部门"), 4);
	assert_string_equal(canon(VOCAB_LIGHT, "黄灯"), "yellow");
	assert_int_equal(value(VOCAB_LIGHT, "red"), 3);
	assert_int_equal(value(VOCAB_LIGHT, "绿"), 1);
	assert_string_equal(canon(VOCAB_CARD, "红牌督办"), "red");
	assert_null(vocab_find(VOCAB_CARD, "green"));
	assert_explains(VOCAB_CARD, "green", "\"green\": not a card colour "
	    "(yellow 黄牌, red 红牌)");
}

static void
test_vocab__explain_quotes_and_cuts(void **state)
{
	char buf[VOCAB_EXPLAIN_MAX], small[16];

	assert_string_equal(vocab_explain(VOCAB_LIGHT, "a\tb", buf,
	    sizeof buf), "\"a\\tb\": not a light (green 绿灯, yellow 黄灯, "
	    "red 红灯)");
	assert_string_equal(vocab_explain(VOCAB_LIGHT, NULL, buf, sizeof buf),
	    "\"\": not a light (green 绿灯, yellow 黄灯, red 红灯)");
	assert_ptr_equal(vocab_explain(VOCAB_LIGHT, "blue", small,
	    sizeof small), small);
	assert_string_equal(small, "\"blue\": not a l");
}

static void
test_vocab__config_adds_names(void **state)
{
	char *err;

	assert_null(vocab_find(VOCAB_ROLE, "全职网格员"));
	assert_int_equal(load_vocab("v.yaml",
	    "vocab:\n"
	    "  role:\n"
	    "    full_time: [专职, 全职网格员]\n"
	    "    Leader: 组长\n"
	    "  severity:\n"
	    "    general: [Ⅳ级, 轻微]\n", &err), GK_OK);
	assert_string_equal(err, "");
	free(err);
	/* 专职 and Ⅳ级 it had; the new names fold like any other. */
	assert_string_equal(canon(VOCAB_ROLE, "全职网格员"), "full_time");
	assert_string_equal(canon(VOCAB_ROLE, " 全职网格员 "), "full_time");
	assert_string_equal(canon(VOCAB_ROLE, "组长"), "leader");
	assert_string_equal(canon(VOCAB_SEVERITY, "轻微"), "general");
	/* Where they live they count: the wrappers, the config's words. */
	assert_string_equal(staff_role_parse("全职网格员"), "full_time");
	assert_string_equal(vocab_zh(VOCAB_ROLE, "组长"), "网格长");
	/* Another file replaces them; a reset drops them. */
	assert_int_equal(load_vocab("w.yaml",
	    "vocab.role.assistant: [协理员]\n", &err), GK_OK);
	free(err);
	assert_null(vocab_find(VOCAB_ROLE, "全职网格员"));
	assert_string_equal(canon(VOCAB_ROLE, "协理员"), "assistant");
	vocab_reset();
	assert_null(vocab_find(VOCAB_ROLE, "协理员"));
	assert_string_equal(canon(VOCAB_ROLE, "leader"), "leader");
}

static void
test_vocab__every_vocabulary_takes_config_names(void **state)
{
	struct sb yaml = SB_INIT;
	char name[64], *err;
	size_t v;

	for (v = 0; v < VOCAB_COUNT; v++)
		sb_addf(&yaml, "vocab.%s.%s: [zz-%s]\n", vocab_name(v),
		    vocab_entry(v, vocab_count(v) - 1)->name, vocab_name(v));
	assert_int_equal(load_vocab("all.yaml", yaml.buf, &err), GK_OK);
	assert_string_equal(err, "");
	free(err);
	for (v = 0; v < VOCAB_COUNT; v++) {
		snprintf(name, sizeof name, "ZZ-%s", vocab_name(v));
		assert_ptr_equal(vocab_find(v, name),
		    vocab_entry(v, vocab_count(v) - 1));
	}
	vocab_reset();
	sb_release(&yaml);
}

static void
test_vocab__config_clashes_and_unknowns_refused(void **state)
{
	char *err;

	/* A name that means another entry: refused, with its place, and
	 * nothing of the file is taken. */
	assert_int_equal(load_vocab("clash.yaml",
	    "vocab:\n"
	    "  role:\n"
	    "    assistant: [协理员]\n"
	    "    part_time: [ＬＥＡＤＥＲ]\n", &err), GK_CONFIG);
	assert_contains(err, "clash.yaml:4: vocab.role.part_time: "
	    "\"ＬＥＡＤＥＲ\" already means leader (网格长), not part_time");
	free(err);
	assert_null(vocab_find(VOCAB_ROLE, "协理员"));
	/* Two members giving one new name. */
	assert_int_equal(load_vocab("twice.yaml",
	    "vocab.light.green: [ok]\n"
	    "vocab.light.red: [OK]\n", &err), GK_CONFIG);
	assert_contains(err, "twice.yaml:2: vocab.light.red: \"OK\" already "
	    "means green (绿灯), not red");
	free(err);
	assert_null(vocab_find(VOCAB_LIGHT, "ok"));
	/* An entry the vocabulary does not have. */
	assert_int_equal(load_vocab("boss.yaml",
	    "vocab:\n  role:\n    boss: [老板]\n", &err), GK_CONFIG);
	assert_contains(err, "boss.yaml:3: vocab.role.boss: \"boss\": not a "
	    "role (leader 网格长, ");
	free(err);
	/* A name that is only blanks. */
	assert_int_equal(load_vocab("blank.yaml",
	    "vocab.card.red: [\"\u3000\"]\n", &err), GK_CONFIG);
	assert_contains(err, "blank.yaml:1: vocab.card.red: ");
	assert_contains(err, "not a name");
	free(err);
	/* A vocabulary there is not: the configuration knows none. */
	assert_int_equal(load_vocab("colour.yaml",
	    "vocab:\n  colour:\n    red: [赤]\n", &err), GK_CONFIG);
	assert_contains(err, "colour.yaml:");
	assert_contains(err, "vocab.colour");
	free(err);
}

static void
test_vocab__staff_policy_uses_config_names(void **state)
{
	struct config *c = config_new();
	int saved, fd;

	write_file("s.yaml", "vocab.education.senior_high: [高级中学]\n"
	    "staff.min_education.leader: 高级中学\n");
	assert_int_equal(config_load_file(c, "s.yaml", 1), GK_OK);
	assert_int_equal(vocab_load_config(c), GK_OK);
	assert_int_equal(staff_check_config(c), GK_OK);
	assert_int_equal(staff_education_parse("高级中学"), 3);
	config_free(c);

	c = config_new();
	write_file("t.yaml", "vocab.education.master: [本科]\n");
	assert_int_equal(config_load_file(c, "t.yaml", 1), GK_OK);
	fflush(stderr);
	saved = dup(2);
	fd = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	assert_int_equal(vocab_load_config(c), GK_CONFIG);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	config_free(c);
	vocab_reset();
}

static void
test_vocab__config_booleans_are_the_flag_vocabulary(void **state)
{
	struct config *c = config_new();

	write_file("b.yaml", "staff.rural_full_time: ×\n");
	assert_int_equal(config_load_file(c, "b.yaml", 1), GK_OK);
	assert_false(config_bool(c, "staff.rural_full_time"));
	write_file("b.yaml", "staff.rural_full_time: √\n");
	assert_int_equal(config_load_file(c, "b.yaml", 1), GK_OK);
	assert_true(config_bool(c, "staff.rural_full_time"));
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab__every_name_means_its_own_entry),
		cmocka_unit_test(test_vocab__roles),
		cmocka_unit_test(test_vocab__office_words),
		cmocka_unit_test(test_vocab__one_fold_for_case_width_and_blanks),
		cmocka_unit_test(test_vocab__stages_in_the_order_of_art_11),
		cmocka_unit_test(test_vocab__education_ranked),
		cmocka_unit_test(test_vocab__unit_and_grid_kinds),
		cmocka_unit_test(
		    test_vocab__leave_reasons_and_training_levels),
		cmocka_unit_test(test_vocab__yes_and_no),
		cmocka_unit_test(test_vocab__nationality_and_source),
		cmocka_unit_test(
		    test_vocab__case_steps_severities_levels_lights_cards),
		cmocka_unit_test(test_vocab__explain_quotes_and_cuts),
		cmocka_unit_test(test_vocab__config_adds_names),
		cmocka_unit_test(
		    test_vocab__every_vocabulary_takes_config_names),
		cmocka_unit_test(
		    test_vocab__config_clashes_and_unknowns_refused),
		cmocka_unit_test(test_vocab__staff_policy_uses_config_names),
		cmocka_unit_test(
		    test_vocab__config_booleans_are_the_flag_vocabulary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
