# tests/stress/lib.sh - sourced by the stress tests after tests/cli/lib.sh.
#
# The same tests run briefly in "make check" and at full size in "make
# check-stress", which sets the sizes below in the environment:
#
#	STRESS_ROWS	rows of the big batches (check: 2,000; stress: 100,000)
#	STRESS_TRIALS	kill -9 trials per program (check: 4; stress: 100)
#	STRESS_FAULTS	I/O faults injected per import, spread over all its
#			writes (check: 12; stress: every write, up to 400)
#	STRESS_SECONDS	how long the concurrent writers run (check: 4; stress: 60)
#	STRESS_WRITERS	concurrent writer processes (16)
STRESS_ROWS=${STRESS_ROWS:-2000}
STRESS_TRIALS=${STRESS_TRIALS:-4}
STRESS_FAULTS=${STRESS_FAULTS:-12}
STRESS_SECONDS=${STRESS_SECONDS:-4}
STRESS_WRITERS=${STRESS_WRITERS:-16}

# province DIR CANDIDATES: a small generated province with CANDIDATES
# candidates in DIR, imported into the test's database.
province() {
	"$top/scripts/gen-province" -s 0.0005 -c "$2" -o "$1" >/dev/null &&
	grid-define import areas "$1/areas.csv" &&
	grid-define import grids "$1/grids.csv" &&
	grid-define import units "$1/units.csv"
}

# events_jsonl GRIDS N: N events as JSON Lines, spread over the grids of
# the grids CSV GRIDS, reported by residents over the autumn.
events_jsonl() {
	awk -F, -v n="$2" '
	NR > 1 { g[ng++] = $1 }
	END {
		split("dispute.neighbour dispute.family hazard.fire " \
		    "livelihood.demand special.elderly other", cat, " ")
		for (i = 0; i < n; i++) {
			d = i % 28 + 1
			h = 8 + i % 10
			printf "{\"grid\":\"%s\",\"category\":\"%s\"," \
			    "\"severity\":\"general\",\"title\":\"事件 %d\"," \
			    "\"at\":\"2026-11-%02dT%02d:00:00+08:00\"," \
			    "\"source\":\"resident\"}\n",
			    g[i % ng], cat[i % 6 + 1], i, d, h
		}
	}' "$1"
}

# now_ms: milliseconds since the epoch.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# random_below N SEED: a number in [0, N).
random_below() {
	awk -v n="$1" -v s="$2" 'BEGIN { srand(s); print int(rand() * n) }'
}

# db_sum DB: a digest of everything a database holds, to compare.
db_sum() {
	sqlite3 "$1" .dump | md5sum | cut -d" " -f1
}
