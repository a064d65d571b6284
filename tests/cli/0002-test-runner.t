#!/bin/sh
# scripts/run-tests: a test passes only with an exit status of 0 and
# whole TAP, so a test that dies half-way cannot pass.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

GRIDKIT_TESTTMP=$PWD/runs
export GRIDKIT_TESTTMP

# tap NAME LINE...: a test script NAME that prints the given lines.
tap() {
	name=$1
	shift
	printf 'printf "%%s\\n"' >"$name"
	printf ' "%s"' "$@" >>"$name"
	echo >>"$name"
}

runs() {
	"$top/scripts/run-tests" "$@"
}

test_expect_success 'whole TAP with its plan last or first passes' '
	tap last.t "ok 1 - a" "ok 2 - b" "1..2" &&
	tap first.t "1..2" "ok 1 - a" "ok 2 - b" &&
	tap skip.t "ok 1 - # SKIP a (why)" "1..1" &&
	runs "$PWD/last.t" "$PWD/first.t" "$PWD/skip.t" >out &&
	grep "^PASS last.t  *2 checks$" out &&
	grep "^PASS first.t  *2 checks$" out &&
	grep "^3 passed, 0 failed (1 skipped, each named above)$" out
'

test_expect_success 'a skipped check is named, with why' '
	grep "^PASS skip.t  *1 checks, 1 skipped$" out &&
	grep "^    skip: a (why)$" out
'

test_expect_success 'fewer results than planned fail' '
	tap short.t "1..3" "ok 1 - a" "ok 2 - b" &&
	exits 1 runs "$PWD/short.t" >out &&
	grep "^FAIL short.t" out && grep "planned 3 results, 2 ran" out
'

test_expect_success 'more results than planned fail' '
	tap long.t "1..1" "ok 1 - a" "ok 2 - b" &&
	exits 1 runs "$PWD/long.t" >out &&
	grep "planned 1 results, 2 ran" out
'

test_expect_success 'no plan fails' '
	tap noplan.t "ok 1 - a" &&
	exits 1 runs "$PWD/noplan.t" >out &&
	grep "^FAIL noplan.t" out && grep "no plan" out
'

test_expect_success 'two plans, or results out of order, fail' '
	tap twice.t "1..1" "ok 1 - a" "1..1" &&
	tap order.t "1..2" "ok 1 - a" "ok 3 - b" &&
	exits 1 runs "$PWD/twice.t" "$PWD/order.t" >out &&
	grep "2 plans" out && grep "result 2 is numbered 3" out
'

test_expect_success 'a not ok fails even with exit status 0' '
	tap notok.t "1..2" "ok 1 - a" "not ok 2 - b" &&
	exits 1 runs "$PWD/notok.t" >out &&
	grep "^FAIL notok.t" out && grep "1 not ok" out
'

test_expect_success 'a test that crashes after its plan and some results fails' '
	printf "#!/bin/sh\necho 1..3\necho ok 1 - a\nkill -SEGV \$\$\n" >crash &&
	chmod +x crash &&
	exits 1 runs "$PWD/crash" >out &&
	grep "^FAIL crash  *(exit 139)$" out
'

test_expect_success 'a test with whole TAP but a failing exit status fails' '
	{ cat last.t && echo "exit 3"; } >status.t &&
	exits 1 runs "$PWD/status.t" >out &&
	grep "^FAIL status.t  *(exit 3)$" out
'

test_expect_success 'a cmocka unit test prints a plan and passes' '
	runs tests/unit/test_util >out &&
	grep "^PASS test_util " out &&
	grep "^1\.\.[1-9]" runs/test_util/log
'

test_done
