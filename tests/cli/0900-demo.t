#!/bin/sh
# make demo: the season of a county centre runs through, on a database
# of its own, and writes plain text into a file.

. "$GRIDKIT_TOP/tests/cli/lib.sh"

test_expect_success 'the demo runs to the end on its own database' '
	DEMO_OUT=$PWD/demo "$top/scripts/demo" >out 2>&1 ||
	{ tail -20 out; false; } &&
	test -f demo/gridkit.db && ! test -e test.db &&
	grep "^The demo database is $PWD/demo/gridkit.db.$" out
'

test_expect_success 'its payroll check finds the planted problems, and a baseline run nothing new' '
	for r in "ART18-MIN-WAGE .* 2 " "ART19-ACCIDENT-INSURANCE .* 10 " \
	    "PAY-DUPLICATE .* 6 " "PAY-NOT-STAFF .* 3 " "PAY-STAFF-UNPAID .* 28 "; do
		grep "^$r" out || return 1
	done &&
	grep "^exit status 1: an underpaid member" out &&
	grep "^(nothing new: cron sends no mail)$" out
'

test_expect_success 'it ends with an audit of the county that finds the planted problems' '
	grep "^85 ART5-GRID-LEADER error$" out &&
	grep "^12 ART8-URBAN-FULLTIME error$" out &&
	grep "^ART16-ON-TIME .* 6 .* on_time=0 counted=1 rate=0 min=80$" out &&
	grep "^exit status 1: two grids without a leader" out &&
	grep "\"rule\":\"ART6-WEEKLY-VISIT\".*\"subject\":\"12\"" out
'

test_expect_success 'its output in a file holds no terminal escape codes' '
	! grep "$(printf "\033")" out &&
	grep "^== " out >/dev/null
'

test_expect_success 'the audit log it ends with is read with log, not sqlite3' '
	! grep "^\\$ sqlite3" out &&
	grep "^\\$ staff-hire log --all$" out
'

test_done
