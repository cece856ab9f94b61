/* dict.h — string dictionary: each distinct value stored once in an arena, rows hold codes. */
#ifndef SL_DICT_H
#define SL_DICT_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

/* Code 0 is the empty string / no value; real values get codes 1, 2, ... in insertion order,
 * so codes (and everything derived from them) are deterministic for a given input order.
 * The dictionary owns its strings; pointers stay valid until sl_dict_free. */
struct sl_dent {
	const char *s;        /* NUL-terminated value */
	uint32_t len;
	uint32_t hash;        /* kept for rehashing */
};

struct sl_dict {
	struct sl_arena arena;
	struct sl_dent *ent;  /* code -> value */
	uint32_t n;           /* number of codes including 0 */
	size_t cap;
	uint64_t *slots;      /* open addressing: hash << 32 | code; 0 = empty slot */
	uint32_t mask;
};

void sl_dict_init(struct sl_dict *d);
void sl_dict_free(struct sl_dict *d);
uint32_t sl_hash(const char *s, size_t len);
/* Code of (s,len), adding it when new; hash must be sl_hash(s, len). len 0 gives 0. */
uint32_t sl_dict_intern(struct sl_dict *d, const char *s, size_t len, uint32_t hash);
/* Code of (s,len) or 0 when absent. */
uint32_t sl_dict_find(const struct sl_dict *d, const char *s, size_t len, uint32_t hash);
static inline const char *sl_dict_str(const struct sl_dict *d, uint32_t code) { return d->ent[code].s; }
static inline uint32_t sl_dict_len(const struct sl_dict *d, uint32_t code) { return d->ent[code].len; }

#endif
