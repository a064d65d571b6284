/*
 * codeset.c - codes looked up already (codeset.h).
 */
#include <stdlib.h>
#include <string.h>

#include "codeset.h"
#include "util.h"

struct codeset_slot {
	char code[20];		/* "" for an empty slot */
	int value;		/* what the owner keeps with it */
};

/* djb2: codes are short and differ in their last digits. */
static size_t
hash(const char *code)
{
	size_t h = 5381;

	while (*code)
		h = h * 33 + (unsigned char)*code++;
	return h;
}

/* The slot of code, or the empty slot where it would go. */
static struct codeset_slot *
find(const struct codeset *cs, const char *code)
{
	size_t i;

	for (i = hash(code) & (cs->cap - 1); cs->slot[i].code[0] != '\0';
	    i = (i + 1) & (cs->cap - 1))
		if (strcmp(cs->slot[i].code, code) == 0)
			break;
	return &cs->slot[i];
}

int
codeset_get(const struct codeset *cs, const char *code)
{
	const struct codeset_slot *s;

	if (cs->n == 0)
		return -1;
	s = find(cs, code);
	return s->code[0] != '\0' ? s->value : -1;
}

void
codeset_put(struct codeset *cs, const char *code, int value)
{
	struct codeset_slot *old, *s;
	size_t oldcap, j, len = strlen(code);

	if (len == 0 || len >= sizeof s->code) {
		cs->forgot = 1;
		return;
	}
	if (cs->n >= CODESET_MAX) {
		codeset_free(cs);
		cs->forgot = 1;
	}
	/* At most half full: short probes. */
	if ((cs->n + 1) * 2 > cs->cap) {
		old = cs->slot;
		oldcap = cs->cap;
		cs->cap = cs->cap ? cs->cap * 2 : 1024;
		cs->slot = ecalloc(cs->cap, sizeof *cs->slot);
		for (j = 0; j < oldcap; j++)
			if (old[j].code[0] != '\0')
				*find(cs, old[j].code) = old[j];
		free(old);
	}
	s = find(cs, code);
	if (s->code[0] == '\0') {
		memcpy(s->code, code, len + 1);
		cs->n++;
	}
	s->value = value;
}

int
codeset_add(struct codeset *cs, const char *code)
{
	if (codeset_get(cs, code) >= 0)
		return 0;
	codeset_put(cs, code, 1);
	return !cs->forgot;
}

void
codeset_free(struct codeset *cs)
{
	free(cs->slot);
	cs->slot = NULL;
	cs->cap = 0;
	cs->n = 0;
	cs->forgot = 0;
}
