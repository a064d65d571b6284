#!/bin/sh
# What a batch says about the rows it was given: one problem in many
# rows said once with its count, identity numbers Excel may have
# damaged, and a rejects file the clerk can open in Excel.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1

{
	echo "网格编码,网格名称,户数,人口"
	for i in 1 2 3 4 5; do
		echo "14012110000100$i,西街网格$i,约四百,1300"
	done
	echo "140121100001009,西街网格9,420,很多"
} >many.csv

test_expect_success 'one problem in many rows is reported once, with its count and lines' '
	exits 65 grid-define import grids many.csv 2>err &&
	test "$(grep -c "约四百" err)" = 2 &&
	grep "^grid-define: many.csv:2:[0-9]*: field \"户数\": \"约四百\": " err &&
	grep "^grid-define: many.csv: field \"户数\": the same for 5 rows (lines 2-6): \"约四百\": " err &&
	grep "^grid-define: many.csv:7:[0-9]*: field \"人口\": \"很多\"" err &&
	grep "many.csv: 6 bad rows; nothing imported" err
'

# 14012119900101100 has the check character 0: an identity number that
# reads right and still ends as Excel leaves a number.
Z=140121199001011000
W=$(idnum 14012119950505234)

test_expect_success 'an identity number ending in 000 is warned about though its check character fits' '
	printf "姓名,身份证号,手机号,学历,网格编码,岗位\n张伟,%s,13800138000,高中,140121100001001,专职网格员\n" "$Z" >zeros.csv &&
	staff-hire apply zeros.csv >ids 2>err &&
	grep "zeros.csv:2:[0-9]*: warning: field \"身份证号\": ends in 000, as an identity number does that went through Excel as a number" err &&
	! grep "$Z" err &&
	test "$(wc -l <ids)" = 1
'

test_expect_success 'a rejects file asked for with --excel has a BOM, CRLF and no formulas' '
	printf "姓名,身份证号,手机号,学历,网格编码,岗位\n=HYPERLINK(1),%s,13900139001,小学,140121100001001,专职网格员\n" "$W" >bad.csv &&
	exits 1 staff-hire apply --keep-going --rejects rej.csv --excel bad.csv >ids 2>err &&
	head -c 3 rej.csv | od -An -tx1 | grep "ef bb bf" &&
	test "$(tr -cd "\r" <rej.csv | wc -c)" = "$(wc -l <rej.csv)" &&
	grep "^2,'"'"'=HYPERLINK(1)," rej.csv
'

test_expect_success 'without --excel the rejects file is plain CSV' '
	exits 1 staff-hire apply --keep-going --rejects plain.csv bad.csv >ids 2>err &&
	! grep -q "$(printf "\r")" plain.csv &&
	grep "^2,=HYPERLINK(1)," plain.csv
'

test_done
