#!/bin/sh
# Excel workbooks read directly by every import: inline and shared
# strings, numbers as Excel shows them, places named as Excel names
# cells, all or nothing, and files that are not what they seem.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

write_county
grid-define import areas areas.csv || exit 1

# mkxlsx OUT SHEETXML [SSTXML]: a workbook of one sheet, Sheet1, made
# of the rows in SHEETXML (and the shared strings in SSTXML) the way a
# spreadsheet program packs it.
mkxlsx() {
	rm -rf x.d && mkdir -p x.d/_rels x.d/xl/_rels x.d/xl/worksheets &&
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>' \
	    >"x.d/[Content_Types].xml" &&
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' \
	    >x.d/_rels/.rels &&
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' \
	    >x.d/xl/workbook.xml &&
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>' \
	    >x.d/xl/_rels/workbook.xml.rels &&
	{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' &&
	  cat "$2" && printf '</sheetData></worksheet>\n'; } \
	    >x.d/xl/worksheets/sheet1.xml &&
	if [ -n "${3:-}" ]; then
		{ printf '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' &&
		  cat "$3" && printf '</sst>\n'; } >x.d/xl/sharedStrings.xml
	fi &&
	rm -f "$1" && (cd x.d && zip -q -X -r "../$1" .) && rm -rf x.d
}

# s REF TEXT: an inline string cell, as WPS writes them.
s() {
	printf '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' "$1" "$2"
}
# n REF NUMBER: a number cell.
n() {
	printf '<c r="%s"><v>%s</v></c>' "$1" "$2"
}

{
	printf '<row r="1">%s</row>' "$(s A1 清徐县网格划分表)"
	printf '<row r="2">%s%s%s%s</row>' "$(s A2 网格编码)" "$(s B2 网格名称)" \
	    "$(s C2 户数)" "$(s D2 人口)"
	printf '<row r="3">%s<c r="B3" t="s"><v>0</v></c>%s%s</row>' \
	    "$(n A3 140121100001001)" "$(n C3 420)" "$(n D3 1300)"
	printf '<row r="4">%s%s%s%s</row>' "$(s A4 140121100001002)" \
	    "$(s B4 西街第二网格)" "$(n C4 380)" "$(n D4 1150)"
} >wps.xml
printf '<si><t>西街第一网格</t></si>' >wps-sst.xml
mkxlsx grids.xlsx wps.xml wps-sst.xml

test_expect_success 'grids import from a workbook as WPS writes it' '
	grid-define import grids grids.xlsx 2>err &&
	grep "grids.xlsx:Sheet1!1:1: warning: skipping \"清徐县网格划分表\" above the header" err &&
	grid-define list -f tsv >list &&
	grep "^140121100001001	西街第一网格	140121100001	西街社区	urban	420	1300	" list &&
	grep "^140121100001002	西街第二网格	" list
'

test_expect_success 'the same workbook again changes nothing, also from standard input' '
	grid-define -v import grids - <grids.xlsx 2>err &&
	grep "all 2 grids are there already; nothing changed" err
'

sed -e "s|<v>380</v>|<v>很多</v>|" -e "s|140121100001002|140121100001003|" wps.xml >bad.xml
mkxlsx bad.xlsx bad.xml wps-sst.xml

test_expect_success 'a bad cell is named as Excel names it, and nothing is imported' '
	exits 65 grid-define import grids bad.xlsx 2>err &&
	grep "^grid-define: bad.xlsx:Sheet1!C4: field \"户数\": " err &&
	grep "bad.xlsx: 1 bad row; nothing imported" err &&
	! grid-define list -f tsv | grep 140121100001003
'

test_expect_success 'a sheet that is not there is refused, naming the sheets' '
	exits 65 grid-define import grids --sheet 花名册 grids.xlsx 2>err &&
	grep "no sheet \"花名册\" in the workbook (it has \"Sheet1\")" err &&
	grid-define import grids --sheet Sheet1 grids.xlsx
'

test_expect_success 'a workbook forced to be read as CSV says what it is' '
	exits 65 grid-define import grids --input-format csv grids.xlsx 2>err &&
	grep "grids.xlsx: this is an Excel workbook (.xlsx), not CSV" err
'

test_expect_success 'an old .xls says what it is and what to do' '
	printf "\320\317\021\340\241\261\032\341 and more" >old.xls &&
	exits 65 grid-define import grids old.xls 2>err &&
	grep "old.xls: this is an old Excel workbook (.xls, Excel 97-2003)" err &&
	grep "save it as an Excel workbook (.xlsx)" err
'

test_expect_success '--sheet with a CSV file is an error' '
	exits 64 grid-define import grids --sheet Sheet1 grids.csv 2>err &&
	grep "a sheet was asked for, but this is text" err
'

ZW=$(idnum 14012119900101123)
grid-define import grids grids.csv
{
	printf '<row r="1">%s%s%s%s%s%s</row>' "$(s A1 姓名)" "$(s B1 身份证号)" \
	    "$(s C1 手机号)" "$(s D1 学历)" "$(s E1 网格编码)" "$(s F1 岗位)"
	printf '<row r="2">%s%s%s%s%s%s</row>' "$(s A2 张伟)" "$(n B2 1.40121199001012E+17)" \
	    "$(n C2 13800138000)" "$(s D2 高中)" "$(n E2 140121100001001)" "$(s F2 专职网格员)"
} >staff.xml
mkxlsx staff.xlsx staff.xml

test_expect_success 'an identity number Excel made a number is warned about where it is' '
	exits 65 staff-hire apply staff.xlsx 2>err &&
	grep "staff.xlsx:Sheet1!B2: warning: a number of 18 digits, which Excel shows as 1.40121E+17" err &&
	grep "staff.xlsx:Sheet1!B2: field \"身份证号\"" err &&
	! grep 140121199001012 err
'

test_done
