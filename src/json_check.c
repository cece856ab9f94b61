/* json_check.c — strict RFC 8259 checking of JSON text (an explicit bracket stack, never recursion). */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>
#include "json_check.h"

static size_t fail(struct sl_jerr *e, const char *s, size_t pos, size_t n, const char *what)
{
	e->pos = pos;
	e->what = what;
	e->ch = pos < n ? (unsigned char)s[pos] : -1;
	return 0;
}

size_t sl_json_string_end(const char *s, size_t i, size_t n, struct sl_jerr *e)
{
	return sl_jstr_end(s, i, n, e);
}

size_t sl_jstr_fail(const char *s, size_t i, size_t n, struct sl_jerr *e)
{
	if (i >= n)
		return fail(e, s, n, n, "a string is not closed");
	if ((unsigned char)s[i] < 0x20)
		return fail(e, s, i, n, "control byte in a string (it must be escaped)");
	if (s[i] == '\\')
		return fail(e, s, i + 1 < n ? i + 1 : n, n, i + 1 < n && s[i + 1] == 'u' ? "\\u escape without four hexadecimal digits"
		                                                        : i + 1 < n ? "invalid escape in a string" : "a string is not closed");
	return fail(e, s, i, n, "invalid string");
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static size_t number_end(const char *s, size_t i, size_t n, struct sl_jerr *e)
{
	size_t b = i;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !digit(s[i]))
		return fail(e, s, b, n, "invalid number");
	if (s[i] == '0') {
		i++;
		if (i < n && digit(s[i]))
			return fail(e, s, b, n, "number with a leading zero");
	} else {
		while (i < n && digit(s[i]))
			i++;
	}
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !digit(s[i]))
			return fail(e, s, b, n, "invalid number");
		while (i < n && digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !digit(s[i]))
			return fail(e, s, b, n, "invalid number");
		while (i < n && digit(s[i]))
			i++;
	}
	return i;
}

static size_t word_end(const char *s, size_t i, size_t n, const char *w, size_t wl, struct sl_jerr *e)
{
	if (n - i < wl || memcmp(s + i, w, wl) != 0)
		return fail(e, s, i, n, "invalid word (only true, false and null are JSON)");
	return i + wl;
}

static inline size_t ws(const char *s, size_t i, size_t n)
{
	/* one compare decides for every byte but white space and controls */
	while (i < n && (unsigned char)s[i] <= ' ' && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
		i++;
	return i;
}

#define IS_ARRAY(d) ((arrays[(d) / 64] >> ((d) % 64)) & 1)

/* A state machine written with gotos: a value, a member name, what follows a value. */
size_t sl_json_value_end(const char *s, size_t i, size_t n, struct sl_jerr *e)
{
	uint64_t arrays[SL_JSON_MAX_DEPTH / 64];   /* bit d: the bracket open at depth d is '[' */
	int depth = 0;
	char ch;
value:
	i = ws(s, i, n);
	if (i >= n)
		return fail(e, s, n, n, depth ? "the record ends before its brackets close" : "no value");
	ch = s[i];
	if (ch == '"') {
		if (!(i = sl_jstr_end(s, i, n, e)))
			return 0;
		goto after;
	}
	if (ch == '{' || ch == '[') {
		if (depth == SL_JSON_MAX_DEPTH)
			return fail(e, s, i, n, "nested deeper than 512 levels");
		if (ch == '[')
			arrays[depth / 64] |= (uint64_t)1 << (depth % 64);
		else
			arrays[depth / 64] &= ~((uint64_t)1 << (depth % 64));
		depth++;
		i = ws(s, i + 1, n);
		if (i < n && s[i] == (ch == '[' ? ']' : '}')) {
			depth--;
			i++;
			goto after;
		}
		if (ch == '[')
			goto value;
		goto key;
	}
	if (ch == '-' || digit(ch)) {
		if (!(i = number_end(s, i, n, e)))
			return 0;
		goto after;
	}
	if (ch == 't' || ch == 'f' || ch == 'n') {
		if (!(i = word_end(s, i, n, ch == 't' ? "true" : ch == 'f' ? "false" : "null", ch == 'f' ? 5 : 4, e)))
			return 0;
		goto after;
	}
	return fail(e, s, i, n, (ch == ']' || ch == '}') && depth && i > 0 && s[i - 1] == ','
	                            ? "a comma before a closing bracket" : "where a value was expected");
key:
	if (i >= n)
		return fail(e, s, n, n, "the record ends before its brackets close");
	if (s[i] != '"')
		return fail(e, s, i, n, s[i] == '}' ? "a comma before a closing bracket"
		                                    : "where a member name (a string) was expected");
	if (!(i = sl_jstr_end(s, i, n, e)))
		return 0;
	i = ws(s, i, n);
	if (i >= n || s[i] != ':')
		return fail(e, s, i, n, "where ':' was expected after a member name");
	i++;
	goto value;
after:
	if (!depth)
		return i;
	i = ws(s, i, n);
	if (i >= n)
		return fail(e, s, n, n, "the record ends before its brackets close");
	ch = s[i];
	if (ch == ',') {
		i = ws(s, i + 1, n);
		if (IS_ARRAY(depth - 1)) {
			if (i < n && s[i] == ']')
				return fail(e, s, i, n, "a comma before a closing bracket");
			goto value;
		}
		goto key;
	}
	if (ch == '}' || ch == ']') {
		if (IS_ARRAY(depth - 1) != (ch == ']'))
			return fail(e, s, i, n, ch == ']' ? "']' closes an object" : "'}' closes an array");
		depth--;
		i++;
		goto after;
	}
	return fail(e, s, i, n, IS_ARRAY(depth - 1) ? "where ',' or ']' was expected" : "where ',' or '}' was expected");
}

int sl_json_check(const char *s, size_t n, struct sl_jerr *e)
{
	size_t i = ws(s, 0, n), end;
	e->seen = 0;
	if (!(end = sl_json_value_end(s, i, n, e)))
		return -1;
	if (ws(s, end, n) != n) {
		fail(e, s, ws(s, end, n), n, SL_JERR_AFTER);
		return -1;
	}
	return 0;
}

const char *sl_jerr_text(const struct sl_jerr *e, char *buf, size_t size)
{
	const char *w = e->what ? e->what : "invalid";
	if (strncmp(w, "where", 5) == 0) {
		if (e->ch >= 0x21 && e->ch < 0x7f)
			snprintf(buf, size, "'%c' %s", e->ch, w);
		else if (e->ch >= 0)
			snprintf(buf, size, "byte 0x%02x %s", e->ch, w);
		else
			snprintf(buf, size, "the end %s", w);
	} else if (strncmp(w, "control byte", 12) == 0 && e->ch >= 0) {
		snprintf(buf, size, "control byte 0x%02x%s", e->ch, w + 12);
	} else {
		snprintf(buf, size, "%s", w);
	}
	return buf;
}
