#!/bin/sh
# Every exit status matches the EXIT STATUS section of the program's
# manual: databases damaged or changed outside gridkit, foreign files,
# numbers written as C would read them; and a command that changes
# nothing records nothing in the audit log.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county >/dev/null || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1
G1=140121100001001
# The databases: a table dropped, the version -1, a newer gridkit's,
# another program's, not SQLite at all; SQLite files made with the
# sqlite3 shell (0137-postgresql.t has PostgreSQL's).
if [ -z "$test_pg" ]; then
	v=$(sqlite3 test.db "PRAGMA user_version")

	cp test.db drop.db && sqlite3 drop.db "DROP TABLE units" &&
	cp test.db neg.db && sqlite3 neg.db "PRAGMA user_version = -1" &&
	cp test.db newer.db && sqlite3 newer.db "PRAGMA user_version = $((v + 1));
	    UPDATE gridkit_meta SET value = '$((v + 1))' WHERE key = 'schema_version'" &&
	sqlite3 other.db "CREATE TABLE t (x)" &&
	echo hello >text.db && chmod 600 *.db || exit 1
fi

# A command of every program that reads the database, and of every one
# that writes it.
cmds() {
	cat <<'CMDS'
grid-define list
grid-define rename 140121100001001 西街一网格
staff-hire list
staff-hire train 1 --level county --date 2026-11-01 --hours 2 --topic 法治
event-report list
event-report add --grid 140121100001001 --category hazard.fire --severity general --title 堆物 --source resident
case-route list
case-route verify
roster-audit
payroll-check --month 2026-10 /dev/null
CMDS
}

# status PROGRAM CODE: the paragraph of CODE in the EXIT STATUS section
# of PROGRAM(1), on one line.
status() {
	awk -v code="$2" '
		/^\.Sh / { in_es = ($0 == ".Sh EXIT STATUS") }
		in_es && /^\.It / { on = ($2 == code); next }
		in_es && on { printf "%s ", $0 }
	' "$GRIDKIT_TOP/man/$1.1"
}

check() { # DB CODE WORDS: every command exits CODE; its man page says WORDS
	while read -r cmd; do
		p=${cmd%% *}
		GRIDKIT_DB=$PWD/$1 $cmd >/dev/null 2>err
		rc=$?
		[ $rc = $2 ] || { echo "$cmd on $1: exit $rc, expected $2"; cat err; return 1; }
		status $p $2 | grep -q "$3" ||
		    { echo "$p(1) does not say \"$3\" for $2"; return 1; }
	done <<EOF_CMDS
$(cmds)
EOF_CMDS
}

test_sqlite_only 'damaged and foreign SQLite files made with the sqlite3 shell'
test_expect_success 'a dropped table: 74, a damaged database, in every manual' '
	check drop.db 74 "damaged" && grep "table units is missing" err
'

test_sqlite_only 'damaged and foreign SQLite files made with the sqlite3 shell'
test_expect_success 'schema version -1: 74, a damaged database' '
	check neg.db 74 "damaged" && grep "schema version -1" err
'

test_sqlite_only 'damaged and foreign SQLite files made with the sqlite3 shell'
test_expect_success 'a database of a newer gridkit: 69, in every manual' '
	check newer.db 69 "newer gridkit" && grep "upgrade gridkit" err
'

test_sqlite_only 'damaged and foreign SQLite files made with the sqlite3 shell'
test_expect_success 'an SQLite file of another program: 69, not a gridkit database' '
	check other.db 69 "not a gridkit database" &&
	test "$(sqlite3 other.db "SELECT name FROM sqlite_master")" = t
'

test_sqlite_only 'damaged and foreign SQLite files made with the sqlite3 shell'
test_expect_success 'a file that is not SQLite: 69' '
	check text.db 69 "not a gridkit database" && test "$(cat text.db)" = hello
'

test_expect_success 'numbers are decimal: 0x10, 1e1, +5 and " 5" are usage errors (64)' '
	exits 64 staff-hire train 1 --level county --date 2026-11-01 \
	    --hours 0x10 --topic 法治 2>err && grep -- "--hours" err &&
	exits 64 staff-hire train 1 --level county --date 2026-11-01 \
	    --hours 1e1 --topic 法治 &&
	exits 64 grid-define add 140121100001009 新网格 --households 0x10 &&
	exits 64 grid-define add 140121100001009 新网格 --population 1e3 &&
	exits 64 grid-define list --max-errors 0x10 &&
	exits 64 case-route list --due-within " 5" &&
	exits 64 grid-define list --wait 0x10 &&
	status staff-hire 64 | grep -q "Bad command line" &&
	test "$(staff-hire show 1 -f json | grep -c 法治)" = 0
'

audit_rows() {
	sqlite3 test.db "SELECT count(*) FROM audit"
}

# noop CMD...: CMD succeeds and adds no audit row.
noop() {
	_before=$(audit_rows)
	"$@" >/dev/null || { echo "failed: $*"; return 1; }
	_after=$(audit_rows)
	[ "$_before" = "$_after" ] ||
	    { echo "$* recorded $((_after - _before)) audit rows"; return 1; }
}

test_expect_success 'grid-define: what changes nothing records nothing' '
	noop grid-define import areas areas.csv &&
	noop grid-define import grids grids.csv &&
	noop grid-define import units units.csv &&
	noop grid-define rename $G1 西街第一网格 &&
	grid-define add 140121100001009 新网格 && grid-define retire 140121100001009 &&
	noop grid-define retire 140121100001009 &&
	noop grid-define unit add 140121100001 building 1号楼 $G1 &&
	noop grid-define unit move 140121100001 building 1号楼 $G1
'

test_expect_success 'staff-hire: what changes nothing records nothing' '
	staff-hire train 1 --level county --date 2026-11-01 --hours 2 --topic 法治 &&
	noop staff-hire train 1 --level county --date 2026-11-01 --hours 2 --topic 法治 &&
	noop staff-hire apply cands.csv &&
	noop staff-hire advance --stage hired 1 &&
	n=$(audit_rows) &&
	exits 65 staff-hire assign 1 --grid $G1 --role full_time &&
	test "$(audit_rows)" = $n
'

test_expect_success 'event-report and case-route: what changes nothing records nothing' '
	c=$(event-report add --grid $G1 --category hazard.fire --severity general \
	    --title 堆物 --source resident) &&
	case-route file $c &&
	noop case-route file $c &&
	noop case-route file --keep-going $c &&
	event-report visit add --staff 1 --grid $G1 --date 2026-11-28 &&
	noop event-report visit add --staff 1 --grid $G1 --date 2026-11-28 &&
	noop case-route escalate --overdue
'

test_expect_success 'case-route access and departments: the same again records nothing' '
	set -- --category dispute --reason 矛盾纠纷排查化解 --standard 当日上门 \
	    --exit 经县委政法委审定后退出 --approved-by 清徐县委政法委 \
	    --approved-on 2026-01-05 &&
	case-route access add "$@" &&
	noop case-route access add "$@" &&
	case-route access withdraw --on 2026-11-29 --reason 调整 dispute &&
	noop case-route access withdraw --on 2026-11-29 --reason 调整 dispute &&
	printf "code,name,area,categories\nQY-SF,清源镇司法所,140121100,dispute\n" >depts.csv &&
	case-route departments import depts.csv &&
	noop case-route departments import depts.csv
'

test_expect_success 'a staff-hire enrol or train file given again records nothing' '
	printf "staff,level,date,hours,topic\n1,county,2026-11-02,3,消防\n" >train.csv &&
	staff-hire train train.csv &&
	noop staff-hire train train.csv
'

test_done
