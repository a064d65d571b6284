/*
 * test_phrase.c - text kept in English in the audit log and a case's
 * history, said again in the reader's language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "phrase.h"
#include "util.h"

/* The catalogue of the build tree. */
static void
chinese(void)
{
	char dir[4096];
	const char *top = getenv("GRIDKIT_TOP");

	snprintf(dir, sizeof dir, "%s/locale", top ? top : ".");
	i18n_set(I18N_ZH, 0, dir);
}

static char *
say(const char *verb, const char *kept)
{
	struct sb sb = SB_INIT;

	phrase_say(&sb, verb, kept);
	return sb_detach(&sb);
}

static void
check_say(const char *verb, const char *kept, const char *want)
{
	char *got = say(verb, kept);

	assert_string_equal(got, want);
	free(got);
}

/* What was written before the phrases is written the same: the rows
 * already in databases, and the chain over them, stay as they are. */
static void
test_phrase__kept_bytes_unchanged(void **state)
{
	struct sb sb = SB_INIT;
	char buf[128];

	(void)state;
	phrase_addn(&sb, PHRASE_ROWS, 1, 1UL, 1UL, 0UL, 0UL);
	assert_string_equal(sb.buf, "1 row: 1 added, 0 updated, 0 unchanged");
	sb_reset(&sb);
	phrase_addn(&sb, PHRASE_ROWS_REJECTED, 32, 32UL, 28UL, 0UL, 0UL, 4UL);
	assert_string_equal(sb.buf,
	    "32 rows: 28 added, 0 updated, 0 unchanged, 4 rejected");
	sb_reset(&sb);
	phrase_add(&sb, PHRASE_LEFT, "萧建杰", "2026-11-25", "resign");
	sb_adds(&sb, "; ");
	phrase_addn(&sb, PHRASE_VACANCIES, 1, 1UL);
	assert_string_equal(sb.buf,
	    "萧建杰 left on 2026-11-25 (resign); 1 vacancy");
	sb_reset(&sb);
	phrase_add(&sb, PHRASE_SUBJ_STAFF_MORE, "1-2, 4-9", 3UL);
	assert_string_equal(sb.buf, "staff 1-2, 4-9 and 3 more");
	sb_reset(&sb);
	phrase_add(&sb, PHRASE_TRAINED, "county", "2026-12-01", "8", "业务");
	assert_string_equal(sb.buf, "county 2026-12-01 8h 业务");
	assert_string_equal(phrase_put(buf, sizeof buf, PHRASE_TO_NOTE,
	    "staff 2", "已上门"), "to staff 2: 已上门");
	assert_string_equal(phrase_put(buf, 6, PHRASE_TO, "staff 2"),
	    "to st");
	sb_release(&sb);
}

/* In English every phrase says what was kept, byte for byte. */
static void
test_phrase__english_is_as_kept(void **state)
{
	static const struct {
		const char *verb, *kept;
	} rows[] = {
		{ "import grids", "96 rows: 96 added, 0 updated, 0 unchanged" },
		{ "advance", "28 moved to qualification" },
		{ "leave", "萧建杰 left on 2026-11-25 (resign); 1 vacancy" },
		{ "unit move", "140121100005001,140121100005002 -> none" },
		{ "escalate --overdue", "escalated 4 from village to township, "
		  "0 from township to county; 0 red at the county, staying; "
		  "cards: 4 yellow, 0 red; 0 overdue already escalated" },
		{ "assign", "to staff 2: 尽快" },
		{ "feedback", "天花板已修复; residents: satisfied" },
		{ "reveal", "roster shown unmasked, area 140121, stage exam" },
		{ "@subject", "staff 1-2, 4-28" },
		{ "report", "楼下反映漏水" },
		{ "reject", "" },
	};
	size_t i;

	(void)state;
	i18n_set(I18N_EN, 0, NULL);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		check_say(rows[i].verb, rows[i].kept, rows[i].kept);
	check_say("reject", NULL, "");
}

/* In Chinese: the phrase's translation, its values in their places,
 * the words of the vocabularies by their Chinese names, nested
 * phrases said too, free text as it is. */
static void
test_phrase__chinese(void **state)
{
	(void)state;
	chinese();
	check_say("import grids", "96 rows: 96 added, 0 updated, 0 unchanged",
	    "共 96 行：新增 96，更新 0，未变 0");
	check_say("import grids", "1 row: 1 added, 0 updated, 0 unchanged",
	    "共 1 行：新增 1，更新 0，未变 0");
	check_say("advance", "28 moved to qualification",
	    "28 人进入资格审查环节");
	check_say("leave", "萧建杰 left on 2026-11-25 (resign); 1 vacancy",
	    "萧建杰 于 2026-11-25 离岗（辞职）；空出岗位 1 个");
	check_say("unit move", "none -> 140121100005002",
	    "由 无 改为 140121100005002");
	check_say("assign", "to staff 2: 尽快", "交由 人员 2 办理：尽快");
	check_say("feedback", "天花板已修复; residents: satisfied",
	    "天花板已修复；群众评价：满意");
	check_say("reveal", "roster shown unmasked, area 140121, stage exam",
	    "以明文显示花名册，区划 140121、环节 笔试面试");
	check_say("@subject", "staff 1-2, 4-28", "人员 1-2, 4-28");
	check_say("@subject", "8 cases", "8 件案件");
	check_say("@subject", "140121100001001", "140121100001001");
	check_say("@subject", "140121100005/building/1区9号楼",
	    "140121100005/楼栋/1区9号楼");
	check_say("@subject", "data/river/x.csv", "data/river/x.csv");
	/* Free text, and text of no phrase of its verb, as kept. */
	check_say("report", "楼下反映漏水", "楼下反映漏水");
	check_say("reject", "a; b", "a; b");
	check_say("add", "28 moved to qualification",
	    "28 moved to qualification");
	assert_string_equal(phrase_verb("import grids"), "导入网格");
	assert_string_equal(phrase_verb("no such verb"), "no such verb");
	i18n_set(I18N_EN, 0, NULL);
}

static void
check_canon(const char *shown, const char *want)
{
	struct sb sb = SB_INIT;

	phrase_canon(&sb, "@subject", shown);
	assert_string_equal(sb.buf, want);
	sb_release(&sb);
}

/* What a table shows, copied into a filter, finds what is kept. */
static void
test_phrase__canon(void **state)
{
	(void)state;
	chinese();
	check_canon("案件 140121-2026-0000001", "case 140121-2026-0000001");
	check_canon("8 件案件", "8 cases");
	check_canon("1 件案件", "1 case");
	check_canon("140121100005/楼栋/1区9号楼",
	    "140121100005/building/1区9号楼");
	check_canon("人员 1-2, 4-28 等，另有 3 人", "staff 1-2, 4-28 and 3 more");
	check_canon("staff 2", "staff 2");
	check_canon("areas.csv", "areas.csv");
	assert_string_equal(phrase_verb_canon("导入网格"), "import grids");
	assert_string_equal(phrase_verb_canon("import"), "import");
	i18n_set(I18N_EN, 0, NULL);
	check_canon("case 140121-2026-0000001", "case 140121-2026-0000001");
	assert_string_equal(phrase_verb_canon("rename"), "rename");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrase__kept_bytes_unchanged),
		cmocka_unit_test(test_phrase__english_is_as_kept),
		cmocka_unit_test(test_phrase__chinese),
		cmocka_unit_test(test_phrase__canon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
