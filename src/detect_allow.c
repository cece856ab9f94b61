/* detect_allow.c — allow-lists (--allow FILE): parsing the entries, and which findings they suppress. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "detect.h"
#include "filter.h"
#include "sltime.h"
#include "util.h"

#define DAY_US 86400000000LL

static const char *const kind_names[SL_A__COUNT] = {
	"cidr", "asn", "user", "app", "ua", "country", "travel",
};

/* Split a line into words: blanks separate, "..." quotes a word with blanks, # starts a
 * comment. Returns the number of words (at most max), -1 for an unclosed quote. */
static int words(char *p, char **w, int max)
{
	int n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		if (*p == '"') {
			char *q = strchr(p + 1, '"');
			if (!q)
				return -1;
			*q = '\0';
			w[n++] = p + 1;
			p = q + 1;
			continue;
		}
		w[n++] = p;
		p += strcspn(p, " \t\r");
		if (*p)
			*p++ = '\0';
	}
}

static int date_parse(const char *s, size_t len, int64_t *t)
{
	return len != 10 || sl_time_parse(s, len, t) != 0 ? -1 : 0;
}

/* "NL,BE,de" into upper-case two-letter codes. */
static int countries(struct sl_allow *e, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, ",");
		if (n != 2)
			return -1;
		char *cc = sl_xstrndup(s, 2);
		cc[0] = (char)(cc[0] >= 'a' && cc[0] <= 'z' ? cc[0] - 32 : cc[0]);
		cc[1] = (char)(cc[1] >= 'a' && cc[1] <= 'z' ? cc[1] - 32 : cc[1]);
		e->countries = sl_xrealloc(e->countries, (e->ncountries + 1) * sizeof *e->countries);
		e->countries[e->ncountries++] = cc;
		s += n;
		if (*s == ',')
			s++;
	}
	return e->ncountries ? 0 : -1;
}

static int scope(struct sl_allow *e, const char *list)
{
	memset(e->rules, 0, sizeof e->rules);
	while (*list) {
		size_t n = strcspn(list, ",");
		int found = 0;
		for (int r = 0; r < SL_R__COUNT; r++)
			if (strlen(sl_rules[r].slug) == n && strncmp(sl_rules[r].slug, list, n) == 0) {
				e->rules[r] = 1;
				found = 1;
			}
		if (!found)
			return -1;
		list += n;
		if (*list == ',')
			list++;
	}
	return 0;
}

/* One entry from its words; 0, or -1 with a message (without the FILE:LINE prefix). */
static int entry(struct sl_allow *e, char **w, int n, char *msg, size_t len)
{
	int k, opt = 2;
	for (k = 0; k < SL_A__COUNT; k++)
		if (strcmp(w[0], kind_names[k]) == 0)
			break;
	if (k == SL_A__COUNT && strcmp(w[0], "ip") == 0)
		k = SL_A_CIDR;
	if (k == SL_A__COUNT) {
		snprintf(msg, len, "unknown entry '%s' (cidr, asn, user, app, ua, country or travel)", w[0]);
		return -1;
	}
	e->kind = (enum sl_akind)k;
	e->from = e->to = SL_TIME_NONE;
	if (n < 2) {
		snprintf(msg, len, "%s needs a value", w[0]);
		return -1;
	}
	/* country and travel entries are about where users may be: by default they apply to
	 * the rules that judge places; the others apply to every rule */
	for (int r = 0; r < SL_R__COUNT; r++)
		e->rules[r] = (uint8_t)(k == SL_A_COUNTRY || k == SL_A_TRAVEL ?
		                        r == SL_R_NEW_COUNTRY || r == SL_R_IMPOSSIBLE_TRAVEL : 1);
	switch (e->kind) {
	case SL_A_CIDR:
		if (sl_net_parse(w[1], e->net, &e->bits) != 0) {
			snprintf(msg, len, "'%s' is not an IP address or network", w[1]);
			return -1;
		}
		break;
	case SL_A_ASN: {
		const char *v = w[1];
		if (strncasecmp(v, "AS", 2) == 0)
			v += 2;
		if (sl_parse_i64(v, strlen(v), &e->asn) != 0 || e->asn <= 0 || e->asn > 4294967295LL) {
			snprintf(msg, len, "'%s' is not an autonomous system number", w[1]);
			return -1;
		}
		break;
	}
	case SL_A_USER:
	case SL_A_APP:
	case SL_A_UA:
		if (!*w[1]) {
			snprintf(msg, len, "%s needs a non-empty value", w[0]);
			return -1;
		}
		e->pattern = sl_xstrdup(w[1]);
		if (e->kind == SL_A_USER)
			sl_ascii_lower(e->pattern, e->pattern, strlen(e->pattern));
		break;
	case SL_A_COUNTRY:
		if (countries(e, w[1]) != 0) {
			snprintf(msg, len, "'%s' is not a list of two-letter country codes", w[1]);
			return -1;
		}
		break;
	case SL_A_TRAVEL: {
		const char *dots = n >= 4 ? strstr(w[2], "..") : NULL;
		if (!dots || date_parse(w[2], (size_t)(dots - w[2]), &e->from) != 0 ||
		    date_parse(dots + 2, strlen(dots + 2), &e->to) != 0 || e->to < e->from) {
			snprintf(msg, len, "travel takes USER FROM..TO COUNTRIES (dates as 2026-03-01..2026-03-15)");
			return -1;
		}
		e->to += DAY_US - 1;
		e->pattern = sl_xstrdup(w[1]);
		sl_ascii_lower(e->pattern, e->pattern, strlen(e->pattern));
		if (countries(e, w[3]) != 0) {
			snprintf(msg, len, "'%s' is not a list of two-letter country codes", w[3]);
			return -1;
		}
		opt = 4;
		break;
	}
	default:
		break;
	}
	for (int i = opt; i < n; i++) {
		char *eq = strchr(w[i], '=');
		if (eq && strncmp(w[i], "rules=", 6) == 0) {
			if (scope(e, eq + 1) != 0) {
				snprintf(msg, len, "rules=%s names an unknown rule", eq + 1);
				return -1;
			}
		} else if (eq && (strncmp(w[i], "from=", 5) == 0 || strncmp(w[i], "to=", 3) == 0)) {
			int64_t t;
			if (date_parse(eq + 1, strlen(eq + 1), &t) != 0) {
				snprintf(msg, len, "'%s' is not a date (YYYY-MM-DD)", w[i]);
				return -1;
			}
			if (w[i][0] == 'f')
				e->from = t;
			else
				e->to = t + DAY_US - 1;
		} else {
			snprintf(msg, len, "unexpected '%s' (options are rules=, from=, to=)", w[i]);
			return -1;
		}
	}
	return 0;
}

int sl_dconf_allow(struct sl_dconf *c, const char *path, char *err, size_t errlen)
{
	size_t len;
	char *buf;
	int line = 0;
	if (c->allow_path) {
		snprintf(err, errlen, "--allow can be given once");
		return -1;
	}
	if (!(buf = sl_dconf_read(path, &len, c->allow_sha256, err, errlen)))
		return -1;
	for (char *p = buf, *nl; *p; p = nl) {
		char *w[16], *copy, msg[256];
		int n;
		nl = p + strcspn(p, "\n");
		if (*nl)
			*nl++ = '\0';
		line++;
		copy = sl_xstrdup(p);
		n = words(p, w, 15);
		if (n == 0) {
			free(copy);
			continue;
		}
		struct sl_allow e = { 0 };
		if (n < 0 || n > 15) {
			snprintf(msg, sizeof msg, n < 0 ? "unclosed quote" : "too many words");
			n = -1;
		} else if (entry(&e, w, n, msg, sizeof msg) != 0) {
			n = -1;
		}
		if (n < 0) {
			snprintf(err, errlen, "%s:%d: error: %s", path, line, msg);
			free(e.pattern);
			for (size_t k = 0; k < e.ncountries; k++)
				free(e.countries[k]);
			free(e.countries);
			free(copy);
			free(buf);
			return -1;
		}
		/* the entry as written, without its comment and surrounding blanks */
		size_t m = strlen(copy);
		while (m && (copy[m - 1] == ' ' || copy[m - 1] == '\t' || copy[m - 1] == '\r'))
			copy[--m] = '\0';
		e.line = line;
		e.text = copy;
		c->allow = sl_xrealloc(c->allow, (c->nallow + 1) * sizeof *c->allow);
		c->allow[c->nallow++] = e;
	}
	free(buf);
	c->allow_path = sl_xstrdup(path);
	return 0;
}

static int country_in(const struct sl_allow *e, const char *cc)
{
	for (size_t k = 0; k < e->ncountries; k++)
		if (strcasecmp(e->countries[k], cc) == 0)
			return 1;
	return 0;
}

/* Does entry e cover sign-in row i? */
static int covers(const struct sl_dctx *c, const struct sl_allow *e, uint32_t i)
{
	const struct sl_store *s = c->s;
	int64_t t = c->t[i];
	if ((e->from != SL_TIME_NONE && t < e->from) || (e->to != SL_TIME_NONE && t > e->to))
		return 0;
	switch (e->kind) {
	case SL_A_CIDR:
		return sl_net_contains(sl_d_ip(c, i), e->net, e->bits);
	case SL_A_ASN:
		return c->asn[i] && c->asn_val[c->asn[i]] == e->asn;
	case SL_A_USER:
		return s->user[i] && fnmatch(e->pattern, sl_d_user(c, i), FNM_CASEFOLD) == 0;
	case SL_A_APP:
		return strcasecmp(sl_d_str(c, SL_F_APP_ID, i), e->pattern) == 0 ||
		       strcasecmp(sl_d_str(c, SL_F_APP, i), e->pattern) == 0;
	case SL_A_UA:
		return strcasestr(sl_d_str(c, SL_F_USER_AGENT, i), e->pattern) != NULL;
	case SL_A_COUNTRY:
		return country_in(e, sl_d_str(c, SL_F_COUNTRY, i));
	case SL_A_TRAVEL:
		return s->user[i] && fnmatch(e->pattern, sl_d_user(c, i), FNM_CASEFOLD) == 0 &&
		       country_in(e, sl_d_str(c, SL_F_COUNTRY, i));
	default:
		return 0;
	}
}

/* Which entries cover every evidence sign-in of f (into f->allowed); 1 when suppressed. */
static int allow_match(struct sl_dctx *c, struct sl_finding *f)
{
	const struct sl_dconf *conf = c->conf;
	size_t *hit = NULL, nhit = 0;
	if (!conf->nallow || !f->nev)
		return 0;
	for (size_t k = 0; k < f->nev; k++) {
		size_t e;
		for (e = 0; e < conf->nallow; e++)
			if (conf->allow[e].rules[f->rule] && covers(c, &conf->allow[e], f->ev[k]))
				break;
		if (e == conf->nallow) {
			free(hit);
			return 0;
		}
		size_t j;
		for (j = 0; j < nhit && hit[j] != e; j++)
			;
		if (j == nhit) {
			hit = sl_xrealloc(hit, (nhit + 1) * sizeof *hit);
			hit[nhit++] = e;
		}
	}
	/* in file order */
	for (size_t a = 1; a < nhit; a++)
		for (size_t b = a; b > 0 && hit[b - 1] > hit[b]; b--) {
			size_t x = hit[b];
			hit[b] = hit[b - 1];
			hit[b - 1] = x;
		}
	f->allowed = hit;
	f->nallowed = nhit;
	return 1;
}

void sl_detect_suppress(struct sl_dctx *c)
{
	for (size_t i = 0; i < c->nf; i++) {
		struct sl_finding *f = &c->f[i];
		struct sl_rulestat *st = &c->st[f->rule];
		int second = st->variant2 && strcmp(f->variant, st->variant2) == 0;
		if (allow_match(c, f)) {
			st->suppressed++;
			st->suppressed2 += second;
		} else {
			st->findings++;
			st->findings2 += second;
		}
	}
}
