#!/bin/sh
# grid-define import: areas, grids and units, all or nothing.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county

test_expect_success 'a county imports cleanly, silently' '
	grid-define import areas areas.csv >out 2>err &&
	grid-define import grids grids.csv >>out 2>>err &&
	grid-define import units units.csv >>out 2>>err &&
	! test -s out && ! test -s err
'

test_sqlite_only 'the mode of the database file'
test_expect_success 'the database file is created mode 0600' '
	test "$(stat -c %a test.db)" = 600
'

test_expect_success 'the imported grids are listed with their village' '
	grid-define list -f tsv >list &&
	test "$(wc -l <list)" = 5 &&
	grep "^140121100201001	东于一网格	140121100201	东于村	rural	290	880	3	active$" list
'

test_expect_success 'an urban community makes urban grids by its code' '
	grid-define list -f tsv >actual &&
	grep "^140121100001001	" actual | grep "	urban	"
'

test_expect_success 'importing the same files again changes nothing' '
	sqlite3 test.db "SELECT count(*) FROM units; SELECT count(*) FROM grids; SELECT count(*) FROM areas" >before &&
	grid-define import areas areas.csv 2>err &&
	grep "^grid-define: areas.csv: all 8 areas are there already; nothing changed$" err &&
	grid-define import grids grids.csv 2>err &&
	grep "all 4 grids are there already; nothing changed" err &&
	grid-define import units units.csv 2>err &&
	grep "all 9 units are there already; nothing changed" err &&
	sqlite3 test.db "SELECT count(*) FROM units; SELECT count(*) FROM grids; SELECT count(*) FROM areas" >after &&
	cmp before after
'

test_expect_success 'a file of one row imported again says so in the singular' '
	head -2 areas.csv >one.csv &&
	grid-define import areas one.csv 2>err &&
	grep "^grid-define: one.csv: its one row is there already; nothing changed$" err &&
	! grep "all 1 " err
'

test_expect_success 'with -q the re-import is silent' '
	grid-define -q import areas areas.csv 2>err && ! test -s err
'

test_expect_success 'an import renames areas and updates grids already there, adding the new ones' '
	grid-define -d upd.db import areas areas.csv &&
	grid-define -d upd.db import grids grids.csv &&
	sed "s/西街社区/西街新社区/" areas.csv >areas2.csv &&
	grid-define -d upd.db -v import areas areas2.csv 2>err &&
	grep "0 added, 1 updated, 7 unchanged" err &&
	sed "s/,420,1300/,421,1300/" grids.csv >grids2.csv &&
	printf "140121100001003,西街第三网格,10,20\n" >>grids2.csv &&
	grid-define -d upd.db -v import grids grids2.csv 2>err &&
	grep "1 added, 1 updated, 3 unchanged" err &&
	grid-define -d upd.db list grids -f tsv >actual &&
	grep "^140121100001001	西街第一网格	140121100001	西街新社区	urban	421	1300	" actual &&
	grep "^140121100001003	西街第三网格	.*	urban	10	20	" actual
'

test_expect_success 'each import is recorded in the audit log with the operator' '
	grid-define log -f tsv | cut -f3-6 --output-delimiter="|" >audit &&
	grep "^tester|grid-define|import areas|areas.csv$" audit &&
	grep "^tester|grid-define|import units|units.csv$" audit
'

cat >bad-grids.csv <<'CSV'
code,name,households
140121100201002,东于二网格,300
14012110020100,短码网格,300
140121100299001,无此村网格,300
140121100201003,,300
140121100201004,东于四网格,很多
1.40121E+14,科学计数网格,300
CSV

test_expect_code 65 'a batch with bad rows exits 65' '
	grid-define import grids bad-grids.csv
'

test_expect_success 'every bad row is reported with file, line and field' '
	exits 65 grid-define import grids bad-grids.csv 2>err &&
	grep "^grid-define: bad-grids.csv:3:1: field \"code\": \"14012110020100\": " err &&
	grep "^grid-define: bad-grids.csv:4:1: field \"code\": .*140121100299.* not in the database" err &&
	grep "^grid-define: bad-grids.csv:5:[0-9]*: field \"name\": empty" err &&
	grep "^grid-define: bad-grids.csv:6:[0-9]*: field \"households\": \"很多\"" err &&
	grep "^grid-define: bad-grids.csv:7:1: field \"code\": .*Excel" err &&
	grep "5 bad rows; nothing imported" err
'

test_expect_success 'nothing of a bad batch is written, not even its good rows' '
	grid-define list -f tsv >actual && ! grep 140121100201002 actual
'

test_expect_success '--dry-run checks a good batch and writes nothing' '
	printf "code,name\n140121100201002,东于二网格\n" >one.csv &&
	grid-define -n import grids one.csv &&
	grid-define list -f tsv >actual && ! grep 140121100201002 actual &&
	grid-define import grids one.csv &&
	grid-define list -f tsv >actual && grep 140121100201002 actual
'

test_expect_success 'a parent may come earlier in the same file' '
	printf "code,name\n140121101,徐沟镇\n140121101203,王村\n" >more.csv &&
	grid-define import areas more.csv &&
	grid-define list areas -f tsv >actual && grep "^140121101203	王村	village	140121101000	rural" actual
'

test_expect_success 'an area whose parent is missing is refused' '
	printf "code,name\n140121102204,孤村\n" >orphan.csv &&
	exits 65 grid-define import areas orphan.csv 2>err &&
	grep "orphan.csv:2:1: field \"code\": 140121102204: its parent township 140121102000 is not in the database" err
'

test_expect_success 'Chinese headers, a BOM and CRLF line ends are understood' '
	printf "\357\273\277网格编码,名称,户数\r\n140121200202002,马峪二网格,200\r\n" >zh.csv &&
	grid-define import grids zh.csv &&
	grid-define list -f tsv >actual && grep "^140121200202002	马峪二网格	140121200202	马峪村	rural	200	" actual
'

test_expect_success 'a GB18030 file imports with --encoding' '
	printf "code,name\n140121200202003,\302\355\323\370\310\375\315\370\270\361\n" >gb.csv &&
	exits 65 grid-define import grids gb.csv 2>err &&
	grep "gb.csv:2:.*invalid UTF-8.*--encoding gb18030" err &&
	grid-define import --encoding gb18030 grids gb.csv &&
	grid-define list -f tsv >actual && grep "^140121200202003	马峪三网格	" actual
'

test_expect_success 'a malformed CSV (unterminated quote) is refused with its line' '
	printf "code,name\n140121200202004,\"马峪四网格\n" >q.csv &&
	exits 65 grid-define import grids q.csv 2>err &&
	grep "q.csv:2" err &&
	grid-define list -f tsv >actual && ! grep 140121200202004 actual
'

test_expect_success 'a unit listed under two grids is kept, for check to report' '
	printf "village,kind,name,grid\n140121100001,building,1号楼,140121100001002\n" >dup.csv &&
	grid-define import units dup.csv &&
	test "$(sqlite3 test.db "SELECT count(*) FROM units WHERE name = '"'"'1号楼'"'"'")" = 2
'

test_expect_success 'a unit whose grid is in another village is refused' '
	printf "village,kind,name,grid\n140121100201,building,3号楼,140121100001001\n" >wrong.csv &&
	exits 65 grid-define import units wrong.csv 2>err &&
	grep "grid 140121100001001 belongs to village 140121100001, not to 140121100201" err
'

test_expect_success 'units take Chinese kinds and may have no grid yet' '
	printf "村社区,类型,名称,网格\n140121100201,沟壑,东沟,\n140121100201,村民小组,三组,\n" >zh-units.csv &&
	grid-define import units zh-units.csv &&
	grid-define list units -f tsv --village 140121100201 >u &&
	grep "^140121100201	ravine	东沟		true$" u &&
	grep "^140121100201	villager_group	三组		false$" u
'

test_expect_success 'JSON Lines input works too' '
	printf "{\"code\": \"140121200202005\", \"name\": \"马峪五网格\", \"households\": 250}\n" >g.jsonl &&
	grid-define import grids g.jsonl &&
	grid-define list -f tsv >actual && grep "^140121200202005	马峪五网格	.*	250	" actual
'

test_expect_success 'standard input is read when the file is - or missing' '
	printf "code,name\n140121200202006,马峪六网格\n" | grid-define import grids - &&
	printf "code,name\n140121200202007,马峪七网格\n" | grid-define import grids &&
	grid-define list -f tsv >actual &&
	test "$(grep -c "^14012120020200[67]" actual)" = 2
'

test_expect_success 'a missing input file exits 66' '
	exits 66 grid-define import grids nosuch.csv 2>err &&
	grep "nosuch.csv" err
'

test_expect_success 'a bad import word is a usage error' '
	exits 64 grid-define import villages areas.csv 2>err &&
	grep "usage:" err
'

test_expect_success 'a UTF-16 file (Excel "Unicode Text", tab-separated) imports' '
	printf "code\tname\n140121200202008\t马峪八网格\n" | iconv -f utf-8 -t utf-16 >u16.txt &&
	head -c 2 u16.txt | od -An -tx1 | grep -E "ff fe|fe ff" &&
	grid-define import grids u16.txt &&
	grid-define list -f tsv >actual && grep "^140121200202008	马峪八网格	" actual
'

test_expect_success 'columns may come in any order, with extra ones warned about' '
	printf "备注,名称,网格编码\n新建,马峪九网格,140121200202009\n" >order.csv &&
	grid-define import grids order.csv 2>err &&
	grep "warning: ignoring column \"备注\"" err &&
	grid-define list -f tsv >actual && grep "^140121200202009	马峪九网格	" actual
'

test_expect_success 'a title row above the header, as office spreadsheets have, is passed over' '
	printf "清徐县马峪乡网格划分表,,\n网格编码,名称,户数\n140121200202012,马峪十二网格,260\n" >title.csv &&
	grid-define import grids title.csv 2>err &&
	grep "title.csv:1: warning: skipping \"清徐县马峪乡网格划分表\" above the header" err &&
	grid-define list -f tsv >actual && grep "^140121200202012	马峪十二网格	" actual
'

test_expect_success 'full-width digits and Excel'"'"'s apostrophe in codes are read as the code' '
	printf "code,name,households\n１４０１２１２００２０２０１３,马峪十三网格,２６０\n'"'"'140121200202014,马峪十四网格,270\n" >fw-code.csv &&
	grid-define import grids fw-code.csv &&
	grid-define list -f tsv >actual &&
	grep "^140121200202013	马峪十三网格	.*	260	" actual &&
	grep "^140121200202014	马峪十四网格	" actual
'

test_expect_success 'an import that leaves out a column keeps what is there' '
	printf "code,name\n140121200202013,马峪第十三网格\n" >rename.csv &&
	grid-define import grids rename.csv &&
	grid-define list -f tsv >actual && grep "^140121200202013	马峪第十三网格	.*	260	" actual
'

test_expect_success 'a header with a unit in brackets and trailing empty cells are understood' '
	printf "网格编码,名称,户数（户）\n140121200202015,马峪十五网格,280,,\n" >unitcol.csv &&
	grid-define import grids unitcol.csv &&
	grid-define list -f tsv >actual && grep "^140121200202015	马峪十五网格	.*	280	" actual
'

test_expect_success 'a missing required column is named, with its aliases' '
	printf "名称\n无编码\n" >nocode.csv &&
	exits 65 grid-define import grids nocode.csv 2>err &&
	grep "missing column \"code\"" err && grep "网格编码" err
'

test_expect_success 'an invisible full-width space in a value is trimmed' '
	printf "code,name\n140121200202010,\343\200\200马峪十网格\343\200\200\n" >fw.csv &&
	grid-define import grids fw.csv &&
	grid-define list -f tsv >actual && grep "^140121200202010	马峪十网格	" actual
'

test_expect_success 'a row with too many fields is reported and the batch refused' '
	printf "code,name\n140121200202011,a,b\n" >extra.csv &&
	exits 65 grid-define import grids extra.csv 2>err &&
	grep "extra.csv:2" err
'

test_expect_success 'one bad row is "1 bad row", not "1 bad rows"' '
	printf "code,name\nx1,a\nx2,b\n" >two-bad.csv &&
	exits 65 grid-define --max-errors 1 import areas two-bad.csv 2>err &&
	grep "stopping after 1 bad row (--max-errors 1)$" err &&
	grep "two-bad.csv: 1 bad row; nothing imported$" err &&
	! grep "1 bad rows" err
'

test_expect_success 'units in any order import as when sorted by village and grid' '
	grid-define -d sorted.db import areas areas.csv &&
	grid-define -d sorted.db import grids grids.csv &&
	grid-define -d sorted.db import units units.csv &&
	grid-define -d shuffled.db import areas areas.csv &&
	grid-define -d shuffled.db import grids grids.csv &&
	{ head -n 1 units.csv; tail -n +2 units.csv | sort -r; } >reversed.csv &&
	grid-define -d shuffled.db import units reversed.csv &&
	grid-define -d sorted.db list units -f tsv >sorted &&
	grid-define -d shuffled.db list units -f tsv >shuffled &&
	test "$(wc -l <sorted)" = 10 &&
	cmp sorted shuffled
'

test_expect_success 'a missing grid or village is reported on every row that names it, whatever the order' '
	printf "village,kind,name,grid\n%s\n%s\n%s\n%s\n" \
	    "140121100001,building,9号楼,140121100001009" \
	    "140121100201,villager_group,三组,140121100201001" \
	    "140121100001,building,8号楼,140121100001009" \
	    "140121100009,building,7号楼,140121100009001" >missing.csv &&
	exits 65 grid-define -d sorted.db import units missing.csv 2>err &&
	test "$(grep -c "grid 140121100001009 is not in the database" err)" = 2 &&
	grep "missing.csv:5:1: .*140121100009 is not in the database" err
'

test_expect_success 'a bad row masks a pasted identity number unless --reveal, which is audited' '
	printf "code,name,households\n140121100001003,三网格,110101199003070016\n" >pii.csv &&
	exits 65 grid-define -d sorted.db import grids pii.csv 2>err &&
	! grep 110101199003070016 err && grep "pii.csv:2" err &&
	exits 65 grid-define -d sorted.db --reveal import grids pii.csv 2>err &&
	grep 110101199003070016 err &&
	grid-define -d sorted.db log --verb reveal -f tsv | tail -n +2 | cut -f3,5 >audit &&
	test "$(cat audit)" = "tester	reveal"
'

test_done
