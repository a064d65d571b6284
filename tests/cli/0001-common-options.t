#!/bin/sh
# Every program: -h, -V, a bad option, -h agreeing with the man page,
# write errors on stdout, config errors.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

# Every program has its page in section 1: a new program gets these
# checks by having one.
programs=$(cd "$top/man" && ls *.1 | sed 's/\.1$//')

# The SYNOPSIS of a man page as plain lines, one per form.
synopsis() {
	mandoc -Tascii -Owidth=400 "$top/man/$1.1" >man.out || return 1
	sed 's/.\x08//g' man.out |
	    awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
	    sed 's/^ *//; s/  */ /g' | grep .
}

# The usage lines of a message on standard error, as plain lines.
usage_lines() {
	sed -n '/^usage:/,$p' "$1" | sed 's/^usage: //; s/^ *//; s/  */ /g'
}

# verb_usage_agrees PROGRAM VERB: a usage error about VERB shows the
# forms of VERB that the SYNOPSIS has, and only those.
verb_usage_agrees() {
	synopsis "$1" | awk -v v="$2" '$3 == v' >man.verb &&
	test -s man.verb &&
	exits 64 "$1" "$2" --no-such-option 2>err &&
	usage_lines err >err.verb &&
	diff man.verb err.verb
}

test_expect_success 'every program the Makefile builds has its page in section 1' '
	for p in $(sed -n "s/^PROGS *:= *//p" "$top/Makefile"); do
		test -f "$top/man/$p.1" || { echo "no man/$p.1" >&2; exit 1; }
	done
'

for p in $programs; do
	test_expect_success "$p -h prints usage to stdout and exits 0" "
		$p -h >out 2>err && grep '^usage: $p ' out && ! test -s err
	"
	test_expect_success "$p -V prints the version" "
		$p -V >out && grep '^$p (gridkit) [0-9]' out
	"
	test_expect_code 64 "$p with a bad option exits 64" "$p --no-such-option"
	test_expect_success "$p names the bad option and shows usage on stderr" "
		exits 64 $p --no-such-option 2>err && grep 'unknown option \"--no-such-option\"' err && grep '^usage:' err
	"
	test_expect_success "$p: an option missing its value is named" "
		exits 64 $p -d 2>err && grep 'option \"-d\" needs a value' err
	"
	test_expect_success "$p -h agrees with the SYNOPSIS of $p(1)" "
		synopsis $p >man.syn &&
		$p -h >out && sed -n '/^usage:/,/^\$/p' out | sed 's/^usage: //; s/^ *//; s/  */ /g' | grep . >help.syn &&
		diff man.syn help.syn
	"
	for v in $(synopsis $p | awk '{ print $3 }' | uniq); do
		test_expect_success "$p $v: a usage error shows the forms of $v in $p(1), only those" "
			verb_usage_agrees $p $v
		"
	done
	# A program of one verb (payroll-check) takes no verb name: its
	# first form starts with an option or operand.
	if synopsis $p | head -1 | awk '{ exit !($3 ~ /^\[/) }'; then
		test_expect_success "$p: its one verb runs without a name; a missing file is 66, no database is created" "
			exits 66 $p no-such-file 2>err && grep 'no-such-file' err &&
			! grep '^usage:' err &&
			printf 'staff,role,gross,grid\n' | $p -d new.db - 2>err &&
			! test -e new.db
		"
		continue
	fi
	test_expect_success "$p: no command or an unknown one shows every form" "
		exits 64 $p 2>err && grep 'no command given' err &&
		usage_lines err >all.syn && synopsis $p | diff - all.syn &&
		exits 64 $p no-such-verb 2>err && grep 'unknown command \"no-such-verb\"' err &&
		usage_lines err >all.syn && synopsis $p | diff - all.syn
	"
	test_expect_success "$p: --reveal on a read command never creates a database (69)" "
		exits 69 $p -d new.db --reveal list 2>err &&
		! test -e new.db && grep 'no database here yet' err
	"
done

test_expect_success 'an option of another verb is refused and named, wherever the option table has it' '
	exits 64 staff-hire rank --stage exam --open 2>err &&
	grep "^staff-hire: --open does not go with rank (it goes with vacancies)$" err &&
	exits 64 grid-define show 140121100001001 --village 140121100001 2>err &&
	grep "^grid-define: --village does not go with show (it goes with check and list)$" err
'

if command -v script >/dev/null && command -v timeout >/dev/null; then
	test_expect_success 'no ids and a terminal on standard input: refused at once, not waited for' '
		timeout 20 script -qec "staff-hire advance --stage exam; echo status \$?" /dev/null </dev/null >tty.out 2>&1
		grep "advance: no staff ids given, and standard input is a terminal" tty.out &&
		grep "status 64" tty.out
	'
	test_expect_success 'no input file and a terminal on standard input: refused at once' '
		for cmd in "grid-define import areas" "staff-hire apply" \
		    "staff-hire train"; do
			timeout 20 script -qec "$cmd; echo status \$?" \
			    /dev/null </dev/null >tty.out 2>&1 &&
			grep "no input file given, and standard input is a terminal" tty.out &&
			grep "status 64" tty.out || return 1
		done
	'
else
	test_skip 'no ids and a terminal on standard input: refused at once' \
	    'no script(1) or timeout(1) to make a terminal'
fi

test_expect_success 'no ids on standard input is an error, exit 66' '
	exits 66 staff-hire advance --stage exam </dev/null 2>err &&
	grep "^staff-hire: no staff ids on standard input$" err &&
	printf "id\n\n" | exits 66 staff-hire advance --fail --reason x - 2>err &&
	grep "^staff-hire: no staff ids on standard input$" err
'

test_expect_success '--allow-empty: no ids on standard input is nothing to do, exit 0' '
	staff-hire --allow-empty advance --stage exam </dev/null 2>err &&
	! test -s err &&
	printf "id\n" | staff-hire advance --stage exam --allow-empty - 2>err &&
	! test -s err
'

# The database exists now: a verb checks its own options once it is open.
test_expect_success 'a usage error of a verb shows the usage of that verb only' '
	exits 64 staff-hire rank 2>err &&
	grep "^staff-hire: rank needs --stage STAGE$" err &&
	test "$(usage_lines err)" = "staff-hire [options] rank --stage STAGE [--round NUMBER]" &&
	exits 64 staff-hire show 2>err &&
	grep "^staff-hire: show: too few operands$" err &&
	test "$(usage_lines err)" = "staff-hire [options] show ID"
'

test_expect_success 'a full disk on stdout is an error, exit 74' '
	write_county && grid-define import areas areas.csv &&
	exits 74 grid-define list areas >/dev/full 2>err &&
	grep -E "(cannot write output|error writing standard output): No space left on device" err &&
	test "$(wc -l <err)" = 1
'

test_expect_success '--print-config shows values and their origin' '
	grid-define --print-config -f tsv >cfg &&
	grep "^grid.urban_households_min	300	default	local guidance" cfg &&
	grep "^staff.min_age	18	default	Art. 9" cfg
'

test_expect_success 'a config file with an unknown key exits 78 with file:line:col' '
	printf "grid:\n  urban_househlds_min: 250\n" >bad.yaml &&
	exits 78 grid-define -c bad.yaml list 2>err &&
	grep "bad.yaml:2:3: unknown key \"grid.urban_househlds_min\"" err
'

test_expect_success 'GRIDKIT_CONFIG names a config file; -c wins over it' '
	printf "grid:\n  urban_households_min: 250\n" >a.yaml &&
	printf "grid:\n  urban_households_min: 260\n" >b.yaml &&
	GRIDKIT_CONFIG=a.yaml grid-define --print-config -f tsv >cfg &&
	grep "^grid.urban_households_min	250	a.yaml:2" cfg &&
	GRIDKIT_CONFIG=a.yaml grid-define -c b.yaml --print-config -f tsv >cfg &&
	grep "^grid.urban_households_min	260	b.yaml:2" cfg
'

test_expect_success 'a bad --now is a usage error naming it' '
	exits 64 grid-define --now 2026-02-30 list 2>err && grep -- "--now \"2026-02-30\"" err
'

for p in $programs; do
	test_expect_success "$p: a bad GRIDKIT_NOW is a configuration error (78) naming the variable, with no usage" "
		GRIDKIT_NOW=2026-02-30 exits 78 $p list 2>err &&
		grep 'GRIDKIT_NOW \"2026-02-30\"' err && ! grep '^usage:' err
	"
	test_expect_success "$p: a good GRIDKIT_NOW is no error" "
		GRIDKIT_NOW=2026-02-28 $p -d fresh.db list >/dev/null 2>err; test \$? != 78
	"
	test_expect_success "$p: -q with -v is a usage error (64); either alone is not" "
		exits 64 $p -q -v list 2>err &&
		grep -- '-q and -v contradict each other' err && grep '^usage:' err &&
		$p -q -d q.db list >/dev/null 2>&1; test \$? != 64
	"
done

test_expect_success 'output is TSV with a header when piped' '
	grid-define list areas >out &&
	head -1 out | grep "^code	name	level	parent	kind	grids$"
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

test_expect_success 'an operator name with control characters is refused, flag or environment' '
	exits 64 grid-define --operator "$(printf "a\tb")" list 2>err &&
	grep "^grid-define: --operator: control characters are not allowed$" err &&
	exits 78 env GRIDKIT_OPERATOR="$(printf "x\033[31my")" staff-hire list 2>err &&
	grep "^staff-hire: GRIDKIT_OPERATOR: control characters are not allowed$" err &&
	exits 64 grid-define --operator "$(printf "%0101d" 0)" list 2>err &&
	grep "longer than 100 bytes" err &&
	grid-define --operator 王芳 list >/dev/null
'

test_expect_success 'one place at a time: --grid, --village, --township, --county, in every program' '
	exits 64 staff-hire list --village 140121100001 --county 140121 2>err &&
	grep "^staff-hire: --village and --county: give one place$" err &&
	exits 64 case-route list --township 140121100 --grid 140121100001001 2>err &&
	grep "^case-route: --township and --grid: give one place$" err &&
	exits 64 event-report list --village 140121100001 --grid 140121100001001 2>err &&
	grep "^event-report: --village and --grid: give one place$" err &&
	exits 64 grid-define check --county 140121 --village 140121100001 2>err &&
	grep "^grid-define: --county and --village: give one place$" err &&
	exits 64 staff-hire list --village 140121100 2>err &&
	grep "^staff-hire: --village \"140121100\": a township code, not a village code$" err
'

test_done
