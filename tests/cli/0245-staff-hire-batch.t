#!/bin/sh
# The batch-import driver seen from outside: personal data masked in
# every column of every message and rejects row, the rejects file given
# its name only after the commit, staff ids never lost, ids that the
# database returned.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1

# An identity number or a mobile number in the clear.
clear="(^|[^0-9])([0-9]{17}[0-9X]|1[3-9][0-9]{9})([^0-9]|\$)"

ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
WQ=$(idnum 14012119880808345)
LIU=$(idnum 14012119910303456)

# Personal data pasted into the wrong columns.
cat >wrong.csv <<CSV
name,id_number,phone,education,grid,role,party_member,nationality,under_investigation,penalized,expelled
张伟,$ZW,13800138000,高中,$LN,full_time,否,CN,否,否,否
李娜,$LN,13900139001,$WQ,140121100001001,13700137002,否,CN,否,否,否
王强,$WQ,13700137002,高中,140121100201001,part_time,+86 139 0013 9001,CN,否,否,否
刘洋,$LIU,13600136003,大专,140121100001001,leader,否,CN,否,否,否
CSV

test_expect_success 'an identity number or phone in a non-PII column is masked in messages' '
	exits 65 staff-hire apply wrong.csv 2>err &&
	grep "wrong.csv:2:.*field \"grid\": \"140121\*\*\*\*\*\*\*\*[0-9X]\{4\}\"" err &&
	grep "wrong.csv:3:.*field \"education\": \"140121\*\*\*\*\*\*\*\*[0-9X]\{4\}\": not an education level" err &&
	grep "wrong.csv:3:.*field \"role\": \"137\*\*\*\*7002\": not a role" err &&
	grep "wrong.csv:4:.*field \"party_member\": \"139\*\*\*\*9001\": not yes or no" err &&
	! grep -E "$clear" err
'

test_expect_success '--reveal shows them as written' '
	exits 65 staff-hire --reveal apply wrong.csv 2>err &&
	grep "field \"grid\": \"$LN\"" err &&
	grep "field \"role\": \"13700137002\": not a role" err
'

test_expect_success 'a birth date that cannot exist is shown; one that can stays masked' '
	printf "name,id_number,phone,education,grid,role\n张三,%s,13800138000,高中,140121100001001,full_time\n张四,%s,13800138001,高中,140121100001001,full_time\n" \
	    "$(idnum 14012119990231001)" "$(idnum 14012119990228001 | sed "s/.\$/0/")" >dates.csv &&
	exits 65 staff-hire apply dates.csv 2>err &&
	grep "dates.csv:2:[0-9]*: field \"id_number\": 140121\*\*\*\*\*\*\*\*001[0-9X]: birth date 19990231 does not exist$" err &&
	grep "dates.csv:3:[0-9]*: field \"id_number\": 140121\*\*\*\*\*\*\*\*0010: check character" err &&
	! grep 19990228 err
'

test_expect_success 'the rejects file masks every column the same way' '
	exits 1 staff-hire apply --keep-going --rejects wrong-rej.csv wrong.csv >ids 2>err &&
	test "$(wc -l <wrong-rej.csv)" = 4 &&
	grep "^2,张伟,140121\*\*\*\*\*\*\*\*[0-9X]\{4\},138\*\*\*\*8000,高中,140121\*\*\*\*\*\*\*\*[0-9X]\{4\}," wrong-rej.csv &&
	! grep -E "$clear" wrong-rej.csv &&
	! grep -E "$clear" err
'

test_expect_success 'a training row naming an identity number is masked' '
	printf "staff,level,date,hours,topic,name\n%s,county,2026-11-21,4,x,%s\n" \
	    "$(cat ids)" "$ZW" >train.csv &&
	exits 65 staff-hire train train.csv 2>err &&
	grep "field \"name\": staff id [0-9]* is 刘洋, not \"140121\*\*\*\*\*\*\*\*1238\"$" err &&
	! grep -E "$clear" err
'

test_expect_success 'grid-define masks an identity number typed as a code' '
	printf "code,name\n%s,某网格\n" "$ZW" >g.csv &&
	exits 65 grid-define import grids g.csv 2>err &&
	grep "g.csv:2:1: field \"code\": \"140121\*\*\*\*\*\*\*\*1238\"" err &&
	! grep -E "$clear" err
'

cat >mixed.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
孙丽,$(idnum 14012119960606123),13700137077,本科,140121100001001,网格助理,CN,否,否,否
周杰,$(idnum 14012119970707234),13700137088,本科,140121100099001,网格助理,CN,否,否,否
CSV
cp mixed.csv broken.csv
printf '吴\377,%s,13700137099,本科,140121100001001,网格助理\n' \
    "$(idnum 14012119980808345)" >>broken.csv

test_expect_success 'a keep-going batch that fails leaves no rejects file, no temporary' '
	mkdir out &&
	exits 65 staff-hire apply --keep-going --rejects out/r.csv broken.csv >ids 2>err &&
	grep "invalid UTF-8" err &&
	! test -s ids &&
	test -z "$(ls -A out)" &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people WHERE name = '"'"'孙丽'"'"'")" = 0
'

test_expect_success 'the retry with the same rejects name works' '
	exits 1 staff-hire apply --keep-going --rejects out/r.csv mixed.csv >ids 2>err &&
	test "$(ls -A out)" = r.csv &&
	test "$(stat -c %a out/r.csv)" = 600 &&
	grep "^3,周杰," out/r.csv &&
	grep "1 row rejected, written to out/r.csv" err &&
	test "$(wc -l <ids)" = 1
'

test_expect_success 'an existing rejects file is refused with 73 and kept' '
	echo "my spreadsheet" >mine.csv &&
	exits 73 staff-hire apply --keep-going --rejects mine.csv wrong.csv >ids 2>err &&
	grep "mine.csv exists already" err &&
	test "$(cat mine.csv)" = "my spreadsheet" &&
	! test -s ids &&
	test -z "$(ls -A . | grep "^\.mine")"
'

cat >new.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
赵敏,$(idnum 14012119920202123),13800000030,高中,140121200202001,兼职网格员,CN,否,否,否
钱进,$(idnum 14012119920202234),13800000031,高中,140121200202001,兼职网格员,CN,否,否,否
CSV

test_expect_success 'staff ids that cannot be written fail the command (74), the rows kept' '
	exits 74 staff-hire apply new.csv >/dev/full 2>err &&
	grep "cannot write the staff ids of new.csv" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people WHERE name IN ('"'"'赵敏'"'"', '"'"'钱进'"'"')")" = 2 &&
	staff-hire apply new.csv >ids &&
	test "$(wc -l <ids)" = 2
'

# A person whose id is the largest SQLite allows: new rows then get
# ids chosen at random, below it; no arithmetic on ids can find them.
sqlite3 test.db "INSERT INTO people (id, id_number, name, phone, education,
    nationality, grid, role, stage, stage_since, status, created, updated)
    VALUES (9223372036854775807, '$(idnum 14012119800101123)', '老王',
    '13800000099', 'senior_high', 'CN', '140121100001001', 'full_time',
    'registration', '2026-01-01', 'candidate', '2026-01-01', '2026-01-01')"
cat >late.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
冯一,$(idnum 14012119930303123),13800000041,高中,140121100001001,兼职网格员,CN,否,否,否
陈二,$(idnum 14012119930303234),13800000042,高中,140121100001001,兼职网格员,CN,否,否,否
CSV

test_expect_success 'the ids printed are the ones the database gave, each with its stage' '
	staff-hire apply late.csv >ids &&
	for id in $(cat ids); do
		test "$(sqlite3 test.db "SELECT count(*) FROM stages WHERE person = $id AND stage = '"'"'registration'"'"'")" = 1 || return 1
	done &&
	test "$(sort -u ids | wc -l)" = 2 &&
	test "$(sqlite3 test.db "SELECT group_concat(id, '"'"' '"'"') FROM (SELECT id FROM people WHERE name IN ('"'"'冯一'"'"', '"'"'陈二'"'"') ORDER BY name = '"'"'陈二'"'"') x")" = "$(cat ids | tr "\n" " " | sed "s/ \$//")"
'

test_expect_success 'the same person twice in a file is found whatever the ids' '
	printf "name,id_number,phone,education,grid,role\n褚三,%s,13800000043,高中,140121100001001,兼职网格员\n褚三,%s,13800000043,高中,140121100001001,兼职网格员\n" \
	    "$(idnum 14012119930303345)" "$(idnum 14012119930303345)" >twice.csv &&
	exits 65 staff-hire apply twice.csv 2>err &&
	grep "twice.csv:3:.*appears earlier in this file" err
'

test_done
