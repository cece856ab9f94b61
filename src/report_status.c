/* report_status.c — `signlog status`: success, failure, interrupted, overall or per value of a field or per period. */
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "util.h"

/* --by takes any field with one value per sign-in, and main.c loads only the fields listed
 * here, so every such field is listed (a repeating field stands in as SL_F_TIME, which is
 * listed anyway). */
/* A --by field is loaded too (main.c adds it). */
const enum sl_fid sl_status_fields[] = { SL_F_TIME, SL_F_STATUS, SL_F__COUNT };

/* Rows per ranked field value when --top is not given. */
#define STATUS_TOP 50

static const struct sl_column bycols[] = {
	{ "", NULL, SL_CT_STR, 0 },          /* named after --by */
	{ "success", "Success", SL_CT_INT, 0 },
	{ "failure", "Failure", SL_CT_INT, 0 },
	{ "interrupted", "Interrupted", SL_CT_INT, 0 },
	{ "total", "Total", SL_CT_INT, 1 },
	{ "failure_percent", "Failure %", SL_CT_PCT, 0 },
};

/* One row of the cross-tab; key NULL = the sign-ins without a value (a null cell). */
static void byrow(struct sl_report *r, struct sl_section *sec, const char *key, const int64_t *n)
{
	struct sl_cell *c = sl_section_row(r, sec);
	int64_t total = n[SL_ST_SUCCESS] + n[SL_ST_FAILURE] + n[SL_ST_INTERRUPTED];
	if (key)
		sl_cell_cstr(r, &c[0], key);
	sl_cell_int(&c[1], n[SL_ST_SUCCESS]);
	sl_cell_int(&c[2], n[SL_ST_FAILURE]);
	sl_cell_int(&c[3], n[SL_ST_INTERRUPTED]);
	sl_cell_int(&c[4], total);
	if (total)       /* a period without sign-ins has no failure rate, not a rate of 0 */
		sl_cell_dbl(&c[5], sl_pct(n[SL_ST_FAILURE], total));
}

/* The periods of the data's span in ascending order, empty ones included (only those with
 * sign-ins over a span too long to list: see sl_periods). */
static void by_period(struct sl_report *r, struct sl_section *sec, const struct sl_store *s, int by)
{
	const uint8_t *st = s->col[SL_F_STATUS].v.u8;
	struct sl_periods ps;
	if (s->n == 0)
		return;
	sec->note = sl_periods(r, s, by, &ps);
	int64_t (*n)[SL_ST__COUNT] = sl_xcalloc(ps.n, sizeof *n);
	for (size_t i = 0; i < s->n; i++)
		n[ps.row[i]][st[i]]++;
	for (size_t k = 0; k < ps.n; k++) {
		char label[32];
		sl_period_label(ps.p[k], by, label, sizeof label);
		byrow(r, sec, label, n[k]);
	}
	free(n);
	sl_periods_free(&ps);
}

/* Ranked by total: one group per distinct value of field f (text fields by their
 * dictionary code, users by user key, other types by their text). */
static void by_field(struct sl_report *r, struct sl_section *sec, const struct sl_store *s,
                     const struct sl_query *q, enum sl_fid f)
{
	const uint8_t *st = s->col[SL_F_STATUS].v.u8;
	const struct sl_col *col = &s->col[f];
	const struct sl_dict *names;
	struct sl_dict local;
	uint32_t *code = NULL;
	int own = 0;

	if (f == SL_F_USER) {
		/* a user is the user key of DEFINITIONS (lower-cased UPN, else user id), as in the
		 * other reports, not the UPN text with its varying case */
		names = &s->users;
	} else if (col->type == SL_FT_STR) {
		names = &col->dict;
	} else {
		/* numbers, times, booleans, identifiers: group by the text shown */
		char buf[64];
		sl_dict_init(&local);
		own = 1;
		code = sl_xmalloc((s->n ? s->n : 1) * sizeof *code);
		for (size_t i = 0; i < s->n; i++) {
			const char *v = sl_value_text(s, f, i, buf, sizeof buf);
			size_t len = strlen(v);
			code[i] = sl_dict_intern(&local, v, len, sl_hash(v, len));
		}
		names = &local;
	}
	int64_t (*n)[SL_ST__COUNT] = sl_xcalloc(names->n, sizeof *n);
	for (size_t i = 0; i < s->n; i++) {
		uint32_t k = f == SL_F_USER ? s->user[i] : own ? code[i] : col->v.code[i];
		n[k][st[i]]++;
	}
	struct sl_rank *rank = sl_xcalloc(names->n, sizeof *rank);
	size_t nr = 0;
	for (uint32_t k = 0; k < names->n; k++) {
		int64_t total = n[k][SL_ST_SUCCESS] + n[k][SL_ST_FAILURE] + n[k][SL_ST_INTERRUPTED];
		if (!total)
			continue;
		rank[nr].count = total;
		rank[nr].key = k ? sl_dict_str(names, k) : NULL;
		rank[nr++].idx = k;
	}
	sl_rank_sort(rank, nr);
	size_t show = sl_top_rows(r, sec, q, nr, STATUS_TOP);
	for (size_t j = 0; j < show; j++)
		byrow(r, sec, rank[j].key, n[rank[j].idx]);
	free(rank);
	free(n);
	free(code);
	if (own)
		sl_dict_free(&local);
}

void sl_report_status(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;

	if (q->by == SL_BY_NONE) {
		static const struct sl_column cols[] = {
			{ "status", "Status", SL_CT_STR, 0 },
			{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
			{ "percent", "Percent", SL_CT_PCT, 0 },
		};
		int64_t n[SL_ST__COUNT] = { 0 };
		const uint8_t *st = s->col[SL_F_STATUS].v.u8;
		for (size_t i = 0; i < s->n; i++)
			n[st[i]]++;
		struct sl_section *sec = sl_report_section(r, "status", "Sign-ins by status", SL_SEC_MAP, cols, 3);
		for (int k = 0; k < SL_ST__COUNT; k++) {
			struct sl_cell *c = sl_section_row(r, sec);
			sl_cell_cstr(r, &c[0], sl_status_names[k]);
			sl_cell_int(&c[1], n[k]);
			sl_cell_dbl(&c[2], sl_pct(n[k], (int64_t)s->n));
		}
		return;
	}

	/* the first column is named after what the rows are: the field (snake_case, as every
	 * column name) or the period */
	static const char *const periods[] = { "", "", "hour", "day", "week", "month" };
	const char *by = q->by < 0 ? periods[-q->by] : sl_fields[q->by].name;
	char *name = sl_arena_printf(&r->arena, "%s", by);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	struct sl_column cols[sizeof bycols / sizeof bycols[0]];
	memcpy(cols, bycols, sizeof cols);
	cols[0].name = name;
	cols[0].title = by;
	struct sl_section *sec = sl_report_section(r, sl_arena_printf(&r->arena, "by_%s", name),
		sl_arena_printf(&r->arena, "Sign-ins by status per %s", by), SL_SEC_TABLE, cols,
		sizeof cols / sizeof cols[0]);
	if (q->by < 0) {
		by_period(r, sec, s, q->by);
		return;
	}
	if (!s->col[q->by].v.any && q->by != SL_F_USER)
		sl_die(SL_EXIT_ERROR, "status: field %s was not loaded", by);
	by_field(r, sec, s, q, (enum sl_fid)q->by);
}
