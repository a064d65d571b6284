#!/bin/sh
# staff-hire enrol: the grid staff serving before gridkit, checked
# against Art. 9 as of today, recorded as serving since the day they
# began, with no selection stage made up; all or nothing as apply, and
# a second run changes nothing.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1

cat >serving.csv <<CSV
序号,姓名,身份证号,手机号,学历,网格编码,岗位,任职日期
1,王　芳,$(idnum 14012119800101102),13800000001,高中,140121100001001,专职网格员,2019-03-01
2,李强,$(idnum 14012119750505201),13800000002,大专,140121100001002,网格长,2018-06-15
CSV

test_expect_success 'serving staff are enrolled, hired and serving since the day they began' '
	staff-hire enrol serving.csv >ids &&
	test "$(cat ids)" = "$(printf "1\n2\n")" &&
	staff-hire list --active -f tsv | cut -f2,6,7,8,9,11 >got &&
	printf "name\tgrid\trole\tstage\tstatus\tstarted\n王　芳\t140121100001001\tfull_time\thired\tstaff\t2019-03-01\n李强\t140121100001002\tleader\thired\tstaff\t2018-06-15\n" |
	    diff - got
'

test_expect_success 'no selection stage, application or round is made up for them' '
	staff-hire show 1 -f json >show.json &&
	grep "\"stages\": \[\]" show.json &&
	grep "\"applications\": \[\]" show.json &&
	grep "\"started\": \"2019-03-01\"" show.json &&
	staff-hire log -f tsv | cut -f5,6,7 | grep "^enrol	serving.csv	2 rows: 2 added"
'

test_expect_success 'enrolling the file again changes nothing and prints the same ids' '
	staff-hire enrol serving.csv >ids2 2>err &&
	diff ids ids2 &&
	grep "serving.csv: all 2 staff are enrolled already; nothing changed" err &&
	test "$(staff-hire log -f tsv | grep -c "	enrol	")" = 1
'

test_expect_success 'a later move is dated after the day they began' '
	exits 65 staff-hire --now 2018-01-01T09:00:00+08:00 leave 2 --reason resign --on 2018-01-01 2>err &&
	grep "2 (李强): leaving is dated 2018-01-01, before their last recorded event on 2018-06-15" err
'

cat >bad.csv <<CSV
name,id_number,phone,education,grid,role,since
赵六,$(idnum 14012120100101301),13800000003,高中,140121100001001,part_time,2024-01-01
钱七,$(idnum 14012119850101401),13800000004,初中,140121100001001,leader,2020-01-01
孙八,$(idnum 14012119850101501),13800000005,高中,140121100201001,part_time,2027-01-01
周九,$(idnum 14012119850101601),13800000006,高中,140121100201001,part_time,
吴十,$(idnum 14012119860101701),13800000007,高中,140121100201001,part_time,2021-05-01
CSV

test_expect_code 65 'one bad row enrols nobody' 'staff-hire enrol bad.csv'

test_expect_success '... each checked against Art. 9 as of today, and the day they began' '
	exits 65 staff-hire enrol bad.csv 2>err >out &&
	test ! -s out &&
	grep "bad.csv:2:[0-9]*: field \"id_number\": ineligible (Art. 9): 16 years old on 2026-11-29; the minimum age is 18" err &&
	grep "bad.csv:3:[0-9]*: field \"education\": ineligible (Art. 9): 初中 is below 高中, the minimum for leader" err &&
	grep "bad.csv:4:[0-9]*: field \"since\": 2027-01-01 is in the future" err &&
	grep "bad.csv:5:[0-9]*: field \"since\": empty; the day they began serving is required" err &&
	grep "bad.csv: 4 bad rows; nobody enrolled" err &&
	test "$(staff-hire list --active -f tsv | wc -l)" = 3
'

test_expect_success 'with --keep-going the good rows are enrolled and the bad ones go back' '
	exits 1 staff-hire enrol --keep-going --rejects back.csv bad.csv >ids3 2>err &&
	test "$(cat ids3)" = 3 &&
	test "$(sed 1d back.csv | wc -l)" = 4 &&
	staff-hire list --active -f tsv | grep "^3	吴十	"
'

test_expect_success 'a grid gets no more leaders than Art. 5 allows' '
	printf "name,id_number,phone,education,grid,role,since\n陈二,%s,13800000009,大专,140121100001002,leader,2021-01-01\n" \
	    "$(idnum 14012119800202901)" >leader.csv &&
	exits 65 staff-hire enrol leader.csv 2>err &&
	grep "leader.csv:2:[0-9]*: field \"role\": grid 140121100001002 has 1 leader already; the limit is 1" err
'

test_expect_success 'an identity number registered otherwise is refused, naming its staff id' '
	printf "name,id_number,phone,education,grid,role,since\n李强,%s,13800000002,大专,140121100201001,part_time,2018-06-15\n" \
	    "$(idnum 14012119750505201)" >other.csv &&
	exits 65 staff-hire enrol other.csv 2>err &&
	grep "identity number 140121\*\*\*\*\*\*\*\*201[0-9X] is already registered: staff id 2, 李强, staff" err
'

test_expect_success 'the same person twice in one file names the earlier line' '
	printf "name,id_number,phone,education,grid,role,since\n郑一,%s,13800000008,高中,140121100201001,part_time,2022-01-01\n郑一,%s,13800000008,高中,140121100201001,part_time,2022-01-01\n" \
	    "$(idnum 14012119900101801)" "$(idnum 14012119900101801)" >twice.csv &&
	exits 65 staff-hire enrol twice.csv 2>err &&
	grep "twice.csv:3:[0-9]*: field \"id_number\": identity number .* appears earlier in this file, on line 2 (郑一)" err
'

test_done
