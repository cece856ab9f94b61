/* detect_out.c — `signlog detect`: runs the rules and fills the report's tables (findings, rules, chains, suppressed, allow, params; or the evidence timeline). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>
#include "codes.h"
#include "detect.h"
#include "sltime.h"
#include "util.h"

#define DAY_US 86400000000LL
/* Findings of one user this close to the previous one join its chain. */
#define CHAIN_GAP (7 * DAY_US)
/* Text output shows this many items of a list. */
#define TEXT_ITEMS 3

/* The authentication steps (authenticationDetails, the AuthDetails CSV) are read for what the
 * codes and status.additionalDetails do not always say: a password that passed on a sign-in
 * stopped later, a denied or fraud-reported MFA prompt (detect.c, classify). */
const enum sl_fid sl_detect_fields[] = {
	SL_F_TIME, SL_F_REQUEST_ID, SL_F_USER, SL_F_USER_ID, SL_F_IP, SL_F_CITY, SL_F_STATE, SL_F_COUNTRY,
	SL_F_LATITUDE, SL_F_LONGITUDE, SL_F_ASN, SL_F_CLIENT_APP, SL_F_USER_AGENT, SL_F_APP, SL_F_APP_ID,
	SL_F_ERROR_CODE, SL_F_STATUS, SL_F_FAILURE_REASON, SL_F_ADDITIONAL, SL_F_AUTH_REQ, SL_F_EVENT_TYPE, SL_F_INTERACTIVE, SL_F_SESSION_ID, SL_F_AUTH_PROTOCOL,
	SL_F_TRANSFER_METHOD, SL_F_DEVICE_ID, SL_F_OS, SL_F_RISK_DURING, SL_F_RISK_STATE, SL_F_AUTH_METHOD, SL_F_AUTH_OK,
	SL_F_AUTH_RESULT, SL_F__COUNT
};

/* A column and how text shows it (table.h, terse). */
struct tcol {
	struct sl_column col;
	int terse;
};

static struct sl_section *section(struct sl_report *r, const char *key, const char *title, const struct tcol *tc,
                                  size_t n)
{
	struct sl_column cols[32];
	struct sl_section *sec;
	memset(cols, 0, sizeof cols);
	for (size_t i = 0; i < n && i < 32; i++)
		cols[i] = tc[i].col;
	sec = sl_report_section(r, key, title, SL_SEC_TABLE, cols, n);
	for (size_t i = 0; i < n; i++)
		if (tc[i].terse)
			sl_section_terse(r, sec, i, tc[i].terse);
	return sec;
}

/* ---- lists -------------------------------------------------------------------------------- */

struct strs {
	const char **v;
	size_t n, cap;
};

static void push(struct strs *l, const char *s)
{
	if (l->n == l->cap)
		sl_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted, each once, empty values left out. */
static void uniq(struct strs *l)
{
	size_t u = 0;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, by_str);
	for (size_t i = 0; i < l->n; i++)
		if (*l->v[i] && (u == 0 || strcmp(l->v[u - 1], l->v[i]) != 0))
			l->v[u++] = l->v[i];
	l->n = u;
}

/* The attack cell: technique ids as a list. */
static void attack_cell(struct sl_report *r, struct sl_cell *c, int rule)
{
	char buf[128], *save = NULL, *tok;
	const char *items[8];
	uint32_t n = 0;
	snprintf(buf, sizeof buf, "%s", sl_rules[rule].attack);
	for (tok = strtok_r(buf, " ", &save); tok && n < 8; tok = strtok_r(NULL, " ", &save))
		items[n++] = tok;
	sl_cell_list(r, c, items, n);
}

/* ---- findings ----------------------------------------------------------------------------- */

static const struct tcol finding_cols[] = {
	{ { "id", "Id", SL_CT_STR, 0 }, 0 },
	{ { "severity", "Severity", SL_CT_STR, 0 }, 0 },
	{ { "rule", "Rule", SL_CT_STR, 0 }, 0 },
	{ { "variant", "Variant", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	{ { "attack", "ATT&CK", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "key", "Key", SL_CT_STR, 0 }, 0 },
	{ { "user", "User", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	{ { "ip", "IP address", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	{ { "asn", "ASN", SL_CT_INT, 0 }, SL_TERSE_HIDE },
	{ { "first", "First", SL_CT_TIME, 0 }, 0 },
	{ { "last", "Last", SL_CT_TIME, 0 }, SL_TERSE_HIDE },
	{ { "sign_ins", "Sign-ins", SL_CT_INT, 0 }, 0 },
	{ { "user_list", "Users", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "ip_list", "IP addresses", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "country_list", "Countries", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "validated_user_list", "Password accepted for", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "reason", "Reason", SL_CT_STR, 0 }, SL_TERSE_BELOW },
	{ { "params", "Parameters", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	{ { "request_ids", "Request ids", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	{ { "suppressed_by", "Suppressed by", SL_CT_LIST, 0 }, 0 },
};
#define NFCOLS (sizeof finding_cols / sizeof finding_cols[0])

static void finding_row(struct sl_report *r, struct sl_section *sec, const struct sl_dctx *c,
                        const struct sl_finding *f, int with_allow)
{
	const struct sl_store *s = c->s;
	struct sl_cell *cell = sl_section_row(r, sec);
	struct strs users = { 0 }, ips = { 0 }, ccs = { 0 }, ids = { 0 }, valid = { 0 };
	char params[512], (*idb)[40] = sl_xmalloc((f->nev ? f->nev : 1) * sizeof *idb);

	sl_cell_cstr(r, &cell[0], f->id);
	sl_cell_cstr(r, &cell[1], sl_sev_names[f->sev]);
	sl_cell_cstr(r, &cell[2], sl_rules[f->rule].slug);
	sl_cell_cstr(r, &cell[3], f->variant);
	attack_cell(r, &cell[4], f->rule);
	sl_cell_cstr(r, &cell[5], f->key);
	if (f->user)
		sl_cell_cstr(r, &cell[6], sl_dict_str(&s->users, f->user));
	if (f->ip)
		sl_cell_cstr(r, &cell[7], sl_dict_str(&s->col[SL_F_IP].dict, f->ip));
	if (f->asn != SL_INT_NONE)
		sl_cell_int(&cell[8], f->asn);
	sl_cell_int(&cell[9], f->first);
	sl_cell_int(&cell[10], f->last);
	sl_cell_int(&cell[11], (int64_t)f->nev);
	for (size_t k = 0; k < f->nev; k++) {
		uint32_t i = f->ev[k];
		push(&users, sl_d_user(c, i));
		push(&ips, sl_d_ip(c, i));
		push(&ccs, sl_d_str(c, SL_F_COUNTRY, i));
		push(&ids, sl_store_text(s, SL_F_REQUEST_ID, i, idb[k]));
	}
	for (size_t k = 0; k < f->nvalid; k++)
		push(&valid, sl_dict_str(&s->users, f->valid[k]));
	uniq(&users);
	uniq(&ips);
	uniq(&ccs);
	sl_cell_list(r, &cell[12], users.v, (uint32_t)users.n);
	sl_cell_list(r, &cell[13], ips.v, (uint32_t)ips.n);
	sl_cell_list(r, &cell[14], ccs.v, (uint32_t)ccs.n);
	sl_cell_list(r, &cell[15], valid.v, (uint32_t)valid.n);
	sl_cell_cstr(r, &cell[16], f->reason);
	sl_params_text(c->conf, f->rule, params, sizeof params);
	sl_cell_cstr(r, &cell[17], params);
	sl_cell_list(r, &cell[18], ids.v, (uint32_t)ids.n);
	if (with_allow) {
		struct strs al = { 0 };
		char **texts = sl_xmalloc((f->nallowed ? f->nallowed : 1) * sizeof *texts);
		for (size_t k = 0; k < f->nallowed; k++) {
			const struct sl_allow *e = &c->conf->allow[f->allowed[k]];
			texts[k] = sl_arena_printf(&r->arena, "line %d: %s", e->line, e->text);
			push(&al, texts[k]);
		}
		sl_cell_list(r, &cell[19], al.v, (uint32_t)al.n);
		free(al.v);
		free(texts);
	}
	free(users.v);
	free(ips.v);
	free(ccs.v);
	free(ids.v);
	free(valid.v);
	free(idb);
}

static void findings(struct sl_report *r, const struct sl_dctx *c, int suppressed)
{
	struct sl_section *sec = section(r, suppressed ? "suppressed" : "findings",
	                                 suppressed ? "Suppressed by the allow-list" : "Findings", finding_cols,
	                                 suppressed ? NFCOLS : NFCOLS - 1);
	for (size_t i = 0; i < c->nf; i++)
		if ((c->f[i].nallowed != 0) == suppressed)
			finding_row(r, sec, c, &c->f[i], suppressed);
	if (!sec->nrows)
		sec->note = suppressed ? "nothing suppressed" : "no findings";
}

/* ---- rules -------------------------------------------------------------------------------- */

static void rules(struct sl_report *r, const struct sl_dctx *c)
{
	static const struct tcol cols[] = {
		{ { "rule", "Rule", SL_CT_STR, 0 }, 0 },
		{ { "attack", "ATT&CK", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
		{ { "findings", "Findings", SL_CT_INT, 0 }, 0 },
		{ { "suppressed", "Suppressed", SL_CT_INT, 0 }, 0 },
		{ { "not_evaluable", "Not evaluable", SL_CT_INT, 0 }, 0 },
		{ { "max_observed", "Max observed", SL_CT_INT, 0 }, 0 },
		{ { "threshold", "Threshold", SL_CT_INT, 0 }, 0 },
		{ { "measure", "Measure", SL_CT_STR, 0 }, SL_TERSE_BELOW },
		{ { "params", "Parameters", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	};
	struct sl_section *sec = section(r, "rules", "Rules", cols, sizeof cols / sizeof cols[0]);
	char params[512];
	for (int k = 0; k < SL_R__COUNT; k++) {
		const struct sl_rulestat *st = &c->st[k];
		for (int second = 0; second < 2; second++) {
			if (second && !st->measure2)
				break;
			struct sl_cell *cell = sl_section_row(r, sec);
			int64_t obs = second ? st->observed2 : st->observed;
			sl_cell_cstr(r, &cell[0], sl_rules[k].slug);
			attack_cell(r, &cell[1], k);
			sl_cell_int(&cell[2], second ? st->findings2 : st->findings - st->findings2);
			sl_cell_int(&cell[3], second ? st->suppressed2 : st->suppressed - st->suppressed2);
			if (!second || st->not_evaluable2 >= 0)
				sl_cell_int(&cell[4], second ? st->not_evaluable2 : st->not_evaluable);
			/* a window rule that saw nothing to count observed 0 */
			sl_cell_int(&cell[5], obs < 0 ? 0 : obs);
			if (second && st->threshold2 >= 0)
				sl_cell_int(&cell[6], st->threshold2);
			else if (!second && sl_rules[k].threshold)
				sl_cell_int(&cell[6], sl_dparam(c, k, 0));
			sl_cell_cstr(r, &cell[7], second ? st->measure2 : sl_rules[k].measure);
			sl_params_text(c->conf, k, params, sizeof params);
			sl_cell_cstr(r, &cell[8], params);
		}
	}
}

/* ---- chains ------------------------------------------------------------------------------- */

struct link {
	uint32_t user;
	size_t f;                 /* index into the sorted findings */
};

static const struct sl_dctx *link_ctx;

static int by_link(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	const struct sl_finding *fx = &link_ctx->f[x->f], *fy = &link_ctx->f[y->f];
	int d;
	if (x->user != y->user && (d = strcmp(sl_dict_str(&link_ctx->s->users, x->user),
	                                      sl_dict_str(&link_ctx->s->users, y->user))) != 0)
		return d;
	if (fx->first != fy->first)
		return fx->first < fy->first ? -1 : 1;
	return (x->f > y->f) - (x->f < y->f);
}

/* Per user, the findings that name the user (as key, or as a user whose password the
 * evidence shows accepted), in time order; findings less than CHAIN_GAP apart join. */
static size_t chains(struct sl_report *r, const struct sl_dctx *c)
{
	static const struct tcol cols[] = {
		{ { "id", "Id", SL_CT_STR, 0 }, 0 },
		{ { "user", "User", SL_CT_STR, 0 }, 0 },
		{ { "severity", "Severity", SL_CT_STR, 0 }, 0 },
		{ { "first", "First", SL_CT_TIME, 0 }, 0 },
		{ { "last", "Last", SL_CT_TIME, 0 }, SL_TERSE_HIDE },
		{ { "rule_list", "Rules", SL_CT_LIST, 0 }, 0 },
		{ { "finding_ids", "Findings", SL_CT_LIST, 0 }, SL_TERSE_HIDE },
	};
	struct sl_section *sec = section(r, "chains", "Per-user chains", cols, sizeof cols / sizeof cols[0]);
	struct link *v = NULL;
	size_t n = 0, cap = 0, nchains = 0;
	for (size_t i = 0; i < c->nf; i++) {
		const struct sl_finding *f = &c->f[i];
		if (f->nallowed)
			continue;
		if (f->user) {
			if (n == cap)
				sl_grow((void **)&v, &cap, n + 1, sizeof *v);
			v[n++] = (struct link){ f->user, i };
		}
		for (size_t k = 0; k < f->nvalid; k++) {
			if (f->valid[k] == f->user)
				continue;
			if (n == cap)
				sl_grow((void **)&v, &cap, n + 1, sizeof *v);
			v[n++] = (struct link){ f->valid[k], i };
		}
	}
	link_ctx = c;
	if (n > 1)
		qsort(v, n, sizeof *v, by_link);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		int64_t last = c->f[v[i].f].last;
		while (j < n && v[j].user == v[i].user && c->f[v[j].f].first - last <= CHAIN_GAP) {
			if (c->f[v[j].f].last > last)
				last = c->f[v[j].f].last;
			j++;
		}
		if (j - i >= 2) {
			const char **ids = sl_xmalloc((j - i) * sizeof *ids), **slugs = sl_xmalloc((j - i) * sizeof *slugs);
			enum sl_sev sev = SL_SEV_INFO;
			struct sha256_ctx h;
			uint8_t d[SHA256_DIGEST_SIZE];
			char id[17];
			sha256_init(&h);
			for (size_t k = i; k < j; k++) {
				const struct sl_finding *f = &c->f[v[k].f];
				ids[k - i] = f->id;
				slugs[k - i] = sl_rules[f->rule].slug;
				if (f->sev > sev)
					sev = f->sev;
				sha256_update(&h, sizeof f->id, (const uint8_t *)f->id);
			}
			sha256_digest(&h, sizeof d, d);
			for (int b = 0; b < 8; b++)
				snprintf(id + 2 * b, 3, "%02x", d[b]);
			struct sl_cell *cell = sl_section_row(r, sec);
			sl_cell_cstr(r, &cell[0], id);
			sl_cell_cstr(r, &cell[1], sl_dict_str(&c->s->users, v[i].user));
			sl_cell_cstr(r, &cell[2], sl_sev_names[sev]);
			sl_cell_int(&cell[3], c->f[v[i].f].first);
			sl_cell_int(&cell[4], last);
			sl_cell_list(r, &cell[5], slugs, (uint32_t)(j - i));
			sl_cell_list(r, &cell[6], ids, (uint32_t)(j - i));
			free(ids);
			free(slugs);
			nchains++;
		}
		i = j;
	}
	if (!sec->nrows)
		sec->note = "no user has two findings within 7 days of each other";
	free(v);
	return nchains;
}

/* ---- allow-list entries and parameters ----------------------------------------------------- */

static void allow_table(struct sl_report *r, const struct sl_dctx *c)
{
	static const struct tcol cols[] = {
		{ { "line", "Line", SL_CT_INT, 0 }, 0 },
		{ { "entry", "Entry", SL_CT_STR, 0 }, 0 },
		{ { "suppressed", "Findings suppressed", SL_CT_INT, 0 }, 0 },
	};
	struct sl_section *sec = section(r, "allow", "Allow-list entries", cols, 3);
	for (size_t e = 0; e < c->conf->nallow; e++) {
		int64_t n = 0;
		for (size_t i = 0; i < c->nf; i++)
			for (size_t k = 0; k < c->f[i].nallowed; k++)
				n += c->f[i].allowed[k] == e;
		struct sl_cell *cell = sl_section_row(r, sec);
		sl_cell_int(&cell[0], c->conf->allow[e].line);
		sl_cell_cstr(r, &cell[1], c->conf->allow[e].text);
		sl_cell_int(&cell[2], n);
	}
	if (!sec->nrows)
		sec->note = c->conf->allow_path ? "the allow-list has no entries" : "no allow-list (--allow FILE)";
}

static void params_table(struct sl_report *r, const struct sl_dctx *c)
{
	static const struct tcol cols[] = {
		{ { "rule", "Rule", SL_CT_STR, 0 }, 0 },
		{ { "param", "Parameter", SL_CT_STR, 0 }, 0 },
		{ { "value", "Value", SL_CT_STR, 0 }, 0 },
		{ { "default", "Default", SL_CT_STR, 0 }, 0 },
		{ { "description", "Description", SL_CT_STR, 0 }, 0 },
	};
	struct sl_section *sec = section(r, "params", "Parameters", cols, 5);
	char v[32], d[32];
	for (int k = 0; k < SL_R__COUNT; k++)
		for (int p = 0; p < SL_PARAM_MAX && sl_rules[k].params[p].name; p++) {
			const struct sl_param *pa = &sl_rules[k].params[p];
			struct sl_cell *cell = sl_section_row(r, sec);
			sl_param_value_text(pa->type, c->conf->val[k][p], v, sizeof v);
			sl_param_value_text(pa->type, pa->dflt, d, sizeof d);
			sl_cell_cstr(r, &cell[0], sl_rules[k].slug);
			sl_cell_cstr(r, &cell[1], pa->name);
			sl_cell_cstr(r, &cell[2], v);
			sl_cell_cstr(r, &cell[3], d);
			sl_cell_cstr(r, &cell[4], pa->desc);
		}
}

/* ---- the evidence timeline ------------------------------------------------------------------ */

struct tl {
	uint32_t pos;             /* the sign-in's place in (time, request id) order */
	uint32_t row;
	size_t f;
};

static int by_tl(const void *a, const void *b)
{
	const struct tl *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return (x->f > y->f) - (x->f < y->f);
}

static void timeline(struct sl_report *r, const struct sl_dctx *c)
{
	static const struct tcol cols[] = {
		{ { "time", "Time", SL_CT_TIME, 0 }, 0 },
		{ { "finding_id", "Finding", SL_CT_STR, 0 }, 0 },
		{ { "rule", "Rule", SL_CT_STR, 0 }, 0 },
		{ { "severity", "Severity", SL_CT_STR, 0 }, 0 },
		{ { "user", "User", SL_CT_STR, 0 }, 0 },
		{ { "ip", "IP address", SL_CT_STR, 0 }, 0 },
		{ { "country", "Country", SL_CT_STR, 0 }, 0 },
		{ { "app", "Application", SL_CT_STR, 0 }, 0 },
		{ { "error_code", "Code", SL_CT_INT, 0 }, 0 },
		{ { "name", "Error name", SL_CT_STR, 0 }, 0 },
		{ { "request_id", "Request id", SL_CT_STR, 0 }, 0 },
		{ { "message", "Message", SL_CT_STR, 0 }, SL_TERSE_HIDE },
		{ { "datetime", "Datetime", SL_CT_TIME, 0 }, SL_TERSE_HIDE },
		{ { "timestamp_desc", "Timestamp", SL_CT_STR, 0 }, SL_TERSE_HIDE },
	};
	struct sl_section *sec = section(r, "timeline", "Evidence timeline", cols, sizeof cols / sizeof cols[0]);
	struct tl *v = NULL;
	size_t n = 0, cap = 0;
	char idb[40];
	for (size_t i = 0; i < c->nf; i++) {
		if (c->f[i].nallowed)
			continue;
		for (size_t k = 0; k < c->f[i].nev; k++) {
			if (n == cap)
				sl_grow((void **)&v, &cap, n + 1, sizeof *v);
			v[n++] = (struct tl){ c->pos[c->f[i].ev[k]], c->f[i].ev[k], i };
		}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, by_tl);
	for (size_t k = 0; k < n; k++) {
		const struct sl_finding *f = &c->f[v[k].f];
		uint32_t i = v[k].row;
		int32_t code = c->s->col[SL_F_ERROR_CODE].v.i32[i];
		const char *name = sl_code_name(code);
		struct sl_cell *cell = sl_section_row(r, sec);
		sl_cell_int(&cell[0], c->t[i]);
		sl_cell_cstr(r, &cell[1], f->id);
		sl_cell_cstr(r, &cell[2], sl_rules[f->rule].slug);
		sl_cell_cstr(r, &cell[3], sl_sev_names[f->sev]);
		if (c->s->user[i])
			sl_cell_cstr(r, &cell[4], sl_d_user(c, i));
		if (*sl_d_ip(c, i))
			sl_cell_cstr(r, &cell[5], sl_d_ip(c, i));
		if (*sl_d_str(c, SL_F_COUNTRY, i))
			sl_cell_cstr(r, &cell[6], sl_d_str(c, SL_F_COUNTRY, i));
		if (*sl_d_str(c, SL_F_APP, i))
			sl_cell_cstr(r, &cell[7], sl_d_str(c, SL_F_APP, i));
		if (code != SL_INT_NONE)
			sl_cell_int(&cell[8], code);
		sl_cell_cstr(r, &cell[9], name ? name : "");
		sl_cell_cstr(r, &cell[10], sl_store_text(c->s, SL_F_REQUEST_ID, i, idb));
		char *msg = sl_arena_printf(&r->arena, "%s %s: %s %s from %s (%d%s%s)", sl_sev_names[f->sev],
		                            sl_rules[f->rule].slug, c->s->user[i] ? sl_d_user(c, i) : "-",
		                            code == 0 ? "signed in" : "failed", *sl_d_ip(c, i) ? sl_d_ip(c, i) : "-",
		                            code, name && *name ? " " : "", name ? name : "");
		sl_cell_cstr(r, &cell[11], msg);
		sl_cell_int(&cell[12], c->t[i]);
		sl_cell_cstr(r, &cell[13], "Sign-in");
	}
	if (!sec->nrows)
		sec->note = "no findings";
	free(v);
}

/* ---- the report ----------------------------------------------------------------------------- */

void sl_report_detect(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	char err[1024];
	struct sl_dconf *conf = sl_dconf_query(q, err, sizeof err);
	struct sl_dctx c;
	int64_t first = SL_TIME_NONE, last = SL_TIME_NONE, sev[SL_SEV__COUNT] = { 0 }, shown = 0, supp = 0;

	sl_detect_run(&c, &g->store, conf, q->sel);
	sl_detect_suppress(&c);
	if (c.n) {
		first = c.t[c.ord[0]];
		last = c.t[c.ord[c.n - 1]];
	}
	for (size_t i = 0; i < c.nf; i++) {
		if (c.f[i].nallowed) {
			supp++;
			continue;
		}
		shown++;
		sev[c.f[i].sev]++;
	}
	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	/* main.c checked the options; a file that changed since is read with the defaults */
	if (err[0])
		root->note = sl_arena_printf(&r->arena, "%s: the defaults were used", err);
	sl_kv_int(r, root, "sign_ins", (int64_t)c.n);
	sl_kv_int(r, root, "evaluated", c.nselected);
	sl_kv_time(r, root, "first", first);
	sl_kv_time(r, root, "last", last);
	sl_kv_int(r, root, "finding_count", shown);
	for (int k = SL_SEV__COUNT - 1; k >= 0; k--)
		sl_kv_int(r, root, sl_sev_names[k], sev[k]);
	sl_kv_int(r, root, "suppressed_count", supp);
	sl_kv_str(r, root, "allow_file", conf->allow_path);
	sl_kv_str(r, root, "allow_file_sha256", conf->allow_path ? conf->allow_sha256 : NULL);
	sl_kv_str(r, root, "ua_file", conf->ua_path);
	sl_kv_str(r, root, "ua_file_sha256", conf->ua_path ? conf->ua_sha256 : NULL);
	if (conf->timeline) {
		timeline(r, &c);
	} else {
		findings(r, &c, 0);
		rules(r, &c);
		sl_kv_int(r, root, "chain_count", (int64_t)chains(r, &c));
		findings(r, &c, 1);
		allow_table(r, &c);
		params_table(r, &c);
	}
	sl_detect_free(&c);
	sl_dconf_free(conf);
}
