/* store.c — columnar store: one array per field, strings dictionary-encoded, lists as offsets. */
#include <math.h>
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
	}
	return 8;
}

void sl_store_init(struct sl_store *s)
{
	memset(s, 0, sizeof *s);
	for (int f = 0; f < SL_F__COUNT; f++) {
		s->col[f].type = sl_fields[f].type;
		if (s->col[f].type == SL_FT_STR)
			sl_dict_init(&s->col[f].dict);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++)
		s->loff[l] = sl_xcalloc(1, sizeof(uint32_t));
	sl_dict_init(&s->users);
}

void sl_store_free(struct sl_store *s)
{
	for (int f = 0; f < SL_F__COUNT; f++) {
		free(s->col[f].v.any);
		if (s->col[f].type == SL_FT_STR)
			sl_dict_free(&s->col[f].dict);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++)
		free(s->loff[l]);
	free(s->user);
	sl_dict_free(&s->users);
	memset(s, 0, sizeof *s);
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
	}
}

static void grow_rows(struct sl_store *s)
{
	size_t cap = s->cap ? s->cap * 2 : 4096;
	for (int f = 0; f < SL_F__COUNT; f++)
		if (sl_fields[f].list == SL_LIST_NONE)
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
		c->v.any = sl_xrealloc(c->v.any, cap * elsize(c->type));
	}
	s->child_cap[l] = cap;
}

int sl_store_add(struct sl_store *s, const struct sl_row *r)
{
	const struct sl_val *id = &r->f[SL_F_REQUEST_ID];
	struct sl_col *idc = &s->col[SL_F_REQUEST_ID];
	uint32_t before = idc->dict.n, code = 0;
	size_t i = s->n;

	if (id->set) {
		code = sl_dict_intern(&idc->dict, id->s, id->len, id->hash);
		if (code < before)
			return 0;
	}
	if (i == s->cap)
		grow_rows(s);
	for (int f = 0; f < SL_F__COUNT; f++) {
		if (sl_fields[f].list != SL_LIST_NONE)
			continue;
		if (f == SL_F_REQUEST_ID)
			idc->v.code[i] = code;
		else
			put(&s->col[f], i, &r->f[f]);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++) {
		const struct sl_lrow *lr = &r->list[l];
		size_t start = s->nchild[l], nf = (size_t)sl_list_nfields[l];
		if (start + lr->n > s->child_cap[l])
			grow_children(s, (enum sl_list)l, start + lr->n);
		for (uint32_t e = 0; e < lr->n; e++)
			for (size_t k = 0; k < nf; k++)
				put(&s->col[sl_list_fields[l][k]], start + e, &lr->v[e * nf + k]);
		s->nchild[l] = start + lr->n;
		s->loff[l][i + 1] = (uint32_t)s->nchild[l];
	}
	s->user[i] = r->userkey.set ? sl_dict_intern(&s->users, r->userkey.s, r->userkey.len, r->userkey.hash) : 0;
	s->n = i + 1;
	return 1;
}
