#!/bin/sh
# case-route: the county's controls over the loop: the access list
# (Art. 15), approved extensions, the SM3 archive chain with verify and
# archive (Art. 13(4)).
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1
G1=140121100001001

report() {
	event-report add --grid $G1 --category "$1" --severity general \
	    --title "$2" --source resident --new
}

A=$(report dispute.neighbour 漏水) &&
B=$(report hazard.fire 堆物) &&
E=$(report enforcement 违建) &&
case-route file $A $B $E || exit 1

test_expect_success 'assign to grid staff is refused for a category not on the access list, and the batch is unchanged' '
	case-route access add --category dispute --reason 矛盾纠纷排查化解 \
	    --standard 当日上门 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-01-05 &&
	exits 65 case-route assign --to 1 $A $B 2>err &&
	grep "case $B: cannot assign: category hazard.fire (消防安全隐患) is not on the access list (准入清单) of county 140121 in force on 2026-11-29: not given to grid staff (Art. 15" err &&
	case-route list -f tsv --step filed >l && test "$(wc -l <l)" = 4
'

test_expect_success 'a subcategory is covered by its parent on the list' '
	case-route assign --to 1 $A &&
	case-route show $A | grep "^assignee *staff 1"
'

test_expect_success 'assigning to a centre is not the access list'"'"'s business' '
	C=$(report hazard.fire 电线老化) && case-route file $C &&
	case-route assign --to 140121100001 $C
'

test_expect_success 'an entry is in force from its approval date' '
	case-route access add --category hazard.fire --reason 消防隐患排查 \
	    --standard 每周巡查 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-11-30 &&
	exits 65 case-route assign --to 1 $B 2>err &&
	grep "in force on 2026-11-29" err &&
	case-route access list -f tsv >l && ! grep hazard.fire l &&
	case-route access list --on 2026-11-30 -f tsv >l &&
	grep "^140121	hazard.fire	消防安全隐患	清徐县委政法委	2026-11-30		消防隐患排查" l
'

test_expect_success 'the same entry again changes nothing; another one in force is refused' '
	case-route access add --category hazard.fire --reason 消防隐患排查 \
	    --standard 每周巡查 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-11-30 &&
	exits 65 case-route access add --category hazard.fire --reason x \
	    --standard y --exit z --approved-by w --approved-on 2026-12-01 2>err &&
	grep "on the access list of county 140121 already, approved by 清徐县委政法委 on 2026-11-30; withdraw it first (Art. 15)" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM access_list")" = 2
'

test_expect_success 'withdrawn on a day: in force the day before, not on the day' '
	case-route access withdraw --on 2026-12-03 --reason 改由消防部门承担 hazard.fire &&
	case-route access withdraw --on 2026-12-03 --reason 改由消防部门承担 hazard.fire &&
	exits 65 case-route --now 2026-12-03T09:00:00+08:00 assign --to 1 $B 2>err &&
	grep "not on the access list (准入清单) of county 140121 in force on 2026-12-03" err &&
	case-route --now 2026-12-02T09:00:00+08:00 assign --to 1 $B
'

test_expect_success 'entries are never deleted: --all shows the withdrawn one' '
	case-route access list --all -f tsv >l &&
	grep "^140121	hazard.fire	.*	2026-11-30	2026-12-03	.*改由消防部门承担$" l &&
	case-route access list --on 2026-12-03 -f tsv >l && ! grep hazard.fire l &&
	exits 65 case-route access withdraw --on 2026-12-04 --reason x hazard.fire 2>err &&
	grep "not on the access list of county 140121: nothing to withdraw" err
'

test_expect_success 'law enforcement is never on the list and never given to grid staff' '
	exits 65 case-route access add --category enforcement --reason x \
	    --standard y --exit z --approved-by w --approved-on 2026-01-01 2>err &&
	grep "administrative law enforcement or professional work, never on the access list (Art. 15)" err &&
	sqlite3 test.db "INSERT INTO access_list (county, category, reason, standard, exit_procedure, approved_by, approved_on, created, operator) VALUES ('"'"'140121'"'"', '"'"'enforcement'"'"', '"'"'x'"'"', '"'"'y'"'"', '"'"'z'"'"', '"'"'w'"'"', '"'"'2026-01-01'"'"', '"'"'x'"'"', '"'"'sqlite3'"'"')" &&
	exits 65 case-route assign --to 1 $E 2>err &&
	grep "never given to grid staff (Art. 15)" err
'

test_expect_success 'access import takes the Chinese headers and locates a bad row' '
	cat >list.csv <<CSV &&
事项,纳入理由,工作标准,退出程序,审批机关,审批日期
livelihood,民生服务代办,按时办结,经审定后退出,清徐县委政法委,2026-02-01
special.elderly,关爱走访,每月一次,经审定后退出,清徐县委政法委,2026-02-01
CSV
	case-route access import list.csv &&
	case-route access list -f tsv >l && grep "^140121	special.elderly	留守老人" l &&
	printf "category,reason,standard,exit,approved_by,approved_on\nenforcement,a,b,c,d,2026-02-01\n" >bad.csv &&
	exits 65 case-route access import bad.csv 2>err &&
	grep "bad.csv:2:.*never on the access list" err
'

test_done
