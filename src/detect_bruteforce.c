/* detect_bruteforce.c — brute-force: many credential failures against one account within a window. */
#include <stdio.h>
#include <stdlib.h>
#include "detect.h"
#include "util.h"

#define MIN_US 60000000LL
#define DAY_US 86400000000LL

enum { P_MIN_FAILURES, P_WINDOW, P_FOLLOW, P_BASELINE };
const struct sl_param sl_bruteforce_params[] = {
	{ "min_failures", SL_P_COUNT, 20, "credential failures against one user within window" },
	{ "window", SL_P_DURATION, 60 * MIN_US, "sliding window of the per-user count" },
	{ "follow", SL_P_DURATION, 60 * MIN_US, "how long after the failures a success from a failing IP counts" },
	{ "baseline", SL_P_DURATION, 14 * DAY_US, "history that makes an IP or network known for the user" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* Distinct values of a text column among rows (stamp array indexed by code). */
static uint32_t distinct(const struct sl_col *col, const uint32_t *rows, uint32_t n, uint32_t *mark, uint32_t stamp,
                         uint32_t *one)
{
	uint32_t d = 0;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t v = col->v.any ? col->v.code[rows[k]] : 0;
		if (mark[v] != stamp) {
			mark[v] = stamp;
			*one = v;
			d++;
		}
	}
	return d;
}

void sl_rule_bruteforce(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *ipc = &s->col[SL_F_IP], *uac = &s->col[SL_F_USER_AGENT];
	struct sl_dgroups g;
	struct sl_episode *ep = NULL;
	size_t epcap = 0;
	int64_t min = sl_dparam(c, rule, P_MIN_FAILURES), w = sl_dparam(c, rule, P_WINDOW);
	int64_t follow = sl_dparam(c, rule, P_FOLLOW), base = sl_dparam(c, rule, P_BASELINE);
	uint32_t *ipmark = sl_xcalloc(ipc->dict.n + 1, sizeof *ipmark);
	uint32_t *uamark = sl_xcalloc((uac->v.any ? uac->dict.n : 0) + 1, sizeof *uamark);
	uint32_t stamp = 0;
	const struct sl_dgroups *succ = sl_d_successes(c);
	char b1[32], b2[32], d[32];

	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SELECTED | SL_C_CREDFAIL | SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u];
		if (n == 0)
			continue;
		size_t nep = sl_windows(c, rows, n, w, NULL, NULL, (uint32_t)min, NULL, NULL, 0, &ep, &epcap,
		                        &c->st[rule].observed);
		for (size_t e = 0; e < nep; e++) {
			const uint32_t *ev = rows + ep[e].lo;
			uint32_t nev = ep[e].hi - ep[e].lo, one_ip = 0, one_ua = 0;
			int64_t first = c->t[ev[0]], last = c->t[ev[nev - 1]];
			uint32_t nips = distinct(ipc, ev, nev, ipmark, ++stamp, &one_ip);
			uint32_t nuas = distinct(uac, ev, nev, uamark, stamp, &one_ua);
			/* a stale password on a device that keeps retrying: one IP and client, at a
			 * place the user signed in from before */
			int stale = nips == 1 && nuas == 1 && one_ip &&
			            sl_d_known_place(c, succ, u, one_ip, c->asn[ev[0]], first - base, first);
			struct sl_finding *f = sl_finding_new(c, rule, stale ? SL_SEV_LOW : SL_SEV_MEDIUM, "");
			const char *then = "";
			f->user = u;
			if (nips == 1)
				f->ip = one_ip;
			sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
			sl_finding_add(c, f, ev, nev);
			/* a success from one of the failing IPs soon after: the guess may have worked */
			const uint32_t *sr = succ->rows + succ->off[u];
			uint32_t ns = succ->off[u + 1] - succ->off[u];
			for (uint32_t k = sl_d_lower(c, sr, ns, first); k < ns && c->t[sr[k]] <= last + follow; k++) {
				uint32_t r = sr[k], ip = ipc->v.code[r];
				if (!ip || ipmark[ip] != stamp)
					continue;
				sl_finding_add(c, f, &r, 1);
				sl_finding_valid(c, f, u);
				if (!sl_d_known_place(c, succ, u, ip, c->asn[r], first - base, first)) {
					then = "; the user then signed in from one of these IPs, new for the user";
					f->sev = SL_SEV_HIGH;
				} else if (f->sev != SL_SEV_HIGH) {
					then = "; the user then signed in from one of these IPs, a place known from before";
				}
			}
			sl_finding_reason(c, f, "%u credential failures against %s within %s (peak from %s), %u in all from %s to %s, "
			                  "from %u IP address%s and %u client%s%s%s",
			                  ep[e].peak, sl_dict_str(&s->users, u), sl_d_dur(w, d, sizeof d),
			                  sl_d_time(c->t[rows[ep[e].plo]], b1), nev, sl_d_time(first, b1), sl_d_time(last, b2),
			                  nips, nips == 1 ? "" : "es", nuas, nuas == 1 ? "" : "s",
			                  stale ? " (one device retrying at a known place: a stale saved password?)" : "", then);
		}
	}
	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_CREDFAIL)) == (SL_C_SELECTED | SL_C_CREDFAIL) && !(c->cls[i] & SL_C_USER) &&
		    s->col[SL_F_EVENT_TYPE].v.u8[i] != SL_EV_SP && s->col[SL_F_EVENT_TYPE].v.u8[i] != SL_EV_MI)
			c->st[rule].not_evaluable++;
	sl_dgroups_free(&g);
	free(ep);
	free(ipmark);
	free(uamark);
}
