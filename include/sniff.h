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
 * human reason for SL_KIND_UNKNOWN ("binary data", "PNG image", ...) and may be NULL.
 *
 * Order: ASCII white space skipped (a buffer of only white space is EMPTY, so pass enough
 * bytes, e.g. 64 KiB); { or [ -> JSON; UTF-16 (BOM FF FE / FE FF, or ASCII text with every
 * other byte NUL) -> UNKNOWN "UTF-16 text (convert to UTF-8)" (PowerShell 5.1 `>` and
 * Out-File write UTF-16LE); known magic numbers -> UNKNOWN with the file type; more than 10%
 * control bytes (NUL included) in the first 64 KiB -> UNKNOWN "binary data"; first line (up to LF, CR stripped)
 * with >= 2 cells when split on , ; or TAB outside "double quotes" -> CSV; else UNKNOWN
 * "text that is neither JSON nor CSV". A first line starting "#TYPE " (Windows PowerShell
 * Export-Csv without -NoTypeInformation) is passed over and the next line is the header:
 * the CSV reader must skip it too. A UTF-8 BOM still present is skipped. why is a static
 * string (NULL for kinds other than UNKNOWN). */
enum sl_kind sl_sniff(const char *buf, size_t len, const char **why);

#endif
