#!/bin/sh
# I/O faults: an import whose Nth write fails (EIO, or ENOSPC as a full
# disk would give), for writes spread over every write the import makes,
# through the LD_PRELOAD shim tests/stress/faultio.so; and an import
# onto a real full disk, a small tmpfs, where the machine lets us mount
# one.  Each time: a clear message, a non-zero exit with nothing on
# standard output, the database as it was, no file left behind; or, when
# the fault came after the commit, exit 0 with the whole batch there.
. "$GRIDKIT_TOP/tests/cli/lib.sh"
. "$GRIDKIT_TOP/tests/stress/lib.sh"
test_sqlite_only_file 'the faults are injected into the writes of the SQLite file by an LD_PRELOAD shim'

shim=$top/tests/stress/faultio.so
# gcc's ASan runtime insists on coming first among the preloaded.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

rows=$((STRESS_ROWS / 4))
mkdir prov &&
"$top/scripts/gen-province" -s 0.0005 -c "$rows" -o prov >/dev/null &&
grid-define import areas prov/areas.csv &&
grid-define import grids prov/grids.csv || exit 1
events_jsonl prov/grids.csv "$rows" >events.jsonl
cp test.db base-units.db
grid-define import units prov/units.csv || exit 1
cp test.db base-apply.db
cp test.db base-events.db

# files: the files of the test's directory, but for the test's own
# (out, err, files.*) and the database's write-ahead log and its index,
# which belong to the database and are taken up by its next opener.
files() {
	ls | grep -v "^\(out\|err\|files\..*\|test\.db-wal\|test\.db-shm\)$"
}

# fault_trials NAME BASE COUNT-QUERY EXPECT COMMAND...: count the writes
# of COMMAND on a copy of BASE, then fail STRESS_FAULTS of them, one per
# run, alternately with EIO and ENOSPC.  COUNT-QUERY counts what the
# batch adds; EXPECT is its value after a whole run.
fault_trials() {
	_name=$1 _base=$2 _query=$3 _expect=$4
	shift 4
	rm -f test.db*
	cp "$_base" test.db
	FAULTIO_COUNT=$PWD/writes LD_PRELOAD=$shim "$@" >/dev/null 2>err ||
	    { cat err; return 1; }
	_writes=$(cat writes)
	test "$(sqlite3 test.db "$_query")" = "$_expect" || return 1
	_before=$(db_sum "$_base")
	_zero=$(sqlite3 "$_base" "$_query")
	_step=$((_writes / STRESS_FAULTS))
	[ $_step -ge 1 ] || _step=1
	_at=1 _failed=0 _after=0
	while [ $_at -le "$_writes" ]; do
		rm -f test.db* out err
		cp "$_base" test.db
		files >files.before
		_e=EIO
		[ $((_at / _step % 2)) = 1 ] && _e=ENOSPC
		FAULTIO_AT=$_at FAULTIO_ERRNO=$_e LD_PRELOAD=$shim \
		    "$@" >out 2>err
		_rc=$?
		if [ $_rc = 0 ]; then
			# Past the commit: the batch is whole.
			_after=$((_after + 1))
			test "$(sqlite3 test.db "$_query")" = "$_expect" ||
			    { echo "# write $_at ($_e): exit 0, batch not whole"; return 1; }
		else
			_failed=$((_failed + 1))
			! test -s out ||
			    { echo "# write $_at ($_e): exit $_rc with output"; cat out; return 1; }
			test -s err ||
			    { echo "# write $_at ($_e): exit $_rc, no message"; return 1; }
			! grep -i "locked\|malformed\|corrupt" err ||
			    { echo "# write $_at ($_e)"; return 1; }
			test "$(db_sum test.db)" = "$_before" ||
			    { echo "# write $_at ($_e): exit $_rc, database changed:"; cat err; return 1; }
			test "$(sqlite3 test.db "$_query")" = "$_zero" || return 1
		fi
		# A reader opens it cleanly; nothing is left beside it.
		grid-define list areas >/dev/null || return 1
		files >files.after
		cmp -s files.before files.after ||
		    { echo "# write $_at ($_e): files left:"; diff files.before files.after; return 1; }
		_at=$((_at + _step))
	done
	echo "# $_name: $_writes writes, faults at every ${_step}th: $_failed refused whole, $_after after the commit"
	[ $_failed -gt 0 ]
}

test_expect_success 'a failed write during grid-define import units' '
	fault_trials units base-units.db "SELECT count(*) FROM units" \
	    "$(($(wc -l <prov/units.csv) - 1))" \
	    grid-define import units prov/units.csv
'

test_expect_success 'a failed write during staff-hire apply' '
	fault_trials apply base-apply.db "SELECT count(*) FROM people" "$rows" \
	    staff-hire apply prov/candidates.csv
'

test_expect_success 'a failed write during event-report import' '
	fault_trials events base-events.db "SELECT count(*) FROM events" "$rows" \
	    event-report import --new events.jsonl
'

# A real full disk: the database on a tmpfs just big enough for it.
full_disk() {
	mkdir small &&
	cp base-apply.db small.db &&
	_kb=$(($(du -k small.db | cut -f1) + 64)) &&
	mount -t tmpfs -o size=${_kb}k tmpfs small 2>/dev/null || return 2
	cp small.db small/test.db &&
	_before=$(db_sum small/test.db) &&
	GRIDKIT_DB=$PWD/small/test.db staff-hire apply prov/candidates.csv \
	    >out 2>err
	_rc=$?
	_sum=$(db_sum small/test.db)
	ls small >files
	umount small
	cat err
	test $_rc = 74 && ! test -s out && test "$_sum" = "$_before" &&
	    test "$(cat files)" = test.db
}
if [ "$(id -u)" = 0 ] && mkdir probe && mount -t tmpfs -o size=64k tmpfs probe 2>/dev/null; then
	umount probe
	test_expect_success 'staff-hire apply onto a full disk: exit 74, nothing changed' '
		full_disk
	'
else
	test_skip 'staff-hire apply onto a full disk' \
	    'mounting a tmpfs needs root and a machine that allows it'
fi

test_done
