#!/bin/sh
# The README's tour runs as written on the sample files of
# scripts/demo-data, so that the README cannot drift from the programs:
# its indented blocks are taken from the section "A tour" and run in
# order by sh, from a directory that looks like the top of the tree.
# A program of the tour that exits 2 or more (a usage error, refused
# data, no input) fails the test; 1 (findings, rows sent back) is what
# the tour shows.

. "$GRIDKIT_TOP/tests/cli/lib.sh"

ln -s "$top/scripts" scripts
unset GRIDKIT_DB GRIDKIT_NOW GRIDKIT_CONFIG

awk '
/^## / { intour = ($0 == "## A tour") ; next }
intour && /^    / { print substr($0, 5); next }
intour && /^$/ { print "" }
' "$top/README.md" >tour.sh

# Each program through a wrapper that notes a status of 2 or more.
mkdir bin
for m in "$top"/man/*.1; do
	p=${m##*/}
	p=${p%.1}
	[ -x "$top/$p" ] || continue
	cat >bin/$p <<EOF
#!/bin/sh
"$top/$p" "\$@"
rc=\$?
[ \$rc -lt 2 ] || echo "exit \$rc: $p \$*" >>"$PWD/failed"
exit \$rc
EOF
	chmod +x bin/$p
done
: >failed

test_expect_success 'the tour is found in the README' '
	grep "^grid-define import areas" tour.sh &&
	grep "^staff-hire enrol" tour.sh &&
	grep "case-route file -" tour.sh &&
	grep "^payroll-check" tour.sh
'

test_expect_success 'every command of the tour runs as written' '
	PATH=$PWD/bin:$PATH sh tour.sh >tour.out 2>tour.err;
	! grep . failed
'

test_expect_success 'the tour takes a round through every stage to hiring' '
	export GRIDKIT_DB=$PWD/tour.db &&
	staff-hire list --stage hired -f tsv | sed 1d >hired &&
	test "$(wc -l <hired)" -ge 5 &&
	for s in qualification exam physical political publicity training hired; do
		grep -q -- "--stage $s" tour.sh || { echo "no $s"; exit 1; }
	done
'

test_expect_success 'its files are there: a board, a roster for Excel, the rejects' '
	grep "<html" board.html &&
	head -c 3 花名册.csv | od -An -tx1 | grep "ef bb bf" &&
	test -s rejects.csv &&
	test -s 徐沟镇网格.csv
'

test_expect_success 'the serving staff are enrolled, and the cases ran their loop' '
	export GRIDKIT_DB=$PWD/tour.db &&
	staff-hire list --active -f tsv | grep "	贾志强	" &&
	case-route show 140121-2026-0000001 -f json | grep "\"closed\""
'

test_done
