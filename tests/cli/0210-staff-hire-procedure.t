#!/bin/sh
# staff-hire advance, hire, assign, transfer, leave: the stage machine
# of Art. 11, the publicity clock on the working-day calendar, the
# staffing limits of Art. 5 and 8, vacancies of Art. 10.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-09-01T09:00:00+08:00

cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,party_member,veteran,professional_title,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,是,否,否,CN,否,否,否
李娜,$(idnum 14012119950505234),13900139001,本科,140121100001001,leader,否,是,否,CN,否,否,否
王强,$(idnum 14012119880808345),13700137002,初中,140121100201001,part_time,否,否,否,CN,否,否,否
刘洋,$(idnum 14012119910303456),13600136003,大专,140121100001001,leader,是,是,是,CN,否,否,否
CSV
staff-hire apply cands.csv >ids || exit 1

test_expect_success 'candidates move one stage at a time, from a pipe' '
	staff-hire apply cands.csv >again &&
	cat again | staff-hire advance --stage qualification - &&
	staff-hire list -f tsv --stage qualification >actual &&
	test "$(wc -l <actual)" = 5
'

test_expect_success 'skipping a stage is refused with the candidate named' '
	exits 65 staff-hire advance --stage physical 1 2>err &&
	grep "candidate 1 (张伟) is at qualification; the next stage is exam, not physical (Art. 11: no stage is skipped)" err
'

test_expect_success 'asking for the stage a candidate is at changes nothing, like mkdir -p' '
	staff-hire advance --stage qualification 1 2 3 4 2>err &&
	grep "4 at qualification already: unchanged" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM stages WHERE stage = '"'"'qualification'"'"'")" = 4 &&
	sqlite3 test.db "SELECT detail FROM audit" >audit &&
	test "$(grep -c "moved to qualification" audit)" = 1
'

test_expect_success 'going back is refused' '
	staff-hire advance --stage exam 1 &&
	exits 65 staff-hire advance --stage qualification 1 2>err &&
	grep "candidate 1 (张伟) is at exam already; a candidate does not go back to qualification" err
'

test_expect_success 'one refusal in a batch moves nobody' '
	exits 65 staff-hire advance --stage physical 1 2 2>err &&
	grep "1 refused; nobody moved" err &&
	staff-hire list -f tsv --stage exam >actual &&
	test "$(wc -l <actual)" = 2
'

test_expect_success 'rank puts the score first; the flags only break ties (Art. 9)' '
	staff-hire advance --stage exam 2 3 4 &&
	staff-hire rank --stage exam -f tsv >rank &&
	grep "^140121100001001	leader	1	2	李娜				1	false	false	false	true	false$" rank &&
	grep "^140121100001001	leader	2	4	刘洋				3	true	true	false	true	false$" rank &&
	printf "staff,exam,interview\n2,81,80\n4,80,80\n" | staff-hire score &&
	staff-hire rank --stage exam -f tsv >rank &&
	grep "^140121100001001	leader	1	2	李娜	80.5	81	80	1	" rank &&
	grep "^140121100001001	leader	2	4	刘洋	80	80	80	3	" rank
'

test_expect_success 'a failed candidate is rejected with the reason and moves no more' '
	staff-hire advance --fail --reason "笔试成绩未达合格线" 4 &&
	staff-hire show 4 >actual && grep "exam *failed: 笔试成绩未达合格线" actual &&
	exits 65 staff-hire advance --stage physical 4 2>err &&
	grep "candidate 4 (刘洋) was rejected at exam" err
'

test_expect_success 'a rejection needs a reason' '
	exits 64 staff-hire advance --fail 3
'

test_expect_success 'the stages up to publicity' '
	printf "1\n2\n3\n" | staff-hire advance --stage physical &&
	printf "id\n1\n2\n3\n" | staff-hire advance --stage political &&
	printf "staff:\n  publicity_count_first_day: true\n" >firstday.yaml &&
	staff-hire -c firstday.yaml --now 2026-09-29T10:00:00+08:00 advance --stage publicity 1 2 3 &&
	test "$(sqlite3 test.db "SELECT DISTINCT publicity_end FROM applications WHERE person <= 3")" = 2026-10-10
'

test_expect_success 'the end of publicity is fixed when it begins; a later config does not move it' '
	printf "staff:\n  publicity_days: 7\n" >seven.yaml &&
	exits 65 staff-hire -c seven.yaml --now 2026-10-10T09:00:00+08:00 advance --stage training 1 2>err &&
	grep "candidate 1 (张伟): publicity ends on 2026-10-10 (Art. 11); advance on 2026-10-11 or later" err
'

# Entered on Tue 29 Sep 2026: 29th and 30th are working days 1 and 2,
# 1-7 October is the National Day holiday, 8th and 9th are days 3 and
# 4, and Saturday 10 October, a make-up working day, is day 5.
test_expect_success 'publicity counts working days across National Day and its make-up Saturday' '
	exits 65 staff-hire --now 2026-10-10T18:00:00+08:00 advance --stage training 1 2>err &&
	grep "publicity ends on 2026-10-10 (Art. 11); advance on 2026-10-11 or later" err &&
	staff-hire --now 2026-10-11T09:00:00+08:00 advance --stage training 1 2 3
'

GRIDKIT_NOW=2026-10-12T09:00:00+08:00

test_expect_success 'hiring needs job training recorded on or after entering training (Art. 11)' '
	exits 65 staff-hire advance --stage hired 1 2>err &&
	grep "candidate 1 (张伟): no job training recorded on or after 2026-10-11, when they entered training; hiring needs it (Art. 11; staff-hire train)" err &&
	staff-hire train 1 --level county --date 2026-10-10 --hours 8 --topic 政策法规 &&
	exits 65 staff-hire advance --stage hired 1 2>err &&
	grep "no job training recorded on or after 2026-10-11" err &&
	printf "staff:\n  training_min_hours: 8\n" >eight.yaml &&
	staff-hire train 1 --level county --date 2026-10-11 --hours 4 --topic 岗前培训 &&
	exits 65 staff-hire -c eight.yaml advance --stage hired 1 2>err &&
	grep "candidate 1 (张伟): 4 hours of job training since 2026-10-11; hiring needs 8 (staff.training_min_hours; Art. 11)" err &&
	staff-hire train 1 --level township --date 2026-10-12 --hours 4 --topic 网格业务 &&
	staff-hire train 2 --level county --date 2026-10-11 --hours 4 --topic 岗前培训 &&
	staff-hire train 3 --level county --date 2026-10-11 --hours 4 --topic 岗前培训
'

test_expect_success 'hiring takes the grid and role applied for' '
	staff-hire advance --stage hired 1 2 &&
	staff-hire list --active -f tsv >actual &&
	grep "^1	张伟	.*	140121100001001	full_time	hired	staff	2026-09-01	2026-10-12	$" actual &&
	grep "^2	李娜	.*	140121100001001	leader	hired	staff	" actual
'

test_expect_success 'a grid takes one leader by default (Art. 5)' '
	printf "name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled\n陈静,%s,13500135004,本科,140121100001001,leader,CN,no,no,no\n" \
	    "$(idnum 14012119930303567)" >c5.csv &&
	GRIDKIT_NOW=2026-09-20T09:00:00+08:00 staff-hire apply c5.csv >id5 &&
	for s in qualification exam physical political; do
		GRIDKIT_NOW=2026-09-20T09:00:00+08:00 staff-hire advance --stage $s 5 || exit 1
	done &&
	staff-hire --now 2026-09-21T09:00:00+08:00 advance --stage publicity 5 &&
	staff-hire advance --stage training 5 &&
	staff-hire train 5 --level county --date 2026-10-12 --hours 8 --topic 岗前培训 &&
	exits 65 staff-hire hire 5 2>err &&
	grep "grid 140121100001001 has 1 leader already; the limit is 1 (staff.max_leaders_per_grid; Art. 5)" err &&
	staff-hire hire 5 --role full_time
'

test_expect_success 'hiring before job training is refused' '
	printf "name,id_number,phone,education,grid,role\n周涛,%s,13500135005,本科,140121100201001,part_time\n" \
	    "$(idnum 14012119940404678)" >c6.csv &&
	staff-hire apply c6.csv >id6 &&
	cat id6 | staff-hire advance --stage qualification &&
	exits 65 staff-hire hire 6 2>err &&
	grep "candidate 6 (周涛) is at qualification; hiring comes after job training (Art. 11)" err
'

test_expect_success 'hire ID hires one candidate after training' '
	staff-hire hire 3 && staff-hire show 3 >actual && grep "^status *staff, at hired" actual
'

test_expect_success 'leaving ends the assignment and leaves a vacancy from the next day (Art. 10)' '
	staff-hire leave 2 --reason resign --on 2026-10-12 &&
	staff-hire show 2 >actual && grep "  140121100001001  leader      2026-10-12  2026-10-12  resign$" actual &&
	test "$(sqlite3 test.db "SELECT grid, role, since, reason, filled FROM vacancies")" = "140121100001001|leader|2026-10-13|resign|" &&
	staff-hire list --active -f tsv >actual &&
	! cut -f1 actual | grep -qx 2
'

test_expect_success 'a leaving date in the future or a bad reason is refused' '
	exits 64 staff-hire leave 1 --reason resign --on 2027-01-01 &&
	exits 64 staff-hire leave 1 --reason holiday --on 2026-10-12
'

test_expect_success 'transfer moves staff, keeps history and leaves a vacancy' '
	staff-hire --now 2026-10-14T09:00:00+08:00 transfer 5 --grid 140121100001002 &&
	staff-hire show 5 >actual &&
	grep "  140121100001001  full_time   2026-10-12  2026-10-14  transfer$" actual &&
	grep "  140121100001002  full_time   2026-10-14  -           -$" actual &&
	sqlite3 test.db "SELECT count(*) FROM vacancies WHERE reason = '"'"'transfer'"'"' AND filled IS NULL" >actual && grep -x 1 actual
'

test_expect_success 'assigning into a grid fills its oldest open vacancy' '
	staff-hire --now 2026-10-16T09:00:00+08:00 assign 5 --grid 140121100001001 --role leader &&
	test "$(sqlite3 test.db "SELECT filled, filled_by FROM vacancies WHERE role = '"'"'leader'"'"'")" = "2026-10-16|5"
'

test_expect_success 'a person who left cannot be assigned' '
	exits 65 staff-hire assign 2 --grid 140121100001002 2>err &&
	grep "is not staff (left)" err
'

test_expect_success 'every change is in the audit log with the operator' '
	staff-hire log -f tsv | cut -f3,5,6 --output-delimiter="|" >audit &&
	grep "^tester|leave|staff 2$" audit &&
	grep "^tester|advance|staff 1-2$" audit &&
	grep "^tester|transfer|staff 5$" audit
'

test_expect_success 'the bulletin board lists the serving team, never a personal phone (Art. 5)' '
	grid-define board 140121100001001 >board 2>err &&
	grep "^网格人员  网格长 陈静$" board &&
	grep "^          专职网格员 张伟$" board &&
	! grep "135\|138" board &&
	grep "warning: grid 140121100001001: 陈静 (staff 5) has no public work phone or photo on the board (staff-hire contacts; Art. 5)" err &&
	grep "warning: grid 140121100001001: the board has no supervision phone (board.supervision_phone; Art. 5)" err &&
	grid-define show 140121100001001 >actual && grep "^  leader     陈静  135\*\*\*\*5004  (staff 5)$" actual
'

test_expect_success 'a board printed with --reveal shows no personal phone either' '
	grid-define --reveal board --html 140121100001001 >board.html 2>/dev/null &&
	grep "网格长 陈静<br>" board.html &&
	! grep 13500135004 board.html
'

test_expect_success 'grid show aligns the serving staff by display width' '
	sqlite3 test.db "UPDATE people SET name = '"'"'欧阳伟'"'"' WHERE id = 1" &&
	grid-define show 140121100001001 >show &&
	grep -x "  leader     陈静    135\*\*\*\*5004  (staff 5)" show &&
	grep -x "  full_time  欧阳伟  138\*\*\*\*8000  (staff 1)" show
'

# The roster is read three ways (by area, by stage, serving staff), each
# through its own index: each must give what the whole list, filtered,
# gives.  Here there are candidates at several stages, a rejected one,
# staff, a transferred member and one who left.
test_expect_success 'the roster by stage and of serving staff is the whole roster filtered' '
	staff-hire list -f tsv >all &&
	test "$(wc -l <all)" -gt 5 &&
	for st in registration qualification exam training hired; do
		awk -F "	" -v s=$st "NR == 1 || (\$8 == s && (\$9 == \"candidate\" || \$9 == \"staff\"))" all >want &&
		staff-hire list -f tsv --stage $st >got &&
		cmp want got &&
		staff-hire list -f tsv --stage $st --county 140121 >got &&
		cmp want got || exit 1
	done &&
	awk -F "	" "NR == 1 || \$9 == \"staff\"" all >want &&
	test "$(wc -l <want)" -gt 2 &&
	staff-hire list -f tsv --active >got && cmp want got &&
	staff-hire list -f tsv --active --county 140121 >got && cmp want got &&
	awk -F "	" "NR == 1 || \$9 == \"left\"" all >left &&
	test "$(wc -l <left)" = 2
'

test_done
