/*
 * vocab.h - the word lists: every closed set of values gridkit reads
 * or prints, with its Chinese and English names.
 *
 * A vocabulary is a short, fixed list of entries.  Each entry has a
 * canonical name (ASCII, what the database stores and the programs
 * print), a Chinese display name (what a bulletin board or a Chinese
 * report prints), other names it may be written as, and one integer
 * whose meaning the vocabulary gives (a rank, an order, a flag).
 *
 * Every name is compared by one rule: blanks around it cut off (as
 * util_trim_blanks does), then Unicode NFKC case folding, so "Leader",
 * "ＬＥＡＤＥＲ" and " leader " are leader, and "村(社区)两委" is
 * "村（社区）两委".  Nothing else is ever looked up by hand: a word list
 * outside vocab.c is a bug.
 *
 * The configuration may add names (vocab_load_config; gridkit(5),
 * "vocab.<vocabulary>.<canonical>: [name, ...]"), never entries.  The
 * module keeps those added names in static storage: it is not thread
 * safe, like the rest of the library.
 */
#ifndef GRIDKIT_VOCAB_H
#define GRIDKIT_VOCAB_H

#include <stddef.h>

struct config;

/* The vocabularies.  The comment gives what value means. */
enum vocab_id {
	VOCAB_ROLE,		/* Art. 5 roles; value: order, 0-3 */
	VOCAB_STAGE,		/* Art. 11 stages; value: enum staff_stage */
	VOCAB_EDUCATION,	/* Art. 9; value: rank, 1 (primary) to 7 */
	VOCAB_UNIT_KIND,	/* Art. 4 units; value: 1 a hazard point */
	VOCAB_GRID_KIND,	/* Art. 4: urban, rural, dedicated; value: 1 urban,
				   0 rural, 2 dedicated */
	VOCAB_LEAVE_REASON,	/* Art. 10; value: order */
	VOCAB_TRAIN_LEVEL,	/* Art. 14; value: 1 province to 4 township */
	VOCAB_FLAG,		/* yes or no; value: 1 yes, 0 no */
	VOCAB_NATIONALITY,	/* Art. 9: ISO 3166 codes; value: 0 */
	VOCAB_SOURCE,		/* Art. 8, where a candidate comes from */
	VOCAB_CASE_STEP,	/* Art. 13 six steps; value: 1 to 6 */
	VOCAB_SEVERITY,		/* Emergency Response Law grades; value:
				   1 general to 4 extraordinary */
	VOCAB_HANDLING_LEVEL,	/* Art. 13 (1), (2); value: 1 village to
				   3 county, 4 a department */
	VOCAB_LIGHT,		/* a case's deadline light; value: 1 green
				   to 3 red */
	VOCAB_CARD,		/* supervision card; value: 1 yellow, 2 red */
	VOCAB_EVENT_SOURCE,	/* who reported an event; value: 1 grid
				   staff, 2 and on others */
	VOCAB_SATISFACTION,	/* residents' satisfaction with a result;
				   value: 3 satisfied to 1 unsatisfied */
	VOCAB_PERSON_STATUS,	/* where a person stands: candidate,
				   rejected, staff, left; value: order */
	VOCAB_CASE_STATUS,	/* open, closed, refused; value: order */
	VOCAB_CASE_ACTION,	/* what a row of a case's history did;
				   value: order */
	VOCAB_FINDING_SEVERITY,	/* error, warning; value: 1 error */
	VOCAB_COUNT
};

/* Other names an entry of the table may have; more come from config. */
#define VOCAB_ALIAS_MAX 16

struct vocab_entry {
	const char *name;			/* canonical */
	const char *zh;				/* Chinese display name */
	const char *alias[VOCAB_ALIAS_MAX];	/* other names, NULL ends */
	int value;				/* per vocabulary, above */
};

/* The vocabulary's name in config keys and messages ("role"), and what
 * one of its values is, for "not ..." ("a role", "yes or no"). */
const char *vocab_name(enum vocab_id v);
const char *vocab_what(enum vocab_id v);

/* The number of entries, and entry i in table order (NULL past the
 * end).  The order is the vocabulary's own (stages in order, education
 * by rank). */
size_t vocab_count(enum vocab_id v);
const struct vocab_entry *vocab_entry(enum vocab_id v, size_t i);

/*
 * vocab_find returns the entry that s names (its canonical name, its
 * Chinese name, an alias of the table or of the configuration), folded
 * as above, or NULL when s is NULL or none.  The entry is static.
 */
const struct vocab_entry *vocab_find(enum vocab_id v, const char *s);

/* vocab_zh returns the Chinese display name of the entry s names, or
 * s itself when it names none. */
const char *vocab_zh(enum vocab_id v, const char *s);

/* vocab_record is the value as the records of this command show it:
 * its Chinese name when they are for people (i18n_records), else the
 * value itself. */
const char *vocab_record(enum vocab_id v, const char *value);

/* vocab_say is the value as a message on standard error names it: its
 * Chinese name when messages are in Chinese (i18n_lang), else the
 * value itself. */
const char *vocab_say(enum vocab_id v, const char *value);

/* vocab_word is vocab_zh with the vocabulary named as in config keys
 * ("stage"), for recout_set_words: value itself when either names
 * nothing. */
const char *vocab_word(const char *words, const char *value);

/*
 * vocab_explain writes into buf (n bytes) why value is refused, built
 * from the table: "\"x\": not a role (leader 网格长, full_time 专职网格员,
 * part_time 兼职网格员, assistant 网格助理)".  value is quoted as
 * diag_quote does.  VOCAB_EXPLAIN_MAX bytes always hold the message.
 * Returns buf.
 */
#define VOCAB_EXPLAIN_MAX 1536
char *vocab_explain(enum vocab_id v, const char *value, char *buf, size_t n);

/*
 * vocab_load_config replaces the names the configuration adds: every
 * "vocab.<vocabulary>.<canonical>" list of cfg.  A member that is not
 * a canonical name of its vocabulary, a name that is empty or too long,
 * or a name that already means another entry is reported at the file
 * and line it comes from; then GK_CONFIG, and no name of cfg is added.
 * A name an entry already has is accepted and changes nothing.
 * Returns GK_OK or GK_CONFIG.
 */
int vocab_load_config(const struct config *cfg);

/* vocab_reset drops every name the configuration added. */
void vocab_reset(void);

#endif
