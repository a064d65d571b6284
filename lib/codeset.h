/*
 * codeset.h - the codes a batch has looked up already, each with a
 * small value (a level, a kind, a flag), so that an import asks the
 * database about each village or grid once, in whatever order its
 * file lists them, not once a row; and the identity numbers there.
 *
 * Open addressing over codes of at most 19 characters (area and grid
 * codes, identity numbers).  Memory is the distinct codes of one batch
 * (a province's 80,000 grids: 3 MiB),
 * bounded: past CODESET_MAX codes the set forgets them all and starts
 * again, so the worst is a lookup again, never unbounded growth.  The
 * owner frees it (codeset_free) at the end of the batch.
 */
#ifndef GRIDKIT_CODESET_H
#define GRIDKIT_CODESET_H

#include <stddef.h>

#define CODESET_MAX	(1UL << 20)	/* codes kept at most */

struct codeset_slot;

struct codeset {
	struct codeset_slot *slot;	/* the table; NULL while empty */
	size_t cap;			/* slots, a power of two */
	size_t n;			/* codes in it */
	int forgot;			/* it has forgotten codes, or not
					   kept one: codeset_add's "new"
					   means nothing from then on */
};
#define CODESET_INIT { NULL, 0, 0, 0 }

/* The value kept for code, or -1 when code is not in the set. */
int codeset_get(const struct codeset *cs, const char *code);

/* Keep code (at most 19 characters; a longer one is not kept) with
 * value (0 or more), replacing the value it had. */
void codeset_put(struct codeset *cs, const char *code, int value);

/*
 * codeset_add keeps code (value 1) when it is not in the set, for a set
 * of the codes a table holds: 1 when it was not, and so is new to the
 * table, 0 when it was.  Once the set has forgotten its codes (past
 * CODESET_MAX) or could not keep one (too long), absence proves
 * nothing and it is 0 for every code: the caller asks the database.
 */
int codeset_add(struct codeset *cs, const char *code);

/* Forget every code and free the memory; the set may be used again. */
void codeset_free(struct codeset *cs);

#endif
