/* detect_risk.c — risky-sign-in: Microsoft's own risk verdict (high risk, at risk, confirmed compromised) on a success, passed through. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "detect.h"
#include "util.h"

#define HOUR_US 3600000000LL

enum { P_MERGE };
const struct sl_param sl_risk_params[] = {
	{ "merge", SL_P_DURATION, 24 * HOUR_US, "risky successes of a user this close together are one finding" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* flag[code] for a risk column: 1 at risk, 2 high or confirmed compromised, 3 cleared
 * (remediated, dismissed, confirmed safe): Microsoft or an admin already closed it. */
static uint8_t *flags(const struct sl_col *col)
{
	static const struct { const char *v; uint8_t f; } map[] = {
		{ "high", 2 }, { "atRisk", 1 }, { "confirmedCompromised", 2 }, { "remediated", 3 }, { "dismissed", 3 },
		{ "confirmedSafe", 3 },
	};
	uint8_t *f;
	if (!col->v.any)
		return NULL;
	f = sl_xcalloc(col->dict.n, 1);
	for (uint32_t k = 1; k < col->dict.n; k++)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcasecmp(sl_dict_str(&col->dict, k), map[i].v) == 0)
				f[k] = map[i].f;
	return f;
}

void sl_rule_risk(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *during = &s->col[SL_F_RISK_DURING], *state = &s->col[SL_F_RISK_STATE];
	uint8_t *fd = flags(during), *fs = flags(state);
	uint32_t *key = sl_xcalloc(c->n ? c->n : 1, sizeof *key);
	struct sl_dgroups g;
	int64_t merge = sl_dparam(c, rule, P_MERGE), examined = 0;
	char b1[32], b2[32];

	/* candidates: successes rated high during the sign-in, or left at risk / compromised */
	for (size_t i = 0; i < c->n; i++) {
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER)) != (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER))
			continue;
		uint8_t d = fd ? fd[during->v.code[i]] : 0, st = fs ? fs[state->v.code[i]] : 0;
		if ((!fd || !during->v.code[i]) && (!fs || !state->v.code[i])) {
			c->st[rule].not_evaluable++;
			continue;
		}
		if (st == 3 || (d != 2 && st != 1 && st != 2))
			continue;
		key[i] = s->user[i];
		examined++;
	}
	c->st[rule].observed = examined;
	sl_dgroups_make(&g, c, key, s->users.n, 0, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u];
		for (uint32_t i = 0; i < n;) {
			uint32_t j = i + 1, high = 0;
			while (j < n && c->t[rows[j]] - c->t[rows[j - 1]] <= merge)
				j++;
			struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "");
			for (uint32_t k = i; k < j; k++) {
				uint32_t r = rows[k];
				if ((fd && fd[during->v.code[r]] == 2) || (fs && fs[state->v.code[r]] == 2))
					high++;
			}
			if (high)
				f->sev = SL_SEV_HIGH;
			f->user = u;
			sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
			sl_finding_add(c, f, rows + i, j - i);
			sl_finding_reason(c, f, "%u successful sign-in%s of %s that Microsoft rated risky (first: risk during sign-in '%s', "
			                  "risk state '%s', from %s), %u of them high risk or confirmed compromised, from %s to %s",
			                  j - i, j - i == 1 ? "" : "s", sl_dict_str(&s->users, u), sl_d_str(c, SL_F_RISK_DURING, rows[i]),
			                  sl_d_str(c, SL_F_RISK_STATE, rows[i]), sl_d_ip(c, rows[i]), high,
			                  sl_d_time(c->t[rows[i]], b1), sl_d_time(c->t[rows[j - 1]], b2));
			i = j;
		}
	}
	sl_dgroups_free(&g);
	free(key);
	free(fd);
	free(fs);
}
