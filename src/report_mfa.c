/* report_mfa.c — `signlog mfa`: MFA coverage of successful user sign-ins, per user, and the authentication methods used. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mfa.h"
#include "report.h"
#include "util.h"

/* The claim text Entra writes in status.additionalDetails and in a step's result detail. */
#define CLAIM_TEXT "MFA requirement satisfied by claim in the token"

/* Passwordless methods as the authentication step logs name them; any method containing
 * "passkey" is one too (the logs name several kinds of passkey). */
static const char *const passwordless_methods[] = {
	"FIDO2 security key", "Windows Hello for Business", "Passwordless phone sign-in",
};

/* Methods that are a second factor (or a passwordless factor that is MFA by itself) whatever
 * step they are logged as: the logs record a push approval as "Primary authentication" when
 * MFA was done in the same prompt. Password and "Previously satisfied" are not. */
static const char *const second_factor_methods[] = {
	"Mobile app notification", "Text message", "OATH verification code", "Phone call",
	"Phone call approval (Authentication phone)", "Verification code", "Authenticator App",
	"Microsoft Authenticator (push notification)", "Microsoft Authenticator (verification code)",
	"X.509 Certificate",
};

static int is_passwordless(const char *m);

static int is_second_factor(const char *m)
{
	for (size_t i = 0; i < sizeof second_factor_methods / sizeof second_factor_methods[0]; i++)
		if (strcasecmp(m, second_factor_methods[i]) == 0)
			return 1;
	return is_passwordless(m);
}

static int is_passwordless(const char *m)
{
	for (size_t i = 0; i < sizeof passwordless_methods / sizeof passwordless_methods[0]; i++)
		if (strcasecmp(m, passwordless_methods[i]) == 0)
			return 1;
	return strcasestr(m, "passkey") != NULL;
}

/* A flag per dictionary code of column c: 1 where the value equals one of the texts
 * (case-insensitively). Code 0 (no value) is never flagged. */
static uint8_t *flag_codes(const struct sl_col *c, const char *a, const char *b)
{
	uint8_t *f = sl_xcalloc(c->dict.n, 1);
	for (uint32_t k = 1; k < c->dict.n; k++) {
		const char *v = sl_dict_str(&c->dict, k);
		f[k] = (uint8_t)(strcasecmp(v, a) == 0 || (b && strcasecmp(v, b) == 0));
	}
	return f;
}

static int user_row(const struct sl_store *s, size_t i)
{
	uint8_t e = s->col[SL_F_EVENT_TYPE].v.u8[i];
	return e != SL_EV_SP && e != SL_EV_MI;
}

/* A KV integer that is not known: null in every format. */
static void kv_null_int(struct sl_report *r, struct sl_section *sec, const char *key)
{
	sl_kv_int(r, sec, key, 0);
	sec->cells[(sec->nrows - 1) * sec->ncols + 1].null = 1;
}

const enum sl_fid sl_mfa_fields[] = {
	SL_F_USER, SL_F_USER_ID, SL_F_STATUS, SL_F_EVENT_TYPE, SL_F_AUTH_REQ, SL_F_ADDITIONAL,
	SL_F_AUTH_METHOD, SL_F_AUTH_OK, SL_F_AUTH_RESULT, SL_F_AUTH_STEP_REQ, SL_F_SESSION_POLICY,
	SL_F__COUNT
};

/* Why users were prompted: the session lifetime policies (sign-in frequency, remembered MFA
 * ...) logged with successful user sign-ins, each counted once per sign-in. */
static void prompt_reasons(struct sl_report *r, const struct sl_store *s, const struct sl_query *q)
{
	static const struct sl_column cols[] = {
		{ "policy", "Session lifetime policy", SL_CT_STR, 0 },
		{ "sign_ins", "Sign-ins", SL_CT_INT, 1 },
		{ "users", "Users", SL_CT_INT, 0 },
	};
	const struct sl_col *pol = &s->col[SL_F_SESSION_POLICY];
	const uint32_t *off = s->loff[SL_LIST_SLP];
	int64_t *signins = sl_xcalloc(pol->dict.n, sizeof *signins), *users = sl_xcalloc(pol->dict.n, sizeof *users);
	uint32_t *seen = sl_xcalloc(pol->dict.n, sizeof *seen), *mark = sl_xcalloc(pol->dict.n, sizeof *mark);
	struct sl_rank *rk = sl_xmalloc(pol->dict.n * sizeof *rk);
	size_t nord, nr = 0, show;
	uint32_t *ord = sl_rows_by_user(s, &nord);

	/* in user order, so that a mark per policy counts each user once */
	for (size_t k = 0; k < nord; k++) {
		size_t i = ord[k];
		if (s->col[SL_F_STATUS].v.u8[i] != SL_ST_SUCCESS)
			continue;
		for (uint32_t e = off[i]; e < off[i + 1]; e++) {
			uint32_t c = pol->v.code[e];
			if (!c || seen[c] == (uint32_t)i + 1)
				continue;
			seen[c] = (uint32_t)i + 1;
			signins[c]++;
			if (mark[c] != s->user[i]) {
				mark[c] = s->user[i];
				users[c]++;
			}
		}
	}
	for (uint32_t c = 1; c < pol->dict.n; c++)
		if (signins[c])
			rk[nr++] = (struct sl_rank){ signins[c], sl_dict_str(&pol->dict, c), c };
	sl_rank_sort(rk, nr);
	struct sl_section *sec = sl_report_section(r, "prompt_reasons",
		"Session lifetime policies of successful user sign-ins (why a prompt was due)", SL_SEC_TABLE, cols, 3);
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], rk[k].count);
		sl_cell_int(&c[2], users[rk[k].idx]);
	}
	if (!nr)
		sec->note = "the input carries no session lifetime policies for successful user sign-ins";
	free(ord);
	free(rk);
	free(signins);
	free(users);
	free(seen);
	free(mark);
}

/* --by: MFA coverage per value of a field (ranked by successful sign-ins) or per period (every
 * period of the span, in order, or only those with sign-ins over a span too long to list), with the figures of the root under their names. */
static void by_groups(struct sl_report *r, const struct sl_store *s, const struct sl_query *q, const struct sl_mfa_rule *mr)
{
	static const char *const periods[] = { "", "", "hour", "day", "week", "month" };
	const char *by = q->by < 0 ? periods[-q->by] : sl_fields[q->by].name;
	struct sl_column cols[] = {
		{ sl_by_column(r, q->by), by, sl_by_type(q->by), 0 },
		{ "successful_sign_ins", "Successful", SL_CT_INT, 1 },
		{ "with_requirement", "With requirement", SL_CT_INT, 0 },
		{ "mfa_sign_ins", "MFA", SL_CT_INT, 0 },
		{ "single_factor_sign_ins", "Single-factor", SL_CT_INT, 0 },
		{ "mfa_percent", "MFA %", SL_CT_PCT, 0 },
	};
	struct sl_groups gr;
	struct sl_section *sec = sl_report_section(r, sl_arena_printf(&r->arena, "by_%s", sl_by_column(r, q->by)),
		sl_arena_printf(&r->arena, "MFA coverage of successful user sign-ins per %s", by), SL_SEC_TABLE, cols,
		sizeof cols / sizeof cols[0]);
	sl_section_chart(sec, q->by < 0 ? SL_CHART_LINE : SL_CHART_BARS, cols[0].name, "mfa_percent");
	sl_groups_make(r, &gr, s, q->by);
	if (gr.ordered)
		sec->note = gr.note;
	int64_t (*n)[3] = sl_xcalloc(gr.n ? gr.n : 1, sizeof *n);    /* successful, with requirement, MFA */
	for (size_t i = 0; i < s->n; i++) {
		if (s->col[SL_F_STATUS].v.u8[i] != SL_ST_SUCCESS || !user_row(s, i))
			continue;
		enum sl_mfa_class m = sl_mfa_row(mr, i);
		n[gr.of[i]][0]++;
		n[gr.of[i]][1] += m != SL_MFA_UNKNOWN;
		n[gr.of[i]][2] += m == SL_MFA_YES;
	}
	struct sl_rank *rank = sl_xcalloc(gr.n ? gr.n : 1, sizeof *rank);
	size_t nr = 0, show;
	for (uint32_t k = 0; k < gr.n; k++)
		if (gr.ordered || n[k][0])
			rank[nr++] = (struct sl_rank){ n[k][0], gr.text[k], k };
	if (!gr.ordered)
		sl_rank_sort(rank, nr);
	show = gr.ordered ? nr : sl_top_rows(r, sec, q, nr, 50);
	for (size_t j = 0; j < show; j++) {
		const int64_t *v = n[rank[j].idx];
		struct sl_cell *c = sl_section_row(r, sec);
		sl_by_cell(r, &c[0], q->by, rank[j].key);
		sl_cell_int(&c[1], v[0]);
		sl_cell_int(&c[2], v[1]);
		sl_cell_int(&c[3], v[2]);
		sl_cell_int(&c[4], v[1] - v[2]);
		if (v[1])
			sl_cell_dbl(&c[5], sl_pct(v[2], v[1]));
	}
	free(rank);
	free(n);
	sl_groups_free(&gr);
}

void sl_report_mfa(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q)
{
	const struct sl_store *s = &g->store;
	const struct sl_col *add = &s->col[SL_F_ADDITIONAL];
	const struct sl_col *meth = &s->col[SL_F_AUTH_METHOD], *res = &s->col[SL_F_AUTH_RESULT];
	const struct sl_col *sreq = &s->col[SL_F_AUTH_STEP_REQ], *ok = &s->col[SL_F_AUTH_OK];
	const uint32_t *loff = s->loff[SL_LIST_AUTH];
	struct sl_mfa_rule mr;
	uint8_t *add_claim = flag_codes(add, CLAIM_TEXT, NULL);
	uint8_t *res_claim = flag_codes(res, CLAIM_TEXT, NULL);
	uint8_t *prev = flag_codes(meth, "Previously satisfied", NULL);
	uint8_t *primary = flag_codes(sreq, "Primary authentication", NULL);
	uint8_t *second = sl_xcalloc(meth->dict.n, 1);
	for (uint32_t k = 1; k < meth->dict.n; k++)
		second[k] = (uint8_t)is_second_factor(sl_dict_str(&meth->dict, k));
	sl_mfa_rule_init(&mr, s);
	int64_t base = 0, with_req = 0, mfa = 0, single = 0, interactive = 0, claim = 0, nosteps = 0;
	int64_t *u_succ = sl_xcalloc(s->users.n, sizeof *u_succ);
	int64_t *u_mfa = sl_xcalloc(s->users.n, sizeof *u_mfa);
	int64_t *u_single = sl_xcalloc(s->users.n, sizeof *u_single);
	/* the logs carry steps at all: without them the step-based counts are unknown, not 0 */
	int have_steps = s->nchild[SL_LIST_AUTH] > 0;

	/* The MFA rule (mfa.h, signlog(1) MFA coverage): a successful user sign-in is MFA when its
	 * authentication requirement is multifactor or its additional details say MFA was done;
	 * single-factor when it has a requirement and neither holds. MFA was done in the sign-in itself
	 * (mfa_interactive) when a step succeeded that is not the primary one, or whose method is
	 * a second factor whatever step it is logged as, or when the additional details say MFA
	 * completed; it was satisfied by a claim when a step was "Previously satisfied" or the
	 * step or the sign-in says satisfied by claim. */
	for (size_t i = 0; i < s->n; i++) {
		uint32_t u = s->user[i], ac = add->v.code[i];
		if (s->col[SL_F_STATUS].v.u8[i] != SL_ST_SUCCESS || !user_row(s, i))
			continue;
		base++;
		u_succ[u]++;
		enum sl_mfa_class cls = sl_mfa_row(&mr, i);
		if (cls == SL_MFA_UNKNOWN)
			continue;
		with_req++;
		if (cls == SL_MFA_SINGLE) {
			single++;
			u_single[u]++;
			continue;
		}
		mfa++;
		u_mfa[u]++;
		enum sl_mfa_details d = sl_mfa_row_details(&mr, i);
		int inter = d == SL_MFAD_DONE_HERE, byclaim = add_claim[ac] || d == SL_MFAD_DONE_BEFORE;
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t m = meth->v.code[k], sr = sreq->v.code[k];
			if (prev[m] || res_claim[res->v.code[k]])
				byclaim = 1;
			else if (ok->v.u8[k] == 1 && ((sr && !primary[sr]) || second[m]))
				inter = 1;
		}
		interactive += inter;
		claim += byclaim;
		nosteps += loff[i] == loff[i + 1];
	}

	struct sl_section *root = sl_report_section(r, NULL, NULL, SL_SEC_KV, NULL, 0);
	sl_kv_int(r, root, "successful_sign_ins", base);
	sl_kv_int(r, root, "mfa_sign_ins", mfa);
	sl_kv_pct(r, root, "mfa_percent", with_req ? sl_pct(mfa, with_req) : (double)NAN);
	if (have_steps) {
		sl_kv_int(r, root, "mfa_interactive", interactive);
		sl_kv_int(r, root, "satisfied_by_claim", claim);
	} else {
		kv_null_int(r, root, "mfa_interactive");
		kv_null_int(r, root, "satisfied_by_claim");
	}
	sl_kv_int(r, root, "single_factor_sign_ins", single);
	sl_kv_int(r, root, "with_requirement", with_req);
	sl_kv_int(r, root, "without_requirement", base - with_req);
	if (have_steps)
		sl_kv_int(r, root, "mfa_without_steps", nosteps);
	else
		kv_null_int(r, root, "mfa_without_steps");
	if (base && !with_req && !have_steps)
		root->note = "the input carries no authentication requirement and no authentication steps "
		             "(Graph v1.0 exports lack them): MFA share, mfa_interactive, satisfied_by_claim "
		             "and mfa_without_steps unknown";
	else if (base && !with_req)
		root->note = "the input carries no authentication requirement: MFA share unknown";
	else if (!have_steps)
		root->note = "the input carries no authentication steps (Graph v1.0 and some CSV exports "
		             "lack them): mfa_interactive, satisfied_by_claim and mfa_without_steps unknown";

	if (q->by != SL_BY_NONE)
		by_groups(r, s, q, &mr);

	/* per user: sign-ins without a requirement say nothing about MFA either way */
	int64_t nusers = 0, always = 0, never = 0, mixed = 0, unknown = 0, nsingle_users = 0;
	for (uint32_t u = 1; u < s->users.n; u++) {
		if (!u_succ[u])
			continue;
		nusers++;
		if (u_mfa[u] && u_single[u])
			mixed++;
		else if (u_mfa[u])
			always++;
		else if (u_single[u])
			never++;
		else
			unknown++;
		nsingle_users += u_single[u] > 0;
	}
	struct sl_section *sec = sl_report_section(r, "per_user", "Users with a successful sign-in", SL_SEC_KV, NULL, 0);
	sl_kv_int(r, sec, "users", nusers);
	sl_kv_int(r, sec, "always_mfa", always);
	sl_kv_int(r, sec, "never_mfa", never);
	sl_kv_int(r, sec, "mixed", mixed);
	sl_kv_int(r, sec, "requirement_unknown", unknown);

	static const struct sl_column ucols[] = {
		{ "user", "User", SL_CT_STR, 0 },
		{ "single_factor_sign_ins", "Single-factor", SL_CT_INT, 1 },
		{ "successful_sign_ins", "Successful", SL_CT_INT, 0 },
	};
	struct sl_rank *rk = sl_xmalloc((size_t)(nsingle_users ? nsingle_users : 1) * sizeof *rk);
	size_t nr = 0;
	for (uint32_t u = 1; u < s->users.n; u++)
		if (u_single[u])
			rk[nr++] = (struct sl_rank){ u_single[u], sl_dict_str(&s->users, u), u };
	sl_rank_sort(rk, nr);
	sec = sl_report_section(r, "single_factor_users", "Users with the most single-factor successful sign-ins",
	                        SL_SEC_TABLE, ucols, 3);
	size_t show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], rk[k].count);
		sl_cell_int(&c[2], u_succ[rk[k].idx]);
	}
	free(rk);

	/* methods: every step of every user sign-in, whatever its outcome */
	uint32_t nm = meth->dict.n;
	int64_t *att = sl_xcalloc(nm, sizeof *att), *succ = sl_xcalloc(nm, sizeof *succ);
	int64_t *fail = sl_xcalloc(nm, sizeof *fail), *musers = sl_xcalloc(nm, sizeof *musers);
	uint32_t *mark = sl_xcalloc(nm, sizeof *mark);
	for (size_t i = 0; i < s->n; i++) {
		if (!user_row(s, i))
			continue;
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t m = meth->v.code[k];
			att[m]++;
			succ[m] += ok->v.u8[k] == 1;
			fail[m] += ok->v.u8[k] == 0;
		}
	}
	size_t nord;
	uint32_t *ord = sl_rows_by_user(s, &nord);
	for (size_t j = 0; j < nord; j++) {
		uint32_t i = ord[j], u = s->user[i];
		if (!user_row(s, i))
			continue;
		for (uint32_t k = loff[i]; k < loff[i + 1]; k++) {
			uint32_t m = meth->v.code[k];
			if (mark[m] != u) {
				mark[m] = u;
				musers[m]++;
			}
		}
	}
	free(ord);
	static const struct sl_column mcols[] = {
		{ "method", "Method", SL_CT_STR, 0 },
		{ "attempts", "Attempts", SL_CT_INT, 1 },
		{ "succeeded", "Succeeded", SL_CT_INT, 0 },
		{ "failed", "Failed", SL_CT_INT, 0 },
		{ "success_percent", "Success", SL_CT_PCT, 0 },
		{ "users", "Users", SL_CT_INT, 0 },
		{ "passwordless", "Passwordless", SL_CT_BOOL, 0 },
	};
	rk = sl_xmalloc(nm * sizeof *rk);
	nr = 0;
	/* steps without a method name no method: they are not listed */
	for (uint32_t m = 1; m < nm; m++)
		if (att[m])
			rk[nr++] = (struct sl_rank){ att[m], sl_dict_str(&meth->dict, m), m };
	sl_rank_sort(rk, nr);
	sec = sl_report_section(r, "methods", "Authentication methods (authentication steps of user sign-ins)",
	                        SL_SEC_TABLE, mcols, 7);
	sl_section_chart(sec, SL_CHART_BARS, "method", "succeeded failed");
	show = sl_top_rows(r, sec, q, nr, 20);
	for (size_t k = 0; k < show; k++) {
		struct sl_cell *c = sl_section_row(r, sec);
		size_t m = rk[k].idx;
		sl_cell_cstr(r, &c[0], rk[k].key);
		sl_cell_int(&c[1], att[m]);
		sl_cell_int(&c[2], succ[m]);
		sl_cell_int(&c[3], fail[m]);
		sl_cell_dbl(&c[4], sl_pct(succ[m], att[m]));
		sl_cell_int(&c[5], musers[m]);
		sl_cell_int(&c[6], is_passwordless(rk[k].key));
	}
	if (!have_steps)
		sec->note = "the input carries no authentication steps (Graph v1.0 and some CSV exports "
		            "lack them): no methods to show";
	prompt_reasons(r, s, q);

	free(rk);
	free(att);
	free(succ);
	free(fail);
	free(musers);
	free(mark);
	free(u_succ);
	free(u_mfa);
	free(u_single);
	sl_mfa_rule_free(&mr);
	free(add_claim);
	free(res_claim);
	free(prev);
	free(primary);
	free(second);
}
