#!/bin/sh
# The headers and values of the forms offices fill in, understood
# without a line of configuration: 所属网格编码, 应聘岗位, 政治面貌,
# 大学专科, 网格助理员, 单元名称, 村（社区）代码, 小区, 培训日期,
# 培训内容.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1

ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
WQ=$(idnum 14012119880808345)
cat >form.csv <<CSV
姓名,身份证号,手机号,学历,所属网格编码,应聘岗位,政治面貌,国籍,在查,受处罚,开除
张伟,$ZW,13800138000,大学专科,140121100001001,网格助理员,中共预备党员,中国,否,否,否
李娜,$LN,13900139001,全日制本科,140121100001001,专职网格员,群众,中国,否,否,否
王强,$WQ,13700137002,高中,140121100201001,兼职网格员,共青团员,中国,否,否,否
CSV

test_expect_success 'an application form in office words registers everyone' '
	staff-hire apply form.csv >ids 2>err &&
	! test -s err &&
	staff-hire list -f tsv >list &&
	grep "	张伟	.*	junior_college	140121100001001	assistant	" list &&
	grep "	李娜	.*	bachelor	" list
'

test_expect_success '政治面貌 is read as party membership' '
	staff-hire show -f json 1 | grep "\"priority\": \"party member\"" &&
	! staff-hire show -f json 2 | grep "party member"
'

cat >units.csv <<'CSV'
村（社区）代码,类型,单元名称,所属网格编码
140121100001,小区,锦绣小区,140121100001002
CSV

test_expect_success 'units under 单元名称 and 村（社区）代码, a 小区 a building' '
	grid-define import units units.csv 2>err &&
	! test -s err &&
	grid-define list units -f tsv | grep "锦绣小区" | grep building
'

test_expect_success 'training under 培训日期 and 培训内容' '
	printf "人员编号,培训级别,培训日期,学时,培训内容\n1,县级,2026-11-21,4,消防安全\n" >train.csv &&
	staff-hire train train.csv 2>err &&
	! test -s err
'

test_done
