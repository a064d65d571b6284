#!/bin/sh
# staff-hire installed under a prefix other than the one it was built
# for finds its calendars beside it, in ../share/gridkit/calendar (as
# git's RUNTIME_PREFIX does), before the compiled-in directory.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-09-01T09:00:00+08:00
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,否,否,否
李娜,$(idnum 14012119950505234),13900139001,本科,140121100001002,full_time,CN,否,否,否
王强,$(idnum 14012119880808345),13700137002,高中,140121100001002,full_time,CN,否,否,否
CSV

test_expect_success 'three candidates reach the political review' '
	staff-hire apply cands.csv >ids &&
	for s in qualification exam physical political; do
		staff-hire advance --stage $s 1 2 3 || exit 1
	done
'

# A prefix as "make install PREFIX=fake" lays it out, with a calendar
# that differs from the build tree's: Saturday 10 October 2026 is no
# make-up working day there.  Publicity begun on Tuesday 29 September
# 2026 counts from the 30th (Civil Code, Art. 201): 30 September, 8, 9
# and 10 October and Monday 12th with the build tree's calendar, and
# 30 September, 8, 9, 12 and 13 October with the fake one.
mkdir -p fake/bin fake/share/gridkit/calendar
cp "$top/staff-hire" fake/bin/
cp "$top/etc/calendar/"*.cal fake/share/gridkit/calendar/
sed '/^workday 2026-10-10 /d' "$top/etc/calendar/2026.cal" \
    >fake/share/gridkit/calendar/2026.cal

end_of() {
	sqlite3 test.db "SELECT publicity_end FROM applications WHERE person = $1"
}

test_expect_success 'the build tree uses its own etc/calendar' '
	staff-hire --now 2026-09-29T10:00:00+08:00 advance --stage publicity 1 &&
	test "$(end_of 1)" = 2026-10-12
'

test_expect_success 'a program moved to another prefix uses the calendars of that prefix' '
	fake/bin/staff-hire --now 2026-09-29T10:00:00+08:00 advance --stage publicity 2 &&
	test "$(end_of 2)" = 2026-10-13
'

test_expect_success 'calendar.dir in the config still wins' '
	printf "calendar:\n  dir: %s\n" "$top/etc/calendar" >cal.yaml &&
	fake/bin/staff-hire -c cal.yaml --now 2026-09-29T10:00:00+08:00 advance --stage publicity 3 &&
	test "$(end_of 3)" = 2026-10-12
'

test_expect_success 'the end fixed when publicity began holds whatever calendar reads it later' '
	exits 65 staff-hire --now 2026-10-13T18:00:00+08:00 advance --stage training 2 2>err &&
	grep "publicity ends on 2026-10-13 (Art. 11); advance on 2026-10-14 or later" err &&
	staff-hire --now 2026-10-13T18:00:00+08:00 advance --stage training 1 3
'

test_done
