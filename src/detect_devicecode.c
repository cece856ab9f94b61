/* detect_devicecode.c — device-code: a user's first device-code-flow success in the data (the flow device-code phishing abuses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "outcome.h"
#include "util.h"

#define DAY_US 86400000000LL

enum { P_BASELINE };
const struct sl_param sl_devicecode_params[] = {
	{ "baseline", SL_P_DURATION, 14 * DAY_US, "the user's successes in this time before define the known countries" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

void sl_rule_devicecode(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *cc = &s->col[SL_F_COUNTRY];
	const uint32_t *ipc = s->col[SL_F_IP].v.code;
	const struct sl_col *proto = &s->col[SL_F_AUTH_PROTOCOL], *tm = &s->col[SL_F_TRANSFER_METHOD];
	const struct sl_dgroups *succ = sl_d_successes(c);
	struct sl_dgroups g, bysess;
	uint32_t nsess;
	const uint32_t *sess = sl_d_sessions(c, &nsess);
	int64_t base = sl_dparam(c, rule, P_BASELINE), examined = 0;
	char b1[32];

	for (size_t i = 0; i < c->n; i++) {
		unsigned k = c->cls[i];
		if ((k & (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER)) != (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER))
			continue;
		examined += (k & SL_C_DEVCODE) != 0;
		if (!(k & SL_C_DEVCODE) && (!proto->v.any || !proto->v.code[i]) && (!tm->v.any || !tm->v.code[i]))
			c->st[rule].not_evaluable++;
	}
	c->st[rule].observed = examined;
	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SUCCESS | SL_C_DEVCODE | SL_C_USER, 0);
	sl_dgroups_make(&bysess, c, sess, nsess, SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		if (g.off[u + 1] == g.off[u])
			continue;
		uint32_t r = g.rows[g.off[u]];
		if (!(c->cls[r] & SL_C_SELECTED))
			continue;   /* the user's first device-code success came before the evaluated ones */
		struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "");
		const char *why = "";
		f->user = u;
		f->ip = ipc[r];
		sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
		sl_finding_add(c, f, &r, 1);
		/* from a country none of the user's successes in the baseline came from */
		uint32_t code = cc->v.any ? cc->v.code[r] : 0;
		if (code && sl_country_known(sl_dict_str(&cc->dict, code))) {
			const uint32_t *sr = succ->rows + succ->off[u];
			uint32_t ns = succ->off[u + 1] - succ->off[u], before = 0, same = 0;
			for (uint32_t k = sl_d_lower(c, sr, ns, c->t[r] - base); k < ns && c->t[sr[k]] < c->t[r]; k++) {
				before++;
				same += cc->v.code[sr[k]] == code;
			}
			if (before && !same) {
				f->sev = SL_SEV_HIGH;
				why = "; from a country none of the user's successes in the baseline came from";
			}
		}
		/* the session of the sign-in used from two IPs: a code entered by someone else */
		uint32_t sk = sess[r], nip = 0, ip0 = 0;
		if (sk) {
			const uint32_t *sr = bysess.rows + bysess.off[sk];
			uint32_t ns = bysess.off[sk + 1] - bysess.off[sk];
			for (uint32_t k = 0; k < ns; k++)
				if (ipc[sr[k]] && ipc[sr[k]] != ip0) {
					if (!ip0)
						ip0 = ipc[sr[k]];
					else
						nip = 2;
				}
			if (nip >= 2) {
				sl_finding_add(c, f, sr, ns);
				f->sev = SL_SEV_HIGH;
			}
		}
		sl_finding_reason(c, f, "%s signed in with the device-code flow at %s from %s (%s) to %s, the user's first such sign-in in the data%s%s",
		                  sl_dict_str(&s->users, u), sl_d_time(c->t[r], b1), sl_d_ip(c, r),
		                  *sl_d_str(c, SL_F_COUNTRY, r) ? sl_d_str(c, SL_F_COUNTRY, r) : "country unknown",
		                  *sl_d_str(c, SL_F_APP, r) ? sl_d_str(c, SL_F_APP, r) : sl_d_str(c, SL_F_APP_ID, r), why,
		                  nip >= 2 ? "; its session was used from two or more IP addresses" : "");
	}
	sl_dgroups_free(&g);
	sl_dgroups_free(&bysess);
}
