/*
 * test_roster_audit.c - the boundaries of the weekly visit and the
 * on-time rate, and the case figures of a member: which cases are
 * theirs, which count as on time, as overdue, and the cards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case-figures.h"
#include "clock.h"
#include "db.h"
#include "roster-audit.h"
#include "status.h"

static void
test_roster_audit__seven_days_after_a_visit_is_in_time(void **state)
{
	gk_day d = day_from_civil(2026, 11, 29);

	assert_false(roster_audit_visit_late(d, d, 7));
	assert_false(roster_audit_visit_late(d - 7, d, 7));
	assert_true(roster_audit_visit_late(d - 8, d, 7));
	assert_false(roster_audit_visit_late(d - 1, d, 1));
	assert_true(roster_audit_visit_late(d - 2, d, 1));
}

static void
test_roster_audit__the_rate_is_exact(void **state)
{
	/* 4 of 5 is 80%: not below 80. */
	assert_false(roster_audit_rate_low(4, 5, 80));
	assert_true(roster_audit_rate_low(3, 5, 80));
	/* 79.9% is below 80, though it rounds to 80. */
	assert_true(roster_audit_rate_low(799, 1000, 80));
	assert_false(roster_audit_rate_low(800, 1000, 80));
	/* Nothing counted: no rate, no finding. */
	assert_false(roster_audit_rate_low(0, 0, 80));
	assert_false(roster_audit_rate_low(0, 3, 0));
	assert_true(roster_audit_rate_low(2, 3, 100));
}

struct seen {
	struct case_figures cf[8];
	int n;
};

static int
collect(const struct case_figures *cf, void *arg)
{
	struct seen *s = arg;

	assert_true(s->n < 8);
	s->cf[s->n++] = *cf;
	return GK_OK;
}

/* A case and its history rows "to staff N" (0: none). */
static void
add_case(struct db *db, long long id, const char *status, int cards,
    const char *due, const char *reported, long long to1, long long to2)
{
	char note[64];

	assert_int_equal(db_run(db, "INSERT INTO cases (id, grid, category, "
	    "severity, title, status, step, level, area, step_since, due, "
	    "cards, reported, updated) VALUES (?, '140121100001001', "
	    "'dispute', 'general', 't', ?, 3, 1, '140121100001', ?, ?, ?, "
	    "?, ?)", "Lsssiss", id, status, reported, due, cards, reported,
	    reported), GK_OK);
	if (to1) {
		snprintf(note, sizeof note, "to staff %lld", to1);
		assert_int_equal(db_run(db, "INSERT INTO case_history (case_id, "
		    "at, action, step, level, area, note, operator) VALUES (?, "
		    "?, 'assign', 3, 1, '140121100001', ?, 't')", "Lss", id,
		    reported, note), GK_OK);
	}
	if (to2) {
		snprintf(note, sizeof note, "to staff %lld: 复查", to2);
		assert_int_equal(db_run(db, "INSERT INTO case_history (case_id, "
		    "at, action, step, level, area, note, operator) VALUES (?, "
		    "?, 'assign', 3, 1, '140121100001', ?, 't')", "Lss", id,
		    reported, note), GK_OK);
	}
}

static void
test_roster_audit__case_figures_of_each_member(void **state)
{
	struct db *db;
	struct seen s;
	gk_time now;
	const char *why;
	const char *r = "2026-10-10T09:00:00+08:00";

	unlink("figures.db");
	assert_int_equal(db_open(&db, "figures.db", DB_WRITE), GK_OK);
	assert_int_equal(clock_parse("2026-11-29T09:00:00+08:00", &now, &why),
	    0);
	/* Staff 7: closed on time; closed with a card; open past due;
	 * open within its limit; assigned twice to one case (counts
	 * once). */
	add_case(db, 1, "closed", 0, NULL, r, 7, 0);
	add_case(db, 2, "closed", 1, NULL, r, 7, 0);
	add_case(db, 3, "open", 0, "2026-11-20T17:00:00+08:00", r, 7, 0);
	add_case(db, 4, "open", 0, "2026-12-20T17:00:00+08:00", r, 7, 7);
	/* Staff 12 ("to staff 12: note"): an open case with two cards. */
	add_case(db, 5, "open", 2, "2026-12-20T17:00:00+08:00", r, 0, 12);
	/* Staff 1 is not staff 12; a case of another year is not counted;
	 * an assignment to a centre is nobody's. */
	add_case(db, 6, "closed", 3, NULL, "2025-10-10T09:00:00+08:00", 7, 0);
	assert_int_equal(db_run(db, "INSERT INTO case_history (case_id, at, "
	    "action, step, level, area, note, operator) VALUES (5, ?, "
	    "'assign', 3, 1, '140121100001', 'to centre 140121100', 't')",
	    "s", r), GK_OK);
	memset(&s, 0, sizeof s);
	assert_int_equal(case_figures(db, day_from_civil(2025, 11, 30),
	    day_from_civil(2026, 11, 29), now, collect, &s), GK_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.cf[0].person, 7);
	assert_int_equal(s.cf[0].cases, 4);
	assert_int_equal(s.cf[0].closed, 2);
	assert_int_equal(s.cf[0].on_time, 1);
	assert_int_equal(s.cf[0].overdue, 1);
	assert_int_equal(s.cf[0].cards, 1);
	assert_int_equal(s.cf[1].person, 12);
	assert_int_equal(s.cf[1].cases, 1);
	assert_int_equal(s.cf[1].overdue, 1);
	assert_int_equal(s.cf[1].cards, 2);
	db_close(db);
	unlink("figures.db");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_roster_audit__seven_days_after_a_visit_is_in_time),
		cmocka_unit_test(test_roster_audit__the_rate_is_exact),
		cmocka_unit_test(test_roster_audit__case_figures_of_each_member),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
