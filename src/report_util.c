/* report_util.c — what reports share: periods, value text, ranking and the --top cut. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "sltime.h"
#include "util.h"

int sl_duration_parse(const char *s, int64_t *us)
{
	static const struct { char unit; int64_t us; } units[] = {
		{ 's', 1000000LL }, { 'm', 60000000LL }, { 'h', 3600000000LL }, { 'd', 86400000000LL },
		{ 'w', 604800000000LL },
	};
	size_t n = strlen(s);
	int64_t v;
	if (n < 2 || sl_parse_i64(s, n - 1, &v) != 0 || v < 0 || v > 10000000)
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (s[n - 1] == units[i].unit) {
			*us = v * units[i].us;
			return 0;
		}
	return -1;
}

const char *sl_duration_text(int64_t us, char *buf, size_t size)
{
	static const struct { int64_t us; const char *unit; } u[] = {
		{ 86400000000LL, "d" }, { 3600000000LL, "h" }, { 60000000LL, "m" }, { 1000000LL, "s" },
	};
	size_t k = 0, n = sizeof u / sizeof u[0];
	while (k + 1 < n && us < u[k].us)
		k++;
	if (k + 1 < n && (us % u[k].us) / u[k + 1].us)
		snprintf(buf, size, "%lld%s %lld%s", (long long)(us / u[k].us), u[k].unit,
		         (long long)((us % u[k].us) / u[k + 1].us), u[k + 1].unit);
	else
		snprintf(buf, size, "%lld%s", (long long)(us / u[k].us), u[k].unit);
	return buf;
}

int sl_by_parse(const char *name, int *by)
{
	static const struct { const char *name; int by; } periods[] = {
		{ "hour", SL_BY_HOUR }, { "day", SL_BY_DAY }, { "week", SL_BY_WEEK }, { "month", SL_BY_MONTH },
	};
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		if (strcmp(name, periods[i].name) == 0) {
			*by = periods[i].by;
			return 0;
		}
	}
	int f = sl_field_find(name);
	if (f < 0 || sl_fields[f].list != SL_LIST_NONE)
		return -1;
	*by = f;
	return 0;
}

static int64_t floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t sl_period_of(int64_t t, int by)
{
	int64_t day = floordiv(t, 86400000000LL);
	int64_t y;
	unsigned m, d;
	switch (by) {
	case SL_BY_HOUR:
		return floordiv(t, 3600000000LL);
	case SL_BY_WEEK:
		/* 1970-01-01 was a Thursday: Monday is day - ((day + 3) mod 7) */
		return day - (((day + 3) % 7) + 7) % 7;
	case SL_BY_MONTH:
		sl_civil_from_days(day, &y, &m, &d);
		return y * 12 + (int64_t)m - 1;
	default:
		return day;
	}
}

int64_t sl_period_next(int64_t p, int by)
{
	return by == SL_BY_WEEK ? p + 7 : p + 1;
}

void sl_period_label(int64_t p, int by, char *buf, size_t size)
{
	int64_t y;
	unsigned m, d;
	switch (by) {
	case SL_BY_HOUR:
		sl_civil_from_days(floordiv(p, 24), &y, &m, &d);
		snprintf(buf, size, "%04lld-%02u-%02uT%02lld", (long long)y, m, d, (long long)(p - floordiv(p, 24) * 24));
		break;
	case SL_BY_WEEK: {
		/* the ISO week belongs to the year of its Thursday */
		int64_t thu = p + 3, ty;
		unsigned tm, td;
		sl_civil_from_days(thu, &ty, &tm, &td);
		int64_t jan1 = sl_days_from_civil(ty, 1, 1);
		snprintf(buf, size, "%04lld-W%02lld", (long long)ty, (long long)((thu - jan1) / 7 + 1));
		break;
	}
	case SL_BY_MONTH:
		snprintf(buf, size, "%04lld-%02lld", (long long)floordiv(p, 12), (long long)(p - floordiv(p, 12) * 12 + 1));
		break;
	default:
		sl_civil_from_days(p, &y, &m, &d);
		snprintf(buf, size, "%04lld-%02u-%02u", (long long)y, m, d);
		break;
	}
}

const char *sl_value_text(const struct sl_store *s, enum sl_fid f, size_t i, char *buf, size_t size)
{
	const struct sl_col *c = &s->col[f];
	if (!c->v.any)
		return "";
	switch (c->type) {
	case SL_FT_STR:
		return sl_dict_str(&c->dict, c->v.code[i]);
	case SL_FT_GUID:
		return sl_store_text(s, f, i, buf);
	case SL_FT_TIME:
		return c->v.time[i] == SL_TIME_NONE ? "" : sl_time_format(c->v.time[i], buf, size);
	case SL_FT_INT:
		if (c->v.i32[i] == SL_INT_NONE)
			return "";
		snprintf(buf, size, "%d", c->v.i32[i]);
		return buf;
	case SL_FT_FLOAT:
		if (isnan(c->v.dbl[i]))
			return "";
		snprintf(buf, size, "%.6g", c->v.dbl[i]);
		return buf;
	case SL_FT_BOOL:
		return c->v.u8[i] == SL_BOOL_NONE ? "" : c->v.u8[i] ? "true" : "false";
	case SL_FT_ENUM:
		if (f == SL_F_STATUS)
			return sl_status_names[c->v.u8[i] < SL_ST__COUNT ? c->v.u8[i] : 0];
		return sl_evtype_names[c->v.u8[i] < SL_EV__COUNT ? c->v.u8[i] : SL_EV_UNKNOWN];
	}
	return "";
}

uint32_t sl_intern_lower(struct sl_dict *keys, const struct sl_dict *d, uint32_t c)
{
	uint32_t len = sl_dict_len(d, c), code;
	char *k = sl_xstrndup(sl_dict_str(d, c), len);
	for (uint32_t i = 0; i < len; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] + 32);
	code = sl_dict_intern(keys, k, len, sl_hash(k, len));
	free(k);
	return code;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

const char *sl_periods(struct sl_report *r, const struct sl_store *s, int by, struct sl_periods *ps)
{
	static const char *const units[] = { "", "", "hours", "days", "weeks", "months" };
	const int64_t *t = s->col[SL_F_TIME].v.time;
	int64_t lo, hi, step;
	char first[32], last[32];

	memset(ps, 0, sizeof *ps);
	if (s->n == 0)
		return NULL;
	ps->row = sl_xmalloc(s->n * sizeof *ps->row);
	lo = hi = sl_period_of(t[0], by);
	for (size_t i = 1; i < s->n; i++) {
		int64_t p = sl_period_of(t[i], by);
		lo = p < lo ? p : lo;
		hi = p > hi ? p : hi;
	}
	step = sl_period_next(lo, by) - lo;
	ps->span = (hi - lo) / step + 1;
	if (ps->span <= SL_PERIODS_DENSE) {
		ps->n = (size_t)ps->span;
		ps->p = sl_xmalloc(ps->n * sizeof *ps->p);
		for (size_t k = 0; k < ps->n; k++)
			ps->p[k] = lo + (int64_t)k * step;
		for (size_t i = 0; i < s->n; i++)
			ps->row[i] = (size_t)((sl_period_of(t[i], by) - lo) / step);
		return NULL;
	}
	/* the distinct periods, sorted; each row's by binary search */
	ps->p = sl_xmalloc(s->n * sizeof *ps->p);
	for (size_t i = 0; i < s->n; i++)
		ps->p[i] = sl_period_of(t[i], by);
	qsort(ps->p, s->n, sizeof *ps->p, cmp_i64);
	for (size_t i = 0; i < s->n; i++)
		if (ps->n == 0 || ps->p[ps->n - 1] != ps->p[i])
			ps->p[ps->n++] = ps->p[i];
	for (size_t i = 0; i < s->n; i++) {
		int64_t p = sl_period_of(t[i], by);
		const int64_t *at = bsearch(&p, ps->p, ps->n, sizeof *ps->p, cmp_i64);
		ps->row[i] = (size_t)(at - ps->p);
	}
	sl_period_label(lo, by, first, sizeof first);
	sl_period_label(hi, by, last, sizeof last);
	return sl_arena_printf(&r->arena,
	                       "%s to %s spans %lld %s, more than %d: only the %zu with sign-ins are listed",
	                       first, last, (long long)ps->span, units[-by], SL_PERIODS_DENSE, ps->n);
}

void sl_periods_free(struct sl_periods *ps)
{
	free(ps->p);
	free(ps->row);
	memset(ps, 0, sizeof *ps);
}

uint32_t *sl_rows_by_user(const struct sl_store *s, size_t *m)
{
	size_t *start = sl_xcalloc(s->users.n + 1, sizeof *start), n = 0;
	uint32_t *ord;
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i]) {
			start[s->user[i] + 1]++;
			n++;
		}
	for (uint32_t u = 1; u <= s->users.n; u++)
		start[u] += start[u - 1];
	ord = sl_xmalloc((n ? n : 1) * sizeof *ord);
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i])
			ord[start[s->user[i]]++] = (uint32_t)i;
	free(start);
	*m = n;
	return ord;
}

static int rank_cmp(const void *a, const void *b)
{
	const struct sl_rank *x = a, *y = b;
	int c;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	c = strcmp(x->key ? x->key : "", y->key ? y->key : "");
	if (c)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

void sl_rank_sort(struct sl_rank *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, rank_cmp);
}

size_t sl_top_rows(struct sl_report *r, struct sl_section *sec, const struct sl_query *q,
                   size_t n, size_t dflt)
{
	size_t show = q->top < 0 ? dflt : q->top == 0 ? n : (size_t)q->top;
	if (show == 0 || show > n)
		show = n;
	if (show < n)
		sec->note = sl_arena_printf(&r->arena, "%zu more row%s not shown (--top %zu; --top 0 shows all)",
		                            n - show, n - show == 1 ? "" : "s", show);
	return show;
}

enum sl_ctype sl_field_ctype(enum sl_fid f)
{
	if (sl_fields[f].list != SL_LIST_NONE)
		return SL_CT_LIST;
	switch (sl_fields[f].type) {
	case SL_FT_TIME: return SL_CT_TIME;
	case SL_FT_INT: return SL_CT_INT;
	case SL_FT_FLOAT: return SL_CT_FLOAT;
	case SL_FT_BOOL: return SL_CT_BOOL;
	default: return SL_CT_STR;
	}
}

const char *sl_by_column(struct sl_report *r, int by)
{
	char *name;
	if (by < 0)
		return "period";
	name = sl_arena_printf(&r->arena, "%s", sl_fields[by].name);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

enum sl_ctype sl_by_type(int by)
{
	return by < 0 ? SL_CT_STR : sl_field_ctype((enum sl_fid)by);
}

void sl_by_cell(struct sl_report *r, struct sl_cell *c, int by, const char *text)
{
	int64_t v;
	if (!text || !*text)
		return;
	switch (sl_by_type(by)) {
	case SL_CT_INT:
		if (sl_parse_i64(text, strlen(text), &v) == 0)
			sl_cell_int(c, v);
		return;
	case SL_CT_BOOL:
		sl_cell_int(c, strcmp(text, "true") == 0);
		return;
	case SL_CT_TIME:
		if (sl_time_parse(text, strlen(text), &v) == 0)
			sl_cell_int(c, v);
		return;
	case SL_CT_FLOAT:
	case SL_CT_PCT:
		sl_cell_dbl(c, strtod(text, NULL));
		return;
	default:
		sl_cell_cstr(r, c, text);
		return;
	}
}

void sl_groups_make(struct sl_report *r, struct sl_groups *gr, const struct sl_store *s, int by)
{
	memset(gr, 0, sizeof *gr);
	gr->of = sl_xmalloc((s->n ? s->n : 1) * sizeof *gr->of);
	if (by < 0) {
		struct sl_periods ps;
		gr->ordered = 1;
		gr->note = sl_periods(r, s, by, &ps);
		gr->n = ps.n;
		gr->labels = sl_xcalloc(gr->n ? gr->n : 1, 32);
		gr->text = sl_xcalloc(gr->n ? gr->n : 1, sizeof *gr->text);
		for (size_t k = 0; k < gr->n; k++) {
			sl_period_label(ps.p[k], by, gr->labels + 32 * k, 32);
			gr->text[k] = gr->labels + 32 * k;
		}
		for (size_t i = 0; i < s->n; i++)
			gr->of[i] = (uint32_t)ps.row[i];
		sl_periods_free(&ps);
		return;
	}
	const struct sl_dict *names;
	const struct sl_col *col = &s->col[by];
	if (by == SL_F_USER) {
		/* a user is the user key of DEFINITIONS (lower-cased UPN, else user id), as in the
		 * other reports, not the UPN text with its varying case */
		names = &s->users;
		for (size_t i = 0; i < s->n; i++)
			gr->of[i] = s->user[i];
	} else if (col->type == SL_FT_STR) {
		names = &col->dict;
		for (size_t i = 0; i < s->n; i++)
			gr->of[i] = col->v.code[i];
	} else {
		/* numbers, times, booleans, identifiers: group by the text shown */
		char buf[64];
		sl_dict_init(&gr->local);
		gr->own = 1;
		for (size_t i = 0; i < s->n; i++) {
			const char *v = sl_value_text(s, (enum sl_fid)by, i, buf, sizeof buf);
			size_t len = strlen(v);
			gr->of[i] = sl_dict_intern(&gr->local, v, len, sl_hash(v, len));
		}
		names = &gr->local;
	}
	gr->n = names->n;
	gr->text = sl_xcalloc(gr->n ? gr->n : 1, sizeof *gr->text);
	for (uint32_t k = 1; k < names->n; k++)
		gr->text[k] = sl_dict_str(names, k);
}

void sl_groups_free(struct sl_groups *gr)
{
	free(gr->of);
	free(gr->text);
	free(gr->labels);
	if (gr->own)
		sl_dict_free(&gr->local);
	memset(gr, 0, sizeof *gr);
}

const char *sl_user_suggestions(struct sl_report *r, const struct sl_store *s, const char *upn)
{
	struct { size_t d; uint32_t u; } best[3];
	size_t nb = 0, len = strlen(upn), limit = len < 8 ? 2 : len / 4;
	char *low = sl_xstrdup(upn);
	sl_ascii_lower(low, low, len);
	for (uint32_t u = 1; u < s->users.n; u++) {
		size_t d = sl_edit_distance(low, sl_dict_str(&s->users, u));
		size_t k;
		if (d > limit)
			continue;
		/* insertion into the three nearest, ties in user order */
		for (k = nb; k > 0 && best[k - 1].d > d; k--)
			if (k < 3)
				best[k] = best[k - 1];
		if (k < 3) {
			best[k].d = d;
			best[k].u = u;
			if (nb < 3)
				nb++;
		}
	}
	free(low);
	if (!nb)
		return "";
	return sl_arena_printf(&r->arena, "; did you mean %s%s%s%s%s?", sl_dict_str(&s->users, best[0].u),
	                       nb > 1 ? (nb > 2 ? ", " : " or ") : "", nb > 1 ? sl_dict_str(&s->users, best[1].u) : "",
	                       nb > 2 ? " or " : "", nb > 2 ? sl_dict_str(&s->users, best[2].u) : "");
}

void sl_hours_section(struct sl_report *r, const struct sl_query *q, const struct sl_store *s,
                      const uint32_t *rows, size_t n)
{
	static const struct sl_column cols[] = {
		{ "hour", "Hour", SL_CT_INT, 0 },
		{ "mon", "Mon", SL_CT_INT, 0 }, { "tue", "Tue", SL_CT_INT, 0 },
		{ "wed", "Wed", SL_CT_INT, 0 }, { "thu", "Thu", SL_CT_INT, 0 },
		{ "fri", "Fri", SL_CT_INT, 0 }, { "sat", "Sat", SL_CT_INT, 0 },
		{ "sun", "Sun", SL_CT_INT, 0 },
	};
	const int64_t day_us = 86400000000LL, hour_us = 3600000000LL;
	int64_t grid[24][7] = { { 0 } }, off = (int64_t)q->tz_minutes * 60000000LL;
	int tz = q->tz_minutes < 0 ? -q->tz_minutes : q->tz_minutes;
	char title[80];

	if (!rows)
		n = s->n;
	for (size_t j = 0; j < n; j++) {
		int64_t t = s->col[SL_F_TIME].v.time[rows ? rows[j] : j] + off, day = floordiv(t, day_us);
		/* 1970-01-01 was a Thursday: Monday is 0 */
		grid[(t - day * day_us) / hour_us][((day + 3) % 7 + 7) % 7]++;
	}
	if (q->tz_minutes)
		snprintf(title, sizeof title, "Sign-ins by hour and weekday (UTC%c%02d:%02d)",
		         q->tz_minutes < 0 ? '-' : '+', tz / 60, tz % 60);
	else
		snprintf(title, sizeof title, "Sign-ins by hour and weekday (UTC)");
	struct sl_section *sec = sl_report_section(r, "hours", title, SL_SEC_TABLE, cols, 8);
	sl_section_chart(sec, SL_CHART_HEAT, "hour", "mon tue wed thu fri sat sun");
	for (int h = 0; h < 24; h++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_int(&c[0], h);
		for (int w = 0; w < 7; w++)
			sl_cell_int(&c[1 + w], grid[h][w]);
	}
}
