/*
 * phrase.h - text kept in English in the database, read by people in
 * their language.
 *
 * The subject and detail of an audit row and the note of a case's
 * history are kept as written, in English: the canonical bytes that
 * the SM3 chain hashes (gridkit(5)) and that scripts read.  Each is
 * written from a fixed set of phrases, printf formats marked for the
 * catalogue; phrase_say finds the phrase a kept text was written from
 * and writes it again in the language of the messages, with the words
 * of the vocabularies in it by their Chinese names.  Text that no
 * phrase wrote (a reason or a name a person typed) is shown as kept,
 * and so is every row written before this module, when no phrase fits.
 *
 * A kept text is one phrase, or phrases and free text joined by "; ".
 * A phrase belongs to the rows of one verb (the audit row's verb, the
 * history row's action), to any verb (NULL), or is said only inside
 * another phrase (a class beginning with "@").
 */
#ifndef GRIDKIT_PHRASE_H
#define GRIDKIT_PHRASE_H

#include <stddef.h>

struct sb;

enum phrase_id {
	/* The counts of a batch (batch.c). */
	PHRASE_ROWS,			/* n rows: n added, ... */
	PHRASE_ROWS_REJECTED,		/* the same, ", n rejected" */
	/* staff-hire (procedure.c, roster.c). */
	PHRASE_MOVED,			/* n moved to STAGE */
	PHRASE_REJECTED,		/* n rejected: REASON */
	PHRASE_HIRED,			/* NAME hired into GRID as ROLE */
	PHRASE_ASSIGNED,		/* NAME assigned to GRID as ROLE */
	PHRASE_TRANSFERRED,		/* NAME transferred to GRID as ROLE */
	PHRASE_LEFT,			/* NAME left on DATE (REASON) */
	PHRASE_VACANCIES,		/* n vacancies */
	PHRASE_TRAINED,			/* LEVEL DATE Nh TOPIC */
	/* grid-define (grid.c). */
	PHRASE_GRID_ADDED,		/* name NAME, KIND */
	PHRASE_GRID_RENAMED,		/* name OLD -> NEW */
	PHRASE_UNIT_NO_GRID,		/* in no grid */
	PHRASE_UNIT_MOVED,		/* OLD -> NEW, either "none" */
	PHRASE_NONE,			/* none (@grid) */
	/* event-report (event.c). */
	PHRASE_VISIT,			/* visit GRID on DATE */
	/* case-route (case.c). */
	PHRASE_TO_NOTE,			/* to WHO: NOTE (before to WHO) */
	PHRASE_TO,			/* to WHO */
	PHRASE_ESCALATED,		/* the summary of escalate --overdue */
	PHRASE_OVERDUE_AT,		/* overdue at step S (due T) at the W */
	PHRASE_EXTENDED,		/* n working days to T; approved by B */
	PHRASE_EXTENDED_NOTE,		/* the same, as the history says it */
	PHRASE_ON_THE_SPOT,		/* resolved on the spot */
	PHRASE_RESIDENTS,		/* residents: SATISFACTION */
	PHRASE_WHERE,			/* LEVEL AREA (@where) */
	PHRASE_WHO_STAFF,		/* staff ID (@who) */
	PHRASE_WHO_CENTRE,		/* centre CODE (@who) */
	PHRASE_WHO_DEPT,		/* department CODE (@who) */
	/* Personal data shown, and copies (reveal, backup). */
	PHRASE_REVEAL_PHONES,		/* staff phones shown unmasked */
	PHRASE_REVEAL_LISTED,		/* listed unmasked */
	PHRASE_REVEAL_SHOWN,		/* shown unmasked */
	PHRASE_REVEAL_LOG,		/* audit subjects and details ... */
	PHRASE_REVEAL_BATCH,		/* VERB: identity numbers and ... */
	PHRASE_REVEAL_ROSTER,		/* roster shown unmasked */
	PHRASE_REVEAL_ROSTER_OF,	/* roster shown unmasked, ITEMS */
	PHRASE_ITEM_AREA,		/* area CODE (@item) */
	PHRASE_ITEM_ROLE,		/* role ROLE (@item) */
	PHRASE_ITEM_STAGE,		/* stage STAGE (@item) */
	PHRASE_BACKUP,			/* a copy of the whole database */
	/* Subjects (@subject). */
	PHRASE_SUBJ_STAFF_MORE,		/* staff RUNS and n more */
	PHRASE_SUBJ_STAFF,		/* staff ID or RUNS */
	PHRASE_SUBJ_CASE,		/* case NUMBER */
	PHRASE_SUBJ_CASES,		/* n cases */
	PHRASE_SUBJ_OVERDUE,		/* n overdue cases */
	PHRASE_SUBJ_EVENTS,		/* events */
	PHRASE_SUBJ_ROSTER,		/* roster */
	PHRASE_SUBJ_UNIT,		/* VILLAGE/KIND/NAME */
	PHRASE_COUNT
};

/*
 * phrase_add appends phrase id to sb in English, as it is kept, with
 * the arguments its format takes: unsigned long for a count, const
 * char * for text.  A phrase with a plural takes phrase_addn, with n
 * the count that chooses the form (and is its first argument again).
 */
void phrase_add(struct sb *sb, enum phrase_id id, ...);
void phrase_addn(struct sb *sb, enum phrase_id id, unsigned long n, ...);

/* phrase_put is phrase_add into buf (n bytes), cut to fit.  Returns
 * buf. */
char *phrase_put(char *buf, size_t n, enum phrase_id id, ...);

/*
 * phrase_say appends kept to out in the language of the messages: each
 * of its parts that a phrase of verb (NULL: of any verb only) wrote,
 * said again from the translation of that phrase; the rest as kept.
 * verb "@subject" says an audit row's subject.  kept NULL is "".
 */
void phrase_say(struct sb *out, const char *verb, const char *kept);

/*
 * phrase_verb is the verb of an audit row ("import grids") as people
 * read it in the language of the messages: its translation in the
 * context "audit verb", or verb itself.
 */
const char *phrase_verb(const char *verb);

/*
 * phrase_canon and phrase_verb_canon go the other way: what people read
 * (a subject or verb copied from a table) as it is kept, so that a
 * filter finds it; what no phrase says, as given.
 */
void phrase_canon(struct sb *out, const char *verb, const char *shown);
const char *phrase_verb_canon(const char *shown);

/* The English format of phrase id (n chooses its plural form), for
 * the tests. */
const char *phrase_format(enum phrase_id id, unsigned long n);

#endif
