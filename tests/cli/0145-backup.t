#!/bin/sh
# backup: a copy of the live database, 0600, never torn, never over a
# file, and a copy that restores.

. "$GRIDKIT_TOP/tests/cli/lib.sh"
test_sqlite_only_file 'backup copies the SQLite file; PostgreSQL is backed up with pg_dump (0137-postgresql.t)'

cat >areas.csv <<'CSV'
code,name,parent
140000000000,山西省,
140100000000,太原市,140000000000
140121000000,清徐县,140100000000
CSV
umask 022

test_expect_success 'set-up' 'grid-define import areas areas.csv'

test_expect_success 'backup makes a 0600 copy under umask 022, and nothing else' '
	mkdir out &&
	grid-define backup out/copy.db &&
	test "$(stat -c %a out/copy.db)" = 600 &&
	test "$(ls -A out)" = copy.db
'

test_expect_success 'the backup is in the log of the database it copied' '
	grid-define log -f tsv | cut -f5,6 | grep "^backup	out/copy.db$"
'

test_expect_success 'the copy restores: the same areas' '
	grid-define list areas >before &&
	mv test.db test.db.broken && rm -f test.db-wal test.db-shm &&
	install -m 600 out/copy.db test.db &&
	grid-define list areas >after &&
	cmp before after
'

test_expect_code 73 'a backup never overwrites a file' 'grid-define backup out/copy.db'
test_expect_success '... which is left as it was' '
	cmp out/copy.db test.db
'

test_expect_success 'a dry run copies nothing and records nothing' '
	grid-define -n backup out/dry.db &&
	! test -e out/dry.db &&
	test $(grid-define log --verb backup -f tsv | wc -l) -eq 1
'

test_expect_code 69 'a missing database is not backed up, nor created' \
	'grid-define -d none.db backup out/none-copy.db'
test_expect_success '... no file appears' '! test -e none.db && ! test -e out/none-copy.db'

test_expect_code 73 'a directory that does not exist is a clear error' \
	'grid-define backup nodir/copy.db'

test_expect_success 'staff-hire backs up the same way' '
	staff-hire backup out/staff.db && test "$(stat -c %a out/staff.db)" = 600
'

test_expect_success 'a backup taken while another program holds the write lock' '
	mkfifo held release || exit 1
	sqlite3 -bail test.db "BEGIN IMMEDIATE;" "INSERT INTO audit (at, operator, program, verb, subject, detail) VALUES (1, 1, 1, 1, 1, 1);" \
	    ".shell echo locked >held" ".shell cat release >/dev/null" "COMMIT;" >/dev/null &
	holder=$!
	timeout 30 cat held | grep -q locked || { kill $holder; false; } || return 1
	exits 75 grid-define backup out/locked.db 2>err
	rc=$?
	timeout 30 sh -c "echo >release"
	wait $holder
	test $rc = 0 && ! test -e out/locked.db &&
	grep "removed again, since the backup could not be recorded" err
'

test_done
