/* detect_spray.c — password-spray: many users failing from one IP, or from one autonomous system across IPs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "util.h"

#define MIN_US 60000000LL
#define HOUR_US (60 * MIN_US)

enum { P_MIN_USERS, P_WINDOW, P_ASN_MIN_USERS, P_ASN_MIN_IPS, P_ASN_WINDOW, P_FOLLOW };
const struct sl_param sl_spray_params[] = {
	{ "min_users", SL_P_COUNT, 10, "distinct users with credential failures from one IP within window" },
	{ "window", SL_P_DURATION, 30 * MIN_US, "sliding window of the per-IP count" },
	{ "asn_min_users", SL_P_COUNT, 20, "distinct failing users from one autonomous system within asn_window" },
	{ "asn_min_ips", SL_P_COUNT, 3, "... from at least this many IP addresses" },
	{ "asn_window", SL_P_DURATION, 24 * HOUR_US, "sliding window of the per-autonomous-system count" },
	{ "follow", SL_P_DURATION, 24 * HOUR_US, "how long after the spray a targeted user's success from the source counts" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* Scratch shared by both forms. */
struct spray {
	struct sl_dctx *c;
	int rule;
	uint32_t *ucount, *ipcount;       /* window counts by user and by IP */
	uint32_t *mark_fail, *mark_ok;    /* gate: stamp per user */
	uint32_t *target;                 /* stamp per user: targeted by the current episode */
	uint32_t stamp;
	struct sl_episode *ep;
	size_t epcap;
};

/* The gate: over all of the source's history, more users failed than succeeded. */
static int gate(struct spray *x, const uint32_t *rows, uint32_t n, int64_t *fail, int64_t *ok)
{
	const struct sl_dctx *c = x->c;
	x->stamp++;
	*fail = *ok = 0;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t r = rows[k], u = c->s->user[r];
		if ((c->cls[r] & SL_C_CREDFAIL) && x->mark_fail[u] != x->stamp) {
			x->mark_fail[u] = x->stamp;
			(*fail)++;
		}
		if ((c->cls[r] & SL_C_SUCCESS) && x->mark_ok[u] != x->stamp) {
			x->mark_ok[u] = x->stamp;
			(*ok)++;
		}
	}
	return *fail > *ok;
}

/* Targeted users whose password then worked from the source: a success or an accepted
 * password in [first, last + follow]. Adds them to the evidence; returns the severity. */
static enum sl_sev outcomes(struct spray *x, struct sl_finding *f, const uint32_t *hist, uint32_t nhist,
                            const uint32_t *ev, uint32_t nev, int64_t *nvalid)
{
	struct sl_dctx *c = x->c;
	int64_t first = c->t[ev[0]], last = c->t[ev[nev - 1]] + sl_dparam(c, x->rule, P_FOLLOW);
	enum sl_sev sev = SL_SEV_MEDIUM;
	x->stamp++;
	for (uint32_t k = 0; k < nev; k++)
		x->target[c->s->user[ev[k]]] = x->stamp;
	*nvalid = 0;
	for (uint32_t k = sl_d_lower(c, hist, nhist, first); k < nhist && c->t[hist[k]] <= last; k++) {
		uint32_t r = hist[k], u = c->s->user[r];
		if (!(c->cls[r] & (SL_C_SUCCESS | SL_C_VALIDATED)) || x->target[u] != x->stamp)
			continue;
		sl_finding_add(c, f, &r, 1);
		size_t before = f->nvalid;
		sl_finding_valid(c, f, u);
		*nvalid += f->nvalid > before;
		if (sev < SL_SEV_HIGH)
			sev = SL_SEV_HIGH;
		if (c->cls[r] & SL_C_MFA_OK)
			sev = SL_SEV_CRITICAL;
	}
	return sev;
}

static void by_ip(struct spray *x)
{
	struct sl_dctx *c = x->c;
	const struct sl_store *s = c->s;
	const uint32_t *ipc = s->col[SL_F_IP].v.code;
	uint32_t nip = s->col[SL_F_IP].dict.n;
	struct sl_dgroups fails, hist;
	int64_t w = sl_dparam(c, x->rule, P_WINDOW), min = sl_dparam(c, x->rule, P_MIN_USERS);
	char b1[32], b2[32], d[32];

	sl_dgroups_make(&fails, c, ipc, nip, SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER, 0);
	sl_dgroups_make(&hist, c, ipc, nip, SL_C_USER, SL_C_CREDFAIL | SL_C_SUCCESS | SL_C_VALIDATED);
	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER)) == (SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER) && !ipc[i])
			c->st[x->rule].not_evaluable++;
	for (uint32_t ip = 1; ip < nip; ip++) {
		const uint32_t *rows = fails.rows + fails.off[ip];
		uint32_t n = fails.off[ip + 1] - fails.off[ip];
		const uint32_t *h = hist.rows + hist.off[ip];
		uint32_t nh = hist.off[ip + 1] - hist.off[ip];
		int64_t nfail = 0, nok = 0;
		int gated = -1;
		if (n < min)
			continue;
		size_t nep = sl_windows(c, rows, n, w, s->user, x->ucount, (uint32_t)min, NULL, NULL, 0,
		                        &x->ep, &x->epcap, &c->st[x->rule].observed);
		for (size_t e = 0; e < nep; e++) {
			const struct sl_episode *ep = &x->ep[e];
			int64_t nvalid;
			if (gated < 0)
				gated = !gate(x, h, nh, &nfail, &nok);
			if (gated)
				break;
			struct sl_finding *f = sl_finding_new(c, x->rule, SL_SEV_MEDIUM, "ip");
			f->ip = ip;
			if (c->asn[rows[ep->lo]])
				f->asn = c->asn_val[c->asn[rows[ep->lo]]];
			sl_finding_key(c, f, "ip %s", sl_dict_str(&s->col[SL_F_IP].dict, ip));
			sl_finding_add(c, f, rows + ep->lo, ep->hi - ep->lo);
			f->sev = outcomes(x, f, h, nh, rows + ep->lo, ep->hi - ep->lo, &nvalid);
			sl_finding_reason(c, f, "%u users had credential failures from %s within %s (peak from %s); "
			                  "%u failures from %s to %s; %lld users failed and %lld succeeded from this IP in all; "
			                  "%lld of the targeted users then signed in or had their password accepted from it",
			                  ep->peak, sl_dict_str(&s->col[SL_F_IP].dict, ip), sl_d_dur(w, d, sizeof d),
			                  sl_d_time(c->t[rows[ep->plo]], b1), ep->hi - ep->lo, sl_d_time(c->t[rows[ep->lo]], b1),
			                  sl_d_time(c->t[rows[ep->hi - 1]], b2), (long long)nfail, (long long)nok,
			                  (long long)nvalid);
		}
	}
	sl_dgroups_free(&fails);
	sl_dgroups_free(&hist);
}

static void by_asn(struct spray *x)
{
	struct sl_dctx *c = x->c;
	const struct sl_store *s = c->s;
	struct sl_dgroups fails, hist;
	int64_t w = sl_dparam(c, x->rule, P_ASN_WINDOW), min = sl_dparam(c, x->rule, P_ASN_MIN_USERS);
	int64_t minip = sl_dparam(c, x->rule, P_ASN_MIN_IPS);
	struct sl_rulestat *st = &c->st[x->rule];
	char b1[32], b2[32], d[32];

	st->measure2 = "distinct users failing per autonomous system within asn_window (from asn_min_ips IPs)";
	st->variant2 = "asn";
	st->observed2 = -1;
	st->threshold2 = min;
	sl_dgroups_make(&fails, c, c->asn, c->nasn, SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER, 0);
	sl_dgroups_make(&hist, c, c->asn, c->nasn, SL_C_USER, SL_C_CREDFAIL | SL_C_SUCCESS | SL_C_VALIDATED);
	for (uint32_t a = 1; a < c->nasn; a++) {
		const uint32_t *rows = fails.rows + fails.off[a];
		uint32_t n = fails.off[a + 1] - fails.off[a];
		const uint32_t *h = hist.rows + hist.off[a];
		uint32_t nh = hist.off[a + 1] - hist.off[a];
		int64_t nfail = 0, nok = 0;
		int gated = -1;
		size_t nep = sl_windows(c, rows, n, w, s->user, x->ucount, (uint32_t)min, s->col[SL_F_IP].v.code,
		                        x->ipcount, (uint32_t)minip, &x->ep, &x->epcap, &st->observed2);
		for (size_t e = 0; e < nep; e++) {
			const struct sl_episode *ep = &x->ep[e];
			int64_t nvalid;
			if (gated < 0)
				gated = !gate(x, h, nh, &nfail, &nok);
			if (gated)
				break;
			struct sl_finding *f = sl_finding_new(c, x->rule, SL_SEV_MEDIUM, "asn");
			f->asn = c->asn_val[a];
			sl_finding_key(c, f, "asn %d", (int)c->asn_val[a]);
			sl_finding_add(c, f, rows + ep->lo, ep->hi - ep->lo);
			f->sev = outcomes(x, f, h, nh, rows + ep->lo, ep->hi - ep->lo, &nvalid);
			sl_finding_reason(c, f, "%u users had credential failures from autonomous system %d within %s "
			                  "(peak from %s), from %lld or more IP addresses; %u failures from %s to %s; "
			                  "%lld users failed and %lld succeeded from this network in all; "
			                  "%lld of the targeted users then signed in or had their password accepted from it",
			                  ep->peak, (int)c->asn_val[a], sl_d_dur(w, d, sizeof d), sl_d_time(c->t[rows[ep->plo]], b1),
			                  (long long)minip, ep->hi - ep->lo, sl_d_time(c->t[rows[ep->lo]], b1),
			                  sl_d_time(c->t[rows[ep->hi - 1]], b2), (long long)nfail, (long long)nok, (long long)nvalid);
		}
	}
	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER)) == (SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER) && !c->asn[i])
			st->not_evaluable2++;
	sl_dgroups_free(&fails);
	sl_dgroups_free(&hist);
}

void sl_rule_spray(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	struct spray x = { 0 };
	x.c = c;
	x.rule = rule;
	x.ucount = sl_xcalloc(s->users.n + 1, sizeof *x.ucount);
	x.ipcount = sl_xcalloc(s->col[SL_F_IP].dict.n + 1, sizeof *x.ipcount);
	x.mark_fail = sl_xcalloc(s->users.n + 1, sizeof *x.mark_fail);
	x.mark_ok = sl_xcalloc(s->users.n + 1, sizeof *x.mark_ok);
	x.target = sl_xcalloc(s->users.n + 1, sizeof *x.target);
	by_ip(&x);
	by_asn(&x);
	free(x.ucount);
	free(x.ipcount);
	free(x.mark_fail);
	free(x.mark_ok);
	free(x.target);
	free(x.ep);
}
