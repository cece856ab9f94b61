/* dict.h — string dictionary: each distinct value stored once in an arena, rows hold codes. */
#ifndef SL_DICT_H
#define SL_DICT_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Code 0 is the empty string / no value; real values get codes 1, 2, ... in insertion order,
 * so codes (and everything derived from them) are deterministic for a given input order.
 * The dictionary owns its strings; pointers stay valid until sl_dict_free.
 *
 * Each value is a record in the dictionary's chunks: its code and length, then its bytes and
 * a NUL. A table slot holds the value's hash and where its record is, so a
 * lookup that finds its value reads one slot and one record. */
struct sl_dict {
	const char **ent;     /* code -> value (NUL-terminated; its record precedes it) */
	uint32_t n;           /* number of codes including 0 */
	size_t cap;
	uint64_t *slots;      /* open addressing: hash << 32 | record + 1; 0 = empty slot */
	uint32_t mask;
	char **chunk;         /* the records: chunks of 4 KiB growing to 1 MiB (more for a long value) */
	uint32_t nchunk;
	size_t chunk_cap;
	size_t chunk_size, used;  /* of the newest chunk */
};

/* Are the n bytes at a and b the same? Inline: most values are short, and a libc call per
 * value showed in profiles. */
static inline int sl_same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		/* 8 bytes at a time, the last 8 overlapping what was compared */
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

void sl_dict_init(struct sl_dict *d);
void sl_dict_free(struct sl_dict *d);
/* Keyed hashes (a random secret per run: see dict.c). sl_hash64 is also a record's
 * fingerprint: the same bytes give the same value within one run. */
uint32_t sl_hash(const char *s, size_t len);
uint64_t sl_hash64(const char *s, size_t len);
/* Code of (s,len), adding it when new; hash must be sl_hash(s, len). len 0 gives 0. */
uint32_t sl_dict_intern(struct sl_dict *d, const char *s, size_t len, uint32_t hash);
/* A hint that a value of this hash is looked up soon: its first table slot is fetched. */
static inline void sl_dict_prefetch(const struct sl_dict *d, uint32_t hash)
{
	__builtin_prefetch(&d->slots[hash & d->mask]);
}
/* Code of (s,len) or 0 when absent. */
uint32_t sl_dict_find(const struct sl_dict *d, const char *s, size_t len, uint32_t hash);
static inline const char *sl_dict_str(const struct sl_dict *d, uint32_t code) { return d->ent[code]; }
static inline uint32_t sl_dict_len(const struct sl_dict *d, uint32_t code)
{
	uint32_t len;
	memcpy(&len, d->ent[code] - 4, 4);
	return len;
}

#endif
