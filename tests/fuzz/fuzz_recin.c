/*
 * fuzz_recin.c - libFuzzer target: arbitrary bytes as an input file, in
 * every format (Excel workbooks included) and with and without a
 * transcoding, bound to a few fields with aliases.  Finds crashes, overflows and leaks in the one place
 * records are parsed.  Built and run by "make fuzz".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "diag.h"
#include "recin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const code_aliases[] = { "网格编码", "编码", NULL };
	static const struct recin_field fields[] = {
		{ "code", 1, code_aliases }, { "name", 1, NULL },
		{ "households", 0, NULL },
	};
	static const char *const formats[] = { NULL, "csv", "tsv", "jsonl",
	    "xlsx" };
	char path[] = "/tmp/fuzz_recin.XXXXXX";
	struct recin_opts opts = { .format = NULL };
	struct recin *r;
	size_t f, i;
	int fd, rc;

	diag_set_level(DIAG_QUIET);
	if ((fd = mkstemp(path)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	for (f = 0; f < 6; f++) {
		opts.format = f < 5 ? formats[f] : NULL;
		opts.encoding = f == 5 ? "gb18030" : NULL;
		if (recin_open(&r, path, &opts) != 0)
			continue;
		if (recin_bind(r, fields, 3) == 0)
			while ((rc = recin_next(r)) > 0)
				for (i = 0; i < 3; i++)
					(void)recin_get(r, i);
		recin_close(r);
	}
	unlink(path);
	return 0;
}
