#!/bin/sh
# Privacy (Art. 20): over the demo county's database, every reading
# command of every program in every output format shows no identity
# number or phone of the demo's people unmasked, unless --reveal was
# given; every --reveal is in the audit log with its operator; and every
# file gridkit creates is mode 0600 even under umask 022.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

DEMO_OUT=$PWD/demo "$top/scripts/demo" >demo.log 2>&1 || { cat demo.log; exit 1; }
GRIDKIT_DB=$PWD/demo/gridkit.db
GRIDKIT_CONFIG=$PWD/demo/gridkit.yaml
export GRIDKIT_DB GRIDKIT_CONFIG
data=$top/scripts/demo-data
# What must not show: every identity number and mobile number of the
# demo's files.
grep -ohE '(^|[^0-9])[1-9][0-9]{16}[0-9X]([^0-9]|$)' "$data"/* |
    grep -oE '[1-9][0-9]{16}[0-9X]' | sort -u >secrets
grep -ohE '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' "$data"/* |
    grep -oE '1[3-9][0-9]{9}' | sort -u >>secrets
staff=$(staff-hire list -f tsv | awk -F'\t' 'NR == 2 { print $1 }')
case=$(case-route list -f tsv | awk -F'\t' 'NR == 2 { print $1 }')
grid=$(grid-define list grids -f tsv | awk -F'\t' 'NR == 2 { print $1 }')

# The reading commands, one per line.
cat >reads <<EOF2
grid-define list grids
grid-define list areas
grid-define list units
grid-define show $grid
grid-define board $grid
grid-define log --all
staff-hire list
staff-hire list --active
staff-hire show $staff
staff-hire rank --stage hired
staff-hire rounds
staff-hire vacancies
staff-hire log
event-report list
event-report visits
event-report categories
event-report log
case-route list
case-route show $case
case-route departments list
case-route log
roster-audit
roster-audit log
payroll-check --month 2026-11 $data/payroll-2026-11.csv
payroll-check log
EOF2

# shows REVEAL: runs every reading command in every format (with
# --reveal when REVEAL is "--reveal"), each output into out/N.FORMAT.
shows() {
	rm -rf out && mkdir out &&
	n=0 &&
	while read -r cmd; do
		n=$((n + 1))
		for f in table tsv csv json jsonl excel xlsx; do
			case $f in
			excel)	$cmd $1 -f csv --excel >out/$n.$f 2>>err ;;
			xlsx)	# A document (show, board) is no workbook.
				$cmd $1 -f xlsx -o out/$n.xlsx >out/$n.xlsx.out 2>out/$n.xlsx.err
				rc=$?
				if [ $rc = 64 ] && grep -q xlsx out/$n.xlsx.err; then
					echo "$cmd: refused" >out/$n.xlsx.txt
					rc=0
				elif [ $rc = 0 ]; then
					unzip -p out/$n.xlsx >out/$n.xlsx.txt 2>>err ||
					    { echo "$cmd -f xlsx: no workbook"; rc=9; }
				fi
				(exit $rc) ;;
			*)	$cmd $1 -f $f >out/$n.$f 2>>err ;;
			esac
			rc=$?
			# payroll-check finds the demo's planted problems.
			[ $rc = 0 ] || [ $rc = 1 ] ||
			    { echo "$cmd -f $f: exit $rc"; cat err; return 1; }
		done
	done <reads
}

test_expect_success 'the demo has people to hide' '
	test "$(wc -l <secrets)" -gt 40
'

test_expect_success 'no identity number or phone in any format without --reveal' '
	shows "" &&
	test "$(ls out | wc -l)" -ge "$(($(wc -l <reads) * 7))" &&
	! grep -rlF -f secrets out err
'

test_expect_success 'with --reveal they are shown (the test can see them)' '
	shows --reveal &&
	grep -rlF -f secrets out >shown &&
	grep -q "\.tsv$" shown && grep -q "\.xlsx\.txt$" shown
'

test_expect_success 'every --reveal is in the audit log with its operator' '
	staff-hire --operator 审计员 --reveal show $staff >/dev/null &&
	staff-hire log -f tsv --verb reveal >audit.tsv &&
	grep "审计员" audit.tsv &&
	test "$(grep -c "	tester	" audit.tsv)" -ge "$(wc -l <reads)"
'

test_expect_success 'files gridkit creates are 0600 under umask 022' '
	umask 022 &&
	GRIDKIT_DB=$PWD/new.db grid-define import areas "$data/areas.csv" &&
	staff-hire list -f xlsx -o roster.xlsx &&
	staff-hire list -f csv --excel -o roster.csv &&
	staff-hire backup copy.db &&
	grid-define show $grid -o shown.txt && grep "^grid  *$grid$" shown.txt &&
	case-route show $case -f json -o case.json && grep "\"case\": \"$case\"" case.json &&
	printf "name,id_number,phone,education,grid,role\n张三,1,13800138000,高中,140121100001001,兼职网格员\n" >bad.csv &&
	GRIDKIT_DB=$PWD/new.db staff-hire apply --keep-going --rejects rej.csv bad.csv 2>/dev/null
	for f in new.db roster.xlsx roster.csv copy.db rej.csv shown.txt case.json; do
		test -f $f || { echo "$f not made"; return 1; }
		m=$(stat -c %a $f)
		test "$m" = 600 || { echo "$f: $m"; return 1; }
	done
'

test_done
