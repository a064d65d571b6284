#!/bin/sh
# --wait SECS, a common option: how long a command waits in all for
# another program's write lock before it gives up with exit 75.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county >/dev/null 2>&1

test_expect_success '--wait takes whole seconds from 0 to 86400' '
	exits 64 grid-define --wait x list 2>err &&
	grep -- "--wait \"x\"" err &&
	exits 64 grid-define --wait -1 list &&
	exits 64 grid-define --wait 86401 list &&
	exits 64 staff-hire list --wait 0x10 &&
	grid-define --wait 0 list >/dev/null &&
	grid-define --wait 86400 list >/dev/null
'

test_expect_success 'every program takes --wait' '
	for p in grid-define staff-hire event-report case-route roster-audit \
	    payroll-check; do
		$p --wait 3 -h >/dev/null || return 1
		$p -h | grep -q -- "--wait SECS" || return 1
	done
'

# The lock holder says on the FIFO held that it holds the lock, and keeps
# it until the test writes to the FIFO release: no sleeps, no race.
hold_lock() {
	rm -f held release && mkfifo held release || return 1
	sqlite3 -bail test.db "BEGIN IMMEDIATE;" ".shell echo locked >held" \
	    ".shell cat release >/dev/null" "COMMIT;" >/dev/null &
	holder=$!
	timeout 30 cat held | grep -q locked
}

release_lock() {
	timeout 30 sh -c "echo >release" || kill $holder
	wait $holder
}

printf "code,name,households,population\n140121200202002,马峪第二网格,100,300\n" >more.csv
ZW=$(idnum 14012119900101123)
cat >cand.csv <<CSV
姓名,身份证号,手机号,学历,网格编码,岗位,党员,退役军人,国籍,在查,受处罚,开除
张伟,$ZW,13800138000,高中,140121100001001,专职网格员,是,否,CN,否,否,否
CSV

test_sqlite_only 'the lock is held with the sqlite3 shell (0137-postgresql.t holds PostgreSQL'"'"'s)'
test_expect_success '--wait 0 gives up at once with 75 in every program that writes' '
	hold_lock || { kill $holder; exit 1; }
	rc=0
	exits 75 grid-define --wait 0 import grids more.csv 2>err1 || rc=1
	exits 75 staff-hire --wait 0 apply cand.csv 2>err2 || rc=1
	exits 75 event-report --wait 0 add --grid 140121100001001 \
	    --category hazard.fire --severity general --title 堆物 \
	    --source resident 2>err3 || rc=1
	exits 75 case-route --wait 0 escalate --overdue 2>err4 || rc=1
	release_lock
	test $rc = 0 && grep busy err1 && grep busy err2 && grep busy err3 &&
	grep busy err4 &&
	test "$(grid-define list grids -f tsv | grep -c 140121200202002)" = 0 &&
	test "$(staff-hire list -f tsv | wc -l)" -le 1
'

test_sqlite_only 'the lock is held with the sqlite3 shell (0137-postgresql.t holds PostgreSQL'"'"'s)'
test_expect_success 'a writer with --wait waits for the lock and then writes' '
	hold_lock || { kill $holder; exit 1; }
	grid-define --wait 60 import grids more.csv 2>err &
	writer=$!
	release_lock
	wait $writer &&
	test "$(grid-define list grids -f tsv | grep -c 140121200202002)" = 1
'

test_expect_success 'case-route takes --wait with every verb now, not only escalate --overdue' '
	case-route --wait 1 list >/dev/null &&
	case-route list --wait 1 >/dev/null
'

test_done
