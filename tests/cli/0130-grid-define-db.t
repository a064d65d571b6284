#!/bin/sh
# grid-define and its database: creation, refusal of foreign files,
# read-only places, schema versions.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county

test_expect_success 'reading commands do not create a database' '
	exits 69 grid-define list 2>err &&
	grep "no database here yet" err && ! test -e test.db
'

test_expect_success 'the default database lives under XDG_DATA_HOME' '
	env -u GRIDKIT_DB grid-define import areas areas.csv &&
	test -f .local/share/gridkit/gridkit.db &&
	test "$(stat -c %a .local/share/gridkit)" = 700 &&
	test "$(stat -c %a .local/share/gridkit/gridkit.db)" = 600
'

test_expect_success 'a file that is not a database is refused with 69' '
	echo "hello" >notdb &&
	exits 69 grid-define -d notdb list 2>err &&
	grep "notdb: not a gridkit database" err
'

test_expect_success 'an SQLite database of another program is refused with 69' '
	sqlite3 other.db "CREATE TABLE t (x)" &&
	exits 69 grid-define -d other.db import areas areas.csv 2>err &&
	grep "not a gridkit database" err &&
	test "$(sqlite3 other.db "SELECT name FROM sqlite_master")" = t
'

test_expect_success 'a database from a newer gridkit is refused' '
	grid-define -d newer.db import areas areas.csv &&
	sqlite3 newer.db "PRAGMA user_version = 99" &&
	exits 69 grid-define -d newer.db list 2>err &&
	grep "newer than this gridkit" err
'

test_expect_success 'GRIDKIT_DB picks the database and -d overrides it' '
	GRIDKIT_DB=$PWD/env.db grid-define import areas areas.csv &&
	test -f env.db &&
	GRIDKIT_DB=$PWD/env.db grid-define -d flag.db import areas areas.csv &&
	test -f flag.db
'

# Another user must be able to reach the files these steps give it:
# the clone may sit in a 0700 directory (as root in /root), so they go
# in a scratch directory of their own that anybody may search.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/gridkit-0130.XXXXXX") &&
	chmod 755 "$scratch" && mkdir "$scratch/bin" &&
	cp "$top/grid-define" "$scratch/bin/" || exit 1
	as_user() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    env PATH="$scratch/bin:$PATH" "$@"
	}
	trap 'chmod -R u+rwx "$scratch"; rm -rf "$scratch"' EXIT
else
	as_user() { "$@"; }
	scratch=$PWD
fi
if [ "$(id -u)" != 0 ] || command -v setpriv >/dev/null; then
	test_expect_success 'a read-only database directory is a clear error, nothing half-written' '
		mkdir "$scratch/ro" && chmod 755 "$scratch/ro" &&
		cp areas.csv "$scratch/ro/" && chmod 555 "$scratch/ro" &&
		exits 73 as_user env HOME="$scratch" grid-define \
		    -d "$scratch/ro/g.db" import areas "$scratch/ro/areas.csv" 2>err &&
		grep "cannot create database \".*ro/g.db\": Permission denied" err &&
		! test -e "$scratch/ro/g.db"
	'
	test_expect_success 'a home the user cannot search: its config is not there, not an error' '
		c=$scratch/closed o=$scratch/open &&
		mkdir -p "$c/.config/gridkit" "$o/.config/gridkit" &&
		chmod 700 "$c" && chmod 755 "$o" "$o/.config" "$o/.config/gridkit" &&
		echo "input: {max_errors: 5}" >"$c/.config/gridkit/gridkit.yaml" &&
		echo "input: {max_errors: 5}" >"$o/.config/gridkit/gridkit.yaml" &&
		chmod 000 "$o/.config/gridkit/gridkit.yaml" || return 1
		if [ "$(id -u)" = 0 ]; then
			HOME=$c XDG_CONFIG_HOME= as_user grid-define \
			    --print-config >out &&
			grep "^input.max_errors	50	default" out &&
			! HOME=$o XDG_CONFIG_HOME= as_user grid-define \
			    --print-config 2>err &&
			grep "cannot open .*: Permission denied" err
		else
			chmod 000 "$c" &&
			HOME=$c XDG_CONFIG_HOME= grid-define --print-config >out &&
			chmod 700 "$c" &&
			grep "^input.max_errors	50	default" out
		fi
	'
else
	test_skip 'a read-only database directory' 'needs a non-root user'
	test_skip 'a home the user cannot search' 'needs a non-root user'
fi

# The lock holder says on the FIFO held that it holds the lock, and keeps
# it until the test writes to the FIFO release: no sleeps, no race.
test_sqlite_only 'the lock is held with the sqlite3 shell (0137-postgresql.t holds the PostgreSQL lock)'
test_expect_success 'a locked database makes a writer exit 75, not wait forever' '
	grid-define import areas areas.csv && mkfifo held release || exit 1
	sqlite3 -bail test.db "BEGIN IMMEDIATE;" ".shell echo locked >held" \
	    ".shell cat release >/dev/null" "COMMIT;" >/dev/null &
	holder=$!
	rc=1
	if timeout 30 cat held | grep -q locked; then
		exits 75 grid-define import grids grids.csv 2>err && rc=0
		timeout 30 sh -c "echo >release" || kill $holder
	else
		kill $holder
	fi
	wait $holder
	test $rc = 0 && grep "busy" err &&
	grid-define import grids grids.csv
'

test_expect_success 'a dry run into a database that does not exist creates no file' '
	grid-define -d dry/new.db -n import areas areas.csv &&
	printf "code,name\n140121999,孤乡\n" >orphan.csv &&
	exits 65 grid-define -d dry.db -n import areas orphan.csv 2>err &&
	grep "orphan.csv:2:1: field \"code\"" err &&
	! test -e dry && ! test -e dry.db
'

test_expect_success 'a URI, :memory: or an empty name is not a database file' '
	exits 64 grid-define -d "file:x.db?mode=memory" import areas areas.csv 2>err &&
	grep "an SQLite URI, not a file name" err &&
	! test -e "file:x.db?mode=memory" &&
	exits 64 grid-define -d :memory: import areas areas.csv 2>err &&
	grep "would keep nothing" err &&
	exits 64 grid-define -d "" list 2>err &&
	exits 78 env GRIDKIT_DB=FILE:y.db grid-define list 2>err &&
	grep "^grid-define: GRIDKIT_DB \"FILE:y.db\": an SQLite URI" err
'

test_expect_success '... and ./file:x.db is a file of that name, kept' '
	grid-define -d ./file:x.db import areas areas.csv &&
	test -f "file:x.db" &&
	grid-define -d ./file:x.db list areas | grep 山西省
'

test_sqlite_only 'the mode of the database file'
test_expect_success 'a database others may read is said, with the fix' '
	grid-define import areas areas.csv 2>err && ! grep warning err &&
	chmod 644 test.db &&
	grid-define list areas >/dev/null 2>err &&
	grep "^grid-define: warning: .*test.db: others may read this database of personal data (mode 0644); chmod 600 it$" err &&
	chmod 600 test.db &&
	grid-define list areas >/dev/null 2>err && ! grep warning err
'

if [ "$(id -u)" = 0 ]; then
	test_sqlite_only 'the owner of the database file'
	test_expect_success 'a database another user made is said' '
		cp test.db theirs.db && chown 65534 theirs.db &&
		grid-define -d theirs.db list areas >/dev/null 2>err &&
		grep "theirs.db: the database belongs to another user (uid 65534)" err
	'
else
	test_skip 'a database another user made is said' 'needs root to chown'
fi

test_done
