/* row.h — one sign-in as the readers build it, before it enters the store. */
#ifndef SL_ROW_H
#define SL_ROW_H
#include <stddef.h>
#include <stdint.h>
#include "field.h"

/* A field value. Strings point into the reader's buffer or scratch arena (not owned) and are
 * valid UTF-8; STR: s/len/hash; TIME, INT, BOOL, ENUM: i; FLOAT: d. */
struct sl_val {
	const char *s;
	uint32_t len;
	uint32_t hash;
	int64_t i;
	double d;
	uint8_t set;
	uint8_t prio;      /* a value from a better source (higher prio) replaces a worse one */
};

/* The elements of one list field: n rows of sl_list_nfields[list] values each. */
struct sl_lrow {
	struct sl_val *v;
	uint32_t n;
	uint8_t prio;
};

struct sl_row {
	struct sl_val f[SL_F__COUNT];     /* list fields' slots are unused here */
	struct sl_lrow list[SL_LIST__COUNT];
	struct sl_val userkey;            /* lower-cased UPN or user id; unset = not a user */
	uint64_t line;                    /* line where the record starts */
	const char *error;                /* non-NULL: rejected, and why */
	uint8_t invalid_utf8;             /* a text field had invalid UTF-8 (replaced by U+FFFD) */
	uint8_t bad_time;                 /* the sign-in time was present but could not be parsed (1),
	                                   * or lies outside SL_TIME_MIN..SL_TIME_MAX (2: f[TIME].i holds it,
	                                   * f[TIME].set stays 0) */
	uint8_t evtypes_set;              /* signInEventTypes gave the event type */
	uint8_t evhint;                   /* event type + 1 from the file's name (portal CSV), 0 none */
	uint32_t authgrp;                 /* authentication steps joined from an AuthDetails file:
	                                   * their group + 1, 0 none */
	uint64_t fp;                      /* a record without a request id: the fingerprint of its
	                                   * text (sl_hash64), a duplicate when it is the same */
	const char *skip;                 /* not a sign-in but a record of another log (its category
	                                   * or kind): counted as skipped, not rejected */
	uint8_t shape;                    /* keys of another log's record were seen (SL_SHAPE_...) */
};

/* Keys that mark records of other Entra logs (Graph objects carry no category). */
enum { SL_SHAPE_NONE, SL_SHAPE_AUDIT, SL_SHAPE_RISK_DETECTION, SL_SHAPE_RISKY_USER, SL_SHAPE_PROVISIONING };

/* Append a cleared row to *rows (grown with sl_grow). Only the slots of the fields the run
 * loads are cleared (see sl_row_want); readers never write the others, and nothing reads
 * them. */
struct sl_row *sl_row_new(struct sl_row **rows, size_t *nrows, size_t *cap, uint64_t line);
/* The fields the run loads (NULL: all); called once, before rows are made. */
void sl_row_want(const uint8_t *want);

/* Finish a row after a reader filled it: set r->skip for a record of another log (a
 * diagnostic category other than the sign-in ones, or the keys of an audit, risk or
 * provisioning record without a sign-in time), require time and identity, derive status
 * (from the error code; unknown without one), event type and user key. Sets r->error when
 * the record is not a usable sign-in. scratch holds the user key. */
struct sl_arena;
void sl_row_finish(struct sl_row *r, struct sl_arena *scratch);

#endif
