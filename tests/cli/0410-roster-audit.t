#!/bin/sh
# roster-audit: every rule found when planted and quiet on its compliant
# twin, the boundaries (age 18 on the day, a visit exactly 7 days ago,
# a vacancy open exactly the days allowed), rosters from a file and from
# stdin, with and without a database, stable order, --baseline, exit
# codes.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

T='	'
# Urban: 西街第一网格 (A), 西街第二网格 (B); rural: 东于一网格 (C), 马峪网格 (D).
A=140121100001001
B=140121100001002
C=140121100201001
D=140121200202001
NODB=$PWD/none.db

# A roster from elsewhere, in the columns of `staff-hire --reveal list`
# and the facts of Art. 9.  The clock is pinned to 2026-11-29.
H=id,name,id_number,phone,education,grid,role,status,started,ended,nationality,under_investigation,penalized,expelled,work_phone
ok() { # ID NAME 17DIGITS EDUCATION GRID ROLE
	echo "$1,$2,$(idnum $3),13800138000,$4,$5,$6,staff,2026-09-16,,CN,否,否,否,0351-5724110"
}
{
	echo "$H"
	ok 1 王强 14012119800101123 高中 $A leader
	ok 2 张伟 14012119900101123 高中 $A full_time
	ok 3 刘洋 14012119850303123 本科 $C leader
	# Age 18 on the day, and one day short of it.
	ok 4 陈静 14012120081129124 高中 $C part_time
	ok 5 杨帆 14012120081130124 高中 $C part_time
	# Urban grid B: a leader and a part-time member, no full-time one.
	ok 6 赵敏 14012119870707123 高中 $B leader
	ok 7 孙丽 14012119880808124 初中 $B part_time
	# Grid D: a full-time member and no leader.
	ok 8 周杰 14012119890909123 大专 $D full_time
	# Serves two grids.
	ok 9 吴刚 14012119750505123 高中 $A assistant
	ok 9 吴刚 14012119750505123 高中 $C assistant
	# Left, and a candidate: not serving, never checked.
	echo "10,郑华,123,13800138000,小学,$A,full_time,left,2026-09-16,2026-10-01,US,是,是,是,"
	echo "11,钱进,123,13800138000,小学,$A,full_time,candidate,,,US,是,是,是,"
} >good.csv

# The same roster, each row planted with one fault.
sed -e "s/^2,张伟,[0-9X]*,/2,张伟,140121199001011230,/" \
    -e "/^8,周杰/s/,CN,/,US,/" \
    -e "/^6,赵敏/s/,否,否,否,/,否,是,否,/" \
    -e "/^2,张伟/s/,高中,/,初中,/" \
    -e "/^3,刘洋/s/,0351-5724110\$/,/" good.csv >bad.csv

test_expect_success 'a compliant roster from a file: exit 0 and silent, with no database' '
	GRIDKIT_DB=$NODB roster-audit --skip ROSTER-TWO-GRIDS,ART9-AGE,ART5-GRID-LEADER,ART8-URBAN-FULLTIME good.csv >out 2>err &&
	! test -s out &&
	GRIDKIT_DB=$NODB roster-audit -v --only ART9-AGE --as-of 2026-11-30 good.csv 2>err &&
	grep "no database: the rules on visits, training, cases, vacancies and grids are not checked" err
'

test_expect_success 'the rules that need a database are skipped with a notice, each once' '
	GRIDKIT_DB=$NODB roster-audit good.csv >out 2>err
	grep "rule ART6-WEEKLY-VISIT not checked: no database to find the visits in" err &&
	grep "rule ART14-TRAINING not checked: no database" err &&
	grep "rule ART10-VACANCY not checked: no database" err &&
	grep "rule ROSTER-RETIRED-GRID not checked: no database" err &&
	test "$(grep -c ROSTER-RETIRED-GRID err)" = 1 &&
	GRIDKIT_DB=$NODB roster-audit -q good.csv >out 2>err; ! test -s err
'

test_expect_success 'age 18 on the day is not a finding; a day short of it is (Art. 9)' '
	exits 1 env GRIDKIT_DB=$NODB roster-audit --only ART9-AGE good.csv >out &&
	test "$(wc -l <out)" = 2 &&
	grep "^ART9-AGE${T}Art. 9${T}error${T}5${T}staff 5 (杨帆) is 17 years old, under the minimum age of 18${T}age=17 min_age=18\$" out &&
	GRIDKIT_DB=$NODB roster-audit --only ART9-AGE --as-of 2026-11-30 good.csv >out && ! test -s out
'

test_expect_success 'every urban grid has a full-time member, every grid a leader (Art. 5, 8)' '
	exits 1 env GRIDKIT_DB=$NODB roster-audit --only ART8-URBAN-FULLTIME,ART5-GRID-LEADER good.csv >out &&
	cut -f1,4,6 out >got &&
	printf "rule${T}subject${T}values\nART5-GRID-LEADER${T}$D${T}leaders=0\nART8-URBAN-FULLTIME${T}$B${T}full_time=0\n" >want &&
	diff want got
'

test_expect_success 'the same person serving two grids is found once, naming both' '
	exits 1 env GRIDKIT_DB=$NODB roster-audit --only ROSTER-TWO-GRIDS good.csv >out &&
	test "$(wc -l <out)" = 2 &&
	grep "^ROSTER-TWO-GRIDS${T}Art. 5${T}error${T}9${T}.*${T}grids=$A,$C\$" out
'

test_expect_success 'each planted fault is found, its compliant twin is not' '
	exits 1 env GRIDKIT_DB=$NODB roster-audit --skip ROSTER-TWO-GRIDS,ART9-AGE,ART5-GRID-LEADER,ART8-URBAN-FULLTIME bad.csv >out &&
	cut -f1,4,6 out >got &&
	cat >want <<-EOF &&
	rule${T}subject${T}values
	ART5-BOARD-PHONE${T}3${T}
	ART9-BAR${T}6${T}penalized=yes
	ART9-EDUCATION${T}2${T}role=full_time education=初中 min=高中
	ART9-ID-NUMBER${T}2${T}id_number=140121********1230
	ART9-NATIONALITY${T}8${T}nationality=US required=CN
	EOF
	diff want got
'

test_expect_success 'a part-time member with 初中 is not below the minimum of the role' '
	! grep "ART9-EDUCATION${T}7" out
'

test_expect_success 'findings are sorted by rule, subject and values: two runs diff cleanly' '
	sort -t "$T" -k1,1 -k4,4 -k6,6 out | sed "/^rule/d" >sorted &&
	sed 1d out | diff - sorted &&
	GRIDKIT_DB=$NODB roster-audit --skip ROSTER-TWO-GRIDS bad.csv >again; cmp - again <<-EOF
	$(GRIDKIT_DB=$NODB roster-audit --skip ROSTER-TWO-GRIDS bad.csv)
	EOF
'

test_expect_success 'Chinese headers, as a table or --excel prints them, read the same' '
	sed "1s/.*/编号,姓名,身份证号,手机号,学历,网格,岗位,状态,上岗日期,离岗日期,国籍,在查,受处罚,开除,工作电话/" bad.csv >zh.csv &&
	exits 1 env GRIDKIT_DB=$NODB roster-audit --skip ROSTER-TWO-GRIDS,ART9-AGE,ART5-GRID-LEADER,ART8-URBAN-FULLTIME zh.csv | cut -f1,4,6 >zh.out &&
	cut -f1,4,6 out | diff - zh.out
'

test_expect_success 'a malformed roster is refused whole, every bad row located (65)' '
	{ echo "$H"; ok 1 王强 14012119800101123 高中 $A 队长; ok 2 张伟 14012119900101123 高中 14012110000100 full_time; } >malformed.csv &&
	exits 65 env GRIDKIT_DB=$NODB roster-audit malformed.csv >out 2>err &&
	! test -s out &&
	grep "malformed.csv:2:.*field \"role\"" err &&
	grep "malformed.csv:3:.*field \"grid\"" err &&
	grep "2 bad rows; nothing checked" err &&
	exits 66 env GRIDKIT_DB=$NODB roster-audit missing.csv
'

# The database: the county, 张伟 (1, full-time, A) and 李娜 (2,
# part-time, C) hired on 16 September 2026.
load_county || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,$A,full_time,CN,否,否,否
李娜,$(idnum 14012119950505234),13900139001,本科,$C,part_time,CN,否,否,否
CSV
hire_staff cands.csv || exit 1

test_expect_success 'the database roster, read without a file; -v says how many findings' '
	exits 1 roster-audit -v >out 2>err &&
	grep "^ART5-GRID-LEADER${T}.*${T}$A${T}" out &&
	grep "^ART5-GRID-LEADER${T}.*${T}$D${T}" out &&
	grep "^ART8-URBAN-FULLTIME${T}.*${T}$B${T}" out &&
	! grep "^ART8-URBAN-FULLTIME${T}.*${T}$A${T}" out &&
	grep "^ART5-BOARD-PHONE${T}.*${T}1${T}" out &&
	grep "findings" err
'

test_expect_success 'no database at all is refused without a file (69)' '
	exits 69 env GRIDKIT_DB=$NODB roster-audit
'

test_expect_success 'the board phone recorded is no longer a finding (Art. 5)' '
	printf "staff,work_phone\n1,0351-5724110\n" >contacts.csv &&
	staff-hire contacts contacts.csv &&
	roster-audit --only ART5-BOARD-PHONE >out &&
	! grep "${T}1${T}" out && grep "${T}2${T}" out
'

test_expect_success 'a visit exactly 7 days ago is in time; 8 days is not (Art. 6)' '
	event-report visit add --staff 1 --grid $A --date 2026-11-22 &&
	event-report visit add --staff 2 --grid $C --date 2026-11-21 &&
	roster-audit --only ART6-WEEKLY-VISIT >out &&
	test "$(wc -l <out)" = 2 &&
	grep "^ART6-WEEKLY-VISIT${T}Art. 6${T}warning${T}2${T}.*${T}grid=$C last_visit=2026-11-21 days=8 visit_days=7\$" out
'

test_expect_success 'a warning alone exits 0; with --strict, 1' '
	roster-audit --only ART6-WEEKLY-VISIT >out &&
	test "$(wc -l <out)" = 2 &&
	exits 1 roster-audit --only ART6-WEEKLY-VISIT --strict >/dev/null
'

test_expect_success 'staff-hire list | roster-audit - takes the masked facts from the database' '
	staff-hire list >list.tsv && grep "\*\*\*\*" list.tsv &&
	staff-hire list | roster-audit --skip ART6-WEEKLY-VISIT,ART5-GRID-LEADER,ART8-URBAN-FULLTIME,ART5-BOARD-PHONE - >out 2>err &&
	! test -s out && ! grep "not checked" err &&
	staff-hire list --excel -f csv | roster-audit --only ART5-BOARD-PHONE - >out &&
	grep "^ART5-BOARD-PHONE${T}.*${T}2${T}" out
'

test_expect_success 'a workbook of the roster, Chinese headers and words, is read as its TSV' '
	staff-hire list --lang zh -f xlsx -o 花名册.xlsx &&
	roster-audit --only ART5-BOARD-PHONE 花名册.xlsx >xlsx.out &&
	staff-hire list | roster-audit --only ART5-BOARD-PHONE - | diff - xlsx.out &&
	grep "^ART5-BOARD-PHONE${T}.*${T}2${T}" xlsx.out
'

test_expect_success 'a roster file: only the grids it names are checked for their staffing' '
	staff-hire list --grid $A | exits 1 roster-audit --only ART5-GRID-LEADER,ART8-URBAN-FULLTIME - >out &&
	cut -f4 out >got && printf "subject\n$A\n" | diff - got
'

test_expect_success 'someone serving a retired grid is found (Art. 5)' '
	grid-define unit move 140121200202 natural_village 马峪 "" &&
	grid-define unit move 140121200202 river 潇河马峪段 "" &&
	grid-define retire $D &&
	printf "id,name,grid,role\n1,张伟,$D,full_time\n" >retired.csv &&
	exits 1 roster-audit --only ROSTER-RETIRED-GRID retired.csv >out &&
	grep "^ROSTER-RETIRED-GRID${T}.*${T}1${T}.*${T}grid=$D status=retired\$" out &&
	printf "id,name,grid,role\n1,张伟,140121100001009,full_time\n" >nogrid.csv &&
	exits 1 roster-audit --only ROSTER-RETIRED-GRID nogrid.csv >out &&
	grep "status=missing" out &&
	roster-audit --only ROSTER-RETIRED-GRID >out && ! test -s out
'

test_expect_success 'a vacancy open exactly the days allowed is in time; a day more is not (Art. 10)' '
	printf "name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled\n赵强,$(idnum 14012119920202123),13700137000,高中,$B,full_time,CN,否,否,否\n" >c3.csv &&
	hire_staff c3.csv &&
	staff-hire leave 3 --reason resign --on 2026-10-29 &&
	roster-audit --only ART10-VACANCY >out && ! test -s out &&
	exits 1 roster-audit --only ART10-VACANCY --as-of 2026-11-30 >out &&
	grep "^ART10-VACANCY${T}Art. 10${T}error${T}$B${T}.*${T}role=full_time since=2026-10-30 days_open=31 vacancy_days=30\$" out
'

test_expect_success 'training below the yearly minimum of a level, for those who served the whole year (Art. 14)' '
	roster-audit --only ART14-TRAINING >out && ! test -s out &&
	{ echo "staff,level,date,hours,topic"
	  for d in 2027-03-01 2027-06-01; do echo "2,county,$d,4,县级培训"; done
	  for d in 2027-03-02 2027-06-02 2027-09-02; do echo "2,township,$d,4,乡镇培训"; done
	  echo "1,county,2027-03-01,4,县级培训"; } >train.csv &&
	staff-hire --now 2027-09-10T09:00:00+08:00 train train.csv &&
	GRIDKIT_NOW=2027-09-20T09:00:00+08:00 roster-audit --only ART14-TRAINING >out &&
	cut -f4,6 out >got &&
	printf "subject${T}values\n1${T}level=county sessions=1 min=2\n1${T}level=township sessions=0 min=3\n" | diff - got
'

# Disputes may be given to grid staff: the county's access list (Art. 15).
case-route access add --category dispute --reason 矛盾纠纷排查化解 \
    --standard 当日上门 --exit 经县委政法委审定后退出 \
    --approved-by 清徐县委政法委 --approved-on 2026-01-05 >/dev/null || exit 1

report() {
	event-report add --grid "$1" --category dispute.neighbour \
	    --severity general --title "$2" --source resident --new
}

test_expect_success 'on-time rate and supervision cards of the cases assigned to a member (Art. 16)' '
	printf "audit:\n  max_cards: 0\n" >cards.yaml &&
	K1=$(report $A 漏水) && K2=$(report $C 占道) &&
	case-route file $K1 $K2 &&
	case-route assign --to 1 $K1 && case-route assign --to 2 $K2 &&
	case-route investigate $K1 &&
	case-route feedback --result 已修复 $K1 && case-route close $K1 &&
	GRIDKIT_NOW=2026-12-31T09:00:00+08:00 case-route escalate --overdue &&
	GRIDKIT_NOW=2026-12-31T10:00:00+08:00 roster-audit -c cards.yaml --only ART16-ON-TIME,ART16-CARDS >out &&
	cut -f1,4,6 out >got &&
	printf "rule${T}subject${T}values\nART16-CARDS${T}2${T}cards=1 max=0\nART16-ON-TIME${T}2${T}on_time=0 counted=1 rate=0 min=80\n" | diff - got
'

test_expect_success '--baseline prints only what is new; a nightly job mails each finding once' '
	: >seen.tsv &&
	exits 1 roster-audit -q -f tsv --baseline seen.tsv | tee -a seen.tsv >night1 &&
	test -s night1 &&
	roster-audit -q -f tsv --baseline seen.tsv | tee -a seen.tsv >night2 &&
	! test -s night2 &&
	exits 66 roster-audit --baseline none.tsv
'

test_expect_success 'jsonl findings for jq; the rule list with the config values in force' '
	exits 1 roster-audit -f jsonl --only ART5-GRID-LEADER >out.jsonl &&
	grep "\"rule\":\"ART5-GRID-LEADER\"" out.jsonl &&
	roster-audit --rules -f tsv >rules &&
	test "$(sed 1d rules | wc -l)" = 15 &&
	grep "^ART6-WEEKLY-VISIT${T}Art. 6${T}warning${T}true${T}.*${T}audit.visit_days=7\$" rules
'

test_expect_success 'findings in Chinese for people, canonical for scripts' '
	exits 1 roster-audit --lang zh -f table --only ART5-GRID-LEADER >zh &&
	grep "网格 $A 没有网格长" zh &&
	exits 1 roster-audit --only ART5-GRID-LEADER -f tsv >en &&
	grep "grid $A has no grid leader" en
'

test_expect_success 'usage errors exit 64' '
	exits 64 roster-audit --only NO-SUCH-RULE &&
	exits 64 roster-audit a.csv b.csv
'

test_done
