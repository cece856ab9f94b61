/* detect_success.c — success-after-failures: a success (or an accepted password) right after many credential failures of the user. */
#include <stdio.h>
#include <stdlib.h>
#include "detect.h"
#include "util.h"

#define MIN_US 60000000LL
#define DAY_US 86400000000LL

enum { P_MIN_FAILURES, P_WINDOW, P_BASELINE };
const struct sl_param sl_success_params[] = {
	{ "min_failures", SL_P_COUNT, 10, "credential failures of the user before the success, within window" },
	{ "window", SL_P_DURATION, 60 * MIN_US, "how far back from the success the failures are counted" },
	{ "baseline", SL_P_DURATION, 14 * DAY_US, "history that makes the success's IP or network known for the user" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

void sl_rule_success(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const uint32_t *ipc = s->col[SL_F_IP].v.code;
	struct sl_dgroups g;
	const struct sl_dgroups *succ = sl_d_successes(c);
	int64_t min = sl_dparam(c, rule, P_MIN_FAILURES), w = sl_dparam(c, rule, P_WINDOW);
	int64_t base = sl_dparam(c, rule, P_BASELINE);
	char b1[32], b2[32], d[32];

	/* history: every row of the user; only the success must be selected */
	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_USER, SL_C_CREDFAIL | SL_C_SUCCESS | SL_C_VALIDATED);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u], fstart = 0;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t r = rows[k];
			if (!(c->cls[r] & (SL_C_SUCCESS | SL_C_VALIDATED)))
				continue;
			/* rows [fstart, k) are failures: the session restarts after every success */
			uint32_t lo = fstart + sl_d_lower(c, rows + fstart, k - fstart, c->t[r] - w);
			uint32_t nfail = k - lo;
			fstart = k + 1;
			if ((int64_t)nfail > c->st[rule].observed)
				c->st[rule].observed = nfail;
			if ((int64_t)nfail < min || !(c->cls[r] & SL_C_SELECTED))
				continue;
			uint32_t got = r;
			/* an accepted password (MFA or Conditional Access pending): a success from the
			 * same IP soon after completes the sign-in */
			if (!(c->cls[r] & SL_C_SUCCESS))
				for (uint32_t j = k + 1; j < n && c->t[rows[j]] <= c->t[r] + w; j++)
					if ((c->cls[rows[j]] & SL_C_SUCCESS) && ipc[rows[j]] == ipc[r]) {
						got = rows[j];
						break;
					}
			int64_t first = c->t[rows[lo]];
			int success = (c->cls[got] & SL_C_SUCCESS) != 0;
			int known = ipc[got] && sl_d_known_place(c, succ, u, ipc[got], c->asn[got], first - base, first);
			struct sl_finding *f = sl_finding_new(c, rule, success ? (known ? SL_SEV_MEDIUM : SL_SEV_HIGH)
			                                                       : (known ? SL_SEV_LOW : SL_SEV_MEDIUM), "");
			f->user = u;
			f->ip = ipc[got];
			sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
			sl_finding_add(c, f, rows + lo, nfail);
			sl_finding_add(c, f, &r, 1);
			if (got != r)
				sl_finding_add(c, f, &got, 1);
			sl_finding_valid(c, f, u);
			sl_finding_reason(c, f, "%s %s at %s from %s (%s for the user) after %u credential failures in the %s before (from %s)",
			                  sl_dict_str(&s->users, u),
			                  success ? (got != r ? "had the password accepted, then signed in" : "signed in")
			                          : "had the password accepted (sign-in stopped later)",
			                  sl_d_time(c->t[got], b1), ipc[got] ? sl_d_ip(c, got) : "an unknown IP",
			                  known ? "a place known from before" : "new", nfail, sl_d_dur(w, d, sizeof d),
			                  sl_d_time(first, b2));
		}
	}
	sl_dgroups_free(&g);
}
