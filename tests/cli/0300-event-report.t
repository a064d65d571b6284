#!/bin/sh
# event-report: events and the cases they open, the reporter rule of
# Art. 6, duplicates, on-the-spot closure, imports located by line,
# visits, sixteen reporters at once.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

# Two members of staff hired on 16 September 2026: 1 serves the first
# grid of 西街社区, 2 the grid of 东于村.
load_county || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,no,no,no
李娜,$(idnum 14012119950505234),13900139001,本科,140121100201001,part_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1
G1=140121100001001
G2=140121100201001

test_expect_success 'add prints the new case number into a pipe' '
	event-report add --grid $G1 --category 邻里纠纷 --severity 一般 \
	    --title 楼上漏水 --reporter 1 >out &&
	test "$(cat out)" = 140121-2026-0000001 &&
	case-route show 140121-2026-0000001 >show &&
	grep "^step *1 reported (问题上报)" show &&
	grep "^handled by *village centre 140121100001" show
'

test_expect_success 'a reporter who does not serve the grid is refused with the rule' '
	exits 65 event-report add --grid $G1 --category hazard.fire \
	    --severity general --title x --reporter 2 >out 2>err &&
	grep "staff 2 does not serve grid $G1 on 2026-11-29 (Art. 6" err &&
	! test -s out &&
	test "$(sqlite3 test.db "SELECT count(*) FROM events")" = 1
'

test_expect_success 'a reporter who did not serve yet on the day of the event is refused' '
	exits 65 event-report add --grid $G1 --category hazard.fire \
	    --severity general --title x --reporter 1 --at 2026-09-10 2>err &&
	grep "on 2026-09-10" err
'

test_expect_success 'a likely duplicate joins the open case, said on stderr, no number printed' '
	event-report add --grid $G1 --category dispute.neighbour \
	    --severity general --title 又漏水 --reporter 1 >out 2>err &&
	! test -s out &&
	grep "likely duplicate of open case 140121-2026-0000001" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM events WHERE case_id = 14012120260000001")" = 2
'

test_expect_success '--new opens a case anyway' '
	event-report add --grid $G1 --category dispute.neighbour \
	    --severity general --title 三楼漏水 --reporter 1 --new >out &&
	test "$(cat out)" = 140121-2026-0000002
'

test_expect_success '--resolved closes the case at once with every step stamped' '
	event-report add --grid $G1 --category hazard.fire --severity general \
	    --title 楼道堆物 --reporter 1 --resolved --result 已清理 >out &&
	! test -s out &&
	event-report add -f tsv --grid $G1 --category hazard.fire --severity general \
	    --title 消防通道 --reporter 1 --resolved --result 已清理 >out &&
	grep "closed on the spot" out &&
	C=$(tail -n 1 out | cut -f2) &&
	case-route show -f json $C >show &&
	grep "\"status\": \"closed\"" show &&
	grep "\"on_spot\": true" show &&
	test "$(sqlite3 test.db "SELECT group_concat(action, '"'"' '"'"') FROM case_history WHERE case_id = (SELECT case_id FROM events WHERE title = '"'"'楼道堆物'"'"')")" = "report file assign investigate feedback close" &&
	# each row with its own step'"'"'s time limit, the closing one with none
	test "$(sqlite3 test.db "SELECT count(DISTINCT due) FROM case_history WHERE case_id = (SELECT case_id FROM events WHERE title = '"'"'楼道堆物'"'"') AND step < 6")" -gt 1 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE case_id = (SELECT case_id FROM events WHERE title = '"'"'楼道堆物'"'"') AND step = 6 AND due IS NOT NULL")" = 0
'

test_expect_success 'a grid not in the database is bad data, a malformed one a usage error' '
	exits 65 event-report add --grid 140121100001009 --category other \
	    --severity general --title x --source hotline 2>err &&
	grep "grid 140121100001009 is not in the database" err &&
	exits 64 event-report add --grid 1401 --category other \
	    --severity general --title x --source hotline
'

test_expect_code 64 '--resolved without --result is a usage error' '
	event-report add --grid $G1 --category hazard.fire --severity general \
	    --title x --reporter 1 --resolved
'

test_expect_success 'an event from a resident names its source, not a reporter' '
	event-report add --grid $G2 --category 流动人口 --severity general \
	    --title 新租户 --source 群众 >out &&
	exits 64 event-report add --grid $G2 --category data --severity general \
	    --title y 2>err && grep "give a reporter" err
'

test_expect_success 'categories lists the taxonomy with its flags' '
	event-report categories >cats &&
	grep "^hazard.fire	消防安全隐患	hazard	1	hazard	0$" cats &&
	grep "^enforcement	行政执法事项		0	other	1$" cats &&
	event-report --lang zh categories -f table >t &&
	head -n 1 t | grep "编号 *名称 *上级代码 *网格 *分组 *执法或专业事项$" &&
	grep "^enforcement  *行政执法事项  *否  *other  *是$" t &&
	grep "^hazard.fire  *消防安全隐患  *hazard  *是  *hazard  *否$" t
'

cat >bad.csv <<CSV
网格,事件类型,紧急程度,标题,上报人
$G1,矛盾纠纷,一般,吵架,1
$G1,no-such,一般,x,1
$G1,矛盾纠纷,mild,x,1
$G2,矛盾纠纷,一般,x,1
CSV

test_expect_success 'a bad import reports every bad row at its line and keeps nothing' '
	before=$(sqlite3 test.db "SELECT count(*) FROM events") &&
	exits 65 event-report import bad.csv >out 2>err &&
	grep "bad.csv:3:.*field \"事件类型\": \"no-such\": not a category" err &&
	grep "bad.csv:4:.*field \"紧急程度\": \"mild\": not a severity" err &&
	grep "bad.csv:5:.*field \"上报人\": staff 1 does not serve grid $G2" err &&
	! test -s out &&
	test "$(sqlite3 test.db "SELECT count(*) FROM events")" = "$before"
'

cat >good.jsonl <<JSONL
{"grid": "$G1", "category": "hazard.traffic", "severity": "较大", "title": "路灯坏", "reporter": 1}
{"grid": "$G2", "category": "special.elderly", "severity": "一般", "title": "独居老人", "reporter": 2}
JSONL

test_expect_success 'import prints one case number a line, and case-route files them' '
	event-report import good.jsonl >nums &&
	test "$(wc -l <nums)" = 2 &&
	case-route file - <nums &&
	case-route list --step filed -f tsv >filed &&
	test "$(wc -l <filed)" = 3
'

test_expect_success 'visits: staff of the grid only, the same visit twice is one' '
	event-report visit add --staff 1 --grid $G1 --date 2026-11-27 --households 40 &&
	event-report visit add --staff 1 --grid $G1 --date 2026-11-27 &&
	exits 65 event-report visit add --staff 2 --grid $G1 --date 2026-11-27 2>err &&
	grep "Art. 6" err &&
	printf "staff,grid,date\n2,$G2,2026-11-26\n2,$G2,2026-11-27\n" >v.csv &&
	event-report visit import v.csv &&
	event-report visits --township 140121100 -f tsv >vis &&
	test "$(wc -l <vis)" = 4
'

test_expect_success 'list filters by area, category and reporter' '
	event-report list --village 140121100201 -f tsv >l1 &&
	test "$(wc -l <l1)" = 3 &&
	event-report list --category dispute -f tsv >l2 &&
	test "$(wc -l <l2)" = 4 &&
	event-report list --reporter 2 -f tsv >l3 &&
	test "$(wc -l <l3)" = 2
'

test_expect_success 'list masks a phone number typed into a title unless --reveal, which is recorded' '
	event-report add --grid $G2 --category livelihood.demand --severity general \
	    --title "请回电13800138000" --source hotline --at 2026-11-28T10:00 >/dev/null &&
	event-report list -f tsv >l &&
	grep "请回电138\*\*\*\*8000" l && ! grep 13800138000 l &&
	event-report --reveal list -f tsv | grep 13800138000 &&
	sqlite3 test.db "SELECT subject FROM audit WHERE verb = '"'"'reveal'"'"'" | grep -x events
'

test_expect_success 'list filters by dates, inclusive' '
	event-report list --from 2026-11-28 --to 2026-11-28 -f tsv >l &&
	test "$(wc -l <l)" = 2 &&
	event-report list --to 2026-11-27 -f tsv >l &&
	test "$(wc -l <l)" = 1
'

test_expect_success 'import --keep-going keeps the good rows and writes the bad ones to the rejects file' '
	exits 1 event-report import --keep-going --rejects rej.csv bad.csv >nums 2>err &&
	test "$(wc -l <nums)" = 1 &&
	test "$(wc -l <rej.csv)" = 4 &&
	test "$(stat -c %a rej.csv)" = 600
'

test_expect_success 'a bad taxonomy is refused at its line (exit 78)' '
	printf "id\tname\tparent\tgrid\tgroup\nx\t某类\tnope\tyes\tother\n" >cats.tsv &&
	printf "case:\n  categories: cats.tsv\n" >bad.yaml &&
	exits 78 event-report -c bad.yaml categories 2>err &&
	grep "cats.tsv:2:.*parent nope is not listed before it" err
'

# Under valgrind each writer runs some thirty times slower: the wait
# for the lock is made to fit (--wait), what is tested stays.
test_expect_success 'sixteen reporters at once: no event lost, no case number twice, no lock error' '
	i=0 &&
	while [ $i -lt 16 ]; do
		event-report ${GRIDKIT_VALGRIND_BIN:+--wait 300} add --grid $G1 \
		    --category "livelihood.demand" \
		    --severity general --title "诉求 $i" --reporter 1 --new \
		    >out.$i 2>err.$i &
		i=$((i + 1))
	done &&
	wait &&
	cat out.* | sort >all &&
	test "$(wc -l <all)" = 16 &&
	test "$(sort -u all | wc -l)" = 16 &&
	! grep -i locked err.* &&
	test "$(sqlite3 test.db "SELECT count(*) FROM events WHERE title LIKE '"'"'诉求 %'"'"'")" = 16
'

test_expect_success 'list shows the description, masked, and takes a category by its name' '
	event-report add --grid $G1 --category 邻里纠纷 --severity 一般 --new \
	    --title 噪音扰民 --description "夜间施工，联系人13912345678" \
	    --source resident >/dev/null &&
	event-report list -f tsv --category 邻里纠纷 >out &&
	head -n 1 out | grep "	title	location	description$" &&
	grep "	噪音扰民		夜间施工，联系人139\*\*\*\*5678$" out &&
	! grep "	hazard" out &&
	event-report --lang zh list -f table --category dispute >t &&
	grep "邻里纠纷" t && ! grep "dispute.neighbour" t &&
	exits 64 event-report list --category 无此类 2>err &&
	grep "not a category" err
'

test_done
