/* report_timeline.c — `signlog timeline UPN`: one account's sign-ins in order, with an investigator's marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "codes.h"
#include "report.h"
#include "sltime.h"
#include "util.h"

#define SEC_US 1000000LL
#define MIN_US 60000000LL
#define HOUR_US 3600000000LL
#define DAY_US 86400000000LL

/* A country change counts when the previous sign-in is at most this long before. */
#define CHANGE_WINDOW_US HOUR_US

/* The marks of one sign-in, in the order they are written. */
enum {
	M_NEW_IP = 1, M_NEW_COUNTRY = 2, M_NEW_ASN = 4, M_NEW_DEVICE = 8, M_NEW_APP = 16,
	M_FAILURE = 32, M_GAP = 64, M_CHANGE = 128
};

struct mark {
	unsigned flags;
	int64_t since;             /* time since the previous sign-in (gap, country change) */
	uint32_t prev_country;     /* country change: the previous sign-in's country code */
};

/* A growing text buffer, reused for every row (no allocation per row once it is large
 * enough). */
struct buf {
	char *s;
	size_t len, cap;
};

static void add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		sl_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

/* "; " between two items of a list. */
static void sep(struct buf *b)
{
	if (b->len)
		add(b, "; ", 2);
}

/* A duration in its two largest units among d, h, m, s, truncated (12d 4h, 2h 5m, 45s); a
 * second unit of zero is left out (8d). */
static void duration(struct buf *b, int64_t us)
{
	static const struct { int64_t us; const char *unit; } u[] = {
		{ DAY_US, "d" }, { HOUR_US, "h" }, { MIN_US, "m" }, { SEC_US, "s" },
	};
	char t[64];
	size_t k = 0;
	while (k + 1 < sizeof u / sizeof u[0] && us < u[k].us)
		k++;
	snprintf(t, sizeof t, "%lld%s", (long long)(us / u[k].us), u[k].unit);
	adds(b, t);
	if (k + 1 < sizeof u / sizeof u[0] && (us % u[k].us) / u[k + 1].us) {
		snprintf(t, sizeof t, " %lld%s", (long long)((us % u[k].us) / u[k + 1].us), u[k + 1].unit);
		adds(b, t);
	}
}

/* A sign-in in timeline order: time, then load order. */
struct entry {
	int64_t t;
	uint32_t row;
};

static int by_time(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* The app key of every app-id code: codes of one id in any letter case share a key, so
 * that an app is "new" only once (summary's definition of apps). Keys 1 .. *nid-1. */
static uint32_t *app_keys(const struct sl_col *id, uint32_t *nid)
{
	uint32_t *map = sl_xcalloc(id->dict.n, sizeof *map);
	struct sl_dict keys;
	sl_dict_init(&keys);
	for (uint32_t c = 1; c < id->dict.n; c++)
		map[c] = sl_intern_lower(&keys, &id->dict, c);
	*nid = keys.n;
	sl_dict_free(&keys);
	return map;
}

/* The text of a STR field, or null when the sign-in has none. */
static void str_cell(struct sl_report *r, struct sl_cell *c, const struct sl_store *s, enum sl_fid f, size_t i)
{
	if (s->col[f].v.code[i])
		sl_cell_cstr(r, c, sl_store_str(s, f, i));
}

/* STR field f, else (when empty) field alt: a name, else its id. */
static void str_or(struct sl_report *r, struct sl_cell *c, const struct sl_store *s, enum sl_fid f,
                   enum sl_fid alt, size_t i)
{
	if (s->col[f].v.code[i])
		sl_cell_cstr(r, c, sl_store_str(s, f, i));
	else
		str_cell(r, c, s, alt, i);
}

/* The authentication steps of row i: "Method: success; Method: failure (detail)". */
static void steps_text(struct buf *b, const struct sl_store *s, size_t i)
{
	const struct sl_col *m = &s->col[SL_F_AUTH_METHOD], *ok = &s->col[SL_F_AUTH_OK];
	const struct sl_col *res = &s->col[SL_F_AUTH_RESULT];
	for (uint32_t c = s->loff[SL_LIST_AUTH][i]; c < s->loff[SL_LIST_AUTH][i + 1]; c++) {
		const char *detail = sl_dict_str(&res->dict, res->v.code[c]);
		sep(b);
		adds(b, m->v.code[c] ? sl_dict_str(&m->dict, m->v.code[c]) : "unknown method");
		if (ok->v.u8[c] != SL_BOOL_NONE)
			adds(b, ok->v.u8[c] ? ": success" : ": failure");
		/* "methodSucceeded" repeats what success already says */
		if (*detail && strcasecmp(detail, "methodSucceeded") != 0) {
			adds(b, " (");
			adds(b, detail);
			adds(b, ")");
		}
	}
}

static void marks_text(struct buf *b, const struct sl_store *s, size_t i, const struct mark *mk)
{
	static const struct { unsigned flag; const char *text; } news[] = {
		{ M_NEW_IP, "new IP" }, { M_NEW_COUNTRY, "new country" }, { M_NEW_ASN, "new ASN" },
		{ M_NEW_DEVICE, "new device" }, { M_NEW_APP, "new app" },
	};
	const struct sl_dict *cd = &s->col[SL_F_COUNTRY].dict;
	char t[96];
	for (size_t k = 0; k < sizeof news / sizeof news[0]; k++)
		if (mk->flags & news[k].flag) {
			sep(b);
			adds(b, news[k].text);
		}
	if (mk->flags & M_FAILURE) {
		int32_t code = s->col[SL_F_ERROR_CODE].v.i32[i];
		const char *name = sl_code_name(code);
		sep(b);
		if (name && *name)
			snprintf(t, sizeof t, "failure: %s (%d)", name, code);
		else
			snprintf(t, sizeof t, "failure: %d", code);
		adds(b, t);
	}
	if (mk->flags & M_GAP) {
		sep(b);
		adds(b, "gap ");
		duration(b, mk->since);
	}
	if (mk->flags & M_CHANGE) {
		sep(b);
		if (mk->since >= MIN_US)
			snprintf(t, sizeof t, "country change in %lld min (", (long long)(mk->since / MIN_US));
		else
			snprintf(t, sizeof t, "country change in %lld s (", (long long)(mk->since / SEC_US));
		adds(b, t);
		adds(b, sl_dict_str(cd, mk->prev_country));
		adds(b, " \xE2\x86\x92 ");
		adds(b, sl_store_str(s, SL_F_COUNTRY, i));
		adds(b, ")");
	}
}

static const struct sl_column cols[] = {
	{ "time", "Time", SL_CT_TIME, 0 },
	{ "status", "Status", SL_CT_STR, 0 },
	{ "error_code", "Code", SL_CT_INT, 0 },
	{ "name", "Error name", SL_CT_STR, 0 },
	{ "app", "Application", SL_CT_STR, 0 },
	{ "resource", "Resource", SL_CT_STR, 0 },
	{ "ip", "IP address", SL_CT_STR, 0 },
	{ "country", "Country", SL_CT_STR, 0 },
	{ "city", "City", SL_CT_STR, 0 },
	{ "asn", "ASN", SL_CT_INT, 0 },
	{ "client_app", "Client app", SL_CT_STR, 0 },
	{ "os", "OS", SL_CT_STR, 0 },
	{ "browser", "Browser", SL_CT_STR, 0 },
	{ "device_id", "Device ID", SL_CT_STR, 0 },
	{ "auth_requirement", "Requirement", SL_CT_STR, 0 },
	{ "auth_steps", "Authentication steps", SL_CT_STR, 0 },
	{ "marks", "Marks", SL_CT_STR, 0 },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* The summary's counts after user, sign_ins, first and last. */
static const char *const count_keys[] = {
	"ips", "countries", "apps", "gap_seconds", "new_ips", "new_countries", "new_asns", "new_devices",
	"new_apps", "failure_marks", "gaps", "country_changes",
};

const enum sl_fid sl_timeline_fields[] = {
	SL_F_USER, SL_F_USER_ID, SL_F_TIME, SL_F_STATUS, SL_F_EVENT_TYPE, SL_F_ERROR_CODE,
	SL_F_APP, SL_F_APP_ID, SL_F_RESOURCE, SL_F_RESOURCE_ID, SL_F_IP, SL_F_COUNTRY, SL_F_CITY,
	SL_F_ASN, SL_F_CLIENT_APP, SL_F_OS, SL_F_BROWSER, SL_F_DEVICE_ID, SL_F_AUTH_REQ,
	SL_F_AUTH_METHOD, SL_F_AUTH_OK, SL_F_AUTH_RESULT, SL_F__COUNT
};

void sl_report_timeline(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const char *arg = q->arg ? q->arg : "";
	const int64_t *tm = s->col[SL_F_TIME].v.time;
	const int32_t *asn = s->col[SL_F_ASN].v.i32;
	const uint32_t *ip = s->col[SL_F_IP].v.code, *country = s->col[SL_F_COUNTRY].v.code;
	const uint32_t *device = s->col[SL_F_DEVICE_ID].v.code;
	const uint32_t *appid = s->col[SL_F_APP_ID].v.code, *appname = s->col[SL_F_APP].v.code;
	size_t len = strlen(arg), n = 0, nasn = 0, show;
	char *k = sl_xstrndup(arg, len);
	uint32_t u, *rows, nid, *idmap;
	uint8_t *seen_ip, *seen_country, *seen_device, *seen_app, *seen_asn;
	int32_t *asns;
	struct mark *mk;
	struct entry *ent;
	int64_t cnt_ip = 0, cnt_country = 0, cnt_app = 0;
	int64_t new_ip = 0, new_country = 0, new_asn = 0, new_device = 0, new_app = 0;
	int64_t failures = 0, gaps = 0, changes = 0;
	struct buf b = { NULL, 0, 0 };

	/* user keys are lower-cased in ASCII only, as the store makes them (as `user` does) */
	for (size_t i = 0; i < len; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] + 32);
	u = len ? sl_dict_find(&s->users, k, len, sl_hash(k, len)) : 0;
	free(k);
	/* the user's rows (service principal and managed identity sign-ins have user 0) */
	for (size_t i = 0; u && i < s->n; i++)
		n += s->user[i] == u;
	if (!n) {
		/* every key and the table still there, empty: the shape never changes */
		struct sl_section *kv = sl_report_section(r, "summary", "Summary", SL_SEC_KV, NULL, 0);
		char *key = sl_xstrdup(arg);
		sl_ascii_lower(key, key, len);      /* the user key it would have */
		sl_kv_str(r, kv, "user", key);
		free(key);
		sl_kv_int(r, kv, "sign_ins", 0);
		sl_kv_time(r, kv, "first", SL_TIME_NONE);
		sl_kv_time(r, kv, "last", SL_TIME_NONE);
		for (size_t j = 0; j < sizeof count_keys / sizeof count_keys[0]; j++)
			sl_kv_int(r, kv, count_keys[j], j == 3 ? q->gap / SEC_US : 0);
		if (len)
			kv->note = sl_arena_printf(&r->arena, "no sign-ins of user %s %s%s", arg, sl_scope(q),
			                           sl_user_suggestions(r, s, arg));
		sl_report_section(r, "sign_ins", "Sign-ins", SL_SEC_TABLE, cols, NCOLS);
		return;
	}

	ent = sl_xcalloc(n, sizeof *ent);
	n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->user[i] == u)
			ent[n++] = (struct entry){ tm[i], (uint32_t)i };
	qsort(ent, n, sizeof *ent, by_time);
	rows = sl_xcalloc(n, sizeof *rows);
	for (size_t j = 0; j < n; j++)
		rows[j] = ent[j].row;
	free(ent);

	/* "seen before" flags indexed by dictionary code; ASNs are numbers, so the user's
	 * distinct ASNs are sorted once and a sign-in's flag is found by binary search */
	idmap = app_keys(&s->col[SL_F_APP_ID], &nid);
	seen_ip = sl_xcalloc(s->col[SL_F_IP].dict.n, 1);
	seen_country = sl_xcalloc(s->col[SL_F_COUNTRY].dict.n, 1);
	seen_device = sl_xcalloc(s->col[SL_F_DEVICE_ID].dict.n, 1);
	seen_app = sl_xcalloc((size_t)nid + s->col[SL_F_APP].dict.n, 1);
	asns = sl_xcalloc(n, sizeof *asns);
	for (size_t j = 0; j < n; j++)
		if (asn[rows[j]] != SL_INT_NONE)
			asns[nasn++] = asn[rows[j]];
	qsort(asns, nasn, sizeof *asns, cmp_i32);
	{
		size_t d = 0;
		for (size_t j = 0; j < nasn; j++)
			if (!d || asns[d - 1] != asns[j])
				asns[d++] = asns[j];
		nasn = d;
	}
	seen_asn = sl_xcalloc(nasn ? nasn : 1, 1);
	mk = sl_xcalloc(n, sizeof *mk);

	for (size_t j = 0; j < n; j++) {
		size_t i = rows[j];
		uint8_t st = s->col[SL_F_STATUS].v.u8[i];
		uint32_t app = appid[i] ? idmap[appid[i]] : appname[i] ? nid + appname[i] : 0;
		unsigned f = 0;
		/* the first sign-in shows nothing new: everything on it is */
		unsigned isnew = j ? ~0u : 0;

		if (ip[i] && !seen_ip[ip[i]]) {
			seen_ip[ip[i]] = 1;
			cnt_ip++;
			f |= M_NEW_IP & isnew;
		}
		if (country[i] && !seen_country[country[i]]) {
			seen_country[country[i]] = 1;
			cnt_country++;
			f |= M_NEW_COUNTRY & isnew;
		}
		if (asn[i] != SL_INT_NONE) {
			int32_t *a = bsearch(&asn[i], asns, nasn, sizeof *asns, cmp_i32);
			if (!seen_asn[a - asns]) {
				seen_asn[a - asns] = 1;
				f |= M_NEW_ASN & isnew;
			}
		}
		if (device[i] && !seen_device[device[i]]) {
			seen_device[device[i]] = 1;
			f |= M_NEW_DEVICE & isnew;
		}
		if (app && !seen_app[app]) {
			seen_app[app] = 1;
			cnt_app++;
			f |= M_NEW_APP & isnew;
		}
		if (st != SL_ST_SUCCESS)
			f |= M_FAILURE;
		if (j) {
			size_t p = rows[j - 1];
			mk[j].since = tm[i] - tm[p];
			if (mk[j].since > q->gap)
				f |= M_GAP;
			if (country[i] && country[p] && country[i] != country[p] && mk[j].since <= CHANGE_WINDOW_US) {
				f |= M_CHANGE;
				mk[j].prev_country = country[p];
			}
		}
		mk[j].flags = f;
		new_ip += !!(f & M_NEW_IP);
		new_country += !!(f & M_NEW_COUNTRY);
		new_asn += !!(f & M_NEW_ASN);
		new_device += !!(f & M_NEW_DEVICE);
		new_app += !!(f & M_NEW_APP);
		failures += !!(f & M_FAILURE);
		gaps += !!(f & M_GAP);
		changes += !!(f & M_CHANGE);
	}

	struct sl_section *kv = sl_report_section(r, "summary", "Summary", SL_SEC_KV, NULL, 0);
	sl_kv_str(r, kv, "user", sl_dict_str(&s->users, u));
	sl_kv_int(r, kv, "sign_ins", (int64_t)n);
	sl_kv_time(r, kv, "first", tm[rows[0]]);
	sl_kv_time(r, kv, "last", tm[rows[n - 1]]);
	int64_t counts[] = { cnt_ip, cnt_country, cnt_app, q->gap / SEC_US, new_ip, new_country, new_asn,
	                     new_device, new_app, failures, gaps, changes };
	for (size_t j = 0; j < sizeof count_keys / sizeof count_keys[0]; j++)
		sl_kv_int(r, kv, count_keys[j], counts[j]);

	struct sl_section *sec = sl_report_section(r, "sign_ins", "Sign-ins", SL_SEC_TABLE, cols, NCOLS);
	/* a timeline is read whole: every row unless --top asks for the first N */
	show = sl_top_rows(r, sec, q, n, 0);
	for (size_t j = 0; j < show; j++) {
		size_t i = rows[j];
		int32_t code = s->col[SL_F_ERROR_CODE].v.i32[i];
		uint8_t st = s->col[SL_F_STATUS].v.u8[i];
		struct sl_cell *c = sl_section_row(r, sec);
		const char *name;

		sl_cell_int(&c[0], tm[i]);
		sl_cell_cstr(r, &c[1], sl_status_names[st < SL_ST__COUNT ? st : SL_ST_FAILURE]);
		if (code != SL_INT_NONE) {
			sl_cell_int(&c[2], code);
			name = sl_code_name(code);
			sl_cell_cstr(r, &c[3], name ? name : "");
		}
		str_or(r, &c[4], s, SL_F_APP, SL_F_APP_ID, i);
		str_or(r, &c[5], s, SL_F_RESOURCE, SL_F_RESOURCE_ID, i);
		str_cell(r, &c[6], s, SL_F_IP, i);
		str_cell(r, &c[7], s, SL_F_COUNTRY, i);
		str_cell(r, &c[8], s, SL_F_CITY, i);
		if (asn[i] != SL_INT_NONE)
			sl_cell_int(&c[9], asn[i]);
		str_cell(r, &c[10], s, SL_F_CLIENT_APP, i);
		str_cell(r, &c[11], s, SL_F_OS, i);
		str_cell(r, &c[12], s, SL_F_BROWSER, i);
		str_cell(r, &c[13], s, SL_F_DEVICE_ID, i);
		str_cell(r, &c[14], s, SL_F_AUTH_REQ, i);
		b.len = 0;
		steps_text(&b, s, i);
		if (b.len)
			sl_cell_str(r, &c[15], b.s, b.len);
		b.len = 0;
		marks_text(&b, s, i, &mk[j]);
		if (b.len)
			sl_cell_str(r, &c[16], b.s, b.len);
	}

	free(b.s);
	free(mk);
	free(seen_asn);
	free(asns);
	free(seen_app);
	free(seen_device);
	free(seen_country);
	free(seen_ip);
	free(idmap);
	free(rows);
}
