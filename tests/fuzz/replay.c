/*
 * replay.c - runs a fuzz target's LLVMFuzzerTestOneInput over files,
 * without libFuzzer, so that make check (and CI under the sanitizers)
 * runs every target over its seeds and over the inputs that once made
 * it fail (tests/fuzz/regressions), with any compiler.
 *
 *   replay-TARGET FILE...
 *
 * Prints TAP, one result per file; a crash is a failure of the run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i, bad = 0;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf = NULL;
		size_t n = 0, cap = 0, got;

		if (f == NULL) {
			printf("not ok %d - %s: cannot open\n", i, argv[i]);
			bad = 1;
			continue;
		}
		do {
			if (n == cap) {
				cap = cap ? cap * 2 : 4096;
				if ((buf = realloc(buf, cap)) == NULL)
					abort();
			}
			got = fread(buf + n, 1, cap - n, f);
			n += got;
		} while (got > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return bad;
}
