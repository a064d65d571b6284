/*
 * staff.h - grid staff (Art. 5, 8-11, 14): what staff-hire owns.
 *
 * A person applies (staff_apply) and becomes a candidate at the
 * registration stage; the selection procedure of Art. 11 moves them one
 * stage at a time (staff_advance) or rejects them (staff_fail); after
 * job training they are hired (staff_hire) into a grid in a role and
 * are staff; assignments move them (staff_assign); leaving
 * (staff_leave) ends their assignments and leaves a vacancy.  Nothing
 * is ever deleted: every stage, assignment and vacancy keeps its dates.
 *
 * Identity numbers and phones are personal data (Art. 20): every
 * function that prints them masks them unless reveal is set, and a
 * revealing listing is recorded in the audit log.
 *
 * Every writing function runs in one transaction with an audit row and
 * honours the connection's dry-run flag.  Errors are reported on
 * stderr; the status is returned.
 */
#ifndef GRIDKIT_STAFF_H
#define GRIDKIT_STAFF_H

#include <stddef.h>
#include <stdio.h>

#include "clock.h"
#include "recin.h"
#include "recout.h"

struct calendar;
struct config;
struct db;

/* The stages of Art. 11, in order. */
enum staff_stage {
	STAGE_ANNOUNCEMENT,	/* 发布公告: the call, before anyone applies */
	STAGE_REGISTRATION,	/* 报名: where staff_apply puts a candidate */
	STAGE_QUALIFICATION,	/* 资格审查 */
	STAGE_EXAM,		/* 笔试面试 */
	STAGE_PHYSICAL,		/* 体检 */
	STAGE_POLITICAL,	/* 政审 */
	STAGE_PUBLICITY,	/* 公示: lasts staff.publicity_days working days */
	STAGE_TRAINING,		/* 岗前培训 */
	STAGE_HIRED,		/* 聘用 */
	STAGE_COUNT
};

/* Vocabularies, by way of vocab.h (which callers may use directly).
 * Each parser takes any name of the entry and returns the canonical
 * form, or -1 / NULL when it is none. */
int staff_stage_parse(const char *s);
const char *staff_stage_name(int stage);
const char *staff_stage_zh(int stage);
const char *staff_role_parse(const char *s);	/* leader, full_time, ... */
const char *staff_role_zh(const char *role);
/* Education levels rank 1 (primary) to 7 (doctorate); 0 when unknown. */
int staff_education_parse(const char *s);
const char *staff_education_name(int rank);
/* staff_check_config loads the names the configuration adds to the
 * vocabularies (vocab_load_config) and checks the staff policy
 * (education levels that exist); GK_CONFIG after reporting. */
int staff_check_config(const struct config *cfg);
/* Yes/no flags: the flag vocabulary (是/否, yes/no, ...), empty = no.
 * Returns 0 or 1, or -1 when the text is none of those. */
int staff_flag_parse(const char *s);

/* Options and counts of staff_apply. */
struct staff_apply_opts {
	int keep_going;		/* take the good rows, report the bad */
	const char *rejects;	/* --rejects FILE, or NULL */
	long long max_errors;	/* bad rows reported before giving up */
	int reveal;		/* print personal data unmasked */
	const char *round;	/* the round's number, or NULL: none */
	int excel;		/* the rejects file for Excel (--excel) */
	int enrol;		/* staff serving already (enrol): a since
				   column, hired since that day, no round */
};

/* A recruitment round as its announcement opens it (Art. 11). */
struct staff_round {
	const char *number;	/* the announcement's number */
	gk_day announced;	/* its date */
	const char *county;	/* its county, 6 digits */
};

/*
 * staff_announce opens round r, or adds to it, with the posts of path:
 * records of grid (in r's county, active), role and posts (how many).
 * All or nothing; announcing the same again changes nothing.  A number
 * announced before with another date or county is refused.
 */
int staff_announce(struct db *db, const struct config *cfg,
    const struct staff_round *r, const char *path,
    const struct recin_opts *in, long long max_errors);

/* staff_round_find: the id and date of round number; 1, 0 when there
 * is none (reported), -status. */
int staff_round_find(struct db *db, const char *number, long long *id,
    gk_day *announced);

/* Whether any round is recorded: 1, 0, or -status. */
int staff_rounds_exist(struct db *db);

extern const struct recout_col staff_round_cols[];
extern const size_t staff_round_ncols;

/*
 * staff_rounds lists the rounds (or round number alone), one record
 * per post: its grid, role and count, the applicants, how many are at
 * each stage (candidates), rejected, and the posts filled (hired in
 * that round).
 */
int staff_rounds(struct db *db, const char *number, struct recout *out);

struct staff_apply_stats {
	unsigned long rows;	/* records read */
	unsigned long added;	/* new candidates */
	unsigned long unchanged;/* already registered as given */
	unsigned long again;	/* applying again in a later round */
	unsigned long rejected;	/* bad or ineligible rows */
};

/* The records staff_apply prints for each registered row. */
extern const struct recout_col staff_apply_cols[];
extern const size_t staff_apply_ncols;

/*
 * staff_apply registers the candidates of path ("-": standard input).
 * Every row is checked (Art. 9: identity number, age, nationality,
 * education for the role, grid, role for the grid, bars, duplicates,
 * phone); an ineligible person is reported with the rule and article.
 * All or nothing (GK_DATAERR) unless keep_going, then the good rows are
 * registered, the bad ones reported (and written with a reason column
 * to opts->rejects) and the status is GK_FINDINGS.  After the commit,
 * each registered row (new or already there) is written to out, or,
 * when out is NULL, its staff id alone on a line of ids.
 */
int staff_apply(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_apply_opts *opts,
    struct recout *out, FILE *ids, struct staff_apply_stats *stats);

/*
 * staff_advance moves each candidate of ids[0..n) into stage, which must
 * be the stage right after the one they are at; one at stage already
 * is unchanged, not refused (a pipeline run again).  Entering
 * publicity stores its end (staff_publicity_end); leaving it waits for
 * that day to pass.  Leaving the qualification review needs the
 * nationality recorded, leaving the political review the bars of
 * Art. 9 declared "no".  No move is dated before the person's last
 * recorded event.  Advancing into STAGE_HIRED hires (staff_hire) into
 * grid and role, or, when NULL, the grid and role applied for.  All or
 * nothing: every refusal is reported, with the candidate named, and
 * nothing moves (GK_DATAERR).
 */
int staff_advance(struct db *db, const struct config *cfg,
    struct calendar *cal, int stage, const long long *ids, size_t n,
    const char *grid, const char *role);

/* staff_fail rejects each candidate at their current stage, with a
 * reason.  All or nothing. */
int staff_fail(struct db *db, const long long *ids, size_t n,
    const char *reason);

/* The end of a candidate's publicity: the last of staff.publicity_days
 * working days counted from the day after they entered it (the Civil
 * Code, Art. 201), or from that day with
 * staff.publicity_count_first_day. */
gk_day staff_publicity_end(const struct config *cfg, struct calendar *cal,
    gk_day entered);

/*
 * staff_hire makes a candidate who finished job training staff of grid
 * in role (NULL: as applied for), from today.  Checks the grid is
 * active, the role fits the grid (Art. 8), the limits of the config
 * (one leader per grid; the posts one person may hold), the posts their
 * round announced, and the job training recorded since they entered
 * training (Art. 11).  Fills the oldest open vacancy of that grid and
 * role (or drops it when it never was open: see staff_leave).
 */
int staff_hire(struct db *db, const struct config *cfg, long long id,
    const char *grid, const char *role);

/*
 * staff_assign gives staff member id an assignment to grid in role
 * (NULL: their current role) from today.  transfer: their current
 * assignments end today with reason "transfer", each leaving a vacancy.
 */
int staff_assign(struct db *db, const struct config *cfg, long long id,
    const char *grid, const char *role, int transfer);

/*
 * staff_leave ends every assignment of staff member id on day (a day
 * number, their last day), with reason resign, dismiss, transfer,
 * retire, death or other; each leaves a vacancy open from the next
 * day, or closed by whoever took the post since, or none when that was
 * by its first day (Art. 10).  The person's history stays.
 */
int staff_leave(struct db *db, long long id, const char *reason, gk_day day);

/* The filters of staff_list; NULL/0 for none. */
struct staff_filter {
	const char *area;	/* grid, village or county code prefix */
	const char *role;	/* canonical role */
	int stage;		/* -1 for any; else those in the procedure at
				   that stage (not rejected, not left) */
	int active;		/* serving staff only */
};

extern const struct recout_col staff_list_cols[];
extern const size_t staff_list_ncols;

/* The roster: one record per person in filter.  reveal: unmasked, and
 * recorded in the audit log (so it writes). */
int staff_list(struct db *db, const struct staff_filter *filter, int reveal,
    struct recout *out);

/* One person: their data, stages, assignments, training.  Text, or one
 * JSON object for the JSON formats. */
int staff_show(struct db *db, long long id, int reveal,
    enum recout_format fmt, FILE *fp);

/* A member of staff serving a grid, as staff_serving gives them. */
struct staff_member {
	long long id;		/* staff id */
	const char *role;	/* canonical role */
	const char *name;	/* full name */
	const char *phone;	/* phone, masked unless revealed */
	const char *work_phone;	/* public work phone, or NULL */
	const char *photo;	/* photo file, or NULL */
};

/*
 * staff_serving calls fn for each person serving grid now (an
 * assignment not ended): leaders first, then full-time, part-time and
 * assistant members, each by staff id.  Personal phones are masked
 * unless reveal; the public work phone and photo (Art. 5) never are;
 * recording the disclosure is the caller's.  The strings live until fn
 * returns.  Returns GK_OK, fn's first nonzero return (which stops the
 * walk), or a status after reporting.
 */
int staff_serving(struct db *db, const char *grid, int reveal,
    int (*fn)(const struct staff_member *m, void *ctx), void *ctx);

/*
 * staff_serves tells whether staff member id served, on day, a grid
 * whose code starts with prefix (a grid's 15 digits, or the significant
 * digits of an area: "140121100"): an assignment started on or before
 * day and not ended by it.  1, 0, or -status after reporting.  The one
 * question other modules ask about who serves where (Art. 6: a
 * reporter serves the grid; Art. 13: a case goes to staff of its area).
 */
int staff_serves(struct db *db, long long id, const char *prefix,
    gk_day day);

extern const struct recout_col staff_vacancy_cols[];
extern const size_t staff_vacancy_ncols;

/*
 * staff_vacancies lists the posts left open (Art. 10) in filter's area
 * and role, oldest first: grid, role, since, reason, who left, when and
 * by whom it was filled, and the days it was or has been open.  With
 * filter->active, only those still open.
 */
int staff_vacancies(struct db *db, const struct staff_filter *filter,
    struct recout *out);

extern const struct recout_col staff_rank_cols[];
extern const size_t staff_rank_ncols;

/*
 * staff_rank lists the candidates at stage for each grid and role, by
 * the total of their exam and interview scores (weighted as the config
 * says; no score last); among equal totals those with a priority flag
 * of Art. 9 first (or, with staff.priority_by_count, more flags
 * first), then by staff id.  round: only the applications of the
 * round with that number, or NULL for all.
 */
int staff_rank(struct db *db, const struct config *cfg, int stage,
    const char *round, struct recout *out);

/* Options of the sheets about registered people (declare, score). */
struct staff_sheet_opts {
	long long max_errors;	/* bad rows reported before giving up */
	int reveal;		/* personal data unmasked (audited) */
};

/*
 * staff_declare records the declarations of Art. 9 of people already
 * registered, from records with a person (staff id or identity
 * number, and optionally the name) and any of nationality,
 * under_investigation, penalized and expelled (yes or no; empty: left
 * as it is).  All or nothing; the same sheet again changes nothing.
 * Nobody whose bars are not all declared "no" passes the political
 * review, nor anyone of another or no nationality the qualification
 * review (staff_advance).
 */
int staff_declare(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_sheet_opts *opts);

/*
 * staff_score records the written exam and interview scores (0 to
 * 1000; either may be empty) of people at the exam stage or later, on
 * their latest application.  All or nothing; a score given again
 * changes nothing, a different one replaces it (audited).
 */
int staff_score(struct db *db, const struct config *cfg, const char *path,
    const struct recin_opts *in, const struct staff_sheet_opts *opts);

/*
 * staff_contacts records what the bulletin board shows of a member
 * (Art. 5): a public work phone and a photo (a file path), from
 * records with the person as staff_declare names them, then work_phone
 * and photo (either may be empty: left as it is).  These are public by
 * law and printed in full; the personal phone and the identity number
 * never appear on a board.  All or nothing.
 */
int staff_contacts(struct db *db, const struct config *cfg,
    const char *path, const struct recin_opts *in,
    const struct staff_sheet_opts *opts);

/* Training sessions (Art. 14): from records (staff, level, date, hours,
 * topic), all or nothing; re-importing changes nothing.  reveal: the
 * messages about bad rows show personal data unmasked (audited). */
/*
 * The fields of a sheet's row that name a person (batch field numbers):
 * a staff id, an identity number, a name and, where the sheet may name
 * people by name and phone alone (a training sign-in sheet), a phone;
 * STAFF_WHO_NONE for a field the sheet does not have.
 */
#define STAFF_WHO_NONE ((size_t)-1)
struct staff_who {
	size_t staff;		/* staff id */
	size_t id_number;	/* identity number */
	size_t name;		/* the person's name */
	size_t phone;		/* mobile phone, or STAFF_WHO_NONE */
};

/*
 * staff_sheet_person finds the person the current row of b names: by
 * staff id, by identity number (both given: they must agree), else by
 * name and phone (exactly one person).  A name given must be theirs,
 * blanks aside (util_name_eq: "王　芳" is "王芳").  Returns the staff id,
 * 0 after reporting the row bad (batch_bad: no such person, more than
 * one), or -status.
 */
struct batch;
long long staff_sheet_person(struct batch *b, const struct staff_who *who);

int staff_train_import(struct db *db, const struct config *cfg,
    const char *path, const struct recin_opts *in, long long max_errors,
    int reveal);

/* One training session given with flags. */
int staff_train_one(struct db *db, long long id, const char *level,
    const char *day, const char *hours, const char *topic);

#endif
