/*
 * case.h - cases and the six-step closed loop (Art. 12, 13): what
 * case-route owns (tables cases, case_counters, case_history,
 * departments).
 *
 * A case is opened at step 1 (问题上报) at the village centre of its
 * grid (case_open, called by event.c) and moves only by the legal moves
 * of case_move: file (2), assign (3), investigate (4), feedback (5),
 * close (6); refuse at step 1; rework from feedback back to the work of
 * step 4; transfer to a department of the level, hand down to the level
 * below, escalate to the level above.  Every move writes a history row
 * (room for the archive's hash chain) and sets the due time of the step
 * it leaves the case at, from the deadline table.  case_escalate is the
 * cron job: every overdue case one level up, with a supervision card.
 *
 * Case numbers: "<county>-<year>-<seq>", the 6-digit county code, the
 * year the case was opened and a 7-digit sequence of that county and
 * year from a counter row ("140121-2026-0000042").  The county numbers
 * them because the county centre diverts and assigns what is reported
 * (Art. 12) and a case moves between levels; the number packs into a
 * 64-bit integer, the key of the case, which is what cli_ids reads.
 *
 * Every writing function runs in one transaction with an audit row
 * (case_open in its caller's), honours the dry-run flag, reports on
 * stderr and returns a status.
 */
#ifndef GRIDKIT_CASE_H
#define GRIDKIT_CASE_H

#include <stddef.h>
#include <stdio.h>

#include "clock.h"
#include "recin.h"
#include "recout.h"

struct calendar;
struct config;
struct db;
struct deadlines;
struct taxonomy;

/* What the case functions read besides the database, loaded by the
 * program once. */
struct case_env {
	const struct config *cfg;	/* the configuration */
	struct calendar *cal;		/* working days */
	const struct taxonomy *tax;	/* categories */
	const struct deadlines *dl;	/* time limits */
};

/*
 * case_env_load loads the taxonomy and the deadline table from the
 * given paths into env (cfg and cal are the caller's); GK_OK, or
 * GK_CONFIG after reporting.  case_env_release frees what it loaded.
 */
int case_env_load(struct case_env *env, const struct config *cfg,
    struct calendar *cal, const char *categories, const char *deadlines);
void case_env_release(struct case_env *env);

/*
 * case_env_open loads what the programs of the loop need for a command:
 * the calendar (*cal, the caller's until case_env_close) and the
 * taxonomy and deadlines named by the configuration, or the shipped
 * ones (cli_datafile).  GK_OK, or a status after reporting (nothing to
 * close then).
 */
struct cli;
int case_env_open(struct case_env *env, const struct cli *cli,
    struct calendar **cal);
void case_env_close(struct case_env *env, struct calendar *cal);

/* Room for a printed case number and its NUL. */
#define CASE_NUMBER_MAX 32

/* case_number_format writes id as "140121-2026-0000042". */
char *case_number_format(long long id, char buf[CASE_NUMBER_MAX]);
/* case_number_parse reads that form (or its 17 digits without the
 * dashes): 0, or -1. */
int case_number_parse(const char *s, long long *id);

/* A case to open. */
struct case_new {
	const char *grid;	/* 15 digits, an active grid */
	const char *category;	/* canonical id */
	const char *group;	/* its deadline group */
	const char *severity;	/* canonical */
	const char *title;	/* what */
	gk_time reported;	/* when it was reported */
	const char *result;	/* resolved on the spot: what was done;
				   NULL: open */
};

/*
 * case_open opens a case for cn in the caller's transaction and sets
 * *id to its number.  Resolved on the spot (Art. 13(1)): every step is
 * stamped and the case closed at once.  Returns GK_OK or a status.
 */
int case_open(struct db *db, const struct case_env *env,
    const struct case_new *cn, long long *id);

/*
 * case_find_duplicate looks for an open case of the same grid and
 * category reported within the last case.duplicate_days days before
 * at: 1 with *id set, 0 none, -status.
 */
int case_find_duplicate(struct db *db, const struct case_env *env,
    const char *grid, const char *category, gk_time at, long long *id);

/* The moves of case-route. */
enum case_verb {
	CASE_FILE,		/* 1 -> 2 案卷建立 */
	CASE_REFUSE,		/* 1 -> refused, with a reason */
	CASE_ASSIGN,		/* 2 -> 3 任务指派, to staff, centre or dept */
	CASE_INVESTIGATE,	/* 3 -> 4 调查落实 */
	CASE_FEEDBACK,		/* 4 -> 5 处理反馈 */
	CASE_CLOSE,		/* 5 -> 6 结案归档 */
	CASE_REWORK,		/* 5 -> 3: step 4 done again */
	CASE_TRANSFER,		/* to a department of the same level */
	CASE_HANDDOWN,		/* to the level below */
	CASE_ESCALATE,		/* to the level above, by hand */
	CASE_NVERBS
};

/* What a move says. */
struct case_move {
	enum case_verb verb;
	const char *to;			/* assign, transfer: where to */
	const char *reason;		/* refuse, rework, escalate */
	const char *note;		/* investigate and any: a note */
	const char *result;		/* feedback */
	const char *satisfaction;	/* feedback: canonical, or NULL */
	int keep_going;			/* take the legal moves, report the
					   rest (GK_FINDINGS) */
};

/*
 * case_move makes the move m on each case of ids[0..n).  A move not
 * legal at the case's step is refused naming the case, its step and the
 * moves allowed now; a case already where the move leads (file on a
 * filed case) is unchanged.  All or nothing (GK_DATAERR) unless
 * m->keep_going.
 */
int case_move(struct db *db, const struct case_env *env,
    const struct case_move *m, const long long *ids, size_t n);

/*
 * The assignment hook: whether a case of category may be assigned to
 * kind ("staff", "centre", "department") to.  GK_OK, or GK_DATAERR with
 * why set (the rule and article): to staff, never a category the
 * taxonomy marks as not for grid staff or as law enforcement or
 * professional work, and only one on the access list of the case's
 * county in force today (access.h; Art. 15).
 */
int case_assign_permitted(struct db *db, const struct case_env *env,
    long long id, const char *category, const char *kind, const char *to,
    char *why, size_t n);

/* Filters of case_list; NULL / 0 / -1 for none. */
struct case_filter {
	const char *lo, *hi;	/* grid code range (an area), or NULL */
	int step;		/* 1-6, or 0 */
	int level;		/* 1-3, 4 department, or 0 */
	int overdue;		/* overdue only */
	int due_within;		/* due within this many working days,
				   or -1 */
	int light;		/* enum deadline_light, or 0 */
	int card;		/* 1 yellow, 2 red, or 0 */
	int open;		/* open cases only */
};

extern const struct recout_col case_list_cols[];
extern const size_t case_list_ncols;

int case_list(struct db *db, const struct case_env *env,
    const struct case_filter *f, struct recout *out);

/* One case with its events and its whole history, as a document. */
int case_show(struct db *db, const struct case_env *env, long long id,
    enum recout_format fmt, FILE *fp);

/* Options and counts of the cron job. */
struct case_escalate_stats {
	unsigned long up[4];	/* escalated from level 1, 2 */
	unsigned long yellow;	/* yellow cards */
	unsigned long red;	/* red cards */
	unsigned long stay;	/* red at the county, staying */
	unsigned long skipped;	/* overdue, already escalated */
};

extern const struct recout_col case_escalate_cols[];
extern const size_t case_escalate_ncols;

/*
 * case_escalate moves every overdue case (its step's due time past)
 * one level up with a new due time at the new level and a card (yellow
 * at a case's first overdue, red after), or, at the county, gives it a
 * red card and leaves it there.  Never twice for one overdue step at
 * one level.  One transaction; waits for the write lock the
 * connection's busy budget.  out, when not NULL, gets one record per
 * case (what a dry run shows).
 */
int case_escalate(struct db *db, const struct case_env *env,
    struct recout *out, struct case_escalate_stats *stats);

/* The one-line summary of a run ("escalated 2 from village to township,
 * ..."), appended to out: what -v says, and the audit row's detail.
 * The skipped count is there only when -v asked for it.  people: in
 * the language of messages (for -v), else in English (the audit row). */
struct sb;
void case_escalate_summary(const struct case_escalate_stats *st, int people,
    struct sb *out);

/* Departments (Art. 13(2)): code, name, area, categories. */
int case_dept_import(struct db *db, const struct case_env *env,
    const char *path, const struct recin_opts *in, long long max_errors);

extern const struct recout_col case_dept_cols[];
extern const size_t case_dept_ncols;
int case_dept_list(struct db *db, struct recout *out);

/*
 * The archive chain of the history (Art. 13(4); chain.h): case-archive.c.
 * case_history_insert writes one history row with its hash, in the
 * caller's transaction.  case_history_encode appends a row's canonical
 * encoding: case_id, at, action, step, level, area, dept, card, note,
 * due, operator.
 */
struct case_history_row {
	long long case_id;		/* the case number */
	const char *at;			/* ISO 8601 time */
	const char *action;		/* report, file, assign, ... */
	int step, level;		/* where the case is after it */
	const char *area;		/* the centre handling it */
	const char *dept, *card, *note, *due;	/* or NULL */
	const char *operator_name;	/* who */
};

struct sb;
void case_history_encode(struct sb *enc, const struct case_history_row *r);
int case_history_insert(struct db *db, const struct case_history_row *r);

/*
 * case_verify recomputes the chain of every history row and of the
 * audit rows, and reports the first row that does not match with its
 * case: GK_OK (silent), GK_FINDINGS, or a status.
 */
int case_verify(struct db *db);

/* What case_archive exports. */
struct case_archive_opts {
	const char *from, *to;		/* closed on or after, before the
					   day after; NULL: open-ended */
	const char *township;		/* 9-digit prefix of grids, or NULL */
	const char *path;		/* -o FILE, or NULL for stdout */
};

/*
 * case_archive writes the closed cases asked for with their whole
 * histories and the chain's hashes as JSON Lines (gridkit(5)), the
 * last line the file's summary and SM3; a file is created mode 0600.
 * GK_OK or a status after reporting.
 */
int case_archive(struct db *db, const struct case_archive_opts *o);

/*
 * case_verify_file checks an archive file offline: every history row's
 * hash, the links between rows it holds both of, and the file's SM3.
 * GK_OK, GK_FINDINGS after naming the first bad line, or a status.
 */
int case_verify_file(const char *path);

/*
 * case_extend extends the due time of the step case id is at by days
 * working days (an approved extension), at most case.max_extensions
 * times per case; the light and the overdue state follow the new due
 * time.  GK_OK, GK_DATAERR refused after reporting, or a status.
 */
int case_extend(struct db *db, const struct case_env *env, long long id,
    int days, const char *reason, const char *approved_by);

#endif
