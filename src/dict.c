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
	d->str = sl_xmalloc(d->cap * sizeof *d->str);
	d->len = sl_xmalloc(d->cap * sizeof *d->len);
	d->hash = sl_xmalloc(d->cap * sizeof *d->hash);
	d->str[0] = "";
	d->len[0] = 0;
	d->hash[0] = 0;
	d->n = 1;
	d->mask = 15;
	d->slots = sl_xcalloc(16, sizeof *d->slots);
}

void sl_dict_free(struct sl_dict *d)
{
	sl_arena_free(&d->arena);
	free(d->str);
	free(d->len);
	free(d->hash);
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

static void rehash(struct sl_dict *d)
{
	uint32_t nslots = (d->mask + 1) * 2;
	uint32_t *slots = sl_xcalloc(nslots, sizeof *slots);
	uint32_t mask = nslots - 1;
	for (uint32_t c = 1; c < d->n; c++) {
		uint32_t i = d->hash[c] & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = c;
	}
	free(d->slots);
	d->slots = slots;
	d->mask = mask;
}

uint32_t sl_dict_find(const struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	if (!len)
		return 0;
	for (uint32_t i = hash & d->mask;; i = (i + 1) & d->mask) {
		uint32_t c = d->slots[i];
		if (!c)
			return 0;
		if (d->hash[c] == hash && d->len[c] == len && memcmp(d->str[c], s, len) == 0)
			return c;
	}
}

uint32_t sl_dict_intern(struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	uint32_t i;
	if (!len)
		return 0;
	for (i = hash & d->mask;; i = (i + 1) & d->mask) {
		uint32_t c = d->slots[i];
		if (!c)
			break;
		if (d->hash[c] == hash && d->len[c] == len && memcmp(d->str[c], s, len) == 0)
			return c;
	}
	if (d->n == UINT32_MAX || len > UINT32_MAX)
		sl_die(SL_EXIT_ERROR, "dictionary full");
	if (d->n >= d->cap) {
		size_t cap = d->cap;
		sl_grow((void **)&d->str, &cap, (size_t)d->n + 1, sizeof *d->str);
		d->len = sl_xrealloc(d->len, cap * sizeof *d->len);
		d->hash = sl_xrealloc(d->hash, cap * sizeof *d->hash);
		d->cap = cap;
	}
	uint32_t c = d->n++;
	d->str[c] = sl_arena_memdup(&d->arena, s, len);
	d->len[c] = (uint32_t)len;
	d->hash[c] = hash;
	d->slots[i] = c;
	if ((uint64_t)d->n * 4 > (uint64_t)(d->mask + 1) * 3)
		rehash(d);
	return c;
}
