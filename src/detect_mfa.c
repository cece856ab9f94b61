/* detect_mfa.c — mfa-fatigue (many MFA prompts denied or unanswered, perhaps then approved) and mfa-fraud (the user reported fraud). */
#include <stdio.h>
#include <stdlib.h>
#include "detect.h"
#include "sltime.h"
#include "util.h"

#define MIN_US 60000000LL

enum { P_MIN_PROMPTS, P_WINDOW, P_FOLLOW };
const struct sl_param sl_mfa_fatigue_params[] = {
	{ "min_prompts", SL_P_COUNT, 10, "denied or unanswered MFA prompts of one user within window" },
	{ "window", SL_P_DURATION, 30 * MIN_US, "sliding window of the per-user count" },
	{ "follow", SL_P_DURATION, 30 * MIN_US, "how long after the prompts an approval (a success) counts" },
	{ NULL, SL_P_COUNT, 0, NULL },
};
const struct sl_param sl_mfa_fraud_params[] = {
	{ NULL, SL_P_COUNT, 0, NULL },
};

void sl_rule_mfa_fatigue(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	struct sl_dgroups g;
	struct sl_episode *ep = NULL;
	size_t epcap = 0;
	int64_t min = sl_dparam(c, rule, P_MIN_PROMPTS), w = sl_dparam(c, rule, P_WINDOW);
	int64_t follow = sl_dparam(c, rule, P_FOLLOW);
	const struct sl_dgroups *succ = sl_d_successes(c);
	char b1[32], b2[32], b3[32], d[32];

	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SELECTED | SL_C_MFA_FAIL | SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u];
		if (n == 0)
			continue;
		size_t nep = sl_windows(c, rows, n, w, NULL, NULL, (uint32_t)min, NULL, NULL, 0, &ep, &epcap,
		                        &c->st[rule].observed);
		for (size_t e = 0; e < nep; e++) {
			const uint32_t *ev = rows + ep[e].lo;
			uint32_t nev = ep[e].hi - ep[e].lo;
			int64_t first = c->t[ev[0]], last = c->t[ev[nev - 1]];
			struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "");
			int64_t approved = SL_TIME_NONE;
			f->user = u;
			sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
			sl_finding_add(c, f, ev, nev);
			/* the approval that may have ended it: the user's next success soon after */
			const uint32_t *sr = succ->rows + succ->off[u];
			uint32_t ns = succ->off[u + 1] - succ->off[u];
			uint32_t k = sl_d_lower(c, sr, ns, last);
			if (k < ns && c->t[sr[k]] <= last + follow) {
				sl_finding_add(c, f, &sr[k], 1);
				sl_finding_valid(c, f, u);
				f->sev = SL_SEV_HIGH;
				approved = c->t[sr[k]];
			}
			sl_finding_reason(c, f, "%u MFA prompts of %s denied or unanswered within %s (peak from %s); %u from %s to %s; %s%s",
			                  ep[e].peak, sl_dict_str(&s->users, u), sl_d_dur(w, d, sizeof d),
			                  sl_d_time(c->t[rows[ep[e].plo]], b1), nev, sl_d_time(first, b1), sl_d_time(last, b2),
			                  approved == SL_TIME_NONE ? "no success followed" : "then a success at ",
			                  approved == SL_TIME_NONE ? "" : sl_d_time(approved, b3));
		}
	}
	sl_dgroups_free(&g);
	free(ep);
}

void sl_rule_mfa_fraud(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	char b1[32];
	int64_t n = 0;
	for (size_t k = 0; k < c->n; k++) {
		uint32_t r = c->ord[k];
		if ((c->cls[r] & (SL_C_SELECTED | SL_C_FRAUD)) != (SL_C_SELECTED | SL_C_FRAUD))
			continue;
		n++;
		struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_HIGH, "");
		f->user = s->user[r];
		f->ip = s->col[SL_F_IP].v.code[r];
		sl_finding_key(c, f, "user %s", s->user[r] ? sl_d_user(c, r) : "(none)");
		sl_finding_add(c, f, &r, 1);
		sl_finding_reason(c, f, "%s reported fraud at an MFA prompt at %s (sign-in from %s): the user says someone else "
		                  "has the password",
		                  s->user[r] ? sl_d_user(c, r) : "a user", sl_d_time(c->t[r], b1),
		                  s->col[SL_F_IP].v.code[r] ? sl_d_ip(c, r) : "an unknown IP");
	}
	c->st[rule].observed = n;
}
