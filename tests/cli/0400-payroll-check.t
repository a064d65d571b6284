#!/bin/sh
# payroll-check: every rule found when planted and quiet on its compliant
# twin, the boundaries, exit codes, malformed payrolls, the shared
# options of findings.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

# Qingxu county (140121) in wage class 2 under the four classes of
# 2017 and class 1 from 2023.
cat >pay.yaml <<'YAML'
pay:
  wage_class:
    "140121": ["2017-10-01 2", "2023-01-01 1"]
YAML
GRIDKIT_CONFIG=$PWD/pay.yaml
export GRIDKIT_CONFIG

# pay FILE LINE...: a payroll with the full header.
pay() {
	f=$1
	shift
	echo "staff,name,role,county,grid,gross,insurance,subsidy,case_subsidy,accident_insurance" >"$f"
	for l in "$@"; do echo "$l" >>"$f"; done
}

test_expect_success 'full-time pay less insurance exactly at the minimum is not a finding; a fen less is' '
	pay at.csv "1,张伟,full_time,140121,,2100.00,120,,,yes" &&
	payroll-check --month 2026-10 at.csv >out 2>err && ! test -s out &&
	pay below.csv "1,张伟,full_time,140121,,2100.00,120.01,,,yes" &&
	exits 1 payroll-check --month 2026-10 below.csv >out &&
	grep "^ART18-MIN-WAGE	Art. 18	error	1	line 2: .*1979.99 yuan.*1980.00 yuan.*	county=140121 class=1 pay=1979.99 min_wage=1980.00$" out
'

test_expect_success 'the wage change of 2023-01-01 applies from that month, the class history with it' '
	pay old.csv "1,张伟,full_time,140121,,1700,,,,yes" &&
	payroll-check --month 2022-12 old.csv >out && ! test -s out &&
	exits 1 payroll-check --month 2023-01 old.csv >out &&
	grep "class=1 pay=1700.00 min_wage=1980.00" out &&
	pay low.csv "1,张伟,full_time,140121,,1599.99,,,,yes" &&
	exits 1 payroll-check --month 2022-12 low.csv >out &&
	grep "class=2 pay=1599.99 min_wage=1600.00" out
'

test_expect_success 'a county with no wage class is a configuration error naming the key (78), no finding printed' '
	pay other.csv "1,张伟,full_time,140106,,900,,,,yes" &&
	exits 78 payroll-check --month 2026-10 other.csv >out 2>err &&
	! test -s out && grep "set pay.wage_class.140106" err
'

test_expect_success 'the shipped config has no county classes: full-time pay there is a configuration error' '
	exits 78 env -u GRIDKIT_CONFIG payroll-check --month 2026-10 at.csv 2>err &&
	grep "pay.wage_class.140121" err
'

test_expect_success 'a part-time member of a rural grid under 500 is found; at 500, or in an urban grid, not' '
	pay rural.csv "2,李娜,part_time,,140121100201001,0,,499.99,,yes" \
	    "3,王芳,part_time,,140121100201001,100,,400,,yes" \
	    "4,赵强,part_time,,140121100001001,0,,100,,yes" &&
	exits 1 payroll-check --month 2026-10 rural.csv >out &&
	test "$(grep -c ^ART18-RURAL-MIN out)" = 1 &&
	grep "^ART18-RURAL-MIN	Art. 18	error	2	.*	pay=499.99 rural_min=500.00$" out
'

test_expect_success 'a part-time member whose grid kind is unknown is said to be unchecked' '
	pay nokind.csv "2,李娜,part_time,140121,,0,,10,,yes" &&
	payroll-check --month 2026-10 nokind.csv >out 2>err && ! test -s out &&
	grep "rule ART18-RURAL-MIN not checked: 1 part-time lines with no grid kind" err
'

test_expect_success 'assistants are checked only when pay.assistant_min is set' '
	pay asst.csv "5,周敏,assistant,140121,,600,,100,,yes" &&
	payroll-check --month 2026-10 asst.csv >out && ! test -s out &&
	printf "pay.assistant_min: \"700.01\"\n" >>pay.yaml &&
	exits 1 payroll-check --month 2026-10 asst.csv >out &&
	grep "^ART18-ASSISTANT-MIN	Art. 18	error	5	.*	pay=700.00 assistant_min=700.01$" out &&
	sed -i "/assistant_min/d" pay.yaml
'

test_expect_success 'no accident insurance is a warning: exit 0, exit 1 with --strict' '
	pay acc.csv "1,张伟,full_time,140121,,3000,,,,否" "2,李娜,part_time,,140121100201001,0,,600,,35.50" &&
	payroll-check --month 2026-10 acc.csv >out &&
	grep "^ART19-ACCIDENT-INSURANCE	Art. 19	warning	1	" out &&
	test "$(wc -l <out)" = 2 &&
	exits 1 payroll-check --strict --month 2026-10 acc.csv >out
'

test_expect_success 'a payroll without the accident_insurance column says the rule was not checked' '
	printf "staff,role,county,gross\n1,full_time,140121,3000\n" >noacc.csv &&
	payroll-check --month 2026-10 noacc.csv >out 2>err && ! test -s out &&
	grep "ART19-ACCIDENT-INSURANCE not checked: the payroll has no accident_insurance column" err
'

test_expect_success 'the same person twice is found, by staff id and by identity number' '
	ID=$(idnum 14012119900101123) &&
	pay dup.csv "1,张伟,full_time,140121,,3000,,,,yes" "7,x,part_time,,140121100201001,0,,600,,yes" \
	    "1,张伟,full_time,140121,,3000,,,,yes" &&
	exits 1 payroll-check --month 2026-10 dup.csv >out &&
	grep "^PAY-DUPLICATE	Art. 17	error	1	.*line 2 and again on line 4.*	line=4 first_line=2$" out &&
	printf "id_number,role,county,gross\n$ID,full_time,140121,3000\n$ID,full_time,140121,3000\n" >dupid.csv &&
	exits 1 payroll-check --month 2026-10 dupid.csv >out &&
	grep "^PAY-DUPLICATE	Art. 17	error	140121\*\{8\}123[0-9X]	" out &&
	! grep "$ID" out
'

test_expect_success 'amounts: commas, no decimals, one decimal are read exactly' '
	pay fmt.csv "1,a,full_time,140121,,\"1,980.00\",,,,yes" "2,b,full_time,140121,,1980,,,,yes" \
	    "3,c,full_time,140121,,1979.9,,,,yes" &&
	exits 1 payroll-check --month 2026-10 fmt.csv >out &&
	test "$(wc -l <out)" = 2 && grep "	3	.*pay=1979.90 " out
'

test_expect_success 'a malformed payroll exits 65 with every bad line located and no finding' '
	pay bad.csv "1,a,full_time,140121,,-5,,,,yes" "2,b,full_time,140121,,abc,,,,yes" \
	    "3,c,full_time,140121,,1980.001,,,,yes" "4,d,full_time,140121,,1000,,,,yes" \
	    "5,e,boss,140121,,3000,,,,yes" &&
	exits 65 payroll-check --month 2026-10 bad.csv >out 2>err &&
	! test -s out &&
	grep "^payroll-check: bad.csv:2:[0-9]*: field \"gross\": \"-5\": negative$" err &&
	grep "^payroll-check: bad.csv:3:[0-9]*: field \"gross\": \"abc\": not a number$" err &&
	grep "^payroll-check: bad.csv:4:[0-9]*: field \"gross\": \"1980.001\": more than two decimals" err &&
	grep "^payroll-check: bad.csv:6:[0-9]*: field \"role\"" err &&
	! grep "bad.csv:5:" err
'

test_expect_success '--max-errors stops the report of bad lines there, still refusing the file' '
	exits 65 payroll-check --max-errors 2 --month 2026-10 bad.csv >out 2>err &&
	! test -s out && test "$(grep -c "field \"" err)" = 2 &&
	grep "bad.csv: 2 bad lines; stopped there" err
'

test_expect_success 'JSON Lines payrolls are read, numbers and strings alike' '
	printf "{\"staff\": 1, \"role\": \"full_time\", \"county\": \"140121\", \"gross\": 1979.5, \"accident_insurance\": true}\n{\"staff\": 2, \"role\": \"full_time\", \"county\": \"140121\", \"gross\": \"1,980\", \"accident_insurance\": true}\n" >pay.jsonl &&
	exits 1 payroll-check -q --month 2026-10 pay.jsonl >out &&
	test "$(grep -vc ^rule out)" = 1 && grep "	1	.*pay=1979.50 " out
'

test_expect_success 'a payroll with no gross column is refused (65), naming the column' '
	printf "staff,role,county\n1,full_time,140121\n" >nogross.csv &&
	exits 65 payroll-check --month 2026-10 nogross.csv 2>err &&
	grep "nogross.csv:1: missing column \"gross\"" err
'

test_expect_success 'a missing payroll file exits 66' '
	exits 66 payroll-check --month 2026-10 none.csv
'

test_expect_success 'Chinese column names are read' '
	printf "人员编号,姓名,岗位,县,应发工资,个人社保,意外险\n1,张伟,专职网格员,140121,2000,30,是\n" >zh.csv &&
	exits 1 payroll-check --month 2026-10 zh.csv >out &&
	grep "pay=1970.00 min_wage=1980.00" out
'

test_expect_success 'findings are sorted by rule, subject and values, whatever the order of the lines' '
	pay s1.csv "9,a,full_time,140121,,100,,,,no" "2,b,part_time,,140121100201001,0,,1,,yes" "10,c,full_time,140121,,100,,,,yes" &&
	pay s2.csv "10,c,full_time,140121,,100,,,,yes" "2,b,part_time,,140121100201001,0,,1,,yes" "9,a,full_time,140121,,100,,,,no" &&
	exits 1 payroll-check --month 2026-10 s1.csv >o1 &&
	exits 1 payroll-check --month 2026-10 s2.csv >o2 &&
	cut -f1,4,6 o1 >k1 && cut -f1,4,6 o2 >k2 && diff k1 k2 &&
	cut -f1,4 o1 | tail -n +2 >keys &&
	printf "ART18-MIN-WAGE\t10\nART18-MIN-WAGE\t9\nART18-RURAL-MIN\t2\nART19-ACCIDENT-INSURANCE\t9\n" | diff - keys
'

test_expect_success '--only and --skip choose the rules; an unknown rule is a usage error (64)' '
	exits 1 payroll-check --month 2026-10 --only art18-rural-min s1.csv >out &&
	test "$(cut -f1 out | sort -u | grep -vc ^rule)" = 1 &&
	payroll-check --month 2026-10 --skip ART18-MIN-WAGE,ART18-RURAL-MIN s1.csv >out &&
	! grep -q "ART18" out &&
	exits 64 payroll-check --only ART99-NOPE s1.csv 2>err &&
	grep "unknown rule \"ART99-NOPE\"" err &&
	exits 64 payroll-check --only ART18-MIN-WAGE --skip PAY-DUPLICATE s1.csv
'

test_expect_success '--baseline prints only what is new, matched by rule, subject and values' '
	exits 1 payroll-check --month 2026-10 -f tsv s1.csv >base.tsv &&
	payroll-check --month 2026-10 --baseline base.tsv s1.csv >out 2>err && ! test -s out &&
	! grep "ignoring column" err &&
	sed "s/	line [0-9]*: [^	]*/	reworded/" base.tsv >reworded.tsv &&
	payroll-check --month 2026-10 --baseline reworded.tsv s1.csv >out && ! test -s out &&
	pay s3.csv "9,a,full_time,140121,,100,,,,no" "2,b,part_time,,140121100201001,0,,1,,yes" "10,c,full_time,140121,,100,,,,yes" "11,d,full_time,140121,,200,,,,yes" &&
	exits 1 payroll-check --month 2026-10 --baseline base.tsv s3.csv >out &&
	test "$(grep -vc ^rule out)" = 1 && grep "	11	" out &&
	exits 66 payroll-check --baseline none.tsv s1.csv
'

test_expect_success 'a nightly job appending to an empty baseline mails each finding once' '
	: >seen.tsv &&
	exits 1 payroll-check -q -f tsv --month 2026-10 --baseline seen.tsv s1.csv | tee -a seen.tsv >night1 &&
	test "$(grep -vc ^rule night1)" = 4 &&
	payroll-check -q -f tsv --month 2026-10 --baseline seen.tsv s1.csv | tee -a seen.tsv >night2 &&
	! test -s night2 &&
	exits 1 payroll-check -q -f tsv --month 2026-10 --baseline seen.tsv s3.csv | tee -a seen.tsv >night3 &&
	test "$(grep -vc ^rule night3)" = 1
'

test_expect_success 'silent on a clean run (rules that need a database not asked for); -v says how many' '
	payroll-check --skip PAY-NOT-STAFF,PAY-STAFF-UNPAID --month 2026-10 at.csv >out 2>err &&
	! test -s out && ! test -s err &&
	payroll-check -v --month 2026-10 at.csv 2>err && grep "0 findings (0 errors, 0 warnings)" err
'

test_expect_success 'JSON Lines carry the same columns' '
	exits 1 payroll-check -f jsonl --month 2026-10 below.csv >out &&
	grep "^{\"rule\": *\"ART18-MIN-WAGE\", *\"article\": *\"Art. 18\", *\"severity\": *\"error\", *\"subject\": *\"1\"" out
'

test_expect_success 'JSON of a clean run is an empty array; TSV and JSON Lines print nothing' '
	payroll-check -q -f json --month 2026-10 at.csv >out && test "$(tr -d " \n" <out)" = "[]" &&
	payroll-check -q -f jsonl --month 2026-10 at.csv >out && ! test -s out
'

test_expect_success 'without --month the month is that of --as-of' '
	exits 1 payroll-check -q --as-of 2023-01-15 old.csv >out &&
	grep "min_wage=1980.00" out &&
	payroll-check -q --as-of 2022-12-31 old.csv >out && ! test -s out
'

test_expect_success '--rules lists every rule with its article, severity and config values in force' '
	payroll-check --rules -f tsv >out &&
	test "$(grep -vc ^rule out)" = 8 &&
	grep "^ART18-MIN-WAGE	Art. 18	error	true	.*	pay.min_wage=2017-10-01 1700 1600 1500 1400, 2023-01-01 1980 1880 1780; pay.wage_class.\*=140121=2017-10-01 2, 2023-01-01 1$" out &&
	grep "^ART18-RURAL-MIN	Art. 18	error	true	.*	pay.rural_min=500$" out &&
	payroll-check --rules --skip PAY-DUPLICATE -f tsv | grep "^PAY-DUPLICATE	Art. 17	error	false"
'

test_expect_success 'a bad pay value in the config is a configuration error (78)' '
	printf "pay.rural_min: \"-500\"\n" >badcfg.yaml &&
	exits 78 payroll-check -c badcfg.yaml --rules 2>err && grep "pay.rural_min \"-500\": negative" err &&
	printf "pay.wage_class.1401: [1]\n" >badcfg.yaml &&
	exits 78 payroll-check -c badcfg.yaml --rules 2>err && grep "not a 6-digit county code" err
'

test_expect_success 'a bad --month is a usage error' '
	exits 64 payroll-check --month 2026-13 s1.csv &&
	exits 64 payroll-check --month 2026-1 s1.csv
'

# With the database: staff applied, their assignments set for the test.
load_county >/dev/null || exit 1
ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
WF=$(idnum 14012119880808345)
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role
张伟,$ZW,13800138000,高中,140121100001001,full_time
李娜,$LN,13900139001,本科,140121100201001,part_time
王芳,$WF,13700137002,本科,140121100001002,full_time
CSV
staff-hire apply cands.csv >/dev/null || exit 1
sqlite3 test.db "INSERT INTO assignments (person, grid, role, started) VALUES
    (1, '140121100001001', 'full_time', '2026-01-01'),
    (2, '140121100201001', 'part_time', '2026-10-15'),
    (3, '140121100001002', 'full_time', '2025-01-01');
    UPDATE assignments SET ended = '2026-10-01' WHERE person = 3;" || exit 1

test_expect_success 'with a database: paid but not staff, and staff not paid, are found' '
	printf "staff,id_number,role,gross,subsidy,accident_insurance\n1,,full_time,3000,,yes\n,$WF,full_time,3000,,yes\n" >db.csv &&
	exits 1 payroll-check --month 2026-10 db.csv >out 2>err &&
	grep "^PAY-NOT-STAFF	Art. 17	error	140121\*\*\*\*\*\*\*\*345" out &&
	grep "^PAY-STAFF-UNPAID	Art. 17	warning	2	.*	county=140121 role=part_time$" out &&
	! grep "	1	" out && ! grep "$WF" out
'

test_expect_success 'with a database: the grid kind and county come from the assignment' '
	printf "staff,role,gross,subsidy,accident_insurance\n1,full_time,3000,,yes\n2,part_time,0,450,yes\n" >db2.csv &&
	exits 1 payroll-check --month 2026-10 db2.csv >out 2>err &&
	grep "^ART18-RURAL-MIN	.*	2	.*pay=450.00 rural_min=500.00$" out &&
	test "$(grep -vc ^rule out)" = 1
'

test_expect_success 'someone who left on the first of the month was not staff that month' '
	printf "staff,role,gross,accident_insurance\n3,full_time,3000,yes\n" >db3.csv &&
	exits 1 payroll-check --month 2026-10 db3.csv >out &&
	grep "^PAY-NOT-STAFF	.*	3	" out &&
	payroll-check --month 2026-09 db3.csv >out &&
	! grep "PAY-NOT-STAFF" out
'

test_expect_success 'the per-case subsidy is the cases reported and closed that month times the rate (Art. 19)' '
	printf "pay.case_rate: \"20\"\n" >case.yaml &&
	event-report --now 2026-10-12T09:00:00+08:00 add --grid 140121100001001 \
	    --category 邻里纠纷 --severity 一般 --title 楼道堆物 --reporter 1 \
	    --resolved --result 已清理 >/dev/null &&
	event-report --now 2026-11-02T09:00:00+08:00 add --grid 140121100001001 \
	    --category 邻里纠纷 --severity 一般 --title 噪音 --reporter 1 --new \
	    --resolved --result 已调解 >/dev/null &&
	printf "staff,role,gross,subsidy,case_subsidy,accident_insurance\n1,full_time,3000,,0,yes\n" >cs.csv &&
	exits 1 payroll-check -c case.yaml --only ART19-CASE-SUBSIDY --month 2026-10 cs.csv >out &&
	grep "^ART19-CASE-SUBSIDY	.*	1	.*case_subsidy=0.00 cases=1 expected=20.00$" out &&
	printf "staff,role,gross,subsidy,case_subsidy,accident_insurance\n1,full_time,3000,,20,yes\n" >cs2.csv &&
	payroll-check -c case.yaml --only ART19-CASE-SUBSIDY --month 2026-10 cs2.csv >out &&
	! grep ART19 out
'

test_done
