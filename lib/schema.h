/*
 * schema.h - the database schema, as a list of migrations.
 *
 * Migration N brings a database from schema version N-1 to N.  A
 * migration is never edited once released: a change is a new one.  SQL
 * here is plain (TEXT, INTEGER, CHECK, REFERENCES), valid on SQLite and
 * PostgreSQL alike.
 */
#ifndef GRIDKIT_SCHEMA_H
#define GRIDKIT_SCHEMA_H

#include <stddef.h>

/* The statements of each migration, NULL-terminated; index 0 is
 * migration 1. */
extern const char *const *const schema_migrations[];
extern const size_t schema_nmigrations;

#endif
