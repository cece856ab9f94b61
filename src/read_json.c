/* read_json.c — turns one JSON document into rows: jsmn tokens walked against a key trie
 * built from the field registry, so no DOM is built on the hot path. */
#define JSMN_STATIC

#include <jsmn.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "read_json.h"
#include "json_check.h"
#include "dict.h"
#include "sltime.h"
#include "util.h"

enum { K_PLAIN, K_NEST, K_EVTYPES, K_SHAPE };

struct tnode {
	char *name;                 /* lower-case key */
	char *orig;                 /* the key as the registry spells it: the usual spelling */
	size_t namelen;
	uint32_t hash;
	int field, fallback;        /* field set by a scalar value (prio 1 / 0), or -1 */
	int list, list_fallback;    /* the value is this list's array, or 0 */
	int kind;
	int shape;                  /* K_SHAPE: the SL_SHAPE_... its key marks */
	int id;                     /* index into the parser's key cache (nodes with children) */
	struct tnode **tab;         /* children, open addressing */
	unsigned mask, nkids;
};

static struct tnode root;
static struct tnode elem_root[SL_LIST__COUNT];
static int nparents;                /* nodes with children, numbered for the key cache */

#define KC_POS 64                   /* object members cached per node */
#define KC_KEY 32                   /* longest key cached */

/* Records of one export repeat their keys in the same order, so the m-th key of an object
 * is usually the m-th key of the previous record's object: remember what it matched. */
struct kcache {
	const struct tnode *hit;        /* NULL: the key is not in the registry */
	uint32_t len;                   /* 0: empty entry */
	char key[KC_KEY];
};

/* Case-folding by setting bit 5 of every byte: exact for letters, and a fold that merges a
 * few other characters only makes the later comparison do the deciding. */
static uint32_t key_hash(const char *s, size_t n)
{
	uint64_t h = n * 0x9E3779B97F4A7C15ull, w;
	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ (w | 0x2020202020202020ull)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ (w | (0x2020202020202020ull >> (8 * (8 - n))))) * 0x94d049bb133111ebull;
	}
	h ^= h >> 32;
	return (uint32_t)h;
}

static struct tnode *kid_find(const struct tnode *n, const char *k, size_t len, uint32_t h)
{
	if (!n->tab)
		return NULL;
	for (unsigned i = h & n->mask;; i = (i + 1) & n->mask) {
		struct tnode *c = n->tab[i];
		if (!c)
			return NULL;
		if (c->hash == h && c->namelen == len &&
		    (memcmp(k, c->orig, len) == 0 || sl_strncaseeq(k, len, c->name)))
			return c;
	}
}

static void kid_insert(struct tnode *n, struct tnode *c)
{
	if (!n->tab || (n->nkids + 1) * 2 > n->mask + 1) {
		unsigned size = n->tab ? (n->mask + 1) * 2 : 8;
		struct tnode **old = n->tab;
		unsigned oldsize = n->tab ? n->mask + 1 : 0;
		n->tab = sl_xcalloc(size, sizeof *n->tab);
		n->mask = size - 1;
		for (unsigned i = 0; i < oldsize; i++) {
			if (!old[i])
				continue;
			unsigned j = old[i]->hash & n->mask;
			while (n->tab[j])
				j = (j + 1) & n->mask;
			n->tab[j] = old[i];
		}
		free(old);
	}
	unsigned j = c->hash & n->mask;
	while (n->tab[j])
		j = (j + 1) & n->mask;
	n->tab[j] = c;
	n->nkids++;
}

static struct tnode *kid(struct tnode *n, const char *k, size_t len)
{
	uint32_t h = key_hash(k, len);
	struct tnode *c = kid_find(n, k, len, h);
	if (c)
		return c;
	c = sl_xcalloc(1, sizeof *c);
	c->name = sl_xstrndup(k, len);
	c->orig = sl_xstrndup(k, len);
	for (size_t i = 0; i < len; i++)
		if (c->name[i] >= 'A' && c->name[i] <= 'Z')
			c->name[i] = (char)(c->name[i] + 32);
	c->namelen = len;
	c->hash = h;
	c->field = c->fallback = -1;
	kid_insert(n, c);
	return c;
}

/* Walk the '|'-separated dotted paths of spec from top and call mark on each final node. */
static void add_paths(struct tnode *top, const char *spec, int id, int is_list)
{
	const char *p = spec;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int fb = len && *p == '~';
		const char *q = p + fb, *end = p + len;
		struct tnode *n = top;
		while (q < end) {
			const char *dot = memchr(q, '.', (size_t)(end - q));
			size_t seg = dot ? (size_t)(dot - q) : (size_t)(end - q);
			n = kid(n, q, seg);
			q += seg + (dot ? 1 : 0);
		}
		if (n != top) {
			if (is_list)
				*(fb ? &n->list_fallback : &n->list) = id;
			else
				*(fb ? &n->fallback : &n->field) = id;
		}
		p += len + (e ? 1 : 0);
	}
}

static void number(struct tnode *n)
{
	if (!n->tab)
		return;
	n->id = nparents++;
	for (unsigned i = 0; i <= n->mask; i++)
		if (n->tab[i])
			number(n->tab[i]);
}

void sl_json_init(const uint8_t *wanted)
{
	static int done;
	uint8_t want[SL_F__COUNT];
	if (done)
		return;
	done = 1;
	sl_fields_init();
	if (wanted)
		memcpy(want, wanted, sizeof want);
	else
		sl_fields_all(want);
	sl_fields_core(want);
	sl_row_want(want);
	root.field = root.fallback = -1;
	for (int l = 0; l < SL_LIST__COUNT; l++)
		elem_root[l].field = elem_root[l].fallback = -1;
	int list_wanted[SL_LIST__COUNT] = { 0 };
	for (int f = 0; f < SL_F__COUNT; f++) {
		struct tnode *top = sl_fields[f].list == SL_LIST_NONE ? &root : &elem_root[sl_fields[f].list];
		if (!want[f])
			continue;
		list_wanted[sl_fields[f].list] = 1;
		add_paths(top, sl_fields[f].json, f, 0);
		add_paths(top, sl_fields[f].la, f, 0);
	}
	for (int l = 1; l < SL_LIST__COUNT; l++)
		if (list_wanted[l])
			add_paths(&root, sl_lists[l].json, l, 1);
	/* a diagnostic-settings envelope keeps the sign-in under "properties" */
	kid(&root, "properties", 10)->kind = K_NEST;
	kid(&root, "signInEventTypes", 16)->kind = K_EVTYPES;
	/* keys of the other Entra logs' Graph objects, which carry no category */
	static const struct { const char *key; int shape; } shapes[] = {
		{ "activityDisplayName", SL_SHAPE_AUDIT }, { "riskEventType", SL_SHAPE_RISK_DETECTION },
		{ "riskLastUpdatedDateTime", SL_SHAPE_RISKY_USER }, { "provisioningAction", SL_SHAPE_PROVISIONING },
	};
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		struct tnode *n = kid(&root, shapes[k].key, strlen(shapes[k].key));
		if (n->kind == K_PLAIN && !n->tab && n->field < 0 && n->fallback < 0 && !n->list) {
			n->kind = K_SHAPE;
			n->shape = shapes[k].shape;
		}
	}
	number(&root);
	for (int l = 1; l < SL_LIST__COUNT; l++)
		number(&elem_root[l]);
}

struct sl_jparser {
	int whole;                  /* never use the member splitter */
	struct kcache *kc;          /* nparents * KC_POS entries */
	jsmntok_t *tok;
	unsigned ntok;
	jsmntok_t *tok2;            /* for JSON text inside a string value */
	unsigned ntok2;
};

struct ctx {
	const char *js;             /* text the tokens index */
	const jsmntok_t *t;
	int nt;                     /* tokens in t: jsmn's lax mode can claim more children than
	                             * there are, so no walk may go past this */
	struct sl_arena *scratch;
	struct sl_row *row;
	struct sl_jparser *p;
	int nested;                 /* inside JSON text found in a string */
	int raw;                    /* the text is a CSV cell: a backslash is just a backslash */
	size_t lpos;                /* line counting for records inside one document */
	uint64_t lline;
	struct sl_jerr jerr;        /* the member splitter's checks; seen: what its strings held */
};

struct sl_jparser *sl_jparser_new(void)
{
	struct sl_jparser *p = sl_xcalloc(1, sizeof *p);
	sl_json_init(NULL);
	p->ntok = 4096;
	p->tok = sl_xmalloc(p->ntok * sizeof *p->tok);
	p->kc = sl_xcalloc((size_t)nparents * KC_POS, sizeof *p->kc);
	return p;
}

void sl_jparser_whole(struct sl_jparser *p, int whole)
{
	p->whole = whole;
}

void sl_jparser_free(struct sl_jparser *p)
{
	if (!p)
		return;
	free(p->tok);
	free(p->tok2);
	free(p->kc);
	free(p);
}

/* A record of more JSON values than this is rejected rather than given unbounded memory. */
#define MAX_TOKENS (1u << 22)

static int skip(const jsmntok_t *t, int i, int nt)
{
	int remaining = 1;
	while (remaining > 0 && i < nt) {
		remaining += t[i].size - 1;
		i++;
	}
	return i;
}

/* Tokenize js[0,len) into *tok, growing it; returns the token count or a jsmn error. */
static int tokenize(const char *js, size_t len, jsmntok_t **tok, unsigned *ntok, unsigned *pos)
{
	jsmn_parser jp;
	int r;
	jsmn_init(&jp);
	if (!*tok) {
		*ntok = 256;
		*tok = sl_xmalloc(*ntok * sizeof **tok);
	}
	while ((r = jsmn_parse(&jp, js, len, *tok, *ntok)) == JSMN_ERROR_NOMEM) {
		if (*ntok >= MAX_TOKENS)
			break;
		*ntok *= 2;
		*tok = sl_xrealloc(*tok, *ntok * sizeof **tok);
	}
	*pos = jp.pos;
	return r;
}

static void put_utf8(char **o, uint32_t cp)
{
	unsigned char *d = (unsigned char *)*o;
	if (cp < 0x80) {
		*d++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*d++ = (unsigned char)(0xC0 | (cp >> 6));
		*d++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*d++ = (unsigned char)(0xE0 | (cp >> 12));
		*d++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*d++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*d++ = (unsigned char)(0xF0 | (cp >> 18));
		*d++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*d++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*d++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)d;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int hex4(const char *s, size_t n, size_t i, uint32_t *out)
{
	uint32_t v = 0;
	if (i + 4 > n)
		return -1;
	for (int k = 0; k < 4; k++) {
		int h = hexval(s[i + (size_t)k]);
		if (h < 0)
			return -1;
		v = v << 4 | (uint32_t)h;
	}
	*out = v;
	return 0;
}

/* The text of a JSON string body: points into the input when it needs no change; otherwise
 * unescaped into scratch, with invalid UTF-8, lone surrogates and NUL replaced by U+FFFD. */
/* Index of the first byte from i that is a backslash or not ASCII, or n: text before it needs
 * neither unescaping nor a UTF-8 check. Sixteen, then eight bytes at a time. */
static size_t ascii_run(const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))))
			break;
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w, x;
		memcpy(&w, s + i, 8);
		x = w ^ 0x5C5C5C5C5C5C5C5Cull;
		if (((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) | (w & 0x8080808080808080ull))
			break;
		i += 8;
	}
	while (i < n && s[i] != '\\' && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

static void text_value(struct ctx *c, const char *s, size_t n, struct sl_val *v)
{
	size_t i = ascii_run(s, 0, n);
	if (c->raw && i == n) {
		/* a CSV cell may hold a NUL byte (JSON text cannot: the check rejects it) */
		const char *z = memchr(s, 0, n);
		if (z)
			i = (size_t)(z - s);
	}
	if (i < n) {
		/* slow path: look closer before copying */
		size_t k = i;
		int need = 0;
		while (k < n) {
			unsigned char ch = (unsigned char)s[k];
			if ((ch == '\\' && !c->raw) || ch == 0) {
				need = 1;
				break;
			}
			if (ch < 0x80) {
				k++;
				continue;
			}
			size_t l = utf8_len((const unsigned char *)s + k, n - k);
			if (!l) {
				need = 1;
				break;
			}
			k += l;
		}
		if (need) {
			char *out = sl_arena_bytes(c->scratch, n * 3 + 1), *o = out;
			memcpy(o, s, i);
			o += i;
			while (i < n) {
				unsigned char ch = (unsigned char)s[i];
				if (ch == '\\' && i + 1 < n && !c->raw) {
					char e = s[i + 1];
					uint32_t cp, lo;
					i += 2;
					switch (e) {
					case 'b': *o++ = '\b'; break;
					case 'f': *o++ = '\f'; break;
					case 'n': *o++ = '\n'; break;
					case 'r': *o++ = '\r'; break;
					case 't': *o++ = '\t'; break;
					case 'u':
						if (hex4(s, n, i, &cp) != 0) {
							put_utf8(&o, 0xFFFD);
							c->row->invalid_utf8 = 1;
							break;
						}
						i += 4;
						if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' &&
						    s[i + 1] == 'u' && hex4(s, n, i + 2, &lo) == 0 &&
						    lo >= 0xDC00 && lo <= 0xDFFF) {
							cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
							i += 6;
						} else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
							cp = 0xFFFD;
							c->row->invalid_utf8 = 1;
						}
						put_utf8(&o, cp);
						break;
					default: *o++ = e; break;
					}
					continue;
				}
				if (ch == 0) {
					put_utf8(&o, 0xFFFD);
					c->row->invalid_utf8 = 1;
					i++;
					continue;
				}
				if (ch < 0x80) {
					*o++ = (char)ch;
					i++;
					continue;
				}
				size_t l = utf8_len((const unsigned char *)s + i, n - i);
				if (!l) {
					put_utf8(&o, 0xFFFD);
					c->row->invalid_utf8 = 1;
					i++;
					continue;
				}
				memcpy(o, s + i, l);
				o += l;
				i += l;
			}
			*o = '\0';
			s = out;
			n = (size_t)(o - out);
		}
	}
	v->s = s;
	v->len = (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
}

static int parse_bool(const char *s, size_t n, int64_t *out)
{
	if (sl_strncaseeq(s, n, "true") || (n == 1 && *s == '1')) {
		*out = 1;
		return 0;
	}
	if (sl_strncaseeq(s, n, "false") || (n == 1 && *s == '0')) {
		*out = 0;
		return 0;
	}
	return -1;
}

/* Store token i as field f into slot v if the source is at least as good as what is there. */
static void set_value(struct ctx *c, int f, int i, struct sl_val *v, int prio)
{
	const jsmntok_t *t = &c->t[i];
	const char *s = c->js + t->start;
	size_t n = (size_t)(t->end - t->start);
	struct sl_val nv;

	if (v->set && v->prio > prio)
		return;
	if (t->type == JSMN_OBJECT || t->type == JSMN_ARRAY)
		return;
	if (t->type == JSMN_PRIMITIVE && n == 4 && memcmp(s, "null", 4) == 0)
		return;
	memset(&nv, 0, sizeof nv);
	switch (sl_fields[f].type) {
	case SL_FT_STR:
	case SL_FT_GUID:
		text_value(c, s, n, &nv);
		if (!nv.len)
			return;
		nv.hash = sl_hash(nv.s, nv.len);
		break;
	case SL_FT_TIME:
		if (t->type != JSMN_STRING || sl_time_parse(s, n, &nv.i) != 0) {
			if (f == SL_F_TIME)
				c->row->bad_time = 1;
			return;
		}
		if (!sl_time_plausible(nv.i)) {
			/* a step time outside the range is no time; a sign-in time rejects the record */
			if (f == SL_F_TIME && !v->set) {
				c->row->bad_time = 2;
				v->i = nv.i;
			}
			return;
		}
		break;
	case SL_FT_INT:
		if (sl_parse_i64(s, n, &nv.i) != 0 || nv.i < INT32_MIN + 1 || nv.i > INT32_MAX)
			return;
		break;
	case SL_FT_FLOAT: {
		char buf[64];
		char *end;
		if (n == 0 || n >= sizeof buf)
			return;
		memcpy(buf, s, n);
		buf[n] = '\0';
		nv.d = strtod(buf, &end);
		if (*end)
			return;
		break;
	}
	case SL_FT_BOOL:
		if (parse_bool(s, n, &nv.i) != 0)
			return;
		break;
	case SL_FT_ENUM:
		return;
	}
	nv.set = 1;
	nv.prio = (uint8_t)prio;
	*v = nv;
}

static int walk_object(struct ctx *c, int i, const struct tnode *node, int level);

static int same_key(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* The child of node for the m-th key of an object, through the key cache. */
static const struct tnode *lookup(struct ctx *c, const struct tnode *node, int m, const char *ks, size_t kl)
{
	struct kcache *e = m < KC_POS ? &c->p->kc[(size_t)node->id * KC_POS + (size_t)m] : NULL;
	if (e && e->len == kl && same_key(e->key, ks, kl))
		return e->hit;
	const struct tnode *hit = kid_find(node, ks, kl, key_hash(ks, kl));
	if (e && kl && kl <= KC_KEY) {
		memcpy(e->key, ks, kl);
		e->len = (uint32_t)kl;
		e->hit = hit;
	}
	return hit;
}
static void walk_list(struct ctx *c, int i, struct sl_lrow *lr, int list);

/* JSON text inside a string value (Log Analytics columns): parse it and walk it as the value. */
static void walk_string_json(struct ctx *c, int i, const struct tnode *node, int level,
                             struct sl_lrow *lr, int list)
{
	struct sl_val tmp = { 0 };
	const jsmntok_t *t = &c->t[i];
	unsigned pos;
	if (c->nested || t->type != JSMN_STRING || t->end - t->start < 2)
		return;
	text_value(c, c->js + t->start, (size_t)(t->end - t->start), &tmp);
	if (tmp.len < 2 || (tmp.s[0] != '{' && tmp.s[0] != '['))
		return;
	struct sl_jerr e;
	if (sl_json_check(tmp.s, tmp.len, &e) != 0)
		return;
	int r = tokenize(tmp.s, tmp.len, &c->p->tok2, &c->p->ntok2, &pos);
	if (r <= 0)
		return;
	struct ctx sub = *c;
	/* the token buffer of the outer document stays in use: walk with the second one */
	sub.js = tmp.s;
	sub.t = c->p->tok2;
	sub.nt = r;
	sub.nested = 1;
	if (node && sub.t[0].type == JSMN_OBJECT)
		walk_object(&sub, 0, node, level);
	else if (lr && sub.t[0].type == JSMN_ARRAY)
		walk_list(&sub, 0, lr, list);
}

static void walk_list(struct ctx *c, int i, struct sl_lrow *lr, int list)
{
	const jsmntok_t *t = &c->t[i];
	size_t nf = (size_t)sl_list_nfields[list];
	int n = t->size, j = i + 1;
	lr->v = sl_arena_alloc(c->scratch, (size_t)(n ? n : 1) * nf * sizeof *lr->v);
	memset(lr->v, 0, (size_t)(n ? n : 1) * nf * sizeof *lr->v);
	lr->n = 0;
	for (int e = 0; e < n && j < c->nt; e++) {
		struct sl_val *ev = lr->v + (size_t)lr->n * nf;
		if (sl_lists[list].scalar) {
			if (c->t[j].type == JSMN_STRING) {
				set_value(c, sl_list_fields[list][0], j, ev, 1);
				if (ev->set)
					lr->n++;
			}
		} else if (c->t[j].type == JSMN_OBJECT) {
			int k = j + 1;
			for (int m = 0; m < c->t[j].size && k + 1 < c->nt; m++) {
				const jsmntok_t *key = &c->t[k];
				const struct tnode *kn = lookup(c, &elem_root[list], m, c->js + key->start,
				                                (size_t)(key->end - key->start));
				if (kn && kn->field >= 0)
					set_value(c, kn->field, k + 1, &ev[sl_field_lidx[kn->field]], 1);
				k = skip(c->t, k + 1, c->nt);
			}
			lr->n++;
		}
		j = skip(c->t, j, c->nt);
	}
}

static void take_list(struct ctx *c, int i, int list, int prio)
{
	struct sl_lrow *lr = &c->row->list[list];
	if (lr->n && lr->prio > prio)
		return;
	if (c->t[i].type == JSMN_ARRAY)
		walk_list(c, i, lr, list);
	else if (c->t[i].type == JSMN_STRING)
		walk_string_json(c, i, NULL, 0, lr, list);
	else
		return;
	lr->prio = (uint8_t)prio;
}

static void take_evtypes(struct ctx *c, int i)
{
	static const char *const names[] = { "interactiveUser", "nonInteractiveUser", "servicePrincipal", "managedIdentity" };
	const jsmntok_t *t = &c->t[i];
	if (t->type != JSMN_ARRAY || t->size < 1 || i + 1 >= c->nt || c->t[i + 1].type != JSMN_STRING)
		return;
	const char *s = c->js + c->t[i + 1].start;
	size_t n = (size_t)(c->t[i + 1].end - c->t[i + 1].start);
	for (int k = 0; k < 4; k++) {
		if (sl_strncaseeq(s, n, names[k])) {
			c->row->f[SL_F_EVENT_TYPE].i = k;
			c->row->evtypes_set = 1;
			return;
		}
	}
}

/* One member whose key matched trie node kn and whose value is token v. */
static void member(struct ctx *c, const struct tnode *kn, int v, int level)
{
	const jsmntok_t *vt = &c->t[v];
	if (kn->kind == K_SHAPE) {
		if (level == 1 && kn->shape > c->row->shape)
			c->row->shape = (uint8_t)kn->shape;
	} else if (kn->kind == K_NEST) {
		if (vt->type == JSMN_OBJECT)
			walk_object(c, v, &root, level + 1);
	} else if (kn->kind == K_EVTYPES) {
		take_evtypes(c, v);
	} else if (kn->list || kn->list_fallback) {
		take_list(c, v, kn->list ? kn->list : kn->list_fallback, level * 2 + (kn->list ? 1 : 0));
	} else if (vt->type == JSMN_OBJECT) {
		if (kn->tab)
			walk_object(c, v, kn, level);
	} else if (vt->type == JSMN_STRING && kn->tab && vt->end > vt->start &&
	           (c->js[vt->start] == '{' || c->js[vt->start] == '[')) {
		walk_string_json(c, v, kn, level, NULL, 0);
	} else if (kn->field == SL_F_CATEGORY) {
		/* the diagnostic category is the envelope's: a record under "properties" may
		 * have a category of its own (an audit's UserManagement) */
		set_value(c, kn->field, v, &c->row->f[kn->field], level < 255 ? 255 - level : 0);
	} else {
		if (kn->field >= 0)
			set_value(c, kn->field, v, &c->row->f[kn->field], level * 2 + 1);
		if (kn->fallback >= 0)
			set_value(c, kn->fallback, v, &c->row->f[kn->fallback], level * 2);
	}
}

/* Walk the object at token i with the trie node; returns the index after the object. */
static int walk_object(struct ctx *c, int i, const struct tnode *node, int level)
{
	int n = c->t[i].size, k = i + 1;
	for (int m = 0; m < n && k + 1 < c->nt; m++) {
		const jsmntok_t *key = &c->t[k];
		size_t kl = (size_t)(key->end - key->start);
		const char *ks = c->js + key->start;
		const struct tnode *kn = node->tab ? lookup(c, node, m, ks, kl) : NULL;
		if (kn)
			member(c, kn, k + 1, level);
		k = skip(c->t, k + 1, c->nt);
	}
	return k;
}

/* ---- member splitter ----------------------------------------------------------------
 * Most of a sign-in is of no use to a given command (policy details, processing details,
 * device data ...). This steps over the members of a record's object, checking every value
 * strictly (json_check.c), and jsmn tokenizes just the values whose keys are in the trie.
 * Anything unexpected makes it give up, and the record is checked and parsed whole. */

static size_t ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* Walk the object text s[0, n) (s[0] is '{') member by member. Returns the index after it,
 * or 0 to give up (malformed, or a wrapper such as {"value":[...]}). */
static size_t walk_raw(struct ctx *c, const char *s, size_t n, const struct tnode *node, int level)
{
	size_t i = ws(s, 1, n);
	int m = 0;
	if (i < n && s[i] == '}')
		return i + 1;
	for (;; m++) {
		if (i >= n || s[i] != '"')
			return 0;
		size_t ke = sl_jstr_end(s, i, n, &c->jerr);
		if (!ke)
			return 0;
		const char *ks = s + i + 1;
		size_t kl = ke - i - 2;
		if (memchr(ks, '\\', kl))
			return 0;       /* an escape in a key: rare, leave it to the whole parse */
		i = ws(s, ke, n);
		if (i >= n || s[i] != ':')
			return 0;
		i = ws(s, i + 1, n);
		/* most members are strings: checked inline */
		size_t ve = i < n && s[i] == '"' ? sl_jstr_end(s, i, n, &c->jerr) : sl_json_value_end(s, i, n, &c->jerr);
		if (!ve)
			return 0;
		if (level == 1 && s[i] == '[' && (sl_strncaseeq(ks, kl, "value") || sl_strncaseeq(ks, kl, "records")))
			return 0;
		const struct tnode *kn = lookup(c, node, m, ks, kl);
		if (kn && kn->kind == K_SHAPE) {
			if (level == 1 && kn->shape > c->row->shape)
				c->row->shape = (uint8_t)kn->shape;
		} else if (!kn) {
			/* not read, but checked */
		} else if (kn->kind == K_NEST && s[i] == '{') {
			if (level >= SL_JSON_MAX_DEPTH || !walk_raw(c, s + i, ve - i, &root, level + 1))
				return 0;
		} else if (kn) {
			unsigned pos;
			const char *js = c->js;
			const jsmntok_t *t = c->t;
			int r = tokenize(s + i, ve - i, &c->p->tok, &c->p->ntok, &pos);
			if (r <= 0 || skip(c->p->tok, 0, r) != r)
				return 0;
			int nt = c->nt;
			c->js = s + i;
			c->t = c->p->tok;
			c->nt = r;
			member(c, kn, 0, level);
			c->js = js;
			c->t = t;
			c->nt = nt;
		}
		i = ws(s, ve, n);
		if (i < n && s[i] == ',') {
			i = ws(s, i + 1, n);
			continue;
		}
		if (i < n && s[i] == '}')
			return i + 1;
		return 0;
	}
}

/* Line of byte upto of the document; calls come in increasing order of upto. */
static uint64_t line_at(struct ctx *c, size_t upto)
{
	for (; c->lpos < upto; c->lpos++)
		if (c->js[c->lpos] == '\n')
			c->lline++;
	return c->lline;
}

/* Does the JSON text of a record hold invalid UTF-8, or a \u escape of NUL or of an unpaired
 * surrogate? Checked on the whole record, so the count does not depend on which fields the
 * command loads. */
static int raw_invalid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		i = ascii_run(s, i, n);
		if (i >= n)
			break;
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\\' && i + 1 < n) {
			uint32_t cp, lo;
			if (s[i + 1] != 'u') {
				i += 2;
				continue;
			}
			if (hex4(s, n, i + 2, &cp) != 0 || cp == 0)
				return 1;
			i += 6;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return 1;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' || hex4(s, n, i + 2, &lo) != 0 ||
				    lo < 0xDC00 || lo > 0xDFFF)
					return 1;
				i += 6;
			}
			continue;
		}
		if (ch < 0x80) {
			i++;
			continue;
		}
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l)
			return 1;
		i += l;
	}
	return 0;
}

static void record(struct ctx *c, int i, uint64_t line, struct sl_row **rows, size_t *nrows, size_t *cap)
{
	struct sl_row *r = sl_row_new(rows, nrows, cap, line);
	c->row = r;
	if (c->t[i].type != JSMN_OBJECT) {
		r->error = "not a JSON object";
		return;
	}
	walk_object(c, i, &root, 1);
	if (!r->invalid_utf8 && raw_invalid(c->js + c->t[i].start, (size_t)(c->t[i].end - c->t[i].start)))
		r->invalid_utf8 = 1;
	if (!r->f[SL_F_REQUEST_ID].set)
		r->fp = sl_hash64(c->js + c->t[i].start, (size_t)(c->t[i].end - c->t[i].start));
	sl_row_finish(r, c->scratch);
}

/* Is the object at token i a wrapper ({"value":[...]} or {"records":[...]})? Returns the
 * array token or -1. */
static int wrapped_array(struct ctx *c, int i)
{
	int n = c->t[i].size, k = i + 1;
	/* a page or message has a handful of keys; a sign-in has dozens */
	if (n > 8)
		return -1;
	for (int m = 0; m < n && k + 1 < c->nt; m++) {
		const jsmntok_t *key = &c->t[k];
		size_t kl = (size_t)(key->end - key->start);
		const char *ks = c->js + key->start;
		if (c->t[k + 1].type == JSMN_ARRAY &&
		    (sl_strncaseeq(ks, kl, "value") || sl_strncaseeq(ks, kl, "records")))
			return k + 1;
		k = skip(c->t, k + 1, c->nt);
	}
	return -1;
}

/* The usual case: the document is one sign-in object. Returns 0 when it must be parsed whole. */
static int record_raw(struct ctx *c, const char *doc, size_t len, uint64_t line,
                      struct sl_row **rows, size_t *nrows, size_t *cap)
{
	size_t start = ws(doc, 0, len), before = *nrows, end;
	if (start >= len || doc[start] != '{')
		return 0;
	struct sl_row *r = sl_row_new(rows, nrows, cap, line);
	c->row = r;
	c->jerr.seen = 0;
	end = walk_raw(c, doc + start, len - start, &root, 1);
	if (!end || ws(doc, start + end, len) != len) {
		*nrows = before;
		return 0;
	}
	/* every byte of the record was checked, outside strings as JSON's ASCII syntax and inside
	 * them by sl_jstr_end: without a byte of 0x80 or above or a \u escape there is nothing
	 * for the UTF-8 look to find */
	if (!r->invalid_utf8 && (c->jerr.seen & (SL_JSEEN_HIGH | SL_JSEEN_U)) && raw_invalid(doc + start, end))
		r->invalid_utf8 = 1;
	if (!r->f[SL_F_REQUEST_ID].set)
		r->fp = sl_hash64(doc + start, end);
	sl_row_finish(r, c->scratch);
	return 1;
}

/* Reject a document that is not JSON: one row, at the line of the error. */
static void invalid(struct ctx *c, const char *doc, size_t len, uint64_t line, int flags, const struct sl_jerr *e,
                    struct sl_row **rows, size_t *nrows, size_t *cap)
{
	struct sl_row *row = sl_row_new(rows, nrows, cap, line);
	char what[160];
	size_t at = e->pos < len ? e->pos : len;
	if (e->pos >= len && (flags & SL_DOC_AT_EOF)) {
		row->error = "truncated record (the input ends inside it)";
		return;
	}
	row->line = line_at(c, at);
	sl_jerr_text(e, what, sizeof what);
	if (flags & SL_DOC_RESYNC) {
		uint64_t last = line_at(c, len ? len - 1 : 0);
		char lines[64];
		if (last > line)
			snprintf(lines, sizeof lines, "lines %llu-%llu", (unsigned long long)line, (unsigned long long)last);
		else
			snprintf(lines, sizeof lines, "line %llu", (unsigned long long)line);
		/* the splitter cut the record: say what it found rather than what is missing */
		if (e->pos >= len)
			snprintf(what, sizeof what, "the record does not close (a '}' or ']' is missing)");
		else if (strcmp(e->what, SL_JERR_AFTER) == 0)
			snprintf(what, sizeof what, "a stray closing bracket ends the record early");
		row->error = sl_arena_printf(c->scratch, "invalid JSON: %s (byte %zu of the record); skipped %zu bytes, %s",
		                             what, at + 1, len, lines);
		return;
	}
	row->error = sl_arena_printf(c->scratch, "invalid JSON: %s (byte %zu of the record)", what, at + 1);
	(void)doc;
}

void sl_json_parse_doc(struct sl_jparser *p, const char *doc, size_t len, uint64_t line, int flags,
                       struct sl_arena *scratch, struct sl_row **rows, size_t *nrows, size_t *cap)
{
	struct ctx c = { .js = doc, .scratch = scratch, .p = p, .lline = line };
	struct sl_jerr e;
	unsigned pos = 0;
	if (!p->whole && !(flags & SL_DOC_RESYNC) && record_raw(&c, doc, len, line, rows, nrows, cap))
		return;
	c.row = NULL;
	/* jsmn is lenient (trailing commas, 000, a stray bracket that ends an object early) and
	 * quadratic in the nesting depth: it only sees text that is checked */
	if (sl_json_check(doc, len, &e) != 0) {
		invalid(&c, doc, len, line, flags, &e, rows, nrows, cap);
		return;
	}
	int r = tokenize(doc, len, &p->tok, &p->ntok, &pos);
	if (r <= 0) {
		struct sl_row *row = sl_row_new(rows, nrows, cap, line);
		row->error = r == JSMN_ERROR_NOMEM ? "record too large: more than 4194304 JSON values" : "empty record";
		return;
	}
	c.t = p->tok;
	c.nt = r;
	if (skip(c.t, 0, r) != r) {
		struct sl_row *row = sl_row_new(rows, nrows, cap, line);
		row->error = "more than one JSON value on the line";
		return;
	}
	if (c.t[0].type == JSMN_OBJECT) {
		int arr = wrapped_array(&c, 0);
		if (arr < 0) {
			record(&c, 0, line, rows, nrows, cap);
			return;
		}
		for (int k = 0, j = arr + 1; k < c.t[arr].size && j < r; k++, j = skip(c.t, j, r))
			record(&c, j, line_at(&c, (size_t)c.t[j].start), rows, nrows, cap);
	} else if (c.t[0].type == JSMN_ARRAY) {
		for (int k = 0, j = 1; k < c.t[0].size && j < r; k++, j = skip(c.t, j, r)) {
			uint64_t l = line_at(&c, (size_t)c.t[j].start);
			if (c.t[j].type == JSMN_OBJECT && wrapped_array(&c, j) >= 0) {
				int arr = wrapped_array(&c, j);
				for (int e2 = 0, j2 = arr + 1; e2 < c.t[arr].size && j2 < r; e2++, j2 = skip(c.t, j2, r))
					record(&c, j2, line_at(&c, (size_t)c.t[j2].start), rows, nrows, cap);
			} else {
				record(&c, j, l, rows, nrows, cap);
			}
		}
	} else {
		struct sl_row *row = sl_row_new(rows, nrows, cap, line);
		row->error = "not a JSON object";
	}
}

/* ---- columns of tabular exports --------------------------------------------------------
 * Log Analytics and PowerShell CSVs name their columns by the same keys as the JSON (dotted
 * for nested ones), and hold JSON text in some cells: the trie resolves the titles, and the
 * walkers above read those cells, so both kinds fill fields exactly as the JSON readers do. */

int sl_json_column(const char *title, size_t len, struct sl_jcol *out)
{
	const struct tnode *n = &root;
	const char *q = title, *end = title + len;
	memset(out, 0, sizeof *out);
	out->field = out->fallback = -1;
	if (!len)
		return -1;
	while (q < end) {
		const char *dot = memchr(q, '.', (size_t)(end - q));
		size_t seg = dot ? (size_t)(dot - q) : (size_t)(end - q);
		n = kid_find(n, q, seg, key_hash(q, seg));
		if (!n)
			return -1;
		q += seg + (dot ? 1 : 0);
	}
	if (n->kind == K_NEST)
		return -1;
	out->node = n;
	out->field = n->field;
	out->fallback = n->fallback;
	out->list = n->list ? n->list : n->list_fallback;
	out->list_primary = n->list != 0;
	out->evtypes = n->kind == K_EVTYPES;
	out->object = n->tab != NULL;
	return out->field < 0 && out->fallback < 0 && !out->list && !out->evtypes && !out->object ? -1 : 0;
}

void sl_json_set_text(struct sl_jparser *p, int f, const char *s, size_t n, int prio,
                      struct sl_row *r, struct sl_arena *scratch)
{
	enum sl_ftype type = sl_fields[f].type;
	struct sl_val *v = &r->f[f];
	if (!r->invalid_utf8 && (type == SL_FT_STR || type == SL_FT_GUID) && n && n <= UINT32_MAX) {
		/* the record's text was checked as a whole and is valid: set as it is */
		if (v->set && v->prio > prio)
			return;
		memset(v, 0, sizeof *v);
		v->s = s;
		v->len = (uint32_t)n;
		v->hash = sl_hash(s, n);
		v->set = 1;
		v->prio = (uint8_t)prio;
		return;
	}
	jsmntok_t t = { .type = JSMN_STRING, .start = 0, .end = (int)(n > INT32_MAX ? INT32_MAX : n), .size = 0 };
	struct ctx c = { .js = s, .t = &t, .nt = 1, .scratch = scratch, .row = r, .p = p, .raw = 1 };
	set_value(&c, f, 0, &r->f[f], prio);
}

void sl_json_cell(struct sl_jparser *p, const struct sl_jcol *col, const char *s, size_t n, int prio,
                  struct sl_row *r, struct sl_arena *scratch)
{
	const struct tnode *node = col->node;
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (i < n && (s[i] == '{' || s[i] == '[') && (col->list || col->evtypes || col->object)) {
		unsigned pos;
		struct sl_jerr e;
		if (sl_json_check(s, n, &e) != 0)
			return;
		int nt = tokenize(s, n, &p->tok2, &p->ntok2, &pos);
		if (nt <= 0)
			return;
		struct ctx c = { .js = s, .t = p->tok2, .nt = nt, .scratch = scratch, .row = r, .p = p, .nested = 1 };
		if (col->evtypes)
			take_evtypes(&c, 0);
		else if (col->list)
			take_list(&c, 0, col->list, prio * 2 + (col->list_primary ? 1 : 0));
		else if (p->tok2[0].type == JSMN_OBJECT)
			walk_object(&c, 0, node, prio);
		return;
	}
	if (col->field >= 0)
		sl_json_set_text(p, col->field, s, n, prio * 2 + 1, r, scratch);
	if (col->fallback >= 0)
		sl_json_set_text(p, col->fallback, s, n, prio * 2, r, scratch);
}

int sl_utf8_invalid(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	/* plain ASCII without NUL 64, then 16 bytes at a time: the top bits of the bytes, and the
	 * bytes equal to zero, are the mask */
	const __m128i zero = _mm_setzero_si128();
	while (i + 64 <= n) {
		const __m128i *v = (const __m128i *)(const void *)(s + i);
		__m128i a = _mm_loadu_si128(v), b = _mm_loadu_si128(v + 1), c = _mm_loadu_si128(v + 2), d = _mm_loadu_si128(v + 3);
		__m128i o = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
		__m128i m = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
		if (_mm_movemask_epi8(_mm_or_si128(o, _mm_cmpeq_epi8(m, zero))))
			break;
		i += 64;
	}
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, zero))))
			break;
		i += 16;
	}
#endif
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == 0)
			return 1;
		if (ch < 0x80) {
			uint64_t w;
			i++;
			/* plain ASCII without NUL a word at a time */
			while (i + 8 <= n) {
				memcpy(&w, s + i, 8);
				if ((w & 0x8080808080808080ull) || ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
					break;
				i += 8;
			}
			continue;
		}
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l)
			return 1;
		i += l;
	}
	return 0;
}
