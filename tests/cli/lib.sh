# tests/cli/lib.sh - sourced by every black-box test.
#
# Each test file runs in a fresh empty directory (scripts/run-tests),
# with the programs of the build tree first on PATH, a database of its
# own, a pinned clock, a pinned operator and the C locale.  Every step is
# a sentence:
#
#	test_expect_success 'import refuses a village without parent' '
#		! grid-define import areas bad.csv 2>err &&
#		grep "not in the database" err
#	'
#	test_expect_code 65 'a bad row exits 65' 'grid-define import areas bad.csv'
#	test_done

set -u
top=${GRIDKIT_TOP:?run through scripts/run-tests}
PATH="$top:$PATH"
# make check-valgrind: the programs through valgrind (scripts/run-tests).
[ -n "${GRIDKIT_VALGRIND_BIN:-}" ] && PATH="$GRIDKIT_VALGRIND_BIN:$PATH"
LC_ALL=C
HOME=$PWD
XDG_CONFIG_HOME=$PWD/.config
XDG_DATA_HOME=$PWD/.local/share
GRIDKIT_DB=$PWD/test.db
GRIDKIT_NOW=2026-11-29T09:00:00+08:00
GRIDKIT_OPERATOR=tester
export PATH LC_ALL HOME XDG_CONFIG_HOME XDG_DATA_HOME GRIDKIT_DB GRIDKIT_NOW \
    GRIDKIT_OPERATOR
unset GRIDKIT_CONFIG

# make check-pg: GRIDKIT_TEST_PG=1 and libpq's PGHOST, PGPORT, PGUSER
# (and PGPASSWORD) name a PostgreSQL server; each test gets a fresh
# database of its own, named after its file, as GRIDKIT_DB.  The
# sqlite3 shell the tests query their database with becomes psql there
# (the same '|'-separated rows); a step that needs SQLite itself is
# preceded by test_sqlite_only REASON and skipped by name.
test_pg=
if [ -n "${GRIDKIT_TEST_PG:-}" ]; then
	test_pg=1
	test_pgdb=gk_$(basename "$PWD" | tr -c 'a-zA-Z0-9\n' _)
	dropdb --if-exists "$test_pgdb" >/dev/null 2>&1
	createdb -T template0 -E UTF8 "$test_pgdb" || {
		echo "Bail out! createdb $test_pgdb failed"
		exit 1
	}
	GRIDKIT_DB="dbname=$test_pgdb"
	# sqlite3 DB [SQL]: the query through psql, SQL from the argument
	# or standard input; a database argument that is not test.db is
	# the SQLite file it names.
	sqlite3() {
		if [ "${1:-}" != test.db ] && [ "${1:-}" != "$PWD/test.db" ]; then
			command sqlite3 "$@"
			return
		fi
		shift
		if [ $# -gt 0 ]; then
			printf '%s\n' "$*"
		else
			cat
		fi | psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 \
		    -d "$GRIDKIT_DB" -f - | sed '/^$/d'
	}
fi
test_only_why= test_only_on=

# test_sqlite_only REASON: the next step needs SQLite itself (its
# file, its shell, a PRAGMA); on PostgreSQL it is skipped, saying so.
# test_pg_only REASON: the next step needs a PostgreSQL server (make
# check-pg); on SQLite it is skipped, saying so.
test_sqlite_only() {
	test_only_why=$1 test_only_on=sqlite
}
test_pg_only() {
	test_only_why=$1 test_only_on=pg
}

# test_sqlite_only_file REASON: the whole test file is about SQLite
# itself; on PostgreSQL it says why and runs nothing.
test_sqlite_only_file() {
	[ -n "$test_pg" ] || return 0
	echo "1..0 # SKIP SQLite only: $1"
	exit 0
}

# Skip the step now under way if it is for the other backend; true
# when skipped.
test_skipped_here() {
	_why=$test_only_why _on=$test_only_on
	test_only_why= test_only_on=
	[ -n "$_why" ] || return 1
	if [ "$_on" = sqlite ] && [ -n "$test_pg" ]; then
		_why="SQLite only: $_why"
	elif [ "$_on" = pg ] && [ -z "$test_pg" ]; then
		_why="PostgreSQL only: $_why"
	else
		return 1
	fi
	test_count=$((test_count + 1))
	echo "ok $test_count - # SKIP $1 ($_why)"
}

test_count=0
test_failed=0

# hire_staff CSV: the candidates of CSV (with the columns of Art. 9),
# registered on 1 September 2026 and taken through every stage of Art.
# 11 to hired on 16 September, with the pre-job training of the 15th.
# Prints nothing; fails as the first step that fails.
hire_staff() {
	_ids=$(staff-hire --now 2026-09-01T09:00:00+08:00 apply "$1") ||
	    return 1
	for _s in qualification exam physical political publicity; do
		echo "$_ids" | staff-hire --now 2026-09-01T09:00:00+08:00 \
		    advance --stage $_s - >/dev/null || return 1
	done
	echo "$_ids" | staff-hire --now 2026-09-15T09:00:00+08:00 \
	    advance --stage training - >/dev/null || return 1
	{
		echo "staff,level,date,hours,topic"
		for _i in $_ids; do
			echo "$_i,county,2026-09-15,8,岗前培训"
		done
	} >hire-training.csv
	staff-hire --now 2026-09-15T10:00:00+08:00 train hire-training.csv \
	    >/dev/null || return 1
	echo "$_ids" | staff-hire --now 2026-09-16T09:00:00+08:00 \
	    advance --stage hired - >/dev/null
}

# test_expect_success DESCRIPTION SCRIPT
test_expect_success() {
	test_skipped_here "$1" && return 0
	test_count=$((test_count + 1))
	if (eval "$2") >"step.$test_count.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/#   /' "step.$test_count.log"
		test_failed=$((test_failed + 1))
	fi
}

# test_expect_code CODE DESCRIPTION SCRIPT: the script's last command
# exits with CODE.
test_expect_code() {
	test_skipped_here "$2" && return 0
	test_count=$((test_count + 1))
	(eval "$3") >"step.$test_count.log" 2>&1
	got=$?
	if [ "$got" = "$1" ]; then
		echo "ok $test_count - $2"
	else
		echo "not ok $test_count - $2 (exit $got, expected $1)"
		sed 's/^/#   /' "step.$test_count.log"
		test_failed=$((test_failed + 1))
	fi
}

# test_skip DESCRIPTION REASON
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count - # SKIP $1 ($2)"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" -eq 0 ]
}

# Helpers for the steps.

# exits CODE CMD...: run CMD, succeed when it exits CODE.
exits() {
	want=$1
	shift
	"$@"
	got=$?
	[ "$got" = "$want" ] || { echo "exit $got, expected $want" >&2; return 1; }
}

# The small county every grid-define test can start from: Shanxi,
# Taiyuan, Qingxu county, two townships, an urban community and two
# rural villages.
write_county() {
	cat >areas.csv <<'CSV'
code,name
14,山西省
1401,太原市
140121,清徐县
140121100,清源镇
140121100001,西街社区
140121100201,东于村
140121200,马峪乡
140121200202,马峪村
CSV
	cat >grids.csv <<'CSV'
code,name,households,population
140121100001001,西街第一网格,420,1300
140121100001002,西街第二网格,380,1150
140121100201001,东于一网格,290,880
140121200202001,马峪网格,310,900
CSV
	cat >units.csv <<'CSV'
village,kind,name,grid
140121100001,building,1号楼,140121100001001
140121100001,building,2号楼,140121100001001
140121100001,building,3号楼,140121100001002
140121100001,street,西街,140121100001002
140121100201,villager_group,一组,140121100201001
140121100201,villager_group,二组,140121100201001
140121100201,well,东于机井,140121100201001
140121200202,natural_village,马峪,140121200202001
140121200202,river,潇河马峪段,140121200202001
CSV
}

# idnum 17DIGITS: the 18-character identity number with its GB 11643
# check character.
idnum() {
	echo "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		split("1 0 X 9 8 7 6 5 4 3 2", c, " ")
		s = 0
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		print $0 c[s % 11 + 1]
	}'
}

# The test county's areas and grids imported, for staff-hire tests.
load_county() {
	write_county &&
	grid-define import areas areas.csv &&
	grid-define import grids grids.csv &&
	grid-define import units units.csv
}
