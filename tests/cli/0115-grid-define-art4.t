#!/bin/sh
# grid-define and Art. 4 as the Measures mean it: linear hazard points
# under several grids, unit kinds against the grid's kind, village
# digits by the division code rules, a dedicated grid (专属网格) with
# its own size rule, and no article cited for a number it lacks.  Each
# rule: the violation, and its compliant twin.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county
grid-define import areas areas.csv && grid-define import grids grids.csv &&
    grid-define import units units.csv || exit 1

# Two rural grids in 东于村, so a river and a road can cross both.
cat >more-grids.csv <<'CSV'
code,name,households,population
140121100201002,东于二网格,280,850
CSV
grid-define import grids more-grids.csv || exit 1

test_expect_success 'a river listed under the two grids it crosses is no overlap' '
	printf "village,kind,name,grid\n140121100201,河流,潇河东于段,140121100201001\n140121100201,river,潇河东于段,140121100201002\n" >river.csv &&
	grid-define import units river.csv &&
	grid-define check -f tsv >out &&
	! grep "潇河东于段" out
'

test_expect_success 'a well listed under two grids is an overlap: only linear kinds may' '
	printf "village,kind,name,grid\n140121100201,well,东于机井,140121100201002\n" >well.csv &&
	grid-define import units well.csv &&
	exits 1 grid-define check -f tsv >out &&
	grep "^overlap	140121100201/well/东于机井	well 东于机井 is in 2 grids: 140121100201001, 140121100201002	error$" out &&
	grid-define unit move 140121100201 well 东于机井 140121100201001 &&
	grid-define check
'

test_expect_success 'the config says which kinds are linear: without river, the river overlaps' '
	printf "grid:\n  linear_unit_kinds: [road, forest_road]\n" >nolinear.yaml &&
	exits 1 grid-define -c nolinear.yaml check -f tsv >out &&
	grep "^overlap	140121100201/river/潇河东于段	" out
'

test_expect_success 'a linear kind in the config that is no hazard point, or no kind, is a configuration error' '
	printf "grid:\n  linear_unit_kinds: [river, building]\n" >bad1.yaml &&
	exits 78 grid-define -c bad1.yaml check 2>err &&
	grep "bad1.yaml:2:.*grid.linear_unit_kinds: \"building\" is a unit grids are drawn from, not a hazard point" err &&
	printf "grid:\n  linear_unit_kinds: [river, lake]\n" >bad2.yaml &&
	exits 78 grid-define -c bad2.yaml check 2>err &&
	grep "grid.linear_unit_kinds: \"lake\": not a kind of unit" err &&
	printf "grid:\n  linear_unit_kinds: [河流, 道路]\n" >zh.yaml &&
	grid-define -c zh.yaml check
'

test_expect_success 'a villager group in an urban community grid is a unit-kind warning' '
	printf "village,kind,name,grid\n140121100001,villager_group,西街组,140121100001001\n" >vg.csv &&
	grid-define import units vg.csv &&
	grid-define check -f tsv >out &&
	grep "^unit-kind	140121100001/villager_group/西街组	villager_group 西街组 is drawn into urban community grid 140121100001001; an urban grid is drawn by streets and buildings	warning$" out
'

test_expect_success 'villager groups in a rural grid, and buildings in an urban one, are no warning' '
	! grep "^unit-kind	.*一组" out &&
	! grep "^unit-kind	.*1号楼" out &&
	test "$(grep -c "^unit-kind" out)" = 1
'

test_expect_success 'village digits 400-999 are refused by the division code rules' '
	printf "code,name\n140121100400,农场队\n" >v400.csv &&
	exits 65 grid-define import areas v400.csv 2>err &&
	grep "village digits 10-12 are neither 001-199 (a residents'"'"' committee) nor 200-399 (a villagers'"'"' committee)" err
'

test_expect_success 'village digits 199 and 399 are a community and a village' '
	printf "code,name\n140121100199,末号社区\n140121100399,末号村\n" >v399.csv &&
	grid-define import areas v399.csv &&
	grid-define list areas -f tsv >out &&
	grep "^140121100199	末号社区	village	140121100000	urban	" out &&
	grep "^140121100399	末号村	village	140121100000	rural	" out &&
	grid-define add 140121100199001 末号社区网格 &&
	grid-define add 140121100399001 末号村网格 &&
	grid-define list -f tsv >out &&
	grep "^140121100199001	.*	urban	" out &&
	grep "^140121100399001	.*	rural	" out
'

test_expect_success 'a dedicated grid (专属网格) for a school is taken, by its Chinese name too' '
	printf "code,name,households,population,kind\n140121100001003,清徐中学网格,0,2600,专属网格\n140121100201003,东于小学网格,,300,dedicated\n" >ded.csv &&
	grid-define import grids ded.csv &&
	grid-define list -f tsv >out &&
	grep "^140121100001003	清徐中学网格	140121100001	西街社区	dedicated	" out &&
	grep "^140121100201003	东于小学网格	140121100201	东于村	dedicated	" out
'

test_expect_success 'a dedicated grid in a community or a village is no grid-kind warning' '
	printf "village,kind,name,grid\n140121100001,building,教学楼,140121100001003\n140121100201,building,东于小学,140121100201003\n" >ded-units.csv &&
	grid-define import units ded-units.csv &&
	grid-define check -f tsv >out &&
	! grep "^grid-kind" out
'

test_expect_success 'a dedicated grid is not judged by households; its people are, when a county sets a bound' '
	! grep "^size	140121100001003" out &&
	printf "grid:\n  dedicated_population_max: 2000\n" >ded.yaml &&
	grid-define -c ded.yaml check -f tsv >out &&
	grep "^size	140121100001003	2600 people, too many for a dedicated grid (guidance at most 2000)	warning$" out &&
	! grep "^size	140121100201003" out
'

test_expect_success 'a dedicated grid below the lower bound is too few people, in the singular for one' '
	grid-define add 140121100001007 门诊部网格 --kind dedicated --population 1 &&
	printf "grid:\n  dedicated_population_min: 50\n" >dedmin.yaml &&
	grid-define -c dedmin.yaml check -f tsv >out &&
	grep "^size	140121100001007	1 person, too few for a dedicated grid (guidance at least 50)	warning$" out &&
	! grep "^size	140121100001003" out
'

test_expect_success 'a villager group in a dedicated grid is a unit-kind warning' '
	printf "village,kind,name,grid\n140121100201,villager_group,校内组,140121100201003\n" >ded-vg.csv &&
	grid-define import units ded-vg.csv &&
	grid-define check -f tsv >out &&
	grep "^unit-kind	140121100201/villager_group/校内组	villager_group 校内组 is drawn into dedicated grid 140121100201003; a dedicated grid holds one school, hospital or park	warning$" out
'

test_expect_success 'grid add takes --kind dedicated; the kinds 城市网格 and 农村网格 are names of urban and rural' '
	grid-define add 140121100001004 医院网格 --kind dedicated --population 800 &&
	grid-define add 140121100001005 西街第三网格 --kind 城市网格 &&
	grid-define add 140121100201004 东于三网格 --kind 农村网格 &&
	grid-define list -f tsv >out &&
	grep "^140121100001004	医院网格	.*	dedicated	" out &&
	grep "^140121100001005	西街第三网格	.*	urban	" out &&
	grep "^140121100201004	东于三网格	.*	rural	" out
'

test_expect_success 'an unknown kind is refused with the kinds there are' '
	exits 65 grid-define add 140121100001006 x --kind 特殊 2>err &&
	grep "dedicated 专属" err
'

test_expect_success 'the household guidance cites no article: Art. 4 has no number of households' '
	grid-define --print-config -f tsv >cfg &&
	grep "^grid.urban_households_min	300	default	local guidance$" cfg &&
	grep "^grid.rural_households_max	400	default	local guidance$" cfg &&
	grep "^grid.dedicated_population_max	0	default	local guidance$" cfg &&
	grep "^grid.linear_unit_kinds	river, ravine, road, forest_road	default	Art. 4$" cfg &&
	! grep "households.*Art" cfg
'

test_done
