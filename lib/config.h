/*
 * config.h - configuration: the only door to libyaml.
 *
 * Layers, each overriding the one before: the built-in defaults, then
 * GRIDKIT_SYSCONFDIR/gridkit/gridkit.yaml (/etc/gridkit/gridkit.yaml),
 * then $XDG_CONFIG_HOME/gridkit/gridkit.yaml (~/.config/...), then the
 * file given with -c or GRIDKIT_CONFIG.  The first two may be missing;
 * the last must exist.
 *
 * Every key is declared in one table in config.c with its type, its
 * default, the article of the Measures it comes from and a line of
 * documentation.  Keys are dotted paths into nested YAML maps
 * ("grid.urban_households_min").  A key ending in ".*" declares a map
 * whose members may have any name ("columns.*": column aliases per
 * field).  An unknown key, a wrong type (a string where a number is
 * wanted, a map where a list is wanted), a duplicate key or a YAML
 * syntax error is reported as "file:line:col: message" and returns
 * GK_CONFIG.
 *
 * Asking for a key that is not declared is a programming error: the
 * accessors abort.
 */
#ifndef GRIDKIT_CONFIG_H
#define GRIDKIT_CONFIG_H

#include <stddef.h>

enum config_type {
	CONFIG_STRING,
	CONFIG_INT,
	CONFIG_BOOL,
	CONFIG_LIST	/* list of strings; a scalar is a list of one */
};

struct config;

/* config_new returns a configuration holding the built-in defaults. */
struct config *config_new(void);

/*
 * config_load_file merges the YAML file at path into c.  must_exist: a
 * missing file is an error (GK_CONFIG) rather than skipped.  Returns
 * GK_OK or GK_CONFIG (errors already reported).
 */
int config_load_file(struct config *c, const char *path, int must_exist);

/*
 * config_load builds the layered configuration: defaults, the system
 * file, the user file, then extra (the -c / GRIDKIT_CONFIG file; NULL
 * for none).  On success *out must be freed with config_free.
 */
int config_load(struct config **out, const char *extra);

void config_free(struct config *c);

/* Typed access.  config_str never returns NULL ("" when empty). */
const char *config_str(const struct config *c, const char *key);
long long config_int(const struct config *c, const char *key);
int config_bool(const struct config *c, const char *key);
/* A NULL-terminated list, never NULL; valid while c lives.  For a
 * wildcard map ("columns.*") any member name may be asked for: an
 * unset one is an empty list. */
const char *const *config_list(const struct config *c, const char *key);

/*
 * Iteration for --print-config: every declared key and every set
 * wildcard member, in table order.  value is the value as text (a list
 * joined with ", "); origin is "default" or "file:line".  Returns 0, or
 * -1 past the end.
 */
int config_entry(const struct config *c, size_t i, const char **key,
    const char **value, const char **origin, const char **article);

#endif
