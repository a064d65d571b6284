#!/bin/sh
# Jurisdiction (Art. 20): an operator bound in the configuration to a
# county, township or village writes and reads only there; a write
# outside exits 77, changes nothing of its batch and is in the audit log.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

# 清源镇 (140121100) holds grids G1, G2 and G3; 马峪乡 (140121200) holds D.
G1=140121100001001
G2=140121100001002
G3=140121100201001
D=140121200202001
load_county >/dev/null || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,$G1,full_time,CN,no,no,no
周杰,$(idnum 14012119890909123),13900139001,大专,$D,full_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1

# 张三 works for the town, 李四 for the village of 马峪, 王五 for
# nobody in particular.
cat >j.yaml <<'YAML'
operators:
  张三: "140121100"
  李四: ["140121200202"]
YAML
GRIDKIT_CONFIG=$PWD/j.yaml
export GRIDKIT_CONFIG
as() { # OPERATOR CMD...
	_op=$1
	shift
	GRIDKIT_OPERATOR=$_op "$@"
}
refusals() { # the refused rows of the audit log, by any program
	grid-define log --all --verb refused -f tsv | tail -n +2 | wc -l
}

test_expect_success 'a binding is a list of county, township or village codes; anything else is a configuration error' '
	printf "operators:\n  张三: \"1401\"\n" >bad1.yaml &&
	exits 78 grid-define -c bad1.yaml list 2>err &&
	grep "operators.张三: \"1401\": not a county, township or village code" err &&
	printf "operators:\n  张三: [140121100, 14012x]\n" >bad2.yaml &&
	exits 78 grid-define -c bad2.yaml list 2>err &&
	grep "bad2.yaml:2.*14012x" err &&
	printf "operators:\n  张三: []\n" >bad3.yaml &&
	exits 78 grid-define -c bad3.yaml list 2>err && grep "no area" err
'

test_expect_success 'grid-define: a grid inside the township is added; one outside exits 77, is not added and is logged' '
	as 张三 grid-define add 140121100001003 西街第三网格 &&
	exits 77 as 张三 grid-define add 140121200202002 马峪第二网格 2>err &&
	grep "140121200202002 is outside the jurisdiction of operator \"张三\" (140121100; Art. 20)" err &&
	exits 65 grid-define show 140121200202002 2>/dev/null &&
	grid-define log --verb refused -f tsv >refused.log &&
	grep "	张三	grid-define	refused	140121200202002	add grid 140121200202002: outside 140121100$" refused.log
'

test_expect_success 'grid-define: a batch with one row outside changes nothing, exits 77, names the line' '
	printf "code,name\n140121100001001,西街一网格改名\n140121200202001,马峪网格改名\n" >ren.csv &&
	n=$(refusals) &&
	exits 77 as 张三 grid-define import grids ren.csv 2>err &&
	grep "ren.csv:3: 140121200202001 is outside" err &&
	grid-define show $G1 | grep -q 西街第一网格 &&
	test "$(refusals)" = $((n + 1))
'

test_expect_success 'grid-define: rename, retire and units outside are refused; the same inside pass' '
	exits 77 as 李四 grid-define rename $G1 新名 &&
	exits 77 as 李四 grid-define retire $G2 &&
	exits 77 as 李四 grid-define unit add 140121100001 building 9号楼 $G1 &&
	as 李四 grid-define unit add 140121200202 building 9号楼 $D &&
	as 张三 grid-define rename $G2 西街第二网格甲 &&
	grid-define show $G2 | grep -q 西街第二网格甲
'

test_expect_success 'an operator not bound acts anywhere, as before' '
	as 王五 grid-define rename $G2 西街第二网格 &&
	as 王五 grid-define rename $D 马峪网格
'

test_expect_success 'a dry run outside is refused and logged the same' '
	n=$(refusals) &&
	exits 77 as 张三 grid-define -n rename $D 新名 &&
	test "$(refusals)" = $((n + 1))
'

test_expect_success 'reads: a listing is narrowed to the one area, a place outside refused, show outside refused' '
	as 张三 grid-define list -f tsv >list &&
	grep -q "^$G1" list && ! grep -q "^$D" list &&
	exits 77 as 张三 grid-define list --township 140121200 -f tsv 2>err &&
	grep "outside the jurisdiction" err &&
	exits 77 as 张三 grid-define show $D &&
	as 张三 grid-define show $G1 >/dev/null &&
	as 张三 grid-define list --village 140121100201 -f tsv | grep -q "^$G3"
'

test_expect_success 'reads: jurisdiction.read_all lets a bound operator read everywhere, not write' '
	cp j.yaml ra.yaml && printf "jurisdiction:\n  read_all: yes\n" >>ra.yaml &&
	as 张三 grid-define -c ra.yaml show $D >/dev/null &&
	as 张三 grid-define -c ra.yaml list -f tsv | grep -q "^$D" &&
	exits 77 as 张三 grid-define -c ra.yaml rename $D 新名
'

test_expect_success 'reads: an operator of several areas names the one to list' '
	printf "operators:\n  赵六: [140121100201, 140121200202]\n" >two.yaml &&
	exits 77 as 赵六 grid-define -c two.yaml list 2>err &&
	grep "name one of them" err &&
	as 赵六 grid-define -c two.yaml list --village 140121200202 -f tsv |
	    grep -q "^$D"
'

# The candidate of each township.
ZW=$(idnum 14012119950505234)
ZJ=$(idnum 14012119920202123)
cat >c1.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
李娜,$ZW,13700137000,本科,$G1,part_time,CN,no,no,no
CSV
cat >c2.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
李娜,$ZW,13700137000,本科,$G1,part_time,CN,no,no,no
马六,$ZJ,13600136000,高中,$D,part_time,CN,no,no,no
CSV

test_expect_success 'staff-hire: a batch with one candidate outside registers nobody and exits 77' '
	n=$(staff-hire list -f tsv | wc -l) &&
	exits 77 as 张三 staff-hire apply c2.csv 2>err &&
	grep "c2.csv:3: $D is outside" err &&
	test "$(staff-hire list -f tsv | wc -l)" = $n &&
	as 张三 staff-hire apply c1.csv >id &&
	test "$(staff-hire list -f tsv | wc -l)" = $((n + 1))
'

test_expect_success 'staff-hire: moving a person of another township exits 77 and is logged' '
	exits 77 as 李四 staff-hire advance --stage qualification $(cat id) 2>err &&
	grep "$G1 is outside the jurisdiction of operator \"李四\"" err &&
	staff-hire log --verb refused -f tsv | grep -q "李四	staff-hire	refused	$G1	advance staff $(cat id)" &&
	as 张三 staff-hire advance --stage qualification $(cat id) &&
	exits 77 as 张三 staff-hire leave --reason 辞职 --on 2026-11-29 2 &&
	exits 77 as 张三 staff-hire show 2 &&
	as 张三 staff-hire show 1 >/dev/null
'

test_expect_success 'staff-hire: a bound operator ranks and lists the candidates of the jurisdiction' '
	staff-hire rank --stage qualification -f tsv >rank.all &&
	as 李四 staff-hire rank --stage qualification -f tsv >rank.li &&
	grep -q "^$G1" rank.all && ! grep -q "^$G1" rank.li &&
	as 李四 staff-hire list -f tsv >list.li && ! grep -q "$G1" list.li
'

test_expect_success 'staff-hire: a batch of moves with one person outside moves nobody' '
	exits 77 as 张三 staff-hire advance --stage exam $(cat id) 2 &&
	staff-hire show $(cat id) -f json | grep -q "\"stage\": *\"qualification\""
'

test_expect_success 'staff-hire: training of a person outside is refused, alone or in a file' '
	exits 77 as 张三 staff-hire train 2 --level county --date 2026-11-01 \
	    --hours 2 --topic 法治 2>err && grep "$D is outside" err &&
	printf "staff,level,date,hours,topic\n1,county,2026-11-02,3,消防\n2,county,2026-11-02,3,消防\n" >train.csv &&
	exits 77 as 张三 staff-hire train train.csv 2>err &&
	grep "train.csv:3: $D is outside" err &&
	! staff-hire show 1 | grep -q 消防 &&
	sed -i 3d train.csv && as 张三 staff-hire train train.csv &&
	staff-hire show 1 | grep -q 消防
'

test_expect_success 'event-report: an event of a grid outside exits 77; one inside is filed' '
	exits 77 as 李四 event-report add --grid $G1 --category hazard.fire \
	    --severity general --title 堆物 --source resident 2>err &&
	grep "$G1 is outside" err &&
	as 李四 event-report add --grid $D --category hazard.fire \
	    --severity general --title 堆物 --source resident >case.d &&
	as 张三 event-report add --grid $G1 --category hazard.fire \
	    --severity general --title 堆物 --source resident >case.g1
'

test_expect_success 'event-report: an import with one event outside files nothing' '
	printf "grid,category,severity,title,source\n$G1,hazard.fire,general,杂物,resident\n$D,hazard.fire,general,杂物,resident\n" >ev.csv &&
	n=$(event-report list -f tsv | wc -l) &&
	exits 77 as 张三 event-report import ev.csv 2>err &&
	grep "ev.csv:3: $D is outside" err &&
	test "$(event-report list -f tsv | wc -l)" = $n &&
	event-report log --verb refused -f tsv | grep -q "张三	event-report	refused	$D"
'

test_expect_success 'event-report: a bound operator lists the events of the jurisdiction' '
	as 张三 event-report list -f tsv >ev &&
	grep -q "$G1" ev && ! grep -q "$D" ev
'

test_expect_success 'case-route: a move of a case outside exits 77 and is logged; a batch with one moves nothing' '
	exits 77 as 张三 case-route file $(cat case.d) 2>err &&
	grep "$D is outside" err &&
	case-route log --verb refused -f tsv | grep -q "张三	case-route	refused	$D" &&
	exits 77 as 张三 case-route file $(cat case.g1) $(cat case.d) &&
	test "$(case-route list -f tsv | grep -c "	open	reported	")" = 2 &&
	as 张三 case-route file $(cat case.g1) &&
	case-route list -f tsv | grep -q "^$(cat case.g1)	open	filed	" &&
	exits 77 as 张三 case-route show $(cat case.d) &&
	as 张三 case-route list -f tsv | grep -v -q "$D"
'

test_expect_success 'case-route: a department of another township is refused and logged' '
	printf "code,name,area,categories\nQY-SF,清源镇司法所,140121100,dispute\nMY-SF,马峪乡司法所,140121200,dispute\n" >depts.csv &&
	exits 77 as 张三 case-route departments import depts.csv 2>err &&
	grep "depts.csv:3: 140121200000 is outside" err &&
	test "$(case-route departments list -f tsv | wc -l)" = 1 &&
	case-route log --verb refused -f tsv | grep -q "张三	case-route	refused	140121200000	departments department"
'

test_expect_success 'roster-audit: a bound operator audits the staff of the jurisdiction only' '
	roster-audit -f tsv >all; test $? -le 1 &&
	grep -q "$D" all &&
	as 张三 roster-audit -f tsv >mine; test $? -le 1 &&
	! grep -q "$D" mine
'

test_expect_success 'roster-audit: a roster file with a member outside is refused with 77' '
	H=id,name,id_number,phone,education,grid,role,status,started &&
	printf "$H\n1,张伟,$(idnum 14012119900101123),13800138000,高中,$G1,full_time,staff,2026-09-16\n2,周杰,$(idnum 14012119890909123),13900139001,大专,$D,full_time,staff,2026-09-16\n" >roster.csv &&
	roster-audit roster.csv >/dev/null; test $? -le 1 &&
	exits 77 as 张三 roster-audit roster.csv 2>err &&
	grep "roster.csv:3: $D is outside" err &&
	sed -i 3d roster.csv &&
	as 张三 roster-audit roster.csv >/dev/null; test $? -le 1
'

test_expect_success 'payroll-check: a payroll line of a grid outside is refused with 77' '
	printf "pay:\n  wage_class:\n    \"140121\": [\"2023-01-01 1\"]\n" >>j.yaml &&
	printf "staff,name,role,county,grid,gross,insurance,subsidy,case_subsidy,accident_insurance\n1,张伟,full_time,,$G1,2500,,,,yes\n2,周杰,full_time,,$D,2500,,,,yes\n" >pay.csv &&
	payroll-check --month 2026-10 pay.csv >/dev/null; test $? -le 1 &&
	exits 77 as 张三 payroll-check --month 2026-10 pay.csv 2>err &&
	grep "pay.csv:3: $D is outside" err &&
	sed -i 3d pay.csv &&
	as 张三 payroll-check --month 2026-10 pay.csv >/dev/null; test $? -le 1
'

test_done
