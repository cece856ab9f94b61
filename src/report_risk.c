/* report_risk.c — `signlog risk`: risk levels, states and event types; risky users and service principals. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"
#include "util.h"

/* Risk levels as Graph names them; low, medium and high (ranks 1-3) make a sign-in risky. */
static const char *const level_names[] = { "none", "low", "medium", "high", "hidden", "unknownFutureValue" };
#define NLEVELS (sizeof level_names / sizeof level_names[0])

static int level_index(const char *v)
{
	for (size_t k = 0; k < NLEVELS; k++)
		if (strcasecmp(v, level_names[k]) == 0)
			return (int)k;
	return -1;
}

/* A MAP of a text field's values: the known levels first (levels != 0: every one, in
 * their order, matched without regard to case), then the other values as logged, ranked.
 * Percentages are of the sign-ins that log the field. */
static void value_map(struct sl_report *r, const struct sl_store *s, enum sl_fid f, int levels,
                      const char *key, const char *title, const char *col, const char *ctitle)
{
	const struct sl_col *c = &s->col[f];
	int64_t *n = sl_xcalloc(c->dict.n, sizeof *n), known[NLEVELS] = { 0 }, with = 0;
	int *lv = sl_xmalloc(c->dict.n * sizeof *lv);
	for (size_t i = 0; i < s->n; i++)
		n[c->v.code[i]]++;
	for (uint32_t k = 1; k < c->dict.n; k++) {
		lv[k] = levels ? level_index(sl_dict_str(&c->dict, k)) : -1;
		with += n[k];
		if (lv[k] >= 0)
			known[lv[k]] += n[k];
	}
	struct sl_column cols[] = {
		{ col, ctitle, SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "percent", "Percent", SL_CT_PCT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, key, title, SL_SEC_MAP, cols, 3);
	for (size_t k = 0; levels && k < NLEVELS; k++) {
		struct sl_cell *cell = sl_section_row(r, sec);
		sl_cell_cstr(r, &cell[0], level_names[k]);
		sl_cell_int(&cell[1], known[k]);
		sl_cell_dbl(&cell[2], sl_pct(known[k], with));
	}
	struct sl_rank *rk = sl_xmalloc(c->dict.n * sizeof *rk);
	size_t nr = 0;
	for (uint32_t k = 1; k < c->dict.n; k++)
		if (lv[k] < 0)
			rk[nr++] = (struct sl_rank){ n[k], sl_dict_str(&c->dict, k), k };
	sl_rank_sort(rk, nr);
	for (size_t k = 0; k < nr; k++) {
		struct sl_cell *cell = sl_section_row(r, sec);
		sl_cell_cstr(r, &cell[0], rk[k].key);
		sl_cell_int(&cell[1], rk[k].count);
		sl_cell_dbl(&cell[2], sl_pct(rk[k].count, with));
	}
	free(rk);
	free(lv);
	free(n);
}

/* Per risky user or service principal. */
struct risky {
	int64_t n;
	int level;        /* highest rank, 1-3 */
	int64_t last;
	uint32_t name;    /* service principals: sp-name code shown */
};

static void risky_table(struct sl_report *r, const struct sl_query *q, struct sl_section *sec,
                        const struct risky *v, size_t nv, const char *(*key)(const void *, size_t),
                        const void *ctx, void (*extra)(struct sl_report *, struct sl_cell *, const void *, size_t),
                        size_t first)
{
	struct sl_rank *rk = sl_xmalloc((nv ? nv : 1) * sizeof *rk);
	size_t nr = 0;
	for (size_t k = 0; k < nv; k++)
		if (v[k].n)
			rk[nr++] = (struct sl_rank){ v[k].n, key(ctx, k), k };
	sl_rank_sort(rk, nr);
	size_t show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		const struct risky *e = &v[rk[k].idx];
		extra(r, c, ctx, rk[k].idx);
		sl_cell_int(&c[first], e->n);
		sl_cell_cstr(r, &c[first + 1], level_names[e->level]);
		sl_cell_int(&c[first + 2], e->last);
	}
	free(rk);
}

static const char *user_key(const void *ctx, size_t k)
{
	return sl_dict_str(&((const struct sl_store *)ctx)->users, (uint32_t)k);
}

static void user_cells(struct sl_report *r, struct sl_cell *c, const void *ctx, size_t k)
{
	sl_cell_cstr(r, &c[0], user_key(ctx, k));
}

/* Service principals: an item is an sp-id, or (no id) an sp-name; see risk(). */
struct spctx {
	const struct sl_store *s;
	const struct risky *v;
	uint32_t nid;
};

/* ranked by name, or by id when no risky sign-in of it logged a name */
static const char *sp_key(const void *ctx, size_t k)
{
	const struct spctx *x = ctx;
	if (!x->v[k].name && k < x->nid)
		return sl_dict_str(&x->s->col[SL_F_SP_ID].dict, (uint32_t)k);
	return sl_dict_str(&x->s->col[SL_F_SP_NAME].dict, x->v[k].name);
}

static void sp_cells(struct sl_report *r, struct sl_cell *c, const void *ctx, size_t k)
{
	const struct spctx *x = ctx;
	if (x->v[k].name)
		sl_cell_cstr(r, &c[0], sl_dict_str(&x->s->col[SL_F_SP_NAME].dict, x->v[k].name));
	if (k && k < x->nid)
		sl_cell_cstr(r, &c[1], sl_dict_str(&x->s->col[SL_F_SP_ID].dict, (uint32_t)k));
}

const enum sl_fid sl_risk_fields[] = {
	SL_F_RISK_AGG, SL_F_RISK_DURING, SL_F_RISK_STATE, SL_F_RISK_EVENT, SL_F_USER, SL_F_USER_ID,
	SL_F_EVENT_TYPE, SL_F_SP_NAME, SL_F_SP_ID, SL_F_TIME, SL_F__COUNT
};

void sl_report_risk(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const struct sl_col *agg = &s->col[SL_F_RISK_AGG], *dur = &s->col[SL_F_RISK_DURING];
	const struct sl_col *ev = &s->col[SL_F_RISK_EVENT], *spid = &s->col[SL_F_SP_ID];
	const struct sl_col *spname = &s->col[SL_F_SP_NAME];
	const uint32_t *loff = s->loff[SL_LIST_RISK];
	const int64_t *time = s->col[SL_F_TIME].v.time;

	/* rank 1-3 for low, medium, high per dictionary code of both level fields */
	uint8_t *ra = sl_xcalloc(agg->dict.n, 1), *rd = sl_xcalloc(dur->dict.n, 1);
	for (uint32_t k = 1; k < agg->dict.n; k++) {
		int l = level_index(sl_dict_str(&agg->dict, k));
		ra[k] = (uint8_t)(l >= 1 && l <= 3 ? l : 0);
	}
	for (uint32_t k = 1; k < dur->dict.n; k++) {
		int l = level_index(sl_dict_str(&dur->dict, k));
		rd[k] = (uint8_t)(l >= 1 && l <= 3 ? l : 0);
	}

	uint32_t nid = spid->dict.n;
	size_t nsp = nid + spname->dict.n;
	struct risky *ur = sl_xcalloc(s->users.n, sizeof *ur), *sp = sl_xcalloc(nsp, sizeof *sp);
	int64_t risky = 0;
	for (size_t i = 0; i < s->n; i++) {
		int l = ra[agg->v.code[i]] > rd[dur->v.code[i]] ? ra[agg->v.code[i]] : rd[dur->v.code[i]];
		uint8_t e = s->col[SL_F_EVENT_TYPE].v.u8[i];
		struct risky *x;
		if (!l)
			continue;
		risky++;
		if (e == SL_EV_SP || e == SL_EV_MI) {
			uint32_t ic = spid->v.code[i], nc = spname->v.code[i];
			x = &sp[ic ? ic : nc ? nid + nc : 0];
			/* the name shown is the one logged with the first risky sign-in that has one */
			if (!x->name)
				x->name = nc;
		} else if (s->user[i]) {
			x = &ur[s->user[i]];
		} else {
			continue;
		}
		if (!x->n || time[i] > x->last)
			x->last = time[i];
		if (l > x->level)
			x->level = l;
		x->n++;
	}
	int64_t nrisky_users = 0, nrisky_sp = 0;
	for (uint32_t u = 1; u < s->users.n; u++)
		nrisky_users += ur[u].n > 0;
	for (size_t k = 0; k < nsp; k++)
		nrisky_sp += sp[k].n > 0;

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "sign_ins", (int64_t)s->n);
	sl_kv_int(r, root, "risky_sign_ins", risky);
	sl_kv_int(r, root, "risky_users", nrisky_users);
	sl_kv_int(r, root, "risky_service_principals", nrisky_sp);

	value_map(r, s, SL_F_RISK_AGG, 1, "risk_level_aggregated", "Risk level (aggregated)", "level", "Level");
	value_map(r, s, SL_F_RISK_DURING, 1, "risk_level_during_sign_in", "Risk level during sign-in", "level", "Level");
	value_map(r, s, SL_F_RISK_STATE, 0, "risk_state", "Risk state", "state", "State");

	/* event types: sign-ins that list the type (once per sign-in), and their users */
	uint32_t ne = ev->dict.n;
	int64_t *en = sl_xcalloc(ne, sizeof *en), *eu = sl_xcalloc(ne, sizeof *eu);
	uint32_t *mark = sl_xcalloc(ne, sizeof *mark);
	for (size_t i = 0; i < s->n; i++)
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t c = ev->v.code[k];
			if (mark[c] != i + 1) {
				mark[c] = (uint32_t)i + 1;
				en[c]++;
			}
		}
	memset(mark, 0, ne * sizeof *mark);
	size_t nord;
	uint32_t *ord = sl_rows_by_user(s, &nord);
	for (size_t j = 0; j < nord; j++) {
		uint32_t i = ord[j], u = s->user[i];
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t c = ev->v.code[k];
			if (mark[c] != u) {
				mark[c] = u;
				eu[c]++;
			}
		}
	}
	free(ord);
	struct sl_rank *rk = sl_xmalloc(ne * sizeof *rk);
	size_t nr = 0;
	for (uint32_t c = 1; c < ne; c++)
		if (en[c])
			rk[nr++] = (struct sl_rank){ en[c], sl_dict_str(&ev->dict, c), c };
	sl_rank_sort(rk, nr);
	static const struct sl_column ecols[] = {
		{ "risk_event_type", "Risk event type", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, "risk_event_types", "Risk event types", SL_SEC_TABLE, ecols, 3);
	size_t show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], rk[k].count);
		sl_cell_int(&c[2], eu[rk[k].idx]);
	}
	free(rk);
	free(en);
	free(eu);
	free(mark);

	static const struct sl_column ucols[] = {
		{ "user", "User", SL_CT_STR, 0 },
		{ "risky_sign_ins", "Risky sign-ins", SL_CT_INT, 1 },
		{ "highest_level", "Highest level", SL_CT_STR, 0 },
		{ "last_risky_sign_in", "Last risky sign-in", SL_CT_TIME, 0 },
	};
	sec = sl_report_section(r, "top_risky_users", "Risky users", SL_SEC_TABLE, ucols, 4);
	risky_table(r, q, sec, ur, s->users.n, user_key, s, user_cells, 1);

	static const struct sl_column scols[] = {
		{ "service_principal", "Service principal", SL_CT_STR, 0 },
		{ "sp_id", "Service principal ID", SL_CT_STR, 0 },
		{ "risky_sign_ins", "Risky sign-ins", SL_CT_INT, 1 },
		{ "highest_level", "Highest level", SL_CT_STR, 0 },
		{ "last_risky_sign_in", "Last risky sign-in", SL_CT_TIME, 0 },
	};
	struct spctx spx = { s, sp, nid };
	sec = sl_report_section(r, "top_risky_service_principals", "Service principals with risk", SL_SEC_TABLE, scols, 5);
	risky_table(r, q, sec, sp, nsp, sp_key, &spx, sp_cells, 2);

	free(ur);
	free(sp);
	free(ra);
	free(rd);
}
