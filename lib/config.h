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
 * ("grid.urban_households_min"); a file may also write a path dotted
 * ("grid.urban_households_min: 300" at the top level), and setting one
 * key twice in one file, in either spelling, is a duplicate.  A key
 * ending in ".*" declares a map whose members may have any name
 * ("columns.*": column aliases per field).  An unknown key, a wrong
 * type (a string where a number is wanted, a map where a list is
 * wanted), a duplicate key or a YAML syntax error is reported as
 * "file:line:col: message" and returns GK_CONFIG.
 *
 * Asking for a key that is not declared, or for the wrong type, is a
 * programming error: the accessors report it and abort().
 *
 * Values, read by the type the table declares for the key (a quoted
 * scalar is read the same way as a plain one):
 *   string  any scalar.
 *   int     base-10 digits with an optional '-' (no '+', no spaces, no
 *           0x), within the range the table gives the key.
 *   bool    a name of the flag vocabulary (vocab.h): true/false, yes/no,
 *           on/off, 1/0 in any letter case, 是/否, ...
 *   list    a sequence of non-empty scalars, block or flow ([a, b]), or
 *           one scalar as a list of one.
 * A null value (nothing after the colon, or ~, null) sets a string to
 * "" and a list to the empty list; it is an error for an int or a bool.
 * It does not bring back the built-in default: to get that, delete or
 * comment out the line.  A null section ("grid:" with every member
 * commented out) sets nothing.  Setting a list replaces it whole: to
 * add an alias to columns.code, list the built-in ones too.
 *
 * A file is merged all or nothing: when it has an error, c keeps the
 * values it had before.  Every error of the file is reported, not only
 * the first.  An empty file (or one with only comments) is fine; a top
 * level that is not a map is an error, and so is a second document.
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
 * missing file is an error (GK_CONFIG) rather than skipped.  A file that
 * exists but cannot be read (EACCES, a directory) is always an error.
 * Returns GK_OK or GK_CONFIG (errors already reported).
 */
int config_load_file(struct config *c, const char *path, int must_exist);

/*
 * config_load builds the layered configuration: defaults, the system
 * file, the user file ($XDG_CONFIG_HOME when it is an absolute path,
 * else $HOME/.config), then extra (the -c / GRIDKIT_CONFIG file; NULL
 * for none).  Every file is checked even after one has failed, so all
 * errors are reported at once.  On success *out must be freed with
 * config_free; on failure *out is NULL.
 */
int config_load(struct config **out, const char *extra);

void config_free(struct config *c);

/*
 * Typed access; the key is the full dotted path.  The strings and lists
 * returned belong to c and stay valid until c is freed or another file
 * is loaded into it.  Each call looks the key up in a short table, so
 * look a key up once, not once per input row.
 * config_str never returns NULL ("" when empty).
 */
const char *config_str(const struct config *c, const char *key);
long long config_int(const struct config *c, const char *key);
int config_bool(const struct config *c, const char *key);
/* A NULL-terminated list, never NULL; valid while c lives.  For a
 * wildcard map ("columns.*") any member name may be asked for: an
 * unset one is an empty list. */
const char *const *config_list(const struct config *c, const char *key);

/*
 * config_aliases returns the header aliases of a record field, that is
 * config_list(c, "columns.<field>"): NULL-terminated, never NULL, empty
 * for a field with none.  field must not contain a '.'.
 */
const char *const *config_aliases(const struct config *c, const char *field);

/* Where a key's value came from: "default" or "file:line". */
const char *config_origin(const struct config *c, const char *key);

/*
 * Iteration for --print-config: every declared key and every set
 * wildcard member, in table order (a member the table does not name
 * comes after the last one it does).  value is the value as text (an
 * int in decimal, a bool "true" or "false", a list joined with ", ");
 * origin is "default" or "file:line"; article is where the Measures set
 * the rule ("Art. 4"), or "" for a key they do not govern.  The strings
 * belong to c.  Returns 0, or -1 past the end.
 */
int config_entry(const struct config *c, size_t i, const char **key,
    const char **value, const char **origin, const char **article);

#endif
