/* util.c — allocation that exits on failure, diagnostics, small string helpers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "write.h"

static _Noreturn void oom(void)
{
	fputs("signlog: out of memory\n", stderr);
	exit(SL_EXIT_ERROR);
}

void *sl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *sl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *sl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *sl_xstrdup(const char *s)
{
	return sl_xstrndup(s, strlen(s));
}

char *sl_xstrndup(const char *s, size_t n)
{
	char *p = sl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sl_grow(void **p, size_t *cap, size_t need, size_t es)
{
	size_t c = *cap ? *cap : 16;
	if (need <= *cap)
		return;
	while (c < need) {
		if (c > SIZE_MAX / 2 / es)
			oom();
		c *= 2;
	}
	*p = sl_xrealloc(*p, c * es);
	*cap = c;
}

/* File names and record text reach diagnostics: escape them like the text writer does, so
 * an input can never send terminal escape sequences to the investigator's terminal. */
static void vwarn(const char *fmt, va_list ap)
{
	char small[512], *msg = small;
	va_list cp;
	int n;
	va_copy(cp, ap);
	n = vsnprintf(small, sizeof small, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof small) {
		msg = sl_xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	fputs("signlog: ", stderr);
	sl_text_escape(stderr, msg, 0);
	fputc('\n', stderr);
	if (msg != small)
		free(msg);
}

void sl_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

_Noreturn void sl_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

void sl_ascii_lower(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (char)(src[i] >= 'A' && src[i] <= 'Z' ? src[i] + 32 : src[i]);
}

int sl_strncaseeq(const char *a, size_t alen, const char *b)
{
	size_t i;
	for (i = 0; i < alen; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (!y)
			return 0;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
	}
	return b[alen] == '\0';
}

int sl_parse_i64(const char *s, size_t len, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (uint64_t)INT64_MAX / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > (uint64_t)INT64_MAX)
			return -1;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

static int lower_ch(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

size_t sl_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), r;
	/* three rolling rows of the optimal string alignment distance: i - 2, i - 1 and i */
	size_t *buf = sl_xmalloc((lb + 1) * 3 * sizeof *buf);
	size_t *p2 = buf, *p1 = buf + lb + 1, *cur = buf + 2 * (lb + 1), *t;
	for (size_t j = 0; j <= lb; j++)
		p1[j] = j;
	for (size_t i = 1; i <= la; i++) {
		int ca = lower_ch((unsigned char)a[i - 1]);
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			int cb = lower_ch((unsigned char)b[j - 1]);
			size_t m = p1[j] + 1;
			if (cur[j - 1] + 1 < m)
				m = cur[j - 1] + 1;
			if (p1[j - 1] + (ca != cb) < m)
				m = p1[j - 1] + (ca != cb);
			if (i > 1 && j > 1 && ca == lower_ch((unsigned char)b[j - 2]) &&
			    lower_ch((unsigned char)a[i - 2]) == cb && p2[j - 2] + 1 < m)
				m = p2[j - 2] + 1;
			cur[j] = m;
		}
		t = p2;
		p2 = p1;
		p1 = cur;
		cur = t;
	}
	r = p1[lb];
	free(buf);
	return r;
}

const char *sl_nearest(const char *word, const char *const *cands, size_t n)
{
	size_t best = (size_t)-1, len = strlen(word);
	const char *pick = NULL;
	/* near enough: a typo or two, more in a long word; never a guess at a short one */
	size_t limit = len <= 3 ? 1 : len <= 8 ? 2 : 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = sl_edit_distance(word, cands[i]);
		/* a word cut short ("interactiv") or one that runs on is near too */
		size_t lc = strlen(cands[i]);
		size_t common = 0;
		if (len >= 3 && lc > len && strncmp(cands[i], word, len) == 0 && lc - len <= 3)
			d = d < 1 ? d : 1;
		/* another ending of the same word ("failed", "failure") */
		while (word[common] && lower_ch((unsigned char)word[common]) == lower_ch((unsigned char)cands[i][common]))
			common++;
		if (common >= 4 && d > limit)
			d = limit;
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	/* an exact match differs in case only: worth saying too */
	return best <= limit && strcmp(pick, word) != 0 ? pick : NULL;
}

const char *sl_did_you_mean(const char *word, const char *const *cands, size_t n, char *buf, size_t size)
{
	const char *near = sl_nearest(word, cands, n);
	if (size)
		buf[0] = '\0';   /* callers may test the buffer as well as the result */
	if (!near)
		return "";
	snprintf(buf, size, "; did you mean %s?", near);
	return buf;
}

int sl_size_parse(const char *s, uint64_t *out)
{
	size_t n = strlen(s);
	int shift = 0;
	int64_t v;
	if (n && strchr("kKmMgGtT", s[n - 1])) {
		shift = strchr("kK", s[n - 1]) ? 10 : strchr("mM", s[n - 1]) ? 20 : strchr("gG", s[n - 1]) ? 30 : 40;
		n--;
	}
	if (!n || sl_parse_i64(s, n, &v) != 0 || v < 0 || (uint64_t)v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}
