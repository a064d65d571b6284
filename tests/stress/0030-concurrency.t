#!/bin/sh
# Concurrency: STRESS_WRITERS processes write one database at once for
# STRESS_SECONDS: reporters (event-report add), movers filing the cases
# (case-route file), recruiters (staff-hire apply of batches of their
# own) and the cron escalation (case-route escalate --overdue), two of
# it at the same clock.  Afterwards: every write that said it succeeded
# is there and no other, no case number twice, no "database is locked"
# reached anyone, every exit was 0, and no case was escalated twice for
# the same overdue step at the same level.
. "$GRIDKIT_TOP/tests/cli/lib.sh"
. "$GRIDKIT_TOP/tests/stress/lib.sh"

writers=$STRESS_WRITERS
batch=20
province prov $((writers * 200 * batch)) || exit 1
sed 1d prov/grids.csv | cut -d, -f1 >grids
ngrids=$(wc -l <grids)
later=2026-12-20T09:00:00+08:00	# the cron's clock: all before it is late
end=$(($(date +%s) + STRESS_SECONDS))

# reporter N: events until the time is up, one line per success.
reporter() {
	_n=0
	while [ "$(date +%s)" -lt $end ]; do
		_n=$((_n + 1))
		_g=$(sed -n "$((($1 * 7 + _n) % ngrids + 1))p" grids)
		event-report add --new --grid "$_g" \
		    --category dispute.neighbour --severity general \
		    --title "r$1-$_n" --source resident >>"out.$1" 2>>"err.$1" ||
		    echo "reporter $1: exit $?" >>fail
	done
}

# mover N: files the reported cases whose number ends in N (mod 4).
mover() {
	while [ "$(date +%s)" -lt $end ]; do
		case-route list -f tsv --step reported 2>>"err.m$1" |
		    awk -F'\t' -v m="$1" 'NR > 1 && substr($1, length($1)) % 4 == m { print $1 }' |
		    head -n 10 >"todo.$1"
		if [ -s "todo.$1" ]; then
			case-route file - <"todo.$1" 2>>"err.m$1" ||
			    echo "mover $1: exit $?" >>fail
		else
			sleep 0.05
		fi
	done
}

# recruiter N: batches of candidates of its own, from line N*batch on.
recruiter() {
	_k=0
	while [ "$(date +%s)" -lt $end ]; do
		_first=$((2 + ($1 * 200 + _k) * batch))
		{ head -n 1 prov/candidates.csv
		  sed -n "${_first},$((_first + batch - 1))p" prov/candidates.csv
		} >"cands.$1"
		staff-hire apply "cands.$1" >>"ids.$1" 2>>"err.s$1" ||
		    echo "recruiter $1: exit $?" >>fail
		_k=$((_k + 1))
	done
}

# cron: the overdue escalation at the later clock, again and again.
cron() {
	while [ "$(date +%s)" -lt $end ]; do
		GRIDKIT_NOW=$later case-route escalate --overdue --wait 30 \
		    2>>"err.c$1" || echo "cron $1: exit $?" >>fail
		sleep 0.2
	done
}

test_expect_success "$writers writers for $STRESS_SECONDS s" '
	: >fail
	i=0 m=0 pids=
	while [ $i -lt $((writers - 2)) ]; do
		case $((i % 7)) in
		0|1|2|3) reporter $i & ;;
		4|5)	mover $((m % 4)) & m=$((m + 1)) ;;
		6)	recruiter $i & ;;
		esac
		pids="$pids $!"
		i=$((i + 1))
	done
	cron 1 & pids="$pids $!"
	cron 2 & pids="$pids $!"
	wait $pids
	cat fail && ! test -s fail
'

test_expect_success 'no "database is locked" reached anyone' '
	cat err.* | grep -v "warning: .*no column" >errs || :
	! grep -i "lock\|busy" errs
'

test_expect_success 'every event reported is there, each with its own case' '
	cat out.* >numbers &&
	test -s numbers &&
	n=$(wc -l <numbers) &&
	test "$(sort -u numbers | wc -l)" = "$n" &&
	test "$(sqlite3 test.db "SELECT count(*) FROM events")" = "$n" &&
	case-route list -f tsv | sed 1d | cut -f1 | sort >listed &&
	sort numbers | cmp - listed
'

test_expect_success 'every candidate applied is there' '
	cat ids.* >ids &&
	test "$(sort -u ids | wc -l)" = "$(wc -l <ids)" &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people")" = "$(wc -l <ids)"
'

test_expect_success 'no case escalated twice at one step and level' '
	GRIDKIT_NOW=$later case-route escalate --overdue &&
	sqlite3 test.db "SELECT case_id, step, level FROM case_history
	    WHERE action = '"'escalate'"' GROUP BY case_id, step, level
	    HAVING count(*) > 1" >twice &&
	! test -s twice &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE action = '"'escalate'"'")" -gt 0 &&
	GRIDKIT_NOW=$later case-route -n escalate --overdue -f tsv >left &&
	test "$(sed 1d left | wc -l)" = 0
'

test_sqlite_only 'PRAGMA integrity_check'
test_expect_success 'the database is whole' '
	test "$(sqlite3 test.db "PRAGMA integrity_check")" = ok
'

test_done
