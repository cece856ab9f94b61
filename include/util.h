/* util.h — allocation that exits on failure, diagnostics with the program name. */
#ifndef SL_UTIL_H
#define SL_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* Exit statuses; their meaning never changes (documented in signlog(1)). */
enum { SL_EXIT_OK = 0, SL_EXIT_ERROR = 1, SL_EXIT_USAGE = 2, SL_EXIT_REJECTED = 3 };

/* All allocators print "signlog: out of memory" and exit(1) on failure. */
void *sl_xmalloc(size_t n);
void *sl_xcalloc(size_t n, size_t size);
void *sl_xrealloc(void *p, size_t n);
char *sl_xstrdup(const char *s);
char *sl_xstrndup(const char *s, size_t n);

/* Grow *p (element size es) so that index need-1 fits; doubles the capacity. */
void sl_grow(void **p, size_t *cap, size_t need, size_t es);

/* "signlog: MSG\n" on stderr; sl_die exits with status. */
void sl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void sl_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* dst[0, n) = src[0, n) with ASCII letters in lower case (dst may be src). */
void sl_ascii_lower(char *dst, const char *src, size_t n);
/* Case-insensitive ASCII comparison of a counted string with a C string. */
int sl_strncaseeq(const char *a, size_t alen, const char *b);
/* Edit distance of a and b (insertions, deletions, substitutions, adjacent transpositions),
 * ASCII letters compared without regard to case. */
size_t sl_edit_distance(const char *a, const char *b);
/* The nearest of cands[0..n) to word (edit distance, ASCII case ignored), or NULL when none
 * is near enough to suggest. */
const char *sl_nearest(const char *word, const char *const *cands, size_t n);
/* "; did you mean X?" (empty when there is nothing to suggest), in the report or static. */
const char *sl_did_you_mean(const char *word, const char *const *cands, size_t n, char *buf, size_t size);

/* Parse a decimal integer from [s, s+len); returns 0 on success. */
int sl_parse_i64(const char *s, size_t len, int64_t *out);
/* Parse a size: a number of bytes, optionally followed by K, M, G or T (powers of 1024).
 * Returns 0 on success. */
int sl_size_parse(const char *s, uint64_t *out);

#endif
