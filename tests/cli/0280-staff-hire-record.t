#!/bin/sh
# staff-hire: the procedure of Art. 11 that the record proves: the
# publicity counted as the Civil Code counts, its end stored; the record
# moving forward in time only; pipelines run again after mending.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-09-01T09:00:00+08:00
H=name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
cat >cands.csv <<CSV
$H
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,否,否,否
李娜,$(idnum 14012119950505234),13900139001,本科,140121100001002,full_time,CN,否,否,否
王强,$(idnum 14012119880808345),13700137002,高中,140121100001002,full_time,CN,否,否,否
CSV

test_expect_success 'a stage dated before the last recorded event is refused, naming both' '
	staff-hire apply cands.csv >ids &&
	exits 65 staff-hire --now 2026-08-20T09:00:00+08:00 advance --stage qualification 1 2>err &&
	grep "1 (张伟): this move is dated 2026-08-20T09:00:00+08:00, before their last recorded event on 2026-09-01T09:00:00+08:00; the record moves forward in time only" err &&
	staff-hire --now 2026-09-02T09:00:00+08:00 advance --stage qualification 1 2 3
'

test_expect_success 'a rejection dated before the last event is refused too' '
	exits 65 staff-hire advance --fail --reason 材料不全 3 2>err &&
	grep "3 (王强): this move is dated 2026-09-01T09:00:00+08:00, before their last recorded event on 2026-09-02" err
'

GRIDKIT_NOW=2026-09-03T09:00:00+08:00

test_expect_success 'a pipeline run again after mending rejected rows: those at the stage are unchanged' '
	staff-hire advance --stage exam 1 &&
	printf "1\n2\n" | staff-hire advance --stage exam - 2>err &&
	grep "1 at exam already: unchanged" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM stages WHERE person = 1 AND stage = '"'"'exam'"'"'")" = 1
'

test_expect_success 'those behind the stage, past it or rejected are still refused' '
	staff-hire advance --stage physical 1 &&
	staff-hire advance --fail --reason 放弃 3 &&
	exits 65 staff-hire advance --stage exam 1 2 3 2>err &&
	grep "candidate 1 (张伟) is at physical already; a candidate does not go back to exam" err &&
	grep "candidate 3 (王强) was rejected at qualification" err &&
	grep "2 refused; nobody moved" err &&
	exits 65 staff-hire advance --stage political 2 2>err &&
	grep "candidate 2 (李娜) is at exam; the next stage is physical, not political" err
'

test_expect_success 'publicity is counted as the Civil Code counts: its first day is not counted (Art. 201)' '
	staff-hire advance --stage political 1 &&
	staff-hire --now 2026-09-29T10:00:00+08:00 advance --stage publicity 1 &&
	test "$(sqlite3 test.db "SELECT publicity_end FROM applications WHERE person = 1")" = 2026-10-12 &&
	exits 65 staff-hire --now 2026-10-12T20:00:00+08:00 advance --stage training 1 2>err &&
	grep "candidate 1 (张伟): publicity ends on 2026-10-12 (Art. 11); advance on 2026-10-13 or later" err &&
	staff-hire --now 2026-10-13T09:00:00+08:00 advance --stage training 1
'

GRIDKIT_NOW=2026-10-14T09:00:00+08:00

test_expect_success 'a hire dated before the last event is refused; the twin goes through' '
	staff-hire train 1 --level county --date 2026-10-13 --hours 8 --topic 岗前培训 &&
	exits 65 staff-hire --now 2026-10-12T09:00:00+08:00 hire 1 2>err &&
	grep "1 (张伟): the hire is dated 2026-10-12T09:00:00+08:00, before their last recorded event on 2026-10-13T09:00:00+08:00" err &&
	staff-hire hire 1 &&
	staff-hire advance --stage hired 1 2>err && grep "1 at hired already: unchanged" err
'

test_expect_success 'leaving dated before the hire is refused, naming both dates' '
	exits 65 staff-hire leave 1 --reason resign --on 2026-10-13 2>err &&
	grep "1 (张伟): leaving is dated 2026-10-13, before their last recorded event on 2026-10-14" err &&
	staff-hire --now 2026-10-20T09:00:00+08:00 leave 1 --reason resign --on 2026-10-19
'

test_expect_success 'a post is not filled before it fell open' '
	printf "%s\n赵敏,%s,13500135004,本科,140121100001001,full_time,CN,否,否,否\n" "$H" \
	    "$(idnum 14012119930303567)" >c4.csv &&
	printf "staff:\n  publicity_days: 0\n" >nowait.yaml &&
	staff-hire apply c4.csv >id4 &&
	for s in qualification exam physical political publicity training; do
		staff-hire -c nowait.yaml advance --stage $s 4 || exit 1
	done &&
	staff-hire train 4 --level county --date 2026-10-14 --hours 8 --topic 岗前培训 &&
	exits 65 staff-hire --now 2026-10-15T09:00:00+08:00 hire 4 2>err &&
	grep "grid 140121100001001, full_time: the post falls open on 2026-10-20; it cannot be filled on 2026-10-15, before its holder left" err &&
	staff-hire --now 2026-10-22T09:00:00+08:00 hire 4 &&
	test "$(sqlite3 test.db "SELECT since || filled || filled_by FROM vacancies")" = 2026-10-202026-10-224
'

test_expect_success 'a training sheet masks personal data in its messages unless --reveal, which is audited' '
	printf "staff,level,date,hours,topic,name\n1,county,2026-10-14,2,消防,13800138000\n" >tr.csv &&
	exits 65 staff-hire train tr.csv 2>err &&
	grep "field \"name\": staff id 1 is 张伟, not \"138\*\*\*\*8000\"" err &&
	exits 65 staff-hire --reveal train tr.csv 2>err &&
	grep "staff id 1 is 张伟, not \"13800138000\"" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM audit WHERE verb = '"'"'reveal'"'"' AND subject = '"'"'tr.csv'"'"'")" = 1
'

test_expect_success 'a sign-in sheet names people by identity number, or by name and phone with blanks in the name' '
	printf "姓名,手机号,身份证号,级别,日期,学时,内容\n张　伟,13800138000,,county,2026-10-14,2,信访接待\n李娜,,%s,county,2026-10-14,2,信访接待\n" \
	    "$(idnum 14012119950505234)" >signin.csv &&
	staff-hire train signin.csv &&
	test "$(sqlite3 test.db "SELECT group_concat(person) FROM (SELECT person FROM training WHERE topic = '"'"'信访接待'"'"' ORDER BY person) x")" = 1,2
'

test_expect_success 'a name and phone that fit two people, or nobody, are refused with the line named' '
	printf "%s\n赵六,%s,13600136000,高中,140121100001001,part_time,CN,否,否,否\n赵 六,%s,13600136000,高中,140121100001002,part_time,CN,否,否,否\n" \
	    "$H" "$(idnum 14012119900303111)" "$(idnum 14012119910404222)" >twins.csv &&
	staff-hire --now 2026-10-14T09:00:00+08:00 apply twins.csv >twins &&
	printf "name,phone,level,date,hours,topic\n张伟,13800138000,county,2026-10-14,1,禁毒宣传\n赵六,13600136000,county,2026-10-14,1,禁毒宣传\n王强,13900000000,county,2026-10-14,1,禁毒宣传\n" >signin2.csv &&
	exits 65 staff-hire train signin2.csv 2>err &&
	grep "signin2.csv:3:1: field \"name\": \"赵六\" with phone 136\*\*\*\*6000 is more than one person (staff ids $(paste -sd, twins | sed "s/,/, /")); give the staff id or the identity number" err &&
	grep "signin2.csv:4:1: field \"name\": nobody registered is named \"王强\" with phone 139\*\*\*\*0000" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM training WHERE topic = '"'"'禁毒宣传'"'"'")" = 0
'

test_expect_success 'one training session given with flags is recorded with its audit row' '
	staff-hire train 1 --level township --date 2026-10-14 --hours 2 --topic 消防 &&
	test "$(sqlite3 test.db "SELECT detail FROM audit WHERE verb = '"'"'train'"'"' ORDER BY id DESC LIMIT 1")" = "township 2026-10-14 2h 消防"
'

test_done
