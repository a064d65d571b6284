#!/bin/sh
# staff-hire: the eligibility of Art. 9 that cannot be skipped (bars
# declared, nationality recorded, foreign resident cards, province
# codes, an upper age) and priority under equal conditions (scores).
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-09-01T09:00:00+08:00
printf "staff:\n  publicity_days: 0\n" >nowait.yaml

ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
cat >nobars.csv <<CSV
name,id_number,phone,education,grid,role
张伟,$ZW,13800138000,高中,140121100001001,full_time
李娜,$LN,13900139001,本科,140121100001002,full_time
CSV

test_expect_success 'a sheet without the Art. 9 columns is registered with one warning naming them' '
	staff-hire apply nobars.csv >ids 2>err &&
	test "$(cat ids)" = "$(printf "1\n2")" &&
	test "$(grep -c warning err)" = 1 &&
	grep "warning: nobars.csv: no column nationality, under_investigation, penalized, expelled: its rows are registered as not declared" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM declarations")" = 0 &&
	test "$(sqlite3 test.db "SELECT nationality FROM people WHERE id = 1")" = ""
'

test_expect_success 'a missing nationality is not CN: nobody passes the qualification review without it' '
	staff-hire advance --stage qualification 1 2 &&
	exits 65 staff-hire advance --stage exam 1 2>err &&
	grep "candidate 1 (张伟): nationality not recorded; nobody passes the qualification review without it (Art. 9; staff-hire declare)" err
'

test_expect_success 'declare records the nationality by identity number, and the twin passes' '
	printf "id_number,nationality\n%s,中国\n%s,中国\n" "$ZW" "$LN" >nat.csv &&
	staff-hire declare nat.csv &&
	test "$(sqlite3 test.db "SELECT nationality FROM people WHERE id = 1")" = CN &&
	staff-hire advance --stage exam 1 2 &&
	staff-hire advance --stage physical 1 2 &&
	staff-hire advance --stage political 1 2
'

test_expect_success 'nobody not declared passes the political review' '
	exits 65 staff-hire advance --stage publicity 1 2>err &&
	grep "candidate 1 (张伟): not declared: under investigation, criminal or public-security penalty received, expelled from the party, public office or the army; nobody passes the political review" err
'

test_expect_success 'declare is all or nothing: one bad row records nothing' '
	printf "staff,name,under_investigation,penalized,expelled\n1,张伟,否,否,否\n2,王五,否,否,否\n" >bad.csv &&
	exits 65 staff-hire declare bad.csv 2>err &&
	grep "bad.csv:3:.*staff id 2 is 李娜, not \"王五\"" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM declarations")" = 0
'

test_expect_success 'a partial declaration still does not pass' '
	printf "staff,under_investigation\n1,否\n" | staff-hire declare &&
	exits 65 staff-hire advance --stage publicity 1 2>err &&
	grep "not declared: criminal or public-security penalty received, expelled" err
'

test_expect_success 'declared no on every bar passes; declared yes is barred' '
	printf "staff,penalized,expelled,under_investigation\n1,否,否,\n2,是,否,否\n" >decl.csv &&
	staff-hire declare decl.csv &&
	staff-hire advance --stage publicity 1 &&
	exits 65 staff-hire advance --stage publicity 2 2>err &&
	grep "candidate 2 (李娜) is barred (Art. 9): declared criminal or public-security penalty received" err
'

test_expect_success 'declaring the same sheet again changes nothing' '
	staff-hire -v declare decl.csv 2>err &&
	grep "unchanged\|nothing changed" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM audit WHERE verb = '"'"'declare'"'"'")" = 3
'

test_expect_success 'a bar declared yes on the sheet refuses the row; an empty cell is not declared' '
	printf "name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled\n王强,%s,13700137002,高中,140121100001001,full_time,CN,否,,否\n" \
	    "$(idnum 14012119880808345)" >one.csv &&
	staff-hire apply one.csv >id3 2>err && ! grep warning err &&
	test "$(sqlite3 test.db "SELECT coalesce(penalized, '"'"'none'"'"') || under_investigation FROM declarations WHERE person = 3")" = noneno &&
	sed "s/,否,,否\$/,否,是,否/; s/王强/赵六/; s/^\(赵六,\)[0-9X]*/\1$(idnum 14012119870707123)/" one.csv >yes.csv &&
	exits 65 staff-hire apply yes.csv 2>err &&
	grep "field \"penalized\": barred (Art. 9): has received a criminal or public-security administrative penalty" err
'

test_expect_success 'a foreign permanent resident ID card (2023, leading 9) is refused under Art. 9' '
	printf "name,id_number,phone,education,grid,role,nationality\n约翰,%s,13700137003,高中,140121100001001,full_time,CN\n" \
	    "$(idnum 93614019900101123)" >pr.csv &&
	exits 65 staff-hire apply pr.csv 2>err &&
	grep "ineligible (Art. 9): 936140\*\*\*\*\*\*\*\*[0-9X]\{4\} is the number of a foreign permanent resident ID card (2023 form, leading 9), not a Chinese citizen.s identity number" err
'

test_expect_success 'an area code whose province is no GB/T 2260 code is refused; a real one is taken' '
	printf "name,id_number,phone,education,grid,role,nationality\n钱七,%s,13700137004,高中,140121100001001,full_time,CN\n" \
	    "$(idnum 24012119900101123)" >prov.csv &&
	exits 65 staff-hire apply prov.csv 2>err &&
	grep "area code 240121: 24 is no province-level code of GB/T 2260" err &&
	printf "name,id_number,phone,education,grid,role,nationality\n钱七,%s,13700137004,高中,140121100001001,full_time,CN\n" \
	    "$(idnum 65010219900101123)" >prov2.csv &&
	staff-hire apply prov2.csv >/dev/null 2>err
'

test_expect_success 'an upper age applies only when the config sets one' '
	printf "name,id_number,phone,education,grid,role,nationality\n孙八,%s,13700137005,高中,140121100001001,full_time,CN\n" \
	    "$(idnum 14012119700101123)" >old.csv &&
	printf "staff:\n  max_age: 45\n" >maxage.yaml &&
	exits 65 staff-hire -c maxage.yaml apply old.csv 2>err &&
	grep "ineligible (staff.max_age; Art. 9): 56 years old on 2026-09-01; the upper age here is 45" err &&
	staff-hire apply old.csv >/dev/null 2>err
'

# Scores: four candidates for one post, at the exam.
cat >four.csv <<CSV
name,id_number,phone,education,grid,role,nationality,party_member,veteran,social_worker
甲,$(idnum 14012119900202111),13800000001,高中,140121100201001,part_time,CN,否,否,否
乙,$(idnum 14012119900202222),13800000002,高中,140121100201001,part_time,CN,是,否,否
丙,$(idnum 14012119900202333),13800000003,高中,140121100201001,part_time,CN,是,是,是
丁,$(idnum 14012119900202444),13800000004,高中,140121100201001,part_time,CN,否,否,否
CSV

test_expect_success 'scores are recorded only from the exam on' '
	staff-hire apply four.csv 2>/dev/null >four.ids &&
	printf "staff,exam,interview\n%s,80,80\n" "$(head -1 four.ids)" >early.csv &&
	exits 65 staff-hire score early.csv 2>err &&
	grep "is candidate at registration: scores are recorded from the written exam and interview on (Art. 11)" err &&
	staff-hire advance --stage qualification - <four.ids &&
	staff-hire advance --stage exam - <four.ids
'

test_expect_success 'a score outweighs every priority flag; flags break ties by presence, not count' '
	a=$(sed -n 1p four.ids) b=$(sed -n 2p four.ids) c=$(sed -n 3p four.ids) d=$(sed -n 4p four.ids) &&
	printf "staff,exam,interview\n$a,90,70\n$b,70,80\n$c,80,70\n$d,75,75\n" >scores.csv &&
	staff-hire score scores.csv &&
	staff-hire rank --stage exam -f tsv | grep part_time | cut -f3,4,6 >rank &&
	printf "1\t$a\t80\n2\t$b\t75\n3\t$c\t75\n4\t$d\t75\n" >expect &&
	diff expect rank
'

test_expect_success 'with staff.priority_by_count, more flags rank first among equals' '
	b=$(sed -n 2p four.ids) c=$(sed -n 3p four.ids) &&
	printf "staff:\n  priority_by_count: true\n" >count.yaml &&
	staff-hire -c count.yaml rank --stage exam -f tsv | grep part_time | cut -f3,4 >rank &&
	grep "^2	$c\$" rank && grep "^3	$b\$" rank
'

test_expect_success 'the same scores again change nothing; a bad score records nothing' '
	staff-hire score scores.csv 2>err &&
	grep "nothing changed" err &&
	printf "staff,exam\n%s,abc\n%s,60\n" "$(sed -n 1p four.ids)" "$(sed -n 2p four.ids)" >bad.csv &&
	exits 65 staff-hire score bad.csv 2>err &&
	grep "field \"exam\": \"abc\": a score is a number from 0 to 1000" err &&
	test "$(sqlite3 test.db "SELECT CAST(exam * 10 AS INTEGER) FROM applications WHERE person = $(sed -n 2p four.ids)")" = 700
'

test_done
