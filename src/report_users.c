/* report_users.c — `signlog users` (one row per user) and `signlog user UPN` (one user's profile). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "codes.h"
#include "mfa.h"
#include "report.h"
#include "sltime.h"
#include "util.h"

#define DAY_US 86400000000LL
#define HOUR_US 3600000000LL

static int64_t floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* What both reports need to count a user's sign-ins: lookup tables indexed by dictionary
 * code, built once, so that counting never allocates per row. */
struct ctx {
	const struct sl_store *s;
	uint32_t *idmap;         /* app-id code -> app key (lower-cased ids share one key) */
	uint32_t nid;            /* app keys of ids are 1 .. nid-1; names follow from nid */
	size_t napp;             /* app keys, 0 included */
	uint8_t *is_legacy;      /* client-app code -> legacy client */
	struct sl_mfa_rule mfa;  /* the MFA rule (mfa.h) */
	/* "already counted for this user": holds the user code that last counted a value, so
	 * the arrays need no clearing between users (each user is counted once) */
	uint32_t *seen_app, *seen_ip, *seen_country, *seen_device;
	uint32_t *namecount;     /* user-name code -> sign-ins of the user being counted */
	int64_t *scratch;        /* one user's integer values (ASNs, days, error codes) */
};

/* The figures of one user (columns of `users`, keys of `user`). */
struct ustat {
	int64_t n, st[SL_ST__COUNT], apps, ips, countries, asns, devices, days, legacy;
	int64_t mfa_with, mfa_yes;   /* successful sign-ins with a requirement; of those MFA */
	int64_t first, last;
	int64_t top_code;            /* most frequent non-zero error code */
	int has_code;
	uint32_t name;               /* user-name code of the display name, 0 = none */
};

/* The app key of a row: its lower-cased app id, else its app name (summary's definition). */
static uint32_t app_key(const struct ctx *x, size_t i)
{
	uint32_t id = x->s->col[SL_F_APP_ID].v.code[i], name = x->s->col[SL_F_APP].v.code[i];
	return id ? x->idmap[id] : name ? x->nid + name : 0;
}

static void ctx_init(struct ctx *x, const struct sl_store *s, size_t maxrows)
{
	const struct sl_col *id = &s->col[SL_F_APP_ID], *ca = &s->col[SL_F_CLIENT_APP];
	struct sl_dict keys;

	memset(x, 0, sizeof *x);
	x->s = s;
	x->idmap = sl_xcalloc(id->dict.n, sizeof *x->idmap);
	sl_dict_init(&keys);
	for (uint32_t c = 1; c < id->dict.n; c++)
		x->idmap[c] = sl_intern_lower(&keys, &id->dict, c);
	x->nid = keys.n;
	sl_dict_free(&keys);
	x->napp = (size_t)x->nid + s->col[SL_F_APP].dict.n;

	x->is_legacy = sl_xcalloc(ca->dict.n, 1);
	for (uint32_t c = 1; c < ca->dict.n; c++)
		x->is_legacy[c] = (uint8_t)sl_client_is_legacy(sl_dict_str(&ca->dict, c));
	/* the rule of summary's and mfa's MFA share */
	sl_mfa_rule_init(&x->mfa, s);

	x->seen_app = sl_xcalloc(x->napp, sizeof *x->seen_app);
	x->seen_ip = sl_xcalloc(s->col[SL_F_IP].dict.n, sizeof *x->seen_ip);
	x->seen_country = sl_xcalloc(s->col[SL_F_COUNTRY].dict.n, sizeof *x->seen_country);
	x->seen_device = sl_xcalloc(s->col[SL_F_DEVICE_ID].dict.n, sizeof *x->seen_device);
	x->namecount = sl_xcalloc(s->col[SL_F_USER_NAME].dict.n, sizeof *x->namecount);
	x->scratch = sl_xcalloc(maxrows ? maxrows : 1, sizeof *x->scratch);
}

static void ctx_free(struct ctx *x)
{
	free(x->idmap);
	free(x->is_legacy);
	sl_mfa_rule_free(&x->mfa);
	free(x->seen_app);
	free(x->seen_ip);
	free(x->seen_country);
	free(x->seen_device);
	free(x->namecount);
	free(x->scratch);
}

/* 1 when value code c is non-empty and not yet counted for user u. */
static int first_for(uint32_t *seen, uint32_t c, uint32_t u)
{
	if (!c || seen[c] == u)
		return 0;
	seen[c] = u;
	return 1;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Distinct values among v[0..n) (sorts v). */
static int64_t distinct(int64_t *v, size_t n)
{
	int64_t d = 0;
	qsort(v, n, sizeof *v, cmp_i64);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || v[i] != v[i - 1];
	return d;
}

/* Count user u's sign-ins rows[0..n) (in read order) into *st. */
static void user_stats(struct ctx *x, const uint32_t *rows, size_t n, uint32_t u, struct ustat *st)
{
	const struct sl_store *s = x->s;
	const int64_t *tm = s->col[SL_F_TIME].v.time;
	const int32_t *code = s->col[SL_F_ERROR_CODE].v.i32, *asn = s->col[SL_F_ASN].v.i32;
	const uint32_t *name = s->col[SL_F_USER_NAME].v.code;
	size_t k;

	memset(st, 0, sizeof *st);
	st->first = st->last = SL_TIME_NONE;
	st->n = (int64_t)n;
	for (size_t j = 0; j < n; j++) {
		size_t i = rows[j];
		uint8_t status = s->col[SL_F_STATUS].v.u8[i];
		st->st[status < SL_ST__COUNT ? status : SL_ST_FAILURE]++;
		if (st->first == SL_TIME_NONE || tm[i] < st->first)
			st->first = tm[i];
		if (st->last == SL_TIME_NONE || tm[i] > st->last)
			st->last = tm[i];
		st->apps += first_for(x->seen_app, app_key(x, i), u);
		st->ips += first_for(x->seen_ip, s->col[SL_F_IP].v.code[i], u);
		st->countries += first_for(x->seen_country, s->col[SL_F_COUNTRY].v.code[i], u);
		st->devices += first_for(x->seen_device, s->col[SL_F_DEVICE_ID].v.code[i], u);
		st->legacy += x->is_legacy[s->col[SL_F_CLIENT_APP].v.code[i]];
		if (status == SL_ST_SUCCESS) {
			enum sl_mfa_class m = sl_mfa_row(&x->mfa, i);
			st->mfa_with += m != SL_MFA_UNKNOWN;
			st->mfa_yes += m == SL_MFA_YES;
		}
		if (name[i])
			x->namecount[name[i]]++;
	}
	/* display name: most frequent; a strict > keeps the first read on a tie */
	for (size_t j = 0; j < n; j++) {
		uint32_t c = name[rows[j]];
		if (c && (!st->name || x->namecount[c] > x->namecount[st->name]))
			st->name = c;
	}
	for (size_t j = 0; j < n; j++)
		x->namecount[name[rows[j]]] = 0;

	k = 0;
	for (size_t j = 0; j < n; j++)
		if (asn[rows[j]] != SL_INT_NONE)
			x->scratch[k++] = asn[rows[j]];
	st->asns = distinct(x->scratch, k);
	for (size_t j = 0; j < n; j++)
		x->scratch[j] = floordiv(tm[rows[j]], DAY_US);
	st->days = distinct(x->scratch, n);

	/* top error code: sorted ascending, so the first code reaching the highest count is
	 * the lowest code among the tied */
	k = 0;
	for (size_t j = 0; j < n; j++)
		if (code[rows[j]] != 0 && code[rows[j]] != SL_INT_NONE)
			x->scratch[k++] = code[rows[j]];
	qsort(x->scratch, k, sizeof *x->scratch, cmp_i64);
	for (size_t j = 0, best = 0; j < k;) {
		size_t e = j;
		while (e < k && x->scratch[e] == x->scratch[j])
			e++;
		if (e - j > best) {
			best = e - j;
			st->top_code = x->scratch[j];
			st->has_code = 1;
		}
		j = e;
	}
}

/* The columns of `users`, which are also the keys of `user`'s counts. */
static const struct sl_column user_cols[] = {
	{ "user", "User", SL_CT_STR, 0 },
	{ "display_name", "Display name", SL_CT_STR, 0 },
	{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
	{ "success", "Success", SL_CT_INT, 0 },
	{ "failure", "Failure", SL_CT_INT, 0 },
	{ "interrupted", "Interrupted", SL_CT_INT, 0 },
	{ "unknown", "Unknown", SL_CT_INT, 0 },
	{ "failure_percent", "Failure %", SL_CT_PCT, 0 },
	{ "apps", "Apps", SL_CT_INT, 0 },
	{ "ips", "IPs", SL_CT_INT, 0 },
	{ "countries", "Countries", SL_CT_INT, 0 },
	{ "asns", "ASNs", SL_CT_INT, 0 },
	{ "devices", "Devices", SL_CT_INT, 0 },
	{ "first", "First", SL_CT_TIME, 0 },
	{ "last", "Last", SL_CT_TIME, 0 },
	{ "active_days", "Active days", SL_CT_INT, 0 },
	{ "mfa_percent", "MFA %", SL_CT_PCT, 0 },
	{ "legacy", "Legacy", SL_CT_INT, 0 },
	{ "top_error_code", "Top error", SL_CT_INT, 0 },
};
#define NUSER_COLS (sizeof user_cols / sizeof user_cols[0])

/* Fill the NUSER_COLS cells c (all null) from st. */
static void user_cells(struct sl_report *r, const struct sl_store *s, uint32_t u,
                       const struct ustat *st, struct sl_cell *c)
{
	sl_cell_cstr(r, &c[0], sl_dict_str(&s->users, u));
	if (st->name)
		sl_cell_cstr(r, &c[1], sl_dict_str(&s->col[SL_F_USER_NAME].dict, st->name));
	sl_cell_int(&c[2], st->n);
	sl_cell_int(&c[3], st->st[SL_ST_SUCCESS]);
	sl_cell_int(&c[4], st->st[SL_ST_FAILURE]);
	sl_cell_int(&c[5], st->st[SL_ST_INTERRUPTED]);
	sl_cell_int(&c[6], st->st[SL_ST_UNKNOWN]);
	if (st->n)
		sl_cell_dbl(&c[7], sl_pct(st->st[SL_ST_FAILURE], st->n));
	sl_cell_int(&c[8], st->apps);
	sl_cell_int(&c[9], st->ips);
	sl_cell_int(&c[10], st->countries);
	sl_cell_int(&c[11], st->asns);
	sl_cell_int(&c[12], st->devices);
	sl_cell_int(&c[13], st->first);
	sl_cell_int(&c[14], st->last);
	sl_cell_int(&c[15], st->days);
	if (st->mfa_with)
		sl_cell_dbl(&c[16], sl_pct(st->mfa_yes, st->mfa_with));
	sl_cell_int(&c[17], st->legacy);
	if (st->has_code)
		sl_cell_int(&c[18], st->top_code);
}

const enum sl_fid sl_users_fields[] = {
	SL_F_USER, SL_F_USER_ID, SL_F_USER_NAME, SL_F_TIME, SL_F_STATUS, SL_F_EVENT_TYPE,
	SL_F_ERROR_CODE, SL_F_APP, SL_F_APP_ID, SL_F_IP, SL_F_COUNTRY, SL_F_ASN, SL_F_DEVICE_ID,
	SL_F_CLIENT_APP, SL_F_AUTH_REQ, SL_F_ADDITIONAL, SL_F__COUNT
};

void sl_report_users(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	size_t nu = s->users.n, maxrows = 0, show;
	size_t *start = sl_xcalloc(nu + 1, sizeof *start), *pos;
	uint32_t *order;
	struct ustat *st = sl_xcalloc(nu, sizeof *st);
	struct sl_rank *rank = sl_xcalloc(nu, sizeof *rank);
	struct ctx x;

	/* group the rows by user (counting sort: each group stays in read order) */
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i])
			start[s->user[i] + 1]++;
	for (size_t u = 1; u <= nu; u++) {
		if (start[u] > maxrows)
			maxrows = start[u];
		start[u] += start[u - 1];
	}
	order = sl_xcalloc(start[nu] ? start[nu] : 1, sizeof *order);
	pos = sl_xcalloc(nu, sizeof *pos);
	memcpy(pos, start, nu * sizeof *pos);
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i])
			order[pos[s->user[i]]++] = (uint32_t)i;
	free(pos);

	ctx_init(&x, s, maxrows);
	for (uint32_t u = 1; u < nu; u++) {
		user_stats(&x, order + start[u], start[u + 1] - start[u], u, &st[u]);
		rank[u - 1].count = st[u].n;
		rank[u - 1].key = sl_dict_str(&s->users, u);
		rank[u - 1].idx = u;
	}
	sl_rank_sort(rank, nu - 1);

	struct sl_section *sec = sl_report_section(r, "users", "Users", SL_SEC_TABLE, user_cols, NUSER_COLS);
	show = sl_top_rows(r, sec, q, nu - 1, 50);
	for (size_t k = 0; k < show; k++) {
		uint32_t u = (uint32_t)rank[k].idx;
		user_cells(r, s, u, &st[u], sl_section_row(r, sec));
	}
	if (nu == 1)
		sec->note = sl_arena_printf(&r->arena, "no user sign-ins %s", sl_scope(q));
	ctx_free(&x);
	free(order);
	free(start);
	free(st);
	free(rank);
}

/* ---- one user ---------------------------------------------------------------------- */

/* The dimensions of the profile's ranked tables. */
enum dim { D_COUNTRY, D_CITY, D_IP, D_ASN, D_APP, D_CLIENT, D_OS, D_BROWSER };

/* One sign-in's value of a dimension as a number, 0 = none. */
static uint64_t dim_key(const struct ctx *x, enum dim d, size_t i)
{
	const struct sl_store *s = x->s;
	switch (d) {
	case D_COUNTRY: return s->col[SL_F_COUNTRY].v.code[i];
	case D_CITY:
		/* a city is told apart by its country: two Springfields are two places */
		return s->col[SL_F_CITY].v.code[i] ?
		       (uint64_t)s->col[SL_F_CITY].v.code[i] << 32 | s->col[SL_F_COUNTRY].v.code[i] : 0;
	case D_IP: return s->col[SL_F_IP].v.code[i];
	case D_ASN:
		/* ASN 0 is a value, so the key sets a bit above the 32 of the number */
		return s->col[SL_F_ASN].v.i32[i] == SL_INT_NONE ? 0 :
		       (uint64_t)(uint32_t)s->col[SL_F_ASN].v.i32[i] | (uint64_t)1 << 32;
	case D_APP: return app_key(x, i);
	case D_CLIENT: return s->col[SL_F_CLIENT_APP].v.code[i];
	case D_OS: return s->col[SL_F_OS].v.code[i];
	case D_BROWSER: return s->col[SL_F_BROWSER].v.code[i];
	}
	return 0;
}

struct agg {
	uint64_t key;
	int64_t n, first, last;
	uint32_t row;              /* first read of the value: gives its text */
};

static int cmp_agg(const void *a, const void *b)
{
	const struct agg *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

static int cmp_first(const void *a, const void *b)
{
	const struct agg *x = a, *y = b;
	return (x->row > y->row) - (x->row < y->row);
}

/* A ranked table of one dimension over rows[0..n): value,sign_ins[,first,last] and, for
 * cities and apps, the column that tells equal texts apart. v has room for n entries. */
static void ranked(struct sl_report *r, const struct sl_query *q, const struct ctx *x,
                   const uint32_t *rows, size_t n, struct agg *v, struct sl_rank *rank,
                   enum dim d, const char *key, const char *title, const char *vtitle, int times)
{
	static const char *const colname[] = { "country", "city", "ip", "asn", "app", "client_app", "os", "browser" };
	const struct sl_store *s = x->s;
	struct sl_column cols[5] = {
		{ colname[d], vtitle, d == D_ASN ? SL_CT_INT : SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "first", "First", SL_CT_TIME, 0 },
		{ "last", "Last", SL_CT_TIME, 0 },
		{ NULL, NULL, SL_CT_STR, 0 },
	};
	size_t ncols = times ? 4 : 2, m = 0, nv = 0, show;

	if (d == D_CITY)
		cols[ncols++] = (struct sl_column){ "country", "Country", SL_CT_STR, 0 };
	else if (d == D_APP)
		cols[ncols++] = (struct sl_column){ "app_id", "App ID", SL_CT_STR, 0 };
	for (size_t j = 0; j < n; j++) {
		uint64_t k = dim_key(x, d, rows[j]);
		if (k) {
			int64_t t = s->col[SL_F_TIME].v.time[rows[j]];
			v[m++] = (struct agg){ k, 1, t, t, rows[j] };
		}
	}
	qsort(v, m, sizeof *v, cmp_agg);
	for (size_t j = 0; j < m; j++) {
		if (nv && v[nv - 1].key == v[j].key) {
			struct agg *a = &v[nv - 1];
			a->n++;
			if (v[j].first < a->first)
				a->first = v[j].first;
			if (v[j].last > a->last)
				a->last = v[j].last;
		} else {
			v[nv++] = v[j];
		}
	}
	/* in first-read order, so that the rank's last tie-break (index) is the first read */
	qsort(v, nv, sizeof *v, cmp_first);
	for (size_t j = 0; j < nv; j++) {
		size_t i = v[j].row;
		const char *t;
		switch (d) {
		case D_ASN:
			t = sl_arena_printf(&r->arena, "%d", s->col[SL_F_ASN].v.i32[i]);
			break;
		case D_APP:
			/* the app's name as first read, its id when it has no name */
			t = sl_store_str(s, SL_F_APP, i);
			if (!*t)
				t = sl_store_str(s, SL_F_APP_ID, i);
			break;
		case D_COUNTRY: t = sl_store_str(s, SL_F_COUNTRY, i); break;
		case D_CITY: t = sl_store_str(s, SL_F_CITY, i); break;
		case D_IP: t = sl_store_str(s, SL_F_IP, i); break;
		case D_CLIENT: t = sl_store_str(s, SL_F_CLIENT_APP, i); break;
		case D_OS: t = sl_store_str(s, SL_F_OS, i); break;
		default: t = sl_store_str(s, SL_F_BROWSER, i); break;
		}
		rank[j] = (struct sl_rank){ v[j].n, t, j };
	}
	sl_rank_sort(rank, nv);

	struct sl_section *sec = sl_report_section(r, key, title, SL_SEC_TABLE, cols, ncols);
	show = sl_top_rows(r, sec, q, nv, 20);
	for (size_t k = 0; k < show; k++) {
		const struct agg *a = &v[rank[k].idx];
		struct sl_cell *c = sl_section_row(r, sec);
		if (d == D_ASN)
			sl_cell_int(&c[0], s->col[SL_F_ASN].v.i32[a->row]);
		else
			sl_cell_cstr(r, &c[0], rank[k].key);
		sl_cell_int(&c[1], a->n);
		if (times) {
			sl_cell_int(&c[2], a->first);
			sl_cell_int(&c[3], a->last);
		}
		/* no value stays null rather than "" */
		if (d == D_CITY && s->col[SL_F_COUNTRY].v.code[a->row])
			sl_cell_cstr(r, &c[ncols - 1], sl_store_str(s, SL_F_COUNTRY, a->row));
		else if (d == D_APP && s->col[SL_F_APP_ID].v.code[a->row])
			sl_cell_cstr(r, &c[ncols - 1], sl_store_str(s, SL_F_APP_ID, a->row));
	}
}

/* Sign-ins by hour of day and weekday, in UTC shifted by --tz. */
static void hours(struct sl_report *r, const struct sl_query *q, const struct sl_store *s,
                  const uint32_t *rows, size_t n)
{
	static const struct sl_column cols[] = {
		{ "hour", "Hour", SL_CT_INT, 0 },
		{ "mon", "Mon", SL_CT_INT, 0 }, { "tue", "Tue", SL_CT_INT, 0 },
		{ "wed", "Wed", SL_CT_INT, 0 }, { "thu", "Thu", SL_CT_INT, 0 },
		{ "fri", "Fri", SL_CT_INT, 0 }, { "sat", "Sat", SL_CT_INT, 0 },
		{ "sun", "Sun", SL_CT_INT, 0 },
	};
	int64_t grid[24][7] = { { 0 } }, off = (int64_t)q->tz_minutes * 60000000LL;
	int tz = q->tz_minutes < 0 ? -q->tz_minutes : q->tz_minutes;
	char title[80];

	for (size_t j = 0; j < n; j++) {
		int64_t t = s->col[SL_F_TIME].v.time[rows[j]] + off, day = floordiv(t, DAY_US);
		/* 1970-01-01 was a Thursday: Monday is 0 */
		grid[(t - day * DAY_US) / HOUR_US][((day + 3) % 7 + 7) % 7]++;
	}
	if (q->tz_minutes)
		snprintf(title, sizeof title, "Sign-ins by hour and weekday (UTC%c%02d:%02d)",
		         q->tz_minutes < 0 ? '-' : '+', tz / 60, tz % 60);
	else
		snprintf(title, sizeof title, "Sign-ins by hour and weekday (UTC)");
	struct sl_section *sec = sl_report_section(r, "hours", title, SL_SEC_TABLE, cols, 8);
	for (int h = 0; h < 24; h++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_int(&c[0], h);
		for (int w = 0; w < 7; w++)
			sl_cell_int(&c[1 + w], grid[h][w]);
	}
}

/* Authentication methods from the user's authentication steps. */
static void methods(struct sl_report *r, const struct sl_query *q, const struct sl_store *s,
                    const uint32_t *rows, size_t n)
{
	static const struct sl_column cols[] = {
		{ "method", "Method", SL_CT_STR, 0 },
		{ "attempts", "Attempts", SL_CT_INT, 1 },
		{ "succeeded", "Succeeded", SL_CT_INT, 0 },
		{ "failed", "Failed", SL_CT_INT, 0 },
	};
	const struct sl_col *m = &s->col[SL_F_AUTH_METHOD], *ok = &s->col[SL_F_AUTH_OK];
	const uint32_t *loff = s->loff[SL_LIST_AUTH];
	int64_t (*cnt)[3] = sl_xcalloc(m->dict.n, sizeof *cnt), steps = 0;
	struct sl_rank *rank = sl_xcalloc(m->dict.n, sizeof *rank);
	size_t nv = 0, show;

	for (size_t j = 0; j < n; j++) {
		for (uint32_t c = loff[rows[j]]; c < loff[rows[j] + 1]; c++) {
			uint32_t mc = m->v.code[c];
			steps++;
			cnt[mc][0]++;
			if (ok->v.u8[c] == 1)
				cnt[mc][1]++;
			else if (ok->v.u8[c] == 0)
				cnt[mc][2]++;
		}
	}
	for (uint32_t c = 1; c < m->dict.n; c++)
		if (cnt[c][0])
			rank[nv++] = (struct sl_rank){ cnt[c][0], sl_dict_str(&m->dict, c), c };
	sl_rank_sort(rank, nv);
	struct sl_section *sec = sl_report_section(r, "methods", "Authentication methods", SL_SEC_TABLE, cols, 4);
	show = sl_top_rows(r, sec, q, nv, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], rank[k].key);
		sl_cell_int(&c[1], cnt[rank[k].idx][0]);
		sl_cell_int(&c[2], cnt[rank[k].idx][1]);
		sl_cell_int(&c[3], cnt[rank[k].idx][2]);
	}
	if (!steps)
		sec->note = "the input carries no authentication steps for this user's sign-ins "
		            "(Graph v1.0 and some CSV exports lack them): methods unknown";
	free(cnt);
	free(rank);
}

struct codecount { int64_t code, n; };

static int by_count(const void *a, const void *b)
{
	const struct codecount *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (x->code > y->code) - (x->code < y->code);
}

/* The user's non-zero error codes, most frequent first, lower code first on a tie. */
static void failures(struct sl_report *r, const struct sl_query *q, const struct ctx *x,
                     const uint32_t *rows, size_t n)
{
	static const struct sl_column cols[] = {
		{ "error_code", "Code", SL_CT_INT, 0 },
		{ "name", "Name", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "status", "Status", SL_CT_STR, 0 },
	};
	const int32_t *code = x->s->col[SL_F_ERROR_CODE].v.i32;
	struct codecount *v = sl_xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0, nv = 0, show;

	for (size_t j = 0; j < n; j++)
		if (code[rows[j]] != 0 && code[rows[j]] != SL_INT_NONE)
			x->scratch[k++] = code[rows[j]];
	qsort(x->scratch, k, sizeof *x->scratch, cmp_i64);
	for (size_t j = 0; j < k; j++) {
		if (nv && v[nv - 1].code == x->scratch[j])
			v[nv - 1].n++;
		else
			v[nv++] = (struct codecount){ x->scratch[j], 1 };
	}
	qsort(v, nv, sizeof *v, by_count);
	struct sl_section *sec = sl_report_section(r, "failures", "Failures by error code", SL_SEC_TABLE, cols, 4);
	show = sl_top_rows(r, sec, q, nv, 20);
	for (size_t j = 0; j < show; j++) {
		struct sl_cell *c = sl_section_row(r, sec);
		const char *name = sl_code_name(v[j].code);
		sl_cell_int(&c[0], v[j].code);
		sl_cell_cstr(r, &c[1], name ? name : "");
		sl_cell_int(&c[2], v[j].n);
		sl_cell_cstr(r, &c[3], sl_status_names[sl_status_of(v[j].code)]);
	}
	free(v);
}

const enum sl_fid sl_user_fields[] = {
	SL_F_USER, SL_F_USER_ID, SL_F_USER_NAME, SL_F_TIME, SL_F_STATUS, SL_F_EVENT_TYPE,
	SL_F_ERROR_CODE, SL_F_APP, SL_F_APP_ID, SL_F_IP, SL_F_CITY, SL_F_COUNTRY, SL_F_ASN,
	SL_F_DEVICE_ID, SL_F_CLIENT_APP, SL_F_OS, SL_F_BROWSER, SL_F_AUTH_REQ, SL_F_ADDITIONAL, SL_F_AUTH_METHOD,
	SL_F_AUTH_OK, SL_F__COUNT
};

void sl_report_user(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const char *arg = q->arg ? q->arg : "";
	size_t len = strlen(arg), n = 0;
	char *k = sl_xstrndup(arg, len);
	uint32_t u, *rows;
	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	struct ustat st;
	struct sl_cell cells[NUSER_COLS];
	struct ctx x;

	/* user keys are lower-cased in ASCII only, as the store makes them */
	for (size_t i = 0; i < len; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] + 32);
	u = len ? sl_dict_find(&s->users, k, len, sl_hash(k, len)) : 0;
	free(k);
	/* a user with no sign-in still has every key and table, empty: the shape never changes */
	if (!u && len)
		root->note = sl_arena_printf(&r->arena, "no sign-ins of user %s %s%s", arg, sl_scope(q),
		                             sl_user_suggestions(r, s, arg));

	rows = sl_xcalloc(s->n ? s->n : 1, sizeof *rows);
	for (size_t i = 0; u && i < s->n; i++)
		if (s->user[i] == u)
			rows[n++] = (uint32_t)i;
	ctx_init(&x, s, n);
	user_stats(&x, rows, n, u, &st);
	memset(cells, 0, sizeof cells);
	for (size_t c = 0; c < NUSER_COLS; c++)
		cells[c].null = 1;
	user_cells(r, s, u, &st, cells);
	if (!u) {
		/* the user key it would have: lower-cased as the store makes keys */
		char *key = sl_xstrdup(arg);
		sl_ascii_lower(key, key, len);
		sl_cell_cstr(r, &cells[0], key);
		free(key);
	}
	for (size_t c = 0; c < NUSER_COLS; c++) {
		struct sl_cell *row = sl_section_row(r, root);
		sl_cell_cstr(r, &row[0], user_cols[c].name);
		row[1] = cells[c];
		root->kvtypes[root->nrows - 1] = user_cols[c].type;
	}

	hours(r, q, s, rows, n);
	struct agg *v = sl_xcalloc(n, sizeof *v);
	struct sl_rank *rank = sl_xcalloc(n, sizeof *rank);
	ranked(r, q, &x, rows, n, v, rank, D_COUNTRY, "top_countries", "Countries", "Country", 1);
	ranked(r, q, &x, rows, n, v, rank, D_CITY, "top_cities", "Cities", "City", 1);
	ranked(r, q, &x, rows, n, v, rank, D_IP, "top_ips", "IP addresses", "IP address", 1);
	ranked(r, q, &x, rows, n, v, rank, D_ASN, "top_asns", "Autonomous systems", "ASN", 1);
	ranked(r, q, &x, rows, n, v, rank, D_APP, "top_apps", "Applications", "Application", 0);
	ranked(r, q, &x, rows, n, v, rank, D_CLIENT, "top_client_apps", "Client apps", "Client app", 0);
	ranked(r, q, &x, rows, n, v, rank, D_OS, "top_operating_systems", "Operating systems", "Operating system", 0);
	ranked(r, q, &x, rows, n, v, rank, D_BROWSER, "top_browsers", "Browsers", "Browser", 0);
	methods(r, q, s, rows, n);
	failures(r, q, &x, rows, n);
	free(v);
	free(rank);
	free(rows);
	ctx_free(&x);
}
