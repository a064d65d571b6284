#!/bin/sh
# -f xlsx -o FILE: workbooks written with text cells for codes,
# identity numbers and phones, mode 0600, whole or not at all; -o for
# the other formats, chosen by the file's name.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
ZW=$(idnum 14012119900101123)
printf 'name,id_number,phone,education,grid,role\n张伟,%s,13800138000,高中,140121100001001,专职网格员\n' \
    "$ZW" >apply.csv
staff-hire apply apply.csv >/dev/null || exit 1

# row N FILE: the XML of row N of the workbook's first sheet.
row() {
	unzip -p "$2" xl/worksheets/sheet1.xml |
	    grep -o "<row r=\"$1\"[ >].*" | sed 's|</row>.*|</row>|'
}

test_expect_success 'a workbook is not written to standard output' '
	exits 64 grid-define list -f xlsx >out 2>err &&
	grep "f xlsx writes a workbook to a file: give -o FILE" err &&
	! test -s out
'

test_expect_success 'grid-define list -o FILE.xlsx writes a workbook, mode 0600' '
	grid-define list -o grids.xlsx >out &&
	! test -s out &&
	test "$(stat -c %a grids.xlsx)" = 600 &&
	unzip -l grids.xlsx | grep "xl/worksheets/sheet1.xml"
'

test_expect_success 'codes are text cells, counts are numbers, the header is there' '
	row 1 grids.xlsx | grep "<t>code</t>" &&
	row 2 grids.xlsx | grep "t=\"inlineStr\"><is><t>140121100001001</t>" &&
	row 2 grids.xlsx | grep "<v>420</v>"
'

test_expect_success 'the workbook reads back in as it was' '
	grid-define -v import grids grids.xlsx 2>err &&
	grep "all 4 grids are there already; nothing changed" err
'

test_expect_success 'identity numbers and phones are text cells, masked unless revealed' '
	staff-hire list -f xlsx -o roster.xlsx &&
	row 2 roster.xlsx | grep "<t>140121\*\*\*\*\*\*\*\*1238</t>" &&
	staff-hire list --reveal -f xlsx -o roster.xlsx &&
	row 2 roster.xlsx | grep "t=\"inlineStr\"><is><t>$ZW</t>" &&
	row 2 roster.xlsx | grep "t=\"inlineStr\"><is><t>13800138000</t>"
'

test_expect_success 'a listing that fails leaves no file, not even a temporary one' '
	exits 65 grid-define list --village 140121100009 -o none.xlsx 2>err &&
	! ls -a | grep none.xlsx
'

test_expect_success 'an existing file is replaced, keeping mode 0600' '
	echo old >again.xlsx && chmod 644 again.xlsx &&
	grid-define list -o again.xlsx &&
	test "$(stat -c %a again.xlsx)" = 600 &&
	unzip -l again.xlsx >/dev/null
'

test_expect_success '-o FILE.csv writes CSV, and --excel goes with it' '
	grid-define list --excel -o grids.csv &&
	head -c 3 grids.csv | od -An -tx1 | grep "ef bb bf" &&
	grep "^140121100001001,西街第一网格," grids.csv
'

test_expect_success 'a symbolic link or a device is written into, never replaced' '
	echo old >target.csv && ln -s target.csv link.csv &&
	grid-define list -f csv -o link.csv &&
	test -L link.csv &&
	grep "^140121100001001,西街第一网格," target.csv &&
	grid-define list -f xlsx -o /dev/stdout >w.xlsx &&
	unzip -l w.xlsx >/dev/null &&
	test -L /dev/stdout &&
	grid-define show 140121100001001 -o /dev/stdout >shown &&
	grep "^grid  *140121100001001$" shown &&
	test -L /dev/stdout &&
	exits 74 grid-define show 140121100001001 -o /dev/full 2>err &&
	test -c /dev/full &&
	exits 74 grid-define list -f xlsx -o /dev/full 2>err &&
	grep "cannot write /dev/full" err &&
	test -c /dev/full
'

test_expect_success 'a file that cannot be made is status 73' '
	exits 73 grid-define list -o no/such/dir/g.xlsx 2>err &&
	grep "cannot create no/such/dir/g.xlsx" err
'

test_done
