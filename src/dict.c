/* dict.c — string dictionary with open addressing; strings live in the dictionary's arena. */
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "util.h"

void sl_dict_init(struct sl_dict *d)
{
	memset(d, 0, sizeof *d);
	sl_arena_init(&d->arena, 1 << 16);
	d->cap = 16;
	d->ent = sl_xmalloc(d->cap * sizeof *d->ent);
	d->ent[0].s = "";
	d->ent[0].len = 0;
	d->ent[0].hash = 0;
	d->n = 1;
	d->mask = 15;
	d->slots = sl_xcalloc(16, sizeof *d->slots);
}

void sl_dict_free(struct sl_dict *d)
{
	sl_arena_free(&d->arena);
	free(d->ent);
	free(d->slots);
	memset(d, 0, sizeof *d);
}

/* A multiply-xorshift hash reading 8 bytes at a time: the ingest hashes every text field. */
uint32_t sl_hash(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xff51afd7ed558ccdull);
	uint64_t w;
	while (len >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		s += 8;
		len -= 8;
	}
	if (len) {
		w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * 0x94d049bb133111ebull;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Inline comparison: most values are short, and a libc call per field showed in profiles. */
static inline int same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	while (n >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
		a += 8;
		b += 8;
		n -= 8;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

static void rehash(struct sl_dict *d)
{
	uint32_t nslots = (d->mask + 1) * 2;
	uint64_t *slots = sl_xcalloc(nslots, sizeof *slots);
	uint32_t mask = nslots - 1;
	for (uint32_t c = 1; c < d->n; c++) {
		uint32_t i = d->ent[c].hash & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint64_t)d->ent[c].hash << 32 | c;
	}
	free(d->slots);
	d->slots = slots;
	d->mask = mask;
}

/* Slot index holding (s,len), or the empty slot where it would go. */
static uint32_t probe(const struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	for (uint32_t i = hash & d->mask;; i = (i + 1) & d->mask) {
		uint64_t v = d->slots[i];
		if (!v)
			return i;
		if ((uint32_t)(v >> 32) == hash) {
			const struct sl_dent *e = &d->ent[(uint32_t)v];
			if (e->len == len && same(e->s, s, len))
				return i;
		}
	}
}

uint32_t sl_dict_find(const struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	if (!len)
		return 0;
	return (uint32_t)d->slots[probe(d, s, len, hash)];
}

uint32_t sl_dict_intern(struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	uint32_t i;
	if (!len)
		return 0;
	i = probe(d, s, len, hash);
	if (d->slots[i])
		return (uint32_t)d->slots[i];
	if (d->n == UINT32_MAX || len > UINT32_MAX)
		sl_die(SL_EXIT_ERROR, "dictionary full");
	if (d->n >= d->cap)
		sl_grow((void **)&d->ent, &d->cap, (size_t)d->n + 1, sizeof *d->ent);
	uint32_t c = d->n++;
	d->ent[c].s = sl_arena_memdup(&d->arena, s, len);
	d->ent[c].len = (uint32_t)len;
	d->ent[c].hash = hash;
	d->slots[i] = (uint64_t)hash << 32 | c;
	if ((uint64_t)d->n * 4 > (uint64_t)(d->mask + 1) * 3)
		rehash(d);
	return c;
}
