/* report_apps.c — `signlog apps`: sign-ins, outcomes and users per application (--by resource: per resource). */
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "util.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

const enum sl_fid sl_apps_fields[] = {
	SL_F_APP, SL_F_APP_ID, SL_F_RESOURCE, SL_F_RESOURCE_ID, SL_F_STATUS, SL_F_ERROR_CODE,
	SL_F_USER, SL_F_USER_ID, SL_F_EVENT_TYPE, SL_F__COUNT
};

void sl_report_apps(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	/* --by resource: one row per resource instead of per application */
	const int res = q->by == SL_F_RESOURCE;
	const struct sl_col *id = &s->col[res ? SL_F_RESOURCE_ID : SL_F_APP_ID];
	const struct sl_col *name = &s->col[res ? SL_F_RESOURCE : SL_F_APP];
	const int32_t *code = s->col[SL_F_ERROR_CODE].v.i32;
	struct sl_dict keys;
	sl_dict_init(&keys);

	/* An item is its id compared in lower case, else (no id) its name: ids first, then
	 * one item per name of the sign-ins without an id; item 0 has neither. */
	uint32_t *id_item = sl_xcalloc(id->dict.n, sizeof *id_item);
	for (uint32_t c = 1; c < id->dict.n; c++)
		id_item[c] = sl_intern_lower(&keys, &id->dict, c);
	size_t nid = keys.n, nitems = nid + name->dict.n;
	uint32_t *item = sl_xmalloc((s->n ? s->n : 1) * sizeof *item);
	uint32_t *item_name = sl_xcalloc(nitems, sizeof *item_name);
	int64_t (*st)[SL_ST__COUNT] = sl_xcalloc(nitems, sizeof *st);
	int64_t *total = sl_xcalloc(nitems, sizeof *total), *users = sl_xcalloc(nitems, sizeof *users);
	uint32_t *mark = sl_xcalloc(nitems, sizeof *mark);
	uint64_t *pairs = sl_xmalloc((s->n ? s->n : 1) * sizeof *pairs);
	size_t npairs = 0;

	for (size_t i = 0; i < s->n; i++) {
		uint32_t ic = id->v.code[i], nc = name->v.code[i];
		uint32_t it = ic ? id_item[ic] : nc ? (uint32_t)nid + nc : 0;
		item[i] = it;
		/* the name shown is the one logged with the item's first sign-in that has one */
		if (!item_name[it])
			item_name[it] = nc;
		total[it]++;
		st[it][s->col[SL_F_STATUS].v.u8[i]]++;
		if (code[i] != 0 && code[i] != SL_INT_NONE)
			pairs[npairs++] = (uint64_t)it << 32 | (uint32_t)code[i];
	}
	size_t nord;
	uint32_t *ord = sl_rows_by_user(s, &nord);
	for (size_t j = 0; j < nord; j++) {
		uint32_t i = ord[j], it = item[i];
		if (mark[it] != s->user[i]) {
			mark[it] = s->user[i];
			users[it]++;
		}
	}
	free(ord);

	/* top error code per item: runs of equal (item, code) pairs, the longest run wins and
	 * on a tie the lower code (the first run of the item in sorted order) */
	int32_t *top = sl_xmalloc(nitems * sizeof *top);
	int64_t *topn = sl_xcalloc(nitems, sizeof *topn);
	qsort(pairs, npairs, sizeof *pairs, cmp_u64);
	for (size_t a = 0, b; a < npairs; a = b) {
		for (b = a + 1; b < npairs && pairs[b] == pairs[a]; b++)
			;
		uint32_t it = (uint32_t)(pairs[a] >> 32);
		if ((int64_t)(b - a) > topn[it]) {
			topn[it] = (int64_t)(b - a);
			top[it] = (int32_t)(uint32_t)pairs[a];
		}
	}

	struct sl_rank *rk = sl_xmalloc(nitems * sizeof *rk);
	size_t nr = 0;
	/* ties: by name, or by id when the item has no name */
	for (size_t it = 0; it < nitems; it++)
		if (total[it])
			rk[nr++] = (struct sl_rank){ total[it], item_name[it] || it >= nid ?
			                             sl_dict_str(&name->dict, item_name[it]) :
			                             sl_dict_str(&keys, (uint32_t)it), it };
	sl_rank_sort(rk, nr);

	const char *what = res ? "resource" : "app";
	struct sl_column cols[] = {
		{ what, res ? "Resource" : "Application", SL_CT_STR, 0 },
		{ res ? "resource_id" : "app_id", res ? "Resource ID" : "App ID", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "success", "Success", SL_CT_INT, 0 },
		{ "failure", "Failure", SL_CT_INT, 0 },
		{ "interrupted", "Interrupted", SL_CT_INT, 0 },
		{ "unknown", "Unknown", SL_CT_INT, 0 },
		{ "users", "Users", SL_CT_INT, 0 },
		{ "top_error_code", "Top error", SL_CT_INT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, res ? "resources" : "apps",
	                                           res ? "Sign-ins per resource" : "Sign-ins per application",
	                                           SL_SEC_TABLE, cols, sizeof cols / sizeof cols[0]);
	size_t show = sl_top_rows(r, sec, q, nr, 50);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t it = rk[k].idx;
		/* no name or no id: a null cell, so "not logged" never looks like a value */
		if (item_name[it])
			sl_cell_cstr(r, &c[0], sl_dict_str(&name->dict, item_name[it]));
		if (it && it < nid)
			sl_cell_cstr(r, &c[1], sl_dict_str(&keys, (uint32_t)it));
		sl_cell_int(&c[2], total[it]);
		sl_cell_int(&c[3], st[it][SL_ST_SUCCESS]);
		sl_cell_int(&c[4], st[it][SL_ST_FAILURE]);
		sl_cell_int(&c[5], st[it][SL_ST_INTERRUPTED]);
		sl_cell_int(&c[6], st[it][SL_ST_UNKNOWN]);
		sl_cell_int(&c[7], users[it]);
		if (topn[it])
			sl_cell_int(&c[8], top[it]);
	}

	free(rk);
	free(top);
	free(topn);
	free(pairs);
	free(mark);
	free(users);
	free(total);
	free(st);
	free(item_name);
	free(item);
	free(id_item);
	sl_dict_free(&keys);
}
