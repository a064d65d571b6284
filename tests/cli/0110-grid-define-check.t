#!/bin/sh
# grid-define check: coverage per Art. 4, with planted defects.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county
grid-define import areas areas.csv && grid-define import grids grids.csv &&
    grid-define import units units.csv || exit 1

test_expect_success 'a fully covered county has no findings and exits 0' '
	grid-define check -f tsv >out &&
	test "$(cat out)" = "rule	subject	detail	severity"
'

# Plant one of each defect.
cat >defects-areas.csv <<'CSV'
code,name
140121200203,无网格村
CSV
cat >defects-units.csv <<'CSV'
village,kind,name,grid
140121100201,villager_group,三组,
140121100201,ravine,东沟,
140121100001,building,1号楼,140121100001002
CSV
grid-define import areas defects-areas.csv &&
    grid-define import units defects-units.csv &&
    grid-define add 140121100201009 空网格 --households 40 || exit 1

test_expect_code 1 'check exits 1 when it finds an error' 'grid-define check'

test_expect_success 'a unit in no grid is a blank area' '
	exits 1 grid-define check -f tsv >out &&
	grep "^blank-area	140121100201/villager_group/三组	.*in no active grid	error$" out
'

test_expect_success 'a hazard point outside every grid is reported as such' '
	grep "^hazard-outside	140121100201/ravine/东沟	hazard point ravine 东沟 is in no active grid	error$" out
'

test_expect_success 'a unit under two grids is an overlap naming both' '
	grep "^overlap	140121100001/building/1号楼	building 1号楼 is in 2 grids: 140121100001001, 140121100001002	error$" out
'

test_expect_success 'a village without any grid is uncovered' '
	grep "^uncovered	140121200203	无网格村 has no active grid	error$" out
'

test_expect_success 'a grid with no units and too few households are warnings' '
	grep "^empty-grid	140121100201009	.*	warning$" out &&
	grep "^size	140121100201009	40 households, too few for a rural grid (guidance 200-400)	warning$" out
'

test_expect_success '--village narrows the check to one village' '
	exits 1 grid-define check -f tsv --village 140121200203 >v &&
	test "$(wc -l <v)" = 2 && grep "^uncovered	140121200203" v
'

test_expect_success '--township narrows the check to one township' '
	exits 1 grid-define check -f tsv --township 140121100 >t &&
	! grep 140121200203 t && grep blank-area t
'

test_expect_success 'a scope of the wrong level is a usage error' '
	exits 64 grid-define check --village 140121100 2>err &&
	grep "township code, not a village code" err
'

test_expect_success 'a scope not in the database is refused' '
	exits 65 grid-define check --county 140122 2>err &&
	grep "no such county" err
'

test_expect_success 'moving the unit to one grid mends the overlap' '
	grid-define unit move 140121100001 building 1号楼 140121100001001 &&
	exits 1 grid-define check -f tsv >actual && ! grep overlap actual
'

test_expect_success 'mending every error makes check exit 0 with warnings only' '
	grid-define unit move 140121100201 villager_group 三组 140121100201009 &&
	grid-define unit move 140121100201 沟壑 东沟 140121100201001 &&
	grid-define add 140121200203001 无网格村网格 &&
	grid-define unit add 140121200203 natural_village 无网格村 140121200203001 &&
	grid-define check -f tsv >out &&
	! grep "	error$" out && grep "	warning$" out
'

test_expect_success 'findings come out as JSON on request' '
	grid-define check -f json >out.json &&
	grep "\"rule\": *\"size\"" out.json
'

test_expect_success 'an urban grid above the guidance has too many households' '
	grid-define add 140121100001009 大网格 --households 900 &&
	grid-define check -f tsv >out &&
	grep "^size	140121100001009	900 households, too many for an urban grid (guidance 300-500)	warning$" out
'

test_done
