/* dict.c — string dictionary with open addressing (keyed hash); values live in records in the dictionary's chunks. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
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

/* ---- hashing -----------------------------------------------------------------------
 * Every text of a sign-in is hashed, and those texts are attacker-controlled: an unkeyed
 * hash lets crafted values (200,000 user names with one hash) turn each table into a list.
 * The hash is keyed with a random secret drawn when the program starts, and mixes with full
 * 64x64->128-bit products (the construction of wyhash, as Go's maps use when they have no
 * AES hash): without the secret, no input predicts where a value lands. Dictionary codes are
 * given in insertion order and nothing is ever listed in table order, so the secret changes
 * no output. */

__extension__ typedef unsigned __int128 u128;

static uint64_t secret[4] = {
	0xa0761d6478bd642full, 0xe7037ed1a0b428dbull, 0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull,
};

__attribute__((constructor)) static void hash_init(void)
{
	uint64_t r[4] = { 0 };
	size_t got = 0;
#if defined(__linux__)
	while (got < sizeof r) {
		ssize_t n = getrandom((char *)r + got, sizeof r - got, 0);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
#endif
	if (got < sizeof r) {
		/* no entropy source: the clock and the address space still vary per run */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		r[0] ^= (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec;
		r[1] ^= (uint64_t)(uintptr_t)&ts ^ (uint64_t)getpid() << 32;
		r[2] ^= (uint64_t)(uintptr_t)&hash_init;
	}
	for (int k = 0; k < 4; k++)
		secret[k] ^= r[k] | 1;
}

static inline uint64_t mum(uint64_t a, uint64_t b)
{
	u128 r = (u128)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t r8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t r4(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint64_t hash64(const char *p, size_t len)
{
	uint64_t seed = secret[0], a, b;
	if (len <= 16) {
		if (len >= 4) {
			a = r4(p) << 32 | r4(p + ((len >> 3) << 2));
			b = r4(p + len - 4) << 32 | r4(p + len - 4 - ((len >> 3) << 2));
		} else if (len > 0) {
			a = (uint64_t)(unsigned char)p[0] << 16 | (uint64_t)(unsigned char)p[len >> 1] << 8 |
			    (unsigned char)p[len - 1];
			b = 0;
		} else {
			a = b = 0;
		}
	} else {
		size_t i = len;
		if (i > 48) {
			/* three independent lanes: the multiplier stays busy */
			uint64_t s1 = seed, s2 = seed;
			do {
				seed = mum(r8(p) ^ secret[1], r8(p + 8) ^ seed);
				s1 = mum(r8(p + 16) ^ secret[2], r8(p + 24) ^ s1);
				s2 = mum(r8(p + 32) ^ secret[3], r8(p + 40) ^ s2);
				p += 48;
				i -= 48;
			} while (i > 48);
			seed ^= s1 ^ s2;
		}
		while (i > 16) {
			seed = mum(r8(p) ^ secret[1], r8(p + 8) ^ seed);
			p += 16;
			i -= 16;
		}
		a = r8(p + i - 16);
		b = r8(p + i - 8);
	}
	a ^= secret[1];
	b ^= seed;
	u128 r = (u128)a * b;
	a = (uint64_t)r;
	b = (uint64_t)(r >> 64);
	return mum(a ^ secret[0] ^ len, b ^ secret[1]);
}

uint32_t sl_hash(const char *s, size_t len)
{
	return (uint32_t)hash64(s, len);
}

uint64_t sl_hash64(const char *s, size_t len)
{
	return hash64(s, len);
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
