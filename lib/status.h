/*
 * status.h - the exit statuses of every gridkit program.
 *
 * Library functions return one of these (GK_OK on success) and never
 * exit; only cmd/ turns a status into the process exit code.  The
 * values are those of sysexits(3), which cron mail and shell scripts
 * already understand.
 */
#ifndef GRIDKIT_STATUS_H
#define GRIDKIT_STATUS_H

enum gk_status {
	GK_OK          = 0,	/* success */
	GK_FINDINGS    = 1,	/* audit or check findings, rejected rows */
	GK_USAGE       = 64,	/* bad command line */
	GK_DATAERR     = 65,	/* bad input data */
	GK_NOINPUT     = 66,	/* input file missing or unreadable */
	GK_UNAVAILABLE = 69,	/* database missing or unusable */
	GK_SOFTWARE    = 70,	/* internal error */
	GK_CANTCREAT   = 73,	/* cannot create an output file */
	GK_IOERR       = 74,	/* input/output error */
	GK_TEMPFAIL    = 75,	/* busy: lock held; try again */
	GK_NOPERM      = 77,	/* outside the operator's jurisdiction */
	GK_CONFIG      = 78	/* bad configuration */
};

/* gk_worst returns the more serious of two statuses. */
static inline int
gk_worst(int a, int b)
{
	if (a == GK_OK)
		return b;
	if (b == GK_OK || b == GK_FINDINGS)
		return a;
	if (a == GK_FINDINGS)
		return b;
	return a;
}

#endif
