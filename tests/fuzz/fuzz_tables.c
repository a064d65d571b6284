/*
 * fuzz_tables.c - libFuzzer target: arbitrary bytes as one of the data
 * files gridkit reads at start: a calendar year file (etc/calendar),
 * the taxonomy of events or the table of deadlines (etc/case).  The
 * first byte chooses which; the rest is the file.  What loads is then
 * used: working days counted and added across the year, deadlines
 * found and computed, categories looked up.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "calendar.h"
#include "category.h"
#include "clock.h"
#include "deadline.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
use_calendar(struct calendar *c)
{
	gk_day d, a = day_from_civil(2026, 1, 1);
	int n;

	for (d = a - 3; d < a + 370; d += 11) {
		(void)cal_is_workday(c, d);
		(void)cal_note(c, d);
	}
	for (n = -12; n <= 12; n += 3)
		(void)cal_add_workdays(c, a + 40, n);
	(void)cal_workdays_between(c, a, a + 365);
}

static void
use_deadlines(const struct deadlines *dl, struct calendar *c)
{
	static const char *levels[] = { "village", "township", "county",
	    "department" };
	struct deadline_limit l;
	gk_time start = clock_midnight(day_from_civil(2026, 9, 30));
	size_t i;
	int step;

	for (i = 0; i < sizeof levels / sizeof levels[0]; i++)
		for (step = 1; step <= 5; step++)
			if (deadline_find(dl, "dispute", "general", levels[i],
			    step, &l) == 1)
				(void)deadline_light(c, &l, start,
				    deadline_due(c, &l, start), start + 86400);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fuzz_tables.XXXXXX";
	struct calendar *c;
	struct taxonomy *t;
	struct deadlines *dl;
	size_t i;
	int fd;

	if (size < 1)
		return 0;
	diag_set_level(DIAG_QUIET);
	if ((fd = mkstemp(path)) == -1)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	c = cal_new();
	switch (data[0] % 3) {
	case 0:
		if (cal_load_file(c, path) == 0)
			use_calendar(c);
		break;
	case 1:
		if (taxonomy_load(&t, path) == 0) {
			for (i = 0; i < taxonomy_count(t); i++)
				(void)taxonomy_find(t,
				    taxonomy_at(t, i)->id);
			taxonomy_free(t);
		}
		break;
	case 2:
		if (deadline_load(&dl, path) == 0) {
			use_deadlines(dl, c);
			deadline_free(dl);
		}
		break;
	}
	cal_free(c);
	unlink(path);
	return 0;
}
