/* detect_conf.c — what the user tunes in detect: rule parameters (--set), the user-agent list (--ua-list), file hashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "detect.h"
#include "util.h"

struct sl_dconf *sl_dconf_new(void)
{
	struct sl_dconf *c = sl_xcalloc(1, sizeof *c);
	for (int r = 0; r < SL_R__COUNT; r++)
		for (int k = 0; k < SL_PARAM_MAX && sl_rules[r].params[k].name; k++)
			c->val[r][k] = sl_rules[r].params[k].dflt;
	return c;
}

int sl_dconf_apply(struct sl_dconf *c, enum sl_ovalue kind, const char *value, char *err, size_t errlen)
{
	switch (kind) {
	case SL_OV_RULEPARAM: return sl_dconf_set(c, value, err, errlen);
	case SL_OV_ALLOWLIST: return sl_dconf_allow(c, value, err, errlen);
	case SL_OV_UALIST: return sl_dconf_ua_list(c, value, err, errlen);
	default: return 0;
	}
}

struct sl_dconf *sl_dconf_query(const struct sl_query *q, char *err, size_t errlen)
{
	struct sl_dconf *c = sl_dconf_new();
	err[0] = '\0';
	for (int id = 0; id < SL_O__COUNT; id++)
		for (size_t k = 0; k < q->opt[id].n; k++)
			if (sl_dconf_apply(c, sl_options[id].value, q->opt[id].v[k], err, errlen) != 0) {
				sl_dconf_free(c);
				c = sl_dconf_new();
				c->timeline = q->opt[SL_O_TIMELINE].n > 0;
				return c;
			}
	c->timeline = q->opt[SL_O_TIMELINE].n > 0;
	return c;
}

void sl_dconf_free(struct sl_dconf *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nallow; i++) {
		free(c->allow[i].pattern);
		for (size_t k = 0; k < c->allow[i].ncountries; k++)
			free(c->allow[i].countries[k]);
		free(c->allow[i].countries);
		free(c->allow[i].text);
	}
	free(c->allow);
	free(c->allow_path);
	for (size_t i = 0; i < c->nua; i++) {
		free((char *)c->ua[i].pattern);
		free((char *)c->ua[i].category);
	}
	free(c->ua);
	free(c->ua_path);
	free(c);
}

void sl_param_value_text(enum sl_ptype t, int64_t v, char *buf, size_t size)
{
	static const struct { int64_t us; const char *unit; } units[] = {
		{ 86400000000LL, "d" }, { 3600000000LL, "h" }, { 60000000LL, "m" }, { 1000000LL, "s" },
	};
	if (t == SL_P_DURATION) {
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
			if (v && v % units[i].us == 0) {
				snprintf(buf, size, "%lld%s", (long long)(v / units[i].us), units[i].unit);
				return;
			}
		snprintf(buf, size, "%llds", (long long)(v / 1000000));
		return;
	}
	snprintf(buf, size, "%lld", (long long)v);
}

void sl_params_text(const struct sl_dconf *c, int rule, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int k = 0; k < SL_PARAM_MAX && sl_rules[rule].params[k].name; k++) {
		char v[32];
		const struct sl_param *p = &sl_rules[rule].params[k];
		sl_param_value_text(p->type, c->val[rule][k], v, sizeof v);
		int n = snprintf(buf + len, size - len, "%s%s=%s", len ? " " : "", p->name, v);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

static int rule_find(const char *slug, size_t len)
{
	for (int r = 0; r < SL_R__COUNT; r++)
		if (strlen(sl_rules[r].slug) == len && strncmp(sl_rules[r].slug, slug, len) == 0)
			return r;
	return -1;
}

int sl_dconf_set(struct sl_dconf *c, const char *a, char *err, size_t errlen)
{
	const char *dot = strchr(a, '.'), *eq = strchr(a, '=');
	char name[64];
	int r, k;
	int64_t v;
	if (!dot || !eq || eq < dot) {
		snprintf(err, errlen, "--set takes RULE.PARAMETER=VALUE (e.g. password-spray.min_users=5), not '%s'", a);
		return -1;
	}
	if ((r = rule_find(a, (size_t)(dot - a))) < 0) {
		snprintf(err, errlen, "--set: no rule '%.*s' (see signlog(1), DETECTION)", (int)(dot - a), a);
		return -1;
	}
	if ((size_t)(eq - dot - 1) >= sizeof name || eq == dot + 1) {
		snprintf(err, errlen, "--set: bad parameter in '%s'", a);
		return -1;
	}
	memcpy(name, dot + 1, (size_t)(eq - dot - 1));
	name[eq - dot - 1] = '\0';
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	for (k = 0; k < SL_PARAM_MAX && sl_rules[r].params[k].name; k++)
		if (strcmp(sl_rules[r].params[k].name, name) == 0)
			break;
	if (k == SL_PARAM_MAX || !sl_rules[r].params[k].name) {
		char list[256];
		sl_params_text(c, r, list, sizeof list);
		snprintf(err, errlen, "--set: rule %s has no parameter '%s' (it has: %s)", sl_rules[r].slug, name, list);
		return -1;
	}
	const char *val = eq + 1;
	if (sl_rules[r].params[k].type == SL_P_DURATION) {
		if (sl_duration_parse(val, &v) != 0 || v <= 0) {
			snprintf(err, errlen, "--set %s.%s takes a duration such as 30m, 24h or 14d, not '%s'", sl_rules[r].slug, name, val);
			return -1;
		}
	} else if (sl_parse_i64(val, strlen(val), &v) != 0 || v < 0 || v > 1000000000) {
		snprintf(err, errlen, "--set %s.%s takes a whole number, not '%s'", sl_rules[r].slug, name, val);
		return -1;
	}
	c->val[r][k] = v;
	c->given[r][k] = 1;
	return 0;
}

static int sev_parse(const char *s, size_t len)
{
	for (int k = 0; k < SL_SEV__COUNT; k++)
		if (strlen(sl_sev_names[k]) == len && strncasecmp(s, sl_sev_names[k], len) == 0)
			return k;
	return -1;
}

int sl_dconf_ua_list(struct sl_dconf *c, const char *path, char *err, size_t errlen)
{
	size_t len;
	char *buf;
	int line = 0;
	if (c->ua_path) {
		snprintf(err, errlen, "--ua-list can be given once");
		return -1;
	}
	if (!(buf = sl_dconf_read(path, &len, c->ua_sha256, err, errlen)))
		return -1;
	for (char *p = buf, *nl; *p; p = nl) {
		size_t n;
		int sev = SL_SEV_MEDIUM;
		nl = p + strcspn(p, "\n");
		if (*nl)
			*nl++ = '\0';
		line++;
		n = strlen(p);
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			p[--n] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		size_t w = strcspn(p, " \t");
		int k = sev_parse(p, w);
		if (k >= 0 && p[w]) {
			sev = k;
			p += w;
			while (*p == ' ' || *p == '\t')
				p++;
		}
		if (c->nua % 16 == 0)
			c->ua = sl_xrealloc(c->ua, (c->nua + 16) * sizeof *c->ua);
		c->ua[c->nua++] = (struct sl_uapat){ sl_xstrdup(p), sl_xstrdup("listed"), (enum sl_sev)sev, line };
	}
	free(buf);
	c->ua_path = sl_xstrdup(path);
	return 0;
}
