/* store.h — the in-memory columnar store of loaded sign-ins. */
#ifndef SL_STORE_H
#define SL_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "dict.h"
#include "field.h"
#include "arena.h"
#include "row.h"

/* One column: a field's values for every row of its table (sign-ins, or a list's children).
 * STR columns hold dictionary codes; every dictionary entry is used by at least one row, so
 * dict.n - 1 is the number of distinct non-empty values. */
struct sl_col {
	enum sl_ftype type;
	union {
		uint32_t *code;   /* STR */
		int64_t *time;    /* TIME */
		int32_t *i32;     /* INT */
		double *dbl;      /* FLOAT */
		uint8_t *u8;      /* BOOL, ENUM */
		uint8_t (*guid)[16]; /* GUID: see store.c for the encoding */
		void *any;
	} v;
	struct sl_dict dict;      /* STR values; GUID: values that are not canonical GUIDs */
};

/* The store owns every column and dictionary. Only the fields wanted when it was made are
 * loaded: the columns of the others have no data (v.any is NULL). */
struct sl_store {
	uint8_t want[SL_F__COUNT];
	size_t n, cap;                          /* sign-in rows */
	struct sl_col col[SL_F__COUNT];
	size_t nchild[SL_LIST__COUNT], child_cap[SL_LIST__COUNT];
	uint32_t *loff[SL_LIST__COUNT];         /* row r's children: [loff[r], loff[r+1]) */
	uint32_t *user;                         /* row -> code in users, 0 = not a user sign-in */
	struct sl_dict users;                   /* lower-cased UPN (or user id) */
	uint32_t *user_of;                      /* user code -> users code, 0 = not known yet: a
	                                         * user key that is the user value itself */
	size_t user_of_cap;
	uint64_t *origin;                       /* row -> where it was read: file << 40 | line */
	/* the de-duplication rule (dedup.c) */
	uint32_t *ids;                          /* request id -> first row with it + 1, 0 = empty */
	uint8_t *idtag;                         /* a byte of the hash of each slot's id */
	size_t ids_mask, nids;
	uint32_t *alt;                          /* (id, time, user, service principal) -> row + 1, for
	                                         * the other sign-ins that reuse a request id */
	size_t alt_mask, nalt;
	uint64_t *byfp;                         /* fingerprint of the text of a sign-in without an id,
	                                         * 0 = empty slot (a fingerprint of 0 counts as 1) */
	size_t byfp_mask, nbyfp;
	struct sl_dict idlow;                   /* request ids that are not GUIDs, in lower case */
	uint32_t *idlow_of;                     /* REQUEST_ID dictionary code -> idlow code */
	size_t idlow_cap;
	struct sl_merge *merge;                 /* list elements revisions brought (sl_store_finish) */
	int pack[SL_F__COUNT];                  /* the one-value fields loaded, request id first */
	size_t npack;
	size_t pack_str[SL_F__COUNT];           /* which of them are text (indexes into pack) */
	size_t npack_str;
	size_t pack_time, pack_sp;              /* where the time and the service principal id are */
};

/* want: the fields to load (NULL: all; the core fields are always loaded). */
void sl_store_init(struct sl_store *s, const uint8_t *want);
void sl_store_free(struct sl_store *s);
/* Adding rows that another thread filled: that thread packs the values the store loads
 * (sl_store_pack) into npack consecutive 16-byte slots, in their stored form where they have
 * one, so the adding thread reads little and in one stream. A packed row takes up to
 * SL_PACK_MAX values: every one-value field of the registry (checked when store.c compiles). */
#define SL_PACK_MAX 64
struct sl_ptext {
	const char *s;        /* NULL: no value */
	uint32_t len, hash;
};
struct sl_pval {
	union {
		struct sl_ptext t;    /* STR; a GUID that is not canonical (see struct sl_prow) */
		uint8_t guid[16];     /* GUID as stored */
		int64_t time;         /* TIME, INT, FLOAT, BOOL, ENUM: as stored */
		int32_t i32;
		double dbl;
		uint8_t u8;
	} u;
};
/* What else the adding thread needs of a packed row. */
struct sl_prow {
	const struct sl_lrow *list;   /* SL_LIST__COUNT lists (copies in the packing arena), or
	                               * NULL when they are all empty */
	struct sl_ptext user;         /* the user key */
	int user_is_value;            /* ... and it is the user field's value, as is */
	uint64_t text;                /* bit k: value k is a GUID given as text (u.t) */
	uint32_t idhash;              /* the request id's hash, when it is given as bytes */
	uint64_t fp;                  /* the record's fingerprint, when it has no request id */
};
/* Pack r (its texts must stay valid until it is added; its lists are copied into a). */
void sl_store_pack(const struct sl_store *s, const struct sl_row *r, struct sl_prow *h, struct sl_pval *v,
                   struct sl_arena *a);
/* The de-duplication rule (dedup.c). Two records are the same sign-in when they have the
 * same request id (compared case-insensitively), the same time to the second (the portal's
 * download drops the fractions other exports keep), and the same user (user key) and service
 * principal. The same sign-in is a duplicate, and dropped, when, in the fields the run
 * loads, it has no value the stored sign-in lacks or holds otherwise and no list element it
 * lacks (the same text, or the same sign-in in another format).
 * Otherwise it is a revision: it fills the fields the sign-in lacks and adds the list
 * elements it lacks; nothing already there is replaced. The same request id with another
 * time, user or service principal is a different sign-in: it is loaded, and called a
 * conflict. Records without a request id are duplicates when their text is the same. The
 * first record of a sign-in in reading order (files sorted by path, then line) is its stored
 * row, so the result is the same whatever the order of the arguments or the threads. */
enum sl_add_result {
	SL_ADD_NEW,          /* loaded */
	SL_ADD_CONFLICT,     /* loaded, but its request id is that of another sign-in (*other) */
	SL_ADD_DUPLICATE,    /* the same as row *other (SIZE_MAX: a sign-in without an id) */
	SL_ADD_REVISED       /* merged into row *other */
};
/* Add a packed row read at origin (file << 40 | line); *other as above. */
enum sl_add_result sl_store_add_packed(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v,
                                       uint64_t origin, size_t *other);
/* After the last sl_store_add_packed: put the list elements of revisions in place. */
void sl_store_finish(struct sl_store *s);
/* A hint that the packed row will be added soon: its texts and table slots are fetched. */
void sl_store_prefetch(const struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v);
/* Append a finished row as it is (no de-duplication: for copying rows between stores). */
void sl_store_add(struct sl_store *s, const struct sl_row *r);
/* For dedup.c: append a packed row (returns its index); fill the empty one-value fields of
 * row from a packed row (returns how many); add the list elements of list that row lacks
 * (returns how many; they are in place after sl_store_finish). */
size_t sl_store_append(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v, uint64_t origin);
int sl_store_fill(struct sl_store *s, size_t row, const struct sl_prow *h, const struct sl_pval *v);
/* How many one-value fields (but the time) row and the packed row both have, with other values. */
int sl_store_differs(const struct sl_store *s, size_t row, const struct sl_prow *h, const struct sl_pval *v);
int sl_store_merge_lists(struct sl_store *s, size_t row, const struct sl_lrow *list);
void sl_merge_free(struct sl_store *s);
/* The text of STR field f in row (or child row) i; "" when empty. */
static inline const char *sl_store_str(const struct sl_store *s, enum sl_fid f, size_t i)
{
	return sl_dict_str(&s->col[f].dict, s->col[f].v.code[i]);
}

/* Fill dst (made with sl_store_init and the same fields) with the rows i of src for which
 * keep[i] is non-zero, in order: a filtered store on which every report runs unchanged,
 * whose dictionaries again hold only the values its rows use. */
void sl_store_select(struct sl_store *dst, const struct sl_store *src, const uint8_t *keep);

/* The text of STR or GUID field f in row i ("" when empty); GUIDs are formatted into buf. */
const char *sl_store_text(const struct sl_store *s, enum sl_fid f, size_t i, char buf[40]);

#endif
