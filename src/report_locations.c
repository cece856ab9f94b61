/* report_locations.c — `signlog locations`: sign-ins per country, city, IP address and autonomous system. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "util.h"

/* Row numbers ordered by code (a counting sort, so O(n) and stable). Walking rows in this
 * order, the distinct codes per key are counted with one "last code seen" mark per key
 * instead of a set per key. */
static uint32_t *order_by(const uint32_t *code, size_t n, uint32_t ncodes)
{
	size_t *start = sl_xcalloc((size_t)ncodes + 1, sizeof *start);
	uint32_t *ord = sl_xmalloc((n ? n : 1) * sizeof *ord);
	for (size_t i = 0; i < n; i++)
		start[code[i] + 1]++;
	for (uint32_t c = 1; c <= ncodes; c++)
		start[c] += start[c - 1];
	for (size_t i = 0; i < n; i++)
		ord[start[code[i]]++] = (uint32_t)i;
	free(start);
	return ord;
}

/* out[key[i]] += 1 for each distinct non-zero code[i] per key; ord orders rows by code. */
static void count_distinct(const uint32_t *ord, size_t n, const uint32_t *code, const uint32_t *key,
                           size_t nkeys, int64_t *out)
{
	uint32_t *mark = sl_xcalloc(nkeys ? nkeys : 1, sizeof *mark);
	for (size_t j = 0; j < n; j++) {
		uint32_t i = ord[j], c = code[i], k = key[i];
		if (c && mark[k] != c) {
			mark[k] = c;
			out[k]++;
		}
	}
	free(mark);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The figures of one item of a table. */
struct item {
	int64_t n, users, failures, distinct;   /* distinct: countries of an IP, IPs of an ASN */
};

/* Rank items 0..nitems-1 (those with sign-ins) by sign-ins, then key. */
static size_t rank(const struct item *it, size_t nitems, const char *(*key)(const void *, size_t),
                   const void *ctx, struct sl_rank *rk)
{
	size_t nr = 0;
	for (size_t k = 0; k < nitems; k++)
		if (it[k].n)
			rk[nr++] = (struct sl_rank){ it[k].n, key ? key(ctx, k) : NULL, k };
	sl_rank_sort(rk, nr);
	return nr;
}

static const char *dict_key(const void *ctx, size_t k)
{
	return sl_dict_str(ctx, (uint32_t)k);
}

const enum sl_fid sl_locations_fields[] = {
	SL_F_COUNTRY, SL_F_CITY, SL_F_IP, SL_F_ASN, SL_F_STATUS, SL_F_USER, SL_F_USER_ID,
	SL_F_EVENT_TYPE, SL_F__COUNT
};

void sl_report_locations(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const struct sl_col *country = &s->col[SL_F_COUNTRY], *city = &s->col[SL_F_CITY];
	const struct sl_col *ip = &s->col[SL_F_IP];
	const int32_t *asn = s->col[SL_F_ASN].v.i32;
	const uint8_t *status = s->col[SL_F_STATUS].v.u8;
	size_t n = s->n, show, nr;
	uint32_t *by_user = order_by(s->user, n, s->users.n);
	uint32_t nc = country->dict.n, nip = ip->dict.n;
	struct sl_rank *rk;
	struct sl_section *sec;

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "sign_ins", (int64_t)n);

	/* countries */
	struct item *ci = sl_xcalloc(nc, sizeof *ci);
	int64_t *tmp = sl_xcalloc(nc > nip ? nc : nip, sizeof *tmp);
	for (size_t i = 0; i < n; i++) {
		ci[country->v.code[i]].n++;
		ci[country->v.code[i]].failures += status[i] == SL_ST_FAILURE;
	}
	count_distinct(by_user, n, s->user, country->v.code, nc, tmp);
	for (uint32_t k = 0; k < nc; k++)
		ci[k].users = tmp[k];
	static const struct sl_column ccols[] = {
		{ "country", "Country", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
		{ "failures", "Failures", SL_CT_INT, 0 },
	};
	rk = sl_xmalloc(nc * sizeof *rk);
	nr = rank(ci, nc, dict_key, &country->dict, rk);
	sec = sl_report_section(r, "countries", "Countries", SL_SEC_TABLE, ccols, 4);
	sl_section_chart(sec, SL_CHART_BARS, "country", "sign_ins");
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		const struct item *e = &ci[rk[k].idx];
		/* the sign-ins that log no value: a null cell, never a value that looks logged */
		if (rk[k].idx)
			sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], e->n);
		sl_cell_int(&c[2], e->users);
		sl_cell_int(&c[3], e->failures);
	}
	free(rk);
	free(ci);

	/* cities: a city is a (city, country) pair, numbered by walking rows ordered by city */
	uint32_t *pair = sl_xmalloc((n ? n : 1) * sizeof *pair), npairs = 0;
	uint32_t *pcity = sl_xmalloc((n ? n : 1) * sizeof *pcity), *pcountry = sl_xmalloc((n ? n : 1) * sizeof *pcountry);
	{
		uint32_t *ord = order_by(city->v.code, n, city->dict.n);
		uint32_t *mark = sl_xcalloc(nc, sizeof *mark), *slot = sl_xcalloc(nc, sizeof *slot);
		for (size_t j = 0; j < n; j++) {
			uint32_t i = ord[j], cy = city->v.code[i], co = country->v.code[i];
			if (mark[co] != cy + 1) {
				mark[co] = cy + 1;
				slot[co] = npairs;
				pcity[npairs] = cy;
				pcountry[npairs++] = co;
			}
			pair[i] = slot[co];
		}
		free(ord);
		free(mark);
		free(slot);
	}
	struct item *pi = sl_xcalloc(npairs ? npairs : 1, sizeof *pi);
	int64_t *pu = sl_xcalloc(npairs ? npairs : 1, sizeof *pu);
	for (size_t i = 0; i < n; i++)
		pi[pair[i]].n++;
	count_distinct(by_user, n, s->user, pair, npairs, pu);
	rk = sl_xmalloc((npairs ? npairs : 1) * sizeof *rk);
	nr = 0;
	/* ties: by city, then country (a unit separator sorts below any printable byte) */
	for (uint32_t k = 0; k < npairs; k++)
		rk[nr++] = (struct sl_rank){ pi[k].n, sl_arena_printf(&r->arena, "%s\x1f%s",
		                             sl_dict_str(&city->dict, pcity[k]), sl_dict_str(&country->dict, pcountry[k])), k };
	sl_rank_sort(rk, nr);
	static const struct sl_column tcols[] = {
		{ "city", "City", SL_CT_STR, 0 },
		{ "country", "Country", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
	};
	sec = sl_report_section(r, "cities", "Cities", SL_SEC_TABLE, tcols, 4);
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t p = rk[k].idx;
		if (pcity[p])
			sl_cell_cstr(r, &c[0], sl_dict_str(&city->dict, pcity[p]));
		if (pcountry[p])
			sl_cell_cstr(r, &c[1], sl_dict_str(&country->dict, pcountry[p]));
		sl_cell_int(&c[2], pi[p].n);
		sl_cell_int(&c[3], pu[p]);
	}
	free(rk);
	free(pi);
	free(pu);
	free(pcity);
	free(pcountry);
	free(pair);

	/* IP addresses */
	struct item *ii = sl_xcalloc(nip, sizeof *ii);
	for (size_t i = 0; i < n; i++) {
		ii[ip->v.code[i]].n++;
		ii[ip->v.code[i]].failures += status[i] == SL_ST_FAILURE;
	}
	memset(tmp, 0, nip * sizeof *tmp);
	count_distinct(by_user, n, s->user, ip->v.code, nip, tmp);
	for (uint32_t k = 0; k < nip; k++)
		ii[k].users = tmp[k];
	{
		uint32_t *ord = order_by(country->v.code, n, nc);
		memset(tmp, 0, nip * sizeof *tmp);
		count_distinct(ord, n, country->v.code, ip->v.code, nip, tmp);
		for (uint32_t k = 0; k < nip; k++)
			ii[k].distinct = tmp[k];
		free(ord);
	}
	static const struct sl_column icols[] = {
		{ "ip", "IP address", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
		{ "failures", "Failures", SL_CT_INT, 0 },
		{ "countries", "Countries", SL_CT_INT, 0 },
	};
	rk = sl_xmalloc(nip * sizeof *rk);
	nr = rank(ii, nip, dict_key, &ip->dict, rk);
	sec = sl_report_section(r, "ips", "IP addresses", SL_SEC_TABLE, icols, 5);
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		const struct item *e = &ii[rk[k].idx];
		if (rk[k].idx)
			sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], e->n);
		sl_cell_int(&c[2], e->users);
		sl_cell_int(&c[3], e->failures);
		sl_cell_int(&c[4], e->distinct);
	}
	free(rk);
	free(ii);
	free(tmp);

	/* ASNs: numbered 1.. in ascending order (0 = no ASN), so ties rank by number */
	int32_t *av = sl_xmalloc((n ? n : 1) * sizeof *av);
	size_t na = 0;
	for (size_t i = 0; i < n; i++)
		if (asn[i] != SL_INT_NONE)
			av[na++] = asn[i];
	qsort(av, na, sizeof *av, cmp_i32);
	size_t nu = 0;
	for (size_t k = 0; k < na; k++)
		if (k == 0 || av[k] != av[k - 1])
			av[nu++] = av[k];
	uint32_t *ak = sl_xmalloc((n ? n : 1) * sizeof *ak);
	for (size_t i = 0; i < n; i++) {
		int32_t *hit = asn[i] == SL_INT_NONE ? NULL : bsearch(&asn[i], av, nu, sizeof *av, cmp_i32);
		ak[i] = hit ? (uint32_t)(hit - av) + 1 : 0;
	}
	struct item *ai = sl_xcalloc(nu + 1, sizeof *ai);
	int64_t *t2 = sl_xcalloc(nu + 1, sizeof *t2);
	for (size_t i = 0; i < n; i++)
		ai[ak[i]].n++;
	count_distinct(by_user, n, s->user, ak, nu + 1, t2);
	for (size_t k = 0; k <= nu; k++)
		ai[k].users = t2[k];
	{
		uint32_t *ord = order_by(ip->v.code, n, nip);
		memset(t2, 0, (nu + 1) * sizeof *t2);
		count_distinct(ord, n, ip->v.code, ak, nu + 1, t2);
		for (size_t k = 0; k <= nu; k++)
			ai[k].distinct = t2[k];
		free(ord);
	}
	static const struct sl_column acols[] = {
		{ "asn", "ASN", SL_CT_INT, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
		{ "ips", "IP addresses", SL_CT_INT, 0 },
	};
	rk = sl_xmalloc((nu + 1) * sizeof *rk);
	nr = rank(ai, nu + 1, NULL, NULL, rk);
	sec = sl_report_section(r, "asns", "Autonomous systems", SL_SEC_TABLE, acols, 4);
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t a = rk[k].idx;
		if (a)
			sl_cell_int(&c[0], av[a - 1]);
		sl_cell_int(&c[1], ai[a].n);
		sl_cell_int(&c[2], ai[a].users);
		sl_cell_int(&c[3], ai[a].distinct);
	}
	free(rk);
	free(ai);
	free(t2);
	free(ak);
	free(av);
	free(by_user);
}
