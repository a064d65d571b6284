#!/bin/sh
# case-route: the county's controls over the loop: the access list
# (Art. 15), approved extensions, the SM3 archive chain with verify and
# archive (Art. 13(4)).
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1
G1=140121100001001

report() {
	event-report add --grid $G1 --category "$1" --severity general \
	    --title "$2" --source resident --new
}

A=$(report dispute.neighbour 漏水) &&
B=$(report hazard.fire 堆物) &&
E=$(report enforcement 违建) &&
case-route file $A $B $E || exit 1

test_expect_success 'assign to grid staff is refused for a category not on the access list, and the batch is unchanged' '
	case-route access add --category dispute --reason 矛盾纠纷排查化解 \
	    --standard 当日上门 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-01-05 &&
	exits 65 case-route assign --to 1 $A $B 2>err &&
	grep "case $B: cannot assign: category hazard.fire (消防安全隐患) is not on the access list (准入清单) of county 140121 in force on 2026-11-29: not given to grid staff (Art. 15" err &&
	case-route list -f tsv --step filed >l && test "$(wc -l <l)" = 4
'

test_expect_success 'a subcategory is covered by its parent on the list' '
	case-route assign --to 1 $A &&
	case-route show $A | grep "^assignee *staff 1"
'

test_expect_success 'assigning to a centre is not the access list'"'"'s business' '
	C=$(report hazard.fire 电线老化) && case-route file $C &&
	case-route assign --to 140121100001 $C
'

test_expect_success 'an entry is in force from its approval date' '
	case-route access add --category hazard.fire --reason 消防隐患排查 \
	    --standard 每周巡查 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-11-30 &&
	exits 65 case-route assign --to 1 $B 2>err &&
	grep "in force on 2026-11-29" err &&
	case-route access list -f tsv >l && ! grep hazard.fire l &&
	case-route access list --on 2026-11-30 -f tsv >l &&
	grep "^140121	hazard.fire	消防安全隐患	清徐县委政法委	2026-11-30		消防隐患排查" l
'

test_expect_success 'the same entry again changes nothing; another one in force is refused' '
	case-route access add --category hazard.fire --reason 消防隐患排查 \
	    --standard 每周巡查 --exit 经县委政法委审定后退出 \
	    --approved-by 清徐县委政法委 --approved-on 2026-11-30 &&
	exits 65 case-route access add --category hazard.fire --reason x \
	    --standard y --exit z --approved-by w --approved-on 2026-12-01 2>err &&
	grep "on the access list of county 140121 already, approved by 清徐县委政法委 on 2026-11-30; withdraw it first (Art. 15)" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM access_list")" = 2
'

test_expect_success 'withdrawn on a day: in force the day before, not on the day' '
	case-route access withdraw --on 2026-12-03 --reason 改由消防部门承担 hazard.fire &&
	case-route access withdraw --on 2026-12-03 --reason 改由消防部门承担 hazard.fire &&
	exits 65 case-route --now 2026-12-03T09:00:00+08:00 assign --to 1 $B 2>err &&
	grep "not on the access list (准入清单) of county 140121 in force on 2026-12-03" err &&
	case-route --now 2026-12-02T09:00:00+08:00 assign --to 1 $B
'

test_expect_success 'entries are never deleted: --all shows the withdrawn one' '
	case-route access list --all -f tsv >l &&
	grep "^140121	hazard.fire	.*	2026-11-30	2026-12-03	.*改由消防部门承担$" l &&
	case-route access list --on 2026-12-03 -f tsv >l && ! grep hazard.fire l &&
	exits 65 case-route access withdraw --on 2026-12-04 --reason x hazard.fire 2>err &&
	grep "not on the access list of county 140121: nothing to withdraw" err
'

test_expect_success 'law enforcement is never on the list and never given to grid staff' '
	exits 65 case-route access add --category enforcement --reason x \
	    --standard y --exit z --approved-by w --approved-on 2026-01-01 2>err &&
	grep "administrative law enforcement or professional work, never on the access list (Art. 15)" err &&
	sqlite3 test.db "INSERT INTO access_list (county, category, reason, standard, exit_procedure, approved_by, approved_on, created, operator) VALUES ('"'"'140121'"'"', '"'"'enforcement'"'"', '"'"'x'"'"', '"'"'y'"'"', '"'"'z'"'"', '"'"'w'"'"', '"'"'2026-01-01'"'"', '"'"'x'"'"', '"'"'sqlite3'"'"')" &&
	exits 65 case-route assign --to 1 $E 2>err &&
	grep "never given to grid staff (Art. 15)" err
'

test_expect_success 'access import takes the Chinese headers and locates a bad row' '
	cat >list.csv <<CSV &&
事项,纳入理由,工作标准,退出程序,审批机关,审批日期
livelihood,民生服务代办,按时办结,经审定后退出,清徐县委政法委,2026-02-01
special.elderly,关爱走访,每月一次,经审定后退出,清徐县委政法委,2026-02-01
CSV
	case-route access import list.csv &&
	case-route access list -f tsv >l && grep "^140121	special.elderly	留守老人" l &&
	printf "category,reason,standard,exit,approved_by,approved_on\nenforcement,a,b,c,d,2026-02-01\n" >bad.csv &&
	exits 65 case-route access import bad.csv 2>err &&
	grep "bad.csv:2:.*never on the access list" err
'

X=$(report dispute.family 家事) && Y=$(report dispute.family 家事二) &&
case-route file $X $Y || exit 1

test_expect_success 'an extension moves the due time, the light and the overdue state' '
	case-route show $X | grep "^due *2026-12-01T00:00:00+08:00" &&
	case-route --now 2026-11-30T20:00:00+08:00 list --light yellow -f tsv >l &&
	grep "^$X" l &&
	case-route extend --days 2 --reason 需司法鉴定 --approved-by 清源镇综治中心主任 $X &&
	case-route show $X | grep "^due *2026-12-03T00:00:00+08:00" &&
	case-route --now 2026-11-30T20:00:00+08:00 list --light green -f tsv >l &&
	grep "^$X" l &&
	case-route --now 2026-12-01T09:00:00+08:00 list --overdue -f tsv >l &&
	grep "^$Y" l && ! grep "^$X" l &&
	case-route show $X | grep "extend .*2 working days, due 2026-12-03T00:00:00+08:00 instead of 2026-12-01T00:00:00+08:00: 需司法鉴定 (approved by 清源镇综治中心主任)"
'

test_expect_success 'extensions are limited by case.max_extensions' '
	exits 65 case-route extend --days 1 --reason x --approved-by y $X 2>err &&
	grep "case $X: 1 of at most 1 extensions used already (case.max_extensions)" err &&
	mkdir -p .config/gridkit &&
	printf "case:\n  max_extensions: 2\n" >.config/gridkit/gridkit.yaml &&
	case-route extend --days 1 --reason x --approved-by y $X &&
	case-route show $X | grep "^due *2026-12-04T00:00:00+08:00" &&
	rm .config/gridkit/gridkit.yaml
'

test_expect_code 64 'extend needs --days' 'case-route extend --reason x --approved-by y $X'

test_expect_success 'a clean chain verifies silently' '
	case-route verify >out 2>err && test ! -s out && test ! -s err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM case_history WHERE chain IS NULL")" = 0 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM audit WHERE chain IS NULL")" = 0
'

test_expect_success 'concurrent writers do not fork the chain' '
	for i in 1 2 3 4; do report livelihood.demand 诉求$i >/dev/null & done; wait &&
	case-route verify
'

# The canonical encoding of gridkit(5), computed by sqlite3 from a JSON
# document: the prev hash, then each field as -, or LENGTH:BYTES,
enc() {
	for _f in "$@"; do
		printf "|| CASE WHEN json_type(r.value, '\$.%s') = 'null' THEN '-,' ELSE length(CAST(json_extract(r.value, '\$.%s') AS BLOB)) || ':' || json_extract(r.value, '\$.%s') || ',' END " $_f $_f $_f
	done
}

Z=$(event-report add --grid $G1 --category other --severity general \
    --title 路灯已修 --source resident --resolved --result 已当场修复) &&
Z=$(sqlite3 test.db "SELECT substr(id, 1, 6) || '-' || substr(id, 7, 4) || '-' ||
    substr(id, 11) FROM cases WHERE on_spot = 1") || exit 1

test_expect_success 'archive writes closed cases with their hashes, mode 0600' '
	case-route archive -o arch.jsonl &&
	test "$(stat -c %a arch.jsonl)" = 600 &&
	test "$(wc -l <arch.jsonl)" = 2 &&
	grep "\"case\":\"$Z\"" arch.jsonl &&
	tail -1 arch.jsonl | grep "^{\"archive\":{.*\"cases\":1,\"rows\":6,\"sm3\":\"[0-9a-f]\{64\}\"}}$"
'

test_expect_success 'the encoding of gridkit(5) and openssl dgst -sm3 give the hashes of the archive' '
	{ echo "["; sed "\$d" arch.jsonl | sed "\$!s/\$/,/"; echo "]"; } >arr.json &&
	sqlite3 -batch -noheader -separator "|" :memory: "SELECT json_extract(r.value, '"'"'\$.chain'"'"'), json_extract(r.value, '"'"'\$.prev'"'"') $(enc case_id at action step level area dept card note due operator) FROM json_each(readfile('"'"'arr.json'"'"')) c, json_each(c.value, '"'"'\$.history'"'"') r" >rows &&
	test "$(wc -l <rows)" = 6 &&
	while IFS="|" read -r want input; do
		got=$(printf "%s" "$input" | openssl dgst -sm3 -r | cut -d" " -f1) &&
		test "$got" = "$want" || exit 1
	done <rows &&
	sed -n 2p rows | grep -x "[0-9a-f]\{64\}|[0-9a-f]\{64\}17:$(echo $Z | tr -d -),25:2026-11-29T09:00:00+08:00,4:file,1:2,1:1,12:140121100001,-,-,33:resolved on the spot (Art. 13(1)),25:2026-12-01T00:00:00+08:00,6:tester,"
'

test_sqlite_only 'the encoding computed with SQLite'"'"'s printf and CAST AS BLOB'
test_expect_success 'the audit rows are chained with the same encoding' '
	sqlite3 -batch -noheader -separator "|" test.db "SELECT a.chain, coalesce((SELECT p.chain FROM audit p WHERE p.id < a.id ORDER BY p.id DESC LIMIT 1), printf('"'"'%064d'"'"', 0)) || length(CAST(at AS BLOB)) || '"'"':'"'"' || at || '"'"','"'"' || length(CAST(operator AS BLOB)) || '"'"':'"'"' || operator || '"'"','"'"' || length(CAST(program AS BLOB)) || '"'"':'"'"' || program || '"'"','"'"' || length(CAST(verb AS BLOB)) || '"'"':'"'"' || verb || '"'"','"'"' || length(CAST(subject AS BLOB)) || '"'"':'"'"' || subject || '"'"','"'"' || length(CAST(detail AS BLOB)) || '"'"':'"'"' || detail || '"'"','"'"' FROM audit a ORDER BY id DESC LIMIT 3" >rows &&
	test "$(wc -l <rows)" = 3 &&
	while IFS="|" read -r want input; do
		got=$(printf "%s" "$input" | openssl dgst -sm3 -r | cut -d" " -f1) &&
		test "$got" = "$want" || exit 1
	done <rows
'

test_expect_success 'a closed case has no time limit to extend' '
	exits 65 case-route extend --days 1 --reason x --approved-by y $Z 2>err &&
	grep "case $Z: at step closed (结案归档), closed: no time limit to extend" err
'

test_expect_success 'verify --file checks an archive offline' '
	GRIDKIT_DB=/nonexistent/x.db case-route verify --file arch.jsonl
'

test_expect_success 'verify --file finds one byte changed anywhere' '
	sed "s/路灯已修/路灯未修/" arch.jsonl >bad1.jsonl &&
	exits 1 case-route verify --file bad1.jsonl 2>err &&
	grep "bad1.jsonl:2: the summary.s SM3 or counts do not match" err &&
	sed "2s/\"rows\":6/\"rows\":5/" arch.jsonl >bad4.jsonl &&
	exits 1 case-route verify --file bad4.jsonl 2>err &&
	grep "bad4.jsonl:2: the summary.s SM3 or counts do not match" err &&
	sed "1s/resolved on the spot/resolved at the spot/" arch.jsonl >bad2.jsonl &&
	exits 1 case-route verify --file bad2.jsonl 2>err &&
	grep "bad2.jsonl:1: case $Z, history row [0-9]*: hash does not match" err &&
	head -1 arch.jsonl >bad3.jsonl &&
	exits 1 case-route verify --file bad3.jsonl 2>err &&
	grep "no summary line at the end: the file is cut short" err
'

# tamper SQL: a copy of the clean database changed with the sqlite3
# shell, verified.  On PostgreSQL (make check-pg) the copies are
# databases made from it as a template, changed with psql.
if [ -n "$test_pg" ]; then
	dropdb --if-exists "${test_pgdb}_clean"
	createdb -T "$test_pgdb" "${test_pgdb}_clean"
	tamper() {
		dropdb --if-exists "${test_pgdb}_t" &&
		createdb -T "${test_pgdb}_clean" "${test_pgdb}_t" &&
		psql -Xq -v ON_ERROR_STOP=1 -d "${test_pgdb}_t" -c "$1" &&
		GRIDKIT_DB="dbname=${test_pgdb}_t" case-route verify
	}
	clean() { psql -XAtq -d "${test_pgdb}_clean" -c "$1"; }
else
	sqlite3 test.db ".backup clean.db"
	tamper() {
		rm -f t.db && sqlite3 clean.db ".backup t.db" &&
		sqlite3 t.db "$1" && GRIDKIT_DB=$PWD/t.db case-route verify
	}
	clean() { sqlite3 clean.db "$1"; }
fi
N=$(clean "SELECT count(*) FROM case_history")
case_of() {
	clean "SELECT substr(case_id, 1, 6) || '-' || substr(case_id, 7, 4) || '-' || substr(case_id, 11) FROM case_history WHERE id = $1"
}

test_expect_success 'a row altered with the sqlite3 shell is found, with its case' '
	exits 1 tamper "UPDATE case_history SET note = '"'"'改过'"'"' WHERE id = 5" 2>err &&
	grep "case history row 5 (case $(case_of 5), .*): hash does not match: the row was altered, inserted, or a row before it deleted (Art. 13(4))" err
'

test_expect_success 'a row deleted is found at the row after it' '
	exits 1 tamper "DELETE FROM case_history WHERE id = 7" 2>err &&
	grep "case history row 8 (case $(case_of 8), " err
'

test_expect_success 'a row inserted is found' '
	exits 1 tamper "INSERT INTO case_history (id, case_id, at, action, step, level, area, operator, chain) SELECT $N + 1, case_id, at, '"'"'close'"'"', 6, 1, area, operator, chain FROM case_history WHERE id = $N" 2>err &&
	grep "case history row $((N + 1)) (case .*, close at .*): hash does not match" err &&
	exits 1 tamper "INSERT INTO case_history (id, case_id, at, action, step, level, area, operator) VALUES ($N + 1, 14012120260000001, '"'"'2026-11-29'"'"', '"'"'close'"'"', 6, 1, '"'"'x'"'"', '"'"'x'"'"')" 2>err &&
	grep "case history row $((N + 1)) .*: no hash" err
'

test_expect_success 'rows reordered are found at the first of them' '
	exits 1 tamper "UPDATE case_history SET id = -id WHERE id IN (3, 9); UPDATE case_history SET id = 9 WHERE id = -3; UPDATE case_history SET id = 3 WHERE id = -9" 2>err &&
	grep "case history row 3 " err
'

test_expect_success 'an audit row altered is found' '
	exits 1 tamper "UPDATE audit SET operator = '"'"'nobody'"'"' WHERE id = (SELECT max(id) - 2 FROM audit)" 2>err &&
	grep "audit row [0-9]* (.*): hash does not match" err
'

test_done
