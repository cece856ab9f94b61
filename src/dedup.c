/* dedup.c — the de-duplication rule: which records are the same sign-in (duplicate or revision), and which only reuse a request id. */
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "sltime.h"
#include "util.h"

/* Request ids are keys of 16 bytes: a GUID's bytes (stored so whatever the case of its
 * digits), or for other text (a masked "XXXXXXXX-..." or a tool's own ids) twelve 0xFF bytes
 * and the code of the lower-cased text in idlow. All zero: no request id. */
static const uint8_t marker[12] = { 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255 };
static const uint8_t zero16[16];

static uint32_t idlow_intern(struct sl_store *s, const char *t, size_t len)
{
	char small[128];
	char *low = len <= sizeof small ? small : sl_xmalloc(len);
	sl_ascii_lower(low, t, len);
	uint32_t code = sl_dict_intern(&s->idlow, low, len, sl_hash(low, len));
	if (low != small)
		free(low);
	return code;
}

/* The key of the packed row's id (text ids are interned into idlow). */
static void new_key(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v, uint8_t key[16])
{
	if (!(h->text & 1)) {
		memcpy(key, v[0].u.guid, 16);
		return;
	}
	uint32_t code = idlow_intern(s, v[0].u.t.s, v[0].u.t.len);
	memcpy(key, marker, 12);
	memcpy(key + 12, &code, 4);
}

/* The key of stored row i's id. */
static void row_key(const struct sl_store *s, size_t i, uint8_t key[16])
{
	const uint8_t *g = s->col[SL_F_REQUEST_ID].v.guid[i];
	memcpy(key, g, 16);
	if (memcmp(g, marker, 12) == 0) {
		uint32_t code;
		memcpy(&code, g + 12, 4);
		memcpy(key + 12, &s->idlow_of[code], 4);
	}
}

/* A stored row's id text is in the column's dictionary: note its idlow code. */
static void note_idlow(struct sl_store *s, size_t i, const uint8_t key[16])
{
	const uint8_t *g = s->col[SL_F_REQUEST_ID].v.guid[i];
	uint32_t code, low;
	if (memcmp(g, marker, 12) != 0)
		return;
	memcpy(&code, g + 12, 4);
	memcpy(&low, key + 12, 4);
	if (code >= s->idlow_cap) {
		size_t old = s->idlow_cap;
		sl_grow((void **)&s->idlow_of, &s->idlow_cap, (size_t)code + 1, sizeof *s->idlow_of);
		memset(s->idlow_of + old, 0, (s->idlow_cap - old) * sizeof *s->idlow_of);
	}
	s->idlow_of[code] = low;
}

static uint32_t key_hash(const uint8_t key[16])
{
	return sl_hash((const char *)key, 16);
}

/* ---- request id -> the first row with it ----------------------------------------------- */

static size_t ids_probe(const struct sl_store *s, const uint8_t key[16], uint32_t h)
{
	uint8_t tag = (uint8_t)(h >> 24), rk[16];
	for (size_t k = h & s->ids_mask;; k = (k + 1) & s->ids_mask) {
		uint32_t r = s->ids[k];
		if (!r)
			return k;
		if (s->idtag[k] == tag) {
			const uint8_t *g = s->col[SL_F_REQUEST_ID].v.guid[r - 1];
			if (memcmp(g, marker, 12) != 0) {
				if (memcmp(g, key, 16) == 0)
					return k;
				continue;
			}
			row_key(s, r - 1, rk);
			if (memcmp(rk, key, 16) == 0)
				return k;
		}
	}
}

static void ids_grow(struct sl_store *s)
{
	size_t n = s->ids ? (s->ids_mask + 1) * 2 : 1024, oldn = s->ids ? s->ids_mask + 1 : 0;
	uint32_t *old = s->ids;
	uint8_t rk[16];
	free(s->idtag);
	s->ids = sl_xcalloc(n, sizeof *s->ids);
	s->idtag = sl_xcalloc(n, 1);
	s->ids_mask = n - 1;
	for (size_t k = 0; k < oldn; k++) {
		if (!old[k])
			continue;
		row_key(s, old[k] - 1, rk);
		uint32_t h = key_hash(rk);
		size_t j = h & s->ids_mask;
		while (s->ids[j])
			j = (j + 1) & s->ids_mask;
		s->ids[j] = old[k];
		s->idtag[j] = (uint8_t)(h >> 24);
	}
	free(old);
}

/* ---- (id, time, user, service principal) -> row, for ids several sign-ins use ----------- */

struct ident {
	uint8_t key[16];
	int64_t time;             /* seconds: the sign-in time to the second */
	uint32_t user, sp;        /* dictionary codes; UINT32_MAX: a value no stored row has */
};

static uint32_t ident_hash(const struct ident *d)
{
	char b[32];
	memcpy(b, d->key, 16);
	memcpy(b + 16, &d->time, 8);
	memcpy(b + 24, &d->user, 4);
	memcpy(b + 28, &d->sp, 4);
	return sl_hash(b, 32);
}

static void row_ident(const struct sl_store *s, size_t i, struct ident *d)
{
	row_key(s, i, d->key);
	d->time = s->col[SL_F_TIME].v.time[i] / 1000000;
	d->user = s->user[i];
	d->sp = s->col[SL_F_SP_ID].v.code[i];
}

static int same_ident(const struct ident *a, const struct ident *b)
{
	return a->time == b->time && a->user == b->user && a->sp == b->sp && memcmp(a->key, b->key, 16) == 0;
}

static size_t alt_probe(const struct sl_store *s, const struct ident *d, uint32_t h)
{
	struct ident r;
	for (size_t k = h & s->alt_mask;; k = (k + 1) & s->alt_mask) {
		if (!s->alt[k])
			return k;
		row_ident(s, s->alt[k] - 1, &r);
		if (same_ident(&r, d))
			return k;
	}
}

static void alt_grow(struct sl_store *s)
{
	size_t n = s->alt ? (s->alt_mask + 1) * 2 : 64, oldn = s->alt ? s->alt_mask + 1 : 0;
	uint32_t *old = s->alt;
	struct ident d;
	s->alt = sl_xcalloc(n, sizeof *s->alt);
	s->alt_mask = n - 1;
	for (size_t k = 0; k < oldn; k++) {
		if (!old[k])
			continue;
		row_ident(s, old[k] - 1, &d);
		size_t j = ident_hash(&d) & s->alt_mask;
		while (s->alt[j])
			j = (j + 1) & s->alt_mask;
		s->alt[j] = old[k];
	}
	free(old);
}

/* ---- the fingerprints of sign-ins without a request id --------------------------------- */

static size_t byfp_probe(const struct sl_store *s, uint64_t fp)
{
	for (size_t k = (size_t)(fp ^ fp >> 32) & s->byfp_mask;; k = (k + 1) & s->byfp_mask)
		if (!s->byfp[k] || s->byfp[k] == fp)
			return k;
}

static void byfp_grow(struct sl_store *s)
{
	size_t n = s->byfp ? (s->byfp_mask + 1) * 2 : 1024, oldn = s->byfp ? s->byfp_mask + 1 : 0;
	uint64_t *old = s->byfp;
	s->byfp = sl_xcalloc(n, sizeof *s->byfp);
	s->byfp_mask = n - 1;
	for (size_t k = 0; k < oldn; k++)
		if (old[k])
			s->byfp[byfp_probe(s, old[k])] = old[k];
	free(old);
}

/* ---- the rule ---------------------------------------------------------------------------- */

/* The packed row's identity; codes of values no stored row has are UINT32_MAX. */
static void new_ident(const struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v, const uint8_t key[16],
                      struct ident *d)
{
	const struct sl_ptext *sp = &v[s->pack_sp].u.t;
	uint32_t c;
	memcpy(d->key, key, 16);
	d->time = v[s->pack_time].u.time / 1000000;
	d->user = 0;
	if (h->user.s) {
		c = sl_dict_find(&s->users, h->user.s, h->user.len, h->user.hash);
		d->user = c ? c : UINT32_MAX;
	}
	d->sp = 0;
	if (sp->s) {
		c = sl_dict_find(&s->col[SL_F_SP_ID].dict, sp->s, sp->len, sp->hash);
		d->sp = c ? c : UINT32_MAX;
	}
}

enum sl_add_result sl_store_add_packed(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v,
                                       uint64_t origin, size_t *other)
{
	uint8_t key[16];
	size_t row;
	new_key(s, h, v, key);
	if (memcmp(key, zero16, 16) == 0) {
		/* no request id: the same text is the same sign-in */
		uint64_t fp = h->fp ? h->fp : 1;
		if ((s->nbyfp + 1) * 2 > (s->byfp ? s->byfp_mask + 1 : 0))
			byfp_grow(s);
		size_t slot = byfp_probe(s, fp);
		if (s->byfp[slot]) {
			*other = SIZE_MAX;
			return SL_ADD_DUPLICATE;
		}
		row = sl_store_append(s, h, v, origin);
		s->byfp[slot] = fp;
		s->nbyfp++;
		return SL_ADD_NEW;
	}
	uint32_t hash = (h->text & 1) ? key_hash(key) : h->idhash;
	if ((s->nids + 1) * 2 > (s->ids ? s->ids_mask + 1 : 0))
		ids_grow(s);
	size_t slot = ids_probe(s, key, hash);
	if (!s->ids[slot]) {
		row = sl_store_append(s, h, v, origin);
		note_idlow(s, row, key);
		s->ids[slot] = (uint32_t)row + 1;
		s->idtag[slot] = (uint8_t)(hash >> 24);
		s->nids++;
		return SL_ADD_NEW;
	}
	/* the id was read before: the same sign-in, or another one that reuses it */
	size_t head = s->ids[slot] - 1, match = SIZE_MAX;
	struct ident d, hd;
	new_ident(s, h, v, key, &d);
	row_ident(s, head, &hd);
	if (same_ident(&d, &hd)) {
		match = head;
	} else if (s->alt && d.user != UINT32_MAX && d.sp != UINT32_MAX) {
		size_t a = alt_probe(s, &d, ident_hash(&d));
		if (s->alt[a])
			match = s->alt[a] - 1;
	}
	if (match != SIZE_MAX) {
		*other = match;
		/* does it bring anything, in the fields read? (the differing values are counted
		 * before the empty ones are filled) */
		int changed = sl_store_differs(s, match, h, v);
		changed += sl_store_fill(s, match, h, v);
		changed += sl_store_merge_lists(s, match, h->list);
		return changed ? SL_ADD_REVISED : SL_ADD_DUPLICATE;
	}
	row = sl_store_append(s, h, v, origin);
	note_idlow(s, row, key);
	if ((s->nalt + 1) * 2 > (s->alt ? s->alt_mask + 1 : 0))
		alt_grow(s);
	row_ident(s, row, &d);
	s->alt[alt_probe(s, &d, ident_hash(&d))] = (uint32_t)row + 1;
	s->nalt++;
	*other = head;
	return SL_ADD_CONFLICT;
}
