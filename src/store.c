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
	sl_dict_init(&s->idlow);
	s->pack[s->npack++] = SL_F_REQUEST_ID;
	for (int f = 0; f < SL_F__COUNT; f++)
		if (sl_fields[f].list == SL_LIST_NONE && f != SL_F_REQUEST_ID && s->want[f])
			s->pack[s->npack++] = f;
	for (size_t k = 0; k < s->npack; k++) {
		if (s->col[s->pack[k]].type == SL_FT_STR)
			s->pack_str[s->npack_str++] = k;
		if (s->pack[k] == SL_F_TIME)
			s->pack_time = k;
		if (s->pack[k] == SL_F_SP_ID)
			s->pack_sp = k;
	}
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
	free(s->alt);
	free(s->byfp);
	free(s->idlow_of);
	sl_dict_free(&s->idlow);
	free(s->origin);
	sl_merge_free(s);
	free(s->user_of);
	sl_dict_free(&s->users);
	memset(s, 0, sizeof *s);
}

/* GUID columns: a GUID is stored as its 16 bytes, whatever the case of its hex digits (GUIDs
 * are case-insensitive; they are shown in lower case). Anything else (other text, the nil
 * GUID) goes to the column's dictionary and is stored as twelve 0xFF bytes and the code; all
 * zero bytes mean no value. A GUID whose bytes would look like either is stored through the
 * dictionary as well, so decoding is never ambiguous. */
static const uint8_t marker[12] = { 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255 };
static const uint8_t zero16[16];

static int hexdig(char c)
{
	/* digit + 1, 0 = not a hex digit: one load instead of three ranges per byte */
	static const uint8_t v[256] = {
		['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
		['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
		['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
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
		dst->origin[dst->n - 1] = src->origin[i];
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

/* v into values (an array of column c's type, c's own or another) at i. */
static void put_at(struct sl_col *c, void *values, size_t i, const struct sl_val *v)
{
	union { uint32_t *code; int64_t *time; int32_t *i32; double *dbl; uint8_t *u8; uint8_t (*guid)[16]; void *any; } a;
	a.any = values;
	switch (c->type) {
	case SL_FT_STR:
		a.code[i] = v->set ? sl_dict_intern(&c->dict, v->s, v->len, v->hash) : 0;
		break;
	case SL_FT_TIME:
		a.time[i] = v->set ? v->i : SL_TIME_NONE;
		break;
	case SL_FT_INT:
		a.i32[i] = v->set ? (int32_t)v->i : SL_INT_NONE;
		break;
	case SL_FT_FLOAT:
		a.dbl[i] = v->set ? v->d : NAN;
		break;
	case SL_FT_BOOL:
		a.u8[i] = v->set ? (uint8_t)(v->i != 0) : SL_BOOL_NONE;
		break;
	case SL_FT_ENUM:
		a.u8[i] = (uint8_t)v->i;
		break;
	case SL_FT_GUID:
		put_guid(c, a.guid[i], v);
		break;
	}
}

static void put(struct sl_col *c, size_t i, const struct sl_val *v)
{
	put_at(c, c->v.any, i, v);
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
	s->origin = sl_xrealloc(s->origin, cap * sizeof *s->origin);
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

static void begin_row(struct sl_store *s)
{
	if (s->n == s->cap)
		grow_rows(s);
	if (s->n >= UINT32_MAX - 1)
		sl_die(SL_EXIT_ERROR, "too many sign-ins for one store");
}

/* The lists and the user of row s->n, which is then added. */
static void end_row(struct sl_store *s, const struct sl_lrow *list, const char *user, uint32_t ulen, uint32_t uhash)
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
	s->n = i + 1;
}

void sl_store_add(struct sl_store *s, const struct sl_row *r)
{
	begin_row(s);
	for (size_t k = 0; k < s->npack; k++)
		put(&s->col[s->pack[k]], s->n, &r->f[s->pack[k]]);
	s->origin[s->n] = 0;
	end_row(s, r->list, r->userkey.set ? r->userkey.s : NULL, r->userkey.len, r->userkey.hash);
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
	h->fp = r->fp;
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
					h->idhash = sl_hash((const char *)o->u.guid, 16);
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

size_t sl_store_append(struct sl_store *s, const struct sl_prow *h, const struct sl_pval *v, uint64_t origin)
{
	begin_row(s);
	for (size_t k = 0; k < s->npack; k++)
		put_packed(&s->col[s->pack[k]], s->n, &v[k], (int)(h->text >> k & 1));
	s->origin[s->n] = origin;
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
		end_row(s, h->list, NULL, 0, 0);
		s->user[s->n - 1] = s->user_of[uc];
		return s->n - 1;
	}
	end_row(s, h->list, h->user.s, h->user.len, h->user.hash);
	return s->n - 1;
}

/* ---- revisions: the same sign-in read again with other content --------------------------
 * A revision fills the one-value fields its sign-in lacks and brings the list elements it
 * lacks (one sign-in split over rows, each with some of its policies). Values already there
 * are never replaced, so no dictionary value loses its last row. List elements cannot be
 * appended to a row in the middle of the child tables: they wait here, and sl_store_finish
 * puts them in place. */

struct sl_merge {
	uint32_t *row[SL_LIST__COUNT];     /* pending element k of list l belongs to row row[l][k] */
	size_t n[SL_LIST__COUNT], cap[SL_LIST__COUNT];
	void *val[SL_F__COUNT];            /* list field f's values of those elements, stored form */
};

void sl_merge_free(struct sl_store *s)
{
	struct sl_merge *m = s->merge;
	if (!m)
		return;
	for (int l = 0; l < SL_LIST__COUNT; l++)
		free(m->row[l]);
	for (int f = 0; f < SL_F__COUNT; f++)
		free(m->val[f]);
	free(m);
	s->merge = NULL;
}

/* Is the packed value of column c empty? */
static int packed_empty(const struct sl_col *c, const struct sl_pval *v, int text)
{
	switch (c->type) {
	case SL_FT_STR: return !v->u.t.s;
	case SL_FT_GUID: return text ? !v->u.t.s : memcmp(v->u.guid, zero16, 16) == 0;
	case SL_FT_TIME: return v->u.time == SL_TIME_NONE;
	case SL_FT_INT: return v->u.i32 == SL_INT_NONE;
	case SL_FT_FLOAT: return isnan(v->u.dbl);
	case SL_FT_BOOL: return v->u.u8 == SL_BOOL_NONE;
	case SL_FT_ENUM: return 0;
	}
	return 1;
}

/* Is row i's value of column c empty? */
static int stored_empty(const struct sl_col *c, size_t i)
{
	switch (c->type) {
	case SL_FT_STR: return !c->v.code[i];
	case SL_FT_GUID: return memcmp(c->v.guid[i], zero16, 16) == 0;
	case SL_FT_TIME: return c->v.time[i] == SL_TIME_NONE;
	case SL_FT_INT: return c->v.i32[i] == SL_INT_NONE;
	case SL_FT_FLOAT: return isnan(c->v.dbl[i]);
	case SL_FT_BOOL: return c->v.u8[i] == SL_BOOL_NONE;
	case SL_FT_ENUM: return 0;
	}
	return 0;
}

int sl_store_fill(struct sl_store *s, size_t row, const struct sl_prow *h, const struct sl_pval *v)
{
	int filled = 0;
	for (size_t k = 1; k < s->npack; k++) {
		int f = s->pack[k], text = (int)(h->text >> k & 1);
		struct sl_col *c = &s->col[f];
		if (f == SL_F_TIME || f == SL_F_CATEGORY)
			continue;
		if (f == SL_F_STATUS || f == SL_F_EVENT_TYPE) {
			/* derived: a known one replaces unknown */
			uint8_t unknown = f == SL_F_STATUS ? SL_ST_UNKNOWN : SL_EV_UNKNOWN;
			if (c->v.u8[row] == unknown && v[k].u.u8 != unknown) {
				c->v.u8[row] = v[k].u.u8;
				filled++;
			}
			continue;
		}
		if (stored_empty(c, row) && !packed_empty(c, &v[k], text)) {
			put_packed(c, row, &v[k], text);
			filled++;
		}
	}
	return filled;
}

/* Is the packed value v of column c other than row i's (both present)? */
static int packed_differs(const struct sl_col *c, size_t i, const struct sl_pval *v, int text)
{
	switch (c->type) {
	case SL_FT_STR:
		return c->v.code[i] != sl_dict_find(&c->dict, v->u.t.s, v->u.t.len, v->u.t.hash);
	case SL_FT_GUID:
		if (text) {
			uint32_t code = sl_dict_find(&c->dict, v->u.t.s, v->u.t.len, v->u.t.hash);
			return !code || memcmp(c->v.guid[i], marker, 12) != 0 || memcmp(c->v.guid[i] + 12, &code, 4) != 0;
		}
		return memcmp(c->v.guid[i], v->u.guid, 16) != 0;
	case SL_FT_TIME: return c->v.time[i] != v->u.time;
	case SL_FT_INT: return c->v.i32[i] != v->u.i32;
	case SL_FT_FLOAT: return c->v.dbl[i] != v->u.dbl;
	case SL_FT_BOOL:
	case SL_FT_ENUM: return c->v.u8[i] != v->u.u8;
	}
	return 0;
}

int sl_store_differs(const struct sl_store *s, size_t row, const struct sl_prow *h, const struct sl_pval *v)
{
	int n = 0;
	for (size_t k = 1; k < s->npack; k++) {
		int f = s->pack[k], text = (int)(h->text >> k & 1);
		const struct sl_col *c = &s->col[f];
		/* the time is the identity's, to the second (exports differ in fractions); the
		 * category says which export the record came through, not what the sign-in was */
		if (f == SL_F_TIME || f == SL_F_CATEGORY)
			continue;
		if (f == SL_F_STATUS || f == SL_F_EVENT_TYPE) {
			uint8_t unknown = f == SL_F_STATUS ? SL_ST_UNKNOWN : SL_EV_UNKNOWN;
			n += c->v.u8[row] != unknown && v[k].u.u8 != unknown && c->v.u8[row] != v[k].u.u8;
			continue;
		}
		if (!stored_empty(c, row) && !packed_empty(c, &v[k], text))
			n += packed_differs(c, row, &v[k], text);
	}
	return n;
}

/* Is value v the same as values[i] of column c (an element's field)? */
static int same_value(const struct sl_col *c, const void *values, size_t i, const struct sl_val *v)
{
	union { const uint32_t *code; const int64_t *time; const int32_t *i32; const double *dbl; const uint8_t *u8; const void *any; } a;
	a.any = values;
	switch (c->type) {
	case SL_FT_STR: {
		uint32_t code = 0;
		if (v->set && v->len && !(code = sl_dict_find(&c->dict, v->s, v->len, v->hash)))
			return 0;
		return a.code[i] == code;
	}
	case SL_FT_TIME: return a.time[i] == (v->set ? v->i : SL_TIME_NONE);
	case SL_FT_INT: return a.i32[i] == (v->set ? (int32_t)v->i : SL_INT_NONE);
	case SL_FT_FLOAT: return v->set ? a.dbl[i] == v->d : isnan(a.dbl[i]);
	case SL_FT_BOOL: return a.u8[i] == (v->set ? (uint8_t)(v->i != 0) : SL_BOOL_NONE);
	case SL_FT_ENUM: return a.u8[i] == (uint8_t)v->i;
	case SL_FT_GUID: return 0;
	}
	return 0;
}

/* Is element e (nf values of list l) among row's elements, stored or pending? */
static int has_element(const struct sl_store *s, size_t row, enum sl_list l, const struct sl_val *e)
{
	size_t nf = (size_t)sl_list_nfields[l];
	const struct sl_merge *m = s->merge;
	for (uint32_t k = s->loff[l][row]; k < s->loff[l][row + 1]; k++) {
		size_t j = 0;
		for (; j < nf; j++) {
			enum sl_fid f = sl_list_fields[l][j];
			if (s->want[f] && !same_value(&s->col[f], s->col[f].v.any, k, &e[j]))
				break;
		}
		if (j == nf)
			return 1;
	}
	for (size_t k = 0; m && k < m->n[l]; k++) {
		if (m->row[l][k] != row)
			continue;
		size_t j = 0;
		for (; j < nf; j++) {
			enum sl_fid f = sl_list_fields[l][j];
			if (s->want[f] && !same_value(&s->col[f], m->val[f], k, &e[j]))
				break;
		}
		if (j == nf)
			return 1;
	}
	return 0;
}

int sl_store_merge_lists(struct sl_store *s, size_t row, const struct sl_lrow *list)
{
	int added = 0;
	for (int l = 1; list && l < SL_LIST__COUNT; l++) {
		size_t nf = (size_t)sl_list_nfields[l];
		for (uint32_t e = 0; e < list[l].n; e++) {
			const struct sl_val *ev = list[l].v + e * nf;
			if (has_element(s, row, (enum sl_list)l, ev))
				continue;
			if (!s->merge)
				s->merge = sl_xcalloc(1, sizeof *s->merge);
			struct sl_merge *m = s->merge;
			size_t k = m->n[l];
			if (k == m->cap[l]) {
				size_t cap = m->cap[l] ? m->cap[l] * 2 : 16;
				m->row[l] = sl_xrealloc(m->row[l], cap * sizeof *m->row[l]);
				for (size_t j = 0; j < nf; j++) {
					enum sl_fid f = sl_list_fields[l][j];
					if (s->want[f])
						m->val[f] = sl_xrealloc(m->val[f], cap * elsize(s->col[f].type));
				}
				m->cap[l] = cap;
			}
			m->row[l][k] = (uint32_t)row;
			for (size_t j = 0; j < nf; j++) {
				enum sl_fid f = sl_list_fields[l][j];
				if (s->want[f])
					put_at(&s->col[f], m->val[f], k, &ev[j]);
			}
			m->n[l]++;
			added++;
		}
	}
	return added;
}

/* Pending elements in row order (then in the order they came). */
static const uint32_t *sort_rows;
static int by_row(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (sort_rows[x] != sort_rows[y])
		return sort_rows[x] < sort_rows[y] ? -1 : 1;
	return (x > y) - (x < y);
}

void sl_store_finish(struct sl_store *s)
{
	struct sl_merge *m = s->merge;
	for (int l = 1; m && l < SL_LIST__COUNT; l++) {
		size_t np = m->n[l], total = s->nchild[l] + np, nf = (size_t)sl_list_nfields[l];
		if (!np)
			continue;
		if (total > UINT32_MAX)
			sl_die(SL_EXIT_ERROR, "too many list values for one store");
		uint32_t *order = sl_xmalloc(np * sizeof *order);
		for (uint32_t k = 0; k < np; k++)
			order[k] = k;
		sort_rows = m->row[l];
		qsort(order, np, sizeof *order, by_row);
		void *nv[16] = { 0 };
		for (size_t j = 0; j < nf; j++) {
			enum sl_fid f = sl_list_fields[l][j];
			if (s->want[f])
				nv[j] = sl_xmalloc((total ? total : 1) * elsize(s->col[f].type));
		}
		/* each row's elements, then its pending ones */
		size_t out = 0, p = 0;
		uint32_t *loff = s->loff[l];
		for (size_t r = 0; r < s->n; r++) {
			size_t b = loff[r], e = loff[r + 1];
			for (size_t j = 0; j < nf; j++) {
				enum sl_fid f = sl_list_fields[l][j];
				size_t es = elsize(s->col[f].type);
				if (nv[j] && e > b)
					memcpy((char *)nv[j] + out * es, (char *)s->col[f].v.any + b * es, (e - b) * es);
			}
			size_t o = out + (e - b);
			for (; p < np && m->row[l][order[p]] == r; p++, o++)
				for (size_t j = 0; j < nf; j++) {
					enum sl_fid f = sl_list_fields[l][j];
					size_t es = elsize(s->col[f].type);
					if (nv[j])
						memcpy((char *)nv[j] + o * es, (char *)m->val[f] + order[p] * es, es);
				}
			loff[r] = (uint32_t)out;
			out = o;
		}
		loff[s->n] = (uint32_t)out;
		for (size_t j = 0; j < nf; j++) {
			enum sl_fid f = sl_list_fields[l][j];
			if (nv[j]) {
				free(s->col[f].v.any);
				s->col[f].v.any = nv[j];
			}
		}
		s->nchild[l] = s->child_cap[l] = total;
		free(order);
	}
	sl_merge_free(s);
}
