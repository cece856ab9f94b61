/* detect_useragent.c — suspicious-user-agent: user sign-ins whose user agent is that of a script, a spraying or reconnaissance tool (built-in list plus --ua-list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect.h"
#include "util.h"

enum { P_COMMON_USERS };
const struct sl_param sl_useragent_params[] = {
	{ "common_users", SL_P_COUNT, 5, "successes only from an IP where more users succeeded (the tenant's egress) do not raise the severity" },
	{ NULL, SL_P_COUNT, 0, NULL },
};

/* Case-insensitive substrings, from the public rule sets (detections.md): scripting
 * libraries are low (in-house scripts use them too), tools made for attacks are high. */
const struct sl_uapat sl_ua_builtin[] = {
	{ "AADInternals", "attack tool", SL_SEV_HIGH, 0 },
	{ "AzureHound", "reconnaissance tool", SL_SEV_HIGH, 0 },
	{ "TeamFiltration", "spraying tool", SL_SEV_HIGH, 0 },
	{ "kali365", "phishing kit", SL_SEV_HIGH, 0 },
	{ "Electron/8.5.1", "spraying tool (TeamFiltration's Teams 1.3 string)", SL_SEV_MEDIUM, 0 },
	{ "fasthttp", "spraying tool library", SL_SEV_MEDIUM, 0 },
	{ "BAV2ROPC", "legacy ROPC client", SL_SEV_MEDIUM, 0 },
	{ "hydra", "password-guessing tool", SL_SEV_MEDIUM, 0 },
	{ "patator", "password-guessing tool", SL_SEV_MEDIUM, 0 },
	{ "metasploit", "attack tool", SL_SEV_MEDIUM, 0 },
	{ "python-requests", "script", SL_SEV_LOW, 0 },
	{ "python-urllib", "script", SL_SEV_LOW, 0 },
	{ "aiohttp", "script", SL_SEV_LOW, 0 },
	{ "axios/", "script", SL_SEV_LOW, 0 },
	{ "node-fetch", "script", SL_SEV_LOW, 0 },
	{ "undici", "script", SL_SEV_LOW, 0 },
	{ "okhttp", "script", SL_SEV_LOW, 0 },
	{ "Go-http-client", "script", SL_SEV_LOW, 0 },
	{ "curl/", "script", SL_SEV_LOW, 0 },
	{ "Wget", "script", SL_SEV_LOW, 0 },
	{ "libwww-perl", "script", SL_SEV_LOW, 0 },
	{ "PostmanRuntime", "script", SL_SEV_LOW, 0 },
	{ "HeadlessChrome", "automated browser", SL_SEV_LOW, 0 },
	{ "Scrapy", "script", SL_SEV_LOW, 0 },
};
const size_t sl_nua_builtin = sizeof sl_ua_builtin / sizeof sl_ua_builtin[0];

struct cand {
	uint32_t pat, ip, row;
};

static const struct sl_dctx *cand_ctx;

static int by_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int d;
	if (x->pat != y->pat)
		return x->pat < y->pat ? -1 : 1;
	if (x->ip != y->ip && (d = strcmp(sl_d_ip(cand_ctx, x->row), sl_d_ip(cand_ctx, y->row))) != 0)
		return d;
	return (cand_ctx->pos[x->row] > cand_ctx->pos[y->row]) - (cand_ctx->pos[x->row] < cand_ctx->pos[y->row]);
}

void sl_rule_useragent(struct sl_dctx *c, int rule)
{
	const struct sl_store *s = c->s;
	const struct sl_col *ua = &s->col[SL_F_USER_AGENT];
	const struct sl_dconf *conf = c->conf;
	size_t npat = conf->nua + sl_nua_builtin, nc = 0;
	uint32_t *pat;
	struct cand *v;
	char b1[32], b2[32];

	if (!ua->v.any)
		return;
	/* the first pattern each user agent matches (the user's list first), + 1; 0 none */
	pat = sl_xcalloc(ua->dict.n, sizeof *pat);
	for (uint32_t k = 1; k < ua->dict.n; k++) {
		const char *text = sl_dict_str(&ua->dict, k);
		for (size_t p = 0; p < npat && !pat[k]; p++) {
			const struct sl_uapat *e = p < conf->nua ? &conf->ua[p] : &sl_ua_builtin[p - conf->nua];
			if (strcasestr(text, e->pattern))
				pat[k] = (uint32_t)p + 1;
		}
	}
	v = sl_xmalloc((c->n ? c->n : 1) * sizeof *v);
	for (size_t i = 0; i < c->n; i++) {
		if ((c->cls[i] & (SL_C_SELECTED | SL_C_USER)) != (SL_C_SELECTED | SL_C_USER))
			continue;
		if (!ua->v.code[i])
			c->st[rule].not_evaluable++;
		else if (pat[ua->v.code[i]])
			v[nc++] = (struct cand){ pat[ua->v.code[i]] - 1, s->col[SL_F_IP].v.code[i], (uint32_t)i };
	}
	c->st[rule].observed = (int64_t)nc;
	cand_ctx = c;
	qsort(v, nc, sizeof *v, by_cand);
	/* one finding per pattern and IP address */
	for (size_t i = 0; i < nc;) {
		size_t j = i + 1, ok = 0, outside = 0;
		while (j < nc && v[j].pat == v[i].pat && v[j].ip == v[i].ip)
			j++;
		const struct sl_uapat *e = v[i].pat < conf->nua ? &conf->ua[v[i].pat] : &sl_ua_builtin[v[i].pat - conf->nua];
		struct sl_finding *f = sl_finding_new(c, rule, e->sev, "");
		for (size_t k = i; k < j; k++) {
			sl_finding_add(c, f, &v[k].row, 1);
			if (c->cls[v[k].row] & SL_C_SUCCESS) {
				ok++;
				outside += !sl_d_common_ip(c, v[k].ip, sl_dparam(c, rule, P_COMMON_USERS));
			}
		}
		/* a success with it from outside the tenant's shared egress: one level up */
		if (outside && f->sev < SL_SEV_CRITICAL)
			f->sev++;
		f->ip = v[i].ip;
		sl_finding_key(c, f, "user agent %s from %s", e->pattern, v[i].ip ? sl_d_ip(c, v[i].row) : "(no IP)");
		if (e->line)
			sl_finding_reason(c, f, "%zu user sign-in%s from %s with a user agent containing \"%s\" (--ua-list line %d), "
			                  "%zu of them successful, from %s to %s",
			                  j - i, j - i == 1 ? "" : "s", v[i].ip ? sl_d_ip(c, v[i].row) : "no IP", e->pattern, e->line, ok,
			                  sl_d_time(c->t[v[i].row], b1), sl_d_time(c->t[v[j - 1].row], b2));
		else
			sl_finding_reason(c, f, "%zu user sign-in%s from %s with a user agent containing \"%s\" (%s), "
			                  "%zu of them successful, from %s to %s",
			                  j - i, j - i == 1 ? "" : "s", v[i].ip ? sl_d_ip(c, v[i].row) : "no IP", e->pattern, e->category, ok,
			                  sl_d_time(c->t[v[i].row], b1), sl_d_time(c->t[v[j - 1].row], b2));
		i = j;
	}
	free(v);
	free(pat);
}
