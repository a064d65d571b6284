#!/bin/sh
# case-route: only legal moves, batches all or nothing, assignment to
# staff of the area, departments, transfer, hand-down and escalation,
# and the cron job run twice and twice at once.
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

# report GRID CATEGORY SEVERITY TITLE: a new case from a resident.
report() {
	event-report add --grid "$1" --category "$2" --severity "$3" \
	    --title "$4" --source resident --new
}

A=$(report $G1 dispute.neighbour general 漏水) &&
B=$(report $G1 hazard.fire general 堆物) &&
E=$(report $G2 enforcement general 违建) || exit 1

# Disputes may be given to grid staff: the county's access list (Art.
# 15; 0320-case-route-controls.t tests the list itself).
case-route access add --category dispute --reason 矛盾纠纷排查化解 \
    --standard 当日上门 --exit 经县委政法委审定后退出 \
    --approved-by 清徐县委政法委 --approved-on 2026-01-05 || exit 1

test_expect_success 'a move not legal now names the case, its step and the moves allowed' '
	exits 65 case-route investigate $A 2>err &&
	grep "case $A: at step reported (问题上报): cannot investigate; allowed now: file, refuse, escalate" err
'

test_expect_success 'a batch with one illegal move changes nothing' '
	case-route file $B &&
	exits 65 case-route assign --to 1 $A $B 2>err &&
	grep "case $A: at step reported" err &&
	case-route list -f tsv --step filed >l && test "$(wc -l <l)" = 2 &&
	case-route show $B | grep "^step *2 filed"
'

test_expect_success '--keep-going moves the legal ones and exits 1' '
	exits 1 case-route file --keep-going - <<IDS
case
$A
$B
$E
IDS
	case-route show $A | grep "^step *2 filed"
'

test_expect_success 'file on a filed case changes nothing and is not an error' '
	n=$(sqlite3 test.db "SELECT count(*) FROM case_history") &&
	case-route file $A &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history")" = "$n"
'

test_expect_success 'assign refuses staff who do not serve the area of the case' '
	exits 65 case-route assign --to 2 $A 2>err &&
	grep "staff 2 does not serve a grid of the village 140121100001" err
'

test_expect_success 'assign never gives law enforcement to grid staff' '
	exits 65 case-route assign --to 2 $E 2>err &&
	grep "administrative law enforcement or professional work, never given to grid staff (Art. 15)" err
'

test_expect_success 'the loop: assign, investigate, feedback, rework, feedback, close' '
	case-route assign --to 1 --note 请核实 $A &&
	exits 65 case-route close $A 2>err &&
	grep "allowed now: investigate, transfer, escalate$" err &&
	case-route investigate --note 已上门 $A &&
	case-route feedback --result 已修复 --satisfaction 基本满意 $A &&
	case-route rework --reason 居民不认可 $A &&
	case-route show $A | grep "^step *3 assigned" &&
	case-route investigate $A &&
	case-route feedback --result 已彻底修复 --satisfaction satisfied $A &&
	case-route close $A &&
	case-route show -f json $A >show &&
	grep "\"status\": \"closed\"" show &&
	grep "\"satisfaction\": \"satisfied\"" show &&
	exits 65 case-route rework --reason x $A 2>err &&
	grep "allowed now: none" err
'

test_expect_code 64 'refuse without --reason is a usage error' 'case-route refuse $E'

test_expect_success 'refuse at step 1 only, with its reason' '
	R=$(report $G2 other general 重复) &&
	case-route refuse --reason 重复上报 $R &&
	case-route show $R | grep "^status *refused" &&
	exits 65 case-route file $R 2>err && grep "refused" err
'

cat >depts.csv <<CSV
code,name,area,categories
QX-AJ,清徐县应急管理局,140121,hazard
QY-SF,清源镇司法所,140121100,dispute
CSV

test_expect_success 'departments import and list; a bad area is located' '
	case-route departments import depts.csv &&
	case-route departments list -f tsv >d &&
	grep "^QY-SF	清源镇司法所	140121100	township	dispute$" d &&
	printf "code,name,area\nX,某局,140121100099\n" >bad.csv &&
	exits 65 case-route departments import bad.csv 2>err &&
	grep "bad.csv:2:.*area 140121100099 is not in the database" err
'

test_expect_success 'transfer only to a department of the same level owning the category' '
	C=$(report $G1 dispute.family general 家庭纠纷) &&
	case-route file $C &&
	exits 65 case-route transfer --to QY-SF $C 2>err &&
	grep "belongs to 140121100000, not to the village centre" err &&
	case-route escalate --reason 村级无法调处 $C &&
	case-route show $C | grep "^handled by *township centre 140121100" &&
	case-route transfer --to QY-SF $C &&
	case-route list --level department -f tsv | grep "^$C" &&
	case-route handdown $C &&
	case-route handdown $C &&
	case-route show $C | grep "^handled by *village centre 140121100001" &&
	exits 65 case-route handdown $C 2>err && grep "cannot handdown" err
'

test_expect_success 'no case number on standard input exits 66' '
	exits 66 case-route file - </dev/null
'

test_expect_success 'a serious event has hours, a general one working days' '
	S=$(report $G1 hazard.work serious 燃气泄漏) &&
	case-route show -f json $S | grep "\"limit\": \"4h\"" &&
	case-route show -f json $S | grep "\"due\": \"2026-11-29T13:00:00+08:00\"" &&
	case-route show -f json $B | grep "\"limit\": \"1d\""
'

test_expect_success 'list --due-within and --light pick by the clock' '
	D=$(report $G2 other general 限期) &&
	case-route list --due-within 1 -f tsv | grep "^$D" &&
	GRIDKIT_NOW=2026-11-30T17:00:00+08:00 case-route list --light yellow -f tsv | grep "^$D" &&
	GRIDKIT_NOW=2026-11-30T09:00:00+08:00 case-route list --light green -f tsv | grep "^$D" &&
	! GRIDKIT_NOW=2026-11-30T09:00:00+08:00 case-route list --light yellow -f tsv | grep "^$D"
'

test_expect_success 'escalate --overdue: one level up with a yellow card, silent' '
	S=$(sqlite3 test.db "SELECT id FROM cases WHERE title = '"'"'燃气泄漏'"'"'") &&
	GRIDKIT_NOW=2026-11-29T13:30:00+08:00 case-route escalate --overdue >out 2>err &&
	! test -s out && ! test -s err &&
	test "$(sqlite3 test.db "SELECT level || card FROM cases WHERE id = $S")" = 2yellow
'

test_expect_success 'run again, nothing more happens' '
	n=$(sqlite3 test.db "SELECT count(*) FROM case_history") &&
	GRIDKIT_NOW=2026-11-29T13:40:00+08:00 case-route -v escalate --overdue 2>err &&
	grep "escalated 0 from village to township, 0 from township to county" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history")" = "$n"
'

test_expect_success '-n shows what it would do and keeps nothing' '
	GRIDKIT_NOW=2026-11-29T18:00:00+08:00 case-route -n escalate --overdue -f tsv >out &&
	grep "township 140121100	county 140121	red$" out &&
	test "$(sqlite3 test.db "SELECT count(*) FROM cases WHERE level = 3")" = 0
'

test_expect_success 'two runs at once escalate each case exactly once' '
	GRIDKIT_NOW=2026-11-29T18:00:00+08:00 case-route escalate --overdue --wait 30 &
	GRIDKIT_NOW=2026-11-29T18:00:00+08:00 case-route escalate --overdue --wait 30 &
	wait &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE action = '"'"'escalate'"'"' AND at = '"'"'2026-11-29T18:00:00+08:00'"'"'")" = 1 &&
	test "$(sqlite3 test.db "SELECT level || card || cards FROM cases WHERE title = '"'"'燃气泄漏'"'"'")" = 3red2
'

test_expect_success 'at the county an overdue case gets a red card and stays, once' '
	GRIDKIT_NOW=2026-11-30T09:00:00+08:00 case-route escalate --overdue &&
	GRIDKIT_NOW=2026-11-30T10:00:00+08:00 case-route escalate --overdue &&
	test "$(sqlite3 test.db "SELECT level || card || cards FROM cases WHERE title = '"'"'燃气泄漏'"'"'")" = 3red3 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE action = '"'"'card'"'"'")" -ge 1 &&
	GRIDKIT_NOW=2026-11-30T10:00:00+08:00 case-route list --card red --overdue -f tsv | grep 燃气泄漏
'

test_expect_success '-v says what a run did on one line' '
	V=$(report $G2 hazard.work serious 塌方) &&
	GRIDKIT_NOW=2026-11-30T11:00:00+08:00 case-route -v escalate --overdue 2>err &&
	test "$(wc -l <err)" = 1 &&
	grep "escalated 1 from village to township, 0 from township to county; 0 red at the county, staying; cards: 1 yellow, 0 red; 1 overdue already escalated" err
'

# The lock holder says on the FIFO held that it holds the lock, and keeps
# it until the test writes to the FIFO release: no sleeps, no race.
test_sqlite_only 'the lock is held with the sqlite3 shell (0137-postgresql.t holds the PostgreSQL lock)'
test_expect_success 'escalate --overdue --wait 0 exits 75 while another holds the lock' '
	mkfifo held release || exit 1
	sqlite3 -bail test.db "BEGIN IMMEDIATE;" ".shell echo locked >held" \
	    ".shell cat release >/dev/null" "COMMIT;" >/dev/null &
	holder=$!
	rc=1
	if timeout 30 cat held | grep -q locked; then
		exits 75 case-route escalate --overdue --wait 0 2>err && rc=0
		timeout 30 sh -c "echo >release" || kill $holder
	else
		kill $holder
	fi
	wait $holder
	test $rc = 0
'

test_expect_success 'past the last calendar year it says so once, counting weekends' '
	Y=$(GRIDKIT_NOW=2027-03-01T09:00:00+08:00 report $G1 other general 明年 2>err) &&
	grep "no working-day calendar for 2027" err &&
	test "$(grep -c "no working-day calendar" err)" = 1 &&
	case-route show -f json $Y 2>/dev/null | grep "\"due\": \"2027-03-03T00:00:00+08:00\""
'

# Art. 13 and the cron card: never escalated twice for the same overdue
# step at the same level, even when handed down to it again.
test_expect_success 'handed down to the step and level it was escalated from, never escalated again' '
	H=$(GRIDKIT_NOW=2026-12-01T09:00:00+08:00 report $G1 dispute.land serious 下放) &&
	HI=$(sqlite3 test.db "SELECT id FROM cases WHERE title = '"'"'下放'"'"'") &&
	GRIDKIT_NOW=2026-12-01T09:05:00+08:00 case-route file $H &&
	GRIDKIT_NOW=2026-12-01T23:00:00+08:00 case-route escalate --overdue &&
	test "$(sqlite3 test.db "SELECT step || level || card FROM cases WHERE id = $HI")" = 22yellow &&
	GRIDKIT_NOW=2026-12-01T23:10:00+08:00 case-route handdown $H &&
	test "$(sqlite3 test.db "SELECT step || level FROM cases WHERE id = $HI")" = 21 &&
	GRIDKIT_NOW=2026-12-03T09:00:00+08:00 case-route escalate --overdue &&
	test "$(sqlite3 test.db "SELECT level || cards FROM cases WHERE id = $HI")" = 11 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE case_id = $HI AND card IS NOT NULL")" = 1 &&
	GRIDKIT_NOW=2026-12-03T09:00:00+08:00 case-route list --overdue -f tsv | grep "^$H" &&
	GRIDKIT_NOW=2026-12-03T09:05:00+08:00 case-route assign --to 1 $H &&
	GRIDKIT_NOW=2026-12-06T09:00:00+08:00 case-route escalate --overdue &&
	test "$(sqlite3 test.db "SELECT step || level || card || cards FROM cases WHERE id = $HI")" = 32red2
'

test_expect_success 'departments list never creates a database' '
	exits 69 case-route -d none.db departments list 2>err &&
	! test -e none.db && grep "no database here yet" err
'

# A read-only file in a rollback-journal mode (a copy made with VACUUM
# INTO): a writer would have to switch it to WAL; a reader need not.
# Root writes any file, so the list runs as nobody where it can.
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
	test_sqlite_only 'a read-only SQLite file in a rollback-journal mode, made with VACUUM INTO'
	# The program itself, not valgrind's wrapper, which could not
	# write its log as the other user.
	test_expect_success 'departments list reads a database it may not write' '
		ro=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-0310.XXXXXX") &&
		chmod 755 "$ro" &&
		sqlite3 test.db "VACUUM INTO '"'"'$ro/ro.db'"'"'" || return 1
		if [ "$(id -u)" = 0 ]; then
			chown 65534:65534 "$ro" "$ro/ro.db" && chmod 0400 "$ro/ro.db" &&
			setpriv --reuid=65534 --regid=65534 --clear-groups \
			    env HOME="$ro" XDG_CONFIG_HOME= "$GRIDKIT_TOP/case-route" \
			    -d "$ro/ro.db" departments list -f tsv >d 2>err
		else
			chmod 0400 "$ro/ro.db" &&
			case-route -d "$ro/ro.db" departments list -f tsv >d 2>err
		fi
		rc=$?
		rm -rf "$ro"
		test $rc = 0 && grep "^QX-AJ" d && ! test -s err
	'
else
	test_skip 'departments list reads a database it may not write' 'needs setpriv as root'
fi

test_expect_success 'show -o FILE writes the file, mode 0600, and nothing on stdout' '
	case-route show -f json -o shown.json $A >out &&
	! test -s out && grep "\"case\": \"$A\"" shown.json &&
	test "$(stat -c %a shown.json)" = 600 &&
	exits 66 case-route show -o gone.json 140121-2026-999999 2>/dev/null;
	! test -e gone.json && ! ls .gone.json.* 2>/dev/null
'

test_expect_success 'messages and the table of people are in Chinese with --lang zh' '
	exits 65 case-route --lang zh show 140121-2026-9999999 2>err &&
	grep "案件 140121-2026-9999999：不存在" err &&
	exits 65 case-route --lang zh rework --reason x $A 2>err &&
	grep "案件 $A：处于结案归档环节，已办结，不能 rework；当前允许：无$" err &&
	case-route --lang zh list -f table >t &&
	head -n 1 t | grep "案件编号.*环节.*层级" && grep "结案归档" t &&
	grep "^$A *已办结 .*人员 1" t && ! grep -E " (closed|open|refused) |staff 1" t
'

test_expect_success 'show is in Chinese for people: labels, values, the history and its notes' '
	case-route --lang zh show -f table $A >t &&
	grep "^状态 *已办结$" t &&
	grep "^环节 *6 结案归档$" t &&
	grep "^承办单位 *村级综治中心 140121100001$" t &&
	grep "^承办人 *人员 1$" t &&
	grep "^群众满意度 *满意$" t &&
	grep "指派 *任务指派 *村级 *140121100001: 交由 人员 1 办理：请核实$" t &&
	grep "反馈 .*: 已修复；群众评价：基本满意$" t &&
	grep "退回重办 .*: 居民不认可$" t &&
	grep "^办理记录$" t &&
	! grep -E "^(status|step|handled by|assignee|history) |village|staff 1|residents|closed" t &&
	case-route show -f table $A >t &&
	grep "^handled by *village centre 140121100001$" t &&
	grep "assign *assigned *village *140121100001: to staff 1: 请核实$" t
'

test_expect_success 'show and list for scripts keep the canonical values under a Chinese locale' '
	env -u LC_ALL LANG=zh_CN.UTF-8 case-route show -f json $A >show &&
	grep "\"status\": \"closed\"" show && grep "\"assignee\": \"staff 1\"" show &&
	grep "\"action\": \"feedback\"" show &&
	grep "\"note\": \"已修复; residents: basically\"" show &&
	env -u LC_ALL LANG=zh_CN.UTF-8 case-route list -f tsv | grep "^$A	closed	closed	village	.*	staff 1$"
'

test_expect_success 'every move leaves an audit row' '
	sqlite3 test.db "SELECT DISTINCT verb FROM audit WHERE program = '"'"'case-route'"'"' ORDER BY verb" >verbs &&
	for v in assign close escalate feedback file handdown investigate refuse rework transfer "escalate --overdue"; do
		grep -x -- "$v" verbs || exit 1
	done
'

test_done
