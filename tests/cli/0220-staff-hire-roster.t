#!/bin/sh
# staff-hire list, show, train; personal data masked everywhere unless
# --reveal, and --reveal recorded.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$ZW,13800138000,高中,140121100001001,full_time,CN,否,否,否
李娜,$LN,13900139001,本科,140121100201001,part_time,CN,否,否,否
CSV
staff-hire apply cands.csv >/dev/null || exit 1
clear="(^|[^0-9])($ZW|$LN|13800138000|13900139001)([^0-9]|\$)"

test_expect_success 'list, show and their JSON never show personal data in the clear' '
	{ staff-hire list && staff-hire list -f json && staff-hire show 1 &&
	  staff-hire show 2 -f json && staff-hire list -f csv --excel; } >all 2>&1 &&
	grep "张伟" all && ! grep -E "$clear" all
'

test_expect_success '--reveal shows them and records who looked' '
	staff-hire --reveal --operator 审计员 list -f tsv >rev &&
	grep "	$ZW	13800138000	" rev &&
	staff-hire log --verb reveal -f tsv | cut -f3,5,7 --output-delimiter="|" >actual &&
	grep "^审计员|reveal|roster shown unmasked$" actual
'

# The lock holder says on the FIFO held that it holds the lock, and keeps
# it until the test writes to the FIFO release: no sleeps, no race.
test_sqlite_only 'the lock is held with the sqlite3 shell (0137-postgresql.t holds the PostgreSQL lock)'
test_expect_success '--reveal that cannot be recorded shows nothing (a locked database)' '
	mkfifo held release || exit 1
	sqlite3 -bail test.db "BEGIN IMMEDIATE;" ".shell echo locked >held" \
	    ".shell cat release >/dev/null" "COMMIT;" >/dev/null &
	holder=$!
	rc=1
	if timeout 30 cat held | grep -q locked; then
		exits 75 staff-hire --reveal list -f tsv >locked.out 2>/dev/null &&
		    rc=0
		timeout 30 sh -c "echo >release" || kill $holder
	else
		kill $holder
	fi
	wait $holder
	test $rc = 0 && ! test -s locked.out
'

test_expect_success 'show --reveal gives the birth date and sex, and is recorded' '
	staff-hire --reveal show 2 >actual && grep "^born *1995-05-05, female, 31 years old$" actual &&
	staff-hire log --verb reveal -f tsv | cut -f6 >actual && grep -x "staff 2" actual
'

test_expect_success 'list filters by village, township, county and role' '
	staff-hire list -f tsv --village 140121100201 >actual &&
	test "$(wc -l <actual)" = 2 &&
	staff-hire list -f tsv --township 140121100 >actual &&
	test "$(wc -l <actual)" = 3 &&
	staff-hire list -f tsv --county 140121 --role part_time >actual &&
	test "$(wc -l <actual)" = 2 &&
	staff-hire list -f tsv --grid 140121100001001 >actual &&
	test "$(wc -l <actual)" = 2 &&
	exits 64 staff-hire list --village 140121100
'

cat >train.csv <<CSV
人员编号,培训级别,日期,学时,内容
1,县级,2026-11-20,8,矛盾纠纷调解
1,乡镇,2026/11/25,2.5,网格巡查规范
2,省级,20261101,16,平安建设
CSV

test_expect_success 'training records import from a spreadsheet, Chinese headers and levels' '
	staff-hire train train.csv &&
	staff-hire show 1 >actual && grep "  2026-11-25  township   2.5    网格巡查规范$" actual &&
	staff-hire show 2 -f json >actual &&
	grep "\"level\": \"province\"" actual
'

test_expect_success 're-importing training changes nothing and says so' '
	staff-hire train train.csv 2>err &&
	grep "all 3 training records are there already" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM training")" = 3
'

test_expect_success 'a bad training row is refused with its place, nothing recorded' '
	printf "staff,level,date,hours,topic\n1,county,2026-11-21,4,消防\n9,county,2026-11-21,4,消防\n1,national,2026-11-21,4,x\n1,county,2026-13-01,4,x\n1,county,2026-11-21,-2,x\n" >bad.csv &&
	exits 65 staff-hire train bad.csv 2>err &&
	grep "bad.csv:3:1: field \"staff\": staff id 9: no such person" err &&
	grep "bad.csv:4:.*field \"level\": \"national\": not a training level (province 省级" err &&
	grep "bad.csv:5:.*field \"date\"" err &&
	grep "bad.csv:6:.*field \"hours\"" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM training")" = 3
'

test_expect_success 'a name beside the staff id must be that person'"'"'s' '
	printf "工号,姓名,级别,日期,学时,内容\r\n2,张伟,县级,2026-11-02,8,消防\r\n" >who.csv &&
	exits 65 staff-hire train who.csv 2>err &&
	grep "who.csv:2:[0-9]*: field \"姓名\": staff id 2 is 李娜, not \"张伟\"" err
'

test_expect_success 'an application form with both 姓名 and 网格名称, 手机号 and 联系电话 reads' '
	printf "序号,姓名,网格名称,网格编码,身份证号,手机号,联系电话,学历,岗位\n1,孙丽,西街第一网格,140121100001001,%s,13700137077,0351-5724110,本科,网格助理\n" \
	    "$(idnum 14012119960606123)" >form.csv &&
	staff-hire apply form.csv >id 2>err &&
	grep "columns \"手机号\" and \"联系电话\" both give \"phone\"; using 手机号" err &&
	staff-hire show "$(cat id)" >actual && grep "^phone *137\*\*\*\*7077$" actual
'

test_expect_success 'one training record with flags' '
	staff-hire train 2 --level township --date 2026-11-28 --hours 3 --topic 入户走访 &&
	staff-hire show 2 >actual && grep "  2026-11-28  township   3      入户走访$" actual
'

test_expect_success 'hours are a plain decimal number, not hex, inf or blank-led' '
	for h in 0x1p3 inf nan " 2" 1e1 +2 2. .5; do
		exits 64 staff-hire train 2 --level township --date 2026-11-27 \
		    --hours "$h" --topic x 2>err &&
		grep "\"$h\": hours must be a number" err || exit 1
	done &&
	staff-hire train 2 --level township --date 2026-11-27 --hours 0.5 \
	    --topic x
'

test_expect_success 'a bad staff id on standard input is named with its line' '
	printf "1\nabc\n" | exits 65 staff-hire advance --stage qualification - 2>err &&
	grep "^staff-hire: -:2:1: \"abc\" is not a staff id$" err
'

test_expect_success 'show of an unknown id exits 65' '
	exits 65 staff-hire show 99 2>err && grep "staff id 99: no such person" err
'

test_done
