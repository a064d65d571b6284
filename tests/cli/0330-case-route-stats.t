#!/bin/sh
# case-route stats: the figures of Art. 16 checked against figures
# computed by hand on a small fixed set of cases (the week of 7
# December 2026, Monday to Friday working days, no holiday).
. "$GRIDKIT_TOP/tests/cli/lib.sh"

load_county || exit 1
cat >cands.csv <<CSV
name,id_number,phone,education,grid,role,nationality,under_investigation,penalized,expelled
张伟,$(idnum 14012119900101123),13800138000,高中,140121100001001,full_time,CN,no,no,no
CSV
hire_staff cands.csv || exit 1
G1=140121100001001

# at TIME COMMAND...: the command at a day and hour of December 2026.
at() {
	_t=$1
	shift
	"$@" --now "2026-12-${_t}:00+08:00"
}
report() {
	at "$1" event-report add --grid $G1 --category "$2" --severity general \
	    --title "$3" --source resident --new
}

case-route access add --category dispute --reason 矛盾纠纷排查化解 \
    --standard 当日上门 --exit 经县委政法委审定后退出 \
    --approved-by 清徐县委政法委 --approved-on 2026-01-05 || exit 1

# P: every step in time, satisfied.  Q: closed a day late (feedback on
# Monday 14th 10:00, due the end of Tuesday), unsatisfied.  R: filed,
# escalated by hand to the township, by the cron job to the county
# with a yellow card, overdue.  T: refused.  S: new, within its limit.
P=$(report 07T09:00 dispute.neighbour 甲) &&
Q=$(report 07T09:00 dispute.neighbour 乙) &&
R=$(report 07T09:00 dispute.family 丙) &&
T=$(report 07T09:00 dispute.neighbour 丁) &&
at 07T10:00 case-route refuse --reason 重复上报 $T &&
at 07T10:00 case-route file $R &&
at 07T12:00 case-route file $P &&
at 08T09:00 case-route file $Q &&
at 08T09:00 case-route assign --to 1 $P &&
at 08T10:00 case-route assign --to 1 $Q &&
at 09T09:00 case-route escalate --reason 村级无法调处 $R &&
at 09T09:00 case-route investigate $P &&
at 10T09:00 case-route feedback --result 已调解 --satisfaction satisfied $P &&
at 10T15:36 case-route close $P &&
at 14T09:00 case-route investigate $Q &&
at 14T10:00 case-route feedback --result 已调解 --satisfaction unsatisfied $Q &&
at 15T09:00 case-route escalate --overdue &&
at 16T09:00 case-route close $Q &&
S=$(report 16T09:00 dispute.family 戊) || exit 1

NOW=2026-12-17T09:00:00+08:00

test_expect_success 'the whole: cases by status and step, on-time rate, cards, satisfaction' '
	case-route --now $NOW stats -f json >s &&
	grep "\"group\": \"all\"" s &&
	grep "\"cases\": 5," s && grep "\"open\": 2," s &&
	grep "\"closed\": 2," s && grep "\"refused\": 1," s &&
	grep "\"at_reported\": 1," s && grep "\"at_filed\": 1," s &&
	grep "\"at_assigned\": 0," s &&
	grep "\"closed_on_time\": 1," s && grep "\"open_overdue\": 1," s &&
	grep "\"on_time_rate\": 33.3," s &&
	grep "\"to_township\": 1," s && grep "\"to_county\": 1," s &&
	grep "\"yellow_cards\": 1," s && grep "\"red_cards\": 0," s &&
	grep "\"on_spot\": 0," s && grep "\"satisfied\": 1," s &&
	grep "\"unsatisfied\": 1," s && grep "\"satisfaction_rate\": 50.0" s
'

# Working days at each step (nearest rank; an hour is 1/24 day):
# reported R 1h, P 3h, Q 24h; filed Q 1h, P 21h; assigned P 1.0,
# Q 95h; investigated Q 1h, P 1.0; feedback P 6.6h, Q 47h.
test_expect_success 'the median and 90th percentile of working days per step' '
	case-route --now $NOW stats -f tsv >s &&
	cut -f 14-23 s >t &&
	printf "0.1\t1.0\t0.0\t0.9\t1.0\t4.0\t0.0\t1.0\t0.3\t2.0\n" >want &&
	sed -n 2p t | cmp - want
'

test_expect_success '--by category' '
	case-route --now $NOW stats --by category -f tsv >s &&
	test "$(wc -l <s)" = 3 &&
	grep "^dispute.family	2	2	0	0	1	1	0	0	0	0	1	0.0	0.0	0.0	" s &&
	grep "^dispute.neighbour	3	0	2	1	0	0	0	0	0	1	0	50.0	0.1	1.0	" s
'

test_expect_success '--by staff: the cases assigned to grid staff' '
	case-route --now $NOW stats --by staff -f csv >s &&
	grep "^1,2,0,2,0," s
'

test_expect_success '--from and --to select by the day reported' '
	case-route --now $NOW stats --from 2026-12-16 --to 2026-12-16 -f tsv >s &&
	sed -n 2p s | cut -f 1-6 | grep -x "all	1	1	0	0	1"
'

test_expect_success 'the table for people is in Chinese' '
	case-route --now $NOW --lang zh stats -f table >s &&
	grep "按时办结率" s && grep "全部" s
'

test_expect_success '--html writes one page, 0600, with its charts and no scripts' '
	case-route --now $NOW --lang zh stats --by category --html week.html >out &&
	test ! -s out && test "$(stat -c %a week.html)" = 600 &&
	test "$(grep -c "<svg" week.html)" = 2 &&
	! grep -i "<script\|src=\|href=\|@import" week.html &&
	grep "按时办结率" week.html &&
	grep ">dispute.neighbour</text><rect [^>]*/><text [^>]*>50.0%</text>" week.html &&
	grep ">140121100</text><rect [^>]*/><text [^>]*>5.0</text>" week.html &&
	grep "<tr><td>dispute.family</td><td>2</td><td>2</td>" week.html &&
	case-route --now $NOW stats --by category --from 2026-12-16 --html new.html &&
	grep ">dispute.family</text><rect [^>]* width=\"0.0\" [^>]*/><text [^>]*>-</text>" new.html
'

test_expect_code 64 '--by something else is a usage error' 'case-route stats --by grid'

test_done
