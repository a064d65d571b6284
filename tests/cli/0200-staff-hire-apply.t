#!/bin/sh
# staff-hire apply: the eligibility checks of Art. 9, all or nothing,
# --keep-going, idempotent re-runs, ids for pipelines, masking.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1

# An identity number or a mobile number in the clear.
clear="(^|[^0-9])([0-9]{17}[0-9X]|1[3-9][0-9]{9})([^0-9]|\$)"

# Born 1990-01-01, 1995-05-05, 1988-08-08: adults on 2026-11-29.
ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
WQ=$(idnum 14012119880808345)
cat >good.csv <<CSV
姓名,身份证号,手机号,学历,网格编码,岗位,党员,退役军人,国籍,在查,受处罚,开除
张伟,$ZW,13800138000,高中,140121100001001,专职网格员,是,否,CN,否,否,否
李娜,$LN,139-0013-9001,本科,140121100001001,网格长,否,是,CN,否,否,否
王强,$WQ,+86 137 0013 7002,初中,140121100201001,兼职网格员,,,CN,否,否,否
CSV

test_expect_success 'a good batch registers everyone and prints their staff ids' '
	staff-hire apply good.csv >ids 2>err &&
	test "$(cat ids)" = "$(printf "1\n2\n3")" && ! test -s err
'

test_expect_success 'the candidates are at registration, personal data masked' '
	staff-hire list -f tsv >list &&
	grep "^1	张伟	140121\*\*\*\*\*\*\*\*1238	138\*\*\*\*8000	senior_high	140121100001001	full_time	registration	candidate	2026-11-29		$" list
'

test_expect_success 'applying the same file again changes nothing and says so' '
	staff-hire apply good.csv >ids2 2>err &&
	cmp ids ids2 &&
	grep "all 3 candidates are registered already; nothing changed" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people")" = 3
'

# Each row breaks one rule.
cat >bad.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
A,$(idnum 14012120090101111),13800000001,高中,140121100001001,full_time,,,,
B,14012119900101123X,13800000002,高中,140121100001001,full_time,,,,
C,$(idnum 14012119900230123),13800000003,高中,140121100001001,full_time,,,,
D,1.40121E+17,13800000004,高中,140121100001001,full_time,,,,
E,$(idnum 14012119900101222),1380000000,高中,140121100001001,full_time,,,,
F,$(idnum 14012119900101333),13800000006,初中,140121100001001,full_time,,,,
G,$(idnum 14012119900101444),13800000007,高中,140121100099001,full_time,,,,
H,$(idnum 14012119900101555),13800000008,高中,140121100001001,manager,,,,
I,$(idnum 14012119900101666),13800000009,高中,140121100001001,full_time,US,,,
J,$(idnum 14012119900101777),13800000010,高中,140121100001001,full_time,,是,,
K,$(idnum 14012119900101888),13800000011,高中,140121100001001,full_time,,,是,
L,$(idnum 14012119900101999),13800000012,高中,140121100001001,full_time,,,,是
M,$ZW,13800000013,高中,140121100001001,full_time,,,,
N,$(idnum 14012119900102123),13800000014,高中,140121100001001,full_time,,,,
O,$(idnum 14012119900102123),13800000015,高中,140121100001001,full_time,,,,
CSV

test_expect_code 65 'a batch with any bad row exits 65' 'staff-hire apply bad.csv'

staff-hire apply bad.csv >bad.out 2>bad.err

test_expect_success 'nobody of a bad batch is registered, not even the good row' '
	! test -s bad.out &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people")" = 3 &&
	grep "bad.csv: 14 bad rows; nobody registered" bad.err
'

test_expect_success 'under 18 is ineligible, naming Art. 9 and the age' '
	grep "^staff-hire: bad.csv:2:[0-9]*: field \"id_number\": ineligible (Art. 9): 17 years old on 2026-11-29; the minimum age is 18$" bad.err
'

test_expect_success 'a wrong check character is named, the number masked' '
	grep "bad.csv:3:.*\"id_number\": 140121\*\*\*\*\*\*\*\*123X: check character is X, expected 8" bad.err
'

test_expect_success 'a birth date that does not exist is named' '
	grep "bad.csv:4:.*\"id_number\": 140121\*\*\*\*\*\*\*\*123[0-9X]: birth date 19900230 does not exist$" bad.err
'

test_expect_success 'an identity number Excel damaged is named as such, with the fix' '
	grep "bad.csv:5:.*scientific notation.*Text" bad.err
'

test_expect_success 'an identity number whose last digits Excel rounded to 000 is named' '
	printf "name,id_number,phone,education,grid,role\nQ,140105198503071000,13800000040,高中,140121100001001,full_time\n" >x000.csv &&
	exits 65 staff-hire apply x000.csv 2>err &&
	grep "Excel keeps only 15 significant digits" err
'

test_expect_success 'a bad phone is refused, masked' '
	grep "bad.csv:6:.*field \"phone\": 138\*\*\*\*0000\?: mobile numbers have 11 digits" bad.err ||
	grep "bad.csv:6:.*field \"phone\":.*11 digits" bad.err
'

test_expect_success 'education below the minimum for the role is ineligible' '
	grep "bad.csv:7:.*field \"education\": ineligible (Art. 9): 初中 is below 高中, the minimum for full_time" bad.err
'

test_expect_success 'a grid not in the database is refused' '
	grep "bad.csv:8:.*grid 140121100099001 is not in the database" bad.err
'

test_expect_success 'an unknown role is refused with the roles listed' '
	grep "bad.csv:9:.*\"manager\": not a role (leader 网格长" bad.err
'

test_expect_success 'a foreign nationality is ineligible' '
	grep "bad.csv:10:.*ineligible (Art. 9): nationality \"US\"; Chinese nationality is required" bad.err
'

test_expect_success 'each bar of Art. 9 is named' '
	grep "bad.csv:11:.*barred (Art. 9): under investigation" bad.err &&
	grep "bad.csv:12:.*barred (Art. 9): has received a criminal or public-security" bad.err &&
	grep "bad.csv:13:.*barred (Art. 9): expelled from the party, public office or the army" bad.err
'

test_expect_success 'an identity number already registered is a duplicate' '
	grep "bad.csv:14:.*identity number 140121\*\*\*\*\*\*\*\*1238 is already registered: staff id 1, 张伟, candidate" bad.err
'

test_expect_success 'the same identity number twice in one file is a duplicate' '
	grep "bad.csv:16:.*appears earlier in this file, on line 15 (" bad.err &&
	! grep "bad.csv:16:.*staff id" bad.err
'

test_expect_success 'no message shows an identity number or phone in the clear' '
	! grep -E "$clear" bad.err
'

test_expect_success '--keep-going registers the good rows and exits 1' '
	exits 1 staff-hire apply --keep-going --rejects rejects.csv bad.csv >kg.out 2>kg.err &&
	test "$(cat kg.out)" = 4 &&
	grep "14 rows rejected, written to rejects.csv" kg.err
'

test_expect_success 'the rejects file is 0600, masked, with line and reason' '
	test "$(stat -c %a rejects.csv)" = 600 &&
	head -1 rejects.csv | grep "^line,name,id_number,.*,reason$" &&
	test "$(wc -l <rejects.csv)" = 15 &&
	grep "^2,A,140121\*\*\*\*\*\*\*\*111[0-9X],13[0-9]\*\*\*\*0001," rejects.csv | grep "17 years old" &&
	! grep -E "$clear" rejects.csv
'

test_expect_success '--reveal writes a rejects file one can correct and apply again' '
	exits 1 staff-hire apply --reveal --keep-going --rejects fix.csv bad.csv >/dev/null 2>&1 &&
	grep "^2,A,$(idnum 14012120090101111),13800000001," fix.csv
'

test_expect_success 'a rural full-time post is refused when the config forbids it' '
	printf "staff:\n  rural_full_time: false\n" >nofull.yaml &&
	printf "name,id_number,phone,education,grid,role\nP,%s,13800000020,高中,140121100201001,full_time\n" \
	    "$(idnum 14012119900103123)" >rural.csv &&
	exits 65 staff-hire -c nofull.yaml apply rural.csv 2>err &&
	grep "full-time members are not taken in rural grids here (staff.rural_full_time is off; Art. 8)" err &&
	staff-hire apply rural.csv >/dev/null
'

test_expect_success 'a GB18030 spreadsheet applies with --encoding' '
	printf "姓名,身份证号,手机号,学历,网格编码,岗位\n赵敏,%s,13800000030,高中,140121200202001,兼职网格员\n" \
	    "$(idnum 14012119920202123)" | iconv -f utf-8 -t gb18030 >gb.csv &&
	exits 65 staff-hire apply gb.csv 2>err && grep "try --encoding gb18030" err &&
	staff-hire apply --encoding gb18030 gb.csv >id &&
	staff-hire show "$(cat id)" >actual && grep "^name *赵敏$" actual
'

test_expect_success 'on a terminal or with -f, apply prints a table of who was registered' '
	staff-hire apply -f tsv good.csv >t &&
	head -1 t | grep "^id	name	id_number	grid	role	result$" &&
	grep "^1	张伟	140121\*\*\*\*\*\*\*\*1238	140121100001001	full_time	unchanged$" t
'

test_expect_success '--rejects without --keep-going is a usage error' '
	exits 64 staff-hire apply --rejects r.csv good.csv
'

test_expect_success 'a dry run into a database that does not exist creates no file' '
	printf "name,id_number,phone,education,grid,role\n" >header.csv &&
	staff-hire -d dry/new.db -n apply header.csv &&
	{ cat header.csv &&
	  echo "张伟,$ZW,13800138000,本科,140121100001001,full_time"; } >dry.csv &&
	exits 65 staff-hire -d dry.db -n apply dry.csv 2>err &&
	grep "dry.csv:2:.*grid 140121100001001 is not in the database" err &&
	! test -e dry && ! test -e dry.db
'

test_done
