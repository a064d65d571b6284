/*
 * fuzz_config.c - libFuzzer target: arbitrary bytes as a configuration
 * file, merged over the defaults; every declared key read back.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fuzz_config.XXXXXX";
	struct config *c;
	const char *k, *v, *o, *a;
	size_t i;
	int fd;

	diag_set_level(DIAG_QUIET);
	if ((fd = mkstemp(path)) == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	c = config_new();
	(void)config_load_file(c, path, 1);
	for (i = 0; config_entry(c, i, &k, &v, &o, &a) == 0; i++)
		;
	(void)config_aliases(c, "code");
	config_free(c);
	unlink(path);
	return 0;
}
