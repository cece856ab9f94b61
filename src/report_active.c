/* report_active.c — `signlog active`: how many users signed in per day, week or month, and
 * when in the week the sign-ins come. */
#include <stdlib.h>
#include "report.h"
#include "util.h"

const enum sl_fid sl_active_fields[] = { SL_F_TIME, SL_F_STATUS, SL_F__COUNT };

void sl_report_active(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	static const struct sl_column cols[] = {
		{ "period", "Period", SL_CT_STR, 0 },
		{ "active_users", "Active users", SL_CT_INT, 1 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 0 },
		{ "new_users", "New users", SL_CT_INT, 0 },
	};
	static const char *const unit[] = { "", "", "hour", "day", "week", "month" };
	const struct sl_store *s = &g->store;
	const uint8_t *st = s->col[SL_F_STATUS].v.u8;
	/* --by takes day, week (the default) or month (commands.def) */
	int by = q->by == SL_BY_DAY || q->by == SL_BY_MONTH ? q->by : SL_BY_WEEK;

	struct sl_section *sec = sl_report_section(r, "periods",
		sl_arena_printf(&r->arena, "Active users per %s%s", unit[-by],
		                q->any_status ? " (any sign-in attempt counts)" : ""),
		SL_SEC_TABLE, cols, 4);
	sl_section_chart(sec, SL_CHART_LINE, "period", "active_users");
	if (s->n == 0) {
		sl_hours_section(r, q, s, NULL, 0);
		return;
	}

	/* the periods of the span, so that one without sign-ins shows as 0 instead of being
	 * missing (only those with sign-ins over a span too long to list) */
	struct sl_periods ps;
	const char *cut = sl_periods(r, s, by, &ps);
	if (cut)
		sec->note = cut;
	size_t np = ps.n;
	int64_t *sign_ins = sl_xcalloc(np, sizeof *sign_ins);
	int64_t *active = sl_xcalloc(np, sizeof *active);
	int64_t *fresh = sl_xcalloc(np, sizeof *fresh);
	size_t *start = sl_xcalloc(np + 1, sizeof *start);
	const size_t *pidx = ps.row;
	size_t nq = 0;

	for (size_t i = 0; i < s->n; i++) {
		size_t k = pidx[i];
		sign_ins[k]++;
		if (s->user[i] && (q->any_status || st[i] == SL_ST_SUCCESS)) {
			start[k + 1]++;
			nq++;
		}
	}
	/* bucket the qualifying sign-ins by period (counting sort), so that each period's users
	 * can be told apart with one stamp per user instead of a set per period */
	for (size_t k = 0; k < np; k++)
		start[k + 1] += start[k];
	uint32_t *order = sl_xmalloc((nq ? nq : 1) * sizeof *order);
	size_t *fill = sl_xmalloc(np * sizeof *fill);
	for (size_t k = 0; k < np; k++)
		fill[k] = start[k];
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i] && (q->any_status || st[i] == SL_ST_SUCCESS))
			order[fill[pidx[i]]++] = s->user[i];
	/* mark[u]: 1 + the last period u was counted in; 0 = not active before, so the first
	 * stamp of a user, in ascending period order, is the period where the user is new */
	size_t *mark = sl_xcalloc(s->users.n, sizeof *mark);
	for (size_t k = 0; k < np; k++) {
		for (size_t j = start[k]; j < start[k + 1]; j++) {
			uint32_t u = order[j];
			if (mark[u] == k + 1)
				continue;
			fresh[k] += mark[u] == 0;
			mark[u] = k + 1;
			active[k]++;
		}
	}

	for (size_t k = 0; k < np; k++) {
		char label[32];
		struct sl_cell *c = sl_section_row(r, sec);
		sl_period_label(ps.p[k], by, label, sizeof label);
		sl_cell_cstr(r, &c[0], label);
		sl_cell_int(&c[1], active[k]);
		sl_cell_int(&c[2], sign_ins[k]);
		sl_cell_int(&c[3], fresh[k]);
	}
	sl_hours_section(r, q, s, NULL, 0);
	free(mark);
	free(fill);
	free(order);
	sl_periods_free(&ps);
	free(start);
	free(fresh);
	free(active);
	free(sign_ins);
}
