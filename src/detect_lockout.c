/* detect_lockout.c — lockout-burst: many accounts locked (50053) within a window, smart lockout apart from malicious-IP blocks. */
#include <stdio.h>
#include <stdlib.h>
#include "detect.h"
#include "util.h"

#define MIN_US 60000000LL
#define HOUR_US (60 * MIN_US)

enum { P_MIN_USERS, P_WINDOW, P_FOLLOW };
const struct sl_param sl_lockout_params[] = {
	{ "min_users", SL_P_COUNT, 25, "distinct users locked out (50053) within window" },
	{ "window", SL_P_DURATION, 30 * MIN_US, "sliding window of the tenant-wide count" },
	{ "follow", SL_P_DURATION, 24 * HOUR_US, "how long after the burst a locked user's success from a burst IP counts" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

void sl_rule_lockout(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const uint32_t *ipc = s->col[SL_F_IP].v.code;
	uint32_t *key = sl_xcalloc(c->n ? c->n : 1, sizeof *key);
	uint32_t *ucount = sl_xcalloc(s->users.n + 1, sizeof *ucount);
	uint32_t *umark = sl_xcalloc(s->users.n + 1, sizeof *umark);
	uint32_t *ipmark = sl_xcalloc(s->col[SL_F_IP].dict.n + 1, sizeof *ipmark);
	struct sl_dgroups g;
	struct sl_episode *ep = NULL;
	size_t epcap = 0;
	int64_t min = sl_dparam(c, rule, P_MIN_USERS), w = sl_dparam(c, rule, P_WINDOW);
	int64_t follow = sl_dparam(c, rule, P_FOLLOW);
	const struct sl_dgroups *succ = sl_d_successes(c);
	static const char *const variant[3] = { "", "smart-lockout", "malicious-ip" };
	char b1[32], b2[32], d[32];
	uint32_t stamp = 0;

	/* two tenant-wide streams: accounts locked, and sign-ins blocked as from a malicious IP */
	for (size_t i = 0; i < c->n; i++)
		if (c->cls[i] & SL_C_LOCKED)
			key[i] = c->cls[i] & SL_C_MALICIOUS_IP ? 2 : 1;
	sl_dgroups_make(&g, c, key, 3, SL_C_SELECTED | SL_C_LOCKED | SL_C_USER, 0);
	for (uint32_t v = 1; v < 3; v++) {
		const uint32_t *rows = g.rows + g.off[v];
		uint32_t n = g.off[v + 1] - g.off[v];
		size_t nep = sl_windows(c, rows, n, w, s->user, ucount, (uint32_t)min, NULL, NULL, 0, &ep, &epcap,
		                        &c->st[rule].observed);
		for (size_t e = 0; e < nep; e++) {
			const uint32_t *ev = rows + ep[e].lo;
			uint32_t nev = ep[e].hi - ep[e].lo, nusers = 0;
			int64_t first = c->t[ev[0]], last = c->t[ev[nev - 1]];
			struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, variant[v]);
			stamp++;
			for (uint32_t k = 0; k < nev; k++) {
				if (umark[s->user[ev[k]]] != stamp)
					nusers++;
				umark[s->user[ev[k]]] = stamp;
				ipmark[ipc[ev[k]]] = stamp;
			}
			sl_finding_key(c, f, "tenant (%s)", variant[v]);
			sl_finding_add(c, f, ev, nev);
			/* a locked user who then signed in from an IP of the burst */
			for (uint32_t u = 1; u < succ->n; u++) {
				if (umark[u] != stamp)
					continue;
				const uint32_t *sr = succ->rows + succ->off[u];
				uint32_t ns = succ->off[u + 1] - succ->off[u];
				for (uint32_t k = sl_d_lower(c, sr, ns, first); k < ns && c->t[sr[k]] <= last + follow; k++)
					if (ipc[sr[k]] && ipmark[ipc[sr[k]]] == stamp) {
						sl_finding_add(c, f, &sr[k], 1);
						sl_finding_valid(c, f, u);
						f->sev = SL_SEV_HIGH;
					}
			}
			sl_finding_reason(c, f, "%u users %s within %s (peak from %s); %u lockouts of %u users from %s to %s; "
			                  "%zu of them then signed in from an IP of the burst",
			                  ep[e].peak, v == 2 ? "were blocked as signing in from a malicious IP" : "were locked out",
			                  sl_d_dur(w, d, sizeof d), sl_d_time(c->t[rows[ep[e].plo]], b1), nev, nusers,
			                  sl_d_time(first, b1), sl_d_time(last, b2), f->nvalid);
		}
	}
	sl_dgroups_free(&g);
	free(ep);
	free(key);
	free(ucount);
	free(umark);
	free(ipmark);
}
