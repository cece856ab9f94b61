/* detect_country.c — new-country: a user's success from a country none of their successes came from in the baseline before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "outcome.h"
#include "util.h"

#define HOUR_US 3600000000LL
#define DAY_US (24 * HOUR_US)

enum { P_BASELINE, P_WARMUP, P_WARMUP_SIGN_INS, P_COMMON_USERS };
const struct sl_param sl_country_params[] = {
	{ "baseline", SL_P_DURATION, 14 * DAY_US, "the user's successes in this time before define the known countries" },
	{ "warmup", SL_P_DURATION, 14 * DAY_US, "history a user needs before a country can be new (or warmup_sign_ins)" },
	{ "warmup_sign_ins", SL_P_COUNT, 10, "... or this many earlier sign-ins of the user" },
	{ "common_users", SL_P_COUNT, 5, "other users succeeding from the country in the baseline make it common: low severity" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* Other users who succeeded from country cc in [from, to), counted up to enough. */
static int64_t others(const struct sl_dctx *c, const struct sl_dgroups *bycc, uint32_t cc, uint32_t user,
                      int64_t from, int64_t to, uint32_t *mark, uint32_t stamp, int64_t enough)
{
	const uint32_t *rows = bycc->rows + bycc->off[cc];
	uint32_t n = bycc->off[cc + 1] - bycc->off[cc];
	int64_t d = 0;
	for (uint32_t k = sl_d_lower(c, rows, n, from); k < n && c->t[rows[k]] < to && d < enough; k++) {
		uint32_t u = c->s->user[rows[k]];
		if (u != user && mark[u] != stamp) {
			mark[u] = stamp;
			d++;
		}
	}
	return d;
}

void sl_rule_country(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *cc = &s->col[SL_F_COUNTRY];
	uint32_t ncc = cc->v.any ? cc->dict.n : 1;
	uint8_t *known = sl_xcalloc(ncc, 1);
	uint32_t *count = sl_xcalloc(ncc, sizeof *count);
	uint32_t *mark = sl_xcalloc(s->users.n + 1, sizeof *mark), stamp = 0;
	struct sl_dgroups g, bycc;
	int64_t base = sl_dparam(c, rule, P_BASELINE), warm = sl_dparam(c, rule, P_WARMUP);
	int64_t warm_n = sl_dparam(c, rule, P_WARMUP_SIGN_INS), common = sl_dparam(c, rule, P_COMMON_USERS);
	int64_t candidates = 0;
	char b1[32], d[32], list[512];

	for (uint32_t k = 1; k < ncc; k++)
		known[k] = (uint8_t)sl_country_known(sl_dict_str(&cc->dict, k));
	sl_dgroups_make(&g, c, s->user, s->users.n, SL_C_USER, 0);
	sl_dgroups_make(&bycc, c, cc->v.any ? cc->v.code : NULL, ncc, SL_C_SUCCESS | SL_C_USER, 0);
	for (uint32_t u = 1; cc->v.any && u < g.n; u++) {
		const uint32_t *rows = g.rows + g.off[u];
		uint32_t n = g.off[u + 1] - g.off[u], tail = 0;
		int64_t first = n ? c->t[rows[0]] : 0;
		for (uint32_t k = 0; k < n; k++) {
			uint32_t r = rows[k], code = cc->v.code[r];
			int sel = (c->cls[r] & SL_C_SELECTED) != 0;
			if (!(c->cls[r] & SL_C_SUCCESS))
				continue;
			if (!known[code]) {
				c->st[rule].not_evaluable += sel;
				continue;
			}
			/* the successes of the baseline: [t - base, t) */
			for (; tail < k && c->t[rows[tail]] < c->t[r] - base; tail++) {
				uint32_t o = rows[tail];
				if ((c->cls[o] & SL_C_SUCCESS) && known[cc->v.code[o]])
					count[cc->v.code[o]]--;
			}
			if (sel && count[code] == 0) {
				if (c->t[r] - first < warm && k < warm_n) {
					c->st[rule].not_evaluable++;
				} else {
					int64_t o = others(c, &bycc, code, u, c->t[r] - base, c->t[r], mark, ++stamp, common);
					struct sl_finding *f = sl_finding_new(c, rule, o >= common ? SL_SEV_LOW : SL_SEV_MEDIUM, "");
					size_t len = 0;
					candidates++;
					f->user = u;
					f->ip = s->col[SL_F_IP].v.code[r];
					sl_finding_key(c, f, "user %s country %s", sl_dict_str(&s->users, u), sl_dict_str(&cc->dict, code));
					/* the evidence: the success, and the user's attempts from there in the day before */
					for (uint32_t j = k; j-- > 0 && c->t[rows[j]] >= c->t[r] - DAY_US;)
						if (cc->v.code[rows[j]] == code)
							sl_finding_add(c, f, &rows[j], 1);
					sl_finding_add(c, f, &r, 1);
					list[0] = '\0';
					for (uint32_t x = 1; x < ncc; x++)
						if (count[x] && len + 8 < sizeof list)
							len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
							                        sl_dict_str(&cc->dict, x));
					sl_finding_reason(c, f, "%s signed in from %s at %s (%s%s%s); none of the user's successes in the %s "
					                  "before came from there (%s%s); %lld%s other users signed in from %s in that time",
					                  sl_dict_str(&s->users, u), sl_dict_str(&cc->dict, code), sl_d_time(c->t[r], b1),
					                  sl_d_str(c, SL_F_CITY, r), *sl_d_str(c, SL_F_CITY, r) ? ", " : "", sl_d_ip(c, r),
					                  sl_d_dur(base, d, sizeof d), len ? "known: " : "no successes",
					                  list, (long long)o, o >= common ? " or more" : "", sl_dict_str(&cc->dict, code));
				}
			}
			count[code]++;
		}
		/* leave the counts zeroed for the next user */
		for (; tail < n; tail++) {
			uint32_t o = rows[tail];
			if ((c->cls[o] & SL_C_SUCCESS) && known[cc->v.code[o]])
				count[cc->v.code[o]]--;
		}
	}
	c->st[rule].observed = candidates;
	sl_dgroups_free(&g);
	sl_dgroups_free(&bycc);
	free(known);
	free(count);
	free(mark);
}
