/* detect_legacy.c — legacy-auth (successful legacy-protocol sign-ins, first per user and client app) and ropc (single-factor ROPC successes, first per user). */
#include <stdio.h>
#include <stdlib.h>
#include "detect.h"
#include "util.h"

enum { P_COMMON_USERS };
const struct sl_param sl_legacy_params[] = {
	{ "common_users", SL_P_COUNT, 5, "a ROPC user agent from an IP where more users succeeded (the tenant's egress) stays medium" },
	{ NULL, SL_P_COUNT, 0, NULL },
};
const struct sl_param sl_ropc_params[] = {
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* The rows of one group whose client-app code is app (app 0: every row). */
static void pick(struct sl_dctx *c, struct sl_finding *f, const uint32_t *rows, uint32_t n, uint32_t app,
                 int64_t *nsel, int *ropc_ua, int64_t common)
{
	const uint32_t *ca = c->s->col[SL_F_CLIENT_APP].v.code;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t r = rows[k];
		if ((app && ca[r] != app) || !(c->cls[r] & SL_C_SELECTED))
			continue;
		sl_finding_add(c, f, &r, 1);
		(*nsel)++;
		/* BAV2ROPC from outside the tenant's shared egress: a scanner relaying mail from the
		 * office does the same from the office's address */
		if ((c->cls[r] & SL_C_ROPC) && !sl_d_common_ip(c, c->s->col[SL_F_IP].v.code[r], common))
			*ropc_ua = 1;
	}
}

void sl_rule_legacy(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *ca = &s->col[SL_F_CLIENT_APP];
	uint32_t *seen = sl_xcalloc((ca->v.any ? ca->dict.n : 0) + 1, sizeof *seen);
	struct sl_dgroups g;
	int64_t examined = 0;
	char b1[32], b2[32];

	for (size_t i = 0; i < c->n; i++) {
		unsigned k = c->cls[i];
		if ((k & (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER)) != (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER))
			continue;
		examined += (k & SL_C_LEGACY) != 0;
		if (!ca->v.any || !ca->v.code[i])
			c->st[rule].not_evaluable++;
	}
	c->st[rule].observed = examined;
	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SUCCESS | SL_C_LEGACY | SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u];
		/* each client app once, at its first success in all the data */
		for (uint32_t k = 0; k < n; k++) {
			uint32_t r = rows[k], app = ca->v.code[r];
			if (seen[app] == u)
				continue;
			seen[app] = u;
			if (!(c->cls[r] & SL_C_SELECTED))
				continue;   /* first seen before the evaluated sign-ins: not new */
			int64_t nsel = 0;
			int ropc = 0;
			struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "");
			f->user = u;
			pick(c, f, rows + k, n - k, app, &nsel, &ropc, sl_dparam(c, rule, P_COMMON_USERS));
			if (ropc)
				f->sev = SL_SEV_HIGH;
			sl_finding_key(c, f, "user %s client %s", sl_dict_str(&s->users, u), sl_dict_str(&ca->dict, app));
			sl_finding_reason(c, f, "%s signed in with the legacy client %s, first at %s from %s; %lld success%s up to %s%s",
			                  sl_dict_str(&s->users, u), sl_dict_str(&ca->dict, app), sl_d_time(c->t[r], b1),
			                  sl_d_ip(c, r), (long long)nsel, nsel == 1 ? "" : "es", sl_d_time(c->t[f->ev[f->nev - 1]], b2),
			                  ropc ? "; a user agent of the ROPC flow (BAV2ROPC, CBAinPROD, CBAinTAR), which bypasses MFA, "
			                         "from an IP few other users sign in from" : "");
		}
	}
	sl_dgroups_free(&g);
	free(seen);
}

void sl_rule_ropc(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	struct sl_dgroups g;
	int64_t examined = 0;
	char b1[32], b2[32];

	/* ROPC cannot do MFA: a success of it is single-factor unless the log says otherwise */
	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_SUCCESS | SL_C_ROPC | SL_C_USER)) ==
		    (SL_C_SELECTED | SL_C_SUCCESS | SL_C_ROPC | SL_C_USER) && !(c->cls[i] & SL_C_MFA_OK))
			examined++;
	for (size_t i = 0; i < c->n; i++)
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER)) == (SL_C_SELECTED | SL_C_SUCCESS | SL_C_USER) &&
		    !(c->cls[i] & SL_C_ROPC) && (!s->col[SL_F_AUTH_PROTOCOL].v.any || !s->col[SL_F_AUTH_PROTOCOL].v.code[i]))
			c->st[rule].not_evaluable++;
	c->st[rule].observed = examined;
	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_SUCCESS | SL_C_ROPC | SL_C_USER, 0);
	for (uint32_t u = 1; u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u], k;
		for (k = 0; k < n && (c->cls[rows[k]] & SL_C_MFA_OK); k++)
			;
		/* the first single-factor ROPC success of the user in all the data must be evaluated */
		if (k == n || !(c->cls[rows[k]] & SL_C_SELECTED))
			continue;
		int64_t nsel = 0;
		struct sl_finding *f = sl_finding_new(c, rule, SL_SEV_MEDIUM, "");
		f->user = u;
		for (uint32_t j = k; j < n; j++)
			if ((c->cls[rows[j]] & SL_C_SELECTED) && !(c->cls[rows[j]] & SL_C_MFA_OK)) {
				sl_finding_add(c, f, &rows[j], 1);
				nsel++;
			}
		sl_finding_key(c, f, "user %s", sl_dict_str(&s->users, u));
		sl_finding_reason(c, f, "%s signed in with the resource-owner password flow (ROPC: a password alone, no MFA), "
		                  "first at %s from %s (%s); %lld such success%s up to %s",
		                  sl_dict_str(&s->users, u), sl_d_time(c->t[rows[k]], b1), sl_d_ip(c, rows[k]),
		                  *sl_d_str(c, SL_F_APP, rows[k]) ? sl_d_str(c, SL_F_APP, rows[k]) : sl_d_str(c, SL_F_APP_ID, rows[k]),
		                  (long long)nsel, nsel == 1 ? "" : "es", sl_d_time(c->t[f->ev[f->nev - 1]], b2));
	}
	sl_dgroups_free(&g);
}
