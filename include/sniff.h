/* sniff.h — decide the container of an input from its first bytes, never from its name. */
#ifndef SL_SNIFF_H
#define SL_SNIFF_H
#include <stddef.h>

enum sl_kind {
	SL_KIND_EMPTY,     /* nothing but white space */
	SL_KIND_JSON,      /* first non-blank byte is { or [ */
	SL_KIND_CSV,       /* a text header line with a delimiter (, ; or TAB) */
	SL_KIND_UNKNOWN    /* binary or other text: not a sign-in export */
};

/* Look at decoded data (gzip already inflated, BOM already skipped). why receives a short
 * human reason for SL_KIND_UNKNOWN ("binary data", "PNG image", ...) and may be NULL. */
enum sl_kind sl_sniff(const char *buf, size_t len, const char **why);

#endif
