/* read_csv.c — CSV exports into rows: portal downloads by their (possibly localised) titles,
 * Log Analytics and PowerShell tables through the JSON paths, AuthDetails joined by request id. */
#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include "read_csv.h"
#include "dict.h"
#include "field.h"
#include "sltime.h"
#include "util.h"

/* What a column's cell does. */
enum {
	H_IGNORE,
	H_FIELD,      /* portal: a value, rendered the portal's way */
	H_TIME,       /* a date */
	H_LOCATION,   /* portal "City, State, CC" */
	H_STATUS,     /* portal Status text: only says success when the error code is blank */
	H_JSON,       /* table: a JSON property (plain value or JSON text) */
	H_JTIME,      /* table: a JSON property that is a time */
	H_STEP        /* AuthDetails: a field of the authentication step */
};

/* ---- title and value tables ---------------------------------------------------------- */

struct title { char *norm; int field; int how; };
struct valmap { int field; int any_bool; char *norm; const char *to; };

static struct title *titles;
static size_t ntitles;
static struct valmap *vals;
static size_t nvals;
static uint8_t want[SL_F__COUNT];     /* fields the run loads */
static uint8_t has_vals[SL_F__COUNT]; /* the value table has rows for the field */

/* One character of a title or value as compared: white space (also U+00A0 and U+202F, which
 * translated titles carry) gives ' ', the typographic apostrophes U+2018, U+2019 and U+02BC
 * give an ASCII one, ASCII letters lower case. Returns the bytes used. */
static size_t fold(const char *s, size_t n, size_t i, char *out)
{
	unsigned char ch = (unsigned char)s[i], c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0,
	              c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
	if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
		*out = ' ';
		return 1;
	}
	if (ch == 0xC2 && c1 == 0xA0) {
		*out = ' ';
		return 2;
	}
	if (ch == 0xE2 && c1 == 0x80 && c2 == 0xAF) {
		*out = ' ';
		return 3;
	}
	if ((ch == 0xE2 && c1 == 0x80 && (c2 == 0x98 || c2 == 0x99))) {
		*out = '\'';
		return 3;
	}
	if (ch == 0xCA && c1 == 0xBC) {
		*out = '\'';
		return 2;
	}
	*out = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	return 1;
}

/* s as compared: folded, trimmed, one space for each run of white space. */
static char *norm(const char *s, size_t n)
{
	char *o = sl_xmalloc(n + 1), *d = o;
	int sp = 0;
	for (size_t i = 0; i < n;) {
		char c;
		i += fold(s, n, i, &c);
		if (c == ' ') {
			sp = d > o;
			continue;
		}
		if (sp)
			*d++ = ' ';
		sp = 0;
		*d++ = c;
	}
	*d = '\0';
	return o;
}

static const struct title *title_find(const char *s, size_t n)
{
	char *k = norm(s, n);
	const struct title *hit = NULL;
	for (size_t i = 0; i < ntitles && !hit; i++)
		if (strcmp(titles[i].norm, k) == 0)
			hit = &titles[i];
	free(k);
	return hit;
}

static void title_add(const char *t, size_t n, int field, int how)
{
	titles = sl_xrealloc(titles, (ntitles + 1) * sizeof *titles);
	titles[ntitles].norm = norm(t, n);
	titles[ntitles].field = field;
	titles[ntitles].how = how;
	ntitles++;
}

void sl_csv_init(const uint8_t *wanted)
{
	static int done;
	if (done)
		return;
	done = 1;
	if (wanted)
		memcpy(want, wanted, sizeof want);
	else
		sl_fields_all(want);
	sl_fields_core(want);
	for (int f = 0; f < SL_F__COUNT; f++) {
		const char *p = sl_fields[f].csv;
		while (*p) {
			const char *e = strchr(p, '|');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			int how = f == SL_F_STATUS ? H_STATUS : sl_fields[f].type == SL_FT_TIME ? H_TIME :
			          sl_fields[f].list ? H_STEP : H_FIELD;
			if (f == SL_F_CITY || f == SL_F_STATE || f == SL_F_COUNTRY)
				how = H_LOCATION;
			/* a title two fields share goes to the first: "Location" to the city (the cell
			 * fills all three), "Date (UTC)" to the sign-in time (AuthDetails files take it
			 * as the step time) */
			if (!title_find(p, len))
				title_add(p, len, f, how);
			p += len + (e ? 1 : 0);
		}
	}
	struct alias { const char *from, *to; };
	static const struct alias tal[] = {
#define T(lang, from, to) { from, to },
#define V(lang, title, from, to)
#include "csv-aliases.def"
#undef T
#undef V
	};
	for (size_t i = 0; i < sizeof tal / sizeof tal[0]; i++) {
		const struct title *t = title_find(tal[i].to, strlen(tal[i].to));
		/* an alias of a title the registry does not read names a column that is known
		 * and ignored */
		title_add(tal[i].from, strlen(tal[i].from), t ? t->field : -1, t ? t->how : H_IGNORE);
	}
	struct vrow { const char *title, *from, *to; };
	static const struct vrow val[] = {
#define T(lang, from, to)
#define V(lang, title, from, to) { title, from, to },
#include "csv-aliases.def"
#undef T
#undef V
	};
	vals = sl_xcalloc(sizeof val / sizeof val[0], sizeof *vals);
	for (size_t i = 0; i < sizeof val / sizeof val[0]; i++) {
		const struct title *t = *val[i].title ? title_find(val[i].title, strlen(val[i].title)) : NULL;
		if (*val[i].title && !t)
			sl_die(SL_EXIT_ERROR, "csv-aliases.def: value row for unknown title '%s'", val[i].title);
		vals[nvals].field = t ? t->field : -1;
		vals[nvals].any_bool = !t;
		vals[nvals].norm = norm(val[i].from, strlen(val[i].from));
		vals[nvals].to = val[i].to;
		if (t)
			has_vals[t->field] = 1;
		nvals++;
	}
}

/* Does s read as the normalised text k (see norm)? */
static int norm_eq(const char *s, size_t n, const char *k)
{
	int sp = 0, any = 0;
	for (size_t i = 0; i < n;) {
		char c;
		i += fold(s, n, i, &c);
		if (c == ' ') {
			sp = any;
			continue;
		}
		/* k ends at its NUL: a NUL in the cell must not match it and read past the end */
		if (sp && *k++ != ' ')
			return 0;
		sp = 0;
		any = 1;
		if (*k == '\0' || *k++ != c)
			return 0;
	}
	return *k == '\0';
}

/* The value a portal cell stands for, from the value table. */
static const char *val_find(int field, const char *s, size_t n)
{
	int b = sl_fields[field].type == SL_FT_BOOL;
	if (!has_vals[field] && !b)
		return NULL;
	for (size_t i = 0; i < nvals; i++)
		if ((vals[i].field == field || (vals[i].any_bool && b)) && norm_eq(s, n, vals[i].norm))
			return vals[i].to;
	return NULL;
}

/* Fields whose values the JSON exports spell as camelCase enumeration members. */
static int enum_like(int f)
{
	switch (f) {
	case SL_F_USER_TYPE: case SL_F_CROSS_TENANT: case SL_F_INCOMING_TOKEN: case SL_F_CREDENTIAL_TYPE:
	case SL_F_AUTH_PROTOCOL: case SL_F_CA_STATUS: case SL_F_AUTH_REQ: case SL_F_TOKEN_ISSUER_TYPE:
	case SL_F_MSI_TYPE: case SL_F_RISK_AGG: case SL_F_RISK_DURING: case SL_F_RISK_STATE: case SL_F_RISK_DETAIL:
		return 1;
	default:
		return 0;
	}
}

/* ---- splitter ------------------------------------------------------------------------- */

/* The first byte equal to a or b in [s, end), or end. Cells are short, so a word-at-a-time
 * loop beats a library call per cell. */
static inline __attribute__((always_inline)) const char *find2(const char *s, const char *end, char a, char b)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const uint64_t ma = ones * (unsigned char)a, mb = ones * (unsigned char)b;
#ifdef __SSE2__
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	while (end - s >= 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)));
		if (m)
			return s + __builtin_ctz(m);
		s += 16;
	}
#endif
	while (s + 8 <= end) {
		uint64_t w, x, y;
		memcpy(&w, s, 8);
		x = w ^ ma;
		y = w ^ mb;
		x = (x - ones) & ~x & highs;
		y = (y - ones) & ~y & highs;
		if (x | y)
			break;
		s += 8;
	}
	while (s < end && *s != a && *s != b)
		s++;
	return s;
}

/* The same for three bytes. */
static inline __attribute__((always_inline)) const char *find3(const char *s, const char *end, char a, char b, char c)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const uint64_t ma = ones * (unsigned char)a, mb = ones * (unsigned char)b, mc = ones * (unsigned char)c;
#ifdef __SSE2__
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
	while (end - s >= 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, va), _mm_cmpeq_epi8(w, vb)), _mm_cmpeq_epi8(w, vc));
		unsigned m = (unsigned)_mm_movemask_epi8(e);
		if (m)
			return s + __builtin_ctz(m);
		s += 16;
	}
#endif
	while (s + 8 <= end) {
		uint64_t w, x, y, z;
		memcpy(&w, s, 8);
		x = w ^ ma;
		y = w ^ mb;
		z = w ^ mc;
		x = (x - ones) & ~x & highs;
		y = (y - ones) & ~y & highs;
		z = (z - ones) & ~z & highs;
		if (x | y | z)
			break;
		s += 8;
	}
	while (s < end && *s != a && *s != b && *s != c)
		s++;
	return s;
}

enum { S_START, S_UNQ, S_QUOTED, S_MAYBE_END, S_END };

/* One byte by libcsv's lax rules: the state after ch, or S_END when ch ends the record. */
static int lax_step(int st, char ch, char delim)
{
	switch (st) {
	case S_QUOTED:
		return ch == '"' ? S_MAYBE_END : S_QUOTED;
	case S_MAYBE_END:
		if (ch == '"')
			return S_QUOTED;
		if (ch == delim)
			return S_START;
		if (ch == '\n' || ch == '\r')
			return S_END;
		/* a quote inside a quoted cell that is not doubled is kept as text */
		return S_QUOTED;
	case S_START:
		if (ch == '"')
			return S_QUOTED;
		/* fall through */
	default:
		if (ch == delim)
			return S_START;
		if (ch == '\n' || ch == '\r')
			return S_END;
		return S_UNQ;
	}
}

void sl_cscan_init(struct sl_cscan *s, char delim, uint64_t line)
{
	memset(s, 0, sizeof *s);
	s->delim = delim;
	s->line = line;
	s->rec_start = -1;
}

static void emit(struct sl_cscan *s, size_t end, int cut, struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	size_t start = (size_t)s->rec_start;
	s->rec_start = -1;
	if (end == start)
		return;
	sl_grow((void **)docs, cap, *ndocs + 1, sizeof **docs);
	struct sl_doc *d = &(*docs)[(*ndocs)++];
	d->off = start;
	d->len = end - start;
	d->line = s->rec_line;
	d->at_eof = cut;
	d->resync = 0;
}

size_t sl_cscan_feed(struct sl_cscan *s, const char *buf, size_t len, int eof,
                     struct sl_doc **docs, size_t *ndocs, size_t *cap)
{
	size_t i = s->pos;
	int st = s->state;
	const char delim = s->delim;
	while (i < len) {
		char ch = buf[i];
		if (s->rec_start < 0) {
			if (ch == '\n') {
				s->line++;
				i++;
				continue;
			}
			if (ch == '\r') {
				i++;
				continue;
			}
			s->rec_start = (long)i;
			s->rec_line = s->line;
			st = S_START;
		}
		if (st == S_QUOTED) {
			/* the common case, a quoted cell: straight to its next quote */
			const char *q = find2(buf + i, buf + len, '"', '\n');
			i = (size_t)(q - buf);
			if (i < len) {
				if (*q == '\n')
					s->line++;
				else
					st = S_MAYBE_END;
				i++;
			}
			continue;
		}
		int next = lax_step(st, ch, delim);
		if (next != S_END) {
			st = next;
			i++;
			continue;
		}
		/* a line end outside quotes ends the record */
		emit(s, i, 0, docs, ndocs, cap);
	}
	if (eof && s->rec_start >= 0)
		emit(s, len, st == S_QUOTED, docs, ndocs, cap);
	s->state = st;
	s->pos = len;
	return s->rec_start >= 0 ? (size_t)s->rec_start : len;
}

void sl_cscan_rebase(struct sl_cscan *s, size_t shift)
{
	s->pos -= shift;
	if (s->rec_start >= 0)
		s->rec_start -= (long)shift;
}

char sl_csv_delim(const char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0;
	int q = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '"')
			q = !q;
		else if (!q && (ch == '\n' || ch == '\r'))
			break;
		else if (!q && ch == ',')
			comma++;
		else if (!q && ch == ';')
			semi++;
		else if (!q && ch == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* ---- record parser (libcsv) ------------------------------------------------------------- */

enum { MEMO_SLOTS = 256, MEMO_TEXT = 40 };

struct sl_csvparser {
	struct csv_parser cp;
	const struct sl_csvfile *cf;  /* NULL: keep every cell (the header) */
	struct sl_arena *scratch;
	size_t col, rows;
	const char **cell;
	uint32_t *clen;
	size_t ccap;
	uint8_t *lost;
	int want_dates;               /* keep only the date cells */
	int slow;                     /* always libcsv (tests) */
	int status_lost;              /* this record's Status cell held a .NET type name */
	struct sl_arena dates;        /* sl_csv_dates' cells */
	struct memo {                 /* recent answers of val_find: a column has few values */
		int field;            /* -1: empty */
		uint32_t len;
		const char *to;
		char text[MEMO_TEXT];
	} memo[MEMO_SLOTS];
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

struct sl_csvparser *sl_csvparser_new(void)
{
	struct sl_csvparser *p = sl_xcalloc(1, sizeof *p);
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		p->memo[i].field = -1;
	sl_arena_init(&p->dates, 4096);
	if (csv_init(&p->cp, 0) != 0)
		sl_die(SL_EXIT_ERROR, "out of memory");
	/* cells are kept as written: the reader trims where the format calls for it */
	csv_set_space_func(&p->cp, no_space);
	/* libcsv grows its cell buffer by this much: the default (128 bytes) makes a cell of
	 * megabytes a long series of reallocations */
	csv_set_blk_size(&p->cp, 1 << 16);
	return p;
}

void sl_csvparser_slow(struct sl_csvparser *p, int slow)
{
	p->slow = slow;
}

void sl_csvparser_free(struct sl_csvparser *p)
{
	if (!p)
		return;
	csv_free(&p->cp);
	sl_arena_free(&p->dates);
	free(p->cell);
	free(p->clen);
	free(p);
}

/* PowerShell's Export-Csv writes the .NET type of an object it cannot flatten. */
static int typename(const char *s, size_t n)
{
	if (n < 8 || n > 300 || (s[0] != 'M' && s[0] != 'S'))
		return 0;
	if (!(n > 16 && memcmp(s, "Microsoft.Graph.", 16) == 0) && memcmp(s, "System.", 7) != 0)
		return 0;
	/* a type name has no space and no quote (so the check reads the same before and after
	 * doubled quotes are undone) */
	return memchr(s, ' ', n) == NULL && memchr(s, '"', n) == NULL;
}

static void cb_cell(void *s, size_t len, void *data)
{
	struct sl_csvparser *p = data;
	size_t c = p->col++;
	if (p->rows)
		return;
	if (p->cf) {
		if (c >= p->cf->ncols)
			return;
		int how = p->cf->cols[c].how;
		/* every column is looked at, so the warning does not depend on the command */
		if (len && p->lost && typename(s, len)) {
			p->lost[c] = 1;
			p->status_lost |= p->cf->cols[c].status;
			return;
		}
		if (how == H_IGNORE || (p->want_dates && how != H_TIME && how != H_JTIME))
			return;
	}
	if (c >= p->ccap) {
		size_t old = p->ccap;
		sl_grow((void **)&p->cell, &p->ccap, c + 1, sizeof *p->cell);
		p->clen = sl_xrealloc(p->clen, p->ccap * sizeof *p->clen);
		for (size_t k = old; k < p->ccap; k++) {
			p->cell[k] = NULL;
			p->clen[k] = 0;
		}
	}
	char *d = sl_arena_bytes(p->scratch, len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	p->cell[c] = d;
	p->clen[c] = (uint32_t)(len > UINT32_MAX ? UINT32_MAX : len);
}

static void cb_row(int ch, void *data)
{
	(void)ch;
	((struct sl_csvparser *)data)->rows++;
}

/* Split one record into cells; returns the cell count, or -1 if it is not one row. */
static long split(struct sl_csvparser *p, const struct sl_csvfile *cf, const char *rec, size_t len,
                  struct sl_arena *scratch)
{
	p->cf = cf;
	p->scratch = scratch;
	p->col = p->rows = 0;
	p->status_lost = 0;
	for (size_t k = 0; k < p->ccap; k++) {
		p->cell[k] = NULL;
		p->clen[k] = 0;
	}
	if (csv_parse(&p->cp, rec, len, cb_cell, cb_row, p) != len)
		sl_die(SL_EXIT_ERROR, "CSV parser: %s", csv_strerror(csv_error(&p->cp)));
	csv_fini(&p->cp, cb_cell, cb_row, p);
	return p->rows == 1 ? (long)p->col : -1;
}

/* The common case without libcsv: cells that are plain or quoted with doubled quotes only.
 * Reads one record from rec up to its line end (a CR or LF outside quotes) or len; *used
 * gets its length without the line end and *nl the line feeds inside its quoted cells.
 * Cells point into rec unless a doubled quote had to be undone. Returns the cell count, or
 * -2 when the record holds anything else (a stray quote, a quote left open): libcsv then
 * decides. The unit tests check that both read every record alike. */
static long fast_record(struct sl_csvparser *p, const struct sl_csvfile *cf, const char *rec, size_t len,
                        struct sl_arena *scratch, size_t *used, uint64_t *nl)
{
	const char delim = cf->delim;
	const char *s = rec, *end = rec + len;
	const size_t ncols = cf->ncols;
	const struct sl_csvcol *cols = cf->cols;
	uint8_t *lost = p->lost;
	size_t c = 0;
	uint64_t lines = 0;
	int status_lost = 0;
	if (p->ccap < ncols) {
		size_t old = p->ccap;
		sl_grow((void **)&p->cell, &p->ccap, ncols, sizeof *p->cell);
		p->clen = sl_xrealloc(p->clen, p->ccap * sizeof *p->clen);
		for (size_t k = old; k < p->ccap; k++)
			p->cell[k] = NULL;
	}
	const char **cell = p->cell;
	uint32_t *clen = p->clen;
	for (;; c++) {
		const char *v, *e;
		int doubled = 0;
		if (s < end && *s == '"') {
			const char *q = s + 1;
			for (;;) {
				q = find2(q, end, '"', '\n');
				if (q == end)
					return -2;
				if (*q == '"') {
					if (q + 1 < end && q[1] == '"') {
						doubled = 1;
						q += 2;
						continue;
					}
					break;
				}
				lines++;
				q++;
			}
			v = s + 1;
			e = q;
			s = q + 1;
			if (s < end && *s != delim && *s != '\r' && *s != '\n')
				return -2;
		} else {
			v = s;
			e = find3(s, end, delim, '\r', '\n');
			s = e;
		}
		if (c < ncols) {
			size_t n = (size_t)(e - v);
			int how = cols[c].how;
			if (n && lost && (*v == 'M' || *v == 'S') && typename(v, n)) {
				lost[c] = 1;
				status_lost |= cols[c].status;
				how = H_IGNORE;
			}
			if (how == H_IGNORE) {
				cell[c] = NULL;
			} else {
				if (doubled) {
					char *o = sl_arena_bytes(scratch, n + 1);
					size_t m = 0;
					for (const char *x = v; x < e; x++) {
						o[m++] = *x;
						if (*x == '"')
							x++;
					}
					o[m] = '\0';
					v = o;
					n = m;
				}
				cell[c] = v;
				clen[c] = (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
			}
		}
		/* s is at the delimiter, a line end or the end */
		if (s == end || *s != delim)
			break;
		s++;
		if (s == end || *s == '\r' || *s == '\n') {
			/* a record ending in a delimiter has an empty last cell */
			c++;
			if (c < ncols)
				cell[c] = NULL;
			break;
		}
	}
	for (size_t k = c + 1; k < ncols; k++)
		cell[k] = NULL;
	p->status_lost = status_lost;
	*used = (size_t)(s - rec);
	*nl = lines;
	return (long)(c + 1);
}

/* Where the record at s ends by libcsv's lax rules (the splitter's state machine): the
 * offset of its line end, or n; *cut: n came inside a quoted cell. */
static size_t lax_end(const char *s, size_t n, char delim, uint64_t *nl, int *cut)
{
	int st = S_START;
	*nl = 0;
	for (size_t i = 0; i < n; i++) {
		if (st == S_QUOTED && s[i] == '\n')
			(*nl)++;
		int next = lax_step(st, s[i], delim);
		if (next == S_END) {
			*cut = 0;
			return i;
		}
		st = next;
	}
	*cut = st == S_QUOTED;
	return n;
}

static const char *cell(const struct sl_csvparser *p, size_t c, size_t *n)
{
	if (c >= p->ccap || !p->cell[c]) {
		*n = 0;
		return NULL;
	}
	*n = p->clen[c];
	return p->cell[c];
}

/* ---- header --------------------------------------------------------------------------- */

static int event_hint(const char *path)
{
	static const struct { const char *prefix; int ev; } names[] = {
		{ "NonInteractiveSignIns", SL_EV_NONINTERACTIVE },
		{ "InteractiveSignIns", SL_EV_INTERACTIVE },
		{ "ApplicationSignIns", SL_EV_SP },
		{ "MSISignIns", SL_EV_MI },
	};
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t l = strlen(names[i].prefix);
		if (strlen(base) >= l && sl_strncaseeq(base, l, names[i].prefix))
			return names[i].ev + 1;
	}
	return 0;
}

/* Does one of the '|'-separated paths of spec start with the dotted title t (whole
 * segments, any case)? */
static int spec_has(const char *spec, const char *t, size_t n)
{
	for (const char *p = spec; *p;) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *q = p + (len && *p == '~');
		size_t ql = len - (size_t)(q - p);
		if (ql >= n && sl_strncaseeq(q, n, t) && (ql == n || q[n] == '.'))
			return 1;
		p += len + (e ? 1 : 0);
	}
	return 0;
}

/* Does a table column name something of the registry, whether this run loads it or not? */
static int known_path(const char *t, size_t n)
{
	for (int f = 0; f < SL_F__COUNT; f++)
		if (!sl_fields[f].list && (spec_has(sl_fields[f].json, t, n) || spec_has(sl_fields[f].la, t, n)))
			return 1;
	for (int l = 1; l < SL_LIST__COUNT; l++)
		if (spec_has(sl_lists[l].json, t, n))
			return 1;
	return sl_strncaseeq(t, n, "signInEventTypes") || sl_strncaseeq(t, n, "properties");
}

/* A Log Analytics export writes "TimeGenerated [UTC]": the bracketed unit is not the name. */
static size_t strip_unit(const char *t, size_t n)
{
	if (n > 2 && t[n - 1] == ']') {
		const char *o = memchr(t, '[', n);
		if (o && o > t) {
			n = (size_t)(o - t);
			while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
				n--;
		}
	}
	return n;
}

static char *list_titles(const struct sl_csvfile *cf, int (*pick)(const struct sl_csvcol *), size_t *count)
{
	size_t cap = 64, len = 0, k = 0;
	char *s = sl_xmalloc(cap);
	s[0] = '\0';
	for (size_t c = 0; c < cf->ncols; c++) {
		if (!pick(&cf->cols[c]))
			continue;
		k++;
		if (k > 20)
			continue;
		size_t need = len + strlen(cf->cols[c].title) + 8;
		if (need > cap) {
			cap = need * 2;
			s = sl_xrealloc(s, cap);
		}
		len += (size_t)sprintf(s + len, "%s\"%s\"", len ? ", " : "", cf->cols[c].title);
	}
	if (k > 20) {
		s = sl_xrealloc(s, len + 40);
		sprintf(s + len, " and %zu more", k - 20);
	}
	*count = k;
	return s;
}

static int unused(const struct sl_csvcol *c)
{
	return c->how == H_IGNORE && !c->known;
}

int sl_csv_header(struct sl_csvfile *cf, const char *name, const char *path, const char *text,
                  size_t len, char delim, char **err)
{
	struct sl_csvparser *p = sl_csvparser_new();
	struct sl_arena a;
	int rc = -1, portal = 0, steps = 0, signin = 0;
	int have_time = 0, have_id = 0, have_status = 0;

	sl_csv_init(NULL);
	memset(cf, 0, sizeof *cf);
	*err = NULL;
	cf->name = name;
	cf->delim = delim;
	sl_arena_init(&a, 1 << 16);
	csv_set_delim(&p->cp, (unsigned char)delim);
	long n = split(p, NULL, text, len, &a);
	if (n < 1) {
		*err = sl_xstrdup("the CSV header line is malformed");
		goto out;
	}
	cf->ncols = (size_t)n;
	cf->cols = sl_xcalloc(cf->ncols, sizeof *cf->cols);
	for (size_t c = 0; c < cf->ncols; c++) {
		size_t l;
		const char *t = cell(p, c, &l);
		while (l && (*t == ' ' || *t == '\t')) {
			t++;
			l--;
		}
		while (l && (t[l - 1] == ' ' || t[l - 1] == '\t'))
			l--;
		cf->cols[c].title = sl_xstrndup(t ? t : "", l);
		cf->cols[c].field = -1;
		const struct title *ti = title_find(t ? t : "", l);
		if (ti && ti->field >= 0) {
			int f = ti->field;
			if (f == SL_F_TIME || f == SL_F_REQUEST_ID || f == SL_F_ERROR_CODE || f == SL_F_USER)
				portal++;
			if (ti->how == H_STEP)
				steps++;
			if (f == SL_F_ERROR_CODE || ti->how == H_STATUS || f == SL_F_USER || f == SL_F_APP)
				signin++;
		}
	}
	cf->kind = portal >= 2 ? SL_CSV_PORTAL : SL_CSV_TABLE;
	if (portal && steps && !signin)
		cf->kind = SL_CSV_AUTHDETAILS;

	for (size_t c = 0; c < cf->ncols; c++) {
		struct sl_csvcol *col = &cf->cols[c];
		const struct title *ti = title_find(col->title, strlen(col->title));
		struct sl_jcol jc;
		col->known = ti != NULL;
		col->status = (ti && ti->how == H_STATUS) || sl_strncaseeq(col->title, strip_unit(col->title, strlen(col->title)), "status");
		size_t tl = strip_unit(col->title, strlen(col->title));
		int json = sl_json_column(col->title, tl, &jc) == 0;
		if (cf->kind == SL_CSV_TABLE && known_path(col->title, tl))
			col->known = 1;
		if (cf->kind == SL_CSV_AUTHDETAILS) {
			if (ti && ti->field == SL_F_TIME) {
				col->how = H_TIME;
				col->field = SL_F_AUTH_TIME;
			} else if (ti && (ti->how == H_STEP || ti->field == SL_F_REQUEST_ID)) {
				col->how = ti->how == H_STEP ? H_STEP : H_FIELD;
				col->field = ti->field;
			}
			continue;
		}
		if (ti && ti->field >= 0 && ti->how != H_STEP && (cf->kind == SL_CSV_PORTAL || !json)) {
			col->how = ti->how;
			col->field = ti->field;
			col->known = 1;
			if (!want[ti->field] && !(ti->how == H_LOCATION && (want[SL_F_COUNTRY] || want[SL_F_STATE])))
				col->how = H_IGNORE;
		} else if (json) {
			int f = jc.field >= 0 ? jc.field : jc.fallback;
			col->jc = jc;
			col->how = f >= 0 && sl_fields[f].type == SL_FT_TIME ? H_JTIME : H_JSON;
			col->field = f;
			if (sl_strncaseeq(col->title, tl, "status"))
				have_status = 1;
		}
		if (col->how == H_IGNORE)
			continue;
		int f = col->field;
		if (f == SL_F_TIME || col->how == H_JTIME)
			have_time = 1;
		if (f == SL_F_REQUEST_ID || f == SL_F_USER || f == SL_F_USER_ID || f == SL_F_SP_ID || f == SL_F_APP_ID)
			have_id = 1;
		if (f == SL_F_ERROR_CODE || col->how == H_STATUS)
			have_status = 1;
	}
	if (cf->kind == SL_CSV_AUTHDETAILS) {
		have_time = have_status = 1;
		have_id = 0;
		for (size_t c = 0; c < cf->ncols; c++)
			if (cf->cols[c].field == SL_F_REQUEST_ID)
				have_id = 1;
	}
	if (!have_time || !have_id || !have_status) {
		size_t k;
		char *u = list_titles(cf, unused, &k);
		*err = sl_xmalloc(strlen(u) + 200);
		sprintf(*err, "not a sign-in CSV: no column for %s%s%s%s%s; %s%s", !have_time ? "the sign-in time" : "",
		        !have_time && (!have_id || !have_status) ? ", " : "",
		        !have_id ? "an identity (user, user id, service principal or request id)" : "",
		        !have_id && !have_status ? ", " : "", !have_status ? "the status or error code" : "",
		        k ? "titles not recognised: " : "every title was recognised", u);
		free(u);
		goto out;
	}
	if (cf->kind == SL_CSV_PORTAL)
		cf->evhint = event_hint(path);
	cf->active = sl_xcalloc(cf->ncols + 1, sizeof *cf->active);
	for (size_t c = 0; c < cf->ncols; c++)
		if (cf->cols[c].how != H_IGNORE)
			cf->active[cf->nactive++] = c;
	size_t k;
	cf->unknown = list_titles(cf, unused, &k);
	if (!k) {
		free(cf->unknown);
		cf->unknown = NULL;
	}
	rc = 0;
out:
	sl_arena_free(&a);
	sl_csvparser_free(p);
	return rc;
}

void sl_csv_file_free(struct sl_csvfile *cf)
{
	if (!cf)
		return;
	for (size_t c = 0; c < cf->ncols; c++)
		free(cf->cols[c].title);
	free(cf->cols);
	free(cf->active);
	free(cf->unknown);
	memset(cf, 0, sizeof *cf);
}

/* ---- values ---------------------------------------------------------------------------- */

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* "3/12/2025 ..." -> 3 and 12; 0 if the cell is not a slash date. */
static int slash_parts(const char *s, size_t n, unsigned *a, unsigned *b)
{
	size_t i = 0;
	unsigned x = 0, y = 0;
	int dx = 0, dy = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && dx < 3)
		x = x * 10 + (unsigned)(s[i++] - '0'), dx++;
	if (!dx || i >= n || s[i] != '/')
		return 0;
	i++;
	while (i < n && s[i] >= '0' && s[i] <= '9' && dy < 3)
		y = y * 10 + (unsigned)(s[i++] - '0'), dy++;
	if (!dy || i >= n || s[i] != '/')
		return 0;
	*a = x;
	*b = y;
	return 1;
}

static int csv_time(const struct sl_csvfile *cf, const char *s, size_t n, int64_t *out)
{
	unsigned a, b;
	trim(&s, &n);
	if (slash_parts(s, n, &a, &b))
		return sl_time_parse_ex(s, n, cf->order == SL_DATE_DMY ? SL_TIME_DAY_FIRST : 0, out);
	/* d.M.yyyy (German and other cultures) is always day first */
	if (n > 8 && n < 64 && s[0] >= '0' && s[0] <= '9') {
		const char *d1 = memchr(s, '.', n > 3 ? 3 : n);
		if (d1) {
			const char *d2 = memchr(d1 + 1, '.', (size_t)(s + n - d1 - 1) > 3 ? 3 : (size_t)(s + n - d1 - 1));
			if (d2) {
				char buf[64];
				memcpy(buf, s, n);
				buf[d1 - s] = buf[d2 - s] = '/';
				return sl_time_parse_ex(buf, n, SL_TIME_DAY_FIRST, out);
			}
		}
	}
	return sl_time_parse(s, n, out);
}

static void set_time(struct sl_row *r, int f, int64_t t, int prio)
{
	struct sl_val *v = &r->f[f];
	if (v->set && v->prio > prio)
		return;
	memset(v, 0, sizeof *v);
	v->i = t;
	v->set = 1;
	v->prio = (uint8_t)prio;
}

static void set_str(struct sl_row *r, int f, const char *s, size_t n, struct sl_jparser *jp, struct sl_arena *scratch)
{
	trim(&s, &n);
	if (n && !r->f[f].set)
		sl_json_set_text(jp, f, s, n, 3, r, scratch);
}

/* "City, State, CC": parts may be empty; the country is the last, the state the one before
 * it, and a city keeps any commas of its own. */
static void location(struct sl_row *r, const char *s, size_t n, struct sl_jparser *jp, struct sl_arena *scratch)
{
	const char *end = s + n, *c1 = NULL, *c2 = NULL;
	for (const char *p = end; p > s; p--)
		if (p[-1] == ',') {
			if (!c1) {
				c1 = p - 1;
			} else {
				c2 = p - 1;
				break;
			}
		}
	if (!c1) {
		const char *t = s;
		size_t l = n;
		trim(&t, &l);
		int cc = l == 2 && t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z';
		set_str(r, cc ? SL_F_COUNTRY : SL_F_CITY, t, l, jp, scratch);
		return;
	}
	set_str(r, SL_F_COUNTRY, c1 + 1, (size_t)(end - c1 - 1), jp, scratch);
	if (c2) {
		set_str(r, SL_F_STATE, c2 + 1, (size_t)(c1 - c2 - 1), jp, scratch);
		set_str(r, SL_F_CITY, s, (size_t)(c2 - s), jp, scratch);
	} else {
		set_str(r, SL_F_CITY, s, (size_t)(c1 - s), jp, scratch);
	}
}

/* val_find through the parser's memo: a column like Status holds a few values a million
 * times, and the table walk folds every byte. */
static const char *val_memo(struct sl_csvparser *p, int field, const char *s, size_t n)
{
	if (n > MEMO_TEXT)
		return val_find(field, s, n);
	uint32_t h = (uint32_t)field * 0x9E3779B1u ^ (uint32_t)n * 0x85EBCA77u;
	if (n)
		h ^= (uint32_t)(unsigned char)s[0] * 0xC2B2AE3Du ^ (uint32_t)(unsigned char)s[n - 1] * 0x27D4EB2Fu ^
		     (uint32_t)(unsigned char)s[n / 2] * 0x165667B1u;
	struct memo *m = &p->memo[(h ^ h >> 15) & (MEMO_SLOTS - 1)];
	if (m->field == field && m->len == n && sl_same(m->text, s, n))
		return m->to;
	m->field = field;
	m->len = (uint32_t)n;
	memcpy(m->text, s, n);
	m->to = val_find(field, s, n);
	return m->to;
}

/* A portal value into field f: the value table, then the enumeration spelling. */
static void portal_value(struct sl_csvparser *p, struct sl_row *r, int f, const char *s, size_t n, struct sl_jparser *jp,
                         struct sl_arena *scratch)
{
	trim(&s, &n);
	if (!n || r->f[f].set)
		return;
	/* the spreadsheet formula guard some writers put before - + = @ */
	if (n > 1 && s[0] == '\'' && (s[1] == '-' || s[1] == '+' || s[1] == '=' || s[1] == '@')) {
		s++;
		n--;
	}
	const char *to = val_memo(p, f, s, n);
	if (to) {
		sl_json_set_text(jp, f, to, strlen(to), 3, r, scratch);
		return;
	}
	if (enum_like(f) && s[0] >= 'A' && s[0] <= 'Z' && !memchr(s, ' ', n)) {
		char *c = sl_arena_bytes(scratch, n + 1);
		memcpy(c, s, n);
		c[n] = '\0';
		int lower = 1;
		for (size_t i = 1; i < n; i++)
			if (c[i] >= 'A' && c[i] <= 'Z')
				lower = 0;
		if (lower)
			c[0] = (char)(c[0] + 32);
		s = c;
	}
	sl_json_set_text(jp, f, s, n, 3, r, scratch);
}

static const char *cells_error(const struct sl_csvfile *cf, long n, int cut, struct sl_arena *scratch)
{
	if (cut)
		return "the file ends inside a quoted cell (truncated file?)";
	if (n < 0)
		return "malformed quoting: the record does not read as one row";
	return sl_arena_printf(scratch, "%ld cell%s where the header has %zu (the row is not used)", n,
	                       n == 1 ? "" : "s", cf->ncols);
}

/* The row of a record whose n cells are in p. */
static void build_row(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                      const char *rec, size_t len, uint64_t line, int cut, long n, struct sl_arena *scratch,
                      struct sl_row **rows, size_t *nrows, size_t *cap)
{
	struct sl_row *r = sl_row_new(rows, nrows, cap, line);
	const char *status = NULL;
	size_t status_len = 0;

	if (n != (long)cf->ncols || cut) {
		r->error = cells_error(cf, n, cut, scratch);
		return;
	}
	if (sl_utf8_invalid(rec, len))
		r->invalid_utf8 = 1;
	for (size_t ai = 0; ai < cf->nactive; ai++) {
		size_t c = cf->active[ai];
		const struct sl_csvcol *col = &cf->cols[c];
		size_t l;
		const char *s = cell(p, c, &l);
		int64_t t;
		if (!s || !l)
			continue;
		switch (col->how) {
		case H_FIELD:
			portal_value(p, r, col->field, s, l, jp, scratch);
			break;
		case H_TIME:
		case H_JTIME: {
			const char *ts = s;
			size_t tl = l;
			trim(&ts, &tl);
			if (!tl)
				break;
			int fb = col->how == H_JTIME && col->jc.field < 0;
			if (csv_time(cf, ts, tl, &t) == 0 && sl_time_plausible(t)) {
				set_time(r, col->field, t, fb ? 2 : 3);
			} else if (col->field == SL_F_TIME && !r->f[SL_F_TIME].set && csv_time(cf, ts, tl, &t) == 0) {
				r->bad_time = 2;
				r->f[SL_F_TIME].i = t;
			} else if (col->field == SL_F_TIME && !r->f[SL_F_TIME].set) {
				unsigned a, b;
				r->bad_time = 1;
				if (slash_parts(ts, tl, &a, &b) && !r->error)
					r->error = sl_arena_printf(scratch, "date \"%.*s\" is not a valid %s date", (int)(tl > 40 ? 40 : tl), ts,
					                           cf->order == SL_DATE_DMY ? "day/month/year" : "month/day/year");
			}
			break;
		}
		case H_LOCATION:
			location(r, s, l, jp, scratch);
			break;
		case H_STATUS:
			status = s;
			status_len = l;
			break;
		case H_JSON:
			sl_json_cell(jp, &col->jc, s, l, 1, r, scratch);
			break;
		default:
			break;
		}
	}
	if (r->error)
		return;
	if (!r->f[SL_F_ERROR_CODE].set && status) {
		trim(&status, &status_len);
		const char *to = status_len ? val_memo(p, SL_F_STATUS, status, status_len) : NULL;
		if (to && strcmp(to, "success") == 0) {
			r->f[SL_F_ERROR_CODE].i = 0;
			r->f[SL_F_ERROR_CODE].set = 1;
		} else if (status_len) {
			r->error = sl_arena_printf(scratch, "the error code is blank and the status is \"%.*s\"",
			                           (int)(status_len > 40 ? 40 : status_len), status);
		}
	}
	r->evhint = (uint8_t)cf->evhint;
	if (!r->f[SL_F_REQUEST_ID].set)
		r->fp = sl_hash64(rec, len && rec[len - 1] == '\r' ? len - 1 : len);
	if (cf->auth && r->f[SL_F_REQUEST_ID].set) {
		uint32_t k, g;
		const struct sl_val *v = sl_authjoin_find(cf->auth, r->f[SL_F_REQUEST_ID].s, r->f[SL_F_REQUEST_ID].len, &k, &g);
		if (k) {
			r->list[SL_LIST_AUTH].v = (struct sl_val *)v;
			r->list[SL_LIST_AUTH].n = k;
			r->list[SL_LIST_AUTH].prio = 1;
			r->authgrp = g + 1;
		}
	}
	if (!r->f[SL_F_ERROR_CODE].set && p->status_lost) {
		r->error = "no error code: the Status column holds a .NET type name (the export lost it)";
		return;
	}
	sl_row_finish(r, scratch);
}

void sl_csv_parse_doc(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                      const char *rec, size_t len, uint64_t line, int cut, struct sl_arena *scratch,
                      struct sl_row **rows, size_t *nrows, size_t *cap, uint8_t *lost)
{
	size_t used = 0;
	uint64_t nl;
	long n = -2;
	csv_set_delim(&p->cp, (unsigned char)cf->delim);
	p->lost = lost;
	p->want_dates = 0;
	if (!p->slow)
		n = fast_record(p, cf, rec, len, scratch, &used, &nl);
	if (n == -2 || used != len)
		n = split(p, cf, rec, len, scratch);
	p->lost = NULL;
	build_row(p, jp, cf, rec, len, line, cut, n, scratch, rows, nrows, cap);
}

void sl_csv_parse_chunk(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                        const char *buf, size_t len, uint64_t line, int final, struct sl_arena *scratch,
                        struct sl_row **rows, size_t *nrows, size_t *cap, uint8_t *lost)
{
	sl_csv_parse_some(p, jp, cf, buf, len, &line, final, (size_t)-1, scratch, rows, nrows, cap, lost);
}

size_t sl_csv_parse_some(struct sl_csvparser *p, struct sl_jparser *jp, const struct sl_csvfile *cf,
                         const char *buf, size_t len, uint64_t *linep, int final, size_t max_rows,
                         struct sl_arena *scratch, struct sl_row **rows, size_t *nrows, size_t *cap,
                         uint8_t *lost)
{
	size_t i = 0, n0 = *nrows;
	uint64_t line = *linep;
	csv_set_delim(&p->cp, (unsigned char)cf->delim);
	p->want_dates = 0;
	while (i < len && *nrows - n0 < max_rows) {
		char ch = buf[i];
		size_t used = 0;
		uint64_t nl = 0;
		int cut = 0;
		long n = -2;
		if (ch == '\n' || ch == '\r') {
			line += ch == '\n';
			i++;
			continue;
		}
		p->lost = lost;
		if (!p->slow)
			n = fast_record(p, cf, buf + i, len - i, scratch, &used, &nl);
		if (n == -2) {
			used = lax_end(buf + i, len - i, cf->delim, &nl, &cut);
			n = split(p, cf, buf + i, used, scratch);
		}
		p->lost = NULL;
		if (cut && !final) {
			/* only quotes that pair up end blocks: a stray one can leave a cell open */
			struct sl_row *r = sl_row_new(rows, nrows, cap, line);
			r->error = "malformed quoting: a quoted cell runs past the end of its 4 MiB block";
		} else {
			build_row(p, jp, cf, buf + i, used, line, cut, n, scratch, rows, nrows, cap);
		}
		line += nl;
		i += used;
	}
	*linep = line;
	return i;
}

void sl_csv_dates(struct sl_csvparser *p, const struct sl_csvfile *cf, const char *rec, size_t len,
                  uint64_t line, struct sl_dateev *ev)
{
	size_t used = 0;
	uint64_t nl;
	long n = -2;
	sl_arena_reset(&p->dates);
	csv_set_delim(&p->cp, (unsigned char)cf->delim);
	if (!p->slow)
		n = fast_record(p, cf, rec, len, &p->dates, &used, &nl);
	if (n == -2 || used != len) {
		p->want_dates = 1;
		n = split(p, cf, rec, len, &p->dates);
		p->want_dates = 0;
	}
	for (size_t c = 0; n == (long)cf->ncols && c < cf->ncols; c++) {
		size_t l;
		const char *s = cell(p, c, &l);
		unsigned x, y;
		if (!s || (cf->cols[c].how != H_TIME && cf->cols[c].how != H_JTIME))
			continue;
		trim(&s, &l);
		if (!slash_parts(s, l, &x, &y))
			continue;
		ev->slash++;
		char *ex = NULL;
		uint64_t *at = NULL;
		if (x > 12 && y <= 12) {
			if (!ev->dmy++) {
				ex = ev->dmy_ex;
				at = &ev->dmy_line;
			}
		} else if (y > 12 && x <= 12) {
			if (!ev->mdy++) {
				ex = ev->mdy_ex;
				at = &ev->mdy_line;
			}
		} else if (x != y && x <= 12 && y <= 12) {
			if (!ev->ambiguous++) {
				ex = ev->amb_ex;
				at = &ev->amb_line;
			}
		}
		if (ex) {
			size_t k = l < 39 ? l : 39;
			memcpy(ex, s, k);
			ex[k] = '\0';
			*at = line;
		}
	}
}

/* ---- authentication details ---------------------------------------------------------------- */

struct step {
	char *rid;
	uint32_t ridlen;
	uint32_t src;
	size_t seq;
	struct sl_val *v;
};

struct group {
	const char *rid;
	uint32_t ridlen, n, hash, src;
	struct sl_val *v;       /* n * nfields values, contiguous */
	uint8_t matched;
};

struct sl_authjoin {
	struct sl_arena a;
	struct step *steps;
	size_t nsteps, scap;
	struct group *groups;
	size_t ngroups;
	uint32_t *tab;          /* group index + 1, open addressing */
	size_t mask;
};

struct sl_authjoin *sl_authjoin_new(void)
{
	struct sl_authjoin *j = sl_xcalloc(1, sizeof *j);
	sl_arena_init(&j->a, 1 << 20);
	return j;
}

void sl_authjoin_free(struct sl_authjoin *j)
{
	if (!j)
		return;
	sl_arena_free(&j->a);
	free(j->steps);
	free(j->groups);
	free(j->tab);
	free(j);
}

static char *lower_dup(struct sl_arena *a, const char *s, size_t n)
{
	char *d = sl_arena_bytes(a, n + 1);
	sl_ascii_lower(d, s, n);
	d[n] = '\0';
	return d;
}

const char *sl_authjoin_add(struct sl_authjoin *j, struct sl_csvparser *p, struct sl_jparser *jp,
                            const struct sl_csvfile *cf, const char *rec, size_t len, uint64_t line,
                            size_t src, struct sl_arena *scratch)
{
	struct sl_row tmp;
	size_t nf = (size_t)sl_list_nfields[SL_LIST_AUTH];
	const char *rid = NULL;
	size_t ridlen = 0;
	(void)line;
	csv_set_delim(&p->cp, (unsigned char)cf->delim);
	long n = split(p, cf, rec, len, scratch);
	if (n != (long)cf->ncols)
		return cells_error(cf, n, 0, scratch);
	memset(&tmp, 0, sizeof tmp);
	/* sl_json_set_text relies on it to check the cells only when the record is not valid */
	tmp.invalid_utf8 = (uint8_t)sl_utf8_invalid(rec, len);
	for (size_t c = 0; c < cf->ncols; c++) {
		const struct sl_csvcol *col = &cf->cols[c];
		size_t l;
		const char *s = cell(p, c, &l);
		int64_t t;
		if (!s)
			continue;
		trim(&s, &l);
		if (!l)
			continue;
		if (col->field == SL_F_REQUEST_ID) {
			rid = s;
			ridlen = l;
		} else if (col->how == H_TIME) {
			if (csv_time(cf, s, l, &t) == 0 && sl_time_plausible(t))
				set_time(&tmp, col->field, t, 3);
		} else if (col->how == H_STEP) {
			portal_value(p, &tmp, col->field, s, l, jp, scratch);
		}
	}
	if (!rid)
		return "no request id";
	sl_grow((void **)&j->steps, &j->scap, j->nsteps + 1, sizeof *j->steps);
	struct step *st = &j->steps[j->nsteps];
	st->rid = lower_dup(&j->a, rid, ridlen);
	st->ridlen = (uint32_t)ridlen;
	st->src = (uint32_t)src;
	st->seq = j->nsteps++;
	st->v = sl_arena_alloc(&j->a, nf * sizeof *st->v);
	memset(st->v, 0, nf * sizeof *st->v);
	for (size_t k = 0; k < nf; k++) {
		struct sl_val v = tmp.f[sl_list_fields[SL_LIST_AUTH][k]];
		if (v.set && v.s) {
			/* the record's scratch is reused: keep the text */
			char *d = sl_arena_bytes(&j->a, v.len + 1);
			memcpy(d, v.s, v.len);
			d[v.len] = '\0';
			v.s = d;
		}
		st->v[k] = v;
	}
	return NULL;
}

static int step_cmp(const void *a, const void *b)
{
	const struct step *x = a, *y = b;
	int c = strcmp(x->rid, y->rid);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void sl_authjoin_done(struct sl_authjoin *j)
{
	size_t nf = (size_t)sl_list_nfields[SL_LIST_AUTH];
	if (j->nsteps)
		qsort(j->steps, j->nsteps, sizeof *j->steps, step_cmp);
	j->groups = sl_xcalloc(j->nsteps ? j->nsteps : 1, sizeof *j->groups);
	for (size_t i = 0; i < j->nsteps;) {
		size_t e = i;
		while (e < j->nsteps && strcmp(j->steps[e].rid, j->steps[i].rid) == 0)
			e++;
		/* the same request in two files: the first file's steps, like sign-ins */
		uint32_t src = j->steps[i].src;
		for (size_t k = i; k < e; k++)
			if (j->steps[k].src < src)
				src = j->steps[k].src;
		struct group *g = &j->groups[j->ngroups++];
		g->rid = j->steps[i].rid;
		g->ridlen = j->steps[i].ridlen;
		g->hash = sl_hash(g->rid, g->ridlen);
		g->src = src;
		for (size_t k = i; k < e; k++)
			g->n += j->steps[k].src == src;
		g->v = sl_arena_alloc(&j->a, (g->n ? g->n : 1) * nf * sizeof *g->v);
		size_t m = 0;
		for (size_t k = i; k < e; k++)
			if (j->steps[k].src == src)
				memcpy(g->v + (m++) * nf, j->steps[k].v, nf * sizeof *g->v);
		i = e;
	}
	size_t size = 16;
	while (size < j->ngroups * 2)
		size *= 2;
	j->tab = sl_xcalloc(size, sizeof *j->tab);
	j->mask = size - 1;
	for (size_t g = 0; g < j->ngroups; g++) {
		size_t h = j->groups[g].hash & j->mask;
		while (j->tab[h])
			h = (h + 1) & j->mask;
		j->tab[h] = (uint32_t)g + 1;
	}
}

const struct sl_val *sl_authjoin_find(const struct sl_authjoin *j, const char *rid, size_t len,
                                      uint32_t *n, uint32_t *group)
{
	char buf[128];
	*n = 0;
	if (!j->tab || len >= sizeof buf)
		return NULL;
	sl_ascii_lower(buf, rid, len);
	uint32_t h = sl_hash(buf, len);
	for (size_t k = h & j->mask; j->tab[k]; k = (k + 1) & j->mask) {
		const struct group *g = &j->groups[j->tab[k] - 1];
		if (g->hash == h && g->ridlen == len && memcmp(g->rid, buf, len) == 0) {
			*n = g->n;
			*group = j->tab[k] - 1;
			return g->v;
		}
	}
	return NULL;
}

void sl_authjoin_mark(struct sl_authjoin *j, uint32_t group)
{
	if (group < j->ngroups)
		j->groups[group].matched = 1;
}

void sl_authjoin_counts(const struct sl_authjoin *j, size_t src, uint64_t *steps, uint64_t *matched,
                        uint64_t *dups)
{
	*steps = *matched = *dups = 0;
	for (size_t i = 0; i < j->nsteps; i++)
		*steps += j->steps[i].src == src;
	/* steps of a request whose steps an earlier file gave */
	for (size_t i = 0, g = 0; i < j->nsteps; i++) {
		while (g < j->ngroups && strcmp(j->groups[g].rid, j->steps[i].rid) != 0)
			g++;
		if (g < j->ngroups && j->steps[i].src == src && j->groups[g].src != src)
			(*dups)++;
	}
	for (size_t g = 0; g < j->ngroups; g++)
		if (j->groups[g].src == src && j->groups[g].matched)
			*matched += j->groups[g].n;
}

/* ---- blocks ---------------------------------------------------------------------------- */

/* One bit at the top of each byte of w that equals the byte of m. */
static uint64_t match_bytes(uint64_t w, uint64_t m)
{
	const uint64_t highs = 0x8080808080808080ull;
	uint64_t x = w ^ m;
	return ~(((x & ~highs) + ~highs) | x) & highs;
}

size_t sl_csv_block_end(const char *buf, size_t start, size_t len, uint64_t *lines)
{
	const uint64_t mq = 0x0101010101010101ull * '"', mn = 0x0101010101010101ull * '\n';
	uint64_t quotes = 0, lf = 0, qx = 0;
	size_t i = start;
#ifdef __SSE2__
	{
		/* per byte lane: line feeds counted (a match is -1, subtracted), quotes toggled */
		const __m128i vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
		__m128i q = zero;
		while (i + 16 <= len) {
			__m128i n = zero;
			for (int k = 0; k < 255 && i + 16 <= len; k++, i += 16) {
				__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(buf + i));
				q = _mm_xor_si128(q, _mm_cmpeq_epi8(w, vq));
				n = _mm_sub_epi8(n, _mm_cmpeq_epi8(w, vn));
			}
			__m128i sum = _mm_sad_epu8(n, zero);
			lf += (uint64_t)_mm_cvtsi128_si32(sum) + (uint64_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
		}
		unsigned m = (unsigned)_mm_movemask_epi8(q);
		for (; m; m &= m - 1)
			quotes++;
	}
#endif
	while (i + 8 <= len) {
		/* line feeds add up in the bytes of acc (at most 255 words between flushes); for the
		 * quotes only the parity counts, and the parity of a sum of bit counts is that of
		 * the bit count of their exclusive or */
		uint64_t acc = 0;
		for (int k = 0; k < 255 && i + 8 <= len; k++, i += 8) {
			uint64_t w;
			memcpy(&w, buf + i, 8);
			qx ^= match_bytes(w, mq);
			acc += match_bytes(w, mn) >> 7;
		}
		acc = (acc & 0x00ff00ff00ff00ffull) + ((acc >> 8) & 0x00ff00ff00ff00ffull);
		lf += (acc * 0x0001000100010001ull) >> 48;
	}
	quotes += ((qx >> 7) * 0x0101010101010101ull) >> 56;
	for (; i < len; i++) {
		quotes += buf[i] == '"';
		lf += buf[i] == '\n';
	}
	/* back from the end: the quotes before a line end are those of the block less those after */
	uint64_t after = 0;
	for (size_t k = len; k > start; k--) {
		char ch = buf[k - 1];
		if (ch == '"') {
			after++;
		} else if ((ch == '\n' || ch == '\r') && ((quotes - after) & 1) == 0) {
			*lines = lf;
			return k;
		}
		if (ch == '\n')
			lf--;
	}
	*lines = 0;
	return start;
}
