/* detect_session.c — session-anomaly: one session id used from two autonomous systems within a window (a stolen session cookie or token replayed elsewhere). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "util.h"

#define MIN_US 60000000LL
#define DAY_US 86400000000LL

enum { P_MIN_ASNS, P_WINDOW, P_BASELINE };
const struct sl_param sl_session_params[] = {
	{ "min_asns", SL_P_COUNT, 2, "distinct autonomous systems using one session id within window" },
	{ "window", SL_P_DURATION, 60 * MIN_US, "sliding window of the per-session count" },
	{ "baseline", SL_P_DURATION, 14 * DAY_US, "the user's successes in this time before make a network known" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

#define MAXCLIENT 64

/* A network and the client seen on it. */
struct client {
	uint32_t asn, os, dev;
};

/* Do two clients on different networks look like different machines? The operating
 * system differs, or the device id does (one of them may be empty: a replayed token
 * carries no device). */
static int other_machine(const struct client *a, const struct client *b)
{
	if (a->asn == b->asn)
		return 0;
	if (a->os && b->os && a->os != b->os)
		return 1;
	return (a->dev || b->dev) && a->dev != b->dev;
}

void sl_rule_session(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *os = &s->col[SL_F_OS], *dev = &s->col[SL_F_DEVICE_ID];
	uint32_t nsess;
	const uint32_t *sess = sl_d_sessions(c, &nsess);
	uint32_t *acount = sl_xcalloc(c->nasn + 1, sizeof *acount);
	const struct sl_dgroups *succ = sl_d_successes(c);
	struct sl_dgroups g;
	struct sl_episode *ep = NULL;
	size_t epcap = 0;
	int64_t min = sl_dparam(c, rule, P_MIN_ASNS), w = sl_dparam(c, rule, P_WINDOW), base = sl_dparam(c, rule, P_BASELINE);
	char b1[32], b2[32], d[32], list[256];

	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_USER)) == (SL_C_SELECTED | SL_C_USER) && (!sess[i] || !c->asn[i]))
			c->st[rule].not_evaluable++;
	sl_dgroups_make(&g, c, sess, nsess, SL_C_SELECTED | SL_C_USER, 0);
	for (uint32_t k = 1; k < g.n; k++) {
		const uint32_t *rows = g.rows + g.off[k];
		uint32_t n = g.off[k + 1] - g.off[k];
		if (n < 2)
			continue;
		size_t nep = sl_windows(c, rows, n, w, c->asn, acount, (uint32_t)(min < 2 ? 2 : min), NULL, NULL, 0,
		                        &ep, &epcap, &c->st[rule].observed);
		for (size_t e = 0; e < nep; e++) {
			const uint32_t *ev = rows + ep[e].lo;
			uint32_t nev = ep[e].hi - ep[e].lo, u = s->user[ev[0]];
			struct client cl[MAXCLIENT];
			size_t ncl = 0, len = 0, nnew = 0;
			int other = 0;
			int64_t first = c->t[ev[0]];
			for (uint32_t j = 0; j < nev; j++) {
				uint32_t r = ev[j];
				if (!c->asn[r])
					continue;
				struct client x = { c->asn[r], os->v.any ? os->v.code[r] : 0, dev->v.any ? dev->v.code[r] : 0 };
				size_t q;
				for (q = 0; q < ncl && memcmp(&cl[q], &x, sizeof x) != 0; q++)
					;
				if (q < ncl || ncl == MAXCLIENT)
					continue;
				for (size_t p = 0; p < ncl; p++)
					other |= other_machine(&cl[p], &x);
				cl[ncl++] = x;
			}
			/* the networks, and which of them the user had not succeeded from before */
			list[0] = '\0';
			for (size_t p = 0; p < ncl; p++) {
				size_t q;
				for (q = 0; q < p && cl[q].asn != cl[p].asn; q++)
					;
				if (q < p)
					continue;
				int known = sl_d_known_place(c, succ, u, 0, cl[p].asn, first - base, first);
				nnew += !known;
				if (len + 24 < sizeof list)
					len += (size_t)snprintf(list + len, sizeof list - len, "%s%d%s", len ? ", " : "",
					                        (int)c->asn_val[cl[p].asn], known ? "" : " (new)");
			}
			/* one client roaming between networks (a phone between wifi and its carrier, a
			 * laptop joining the VPN) is ordinary: only another machine on the session is reported */
			if (!other) {
				c->st[rule].roaming++;
				continue;
			}
			struct sl_finding *f = sl_finding_new(c, rule, nnew ? SL_SEV_HIGH : SL_SEV_MEDIUM, "");
			char idb[40];
			f->user = u;
			sl_finding_key(c, f, "session %s", sl_store_text(s, SL_F_SESSION_ID, ev[0], idb));
			sl_finding_add(c, f, ev, nev);
			sl_finding_reason(c, f, "session %s of %s was used from %u autonomous systems within %s (%s; %zu new for the user); "
			                  "%u sign-ins from %s to %s; %s",
			                  sl_store_text(s, SL_F_SESSION_ID, ev[0], idb), u ? sl_dict_str(&s->users, u) : "a user",
			                  ep[e].peak, sl_d_dur(w, d, sizeof d), list, nnew, nev, sl_d_time(first, b1),
			                  sl_d_time(c->t[ev[nev - 1]], b2),
			                  "the networks show different operating systems or devices: another machine used the session");
		}
	}
	c->st[rule].measure2 = "episodes of one client roaming between networks (not reported)";
	c->st[rule].variant2 = "roaming";
	c->st[rule].observed2 = c->st[rule].roaming;
	c->st[rule].threshold2 = -1;
	c->st[rule].not_evaluable2 = -1;
	sl_dgroups_free(&g);
	free(ep);
	free(acount);
}
