/* json_check.h — strict RFC 8259 validation of JSON text: iterative, with a nesting cap, so
 * hostile input costs linear time and no stack. jsmn (lenient) only ever sees checked text. */
#ifndef SL_JSON_CHECK_H
#define SL_JSON_CHECK_H
#include <stddef.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Deeper nesting is an error: no export nests more than a dozen levels. */
#define SL_JSON_MAX_DEPTH 512

/* Where and why a text is not JSON. what is a static string; ch is the offending byte
 * (what says whether it is shown). */
struct sl_jerr {
	size_t pos;           /* byte offset of the error in the text checked */
	const char *what;
	int ch;               /* the byte at pos, or -1 at the end of the text */
	unsigned seen;        /* SL_JSEEN_ bits of the strings checked; the caller clears it */
};
/* What the strings held: a byte of 0x80 or above (UTF-8 to check), a \u escape (NUL or a
 * surrogate to check). Without either, a record checked whole cannot hold invalid UTF-8. */
#define SL_JSEEN_HIGH 1u
#define SL_JSEEN_U    2u

/* Index just past the JSON value that starts at s[i] (no white space before it), or 0 with
 * *e set. Objects and arrays are checked to the end, strings for escapes and control
 * characters, numbers and the three words exactly. */
size_t sl_json_value_end(const char *s, size_t i, size_t n, struct sl_jerr *e);
/* Index just past the string whose opening quote is at s[i], or 0 with *e set. */
size_t sl_json_string_end(const char *s, size_t i, size_t n, struct sl_jerr *e);
/* The same, inline (strings are most of the bytes); the error side is out of line. */
size_t sl_jstr_fail(const char *s, size_t i, size_t n, struct sl_jerr *e);
static inline int sl_jhex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline size_t sl_jstr_end(const char *s, size_t i, size_t n, struct sl_jerr *e)
{
	i++;
	for (;;) {
#ifdef __SSE2__
		/* sixteen bytes at a time up to a quote, a backslash or a control byte */
		const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
		if (!(e->seen & SL_JSEEN_HIGH)) {
			/* a signed compare with ' ' stops at control bytes and at bytes of 0x80 and
			 * above in one step; after the first of those only the first kind stops */
			const __m128i sp = _mm_set1_epi8(' ');
			while (i + 16 <= n) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
				__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs)),
				                         _mm_cmplt_epi8(v, sp));
				int bits = _mm_movemask_epi8(m);
				if (bits) {
					i += (size_t)__builtin_ctz((unsigned)bits);
					break;
				}
				i += 16;
			}
		} else {
			const __m128i c1f = _mm_set1_epi8(0x1f);
			while (i + 16 <= n) {
				__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
				__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs)),
				                         _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
				int bits = _mm_movemask_epi8(m);
				if (bits) {
					i += (size_t)__builtin_ctz((unsigned)bits);
					break;
				}
				i += 16;
			}
		}
		if (i < n && (unsigned char)s[i] >= 0x80) {
			e->seen |= SL_JSEEN_HIGH;
			i++;
			continue;
		}
#endif
		while (i < n && s[i] != '"' && s[i] != '\\' && (unsigned char)s[i] >= 0x20) {
			if ((unsigned char)s[i] >= 0x80)
				e->seen |= SL_JSEEN_HIGH;
			i++;
		}
		if (i < n && s[i] == '"')
			return i + 1;
		if (i + 1 >= n || s[i] != '\\')
			return sl_jstr_fail(s, i, n, e);
		switch (s[i + 1]) {
		case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
			i += 2;
			break;
		case 'u':
			if (i + 6 > n || !sl_jhex(s[i + 2]) || !sl_jhex(s[i + 3]) || !sl_jhex(s[i + 4]) || !sl_jhex(s[i + 5]))
				return sl_jstr_fail(s, i, n, e);
			e->seen |= SL_JSEEN_U;
			i += 6;
			break;
		default:
			return sl_jstr_fail(s, i, n, e);
		}
	}
}
/* what says this when a complete value is followed by more than white space */
#define SL_JERR_AFTER "text after the end of the value"
/* 0 when s[0, n) is exactly one JSON value with optional white space around it; else -1
 * with *e set. */
int sl_json_check(const char *s, size_t n, struct sl_jerr *e);
/* "WHAT" with the offending byte, e.g. "',' before '}'" or "control byte 0x01 in a string",
 * into buf (returned). */
const char *sl_jerr_text(const struct sl_jerr *e, char *buf, size_t size);

#endif
