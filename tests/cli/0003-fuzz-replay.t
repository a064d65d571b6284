#!/bin/sh
# Every fuzz target (tests/fuzz) over its seeds and over the inputs that
# once made one fail (tests/fuzz/regressions), without libFuzzer: in
# make check, and under the sanitizers in CI.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

for r in "$top"/tests/fuzz/replay-*; do
	[ -x "$r" ] || { echo "# no replay programs: run through make check"; exit 1; }
	t=${r##*/replay-}
	files=$(ls "$top"/tests/fuzz/seeds/* "$top"/tests/fuzz/regressions/$t-* 2>/dev/null)
	test_expect_success "$t over $(echo "$files" | wc -l) seeds and regressions" '
		echo "$files" | xargs "$r" >out 2>err && ! grep "^not ok" out
	'
done

test_done
