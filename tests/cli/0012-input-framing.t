#!/bin/sh
# The files offices export: framing above the header, totals and
# footers below the table, --skip, a default encoding in the
# configuration, byte order marks that beat it.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county
grid-define import areas areas.csv || exit 1

cat >form.utf8 <<'CSV'
清徐县网格划分表,,,
填报单位：清源镇,,填报日期：2026-11-01,
,,,
网格编码,网格名称,户数,人口
140121100001001,西街第一网格,420,1300
140121100001002,西街第二网格,380,1150
合 计,,800,2450
制表人：王芳,,审核人：李娜,
CSV
iconv -f UTF-8 -t GB18030 form.utf8 >form.csv
printf 'input:\n  encoding: gb18030\n' >gb.yaml

test_expect_success 'a GB18030 form with a title, totals and a footer imports with input.encoding' '
	grid-define -c gb.yaml import grids form.csv 2>err &&
	grep "form.csv:1: warning: skipping \"清徐县网格划分表\" above the header" err &&
	grep "form.csv:2: warning: skipping \"填报单位：清源镇 填报日期：2026-11-01\" above the header" err &&
	grep "form.csv:7: warning: skipping a total row (合计)" err &&
	grep "form.csv:8: warning: skipping a footer line (制表人)" err &&
	test "$(grep -c warning err)" = 4 &&
	grid-define list -f tsv | grep "^140121100001002	西街第二网格	"
'

test_expect_success '--encoding wins over input.encoding' '
	exits 65 grid-define -c gb.yaml --encoding utf-8 import grids form.csv 2>err &&
	grep "invalid UTF-8" err
'

test_expect_success '--skip N passes over lines and keeps the line numbers' '
	sed "s/^140121100001002,西街第二网格,380/140121100001002,西街第二网格,很多/" \
	    form.utf8 >skip.csv &&
	exits 65 grid-define import grids --skip 3 skip.csv 2>err &&
	! grep "above the header" err &&
	grep "skip.csv:6:[0-9]*: field \"户数\"" err
'

test_expect_success '--skip takes a count' '
	exits 64 grid-define import grids --skip many form.csv 2>err &&
	grep -- "--skip \"many\"" err
'

test_expect_success 'a UTF-16 byte order mark beats --encoding' '
	{ printf "\377\376" && tr , "\t" <form.utf8 | iconv -f UTF-8 -t UTF-16LE; } >unicode.txt &&
	grid-define -v import grids --encoding gb18030 unicode.txt 2>err &&
	grep "unicode.txt: the file starts with a UTF-16 byte order mark; reading it as UTF-16LE, not gb18030" err &&
	grep "all 2 grids are there already; nothing changed" err
'

test_expect_success 'a UTF-8 byte order mark beats input.encoding, from a pipe too' '
	{ printf "\357\273\277" && cat form.utf8; } |
	    grid-define -v -c gb.yaml import grids - 2>err &&
	grep "the file starts with a UTF-8 byte order mark; reading it as UTF-8, not gb18030" err &&
	grep "all 2 grids are there already; nothing changed" err
'

test_expect_success 'data where the header should be is refused without echoing it' '
	printf "140121100001009,某网格,1,2\n" >nohdr.csv &&
	exits 65 grid-define import grids nohdr.csv 2>err &&
	grep "line 1 is not a header" err &&
	! grep 某网格 err
'

test_done
