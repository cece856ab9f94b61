/* filter.c — named filters, --where and --match, evaluated per dictionary value, then per row. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <arpa/inet.h>
#include <fnmatch.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "filter.h"
#include "mfa.h"
#include "report.h"
#include "sltime.h"
#include "util.h"

/* Bounds on matching one value against a --match pattern (signlog(1), FILTERS): a pattern
 * that backtracks without end stops with an error instead of running for hours, and the JIT
 * gets a stack for long values ((a|b)* over a few thousand bytes exhausts PCRE2's default
 * 32 KiB). Reaching any of them is an error, never a non-match: a selection that silently
 * lost sign-ins would be a wrong answer. */
#define RE_MATCH_LIMIT 1000000u             /* backtracking steps per value */
#define RE_DEPTH_LIMIT 100000u              /* interpreter: nested backtracking depth */
#define RE_HEAP_LIMIT (64u * 1024)          /* interpreter: KiB of backtracking memory */
#define RE_JIT_STACK (8u * 1024 * 1024)     /* JIT: bytes of stack */

enum kind {
	K_TEXT,      /* field text equals value, without regard to case */
	K_NOT,       /* field text differs from value */
	K_REGEX,     /* field text matches a PCRE2 pattern */
	K_USER,      /* user key matches a glob */
	K_IP,        /* ip within an address range */
	K_CODES,     /* error code in a list */
	K_LEGACY, K_MODERN,
	K_MFA, K_SINGLE,  /* the MFA rule's class (mfa.h) */
	K_SINCE, K_UNTIL
};

struct term {
	enum kind kind;
	int fields[2];           /* the field(s) it reads; -1 unused; a term matches on either */
	char *value;
	char *group;             /* terms of one group are ORed */
	pcre2_code *re;
	unsigned char net[16];   /* K_IP: address, IPv4 as IPv4-mapped IPv6 */
	int bits;
	int64_t *codes;          /* K_CODES */
	size_t ncodes;
	int64_t at;              /* K_SINCE/K_UNTIL: a time, or a duration before the last sign-in */
	int relative;
};

struct sl_filter {
	struct term *t;
	size_t n, cap;
	char *text;
	size_t textlen, textcap;
};

struct sl_filter *sl_filter_new(void)
{
	return sl_xcalloc(1, sizeof(struct sl_filter));
}

void sl_filter_free(struct sl_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->t[i].value);
		free(f->t[i].group);
		free(f->t[i].codes);
		if (f->t[i].re)
			pcre2_code_free(f->t[i].re);
	}
	free(f->t);
	free(f->text);
	free(f);
}

int sl_filter_active(const struct sl_filter *f)
{
	return f && f->n > 0;
}

const char *sl_filter_text(const struct sl_filter *f)
{
	return f && f->text ? f->text : "";
}

static void describe(struct sl_filter *f, const char *option, const char *value)
{
	char buf[600];
	int n = snprintf(buf, sizeof buf, "%s--%s%s%s", f->textlen ? " " : "", option, value ? " " : "",
	                 value ? value : "");
	if (n < 0)
		return;
	if ((size_t)n >= sizeof buf)
		n = sizeof buf - 1;
	sl_grow((void **)&f->text, &f->textcap, f->textlen + (size_t)n + 1, 1);
	memcpy(f->text + f->textlen, buf, (size_t)n + 1);
	f->textlen += (size_t)n;
}

static struct term *term(struct sl_filter *f, enum kind k, int f1, int f2, const char *value, const char *group)
{
	sl_grow((void **)&f->t, &f->cap, f->n + 1, sizeof *f->t);
	struct term *t = &f->t[f->n++];
	memset(t, 0, sizeof *t);
	t->kind = k;
	t->fields[0] = f1;
	t->fields[1] = f2;
	t->value = value ? sl_xstrdup(value) : NULL;
	t->group = sl_xstrdup(group);
	return t;
}

/* "10.0.0.0/8", "2001:db8::/32", "192.0.2.7", "::ffff:192.0.2.7" (also used by allow-lists) */
int sl_net_parse(const char *s, unsigned char net[16], int *bits)
{
	char addr[64];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	struct in_addr a4;
	int64_t b = -1;
	if (len == 0 || len >= sizeof addr)
		return -1;
	memcpy(addr, s, len);
	addr[len] = '\0';
	if (slash && (sl_parse_i64(slash + 1, strlen(slash + 1), &b) != 0 || b < 0))
		return -1;
	if (inet_pton(AF_INET, addr, &a4) == 1) {
		if (b > 32)
			return -1;
		memset(net, 0, 10);
		net[10] = net[11] = 0xff;
		memcpy(net + 12, &a4, 4);
		*bits = b < 0 ? 128 : 96 + (int)b;
		return 0;
	}
	if (inet_pton(AF_INET6, addr, net) == 1) {
		if (b > 128)
			return -1;
		*bits = b < 0 ? 128 : (int)b;
		return 0;
	}
	return -1;
}

int sl_net_contains(const char *ip, const unsigned char net[16], int bits)
{
	unsigned char a[16];
	int dummy;
	if (sl_net_parse(ip, a, &dummy) != 0 || strchr(ip, '/'))
		return 0;
	for (int i = 0; i < bits / 8; i++)
		if (a[i] != net[i])
			return 0;
	if (bits % 8) {
		unsigned char m = (unsigned char)(0xff << (8 - bits % 8));
		if ((a[bits / 8] & m) != (net[bits / 8] & m))
			return 0;
	}
	return 1;
}

static int parse_when(const char *v, struct term *t, int until)
{
	int64_t us;
	size_t n = strlen(v);
	if (sl_duration_parse(v, &us) == 0) {
		t->at = us;
		t->relative = 1;
		return 0;
	}
	if (sl_time_parse(v, n, &t->at) != 0)
		return -1;
	/* a date alone: --until takes in the whole day */
	if (until && n == 10)
		t->at += 86400000000LL - 1;
	return 0;
}

static int field_named(const char *name, size_t len)
{
	char buf[64];
	if (len >= sizeof buf)
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return sl_field_find(buf);
}

/* Fields whose values form a closed set: a value outside it is a mistake (--status failed),
 * not a filter that selects nothing. Compared as the filter compares text (case, spaces and
 * punctuation aside, see loose_eq). */
static const struct { enum sl_fid f; const char *values; } closed[] = {
	{ SL_F_STATUS, "success failure interrupted" },
	{ SL_F_EVENT_TYPE, "interactive noninteractive serviceprincipal managedidentity unknown" },
	{ SL_F_CA_STATUS, "success failure notApplied" },
	{ SL_F_RISK_DURING, "none low medium high hidden unknownFutureValue" },
	{ SL_F_RISK_AGG, "none low medium high hidden unknownFutureValue" },
};

/* a equals b with case, spaces and punctuation ignored ("Not Applied" is notApplied). */
static int loose_eq(const char *a, const char *b)
{
	for (;;) {
		while (*a && !((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z') || (*a >= '0' && *a <= '9')))
			a++;
		while (*b && !((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z') || (*b >= '0' && *b <= '9')))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
		a++;
		b++;
	}
}

/* 0 when v is a value field f can have; else -1 with a message that lists them. */
static int check_closed(int fid, const char *what, const char *v, char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof closed / sizeof closed[0]; i++) {
		char words[200], *w, *save = NULL, list[240] = "", dym[160];
		const char *cands[16];
		size_t n = 0;
		if ((int)closed[i].f != fid)
			continue;
		if (!*v)
			return 0;    /* --where FIELD= : sign-ins without a value */
		snprintf(words, sizeof words, "%s", closed[i].values);
		for (w = strtok_r(words, " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save)) {
			if (loose_eq(v, w))
				return 0;
			cands[n++] = w;
		}
		for (size_t k = 0; k < n; k++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? (k + 1 == n ? " or " : ", ") : "",
			         cands[k]);
		snprintf(err, errlen, "%s takes %s, not '%s'%s", what, list, v, sl_did_you_mean(v, cands, n, dym, sizeof dym));
		return -1;
	}
	return 0;
}

/* One value of a named filter (the comma-separated items of its option are one each). */
static int add_value(struct sl_filter *f, const char *opt, const char *v, char *err, size_t errlen)
{
	static const struct { const char *opt; int f1, f2; } simple[] = {
		{ "status", SL_F_STATUS, -1 }, { "app", SL_F_APP, SL_F_APP_ID },
		{ "resource", SL_F_RESOURCE, SL_F_RESOURCE_ID }, { "ca-status", SL_F_CA_STATUS, -1 },
		{ "country", SL_F_COUNTRY, -1 }, { "city", SL_F_CITY, -1 }, { "os", SL_F_OS, -1 },
		{ "browser", SL_F_BROWSER, -1 }, { "client-app", SL_F_CLIENT_APP, -1 },
		{ "credential-type", SL_F_CREDENTIAL_TYPE, -1 }, { "event-type", SL_F_EVENT_TYPE, -1 },
		{ "risk", SL_F_RISK_DURING, SL_F_RISK_AGG },
	};
	char what[64];
	snprintf(what, sizeof what, "--%s", opt);
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
		if (strcmp(opt, simple[i].opt) == 0) {
			if (check_closed(simple[i].f1, what, v, err, errlen) != 0)
				return -1;
			term(f, K_TEXT, simple[i].f1, simple[i].f2, v, opt);
			return 0;
		}
	if (strcmp(opt, "user") == 0) {
		char *low = sl_xstrdup(v);
		for (char *p = low; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		term(f, K_USER, -1, -1, low, opt);
		free(low);
		return 0;
	}
	if (strcmp(opt, "ip") == 0) {
		struct term *t = term(f, K_IP, SL_F_IP, -1, v, opt);
		if (sl_net_parse(v, t->net, &t->bits) != 0) {
			snprintf(err, errlen, "--ip takes an address or CIDR range (IPv4 or IPv6), not '%s'", v);
			return -1;
		}
		return 0;
	}
	if (strcmp(opt, "error-code") == 0) {
		struct term *t = term(f, K_CODES, SL_F_ERROR_CODE, -1, v, opt);
		int64_t c;
		if (sl_parse_i64(v, strlen(v), &c) != 0) {
			snprintf(err, errlen, "--error-code takes comma-separated codes, not '%s'", v);
			return -1;
		}
		t->codes = sl_xmalloc(sizeof *t->codes);
		t->codes[0] = c;
		t->ncodes = 1;
		return 0;
	}
	snprintf(err, errlen, "unknown filter --%s", opt);
	return -1;
}

int sl_filter_add(struct sl_filter *f, const char *opt, const char *v, char *err, size_t errlen)
{
	describe(f, opt, v);
	if (v && strcmp(opt, "where") != 0 && strcmp(opt, "match") != 0 && strcmp(opt, "since") != 0 &&
	    strcmp(opt, "until") != 0) {
		/* every named filter takes a comma-separated list: its values are ORed */
		for (const char *p = v;;) {
			size_t len = strcspn(p, ",");
			char *item = sl_xstrndup(p, len);
			int rc = 0;
			if (!len) {
				snprintf(err, errlen, "--%s: empty value in '%s' (a list is VALUE,VALUE...)", opt, v);
				rc = -1;
			} else {
				rc = add_value(f, opt, item, err, errlen);
			}
			free(item);
			if (rc)
				return rc;
			if (!p[len])
				return 0;
			p += len + 1;
		}
	}
	if (strcmp(opt, "legacy") == 0 || strcmp(opt, "modern") == 0) {
		term(f, opt[0] == 'l' ? K_LEGACY : K_MODERN, SL_F_CLIENT_APP, -1, NULL, "client-class");
		return 0;
	}
	if (strcmp(opt, "mfa") == 0 || strcmp(opt, "single-factor") == 0) {
		/* the rule of mfa_sign_ins and single_factor_sign_ins: requirement and details */
		term(f, opt[0] == 'm' ? K_MFA : K_SINGLE, SL_F_AUTH_REQ, SL_F_ADDITIONAL, NULL, "mfa");
		return 0;
	}
	if (strcmp(opt, "since") == 0 || strcmp(opt, "until") == 0) {
		struct term *t = term(f, opt[0] == 's' ? K_SINCE : K_UNTIL, SL_F_TIME, -1, v, opt);
		if (parse_when(v, t, opt[0] == 'u') != 0) {
			snprintf(err, errlen, "--%s takes an ISO 8601 date or date-time, or a duration such as 7d, not '%s'", opt, v);
			return -1;
		}
		return 0;
	}
	if (strcmp(opt, "where") == 0 || strcmp(opt, "match") == 0) {
		int regex = opt[0] == 'm';
		const char *op = regex ? strchr(v, '~') : strchr(v, '=');
		int neg = !regex && op && op > v && op[-1] == '!';
		size_t namelen = op ? (size_t)(op - v) - (size_t)neg : 0;
		int fid = op ? field_named(v, namelen) : -1;
		char group[80];
		if (!op || fid < 0 || sl_fields[fid].type == SL_FT_FLOAT) {
			const char *names[SL_F__COUNT];
			char name[64], dym[160] = "";
			for (int k = 0; k < SL_F__COUNT; k++)
				names[k] = sl_fields[k].name;
			snprintf(name, sizeof name, "%.*s", (int)(namelen < 63 ? namelen : 63), v);
			if (op && fid < 0)
				sl_did_you_mean(name, names, SL_F__COUNT, dym, sizeof dym);
			snprintf(err, errlen, "--%s takes FIELD%sVALUE with a field of signlog(1) FIELDS, not '%s'%s", opt,
			         regex ? "~" : "=", v, dym);
			return -1;
		}
		snprintf(group, sizeof group, "%s:%s%s", opt, sl_fields[fid].name, neg ? "!" : "");
		if (neg) {
			/* each FIELD!=VALUE must hold: a group of its own */
			snprintf(group, sizeof group, "where:%s!%zu", sl_fields[fid].name, f->n);
		}
		if (!regex) {
			char what[80];
			snprintf(what, sizeof what, "--where %s", sl_fields[fid].name);
			if (check_closed(fid, what, op + 1, err, errlen) != 0)
				return -1;
		}
		struct term *t = term(f, regex ? K_REGEX : neg ? K_NOT : K_TEXT, fid, -1, op + 1, group);
		if (regex) {
			int code;
			PCRE2_SIZE off;
			/* stored text is valid UTF-8; should a value not be, it matches nothing instead of
			 * failing (PCRE2_MATCH_INVALID_UTF) */
			t->re = pcre2_compile((PCRE2_SPTR)(op + 1), PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
			                      &code, &off, NULL);
			if (!t->re) {
				PCRE2_UCHAR msg[200];
				pcre2_get_error_message(code, msg, sizeof msg);
				snprintf(err, errlen, "--match: bad regular expression '%s' at offset %zu: %s", op + 1,
				         (size_t)off, (const char *)msg);
				return -1;
			}
			pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);  /* where JIT is not there, the interpreter runs */
		}
		return 0;
	}
	snprintf(err, errlen, "unknown filter --%s", opt);
	return -1;
}

void sl_filter_fields(const struct sl_filter *f, uint8_t want[SL_F__COUNT])
{
	for (size_t i = 0; f && i < f->n; i++)
		for (int k = 0; k < 2; k++)
			if (f->t[i].fields[k] >= 0)
				want[f->t[i].fields[k]] = 1;
}

/* "notApplied" as logged in JSON and "Not Applied" as the portal CSV writes it. */
static int same_but_spaces(const char *v, const char *want)
{
	char b[128];
	size_t j = 0;
	if (!strchr(v, ' ') || strchr(want, ' '))
		return 0;
	for (const char *p = v; *p && j < sizeof b - 1; p++)
		if (*p != ' ')
			b[j++] = *p;
	b[j] = '\0';
	return strcasecmp(b, want) == 0;
}

/* What evaluation carries along: the PCRE2 match state, and the first match error. */
struct ev {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
	int rc;                  /* a PCRE2 error code (< 0), 0 while none */
	const struct term *t;    /* the term, field and value length where it happened */
	int fid;
	size_t len;
};

/* Does text v of field fid pass term t? After an error (e->rc set) the answer is 0 and
 * the caller stops. */
static int text_ok(const struct term *t, int fid, const char *v, struct ev *e)
{
	int rc;
	switch (t->kind) {
	case K_TEXT:
		return strcasecmp(v, t->value) == 0 || same_but_spaces(v, t->value);
	case K_NOT:
		return strcasecmp(v, t->value) != 0;
	case K_REGEX:
		if (e->rc)
			return 0;
		rc = pcre2_match(t->re, (PCRE2_SPTR)v, strlen(v), 0, 0, e->md, e->mc);
		if (rc >= 0)
			return 1;
		if (rc != PCRE2_ERROR_NOMATCH) {
			e->rc = rc;
			e->t = t;
			e->fid = fid;
			e->len = strlen(v);
		}
		return 0;
	case K_IP:
		return sl_net_contains(v, t->net, t->bits);
	case K_LEGACY:
		return sl_client_is_legacy(v);
	case K_MODERN:
		return strcasecmp(v, "Browser") == 0 || strcasecmp(v, "Mobile Apps and Desktop clients") == 0;
	default:
		return 0;
	}
}

/* ok[code] for a text column: the predicate runs once per distinct value */
static uint8_t *per_value(const struct term *t, int fid, const struct sl_col *c, struct ev *e)
{
	uint8_t *ok = sl_xcalloc(c->dict.n, 1);
	for (uint32_t k = 0; k < c->dict.n && !e->rc; k++)
		ok[k] = (uint8_t)text_ok(t, fid, sl_dict_str(&c->dict, k), e);
	return ok;
}

/* Row-by-row result of term t into hit[] (OR). */
static void eval_term(const struct term *t, const struct sl_store *s, uint8_t *hit, struct ev *e, int64_t last)
{
	char buf[64];
	if (t->kind == K_USER) {
		uint8_t *ok = sl_xcalloc(s->users.n, 1);
		for (uint32_t k = 1; k < s->users.n; k++)
			ok[k] = fnmatch(t->value, sl_dict_str(&s->users, k), 0) == 0;
		for (size_t i = 0; i < s->n; i++)
			hit[i] |= ok[s->user[i]];
		free(ok);
		return;
	}
	if (t->kind == K_SINCE || t->kind == K_UNTIL) {
		int64_t at = !t->relative ? t->at : last == SL_TIME_NONE ? last : last - t->at;
		for (size_t i = 0; i < s->n; i++) {
			int64_t v = s->col[SL_F_TIME].v.time[i];
			hit[i] |= (uint8_t)(t->kind == K_SINCE ? v >= at : v <= at);
		}
		return;
	}
	if (t->kind == K_MFA || t->kind == K_SINGLE) {
		struct sl_mfa_rule mr;
		enum sl_mfa_class want = t->kind == K_MFA ? SL_MFA_YES : SL_MFA_SINGLE;
		sl_mfa_rule_init(&mr, s);
		for (size_t i = 0; i < s->n; i++)
			hit[i] |= sl_mfa_row(&mr, i) == want;
		sl_mfa_rule_free(&mr);
		return;
	}
	if (t->kind == K_CODES) {
		for (size_t i = 0; i < s->n; i++)
			for (size_t k = 0; k < t->ncodes; k++)
				if (s->col[SL_F_ERROR_CODE].v.i32[i] == t->codes[k])
					hit[i] = 1;
		return;
	}
	for (int k = 0; k < 2 && !e->rc; k++) {
		int fid = t->fields[k];
		if (fid < 0)
			continue;
		const struct sl_col *c = &s->col[fid];
		enum sl_list l = sl_fields[fid].list;
		if (c->type == SL_FT_STR) {
			uint8_t *ok = per_value(t, fid, c, e);
			for (size_t i = 0; i < s->n; i++) {
				if (l == SL_LIST_NONE) {
					hit[i] |= ok[c->v.code[i]];
					continue;
				}
				/* a repeating field: any of the sign-in's values; one without any has "" */
				uint32_t b = s->loff[l][i], end = s->loff[l][i + 1];
				if (b == end)
					hit[i] |= ok[0];
				for (uint32_t j = b; j < end; j++)
					hit[i] |= ok[c->v.code[j]];
			}
			free(ok);
			continue;
		}
		for (size_t i = 0; i < s->n && !e->rc; i++) {
			if (l == SL_LIST_NONE) {
				hit[i] |= (uint8_t)text_ok(t, fid, sl_value_text(s, (enum sl_fid)fid, i, buf, sizeof buf), e);
				continue;
			}
			uint32_t b = s->loff[l][i], end = s->loff[l][i + 1];
			if (b == end)
				hit[i] |= (uint8_t)text_ok(t, fid, "", e);
			for (uint32_t j = b; j < end; j++)
				hit[i] |= (uint8_t)text_ok(t, fid, sl_value_text(s, (enum sl_fid)fid, j, buf, sizeof buf), e);
		}
	}
}

int sl_filter_eval(const struct sl_filter *f, const struct sl_store *s, uint8_t *keep, char *err, size_t errlen)
{
	int64_t last = SL_TIME_NONE;
	struct ev e = { 0 };
	uint8_t *hit = sl_xmalloc(s->n ? s->n : 1);

	e.md = pcre2_match_data_create(4, NULL);
	e.mc = pcre2_match_context_create(NULL);
	e.js = pcre2_jit_stack_create(32 * 1024, RE_JIT_STACK, NULL);
	if (!e.md || !e.mc || !e.js)
		sl_die(SL_EXIT_ERROR, "out of memory");
	pcre2_set_match_limit(e.mc, RE_MATCH_LIMIT);
	pcre2_set_depth_limit(e.mc, RE_DEPTH_LIMIT);
	pcre2_set_heap_limit(e.mc, RE_HEAP_LIMIT);
	pcre2_jit_stack_assign(e.mc, NULL, e.js);
	memset(keep, 1, s->n);
	for (size_t i = 0; i < s->n; i++)
		if (s->col[SL_F_TIME].v.time[i] > last)
			last = s->col[SL_F_TIME].v.time[i];
	/* each group once: its terms ORed, the groups ANDed */
	for (size_t g = 0; f && g < f->n && !e.rc; g++) {
		int seen = 0;
		for (size_t k = 0; k < g && !seen; k++)
			seen = strcmp(f->t[k].group, f->t[g].group) == 0;
		if (seen)
			continue;
		memset(hit, 0, s->n ? s->n : 1);
		for (size_t k = g; k < f->n && !e.rc; k++)
			if (strcmp(f->t[k].group, f->t[g].group) == 0)
				eval_term(&f->t[k], s, hit, &e, last);
		for (size_t i = 0; i < s->n; i++)
			keep[i] &= hit[i];
	}
	if (e.rc) {
		PCRE2_UCHAR msg[200];
		pcre2_get_error_message(e.rc, msg, sizeof msg);
		snprintf(err, errlen,
		         "--match %s~%s: error: %s on a %s value of %zu bytes (limits per value: %u steps, "
		         "depth %u, %u MiB heap, %u MiB JIT stack); no report: simplify the pattern, e.g. "
		         "with possessive quantifiers (a++) or atomic groups",
		         sl_fields[e.fid].name, e.t->value, (const char *)msg, sl_fields[e.fid].name, e.len,
		         RE_MATCH_LIMIT, RE_DEPTH_LIMIT, RE_HEAP_LIMIT / 1024, RE_JIT_STACK >> 20);
		memset(keep, 0, s->n);
	}
	free(hit);
	pcre2_jit_stack_free(e.js);
	pcre2_match_context_free(e.mc);
	pcre2_match_data_free(e.md);
	return e.rc ? -1 : 0;
}
