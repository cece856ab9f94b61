/* write.h — writers render a filled report; they never compute. */
#ifndef SL_WRITE_H
#define SL_WRITE_H
#include <stdint.h>
#include <stdio.h>
#include "table.h"

enum sl_format { SL_FMT_TEXT, SL_FMT_CSV, SL_FMT_JSON, SL_FMT_MD, SL_FMT_JSONL };

struct sl_write_opts {
	enum sl_format format;
	int ascii;       /* text: bars with '#' instead of Unicode blocks */
	int csv_raw;     /* csv: no formula guard */
	int wide;        /* text: cells whole, not fitted to SL_TEXT_WIDTH columns */
	int escape;      /* csv: control and bidi characters escaped as in text (a terminal) */
	const char *table; /* only the table of this name (csv: instead of the primary table) */
};

/* Text output fits this many terminal columns unless --wide. */
#define SL_TEXT_WIDTH 120

/* Returns 0, or -1 on a write error (errno set). */
int sl_write(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_text(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_csv(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_json(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
int sl_write_md(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
/* Every row of every TABLE section as one compact JSON object per line, nothing else. */
int sl_write_jsonl(FILE *f, const struct sl_report *r, const struct sl_write_opts *o);
/* Parse "text|csv|json|jsonl|md"; returns 0 or -1. */
int sl_format_parse(const char *s, enum sl_format *out);

/* Shared by the writers (write.c); reports have no use for them. */

/* Big enough for any formatted non-string cell (a PCT of DBL_MAX has 309 digits). */
#define SL_CELL_BUF 400

/* Decode one UTF-8 sequence at s (n >= 1 bytes left). Returns the code point and sets *len,
 * or returns -1 with *len = the length of the maximal invalid subpart (Unicode's
 * recommended practice: one U+FFFD per subpart). Overlongs, surrogates, > U+10FFFF and
 * truncated sequences are invalid. */
int32_t sl_utf8_decode(const unsigned char *s, size_t n, size_t *len);

/* Text of a cell of type t: STR returns c->s; others are formatted into buf (SL_CELL_BUF):
 * INT plain, PCT "%.2f" (+ "%" when pct_sign), FLOAT "%.6g", TIME ISO 8601, BOOL true/false.
 * NULL when there is no value: null cell, SL_TIME_NONE, NaN or infinity; and for LIST,
 * whose items each writer renders itself. */
const char *sl_cell_text(const struct sl_cell *c, enum sl_ctype t, int pct_sign, char *buf);

/* Write s to f (f NULL: only measure) with control characters (C0, DEL, C1) shown as \n \t
 * \r \e (ESC) or \xNN per byte, invalid UTF-8 bytes as \xNN, and the characters that
 * reorder or break a line without showing (bidi controls U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069; U+2028, U+2029) as \uNNNN; md also backslash-escapes
 * \ | < > [ ] ` so that cells cannot split a table or inject links and HTML.
 * Returns the width in terminal cells: escapes by their length, East Asian wide and
 * fullwidth characters (and emoji) two, combining marks none, other characters one. */
size_t sl_text_escape(FILE *f, const char *s, int md);
/* The same, in at most max cells: a wider text is cut after whole characters or escapes and
 * ends in "…". Returns the cells written. */
size_t sl_text_put(FILE *f, const char *s, int md, size_t max);
/* A list cell's items joined by "; " (NULL for no value), an empty item as "-"; malloc'd. */
char *sl_list_join(const struct sl_cell *c, const char *sep);
/* A list cell's items escaped as by sl_text_escape and joined by "; ", an empty item as
 * "-"; returns the width (0 for an empty list). */
size_t sl_list_escape(FILE *f, const struct sl_cell *c, int md);
/* s escaped as text output shows it (no md escapes), malloc'd: CSV on a terminal. */
char *sl_text_escaped(const char *s);

#endif
