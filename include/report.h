/* report.h — reports compute figures from the store into a table; they never print. */
#ifndef SL_REPORT_H
#define SL_REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "ingest.h"
#include "options.h"
#include "table.h"

/* --by values that are not fields: time periods (UTC; weeks are ISO 8601, from Monday). */
enum { SL_BY_NONE = -1, SL_BY_HOUR = -2, SL_BY_DAY = -3, SL_BY_WEEK = -4, SL_BY_MONTH = -5 };

/* Every value given to one option, in command-line order. */
struct sl_optval {
	const char **v;
	size_t n;
};

/* What a report was asked for on the command line. */
struct sl_query {
	int by;                  /* a field (enum sl_fid), an SL_BY_ period, or SL_BY_NONE */
	long top;                /* rows per ranked table; 0 = all; -1 = the report's default */
	int any_status;          /* active: count every attempt, not only successful ones */
	int tz_minutes;          /* user: offset of the hour-of-day grid from UTC */
	const char *arg;         /* user, timeline: the user principal name asked for */
	char **args;             /* commands that read no input (codes): their arguments */
	int nargs;
	const char *search;      /* codes: --search WORD */
	int64_t gap;             /* timeline: --gap in microseconds (default 7 days) */
	const char *columns;     /* list: --columns a,b,c, every --columns joined (NULL: the default set) */
	const char *sort;        /* list: --sort FIELD or -FIELD (NULL: load order) */
	/* every REPORT option as given (options.def), for reports whose options have no field above */
	struct sl_optval opt[SL_O__COUNT];
	/* a filter chose the sign-ins: of is how many were loaded before it (notes say "selected"
	 * rather than "in the input") */
	int filtered;
	int64_t of;
	/* list: only the rows i with sel[i] != 0 (NULL: all); the case report lists the legacy
	 * sign-ins this way instead of copying them into a store of their own */
	/* commands that read history (SL_CMD_HISTORY, commands.def): the store holds every loaded
	 * sign-in, and sel[i] != 0 marks those the filters select (NULL: no filter, all) */
	const uint8_t *sel;
};

/* The query of a command line without report options (each report's defaults). */
void sl_query_init(struct sl_query *q);
/* Where the report's sign-ins come from, for notes: "in the input" or "among the selected
 * sign-ins". */
const char *sl_scope(const struct sl_query *q);

/* A report fills r (initialised by the caller) from the store; fields lists what it reads,
 * ended by SL_F__COUNT: only those fields are loaded. */
typedef void sl_report_fn(struct sl_report *r, const struct sl_ingest *g, const struct sl_query *q);

sl_report_fn sl_report_summary, sl_report_users, sl_report_user, sl_report_active,
	sl_report_status, sl_report_failures, sl_report_mfa, sl_report_apps, sl_report_ca,
	sl_report_risk, sl_report_locations, sl_report_clients, sl_report_timeline,
	sl_report_codes, sl_report_fields, sl_report_schema, sl_report_case;
extern const enum sl_fid sl_summary_fields[], sl_users_fields[], sl_user_fields[],
	sl_active_fields[], sl_status_fields[], sl_failures_fields[], sl_mfa_fields[],
	sl_apps_fields[], sl_ca_fields[], sl_risk_fields[], sl_locations_fields[],
	sl_clients_fields[], sl_timeline_fields[], sl_list_fields_default[], sl_case_fields[];
sl_report_fn sl_report_list;
/* list: mark the fields --columns and --sort name in want[]; returns 0, or -1 with a
 * message naming the unknown field. */
int sl_list_want(const struct sl_query *q, uint8_t want[SL_F__COUNT], char *err, size_t errlen);

/* Legacy-authentication client app (client-app values compared case-insensitively). */
int sl_client_is_legacy(const char *client_app);

/* Parse a duration: N followed by s, m, h, d or w (7d, 36h). Returns 0 and microseconds. */
int sl_duration_parse(const char *s, int64_t *us);
/* A duration in its two largest units among d, h, m, s, truncated (12d 4h, 2h 5m, 45s); a
 * second unit of zero is left out (8d). Written into buf (>= 48 bytes), which it returns. */
const char *sl_duration_text(int64_t us, char *buf, size_t size);

/* ---- shared by reports (report_util.c) ----------------------------------------------- */

/* Parse a --by value: a registry field name or hour|day|week|month. Returns 0 or -1. */
int sl_by_parse(const char *name, int *by);
/* The period of time t: hour and day numbers since the epoch, the day number of the
 * Monday that starts t's ISO week, or year * 12 + month - 1. */
int64_t sl_period_of(int64_t t, int by);
/* The period after p (for listing periods without sign-ins). */
int64_t sl_period_next(int64_t p, int by);
/* Label of period p: 2026-03-02T10, 2026-03-02, 2026-W10 (ISO week year), 2026-03. */
void sl_period_label(int64_t p, int by, char *buf, size_t size);
/* Text of scalar field f in row i for display and grouping ("" when the row has none):
 * text as stored, numbers in decimal, booleans true/false, enumerations by name, times
 * in ISO 8601. The result is in buf (size >= 64) or in the store. */
const char *sl_value_text(const struct sl_store *s, enum sl_fid f, size_t i, char *buf, size_t size);

/* Intern the text of code c of dictionary d into keys lower-cased (ASCII), and return its code
 * there: app ids compare without regard to case, as the definition of apps says. */
uint32_t sl_intern_lower(struct sl_dict *keys, const struct sl_dict *d, uint32_t c);
/* The periods a periodic table lists: every period from the first sign-in's to the last
 * one's, empty ones included (a period without sign-ins shows as 0 rather than missing),
 * while the span holds at most SL_PERIODS_DENSE periods; over a longer span only the periods
 * with sign-ins, so that the rows grow with the input and never with the span alone (two
 * sign-ins 9999 years apart make two rows, not 3.6 million). Owned by the caller. */
#define SL_PERIODS_DENSE 10000
struct sl_periods {
	int64_t *p;              /* the periods listed, ascending */
	size_t n;
	size_t *row;             /* row i of the store -> index of its period in p */
	int64_t span;            /* periods from the first sign-in's to the last one's */
};
/* Fill ps from the store's sign-ins (nothing for an empty store). Returns the note a report
 * shows when empty periods are left out (in r's arena), else NULL. */
const char *sl_periods(struct sl_report *r, const struct sl_store *s, int by, struct sl_periods *ps);
void sl_periods_free(struct sl_periods *ps);

/* The user sign-ins (not service principal or managed identity ones) ordered by user code,
 * by a counting sort: walking them in this order, a key's users are counted distinct with
 * one "last user seen" mark per key instead of a set. Sets *n; the caller frees. */
uint32_t *sl_rows_by_user(const struct sl_store *s, size_t *n);

/* The type a cell of field f has in a report (a repeating field: a list). */
enum sl_ctype sl_field_ctype(enum sl_fid f);
/* The column of a --by breakdown: "period" for a period, else the field's name with '-' as
 * '_' (in r's arena); its type is the field's (sl_by_type). */
const char *sl_by_column(struct sl_report *r, int by);
enum sl_ctype sl_by_type(int by);
/* Set cell c of a --by column to the value whose text (sl_value_text, a period label) is
 * text: a number, time or boolean as such; NULL or "" leave it null. */
void sl_by_cell(struct sl_report *r, struct sl_cell *c, int by, const char *text);

/* The sign-ins grouped by a --by value: of[i] is row i's group. A field: one group per
 * distinct value (group 0: no value; user: the user key), text[k] NULL for group 0. A period:
 * one group per period of the span, in time order (ordered = 1; only the periods with
 * sign-ins over a span too long to list, and then note says so: see sl_periods). */
struct sl_groups {
	uint32_t *of;
	size_t n;
	const char **text;
	int ordered;
	const char *note;        /* in the report's arena, or NULL */
	/* private */
	char *labels;
	struct sl_dict local;
	int own;
};
void sl_groups_make(struct sl_report *r, struct sl_groups *gr, const struct sl_store *s, int by);
void sl_groups_free(struct sl_groups *gr);

/* "; did you mean a, b or c?" (up to three user keys near upn), or "" (r's arena). */
const char *sl_user_suggestions(struct sl_report *r, const struct sl_store *s, const char *upn);

/* The section "hours": sign-ins by hour of day (rows 0-23) and weekday (columns mon-sun), in
 * UTC shifted by --tz, over rows[0..n) (rows NULL: every sign-in of s); drawn as a heat map. */
void sl_hours_section(struct sl_report *r, const struct sl_query *q, const struct sl_store *s,
                      const uint32_t *rows, size_t n);

/* Ranking: count descending, then key ascending (byte order), then first seen. */
struct sl_rank {
	int64_t count;
	const char *key;
	size_t idx;              /* the caller's index of the item */
};
void sl_rank_sort(struct sl_rank *v, size_t n);
/* How many of n ranked rows to show under --top (dflt when --top was not given), and the
 * note that says how many were cut. */
size_t sl_top_rows(struct sl_report *r, struct sl_section *sec, const struct sl_query *q,
                   size_t n, size_t dflt);

#endif
