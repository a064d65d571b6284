/*
 * jurisdiction.c - where an operator may act (jurisdiction.h).
 *
 * The areas are kept as the significant digits of their codes, so that
 * "inside" is "begins with": a grid code, a village code padded to 12
 * digits and a short county code all begin with their county's 6.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "batch.h"
#include "codes.h"
#include "config.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "jurisdiction.h"
#include "recin.h"
#include "status.h"
#include "util.h"

#define OPERATORS "operators."

static struct {
	int bound;			/* the operator is named in operators */
	int read_all;			/* jurisdiction.read_all */
	char *op;			/* the operator's name */
	char (*areas)[13];		/* the areas' significant digits */
	size_t nareas;			/* how many */
	struct sb list;			/* the areas for messages: "a, b" */
	int refused;			/* a write was refused */
	char what[64];			/* the first refusal: what */
	char code[16];			/* and where */
} J = { .list = SB_INIT };

/* The significant digits of an area a binding names, or NULL with why. */
static const char *
area_prefix(const char *s, char out[13], const char **why)
{
	struct area_code ac;

	if (code_parse_area(s, &ac, why) == -1)
		return NULL;
	if (ac.level != AREA_COUNTY && ac.level != AREA_TOWNSHIP &&
	    ac.level != AREA_VILLAGE) {
		*why = _("not a county, township or village code");
		return NULL;
	}
	return code_short(ac.code, ac.level, out);
}

int
juris_check_config(const struct config *cfg)
{
	const char *key, *value, *origin, *article, *why;
	const char *const *l;
	char prefix[13];
	size_t i;
	int rc = GK_OK;

	for (i = 0; config_entry(cfg, i, &key, &value, &origin, &article) == 0;
	    i++) {
		if (strncmp(key, OPERATORS, strlen(OPERATORS)) != 0 ||
		    strcmp(key, OPERATORS "*") == 0)
			continue;
		l = config_list(cfg, key);
		if (*l == NULL) {
			diag_error(_("%s: %s: no area; name the county, "
			    "township or village the operator works in"),
			    origin, key);
			rc = GK_CONFIG;
		}
		for (; *l != NULL; l++)
			if (area_prefix(*l, prefix, &why) == NULL) {
				diag_error("%s: %s: \"%s\": %s", origin, key,
				    *l, why);
				rc = GK_CONFIG;
			}
	}
	return rc;
}

void
juris_bind(const struct config *cfg, const char *operator_name)
{
	struct sb key = SB_INIT;
	const char *const *l;
	const char *why;
	size_t n;

	juris_release();
	sb_adds(&key, OPERATORS);
	sb_adds(&key, operator_name);
	/* A name with a dot cannot be a member of operators.* (it would
	 * be a path): such an operator is never bound. */
	l = strchr(operator_name, '.') == NULL ?
	    config_list(cfg, key.buf) : NULL;
	for (n = 0; l != NULL && l[n] != NULL; n++)
		;
	if (n > 0) {
		J.bound = 1;
		J.op = estrdup(operator_name);
		J.areas = ecalloc(n, sizeof *J.areas);
		for (; *l != NULL; l++)
			if (area_prefix(*l, J.areas[J.nareas], &why) != NULL) {
				if (J.nareas > 0)
					sb_adds(&J.list, ", ");
				sb_adds(&J.list, J.areas[J.nareas++]);
			}
	}
	J.read_all = config_bool(cfg, "jurisdiction.read_all");
	sb_release(&key);
}

void
juris_release(void)
{
	free(J.op);
	free(J.areas);
	sb_release(&J.list);
	memset(&J, 0, sizeof J);
	sb_init(&J.list);
}

int
juris_bound(void)
{
	return J.bound;
}

/* Whether code lies inside one of the areas. */
static int
inside(const char *code)
{
	size_t i;

	for (i = 0; i < J.nareas; i++)
		if (strncmp(code, J.areas[i], strlen(J.areas[i])) == 0)
			return 1;
	return 0;
}

/* Report that the operator may not act at code. */
static void
refuse(const char *where, const char *code)
{
	if (where != NULL)
		diag_error(_("%s: %s is outside the jurisdiction of operator "
		    "\"%s\" (%s; Art. 20)"), where, code, J.op, J.list.buf);
	else
		diag_error(_("%s is outside the jurisdiction of operator "
		    "\"%s\" (%s; Art. 20)"), code, J.op, J.list.buf);
}

int
juris_write(const char *where, const char *what, const char *code)
{
	if (!J.bound || inside(code))
		return GK_OK;
	refuse(where, code);
	if (!J.refused) {
		J.refused = 1;
		snprintf(J.what, sizeof J.what, "%s", what);
		snprintf(J.code, sizeof J.code, "%s", code);
	}
	return GK_NOPERM;
}

int
juris_write_row(struct batch *b, const char *what, const char *code)
{
	char where[4096];

	if (!J.bound || inside(code))
		return GK_OK;
	snprintf(where, sizeof where, "%s:%lu", batch_name(b),
	    recin_line(batch_in(b)));
	return juris_write(where, what, code);
}

int
juris_read(const char *where, const char *code)
{
	if (juris_readable(code))
		return GK_OK;
	refuse(where, code);
	return GK_NOPERM;
}

int
juris_writable(const char *code)
{
	return !J.bound || inside(code);
}

int
juris_readable(const char *code)
{
	return !J.bound || J.read_all || inside(code);
}

int
juris_scope(char prefix[16])
{
	if (!J.bound || J.read_all)
		return GK_OK;
	if (*prefix == '\0') {
		if (J.nareas == 1) {
			diag_info(_("operator \"%s\": only %s, the "
			    "jurisdiction"), J.op, J.areas[0]);
			snprintf(prefix, 16, "%s", J.areas[0]);
			return GK_OK;
		}
		diag_error(_("operator \"%s\" acts in %s: name one of them "
		    "(--county, --township or --village)"), J.op, J.list.buf);
		return GK_NOPERM;
	}
	return juris_read(NULL, prefix);
}

int
juris_record(struct db *db, const char *verb)
{
	struct sb detail = SB_INIT;
	int rc;

	if (!J.refused || db == NULL)
		return GK_OK;
	db_rollback(db);
	sb_addf(&detail, "%s %s %s: outside %s", verb, J.what, J.code,
	    J.list.buf);
	if ((rc = db_begin(db)) == GK_OK) {
		if ((rc = audit_record(db, "refused", J.code, detail.buf))
		    == GK_OK)
			rc = db_commit_always(db);
		else
			db_rollback(db);
	}
	J.refused = 0;
	sb_release(&detail);
	return rc;
}
