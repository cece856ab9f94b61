/* read_json.h — JSON input: the streaming splitter that finds top-level records, and the
 * record parser (jsmn tokens walked against the field registry) that fills rows. */
#ifndef SL_READ_JSON_H
#define SL_READ_JSON_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "row.h"
#include "json_check.h"

/* ---- splitter ------------------------------------------------------------------------ */

/* One unit of work: a complete JSON value (object or array) or, in line mode, one line. */
struct sl_doc {
	size_t off, len;      /* within the buffer handed to sl_jscan_feed */
	uint64_t line;        /* line where it starts (1-based) */
	int at_eof;           /* emitted because the input ended: may be cut short */
	int resync;           /* a broken record cut where the next one plainly starts: these bytes
	                       * are skipped as one rejected record */
};

/* Splitter state, kept across buffers. Containers whose elements are records (a top-level
 * array, or the "value"/"records" array of a wrapper object) are streamed element by element,
 * so a 1 GB single-line array is never held as one document.
 *
 * Broken records: brackets are matched by kind, and an element is held until what follows it
 * shows that it ended there. A stray '}' that closes a record early (then ':' or a string
 * where ',' or ']' must follow), a record that never closes ('{' where a member name must
 * follow a ','), or a closing bracket of the wrong kind cost that one record: the bytes up to
 * where the next record plainly starts become one doc marked resync, which the parser rejects
 * saying how much was skipped. */
struct sl_jscan {
	int depth;            /* bracket depth at the current position */
	int in_str, esc;
	int base;             /* depth at which record elements start (-1: none) */
	int top;              /* 0 idle; '[' or '{' while inside a top-level value */
	int wrap_key;         /* depth-1 key of a top-level object is "value"/"records" */
	int key_pos;          /* next depth-1 string in the top-level object is a key */
	int after_colon;
	char key[12];
	size_t keylen;
	int lines;            /* line mode: one record per line, split with memchr */
	int nrecs_seen;
	int bol;              /* the byte before the next buffer's first one ends a line (or
	                       * there was none) */
	int doc_bol;          /* the record being collected starts a line */
	int lines_pending;    /* the first record ended at the buffer's end, alone on its line
	                       * so far: line mode if a line end follows before anything else */
	long doc_start;       /* offset of the record being collected, -1 none */
	uint64_t doc_line;
	uint64_t line;        /* current line */
	int elem_scalar;      /* the element being collected is a bare scalar */
	size_t pos;           /* where scanning resumes in the current buffer */
	int bstate;           /* between the elements of a record array: what may come next */
	char last;            /* the last byte outside strings and white space */
	long comma;           /* offset of the last ',' */
	size_t scalar_end;    /* end of a scalar element held with the pending record */
	long pend_start;      /* a record that ended, held until what follows confirms it, -1 none */
	size_t pend_len;
	uint64_t pend_line;
	long skip_start;      /* resynchronising after a broken record: where it started, -1 none */
	uint64_t skip_line;
	int skip_depth;
	uint64_t kinds[SL_JSON_MAX_DEPTH / 64];  /* bit d: the bracket open at depth d is '[' */
};

void sl_jscan_init(struct sl_jscan *s);
/* Scan buf from s->pos to len. Complete records are appended to *docs (grown with sl_grow).
 * Returns the offset of the first byte still needed (an incomplete record), or len. The
 * caller moves buf[ret, len) to the start of its next buffer, calls sl_jscan_rebase(s, ret),
 * appends new data after it and feeds again. eof: no more data follows; an incomplete record
 * is then emitted as it is (the parser reports it truncated). */
size_t sl_jscan_feed(struct sl_jscan *s, const char *buf, size_t len, int eof,
                     struct sl_doc **docs, size_t *ndocs, size_t *cap);
/* Rebase after the caller moved the pending bytes to the start of a new buffer. */
void sl_jscan_rebase(struct sl_jscan *s, size_t shift);

/* ---- record parser ------------------------------------------------------------------- */

/* Per-thread parser context (token buffers); owns its memory. */
struct sl_jparser;
struct sl_jparser *sl_jparser_new(void);
/* whole != 0: tokenize every record whole instead of stepping over the members no field
 * needs; the results must be the same either way (the tests compare them). */
void sl_jparser_whole(struct sl_jparser *p, int whole);
void sl_jparser_free(struct sl_jparser *p);

/* Parse one document into rows appended to *rows (grown with sl_grow). Each sign-in found
 * (a record, the elements of an array or of a "value"/"records" wrapper) becomes a row;
 * a malformed one becomes a row with error set: a document that is not JSON (RFC 8259,
 * nested at most SL_JSON_MAX_DEPTH deep) is one rejected row. Strings point into doc or into
 * scratch. flags: SL_DOC_AT_EOF (the input ended inside it), SL_DOC_RESYNC (a broken record
 * the splitter cut: the message says what was skipped). */
#define SL_DOC_AT_EOF 1
#define SL_DOC_RESYNC 2
void sl_json_parse_doc(struct sl_jparser *p, const char *doc, size_t len, uint64_t line, int flags,
                       struct sl_arena *scratch, struct sl_row **rows, size_t *nrows, size_t *cap);

/* ---- columns of tabular exports ------------------------------------------------------ */

/* A column title resolved against the registry's JSON and Log Analytics paths: a dotted
 * title walks nested keys ("Status.ErrorCode"), matched case-insensitively. */
struct sl_jcol {
	const void *node;     /* trie node (private) */
	int field, fallback;  /* field a plain value sets (primary / fallback source), or -1 */
	int list;             /* the value is this list's JSON array text, or 0 */
	int list_primary;
	int evtypes;          /* signInEventTypes */
	int object;           /* JSON object text whose members fill fields */
};
/* 0 and *out filled when the title names something the registry reads, else -1. Call after
 * sl_json_init. */
int sl_json_column(const char *title, size_t len, struct sl_jcol *out);
/* Put one cell's text (already unquoted, no JSON escapes) into r through a resolved column:
 * JSON object or array text is parsed and walked as the JSON readers would; other text sets
 * the field as a string value. prio: 1 for a primary column, 0 for a fallback one. */
void sl_json_cell(struct sl_jparser *p, const struct sl_jcol *col, const char *s, size_t n, int prio,
                  struct sl_row *r, struct sl_arena *scratch);
/* Set field f from plain text (converted to the field's type; invalid UTF-8 replaced and
 * flagged), if no better-priority value is there. The text is a cell of a record whose bytes
 * were checked as a whole before: r->invalid_utf8 is 0 only if they are all valid UTF-8 (then
 * text is set without a second look). */
void sl_json_set_text(struct sl_jparser *p, int f, const char *s, size_t n, int prio,
                      struct sl_row *r, struct sl_arena *scratch);
/* Does s hold invalid UTF-8 or a NUL byte? (No escapes are interpreted.) Text with either is
 * set through the slow path, which replaces them with U+FFFD and flags the row. */
int sl_utf8_invalid(const char *s, size_t n);

/* Build the key trie from the registry for the wanted fields (NULL: all; the core fields
 * are always added). The first call wins; call it before starting threads. */
void sl_json_init(const uint8_t *want);

#endif
