/*
 * fuzz_parse.c - libFuzzer target: arbitrary text through every parser
 * of a single value: division and grid codes, identity numbers, phones,
 * dates and times, Excel-damage detection, quoting for messages.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "codes.h"
#include "diag.h"
#include "idnum.h"
#include "mask.h"
#include "recin.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct area_code ac;
	struct grid_code gc;
	struct idnum id;
	char *s, buf[DIAG_QUOTE_MAX], why[IDNUM_WHY_MAX], ph[PHONE_MAX];
	const char *w;
	gk_time t;
	gk_day d;

	s = emalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)code_parse_area(s, &ac, &w);
	(void)code_parse_grid(s, &gc, &w);
	(void)idnum_parse(s, day_from_civil(2026, 11, 29), &id, why,
	    sizeof why);
	(void)idnum_mask(s, buf, sizeof buf);
	(void)phone_normalise(s, ph, sizeof ph, &w);
	(void)mask_phone(s, ph, sizeof ph);
	(void)day_parse(s, &d, &w);
	(void)clock_parse(s, &t, &w);
	(void)recin_excel_damage(s);
	(void)diag_quote(buf, sizeof buf, s);
	free(s);
	return 0;
}
