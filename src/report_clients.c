/* report_clients.c — `signlog clients`: client apps (modern or legacy), user agents, operating systems, browsers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"
#include "util.h"

/* Distinct users per dictionary code of column c. */
static int64_t *users_per_code(const struct sl_store *s, const struct sl_col *c,
                               const uint32_t *ord, size_t nord)
{
	int64_t *n = sl_xcalloc(c->dict.n, sizeof *n);
	uint32_t *mark = sl_xcalloc(c->dict.n, sizeof *mark);
	for (size_t j = 0; j < nord; j++) {
		uint32_t i = ord[j], k = c->v.code[i];
		if (mark[k] != s->user[i]) {
			mark[k] = s->user[i];
			n[k]++;
		}
	}
	free(mark);
	return n;
}

static const char *category(const char *client_app)
{
	if (!*client_app || strcasecmp(client_app, "Unknown") == 0)
		return "unknown";
	if (sl_client_is_legacy(client_app))
		return "legacy";
	if (strcasecmp(client_app, "Browser") == 0 || strcasecmp(client_app, "Mobile Apps and Desktop clients") == 0)
		return "modern";
	return "unknown";
}

/* A ranked table of field f's values: value, sign_ins, users; the row of the sign-ins that
 * log no value has a null value. */
static void value_table(struct sl_report *r, const struct sl_store *s, const struct sl_query *q,
                        enum sl_fid f, const char *key, const char *title,
                        const uint32_t *ord, size_t nord)
{
	const struct sl_col *c = &s->col[f];
	int64_t *n = sl_xcalloc(c->dict.n, sizeof *n), *users = users_per_code(s, c, ord, nord);
	struct sl_rank *rk = sl_xmalloc(c->dict.n * sizeof *rk);
	size_t nr = 0;
	for (size_t i = 0; i < s->n; i++)
		n[c->v.code[i]]++;
	for (uint32_t k = 0; k < c->dict.n; k++)
		if (n[k])
			rk[nr++] = (struct sl_rank){ n[k], sl_dict_str(&c->dict, k), k };
	sl_rank_sort(rk, nr);
	/* the first column is named after the field: user_agent, os, browser */
	struct sl_column cols[] = {
		{ sl_by_column(r, (int)f), f == SL_F_OS ? "Operating system" : f == SL_F_BROWSER ? "Browser" : "User agent", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, key, title, SL_SEC_TABLE, cols, 3);
	size_t show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *cell = sl_section_row(r, sec);
		if (rk[k].idx)
			sl_cell_cstr(r, &cell[0], rk[k].key);
		sl_cell_int(&cell[1], rk[k].count);
		sl_cell_int(&cell[2], users[rk[k].idx]);
	}
	free(rk);
	free(n);
	free(users);
}

const enum sl_fid sl_clients_fields[] = {
	SL_F_CLIENT_APP, SL_F_USER_AGENT, SL_F_OS, SL_F_BROWSER, SL_F_STATUS, SL_F_USER,
	SL_F_USER_ID, SL_F_EVENT_TYPE, SL_F__COUNT
};

void sl_report_clients(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const struct sl_col *ca = &s->col[SL_F_CLIENT_APP];
	size_t nord;
	uint32_t *ord = sl_rows_by_user(s, &nord);
	int64_t (*st)[SL_ST__COUNT] = sl_xcalloc(ca->dict.n, sizeof *st);
	int64_t *total = sl_xcalloc(ca->dict.n, sizeof *total), *users = users_per_code(s, ca, ord, nord);
	int64_t cat[3] = { 0 };   /* modern, legacy, unknown */

	for (size_t i = 0; i < s->n; i++) {
		total[ca->v.code[i]]++;
		st[ca->v.code[i]][s->col[SL_F_STATUS].v.u8[i]]++;
	}
	struct sl_rank *rk = sl_xmalloc(ca->dict.n * sizeof *rk);
	size_t nr = 0;
	for (uint32_t k = 0; k < ca->dict.n; k++) {
		const char *v = sl_dict_str(&ca->dict, k), *cg = category(v);
		cat[cg[0] == 'm' ? 0 : cg[0] == 'l' ? 1 : 2] += total[k];
		if (total[k])
			rk[nr++] = (struct sl_rank){ total[k], v, k };
	}
	sl_rank_sort(rk, nr);

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "sign_ins", (int64_t)s->n);
	sl_kv_int(r, root, "modern_sign_ins", cat[0]);
	sl_kv_int(r, root, "legacy_sign_ins", cat[1]);
	sl_kv_int(r, root, "unknown_client_sign_ins", cat[2]);

	static const struct sl_column cols[] = {
		{ "client_app", "Client app", SL_CT_STR, 0 },
		{ "client_category", "Category", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "success", "Success", SL_CT_INT, 0 },
		{ "failure", "Failure", SL_CT_INT, 0 },
		{ "interrupted", "Interrupted", SL_CT_INT, 0 },
		{ "unknown", "Unknown", SL_CT_INT, 0 },
		{ "users", "Users", SL_CT_INT, 0 },
	};
	struct sl_section *sec = sl_report_section(r, "client_apps", "Client apps", SL_SEC_TABLE, cols, 8);
	size_t show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t a = rk[k].idx;
		if (a)
			sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_cstr(r, &c[1], category(rk[k].key));
		sl_cell_int(&c[2], total[a]);
		sl_cell_int(&c[3], st[a][SL_ST_SUCCESS]);
		sl_cell_int(&c[4], st[a][SL_ST_FAILURE]);
		sl_cell_int(&c[5], st[a][SL_ST_INTERRUPTED]);
		sl_cell_int(&c[6], st[a][SL_ST_UNKNOWN]);
		sl_cell_int(&c[7], users[a]);
	}
	free(rk);
	free(st);
	free(total);
	free(users);

	value_table(r, s, q, SL_F_USER_AGENT, "user_agents", "User agents", ord, nord);
	value_table(r, s, q, SL_F_OS, "operating_systems", "Operating systems", ord, nord);
	value_table(r, s, q, SL_F_BROWSER, "browsers", "Browsers", ord, nord);
	free(ord);
}
