/* detect.c — the detection engine: sign-ins in (time, request id) order, classes per row, groups, sliding windows, findings and their ids. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <nettle/sha2.h>
#include "detect.h"
#include "mfa.h"
#include "outcome.h"
#include "sltime.h"
#include "util.h"

const char *const sl_sev_names[SL_SEV__COUNT] = { "info", "low", "medium", "high", "critical" };

const struct sl_rule sl_rules[SL_R__COUNT] = {
#define R(id, slug, run, params, version, attack, thr, measure, title) \
	{ slug, run, params, version, attack, thr, measure, title },
#include "rules.def"
#undef R
};

int64_t sl_dparam(const struct sl_dctx *c, int rule, int k)
{
	return c->conf->val[rule][k];
}

/* ---- texts ------------------------------------------------------------------------------ */

const char *sl_d_user(const struct sl_dctx *c, size_t row)
{
	return sl_dict_str(&c->s->users, c->s->user[row]);
}

const char *sl_d_ip(const struct sl_dctx *c, size_t row)
{
	return sl_store_str(c->s, SL_F_IP, row);
}

const char *sl_d_str(const struct sl_dctx *c, enum sl_fid f, size_t row)
{
	const struct sl_col *col = &c->s->col[f];
	return col->v.any ? sl_dict_str(&col->dict, col->v.code[row]) : "";
}

const char *sl_d_time(int64_t t, char *buf)
{
	return sl_time_format(t, buf, 32);
}

const char *sl_d_dur(int64_t us, char *buf, size_t size)
{
	return sl_duration_text(us < 0 ? -us : us, buf, size);
}

/* ---- order: (time, request id) ---------------------------------------------------------- */

struct tkey {
	uint64_t t;                /* time with the sign bit flipped: unsigned order = signed order */
	uint32_t row;
};

/* Rows by time: a least-significant-digit radix sort, 16 bits a pass, skipping the passes
 * whose digit is the same for every row (times of one export share their high bits). */
static void sort_by_time(struct tkey *v, size_t n)
{
	struct tkey *tmp = sl_xmalloc((n ? n : 1) * sizeof *tmp);
	size_t *count = sl_xmalloc(65536 * sizeof *count);
	for (int shift = 0; shift < 64; shift += 16) {
		uint64_t first = n ? (v[0].t >> shift) & 0xffff : 0;
		int same = 1;
		for (size_t i = 1; i < n && same; i++)
			same = ((v[i].t >> shift) & 0xffff) == first;
		if (same)
			continue;
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(v[i].t >> shift) & 0xffff]++;
		size_t sum = 0;
		for (size_t d = 0; d < 65536; d++) {
			size_t k = count[d];
			count[d] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(v[i].t >> shift) & 0xffff]++] = v[i];
		memcpy(v, tmp, n * sizeof *v);
	}
	free(count);
	free(tmp);
}

static const struct sl_store *tie_store;

/* A stored request id that is a canonical GUID (its 16 bytes compare as its text does), not
 * a dictionary reference or nothing (store.c). */
static int canonical(const uint8_t *g)
{
	static const uint8_t zero[16];
	for (int i = 0; i < 12; i++)
		if (g[i] != 0xff)
			return memcmp(g, zero, 16) != 0;
	return 0;
}

/* Sign-ins of the same time: by request id text, then (no id) by user, IP, app and code,
 * then by load order (only rows that agree on all of these remain: none in practice). */
static int by_id(const void *a, const void *b)
{
	const struct sl_store *s = tie_store;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const uint8_t *gx = s->col[SL_F_REQUEST_ID].v.guid[x], *gy = s->col[SL_F_REQUEST_ID].v.guid[y];
	char bx[40], by[40];
	int d;
	if (canonical(gx) && canonical(gy))
		d = memcmp(gx, gy, 16);
	else
		d = strcmp(sl_store_text(s, SL_F_REQUEST_ID, x, bx), sl_store_text(s, SL_F_REQUEST_ID, y, by));
	if (d)
		return d;
	if ((d = strcmp(sl_dict_str(&s->users, s->user[x]), sl_dict_str(&s->users, s->user[y]))) != 0)
		return d;
	if ((d = strcmp(sl_store_str(s, SL_F_IP, x), sl_store_str(s, SL_F_IP, y))) != 0)
		return d;
	if ((d = strcmp(sl_store_str(s, SL_F_APP_ID, x), sl_store_str(s, SL_F_APP_ID, y))) != 0)
		return d;
	int32_t ex = s->col[SL_F_ERROR_CODE].v.i32[x], ey = s->col[SL_F_ERROR_CODE].v.i32[y];
	if (ex != ey)
		return ex < ey ? -1 : 1;
	return (x > y) - (x < y);
}

static void order_rows(struct sl_dctx *c)
{
	size_t n = c->n;
	int up = 1, down = 1;
	c->ord = sl_xmalloc((n ? n : 1) * sizeof *c->ord);
	c->pos = sl_xmalloc((n ? n : 1) * sizeof *c->pos);
	for (size_t i = 1; i < n && (up || down); i++) {
		up &= c->t[i] >= c->t[i - 1];
		down &= c->t[i] <= c->t[i - 1];
	}
	/* exports come oldest or newest first: then the order is known without sorting */
	if (up || down) {
		for (size_t i = 0; i < n; i++)
			c->ord[i] = (uint32_t)(up ? i : n - 1 - i);
	} else {
		struct tkey *v = sl_xmalloc((n ? n : 1) * sizeof *v);
		for (size_t i = 0; i < n; i++) {
			v[i].t = (uint64_t)c->t[i] ^ (1ULL << 63);
			v[i].row = (uint32_t)i;
		}
		sort_by_time(v, n);
		for (size_t i = 0; i < n; i++)
			c->ord[i] = v[i].row;
		free(v);
	}
	tie_store = c->s;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && c->t[c->ord[j]] == c->t[c->ord[i]])
			j++;
		if (j - i > 1)
			qsort(c->ord + i, j - i, sizeof *c->ord, by_id);
		i = j;
	}
	for (size_t i = 0; i < n; i++)
		c->pos[c->ord[i]] = (uint32_t)i;
}

/* ---- classes ------------------------------------------------------------------------------ */

/* flag[code] = pred(text of code) for every code of a text column (NULL when not loaded). */
static uint8_t *per_code(const struct sl_store *s, enum sl_fid f, int (*pred)(const char *))
{
	const struct sl_col *col = &s->col[f];
	uint8_t *flag;
	if (!col->v.any)
		return NULL;
	flag = sl_xcalloc(col->dict.n, 1);
	for (uint32_t k = 1; k < col->dict.n; k++)
		flag[k] = (uint8_t)(pred(sl_dict_str(&col->dict, k)) != 0);
	return flag;
}

static int is_malicious_reason(const char *s) { return strcasestr(s, "malicious") != NULL; }
static int mfa_denied(const char *s)
{
	enum sl_mfa_text k = sl_mfa_text_class(s);
	return k == SL_MFA_DENIED || k == SL_MFA_NO_RESPONSE;
}
static int mfa_fraud(const char *s) { return sl_mfa_text_class(s) == SL_MFA_FRAUD; }

static uint8_t at(const uint8_t *flag, const struct sl_store *s, enum sl_fid f, size_t i)
{
	return flag ? flag[s->col[f].v.code[i]] : 0;
}

static int is_password_method(const char *s) { return strcasecmp(s, "Password") == 0; }
static int is_correct_password(const char *s) { return strcasecmp(s, "Correct password") == 0; }

/* What the authentication steps of a row say, as SL_C_ bits: a password step that succeeded
 * (VALIDATED), an MFA step denied or unanswered (MFA_FAIL), a fraud report (FRAUD). Whether
 * a success had MFA is the MFA rule's (mfa.h), not the steps'. The codes and status.additionalDetails say most of it, but
 * not all: a sign-in stopped after the password by a code of no fixed meaning (50105 not
 * assigned to the app, 50097 device authentication, 50199 ...), or whose additional details
 * are a generic sentence while the step names the fraud report. */
struct steps {
	const uint32_t *loff;
	const uint32_t *method, *result;
	const uint8_t *ok;
	uint8_t *password, *correct, *denied, *fraud;
};

static unsigned step_bits(const struct steps *st, size_t i)
{
	unsigned k = 0;
	if (!st->loff)
		return 0;
	for (uint32_t j = st->loff[i]; j < st->loff[i + 1]; j++) {
		uint32_t m = st->method ? st->method[j] : 0, r = st->result ? st->result[j] : 0;
		if ((st->password && st->password[m] && st->ok && st->ok[j] == 1) || (st->correct && st->correct[r]))
			k |= SL_C_VALIDATED;
		if (st->denied && st->denied[r])
			k |= SL_C_MFA_FAIL;
		if (st->fraud && st->fraud[r])
			k |= SL_C_FRAUD;
	}
	return k;
}

static void classify(struct sl_dctx *c, const uint8_t *sel)
{
	const struct sl_store *s = c->s;
	uint8_t *legacy = per_code(s, SL_F_CLIENT_APP, sl_client_is_legacy);
	uint8_t *malicious = per_code(s, SL_F_FAILURE_REASON, is_malicious_reason);
	uint8_t *denied = per_code(s, SL_F_ADDITIONAL, mfa_denied);
	uint8_t *fraud = per_code(s, SL_F_ADDITIONAL, mfa_fraud);
	uint8_t *req_single = per_code(s, SL_F_AUTH_REQ, sl_auth_req_is_single);
	uint8_t *ropc = per_code(s, SL_F_AUTH_PROTOCOL, sl_protocol_is_ropc);
	uint8_t *ropc_ua = per_code(s, SL_F_USER_AGENT, sl_ua_is_ropc);
	uint8_t *devcode = per_code(s, SL_F_AUTH_PROTOCOL, sl_protocol_is_device_code);
	uint8_t *transfer = per_code(s, SL_F_TRANSFER_METHOD, sl_transfer_is_device_code);
	const int32_t *code = s->col[SL_F_ERROR_CODE].v.i32;
	struct steps st = { 0 };
	struct sl_mfa_rule mfa;
	sl_mfa_rule_init(&mfa, s);
	if (s->col[SL_F_AUTH_RESULT].v.any || s->col[SL_F_AUTH_METHOD].v.any) {
		st.loff = s->loff[SL_LIST_AUTH];
		st.method = s->col[SL_F_AUTH_METHOD].v.code;
		st.result = s->col[SL_F_AUTH_RESULT].v.code;
		st.ok = s->col[SL_F_AUTH_OK].v.u8;
		st.password = per_code(s, SL_F_AUTH_METHOD, is_password_method);
		st.correct = per_code(s, SL_F_AUTH_RESULT, is_correct_password);
		st.denied = per_code(s, SL_F_AUTH_RESULT, mfa_denied);
		st.fraud = per_code(s, SL_F_AUTH_RESULT, mfa_fraud);
		if (!st.loff || !st.method || !st.result)
			st.loff = NULL;
	}

	int32_t memo = 0;
	unsigned memo_k = SL_C_SUCCESS;
	c->cls = sl_xcalloc(c->n ? c->n : 1, sizeof *c->cls);
	for (size_t i = 0; i < c->n; i++) {
		unsigned k;
		int32_t e = code[i];
		/* no error code: status unknown, neither a success nor a failure for any rule */
		int success = e == 0, failure = e != 0 && e != SL_INT_NONE;
		/* the classes of the code: runs of one code are common, the tables are searched once a run */
		if (e != memo) {
			memo = e;
			memo_k = (success ? SL_C_SUCCESS : 0u) | (sl_code_is_credential_failure(e) ? SL_C_CREDFAIL : 0u) |
			         (sl_code_is_password_validated(e) ? SL_C_VALIDATED : 0u);
		}
		k = memo_k;
		if (e == SL_CODE_LOCKED) {
			k |= SL_C_LOCKED;
			if (at(malicious, s, SL_F_FAILURE_REASON, i))
				k |= SL_C_MALICIOUS_IP;
		}
		unsigned sb = step_bits(&st, i);
		/* a password step that passed counts on a failure whose code does not deny it */
		if (failure && (sb & SL_C_VALIDATED) && !(k & SL_C_CREDFAIL))
			k |= SL_C_VALIDATED;
		if (at(fraud, s, SL_F_ADDITIONAL, i) || (sb & SL_C_FRAUD))
			k |= SL_C_FRAUD;
		if (failure && (e == SL_CODE_MFA_FAILED || at(denied, s, SL_F_ADDITIONAL, i) || (sb & SL_C_MFA_FAIL)))
			k |= SL_C_MFA_FAIL;
		/* the one MFA rule of every figure that says MFA (mfa.h) */
		if (success && sl_mfa_row(&mfa, i) == SL_MFA_YES)
			k |= SL_C_MFA_OK;
		if (at(req_single, s, SL_F_AUTH_REQ, i))
			k |= SL_C_SINGLE;
		if (k & SL_C_FRAUD)
			k |= failure ? SL_C_MFA_FAIL : 0;
		if (s->col[SL_F_EVENT_TYPE].v.u8[i] == SL_EV_INTERACTIVE)
			k |= SL_C_INTERACTIVE;
		if (at(legacy, s, SL_F_CLIENT_APP, i))
			k |= SL_C_LEGACY;
		if (at(ropc, s, SL_F_AUTH_PROTOCOL, i) || at(ropc_ua, s, SL_F_USER_AGENT, i))
			k |= SL_C_ROPC;
		if (at(devcode, s, SL_F_AUTH_PROTOCOL, i) || at(transfer, s, SL_F_TRANSFER_METHOD, i))
			k |= SL_C_DEVCODE;
		if (s->user[i])
			k |= SL_C_USER;
		if (!sel || sel[i]) {
			k |= SL_C_SELECTED;
			c->nselected++;
		}
		c->cls[i] = (uint16_t)k;
	}
	free(legacy);
	free(malicious);
	free(denied);
	free(fraud);
	sl_mfa_rule_free(&mfa);
	free(req_single);
	free(ropc);
	free(ropc_ua);
	free(devcode);
	free(transfer);
	free(st.password);
	free(st.correct);
	free(st.denied);
	free(st.fraud);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Autonomous systems as keys 1 .. nasn - 1, in ASN order: the distinct values through a
 * small hash table (an export has a few thousand), then sorted. */
static void asn_keys(struct sl_dctx *c)
{
	const struct sl_col *col = &c->s->col[SL_F_ASN];
	size_t n = c->n, u = 0, mask = 1023;
	int32_t *slot = sl_xcalloc(mask + 1, sizeof *slot), *v;
	uint32_t *key;
	c->asn = sl_xcalloc(n ? n : 1, sizeof *c->asn);
	for (size_t i = 0; col->v.any && i < n; i++) {
		int32_t a = col->v.i32[i];
		if (a == SL_INT_NONE || a <= 0)
			continue;
		size_t h = ((uint32_t)a * 2654435761u) & mask;
		while (slot[h] && slot[h] != a)
			h = (h + 1) & mask;
		if (slot[h])
			continue;
		slot[h] = a;
		if (++u * 2 > mask) {
			/* grow: reinsert */
			size_t nm = mask * 2 + 1;
			int32_t *ns = sl_xcalloc(nm + 1, sizeof *ns);
			for (size_t k = 0; k <= mask; k++)
				if (slot[k]) {
					size_t g = ((uint32_t)slot[k] * 2654435761u) & nm;
					while (ns[g])
						g = (g + 1) & nm;
					ns[g] = slot[k];
				}
			free(slot);
			slot = ns;
			mask = nm;
		}
	}
	v = sl_xmalloc((u + 1) * sizeof *v);
	u = 0;
	for (size_t k = 0; k <= mask; k++)
		if (slot[k])
			v[u++] = slot[k];
	qsort(v, u, sizeof *v, cmp_i32);
	/* slot -> key, through a parallel array */
	key = sl_xcalloc(mask + 1, sizeof *key);
	for (size_t k = 0; k < u; k++) {
		size_t h = ((uint32_t)v[k] * 2654435761u) & mask;
		while (slot[h] != v[k])
			h = (h + 1) & mask;
		key[h] = (uint32_t)k + 1;
	}
	c->asn_val = sl_xmalloc((u + 1) * sizeof *c->asn_val);
	c->asn_val[0] = SL_INT_NONE;
	memcpy(c->asn_val + 1, v, u * sizeof *v);
	c->nasn = (uint32_t)u + 1;
	for (size_t i = 0; col->v.any && i < n; i++) {
		int32_t a = col->v.i32[i];
		if (a == SL_INT_NONE || a <= 0)
			continue;
		size_t h = ((uint32_t)a * 2654435761u) & mask;
		while (slot[h] != a)
			h = (h + 1) & mask;
		c->asn[i] = key[h];
	}
	free(v);
	free(key);
	free(slot);
}

/* ---- groups and windows ----------------------------------------------------------------- */

void sl_dgroups_make(struct sl_dgroups *g, const struct sl_dctx *c, const uint32_t *key, uint32_t nkeys,
                    unsigned all, unsigned any)
{
	size_t total = 0;
	uint32_t *kp = c->kp;
	if (!key)
		nkeys = 2;
	/* a walk in time order reads the rows' keys at random: fetch each wanted row's key once
	 * (0 when the row is not wanted) into the scratch array, in time order */
	for (size_t i = 0; i < c->n; i++) {
		unsigned k = c->cls_o[i];
		kp[i] = (k & all) == all && (!any || (k & any)) ? (key ? key[c->ord[i]] : 1) : 0;
	}
	g->n = nkeys;
	g->off = sl_xcalloc((size_t)nkeys + 1, sizeof *g->off);
	for (size_t i = 0; i < c->n; i++)
		if (kp[i]) {
			g->off[kp[i] + 1]++;
			total++;
		}
	/* off[k + 1] holds group k's size: prefix sums make off[k] its start */
	for (uint32_t k = 1; k <= nkeys; k++)
		g->off[k] += g->off[k - 1];
	g->rows = sl_xmalloc((total ? total : 1) * sizeof *g->rows);
	uint32_t *fill = sl_xmalloc(((size_t)nkeys + 1) * sizeof *fill);
	memcpy(fill, g->off, ((size_t)nkeys + 1) * sizeof *fill);
	for (size_t i = 0; i < c->n; i++)
		if (kp[i])
			g->rows[fill[kp[i]]++] = c->ord[i];
	free(fill);
}

void sl_dgroups_free(struct sl_dgroups *g)
{
	free(g->off);
	free(g->rows);
	memset(g, 0, sizeof *g);
}

size_t sl_windows(const struct sl_dctx *c, const uint32_t *rows, uint32_t n, int64_t w,
                  const uint32_t *key1, uint32_t *count1, uint32_t min1,
                  const uint32_t *key2, uint32_t *count2, uint32_t min2,
                  struct sl_episode **ep, size_t *cap, int64_t *max)
{
	size_t nep = 0;
	uint32_t lo = 0, d1 = 0, d2 = 0;
	for (uint32_t hi = 0; hi < n; hi++) {
		uint32_t r = rows[hi];
		if (!key1)
			d1++;
		else if (key1[r] && count1[key1[r]]++ == 0)
			d1++;
		if (key2 && key2[r] && count2[key2[r]]++ == 0)
			d2++;
		while (c->t[rows[lo]] < c->t[r] - w) {
			uint32_t o = rows[lo++];
			if (!key1)
				d1--;
			else if (key1[o] && --count1[key1[o]] == 0)
				d1--;
			if (key2 && key2[o] && --count2[key2[o]] == 0)
				d2--;
		}
		if (key2 && d2 < min2)
			continue;
		if ((int64_t)d1 > *max)
			*max = d1;
		if (d1 < min1)
			continue;
		if (nep && lo < (*ep)[nep - 1].hi) {
			struct sl_episode *e = &(*ep)[nep - 1];
			e->hi = hi + 1;
			if (d1 > e->peak) {
				e->peak = d1;
				e->plo = lo;
				e->phi = hi + 1;
			}
			continue;
		}
		if (nep == *cap)
			sl_grow((void **)ep, cap, nep + 1, sizeof **ep);
		(*ep)[nep++] = (struct sl_episode){ lo, hi + 1, lo, hi + 1, d1 };
	}
	/* leave the scratch counts zeroed for the next group */
	for (; lo < n; lo++) {
		uint32_t o = rows[lo];
		if (key1 && key1[o])
			count1[key1[o]]--;
		if (key2 && key2[o])
			count2[key2[o]]--;
	}
	return nep;
}

uint32_t sl_d_lower(const struct sl_dctx *c, const uint32_t *rows, uint32_t n, int64_t t)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->t[rows[mid]] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int sl_d_known_place(const struct sl_dctx *c, const struct sl_dgroups *succ, uint32_t user, uint32_t ip,
                     uint32_t asn, int64_t from, int64_t to)
{
	const uint32_t *rows;
	uint32_t n, i;
	if (!user || user >= succ->n)
		return 0;
	rows = succ->rows + succ->off[user];
	n = succ->off[user + 1] - succ->off[user];
	for (i = sl_d_lower(c, rows, n, from); i < n && c->t[rows[i]] < to; i++) {
		uint32_t r = rows[i];
		if ((ip && c->s->col[SL_F_IP].v.code[r] == ip) || (asn && c->asn[r] == asn))
			return 1;
	}
	return 0;
}

const struct sl_dgroups *sl_d_successes(struct sl_dctx *c)
{
	if (!c->succ) {
		c->succ = sl_xcalloc(1, sizeof *c->succ);
		sl_dgroups_make(c->succ, c, c->s->user, c->s->users.n, SL_C_SUCCESS | SL_C_USER, 0);
	}
	return c->succ;
}

int sl_d_common_ip(struct sl_dctx *c, uint32_t ip, int64_t n)
{
	if (!c->ip_users) {
		const struct sl_col *col = &c->s->col[SL_F_IP];
		struct sl_dgroups g;
		uint32_t *mark = sl_xcalloc(c->s->users.n + 1, sizeof *mark);
		c->ip_users = sl_xcalloc(col->dict.n + 1, sizeof *c->ip_users);
		sl_dgroups_make(&g, c, col->v.code, col->dict.n, SL_C_SUCCESS | SL_C_USER, 0);
		for (uint32_t k = 1; k < g.n; k++)
			for (uint32_t j = g.off[k]; j < g.off[k + 1]; j++) {
				uint32_t u = c->s->user[g.rows[j]];
				if (mark[u] != k) {
					mark[u] = k;
					c->ip_users[k]++;
				}
			}
		sl_dgroups_free(&g);
		free(mark);
	}
	return ip && (int64_t)c->ip_users[ip] > n;
}

const uint32_t *sl_d_sessions(struct sl_dctx *c, uint32_t *n)
{
	if (!c->sess) {
		const struct sl_col *col = &c->s->col[SL_F_SESSION_ID];
		static const uint8_t zero[16];
		struct sl_dict d;
		sl_dict_init(&d);
		c->sess = sl_xcalloc(c->n ? c->n : 1, sizeof *c->sess);
		/* the 16 stored bytes name a session: a canonical id, or a dictionary code */
		for (size_t i = 0; col->v.any && i < c->n; i++) {
			const char *g = (const char *)col->v.guid[i];
			if (memcmp(g, zero, 16) != 0)
				c->sess[i] = sl_dict_intern(&d, g, 16, sl_hash(g, 16));
		}
		c->nsess = d.n;
		sl_dict_free(&d);
	}
	*n = c->nsess;
	return c->sess;
}

/* ---- findings ---------------------------------------------------------------------------- */

struct sl_finding *sl_finding_new(struct sl_dctx *c, int rule, enum sl_sev sev, const char *variant)
{
	struct sl_finding *f;
	if (c->nf == c->fcap)
		sl_grow((void **)&c->f, &c->fcap, c->nf + 1, sizeof *c->f);
	f = &c->f[c->nf++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->sev = sev;
	f->variant = variant ? variant : "";
	f->asn = SL_INT_NONE;
	f->key = "";
	f->reason = "";
	return f;
}

void sl_finding_add(struct sl_dctx *c, struct sl_finding *f, const uint32_t *rows, size_t n)
{
	(void)c;
	if (!n)
		return;
	if (f->nev + n > f->evcap)
		sl_grow((void **)&f->ev, &f->evcap, f->nev + n, sizeof *f->ev);
	memcpy(f->ev + f->nev, rows, n * sizeof *rows);
	f->nev += n;
}

void sl_finding_valid(struct sl_dctx *c, struct sl_finding *f, uint32_t user)
{
	(void)c;
	for (size_t i = 0; i < f->nvalid; i++)
		if (f->valid[i] == user)
			return;
	if (f->nvalid == f->validcap)
		sl_grow((void **)&f->valid, &f->validcap, f->nvalid + 1, sizeof *f->valid);
	f->valid[f->nvalid++] = user;
}

void sl_finding_key(struct sl_dctx *c, struct sl_finding *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	f->key = sl_arena_vprintf(&c->a, fmt, ap);
	va_end(ap);
}

void sl_finding_reason(struct sl_dctx *c, struct sl_finding *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	f->reason = sl_arena_vprintf(&c->a, fmt, ap);
	va_end(ap);
}

static const struct sl_dctx *sort_ctx;

static int by_pos(const void *a, const void *b)
{
	uint32_t x = sort_ctx->pos[*(const uint32_t *)a], y = sort_ctx->pos[*(const uint32_t *)b];
	return (x > y) - (x < y);
}

static int by_user_text(const void *a, const void *b)
{
	const struct sl_store *s = sort_ctx->s;
	return strcmp(sl_dict_str(&s->users, *(const uint32_t *)a), sl_dict_str(&s->users, *(const uint32_t *)b));
}

/* Evidence in (time, request id) order, each sign-in once; users sorted by name. */
static void finish(struct sl_dctx *c, struct sl_finding *f)
{
	size_t u = 0;
	sort_ctx = c;
	if (f->nev > 1)
		qsort(f->ev, f->nev, sizeof *f->ev, by_pos);
	for (size_t i = 0; i < f->nev; i++)
		if (u == 0 || f->ev[u - 1] != f->ev[i])
			f->ev[u++] = f->ev[i];
	f->nev = u;
	f->first = f->nev ? c->t[f->ev[0]] : SL_TIME_NONE;
	f->last = f->nev ? c->t[f->ev[f->nev - 1]] : SL_TIME_NONE;
	if (f->nvalid > 1)
		qsort(f->valid, f->nvalid, sizeof *f->valid, by_user_text);
}

/* The id: the first 16 hex digits of the SHA-256 of the rule, its version and parameters,
 * the variant, the key and the evidence request ids in order. */
static void finding_id(const struct sl_dctx *c, struct sl_finding *f)
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	char buf[1024], idb[40];
	const struct sl_rule *r = &sl_rules[f->rule];
	sha256_init(&h);
	snprintf(buf, sizeof buf, "%s\n%d\n", r->slug, r->version);
	sha256_update(&h, strlen(buf), (const uint8_t *)buf);
	sl_params_text(c->conf, f->rule, buf, sizeof buf);
	sha256_update(&h, strlen(buf) + 1, (const uint8_t *)buf);
	sha256_update(&h, strlen(f->variant) + 1, (const uint8_t *)f->variant);
	sha256_update(&h, strlen(f->key) + 1, (const uint8_t *)f->key);
	for (size_t i = 0; i < f->nev; i++) {
		const char *id = sl_store_text(c->s, SL_F_REQUEST_ID, f->ev[i], idb);
		sha256_update(&h, strlen(id) + 1, (const uint8_t *)id);
	}
	sha256_digest(&h, sizeof d, d);
	for (int i = 0; i < 8; i++)
		snprintf(f->id + 2 * i, 3, "%02x", d[i]);
}

/* Findings: severity (highest first), first sign-in, rule, key, id. */
static int by_finding(const void *a, const void *b)
{
	const struct sl_finding *x = a, *y = b;
	int d;
	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	if ((d = strcmp(x->key, y->key)) != 0)
		return d;
	return strcmp(x->id, y->id);
}

void sl_detect_run(struct sl_dctx *c, const struct sl_store *s, const struct sl_dconf *conf, const uint8_t *sel)
{
	memset(c, 0, sizeof *c);
	c->s = s;
	c->conf = conf;
	c->n = s->n;
	c->t = s->col[SL_F_TIME].v.time;
	sl_arena_init(&c->a, 1 << 16);
	order_rows(c);
	classify(c, sel);
	c->cls_o = sl_xmalloc((c->n ? c->n : 1) * sizeof *c->cls_o);
	c->kp = sl_xmalloc((c->n ? c->n : 1) * sizeof *c->kp);
	for (size_t i = 0; i < c->n; i++)
		c->cls_o[i] = c->cls[c->ord[i]];
	asn_keys(c);
	for (int r = 0; r < SL_R__COUNT; r++) {
		size_t first = c->nf;
		c->st[r].observed = -1;
		sl_rules[r].run(c, r);
		for (size_t i = first; i < c->nf; i++)
			finish(c, &c->f[i]);
	}
	for (size_t i = 0; i < c->nf; i++)
		finding_id(c, &c->f[i]);
	if (c->nf > 1)
		qsort(c->f, c->nf, sizeof *c->f, by_finding);
	for (size_t i = 0; i < c->nf; i++)
		c->f[i].order = i;
}

void sl_detect_free(struct sl_dctx *c)
{
	for (size_t i = 0; i < c->nf; i++) {
		free(c->f[i].ev);
		free(c->f[i].valid);
		free(c->f[i].allowed);
	}
	free(c->f);
	free(c->ord);
	free(c->pos);
	free(c->cls);
	free(c->cls_o);
	free(c->kp);
	free(c->asn);
	free(c->asn_val);
	if (c->succ)
		sl_dgroups_free(c->succ);
	free(c->succ);
	free(c->sess);
	free(c->ip_users);
	sl_arena_free(&c->a);
	memset(c, 0, sizeof *c);
}
