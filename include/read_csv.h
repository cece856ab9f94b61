/* read_csv.h — CSV input: the record splitter, the header that maps a file's columns to
 * fields, the row parser, the day/month evidence of slash dates, and the join of
 * authentication-detail rows to their sign-ins. */
#ifndef SL_READ_CSV_H
#define SL_READ_CSV_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"
#include "read_json.h"
#include "row.h"

/* ---- splitter ------------------------------------------------------------------------ */

/* Finds record boundaries: a CR or LF outside a quoted cell ends a record (RFC 4180, with
 * the same rules for stray quotes as libcsv's lax mode, so both agree on where rows end).
 * Records are emitted as struct sl_doc without their line end; blank lines are skipped. */
struct sl_cscan {
	int state;
	char delim;
	uint64_t line;        /* current line (1-based) */
	long rec_start;       /* offset of the record being collected, -1 none */
	uint64_t rec_line;
	size_t pos;
};
void sl_cscan_init(struct sl_cscan *s, char delim, uint64_t line);
/* As sl_jscan_feed: returns the offset of the first byte of an incomplete record (or len). */
size_t sl_cscan_feed(struct sl_cscan *s, const char *buf, size_t len, int eof,
                     struct sl_doc **docs, size_t *ndocs, size_t *cap);
void sl_cscan_rebase(struct sl_cscan *s, size_t shift);

/* The delimiter of a header line: the most frequent of , ; TAB outside quotes (',' on ties). */
char sl_csv_delim(const char *s, size_t n);

/* ---- a file's columns ---------------------------------------------------------------- */

enum sl_csvkind {
	SL_CSV_PORTAL,        /* Entra admin center download: "Date (UTC)", "Request ID", ... */
	SL_CSV_TABLE,         /* Log Analytics or PowerShell: JSON property names, dotted */
	SL_CSV_AUTHDETAILS    /* InteractiveSignIns_AuthDetails: one row per authentication step */
};

enum sl_datefirst { SL_DATE_INFER, SL_DATE_MDY, SL_DATE_DMY };

struct sl_csvcol {
	char *title;          /* as written, trimmed (owned) */
	int how;              /* private: what the reader does with the cell */
	int field;            /* registry field, or -1 */
	int known;            /* the title names a field, loaded or not */
	int status;           /* the Status column (text in portal files, JSON in tables) */
	struct sl_jcol jc;    /* SL_CSV_TABLE columns */
};

/* Everything a worker needs to parse the rows of one file; read-only once built. Owns its
 * strings. */
struct sl_csvfile {
	const char *name;                 /* display name (borrowed) */
	enum sl_csvkind kind;
	char delim;
	size_t ncols;
	struct sl_csvcol *cols;
	size_t nactive;                   /* the columns the reader does not ignore, in order */
	size_t *active;
	int evhint;                       /* event type from the file name + 1; 0 none */
	enum sl_datefirst order;          /* how slash dates read (SL_DATE_INFER: month first
	                                   * unless a value cannot be) */
	int has_slash_dates;              /* set by the caller after looking at the values */
	char *unknown;                    /* titles the reader does not use, for --verbose */
	const struct sl_authjoin *auth;   /* authentication steps to join by request id */
};

/* Build cf from the header record (text as in the file, len bytes, no line end). name is
 * borrowed; path is the file's path (its name may tell the event type). Returns 0, or -1
 * with *err set (owned) when the columns cannot make a sign-in. */
int sl_csv_header(struct sl_csvfile *cf, const char *name, const char *path, const char *text,
                  size_t len, char delim, char **err);
void sl_csv_file_free(struct sl_csvfile *cf);

/* ---- rows ----------------------------------------------------------------------------- */

struct sl_csvparser;                  /* per thread; owns a libcsv parser */
struct sl_csvparser *sl_csvparser_new(void);
void sl_csvparser_free(struct sl_csvparser *p);
/* slow != 0: split every record with libcsv instead of the fast splitter (which hands a
 * record to libcsv only when it holds a stray quote); the results must be the same, and
 * the unit tests compare them. */
void sl_csvparser_slow(struct sl_csvparser *p, int slow);

/* Parse one record into a row appended to *rows. cut: the input ended inside a quoted cell.
 * lost[c] is set when column c held a .NET type name (a PowerShell export that lost nested
 * data). Strings point into scratch. */
void sl_csv_parse_doc(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                      const char *rec, size_t len, uint64_t line, int cut, struct sl_arena *scratch,
                      struct sl_row **rows, size_t *nrows, size_t *cap, uint8_t *lost);

/* Parse every record of a block of the file: buf starts at a record start (line line) and
 * ends after a line end, or at the end of the file (final). Records are found as the
 * splitter finds them; only quoted cells that stay open past the block end differ (final:
 * the file ends inside them; else a stray quote made the block end inside them). */
void sl_csv_parse_chunk(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                        const char *buf, size_t len, uint64_t line, int final, struct sl_arena *scratch,
                        struct sl_row **rows, size_t *nrows, size_t *cap, uint8_t *lost);

/* The same, stopping after max_rows rows: returns the bytes read, and *line is the line
 * reached. Called again on the rest, it goes on as if it had not stopped. */
size_t sl_csv_parse_some(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                         const char *buf, size_t len, uint64_t *line, int final, size_t max_rows,
                         struct sl_arena *scratch, struct sl_row **rows, size_t *nrows, size_t *cap,
                         uint8_t *lost);

/* Where a block of CSV may end: after the last line end in buf[start, len) outside quotes
 * when quotes are counted in pairs (RFC 4180). Returns that offset, or start if there is
 * none. *lines gets the line feeds in buf[start, result). */
size_t sl_csv_block_end(const char *buf, size_t start, size_t len, uint64_t *lines);

/* ---- day/month order ------------------------------------------------------------------- */

/* What the slash dates of a file say: a first number over 12 can only be a day, a second
 * number over 12 only a day too (so the first is the month). */
struct sl_dateev {
	uint64_t dmy, mdy, ambiguous, slash;
	uint64_t dmy_line, mdy_line, amb_line;
	char dmy_ex[40], mdy_ex[40], amb_ex[40];
};
/* Look at the time cells of one record. */
void sl_csv_dates(struct sl_csvparser *p, const struct sl_csvfile *cf, const char *rec, size_t len,
                  uint64_t line, struct sl_dateev *ev);

/* ---- authentication details ------------------------------------------------------------- */

/* Steps keyed by request id. Built by one thread before the sign-ins are read, then only
 * read. Owns its memory. */
struct sl_authjoin;
struct sl_authjoin *sl_authjoin_new(void);
void sl_authjoin_free(struct sl_authjoin *j);
/* Add the steps of one record of an AuthDetails file (index src among the files that
 * provide steps). Returns NULL, or why the record was not used (static or scratch text). */
const char *sl_authjoin_add(struct sl_authjoin *j, struct sl_csvparser *p, struct sl_jparser *jp,
                            const struct sl_csvfile *cf, const char *rec, size_t len, uint64_t line,
                            size_t src, struct sl_arena *scratch);
/* Group the steps by request id; call once after the last add. */
void sl_authjoin_done(struct sl_authjoin *j);
/* Steps of a request (n = 0: none); *group identifies the request for sl_authjoin_mark. */
const struct sl_val *sl_authjoin_find(const struct sl_authjoin *j, const char *rid, size_t len,
                                      uint32_t *n, uint32_t *group);
/* Record that the steps of group went into a loaded sign-in (committer thread only). */
void sl_authjoin_mark(struct sl_authjoin *j, uint32_t group);
/* Per source file: steps added, steps whose sign-in was loaded, steps not used because an
 * earlier file gave the steps of the same request. */
void sl_authjoin_counts(const struct sl_authjoin *j, size_t src, uint64_t *steps, uint64_t *matched,
                        uint64_t *dups);

/* Build the title tables for the fields a run loads (want as for sl_store_init, NULL: all);
 * after sl_json_init, and the first call wins. */
void sl_csv_init(const uint8_t *want);

#endif
