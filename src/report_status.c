/* report_status.c — `signlog status`: success, failure, interrupted, unknown, overall or per value of a field or per period. */
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
	{ "unknown", "Unknown", SL_CT_INT, 0 },
	{ "total", "Total", SL_CT_INT, 1 },
	{ "failure_percent", "Failure %", SL_CT_PCT, 0 },
};

/* One row of the cross-tab; text NULL = the sign-ins without a value (a null cell). */
static void byrow(struct sl_report *r, struct sl_section *sec, int by, const char *text, const int64_t *n)
{
	struct sl_cell *c = sl_section_row(r, sec);
	int64_t total = n[SL_ST_SUCCESS] + n[SL_ST_FAILURE] + n[SL_ST_INTERRUPTED] + n[SL_ST_UNKNOWN];
	sl_by_cell(r, &c[0], by, text);
	sl_cell_int(&c[1], n[SL_ST_SUCCESS]);
	sl_cell_int(&c[2], n[SL_ST_FAILURE]);
	sl_cell_int(&c[3], n[SL_ST_INTERRUPTED]);
	sl_cell_int(&c[4], n[SL_ST_UNKNOWN]);
	sl_cell_int(&c[5], total);
	if (total)       /* a period without sign-ins has no failure rate, not a rate of 0 */
		sl_cell_dbl(&c[6], sl_pct(n[SL_ST_FAILURE], total));
}

/* Periods: every period of the data's span in ascending order, empty ones included (only
 * those with sign-ins over a span too long to list: see sl_periods). Fields: one row per
 * value, ranked by total. */
static void by_groups(struct sl_report *r, struct sl_section *sec, const struct sl_store *s,
                      const struct sl_query *q)
{
	const uint8_t *st = s->col[SL_F_STATUS].v.u8;
	struct sl_groups gr;
	sl_groups_make(r, &gr, s, q->by);
	int64_t (*n)[SL_ST__COUNT] = sl_xcalloc(gr.n ? gr.n : 1, sizeof *n);
	for (size_t i = 0; i < s->n; i++)
		n[gr.of[i]][st[i]]++;
	if (gr.ordered) {
		sec->note = gr.note;
		for (size_t k = 0; k < gr.n; k++)
			byrow(r, sec, q->by, gr.text[k], n[k]);
	} else {
		struct sl_rank *rank = sl_xcalloc(gr.n ? gr.n : 1, sizeof *rank);
		size_t nr = 0;
		for (uint32_t k = 0; k < gr.n; k++) {
			int64_t total = n[k][SL_ST_SUCCESS] + n[k][SL_ST_FAILURE] + n[k][SL_ST_INTERRUPTED] + n[k][SL_ST_UNKNOWN];
			if (!total)
				continue;
			rank[nr].count = total;
			rank[nr].key = gr.text[k];
			rank[nr++].idx = k;
		}
		sl_rank_sort(rank, nr);
		size_t show = sl_top_rows(r, sec, q, nr, STATUS_TOP);
		for (size_t j = 0; j < show; j++)
			byrow(r, sec, q->by, rank[j].key, n[rank[j].idx]);
		free(rank);
	}
	free(n);
	sl_groups_free(&gr);
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
	 * column name, with the field's type) or "period" */
	static const char *const periods[] = { "", "", "hour", "day", "week", "month" };
	const char *by = q->by < 0 ? periods[-q->by] : sl_fields[q->by].name;
	const char *name = q->by < 0 ? by : sl_by_column(r, q->by);
	struct sl_column cols[sizeof bycols / sizeof bycols[0]];
	memcpy(cols, bycols, sizeof cols);
	cols[0].name = sl_by_column(r, q->by);
	cols[0].title = by;
	cols[0].type = sl_by_type(q->by);
	struct sl_section *sec = sl_report_section(r, sl_arena_printf(&r->arena, "by_%s", name),
		sl_arena_printf(&r->arena, "Sign-ins by status per %s", by), SL_SEC_TABLE, cols,
		sizeof cols / sizeof cols[0]);
	/* periods are a time axis; field values are ranked rows */
	sl_section_chart(sec, q->by < 0 ? SL_CHART_COLUMNS : SL_CHART_BARS, cols[0].name,
	                 "success failure interrupted unknown");
	by_groups(r, sec, s, q);
}
