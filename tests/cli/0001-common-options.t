#!/bin/sh
# Every program: -h, -V, a bad option, -h agreeing with the man page,
# write errors on stdout, config errors.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

programs="grid-define staff-hire"

# The SYNOPSIS of a man page as plain lines, one per form.
synopsis() {
	mandoc -Tascii -Owidth=400 "$top/man/$1.1" | sed 's/.\x08//g' |
	    awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
	    sed 's/^ *//; s/  */ /g' | grep .
}

for p in $programs; do
	test_expect_success "$p -h prints usage to stdout and exits 0" "
		$p -h >out 2>err && grep '^usage: $p ' out && ! test -s err
	"
	test_expect_success "$p -V prints the version" "
		$p -V | grep '^$p (gridkit) [0-9]'
	"
	test_expect_code 64 "$p with a bad option exits 64" "$p --no-such-option"
	test_expect_success "$p names the bad option and shows usage on stderr" "
		$p --no-such-option 2>err; grep 'unknown option \"--no-such-option\"' err && grep '^usage:' err
	"
	test_expect_success "$p: an option missing its value is named" "
		exits 64 $p -d 2>err && grep 'option \"-d\" needs a value' err
	"
	test_expect_success "$p -h agrees with the SYNOPSIS of $p(1)" "
		synopsis $p >man.syn &&
		$p -h | sed -n '/^usage:/,/^\$/p' | sed 's/^usage: //; s/^ *//; s/  */ /g' | grep . >help.syn &&
		diff man.syn help.syn
	"
done

test_expect_success 'a full disk on stdout is an error, exit 74' '
	write_county && grid-define import areas areas.csv &&
	exits 74 grid-define list areas >/dev/full 2>err &&
	grep -E "(cannot write output|error writing standard output): No space left on device" err &&
	test "$(wc -l <err)" = 1
'

test_expect_success '--print-config shows values and their origin' '
	grid-define --print-config -f tsv >cfg &&
	grep "^grid.urban_households_min	300	default	Art. 4" cfg
'

test_expect_success 'a config file with an unknown key exits 78 with file:line:col' '
	printf "grid:\n  urban_househlds_min: 250\n" >bad.yaml &&
	exits 78 grid-define -c bad.yaml list 2>err &&
	grep "bad.yaml:2:3: unknown key \"grid.urban_househlds_min\"" err
'

test_expect_success 'GRIDKIT_CONFIG names a config file; -c wins over it' '
	printf "grid:\n  urban_households_min: 250\n" >a.yaml &&
	printf "grid:\n  urban_households_min: 260\n" >b.yaml &&
	GRIDKIT_CONFIG=a.yaml grid-define --print-config -f tsv | grep "^grid.urban_households_min	250	a.yaml:2" &&
	GRIDKIT_CONFIG=a.yaml grid-define -c b.yaml --print-config -f tsv | grep "^grid.urban_households_min	260	b.yaml:2"
'

test_expect_success 'a bad --now is a usage error naming it' '
	exits 64 grid-define --now 2026-02-30 list 2>err && grep -- "--now \"2026-02-30\"" err
'

test_expect_success 'output is TSV with a header when piped' '
	grid-define list areas | head -1 | grep "^code	name	level	parent	kind	grids$"
'

test_expect_success '--excel CSV has a BOM, CRLF and guards formulas' '
	printf "code,name\n140121100,=HYPERLINK(1)\n" >f.csv &&
	grid-define import areas f.csv &&
	grid-define list areas -f csv --excel >x.csv &&
	head -c 3 x.csv | od -An -tx1 | grep "ef bb bf" &&
	test "$(tr -cd "\r" <x.csv | wc -c)" = "$(wc -l <x.csv)" &&
	grep "'"'"'=HYPERLINK(1)" x.csv
'

test_expect_success '--excel with a format other than csv or tsv is a usage error' '
	exits 64 grid-define list areas -f table --excel 2>err &&
	grep -- "--excel goes with -f csv or -f tsv" err
'

test_expect_success 'a JSON array is refused with the way to give JSON Lines' '
	printf "[{\"code\": \"14\", \"name\": \"山西省\"}]\n" >arr.json &&
	exits 65 grid-define import areas arr.json 2>err &&
	grep "a JSON array; give JSON Lines" err
'

test_done
