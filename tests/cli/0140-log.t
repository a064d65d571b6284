#!/bin/sh
# The audit log, read with every program's log command.

. "$GRIDKIT_TOP/tests/cli/lib.sh"

cat >areas.csv <<'CSV'
code,name,parent
140000000000,山西省,
140100000000,太原市,140000000000
CSV
# A file named after an identity number: the name is the subject.
cat >110101199003077777.csv <<'CSV'
code,name,parent
140200000000,大同市,140000000000
CSV

test_expect_success 'set-up: two imports by two operators on two days' '
	grid-define import areas areas.csv &&
	GRIDKIT_NOW=2026-11-30T10:00:00+08:00 GRIDKIT_OPERATOR=王芳 \
	    grid-define import areas 110101199003077777.csv
'

test_expect_success 'log prints the rows of its own program, oldest first' '
	grid-define log -f tsv >actual &&
	test "$(head -n 1 actual)" = "id	at	operator	program	verb	subject	detail" &&
	test $(wc -l <actual) -eq 3 &&
	sed -n 2p actual | grep "^1	2026-11-29T09:00:00+08:00	tester	grid-define	import areas	areas.csv	2 rows: 2 added" &&
	staff-hire log -f tsv >other &&
	test $(wc -l <other) -eq 1
'

test_expect_success 'identity numbers in a subject are masked, unless --reveal, which is recorded' '
	grid-define log -f tsv | cut -f6 >subjects &&
	! grep 110101199003077777 subjects &&
	grep "^110101\*\{8\}7777.csv$" subjects ||
	{ cat subjects; false; } &&
	grid-define --reveal log -f tsv | grep 110101199003077777.csv &&
	grid-define log --verb reveal -f tsv | cut -f5,6 | grep "^reveal	log$"
'

test_expect_success '--all shows every program, --verb matches whole words' '
	staff-hire log --all --verb reveal -f tsv | cut -f4 | grep -x grid-define &&
	test $(grid-define log --verb import -f tsv | wc -l) -eq 3 &&
	test $(grid-define log --verb imp -f tsv | wc -l) -eq 1
'

test_expect_success '--since and --until take dates, --until a whole day' '
	grid-define log --since 2026-11-30 -f tsv | cut -f3 >ops &&
	grep -x 王芳 ops && ! grep -x tester ops &&
	grid-define log --until 2026-11-29 --verb import -f tsv | cut -f3 >ops &&
	grep -x tester ops && ! grep -x 王芳 ops &&
	test $(grid-define log --since 2026-11-30T10:00:01 --verb import -f tsv | wc -l) -eq 1 &&
	test $(grid-define log --since "2026-11-30T02:00:00Z" --verb import -f tsv | wc -l) -eq 2
'

test_expect_success '--operator filters; GRIDKIT_OPERATOR does not' '
	grid-define log --operator 王芳 -f tsv | cut -f3 | sort -u >ops &&
	test "$(sed -n 2p ops)" = 王芳 && test $(wc -l <ops) -eq 2 &&
	GRIDKIT_OPERATOR=nobody grid-define log --verb import -f tsv >all &&
	test $(wc -l <all) -eq 3
'

test_expect_success 'every output format; json keeps the canonical keys' '
	grid-define log -f json --verb import | grep "\"verb\": \"import areas\"" &&
	grid-define log -f jsonl --verb import | test $(wc -l) -eq 2
'

zh() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }

test_expect_success 'in Chinese a person reads verbs, subjects and details in Chinese; scripts read them as kept' '
	printf "code,name,parent\n140121000000,清徐县,140100000000\n140121100000,清源镇,140121000000\n140121100001,东关村,140121100000\n" >more.csv &&
	grid-define import areas more.csv &&
	grid-define add 140121100001001 网格一 --households 350 &&
	grid-define rename 140121100001001 网格甲 &&
	zh grid-define log -f table >table &&
	grep "导入区划 *areas.csv *共 2 行：新增 2，更新 0，未变 0" table &&
	grep "新增网格 *140121100001001 *名称 网格一，城市网格" table &&
	grep "网格更名 *140121100001001 *名称由 网格一 改为 网格甲" table &&
	! grep -E "rows|added|import areas|name 网格" table &&
	zh grid-define log -f csv --excel | grep "名称由 网格一 改为 网格甲" &&
	zh grid-define log -f tsv >tsv &&
	grep "	import areas	areas.csv	2 rows: 2 added, 0 updated, 0 unchanged$" tsv &&
	grep "	rename	140121100001001	name 网格一 -> 网格甲$" tsv &&
	zh grid-define log -f jsonl | grep "\"detail\":\"name 网格一 -> 网格甲\"" &&
	grid-define log -f table | grep "rename *140121100001001 *name 网格一 -> 网格甲"
'

test_expect_success '--verb and --subject take what the table shows as well as what is kept' '
	zh grid-define log --verb 网格更名 -f tsv | cut -f5 | sort -u >verbs &&
	test "$(cat verbs)" = "rename
verb" &&
	zh grid-define log --verb rename -f tsv | test $(wc -l) -eq 2 &&
	grid-define unit add 140121100001 building 一号楼 140121100001001 &&
	zh grid-define log --subject "140121100001/楼栋/一号楼" -f tsv | cut -f6 >subj &&
	grep -x "140121100001/building/一号楼" subj &&
	grid-define log --subject "140121100001/building/一号楼" -f tsv | cut -f6 | grep -x "140121100001/building/一号楼"
'

test_expect_success '-v says the change in the reader'"'"'s language; the row keeps it in English' '
	zh grid-define -v rename 140121100001001 网格乙 2>err &&
	grep "网格更名 140121100001001: 名称由 网格甲 改为 网格乙" err &&
	grid-define -v rename 140121100001001 网格丙 2>err &&
	grep "rename 140121100001001: name 网格乙 -> 网格丙" err &&
	grid-define log --verb rename -f tsv | cut -f7 >details &&
	grep -x "name 网格甲 -> 网格乙" details &&
	case-route verify
'

test_expect_code 64 'a bad --since is a usage error' 'grid-define log --since yesterday'
test_expect_code 64 'an option of another command is refused' 'grid-define log --village 140100000000'
test_expect_code 64 'log options are refused by other commands' 'staff-hire list --since 2026-01-01'
test_expect_code 69 'log needs a database and never creates one' 'grid-define -d none.db log'
test_expect_success '... and none was created' 'test ! -e none.db'

test_done
