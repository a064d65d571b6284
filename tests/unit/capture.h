/*
 * capture.h - standard error captured while a test case runs, to check
 * the messages a module prints.  Included by the unit tests that need
 * it, after cmocka.h, fcntl.h, stdio.h and unistd.h; each test file
 * gets its own copy of these static functions.
 */
#ifndef GRIDKIT_TEST_CAPTURE_H
#define GRIDKIT_TEST_CAPTURE_H

static int saved_stderr = -1;
static char captured[65536];

/* Standard error goes to a file until capture_end returns its text. */
static void
capture_start(void)
{
	int fd;

	fflush(stderr);
	saved_stderr = dup(2);
	fd = open("stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved_stderr >= 0);
	dup2(fd, 2);
	close(fd);
}

static const char *
capture_end(void)
{
	FILE *fp;
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fp = fopen("stderr.txt", "rb");
	assert_non_null(fp);
	n = fread(captured, 1, sizeof captured - 1, fp);
	captured[n] = '\0';
	fclose(fp);
	return captured;
}

#endif
