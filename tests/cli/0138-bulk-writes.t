#!/bin/sh
# Batches larger than what gridkit sends or holds at once (gridkit.5,
# PostgreSQL: rows sent ahead, 64 rows an INSERT, 256 statements before
# a wait, 64 villages or grids asked about alone, 256 overdue cases a
# query) count, number and write every row as one row at a time would,
# on both backends; a row the server refuses fails the whole batch.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

# A county of 3 townships, 30 villages, 90 grids and 900 units.
awk 'BEGIN {
	print "code,name\n14,山西省\n1401,太原市\n140121,清徐县" > "areas.csv"
	print "code,name" > "grids.csv"
	print "village,kind,name,grid" > "units.csv"
	for (t = 0; t < 3; t++) {
		tc = sprintf("140121%03d", 100 + t)
		printf "%s,镇%d\n", tc, t > "areas.csv"
		for (v = 1; v <= 10; v++) {
			vc = sprintf("%s%03d", tc, v)
			printf "%s,村%d-%d\n", vc, t, v > "areas.csv"
			for (g = 1; g <= 3; g++) {
				printf "%s%03d,网格%d-%d-%d\n", vc, g, t, v, g \
				    > "grids.csv"
				for (u = 1; u <= 10; u++)
					printf "%s,villager_group,第%d组%d,%s%03d\n", \
					    vc, u, g, vc, g > "units.csv"
			}
		}
	}
}'

test_expect_success 'areas, grids and 900 units: each row counted once' '
	grid-define -v import areas areas.csv 2>err &&
	grep "36 rows: 36 added, 0 updated, 0 unchanged" err &&
	grid-define -v import grids grids.csv 2>err &&
	grep "90 rows: 90 added, 0 updated, 0 unchanged" err &&
	grid-define -v import units units.csv 2>err &&
	grep "900 rows: 900 added, 0 updated, 0 unchanged" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM units")" = 900 &&
	test "$(sqlite3 test.db "SELECT count(DISTINCT id) FROM units")" = 900
'

test_expect_success 'again: nothing changed; renamed villages updated, the rest unchanged' '
	grid-define -v import units units.csv 2>err &&
	grep "all 900 units are there already" err &&
	sed "s/村1-/庄1-/" areas.csv >renamed.csv &&
	grid-define -v import areas renamed.csv 2>err &&
	grep "36 rows: 0 added, 10 updated, 26 unchanged" err &&
	test "$(sqlite3 test.db "SELECT name FROM areas WHERE code = '"'"'140121101001'"'"'")" = 庄1-1
'

test_expect_success 'units with one more each: only the new ones added, no unit lost' '
	sed "s/第\([0-9]*\)组/第\1队/" units.csv | sed 1d >more.csv &&
	{ head -n 1 units.csv; cat more.csv; sed 1d units.csv; } >both.csv &&
	grid-define -v import units both.csv 2>err &&
	grep "1800 rows: 900 added, 0 updated, 900 unchanged" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM units")" = 1800
'

# 300 events, one a grid and category, spread over the county.
awk 'BEGIN {
	split("dispute.neighbour dispute.family hazard.fire other", cat, " ")
	for (i = 0; i < 300; i++)
		printf "{\"grid\":\"140121%03d%03d%03d\",\"category\":\"%s\"," \
		    "\"severity\":\"一般\",\"title\":\"事件%d\",\"at\":" \
		    "\"2026-11-2%dT%02d:00:00+08:00\",\"source\":\"hotline\"}\n",
		    100 + i % 3, 1 + int(i / 3) % 10, 1 + int(i / 30) % 3,
		    cat[1 + int(i / 90) % 4], i, 1 + i % 5, 8 + i % 10
}' >events.jsonl

test_expect_success '300 events: each its own case, numbered on, the ids printed those written' '
	event-report import --new -f tsv events.jsonl >out &&
	test "$(sed 1d out | wc -l)" = 300 &&
	sed 1d out | cut -f1 >printed &&
	sqlite3 test.db "SELECT id FROM events ORDER BY id" >stored &&
	cmp printed stored &&
	sed 1d out | cut -f2 >cases &&
	test "$(head -n 1 cases)" = 140121-2026-0000001 &&
	test "$(tail -n 1 cases)" = 140121-2026-0000300 &&
	test "$(sort -u cases | wc -l)" = 300 &&
	test "$(sqlite3 test.db "SELECT last FROM case_counters")" = 300 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE action = '"'"'report'"'"'")" = 300
'

test_expect_success 'the next import numbers on from the counter; a dry run writes no number' '
	head -n 10 events.jsonl >ten.jsonl &&
	event-report import --new -n ten.jsonl >/dev/null 2>&1 &&
	test "$(sqlite3 test.db "SELECT last FROM case_counters")" = 300 &&
	event-report import --new ten.jsonl >ids &&
	test "$(head -n 1 ids)" = 140121-2026-0000301 &&
	test "$(tail -n 1 ids)" = 140121-2026-0000310 &&
	test "$(sqlite3 test.db "SELECT last FROM case_counters")" = 310
'

test_expect_success '310 overdue cases: each escalated once, the chain whole' '
	GRIDKIT_NOW=2026-12-29T09:00:00+08:00 case-route escalate --overdue -n -f tsv >esc &&
	test "$(sed 1d esc | wc -l)" = 310 &&
	test "$(sed 1d esc | cut -f1 | sort -u | wc -l)" = 310 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM cases WHERE level = 2")" = 0 &&
	GRIDKIT_NOW=2026-12-29T09:00:00+08:00 case-route escalate --overdue >out &&
	! test -s out &&
	test "$(sqlite3 test.db "SELECT count(*) FROM cases WHERE level = 2 AND cards = 1")" = 310 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE action = '"'"'escalate'"'"'")" = 310 &&
	GRIDKIT_NOW=2026-12-29T09:00:00+08:00 case-route escalate --overdue -n -f tsv >again &&
	test "$(sed 1d again | wc -l)" = 0 &&
	case-route verify
'

# 200 candidates over the 90 grids; the 150th is the first again.
{
	echo "name,id_number,phone,education,grid,role"
	i=1
	while [ $i -le 200 ]; do
		n=$(printf %03d $i)
		g=$(sed -n "$((i % 90 + 2))p" grids.csv | cut -d, -f1)
		echo "候选$n,$(idnum 14012119900101$n),13800000$n,高中,$g,兼职网格员"
		i=$((i + 1))
	done
} >cands.csv

test_expect_success '200 candidates: the staff ids printed are those written, each with its stage' '
	staff-hire apply cands.csv >ids 2>err &&
	test "$(wc -l <ids)" = 200 &&
	sqlite3 test.db "SELECT id FROM people ORDER BY id" >stored &&
	cmp ids stored &&
	test "$(sqlite3 test.db "SELECT count(DISTINCT person) FROM stages WHERE stage = '"'"'registration'"'"'")" = 200 &&
	test "$(sqlite3 test.db "SELECT name FROM people WHERE id = $(sed -n 150p ids)")" = 候选150
'

test_expect_success 'the same file again adds nobody and prints the same ids; a person twice in a file is named' '
	staff-hire apply cands.csv >ids 2>err &&
	grep "all 200 candidates are registered already" err &&
	cmp ids stored &&
	{
		echo "name,id_number,phone,education,grid,role"
		i=201
		while [ $i -le 300 ]; do
			echo "候选$i,$(idnum 14012119900102$((i - 100))),13800001$((i - 100)),高中,140121100001001,兼职网格员"
			i=$((i + 1))
		done
		echo "候选201,$(idnum 14012119900102101),13800001101,高中,140121100001001,兼职网格员"
	} >dup.csv &&
	exits 65 staff-hire apply dup.csv >ids 2>err &&
	grep "dup.csv:102:.*appears earlier in this file, on line 2" err &&
	! test -s ids &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people")" = 200
'

test_expect_success 'past the largest event id (ids at random): the ids printed are those written' '
	sqlite3 test.db "UPDATE events SET id = 9223372036854775807 WHERE id = (SELECT max(id) FROM events)" &&
	sed -n "11,15p" events.jsonl >five.jsonl &&
	event-report import --new -f tsv five.jsonl >out &&
	test "$(sed 1d out | wc -l)" = 5 &&
	sed 1d out | while IFS="	" read -r ev kase status; do
		test "$(sqlite3 test.db "SELECT count(*) FROM events WHERE id = $ev AND case_id % 10000000 = ${kase##*-}")" = 1 || return 1
	done
'

test_pg_only 'a trigger of the server refuses a row'
test_expect_success 'a row the server refuses, sent ahead: the batch refused whole (65), in a dry run too' '
	sqlite3 test.db "CREATE FUNCTION no_boom() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN IF NEW.name = '"'"'boom'"'"' THEN RAISE EXCEPTION '"'"'no boom here'"'"' USING ERRCODE = '"'"'check_violation'"'"'; END IF; RETURN NEW; END \$\$; CREATE TRIGGER no_boom BEFORE INSERT ON units FOR EACH ROW EXECUTE FUNCTION no_boom()" &&
	{
		echo "village,kind,name,grid"
		sed 1d units.csv | sed "s/,第\([0-9]*\)组\([0-9]\),/,第\1屯\2,/" | head -n 99
		echo "140121100001,villager_group,boom,140121100001001"
		sed 1d units.csv | sed "s/,第\([0-9]*\)组\([0-9]\),/,第\1寨\2,/" | head -n 100
	} >boom.csv &&
	exits 65 grid-define import units boom.csv 2>err &&
	grep "database error: no boom here" err &&
	exits 65 grid-define -n import units boom.csv 2>err &&
	grep "no boom here" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM units")" = 1800
'

test_done
