/*
 * grid.h - areas, grids and units (Art. 4, 5): what grid-define owns.
 *
 * Areas are the division-code tree down to villages and communities.
 * A grid lies in one village; its 15-digit code starts with the
 * village's 12.  Units are what grids are drawn from (buildings,
 * streets, villager groups, natural villages) and the hazard points
 * that must fall inside a grid (forest roads, fields, roads, wells,
 * mines, rivers, ravines).  A unit is identified by (village, kind,
 * name) and should be in exactly one active grid; coverage.h checks it.
 *
 * Every writing function here runs in one transaction of its own (all
 * or nothing), records an audit row, and honours the dry-run flag of
 * the connection.  Errors are reported on stderr; the status is
 * returned.
 */
#ifndef GRIDKIT_GRID_H
#define GRIDKIT_GRID_H

#include <stddef.h>

#include "clock.h"
#include "recin.h"
#include "recout.h"

struct config;
struct db;

enum grid_table { GRID_AREAS, GRID_GRIDS, GRID_UNITS };

struct grid_import_stats {
	unsigned long rows;		/* records read */
	unsigned long added;		/* new rows */
	unsigned long updated;		/* existing rows changed */
	unsigned long unchanged;	/* already there as given */
	unsigned long bad;		/* rows reported as bad */
};

/*
 * grid_import reads records from path ("-" or NULL: standard input) into
 * the table: areas (code, name[, parent]), grids (code, name[,
 * households, population, kind]) or units (village, kind, name, grid).
 * Every bad row is reported (file:line:col: field "X": reason) until
 * max_errors; any bad row and nothing is written (GK_DATAERR).
 * Values shaped like an identity number or a phone in those messages
 * are masked unless reveal, which is then recorded in the audit log
 * (batch.h).  Re-importing the same file changes nothing.  Each area,
 * village and grid a file names is looked up once per batch, in
 * whatever order the file lists them.
 */
int grid_import(struct db *db, const struct config *cfg,
    enum grid_table table, const char *path, const struct recin_opts *opts,
    long long max_errors, int reveal, struct grid_import_stats *stats);

/* Room for a grid's name: names are at most 200 bytes; a longer one,
 * written by other means, is cut. */
#define GRID_NAME_MAX 512

/* One grid, as grid_lookup reads it. */
struct grid_info {
	char code[16];			/* the 15 digits */
	char village[13];		/* its village's 12 digits */
	char name[GRID_NAME_MAX];	/* its name */
	char kind[16];			/* "urban", "rural" or "dedicated" */
	long long households;		/* -1 when unknown */
	long long population;		/* -1 when unknown */
	char status[16];		/* "active" or "retired" */
	char created[CLOCK_ISO_MAX];	/* when it was added */
	char retired[CLOCK_ISO_MAX];	/* when it was retired; "" if not */
};

/*
 * grid_lookup reads the grid with code (its 15 digits, as
 * code_parse_grid gives them) into *out: 1, 0 when there is no such
 * grid (nothing reported), or -status after reporting a database
 * error.  The one way every module asks about a grid.
 */
int grid_lookup(struct db *db, const char *code, struct grid_info *out);

/* grid_each_active calls fn with the code and kind of every active
 * grid, in one query: for a batch that would otherwise look up
 * thousands one by one.  GK_OK or a status after reporting. */
int grid_each_active(struct db *db,
    void (*fn)(void *arg, const char *code, const char *kind), void *arg);

/* grid_area_exists: 1 when the area with the 12-digit code is in the
 * database, 0 when not, -status after reporting. */
int grid_area_exists(struct db *db, const char *code);

/* grid_sole_county: 1 with county set to its 6 digits when the
 * database holds exactly one county, 0 when none or several, -status. */
int grid_sole_county(struct db *db, char county[7]);

/*
 * grid_require is grid_lookup for a grid that must exist and, when
 * active is set, be active: 1, 0 after reporting "grid X is not in the
 * database" or "grid X is retired", or -status.
 */
int grid_require(struct db *db, const char *code, int active,
    struct grid_info *out);

/* Options of grid_add; -1 for households/population means not given,
 * kind NULL means from the village code. */
struct grid_attrs {
	const char *kind;		/* "urban", "rural" or NULL */
	long long households;		/* or -1 */
	long long population;		/* or -1 */
};

int grid_add(struct db *db, const char *code, const char *name,
    const struct grid_attrs *attrs);
int grid_rename(struct db *db, const char *code, const char *name);
/* Retiring refuses a grid that still has units: they move first. */
int grid_retire(struct db *db, const char *code);

/* A unit: kind is a canonical kind or one of its Chinese names; grid
 * NULL or "" for none. */
int grid_unit_add(struct db *db, const char *village, const char *kind,
    const char *name, const char *grid);
/* The unit now belongs to grid alone (this is how an overlap is mended);
 * grid "" or NULL takes it out of every grid. */
int grid_unit_move(struct db *db, const char *village, const char *kind,
    const char *name, const char *grid);

/*
 * The kinds of unit (VOCAB_UNIT_KIND).  grid_unit_kind maps any name of
 * a kind ("building", "楼栋") to the canonical name, or NULL.
 * grid_unit_is_hazard tells the hazard points from drawing units.
 */
const char *grid_unit_kind(const char *s);
int grid_unit_is_hazard(const char *kind);

/*
 * grid_unit_is_linear: 1 when the canonical kind is one of the config's
 * grid.linear_unit_kinds (rivers, ravines, roads, forest roads), hazard
 * points that run through several grids and may be listed under each
 * of them (Art. 4: inside grid management, not inside one grid).
 * grid_unit_draws_rural: 1 for the units rural grids are drawn from
 * (villager groups, natural villages), which an urban community grid
 * or a dedicated grid should not hold.
 */
int grid_unit_is_linear(const struct config *cfg, const char *kind);
int grid_unit_draws_rural(const char *kind);

/* grid_check_config checks the grid.* keys that name unit kinds:
 * GK_OK, or GK_CONFIG after reporting each bad entry at its origin.
 * For cli_prog.config_checks. */
int grid_check_config(const struct config *cfg);

/*
 * A scope: everything, or the areas under one code (--county,
 * --township, --village).  grid_scope_parse checks the code's level
 * against the option (level 0: any) and that the area exists.
 */
struct grid_scope {
	char prefix[13];	/* significant digits of the code, "" = all */
	char lo[16];		/* scratch for range bounds */
	char hi[16];		/* scratch for range bounds */
};
int grid_scope_parse(struct db *db, const char *opt, const char *code,
    int level, struct grid_scope *scope);

/* Listings as records: grids, areas or units in the scope. */
enum grid_list_what { LIST_GRIDS, LIST_AREAS, LIST_UNITS };
extern const struct recout_col grid_list_cols[];
extern const size_t grid_list_ncols;
extern const struct recout_col grid_area_cols[];
extern const size_t grid_area_ncols;
extern const struct recout_col grid_unit_cols[];
extern const size_t grid_unit_ncols;
int grid_list(struct db *db, enum grid_list_what what,
    struct grid_scope *scope, int all, struct recout *out);

/*
 * grid_show prints one grid: its attributes, its place in the area
 * tree, its serving staff (phones masked unless reveal, which is then
 * recorded in the audit log), its units.  As text (fp) unless fmt is JSON or JSON Lines, then
 * as one JSON object.
 */
int grid_show(struct db *db, const char *code, enum recout_format fmt,
    int reveal, FILE *fp);

/*
 * grid_board prints the bulletin board of Art. 5 for a grid: code,
 * name, place, staff with masked phones (unless reveal, recorded),
 * duties, supervision phone.
 * html: a printable HTML page instead of text.
 */
int grid_board(struct db *db, const struct config *cfg, const char *code,
    int html, int reveal, FILE *fp);

/*
 * grid_each calls fn for every grid, active and retired, by code: its
 * code, kind (urban, rural, dedicated) and status (active, retired).
 * The strings are valid during the call only; fn returns GK_OK to go
 * on, or a status that stops the walk and is returned.  Returns GK_OK
 * or a status after reporting.  (grid-each.c)
 */
int grid_each(struct db *db, int (*fn)(const char *code, const char *kind,
    const char *status, void *arg), void *arg);

#endif
