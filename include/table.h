/* table.h — the one structure every report fills and every writer renders. */
#ifndef SL_TABLE_H
#define SL_TABLE_H
#include <stddef.h>
#include <stdint.h>
#include "arena.h"

enum sl_ctype {
	SL_CT_STR,      /* text (attacker-controlled: writers escape it) */
	SL_CT_INT,      /* int64 */
	SL_CT_PCT,      /* double, printed with two decimals */
	SL_CT_TIME,     /* int64 microseconds since epoch, printed ISO 8601 UTC; SL_TIME_NONE = empty */
	SL_CT_FLOAT,    /* double, printed with %.6g */
	SL_CT_BOOL,     /* int64 0/1 */
	SL_CT_LIST      /* items/nitems: the values of a repeating field (attacker text: escaped) */
};

struct sl_cell {
	int null;                  /* no value: "-" in text, empty in csv/md, null in JSON */
	const char *s;             /* SL_CT_STR (NUL-terminated, owned by the report arena) */
	int64_t i;                 /* SL_CT_INT, SL_CT_TIME, SL_CT_BOOL */
	double d;                  /* SL_CT_PCT, SL_CT_FLOAT */
	const char **items;        /* SL_CT_LIST (each NUL-terminated, owned by the report arena) */
	uint32_t nitems;           /* SL_CT_LIST; 0 = an empty list, which is a value (JSON []) */
};

struct sl_column {
	const char *name;          /* CSV header / JSON key: a contract, snake_case */
	const char *title;         /* text/md header (defaults to name when NULL) */
	enum sl_ctype type;
	int bar;                   /* text: draw a bar proportional to this column */
};

enum sl_skind {
	SL_SEC_KV,     /* rows of (key, value): JSON object; key NULL = merged into the root */
	SL_SEC_TABLE,  /* JSON array of objects, one per row */
	SL_SEC_MAP     /* 2+ columns; JSON object {row[0]: row[1]} (other columns only in text/csv/md) */
};

struct sl_section {
	const char *key;           /* JSON key, CSV block name; NULL only for the root KV */
	const char *title;         /* text/md heading */
	enum sl_skind kind;
	size_t ncols;
	struct sl_column *cols;    /* for KV: cols[0] is the key column, cols[1] the value */
	size_t nrows, cap;
	struct sl_cell *cells;     /* nrows * ncols, row-major */
	const char *note;          /* text/md: a line printed under the section (e.g. "12 rows cut by --top") */
	/* KV sections: per-row value types, as rows of one KV section may differ */
	enum sl_ctype *kvtypes;
};

struct sl_report {
	const char *name;          /* "summary" ... ; JSON "report" key */
	const char *title;         /* text heading */
	size_t nsec, cap;
	struct sl_section **secs;
	struct sl_arena arena;     /* owns every string and cell of the report */
	/* The selection the report covers (set by main.c): the JSON "filter" object and the line
	 * under the text heading. reads_signins 0: a command that reads no sign-ins (codes ...). */
	int reads_signins;
	const char *filter;        /* the filters as given, "" for none (owned by the caller) */
	int64_t selected, of;      /* sign-ins selected, and loaded */
};

void sl_report_init(struct sl_report *r, const char *name, const char *title);
void sl_report_free(struct sl_report *r);
/* Add a section; key, title and cols (strings too) are copied into the arena.
 * KV: cols may be NULL (columns "key" STR, "value" STR); only one KV should have key NULL.
 * TABLE needs >= 1 column, MAP >= 2, and both a key: a violation is a bug and exits. */
struct sl_section *sl_report_section(struct sl_report *r, const char *key, const char *title,
                                     enum sl_skind kind, const struct sl_column *cols, size_t ncols);
/* Append a row and return its cells (all null until set); the pointer is valid until the
 * next row is added to the same section. A KV row's type starts as cols[1].type. */
struct sl_cell *sl_section_row(struct sl_report *r, struct sl_section *s);
/* Cell setters: strings are copied into the report arena. */
void sl_cell_str(struct sl_report *r, struct sl_cell *c, const char *s, size_t len);
void sl_cell_cstr(struct sl_report *r, struct sl_cell *c, const char *s);
void sl_cell_int(struct sl_cell *c, int64_t v);
/* A list cell: the n items (and the array) are copied into the report arena. */
void sl_cell_list(struct sl_report *r, struct sl_cell *c, const char *const *items, uint32_t n);
void sl_cell_dbl(struct sl_cell *c, double v);
/* KV helpers: append (key, value) with the value's type. */
void sl_kv_int(struct sl_report *r, struct sl_section *s, const char *key, int64_t v);
void sl_kv_pct(struct sl_report *r, struct sl_section *s, const char *key, double v);
void sl_kv_time(struct sl_report *r, struct sl_section *s, const char *key, int64_t t);
void sl_kv_str(struct sl_report *r, struct sl_section *s, const char *key, const char *v);
/* Tables. Every section is a table of the output contract: it has a name, its key, or the
 * report's name for the root key-value section (whose pairs JSON merges into the document). */
const char *sl_section_name(const struct sl_report *r, const struct sl_section *s);
/* The section named name, or NULL. */
const struct sl_section *sl_report_table(const struct sl_report *r, const char *name);
/* The primary table, what -f csv writes without --table: the first TABLE section, or the first
 * section when the report has no TABLE (NULL when it has no section at all). */
const struct sl_section *sl_report_primary(const struct sl_report *r);

/* The JSON type a column of type t has, by its name in the output contract: text, integer,
 * number, time (an ISO 8601 string), boolean or list (an array of text). */
const char *sl_ctype_name(enum sl_ctype t);
/* A section kind by its name in the output contract: key-value, map or table. */
const char *sl_skind_name(enum sl_skind k);

/* Percentage a/b*100, 0 when b == 0. */
double sl_pct(int64_t a, int64_t b);

/* Type of the cell at (row, col): KV values carry their own type per row. */
static inline enum sl_ctype sl_cell_type(const struct sl_section *s, size_t row, size_t col)
{
	if (s->kind == SL_SEC_KV && col == 1 && s->kvtypes)
		return s->kvtypes[row];
	return s->cols[col].type;
}

static inline const struct sl_cell *sl_cell_at(const struct sl_section *s, size_t row, size_t col)
{
	return &s->cells[row * s->ncols + col];
}

#endif
