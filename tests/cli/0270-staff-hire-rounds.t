#!/bin/sh
# staff-hire: recruitment rounds (Art. 10, 11): a round opened by its
# announcement, applications belonging to a round and coming after it,
# a person applying again in a later round, rounds listed.
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
GRIDKIT_NOW=2026-03-10T09:00:00+08:00
printf "staff:\n  publicity_days: 0\n" >nowait.yaml

cat >posts.csv <<CSV
网格编码,岗位,人数
140121100001001,专职网格员,2
140121100201001,part_time,1
CSV
ZW=$(idnum 14012119900101123)
LN=$(idnum 14012119950505234)
WQ=$(idnum 14012119880808345)
H=name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
cat >r1.csv <<CSV
$H
张伟,$ZW,13800138000,高中,140121100001001,full_time,CN,否,否,否
李娜,$LN,13900139001,本科,140121100001001,full_time,CN,否,否,否
王强,$WQ,13700137002,初中,140121100201001,part_time,CN,否,否,否
CSV

test_expect_success 'before any round, apply takes applications that belong to none' '
	printf "%s\n刘洋,%s,13600136003,大专,140121100001002,full_time,CN,否,否,否\n" "$H" \
	    "$(idnum 14012119910303456)" >norounds.csv &&
	staff-hire apply norounds.csv >ids0 &&
	test "$(sqlite3 test.db "SELECT count(*) FROM applications WHERE round IS NULL")" = 1
'

test_expect_success 'announce opens a round with its posts; the same again changes nothing' '
	staff-hire announce --number "清徐政法〔2026〕3号" --date 2026-03-01 --county 140121 posts.csv &&
	staff-hire announce --number "清徐政法〔2026〕3号" --date 2026-03-01 --county 140121 posts.csv 2>err &&
	grep "nothing changed" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM round_posts")" = 2
'

test_expect_success 'an announcement is refused with another date, a future date or a grid of another county' '
	exits 65 staff-hire announce --number "清徐政法〔2026〕3号" --date 2026-03-02 --county 140121 posts.csv 2>err &&
	grep "round 清徐政法〔2026〕3号 was announced on 2026-03-01 for county 140121 already" err &&
	exits 65 staff-hire announce --number X --date 2026-04-01 --county 140121 posts.csv 2>err &&
	grep "the announcement date 2026-04-01 is in the future" err &&
	exits 65 staff-hire announce --number Y --date 2026-03-01 --county 140122 posts.csv 2>err &&
	grep "grid 140121100001001 is not in county 140122 of the announcement" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM rounds")" = 1
'

test_expect_success 'once rounds exist, an application needs one' '
	exits 64 staff-hire apply r1.csv 2>err &&
	grep "rounds are recorded: an application belongs to one (give --round NUMBER" err
'

test_expect_success 'an application for a post the round did not announce is refused' '
	exits 65 staff-hire apply --round "清徐政法〔2026〕3号" norounds.csv 2>err &&
	grep "round 清徐政法〔2026〕3号 announced no full_time post in grid 140121100001002" err
'

test_expect_success 'applications come after the announcement' '
	exits 65 staff-hire --now 2026-02-27T09:00:00+08:00 apply --round "清徐政法〔2026〕3号" r1.csv 2>err &&
	grep "round 清徐政法〔2026〕3号 is announced on 2026-03-01; nobody applies before its announcement (Art. 11)" err
'

test_expect_success 'applications belong to the round; applying again to it changes nothing' '
	staff-hire apply --round "清徐政法〔2026〕3号" r1.csv >ids1 &&
	staff-hire apply --round "清徐政法〔2026〕3号" r1.csv >ids1b 2>err &&
	cmp ids1 ids1b && grep "nothing changed" err &&
	test "$(sqlite3 test.db "SELECT count(*) FROM applications a JOIN rounds r ON r.id = a.round")" = 3
'

test_expect_success 'rounds lists each post with applicants per stage and posts filled' '
	staff-hire advance --stage qualification 2 3 4 &&
	staff-hire advance --fail --reason "资格不符" 3 &&
	for s in exam physical political publicity training; do
		staff-hire -c nowait.yaml advance --stage $s 2 4 || exit 1
	done &&
	staff-hire train 2 --level county --date 2026-03-10 --hours 8 --topic 岗前培训 &&
	staff-hire advance --stage hired 2 &&
	staff-hire rounds -f tsv >rounds &&
	grep "^清徐政法〔2026〕3号	2026-03-01	140121	140121100001001	full_time	2	2	0	0	0	0	0	0	0	1	1$" rounds &&
	grep "^清徐政法〔2026〕3号	2026-03-01	140121	140121100201001	part_time	1	1	0	0	0	0	0	0	1	0	0$" rounds
'

test_expect_success 'a person rejected in one round applies again in a later round; person is not application' '
	staff-hire announce --number 2026-2 --date 2026-03-05 --county 140121 posts.csv &&
	exits 65 staff-hire apply --round 2026-2 r1.csv 2>err &&
	grep "identity number 140121\*\*\*\*\*\*\*\*[0-9X]\{4\} is already registered: staff id 2, 张伟, staff" err &&
	grep "staff id 4, 王强, candidate" err &&
	sed -n 3p r1.csv | sed "1i $H" >li.csv &&
	staff-hire --now 2026-03-12T09:00:00+08:00 apply --round 2026-2 -f tsv li.csv >again &&
	grep "^3	李娜	.*	applied again$" again &&
	staff-hire list -f tsv | grep "^3	李娜	.*	registration	candidate	2026-03-12		$" &&
	test "$(sqlite3 test.db "SELECT count(*) FROM people WHERE id_number = '"'"'$LN'"'"'")" = 1 &&
	test "$(sqlite3 test.db "SELECT stage || status FROM people WHERE id = 3")" = registrationcandidate &&
	staff-hire apply --round 2026-2 li.csv >ids2 2>err && test "$(cat ids2)" = 3 &&
	grep "nothing changed" err
'

test_expect_success 'the earlier round keeps its outcome; the later one counts the new application' '
	staff-hire rounds --round "清徐政法〔2026〕3号" -f tsv >r1 &&
	grep "	140121100001001	full_time	2	2	0	0	0	0	0	0	0	1	1$" r1 &&
	staff-hire rounds --round 2026-2 -f tsv >r2 &&
	grep "	140121100001001	full_time	2	1	1	0	0	0	0	0	0	0	0$" r2
'

test_expect_success 'nobody applies twice in one round, even after a rejection' '
	staff-hire --now 2026-03-12T10:00:00+08:00 advance --fail --reason "放弃" 3 &&
	staff-hire apply --round 2026-2 li.csv >/dev/null 2>err && grep "nothing changed" err &&
	sed "s/140121100001001,full_time/140121100201001,part_time/" li.csv >li2.csv &&
	exits 65 staff-hire apply --round 2026-2 li2.csv 2>err &&
	grep "has applied in round 2026-2 already: staff id 3, 李娜, rejected" err
'

test_expect_success 'show lists every application of a person, with its round, and the declarations' '
	staff-hire show 3 >show &&
	grep "^under investigation  no$" show &&
	grep "^  清徐政法〔2026〕3号  140121100001001  full_time   2026-03-10  -  -  -  qualification  rejected$" show &&
	grep "^  2026-2 *140121100001001  full_time   2026-03-12  -  -  -  registration   rejected$" show
'

test_expect_success 'an upgraded database gives everyone registered one application with no round' '
	sqlite3 v2.db ".read $GRIDKIT_TOP/tests/fixtures/schema-v2.sql" &&
	staff-hire -d v2.db train 1 --level township --date 2026-03-01 --hours 2 --topic 安全 &&
	test "$(sqlite3 v2.db "SELECT count(*) FROM people")" = "$(sqlite3 v2.db "SELECT count(*) FROM applications WHERE round IS NULL")" &&
	test "$(sqlite3 v2.db "SELECT count(*) FROM applications a JOIN people p ON p.id = a.person AND p.stage = a.stage AND p.status = a.status")" = 3 &&
	staff-hire -d v2.db show 1 >show && grep "^penalized  *not declared$" show
'

test_expect_success 'a round hires no more than the posts it announced; rank takes --round' '
	printf "grid,role,posts\n140121100001002,full_time,1\n" >p3.csv &&
	staff-hire announce --number 2026-3 --date 2026-03-10 --county 140121 p3.csv &&
	printf "%s\n赵一,%s,13500000001,高中,140121100001002,full_time,CN,否,否,否\n钱二,%s,13500000002,高中,140121100001002,full_time,CN,否,否,否\n" \
	    "$H" "$(idnum 14012119920101111)" "$(idnum 14012119920101222)" >r3.csv &&
	staff-hire apply --round 2026-3 r3.csv >ids3 &&
	staff-hire advance --stage qualification - <ids3 &&
	staff-hire advance --stage exam - <ids3 &&
	printf "staff,exam,interview\n%s,70,70\n%s,90,90\n" $(cat ids3) | staff-hire score &&
	staff-hire rank --stage exam --round 2026-3 -f tsv | sed 1d | cut -f3,4 >rank &&
	printf "1\t%s\n2\t%s\n" $(sed -n 2p ids3) $(sed -n 1p ids3) | diff - rank &&
	test "$(staff-hire rank --stage exam --round "清徐政法〔2026〕3号" -f tsv | wc -l)" = 1 &&
	for s in physical political publicity training; do
		staff-hire -c nowait.yaml advance --stage $s - <ids3 || exit 1
	done &&
	for id in $(cat ids3); do
		staff-hire train $id --level county --date 2026-03-10 --hours 8 --topic 岗前培训 || exit 1
	done &&
	exits 65 staff-hire advance --stage hired - <ids3 2>err &&
	grep "round 2026-3 announced 1 full_time post in grid 140121100001002; 1 is filled" err &&
	staff-hire advance --stage hired $(sed -n 2p ids3)
'

test_done
