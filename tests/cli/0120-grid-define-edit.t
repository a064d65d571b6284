#!/bin/sh
# grid-define add, rename, retire, unit add and move; show and board.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county
grid-define import areas areas.csv && grid-define import grids grids.csv &&
    grid-define import units units.csv || exit 1

test_expect_success 'add creates a grid, kind from its village' '
	grid-define add 140121100001003 西街第三网格 --households 350 &&
	grid-define list -f tsv >actual && grep "^140121100001003	西街第三网格	140121100001	西街社区	urban	350		0	active$" actual
'

test_expect_success 'add refuses a grid that exists' '
	exits 65 grid-define add 140121100001003 重复 2>err &&
	grep "already exists" err
'

test_expect_success 'add refuses a grid in a village not in the database' '
	exits 65 grid-define add 140121100202001 无此村 2>err &&
	grep "140121100202 is not in the database" err
'

test_expect_success 'rename changes the name and records old and new' '
	grid-define rename 140121100001003 西街三网格 &&
	grid-define list -f tsv >actual && grep "^140121100001003	西街三网格	" actual &&
	grid-define log --verb rename -f tsv | cut -f7 >actual && grep "西街第三网格 -> 西街三网格" actual
'

test_expect_success 'retire refuses a grid that still has units' '
	exits 65 grid-define retire 140121100001002 2>err &&
	grep "still has 2 units; move them" err
'

test_expect_success 'retire keeps the grid and its history' '
	grid-define retire 140121100001003 &&
	grid-define list -f tsv >actual && ! grep 140121100001003 actual &&
	grid-define list --all -f tsv >actual && grep "^140121100001003	.*	retired$" actual &&
	grid-define show 140121100001003 >actual && grep "status *retired since 2026-11-29T09:00:00+08:00" actual
'

test_expect_success 'a retired grid is not brought back by an import' '
	printf "code,name\n140121100001003,复活\n" >back.csv &&
	exits 65 grid-define import grids back.csv 2>err &&
	grep "is retired" err
'

test_expect_success 'unit add puts a new unit in a grid' '
	grid-define unit add 140121100001 楼栋 4号楼 140121100001002 &&
	grid-define list units -f tsv --village 140121100001 >actual && grep "^140121100001	building	4号楼	140121100001002	false$" actual
'

test_expect_success 'unit move of a unit not in the database is refused' '
	exits 65 grid-define unit move 140121100001 building 9号楼 140121100001002 2>err &&
	grep "not in the database" err
'

test_expect_success 'show prints the grid, its place and its units' '
	grid-define show 140121100201001 >show &&
	grep "^name *东于一网格$" show &&
	grep "^place *山西省 太原市 清徐县 清源镇 东于村 (140121100201)$" show &&
	grep "well *东于机井  (hazard point)" show
'

test_expect_success 'show -f json gives one object with its units' '
	grid-define show -f json 140121100201001 >show.json &&
	grep "\"code\": \"140121100201001\"" show.json &&
	grep "\"hazard\": true" show.json
'

test_expect_success 'the board shows code, name, duties and the supervision phone' '
	mkdir -p .config/gridkit &&
	printf "board:\n  supervision_phone: \"0351-5724110\"\n" >.config/gridkit/gridkit.yaml &&
	grid-define board 140121100201001 >board &&
	grep "网格编码  140121100201001" board &&
	grep "网格名称  东于一网格" board &&
	grep "监督电话  0351-5724110" board &&
	grep "网格长：" board
'

test_expect_success 'the HTML board escapes what it prints' '
	grid-define rename 140121100201001 "东于<一>网格" &&
	grid-define board --html 140121100201001 >board.html &&
	grep "东于&lt;一&gt;网格" board.html && ! grep "<一>" board.html
'

test_expect_success 'board and show -o FILE write the file whole, mode 0600, not stdout' '
	grid-define board --html -o board-o.html 140121100201001 >out &&
	! test -s out && cmp board.html board-o.html &&
	test "$(stat -c %a board-o.html)" = 600 &&
	grid-define show -f json -o show-o.json 140121100201001 >out &&
	! test -s out && grep "\"code\": \"140121100201001\"" show-o.json &&
	exits 65 grid-define show -o gone.txt 140121100201099 2>/dev/null &&
	! test -e gone.txt && ! ls .gone.txt.* 2>/dev/null
'

test_expect_success 'show of an unknown grid exits 65' '
	exits 65 grid-define show 140121100201099
'

test_expect_success 'an option of another command is refused, not ignored' '
	exits 64 grid-define list --html 2>err && grep -- "--html does not go with list (it goes with board)" err &&
	exits 64 grid-define board 140121100201001 --all
'

test_expect_success '-v says what a single change did' '
	grid-define -v unit add 140121100001 building 8号楼 140121100001002 2>err &&
	grep "^grid-define: unit add 140121100001/building/8号楼: 140121100001002$" err
'

test_done
