/* store.c — columnar store: one array per field, strings dictionary-encoded, lists as offsets. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "sltime.h"
#include "util.h"

static size_t elsize(enum sl_ftype t)
{
	switch (t) {
	case SL_FT_STR: return sizeof(uint32_t);
	case SL_FT_TIME: return sizeof(int64_t);
	case SL_FT_INT: return sizeof(int32_t);
	case SL_FT_FLOAT: return sizeof(double);
	case SL_FT_BOOL:
	case SL_FT_ENUM: return 1;
	case SL_FT_GUID: return 16;
	}
	return 8;
}

void sl_store_init(struct sl_store *s, const uint8_t *want)
{
	memset(s, 0, sizeof *s);
	if (want)
		memcpy(s->want, want, sizeof s->want);
	else
		sl_fields_all(s->want);
	sl_fields_core(s->want);
	for (int f = 0; f < SL_F__COUNT; f++) {
		s->col[f].type = sl_fields[f].type;
		if (s->col[f].type == SL_FT_STR || s->col[f].type == SL_FT_GUID)
			sl_dict_init(&s->col[f].dict);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++)
		s->loff[l] = sl_xcalloc(1, sizeof(uint32_t));
	sl_dict_init(&s->users);
	s->pack[s->npack++] = SL_F_REQUEST_ID;
	for (int f = 0; f < SL_F__COUNT; f++)
		if (sl_fields[f].list == SL_LIST_NONE && f != SL_F_REQUEST_ID && s->want[f])
			s->pack[s->npack++] = f;
	for (size_t k = 0; k < s->npack; k++)
		if (s->col[s->pack[k]].type == SL_FT_STR)
			s->pack_str[s->npack_str++] = k;
}

void sl_store_free(struct sl_store *s)
{
	for (int f = 0; f < SL_F__COUNT; f++) {
		free(s->col[f].v.any);
		if (s->col[f].type == SL_FT_STR || s->col[f].type == SL_FT_GUID)
			sl_dict_free(&s->col[f].dict);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++)
		free(s->loff[l]);
	free(s->user);
	free(s->ids);
	free(s->idtag);
	free(s->user_of);
	sl_dict_free(&s->users);
	memset(s, 0, sizeof *s);
}

/* GUID columns: a canonical lower-case GUID is stored as its 16 bytes. Anything else (other
 * text, upper case, the nil GUID) goes to the column's dictionary and is stored as twelve 0xFF
 * bytes and the code; all zero bytes mean no value. A GUID whose bytes would look like either
 * is stored through the dictionary as well, so decoding is never ambiguous. */
static const uint8_t marker[12] = { 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255 };
static const uint8_t zero16[16];

static int hexdig(char c)
{
	/* digit + 1, 0 = not a lower-case hex digit: one load instead of two ranges per byte */
	static const uint8_t v[256] = {
		['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
		['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	};
	return (int)v[(unsigned char)c] - 1;
}

static int guid_parse(const char *s, size_t len, uint8_t out[16])
{
	static const uint8_t at[16] = { 0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34 };
	uint8_t zero = 0;
	if (len != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return -1;
	for (int k = 0; k < 16; k++) {
		int hi = hexdig(s[at[k]]), lo = hexdig(s[at[k] + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[k] = (uint8_t)(hi << 4 | lo);
		zero |= out[k];
	}
	if (!zero || memcmp(out, marker, sizeof marker) == 0)
		return -1;
	return 0;
}

static void put_guid(struct sl_col *c, uint8_t out[16], const struct sl_val *v)
{
	if (!v->set) {
		memset(out, 0, 16);
		return;
	}
	if (guid_parse(v->s, v->len, out) == 0)
		return;
	uint32_t code = sl_dict_intern(&c->dict, v->s, v->len, v->hash);
	memcpy(out, marker, sizeof marker);
	memcpy(out + 12, &code, 4);
}

/* A stored value back as a row value, for copying a row into another store. */
static void get(const struct sl_store *s, enum sl_fid f, size_t i, struct sl_val *v, struct sl_arena *a)
{
	const struct sl_col *c = &s->col[f];
	memset(v, 0, sizeof *v);
	if (!c->v.any)
		return;
	switch (c->type) {
	case SL_FT_STR:
		if (c->v.code[i]) {
			v->s = sl_dict_str(&c->dict, c->v.code[i]);
			v->len = sl_dict_len(&c->dict, c->v.code[i]);
			v->hash = sl_hash(v->s, v->len);
			v->set = 1;
		}
		return;
	case SL_FT_GUID: {
		/* decoded as the reports see it: the same text gives the same stored bytes */
		char *buf = sl_arena_alloc(a, 40);
		v->s = sl_store_text(s, f, i, buf);
		v->len = (uint32_t)strlen(v->s);
		if (!v->len)
			return;
		v->hash = sl_hash(v->s, v->len);
		v->set = 1;
		return;
	}
	case SL_FT_TIME:
		v->i = c->v.time[i];
		v->set = (uint8_t)(v->i != SL_TIME_NONE);
		return;
	case SL_FT_INT:
		v->i = c->v.i32[i];
		v->set = (uint8_t)(c->v.i32[i] != SL_INT_NONE);
		return;
	case SL_FT_FLOAT:
		v->d = c->v.dbl[i];
		v->set = (uint8_t)!isnan(v->d);
		return;
	case SL_FT_BOOL:
		v->i = c->v.u8[i];
		v->set = (uint8_t)(c->v.u8[i] != SL_BOOL_NONE);
		return;
	case SL_FT_ENUM:
		v->i = c->v.u8[i];
		v->set = 1;
		return;
	}
}

void sl_store_select(struct sl_store *dst, const struct sl_store *src, const uint8_t *keep)
{
	struct sl_arena a;
	struct sl_row *r = sl_xmalloc(sizeof *r);
	sl_arena_init(&a, 1 << 16);
	for (size_t i = 0; i < src->n; i++) {
		if (!keep[i])
			continue;
		memset(r, 0, sizeof *r);
		for (int f = 0; f < SL_F__COUNT; f++)
			if (sl_fields[f].list == SL_LIST_NONE)
				get(src, (enum sl_fid)f, i, &r->f[f], &a);
		for (int l = 1; l < SL_LIST__COUNT; l++) {
			uint32_t b = src->loff[l][i], e = src->loff[l][i + 1];
			size_t nf = (size_t)sl_list_nfields[l];
			r->list[l].n = e - b;
			r->list[l].v = sl_arena_alloc(&a, ((size_t)(e - b) * nf + 1) * sizeof *r->list[l].v);
			for (uint32_t k = b; k < e; k++)
				for (size_t j = 0; j < nf; j++)
					get(src, sl_list_fields[l][j], k, &r->list[l].v[(k - b) * nf + j], &a);
		}
		if (src->user[i]) {
			r->userkey.s = sl_dict_str(&src->users, src->user[i]);
			r->userkey.len = sl_dict_len(&src->users, src->user[i]);
			r->userkey.hash = sl_hash(r->userkey.s, r->userkey.len);
			r->userkey.set = 1;
		}
		sl_store_add(dst, r);
		sl_arena_reset(&a);
	}
	free(r);
	sl_arena_free(&a);
}

const char *sl_store_text(const struct sl_store *s, enum sl_fid f, size_t i, char buf[40])
{
	const struct sl_col *c = &s->col[f];
	static const uint8_t zero[16];
	if (c->type == SL_FT_STR)
		return sl_dict_str(&c->dict, c->v.code[i]);
	if (c->type != SL_FT_GUID)
		return "";
	const uint8_t *g = c->v.guid[i];
	if (memcmp(g, zero, 16) == 0)
		return "";
	if (memcmp(g, marker, sizeof marker) == 0) {
		uint32_t code;
		memcpy(&code, g + 12, 4);
		return sl_dict_str(&c->dict, code);
	}
	snprintf(buf, 40, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
	return buf;
}

static void put(struct sl_col *c, size_t i, const struct sl_val *v)
{
	switch (c->type) {
	case SL_FT_STR:
		c->v.code[i] = v->set ? sl_dict_intern(&c->dict, v->s, v->len, v->hash) : 0;
		break;
	case SL_FT_TIME:
		c->v.time[i] = v->set ? v->i : SL_TIME_NONE;
		break;
	case SL_FT_INT:
		c->v.i32[i] = v->set ? (int32_t)v->i : SL_INT_NONE;
		break;
	case SL_FT_FLOAT:
		c->v.dbl[i] = v->set ? v->d : NAN;
		break;
	case SL_FT_BOOL:
		c->v.u8[i] = v->set ? (uint8_t)(v->i != 0) : SL_BOOL_NONE;
		break;
	case SL_FT_ENUM:
		c->v.u8[i] = (uint8_t)v->i;
		break;
	case SL_FT_GUID:
		put_guid(c, c->v.guid[i], v);
		break;
	}
}

/* The request-id set: open addressing over row numbers, keyed by the stored 16 bytes. A byte
 * of each id's hash sits beside its slot, so that a probe passing other ids (most ids are
 * new: every probe ends at an empty slot) seldom reads their bytes. */
static uint32_t id_hash(const uint8_t g[16])
{
	return sl_hash((const char *)g, 16);
}

static size_t id_slot(const struct sl_store *s, const uint8_t g[16], uint32_t h)
{
	uint8_t tag = (uint8_t)(h >> 24);
	for (size_t k = h & s->ids_mask;; k = (k + 1) & s->ids_mask) {
		uint32_t r = s->ids[k];
		if (!r || (s->idtag[k] == tag && memcmp(s->col[SL_F_REQUEST_ID].v.guid[r - 1], g, 16) == 0))
			return k;
	}
}

static void ids_grow(struct sl_store *s)
{
	size_t n = s->ids ? (s->ids_mask + 1) * 2 : 1024;
	const struct sl_col *idc = &s->col[SL_F_REQUEST_ID];
	static const uint8_t none[16];
	free(s->ids);
	free(s->idtag);
	s->ids = sl_xcalloc(n, sizeof *s->ids);
	s->idtag = sl_xcalloc(n, 1);
	s->ids_mask = n - 1;
	/* every loaded row with an id is in the set once: the rows in order read the ids in
	 * one stream */
	for (size_t r = 0; r < s->n; r++) {
		const uint8_t *g = idc->v.guid[r];
		if (memcmp(g, none, 16) == 0)
			continue;
		uint32_t h = id_hash(g);
		size_t k = h & s->ids_mask;
		while (s->ids[k])
			k = (k + 1) & s->ids_mask;
		s->ids[k] = (uint32_t)r + 1;
		s->idtag[k] = (uint8_t)(h >> 24);
	}
}

static void grow_rows(struct sl_store *s)
{
	size_t cap = s->cap ? s->cap * 2 : 4096;
	for (int f = 0; f < SL_F__COUNT; f++)
		if (sl_fields[f].list == SL_LIST_NONE && s->want[f])
			s->col[f].v.any = sl_xrealloc(s->col[f].v.any, cap * elsize(s->col[f].type));
	for (int l = 1; l < SL_LIST__COUNT; l++)
		s->loff[l] = sl_xrealloc(s->loff[l], (cap + 1) * sizeof(uint32_t));
	s->user = sl_xrealloc(s->user, cap * sizeof *s->user);
	s->cap = cap;
}

static void grow_children(struct sl_store *s, enum sl_list l, size_t need)
{
	size_t cap = s->child_cap[l] ? s->child_cap[l] : 4096;
	while (cap < need)
		cap *= 2;
	if (cap > UINT32_MAX)
		sl_die(SL_EXIT_ERROR, "too many list values for one store");
	for (int k = 0; k < sl_list_nfields[l]; k++) {
		struct sl_col *c = &s->col[sl_list_fields[l][k]];
		if (s->want[sl_list_fields[l][k]])
			c->v.any = sl_xrealloc(c->v.any, cap * elsize(c->type));
	}
	s->child_cap[l] = cap;
}

/* Put the id (already in the next row's slot) into the id set, unless it is there: then the
 * row is a duplicate and 0 is returned. *slot is where it goes. */
static int id_new(struct sl_store *s, uint32_t h, size_t *slot)
{
	const uint8_t *g = s->col[SL_F_REQUEST_ID].v.guid[s->n];
	if ((s->nids + 1) * 2 > (s->ids ? s->ids_mask + 1 : 0))
		ids_grow(s);
	*slot = id_slot(s, g, h);
	if (s->ids[*slot])
		return 0;
	s->idtag[*slot] = (uint8_t)(h >> 24);
	return 1;
}

static void begin_row(struct sl_store *s)
{
	if (s->n == s->cap)
		grow_rows(s);
	if (s->n >= UINT32_MAX - 1)
		sl_die(SL_EXIT_ERROR, "too many sign-ins for one store");
}

/* The lists, the user and the id of row s->n, which is then added. */
static void end_row(struct sl_store *s, const struct sl_lrow *list, const char *user, uint32_t ulen,
                    uint32_t uhash, int has_id, size_t slot)
{
	size_t i = s->n;
	for (int l = 1; l < SL_LIST__COUNT; l++) {
		size_t start = s->nchild[l], nf = (size_t)sl_list_nfields[l];
		uint32_t n = list ? list[l].n : 0;
		if (start + n > s->child_cap[l])
			grow_children(s, (enum sl_list)l, start + n);
		for (uint32_t e = 0; e < n; e++)
			for (size_t k = 0; k < nf; k++)
				if (s->want[sl_list_fields[l][k]])
					put(&s->col[sl_list_fields[l][k]], start + e, &list[l].v[e * nf + k]);
		s->nchild[l] = start + n;
		s->loff[l][i + 1] = (uint32_t)s->nchild[l];
	}
	s->user[i] = user ? sl_dict_intern(&s->users, user, ulen, uhash) : 0;
	if (has_id) {
		s->ids[slot] = (uint32_t)i + 1;
		s->nids++;
	}
	s->n = i + 1;
}

int sl_store_add(struct sl_store *s, const struct sl_row *r)
{
	struct sl_col *idc = &s->col[SL_F_REQUEST_ID];
	const struct sl_val *id = &r->f[SL_F_REQUEST_ID];
	size_t slot = 0;
	begin_row(s);
	/* the id goes into the next row's slot first: it is only kept if the row is */
	put(idc, s->n, id);
	if (id->set && !id_new(s, id_hash(idc->v.guid[s->n]), &slot))
		return 0;
	for (size_t k = 1; k < s->npack; k++)
		put(&s->col[s->pack[k]], s->n, &r->f[s->pack[k]]);
	end_row(s, r->list, r->userkey.set ? r->userkey.s : NULL, r->userkey.len, r->userkey.hash, id->set, slot);
	return 1;
}

/* Every one-value field of the registry fits a packed row (struct sl_prow's text bits). */
#define X(id, name, type, list, ...) +(SL_LIST_##list == SL_LIST_NONE)
_Static_assert(0
#include "fields.def"
               <= SL_PACK_MAX, "more one-value fields than a packed row takes");
#undef X

void sl_store_pack(const struct sl_store *s, const struct sl_row *r, struct sl_prow *h, struct sl_pval *out,
                   struct sl_arena *a)
{
	memset(h, 0, sizeof *h);
	for (int l = 1; l < SL_LIST__COUNT; l++)
		if (r->list[l].n) {
			struct sl_lrow *c = sl_arena_alloc(a, sizeof r->list);
			memcpy(c, r->list, sizeof r->list);
			h->list = c;
			break;
		}
	if (r->userkey.set) {
		h->user.s = r->userkey.s;
		h->user.len = r->userkey.len;
		h->user.hash = r->userkey.hash;
		h->user_is_value = r->userkey.s == r->f[SL_F_USER].s && r->userkey.len == r->f[SL_F_USER].len &&
		                   r->f[SL_F_USER].set;
	}
	for (size_t k = 0; k < s->npack; k++) {
		const struct sl_val *v = &r->f[s->pack[k]];
		struct sl_pval *o = &out[k];
		memset(o, 0, sizeof *o);
		switch (s->col[s->pack[k]].type) {
		case SL_FT_STR:
			if (v->set && v->len) {
				o->u.t.s = v->s;
				o->u.t.len = v->len;
				o->u.t.hash = v->hash;
			}
			break;
		case SL_FT_GUID:
			/* the adding thread is the bottleneck: GUIDs are parsed here, in the parse threads */
			if (!v->set)
				break;
			if (guid_parse(v->s, v->len, o->u.guid) == 0) {
				if (k == 0)
					h->idhash = id_hash(o->u.guid);
			} else {
				o->u.t.s = v->s;
				o->u.t.len = v->len;
				o->u.t.hash = v->hash;
				h->text |= (uint64_t)1 << k;
			}
			break;
		case SL_FT_TIME:
			o->u.time = v->set ? v->i : SL_TIME_NONE;
			break;
		case SL_FT_INT:
			o->u.i32 = v->set ? (int32_t)v->i : SL_INT_NONE;
			break;
		case SL_FT_FLOAT:
			o->u.dbl = v->set ? v->d : NAN;
			break;
		case SL_FT_BOOL:
			o->u.u8 = v->set ? (uint8_t)(v->i != 0) : SL_BOOL_NONE;
			break;
		case SL_FT_ENUM:
			o->u.u8 = (uint8_t)v->i;
			break;
		}
	}
}

void sl_store_prefetch(const struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v)
{
	if (s->ids && !(h->text & 1)) {
		__builtin_prefetch(&s->ids[h->idhash & s->ids_mask]);
		__builtin_prefetch(&s->idtag[h->idhash & s->ids_mask]);
	}
	if (h->user.s && !h->user_is_value) {
		__builtin_prefetch(h->user.s);
		sl_dict_prefetch(&s->users, h->user.hash);
	}
	for (size_t j = 0; j < s->npack_str; j++) {
		size_t k = s->pack_str[j];
		if (v[k].u.t.s) {
			__builtin_prefetch(v[k].u.t.s);
			sl_dict_prefetch(&s->col[s->pack[k]].dict, v[k].u.t.hash);
		}
	}
}

/* A packed value into column c at i. */
static void put_packed(struct sl_col *c, size_t i, const struct sl_pval *v, int text)
{
	switch (c->type) {
	case SL_FT_STR:
		c->v.code[i] = v->u.t.s ? sl_dict_intern(&c->dict, v->u.t.s, v->u.t.len, v->u.t.hash) : 0;
		break;
	case SL_FT_GUID:
		if (text) {
			uint32_t code = sl_dict_intern(&c->dict, v->u.t.s, v->u.t.len, v->u.t.hash);
			memcpy(c->v.guid[i], marker, sizeof marker);
			memcpy(c->v.guid[i] + 12, &code, 4);
		} else {
			memcpy(c->v.guid[i], v->u.guid, 16);
		}
		break;
	case SL_FT_TIME:
		c->v.time[i] = v->u.time;
		break;
	case SL_FT_INT:
		c->v.i32[i] = v->u.i32;
		break;
	case SL_FT_FLOAT:
		c->v.dbl[i] = v->u.dbl;
		break;
	case SL_FT_BOOL:
	case SL_FT_ENUM:
		c->v.u8[i] = v->u.u8;
		break;
	}
}

int sl_store_add_packed(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v)
{
	struct sl_col *idc = &s->col[SL_F_REQUEST_ID];
	size_t slot = 0;
	int has_id;
	begin_row(s);
	put_packed(idc, s->n, &v[0], h->text & 1);
	has_id = (h->text & 1) || memcmp(idc->v.guid[s->n], zero16, 16) != 0;
	if (has_id && !id_new(s, (h->text & 1) ? id_hash(idc->v.guid[s->n]) : h->idhash, &slot))
		return 0;
	for (size_t k = 1; k < s->npack; k++)
		put_packed(&s->col[s->pack[k]], s->n, &v[k], (int)(h->text >> k & 1));
	if (h->user_is_value) {
		/* the key is the user value: one lookup per distinct user, not per sign-in */
		uint32_t uc = s->col[SL_F_USER].v.code[s->n];
		if (uc >= s->user_of_cap) {
			size_t old = s->user_of_cap;
			sl_grow((void **)&s->user_of, &s->user_of_cap, (size_t)uc + 1, sizeof *s->user_of);
			memset(s->user_of + old, 0, (s->user_of_cap - old) * sizeof *s->user_of);
		}
		if (!s->user_of[uc])
			s->user_of[uc] = sl_dict_intern(&s->users, h->user.s, h->user.len, h->user.hash);
		end_row(s, h->list, NULL, 0, 0, has_id, slot);
		s->user[s->n - 1] = s->user_of[uc];
		return 1;
	}
	end_row(s, h->list, h->user.s, h->user.len, h->user.hash, has_id, slot);
	return 1;
}
