#!/bin/sh
# The word lists: full-width and upper-case words, the generated "not a
# ..." message, and names the config adds to a vocabulary (gridkit(5)).
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
cat >vocab.yaml <<'YAML'
vocab:
  role:
    full_time: [全职网格员]
  unit_kind:
    building: 单元楼
  flag:
    yes: [是的]
  leave_reason:
    resign: 主动辞职
YAML
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,party_member,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,全职网格员,是的,CN,否,否,否
王强,$(idnum 14012119880808345),13700137002,初中,140121100201001,ＰＡＲＴ－ＴＩＭＥ,否,CN,否,否,否
CSV

test_expect_success 'without the config a name it adds is refused with every role named' '
	exits 65 staff-hire apply cands.csv 2>err &&
	grep "cands.csv:2:.*field \"role\": \"全职网格员\": not a role (leader 网格长, full_time 专职网格员, part_time 兼职网格员, assistant 网格助理)$" err &&
	grep "cands.csv:2:.*field \"party_member\": \"是的\": not yes or no (yes 是, no 否)$" err &&
	! grep "cands.csv:3:" err
'

test_expect_success 'with it the added names mean their entries' '
	staff-hire -c vocab.yaml apply cands.csv >/dev/null &&
	test "$(sqlite3 test.db "SELECT role, party_member FROM people ORDER BY id" | tr "\n" " ")" = "full_time|1 part_time|0 "
'

test_expect_success 'grid-define takes the same names' '
	grid-define -c vocab.yaml unit add 140121100001 单元楼 5号楼 140121100001002 &&
	grid-define list units -f tsv --village 140121100001 | grep "^140121100001	building	5号楼	140121100001002	false$" &&
	exits 65 grid-define unit add 140121100001 单元楼 6号楼 2>err &&
	grep "kind \"单元楼\": not a kind of unit (building 楼栋, street 街巷, " err
'

test_expect_success 'a reason for leaving is one of the list, or the config adds it' '
	exits 64 staff-hire leave 2 --reason 跳槽 --on 2026-11-20 2>err &&
	grep "\"跳槽\": not a reason for leaving (resign 辞职, dismiss 辞退, transfer 调动, retire 退休, death 死亡, other 其他)" err &&
	exits 65 staff-hire -c vocab.yaml leave 2 --reason 主动辞职 --on 2026-11-20 2>err &&
	grep "is not serving staff" err
'

test_expect_success 'a name that already means another entry is a config error in every program' '
	printf "vocab:\n  role:\n    part_time: [专职]\n" >clash.yaml &&
	exits 78 staff-hire -c clash.yaml list 2>err &&
	grep "clash.yaml:3: vocab.role.part_time: \"专职\" already means full_time (专职网格员), not part_time" err &&
	exits 78 grid-define -c clash.yaml list 2>err &&
	grep "clash.yaml:3: vocab.role.part_time" err
'

test_expect_success 'an entry or a vocabulary there is not is a config error' '
	printf "vocab.role.boss: [老板]\n" >boss.yaml &&
	exits 78 staff-hire -c boss.yaml list 2>err &&
	grep "boss.yaml:1: vocab.role.boss: \"boss\": not a role (leader 网格长" err &&
	printf "vocab.colour.red: [赤]\n" >colour.yaml &&
	exits 78 staff-hire -c colour.yaml list 2>err &&
	grep "colour.yaml:1:1: unknown key \"vocab.colour" err
'

test_done
