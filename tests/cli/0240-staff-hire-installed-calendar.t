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
CSV

test_expect_success 'a candidate enters publicity on Tuesday 29 September 2026' '
	staff-hire apply cands.csv >ids &&
	for s in qualification exam physical political; do
		staff-hire advance --stage $s 1 || exit 1
	done &&
	staff-hire --now 2026-09-29T10:00:00+08:00 advance --stage publicity 1
'

# A prefix as "make install PREFIX=fake" lays it out, with a calendar
# that differs from the build tree's: Saturday 10 October 2026 is no
# make-up working day there, so the publicity ends on Monday 12th.
mkdir -p fake/bin fake/share/gridkit/calendar
cp "$top/staff-hire" fake/bin/
cp "$top/etc/calendar/"*.cal fake/share/gridkit/calendar/
sed '/^workday 2026-10-10 /d' "$top/etc/calendar/2026.cal" \
    >fake/share/gridkit/calendar/2026.cal

test_expect_success 'the build tree uses its own etc/calendar' '
	exits 65 staff-hire --now 2026-10-10T18:00:00+08:00 advance --stage training 1 2>err &&
	grep "ends on 2026-10-10;" err
'

test_expect_success 'a program moved to another prefix uses the calendars of that prefix' '
	exits 65 fake/bin/staff-hire --now 2026-10-10T18:00:00+08:00 advance --stage training 1 2>err &&
	grep "ends on 2026-10-12;" err
'

test_expect_success 'calendar.dir in the config still wins' '
	printf "calendar:\n  dir: %s\n" "$top/etc/calendar" >cal.yaml &&
	exits 65 fake/bin/staff-hire -c cal.yaml --now 2026-10-10T18:00:00+08:00 advance --stage training 1 2>err &&
	grep "ends on 2026-10-10;" err
'

test_done
