#!/bin/sh
# PostgreSQL behind the same programs (gridkit.5, DATABASE): a
# connection string never shows its password; a database of another
# program or of a newer gridkit is refused; writers queue on the write
# lock and give up with 75 after the busy budget; backup is pg_dump's.
# The steps that need a server run in make check-pg only.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county

test_expect_success 'a connection string that cannot connect is 69, its password never shown' '
	exits 69 grid-define -d "postgresql://clerk:s3cret@127.0.0.1:1/county" \
	    list 2>err &&
	grep "^grid-define: postgresql://clerk@127.0.0.1:1/county: cannot connect" err &&
	! grep s3cret err &&
	exits 69 env GRIDKIT_DB="host=127.0.0.1 port=1 dbname=county password=s3cret" \
	    grid-define list 2>err &&
	grep "^grid-define: postgresql://127.0.0.1:1/county: cannot connect" err &&
	! grep s3cret err
'

test_expect_success '--print-config shows the database without its password' '
	mkdir -p .config/gridkit &&
	echo "database: \"postgresql://clerk:s3cret@db.example/county?sslmode=require\"" \
	    >.config/gridkit/gridkit.yaml &&
	env -u GRIDKIT_DB grid-define --print-config -f tsv >cfg &&
	grep "^database	postgresql://clerk@db.example/county	" cfg &&
	! grep s3cret cfg &&
	rm .config/gridkit/gridkit.yaml
'

test_pg_only 'needs a server'
test_expect_success 'a new database is made and read; the schema version is in gridkit_meta' '
	grid-define import areas areas.csv &&
	grid-define list areas | grep 山西省 &&
	test "$(sqlite3 test.db "SELECT value FROM gridkit_meta WHERE key = '\''schema_version'\''")" -gt 7
'

test_pg_only 'needs a server'
test_expect_success 'a rolled-back batch leaves no gap in the ids' '
	printf "code,name\n140121100299001,孤网格\n" >orphan.csv &&
	exits 65 grid-define import grids orphan.csv 2>err &&
	before=$(sqlite3 test.db "SELECT max(id) FROM audit") &&
	grid-define import grids grids.csv &&
	test "$(sqlite3 test.db "SELECT max(id) FROM audit")" = $((before + 1))
'

test_pg_only 'needs a server'
test_expect_success 'a PostgreSQL database of another program is refused with 69' '
	dropdb --if-exists "${test_pgdb}_other" && createdb -T template0 "${test_pgdb}_other" &&
	psql -Xq -d "${test_pgdb}_other" -c "CREATE TABLE t (x int)" &&
	exits 69 grid-define -d "dbname=${test_pgdb}_other" import areas areas.csv 2>err &&
	grep "not a gridkit database (a PostgreSQL database of another program)" err &&
	test "$(psql -XAtq -d "${test_pgdb}_other" -c "SELECT count(*) FROM pg_tables WHERE schemaname = '\''public'\''")" = 1 &&
	dropdb "${test_pgdb}_other"
'

test_pg_only 'needs a server'
test_expect_success 'a database from a newer gridkit is refused, by readers and writers' '
	dropdb --if-exists "${test_pgdb}_newer" && createdb -T template0 "${test_pgdb}_newer" &&
	grid-define -d "dbname=${test_pgdb}_newer" import areas areas.csv &&
	psql -Xq -d "${test_pgdb}_newer" -c "UPDATE gridkit_meta SET value = '\''99'\'' WHERE key = '\''schema_version'\''" &&
	exits 69 grid-define -d "dbname=${test_pgdb}_newer" list 2>err &&
	grep "newer than this gridkit" err &&
	exits 69 grid-define -d "dbname=${test_pgdb}_newer" import areas areas.csv 2>err &&
	grep "newer than this gridkit" err &&
	dropdb "${test_pgdb}_newer"
'

test_pg_only 'needs a server'
test_expect_success 'an empty database is no database for a reader, and a dry run writes nothing' '
	dropdb --if-exists "${test_pgdb}_empty" && createdb -T template0 "${test_pgdb}_empty" &&
	exits 69 grid-define -d "dbname=${test_pgdb}_empty" list 2>err &&
	grep "no database here yet" err &&
	grid-define -v -d "dbname=${test_pgdb}_empty" -n import areas areas.csv 2>err &&
	grep "the dry run uses an empty one in memory" err &&
	test "$(psql -XAtq -d "${test_pgdb}_empty" -c "SELECT count(*) FROM pg_tables WHERE schemaname = '\''public'\''")" = 0 &&
	dropdb "${test_pgdb}_empty"
'

test_pg_only 'needs a server'
test_expect_success 'a writer behind the write lock exits 75 after its budget, then succeeds' '
	grid-define import areas areas.csv && mkfifo held release || exit 1
	{
		echo "BEGIN;"
		echo "SELECT pg_advisory_xact_lock(1196575044);"
		echo "\\! echo locked >held"
		echo "\\! cat release >/dev/null"
		echo "COMMIT;"
	} | psql -Xq -d "$GRIDKIT_DB" >/dev/null &
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

test_pg_only 'needs a server'
test_expect_success 'a table dropped outside gridkit is a damaged database (74), named' '
	dropdb --if-exists "${test_pgdb}_dropped" &&
	createdb -T "$test_pgdb" "${test_pgdb}_dropped" &&
	psql -Xq -d "${test_pgdb}_dropped" -c "DROP TABLE visits" &&
	exits 74 grid-define -d "dbname=${test_pgdb}_dropped" list 2>err &&
	grep "the database is damaged: table visits is missing" err &&
	dropdb "${test_pgdb}_dropped"
'

test_pg_only 'needs a server, and roles made by its superuser'
test_expect_success 'row-level security per county, the recipe of gridkit.5: a case of another county is 77' '
	r=$test_pgdb pw=${PGPASSWORD:-gridkit} &&
	psql -Xq -v ON_ERROR_STOP=1 -d "$GRIDKIT_DB" >/dev/null <<-SQL &&
	DROP ROLE IF EXISTS ${r}_a; DROP ROLE IF EXISTS ${r}_b;
	DROP ROLE IF EXISTS ${r}_op;
	CREATE ROLE ${r}_op NOLOGIN;
	CREATE ROLE ${r}_a LOGIN PASSWORD '\''$pw'\'' IN ROLE ${r}_op;
	CREATE ROLE ${r}_b LOGIN PASSWORD '\''$pw'\'' IN ROLE ${r}_op;
	ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
	CREATE POLICY county ON cases TO ${r}_a USING (area LIKE '\''140121%'\'');
	CREATE POLICY other ON cases TO ${r}_b USING (area LIKE '\''140122%'\'');
	GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${r}_op;
	SQL
	event-report -d "$GRIDKIT_DB user=${r}_a" add --grid 140121100001001 \
	    --category other --severity general --title 本县 --source resident >num &&
	exits 77 event-report -d "$GRIDKIT_DB user=${r}_b" add \
	    --grid 140121100001001 --category other --severity general \
	    --title 外县 --source resident 2>err &&
	grep "row-level security" err &&
	case-route -d "$GRIDKIT_DB user=${r}_a" list -f tsv | grep "^$(cat num)	" &&
	test "$(case-route -d "$GRIDKIT_DB user=${r}_b" list -f tsv | sed 1d | wc -l)" = 0 &&
	psql -Xq -v ON_ERROR_STOP=1 -d "$GRIDKIT_DB" -c "DROP POLICY county ON cases; DROP POLICY other ON cases; ALTER TABLE cases DISABLE ROW LEVEL SECURITY; DROP OWNED BY ${r}_a, ${r}_b, ${r}_op; DROP ROLE ${r}_a, ${r}_b, ${r}_op" >/dev/null
'

test_pg_only 'needs a server'
test_expect_success 'backup says to use pg_dump' '
	exits 69 grid-define backup copy.db 2>err &&
	grep "pg_dump" err && ! test -e copy.db
'

test_pg_only 'needs a server'
test_expect_success 'scripts/sqlite-to-pg moves a county file, checked by counts and the chains' '
	GRIDKIT_DB=$PWD/county.db load_county &&
	GRIDKIT_DB=$PWD/county.db event-report add --grid 140121100001001 \
	    --category other --severity general --title 漏水 --source resident &&
	dropdb --if-exists "${test_pgdb}_moved" &&
	createdb -T template0 "${test_pgdb}_moved" &&
	"$top/scripts/sqlite-to-pg" county.db "dbname=${test_pgdb}_moved" >moved &&
	grep "^units: 9 rows$" moved && grep "^cases: 1 rows$" moved &&
	event-report -d "dbname=${test_pgdb}_moved" add --grid 140121100001001 \
	    --category other --severity general --title 又漏水 --source resident \
	    --new >num &&
	test "$(cat num)" = 140121-2026-0000002 &&
	case-route -d "dbname=${test_pgdb}_moved" verify &&
	exits 69 "$top/scripts/sqlite-to-pg" county.db "dbname=${test_pgdb}_moved" 2>err &&
	grep "not empty" err &&
	dropdb "${test_pgdb}_moved"
'

test_done
