/*
 * chain.h - the archive's hash chain (Art. 13(4)): SM3 through OpenSSL
 * and the canonical encoding of a row.
 *
 * A chained table (case_history, and audit from schema migration 8 on)
 * keeps in each row's chain column the hash of that row:
 *
 *	chain = hex(SM3(prev ‖ encoding of the row))
 *
 * where prev is the chain column of the row before it in the table
 * (by id) as 64 lower-case hexadecimal characters, or 64 "0" for the
 * first, and the encoding is the row's columns in the order gridkit(5)
 * lists, each written as "-," when NULL, else as the decimal number of
 * its bytes, ":", its bytes (UTF-8 text, an integer in decimal) and
 * ",".  The owners of the tables (case.c, audit.c) compute it inside
 * the write transaction that inserts the row, from the chain of the
 * last row read through the primary key, so writers that wait for one
 * another's BEGIN IMMEDIATE never fork the chain.  This module holds
 * no SQL: it encodes and hashes.
 */
#ifndef GRIDKIT_CHAIN_H
#define GRIDKIT_CHAIN_H

#include <stddef.h>

struct sb;

/* A hash as text: 64 hex characters and the NUL. */
#define CHAIN_HEX 65

/* The prev of the first row of a chain. */
extern const char chain_genesis[CHAIN_HEX];

/* chain_add_text appends s (NULL: "-,") to the encoding enc;
 * chain_add_int appends v in decimal. */
void chain_add_text(struct sb *enc, const char *s);
void chain_add_int(struct sb *enc, long long v);

/*
 * chain_hash sets out to hex(SM3(prev ‖ enc[0..n))); prev is 64 hex
 * characters (chain_genesis for the first row; NULL is taken as that).
 * GK_OK, or GK_UNAVAILABLE after reporting once that the OpenSSL in
 * use has no SM3 (a build or a FIPS configuration without it): no row
 * is written unchained.
 */
int chain_hash(const char *prev, const char *enc, size_t n,
    char out[CHAIN_HEX]);

/* chain_is_hash says whether s is 64 lower-case hex characters. */
int chain_is_hash(const char *s);

/*
 * chain_next hashes the encoded row enc after the head of a table's
 * chain, which head_sql reads (one column, the last row by its key;
 * no row or NULL: chain_genesis).  Called inside the write transaction
 * that inserts the row, so no other writer is between the head and it;
 * the head is read once a transaction, then remembered (db_tx_remember)
 * as the hash of the row hashed last, which the caller inserts.
 * GK_OK with the row's hash in out, or a status.
 */
struct db;
int chain_next(struct db *db, const char *head_sql, const struct sb *enc,
    char out[CHAIN_HEX]);

/*
 * A running SM3 over a stream of bytes (an archive file's digest):
 * chain_sum_new (NULL after reporting when there is no SM3),
 * chain_sum_add, chain_sum_end (sets out, frees s; GK_OK or a status).
 */
struct chain_sum;
struct chain_sum *chain_sum_new(void);
void chain_sum_add(struct chain_sum *s, const void *p, size_t n);
int chain_sum_end(struct chain_sum *s, char out[CHAIN_HEX]);

/* chain_release frees what chain_hash keeps between calls (the
 * fetched digest and its context); safe to call at any time. */
void chain_release(void);

#endif
