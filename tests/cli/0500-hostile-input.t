#!/bin/sh
# Hostile fields: quotes, semicolons and SQL, spreadsheet formulas,
# control characters and a very long value in the text columns of each
# program.  Stored and given back verbatim, shown safely (no control
# character reaches a terminal table, no formula reaches Excel), no
# crash, no injection.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
# 3,999 bytes: a description may have 4,000; 60,000 bytes: nothing may.
long=$(awk 'BEGIN { for (i = 0; i < 1333; i++) printf "长" }')
huge=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "长" }')
esc=$(printf '\033[31m红\033[0m')
bel=$(printf 'a\007b')

test_expect_success 'SQL and quotes in a grid name are stored as written' '
	cat >g.csv <<-CSV &&
	code,name,households,population
	140121100001001,"x'"'"'); DROP TABLE grids; --",420,1300
	140121100001002,"say ""hi""; -- done",380,1150
	CSV
	grid-define import grids g.csv &&
	grid-define list grids -f tsv --village 140121100001 >out &&
	grep "	x'"'"'); DROP TABLE grids; --	" out &&
	grep "	say \"hi\"; -- done	" out &&
	test "$(grid-define list grids -f tsv | sed 1d | wc -l)" = 4
'

report() {
	event-report add --new --grid 140121100001001 --category other \
	    --severity general --source resident "$@"
}

test_expect_success 'formulas in event text are kept, and defused for Excel' '
	report --title "=HYPERLINK(\"http://evil\",\"点击\")" \
	    --location "+1+cmd|x" --description "@SUM(A1:A9)" >n1 &&
	event-report list -f jsonl >out &&
	grep -F "\"title\":\"=HYPERLINK(\\\"http://evil\\\",\\\"点击\\\")\"" out &&
	event-report list -f csv --excel >x.csv &&
	! grep -F ",=HYPERLINK" x.csv && ! grep -F ",\"=HYPERLINK" x.csv &&
	grep -F "=HYPERLINK" x.csv
'

test_expect_success 'control characters are stored, escaped in tables' '
	report --title "$esc" --description "$bel" >n2 &&
	case-route show "$(cat n2)" -f json >j &&
	grep -F "\"title\": \"\\u001B[31m红\\u001B[0m\"" j &&
	case-route show "$(cat n2)" >t &&
	! grep -q "$(printf "\033")" t && ! grep -q "$(printf "\007")" t
'

test_expect_success 'a description of 3,999 bytes goes in and out whole' '
	report --title 长文 --description "$long" >n3 &&
	test "$(sqlite3 test.db "SELECT description FROM events WHERE title = '"'长文'"'")" = "$long"
'

test_expect_success 'a value of 60,000 bytes is refused, naming its limit' '
	exits 64 report --title x --description "$huge" >out 2>err &&
	grep -- "--description: longer than 4000 bytes" err && ! test -s out
'

test_expect_success 'an import with SQL in every column and a 60,000-byte line' '
	{
		echo "grid,category,severity,title,description,location,source"
		echo "140121100001002,other,general,\"it'"'"'s\",\"a;b\"\"c\",\"DELETE FROM cases;\",resident"
		printf "140121100001002,other,general,\"%s\",x,y,resident\n" "$esc"
		echo "140121100001002,other,general,t,\"$huge\",y,resident"
	} >e.csv &&
	exits 65 event-report import --new e.csv >nums 2>err &&
	grep "e.csv:4:.*field \"description\": longer than 4000 bytes" err &&
	! test -s nums &&
	sed -i 4d e.csv &&
	event-report import --new e.csv >nums &&
	test "$(wc -l <nums)" = 2 &&
	event-report list -f jsonl >j &&
	grep -F "\"location\":\"DELETE FROM cases;\"" j &&
	test "$(sqlite3 test.db "SELECT description FROM events WHERE title = '"'it''s'"'")" = "a;b\"c" &&
	test "$(case-route list -f tsv | sed 1d | wc -l)" = 5
'

test_expect_success 'a NUL byte in a file is refused at its line, nothing kept' '
	{
		echo "grid,category,severity,title,source"
		printf "140121100001002,other,general,a\000b,resident\n"
	} >nul.csv &&
	exits 65 event-report import --new nul.csv >out 2>err &&
	grep "nul.csv:2" err && ! test -s out &&
	test "$(case-route list -f tsv | sed 1d | wc -l)" = 5
'

test_expect_success 'the database is whole and every table there' '
	# (PRAGMA integrity_check on SQLite; on PostgreSQL the listing only.)
	{ [ -n "$test_pg" ] ||
	    test "$(sqlite3 test.db "PRAGMA integrity_check")" = ok; } &&
	grid-define list areas -f tsv | grep -q 140121
'

test_done
