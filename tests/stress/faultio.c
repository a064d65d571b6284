/*
 * faultio.so - an LD_PRELOAD shim that makes one write fail, for the
 * I/O fault tests of tests/stress.
 *
 *   FAULTIO_AT=N       the Nth write-like call fails (1 is the first)
 *   FAULTIO_ERRNO=E    with EIO (default) or ENOSPC, as a full disk
 *   FAULTIO_COUNT=F    at exit, write the number of calls seen to F
 *
 * Write-like calls are write, pwrite, pwrite64, writev, fsync,
 * fdatasync and ftruncate on descriptors above 2, so the program's own
 * messages and output on stdin/stdout/stderr are never the ones that
 * fail.  SQLite's unix VFS reaches these through the dynamic linker, so
 * a shim placed before libc stands between it and the kernel.  Without
 * FAULTIO_AT the shim only counts.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned long calls, fail_at;
static int fail_errno = EIO;

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef ssize_t (*writev_fn)(int, const struct iovec *, int);
typedef int (*fsync_fn)(int);
typedef int (*fdatasync_fn)(int);
typedef int (*ftruncate_fn)(int, off_t);

/* The next definition of name (libc's), found once. */
#define REAL(name) \
	static name##_fn real_##name; \
	if (real_##name == NULL) \
		real_##name = (name##_fn)dlsym(RTLD_NEXT, #name)

static ssize_t
syscall_write_through(int fd, const void *buf, size_t n)
{
	REAL(write);
	return real_write(fd, buf, n);
}

__attribute__((constructor)) static void
faultio_init(void)
{
	const char *s = getenv("FAULTIO_AT");
	const char *e = getenv("FAULTIO_ERRNO");

	if (s != NULL)
		fail_at = strtoul(s, NULL, 10);
	if (e != NULL && strcmp(e, "ENOSPC") == 0)
		fail_errno = ENOSPC;
}

__attribute__((destructor)) static void
faultio_fini(void)
{
	const char *path = getenv("FAULTIO_COUNT");
	char buf[32];
	int fd, n;

	if (path == NULL)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	n = snprintf(buf, sizeof buf, "%lu\n", calls);
	/* Through the syscall wrapper the shim does not count. */
	if (n > 0)
		(void)!syscall_write_through(fd, buf, (size_t)n);
	close(fd);
}

/* True when this call, on fd, is the one that fails. */
static int
faultio_hit(int fd)
{
	if (fd <= 2)
		return 0;
	calls++;
	if (fail_at != 0 && calls == fail_at) {
		errno = fail_errno;
		return 1;
	}
	return 0;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (faultio_hit(fd))
		return -1;
	return real_write(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	if (faultio_hit(fd))
		return -1;
	return real_pwrite(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	REAL(pwrite64);
	if (faultio_hit(fd))
		return -1;
	return real_pwrite64(fd, buf, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	REAL(writev);
	if (faultio_hit(fd))
		return -1;
	return real_writev(fd, iov, n);
}

int
fsync(int fd)
{
	REAL(fsync);
	if (faultio_hit(fd))
		return -1;
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (faultio_hit(fd))
		return -1;
	return real_fdatasync(fd);
}

int
ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	if (faultio_hit(fd))
		return -1;
	return real_ftruncate(fd, len);
}
