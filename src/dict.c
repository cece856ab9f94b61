/* dict.c — string dictionary with open addressing; values live in records in the dictionary's chunks. */
#include <stdlib.h>
#include <string.h>
#include "dict.h"
#include "util.h"

/* A record's place is its chunk and its byte offset there (CHUNK_BITS bits): 32 bits name
 * any record of 4,096 chunks of up to 1 MiB, 4 GiB of distinct values in one dictionary.
 * Records are not aligned (their header is read with memcpy): padding would cost a few
 * bytes for every distinct value, and some fields have one per sign-in. */
#define CHUNK_BITS 20
#define SL_DICT_CHUNK ((size_t)1 << CHUNK_BITS)
#define MAX_CHUNKS ((uint32_t)1 << (32 - CHUNK_BITS))

static const char *record(const struct sl_dict *d, uint32_t at)
{
	at--;
	return d->chunk[at >> CHUNK_BITS] + (at & ((1u << CHUNK_BITS) - 1));
}

/* A new record for (s, len) with code c; returns its place + 1. */
static uint32_t add_record(struct sl_dict *d, const char *s, size_t len, uint32_t c)
{
	size_t need = 8 + len + 1;
	uint32_t k;
	if (!d->nchunk || d->used + need > d->chunk_size) {
		if (d->nchunk == MAX_CHUNKS - 1)
			sl_die(SL_EXIT_ERROR, "dictionary full: more than 4 GiB of distinct values in one field");
		if (d->nchunk == d->chunk_cap)
			sl_grow((void **)&d->chunk, &d->chunk_cap, (size_t)d->nchunk + 1, sizeof *d->chunk);
		/* chunks grow from 4 KiB (most dictionaries are small); a value longer than a
		 * chunk gets a chunk of its own */
		size_t size = d->nchunk < 8 ? (size_t)4096 << d->nchunk : SL_DICT_CHUNK;
		d->chunk[d->nchunk++] = sl_xmalloc(need > size ? need : size);
		d->chunk_size = need > size ? need : size;
		d->used = 0;
	}
	k = d->nchunk - 1;
	char *r = d->chunk[k] + d->used;
	uint32_t l = (uint32_t)len, at = (k << CHUNK_BITS | (uint32_t)d->used) + 1;
	memcpy(r, &c, 4);
	memcpy(r + 4, &l, 4);
	memcpy(r + 8, s, len);
	r[8 + len] = '\0';
	d->used += need;
	d->ent[c] = r + 8;
	return at;
}

void sl_dict_init(struct sl_dict *d)
{
	memset(d, 0, sizeof *d);
	d->cap = 16;
	d->ent = sl_xmalloc(d->cap * sizeof *d->ent);
	add_record(d, "", 0, 0);
	d->n = 1;
	d->mask = 15;
	d->slots = sl_xcalloc(16, sizeof *d->slots);
}

void sl_dict_free(struct sl_dict *d)
{
	for (uint32_t k = 0; k < d->nchunk; k++)
		free(d->chunk[k]);
	free(d->chunk);
	free(d->ent);
	free(d->slots);
	memset(d, 0, sizeof *d);
}

/* A multiply-xorshift hash reading 8 bytes at a time: the ingest hashes every text field.
 * The last bytes are read with loads that overlap ones already hashed (or, under 8 bytes,
 * each other) rather than copied byte by byte: a narrow copy then a wide load stalls. */
uint32_t sl_hash(const char *s, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (len * 0xff51afd7ed558ccdull);
	uint64_t w;
	size_t n = len;
	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	if (n) {
		if (len >= 8) {
			memcpy(&w, s + n - 8, 8);
			w >>= 8 * (8 - n);
		} else if (n >= 4) {
			uint32_t lo, hi;
			memcpy(&lo, s, 4);
			memcpy(&hi, s + n - 4, 4);
			w = (uint64_t)hi << 32 | lo;
		} else {
			w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
			    (uint64_t)(unsigned char)s[n - 1] << 16;
		}
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
	uint64_t *slots = sl_xcalloc(nslots, sizeof *slots);
	uint32_t mask = nslots - 1;
	for (uint32_t k = 0; k <= d->mask; k++) {
		uint64_t v = d->slots[k];
		if (!v)
			continue;
		uint32_t i = (uint32_t)(v >> 32) & mask;
		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = v;
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
			const char *r = record(d, (uint32_t)v);
			uint32_t l;
			memcpy(&l, r + 4, 4);
			if (l == len && sl_same(r + 8, s, len))
				return i;
		}
	}
}

static uint32_t code_at(const struct sl_dict *d, uint64_t v)
{
	uint32_t c;
	memcpy(&c, record(d, (uint32_t)v), 4);
	return c;
}

uint32_t sl_dict_find(const struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	if (!len)
		return 0;
	uint64_t v = d->slots[probe(d, s, len, hash)];
	return v ? code_at(d, v) : 0;
}

uint32_t sl_dict_intern(struct sl_dict *d, const char *s, size_t len, uint32_t hash)
{
	uint32_t i;
	if (!len)
		return 0;
	i = probe(d, s, len, hash);
	if (d->slots[i])
		return code_at(d, d->slots[i]);
	if (d->n == UINT32_MAX || len > UINT32_MAX - 16)
		sl_die(SL_EXIT_ERROR, "dictionary full");
	if (d->n >= d->cap)
		sl_grow((void **)&d->ent, &d->cap, (size_t)d->n + 1, sizeof *d->ent);
	uint32_t c = d->n++;
	d->slots[i] = (uint64_t)hash << 32 | add_record(d, s, len, c);
	if ((uint64_t)d->n * 4 > (uint64_t)(d->mask + 1) * 3)
		rehash(d);
	return c;
}
