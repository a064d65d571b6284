#!/bin/sh
# Every verb of every program, run as a Chinese clerk runs it
# (LANG=zh_CN.UTF-8, LANGUAGE unset, whether or not a zh_CN locale is
# generated): no English text that has a Chinese translation reaches
# what a person reads, on standard error, in a table or in a CSV file
# for Excel.
#
# The programs are the man pages of section 1 with a program built of
# that name; the verbs are the usage lines of each program's -h.  A
# program or verb added later is run here without editing this file:
# the season of scripts/demo runs first, then the commands below; a
# verb neither of them runs fails the test, unless it is in the short
# list of exceptions at the end, with its reason.

. "$GRIDKIT_TOP/tests/cli/lib.sh"

zh() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }

# The English of the catalogue: the fixed text of every message that
# has a Chinese translation, cut at its conversions and quotes, where a
# piece has two words or more.
awk '
function flush(  s, n, i, p, t) {
	if (id == "" || str == "" || str == id)
		return
	s = id "\001" plural
	t = str
	gsub(/\\"/, "\"", t)
	gsub(/\\"/, "\001", s)
	gsub(/\\n/, "\001", s)
	gsub(/\\t/, "\001", s)
	gsub(/%([0-9]+\$)?[-#0 +]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|z|j|t|L)?[a-zA-Z%]/, "\001", s)
	gsub(/[“”"()]/, "\001", s)
	n = split(s, p, "\001")
	for (i = 1; i <= n; i++) {
		sub(/^[ ,;:.]+/, "", p[i])
		sub(/[ ,;:.]+$/, "", p[i])
		if (p[i] ~ /[A-Za-z][a-z]+ [a-z][a-z]+/ && length(p[i]) >= 8 &&
		    index(t, p[i]) == 0)
			print p[i]
	}
}
function text(line) {
	sub(/^[^"]*"/, "", line)
	sub(/"$/, "", line)
	return line
}
/^msgid "/ { flush(); id = text($0); plural = ""; str = ""; cur = "id"; next }
/^msgid_plural "/ { plural = text($0); cur = "plural"; next }
/^msgstr(\[0\])? "/ { str = text($0); cur = "str"; next }
/^msgstr\[/ { cur = ""; next }
/^"/ {
	if (cur == "id") id = id text($0)
	else if (cur == "plural") plural = plural text($0)
	else if (cur == "str") str = str text($0)
	next
}
/^#~/ { next }
/^$/ { flush(); id = ""; str = ""; cur = "" }
END { flush() }
' "$top/po/zh_CN.po" | sort -u >english

# The programs and their verbs: "program verb", "program -" for a
# program's own command without a verb.
for m in "$top"/man/*.1; do
	p=${m##*/}
	p=${p%.1}
	[ -x "$top/$p" ] || continue
	echo "$p"
done >programs
for p in $(cat programs); do
	"$p" -h | sed -n "s/^\\(usage: \\)* *$p \\[options\\] //p" |
	    awk -v p="$p" '{ v = $1; if (v ~ /^[-[]/) v = "-"; print p " " v }'
done | sort -u >verbs

test_expect_success 'the programs and their verbs are found' '
	grep -x grid-define programs &&
	grep -x staff-hire programs &&
	grep -x "grid-define import" verbs &&
	grep -x "staff-hire advance" verbs &&
	grep -x "payroll-check -" verbs &&
	test $(wc -l <verbs) -ge 40
'

test_expect_success 'the English of the catalogue is found' '
	grep -x "on standard input; nothing to do" english &&
	grep "nobody moved" english &&
	test $(wc -l <english) -ge 300
'

# run KIND CMD...: CMD under Chinese, its output into out.N.KIND, the
# command line into the list of what ran.  KIND: msg (stderr and stdout
# as they come), table (stdout a table), excel (stdout CSV for Excel).
n=0
run() {
	n=$((n + 1))
	kind=$1
	shift
	printf '$ %s\n' "$*" >>ran
	printf '$ %s\n' "$*" >cmd.$n
	zh "$@" >out.$n.$kind 2>err.$n
	cat err.$n >>out.$n.$kind
	return 0
}

test_expect_success 'the season of the demo runs in Chinese' '
	DEMO_OUT=$PWD/demo zh "$top/scripts/demo" >demo.out 2>&1 &&
	grep "^\\$ " demo.out >ran &&
	grep -v "^\\$ " demo.out >out.0.msg &&
	test -s demo/gridkit.db
'

GRIDKIT_DB=$PWD/demo/gridkit.db
GRIDKIT_CONFIG=$PWD/demo/gridkit.yaml
GRIDKIT_NOW=2026-12-04T10:00:00+08:00
export GRIDKIT_DB GRIDKIT_CONFIG GRIDKIT_NOW

# Every verb again: what a person reads of it, its tables and its Excel
# files, and its refusals.
run msg grid-define frob
run msg grid-define import grids "$top/scripts/demo-data/grids.csv"
printf 'code,name,parent\n140121100099,新村,140121100\n140121100098,新村二,140199100\n' >areas-bad.csv
run msg grid-define import areas areas-bad.csv
run msg grid-define import areas missing.csv
run msg grid-define add 140121100001001 重复网格
run msg grid-define add 140121100001099 网格九十九 --households 200 --population 600
run msg grid-define rename 140121100001099 第九十九网格
run msg grid-define rename 140121100001099 第九十九网格
run msg grid-define retire 140121100001099
run msg grid-define retire 140121100001001
run msg grid-define unit add 140121100001 building 新楼 140121100001001
run msg grid-define unit add 140121100001 building 新楼 140121100001001
run msg grid-define unit move 140121100001 building 无此楼 140121100001002
run msg grid-define unit frob
run msg grid-define check
run table grid-define check -f table
run table grid-define list --village 140121100001 -f table
run excel grid-define list --village 140121100001 -f csv --excel
run table grid-define list areas --township 140121100 -f table
run excel grid-define list units --village 140121100001 -f csv --excel
run table grid-define show 140121100001001 -f table
run msg grid-define show 140121999999999
run msg grid-define board 140121100001001
run msg grid-define board 140121100001099
run table grid-define log -f table
run excel grid-define log -f csv --excel
run msg grid-define backup backup.db
run msg grid-define backup backup.db

run table staff-hire rounds -f table
run msg staff-hire announce --number X --date 2026-12-01
printf 'grid,role,posts\n140121100001001,专职网格员,0\n' >posts-bad.csv
run msg staff-hire announce --number "清徐政法〔2026〕99号" --date 2026-12-04 --county 140121 posts-bad.csv
run msg staff-hire apply "$top/scripts/demo-data/candidates.csv"
run msg staff-hire apply --round "清徐政法〔2026〕15号" "$top/scripts/demo-data/round2.csv"
run table staff-hire apply --round "清徐政法〔2026〕15号" -f table "$top/scripts/demo-data/round2.csv"
printf '姓名,身份证号,手机号,学历,网格编码,岗位,任职日期\n王　芳,140121198001011022,13800000001,初中,140121100001001,网格长,2027-03-01\n' >serving.csv
run msg staff-hire enrol serving.csv
run msg staff-hire declare "$top/scripts/demo-data/declarations.csv"
printf 'staff,exam,interview\n1,2000,80\n99999,80,80\n' >scores-bad.csv
run msg staff-hire score scores-bad.csv
run msg staff-hire contacts "$top/scripts/demo-data/contacts.csv"
printf 'staff,work_phone\n99999,0351-1234567\n' >contacts-bad.csv
run msg staff-hire contacts contacts-bad.csv
run msg staff-hire advance --stage qualification </dev/null
run msg staff-hire advance --stage qualification 2 3 4
run msg staff-hire advance --stage hired 2
run msg staff-hire advance --fail 2
run msg staff-hire rank --stage exam
run table staff-hire rank --stage exam -f table
run excel staff-hire rank --stage exam -f csv --excel
run msg staff-hire hire 2
run msg staff-hire hire 99999
run msg staff-hire assign 2 --grid 140121100001001 --role leader
run msg staff-hire assign 2 --grid 140121100001002 --role part_time
run msg staff-hire transfer 2 --grid 140121999001001
run msg staff-hire leave 2 --reason resign --on 2026-01-01
run msg staff-hire leave 1 --reason resign --on 2026-12-01
run table staff-hire list --active -f table
run excel staff-hire list --active -f csv --excel
run table staff-hire list --stage exam -f table
run table staff-hire show 2 -f table
run msg staff-hire show 99999
run table staff-hire vacancies -f table
run excel staff-hire vacancies -f csv --excel
printf 'staff,level,date,hours,topic\n2,county,2027-01-01,8,培训\n99999,county,2026-12-01,0,培训\n' >train-bad.csv
run msg staff-hire train train-bad.csv
run msg staff-hire train 2 --level county --date 2026-12-01 --hours 8 --topic 业务培训
run msg staff-hire train 2 --level county --date 2026-12-01 --hours 8 --topic 业务培训
run msg staff-hire train 2 --level county
run table staff-hire log --all -f table
run msg staff-hire backup backup.db
run msg staff-hire frob

run msg event-report frob
run table event-report categories -f table
run msg event-report add --grid 140121100001001 --category 其他 --severity 一般 --title 测试
run msg event-report add --grid 140121999001001 --category 无此类 --severity 一般 --title 测试
run msg event-report import "$top/scripts/demo-data/events.csv"
run msg event-report visit add --staff 2 --grid 140121100001001 --date 2026-12-03
run msg event-report visit add --staff 99999 --grid 140121100001001 --date 2026-12-03
run msg event-report visit import "$top/scripts/demo-data/visits.csv"
run table event-report list -f table
run table event-report visits -f table
run table event-report log -f table
run msg event-report backup backup.db

C1=140121-2026-0000001
C9=140121-2026-0000999
run msg case-route frob
run msg case-route file $C9
run msg case-route refuse $C1
run msg case-route refuse --reason 不属于受理范围 $C1
run msg case-route assign --to 99999 $C1
run msg case-route investigate $C1
run msg case-route feedback $C1
run msg case-route close $C9
run msg case-route rework $C1
run msg case-route transfer --to NONE $C1
run msg case-route handdown $C1
run msg case-route escalate --overdue
run msg case-route escalate $C1
run table case-route show $C1 -f table
run table case-route list -f table
run excel case-route list -f csv --excel
run table case-route departments list -f table
run msg case-route departments import "$top/scripts/demo-data/departments.csv"
run table case-route log -f table
run msg case-route backup backup.db

run table roster-audit -f table
run msg roster-audit --only NO-SUCH-RULE
run table roster-audit log -f table
run msg roster-audit backup backup.db

run msg payroll-check frob.csv
run table payroll-check --rules -f table
run table payroll-check --month 2026-11 -f table "$top/scripts/demo-data/payroll-2026-11.csv"
run excel payroll-check --month 2026-11 -f csv --excel "$top/scripts/demo-data/payroll-2026-11.csv"
run table payroll-check log -f table
run msg payroll-check backup backup.db

# Verbs no step above can reach yet, each with its reason (keep short).
cat >exceptions <<'EOF'
EOF

# The verbs the command lines ran: after a program's name and its
# options, its verb, or "-" when the next word is none of its verbs.
awk '
NR == FNR { verb[$1 " " $2] = 1; prog[$1] = 1; next }
{
	gsub(/[|;&()]/, " ")
	for (i = 1; i <= NF; i++) {
		p = $i
		sub(/^.*\//, "", p)
		if (!(p in prog))
			continue
		for (j = i + 1; j <= NF && $j ~ /^-./; j++)
			;
		print (j <= NF && (p " " $j) in verb) ? p " " $j : p " -"
	}
}
' verbs ran | sort -u >covered

test_expect_success 'every verb of every program ran' '
	grep -v "^#" exceptions | cut -d: -f1 | cat - covered | sort -u >done &&
	comm -23 verbs done >missed &&
	! sed "s/^/not run: /" missed | grep .
'

# person_read FILE: what a person reads of FILE.  A usage line's
# program and verb, and what is quoted (a command to type, a value),
# are what is typed, not text to translate; the
# demo's own narration (its steps, "== ...") is in English, and what it
# shows of a pipe is in a format for machines: the log as TSV and
# roster-audit -f jsonl, which keep the canonical English (i18n.h).
person_read() {
	if [ "$1" = out.0.msg ]; then
		grep -E "^[a-z-]+: |[^ -~]" "$1" |
		    grep -Ev "^== |^[0-9]+	|^\{"
	else
		cat "$1"
	fi | sed -E -e "s/^(usage: |用法： *)? *[a-z-]+ \[(options|选项)\]( [a-z]+)*//" \
	    -e "s/\"[^\"]*\"//g" -e "s/“[^”]*”//g"
}

test_expect_success 'no English message that has a translation reaches a person' '
	: >leaks &&
	for f in out.*; do
		k=${f#out.}
		person_read "$f" |
		grep -F -f english |
		    sed "s|^|$f: |" >>leaks
	done &&
	if [ -s leaks ]; then
		for f in $(cut -d: -f1 leaks | sort -u); do
			k=${f#out.}
			k=${k%.*}
			[ "$k" = 0 ] || sed "s/^/# /" cmd.$k
			grep "^$f: " leaks
		done
		exit 1
	fi
'

# The words of the vocabularies, as the man pages list them with their
# Chinese names (".It Cm leader Ta 网格长"): a person reading Chinese
# gets the Chinese name.
cat "$top"/man/*.[157] | sed -n "s/^\.It Cm \([a-z][a-z_]*\) Ta [^ -~].*/\1/p" |
    sort -u >words

# english_words FILE: the lines of FILE with a word of the vocabularies
# in English, leaving out what is quoted, options and their values,
# command names, config keys, paths and alternatives (a|b).
english_words() {
	person_read "$1" | awk -v list=words '
	BEGIN { while ((getline w < list) > 0) word[w] = 1 }
	{
		line = $0
		n = split($0, t, /[ \t]+/)
		for (i = 1; i <= n; i++) {
			if (t[i] ~ /^-/) { i++; continue }
			if (t[i] ~ /[.\/|=-]/ || t[i] ~ /^\[/)
				continue
			m = split(t[i], u, /[^A-Za-z_]+/)
			for (j = 1; j <= m; j++)
				if (u[j] in word) {
					print FILENAME ": " line
					next
				}
		}
	}' FILENAME="$1"
}

test_expect_success 'no word of a vocabulary reaches a person in English' '
	test $(wc -l <words) -ge 20 &&
	grep -x full_time words && grep -x qualification words &&
	: >leaks &&
	grep -E "^[a-z-]+: " out.0.msg >demo.msg;
	english_words demo.msg >>leaks &&
	for f in err.* out.*.table out.*.excel; do
		k=${f#*.}
		k=${k%.*}
		english_words "$f" >>leaks
	done &&
	! grep . leaks
'

test_expect_success 'no message comes out as question marks (a catalogue read in the C character set)' '
	! grep "???" out.*
'

test_expect_success 'tables and files for Excel have Chinese headers' '
	: >leaks &&
	for f in out.*.table out.*.excel; do
		k=${f#out.}
		k=${k%.*}
		if [ -s err.$k ] && ! grep -q "[^ -~]" "$f"; then
			continue
		fi
		h=$(sed "s/^\\xef\\xbb\\xbf//" "$f" | grep -v "^[a-z-]*: " | sed -n 1p)
		case $h in
		*[a-z][a-z][a-z]*) echo "$f: $(cat cmd.$k): $h" >>leaks ;;
		esac
	done &&
	! cat leaks | grep .
'

test_done
