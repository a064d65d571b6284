#!/bin/sh
# Crash: kill -9 at a random moment of a big staff-hire apply and a big
# event-report import.  Afterwards the database is whole (integrity
# check) and holds the batch entirely or not at all, and the same batch
# run again does what one run does.
. "$GRIDKIT_TOP/tests/cli/lib.sh"
. "$GRIDKIT_TOP/tests/stress/lib.sh"
test_sqlite_only_file 'each trial starts from a copy of the database file (on PostgreSQL the server rolls back a killed client)'

rows=$STRESS_ROWS
province prov "$rows" || exit 1
events_jsonl prov/grids.csv "$rows" >events.jsonl
cp test.db base.db

# crash_trials NAME TABLE COMMAND...: time one whole run of COMMAND,
# then STRESS_TRIALS runs each killed at a random moment within that
# time; every time the database must pass its integrity check and TABLE
# must hold 0 or $rows rows.  Says how the kills fell.
crash_trials() {
	_name=$1 _table=$2
	shift 2
	cp base.db test.db
	_t0=$(now_ms)
	"$@" >/dev/null 2>&1 || { echo "# a whole run of $_name failed"; return 1; }
	_whole=$(($(now_ms) - _t0 + 1))
	_none=0 _all=0 _i=0
	while [ $_i -lt "$STRESS_TRIALS" ]; do
		_i=$((_i + 1))
		rm -f test.db test.db-wal test.db-shm
		cp base.db test.db
		_ms=$(random_below "$_whole" "$$$_i")
		"$@" >/dev/null 2>&1 &
		_pid=$!
		sleep "$(awk -v m="$_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
		kill -9 $_pid 2>/dev/null
		wait $_pid 2>/dev/null
		_ok=$(sqlite3 test.db "PRAGMA integrity_check") || return 1
		[ "$_ok" = ok ] || { echo "# trial $_i ($_ms ms): $_ok"; return 1; }
		_n=$(sqlite3 test.db "SELECT count(*) FROM $_table") || return 1
		case $_n in
		0)	_none=$((_none + 1)) ;;
		"$rows") _all=$((_all + 1)) ;;
		*)	echo "# trial $_i, killed at $_ms ms of $_whole: $_n of $rows rows in $_table"
			return 1 ;;
		esac
	done
	echo "# $_name: $STRESS_TRIALS kills within $_whole ms: $_none before the commit, $_all after"
	# The last trial's database, when the kill came before the commit,
	# takes the batch again and ends with it whole.
	if [ "$(sqlite3 test.db "SELECT count(*) FROM $_table")" = 0 ]; then
		"$@" >/dev/null 2>err || { cat err; return 1; }
	fi
	test "$(sqlite3 test.db "SELECT count(*) FROM $_table")" = "$rows"
}

test_expect_success "kill -9 during staff-hire apply of $rows candidates" '
	crash_trials apply people staff-hire apply prov/candidates.csv
'

test_expect_success "kill -9 during event-report import of $rows events" '
	crash_trials import events event-report import --new events.jsonl
'

test_expect_success 'the cases of the events are whole after the crashes' '
	case-route list -f tsv >cases &&
	test "$(sed 1d cases | wc -l)" = "$rows" &&
	test "$(sed 1d cases | cut -f1 | sort -u | wc -l)" = "$rows"
'

test_done
