/*
 * chain.c - SM3 and the canonical encoding of the archive chain.
 *
 * The digest is fetched once ("SM3" from the default provider) and one
 * context is reused: a row costs one Init, two Updates and a Final,
 * no allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "chain.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "util.h"

const char chain_genesis[CHAIN_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static EVP_MD *sm3;		/* fetched once */
static EVP_MD_CTX *ctx;		/* reused for every row */
static int missing;		/* SM3 asked for and not found: reported */

/* Append "LEN:" and the n bytes of s and ",".  The digits by hand:
 * a printf per field was a third of the cost of a row's hash. */
static void
add(struct sb *enc, const char *s, size_t n)
{
	char d[24];
	size_t i = sizeof d, m = n;

	d[--i] = ':';
	do {
		d[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m > 0);
	sb_addn(enc, d + i, sizeof d - i);
	sb_addn(enc, s, n);
	sb_addc(enc, ',');
}

void
chain_add_text(struct sb *enc, const char *s)
{
	if (s == NULL)
		sb_addn(enc, "-,", 2);
	else
		add(enc, s, strlen(s));
}

void
chain_add_int(struct sb *enc, long long v)
{
	char d[24];
	size_t i = sizeof d;
	unsigned long long m = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		d[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m > 0);
	if (v < 0)
		d[--i] = '-';
	add(enc, d + i, sizeof d - i);
}

int
chain_is_hash(const char *s)
{
	size_t i;

	for (i = 0; i < CHAIN_HEX - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/* Fetch SM3 once: 0, or -1 after reporting that there is none. */
static int
fetch(void)
{
	if (sm3 == NULL && !missing) {
		sm3 = EVP_MD_fetch(NULL, "SM3", NULL);
		ctx = EVP_MD_CTX_new();
		if (sm3 == NULL || ctx == NULL) {
			diag_error(_("this OpenSSL (%s) provides no SM3 digest: "
			    "the archive chain (Art. 13(4)) cannot be computed "
			    "and nothing is written"),
			    OpenSSL_version(OPENSSL_VERSION));
			missing = 1;
		}
	}
	return missing ? -1 : 0;
}

static void
tohex(const unsigned char *md, unsigned int len, char out[CHAIN_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * len] = '\0';
}

int
chain_hash(const char *prev, const char *enc, size_t n, char out[CHAIN_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (fetch() == -1)
		return GK_UNAVAILABLE;
	if (prev == NULL)
		prev = chain_genesis;
	if (EVP_DigestInit_ex(ctx, sm3, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, prev, CHAIN_HEX - 1) != 1 ||
	    EVP_DigestUpdate(ctx, enc, n) != 1 ||
	    EVP_DigestFinal_ex(ctx, md, &len) != 1 || len != 32) {
		diag_error("internal error: SM3 failed");
		return GK_SOFTWARE;
	}
	tohex(md, len, out);
	return GK_OK;
}

struct chain_sum {
	EVP_MD_CTX *ctx;	/* its own context */
};

struct chain_sum *
chain_sum_new(void)
{
	struct chain_sum *s;

	if (fetch() == -1)
		return NULL;
	s = emalloc(sizeof *s);
	if ((s->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(s->ctx, sm3, NULL) != 1) {
		diag_error("internal error: SM3 failed");
		EVP_MD_CTX_free(s->ctx);
		free(s);
		return NULL;
	}
	return s;
}

void
chain_sum_add(struct chain_sum *s, const void *p, size_t n)
{
	EVP_DigestUpdate(s->ctx, p, n);
}

int
chain_sum_end(struct chain_sum *s, char out[CHAIN_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	int ok;

	ok = EVP_DigestFinal_ex(s->ctx, md, &len) == 1 && len == 32;
	EVP_MD_CTX_free(s->ctx);
	free(s);
	if (!ok) {
		diag_error("internal error: SM3 failed");
		return GK_SOFTWARE;
	}
	tohex(md, len, out);
	return GK_OK;
}

void
chain_release(void)
{
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(sm3);
	ctx = NULL;
	sm3 = NULL;
	missing = 0;
}

int
chain_next(struct db *db, const char *head_sql, const struct sb *enc,
    char out[CHAIN_HEX])
{
	char prev[CHAIN_HEX];
	struct db_stmt *st;
	int rc;

	const char *head;

	/* The head is read once a write transaction: from then on it is
	 * the hash of the row this transaction wrote last. */
	snprintf(prev, sizeof prev, "%s", chain_genesis);
	if ((head = db_tx_recall(db, head_sql)) != NULL)
		snprintf(prev, sizeof prev, "%s", head);
	else if ((rc = db_query(db, &st, head_sql, "")) < 0)
		return -rc;
	else if (rc == DB_ROW) {
		if (!db_isnull(st, 0))
			snprintf(prev, sizeof prev, "%s", db_text(st, 0));
		db_reset(st);
	}
	if ((rc = chain_hash(prev, enc->buf, enc->len, out)) != GK_OK)
		return rc;
	db_tx_remember(db, head_sql, out);
	return GK_OK;
}
