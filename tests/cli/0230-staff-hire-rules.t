#!/bin/sh
# staff-hire: the rules that hold after hiring, options that belong to
# other verbs, the policy in the config, vacancies, dry runs.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-09-01T09:00:00+08:00
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,否,否,否
王强,$(idnum 14012119880808345),13700137002,初中,140121100201001,part_time,CN,否,否,否
CSV

test_expect_success 'a dry run registers nobody and prints no staff ids' '
	staff-hire -n apply cands.csv >ids &&
	! test -s ids &&
	staff-hire -n apply --keep-going --rejects dry-rejects.csv cands.csv >/dev/null &&
	! test -e dry-rejects.csv &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people")" = 0
'

# Through the procedure to job training, with no publicity wait.
printf "staff:\n  publicity_days: 0\n" >nowait.yaml
walk() {
	for s in qualification exam physical political publicity training; do
		staff-hire -c nowait.yaml advance --stage $s "$@" || return 1
	done
	for id in "$@"; do
		staff-hire train "$id" --level county --date "${GRIDKIT_NOW%%T*}" \
		    --hours 8 --topic 岗前培训 || return 1
	done
}

test_expect_success 'publicity_days 0 means no wait at all' '
	staff-hire apply cands.csv >ids && walk 1 2 &&
	staff-hire list -f tsv --stage training >actual &&
	test "$(grep -c "^[12]	" actual)" = 2
'

test_expect_success 'hiring into a role re-checks its education minimum (Art. 9)' '
	exits 65 staff-hire hire 2 --role full_time 2>err &&
	grep "2 (王强): education junior_high is below 高中, the minimum for full_time (staff.min_education.full_time; Art. 9)" err &&
	staff-hire hire 2 && staff-hire hire 1
'

test_expect_success 'assigning someone to a post they hold already is refused' '
	exits 65 staff-hire assign 1 --grid 140121100001001 --role full_time 2>err &&
	grep "1 (张伟) serves grid 140121100001001 as full_time already, since 2026-09-01" err
'

test_expect_success 'one person holds one full-time post unless the config allows more (Art. 8)' '
	exits 65 staff-hire assign 1 --grid 140121100001002 2>err &&
	grep "1 (张伟) holds a full-time post already: full_time in grid 140121100001001 (staff.multiple_full_time; Art. 8)" err
'

test_expect_success 'a part-time post beside a full-time one is refused by default' '
	exits 65 staff-hire assign 1 --grid 140121100201001 --role part_time 2>err &&
	grep "1 (张伟) would hold a part-time post beside a full-time one: full_time in grid 140121100001001 (staff.part_time_beside_full_time; Art. 8)" err
'

test_expect_success 'the leader and a member of the same grid at once is refused by default (Art. 5)' '
	exits 65 staff-hire assign 1 --grid 140121100001001 --role leader 2>err &&
	grep "1 (张伟) would be the leader and a member of the same grid: full_time in grid 140121100001001 (staff.leader_and_member; Art. 5)" err
'

test_expect_success 'each limit is lifted by its key of the config' '
	printf "staff:\n  part_time_beside_full_time: true\n  leader_and_member: true\n" >lift.yaml &&
	staff-hire -n -c lift.yaml assign 1 --grid 140121100201001 --role part_time &&
	staff-hire -n -c lift.yaml assign 1 --grid 140121100001001 --role leader
'

printf "staff:\n  multiple_full_time: true\n" >multi.yaml

test_expect_success 'a member serving two grids is listed once for each' '
	staff-hire -c multi.yaml assign 1 --grid 140121100001002 &&
	staff-hire list -f tsv --active >actual &&
	test "$(grep -c "^1	" actual)" = 2 &&
	staff-hire list -f tsv --grid 140121100001002 >actual && grep "^1	张伟	" actual
'

test_expect_success 'leaving leaves a vacancy for each post; vacancies lists them' '
	staff-hire --now 2026-09-10T09:00:00+08:00 leave 1 --reason dismiss --on 2026-09-10 &&
	staff-hire --now 2026-09-15T09:00:00+08:00 vacancies -f tsv >v &&
	grep "^140121100001001	full_time	2026-09-11	dismiss	1			4$" v &&
	grep "^140121100001002	full_time	2026-09-11	dismiss	1			4$" v &&
	staff-hire vacancies -f tsv --open --grid 140121100001002 >actual &&
	test "$(wc -l <actual)" = 2
'

test_expect_success 'an option of another verb is a usage error, not ignored' '
	exits 64 staff-hire list --fail 2>err && grep -- "--fail does not go with list" err &&
	exits 64 staff-hire rank --stage exam --grid 140121100001001 &&
	exits 64 staff-hire show 1 --keep-going
'

test_expect_success 'a bad --grid or --role is a usage error for every verb' '
	exits 64 staff-hire hire 2 --grid 1401 &&
	exits 64 staff-hire assign 2 --grid 1401 &&
	exits 64 staff-hire transfer 2 --grid 140121100001001 --role boss
'

test_expect_success 'an education minimum in the config that is no level is a config error' '
	printf "staff:\n  min_education:\n    leader: 高级中学\n" >badedu.yaml &&
	exits 78 staff-hire -c badedu.yaml list 2>err &&
	grep "badedu.yaml:3: staff.min_education.leader: \"高级中学\": not an education level (primary 小学" err
'

test_expect_success 'the staff policy is checked by staff-hire, not by grid-define' '
	grid-define -c badedu.yaml list >/dev/null 2>err && ! test -s err
'

test_expect_success 'apply --reveal is recorded in the audit log' '
	printf "name,id_number,phone,education,grid,role\n刘洋,%s,13600136003,大专,140121100001001,leader\n" \
	    "$(idnum 14012119910303456)" >c3.csv &&
	staff-hire --reveal apply -f tsv c3.csv >actual && grep "$(idnum 14012119910303456)" actual &&
	staff-hire log --verb reveal -f tsv | cut -f5,6 --output-delimiter="|" >actual && grep -x "reveal|c3.csv" actual
'

test_expect_success 'a bad --stage or --role names every word it could be, before the database is opened' '
	exits 64 staff-hire -d none.db rank --stage foo 2>err &&
	grep "not a stage (announcement 发布公告, registration 报名, .* hired 聘用)" err &&
	exits 64 staff-hire -d none.db list --role boss 2>err &&
	grep "\"boss\": not a role (leader 网格长, full_time 专职网格员, part_time 兼职网格员, assistant 网格助理)" err &&
	! test -e none.db
'

test_done
