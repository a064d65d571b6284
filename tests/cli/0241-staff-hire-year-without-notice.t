#!/bin/sh
# A year whose State Council notice has no calendar file counts the
# statutory holidays of the national regulation, computed: 1 January
# 2027 is no working day, and one warning says the make-up working days
# are unknown.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-12-01T09:00:00+08:00
printf 'staff:\n  publicity_days: 1\n' >one.yaml
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,否,否,否
CSV

test_expect_success 'a candidate enters publicity on New Year'"'"'s Day 2027' '
	staff-hire -c one.yaml apply cands.csv >ids &&
	for s in qualification exam physical political; do
		staff-hire -c one.yaml advance --stage $s 1 || exit 1
	done &&
	staff-hire -c one.yaml --now 2027-01-01T10:00:00+08:00 advance --stage publicity 1 2>err1
'

test_expect_success 'New Year'"'"'s Day 2027 is a holiday: one working day of publicity ends on Monday 4 January' '
	exits 65 staff-hire -c one.yaml --now 2027-01-01T18:00:00+08:00 advance --stage training 1 2>err &&
	grep "publicity ends on 2027-01-04 (Art. 11); advance on 2027-01-05 or later" err
'

test_expect_success 'one warning, when publicity begins and its end is fixed, says the make-up working days of 2027 are unknown' '
	test "$(grep -c "no working-day calendar for 2027" err1)" = 1 &&
	grep "make-up working days unknown until the State Council notice is added" err1
'

test_done
