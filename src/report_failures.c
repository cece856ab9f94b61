/* report_failures.c — `signlog failures`: every non-zero error code with its name, reach and time span. */
#include <stdlib.h>
#include <string.h>
#include "codes.h"
#include "report.h"
#include "sltime.h"
#include "util.h"

const enum sl_fid sl_failures_fields[] = {
	SL_F_TIME, SL_F_ERROR_CODE, SL_F_FAILURE_REASON, SL_F_IP, SL_F_APP, SL_F_COUNTRY, SL_F__COUNT
};

/* Rows per ranked table when --top is not given. */
#define FAILURES_TOP 50

struct code {
	int32_t code;
	int64_t n, users, ips, first, last;
	const char *name;        /* official name, "" when it has none */
	const char *reason;      /* the failure reason logged most often with it, "" for none */
};

/* Code -> index in a small open-addressing table (error codes are few; rows are many). */
struct codemap {
	int32_t *key;
	uint32_t *val;           /* index + 1; 0 = empty slot */
	size_t mask;
};

static uint32_t *slot(const struct codemap *m, int32_t code)
{
	size_t h = ((uint32_t)code * 2654435761u) & m->mask;
	while (m->val[h] && m->key[h] != code)
		h = (h + 1) & m->mask;
	return &m->val[h];
}

static void map_grow(struct codemap *m)
{
	struct codemap old = *m;
	m->mask = old.mask ? old.mask * 2 + 1 : 63;
	m->key = sl_xcalloc(m->mask + 1, sizeof *m->key);
	m->val = sl_xcalloc(m->mask + 1, sizeof *m->val);
	for (size_t h = 0; old.val && h <= old.mask; h++) {
		if (old.val[h]) {
			uint32_t *v = slot(m, old.key[h]);
			m->key[v - m->val] = old.key[h];
			*v = old.val[h];
		}
	}
	free(old.key);
	free(old.val);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int by_code(const void *a, const void *b)
{
	const struct code *x = a, *y = b;
	return (x->code > y->code) - (x->code < y->code);
}

/* The key a --by breakdown groups rows by, or NULL when --by names no such key. */
static const char *by_key(int by)
{
	return by == SL_F_USER ? "user" : by == SL_F_APP ? "app" : by == SL_F_IP ? "ip" :
	       by == SL_F_COUNTRY ? "country" : NULL;
}

void sl_report_failures(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const int32_t *ec = s->col[SL_F_ERROR_CODE].v.i32;
	const int64_t *t = s->col[SL_F_TIME].v.time;
	const struct sl_col *ip = &s->col[SL_F_IP], *fr = &s->col[SL_F_FAILURE_REASON];
	/* --by takes user, app, ip or country (commands.def) */
	const char *key = q->by == SL_BY_NONE ? NULL : by_key(q->by);
	struct codemap map = { 0 };
	struct code *codes = NULL;
	size_t ncodes = 0, cap = 0, nf = 0;

	/* pass 1: the distinct codes, with their counts and time span */
	map_grow(&map);
	for (size_t i = 0; i < s->n; i++) {
		if (ec[i] == 0 || ec[i] == SL_INT_NONE)
			continue;
		uint32_t *v = slot(&map, ec[i]);
		if (!*v) {
			sl_grow((void **)&codes, &cap, ncodes + 1, sizeof *codes);
			memset(&codes[ncodes], 0, sizeof codes[ncodes]);
			codes[ncodes].code = ec[i];
			codes[ncodes].first = codes[ncodes].last = t[i];
			map.key[v - map.val] = ec[i];
			*v = (uint32_t)++ncodes;
			if (ncodes * 2 > map.mask)
				map_grow(&map);
			v = slot(&map, ec[i]);
		}
		struct code *c = &codes[*v - 1];
		c->n++;
		if (t[i] < c->first)
			c->first = t[i];
		if (t[i] > c->last)
			c->last = t[i];
		nf++;
	}
	/* index order = ascending code: the tie-break of every ranking below */
	if (ncodes > 1)
		qsort(codes, ncodes, sizeof *codes, by_code);
	for (uint32_t k = 0; k < ncodes; k++)
		*slot(&map, codes[k].code) = k + 1;

	/* bucket the failing rows by code (counting sort) so that each code's distinct users,
	 * IPs, reasons and keys are counted with stamps, without a set per code */
	size_t *start = sl_xcalloc(ncodes + 1, sizeof *start), *fill = sl_xcalloc(ncodes + 1, sizeof *fill);
	size_t *rows = sl_xmalloc((nf ? nf : 1) * sizeof *rows);
	for (uint32_t k = 0; k < ncodes; k++)
		start[k + 1] = start[k] + (size_t)codes[k].n;
	memcpy(fill, start, (ncodes + 1) * sizeof *fill);
	for (size_t i = 0; i < s->n; i++)
		if (ec[i] != 0 && ec[i] != SL_INT_NONE)
			rows[fill[*slot(&map, ec[i]) - 1]++] = i;

	uint32_t *umark = sl_xcalloc(s->users.n, sizeof *umark), *imark = sl_xcalloc(ip->dict.n, sizeof *imark);
	uint32_t *rmark = sl_xcalloc(fr->dict.n, sizeof *rmark);
	int64_t *rcount = sl_xcalloc(fr->dict.n, sizeof *rcount);
	for (uint32_t k = 0; k < ncodes; k++) {
		struct code *c = &codes[k];
		uint32_t best = 0;
		const char *name = sl_code_name(c->code);
		for (size_t j = start[k]; j < start[k + 1]; j++) {
			size_t i = rows[j];
			uint32_t u = s->user[i], a = ip->v.code[i], e = fr->v.code[i];
			if (u && umark[u] != k + 1) {
				umark[u] = k + 1;
				c->users++;
			}
			if (a && imark[a] != k + 1) {
				imark[a] = k + 1;
				c->ips++;
			}
			if (e) {
				if (rmark[e] != k + 1) {
					rmark[e] = k + 1;
					rcount[e] = 0;
				}
				rcount[e]++;
				/* most frequent; on a tie the text first in byte order, whatever the input order */
				if (!best || rcount[e] > rcount[best] ||
				    (rcount[e] == rcount[best] && strcmp(sl_dict_str(&fr->dict, e), sl_dict_str(&fr->dict, best)) < 0))
					best = e;
			}
		}
		c->name = name ? name : "";
		c->reason = sl_dict_str(&fr->dict, best);
	}

	if (!key) {
		static const struct sl_column cols[] = {
			{ "error_code", "Code", SL_CT_INT, 0 },
			{ "status", "Status", SL_CT_STR, 0 },
			{ "name", "Name", SL_CT_STR, 0 },
			{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
			{ "users", "Users", SL_CT_INT, 0 },
			{ "ips", "IPs", SL_CT_INT, 0 },
			{ "percent", "Percent", SL_CT_PCT, 0 },
			{ "first", "First", SL_CT_TIME, 0 },
			{ "last", "Last", SL_CT_TIME, 0 },
			{ "reason", "Most frequent failure reason", SL_CT_STR, 0 },
		};
		struct sl_section *sec = sl_report_section(r, "failures", "Non-zero error codes", SL_SEC_TABLE, cols, 10);
		struct sl_rank *rank = sl_xcalloc(ncodes ? ncodes : 1, sizeof *rank);
		for (size_t k = 0; k < ncodes; k++) {
			rank[k].count = codes[k].n;
			rank[k].idx = k;
		}
		sl_rank_sort(rank, ncodes);
		size_t show = sl_top_rows(r, sec, q, ncodes, FAILURES_TOP);
		for (size_t j = 0; j < show; j++) {
			const struct code *c = &codes[rank[j].idx];
			struct sl_cell *cell = sl_section_row(r, sec);
			sl_cell_int(&cell[0], c->code);
			sl_cell_cstr(r, &cell[1], sl_status_names[sl_status_of(c->code)]);
			sl_cell_cstr(r, &cell[2], c->name);
			sl_cell_int(&cell[3], c->n);
			sl_cell_int(&cell[4], c->users);
			sl_cell_int(&cell[5], c->ips);
			sl_cell_dbl(&cell[6], sl_pct(c->n, (int64_t)s->n));
			sl_cell_int(&cell[7], c->first);
			sl_cell_int(&cell[8], c->last);
			sl_cell_cstr(r, &cell[9], c->reason);
		}
		free(rank);
	} else {
		/* one row per (key, code) pair: within a code's rows, count per key value */
		const struct sl_dict *names = q->by == SL_F_USER ? &s->users : &s->col[q->by].dict;
		const uint32_t *kc = q->by == SL_F_USER ? s->user : s->col[q->by].v.code;
		struct pair { uint32_t key, code; int64_t users; } *pairs = NULL;
		size_t npairs = 0, pcap = 0;
		uint32_t *kmark = sl_xcalloc(names->n, sizeof *kmark);
		size_t *kpair = sl_xcalloc(names->n, sizeof *kpair);
		int64_t *kcount = sl_xcalloc(names->n, sizeof *kcount);
		/* a code's (pair, user) couples, sorted to count each pair's distinct users: a
		 * password spray is one IP and one code with many users */
		uint64_t *pu = sl_xmalloc((nf ? nf : 1) * sizeof *pu);
		struct sl_rank *rank = NULL;
		size_t rcap = 0;
		for (uint32_t k = 0; k < ncodes; k++) {
			size_t first = npairs, npu = 0;
			for (size_t j = start[k]; j < start[k + 1]; j++) {
				uint32_t v = kc[rows[j]], u = s->user[rows[j]];
				if (kmark[v] != k + 1) {
					kmark[v] = k + 1;
					kcount[v] = 0;
					kpair[v] = npairs;
					sl_grow((void **)&pairs, &pcap, npairs + 1, sizeof *pairs);
					pairs[npairs].key = v;
					pairs[npairs].users = 0;
					pairs[npairs++].code = k;
				}
				kcount[v]++;
				if (u)
					pu[npu++] = (uint64_t)(kpair[v] - first) << 32 | u;
			}
			qsort(pu, npu, sizeof *pu, cmp_u64);
			for (size_t j = 0; j < npu; j++)
				if (!j || pu[j] != pu[j - 1])
					pairs[first + (pu[j] >> 32)].users++;
			sl_grow((void **)&rank, &rcap, npairs ? npairs : 1, sizeof *rank);
			for (size_t p = first; p < npairs; p++) {
				rank[p].count = kcount[pairs[p].key];
				rank[p].key = pairs[p].key ? sl_dict_str(names, pairs[p].key) : NULL;
				rank[p].idx = p;
			}
		}
		free(pu);
		free(kpair);
		/* pairs were made code by code in ascending code order, so idx breaks a tie of
		 * count and key by the lower code */
		sl_rank_sort(rank, npairs);
		struct sl_column cols[] = {
			{ key, q->by == SL_F_USER ? "User" : q->by == SL_F_APP ? "Application" :
			       q->by == SL_F_IP ? "IP address" : "Country", SL_CT_STR, 0 },
			{ "error_code", "Code", SL_CT_INT, 0 },
			{ "name", "Name", SL_CT_STR, 0 },
			{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
			{ "users", "Users", SL_CT_INT, 0 },
		};
		struct sl_section *sec = sl_report_section(r, sl_arena_printf(&r->arena, "by_%s", key),
			sl_arena_printf(&r->arena, "Non-zero error codes per %s", key), SL_SEC_TABLE, cols, 5);
		size_t show = sl_top_rows(r, sec, q, npairs, FAILURES_TOP);
		for (size_t j = 0; j < show; j++) {
			const struct pair *p = &pairs[rank[j].idx];
			struct sl_cell *cell = sl_section_row(r, sec);
			if (p->key)
				sl_cell_cstr(r, &cell[0], rank[j].key);
			sl_cell_int(&cell[1], codes[p->code].code);
			sl_cell_cstr(r, &cell[2], codes[p->code].name);
			sl_cell_int(&cell[3], rank[j].count);
			sl_cell_int(&cell[4], p->users);
		}
		free(rank);
		free(kcount);
		free(kmark);
		free(pairs);
	}
	free(rcount);
	free(rmark);
	free(imark);
	free(umark);
	free(rows);
	free(fill);
	free(start);
	free(map.key);
	free(map.val);
	free(codes);
}
