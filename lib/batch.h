/*
 * batch.h - the one batch-import driver: every import of records into
 * the database (areas, grids, units, applications, training; events,
 * case files, access lists, scores and declarations next) runs through
 * batch_run, which alone decides how a batch is read, reported,
 * stopped, rolled back or committed.
 *
 * A batch: open the input (recin_open), bind the fields (recin_bind),
 * begin the write transaction (db_begin), then for each record call the
 * importer's row callback, which checks the record, writes it and says
 * what it did (added, updated, unchanged) or that it is bad.  A bad
 * row is reported through batch_bad, the one reporter:
 *
 *	program: file:line:col: field "X": reason
 *
 * with X the header as written in the file.  Unless revealed, every
 * message and every rejects row has anything shaped like an identity
 * number (15 or 18 characters, digits with an optional X last) or a
 * phone number (11 digits starting 1, with or without +86 and
 * separators; a landline) masked, whatever the column it came from.
 *
 * One problem met row after row (a whole column of "城市网格" where
 * "urban" is wanted, say) is reported once: the same message for the
 * same field is printed at its first row only, and once the batch is
 * read, summed up with its count and the first and last lines:
 *
 *	program: file: field "X": the same for 50 rows (lines 3-52)
 *
 * An identity number column (BATCH_PII_IDNUM) whose value ends in 000
 * is warned about, even when its check character fits: that is what
 * Excel leaves of an 18-digit number (it keeps 15 digits); the first
 * of each column where it is, the others counted at the end.
 *
 * The batch stops after max_errors bad rows.  Any bad row rolls the
 * whole batch back (GK_DATAERR), unless keep_going: then the good rows
 * are kept, the bad ones reported (up to max_errors, then only
 * counted) and written with a reason column to the rejects file, and
 * the status is GK_FINDINGS.  A batch that changed something records
 * one audit row (verb, the file name, the counts) in the transaction
 * and commits (audit_commit); a dry run rolls back instead.
 *
 * The rejects file is written under a temporary name in its directory
 * (".FILE.XXXXXX", mode 0600) and linked to its name only after the
 * commit, never over an existing file; the temporary name is removed
 * whatever happens.  A batch that fails leaves nothing, one that is
 * killed at most the hidden temporary, and the retry may use the same
 * name.  A dry run writes none.
 *
 * Layering: batch uses recin, db, audit, diag; it knows no table.  The
 * importers (grid.c, staff.c, roster.c) know their tables and call it.
 */
#ifndef GRIDKIT_BATCH_H
#define GRIDKIT_BATCH_H

#include <stdarg.h>
#include <stddef.h>

struct batch;
struct db;
struct recin;
struct recin_field;
struct recin_opts;
struct sb;

/* What a row callback did with its row. */
enum batch_result {
	BATCH_BAD = 0,		/* rejected, reported with batch_bad */
	BATCH_ADDED = 1,	/* a new record */
	BATCH_UPDATED = 2,	/* an existing record changed */
	BATCH_UNCHANGED = 3,	/* already there as given */
	BATCH_TALLIED = 4	/* added, or already there as given, as
				   the statement run with db_run_tally on
				   batch_tally says: known once the rows
				   sent ahead are done (db.h) */
};

/* Personal data a column holds: its values are masked whole in the
 * rejects file unless revealed, whatever their shape. */
enum batch_pii {
	BATCH_PII_NONE = 0,
	BATCH_PII_IDNUM,	/* identity numbers: idnum_mask */
	BATCH_PII_PHONE		/* phone numbers: mask_phone */
};

/*
 * What an importer is: constant, one per kind of record.  The
 * callbacks get the batch and the arg given to batch_run; all but row
 * may be NULL.  Each returns GK_OK or a status after reporting, except
 * row, which returns an enum batch_result or -status (a database
 * error: the batch stops and rolls back).
 */
struct batch_def {
	const char *verb;		/* audit verb: "import grids" */
	const char *noun;		/* the records, for progress and -v:
					   "grids", "training" */
	const char *nothing;		/* what a refused batch did, after
					   "N bad rows; ": "nothing imported" */
	const char *all_there;		/* "all N <all_there> already; nothing
					   changed": "candidates are
					   registered" ("its one row is
					   there already" for N = 1), or
					   NULL: -v only */
	const struct recin_field *fields;	/* bound to the input */
	size_t nfields;				/* how many */
	const enum batch_pii *pii;	/* per field, or NULL for none */
	/* After db_begin, before the first row. */
	int (*start)(struct batch *b, void *arg);
	/* One record: batch_get reads its fields. */
	int (*row)(struct batch *b, void *arg);
	/* After the last row of a batch that will commit, before the
	 * audit row: work done once for the whole batch. */
	int (*end)(struct batch *b, void *arg);
	/* After a commit that kept the rows (never in a dry run): output
	 * promised for what was committed, such as the new ids. */
	int (*committed)(struct batch *b, void *arg);
};

/* How this batch runs: from the command line. */
struct batch_opts {
	long long max_errors;	/* bad rows reported before stopping */
	int keep_going;		/* keep the good rows, report the bad */
	const char *rejects;	/* with keep_going: a new CSV file for the
				   bad rows and their reasons, or NULL */
	int reveal;		/* personal data unmasked (audited) */
	int excel;		/* the rejects file for Excel (--excel):
				   a BOM, CRLF, formula-safe cells */
};

/* The counts of a batch. */
struct batch_stats {
	unsigned long rows;		/* records read */
	unsigned long added;		/* BATCH_ADDED */
	unsigned long updated;		/* BATCH_UPDATED */
	unsigned long unchanged;	/* BATCH_UNCHANGED */
	unsigned long bad;		/* bad rows, malformed ones included */
};

/* The count a row callback's statement adds its changed rows to
 * (db_run_tally) when it returns BATCH_TALLIED. */
long long *batch_tally(struct batch *b);

/*
 * batch_run imports path ("-" or NULL: standard input) read with in as
 * def says, with opts; stats (zeroed first) has the counts whatever the
 * outcome.  With opts->reveal, the disclosure is recorded first with
 * audit_reveal (kept whatever becomes of the batch).  Returns GK_OK,
 * GK_FINDINGS (keep_going and some rows rejected), or the status of
 * what failed, reported: GK_NOINPUT, GK_DATAERR (bad rows: nothing
 * kept), GK_CANTCREAT (the rejects file exists or cannot be made),
 * GK_IOERR, GK_TEMPFAIL, ... or a callback's status.
 */
int batch_run(struct db *db, const char *path, const struct recin_opts *in,
    const struct batch_def *def, const struct batch_opts *opts, void *arg,
    struct batch_stats *stats);

/*
 * batch_bad reports a problem with field i (an index into def->fields)
 * of the current row, as "file:line:col: field "X": message", and adds
 * it to the row's reasons for the rejects file.  The row is bad even
 * if the callback goes on to take it.  Values a message quotes should
 * be quoted with diag_quote; personal data is masked in the message
 * unless revealed (see above), but a PII column's value is the
 * caller's to mask whole.  Past max_errors with keep_going, counts
 * without printing.
 */
void batch_bad(struct batch *b, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void batch_vbad(struct batch *b, size_t i, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* The current row's field i, as recin_get: NULL when absent. */
const char *batch_get(const struct batch *b, size_t i);
/* The reader, the connection, the file name for messages, reveal. */
struct recin *batch_in(const struct batch *b);
struct db *batch_db(const struct batch *b);
const char *batch_name(const struct batch *b);
int batch_reveal(const struct batch *b);
/* The counts so far. */
const struct batch_stats *batch_stats(const struct batch *b);

/*
 * batch_mask writes s to out (appended) with every identity number and
 * phone number in it masked, as the reporter does: inside double
 * quotes (a diag_quote'd value) anything of their shape; outside
 * quotes only the unmistakable shapes (18 characters, an 11-digit
 * mobile number), so that a 15-digit grid code in the text stays.
 * With quoted set, all of s counts as quoted (a value of a cell).
 */
void batch_mask(struct sb *out, const char *s, int quoted);

#endif
