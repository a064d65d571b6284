/*
 * jurisdiction.h - where an operator may act (Art. 20: personal data
 * is for those whose work needs it).
 *
 * The configuration may bind an operator, by the name the audit log
 * gives them (--operator, GRIDKIT_OPERATOR, the login), to areas: a
 * county (6 digits), a township (9) or a village (12), one or a list
 *
 *	operators:
 *	  张三: "140121100"
 *	  李四: ["140121100201", "140121200202"]
 *
 * A bound operator may write only inside them: an area, a grid, a
 * person serving in a grid, an event or a case of a grid whose code
 * begins with one of the codes.  Reading outside is refused as well,
 * unless jurisdiction.read_all is true; a listing that names no place
 * is narrowed to the operator's one area (refused when there are
 * several: name one).  An operator the configuration does not name
 * may act anywhere, as before.  This is a guard against mistakes on a
 * shared server, not a lock: anyone who can run the programs can give
 * another --operator, and only file permissions keep the database
 * from others (gridkit(5)).
 *
 * The modules that own the tables ask at their write points
 * (juris_write, juris_write_row) and their reads (juris_read,
 * juris_scope): a refusal is reported, returned as GK_NOPERM, and
 * remembered; the command then rolls back whatever it did, and the
 * driver records the refusal in the audit log in a transaction of its
 * own (juris_record).  The state is the process's: one command, one
 * operator.
 */
#ifndef GRIDKIT_JURISDICTION_H
#define GRIDKIT_JURISDICTION_H

struct batch;
struct config;
struct db;

/* The configuration check (cli_config_check): every member of
 * operators.* is a list of county, township or village codes.  GK_OK or
 * GK_CONFIG after reporting with the file and line. */
int juris_check_config(const struct config *cfg);

/* juris_bind binds the process to operator_name as cfg says (checked
 * by juris_check_config already); juris_release forgets it. */
void juris_bind(const struct config *cfg, const char *operator_name);
void juris_release(void);

/* Whether the operator is bound to areas at all. */
int juris_bound(void);

/*
 * juris_write says whether the operator may change what lies at code
 * (an area code of 2 to 12 digits, or a 15-digit grid code): GK_OK, or
 * GK_NOPERM after reporting "operator X acts in ... only: code is
 * outside", led by where ("file:line: ") when not NULL.  what names the
 * thing for the audit row ("grid", "case 12").  The first refusal is
 * remembered for juris_record.
 */
int juris_write(const char *where, const char *what, const char *code);

/* Whether the operator may change what lies at code: juris_write
 * without a word, for an importer choosing its way before it knows
 * whether the row changes anything. */
int juris_writable(const char *code);

/* juris_write for field i of the current row of a batch: the message
 * is located at the row's file and line. */
int juris_write_row(struct batch *b, const char *what, const char *code);

/* juris_read is juris_write for reading: GK_OK also for anyone when
 * jurisdiction.read_all is set.  Not recorded.  juris_readable says
 * the same without a word: 1 or 0, for a reader that passes over what
 * lies outside (the checkers over the database's roster). */
int juris_read(const char *where, const char *code);
int juris_readable(const char *code);

/*
 * juris_scope checks the place a listing reads, given as the prefix of
 * the codes inside it ("" for everything), and narrows "" to the
 * operator's area when there is one: GK_OK (prefix perhaps set; it
 * holds 16), or GK_NOPERM after reporting.
 */
int juris_scope(char prefix[16]);

/*
 * juris_record, after a command failed with GK_NOPERM, rolls back what
 * is open on db and records the refusal remembered (verb "refused",
 * the thing and its code, the operator's areas) in a transaction of its
 * own, kept even in a dry run.  Nothing to record: GK_OK.  Returns
 * GK_OK or a status after reporting.
 */
int juris_record(struct db *db, const char *verb);

#endif
