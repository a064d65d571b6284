#!/bin/sh
# staff-hire: posts and vacancies that are true (Art. 5, 10): the
# public board, vacancies recorded as they were, grids not retired from
# under their staff.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-03-01T09:00:00+08:00
printf "staff:\n  publicity_days: 0\n" >nowait.yaml
cat >c.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
甲,$(idnum 14012119900101111),13800000001,高中,140121100001002,full_time,CN,否,否,否
乙,$(idnum 14012119900101222),13800000002,高中,140121100001002,full_time,CN,否,否,否
丙,$(idnum 14012119900101333),13800000003,高中,140121200202001,part_time,CN,否,否,否
丁,$(idnum 14012119900101444),13800000004,高中,140121200202001,part_time,CN,否,否,否
戊,$(idnum 14012119900101555),13800000005,高中,140121100001001,full_time,CN,否,否,否
CSV

# hire_on DATE ID...: through the procedure, trained, hired on DATE.
hire_on() {
	at=${1}T09:00:00+08:00
	shift
	for s in qualification exam physical political publicity training; do
		staff-hire --now "$at" -c nowait.yaml advance --stage $s "$@" ||
		    return 1
	done
	for id in "$@"; do
		staff-hire --now "$at" train "$id" --level county \
		    --date "${at%%T*}" --hours 8 --topic 岗前培训 || return 1
	done
	staff-hire --now "$at" advance --stage hired "$@"
}

test_expect_success 'setup: three hired on 2 March' '
	staff-hire apply c.csv >ids &&
	hire_on 2026-03-02 1 3 5
'

test_expect_success 'contacts records public work phones and photos; bad rows record nothing' '
	printf "staff,work_phone,photo\n1,0351-5551234,photos/1.jpg\n5,13912345678,\n" >contacts.csv &&
	printf "staff,work_phone\n3,abc\n" >bad.csv &&
	exits 65 staff-hire contacts bad.csv 2>err &&
	grep "bad.csv:2:.*field \"work_phone\"" err &&
	staff-hire contacts contacts.csv &&
	staff-hire contacts contacts.csv 2>err && grep "nothing changed" err
'

test_expect_success 'the board prints public work phones in full, never a personal mobile (Art. 5)' '
	printf "board:\n  supervision_phone: 0351-12345\n" >sup.yaml &&
	grid-define -c sup.yaml board 140121100001001 >board 2>err &&
	grep "^网格人员  专职网格员 戊 13912345678$" board &&
	! grep 13800000005 board &&
	grep "warning: grid 140121100001001: 戊 (staff 5) has no public photo on the board" err &&
	! grep "supervision" err &&
	grid-define -c sup.yaml board 140121100001002 >board 2>err &&
	grep "专职网格员 甲 0351-5551234$" board && ! test -s err
'

test_expect_success 'the HTML board shows the photo' '
	grid-define -c sup.yaml board --html 140121100001002 >board.html &&
	grep "<img src=\"photos/1.jpg\" alt=\"甲\" height=\"120\"> 专职网格员 甲 0351-5551234" board.html &&
	! grep 13800000001 board.html
'

test_expect_success 'a leave recorded late, after the post was refilled, leaves a vacancy closed by the refill' '
	hire_on 2026-03-20 4 &&
	staff-hire --now 2026-03-25T09:00:00+08:00 leave 3 --reason resign --on 2026-03-10 &&
	staff-hire --now 2026-03-25T09:00:00+08:00 vacancies -f tsv --grid 140121200202001 >v &&
	grep "^140121200202001	part_time	2026-03-11	resign	3	2026-03-20	4	9$" v &&
	test "$(staff-hire vacancies --open -f tsv | wc -l)" = 1
'

test_expect_success 'since is the first day the post is empty: a refill that day leaves no vacancy' '
	hire_on 2026-03-20 2 &&
	staff-hire --now 2026-03-25T09:00:00+08:00 leave 1 --reason resign --on 2026-03-19 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM vacancies WHERE grid = '"'"'140121100001002'"'"'")" = 0
'

test_expect_success 'a transfer corrected the same day leaves no vacancy of zero days' '
	staff-hire --now 2026-03-26T09:00:00+08:00 transfer 5 --grid 140121100001002 &&
	test "$(sqlite3 test.db "SELECT since FROM vacancies WHERE reason = '"'"'transfer'"'"'")" = 2026-03-27 &&
	staff-hire --now 2026-03-26T15:00:00+08:00 transfer 5 --grid 140121100001001 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM vacancies WHERE reason = '"'"'transfer'"'"'")" = 0 &&
	staff-hire list --active -f tsv | grep "^5	戊	.*	140121100001001	full_time	"
'

test_expect_success 'retiring a grid people still serve is refused, naming them (Art. 10)' '
	exits 65 grid-define retire 140121200202001 2>err &&
	grep "grid 140121200202001 is still served by 丁 (staff 4, part_time); transfer them or record their leaving first" err &&
	test "$(grid-define list grids -f tsv | grep -c "^140121200202001	.*active")" = 1
'

test_expect_success 'once nobody serves it and its units are moved, the grid retires' '
	staff-hire --now 2026-03-28T09:00:00+08:00 leave 4 --reason resign --on 2026-03-28 &&
	grid-define add 140121200202002 马峪二网格 &&
	grid-define unit move 140121200202 natural_village 马峪 140121200202002 &&
	grid-define unit move 140121200202 river 潇河马峪段 140121200202002 &&
	grid-define retire 140121200202001
'

test_done
